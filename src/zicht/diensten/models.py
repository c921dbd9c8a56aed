"""What a confirmed besluit sets in motion: the dienst with its clock, the legal notifications
and the feedback to the melder. Tables only; writes go through ``diensten.services``."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from zicht.assessment.models import Besluit
from zicht.casework.models import Casus, Taak
from zicht.intake.models import Melding


class DienstSoort(models.TextChoices):
    OVERDRACHT_NA_VB = "overdracht_na_vb", "overdracht na veiligheidsbeoordeling"
    VOORWAARDEN_EN_VERVOLG = "voorwaarden_en_vervolg", "Voorwaarden en Vervolg"
    ONDERZOEK = "onderzoek", "Onderzoek"
    RVDK_VERZOEK = "rvdk_verzoek", "verzoek tot onderzoek aan de Raad voor de Kinderbescherming"


class DienstStatus(models.TextChoices):
    GESTART = "gestart", "gestart"
    AFGEROND = "afgerond", "afgerond"


class Dienst(models.Model):
    """A service run on a casus after the VB. ``deadline`` (and ``taak``) for the 10-week
    terms of V&V and Onderzoek; the next issue gives the dienst its content."""

    casus = models.ForeignKey(Casus, on_delete=models.PROTECT, related_name="diensten")
    besluit = models.OneToOneField(Besluit, on_delete=models.PROTECT, related_name="dienst")
    soort = models.CharField("soort", max_length=24, choices=DienstSoort.choices)
    status = models.CharField(
        "status", max_length=12, choices=DienstStatus.choices, default=DienstStatus.GESTART
    )
    start = models.DateField("start")
    deadline = models.DateField("deadline", null=True, blank=True)
    taak = models.ForeignKey(
        Taak, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    ontvangende_partij = models.CharField("ontvangende partij", max_length=200, blank=True)
    aangemaakt_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    aangemaakt_op = models.DateTimeField("aangemaakt op")
    version = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = "dienst"
        verbose_name_plural = "diensten"
        ordering = ["-start", "-id"]
        indexes = [models.Index(fields=["casus", "status"], name="dienst_casus_status_idx")]

    def __str__(self) -> str:
        return f"{self.get_soort_display()} ({self.casus_id})"


class Ontvanger(models.TextChoices):
    POLITIE = "politie", "politie"
    RVDK = "rvdk", "Raad voor de Kinderbescherming"
    COLLEGE = "college", "college van burgemeester en wethouders"


class WettelijkeMelding(models.Model):
    """A notification VT must make and record (DOMAIN §6): to whom, when, what."""

    casus = models.ForeignKey(Casus, on_delete=models.PROTECT, related_name="wettelijke_meldingen")
    besluit = models.ForeignKey(
        Besluit, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    ontvanger = models.CharField("ontvanger", max_length=10, choices=Ontvanger.choices)
    gemeente = models.CharField("gemeente", max_length=100, blank=True)
    datum = models.DateField("datum")
    inhoud = models.TextField("inhoud")
    vastgelegd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    vastgelegd_op = models.DateTimeField("vastgelegd op")

    class Meta:
        verbose_name = "wettelijke melding"
        verbose_name_plural = "wettelijke meldingen"
        ordering = ["datum", "pk"]

    def __str__(self) -> str:
        return f"{self.get_ontvanger_display()} {self.datum:%d-%m-%Y}"


class TerugkoppelingStatus(models.TextChoices):
    TE_VERSTUREN = "te_versturen", "te versturen"
    VERSTUURD = "verstuurd", "verstuurd"


class Terugkoppeling(models.Model):
    """Feedback to the melder after the VB: whether follow-up started and who took over — never
    details the melder may not know."""

    melding = models.OneToOneField(Melding, on_delete=models.PROTECT, related_name="terugkoppeling")
    besluit = models.ForeignKey(Besluit, on_delete=models.PROTECT, related_name="+")
    vervolg_gestart = models.BooleanField("vervolg gestart")
    overgenomen_door = models.CharField("overgenomen door", max_length=200, blank=True)
    status = models.CharField(
        "status",
        max_length=12,
        choices=TerugkoppelingStatus.choices,
        default=TerugkoppelingStatus.TE_VERSTUREN,
    )
    taak = models.ForeignKey(
        Taak, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    aangemaakt_op = models.DateTimeField("aangemaakt op")
    verstuurd_op = models.DateTimeField("verstuurd op", null=True, blank=True)

    class Meta:
        verbose_name = "terugkoppeling"
        verbose_name_plural = "terugkoppelingen"
        ordering = ["-aangemaakt_op", "-id"]

    def __str__(self) -> str:
        return f"terugkoppeling {self.melding_id}"
