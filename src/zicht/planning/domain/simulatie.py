"""Waiting-list forecast: a discrete-event simulation (SimPy) of the flow of meldingen.

The model
---------
* **Clock.** Simulated time counts *working days* on the Atw calendar: day ``d`` is the interval
  ``[d, d+1)`` and ``werkdagen[d]`` its date. Weekends and holidays do not exist on this clock;
  meldingen received on them arrive at the start of the next working day (and keep their term,
  which counts from receipt).
* **Arrivals.** ``PER_DAG``: per calendar day a Poisson number of meldingen, with mean the
  year's plan volume spread by a weekday pattern (Monday..Sunday weights; a holiday on a weekday
  weighs like a Sunday); arrival moments are uniform within a working day. ``CONTINU``: a Poisson
  process with constant rate per working day (used for the M/M/c check against Erlang C).
* **Teams.** Two teams in fte: *veiligheidsbeoordeling* (the VB, then, for those handed over
  after the VB, the overdracht by the same worker) and *vervolg* (voorwaarden en vervolg or
  onderzoek, then the overdracht na bemoeienis by the same worker; a V&V or onderzoek also has
  a minimum lead time for appointments and partners' information, during which the worker is
  free for other cases). An fte supplies
  ``productieve uren per fte / werkdagen in het jaar`` hours per working day. A team of ``f`` fte
  is ``ceil(f)`` workers who each work at ``f / ceil(f)`` of a full fte, so capacity is exact for
  fractional fte. Advies, monitoring, huisverbod and voorlichting are steady background work:
  their hours are in the budget, not in these queues.
* **Work.** Hours per case are drawn around the hour norm: lognormal with a given coefficient of
  variation (default), exponential (CV 1), or fixed.
* **Priority.** Acute meldingen go first (non-pre-emptive); otherwise first come, first served.
* **Terms.** VB decided on time: by the end of the 5th working day after receipt. V&V and
  onderzoek on time: finished by the end of the working day on or after decision + 70 days
  (Atw art. 1). Work not finished when the run stops counts as late.
* **Waiting list** at the end of each working day: meldingen waiting for a VB plus decided
  V&V/onderzoek not yet started (DOMAIN §4), per team.

Replications use independent random streams: ``numpy.random.SeedSequence(seed).spawn(n)``, one
``Generator`` per replication. Every random number of a replication is drawn before the run
(arrivals, priorities, routes, work), so runs with different fte but the same seed see the same
meldingen (common random numbers): that makes the fte search a clean bisection.

Pure: no Django. The calendar is an argument.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from enum import StrEnum
from typing import Any, Literal

import numpy as np
import numpy.typing as npt
import simpy

from zicht.core.domain.calendar import AtwCalendar
from zicht.planning.domain.begrippen import Dienst
from zicht.planning.domain.begroting import Begroting
from zicht.planning.domain.parameters import Planparameters

__all__ = [
    "MAX_REPLICATIES",
    "WEIGEREN_VANAF",
    "Aankomstpatroon",
    "Fteadvies",
    "Kengetal",
    "Replicatie",
    "SimulatieFout",
    "Simulatieinvoer",
    "Simulatieresultaat",
    "Spreiding",
    "fte_zoeken",
    "invoer_uit_plan",
    "kengetal",
    "replicaties_controleren",
    "simuleer",
    "team_fte_uit_begroting",
]

#: More replications than this are capped (with a warning).
MAX_REPLICATIES = 1000
#: From this many on the request is refused outright: it is a typo or a mistake, not a plan.
WEIGEREN_VANAF = 1_000_000

Voortgang = Callable[[int, int], None]

_GEEN, _OVERDRACHT, _VV, _ONDERZOEK = 0, 1, 2, 3


class SimulatieFout(ValueError):
    """Invalid simulation input; ``fouten`` maps each field to a Dutch message."""

    def __init__(self, fouten: dict[str, str]) -> None:
        self.fouten = fouten
        super().__init__(" ".join(fouten.values()))


class Spreiding(StrEnum):
    LOGNORMAAL = "lognormaal"
    EXPONENTIEEL = "exponentieel"
    VAST = "vast"


class Aankomstpatroon(StrEnum):
    PER_DAG = "per_dag"
    CONTINU = "continu"


def replicaties_controleren(gevraagd: int) -> tuple[int, str | None]:
    """The number of replications to run and a warning, or SimulatieFout when refused.

    Fewer than 1 and 10⁶ or more are refused; above :data:`MAX_REPLICATIES` the number is capped.
    """
    if gevraagd < 1:
        raise SimulatieFout({"replicaties": "Vraag minstens 1 replicatie."})
    if gevraagd >= WEIGEREN_VANAF:
        raise SimulatieFout(
            {
                "replicaties": (
                    f"{gevraagd:,} replicaties is te veel: dat duurt dagen. Vraag er hoogstens "
                    f"{MAX_REPLICATIES:,}; meer dan 100 maakt de uitkomst zelden nauwkeuriger."
                ).replace(",", ".")
            }
        )
    if gevraagd > MAX_REPLICATIES:
        return MAX_REPLICATIES, (
            f"Het aantal replicaties is begrensd op {MAX_REPLICATIES:,} (gevraagd: {gevraagd:,})."
        ).replace(",", ".")
    return gevraagd, None


@dataclass(frozen=True)
class Simulatieinvoer:
    """Everything one simulated year needs. Rates are per year, work in hours per case."""

    jaar: int
    kalender: AtwCalendar
    meldingen_per_jaar: float
    fte_vb: float
    fte_vervolg: float
    productieve_uren_per_fte: float
    urennorm_vb: float
    urennorm_overdracht_vb: float
    urennorm_vv: float
    urennorm_onderzoek: float
    urennorm_overdracht_bemoeienis: float
    fractie_overdracht_vb: float
    fractie_vv: float
    fractie_onderzoek: float
    aandeel_acuut: float = 0.1
    cv: float = 0.6
    spreiding: Spreiding = Spreiding.LOGNORMAAL
    weekpatroon: tuple[float, ...] = (1.0, 1.0, 1.0, 1.0, 1.0, 0.0, 0.0)
    aankomsten: Aankomstpatroon = Aankomstpatroon.PER_DAG
    beginvoorraad_vb: int = 0
    beginvoorraad_vervolg: int = 0
    #: Working days simulated after the year so that the year's meldingen can finish.
    uitloop_werkdagen: int = 80
    termijn_vb_werkdagen: int = 5
    termijn_vervolg_dagen: int = 70
    #: Minimum lead time of V&V and onderzoek in working days (appointments, information from
    #: partners): the case is finished at start + max(work time, lead time); the worker is busy
    #: only for the work itself.
    doorlooptijd_vervolg_werkdagen: float = 0.0
    #: Meldingen arriving before this working day are simulated but not counted (warm-up).
    meet_vanaf_werkdag: int = 0
    vervolg_simuleren: bool = True

    def fouten(self) -> dict[str, str]:
        """Dutch messages per field for input that cannot be simulated (empty when fine)."""
        fouten: dict[str, str] = {}
        if not math.isfinite(self.meldingen_per_jaar) or self.meldingen_per_jaar < 0:
            fouten["meldingen_per_jaar"] = "Het aantal meldingen kan niet negatief zijn."
        for naam in ("fte_vb", "fte_vervolg"):
            waarde = getattr(self, naam)
            if not math.isfinite(waarde) or waarde <= 0:
                fouten[naam] = "Een team zonder formatie handelt niets af: vul meer dan 0 fte in."
            elif waarde > 1000:
                fouten[naam] = "Meer dan 1000 fte in één team is niet aannemelijk."
        if not self.productieve_uren_per_fte > 0:
            fouten["productieve_uren_per_fte"] = (
                "Het aantal productieve uren per fte moet groter dan 0 zijn."
            )
        for naam in (
            "urennorm_vb",
            "urennorm_overdracht_vb",
            "urennorm_vv",
            "urennorm_onderzoek",
            "urennorm_overdracht_bemoeienis",
        ):
            if not getattr(self, naam) >= 0:
                fouten[naam] = "Een urennorm kan niet negatief zijn."
        fracties = (self.fractie_overdracht_vb, self.fractie_vv, self.fractie_onderzoek)
        if any(not 0 <= f <= 1 for f in fracties):
            fouten["fracties"] = "Een fractie ligt tussen 0 en 1."
        elif sum(fracties) > 1 + 1e-12:
            fouten["fracties"] = (
                f"De aandelen na de veiligheidsbeoordeling tellen op tot {sum(fracties):.3f}; "
                "dat is meer dan 1."
            )
        if not 0 <= self.aandeel_acuut <= 1:
            fouten["aandeel_acuut"] = "Het aandeel acute meldingen ligt tussen 0 en 1."
        if not 0 <= self.cv <= 5:
            fouten["cv"] = "De variatiecoëfficiënt ligt tussen 0 en 5."
        if len(self.weekpatroon) != 7 or any(w < 0 for w in self.weekpatroon):
            fouten["weekpatroon"] = "Het weekpatroon heeft zeven gewichten van 0 of meer."
        elif sum(self.weekpatroon) <= 0:
            fouten["weekpatroon"] = "Geef minstens één dag van de week een instroom."
        if self.beginvoorraad_vb < 0 or self.beginvoorraad_vervolg < 0:
            fouten["beginvoorraad"] = "Een beginvoorraad kan niet negatief zijn."
        if not 0 <= self.doorlooptijd_vervolg_werkdagen <= 250:
            fouten["doorlooptijd_vervolg_werkdagen"] = (
                "De minimale doorlooptijd ligt tussen 0 en 250 werkdagen."
            )
        if not 0 <= self.uitloop_werkdagen <= 250:
            fouten["uitloop_werkdagen"] = "De uitloop ligt tussen 0 en 250 werkdagen."
        return fouten


@dataclass(frozen=True)
class Replicatie:
    """The outcome of one simulated year."""

    meldingen: int
    vb_tijdig: int
    vv: int
    vv_tijdig: int
    onderzoek: int
    onderzoek_tijdig: int
    wachttijd_vb_totaal: float  # working days, summed over counted meldingen that started
    vb_gestart: int
    wachtlijst_vb: tuple[int, ...]
    wachtlijst_vervolg: tuple[int, ...]

    @property
    def aandeel_vb_tijdig(self) -> float:
        return self.vb_tijdig / self.meldingen if self.meldingen else 1.0

    @property
    def aandeel_vv_tijdig(self) -> float:
        return self.vv_tijdig / self.vv if self.vv else 1.0

    @property
    def aandeel_onderzoek_tijdig(self) -> float:
        return self.onderzoek_tijdig / self.onderzoek if self.onderzoek else 1.0

    @property
    def aandeel_vervolg_tijdig(self) -> float:
        totaal = self.vv + self.onderzoek
        return (self.vv_tijdig + self.onderzoek_tijdig) / totaal if totaal else 1.0

    @property
    def gemiddelde_wachttijd_vb(self) -> float:
        return self.wachttijd_vb_totaal / self.vb_gestart if self.vb_gestart else 0.0


# Two-sided 95% t quantiles for 1..30 degrees of freedom.
_T95 = (
    12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228,
    2.201, 2.179, 2.160, 2.145, 2.131, 2.120, 2.110, 2.101, 2.093, 2.086,
    2.080, 2.074, 2.069, 2.064, 2.060, 2.056, 2.052, 2.048, 2.045, 2.042,
)  # fmt: skip


def _t95(df: int) -> float:
    if df <= len(_T95):
        return _T95[df - 1]
    z = 1.959964
    # Cornish-Fisher expansion of the t quantile; better than 1e-3 from 31 degrees of freedom.
    return z + (z**3 + z) / (4 * df) + (5 * z**5 + 16 * z**3 + 3 * z) / (96 * df**2)


@dataclass(frozen=True)
class Kengetal:
    """A mean over replications with its 95% confidence interval (t distribution)."""

    gemiddelde: float
    ci_laag: float
    ci_hoog: float


def kengetal(waarden: Sequence[float], *, aandeel: bool = False) -> Kengetal:
    """Mean and 95% interval; for a share (``aandeel``) the interval is clipped to 0..1."""
    n = len(waarden)
    if n == 0:
        raise ValueError("Geen waarden.")
    gemiddelde = float(np.mean(waarden))
    if n == 1:
        return Kengetal(gemiddelde, gemiddelde, gemiddelde)
    marge = _t95(n - 1) * float(np.std(waarden, ddof=1)) / math.sqrt(n)
    laag, hoog = gemiddelde - marge, gemiddelde + marge
    if aandeel:
        laag, hoog = max(laag, 0.0), min(hoog, 1.0)
    return Kengetal(gemiddelde, laag, hoog)


@dataclass(frozen=True)
class Simulatieresultaat:
    replicaties: int
    seed: int
    fte_vb: float
    fte_vervolg: float
    datums: tuple[date, ...]
    per_replicatie: tuple[Replicatie, ...] = field(repr=False)

    @property
    def meldingen(self) -> int:
        return sum(r.meldingen for r in self.per_replicatie)

    @property
    def vb_tijdig(self) -> Kengetal:
        return kengetal([r.aandeel_vb_tijdig for r in self.per_replicatie], aandeel=True)

    @property
    def vv_tijdig(self) -> Kengetal:
        return kengetal([r.aandeel_vv_tijdig for r in self.per_replicatie], aandeel=True)

    @property
    def onderzoek_tijdig(self) -> Kengetal:
        return kengetal([r.aandeel_onderzoek_tijdig for r in self.per_replicatie], aandeel=True)

    @property
    def vervolg_tijdig(self) -> Kengetal:
        return kengetal([r.aandeel_vervolg_tijdig for r in self.per_replicatie], aandeel=True)

    @property
    def wachttijd_vb(self) -> Kengetal:
        return kengetal([r.gemiddelde_wachttijd_vb for r in self.per_replicatie])

    def wachtlijst_banden(
        self, team: Literal["totaal", "vb", "vervolg"] = "totaal"
    ) -> dict[str, tuple[float, ...]]:
        """p10, p50 and p90 across replications of the waiting list at each working day."""
        vb = np.array([r.wachtlijst_vb for r in self.per_replicatie], dtype=float)
        vervolg = np.array([r.wachtlijst_vervolg for r in self.per_replicatie], dtype=float)
        reeks = {"totaal": vb + vervolg, "vb": vb, "vervolg": vervolg}[team]
        p10, p50, p90 = np.percentile(reeks, [10, 50, 90], axis=0)
        return {
            "p10": tuple(float(x) for x in p10),
            "p50": tuple(float(x) for x in p50),
            "p90": tuple(float(x) for x in p90),
        }

    def als_dict(self) -> dict[str, Any]:
        """A JSON-able summary (what the page stores and draws)."""

        def k(getal: Kengetal) -> dict[str, float]:
            return {
                "gemiddelde": round(getal.gemiddelde, 6),
                "ci_laag": round(getal.ci_laag, 6),
                "ci_hoog": round(getal.ci_hoog, 6),
            }

        banden = {
            team: {naam: [round(x, 2) for x in reeks] for naam, reeks in b.items()}
            for team, b in (
                ("totaal", self.wachtlijst_banden("totaal")),
                ("vb", self.wachtlijst_banden("vb")),
                ("vervolg", self.wachtlijst_banden("vervolg")),
            )
        }
        return {
            "replicaties": self.replicaties,
            "seed": self.seed,
            "fte_vb": self.fte_vb,
            "fte_vervolg": self.fte_vervolg,
            "meldingen_per_replicatie": self.meldingen / max(self.replicaties, 1),
            "vb_tijdig": k(self.vb_tijdig),
            "vv_tijdig": k(self.vv_tijdig),
            "onderzoek_tijdig": k(self.onderzoek_tijdig),
            "wachttijd_vb": k(self.wachttijd_vb),
            "datums": [d.isoformat() for d in self.datums],
            "wachtlijst": banden,
        }


# --- the run -------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Klok:
    """The working days from 1 January of the year, far enough beyond it for every deadline."""

    werkdagen: tuple[date, ...]
    in_jaar: int
    #: Per working day of a decision: the index of the working day its 10-week term ends on.
    vervolg_deadline: npt.NDArray[np.int64]
    #: Per calendar day of the year: index of its working day, or of the next one if closed.
    dag_index: npt.NDArray[np.int64]
    dag_open: npt.NDArray[np.bool_]
    dag_gewicht_weekdag: npt.NDArray[np.int64]


def _klok(invoer: Simulatieinvoer) -> _Klok:
    kalender = invoer.kalender
    begin = date(invoer.jaar, 1, 1)
    einde = date(invoer.jaar + 2, 6, 30)
    dagen = [begin + timedelta(days=i) for i in range((einde - begin).days + 1)]
    werkdagen = tuple(d for d in dagen if kalender.is_working_day(d))
    index = {d: i for i, d in enumerate(werkdagen)}
    in_jaar = sum(1 for d in werkdagen if d.year == invoer.jaar)
    deadline = []
    for d in werkdagen:
        eind = kalender.working_day_on_or_after(d + timedelta(days=invoer.termijn_vervolg_dagen))
        deadline.append(index.get(eind, len(werkdagen)))
    jaardagen = [d for d in dagen if d.year == invoer.jaar]
    dag_index = []
    volgende = 0
    for d in jaardagen:
        while werkdagen[volgende] < d:
            volgende += 1
        dag_index.append(volgende)
    open_ = [kalender.is_working_day(d) for d in jaardagen]
    # A weekday holiday weighs like a Sunday (6).
    weekdag = [
        d.weekday() if (o or d.weekday() >= 5) else 6 for d, o in zip(jaardagen, open_, strict=True)
    ]
    return _Klok(
        werkdagen=werkdagen,
        in_jaar=in_jaar,
        vervolg_deadline=np.array(deadline, dtype=np.int64),
        dag_index=np.array(dag_index, dtype=np.int64),
        dag_open=np.array(open_, dtype=np.bool_),
        dag_gewicht_weekdag=np.array(weekdag, dtype=np.int64),
    )


def _werk(
    rng: np.random.Generator, n: int, gemiddelde: float, invoer: Simulatieinvoer
) -> npt.NDArray[np.float64]:
    if gemiddelde <= 0 or n == 0:
        return np.zeros(n)
    if invoer.spreiding is Spreiding.EXPONENTIEEL:
        return rng.exponential(gemiddelde, n)
    if invoer.spreiding is Spreiding.VAST or invoer.cv == 0:
        return np.full(n, gemiddelde)
    sigma2 = math.log(1 + invoer.cv**2)
    return rng.lognormal(math.log(gemiddelde) - sigma2 / 2, math.sqrt(sigma2), n)


@dataclass
class _Trekking:
    """All random numbers of one replication, drawn up front."""

    aankomst: npt.NDArray[np.float64]
    deadline_vb: npt.NDArray[np.float64]
    geteld: npt.NDArray[np.bool_]
    direct_vervolg: npt.NDArray[np.bool_]
    acuut: npt.NDArray[np.bool_]
    route: npt.NDArray[np.int64]
    werk_vb: npt.NDArray[np.float64]
    werk_overdracht_vb: npt.NDArray[np.float64]
    werk_vervolg: npt.NDArray[np.float64]
    werk_overdracht: npt.NDArray[np.float64]


def _trekken(rng: np.random.Generator, invoer: Simulatieinvoer, klok: _Klok) -> _Trekking:
    termijn = invoer.termijn_vb_werkdagen
    if invoer.aankomsten is Aankomstpatroon.CONTINU:
        # A Poisson process: a Poisson count, placed uniformly over the working days.
        aantal = rng.poisson(invoer.meldingen_per_jaar)
        aankomst = np.sort(rng.uniform(0.0, klok.in_jaar, aantal))
        deadline = np.floor(aankomst) + termijn + 1
    else:
        gewichten = np.array(invoer.weekpatroon, dtype=float)[klok.dag_gewicht_weekdag]
        lam = invoer.meldingen_per_jaar * gewichten / gewichten.sum()
        per_dag = rng.poisson(lam)
        dag = np.repeat(np.arange(len(per_dag)), per_dag)
        werkdag = klok.dag_index[dag].astype(float)
        open_ = klok.dag_open[dag]
        # Open day: uniform within the day, term ends with working day d + 5.
        # Closed day: first thing on the next working day d', term ends with d' + 4.
        binnen = rng.uniform(0.0, 1.0, len(dag))
        aankomst = np.where(open_, werkdag + binnen, werkdag + binnen * 1e-3)
        deadline = np.where(open_, werkdag + termijn + 1, werkdag + termijn)
        volgorde = np.argsort(aankomst, kind="stable")
        aankomst, deadline = aankomst[volgorde], deadline[volgorde]
    geteld = (aankomst >= invoer.meet_vanaf_werkdag) & (aankomst < klok.in_jaar)
    n_voorraad = invoer.beginvoorraad_vb + invoer.beginvoorraad_vervolg
    if n_voorraad:
        aankomst = np.concatenate([np.zeros(n_voorraad), aankomst])
        deadline = np.concatenate([np.zeros(n_voorraad), deadline])
        geteld = np.concatenate([np.zeros(n_voorraad, dtype=bool), geteld])
    n = len(aankomst)
    direct_vervolg = np.zeros(n, dtype=bool)
    direct_vervolg[invoer.beginvoorraad_vb : n_voorraad] = True
    acuut = rng.random(n) < invoer.aandeel_acuut
    grenzen = np.cumsum([invoer.fractie_overdracht_vb, invoer.fractie_vv, invoer.fractie_onderzoek])
    route = np.searchsorted(grenzen, rng.random(n), side="right")
    route = np.where(route < 3, route + 1, _GEEN).astype(np.int64)
    if invoer.beginvoorraad_vervolg:
        # The backlog waiting for follow-up is V&V or onderzoek in proportion.
        vervolg_totaal = invoer.fractie_vv + invoer.fractie_onderzoek
        kans_vv = invoer.fractie_vv / vervolg_totaal if vervolg_totaal else 1.0
        voorraad = slice(invoer.beginvoorraad_vb, n_voorraad)
        route[voorraad] = np.where(
            rng.random(invoer.beginvoorraad_vervolg) < kans_vv, _VV, _ONDERZOEK
        )
    werk_vv = _werk(rng, n, invoer.urennorm_vv, invoer)
    werk_oz = _werk(rng, n, invoer.urennorm_onderzoek, invoer)
    return _Trekking(
        aankomst=aankomst,
        deadline_vb=deadline,
        geteld=geteld,
        direct_vervolg=direct_vervolg,
        acuut=acuut,
        route=route,
        werk_vb=_werk(rng, n, invoer.urennorm_vb, invoer),
        werk_overdracht_vb=_werk(rng, n, invoer.urennorm_overdracht_vb, invoer),
        werk_vervolg=np.where(route == _ONDERZOEK, werk_oz, werk_vv),
        werk_overdracht=_werk(rng, n, invoer.urennorm_overdracht_bemoeienis, invoer),
    )


def _team(fte: float, uren_per_werkdag: float) -> tuple[int, float]:
    """Workers and hours per working day per worker for a team of ``fte``."""
    werkers = max(1, math.ceil(fte - 1e-9))
    return werkers, uren_per_werkdag * fte / werkers


def _replicatie(invoer: Simulatieinvoer, klok: _Klok, rng: np.random.Generator) -> Replicatie:
    t = _trekken(rng, invoer, klok)
    uren_per_werkdag = invoer.productieve_uren_per_fte / klok.in_jaar
    env = simpy.Environment()
    n_vb, uren_vb = _team(invoer.fte_vb, uren_per_werkdag)
    n_vv, uren_vv = _team(invoer.fte_vervolg, uren_per_werkdag)
    vb = simpy.PriorityResource(env, capacity=n_vb)
    vervolg = simpy.PriorityResource(env, capacity=n_vv)
    n = len(t.aankomst)
    start_vb = np.full(n, np.nan)
    besluit = np.full(n, np.inf)
    klaar = np.full(n, np.inf)
    wachtend = [0, 0]  # waiting for a VB, waiting for follow-up

    aankomst = t.aankomst.tolist()
    acuut = t.acuut.tolist()
    route = t.route.tolist()
    direct = t.direct_vervolg.tolist()
    duur_vb = (t.werk_vb / uren_vb).tolist()
    duur_overdracht_vb = (t.werk_overdracht_vb / uren_vb).tolist()
    duur_vervolg = (t.werk_vervolg / uren_vv).tolist()
    duur_overdracht = (t.werk_overdracht / uren_vv).tolist()
    simuleer_vervolg = invoer.vervolg_simuleren
    doorlooptijd = invoer.doorlooptijd_vervolg_werkdagen

    def melding(i: int) -> Any:
        prioriteit = 0 if acuut[i] else 1
        soort = route[i]
        if not direct[i]:
            wachtend[0] += 1
            with vb.request(priority=prioriteit) as verzoek:
                yield verzoek
                wachtend[0] -= 1
                start_vb[i] = env.now
                yield env.timeout(duur_vb[i])
                besluit[i] = env.now
                if soort == _OVERDRACHT:
                    yield env.timeout(duur_overdracht_vb[i])
        else:
            besluit[i] = env.now
        if soort >= _VV and simuleer_vervolg:
            wachtend[1] += 1
            with vervolg.request(priority=prioriteit) as verzoek:
                yield verzoek
                wachtend[1] -= 1
                begin = env.now
                yield env.timeout(duur_vervolg[i] + duur_overdracht[i])
                klaar[i] = begin + max(duur_vervolg[i], doorlooptijd)

    def bron() -> Any:
        for i, moment in enumerate(aankomst):
            if moment > env.now:
                yield env.timeout(moment - env.now)
            env.process(melding(i))

    reeks_vb = [0] * klok.in_jaar
    reeks_vervolg = [0] * klok.in_jaar

    def meter() -> Any:
        for dag in range(klok.in_jaar):
            yield env.timeout(dag + 1 - env.now)
            reeks_vb[dag] = wachtend[0]
            reeks_vervolg[dag] = wachtend[1]

    env.process(bron())
    env.process(meter())
    horizon = min(klok.in_jaar + invoer.uitloop_werkdagen, len(klok.werkdagen))
    env.run(until=horizon)

    geteld = t.geteld
    n_geteld = int(geteld.sum())
    vb_tijdig = int(np.sum(geteld & (besluit < t.deadline_vb)))
    gestart = geteld & ~np.isnan(start_vb)
    wachttijd = float(np.sum(start_vb[gestart] - t.aankomst[gestart]))
    besloten = np.isfinite(besluit)
    besluit_dag = np.where(besloten, np.floor(np.where(besloten, besluit, 0)), 0).astype(np.int64)
    besluit_dag = np.minimum(besluit_dag, len(klok.vervolg_deadline) - 1)
    deadline_vervolg = klok.vervolg_deadline[besluit_dag] + 1.0
    op_tijd_vervolg = besloten & (klaar < deadline_vervolg)
    is_vv = geteld & (t.route == _VV)
    is_oz = geteld & (t.route == _ONDERZOEK)
    return Replicatie(
        meldingen=n_geteld,
        vb_tijdig=vb_tijdig,
        vv=int(is_vv.sum()) if simuleer_vervolg else 0,
        vv_tijdig=int(np.sum(is_vv & op_tijd_vervolg)) if simuleer_vervolg else 0,
        onderzoek=int(is_oz.sum()) if simuleer_vervolg else 0,
        onderzoek_tijdig=int(np.sum(is_oz & op_tijd_vervolg)) if simuleer_vervolg else 0,
        wachttijd_vb_totaal=wachttijd,
        vb_gestart=int(gestart.sum()),
        wachtlijst_vb=tuple(reeks_vb),
        wachtlijst_vervolg=tuple(reeks_vervolg),
    )


def simuleer(
    invoer: Simulatieinvoer,
    *,
    replicaties: int,
    seed: int,
    voortgang: Voortgang | None = None,
) -> Simulatieresultaat:
    """Runs ``replicaties`` independent years and returns the outcomes.

    Raises :class:`SimulatieFout` (Dutch, per field) on invalid input or a refused number of
    replications; a number above :data:`MAX_REPLICATIES` must be capped by the caller with
    :func:`replicaties_controleren` (this function refuses it, so nothing runs for days).
    """
    fouten = invoer.fouten()
    if replicaties < 1 or replicaties > MAX_REPLICATIES:
        fouten["replicaties"] = f"Het aantal replicaties ligt tussen 1 en {MAX_REPLICATIES}."
    if seed < 0:
        fouten["seed"] = "Het startgetal (seed) kan niet negatief zijn."
    if fouten:
        raise SimulatieFout(fouten)
    klok = _klok(invoer)
    stromen = np.random.SeedSequence(seed).spawn(replicaties)
    uitkomsten = []
    for k, stroom in enumerate(stromen, start=1):
        uitkomsten.append(_replicatie(invoer, klok, np.random.default_rng(stroom)))
        if voortgang is not None:
            voortgang(k, replicaties)
    return Simulatieresultaat(
        replicaties=replicaties,
        seed=seed,
        fte_vb=invoer.fte_vb,
        fte_vervolg=invoer.fte_vervolg,
        datums=klok.werkdagen[: klok.in_jaar],
        per_replicatie=tuple(uitkomsten),
    )


@dataclass(frozen=True)
class Fteadvies:
    """The smallest team size (to ``tolerantie``) whose mean on-time share reaches ``doel``."""

    team: str
    doel: float
    fte: float | None
    behaald: float | None
    evaluaties: tuple[tuple[float, float], ...]

    @property
    def gevonden(self) -> bool:
        return self.fte is not None


def fte_zoeken(
    invoer: Simulatieinvoer,
    *,
    team: Literal["vb", "vervolg"] = "vb",
    doel: float = 0.9,
    replicaties: int,
    seed: int,
    tolerantie: float = 0.1,
    max_fte: float = 1000.0,
    voortgang: Voortgang | None = None,
) -> Fteadvies:
    """How many fte does ``team`` need for a mean on-time share of at least ``doel``?

    Bisection over fte with a fixed seed set (common random numbers, so every evaluation sees
    the same meldingen). First a bracket: start at the workload in fte (utilisation 100%), step
    down by 20% while that already reaches the goal, up by 25% until it does (at most
    ``max_fte``); then halve the bracket until it is narrower than ``tolerantie``.
    For ``team="vb"`` the follow-up team is not simulated (it does not affect the VB).
    """
    if not 0 < doel <= 1:
        raise SimulatieFout({"doel": "Het doel ligt tussen 0 en 1 (0,9 is 90%)."})
    if tolerantie <= 0:
        raise SimulatieFout({"tolerantie": "De nauwkeurigheid moet groter dan 0 zijn."})
    if team == "vb":
        basis = replace(invoer, vervolg_simuleren=False)
        werk = invoer.urennorm_vb + invoer.fractie_overdracht_vb * invoer.urennorm_overdracht_vb
        vervolg_aandeel = 0.0
    else:
        basis = invoer
        vervolg_aandeel = invoer.fractie_vv + invoer.fractie_onderzoek
        werk = (
            invoer.fractie_vv * invoer.urennorm_vv
            + invoer.fractie_onderzoek * invoer.urennorm_onderzoek
            + vervolg_aandeel * invoer.urennorm_overdracht_bemoeienis
        )
    last_fte = invoer.meldingen_per_jaar * werk / invoer.productieve_uren_per_fte
    verwacht_evaluaties = 4 + math.ceil(math.log2(max(last_fte, 1.0) / tolerantie))
    evaluaties: list[tuple[float, float]] = []
    gedaan = [0]

    def tik(_k: int, _n: int) -> None:
        gedaan[0] += 1
        if voortgang is not None:
            totaal = max(verwacht_evaluaties * replicaties, gedaan[0] + 1)
            voortgang(gedaan[0], totaal)

    def behaald(fte: float) -> float:
        proef = replace(basis, fte_vb=fte) if team == "vb" else replace(basis, fte_vervolg=fte)
        uitkomst = simuleer(proef, replicaties=replicaties, seed=seed, voortgang=tik)
        waarde = uitkomst.vb_tijdig.gemiddelde if team == "vb" else _vervolg_gemiddeld(uitkomst)
        evaluaties.append((round(fte, 3), waarde))
        return waarde

    laag = max(last_fte, tolerantie)
    if behaald(laag) >= doel:
        hoog = laag
        while laag > tolerantie:
            laag = max(laag * 0.8, tolerantie / 2)
            if behaald(laag) < doel:
                break
            hoog = laag
        else:
            return _advies(team, doel, hoog, evaluaties, voortgang)
    else:
        hoog = laag * 1.25
        while behaald(hoog) < doel:
            laag = hoog
            if hoog >= max_fte:
                return Fteadvies(team, doel, None, None, tuple(evaluaties))
            hoog = min(hoog * 1.25, max_fte)
    while hoog - laag > tolerantie:
        midden = (laag + hoog) / 2
        if behaald(midden) >= doel:
            hoog = midden
        else:
            laag = midden
    return _advies(team, doel, hoog, evaluaties, voortgang)


def _vervolg_gemiddeld(uitkomst: Simulatieresultaat) -> float:
    return float(np.mean([r.aandeel_vervolg_tijdig for r in uitkomst.per_replicatie]))


def _advies(
    team: str,
    doel: float,
    fte: float,
    evaluaties: list[tuple[float, float]],
    voortgang: Voortgang | None,
) -> Fteadvies:
    gehaald = max((w for f, w in evaluaties if f == round(fte, 3)), default=None)
    if voortgang is not None:
        voortgang(1, 1)
    return Fteadvies(team, doel, round(fte, 3), gehaald, tuple(evaluaties))


# --- from the budget model to simulation input ---------------------------------------------


def team_fte_uit_begroting(begroting: Begroting) -> tuple[float, float]:
    """The fte the budget plans for the two simulated teams: the hours of melding and
    veiligheidsbeoordeling plus overdracht na VB, and of V&V, onderzoek and overdracht na
    bemoeienis, each divided by the productive hours per fte (utilisation exactly 100%)."""
    vb = (
        begroting.regel(Dienst.MELDING_EN_VEILIGHEIDSBEOORDELING).fte
        + begroting.regel(Dienst.OVERDRACHT_NA_VEILIGHEIDSBEOORDELING).fte
    )
    vervolg = (
        begroting.regel(Dienst.VOORWAARDEN_EN_VERVOLG).fte
        + begroting.regel(Dienst.ONDERZOEK).fte
        + begroting.regel(Dienst.OVERDRACHT_NA_BEMOEIENIS).fte
    )
    return float(vb), float(vervolg)


def invoer_uit_plan(
    parameters: Planparameters,
    begroting: Begroting,
    *,
    jaar: int,
    kalender: AtwCalendar,
    fte_vb: float | None = None,
    fte_vervolg: float | None = None,
    aandeel_acuut: float | None = None,
    cv: float | None = None,
) -> Simulatieinvoer:
    """Simulation input for a year's plan: arrivals at the planned meldingen, work from the hour
    norms, flow from the fractions; team fte from the plan unless given."""
    plan_vb, plan_vervolg = team_fte_uit_begroting(begroting)
    meldingen = begroting.regel(Dienst.MELDING_EN_VEILIGHEIDSBEOORDELING).volume
    normen = parameters.urennormen
    sim = parameters.simulatie
    return Simulatieinvoer(
        jaar=jaar,
        kalender=kalender,
        meldingen_per_jaar=float(meldingen),
        fte_vb=plan_vb if fte_vb is None else fte_vb,
        fte_vervolg=plan_vervolg if fte_vervolg is None else fte_vervolg,
        productieve_uren_per_fte=float(begroting.productieve_uren_per_fte),
        urennorm_vb=float(normen[Dienst.MELDING_EN_VEILIGHEIDSBEOORDELING]),
        urennorm_overdracht_vb=float(normen[Dienst.OVERDRACHT_NA_VEILIGHEIDSBEOORDELING]),
        urennorm_vv=float(normen[Dienst.VOORWAARDEN_EN_VERVOLG]),
        urennorm_onderzoek=float(normen[Dienst.ONDERZOEK]),
        urennorm_overdracht_bemoeienis=float(normen[Dienst.OVERDRACHT_NA_BEMOEIENIS]),
        fractie_overdracht_vb=float(
            parameters.fracties[Dienst.OVERDRACHT_NA_VEILIGHEIDSBEOORDELING]
        ),
        fractie_vv=float(parameters.fracties[Dienst.VOORWAARDEN_EN_VERVOLG]),
        fractie_onderzoek=float(parameters.fracties[Dienst.ONDERZOEK]),
        aandeel_acuut=float(sim.aandeel_acuut) if aandeel_acuut is None else aandeel_acuut,
        cv=float(sim.cv_werk) if cv is None else cv,
        weekpatroon=tuple(float(w) for w in sim.weekpatroon),
        doorlooptijd_vervolg_werkdagen=float(sim.doorlooptijd_vervolg_werkdagen),
    )
