"""API authentication: a verified (2FA) browser session, or a bearer token.

Two kinds of bearer token: an **API client** token (``zicht_<prefix>_<secret>``, one per
application, with scopes; the request then acts as the client's service user and
``request.auth`` is the :class:`~zicht.api.models.ApiClient`), and a personal token from
"Mijn account" (``accounts.ApiToken``; the user's own permissions, no scopes). Both are
stored as a SHA-256 hash only, and can expire or be revoked.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q
from django.utils import timezone
from rest_framework import authentication, exceptions
from rest_framework.request import Request

from zicht.accounts.models import ApiToken, User
from zicht.accounts.permissions import Perm, has_permission
from zicht.api.models import ApiClient
from zicht.audit.catalogue import Event
from zicht.audit.services import audit_event_record

ONGELDIG = "Het token is ongeldig, verlopen of ingetrokken."


class BearerTokenAuthentication(authentication.BaseAuthentication):
    """``Authorization: Bearer <token>``; tokens are stored hashed and can expire or be revoked."""

    keyword = "Bearer"

    def authenticate(self, request: Request) -> tuple[User, ApiToken | ApiClient] | None:
        header = authentication.get_authorization_header(request).split()
        if not header or header[0].lower() != self.keyword.lower().encode():
            return None
        if len(header) != 2:
            raise exceptions.AuthenticationFailed("Ongeldige Authorization-header.")
        key = header[1].decode(errors="replace")
        prefix = ApiClient.prefix_van(key)
        if prefix is not None:
            return self._client(request, key, prefix)
        now = timezone.now()
        token = (
            ApiToken.objects.select_related("user")
            .filter(sleutel_hash=ApiToken.hash_key(key), ingetrokken_op__isnull=True)
            .filter(Q(verloopt_op__isnull=True) | Q(verloopt_op__gt=now))
            .first()
        )
        if token is None or not token.user.is_active:
            raise exceptions.AuthenticationFailed(ONGELDIG)
        if not has_permission(token.user, Perm.API_GEBRUIKEN):
            raise exceptions.PermissionDenied("Deze gebruiker mag de API niet gebruiken.")
        return token.user, token

    def _client(self, request: Request, key: str, prefix: str) -> tuple[User, ApiClient]:
        client = ApiClient.objects.select_related("gebruiker").filter(token_prefix=prefix).first()
        if client is None or not client.token_klopt(key):
            raise exceptions.AuthenticationFailed(ONGELDIG)
        if not client.bruikbaar or not client.gebruiker.is_active:
            # A known client with a valid secret that may no longer call: worth an audit row.
            audit_event_record(
                event=Event.API_TOKEN_GEWEIGERD,
                actor=None,
                target=client,
                data={"client": client.pk, "status": client.status_label},
                request=request._request,
            )
            raise exceptions.AuthenticationFailed(ONGELDIG)
        return client.gebruiker, client

    def authenticate_header(self, request: Request) -> str:
        return f'{self.keyword} realm="zicht"'


class VerifiedSessionAuthentication(authentication.SessionAuthentication):
    """The browser session, but only after the second factor was passed."""

    def authenticate(self, request: Request) -> tuple[Any, None] | None:
        result = super().authenticate(request)
        if result is None:
            return None
        user = result[0]
        if not user.is_verified():
            return None
        return result


def api_client(request: Request) -> ApiClient | None:
    """The API client making the call, if any (sessions and personal tokens have none)."""
    auth = getattr(request, "auth", None)
    return auth if isinstance(auth, ApiClient) else None
