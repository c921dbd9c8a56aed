"""Zicht's side of the radar: which involvements this organisation has registered (with their
pseudonyms), the outbox of messages to the register, the match signals received, and the
scanner's cursor. The register's own tables live in ``zicht.radar.register`` (not installed
here)."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from zicht.casework.models import Casus
from zicht.people.models import Persoon


class RadarBetrokkenheid(models.Model):
    """This organisation's involvement with a person in a casus, as known to the radar.

    ``referentie`` is the opaque id the register knows it by. Without a usable BSN and without
    initial, surname and full birth date no pseudonym can be made: the row is kept (so the
    scanner does not try again) with both pseudonyms empty and nothing is sent.
    """

    casus = models.ForeignKey(Casus, on_delete=models.CASCADE, related_name="+")
    persoon = models.ForeignKey(Persoon, on_delete=models.CASCADE, related_name="+")
    referentie = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    pseudoniem_bsn = models.CharField(max_length=64, blank=True, db_index=True)
    pseudoniem_ngd = models.CharField(max_length=64, blank=True, db_index=True)
    van = models.DateField("van")
    tot = models.DateField("tot en met", null=True, blank=True)
    aangemaakt_op = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "radarbetrokkenheid"
        verbose_name_plural = "radarbetrokkenheden"
        constraints = [
            models.UniqueConstraint(fields=["casus", "persoon"], name="radar_casus_persoon_uniek")
        ]
        indexes = [
            # The scanner's look-up of open involvements whose casus has closed.
            models.Index(
                fields=["casus"], condition=Q(tot__isnull=True), name="radar_open_casus_idx"
            ),
        ]

    def __str__(self) -> str:
        return str(self.referentie)

    @property
    def pseudoniemen(self) -> list[str]:
        return [p for p in (self.pseudoniem_bsn, self.pseudoniem_ngd) if p]


class RadarMethode(models.TextChoices):
    REGISTREREN = "PUT", "registreren"
    INTREKKEN = "DELETE", "intrekken"


class RadarUitgaand(models.Model):
    """The outbox: one message to the register (the involvement's state at the time), sent by
    ``zicht radar sync`` in order, retried with the same idempotency key until it is taken.

    A withdrawal (``DELETE``, queued when the casus is destroyed) outlives the involvement: it
    has no ``betrokkenheid`` but carries the ``referentie`` and the casus id (for the audit
    log, which keeps ids only)."""

    betrokkenheid = models.ForeignKey(
        RadarBetrokkenheid,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="uitgaand",
    )
    methode = models.CharField(
        max_length=6, choices=RadarMethode.choices, default=RadarMethode.REGISTREREN
    )
    #: Only for a withdrawal: the register's reference of the destroyed involvement.
    referentie = models.UUIDField(null=True, blank=True)
    #: Only for a withdrawal: the id of the destroyed casus (no foreign key: it is gone).
    casus_nummer = models.PositiveBigIntegerField(null=True, blank=True)
    idempotentiesleutel = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    inhoud = models.JSONField()
    aangemaakt_op = models.DateTimeField(default=timezone.now)
    volgende_poging_op = models.DateTimeField(default=timezone.now)
    pogingen = models.PositiveIntegerField(default=0)
    laatste_fout = models.CharField(max_length=250, blank=True)
    verzonden_op = models.DateTimeField(null=True, blank=True)
    geweigerd_op = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "uitgaand radarbericht"
        verbose_name_plural = "uitgaande radarberichten"
        ordering = ["pk"]
        indexes = [
            models.Index(
                fields=["id"],
                condition=Q(verzonden_op__isnull=True, geweigerd_op__isnull=True),
                name="radar_uitgaand_open_idx",
            ),
        ]

    def __str__(self) -> str:
        return f"bericht {self.pk}"


class RadarSignaal(models.Model):
    """A match: another VT organisation is or was involved with a person in one of our
    casussen. Shows the other organisation's name and contact line only."""

    register_id = models.PositiveBigIntegerField(unique=True)
    # Always about one of our involvements: a signal whose pseudonym we no longer hold is not
    # stored (docs/radar.md, "Signalen zonder betrokkenheid").
    betrokkenheid = models.ForeignKey(
        RadarBetrokkenheid, on_delete=models.CASCADE, related_name="signalen"
    )
    casus = models.ForeignKey(Casus, on_delete=models.CASCADE, related_name="+")
    organisatie_code = models.CharField("organisatie", max_length=40)
    organisatie_naam = models.CharField("organisatie", max_length=200)
    contactregel = models.CharField("contact", max_length=250)
    ontvangen_op = models.DateTimeField("ontvangen op", default=timezone.now)
    afgehandeld_op = models.DateTimeField("afgehandeld op", null=True, blank=True)
    afgehandeld_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = "radarsignaal"
        verbose_name_plural = "radarsignalen"
        ordering = ["-ontvangen_op", "-id"]
        indexes = [
            models.Index(fields=["casus", "-ontvangen_op"], name="radar_signaal_casus_idx"),
            models.Index(
                fields=["-ontvangen_op", "-id"],
                condition=Q(afgehandeld_op__isnull=True),
                name="radar_signaal_open_idx",
            ),
        ]

    def __str__(self) -> str:
        return f"radarsignaal {self.register_id}"


class RadarStand(models.Model):
    """One row: how far the scanner and the signal fetch have come, and the last outcome."""

    betrokkene_cursor = models.PositiveBigIntegerField(default=0)
    signaal_cursor = models.PositiveBigIntegerField(default=0)
    #: Persons changed since (minus the margin) are checked for a newly derivable pseudonym.
    personen_sinds = models.DateTimeField(null=True, blank=True)
    #: A pass over changed persons goes in blocks (keyset by involvement pk): the last pk done
    #: in the current pass (0: no pass under way), and when that pass began.
    aanvul_cursor = models.PositiveBigIntegerField(default=0)
    aanvul_begonnen_op = models.DateTimeField(null=True, blank=True)
    #: Signals received about a pseudonym we hold in no involvement (not stored).
    signalen_zonder_betrokkenheid = models.PositiveBigIntegerField(default=0)
    laatste_sync_op = models.DateTimeField(null=True, blank=True)
    laatste_fout = models.CharField(max_length=250, blank=True)

    class Meta:
        verbose_name = "radarstand"
        verbose_name_plural = "radarstand"

    def __str__(self) -> str:
        return f"radarstand {self.betrokkene_cursor}/{self.signaal_cursor}"
