"""Exports of reporting: one row per requested file (CBS delivery, municipal report, board
report, annual figures), with its progress, outcome and file. Tables only; writes go through
``reporting.services``, the work through ``reporting.tasks``.

A file is written under a temporary name and moved into place only when it is complete; the
row says ``klaar`` only after that. An export that fails or is interrupted stays ``mislukt`` (or
``bezig`` until a worker notices it is stale) and is never offered for download.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q


class ExportSoort(models.TextChoices):
    CBS = "cbs", "CBS-aanlevering"
    CBS_VALIDATIE = "cbs_validatie", "CBS-validatierapport"
    GEMEENTE = "gemeente", "Gemeenterapportage"
    BESTUUR = "bestuur", "Bestuurlijke rapportage"
    JAARVERSLAG = "jaarverslag", "Jaarverslagcijfers"


class ExportFormaat(models.TextChoices):
    TXT = "txt", "vaste breedte (ASCII)"
    XLSX = "xlsx", "spreadsheet (xlsx)"
    PDF = "pdf", "PDF"
    GEEN = "", "geen bestand"


class ExportStatus(models.TextChoices):
    WACHTRIJ = "wachtrij", "in de wachtrij"
    BEZIG = "bezig", "bezig"
    KLAAR = "klaar", "klaar"
    MISLUKT = "mislukt", "mislukt"


class Export(models.Model):
    soort = models.CharField("soort", max_length=16, choices=ExportSoort.choices)
    periode = models.CharField("periode", max_length=10)
    formaat = models.CharField(
        "formaat", max_length=4, choices=ExportFormaat.choices, blank=True, default=""
    )
    formaatversie = models.CharField("formaatversie", max_length=20, blank=True)
    correctie = models.BooleanField("correctielevering", default=False)
    gemeente_code = models.CharField("gemeente (CBS-code)", max_length=6, blank=True)
    opties = models.JSONField("opties", default=dict, blank=True)
    status = models.CharField(
        "status", max_length=10, choices=ExportStatus.choices, default=ExportStatus.WACHTRIJ
    )
    voortgang = models.PositiveIntegerField("voortgang", default=0)
    totaal = models.PositiveIntegerField("totaal", default=0)
    bestand = models.CharField("bestand", max_length=200, blank=True)
    bestandsnaam = models.CharField("bestandsnaam", max_length=120, blank=True)
    grootte = models.PositiveBigIntegerField("grootte (bytes)", default=0)
    sha256 = models.CharField("SHA-256", max_length=64, blank=True)
    samenvatting = models.JSONField("samenvatting", default=dict, blank=True)
    foutmelding = models.TextField("foutmelding", blank=True)
    vervangen_door = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="vervangt",
        verbose_name="vervangen door (correctie)",
    )
    taak_id = models.CharField("taak", max_length=64, blank=True)
    aangevraagd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="aangevraagd door",
    )
    aangevraagd_op = models.DateTimeField("aangevraagd op")
    gestart_op = models.DateTimeField("gestart op", null=True, blank=True)
    klaar_op = models.DateTimeField("klaar op", null=True, blank=True)

    class Meta:
        verbose_name = "export"
        verbose_name_plural = "exports"
        ordering = ["-aangevraagd_op", "-id"]
        indexes = [
            models.Index(fields=["soort", "-aangevraagd_op", "-id"], name="export_soort_idx"),
            models.Index(
                fields=["soort", "periode"],
                condition=Q(status="klaar"),
                name="export_klaar_periode_idx",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_soort_display()} {self.periode} ({self.pk})"

    @property
    def is_actief(self) -> bool:
        return self.status in (ExportStatus.WACHTRIJ, ExportStatus.BEZIG)

    @property
    def is_downloadbaar(self) -> bool:
        return self.status == ExportStatus.KLAAR and bool(self.bestand)

    @property
    def procent(self) -> int:
        if self.status == ExportStatus.KLAAR:
            return 100
        return min(99, int(100 * self.voortgang / self.totaal)) if self.totaal else 0
