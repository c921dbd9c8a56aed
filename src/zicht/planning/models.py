"""Tables of planning: versioned parameter sets, monthly realisation, simulation runs, risks.

Tables only; the rules live in :mod:`zicht.planning.domain`, writes in ``services``, reads in
``selectors``.

Parameters are stored as rows (one per key, with its status and source) under a
:class:`Parameterset` per organisation, year and version rather than as one JSON document:
each value carries its own status and source, the edit page is a table of rows, and a version
can be compared key by key with the previous one. The catalogue of keys and their checks is
:data:`zicht.planning.domain.parameters.CATALOGUS`. A set is never edited: a change writes a new
version (``versie`` + 1) with every row, so earlier budgets stay reproducible. The newest
version of a year is the one in force (``geldig_vanaf`` records since when).

Realisation is append-only as well: a correction of a month is a new version of that month.
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import Q

from zicht.planning.domain.begrippen import Bronstatus, Scenario
from zicht.planning.domain.signalen import SignaalCode

SCENARIO_CHOICES = [(s.value, s.label) for s in Scenario]
STATUS_CHOICES = [(s.value, s.label) for s in Bronstatus]


class Parameterset(models.Model):
    """One version of the planning parameters of an organisation for a year."""

    organisatie = models.CharField("organisatie", max_length=150)
    jaar = models.PositiveSmallIntegerField("jaar")
    versie = models.PositiveIntegerField("versie")
    planscenario = models.CharField(
        "scenario van de begroting",
        max_length=10,
        choices=SCENARIO_CHOICES,
        default=Scenario.MIDDEN.value,
        help_text="Het groeiscenario waarop de begroting is gebaseerd (het plan).",
    )
    geldig_vanaf = models.DateTimeField("geldig vanaf")
    toelichting = models.TextField("toelichting", blank=True)
    aangemaakt_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="aangemaakt door",
    )
    aangemaakt_op = models.DateTimeField("aangemaakt op", auto_now_add=True)

    class Meta:
        verbose_name = "parameterset"
        verbose_name_plural = "parametersets"
        ordering = ["organisatie", "-jaar", "-versie"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisatie", "jaar", "versie"], name="planning_parameterset_versie_uniek"
            ),
            models.CheckConstraint(condition=Q(versie__gte=1), name="planning_versie_positief"),
            models.CheckConstraint(
                condition=Q(planscenario__in=[s.value for s in Scenario]),
                name="planning_parameterset_scenario_bekend",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organisatie} {self.jaar} versie {self.versie}"


class Parameter(models.Model):
    """One value of a parameter set, with how sure it is and where it comes from."""

    parameterset = models.ForeignKey(
        Parameterset, on_delete=models.CASCADE, related_name="parameters"
    )
    sleutel = models.CharField("sleutel", max_length=80)
    waarde = models.DecimalField("waarde", max_digits=18, decimal_places=6)
    status = models.CharField("status", max_length=10, choices=STATUS_CHOICES)
    bron = models.TextField("bron of notitie", blank=True)

    class Meta:
        verbose_name = "parameter"
        verbose_name_plural = "parameters"
        ordering = ["parameterset", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["parameterset", "sleutel"], name="planning_parameter_sleutel_uniek"
            ),
            models.CheckConstraint(
                condition=Q(status__in=[s.value for s in Bronstatus]),
                name="planning_parameter_status_bekend",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.sleutel} = {self.waarde}"


class RealisatieMaand(models.Model):
    """Actual fte and spending of one month, as entered by the controller (one version)."""

    organisatie = models.CharField("organisatie", max_length=150)
    jaar = models.PositiveSmallIntegerField("jaar")
    maand = models.PositiveSmallIntegerField("maand")
    versie = models.PositiveIntegerField("versie")
    fte_uitvoering = models.DecimalField("fte uitvoering", max_digits=8, decimal_places=2)
    fte_management = models.DecimalField(
        "fte management en ondersteuning", max_digits=8, decimal_places=2
    )
    fte_eenmalig = models.DecimalField(
        "fte risico- en ontwikkelruimte (inhuur)", max_digits=8, decimal_places=2
    )
    personeelslasten_eur = models.DecimalField("personeelslasten", max_digits=12, decimal_places=2)
    overige_kosten_eur = models.DecimalField(
        "overige bedrijfskosten", max_digits=12, decimal_places=2
    )
    ondersteuning_ggd_eur = models.DecimalField(
        "ondersteuning GGD", max_digits=12, decimal_places=2
    )
    eenmalig_eur = models.DecimalField(
        "eenmalige kosten risico- en ontwikkelruimte", max_digits=12, decimal_places=2
    )
    toelichting = models.TextField("toelichting", blank=True)
    vastgelegd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="vastgelegd door",
    )
    vastgelegd_op = models.DateTimeField("vastgelegd op")

    class Meta:
        verbose_name = "realisatie van een maand"
        verbose_name_plural = "realisatie per maand"
        ordering = ["organisatie", "jaar", "maand", "-versie"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisatie", "jaar", "maand", "versie"],
                name="planning_realisatie_versie_uniek",
            ),
            models.CheckConstraint(
                condition=Q(maand__gte=1, maand__lte=12), name="planning_realisatie_maand_geldig"
            ),
            models.CheckConstraint(
                condition=Q(
                    fte_uitvoering__gte=0,
                    fte_management__gte=0,
                    fte_eenmalig__gte=0,
                    personeelslasten_eur__gte=0,
                    overige_kosten_eur__gte=0,
                    ondersteuning_ggd_eur__gte=0,
                    eenmalig_eur__gte=0,
                ),
                name="planning_realisatie_niet_negatief",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organisatie} {self.jaar}-{self.maand:02d} versie {self.versie}"

    @property
    def kosten_structureel(self) -> Decimal:
        return self.personeelslasten_eur + self.overige_kosten_eur + self.ondersteuning_ggd_eur


class SimulatieStatus(models.TextChoices):
    WACHTRIJ = "wachtrij", "in de wachtrij"
    BEZIG = "bezig", "bezig"
    KLAAR = "klaar", "klaar"
    MISLUKT = "mislukt", "mislukt"


class Simulatierun(models.Model):
    """A waiting-list simulation requested on the page and run as a background job."""

    organisatie = models.CharField("organisatie", max_length=150)
    jaar = models.PositiveSmallIntegerField("jaar")
    scenario = models.CharField("scenario", max_length=10, choices=SCENARIO_CHOICES)
    parameterset = models.ForeignKey(
        Parameterset, on_delete=models.PROTECT, related_name="simulaties"
    )
    replicaties = models.PositiveIntegerField("replicaties")
    seed = models.PositiveIntegerField("startgetal (seed)")
    fte_vb = models.DecimalField("fte veiligheidsbeoordeling", max_digits=7, decimal_places=2)
    fte_vervolg = models.DecimalField("fte vervolg", max_digits=7, decimal_places=2)
    zoek_fte = models.BooleanField("fte zoeken voor de norm", default=False)
    status = models.CharField(
        "status", max_length=10, choices=SimulatieStatus.choices, default=SimulatieStatus.WACHTRIJ
    )
    voortgang = models.PositiveIntegerField("voortgang", default=0)
    totaal = models.PositiveIntegerField("totaal", default=0)
    resultaat = models.JSONField("resultaat", null=True, blank=True)
    waarschuwing = models.TextField("waarschuwing", blank=True)
    foutmelding = models.TextField("foutmelding", blank=True)
    taak_id = models.CharField("taak", max_length=64, blank=True)
    aangevraagd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="aangevraagd door",
    )
    aangevraagd_op = models.DateTimeField("aangevraagd op", auto_now_add=True)
    gestart_op = models.DateTimeField("gestart op", null=True, blank=True)
    klaar_op = models.DateTimeField("klaar op", null=True, blank=True)

    class Meta:
        verbose_name = "simulatierun"
        verbose_name_plural = "simulatieruns"
        ordering = ["-aangevraagd_op", "-id"]
        indexes = [models.Index(fields=["-aangevraagd_op", "-id"], name="simulatierun_recent_idx")]
        constraints = [
            models.CheckConstraint(
                condition=Q(replicaties__gte=1, replicaties__lte=1000),
                name="planning_simulatierun_replicaties_begrensd",
            ),
        ]

    def __str__(self) -> str:
        return f"Simulatie {self.pk} ({self.jaar}, {self.scenario})"

    @property
    def is_actief(self) -> bool:
        return self.status in (SimulatieStatus.WACHTRIJ, SimulatieStatus.BEZIG)

    @property
    def procent(self) -> int:
        if self.status == SimulatieStatus.KLAAR:
            return 100
        return int(100 * self.voortgang / self.totaal) if self.totaal else 0


class Beoordeling(models.TextChoices):
    ONBEKEND = "onbekend", "nog niet beoordeeld"
    KLEIN = "klein", "klein"
    MIDDEL = "middel", "middel"
    GROOT = "groot", "groot"


class Risico(models.Model):
    """One entry of the risk register, with its measures and the signal that watches it."""

    organisatie = models.CharField("organisatie", max_length=150)
    nummer = models.PositiveSmallIntegerField("nummer")
    omschrijving = models.TextField("risico")
    kans = models.CharField(
        "kans", max_length=10, choices=Beoordeling.choices, default=Beoordeling.ONBEKEND
    )
    impact = models.CharField(
        "impact", max_length=10, choices=Beoordeling.choices, default=Beoordeling.ONBEKEND
    )
    maatregelen = models.TextField("beheersmaatregelen")
    eigenaar = models.CharField("eigenaar", max_length=100, help_text="Een functie, geen naam.")
    signaal = models.CharField(
        "signaal",
        max_length=12,
        choices=[(s.value, s.label) for s in SignaalCode],
        blank=True,
        help_text="De signaalregel die dit risico bewaakt, als er een is.",
    )
    bron = models.CharField("bron", max_length=200, blank=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = "risico"
        verbose_name_plural = "risico's"
        ordering = ["organisatie", "nummer"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisatie", "nummer"], name="planning_risico_nummer_uniek"
            ),
        ]

    def __str__(self) -> str:
        return f"Risico {self.nummer}"
