"""API clients (per application, hashed token, scopes) and stored idempotent results."""

from __future__ import annotations

import hashlib
import hmac
import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone

TOKEN_VOORVOEGSEL = "zicht_"  # noqa: S105 - the public marker of a client token


class ApiClient(models.Model):
    """An application that calls the API (a police router, a municipal dashboard, a form).

    It acts as its linked service user (``gebruiker``): that user's teams and permissions give
    the same object-level access as for a person (``casework.access.casus_scope``). The
    ``scopes`` narrow what the application may call. The token is shown once; only its
    SHA-256 is stored, with a random ``token_prefix`` to find the row."""

    naam = models.CharField("naam", max_length=100, unique=True)
    omschrijving = models.CharField("omschrijving", max_length=250, blank=True)
    gebruiker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="api_clients",
        verbose_name="servicegebruiker",
        help_text="Diens teams en rechten bepalen wat de koppeling mag zien en doen.",
    )
    scopes = models.JSONField("scopes", default=list, blank=True)
    actief = models.BooleanField("actief", default=True)
    token_prefix = models.CharField(max_length=16, unique=True)
    token_hash = models.CharField(max_length=64)
    verloopt_op = models.DateTimeField("verloopt op", null=True, blank=True)
    aangemaakt_op = models.DateTimeField("aangemaakt op")
    aangemaakt_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    ingetrokken_op = models.DateTimeField("ingetrokken op", null=True, blank=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = "API-client"
        verbose_name_plural = "API-clients"
        ordering = ["naam"]

    def __str__(self) -> str:
        return self.naam

    @staticmethod
    def hash_token(token: str) -> str:
        return hashlib.sha256(token.encode()).hexdigest()

    @staticmethod
    def nieuw_token() -> tuple[str, str]:
        """A new ``(token, prefix)``: ``zicht_<prefix>_<secret>``, 256 bits of secret."""
        prefix = secrets.token_hex(6)
        return f"{TOKEN_VOORVOEGSEL}{prefix}_{secrets.token_urlsafe(32)}", prefix

    @staticmethod
    def prefix_van(token: str) -> str | None:
        if not token.startswith(TOKEN_VOORVOEGSEL):
            return None
        prefix, _, geheim = token.removeprefix(TOKEN_VOORVOEGSEL).partition("_")
        if len(prefix) != 12 or not geheim:
            return None
        return prefix

    def token_klopt(self, token: str) -> bool:
        return hmac.compare_digest(self.token_hash, self.hash_token(token))

    @property
    def bruikbaar(self) -> bool:
        return (
            self.actief
            and self.ingetrokken_op is None
            and (self.verloopt_op is None or self.verloopt_op > timezone.now())
        )

    @property
    def status_label(self) -> str:
        if self.ingetrokken_op is not None:
            return "ingetrokken"
        if not self.actief:
            return "inactief"
        if self.verloopt_op is not None and self.verloopt_op <= timezone.now():
            return "verlopen"
        return "actief"

    def heeft_scope(self, scope: str) -> bool:
        return scope in self.scopes


class IdempotentResultaat(models.Model):
    """The first answer to a POST with an ``Idempotency-Key``: a retry gets it again."""

    #: Whose key: ``client:<id>`` for an API client, ``gebruiker:<id>`` otherwise.
    eigenaar = models.CharField(max_length=40)
    sleutel = models.CharField(max_length=200)
    verzoek_hash = models.CharField(max_length=64)
    status_code = models.PositiveSmallIntegerField()
    antwoord = models.JSONField()
    location = models.CharField(max_length=300, blank=True)
    #: The ``ETag`` of the first answer (a retry gets it too, so a client can go on with If-Match).
    etag = models.CharField(max_length=40, blank=True, default="")
    aangemaakt_op = models.DateTimeField()

    class Meta:
        verbose_name = "idempotent resultaat"
        verbose_name_plural = "idempotente resultaten"
        constraints = [
            models.UniqueConstraint(fields=["eigenaar", "sleutel"], name="api_idempotentie_uniek"),
        ]
        indexes = [models.Index(fields=["aangemaakt_op"], name="api_idempotentie_op_idx")]

    def __str__(self) -> str:
        return f"{self.eigenaar}:{self.sleutel}"
