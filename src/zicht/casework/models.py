"""Dossiers (Casus) and what hangs off them: the people assigned, the betrokkenen, the journaal
with attachments, and tasks with their deadline history.

Tables only. Writes go through ``casework.services``; reads through ``casework.selectors``,
always filtered by ``casework.access.casus_scope``.
"""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone

from zicht.accounts.models import Team
from zicht.people.models import Gemeente, Persoon


class CasusStatus(models.TextChoices):
    OPEN = "open", "open"
    GESLOTEN = "gesloten", "gesloten"


class CasusNummerTeller(models.Model):
    """The last number handed out per year; locked while a new casus takes the next one."""

    jaar = models.PositiveSmallIntegerField(primary_key=True)
    laatste = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = "casusnummerteller"
        verbose_name_plural = "casusnummertellers"

    def __str__(self) -> str:
        return f"{self.jaar}: {self.laatste}"


class Casus(models.Model):
    """The dossier of one household."""

    nummer = models.CharField("casusnummer", max_length=16, unique=True)
    team = models.ForeignKey(
        Team, on_delete=models.PROTECT, related_name="casussen", verbose_name="team"
    )
    status = models.CharField(
        "status", max_length=10, choices=CasusStatus.choices, default=CasusStatus.OPEN
    )
    geopend_op = models.DateTimeField("geopend op")
    gesloten_op = models.DateTimeField("gesloten op", null=True, blank=True)
    gemeente = models.ForeignKey(
        Gemeente,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="gemeente",
    )
    version = models.PositiveIntegerField(default=1)
    aangemaakt_op = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "casus"
        verbose_name_plural = "casussen"
        ordering = ["-geopend_op", "-id"]
        indexes = [
            # The list: newest first, within a team and/or status.
            models.Index(fields=["-geopend_op", "-id"], name="casus_geopend_idx"),
            models.Index(fields=["team", "-geopend_op", "-id"], name="casus_team_geopend_idx"),
            models.Index(fields=["status", "-geopend_op", "-id"], name="casus_status_geopend_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(gesloten_op__isnull=True) | Q(gesloten_op__gte=F("geopend_op")),
                name="casus_gesloten_na_geopend",
            ),
        ]

    def __str__(self) -> str:
        return self.nummer

    @property
    def is_open(self) -> bool:
        return self.status == CasusStatus.OPEN


class MedewerkerRol(models.TextChoices):
    CASEMANAGER = "casemanager", "casemanager"
    ONDERZOEKER = "onderzoeker", "onderzoeker"
    VEILIGHEIDSBEOORDELAAR = "veiligheidsbeoordelaar", "medewerker veiligheidsbeoordeling"
    GEDRAGSDESKUNDIGE = "gedragsdeskundige", "gedragsdeskundige"
    VERTROUWENSARTS = "vertrouwensarts", "vertrouwensarts"
    OVERIG = "overig", "overig"


class CasusMedewerker(models.Model):
    """A user assigned to a casus for a period; gives access while active (casework.access)."""

    casus = models.ForeignKey(Casus, on_delete=models.CASCADE, related_name="medewerkers")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="casus_toewijzingen",
        verbose_name="medewerker",
    )
    rol = models.CharField("rol", max_length=24, choices=MedewerkerRol.choices)
    van = models.DateField("van")
    tot = models.DateField("tot en met", null=True, blank=True)
    aangemaakt_op = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "medewerker van een casus"
        verbose_name_plural = "medewerkers van een casus"
        ordering = ["van", "pk"]
        indexes = [
            models.Index(fields=["user", "casus"], name="casusmedewerker_user_idx"),
            # The access scope's look-up of a user's active assignments (casework.access).
            models.Index(
                fields=["user", "tot", "van"], include=["casus"], name="casusmedewerker_scope_idx"
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(tot__isnull=True) | Q(tot__gte=F("van")),
                name="casusmedewerker_periode_geldig",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_rol_display()} ({self.user_id}) in {self.casus_id}"

    def is_actief_op(self, op: date) -> bool:
        return self.van <= op and (self.tot is None or op <= self.tot)


class BetrokkeneRol(models.TextChoices):
    SLACHTOFFER = "slachtoffer", "slachtoffer"
    VERMOEDELIJK_SLACHTOFFER = "vermoedelijk_slachtoffer", "vermoedelijk slachtoffer"
    PLEGER = "pleger", "pleger"
    VERMOEDELIJK_PLEGER = "vermoedelijk_pleger", "vermoedelijk pleger"
    KIND = "kind", "kind"
    GETUIGE = "getuige", "getuige"
    OVERIG = "overig", "overig"


class Betrokkene(models.Model):
    """A person's role in the violence within a casus (family relations live in people)."""

    casus = models.ForeignKey(Casus, on_delete=models.CASCADE, related_name="betrokkenen")
    persoon = models.ForeignKey(
        Persoon, on_delete=models.PROTECT, related_name="betrokkenheden", verbose_name="persoon"
    )
    rol = models.CharField("rol", max_length=24, choices=BetrokkeneRol.choices)
    aangemaakt_op = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "betrokkene"
        verbose_name_plural = "betrokkenen"
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["casus", "persoon", "rol"], name="betrokkene_uniek_per_rol"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_rol_display()} in {self.casus_id}"


class JournaalSoort(models.TextChoices):
    GESPREK = "gesprek", "gesprek"
    HUISBEZOEK = "huisbezoek", "huisbezoek"
    TELEFONISCH = "telefonisch", "telefonisch contact"
    OVERLEG = "overleg", "overleg"
    NOTITIE = "notitie", "notitie"
    # Written by the front door (intake), never chosen by hand in the journaal form.
    MELDING = "melding", "melding"
    ADVIES = "advies", "advies"
    INFORMANT = "informant", "informant geraadpleegd"


#: Soorten a person may choose when adding a journaal item by hand.
JOURNAAL_SOORTEN_HANDMATIG = [
    (JournaalSoort.GESPREK.value, JournaalSoort.GESPREK.label),
    (JournaalSoort.HUISBEZOEK.value, JournaalSoort.HUISBEZOEK.label),
    (JournaalSoort.TELEFONISCH.value, JournaalSoort.TELEFONISCH.label),
    (JournaalSoort.OVERLEG.value, JournaalSoort.OVERLEG.label),
    (JournaalSoort.NOTITIE.value, JournaalSoort.NOTITIE.label),
]


class JournaalAppendOnlyError(RuntimeError):
    """The journaal is appended to; a correction is a new item that refers to the old one."""


class JournaalItem(models.Model):
    """One entry in the running file of a casus. Append-only: never changed or removed."""

    casus = models.ForeignKey(Casus, on_delete=models.PROTECT, related_name="journaal")
    soort = models.CharField("soort", max_length=16, choices=JournaalSoort.choices)
    auteur = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="auteur",
    )
    moment = models.DateTimeField("moment", help_text="Wanneer het contact plaatsvond.")
    vastgelegd_op = models.DateTimeField("vastgelegd op", default=timezone.now)
    tekst = models.TextField("tekst")
    medisch = models.BooleanField(
        "medische notitie",
        default=False,
        help_text="Alleen zichtbaar voor wie medische notities mag lezen (vertrouwensarts).",
    )
    corrigeert = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="correcties",
        verbose_name="corrigeert",
    )

    class Meta:
        verbose_name = "journaalitem"
        verbose_name_plural = "journaalitems"
        ordering = ["-moment", "-id"]
        indexes = [
            models.Index(fields=["casus", "-moment", "-id"], name="journaal_casus_moment_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.get_soort_display()} {self.moment:%d-%m-%Y %H:%M}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise JournaalAppendOnlyError(
                "Een journaalitem wordt niet gewijzigd; leg een correctie vast als nieuw item."
            )
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> Any:
        raise JournaalAppendOnlyError("Een journaalitem wordt niet verwijderd.")


def bijlage_pad(instance: Bijlage, filename: str) -> str:
    """A path that cannot be guessed and gives nothing away: no original name, no extension."""
    del filename
    return f"bijlagen/{timezone.now():%Y/%m}/{uuid.uuid4().hex}"


class Bijlage(models.Model):
    """A file attached to a journaal item; downloaded only through the scoped, audited view."""

    journaal_item = models.ForeignKey(
        JournaalItem, on_delete=models.PROTECT, related_name="bijlagen"
    )
    bestand = models.FileField(upload_to=bijlage_pad, max_length=200)
    oorspronkelijke_naam = models.CharField("bestandsnaam", max_length=255)
    mime_type = models.CharField("soort bestand", max_length=120)
    grootte = models.PositiveBigIntegerField("grootte (bytes)")
    sha256 = models.CharField(max_length=64)
    aangemaakt_op = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "bijlage"
        verbose_name_plural = "bijlagen"
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.oorspronkelijke_naam


class Taak(models.Model):
    """A task on a casus with a deadline: from a statutory/protocol term (``termijn_code``,
    computed with the Atw calendar) or an explicit date. ``deadline`` is the *effective*
    deadline after every suspension and extension, recomputed when one is added."""

    casus = models.ForeignKey(Casus, on_delete=models.CASCADE, related_name="taken")
    omschrijving = models.CharField("omschrijving", max_length=250)
    termijn_code = models.CharField("termijn", max_length=40, blank=True)
    start = models.DateField("start")
    oorspronkelijke_deadline = models.DateField("oorspronkelijke deadline")
    deadline = models.DateField("deadline")
    opgeschorte_dagen = models.PositiveIntegerField("opgeschorte dagen", default=0)
    toegewezen_aan = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="taken",
        verbose_name="toegewezen aan",
    )
    aangemaakt_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    aangemaakt_op = models.DateTimeField(auto_now_add=True)
    afgerond_op = models.DateTimeField("afgerond op", null=True, blank=True)
    afgerond_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="afgerond door",
    )
    version = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = "taak"
        verbose_name_plural = "taken"
        ordering = ["deadline", "pk"]
        indexes = [
            # Open tasks of a casus, and the worklist of open tasks by deadline.
            models.Index(
                fields=["casus", "deadline"],
                condition=Q(afgerond_op__isnull=True),
                name="taak_open_casus_idx",
            ),
            models.Index(
                fields=["deadline"],
                condition=Q(afgerond_op__isnull=True),
                name="taak_open_deadline_idx",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(deadline__gte=F("start")), name="taak_deadline_na_start"
            ),
        ]

    def __str__(self) -> str:
        return self.omschrijving

    @property
    def is_open(self) -> bool:
        return self.afgerond_op is None


class TaakOpschorting(models.Model):
    """The clock of a task stood still from ``van`` up to and including ``tot``. Appended."""

    taak = models.ForeignKey(Taak, on_delete=models.CASCADE, related_name="opschortingen")
    van = models.DateField("van")
    tot = models.DateField("tot en met")
    reden = models.CharField("reden", max_length=250)
    door = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    vastgelegd_op = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = "opschorting"
        verbose_name_plural = "opschortingen"
        ordering = ["van", "pk"]

    def __str__(self) -> str:
        return f"{self.van:%d-%m-%Y} t/m {self.tot:%d-%m-%Y}"


class TaakVerlenging(models.Model):
    """The term of a task was extended by ``aantal`` of its own unit. Appended."""

    taak = models.ForeignKey(Taak, on_delete=models.CASCADE, related_name="verlengingen")
    aantal = models.PositiveIntegerField("aantal")
    #: The unit of ``aantal`` (the term's own unit), recorded for display.
    eenheid = models.CharField("eenheid", max_length=15, default="kalenderdagen")
    reden = models.CharField("reden", max_length=250)
    door = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    vastgelegd_op = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = "verlenging"
        verbose_name_plural = "verlengingen"
        ordering = ["vastgelegd_op", "pk"]

    def __str__(self) -> str:
        return f"+{self.aantal} {self.eenheid}"


class NoodtoegangReden(models.TextChoices):
    """Why someone broke the glass. A code, plus optional text without names."""

    ACUUT_GEVAAR = "acuut_gevaar", "acuut gevaar, eigen team niet bereikbaar"
    CRISISDIENST = "crisisdienst", "crisisdienst buiten kantoortijden"
    VERVANGING = "vervanging", "vervanging van een afwezige collega"
    KETENPARTNER_VRAAG = "ketenpartner_vraag", "dringende vraag van politie of ketenpartner"
    OVERIG = "overig", "overig (toelichting verplicht)"


class NoodtoegangOordeel(models.TextChoices):
    TERECHT = "terecht", "terecht"
    ONTERECHT = "onterecht", "onterecht"


class Noodtoegang(models.Model):
    """Break-the-glass: a time-limited grant to one casus outside the user's team.

    OR-ed into :func:`zicht.casework.access.casus_scope` while ``van <= now < tot``; reviewed
    afterwards by the privacy officer (``oordeel``). Never changed except by that review."""

    casus = models.ForeignKey(Casus, on_delete=models.CASCADE, related_name="noodtoegangen")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="noodtoegangen",
        verbose_name="medewerker",
    )
    reden = models.CharField("reden", max_length=24, choices=NoodtoegangReden.choices)
    toelichting = models.CharField("toelichting", max_length=500, blank=True)
    van = models.DateTimeField("van")
    tot = models.DateTimeField("tot")
    oordeel = models.CharField(
        "oordeel", max_length=10, choices=NoodtoegangOordeel.choices, blank=True
    )
    oordeel_toelichting = models.CharField(
        "toelichting bij het oordeel", max_length=500, blank=True
    )
    getoetst_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="getoetst door",
    )
    getoetst_op = models.DateTimeField("getoetst op", null=True, blank=True)

    class Meta:
        verbose_name = "noodtoegang"
        verbose_name_plural = "noodtoegangen"
        ordering = ["-van", "-id"]
        indexes = [
            models.Index(fields=["user", "tot"], include=["casus"], name="noodtoegang_scope_idx"),
            models.Index(
                fields=["van"], condition=Q(getoetst_op__isnull=True), name="noodtoegang_toets_idx"
            ),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(tot__gt=F("van")), name="noodtoegang_tot_na_van"),
        ]

    def __str__(self) -> str:
        return f"noodtoegang {self.pk} tot {self.casus_id}"

    def is_actief_op(self, moment: Any) -> bool:
        return bool(self.van <= moment < self.tot)


class MedischeNotitie(models.Model):
    """A medical note of the vertrouwensarts: a record of its own, read and written only with
    :attr:`Perm.MEDISCHE_NOTITIE`; never in the timeline, exports, letters or inzage unless a
    :class:`MedischeNotitieVrijgave` releases it."""

    casus = models.ForeignKey(Casus, on_delete=models.CASCADE, related_name="medische_notities")
    auteur = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name="auteur"
    )
    moment = models.DateTimeField("moment")
    tekst = models.TextField("tekst")
    vastgelegd_op = models.DateTimeField("vastgelegd op", default=timezone.now)

    class Meta:
        verbose_name = "medische notitie"
        verbose_name_plural = "medische notities"
        ordering = ["-moment", "-id"]
        indexes = [models.Index(fields=["casus", "-moment"], name="medische_notitie_casus_idx")]

    def __str__(self) -> str:
        return f"medische notitie {self.pk}"


class MedischeNotitieVrijgave(models.Model):
    """The vertrouwensarts's explicit, reasoned release of a medical note for inzage."""

    notitie = models.OneToOneField(
        MedischeNotitie, on_delete=models.CASCADE, related_name="vrijgave"
    )
    door = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    reden = models.CharField("reden van vrijgave", max_length=500)
    op = models.DateTimeField("vrijgegeven op", default=timezone.now)

    class Meta:
        verbose_name = "vrijgave van een medische notitie"
        verbose_name_plural = "vrijgaven van medische notities"

    def __str__(self) -> str:
        return f"vrijgave {self.notitie_id}"
