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
    OVERDRACHT_NA_BEMOEIENIS = "overdracht_na_bemoeienis", "overdracht na bemoeienis"
    MONITOREN = "monitoren", "monitoren"


class DienstStatus(models.TextChoices):
    GESTART = "gestart", "gestart"
    AFGEROND = "afgerond", "afgerond"


class Dienst(models.Model):
    """A service run on a casus after the VB. ``deadline`` (and ``taak``) for the 10-week
    terms of V&V and Onderzoek. ``besluit`` for a dienst a VB besluit started; ``vorige`` for a
    follow-up (overdracht na bemoeienis and monitoring after V&V / Onderzoek, an Onderzoek
    after an escalation). ``fase`` is the step in the dienst's own process (the transition
    tables in ``diensten.domain``); ``status`` says only whether it still runs, and ``einde``
    is the date it was closed.

    The content lives in columns for the kinds that need them (overdracht: partner, offer,
    acceptance; Onderzoek: start, findings; monitoring: policy, escalation) and in the rows of
    :class:`Veiligheidsvoorwaarde`, :class:`PlanRegel`, :class:`OnderzoekConclusie` and
    :class:`MonitoringMoment`. ``version`` guards all of it (optimistic locking)."""

    casus = models.ForeignKey(Casus, on_delete=models.PROTECT, related_name="diensten")
    besluit = models.OneToOneField(
        Besluit, on_delete=models.PROTECT, null=True, blank=True, related_name="dienst"
    )
    vorige = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="vervolgen",
        verbose_name="volgt op",
    )
    fase = models.CharField("fase", max_length=20, blank=True)
    einde = models.DateField("einde", null=True, blank=True)
    afgerond_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    #: Closing motivation (V&V), or the final assessment (monitoring).
    afsluiting = models.TextField("afsluiting", blank=True)
    start_taak = models.ForeignKey(
        Taak, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    # Overdracht
    ketenpartner = models.ForeignKey(
        "assessment.Ketenpartner",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="ketenpartner",
    )
    aangeboden_op = models.DateField("aangeboden op", null=True, blank=True)
    geaccepteerd_op = models.DateField("geaccepteerd op", null=True, blank=True)
    geaccepteerd_door = models.CharField("geaccepteerd door", max_length=200, blank=True)
    verantwoordelijk_vanaf = models.DateField(
        "verantwoordelijkheid voor de veiligheid over op", null=True, blank=True
    )
    geweigerd_op = models.DateField("geweigerd op", null=True, blank=True)
    reden_weigering = models.TextField("reden van weigering", blank=True)
    # Onderzoek
    gestart_op = models.DateField("onderzoek gestart op", null=True, blank=True)
    start_te_laat = models.BooleanField("later gestart dan de termijn", null=True, blank=True)
    bevindingen = models.TextField("bevindingen", blank=True)
    vervolg_na_onderzoek = models.JSONField(
        "vervolg na onderzoek", default=list, blank=True, help_text="Codes uit de codelijst."
    )
    # Monitoring
    monitoring_beleid = models.ForeignKey(
        "diensten.MonitoringBeleid",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    escalatie = models.CharField("escalatie", max_length=12, blank=True)
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
        indexes = [
            models.Index(fields=["casus", "status"], name="dienst_casus_status_idx"),
            models.Index(
                fields=["soort", "deadline"],
                condition=models.Q(status="gestart"),
                name="dienst_open_soort_idx",
            ),
            models.Index(
                fields=["soort", "einde"],
                condition=models.Q(status="afgerond"),
                name="dienst_einde_soort_idx",
            ),
            # The list's own order (API /diensten/): the first page walks this index instead of
            # sorting every dienst in scope.
            models.Index(fields=["start", "id"], name="dienst_start_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.get_soort_display()} ({self.casus_id})"

    @property
    def is_open(self) -> bool:
        return self.status == DienstStatus.GESTART


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


class TerugkoppelingSoort(models.TextChoices):
    NA_VB = "na_vb", "na de veiligheidsbeoordeling"
    NA_ONDERZOEK = "na_onderzoek", "na het onderzoek"


class Terugkoppeling(models.Model):
    """Feedback to the melder after the VB and after an Onderzoek (one of each per melding):
    whether follow-up started and who took over — and, for a melder in a professional role,
    the safety conditions the dienst set — never other details the melder may not know."""

    melding = models.ForeignKey(Melding, on_delete=models.PROTECT, related_name="terugkoppelingen")
    soort = models.CharField(
        "soort",
        max_length=14,
        choices=TerugkoppelingSoort.choices,
        default=TerugkoppelingSoort.NA_VB,
    )
    besluit = models.ForeignKey(
        Besluit, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    #: The dienst whose ending this feedback reports (after an Onderzoek).
    dienst = models.ForeignKey(
        Dienst, on_delete=models.PROTECT, null=True, blank=True, related_name="terugkoppelingen"
    )
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
        constraints = [
            models.UniqueConstraint(
                fields=["melding", "soort"], name="terugkoppeling_melding_soort_uniek"
            ),
        ]

    def __str__(self) -> str:
        return f"terugkoppeling {self.melding_id}"


class DienstStap(models.Model):
    """The history of a dienst's process (every allowed transition): appended, never changed."""

    dienst = models.ForeignKey(Dienst, on_delete=models.PROTECT, related_name="stappen")
    actie = models.CharField("actie", max_length=20)
    van_fase = models.CharField(max_length=20)
    naar_fase = models.CharField(max_length=20)
    door = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    op = models.DateTimeField("op")
    toelichting = models.TextField(blank=True)

    class Meta:
        verbose_name = "stap in de dienst"
        verbose_name_plural = "stappen in de dienst"
        ordering = ["op", "pk"]

    def __str__(self) -> str:
        return f"{self.actie} {self.op:%d-%m-%Y %H:%M}"


class Veiligheidsvoorwaarde(models.Model):
    """A minimum condition for safety, with who must meet it (V&V, Onderzoek when confirmed,
    and the conditions handed over in an overdracht)."""

    dienst = models.ForeignKey(Dienst, on_delete=models.PROTECT, related_name="voorwaarden")
    tekst = models.TextField("voorwaarde")
    wie = models.CharField("wie moet eraan voldoen", max_length=200)
    volgorde = models.PositiveSmallIntegerField("volgorde", default=0)
    vastgelegd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    vastgelegd_op = models.DateTimeField("vastgelegd op")

    class Meta:
        verbose_name = "veiligheidsvoorwaarde"
        verbose_name_plural = "veiligheidsvoorwaarden"
        ordering = ["dienst", "volgorde", "pk"]

    def __str__(self) -> str:
        return self.tekst[:60]


class PlanRegelSoort(models.TextChoices):
    ACTIE = "actie", "actie"
    ZORG = "zorg", "zorg nodig (per gezinslid)"
    SCHADE = "schade", "schade en herstel"
    AFSPRAAK = "afspraak", "afspraak met het gezin"


class PlanRegelStatus(models.TextChoices):
    OPEN = "open", "open"
    LOOPT = "loopt", "loopt"
    GEREED = "gereed", "gereed"
    VERVALLEN = "vervallen", "vervallen"


class Prioriteit(models.TextChoices):
    HOOG = "hoog", "hoog"
    MIDDEL = "middel", "middel"
    LAAG = "laag", "laag"


class PlanRegel(models.Model):
    """One line of the veiligheidsplan: an action (owner, due date, status), the care a family
    member needs (with priority), harm suffered and how it is repaired, or an agreement with
    the family."""

    dienst = models.ForeignKey(Dienst, on_delete=models.PROTECT, related_name="planregels")
    soort = models.CharField("soort", max_length=10, choices=PlanRegelSoort.choices)
    omschrijving = models.TextField("omschrijving")
    eigenaar = models.CharField("wie", max_length=200, blank=True)
    persoon = models.ForeignKey(
        "people.Persoon",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="gezinslid",
    )
    deadline = models.DateField("uiterlijk", null=True, blank=True)
    status = models.CharField(
        "status", max_length=10, choices=PlanRegelStatus.choices, default=PlanRegelStatus.OPEN
    )
    prioriteit = models.CharField(
        "prioriteit", max_length=6, choices=Prioriteit.choices, blank=True
    )
    herstel = models.TextField("herstel", blank=True)
    vastgelegd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    vastgelegd_op = models.DateTimeField("vastgelegd op")

    class Meta:
        verbose_name = "regel van het veiligheidsplan"
        verbose_name_plural = "regels van het veiligheidsplan"
        ordering = ["dienst", "soort", "deadline", "pk"]

    def __str__(self) -> str:
        return self.omschrijving[:60]


class ConclusieSoort(models.TextChoices):
    BEVESTIGD = "bevestigd", "bevestigd"
    NIET_BEVESTIGD = "niet_bevestigd", "niet bevestigd"
    WEERLEGD = "weerlegd", "weerlegd"
    VOORTIJDIG_AFGESLOTEN = "voortijdig_afgesloten", "voortijdig afgesloten"


class RedenVoortijdig(models.TextChoices):
    VERTROKKEN = "vertrokken", "vertrokken naar onbekende bestemming"
    OVERLEDEN = "overleden", "overleden"


class OnderzoekConclusie(models.Model):
    """The conclusion of an Onderzoek for one aard of violence (code list 'aard'), with the
    2015 'uitkomst_onderzoek' code derived from it (``diensten.domain.onderzoek``)."""

    dienst = models.ForeignKey(Dienst, on_delete=models.PROTECT, related_name="conclusies")
    aard = models.CharField("aard", max_length=2)
    conclusie = models.CharField("conclusie", max_length=24, choices=ConclusieSoort.choices)
    #: Whether it concerns a child (kindermishandeling) or not (huiselijk geweld).
    kind = models.BooleanField("betreft een kind (kindermishandeling)")
    reden = models.CharField(
        "reden voortijdig afgesloten", max_length=12, choices=RedenVoortijdig.choices, blank=True
    )
    uitkomst = models.CharField("uitkomst (code)", max_length=2)
    toelichting = models.TextField("toelichting", blank=True)
    vastgelegd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    vastgelegd_op = models.DateTimeField("vastgelegd op")

    class Meta:
        verbose_name = "conclusie van het onderzoek"
        verbose_name_plural = "conclusies van het onderzoek"
        ordering = ["dienst", "aard"]
        constraints = [
            models.UniqueConstraint(fields=["dienst", "aard"], name="conclusie_dienst_aard_uniek"),
        ]

    def __str__(self) -> str:
        return f"{self.aard}: {self.get_conclusie_display()}"


class MonitoringBeleid(models.Model):
    """One published version of the staged monitoring policy: ``stappen`` is
    ``[{"interval_maanden": 1, "tot_maand": 3}, ...]``. Never changed once published; a
    monitoring keeps the version its schedule was made with."""

    versie = models.PositiveIntegerField("versie", unique=True)
    omschrijving = models.CharField("omschrijving", max_length=200)
    stappen = models.JSONField("fasen")
    gepubliceerd_op = models.DateTimeField("gepubliceerd op")
    gepubliceerd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = "monitoringsbeleid"
        verbose_name_plural = "monitoringsbeleid (versies)"
        ordering = ["-versie"]

    def __str__(self) -> str:
        return f"Monitoringsbeleid versie {self.versie}"


class Nageleefd(models.TextChoices):
    JA = "ja", "ja"
    DEELS = "deels", "deels"
    NEE = "nee", "nee"


class Veiligheid(models.TextChoices):
    STABIEL = "stabiel", "stabiel"
    INSTABIEL = "instabiel", "instabiel"


class MonitoringMoment(models.Model):
    """A planned contact moment of a monitoring (``gepland_op``; empty for an extra contact)
    and, once held, what it found."""

    dienst = models.ForeignKey(Dienst, on_delete=models.PROTECT, related_name="momenten")
    volgnummer = models.PositiveSmallIntegerField("volgnummer")
    gepland_op = models.DateField("gepland op", null=True, blank=True)
    uitgevoerd_op = models.DateField("contact op", null=True, blank=True)
    met_wie = models.CharField("met wie", max_length=300, blank=True)
    voorwaarden = models.CharField(
        "voorwaarden nageleefd", max_length=6, choices=Nageleefd.choices, blank=True
    )
    veiligheid = models.CharField(
        "veiligheid", max_length=10, choices=Veiligheid.choices, blank=True
    )
    herstel = models.TextField("herstel van de schade", blank=True)
    notitie = models.TextField("notitie", blank=True)
    vastgelegd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    vastgelegd_op = models.DateTimeField("vastgelegd op", null=True, blank=True)

    class Meta:
        verbose_name = "monitoringsmoment"
        verbose_name_plural = "monitoringsmomenten"
        ordering = ["dienst", "volgnummer"]
        constraints = [
            models.UniqueConstraint(
                fields=["dienst", "volgnummer"], name="moment_dienst_volgnummer_uniek"
            ),
        ]

    def __str__(self) -> str:
        return f"moment {self.volgnummer}"


class DossierOverdracht(models.Model):
    """A record of what was sent when a casus was handed to another Veilig Thuis organisation
    (the family moved): to whom, when, by whom, in which form, which parts (counts of what went
    and of what was left out) and the SHA-256 of the export."""

    casus = models.ForeignKey(Casus, on_delete=models.PROTECT, related_name="+")
    ontvanger = models.ForeignKey(
        "assessment.Ketenpartner", on_delete=models.PROTECT, related_name="+"
    )
    formaat = models.CharField("formaat", max_length=4)
    onderdelen = models.JSONField("verstuurde en weggelaten onderdelen")
    sha256 = models.CharField("SHA-256", max_length=64)
    reden = models.CharField("reden", max_length=300)
    door = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    op = models.DateTimeField("op")

    class Meta:
        verbose_name = "dossieroverdracht"
        verbose_name_plural = "dossieroverdrachten"
        ordering = ["-op", "-pk"]

    def __str__(self) -> str:
        return f"dossieroverdracht {self.casus_id} {self.op:%d-%m-%Y}"


# Huisverbod, voorlichting, time registration and work assignment live in their own module.
from zicht.diensten.models_werk import *  # noqa: E402, F403
