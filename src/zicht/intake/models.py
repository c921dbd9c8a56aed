"""The front door: code lists, adviezen, meldingen with their melder, informants, the CORV
inbox, drafts, and the intake settings (receiving team, shifts).

Tables only. Writes go through ``intake.services``; reads through ``intake.selectors``.

**Source protection (bronbescherming).** Who reported or informed (melder, adviesvrager,
informant) is never revealed to the family (DOMAIN §6). The fields that identify a source are
listed in :data:`BRONBESCHERMD` (and say so in their help text); anything a family member can
receive — inzage, copies, letters, the journaal text of the casus — must leave them out. Use
:func:`bronbeschermde_velden` when building such output. The journaal items that intake writes
contain no source data for that reason.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q

from zicht.accounts.models import Team
from zicht.casework.models import Betrokkene, Casus, Taak
from zicht.intake.domain.classificatie import LABELS as SOORT_CBS_LABELS
from zicht.intake.domain.classificatie import SoortCbs
from zicht.intake.domain.codelijsten import HOEDANIGHEID_LIJSTEN, Codelijst
from zicht.intake.domain.regels import KANAAL_LABELS, Kanaal
from zicht.people.models import Gemeente

BRON_HELP = "Bronbescherming: nooit zichtbaar in wat het gezin ontvangt (inzage, brieven)."

KANAAL_CHOICES = [(k.value, KANAAL_LABELS[k]) for k in Kanaal]
SOORT_CBS_CHOICES = [(s.value, SOORT_CBS_LABELS[s]) for s in SoortCbs]


class Code(models.Model):
    """One code of a code list in one protocol version (see ``intake.domain.codelijsten``)."""

    lijst = models.CharField(
        "codelijst", max_length=40, choices=[(c.value, c.label) for c in Codelijst]
    )
    code = models.CharField("code", max_length=4)
    omschrijving = models.CharField("omschrijving", max_length=200)
    versie = models.CharField("versie", max_length=40)
    actief = models.BooleanField(
        "actief", default=True, help_text="Alleen actieve codes worden aangeboden bij invoer."
    )
    volgorde = models.PositiveSmallIntegerField("volgorde", default=0)

    class Meta:
        verbose_name = "code"
        verbose_name_plural = "codes"
        ordering = ["lijst", "volgorde", "code"]
        constraints = [
            models.UniqueConstraint(
                fields=["lijst", "code", "versie"], name="intake_code_uniek_per_versie"
            ),
        ]
        indexes = [models.Index(fields=["lijst", "actief"], name="intake_code_lijst_idx")]

    def __str__(self) -> str:
        return f"{self.code} {self.omschrijving}"

    @property
    def beroepsmatig(self) -> bool:
        return self.lijst == Codelijst.HOEDANIGHEID_BEROEPSMATIG

    @property
    def is_hoedanigheid(self) -> bool:
        return self.lijst in HOEDANIGHEID_LIJSTEN


class IntakeInstelling(models.Model):
    """The intake settings: one row (pk 1), edited by the functioneel beheerder.

    New casussen are held by :attr:`ontvangend_team`. While it is empty, the active team whose
    name is :attr:`standaard_teamnaam` (default "Veiligheidsbeoordeling") receives them; when
    neither exists, registering a melding that opens a casus is refused with a clear message.
    """

    ontvangend_team = models.ForeignKey(
        Team,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="ontvangend team",
        help_text="Het team dat nieuwe casussen krijgt (de veiligheidsbeoordeling).",
    )
    standaard_teamnaam = models.CharField(
        "standaard teamnaam",
        max_length=100,
        default="Veiligheidsbeoordeling",
        help_text="Gebruikt zolang er geen ontvangend team is gekozen.",
    )
    bijgewerkt_op = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "intake-instelling"
        verbose_name_plural = "intake-instellingen"

    def __str__(self) -> str:
        return "Intake-instellingen"


class Werkdienst(models.Model):
    """A shift of the 24/7 front door, by the wall-clock time it starts (Europe/Amsterdam)."""

    naam = models.CharField("naam", max_length=50)
    begint_om = models.TimeField("begint om", unique=True)

    class Meta:
        verbose_name = "werkdienst"
        verbose_name_plural = "werkdiensten"
        ordering = ["begint_om"]

    def __str__(self) -> str:
        return f"{self.naam} ({self.begint_om:%H:%M})"


class Bron(models.Model):
    """Common fields of a source: melder, adviesvrager, informant. See :data:`BRONBESCHERMD`."""

    hoedanigheid = models.ForeignKey(
        Code,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="hoedanigheid",
        limit_choices_to={"lijst__in": sorted(c.value for c in HOEDANIGHEID_LIJSTEN)},
        help_text=BRON_HELP,
    )
    naam = models.CharField("naam", max_length=200, blank=True, help_text=BRON_HELP)
    organisatie = models.CharField("organisatie", max_length=200, blank=True, help_text=BRON_HELP)
    telefoon = models.CharField("telefoon", max_length=40, blank=True, help_text=BRON_HELP)
    email = models.EmailField("e-mail", max_length=200, blank=True, help_text=BRON_HELP)

    class Meta:
        abstract = True


class Melder(Bron):
    """Who contacted VT: the melder of a melding or the adviesvrager of an advies."""

    anoniem = models.BooleanField(
        "anoniem voor Veilig Thuis",
        default=False,
        help_text="Alleen een adviesvrager kan anoniem blijven; een melder maakt zich bekend.",
    )
    anoniem_naar_gezin = models.BooleanField(
        "anoniem naar het gezin",
        default=False,
        help_text="De melder wil niet dat het gezin weet wie meldde.",
    )
    aangemaakt_op = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "melder"
        verbose_name_plural = "melders"

    def __str__(self) -> str:
        return f"melder {self.pk}"


class Advies(models.Model):
    """Advice given to a citizen or professional; little or no data about the family."""

    ontvangen_op = models.DateTimeField("ontvangen op")
    kanaal = models.CharField("kanaal", max_length=16, choices=KANAAL_CHOICES)
    adviesvrager = models.OneToOneField(
        Melder, on_delete=models.PROTECT, related_name="advies", verbose_name="adviesvrager"
    )
    aanleidingen = models.ManyToManyField(Code, related_name="+", verbose_name="aanleidingen")
    aarden = models.ManyToManyField(Code, related_name="+", verbose_name="aard")
    vraag = models.TextField("vraag")
    gegeven_advies = models.TextField("gegeven advies")
    vervolgadvies = models.TextField("vervolgadvies", blank=True)
    duur_minuten = models.PositiveSmallIntegerField("duur (minuten)")
    #: Where the family the advice is about lives, when the adviesvrager says (DOMAIN §7: the
    #: municipalities get the figures per gemeente of residence, adviezen included).
    gemeente = models.ForeignKey(
        Gemeente,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="gemeente van het gezin",
    )
    geregistreerd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    geregistreerd_op = models.DateTimeField("geregistreerd op")
    formulier_token = models.UUIDField(unique=True, editable=False)

    class Meta:
        verbose_name = "advies"
        verbose_name_plural = "adviezen"
        ordering = ["-ontvangen_op", "-id"]
        indexes = [
            models.Index(
                fields=["geregistreerd_door", "-geregistreerd_op", "-id"],
                name="advies_registrant_idx",
            ),
            models.Index(fields=["-geregistreerd_op", "-id"], name="advies_geregistreerd_idx"),
            # The list's own order (page and API /adviezen/): the first page walks this index
            # instead of sorting every advies.
            models.Index(fields=["ontvangen_op", "id"], name="advies_ontvangen_idx"),
        ]

    def __str__(self) -> str:
        return f"Advies {self.pk}"

    @property
    def nummer(self) -> str:
        return f"A-{self.pk:06d}"


class CorvStatus(models.TextChoices):
    NIEUW = "nieuw", "te verwerken"
    OMGEZET = "omgezet", "omgezet in melding"
    NIET_HGKM = "niet_hgkm", "niet over huiselijk geweld of kindermishandeling"


class CorvBericht(models.Model):
    """A police care report (zorgmelding) in the CORV inbox; see ``intake/CORV_FORMAT.md``.

    Not a melding: only once a medewerker turns it into one does it count. A report that is not
    about HG/KM is marked so, with where it was forwarded, and is never counted."""

    bericht_id = models.CharField("berichtnummer politie", max_length=64, unique=True)
    ontvangen_op = models.DateTimeField("ontvangen op")
    verzonden_op = models.DateTimeField("verzonden op")
    politie_eenheid = models.CharField("politie-eenheid", max_length=200)
    acuut = models.BooleanField("acuut volgens politie", default=False)
    hg_km_indicatie = models.BooleanField("HG/KM volgens politie", default=True)
    inhoud = models.JSONField("inhoud (zoals ontvangen)")
    status = models.CharField(
        "status", max_length=12, choices=CorvStatus.choices, default=CorvStatus.NIEUW
    )
    doorgestuurd_naar = models.CharField("doorgestuurd naar", max_length=200, blank=True)
    toelichting = models.CharField("toelichting", max_length=500, blank=True)
    afgehandeld_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    afgehandeld_op = models.DateTimeField("afgehandeld op", null=True, blank=True)

    class Meta:
        verbose_name = "CORV-bericht"
        verbose_name_plural = "CORV-berichten"
        ordering = ["-acuut", "ontvangen_op", "id"]
        indexes = [
            models.Index(
                fields=["-acuut", "ontvangen_op", "id"],
                condition=Q(status="nieuw"),
                name="corv_inbox_idx",
            ),
        ]

    def __str__(self) -> str:
        return f"CORV {self.bericht_id}"


class MeldingStatus(models.TextChoices):
    # Later issues (assessment) add their states; intake only knows "new, awaiting the VB".
    NIEUW = "nieuw", "nieuw (wacht op veiligheidsbeoordeling)"
    # Set by diensten.services.besluit_bevestigen when the VB besluit is confirmed.
    BESLOTEN = "besloten", "besloten (veiligheidsbeoordeling afgerond)"


class Melding(models.Model):
    """A report about a household, with the identity of the people involved, in a casus."""

    casus = models.ForeignKey(
        Casus, on_delete=models.PROTECT, related_name="meldingen", verbose_name="casus"
    )
    ontvangen_op = models.DateTimeField("ontvangen op")
    kanaal = models.CharField("kanaal", max_length=16, choices=KANAAL_CHOICES)
    melder = models.OneToOneField(
        Melder, on_delete=models.PROTECT, related_name="melding", verbose_name="melder"
    )
    aanleidingen = models.ManyToManyField(Code, related_name="+", verbose_name="aanleidingen")
    aarden = models.ManyToManyField(Code, related_name="+", verbose_name="aard")
    signalen = models.TextField("signalen (in de woorden van de melder)")
    acuut = models.BooleanField("acuut", default=False)
    acuut_uiterlijk = models.DateTimeField(
        "acuut: in actie uiterlijk", null=True, blank=True, help_text="24 uur na ontvangst."
    )
    soort_cbs = models.CharField("soort (CBS)", max_length=32, choices=SOORT_CBS_CHOICES)
    nieuwe_casus = models.BooleanField("opende een nieuwe casus")
    status = models.CharField(
        "status", max_length=16, choices=MeldingStatus.choices, default=MeldingStatus.NIEUW
    )
    vb_taak = models.ForeignKey(
        Taak,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="taak besluit veiligheidsbeoordeling",
    )
    advies = models.OneToOneField(
        Advies,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="melding",
        verbose_name="omgezet uit advies",
    )
    ambtshalve = models.BooleanField("ambtshalve melding", default=False)
    corv_bericht = models.OneToOneField(
        CorvBericht,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="melding",
        verbose_name="uit CORV-bericht",
    )
    geregistreerd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    geregistreerd_op = models.DateTimeField("geregistreerd op")
    #: One-time token of the form: a double click or a resubmitted form creates one melding.
    formulier_token = models.UUIDField(unique=True, editable=False)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = "melding"
        verbose_name_plural = "meldingen"
        ordering = ["-ontvangen_op", "-id"]
        indexes = [
            # The assessment worklist: new meldingen, acute first.
            models.Index(
                fields=["-acuut", "ontvangen_op", "id"],
                condition=Q(status="nieuw"),
                name="melding_nieuw_idx",
            ),
            models.Index(
                fields=["geregistreerd_door", "-geregistreerd_op", "-id"],
                name="melding_registrant_idx",
            ),
            models.Index(fields=["-geregistreerd_op", "-id"], name="melding_geregistreerd_idx"),
            models.Index(fields=["-ontvangen_op", "-id"], name="melding_ontvangen_idx"),
            # The team leader's deadline lists join open meldingen to their VB task; without
            # this partial index PostgreSQL walks the vb_taak index over every melding.
            models.Index(
                fields=["vb_taak", "casus"],
                condition=Q(status="nieuw"),
                name="melding_nieuw_taak_idx",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(acuut=False, acuut_uiterlijk__isnull=True)
                | Q(acuut=True, acuut_uiterlijk__isnull=False),
                name="melding_acuut_heeft_uiterlijk",
            ),
        ]

    def __str__(self) -> str:
        return self.nummer

    @property
    def nummer(self) -> str:
        return f"M-{self.pk:06d}"

    @property
    def soort_cbs_label(self) -> str:
        return SOORT_CBS_LABELS[SoortCbs(self.soort_cbs)]


class MeldingBetrokkene(models.Model):
    """Which betrokkenen of the casus this melding is about."""

    melding = models.ForeignKey(Melding, on_delete=models.CASCADE, related_name="betrokkenen")
    betrokkene = models.ForeignKey(Betrokkene, on_delete=models.PROTECT, related_name="+")
    nieuw_in_casus = models.BooleanField("nieuw in de casus")
    #: True when this melding created the person (False: an existing person was chosen).
    persoon_aangemaakt = models.BooleanField("persoon aangemaakt bij deze melding", default=True)

    class Meta:
        verbose_name = "betrokkene van een melding"
        verbose_name_plural = "betrokkenen van een melding"
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["melding", "betrokkene"], name="meldingbetrokkene_uniek"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.betrokkene_id} in {self.melding_id}"


class Informant(Bron):
    """Someone VT consulted about a casus (a professional, a relative); a protected source."""

    casus = models.ForeignKey(Casus, on_delete=models.PROTECT, related_name="informanten")
    melding = models.ForeignKey(
        Melding, on_delete=models.PROTECT, null=True, blank=True, related_name="informanten"
    )
    geraadpleegd_op = models.DateTimeField("geraadpleegd op")
    onderwerp = models.TextField("wat de informant vertelde")
    vastgelegd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    vastgelegd_op = models.DateTimeField("vastgelegd op")

    class Meta:
        verbose_name = "informant"
        verbose_name_plural = "informanten"
        ordering = ["-geraadpleegd_op", "-id"]
        indexes = [models.Index(fields=["casus", "-geraadpleegd_op"], name="informant_casus_idx")]

    def __str__(self) -> str:
        return f"informant {self.pk}"


class ConceptSoort(models.TextChoices):
    ADVIES = "advies", "advies"
    MELDING = "melding", "melding"


class Concept(models.Model):
    """A server-side draft of an intake form: the POST data (without the CSRF token), saved on
    every round trip and by the autosave script, so a fault or a lost connection loses no
    typed text. Keyed by the form's one-time token; removed when the form is saved."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="intake_concepten"
    )
    soort = models.CharField("soort", max_length=10, choices=ConceptSoort.choices)
    token = models.UUIDField(default=uuid.uuid4)
    data = models.JSONField("formuliergegevens")
    aangemaakt_op = models.DateTimeField("aangemaakt op")
    bijgewerkt_op = models.DateTimeField("bijgewerkt op")

    class Meta:
        verbose_name = "concept"
        verbose_name_plural = "concepten"
        ordering = ["-bijgewerkt_op", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["user", "token"], name="concept_uniek_per_token"),
        ]
        indexes = [
            models.Index(fields=["user", "soort", "-bijgewerkt_op"], name="concept_user_idx"),
        ]

    def __str__(self) -> str:
        return f"concept {self.soort} {self.bijgewerkt_op:%d-%m-%Y %H:%M}"


#: The fields that identify a source, per model: never in anything a family member receives.
BRONBESCHERMD: dict[type[models.Model], frozenset[str]] = {
    Melder: frozenset({"hoedanigheid", "naam", "organisatie", "telefoon", "email"}),
    Informant: frozenset({"hoedanigheid", "naam", "organisatie", "telefoon", "email"}),
}


def bronbeschermde_velden(model: type[models.Model]) -> frozenset[str]:
    """The source-protected fields of ``model`` (empty when it has none)."""
    return BRONBESCHERMD.get(model, frozenset())
