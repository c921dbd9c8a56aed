"""The triage instrument (versioned data), the Veiligheidsbeoordeling of a melding and its
besluit proposals with their history.

Tables only. Writes go through ``assessment.services`` (confirming a besluit through
``diensten.services.besluit_bevestigen``); reads through ``assessment.selectors``.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q

from zicht.assessment.domain.besluit import LABELS as BESLUIT_LABELS
from zicht.assessment.domain.besluit import BesluitSoort
from zicht.assessment.domain.triage import Antwoordtype, Implicatie, Vraag
from zicht.assessment.domain.workflow import STATUS_LABELS, Status
from zicht.intake.models import Melding

STATUS_CHOICES = [(s.value, STATUS_LABELS[s]) for s in Status]
BESLUIT_CHOICES = [(s.value, BESLUIT_LABELS[s]) for s in BesluitSoort]


class Instrument(models.Model):
    """One published version of the triage instrument. Never changed once published: a new
    protocol is a new version; an assessment keeps the version it was made with."""

    versie = models.PositiveIntegerField("versie", unique=True)
    omschrijving = models.CharField("omschrijving", max_length=200)
    gepubliceerd_op = models.DateTimeField("gepubliceerd op")
    gepubliceerd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = "triage-instrument"
        verbose_name_plural = "triage-instrumenten"
        ordering = ["-versie"]

    def __str__(self) -> str:
        return f"Triage-instrument versie {self.versie}"

    def domein_vragen(self) -> list[Vraag]:
        return [v.als_domein() for v in self.vragen.all()]


class InstrumentVraag(models.Model):
    instrument = models.ForeignKey(Instrument, on_delete=models.PROTECT, related_name="vragen")
    volgorde = models.PositiveSmallIntegerField("volgorde")
    code = models.CharField("code", max_length=40)
    tekst = models.CharField("vraag", max_length=500)
    hulptekst = models.TextField("hulptekst", blank=True)
    antwoordtype = models.CharField(
        "antwoordtype",
        max_length=8,
        choices=[
            (Antwoordtype.JA_NEE.value, "ja/nee"),
            (Antwoordtype.KEUZE.value, "keuze"),
            (Antwoordtype.TEKST.value, "tekst"),
        ],
    )
    keuzes = models.JSONField("keuzes", default=list, blank=True, help_text="[[code, label], …]")
    implicatie = models.CharField(
        "implicatie",
        max_length=16,
        blank=True,
        choices=[
            (Implicatie.GEEN.value, "geen"),
            (Implicatie.ACUUT.value, "ja = acute onveiligheid"),
            (Implicatie.STRUCTUREEL.value, "ja = structurele onveiligheid"),
            (Implicatie.MULTIPROBLEEM.value, "ja = multi-problematische leefsituatie"),
            (Implicatie.TAXATIE.value, "veiligheidstaxatie"),
        ],
    )
    verplicht = models.BooleanField("verplicht", default=True)

    class Meta:
        verbose_name = "vraag van het triage-instrument"
        verbose_name_plural = "vragen van het triage-instrument"
        ordering = ["instrument", "volgorde", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["instrument", "code"], name="instrumentvraag_code_uniek"
            ),
        ]

    def __str__(self) -> str:
        return self.code

    def als_domein(self) -> Vraag:
        return Vraag(
            code=self.code,
            tekst=self.tekst,
            antwoordtype=Antwoordtype(self.antwoordtype),
            implicatie=Implicatie(self.implicatie),
            keuzes=tuple((str(c), str(label)) for c, label in self.keuzes),
            verplicht=self.verplicht,
        )


class Ketenpartner(models.Model):
    """A receiving agency (wijkteam, jeugdhulp, GI, ...); a free-text name is allowed too."""

    naam = models.CharField("naam", max_length=200, unique=True)
    soort = models.CharField("soort", max_length=100, blank=True)
    actief = models.BooleanField("actief", default=True)
    # The register of ketenpartners (diensten: overdracht): how to reach the partner.
    contactpersoon = models.CharField("contactpersoon", max_length=200, blank=True)
    telefoon = models.CharField("telefoon", max_length=40, blank=True)
    email = models.EmailField("e-mail", max_length=200, blank=True)
    #: Another Veilig Thuis organisation (a casus is handed there when a family moves).
    veilig_thuis = models.BooleanField("Veilig Thuis-organisatie", default=False)

    class Meta:
        verbose_name = "ketenpartner"
        verbose_name_plural = "ketenpartners"
        ordering = ["naam"]

    def __str__(self) -> str:
        return self.naam


class Veiligheidsbeoordeling(models.Model):
    """The assessment of one melding: triage answers (with the instrument version), the derived
    findings, the status of the workflow (``assessment.domain.workflow``) and, once confirmed,
    when and whether on time."""

    melding = models.OneToOneField(
        Melding, on_delete=models.PROTECT, related_name="veiligheidsbeoordeling"
    )
    instrument = models.ForeignKey(Instrument, on_delete=models.PROTECT, related_name="+")
    antwoorden = models.JSONField("antwoorden", default=dict, blank=True)
    acuut = models.BooleanField("acute onveiligheid", null=True, blank=True)
    structureel = models.BooleanField("structurele onveiligheid", null=True, blank=True)
    multiprobleem = models.BooleanField("multi-problematische leefsituatie", null=True, blank=True)
    taxatie = models.CharField("veiligheidstaxatie", max_length=20, blank=True)
    beoordelaar = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    status = models.CharField("status", max_length=16, choices=STATUS_CHOICES, default="open")
    gestart_op = models.DateTimeField("gestart op")
    besloten_op = models.DateTimeField("besluit bevestigd op", null=True, blank=True)
    #: The local date of ``besloten_op`` and whether it was on or before the VB deadline: kept
    #: with the row so the team leader's "on time" figures are one indexed aggregate.
    besloten_datum = models.DateField("besloten op (datum)", null=True, blank=True)
    op_tijd = models.BooleanField("op tijd besloten", null=True, blank=True)
    reden_te_laat = models.CharField("reden te laat", max_length=500, blank=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = "veiligheidsbeoordeling"
        verbose_name_plural = "veiligheidsbeoordelingen"
        ordering = ["-gestart_op", "-id"]
        indexes = [
            models.Index(
                fields=["besloten_datum"],
                condition=Q(besloten_datum__isnull=False),
                name="vb_besloten_idx",
            ),
            # Lists in their own order (API /veiligheidsbeoordelingen/): the first page walks
            # this index instead of sorting every beoordeling in scope.
            models.Index(fields=["gestart_op", "id"], name="vb_gestart_idx"),
        ]

    def __str__(self) -> str:
        return f"VB {self.melding_id}"

    @property
    def status_label(self) -> str:
        return STATUS_LABELS[Status(self.status)]


class VbTermijnTelling(models.Model):
    """Per team and day: how many VB decisions were confirmed and how many of them on time.

    A derived counter, kept in the same transaction as the confirmation
    (``assessment.services.besluit_bevestiging_vastleggen``), so the team leader's on-time chart
    reads at most one row per team per day however many decisions the organisation holds. The
    assessment rows (``besloten_datum``, ``op_tijd``) stay the source of truth:
    ``assessment.services.vb_tellingen_herberekenen`` rebuilds this table from them (demo data,
    bulk loads). The team is the one holding the casus when the besluit was confirmed."""

    team = models.ForeignKey(
        "accounts.Team", on_delete=models.PROTECT, related_name="+", verbose_name="team"
    )
    datum = models.DateField("datum")
    besloten = models.PositiveIntegerField("besloten", default=0)
    op_tijd = models.PositiveIntegerField("op tijd", default=0)

    class Meta:
        verbose_name = "telling VB-termijn"
        verbose_name_plural = "tellingen VB-termijn"
        constraints = [
            models.UniqueConstraint(fields=["team", "datum"], name="vb_telling_team_datum_uniek"),
            models.CheckConstraint(
                condition=Q(op_tijd__lte=models.F("besloten")), name="vb_telling_op_tijd_max"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.team_id} {self.datum}: {self.op_tijd}/{self.besloten}"


class BesluitStatus(models.TextChoices):
    VOORGESTELD = "voorgesteld", "voorgesteld"
    BEVESTIGD = "bevestigd", "bevestigd"
    TERUGGESTUURD = "teruggestuurd", "teruggestuurd"


class Besluit(models.Model):
    """One proposal. Its content is never edited: a new proposal is a new row; only the
    outcome (status, second person, moment) is filled in once. Every step is also a
    :class:`BesluitStap` row."""

    beoordeling = models.ForeignKey(
        Veiligheidsbeoordeling, on_delete=models.PROTECT, related_name="besluiten"
    )
    soort = models.CharField("besluit", max_length=24, choices=BESLUIT_CHOICES)
    motivering = models.TextField("motivering")
    toelichting_afwijking = models.TextField(
        "toelichting op de afwijking van de triage", blank=True
    )
    ketenpartner = models.ForeignKey(
        Ketenpartner, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    ontvangende_partij = models.CharField("ontvangende partij", max_length=200, blank=True)
    voorgesteld_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    voorgesteld_op = models.DateTimeField("voorgesteld op")
    status = models.CharField(
        "status", max_length=16, choices=BesluitStatus.choices, default=BesluitStatus.VOORGESTELD
    )
    beoordeeld_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="bevestigd of teruggestuurd door",
    )
    beoordeeld_op = models.DateTimeField(null=True, blank=True)
    reden_oneens = models.TextField("reden (niet eens)", blank=True)

    class Meta:
        verbose_name = "besluit"
        verbose_name_plural = "besluiten"
        ordering = ["-voorgesteld_op", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="bevestigd") | ~Q(beoordeeld_door=models.F("voorgesteld_door")),
                name="besluit_vier_ogen",
            ),
        ]
        indexes = [
            # The list's own order (API /besluiten/): the first page walks this index instead
            # of sorting every besluit in scope.
            models.Index(fields=["voorgesteld_op", "id"], name="besluit_voorgesteld_idx"),
        ]

    def __str__(self) -> str:
        return self.soort_label

    @property
    def soort_label(self) -> str:
        return BESLUIT_LABELS[BesluitSoort(self.soort)]

    @property
    def bevestigd_door(self) -> Any:
        return self.beoordeeld_door if self.status == BesluitStatus.BEVESTIGD else None

    @property
    def partij(self) -> str:
        return self.ketenpartner.naam if self.ketenpartner else self.ontvangende_partij


class BesluitStap(models.Model):
    """The history of a Veiligheidsbeoordeling's besluit: appended, never changed."""

    beoordeling = models.ForeignKey(
        Veiligheidsbeoordeling, on_delete=models.PROTECT, related_name="stappen"
    )
    besluit = models.ForeignKey(Besluit, on_delete=models.PROTECT, related_name="stappen")
    actie = models.CharField("actie", max_length=16)
    van_status = models.CharField(max_length=16)
    naar_status = models.CharField(max_length=16)
    door = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    op = models.DateTimeField("op")
    toelichting = models.TextField(blank=True)

    class Meta:
        verbose_name = "stap in het besluit"
        verbose_name_plural = "stappen in het besluit"
        ordering = ["op", "pk"]

    def __str__(self) -> str:
        return f"{self.actie} {self.op:%d-%m-%Y %H:%M}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise RuntimeError("Een stap in het besluit wordt niet gewijzigd.")
        super().save(*args, **kwargs)


class VierOgenInstelling(models.Model):
    """The configurable four-eyes rules (one row, pk 1): see ``assessment.domain.vier_ogen``."""

    deskundige_voor = models.JSONField(
        "deskundige nodig bij", default=list, help_text="Besluitsoorten (codes)."
    )
    deskundige_bij_acuut = models.BooleanField("deskundige nodig bij acute melding", default=True)

    class Meta:
        verbose_name = "vier-ogenregels"
        verbose_name_plural = "vier-ogenregels"

    def __str__(self) -> str:
        return "Vier-ogenregels"
