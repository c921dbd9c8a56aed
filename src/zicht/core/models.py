"""Reference data of the deadline calendar: equated days and versioned term definitions.

Both are *data*, editable without a deploy: the royal decrees that equate days with Atw holidays
change every few years, and a protocol change is a new version of a term. The rules that use them
live in :mod:`zicht.core.domain`; reads go through :mod:`zicht.core.selectors`.
"""

from __future__ import annotations

from django.db import models

from zicht.core.domain.terms import Eenheid, Termijn

EENHEID_CHOICES = [(eenheid.value, eenheid.label) for eenheid in Eenheid]


class GelijkgesteldeDag(models.Model):
    """A day that a royal decree equates with an algemeen erkende feestdag (Atw art. 3(3))."""

    datum = models.DateField("datum", unique=True)
    grond = models.CharField(
        "grond",
        max_length=200,
        help_text="Waarom deze dag is gelijkgesteld, bijv. ‘vrijdag na Hemelvaartsdag’.",
    )
    bron_status = models.CharField(
        "bron",
        max_length=250,
        blank=True,
        help_text="Het besluit waarop de gelijkstelling berust, en hoe zeker die bron is.",
    )

    class Meta:
        ordering = ["datum"]
        verbose_name = "gelijkgestelde dag"
        verbose_name_plural = "gelijkgestelde dagen"

    def __str__(self) -> str:
        return f"{self.datum:%d-%m-%Y} ({self.grond})"


class TermijnDefinitie(models.Model):
    """One version of a term, valid from ``geldig_vanaf`` until the next version of its code."""

    code = models.CharField("code", max_length=50)
    versie = models.CharField("versie", max_length=20)
    geldig_vanaf = models.DateField("geldig vanaf")
    omschrijving = models.CharField("omschrijving", max_length=200)
    aantal = models.PositiveIntegerField("aantal")
    eenheid = models.CharField("eenheid", max_length=15, choices=EENHEID_CHOICES)
    atw_art1 = models.BooleanField(
        "Atw art. 1",
        help_text="Een einde op zaterdag, zondag of feestdag schuift naar de volgende werkdag.",
    )
    max_opschorting = models.PositiveIntegerField(
        "maximale opschorting",
        null=True,
        blank=True,
        help_text="In werkdagen (termijn in werkdagen) of kalenderdagen (andere termijnen); "
        "leeg is onbeperkt, 0 is niet opschortbaar.",
    )

    class Meta:
        ordering = ["code", "-geldig_vanaf"]
        verbose_name = "termijndefinitie"
        verbose_name_plural = "termijndefinities"
        constraints = [
            models.UniqueConstraint(
                fields=["code", "geldig_vanaf"], name="core_termijn_code_geldig_vanaf_uniek"
            ),
            models.CheckConstraint(
                condition=models.Q(aantal__gte=1), name="core_termijn_aantal_positief"
            ),
            models.CheckConstraint(
                condition=models.Q(eenheid__in=[e.value for e in Eenheid]),
                name="core_termijn_eenheid_bekend",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.versie} (vanaf {self.geldig_vanaf:%d-%m-%Y})"

    def as_termijn(self) -> Termijn:
        return Termijn(
            code=self.code,
            omschrijving=self.omschrijving,
            aantal=self.aantal,
            eenheid=Eenheid(self.eenheid),
            atw_art1=self.atw_art1,
            max_opschorting=self.max_opschorting,
        )
