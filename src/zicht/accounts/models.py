"""Users, teams and API tokens. Roles are Django groups over the permission catalogue."""

from __future__ import annotations

import hashlib
import secrets

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models

from zicht.accounts.permissions import LABELS


class Team(models.Model):
    """A team of the organisation; casussen are held by a team (see casework.access)."""

    naam = models.CharField("naam", max_length=100, unique=True)
    omschrijving = models.CharField("omschrijving", max_length=250, blank=True)
    actief = models.BooleanField("actief", default=True)

    class Meta:
        ordering = ["naam"]
        verbose_name = "team"
        verbose_name_plural = "teams"

    def __str__(self) -> str:
        return self.naam


class User(AbstractUser):
    """A Veilig Thuis employee (or a municipal user with aggregate access)."""

    teams = models.ManyToManyField(Team, blank=True, related_name="leden", verbose_name="teams")
    gemeente_code = models.CharField(
        "gemeente (CBS-code)",
        max_length=6,
        blank=True,
        help_text="Alleen voor gemeentegebruikers: de gemeente waarvan zij cijfers zien.",
    )
    version = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = "gebruiker"
        verbose_name_plural = "gebruikers"
        ordering = ["username"]
        permissions = [(perm.value, label) for perm, label in LABELS.items()]

    @property
    def weergavenaam(self) -> str:
        return self.get_full_name() or self.username


class ApiToken(models.Model):
    """A bearer token for the REST API. Only a hash is stored; the token is shown once."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens"
    )
    naam = models.CharField("naam", max_length=100)
    sleutel_hash = models.CharField(max_length=64, unique=True)
    prefix = models.CharField(max_length=8)
    aangemaakt_op = models.DateTimeField(auto_now_add=True)
    verloopt_op = models.DateTimeField("verloopt op", null=True, blank=True)
    ingetrokken_op = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "API-token"
        verbose_name_plural = "API-tokens"

    def __str__(self) -> str:
        return f"{self.naam} ({self.prefix}…)"

    @staticmethod
    def hash_key(key: str) -> str:
        return hashlib.sha256(key.encode()).hexdigest()

    @staticmethod
    def new_key() -> str:
        return secrets.token_urlsafe(32)
