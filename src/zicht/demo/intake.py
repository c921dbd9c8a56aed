"""The front door in the demo: meldingen (with melder, betrokkenen, journaal item and the tasks
a registration starts), the CORV inbox and adviezen, at the NHN 2019 volumes (DOMAIN §2, §10).

**Meldingen.** Every casus of the households step gets its first melding at its opening moment
(an *eerste melding*, or a *hermelding* when one of its persons was in an older casus that was
closed before — households.py plans those). On top of that,
:data:`~zicht.demo.volumes.VERVOLG_AANDEEL` of the meldingen are *vervolgmeldingen* on a casus
that is open at that moment: a casus is drawn
by how long it is open within the window, the moment uniformly within that time (so a casus in
monitoring for 18 months gets more of them than one handed over after a week). Near the start
of the window few casussen are open yet (the generator has no history before it), so the
vervolgmeldingen are thinner there. Each melding is classified with the CBS rule
(``intake.domain.classificatie``), the phase taken from the casus's plan on the day it arrives.

As ``intake.services.melding_register`` would, each melding gets: a melder (police ~65%, mostly
through CORV with a handled CORV report; other professionals with an organisation; a minority of
non-professionals; ~6% anonymous towards the family), aanleiding and aard codes that fit the
household, the signals in a short synthetic sentence, ``MeldingBetrokkene`` rows, a journaal item
of soort ``melding`` (without the melder: source protection), the ``vb_besluit`` task with its
Atw deadline, an ``informeren_betrokkenen`` task per adult new in the casus and a feedback task.
~10% are acute (with the 24-hour moment).

**Status.** A melding whose VB besluit lies before the end of the window is ``besloten`` and
its tasks are done (the besluit itself is left to the assessment app, not generated here); the
others — the last one to two weeks of meldingen — stay ``nieuw``, so the "nieuwe meldingen"
worklist and the VB clocks are alive, a few of them over the term (the plan decides ~12% of
VBs after more than 5 working days) and some acute.

**CORV inbox.** Besides the converted reports: some reports not about HG/KM, forwarded (never
counted as meldingen), and a few recent ones still waiting in the inbox.

**Adviezen.** ``ADVIEZEN_PER_JAAR × schaal``, mostly from professionals by phone, with codes,
a question and an advice (short synthetic Dutch sentences) and a duration; ~2% of them were
converted into a melding (linked; written here with the melding they became).

All rows are written in bulk with pre-assigned keys; nothing is audited per row.
"""

from __future__ import annotations

import bisect
import random
import uuid
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from itertools import accumulate

from django.utils import timezone

from zicht.casework.models import Betrokkene, JournaalItem, JournaalSoort, Taak
from zicht.core.domain.terms import Termijn, deadline
from zicht.core.models import TermijnDefinitie
from zicht.core.selectors import termijn_get
from zicht.demo.bulk import IdReeks, sequences_reset
from zicht.demo.context import CasusPlan, DemoContext, LidPlan
from zicht.demo.places import GemeenteKeuze
from zicht.demo.progress import Balk, getal
from zicht.demo.rijen import RijSchrijver
from zicht.demo.staff import Staf
from zicht.demo.volumes import aantal_adviezen, aantal_meldingen
from zicht.intake.domain.classificatie import LABELS, Fase, SoortCbs, classificeer
from zicht.intake.domain.codelijsten import Codelijst
from zicht.intake.domain.corv import FORMAAT
from zicht.intake.domain.regels import KANAAL_LABELS, Kanaal
from zicht.intake.models import (
    Advies,
    Code,
    CorvBericht,
    CorvStatus,
    Melder,
    Melding,
    MeldingBetrokkene,
    MeldingStatus,
)
from zicht.people.models import Persoon

__all__ = ["adviezen_step", "meldingen_step"]

#: Share of meldingen from the police (DOMAIN §10: police/justice 65–70%), and of those the
#: share that arrives as a CORV care report (the rest by phone).
POLITIE_AANDEEL = 0.65
POLITIE_VIA_CORV = 0.85
#: Share of other meldingen from non-professionals (hoedanigheid 30–41).
NIET_BEROEPSMATIG_AANDEEL = 0.2
ACUUT_AANDEEL = 0.10
#: Share of adviezen converted into a melding (omzetten).
OMGEZET_AANDEEL = 0.02
#: CORV reports not about HG/KM, per CORV report that became a melding.
NIET_HGKM_PER_CORV = 0.04

_WEEKDAG_GEWICHT = (10, 10, 10, 10, 10, 5, 4)

# --- Melders ----------------------------------------------------------------------------------

#: Professional hoedanigheid (not police) by kind of household, weights.
_BEROEPEN: dict[str, dict[str, int]] = {
    "kinderen": {
        "15": 22,
        "03": 14,
        "02": 12,
        "08": 12,
        "10": 10,
        "18": 6,
        "09": 6,
        "12": 6,
        "05": 4,
        "07": 3,
        "16": 3,
        "20": 2,
    },
    "partners": {
        "02": 22,
        "05": 14,
        "12": 14,
        "08": 14,
        "13": 10,
        "04": 6,
        "07": 6,
        "17": 4,
        "20": 10,
    },
    "ouderen": {"11": 35, "02": 25, "06": 10, "12": 10, "08": 10, "20": 10},
}
_NIET_BEROEPEN: dict[str, int] = {
    "31": 30,
    "33": 25,
    "34": 15,
    "35": 15,
    "32": 5,
    "30": 3,
    "36": 2,
    "40": 5,
}
_THEMA: dict[str, str] = {
    "partnergeweld_met_kinderen": "kinderen",
    "kindermishandeling": "kinderen",
    "partnergeweld_zonder_kinderen": "partners",
    "ouderenmishandeling": "ouderen",
    "zwangerschap": "partners",
    "grootouder_voogdij": "kinderen",
    "geweld_door_jongere": "kinderen",
}
_PLAATSEN = (
    "Alkmaar",
    "Den Helder",
    "Hoorn",
    "Heerhugowaard",
    "Schagen",
    "Enkhuizen",
    "Castricum",
    "Heiloo",
    "Medemblik",
    "Bergen",
    "Texel",
    "Purmerend",
)
_BASISTEAMS = {
    "Alkmaar": "Alkmaar",
    "Kop van Noord-Holland": "Kop van Noord-Holland",
    "West-Friesland": "West-Friesland",
}
_ORGANISATIES: dict[str, tuple[str, ...]] = {
    "02": ("Huisartsenpraktijk {plaats}", "Gezondheidscentrum {plaats}-Noord"),
    "03": ("JGZ Hollands Noorden, consultatiebureau {plaats}",),
    "04": ("GGZ Noord-Holland-Noord, {plaats}",),
    "05": ("Spoedeisende hulp, ziekenhuis {plaats}",),
    "06": ("Geriatrie, ziekenhuis {plaats}",),
    "07": ("Praktijk voor psychologie {plaats}",),
    "08": ("Wijkteam {plaats}", "Sociaal team {plaats}"),
    "09": ("Gecertificeerde instelling, regio {plaats}",),
    "10": ("Jeugdhulp Noord-Holland, locatie {plaats}",),
    "11": ("Thuiszorg {plaats}", "Wijkverpleging {plaats}"),
    "12": ("Maatschappelijk werk {plaats}",),
    "13": ("Vrouwenopvang Noord-Holland",),
    "15": (
        "Basisschool De Regenboog, {plaats}",
        "Openbare basisschool De Klimop, {plaats}",
        "Scholengemeenschap {plaats}",
    ),
    "16": ("Leerplicht, gemeente {plaats}",),
    "17": ("Gemeente {plaats}",),
    "18": ("Kinderopvang 't Kabouterhuis, {plaats}",),
    "20": ("Woningcorporatie {plaats}", "Schuldhulpverlening {plaats}"),
    "01": ("Eenheid Noord-Holland, basisteam {plaats}",),
}
_DOORGESTUURD = (
    "Wijkteam {plaats}",
    "GGD Hollands Noorden, meldpunt zorg en overlast",
    "Slachtofferhulp Nederland",
    "Reclassering Nederland",
    "Gemeente {plaats}, zorg en veiligheid",
)
_NIET_HGKM = (
    "Burenruzie over geluidsoverlast; geen familierelatie tussen de betrokkenen.",
    "Verward gedrag van een alleenwonende man; geen huisgenoten of kinderen.",
    "Ruzie tussen huisgenoten in een studentenhuis; geen huiselijke relatie.",
    "Zorgen over vereenzaming van een oudere; geen aanwijzingen voor geweld.",
)

# --- Codes and signals by household ------------------------------------------------------------

#: (aanleiding choices with weights, aard choices with weights, number of aard codes).
_CODES: dict[str, tuple[dict[str, int], dict[str, int]]] = {
    "partnergeweld_met_kinderen": ({"01": 80, "07": 15, "09": 5}, {"01": 50, "03": 40, "08": 60}),
    "kindermishandeling": (
        {"08": 70, "06": 20, "07": 10},
        {"01": 35, "02": 20, "03": 20, "04": 15, "05": 20, "06": 4},
    ),
    "partnergeweld_zonder_kinderen": ({"01": 90, "09": 10}, {"01": 60, "03": 50, "11": 5}),
    "ouderenmishandeling": ({"03": 100}, {"01": 25, "02": 30, "03": 25, "07": 35}),
    "zwangerschap": ({"01": 70, "06": 30}, {"01": 60, "03": 40}),
    "grootouder_voogdij": ({"08": 70, "07": 30}, {"03": 40, "04": 30, "05": 30}),
    "geweld_door_jongere": ({"04": 90, "09": 10}, {"01": 60, "03": 40}),
}
#: Aard or aanleiding codes that need a child in the melding (intake.domain.regels).
_KIND_AARD = {"08"}
_KIND_AANLEIDING = {"06", "07", "08"}

_SIGNALEN: dict[str, tuple[str, ...]] = {
    "partnergeweld_met_kinderen": (
        "Ruzie in de woning; {slachtoffer} zegt dat {pleger} haar heeft geduwd. De kinderen "
        "waren thuis.",
        "{slachtoffer} heeft letsel aan de arm. {kind} was getuige van de ruzie.",
        "Al langer spanningen tussen {slachtoffer} en {pleger}; de kinderen zijn onrustig.",
    ),
    "kindermishandeling": (
        "{kind} heeft blauwe plekken die niet goed worden verklaard.",
        "{kind} komt vaak zonder eten en in vieze kleren op school.",
        "{kind} vertelt dat {pleger} slaat als het misgaat.",
    ),
    "partnergeweld_zonder_kinderen": (
        "{pleger} heeft {slachtoffer} geslagen; de buren belden de politie.",
        "{slachtoffer} wordt bedreigd en gecontroleerd door {pleger}.",
    ),
    "ouderenmishandeling": (
        "Geld verdwijnt van de rekening van {slachtoffer}; {pleger} beheert de pinpas.",
        "{slachtoffer} is vermagerd en wordt niet goed verzorgd.",
    ),
    "zwangerschap": ("{slachtoffer} is zwanger en wordt door {pleger} mishandeld.",),
    "grootouder_voogdij": ("{kind} is onrustig na bezoek van {pleger}, die agressief was.",),
    "geweld_door_jongere": ("{pleger} is agressief tegen {slachtoffer} en vernielt spullen.",),
}

_VRAGEN: dict[str, tuple[str, ...]] = {
    "kinderen": (
        "Een leerling komt vaak moe en hongerig op school. Wat kan ik doen?",
        "Een kind vertelde over harde straffen thuis. Moet ik dit melden?",
        "Ouders hebben een vechtscheiding; het kind zit klem. Hoe ga ik het gesprek aan?",
        "Ik maak me zorgen over het kind van mijn buren. Wat kan ik doen?",
    ),
    "partners": (
        "Een cliënte vertelt over geweld door haar partner. Welke stappen zijn mogelijk?",
        "Mijn zus wordt door haar vriend gecontroleerd en bedreigd. Hoe kan ik helpen?",
        "Ik word thuis bedreigd door mijn partner. Waar kan ik terecht?",
    ),
    "ouderen": (
        "Een oudere cliënt lijkt financieel uitgebuit door een familielid. Wat nu?",
        "Mijn moeder wordt door mijn broer slecht verzorgd. Wat kan ik doen?",
    ),
}
_ADVIEZEN: tuple[str, ...] = (
    "De stappen van de meldcode doorgenomen; geadviseerd eerst het gesprek met de ouders aan "
    "te gaan en de zorgen vast te leggen.",
    "Geadviseerd de zorgen te bespreken en daarna opnieuw contact op te nemen; een melding is "
    "mogelijk als de zorgen blijven.",
    "Uitgelegd wat Veilig Thuis kan doen; de adviesvrager overweegt een melding.",
    "Tips gegeven voor het gesprek met het slachtoffer en gewezen op de mogelijkheden van "
    "hulpverlening in de buurt.",
    "Veiligheidsafspraken besproken en het nummer van de politie bij acuut gevaar genoemd.",
)
_VERVOLGADVIEZEN: tuple[str, ...] = (
    "",
    "",
    "Binnen twee weken terugbellen om de uitkomst van het gesprek te bespreken.",
    "Contact opnemen met het wijkteam voor ondersteuning.",
)


def _gewogen(rng: random.Random, gewichten: dict[str, int]) -> str:
    return rng.choices(list(gewichten), weights=list(gewichten.values()))[0]


def _uuid(rng: random.Random) -> uuid.UUID:
    return uuid.UUID(int=rng.getrandbits(128), version=4)


def _met_rol(plan: CasusPlan, *rollen: str) -> list[LidPlan]:
    return [lid for lid in plan.leden if any(r in lid.rollen for r in rollen)]


def _fase(plan: CasusPlan, op: date) -> Fase:
    fase = plan.fase(op)
    if fase == "veiligheidsbeoordeling":
        return Fase.TIJDENS_VB
    if fase == "monitoren":
        return Fase.TIJDENS_MONITORING
    return Fase.NA_VB


@dataclass(frozen=True, slots=True)
class _Ontvangst:
    """One melding to write: its casus, moment and kind."""

    plan: CasusPlan
    moment: datetime
    soort: SoortCbs
    besluit_op: date  # the day of its VB besluit


class _Codes:
    """The active codes (Code rows) by list and code, from one query."""

    def __init__(self) -> None:
        self.id: dict[tuple[str, str], int] = {}
        self.omschrijving: dict[int, str] = {}
        for pk, lijst, code, omschrijving in Code.objects.filter(actief=True).values_list(
            "pk", "lijst", "code", "omschrijving"
        ):
            self.id[(lijst, code)] = pk
            self.omschrijving[pk] = omschrijving

    def hoedanigheid(self, code: str) -> int:
        lijst = (
            Codelijst.HOEDANIGHEID_BEROEPSMATIG
            if int(code) < 30
            else Codelijst.HOEDANIGHEID_NIET_BEROEPSMATIG
        )
        return self.id[(lijst.value, code)]


def _momenten(ctx: DemoContext, rng: random.Random, aantal: int, kantoor: float) -> list[datetime]:
    """``aantal`` moments in the window, 24/7 (``kantoor`` of them in office hours)."""
    vanaf, laatste = ctx.options.vanaf, ctx.laatste_dag
    if laatste < vanaf or aantal <= 0:
        return []
    dagen = [vanaf + timedelta(days=i) for i in range((laatste - vanaf).days + 1)]
    cumulatief = list(accumulate(_WEEKDAG_GEWICHT[d.weekday()] for d in dagen))
    momenten = []
    for _ in range(aantal):
        dag = dagen[bisect.bisect_right(cumulatief, rng.random() * cumulatief[-1])]
        momenten.append(_op_dag(ctx, rng, dag, kantoor))
    momenten.sort()
    return momenten


def _op_dag(ctx: DemoContext, rng: random.Random, dag: date, kantoor: float) -> datetime:
    if rng.random() < kantoor:
        minuut = rng.randint(8 * 60 + 30, 17 * 60 + 30)
    else:
        minuut = rng.randint(0, 24 * 60 - 1)
    return ctx.moment(dag, minuut // 60, minuut % 60)


class _Voordeur:
    """Writes meldingen (and what comes with them), CORV reports and adviezen."""

    def __init__(self, ctx: DemoContext, rng: random.Random, stap: str) -> None:
        self.ctx = ctx
        self.rng = rng
        self.faker = ctx.faker_voor(stap)
        self.staf = Staf(ctx)
        self.codes = _Codes()
        self._gemeenten = GemeenteKeuze(ctx.gemeenten)
        modellen = (
            Melder,
            Advies,
            CorvBericht,
            Melding,
            MeldingBetrokkene,
            Taak,
            JournaalItem,
            Melding.aanleidingen.through,
            Melding.aarden.through,
            Advies.aanleidingen.through,
            Advies.aarden.through,
        )
        self.ids = {m: IdReeks(m) for m in modellen}
        nu = timezone.now()
        self.w = {m: RijSchrijver(m, nu=nu, ids=self.ids[m]) for m in modellen}
        self.termijnen: dict[str, list[tuple[date, Termijn]]] = {}
        for rij in TermijnDefinitie.objects.order_by("code", "geldig_vanaf"):
            self.termijnen.setdefault(rij.code, []).append((rij.geldig_vanaf, rij.as_termijn()))
        self._einde: dict[tuple[str, date], date] = {}
        self.corv_nummer = 0

    # --- Helpers ---

    def termijn(self, code: str, op: date) -> Termijn:
        """The version of term ``code`` valid on ``op`` (as ``termijn_get``, without a query)."""
        geldig = [t for vanaf, t in self.termijnen.get(code, []) if vanaf <= op]
        if not geldig:
            return termijn_get(code, op=op)  # raises TermijnOnbekend with its message
        return geldig[-1]

    def einde(self, code: str, start: date) -> date:
        """The deadline of a term in days or weeks counted from ``start``."""
        sleutel = (code, start)
        if sleutel not in self._einde:
            einde = deadline(start, self.termijn(code, start), self.ctx.kalender).einddatum
            assert isinstance(einde, date)
            self._einde[sleutel] = einde
        return self._einde[sleutel]

    def plaats(self) -> str:
        return self.rng.choice(_PLAATSEN)

    def organisatie(self, code: str) -> str:
        keuzes = _ORGANISATIES.get(code)
        if not keuzes:
            return ""
        return self.rng.choice(keuzes).format(plaats=self.plaats())

    def melder(self, code: str, *, anoniem: bool = False, anoniem_naar_gezin: bool = False) -> int:
        """A Melder row (melder or adviesvrager); returns its id."""
        rng, faker = self.rng, self.faker
        beroep = int(code) < 30
        naam = telefoon = email = ""
        if not anoniem:
            naam = faker.name()
            if code == "01":
                naam = f"agent {naam}"
            telefoon = faker.phone_number()
            if beroep and rng.random() < 0.5:
                email = f"{faker.user_name()}@example.org"
        melder_id = self.ids[Melder]()
        self.w[Melder].add(
            id=melder_id,
            hoedanigheid_id=self.codes.hoedanigheid(code),
            naam=naam,
            organisatie=self.organisatie(code) if beroep else "",
            telefoon=telefoon,
            email=email,
            anoniem=anoniem,
            anoniem_naar_gezin=anoniem_naar_gezin,
        )
        return melder_id

    def codes_voor(self, soort: str, kind: bool) -> tuple[list[int], list[int]]:
        rng = self.rng
        aanleidingen, aarden = _CODES[soort]
        if not kind:
            aanleidingen = {c: w for c, w in aanleidingen.items() if c not in _KIND_AANLEIDING}
            aarden = {c: w for c, w in aarden.items() if c not in _KIND_AARD}
            aanleidingen = aanleidingen or {"09": 1}
        aanleiding = [_gewogen(rng, aanleidingen)]
        gekozen = [_gewogen(rng, aarden)]
        for _ in range(rng.choice((0, 0, 1, 1, 2))):
            extra = _gewogen(rng, aarden)
            if extra not in gekozen:
                gekozen.append(extra)
        return (
            [self.codes.id[(Codelijst.AANLEIDING.value, c)] for c in aanleiding],
            [self.codes.id[(Codelijst.AARD.value, c)] for c in sorted(gekozen)],
        )

    def taak(
        self,
        plan: CasusPlan,
        omschrijving: str,
        start: date,
        *,
        code: str = "",
        uiterlijk: date | None = None,
        toegewezen_aan: int | None,
        door: int,
        klaar: datetime | None,
        klaar_door: int | None,
    ) -> tuple[int, date]:
        """A task (done at ``klaar``, or open); returns its id and deadline."""
        if code:
            einde = self.einde(code, start)
        else:
            assert uiterlijk is not None
            einde = max(uiterlijk, start)
        # A closed casus has no open tasks; nothing is done after the window.
        if plan.gesloten_op is not None and (klaar is None or klaar > plan.gesloten_op):
            klaar = plan.gesloten_op
        if klaar is not None and klaar >= self.ctx.eind:
            klaar = None
        taak_id = self.ids[Taak]()
        self.w[Taak].add(
            id=taak_id,
            casus_id=plan.casus_id,
            omschrijving=omschrijving[:250],
            termijn_code=code,
            start=start,
            oorspronkelijke_deadline=einde,
            deadline=einde,
            toegewezen_aan_id=toegewezen_aan,
            aangemaakt_door_id=door,
            afgerond_op=klaar,
            afgerond_door_id=(klaar_door or door) if klaar is not None else None,
        )
        return taak_id, einde

    def flush(self) -> None:
        for schrijver in self.w.values():
            schrijver.flush()
        sequences_reset(list(self.w))

    # --- Adviezen ---

    def advies(
        self,
        moment: datetime,
        *,
        thema: str,
        code: str | None = None,
        soort: str | None = None,
        anoniem: bool | None = None,
        gemeente_code: str | None = None,
    ) -> int:
        """An Advies with its adviesvrager and codes; returns its id. ``gemeente_code``: where
        the family lives (known for an advies that became a melding); otherwise drawn for
        about seven in ten adviezen (the adviesvrager does not always say)."""
        rng = self.rng
        if gemeente_code is None and rng.random() < 0.7:
            gemeente_code = self._gemeenten.kies(rng, moment.date()).cbs_code
        if code is None:
            if rng.random() < 0.75:
                code = _gewogen(rng, _BEROEPEN[thema])
            else:
                code = _gewogen(rng, _NIET_BEROEPEN)
        beroep = int(code) < 30
        if anoniem is None:
            anoniem = not beroep and rng.random() < 0.4
        vrager = self.melder(code, anoniem=anoniem)
        kanaal = rng.choices(
            (Kanaal.TELEFOON, Kanaal.CHAT, Kanaal.EMAIL, Kanaal.WEBFORMULIER),
            weights=(80, 8, 6, 6),
        )[0]
        duur = max(3, min(120, round(rng.lognormvariate(2.9, 0.5))))
        intaker = self.staf.intaker(rng)
        assert intaker is not None
        geregistreerd = min(
            moment + timedelta(minutes=duur + rng.randint(1, 30)),
            self.ctx.eind - timedelta(minutes=1),
        )
        advies_id = self.ids[Advies]()
        self.w[Advies].add(
            id=advies_id,
            ontvangen_op=moment,
            kanaal=kanaal.value,
            adviesvrager_id=vrager,
            vraag=rng.choice(_VRAGEN[thema]),
            gegeven_advies=rng.choice(_ADVIEZEN),
            vervolgadvies=rng.choice(_VERVOLGADVIEZEN),
            duur_minuten=duur,
            gemeente_id=gemeente_code,
            geregistreerd_door_id=intaker.pk,
            geregistreerd_op=max(geregistreerd, moment),
            formulier_token=_uuid(rng),
        )
        if soort is None:
            soort = rng.choice([s for s, t in _THEMA.items() if t == thema])
        aanleidingen, aarden = self.codes_voor(soort, kind=thema == "kinderen")
        for code_id in aanleidingen:
            self.w[Advies.aanleidingen.through].add(advies_id=advies_id, code_id=code_id)
        for code_id in aarden:
            self.w[Advies.aarden.through].add(advies_id=advies_id, code_id=code_id)
        return advies_id


# --- Meldingen -------------------------------------------------------------------------------


class _Meldingen(_Voordeur):
    def __init__(self, ctx: DemoContext, rng: random.Random) -> None:
        super().__init__(ctx, rng, "meldingen")
        self.betrokkenen: dict[int, list[tuple[int, int, str]]] = {}
        for pk, casus_id, persoon_id, rol in Betrokkene.objects.order_by("pk").values_list(
            "pk", "casus_id", "persoon_id", "rol"
        ):
            self.betrokkenen.setdefault(casus_id, []).append((pk, persoon_id, rol))
        self.namen = {
            pk: " ".join(p for p in (v, t, a) if p)
            for pk, v, t, a in Persoon.objects.values_list(
                "pk", "voornamen", "tussenvoegsel", "achternaam"
            )
        }
        # Omzetten: 2% of the adviezen became a melding; only non-police first meldingen.
        meldingen = aantal_meldingen(ctx.options.vanaf, ctx.laatste_dag, ctx.options.schaal)
        adviezen = aantal_adviezen(ctx.options.vanaf, ctx.laatste_dag, ctx.options.schaal)
        niet_politie = max(1.0, meldingen * (1 - POLITIE_AANDEEL) * 0.7)
        self.kans_omgezet = min(1.0, OMGEZET_AANDEEL * adviezen / niet_politie)
        self.tel: dict[str, int] = {}

    def teller(self, soort: str) -> None:
        self.tel[soort] = self.tel.get(soort, 0) + 1

    def ontvangsten(self) -> list[_Ontvangst]:
        """The first melding of every casus, and the vervolgmeldingen on open casussen."""
        ctx, rng = self.ctx, self.rng
        # Who was in an earlier casus, and until when (hermeldingen).
        eerder: dict[int, datetime] = {}
        lijst: list[_Ontvangst] = []
        for plan in ctx.casussen:
            her = any(
                lid.persoon_id in eerder and eerder[lid.persoon_id] < plan.geopend_op
                for lid in plan.leden
            )
            soort = classificeer(eerdere_gesloten_casus=her, open_casus_aangevuld=False)
            lijst.append(_Ontvangst(plan, plan.geopend_op, soort, plan.vb_besluit_op))
            if plan.gesloten_op is not None:
                for lid in plan.leden:
                    eerder[lid.persoon_id] = plan.gesloten_op
        # Vervolgmeldingen: a casus by its open time, a moment within it.
        totaal = aantal_meldingen(ctx.options.vanaf, ctx.laatste_dag, ctx.options.schaal)
        aantal = max(0, totaal - len(lijst))
        kandidaten: list[tuple[CasusPlan, datetime, datetime]] = []
        for plan in ctx.casussen:
            van = plan.geopend_op + timedelta(days=1)
            tot = (
                plan.gesloten_op - timedelta(days=14)
                if plan.gesloten_op is not None
                else ctx.eind - timedelta(hours=1)
            )
            if tot > van:
                kandidaten.append((plan, van, tot))
        if kandidaten and aantal:
            gewichten = list(accumulate((tot - van).total_seconds() for _, van, tot in kandidaten))
            for _ in range(aantal):
                plan, van, tot = kandidaten[
                    bisect.bisect_right(gewichten, rng.random() * gewichten[-1])
                ]
                seconden = rng.random() * (tot - van).total_seconds()
                dag = (van + timedelta(seconds=seconden)).date()
                moment = min(max(_op_dag(ctx, rng, dag, 0.6), van), tot)
                dag = moment.date()
                soort = classificeer(
                    eerdere_gesloten_casus=False,
                    open_casus_aangevuld=True,
                    fase=_fase(plan, dag),
                )
                werkdagen = rng.choice((1, 2, 3, 3, 4, 4, 5, 5, 5))
                if rng.random() >= 0.88:
                    werkdagen = rng.randint(6, 10)
                besluit = ctx.kalender.add_working_days(dag, werkdagen)
                if plan.gesloten_op is not None:
                    besluit = min(besluit, plan.gesloten_op.date())
                lijst.append(_Ontvangst(plan, moment, soort, besluit))
        lijst.sort(key=lambda o: (o.moment, o.plan.casus_id))
        return lijst

    def melding(self, o: _Ontvangst) -> None:
        ctx, rng, staf = self.ctx, self.rng, self.staf
        plan, moment = o.plan, o.moment
        dag = moment.date()
        thema = _THEMA[plan.soort]
        eerste = o.soort in (SoortCbs.EERSTE_MELDING, SoortCbs.HERMELDING)
        # The melder and the channel.
        advies_id = None
        if rng.random() < POLITIE_AANDEEL:
            code = "01"
            corv = rng.random() < POLITIE_VIA_CORV
            kanaal = Kanaal.POLITIE_CORV if corv else Kanaal.TELEFOON
            anoniem = rng.random() < 0.02
        else:
            corv = False
            if rng.random() < NIET_BEROEPSMATIG_AANDEEL:
                code = _gewogen(rng, _NIET_BEROEPEN)
                anoniem = rng.random() < 0.35
                kanaal = rng.choices(
                    (Kanaal.TELEFOON, Kanaal.CHAT, Kanaal.WEBFORMULIER), weights=(75, 15, 10)
                )[0]
            else:
                code = _gewogen(rng, _BEROEPEN[thema])
                anoniem = rng.random() < 0.08
                kanaal = rng.choices(
                    (Kanaal.TELEFOON, Kanaal.WEBFORMULIER, Kanaal.EMAIL, Kanaal.POST),
                    weights=(70, 15, 10, 5),
                )[0]
            if eerste and rng.random() < self.kans_omgezet:
                # An advies that became this melding (omzetten), earlier the same day or week.
                eerder = max(
                    moment - timedelta(days=rng.randint(0, 10), minutes=rng.randint(20, 600)),
                    ctx.moment(ctx.options.vanaf, 0),
                )
                advies_id = self.advies(
                    eerder,
                    thema=thema,
                    code=code,
                    soort=plan.soort,
                    gemeente_code=plan.gemeente_code or None,
                )
                self.teller("adviezen_omgezet")
                kanaal = Kanaal.TELEFOON
        intaker = staf.intaker(rng)
        assert intaker is not None
        if kanaal == Kanaal.POLITIE_CORV:
            later = timedelta(minutes=rng.randint(30, 20 * 60))
        elif kanaal == Kanaal.POST:
            later = timedelta(days=rng.randint(1, 3))
        else:
            later = timedelta(minutes=rng.randint(10, 45))
        geregistreerd = max(moment, min(moment + later, ctx.eind - timedelta(minutes=1)))
        # Acute: the 24-hour moment.
        acuut = rng.random() < ACUUT_AANDEEL
        acuut_uiterlijk = None
        if acuut:
            einde = deadline(moment, self.termijn("acuut", dag), ctx.kalender).einddatum
            assert isinstance(einde, datetime)
            acuut_uiterlijk = einde
        melder_id = self.melder(code, anoniem_naar_gezin=anoniem)
        corv_id = None
        if corv:
            self.teller("corv")
            corv_id = self.corv_omgezet(moment, acuut, intaker.pk, geregistreerd, plan)
        melding_id = self.ids[Melding]()
        nummer = f"M-{melding_id:06d}"
        # The VB: besloten when its besluit lies before the end of the window.
        beoordelaar = plan.beoordelaar_id
        besluit = self.ctx.moment(
            ctx.kalender.working_day_on_or_after(o.besluit_op),
            rng.randint(9, 16),
            rng.randrange(0, 60, 5),
        )
        if plan.gesloten_op is not None:
            besluit = min(besluit, plan.gesloten_op)
        besluit = max(besluit, geregistreerd)
        besloten = besluit < ctx.eind
        vb_taak_id, vb_deadline = self.taak(
            plan,
            f"Besluit veiligheidsbeoordeling ({nummer})",
            dag,
            code="vb_besluit",
            toegewezen_aan=beoordelaar if (besloten or rng.random() < 0.8) else None,
            door=intaker.pk,
            klaar=besluit if besloten else None,
            klaar_door=beoordelaar,
        )
        aanleidingen, aarden = self.codes_voor(
            plan.soort, kind=any(lid.sleutel.startswith("kind") for lid in plan.leden)
        )
        signalen = self.signalen(plan)
        self.w[Melding].add(
            id=melding_id,
            casus_id=plan.casus_id,
            ontvangen_op=moment,
            kanaal=kanaal.value,
            melder_id=melder_id,
            signalen=signalen,
            acuut=acuut,
            acuut_uiterlijk=acuut_uiterlijk,
            soort_cbs=o.soort.value,
            nieuwe_casus=eerste,
            status=MeldingStatus.BESLOTEN if besloten else MeldingStatus.NIEUW,
            vb_taak_id=vb_taak_id,
            advies_id=advies_id,
            corv_bericht_id=corv_id,
            geregistreerd_door_id=intaker.pk,
            geregistreerd_op=geregistreerd,
            formulier_token=_uuid(rng),
        )
        for code_id in aanleidingen:
            self.w[Melding.aanleidingen.through].add(melding_id=melding_id, code_id=code_id)
        for code_id in aarden:
            self.w[Melding.aarden.through].add(melding_id=melding_id, code_id=code_id)
        self.koppelingen(o, melding_id, nummer, intaker.pk, geregistreerd)
        # Feedback to the melder, due with the VB besluit.
        self.taak(
            plan,
            f"Terugkoppeling aan de melder na het besluit ({nummer})",
            dag,
            uiterlijk=vb_deadline,
            toegewezen_aan=beoordelaar,
            door=intaker.pk,
            klaar=besluit + timedelta(hours=rng.randint(1, 48)) if besloten else None,
            klaar_door=beoordelaar,
        )
        # The journaal item, as intake writes it (no melder: source protection).
        regels = [f"Melding {nummer} ontvangen via {KANAAL_LABELS[kanaal]} ({LABELS[o.soort]})."]
        if acuut_uiterlijk is not None:
            regels.append(f"ACUUT: in actie uiterlijk {acuut_uiterlijk:%d-%m-%Y %H:%M}.")
        omschrijving = self.codes.omschrijving
        regels.append("Aanleiding: " + "; ".join(omschrijving[c] for c in aanleidingen) + ".")
        regels.append("Aard: " + "; ".join(omschrijving[c] for c in aarden) + ".")
        regels += ["", "Signalen:", signalen, ""]
        regels.append("(De melder staat bij de melding; bronbescherming: niet in dit journaal.)")
        self.w[JournaalItem].add(
            id=self.ids[JournaalItem](),
            casus_id=plan.casus_id,
            soort=JournaalSoort.MELDING,
            auteur_id=intaker.pk,
            moment=moment,
            vastgelegd_op=geregistreerd,
            tekst="\n".join(regels),
        )
        self.teller(o.soort.value)
        self.teller("politie" if code == "01" else "anders")
        self.teller("acuut" if acuut else "niet_acuut")
        self.teller("nieuw" if not besloten else "besloten")

    def koppelingen(
        self, o: _Ontvangst, melding_id: int, nummer: str, intaker: int, geregistreerd: datetime
    ) -> None:
        """MeldingBetrokkene rows and the informing tasks for adults new in the casus."""
        rng, plan = self.rng, o.plan
        eerste = o.soort in (SoortCbs.EERSTE_MELDING, SoortCbs.HERMELDING)
        rijen = self.betrokkenen.get(plan.casus_id, [])
        if not eerste:
            # A vervolgmelding is about the victims and children, often also the pleger.
            kern = [r for r in rijen if r[2] != "overig" and r[2] != "getuige"]
            rijen = [r for r in kern if "pleger" not in r[2] or rng.random() < 0.7] or rijen[:1]
        geboren = {lid.persoon_id: lid.geboren for lid in plan.leden}
        dag = o.moment.date()
        volwassen_tot = date(dag.year - 18, dag.month, min(dag.day, 28))
        gezien: set[int] = set()
        for betrokkene_id, persoon_id, _rol in rijen:
            self.w[MeldingBetrokkene].add(
                melding_id=melding_id,
                betrokkene_id=betrokkene_id,
                nieuw_in_casus=eerste,
                persoon_aangemaakt=o.soort == SoortCbs.EERSTE_MELDING,
            )
            g = geboren.get(persoon_id)
            if not eerste or persoon_id in gezien or g is None or g > volwassen_tot:
                continue
            gezien.add(persoon_id)
            start = geregistreerd.date()
            klaar = self.ctx.moment(
                self.ctx.kalender.working_day_on_or_after(
                    start + timedelta(days=rng.randint(2, 24))
                ),
                rng.randint(9, 16),
            )
            self.taak(
                plan,
                "Betrokkene informeren over de vastgelegde gegevens: "
                f"{self.namen.get(persoon_id, '')} ({nummer})",
                start,
                code="informeren_betrokkenen",
                toegewezen_aan=plan.beoordelaar_id,
                door=plan.beoordelaar_id or intaker,
                klaar=klaar,
                klaar_door=plan.beoordelaar_id,
            )

    def signalen(self, plan: CasusPlan) -> str:
        rng = self.rng
        slachtoffers = _met_rol(plan, "vermoedelijk_slachtoffer", "slachtoffer")
        plegers = _met_rol(plan, "vermoedelijk_pleger", "pleger")
        kinderen = [
            lid for lid in plan.leden if lid.sleutel.startswith("kind") and not lid.ongeboren
        ]

        def naam(leden: list[LidPlan], standaard: str) -> str:
            namen = [lid.voornaam for lid in leden if lid.voornaam]
            return rng.choice(namen) if namen else standaard

        tekst = rng.choice(_SIGNALEN[plan.soort]).format(
            slachtoffer=naam(slachtoffers, "het slachtoffer"),
            pleger=naam(plegers, "de vermoedelijke pleger"),
            kind=naam(kinderen, "het kind"),
        )
        return tekst[:1].upper() + tekst[1:]

    # --- CORV ---

    def corv_id(self, jaar: int) -> str:
        self.corv_nummer += 1
        return f"ZM-{jaar}-{self.corv_nummer:06d}"

    def corv_inhoud(
        self, bericht_id: str, verzonden: datetime, eenheid: str, omschrijving: str, **extra: object
    ) -> dict[str, object]:
        return {
            "formaat": FORMAAT,
            "bericht_id": bericht_id,
            "verzonden_op": verzonden.isoformat(),
            "politie_eenheid": eenheid,
            "omschrijving": omschrijving,
            **extra,
        }

    def eenheid(self) -> str:
        return f"Eenheid Noord-Holland, basisteam {self.plaats()}"

    def corv_omgezet(
        self, moment: datetime, acuut: bool, door: int, op: datetime, plan: CasusPlan
    ) -> int:
        """The handled CORV report a police melding came from (its data is in the melding)."""
        rng = self.rng
        verzonden = moment - timedelta(minutes=rng.randint(1, 30))
        bericht_id = self.corv_id(moment.year)
        eenheid = self.eenheid()
        corv_id = self.ids[CorvBericht]()
        self.w[CorvBericht].add(
            id=corv_id,
            bericht_id=bericht_id,
            ontvangen_op=moment,
            verzonden_op=verzonden,
            politie_eenheid=eenheid,
            acuut=acuut,
            hg_km_indicatie=True,
            inhoud=self.corv_inhoud(
                bericht_id,
                verzonden,
                eenheid,
                "Zorgmelding politie; omgezet in een melding.",
                acuut=acuut,
            ),
            status=CorvStatus.OMGEZET,
            afgehandeld_door_id=door,
            afgehandeld_op=op,
        )
        return corv_id

    def corv_overig(self, politie_corv: int) -> tuple[int, int]:
        """Reports not about HG/KM (forwarded) over the window, and a few recent ones still in
        the inbox. Returns (niet HG/KM, open)."""
        ctx, rng, faker = self.ctx, self.rng, self.faker
        niet = _momenten(ctx, rng, round(politie_corv * NIET_HGKM_PER_CORV), kantoor=0.3)
        for moment in niet:
            bericht_id = self.corv_id(moment.year)
            verzonden = moment - timedelta(minutes=rng.randint(1, 30))
            eenheid = self.eenheid()
            tekst = rng.choice(_NIET_HGKM)
            verwerker = self.staf.intaker(rng)
            assert verwerker is not None
            self.w[CorvBericht].add(
                id=self.ids[CorvBericht](),
                bericht_id=bericht_id,
                ontvangen_op=moment,
                verzonden_op=verzonden,
                politie_eenheid=eenheid,
                hg_km_indicatie=rng.random() < 0.3,
                inhoud=self.corv_inhoud(
                    bericht_id, verzonden, eenheid, tekst, hg_km_indicatie=False
                ),
                status=CorvStatus.NIET_HGKM,
                doorgestuurd_naar=rng.choice(_DOORGESTUURD).format(plaats=self.plaats()),
                toelichting="Geen huiselijk geweld of kindermishandeling.",
                afgehandeld_door_id=verwerker.pk,
                afgehandeld_op=min(
                    moment + timedelta(hours=rng.randint(1, 30)),
                    ctx.eind - timedelta(minutes=1),
                ),
            )
        # The inbox: reports of the last two days, not yet processed.
        aantal = max(2, round(8 * ctx.options.schaal))
        laatste = ctx.eind - timedelta(minutes=5)
        for _ in range(aantal):
            moment = laatste - timedelta(minutes=rng.randint(0, 48 * 60))
            moment = max(moment, ctx.moment(ctx.options.vanaf, 0))
            bericht_id = self.corv_id(moment.year)
            verzonden = moment - timedelta(minutes=rng.randint(1, 30))
            eenheid = self.eenheid()
            acuut = rng.random() < 0.2
            achternaam = faker.last_name()
            personen = [
                {
                    "rol": "vermoedelijk_slachtoffer",
                    "voornamen": faker.first_name_female(),
                    "achternaam": achternaam,
                    "geslacht": "V",
                    "geboortedatum": str(rng.randint(1970, 2000)),
                },
                {
                    "rol": "vermoedelijk_pleger",
                    "voornamen": faker.first_name_male(),
                    "achternaam": faker.last_name(),
                    "geslacht": "M",
                },
            ]
            if rng.random() < 0.6:
                personen.append(
                    {
                        "rol": "kind",
                        "voornamen": faker.first_name(),
                        "achternaam": achternaam,
                        "geboortedatum": f"{rng.randint(2010, 2022)}-{rng.randint(1, 12):02d}",
                    }
                )
            self.w[CorvBericht].add(
                id=self.ids[CorvBericht](),
                bericht_id=bericht_id,
                ontvangen_op=moment,
                verzonden_op=verzonden,
                politie_eenheid=eenheid,
                acuut=acuut,
                hg_km_indicatie=True,
                inhoud=self.corv_inhoud(
                    bericht_id,
                    verzonden,
                    eenheid,
                    "Melding van ruzie in de woning; de politie is ter plaatse geweest. "
                    "Partner aangehouden."
                    if acuut
                    else "Zorgmelding na een ruzie thuis.",
                    opsteller={"naam": f"agent {faker.name()}", "telefoon": "0900-8844"},
                    acuut=acuut,
                    aanleiding=["01"],
                    aard=["01", "08"] if len(personen) == 3 else ["01"],
                    personen=personen,
                ),
            )
        return len(niet), aantal


def meldingen_step(ctx: DemoContext, balk: Balk) -> None:
    rng = ctx.rng("meldingen")
    voordeur = _Meldingen(ctx, rng)
    ontvangsten = voordeur.ontvangsten()
    balk.totaal(len(ontvangsten))
    for i, ontvangst in enumerate(ontvangsten, start=1):
        voordeur.melding(ontvangst)
        if i % 500 == 0:
            balk.advance(500)
    balk.advance(len(ontvangsten) % 500)
    niet_hgkm, inbox = voordeur.corv_overig(voordeur.tel.get("corv", 0))
    voordeur.flush()
    w, tel = voordeur.w, voordeur.tel
    ctx.tel("melders", w[Melder].geschreven)
    ctx.tel("meldingen", w[Melding].geschreven)
    ctx.tel("meldingbetrokkenen", w[MeldingBetrokkene].geschreven)
    ctx.tel("corvberichten", w[CorvBericht].geschreven)
    ctx.tel("adviezen", w[Advies].geschreven)
    ctx.tel("taken", w[Taak].geschreven)
    ctx.tel("journaalitems", w[JournaalItem].geschreven)
    n = max(1, w[Melding].geschreven)
    vervolg = sum(v for k, v in tel.items() if k.startswith("vervolg"))
    balk.samenvatting = (
        f"{getal(w[Melding].geschreven)} meldingen "
        f"({getal(tel.get('hermelding', 0))} hermeldingen, {getal(vervolg)} vervolgmeldingen; "
        f"politie {round(100 * tel.get('politie', 0) / n)}%, {getal(tel.get('acuut', 0))} acuut, "
        f"{getal(tel.get('nieuw', 0))} wachten op de VB), "
        f"{getal(w[CorvBericht].geschreven)} CORV-berichten "
        f"({getal(niet_hgkm)} niet HG/KM, {getal(inbox)} in de inbox), "
        f"{getal(w[Taak].geschreven)} taken"
    )


def adviezen_step(ctx: DemoContext, balk: Balk) -> None:
    """The adviezen that did not become a melding (those are written with their melding)."""
    rng = ctx.rng("adviezen")
    voordeur = _Voordeur(ctx, rng, "adviezen")
    totaal = aantal_adviezen(ctx.options.vanaf, ctx.laatste_dag, ctx.options.schaal)
    omgezet = Melding.objects.filter(advies__isnull=False).count()
    momenten = _momenten(ctx, rng, max(0, totaal - omgezet), kantoor=0.85)
    balk.totaal(len(momenten))
    for i, moment in enumerate(momenten, start=1):
        thema = rng.choices(("kinderen", "partners", "ouderen"), weights=(60, 32, 8))[0]
        voordeur.advies(moment, thema=thema)
        if i % 500 == 0:
            balk.advance(500)
    balk.advance(len(momenten) % 500)
    voordeur.flush()
    ctx.tel("melders", voordeur.w[Melder].geschreven)
    ctx.tel("adviezen", voordeur.w[Advies].geschreven)
    balk.samenvatting = (
        f"{getal(voordeur.w[Advies].geschreven + omgezet)} adviezen "
        f"(waarvan {getal(omgezet)} omgezet in een melding)"
    )
