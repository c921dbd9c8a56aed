"""Tijdelijk huisverbod, voorlichting, time registration and work assignment (tables only;
writes go through ``diensten.werk_services``). Imported at the end of ``diensten.models``."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q

from zicht.casework.models import Betrokkene, Casus, Taak
from zicht.diensten.domain.huisverbod import HuisverbodStatus, Oplegger
from zicht.diensten.domain.werk import Urensoort

__all__ = [
    "DienstBehandeling",
    "Huisverbod",
    "HuisverbodVerlenging",
    "Tijdregel",
    "Toewijzing",
    "Voorlichting",
]

OPLEGGER_CHOICES = [(o.value, o.label) for o in Oplegger]
HUISVERBOD_STATUS_CHOICES = [(s.value, s.label) for s in HuisverbodStatus]
URENSOORT_CHOICES = [(s.value, s.label) for s in Urensoort]


class Huisverbod(models.Model):
    """A tijdelijk huisverbod on a casus: who imposed it and when, who was removed, who is
    protected, and the (possibly extended) end date."""

    casus = models.ForeignKey(Casus, on_delete=models.PROTECT, related_name="huisverboden")
    opgelegd_op = models.DateTimeField("opgelegd op")
    opgelegd_door = models.CharField("opgelegd door", max_length=16, choices=OPLEGGER_CHOICES)
    uithuisgeplaatste = models.ForeignKey(
        Betrokkene,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="uithuisgeplaatste",
    )
    beschermden = models.ManyToManyField(
        Betrokkene, related_name="+", verbose_name="beschermde personen"
    )
    oorspronkelijk_einde = models.DateField("oorspronkelijke einddatum")
    einde = models.DateField("einddatum")
    status = models.CharField(
        "status",
        max_length=12,
        choices=HUISVERBOD_STATUS_CHOICES,
        default=HuisverbodStatus.LOPEND.value,
    )
    beeindigd_op = models.DateField("beëindigd op", null=True, blank=True)
    toelichting = models.TextField("toelichting", blank=True)
    aangemaakt_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    aangemaakt_op = models.DateTimeField("aangemaakt op")
    version = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = "tijdelijk huisverbod"
        verbose_name_plural = "tijdelijke huisverboden"
        ordering = ["einde", "pk"]
        indexes = [
            models.Index(
                fields=["einde"],
                condition=Q(status__in=["lopend", "verlengd"]),
                name="huisverbod_lopend_idx",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(einde__gte=models.F("oorspronkelijk_einde")),
                name="huisverbod_einde_niet_korter",
            ),
        ]

    def __str__(self) -> str:
        return f"huisverbod {self.opgelegd_op:%d-%m-%Y}"

    @property
    def loopt(self) -> bool:
        return self.status in (HuisverbodStatus.LOPEND, HuisverbodStatus.VERLENGD)


class HuisverbodVerlenging(models.Model):
    """The burgemeester extended the ban to ``nieuw_einde``. Appended, never edited."""

    huisverbod = models.ForeignKey(
        Huisverbod, on_delete=models.PROTECT, related_name="verlengingen"
    )
    vorig_einde = models.DateField("vorige einddatum")
    nieuw_einde = models.DateField("nieuwe einddatum")
    besloten_op = models.DateField("besloten op")
    besloten_door = models.CharField("besloten door", max_length=16, choices=OPLEGGER_CHOICES)
    reden = models.CharField("reden", max_length=500)
    door = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    vastgelegd_op = models.DateTimeField("vastgelegd op")

    class Meta:
        verbose_name = "verlenging huisverbod"
        verbose_name_plural = "verlengingen huisverbod"
        ordering = ["vastgelegd_op", "pk"]

    def __str__(self) -> str:
        return f"verlengd tot {self.nieuw_einde:%d-%m-%Y}"


class Voorlichting(models.Model):
    """An education session for professionals (a regional task, not tied to a casus)."""

    datum = models.DateField("datum")
    onderwerp = models.CharField("onderwerp", max_length=200)
    doelgroep = models.CharField("doelgroep", max_length=200)
    organisatie = models.CharField("organisatie", max_length=200)
    deelnemers = models.PositiveIntegerField("aantal deelnemers")
    minuten = models.PositiveIntegerField("duur (minuten)")
    gegeven_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    aangemaakt_op = models.DateTimeField("aangemaakt op")
    gewijzigd_op = models.DateTimeField("gewijzigd op")
    version = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = "voorlichting"
        verbose_name_plural = "voorlichtingen"
        ordering = ["-datum", "-pk"]
        indexes = [models.Index(fields=["-datum", "-id"], name="voorlichting_datum_idx")]

    def __str__(self) -> str:
        return f"{self.onderwerp} ({self.datum:%d-%m-%Y})"


class Tijdregel(models.Model):
    """Time booked by a medewerker on a day, for a service (``soort``, the planning service)
    and, where it applies, a dienst, casus, huisverbod or voorlichting. A correction is a new
    row that replaces the one it ``corrigeert``; the replaced row stays (history appended) and
    no longer counts."""

    medewerker = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="tijdregels"
    )
    datum = models.DateField("datum")
    minuten = models.PositiveIntegerField("minuten")
    soort = models.CharField("dienst (planning)", max_length=40, choices=URENSOORT_CHOICES)
    casus = models.ForeignKey(
        Casus, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    dienst = models.ForeignKey(
        "diensten.Dienst", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    huisverbod = models.ForeignKey(
        Huisverbod, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    voorlichting = models.ForeignKey(
        Voorlichting, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    omschrijving = models.CharField("omschrijving", max_length=200, blank=True)
    corrigeert = models.OneToOneField(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="correctie",
        verbose_name="corrigeert",
    )
    vastgelegd_op = models.DateTimeField("vastgelegd op")

    class Meta:
        verbose_name = "tijdregel"
        verbose_name_plural = "tijdregels"
        ordering = ["-datum", "-pk"]
        indexes = [
            models.Index(fields=["medewerker", "-datum", "-id"], name="tijdregel_medewerker_idx"),
            models.Index(fields=["datum", "soort"], name="tijdregel_datum_soort_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.minuten} min {self.datum:%d-%m-%Y}"


class DienstBehandeling(models.Model):
    """Who currently carries a dienst (none: it waits on the list). The history of
    assignments is :class:`Toewijzing`; ``version`` guards against two team leaders at once."""

    dienst = models.OneToOneField(
        "diensten.Dienst", on_delete=models.CASCADE, related_name="behandeling"
    )
    behandelaar = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="dienst_behandelingen",
    )
    toegewezen_op = models.DateTimeField("toegewezen op", null=True, blank=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = "behandeling van een dienst"
        verbose_name_plural = "behandelingen van diensten"
        indexes = [models.Index(fields=["behandelaar"], name="dienstbehandeling_user_idx")]

    def __str__(self) -> str:
        return f"behandeling {self.dienst_id}"


class Toewijzing(models.Model):
    """One (re)assignment of work — a dienst or an open task (e.g. the VB of a melding) — with
    its reason. Appended, never edited."""

    dienst = models.ForeignKey(
        "diensten.Dienst", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    taak = models.ForeignKey(
        Taak, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    van = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    naar = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    reden = models.CharField("reden", max_length=500, blank=True)
    door = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    op = models.DateTimeField("op")

    class Meta:
        verbose_name = "toewijzing"
        verbose_name_plural = "toewijzingen"
        ordering = ["-op", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(dienst__isnull=False, taak__isnull=True)
                | Q(dienst__isnull=True, taak__isnull=False),
                name="toewijzing_dienst_of_taak",
            ),
        ]

    def __str__(self) -> str:
        return f"toewijzing {self.pk}"
