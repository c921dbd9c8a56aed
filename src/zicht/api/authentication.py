"""API authentication: a verified (2FA) browser session, or a bearer token."""

from __future__ import annotations

from typing import Any

from django.db.models import Q
from django.utils import timezone
from rest_framework import authentication, exceptions
from rest_framework.request import Request

from zicht.accounts.models import ApiToken, User
from zicht.accounts.permissions import Perm, has_permission


class BearerTokenAuthentication(authentication.BaseAuthentication):
    """``Authorization: Bearer <token>``; tokens are stored hashed and can expire or be revoked."""

    keyword = "Bearer"

    def authenticate(self, request: Request) -> tuple[User, ApiToken] | None:
        header = authentication.get_authorization_header(request).split()
        if not header or header[0].lower() != self.keyword.lower().encode():
            return None
        if len(header) != 2:
            raise exceptions.AuthenticationFailed("Ongeldige Authorization-header.")
        key = header[1].decode(errors="replace")
        now = timezone.now()
        token = (
            ApiToken.objects.select_related("user")
            .filter(sleutel_hash=ApiToken.hash_key(key), ingetrokken_op__isnull=True)
            .filter(Q(verloopt_op__isnull=True) | Q(verloopt_op__gt=now))
            .first()
        )
        if token is None or not token.user.is_active:
            raise exceptions.AuthenticationFailed("Het token is ongeldig, verlopen of ingetrokken.")
        if not has_permission(token.user, Perm.API_GEBRUIKEN):
            raise exceptions.PermissionDenied("Deze gebruiker mag de API niet gebruiken.")
        return token.user, token

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
