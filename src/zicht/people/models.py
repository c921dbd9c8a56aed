"""Persons, their addresses, family relations and parental authority, and the gemeenten.

Tables only: the rules live in ``people.domain`` (pure) and ``people.services`` (writes).
Derived columns (the birth-date interval and the blocking keys) are filled by
:meth:`Persoon.afgeleide_velden_bijwerken`, which ``save()`` calls; bulk loaders that bypass
``save()`` (``bulk_create``) must call it themselves.
"""

from __future__ import annotations

from datetime import date

from django.db import models
from django.db.models import F, Q

from zicht.people.domain.bsn import mask_bsn
from zicht.people.domain.dates import PartialDate
from zicht.people.domain.names import naam_sleutel, zoeksleutel


class Gemeente(models.Model):
    """A municipality by its CBS code; merged municipalities point to their successor."""

    cbs_code = models.CharField("CBS-code", max_length=6, primary_key=True)
    naam = models.CharField("naam", max_length=100)
    subregio = models.CharField("subregio", max_length=100, blank=True)
    geldig_tot = models.DateField("geldig tot en met", null=True, blank=True)
    opgevolgd_door = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="voorgangers",
        verbose_name="opgevolgd door",
    )

    class Meta:
        ordering = ["naam"]
        verbose_name = "gemeente"
        verbose_name_plural = "gemeenten"
        constraints = [
            models.CheckConstraint(
                condition=~Q(opgevolgd_door=F("cbs_code")),
                name="gemeente_niet_eigen_opvolger",
            ),
        ]

    def __str__(self) -> str:
        return self.naam

    def is_geldig_op(self, op: date) -> bool:
        return self.geldig_tot is None or op <= self.geldig_tot


class Geslacht(models.TextChoices):
    # The codes of the CBS code list (people/data/conventies.json).
    VROUW = "V", "vrouw"
    MAN = "M", "man"
    ONBEKEND = "O", "onbekend of anders"


class Persoon(models.Model):
    """A person. The BSN is optional and not unique: the code-list conventions
    (``000000000`` onbekend, ``999999999`` ongeboren) are shared by many persons."""

    bsn = models.CharField("BSN", max_length=9, blank=True, db_index=True)
    voornamen = models.CharField("voornamen", max_length=200, blank=True)
    tussenvoegsel = models.CharField("tussenvoegsel", max_length=20, blank=True)
    achternaam = models.CharField("achternaam", max_length=200)
    # Birth date, possibly partial (PartialDate): year, month and day; None where unknown.
    geboortedatum_jaar = models.PositiveSmallIntegerField("geboortejaar", null=True, blank=True)
    geboortedatum_maand = models.PositiveSmallIntegerField("geboortemaand", null=True, blank=True)
    geboortedatum_dag = models.PositiveSmallIntegerField("geboortedag", null=True, blank=True)
    # The earliest day the (partial) birth date could be: sortable and indexable.
    geboortedatum_vroegst = models.DateField(null=True, blank=True, editable=False)
    ongeboren = models.BooleanField("ongeboren", default=False)
    verwachte_geboortedatum = models.DateField("verwachte geboortedatum", null=True, blank=True)
    geslacht = models.CharField(
        "geslacht", max_length=1, choices=Geslacht.choices, default=Geslacht.ONBEKEND
    )
    gemeente = models.ForeignKey(
        Gemeente,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="gemeente",
    )
    # Blocking keys for the earlier-involvement look-up (people.domain.names).
    naam_sleutel = models.CharField(max_length=200, editable=False, db_index=True, default="")
    zoeksleutel = models.CharField(max_length=205, editable=False, db_index=True, default="")
    version = models.PositiveIntegerField(default=1)
    aangemaakt_op = models.DateTimeField(auto_now_add=True)
    gewijzigd_op = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "persoon"
        verbose_name_plural = "personen"
        indexes = [
            models.Index(fields=["zoeksleutel", "geboortedatum_vroegst"], name="persoon_zoek_idx"),
            # Lists of persons in alphabetical order (API /personen/): the first page walks
            # this index instead of sorting every person in scope.
            models.Index(fields=["achternaam", "id"], name="persoon_naam_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(geboortedatum_dag__isnull=True) | Q(geboortedatum_maand__isnull=False),
                name="persoon_dag_vereist_maand",
            ),
            models.CheckConstraint(
                condition=Q(geboortedatum_maand__isnull=True) | Q(geboortedatum_jaar__isnull=False),
                name="persoon_maand_vereist_jaar",
            ),
        ]

    def __str__(self) -> str:
        return self.volledige_naam

    def save(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        self.afgeleide_velden_bijwerken()
        update_fields = kwargs.get("update_fields")
        if update_fields is not None:
            kwargs["update_fields"] = {
                *update_fields,
                "geboortedatum_vroegst",
                "naam_sleutel",
                "zoeksleutel",
            }
        super().save(*args, **kwargs)

    @property
    def volledige_naam(self) -> str:
        return " ".join(p for p in (self.voornamen, self.tussenvoegsel, self.achternaam) if p)

    @property
    def geboortedatum(self) -> PartialDate | None:
        if self.geboortedatum_jaar is None:
            return None
        return PartialDate(
            self.geboortedatum_jaar, self.geboortedatum_maand, self.geboortedatum_dag
        )

    @geboortedatum.setter
    def geboortedatum(self, value: PartialDate | None) -> None:
        if value is None:
            self.geboortedatum_jaar = self.geboortedatum_maand = self.geboortedatum_dag = None
        else:
            self.geboortedatum_jaar = value.year
            self.geboortedatum_maand = value.month
            self.geboortedatum_dag = value.day

    @property
    def bsn_gemaskeerd(self) -> str:
        return mask_bsn(self.bsn)

    def afgeleide_velden_bijwerken(self) -> None:
        """Fills the derived columns from the fields they derive from."""
        datum = self.geboortedatum
        self.geboortedatum_vroegst = datum.earliest() if datum else None
        jaar = self.geboortedatum_jaar
        if jaar is None and self.ongeboren and self.verwachte_geboortedatum:
            jaar = self.verwachte_geboortedatum.year
        self.naam_sleutel = naam_sleutel(self.achternaam, self.tussenvoegsel)
        self.zoeksleutel = zoeksleutel(self.achternaam, self.tussenvoegsel, jaar)


class Adres(models.Model):
    """An address of a person over a period. A person can have several at once (a victim in a
    shelter keeps her registered address). A *geheim* address is a victim's secret shelter
    address: it is never shown to the other party, and the dossier shows only that it exists."""

    persoon = models.ForeignKey(Persoon, on_delete=models.CASCADE, related_name="adressen")
    straat = models.CharField("straat", max_length=200, blank=True)
    huisnummer = models.CharField("huisnummer", max_length=20, blank=True)
    postcode = models.CharField("postcode", max_length=7, blank=True)
    woonplaats = models.CharField("woonplaats", max_length=100, blank=True)
    gemeente = models.ForeignKey(
        Gemeente,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="gemeente",
    )
    geheim = models.BooleanField(
        "geheim adres",
        default=False,
        help_text="Opvangadres van een slachtoffer: nooit zichtbaar voor de andere partij.",
    )
    geldig_van = models.DateField("geldig van")
    geldig_tot = models.DateField("geldig tot en met", null=True, blank=True)
    aangemaakt_op = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "adres"
        verbose_name_plural = "adressen"
        ordering = ["-geldig_van", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(geldig_tot__isnull=True) | Q(geldig_tot__gte=F("geldig_van")),
                name="adres_periode_geldig",
            ),
        ]

    def __str__(self) -> str:
        if self.geheim:
            return "geheim adres"
        return f"{self.straat} {self.huisnummer}, {self.postcode} {self.woonplaats}".strip()

    def is_geldig_op(self, op: date) -> bool:
        return self.geldig_van <= op and (self.geldig_tot is None or op <= self.geldig_tot)


class RelatieSoort(models.TextChoices):
    # For the directed kinds, persoon_a is the elder: the ouder, the grootouder.
    OUDER_KIND = "ouder_kind", "ouder – kind"
    PARTNER = "partner", "partner"
    EX_PARTNER = "ex_partner", "ex-partner"
    BROER_ZUS = "broer_zus", "broer/zus"
    GROOTOUDER_KLEINKIND = "grootouder_kleinkind", "grootouder – kleinkind"
    OVERIG = "overig", "overig"


#: Relations whose direction matters (persoon_a is the elder one).
GERICHTE_RELATIES = frozenset({RelatieSoort.OUDER_KIND, RelatieSoort.GROOTOUDER_KLEINKIND})


class Relatie(models.Model):
    """A family relation between two persons; kept apart from a person's role in a casus."""

    persoon_a = models.ForeignKey(
        Persoon, on_delete=models.CASCADE, related_name="relaties_als_a", verbose_name="persoon"
    )
    persoon_b = models.ForeignKey(
        Persoon,
        on_delete=models.CASCADE,
        related_name="relaties_als_b",
        verbose_name="andere persoon",
    )
    soort = models.CharField("soort relatie", max_length=24, choices=RelatieSoort.choices)
    aangemaakt_op = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "relatie"
        verbose_name_plural = "relaties"
        constraints = [
            models.CheckConstraint(
                condition=~Q(persoon_a=F("persoon_b")), name="relatie_niet_met_zichzelf"
            ),
            models.UniqueConstraint(
                fields=["persoon_a", "persoon_b", "soort"], name="relatie_uniek"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_soort_display()} ({self.persoon_a_id} – {self.persoon_b_id})"


class GezagSoort(models.TextChoices):
    OUDERLIJK_GEZAG = "ouderlijk_gezag", "ouderlijk gezag"
    VOOGDIJ = "voogdij", "voogdij"
    WETTELIJK_VERTEGENWOORDIGER = "wettelijk_vertegenwoordiger", "wettelijk vertegenwoordiger"


class Gezag(models.Model):
    """Who holds parental authority over (or legally represents) a child, over a period."""

    kind = models.ForeignKey(
        Persoon, on_delete=models.CASCADE, related_name="gezag_over", verbose_name="kind"
    )
    gezaghebbende = models.ForeignKey(
        Persoon,
        on_delete=models.CASCADE,
        related_name="gezag_van",
        verbose_name="gezaghebbende",
    )
    soort = models.CharField("soort gezag", max_length=32, choices=GezagSoort.choices)
    van = models.DateField("van")
    tot = models.DateField("tot en met", null=True, blank=True)
    aangemaakt_op = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "gezag"
        verbose_name_plural = "gezag"
        ordering = ["-van", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(kind=F("gezaghebbende")), name="gezag_niet_over_zichzelf"
            ),
            models.CheckConstraint(
                condition=Q(tot__isnull=True) | Q(tot__gte=F("van")), name="gezag_periode_geldig"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_soort_display()} ({self.gezaghebbende_id} over {self.kind_id})"

    def is_geldig_op(self, op: date) -> bool:
        return self.van <= op and (self.tot is None or op <= self.tot)
