"""Households: one casus per household, with its persons, their addresses, family relations,
parental authority (gezag) and their roles in the casus (betrokkenen).

Planning is plain Python over the step's random stream; the rows are written in bulk at the
end of each casus's plan. The rules the data keeps (and the tests check):

* a child is born at least 18 years after each of its parents (also for partial dates);
* gezag belongs to a parent (or a grandparent as voogd) of a minor and starts at birth, or at
  the voogdij; it ends the day before the child's 18th birthday;
* an unborn child has an expected date (at most ~8 months after the casus opened), no BSN, no
  address and no gezag yet; once its expected date lies well in the past, it is born;
* every BSN passes the elfproef and is unique within the run; some persons have none;
* a victim in a shelter keeps her registered address and gets a secret one (``geheim``).

**Hermeldingen.** A share (:data:`HERMELDING_KANS`) of the new casussen is about a household
that was in an older casus, closed before the new one opens: the new casus then holds the same
persons again (new betrokkene rows, roles back to "vermoedelijk"), with no new persons,
addresses, relations or gezag. The persons are not aged or moved between the two casussen (a
simplification: the household is as it was). The meldingen step classifies the first melding
of such a casus as a hermelding.
"""

from __future__ import annotations

import bisect
import heapq
import random
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from itertools import accumulate
from typing import TYPE_CHECKING

from django.db.models import Model

from zicht.casework.models import Betrokkene, Casus, CasusNummerTeller, CasusStatus
from zicht.demo.bulk import BulkSchrijver, IdReeks, sequences_reset
from zicht.demo.context import CasusPlan, DemoContext, LidPlan
from zicht.demo.people import Namen, bsn_nieuw, datum_tussen, jaren_terug, partiele_datum
from zicht.demo.places import AdresPlan, GemeenteKeuze, Straten, team_voor_gemeente
from zicht.demo.progress import Balk, getal
from zicht.demo.volumes import UITKOMST_GEWICHTEN, aantal_casussen
from zicht.people.models import Adres, Gezag, GezagSoort, Persoon, Relatie, RelatieSoort

if TYPE_CHECKING:
    from zicht.people.models import Gemeente

__all__ = [
    "HERMELDING_KANS",
    "SOORTEN",
    "VERVOLGTEAMS",
    "households_plan",
    "households_step",
    "openingen",
    "verloop",
]

#: The follow-up teams of the demo organisation, which hold the casussen (by subregio).
VERVOLGTEAMS = ("Team Alkmaar", "Team Kop van Noord-Holland", "Team West-Friesland")

#: Kinds of household, with their weight (per thousand casussen).
SOORTEN: dict[str, int] = {
    "partnergeweld_met_kinderen": 360,
    "kindermishandeling": 300,
    "partnergeweld_zonder_kinderen": 140,
    "ouderenmishandeling": 60,
    "zwangerschap": 50,
    "grootouder_voogdij": 40,
    "geweld_door_jongere": 50,
}

#: Share of new casussen (once there is a closed casus to return to) that are about the persons
#: of an older, closed casus: CBS's *hermelding*. Assumed; the 2019 plan does not give it.
HERMELDING_KANS = 0.15

# Weekday weights of new meldingen (the police report on weekends too), Monday first.
_WEEKDAG_GEWICHT = (10, 10, 10, 10, 10, 5, 4)
_VS, _VP = "vermoedelijk_slachtoffer", "vermoedelijk_pleger"


def _gewogen(rng: random.Random, gewichten: dict[str, int]) -> str:
    return rng.choices(list(gewichten), weights=list(gewichten.values()))[0]


def openingen(ctx: DemoContext, rng: random.Random) -> list[datetime]:
    """The opening moments of the window's new casussen, in order."""
    vanaf, laatste = ctx.options.vanaf, ctx.laatste_dag
    if laatste < vanaf:
        return []
    aantal = aantal_casussen(vanaf, laatste, ctx.options.schaal)
    dagen = [vanaf + timedelta(days=i) for i in range((laatste - vanaf).days + 1)]
    cumulatief = list(accumulate(_WEEKDAG_GEWICHT[d.weekday()] for d in dagen))
    momenten = []
    for _ in range(aantal):
        dag = dagen[bisect.bisect_right(cumulatief, rng.random() * cumulatief[-1])]
        if rng.random() < 0.7:  # office hours; otherwise police reports, day and night
            minuut = rng.randint(8 * 60 + 30, 17 * 60 + 30)
        else:
            minuut = rng.randint(0, 24 * 60 - 1)
        momenten.append(ctx.moment(dag, minuut // 60, minuut % 60))
    momenten.sort()
    return momenten


@dataclass(frozen=True)
class Verloop:
    uitkomst: str
    vb_besluit_op: date
    vervolg_eind_op: date | None
    monitoring_eind_op: date | None
    gesloten_op: datetime | None


def verloop(ctx: DemoContext, rng: random.Random, geopend_op: datetime) -> Verloop:
    """The course of a casus (DOMAIN §2): a besluit within 5 working days (mostly), then the
    outcome's follow-up; ``gesloten_op`` None when it ends after the window."""
    uitkomst = _gewogen(rng, UITKOMST_GEWICHTEN)
    start = geopend_op.date()
    if rng.random() < 0.88:
        werkdagen = rng.choice((1, 2, 3, 3, 4, 4, 5, 5, 5))
    else:
        werkdagen = rng.randint(6, 10)
    besluit = ctx.kalender.add_working_days(start, werkdagen)
    vervolg_eind = monitoring_eind = None
    if uitkomst == "einde_bemoeienis":
        sluit = besluit + timedelta(days=rng.randint(0, 10))
    elif uitkomst == "overdracht_na_vb":
        sluit = besluit + timedelta(days=rng.randint(5, 35))
    else:
        weken = rng.randint(5, 10) if rng.random() < 0.85 else rng.randint(11, 14)
        vervolg_eind = besluit + timedelta(weeks=weken, days=rng.randint(0, 4))
        overdracht = vervolg_eind + timedelta(days=rng.randint(7, 21))
        monitoring_eind = overdracht + timedelta(days=rng.randint(270, 810))  # ~18 months
        sluit = monitoring_eind
    sluit = ctx.kalender.working_day_on_or_after(sluit)
    gesloten = ctx.moment(sluit, rng.randint(9, 16), rng.randrange(0, 60, 5))
    if gesloten >= ctx.eind:
        gesloten = None
    return Verloop(uitkomst, besluit, vervolg_eind, monitoring_eind, gesloten)


# --- Household composition ------------------------------------------------------------------


@dataclass(slots=True)
class _Lid:
    sleutel: str
    geslacht: str
    geboren: date | None
    rollen: list[str] = field(default_factory=list)
    thuis: bool = True
    ongeboren: bool = False
    verwacht: date | None = None
    naam: tuple[str, str] | None = None  # (tussenvoegsel, achternaam)
    index: int = 0


@dataclass
class _Huishouden:
    d0: date
    leden: list[_Lid] = field(default_factory=list)
    relaties: list[tuple[int, int, str]] = field(default_factory=list)
    gezag: list[tuple[int, int, str, date, date | None]] = field(default_factory=list)
    opvang: list[int] = field(default_factory=list)  # members with a secret shelter address
    ex_scheiding: date | None = None  # when the ex-partner left the household address
    herkomst: int = -1  # name pool of the household (people.Namen.herkomst)

    def lid(self, lid: _Lid) -> int:
        lid.index = len(self.leden)
        self.leden.append(lid)
        return lid.index

    def relatie(self, a: int, b: int, soort: str) -> None:
        self.relaties.append((a, b, soort))


def _geboren(rng: random.Random, d0: date, min_jaar: int, max_jaar: int) -> date:
    """A birth date giving an age from ``min_jaar`` to ``max_jaar`` on ``d0``."""
    vroegst = jaren_terug(d0, max_jaar + 1) + timedelta(days=1)
    return datum_tussen(rng, vroegst, jaren_terug(d0, min_jaar))


def _leeftijd(h: _Huishouden, i: int) -> int:
    geboren = h.leden[i].geboren
    return (h.d0 - geboren).days // 365 if geboren else 40


def _achttien(geboren: date) -> date:
    try:
        return geboren.replace(year=geboren.year + 18)
    except ValueError:  # 29 February
        return date(geboren.year + 18, 3, 1)


def _kinderen(
    rng: random.Random,
    h: _Huishouden,
    ouders: list[int],
    aantal: int,
    *,
    min_leeftijd: int = 0,
    max_leeftijd: int = 17,
) -> list[int]:
    """``aantal`` children of ``ouders`` (at most), each born 18+ years after every parent and
    aged ``min_leeftijd``..``max_leeftijd`` on the opening day, at least ~10 months apart."""
    geboortes = [h.leden[i].geboren for i in ouders]
    vroegst = max(
        [
            jaren_terug(h.d0, max_leeftijd + 1) + timedelta(days=1),
            *(_achttien(g) + timedelta(days=1) for g in geboortes if g),
        ]
    )
    ouders_geboren = [g for g in geboortes if g]
    laatst = jaren_terug(h.d0, min_leeftijd) if min_leeftijd else h.d0 - timedelta(days=1)
    if ouders_geboren:
        # The youngest parent was at most 44 at the birth.
        laatst = min(laatst, max(ouders_geboren) + timedelta(days=round(44 * 365.25)))
    if vroegst > laatst:
        return []
    dagen = sorted(datum_tussen(rng, vroegst, laatst) for _ in range(aantal))
    gekozen: list[date] = []
    for dag in dagen:
        if gekozen and (dag - gekozen[-1]).days < 300:
            dag = gekozen[-1] + timedelta(days=rng.randint(300, 900))
        if dag > laatst:
            break
        gekozen.append(dag)
    kinderen = []
    for nummer, dag in enumerate(gekozen, start=1):
        kind = _Lid(f"kind{nummer}", rng.choice("VM"), dag, ["kind"])
        kinderen.append(h.lid(kind))
    for i in ouders:
        for k in kinderen:
            h.relatie(i, k, RelatieSoort.OUDER_KIND)
    for oudste, k in enumerate(kinderen):
        for jongere in kinderen[oudste + 1 :]:
            h.relatie(k, jongere, RelatieSoort.BROER_ZUS)
    return kinderen


def _gezag_ouders(h: _Huishouden, kinderen: list[int], ouders: list[int], peil: date) -> None:
    """Ouderlijk gezag of ``ouders`` over each born child, from birth to its 18th birthday."""
    for k in kinderen:
        geboren = h.leden[k].geboren
        if geboren is None:
            continue
        meerderjarig = _achttien(geboren)
        tot = meerderjarig - timedelta(days=1) if meerderjarig <= peil else None
        for ouder in ouders:
            h.gezag.append((k, ouder, GezagSoort.OUDERLIJK_GEZAG, geboren, tot))


def _aantal(rng: random.Random, gewichten: tuple[int, ...], start: int = 1) -> int:
    return start + rng.choices(range(len(gewichten)), weights=gewichten)[0]


def _partnergeweld(rng: random.Random, h: _Huishouden, peil: date, *, met_kinderen: bool) -> None:
    slachtoffer_v = rng.random() < 0.85
    ex = rng.random() < (0.35 if met_kinderen else 0.3)
    zelfde = not met_kinderen and rng.random() < 0.05
    vrouw_leeftijd = (22, 46) if met_kinderen else (19, 75)
    v = _Lid("moeder" if met_kinderen else "partner1", "V", _geboren(rng, h.d0, *vrouw_leeftijd))
    assert v.geboren is not None
    leeftijd_v = (h.d0 - v.geboren).days // 365
    m_leeftijd = max(20, min(80, leeftijd_v + rng.randint(-4, 9)))
    m = _Lid("vader" if met_kinderen else "partner2", "V" if zelfde else "M", None)
    m.geboren = _geboren(rng, h.d0, m_leeftijd, m_leeftijd)
    iv, im = h.lid(v), h.lid(m)
    slachtoffer, pleger = (iv, im) if slachtoffer_v else (im, iv)
    h.leden[slachtoffer].rollen.append(_VS)
    h.leden[pleger].rollen.append(_VP)
    h.relatie(iv, im, RelatieSoort.EX_PARTNER if ex else RelatieSoort.PARTNER)
    if ex:
        h.leden[pleger].thuis = False
        h.leden[pleger].sleutel = "ex-partner"
    kinderen: list[int] = []
    if met_kinderen:
        kinderen = _kinderen(rng, h, [iv, im], _aantal(rng, (45, 35, 20)))
        for k in kinderen:
            kind = h.leden[k]
            assert kind.geboren is not None
            if rng.random() < 0.25:
                kind.rollen.append(_VS)
            elif (h.d0 - kind.geboren).days > 8 * 365 and rng.random() < 0.2:
                kind.rollen.append("getuige")
        gezamenlijk = [iv, im] if (not ex or rng.random() < 0.8) else [iv]
        _gezag_ouders(h, kinderen, gezamenlijk, peil)
    elif ex and rng.random() < 0.2:
        # The victim has a new partner, who saw what happened.
        nieuw = _Lid("nieuwe partner", "M" if slachtoffer_v else "V", None, ["getuige"])
        nieuw.geboren = _geboren(rng, h.d0, 20, 70) if rng.random() < 0.9 else None
        h.relatie(slachtoffer, h.lid(nieuw), RelatieSoort.PARTNER)
    if h.leden[slachtoffer].geslacht == "V" and rng.random() < 0.06:
        h.opvang.append(slachtoffer)
        h.opvang.extend(k for k in kinderen if h.leden[k].thuis)
    if ex:
        h.ex_scheiding = datum_tussen(rng, jaren_terug(h.d0, 4), h.d0 - timedelta(days=20))


def _kindermishandeling(rng: random.Random, h: _Huishouden, peil: date) -> None:
    alleen = rng.random() < 0.35
    moeder = h.lid(_Lid("moeder", "V", _geboren(rng, h.d0, 22, 48)))
    ouders = [moeder]
    if not alleen:
        leeftijd = max(22, min(65, _leeftijd(h, moeder) + rng.randint(-3, 8)))
        ouders.append(h.lid(_Lid("vader", "M", _geboren(rng, h.d0, leeftijd, leeftijd))))
        h.relatie(ouders[0], ouders[1], RelatieSoort.PARTNER)
    elif rng.random() < 0.2:
        # A single father instead of a single mother.
        h.leden[moeder].geslacht = "M"
        h.leden[moeder].sleutel = "vader"
    kinderen = _kinderen(rng, h, ouders, _aantal(rng, (35, 35, 20, 10)))
    if not kinderen:
        kinderen = _kinderen(rng, h, ouders, 1)
    slachtoffers = [k for k in kinderen if rng.random() < 0.6] or kinderen[:1]
    for k in slachtoffers:
        h.leden[k].rollen.append(_VS)
    stiefouder = None
    if alleen and len(h.leden) < 6 and rng.random() < 0.25:
        stief = _Lid("partner van ouder", "M" if h.leden[moeder].geslacht == "V" else "V", None)
        stief.geboren = _geboren(rng, h.d0, 22, 60) if rng.random() < 0.95 else None
        stiefouder = h.lid(stief)
        h.relatie(moeder, stiefouder, RelatieSoort.PARTNER)
    plegers = [stiefouder] if stiefouder is not None and rng.random() < 0.5 else []
    if not plegers:
        plegers = ouders if len(ouders) == 2 and rng.random() < 0.3 else [rng.choice(ouders)]
    for p in plegers:
        h.leden[p].rollen.append(_VP)
    if stiefouder is not None and stiefouder not in plegers:
        h.leden[stiefouder].rollen.append("overig")
    for o in ouders:
        if not h.leden[o].rollen:
            h.leden[o].rollen.append("overig")
    _gezag_ouders(h, kinderen, ouders, peil)


def _ouderenmishandeling(rng: random.Random, h: _Huishouden, peil: date) -> None:
    del peil
    oudere = h.lid(_Lid("oudere", rng.choice("VVM"), _geboren(rng, h.d0, 72, 94), [_VS]))
    ouders = [oudere]
    if rng.random() < 0.4:
        g = h.leden[oudere].geboren
        assert g is not None
        partner = _Lid("partner van oudere", "M" if h.leden[oudere].geslacht == "V" else "V", None)
        partner.geboren = g + timedelta(days=rng.randint(-4 * 365, 4 * 365))
        ouders.append(h.lid(partner))
        h.relatie(oudere, ouders[1], RelatieSoort.PARTNER)
        h.leden[ouders[1]].rollen.append(_VS if rng.random() < 0.3 else "overig")
    kinderen = _kinderen(rng, h, ouders, 1, min_leeftijd=38, max_leeftijd=66)
    for k in kinderen:
        kind = h.leden[k]
        kind.sleutel = "volwassen kind"
        kind.rollen = [_VP]
        kind.thuis = rng.random() < 0.4


def _zwangerschap(rng: random.Random, h: _Huishouden, peil: date) -> None:
    moeder = h.lid(_Lid("moeder", "V", _geboren(rng, h.d0, 18, 38), [_VS]))
    g = h.leden[moeder].geboren
    assert g is not None
    leeftijd = max(19, (h.d0 - g).days // 365 + rng.randint(-2, 8))
    ex = rng.random() < 0.3
    vader = h.lid(_Lid("vader", "M", _geboren(rng, h.d0, leeftijd, leeftijd), [_VP], thuis=not ex))
    h.relatie(moeder, vader, RelatieSoort.EX_PARTNER if ex else RelatieSoort.PARTNER)
    if ex:
        h.leden[vader].sleutel = "ex-partner"
        h.ex_scheiding = datum_tussen(rng, jaren_terug(h.d0, 1), h.d0 - timedelta(days=14))
    ouders = [moeder, vader]
    ouder_kinderen = _kinderen(rng, h, ouders, 1) if rng.random() < 0.4 else []
    verwacht = h.d0 + timedelta(days=rng.randint(20, 250))
    kind = _Lid(f"kind{len(ouder_kinderen) + 1}", "O", None, ["kind"])
    if verwacht <= peil - timedelta(days=60):
        # Born since: the registration now holds the real birth date.
        kind.geboren = verwacht + timedelta(days=rng.randint(-14, 10))
        kind.geslacht = rng.choice("VM")
    else:
        kind.ongeboren = True
        kind.verwacht = verwacht
    k = h.lid(kind)
    for o in ouders:
        h.relatie(o, k, RelatieSoort.OUDER_KIND)
    for ouder_kind in ouder_kinderen:
        h.relatie(ouder_kind, k, RelatieSoort.BROER_ZUS)
    _gezag_ouders(h, [*ouder_kinderen, k], [moeder] if ex else ouders, peil)


def _grootouder_voogdij(rng: random.Random, h: _Huishouden, peil: date) -> None:
    moeder = h.lid(_Lid("moeder", "V", _geboren(rng, h.d0, 22, 42), [_VP], thuis=False))
    g = h.leden[moeder].geboren
    assert g is not None
    oma_geboren = g - timedelta(days=round(rng.uniform(19, 34) * 365.25))
    oma = h.lid(_Lid("grootmoeder", "V", oma_geboren, ["overig"]))
    h.relatie(oma, moeder, RelatieSoort.OUDER_KIND)
    if rng.random() < 0.5:
        opa_geboren = oma_geboren - timedelta(days=rng.randint(-3 * 365, 6 * 365))
        opa_geboren = min(opa_geboren, g - timedelta(days=round(18.5 * 365.25)))
        opa = h.lid(_Lid("grootvader", "M", opa_geboren, ["overig"]))
        h.relatie(oma, opa, RelatieSoort.PARTNER)
        h.relatie(opa, moeder, RelatieSoort.OUDER_KIND)
    kinderen = _kinderen(rng, h, [moeder], _aantal(rng, (60, 40)), min_leeftijd=2, max_leeftijd=16)
    if not kinderen:
        kinderen = _kinderen(rng, h, [moeder], 1)
    for k in kinderen:
        h.leden[k].rollen.append(_VS)
        for grootouder in (i for i, lid in enumerate(h.leden) if lid.sleutel.startswith("groot")):
            h.relatie(grootouder, k, RelatieSoort.GROOTOUDER_KLEINKIND)
        geboren = h.leden[k].geboren
        assert geboren is not None
        voogdij = datum_tussen(rng, geboren + timedelta(days=60), h.d0 - timedelta(days=30))
        voogdij = max(min(voogdij, h.d0), geboren + timedelta(days=1))
        meerderjarig = _achttien(geboren)
        tot = meerderjarig - timedelta(days=1) if meerderjarig <= peil else None
        einde_ouderlijk = voogdij - timedelta(days=1)
        h.gezag.append((k, moeder, GezagSoort.OUDERLIJK_GEZAG, geboren, einde_ouderlijk))
        h.gezag.append((k, oma, GezagSoort.VOOGDIJ, voogdij, tot))


def _geweld_door_jongere(rng: random.Random, h: _Huishouden, peil: date) -> None:
    moeder = h.lid(_Lid("moeder", "V", _geboren(rng, h.d0, 34, 56), [_VS]))
    ouders = [moeder]
    if rng.random() < 0.4:
        g = h.leden[moeder].geboren
        assert g is not None
        leeftijd = max(34, min(70, (h.d0 - g).days // 365 + rng.randint(-2, 6)))
        ouders.append(h.lid(_Lid("vader", "M", _geboren(rng, h.d0, leeftijd, leeftijd), [])))
        h.relatie(moeder, ouders[1], RelatieSoort.PARTNER)
    jongere = _kinderen(rng, h, ouders, 1, min_leeftijd=14, max_leeftijd=17)
    if not jongere:
        jongere = _kinderen(rng, h, ouders, 1, min_leeftijd=12, max_leeftijd=17)
    kinderen = list(jongere)
    for k in jongere:
        h.leden[k].geslacht = "M" if rng.random() < 0.8 else "V"
        h.leden[k].rollen.append(_VP)
    if rng.random() < 0.5 and jongere:
        broer_zus = _kinderen(rng, h, ouders, 1, min_leeftijd=4, max_leeftijd=13)
        for k in broer_zus:
            h.leden[k].rollen.append("getuige")
            h.relatie(jongere[0], k, RelatieSoort.BROER_ZUS)
        kinderen.extend(broer_zus)
    for o in ouders[1:]:
        h.leden[o].rollen.append("overig")
    _gezag_ouders(h, kinderen, ouders, peil)


_BOUWERS = {
    "partnergeweld_met_kinderen": lambda rng, h, peil: _partnergeweld(
        rng, h, peil, met_kinderen=True
    ),
    "partnergeweld_zonder_kinderen": lambda rng, h, peil: _partnergeweld(
        rng, h, peil, met_kinderen=False
    ),
    "kindermishandeling": _kindermishandeling,
    "ouderenmishandeling": _ouderenmishandeling,
    "zwangerschap": _zwangerschap,
    "grootouder_voogdij": _grootouder_voogdij,
    "geweld_door_jongere": _geweld_door_jongere,
}


def huishouden(rng: random.Random, soort: str, d0: date, peil: date) -> _Huishouden:
    """The members of a household of ``soort`` on the opening day ``d0``."""
    h = _Huishouden(d0)
    _BOUWERS[soort](rng, h, peil)
    return h


# --- Names, BSNs and rows -------------------------------------------------------------------


def _is_kind(lid: _Lid) -> bool:
    return lid.sleutel.startswith("kind") or lid.sleutel == "volwassen kind"


def _namen_geven(rng: random.Random, h: _Huishouden, namen: Namen) -> None:
    """Surnames: each adult their own; a child the father's (mostly) or the mother's."""
    h.herkomst = namen.herkomst(rng)
    for lid in h.leden:
        if not _is_kind(lid):
            # An ex-partner or a new partner may come from elsewhere.
            herkomst = h.herkomst if lid.thuis or rng.random() < 0.5 else namen.herkomst(rng)
            lid.naam = namen.achternaam(rng, herkomst)
    ouders_van: dict[int, list[int]] = {}
    for a, b, soort in h.relaties:
        if soort == RelatieSoort.OUDER_KIND:
            ouders_van.setdefault(b, []).append(a)
    # Children of the same parents share one surname, chosen once (the father's, mostly).
    gekozen: dict[tuple[int, ...], tuple[str, str] | None] = {}
    for lid in h.leden:
        if lid.naam is not None:
            continue
        ouders = tuple(sorted(ouders_van.get(lid.index, [])))
        if ouders not in gekozen:
            vaders = [o for o in ouders if h.leden[o].geslacht == "M"]
            bron = vaders[0] if vaders and rng.random() < 0.7 else (ouders[0] if ouders else None)
            gekozen[ouders] = h.leden[bron].naam if bron is not None else None
        lid.naam = gekozen[ouders] or namen.achternaam(rng, h.herkomst)


@dataclass
class _Schrijvers:
    casus: BulkSchrijver
    persoon: BulkSchrijver
    adres: BulkSchrijver
    relatie: BulkSchrijver
    gezag: BulkSchrijver
    betrokkene: BulkSchrijver

    def alle(self) -> dict[str, BulkSchrijver]:
        return {
            "casussen": self.casus,
            "personen": self.persoon,
            "adressen": self.adres,
            "relaties": self.relatie,
            "gezag": self.gezag,
            "betrokkenen": self.betrokkene,
        }


class _Nummers:
    """Casus numbers per year ("2025-000123"), after those already handed out."""

    def __init__(self) -> None:
        self.laatste: dict[int, int] = {}

    def volgend(self, jaar: int) -> str:
        if jaar not in self.laatste:
            teller = CasusNummerTeller.objects.filter(jaar=jaar).first()
            hoogste = (
                Casus.objects.filter(nummer__startswith=f"{jaar}-")
                .order_by("-nummer")
                .values_list("nummer", flat=True)
                .first()
            )
            staart = hoogste.split("-", 1)[1] if hoogste else ""
            bestaand = int(staart) if staart.isdigit() else 0
            self.laatste[jaar] = max(teller.laatste if teller else 0, bestaand)
        self.laatste[jaar] += 1
        return f"{jaar}-{self.laatste[jaar]:06d}"

    def opslaan(self) -> None:
        for jaar, laatste in self.laatste.items():
            CasusNummerTeller.objects.update_or_create(jaar=jaar, defaults={"laatste": laatste})


class Verzamelaar(BulkSchrijver):
    """A writer that keeps the instances instead of writing them (see households_plan)."""

    def __init__(self, model: type[Model], **kwargs: object) -> None:
        super().__init__(model)
        self.rijen: list[Model] = []

    def add(self, obj: Model) -> None:
        self.rijen.append(obj)
        self.geschreven += 1

    def flush(self) -> None:
        pass


class _Huishoudens:
    """Plans and writes the households of one run."""

    def __init__(
        self,
        ctx: DemoContext,
        rng: random.Random,
        balk: Balk,
        *,
        schrijver: type[BulkSchrijver] = BulkSchrijver,
    ) -> None:
        self.ctx = ctx
        self.rng = rng
        self.balk = balk
        faker = ctx.faker_voor("huishoudens")
        self.namen = Namen(faker)
        self.straten = Straten(faker)
        self.gemeenten = GemeenteKeuze(ctx.gemeenten)
        self.vervolgteams = [ctx.teams[n] for n in VERVOLGTEAMS if n in ctx.teams]
        if not self.vervolgteams:
            raise RuntimeError("De demo-organisatie heeft geen vervolgteams.")
        self.ids = {m: IdReeks(m) for m in (Casus, Persoon, Adres, Relatie, Gezag, Betrokkene)}
        self.nummers = _Nummers()
        self.gemeente_per_code = {g.cbs_code: g for g in ctx.gemeenten}
        # Casussen that will close (by moment), and those closed so far: a hermelding returns
        # to one of the latter. Each closed casus is returned to at most once.
        self._sluitend: list[tuple[datetime, int]] = []
        self._gesloten: list[CasusPlan] = []
        self.w = _Schrijvers(
            casus=schrijver(Casus),
            persoon=schrijver(Persoon, voorbereiden=Persoon.afgeleide_velden_bijwerken),
            adres=schrijver(Adres),
            relatie=schrijver(Relatie),
            gezag=schrijver(Gezag),
            betrokkene=schrijver(Betrokkene),
        )
        if Persoon.objects.exists():
            ctx.bsn_gezien.update(Persoon.objects.exclude(bsn="").values_list("bsn", flat=True))

    def run(self, momenten: list[datetime]) -> None:
        for i, geopend_op in enumerate(momenten, start=1):
            self.casus(geopend_op)
            if i % 100 == 0:
                self.balk.advance(100)
        self.balk.advance(len(momenten) % 100)
        for schrijver in self.w.alle().values():
            schrijver.flush()
        self.nummers.opslaan()
        sequences_reset(self.ids)
        for soort, schrijver in self.w.alle().items():
            self.ctx.tel(soort, schrijver.geschreven)

    def _eerdere(self, geopend_op: datetime) -> CasusPlan | None:
        """An older casus, closed before ``geopend_op``, this casus returns to (or None)."""
        while self._sluitend and self._sluitend[0][0] < geopend_op:
            _, index = heapq.heappop(self._sluitend)
            self._gesloten.append(self.ctx.casussen[index])
        if not self._gesloten or self.rng.random() >= HERMELDING_KANS:
            return None
        i = self.rng.randrange(len(self._gesloten))
        self._gesloten[i], self._gesloten[-1] = self._gesloten[-1], self._gesloten[i]
        return self._gesloten.pop()

    def _gemeente_op(self, code: str, dag: date) -> Gemeente:
        """The gemeente ``code`` on ``dag``, or its successor after a merger."""
        gemeente = self.gemeente_per_code[code]
        while gemeente.geldig_tot is not None and dag > gemeente.geldig_tot:
            opvolger = self.gemeente_per_code.get(gemeente.opgevolgd_door_id or "")
            if opvolger is None:
                break
            gemeente = opvolger
        return gemeente

    def casus(self, geopend_op: datetime) -> None:
        ctx, rng = self.ctx, self.rng
        d0 = geopend_op.date()
        eerder = self._eerdere(geopend_op)
        if eerder is not None:
            self._hermelding(geopend_op, eerder)
            return
        gemeente = self.gemeenten.kies(rng, d0)
        soort = _gewogen(rng, SOORTEN)
        loop = verloop(ctx, rng, geopend_op)
        h = huishouden(rng, soort, d0, ctx.peildatum)
        _namen_geven(rng, h, self.namen)
        bevestigd = (
            loop.uitkomst == "onderzoek"
            and loop.vervolg_eind_op is not None
            and loop.vervolg_eind_op < ctx.peildatum
            and rng.random() < 0.6
        )
        plan = self._plan(geopend_op, gemeente, soort, loop)
        ids = self._personen(h, gemeente, plan, bevestigd)
        for a, b, relatie in h.relaties:
            self.w.relatie.add(
                Relatie(
                    id=self.ids[Relatie](), persoon_a_id=ids[a], persoon_b_id=ids[b], soort=relatie
                )
            )
        for kind, gezaghebbende, gezag, van, tot in h.gezag:
            self.w.gezag.add(
                Gezag(
                    id=self.ids[Gezag](),
                    kind_id=ids[kind],
                    gezaghebbende_id=ids[gezaghebbende],
                    soort=gezag,
                    van=van,
                    tot=tot,
                )
            )
        self._toevoegen(plan)

    def _plan(
        self, geopend_op: datetime, gemeente: Gemeente, soort: str, loop: Verloop
    ) -> CasusPlan:
        """The plan of a new casus, and its row."""
        team = team_voor_gemeente(gemeente, self.vervolgteams)
        plan = CasusPlan(
            casus_id=self.ids[Casus](),
            nummer=self.nummers.volgend(geopend_op.year),
            team_id=team.pk,
            gemeente_code=gemeente.cbs_code,
            soort=soort,
            geopend_op=geopend_op,
            uitkomst=loop.uitkomst,
            vb_besluit_op=loop.vb_besluit_op,
            vervolg_eind_op=loop.vervolg_eind_op,
            monitoring_eind_op=loop.monitoring_eind_op,
            gesloten_op=loop.gesloten_op,
        )
        self.w.casus.add(
            Casus(
                id=plan.casus_id,
                nummer=plan.nummer,
                team_id=team.pk,
                status=CasusStatus.OPEN if loop.gesloten_op is None else CasusStatus.GESLOTEN,
                geopend_op=geopend_op,
                gesloten_op=loop.gesloten_op,
                gemeente_id=gemeente.cbs_code,
            )
        )
        return plan

    def _toevoegen(self, plan: CasusPlan) -> None:
        if plan.gesloten_op is not None and not any(lid.ongeboren for lid in plan.leden):
            # A household with an unborn child does not return (its child would be born by
            # then, and the person row cannot say so).
            heapq.heappush(self._sluitend, (plan.gesloten_op, len(self.ctx.casussen)))
        self.ctx.casussen.append(plan)

    def _hermelding(self, geopend_op: datetime, eerder: CasusPlan) -> None:
        """A new casus about the persons of the closed casus ``eerder`` (see the docstring)."""
        loop = verloop(self.ctx, self.rng, geopend_op)
        gemeente = self._gemeente_op(eerder.gemeente_code, geopend_op.date())
        plan = self._plan(geopend_op, gemeente, eerder.soort, loop)
        for oud in eerder.leden:
            rollen = list(dict.fromkeys(_VERMOEDELIJK.get(r, r) for r in oud.rollen))
            for rol in rollen:
                self.w.betrokkene.add(
                    Betrokkene(
                        id=self.ids[Betrokkene](),
                        casus_id=plan.casus_id,
                        persoon_id=oud.persoon_id,
                        rol=rol,
                    )
                )
            plan.leden.append(
                LidPlan(
                    persoon_id=oud.persoon_id,
                    sleutel=oud.sleutel,
                    voornaam=oud.voornaam,
                    geslacht=oud.geslacht,
                    rollen=rollen,
                    geboren=oud.geboren,
                    ongeboren=oud.ongeboren,
                )
            )
        self._toevoegen(plan)

    def _personen(
        self, h: _Huishouden, gemeente: Gemeente, plan: CasusPlan, bevestigd: bool
    ) -> list[int]:
        ctx, rng = self.ctx, self.rng
        thuisadres = AdresPlan.maak(rng, gemeente, self.straten)
        # The household moved in after every adult turned 18 (and, with an ex-partner, well
        # before the separation).
        intrek = jaren_terug(h.d0, rng.uniform(0.3, 12))
        volwassenen = [
            _achttien(lid.geboren) for lid in h.leden if lid.geboren and not _is_kind(lid)
        ]
        intrek = max([intrek, *volwassenen])
        if h.ex_scheiding is not None:
            intrek = min(intrek, h.ex_scheiding - timedelta(days=90))
        opvang: tuple[AdresPlan, date, date | None] | None = None
        opvang_van = h.d0 + timedelta(days=rng.randint(1, 20))
        if h.opvang and opvang_van < ctx.eind.date():
            elders = self.gemeenten.kies_anders(rng, h.d0, gemeente)
            opvang_tot = opvang_van + timedelta(days=rng.randint(30, 180))
            opvang = (
                AdresPlan.maak(rng, elders, self.straten),
                opvang_van,
                opvang_tot if opvang_tot < ctx.peildatum else None,
            )
        ids: list[int] = []
        for lid in h.leden:
            persoon_id = self.ids[Persoon]()
            ids.append(persoon_id)
            woont = gemeente
            if not lid.thuis and rng.random() < 0.3:
                woont = self.gemeenten.kies(rng, h.d0)
            voornamen = self._persoon(lid, persoon_id, woont, h.herkomst)
            rollen = list(dict.fromkeys(_bevestig(r) if bevestigd else r for r in lid.rollen))
            for rol in rollen or ["overig"]:
                self.w.betrokkene.add(
                    Betrokkene(
                        id=self.ids[Betrokkene](),
                        casus_id=plan.casus_id,
                        persoon_id=persoon_id,
                        rol=rol,
                    )
                )
            plan.leden.append(
                LidPlan(
                    persoon_id=persoon_id,
                    sleutel=lid.sleutel,
                    voornaam=voornamen.split(" ")[0],
                    geslacht=lid.geslacht,
                    rollen=rollen or ["overig"],
                    geboren=lid.geboren,
                    ongeboren=lid.ongeboren,
                )
            )
            if lid.ongeboren:
                continue  # no address before birth
            self._adressen(h, lid, persoon_id, thuisadres, intrek, woont)
            if opvang is not None and lid.index in h.opvang:
                self._adres(persoon_id, *opvang, geheim=True)
        return ids

    def _adressen(
        self,
        h: _Huishouden,
        lid: _Lid,
        persoon_id: int,
        thuisadres: AdresPlan,
        intrek: date,
        woont: Gemeente,
    ) -> None:
        if lid.thuis:
            self._adres(persoon_id, thuisadres, max(intrek, lid.geboren or intrek), None)
            return
        eigen = AdresPlan.maak(self.rng, woont, self.straten)
        scheiding = h.ex_scheiding
        if scheiding is not None and lid.sleutel == "ex-partner" and intrek <= scheiding:
            # The ex-partner lived at the household's address until the separation.
            self._adres(persoon_id, thuisadres, intrek, scheiding)
            self._adres(persoon_id, eigen, scheiding + timedelta(days=1), None)
            return
        van = jaren_terug(h.d0, self.rng.uniform(0.2, 8))
        if lid.geboren:
            van = max(van, _achttien(lid.geboren))
        self._adres(persoon_id, eigen, min(van, h.d0), None)

    def _persoon(self, lid: _Lid, persoon_id: int, gemeente: Gemeente, herkomst: int) -> str:
        rng = self.rng
        voornamen = "" if lid.ongeboren else self.namen.voornamen(rng, lid.geslacht, herkomst)
        volwassen = lid.geboren is not None and lid.geboren <= jaren_terug(self.ctx.peildatum, 18)
        geboortedatum = None
        if lid.geboren is not None:
            if volwassen:
                geboortedatum = partiele_datum(
                    rng, lid.geboren, kans_alleen_jaar=0.04, kans_maand=0.03
                )
            else:
                geboortedatum = partiele_datum(
                    rng, lid.geboren, kans_alleen_jaar=0.0, kans_maand=0.01
                )
        bsn = ""
        if lid.geboren is not None and rng.random() < (0.9 if volwassen else 0.95):
            bsn = bsn_nieuw(rng, self.ctx.bsn_gezien)
        tussenvoegsel, achternaam = lid.naam or ("", "Onbekend")
        persoon = Persoon(
            id=persoon_id,
            bsn=bsn,
            voornamen=voornamen,
            tussenvoegsel=tussenvoegsel,
            achternaam=achternaam,
            ongeboren=lid.ongeboren,
            verwachte_geboortedatum=lid.verwacht,
            geslacht=lid.geslacht,
            gemeente_id=gemeente.cbs_code,
        )
        persoon.geboortedatum = geboortedatum
        self.w.persoon.add(persoon)
        return voornamen

    def _adres(
        self,
        persoon_id: int,
        adres: AdresPlan,
        van: date,
        tot: date | None,
        *,
        geheim: bool = False,
    ) -> None:
        self.w.adres.add(
            Adres(
                id=self.ids[Adres](),
                persoon_id=persoon_id,
                straat=adres.straat,
                huisnummer=adres.huisnummer,
                postcode=adres.postcode,
                woonplaats=adres.woonplaats,
                gemeente_id=adres.gemeente_code,
                geheim=geheim,
                geldig_van=van,
                geldig_tot=tot,
            )
        )


def _bevestig(rol: str) -> str:
    return {_VS: "slachtoffer", _VP: "pleger"}.get(rol, rol)


#: A new melding about a known household: what was confirmed is suspected again.
_VERMOEDELIJK = {"slachtoffer": _VS, "pleger": _VP}


def households_plan(ctx: DemoContext) -> dict[str, list[Model]]:
    """The rows the households step would write, as unsaved instances (primary keys set,
    derived person columns not yet filled), without writing anything. For the benchmark."""
    rng = ctx.rng("huishoudens")
    momenten = openingen(ctx, rng)
    plan = _Huishoudens(ctx, rng, Balk(None, None), schrijver=Verzamelaar)
    for geopend_op in momenten:
        plan.casus(geopend_op)
    return {
        naam: schrijver.rijen
        for naam, schrijver in plan.w.alle().items()
        if isinstance(schrijver, Verzamelaar)
    }


def households_step(ctx: DemoContext, balk: Balk) -> None:
    rng = ctx.rng("huishoudens")
    momenten = openingen(ctx, rng)
    balk.totaal(len(momenten))
    _Huishoudens(ctx, rng, balk).run(momenten)
    t = ctx.tellingen
    balk.samenvatting = (
        f"{getal(t.get('casussen', 0))} casussen, {getal(t.get('personen', 0))} personen, "
        f"{getal(t.get('adressen', 0))} adressen, {getal(t.get('relaties', 0))} relaties, "
        f"{getal(t.get('gezag', 0))} gezagsrelaties, {getal(t.get('betrokkenen', 0))} betrokkenen"
    )
