"""What every step of the demo generator shares: the options, the random sources, the reference
data and the plans of earlier steps.

A step reads what it needs from :class:`DemoContext` and adds what later steps need (the
households add :attr:`DemoContext.casussen`; a later meldingen step reads them). Each step draws
from its own random stream (:meth:`DemoContext.rng`), derived from the seed and the step's name,
so adding a step never changes what the steps before it generate.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone
from faker import Faker

from zicht.core.domain.calendar import AtwCalendar
from zicht.core.selectors import calendar_current
from zicht.people.models import Gemeente

if TYPE_CHECKING:
    from zicht.accounts.models import Team, User

__all__ = [
    "EERSTE_DAG",
    "MAX_SCHAAL",
    "MAX_SEED",
    "CasusPlan",
    "DemoContext",
    "DemoOptieFout",
    "DemoOptions",
    "LidPlan",
]

#: Demo data never starts before this day (the term definitions start in 2019; earlier data
#: would need birth years the date rules refuse).
EERSTE_DAG = date(2000, 1, 1)
#: The audit log refuses runs of nine digits, and the seed is recorded there.
MAX_SEED = 99_999_999
#: Beyond this the generator is the wrong tool (bench/build_fixture.py loads millions).
MAX_SCHAAL = 100.0


class DemoOptieFout(ValueError):
    """Invalid options for the generator; the message is Dutch and meant for the user."""


@dataclass(frozen=True)
class DemoOptions:
    seed: int
    vanaf: date
    tot: date
    schaal: float

    @classmethod
    def create(
        cls,
        *,
        seed: int,
        vanaf: date | None,
        tot: date | None,
        schaal: float,
        vandaag: date | None = None,
    ) -> DemoOptions:
        """Default window: the last two full years up to today (DESIGN: demo window)."""
        today = vandaag or timezone.localdate()
        tot = tot or today
        vanaf = vanaf or date(today.year - 2, 1, 1)
        if not 0 <= seed <= MAX_SEED:
            raise DemoOptieFout(f"--seed moet tussen 0 en {MAX_SEED} liggen.")
        if not (math.isfinite(schaal) and schaal > 0):
            raise DemoOptieFout("--schaal moet groter dan 0 zijn.")
        if schaal > MAX_SCHAAL:
            raise DemoOptieFout(
                f"--schaal is hoogstens {MAX_SCHAAL:g}; voor grotere aantallen is er "
                "bench/build_fixture.py."
            )
        if vanaf > tot:
            raise DemoOptieFout("--vanaf ligt na --tot.")
        if vanaf < EERSTE_DAG:
            raise DemoOptieFout(f"--vanaf mag niet vóór {EERSTE_DAG:%d-%m-%Y} liggen.")
        if tot > today:
            raise DemoOptieFout("--tot ligt in de toekomst; demodata lopen tot en met vandaag.")
        return cls(seed=seed, vanaf=vanaf, tot=tot, schaal=schaal)


@dataclass(slots=True)
class LidPlan:
    """A person of a household as the generator planned it (ids are the rows' primary keys)."""

    persoon_id: int
    sleutel: str  # "moeder", "vader", "kind1", "ex", ... (the household's own words)
    voornaam: str
    geslacht: str
    rollen: list[str]
    geboren: date | None
    ongeboren: bool = False


@dataclass(slots=True)
class CasusPlan:
    """A casus and its course as planned; later steps (meldingen, assessments, diensten) follow
    the same course. Dates after :attr:`DemoContext.eind` have not happened yet."""

    casus_id: int
    nummer: str
    team_id: int
    gemeente_code: str
    soort: str  # kind of household (households.SOORTEN)
    geopend_op: datetime
    #: Where the flow goes after the veiligheidsbeoordeling (volumes.UITKOMSTEN).
    uitkomst: str
    vb_besluit_op: date
    vervolg_eind_op: date | None
    monitoring_eind_op: date | None
    gesloten_op: datetime | None  # None: still open at the end of the window
    leden: list[LidPlan] = field(default_factory=list)
    #: The medewerker assigned to the follow-up (set by the toewijzingen step), if any.
    medewerker_id: int | None = None
    #: Who assessed the melding (set by the toewijzingen step), if assigned.
    beoordelaar_id: int | None = None

    def fase(self, op: date) -> str:
        """The phase on ``op``: veiligheidsbeoordeling, overdracht, vervolg, monitoren, gesloten."""
        if self.gesloten_op is not None and self.gesloten_op.date() <= op:
            return "gesloten"
        if op < self.vb_besluit_op:
            return "veiligheidsbeoordeling"
        if self.vervolg_eind_op is None:
            return "overdracht"
        if op <= self.vervolg_eind_op:
            return "vervolg"
        return "monitoren"


@dataclass
class DemoContext:
    options: DemoOptions
    tz: ZoneInfo
    #: The day the generator counts as today (the end of the window).
    peildatum: date
    #: Nothing happens at or after this moment: the start of the day after the window, or the
    #: start of today when the window runs up to today (so no event lies in the future).
    eind: datetime
    kalender: AtwCalendar
    gemeenten: list[Gemeente]
    faker: Faker
    teams: dict[str, Team] = field(default_factory=dict)
    users: dict[str, User] = field(default_factory=dict)
    #: Active users holding a permission (by codename), in username order.
    met_recht: dict[str, list[User]] = field(default_factory=dict)
    #: Active members of each team (by team id), in username order.
    leden_van_team: dict[int, list[User]] = field(default_factory=dict)
    casussen: list[CasusPlan] = field(default_factory=list)
    bsn_gezien: set[str] = field(default_factory=set)
    #: Rows written, by kind (whole numbers: they go into the audit event).
    tellingen: dict[str, int] = field(default_factory=dict)

    @classmethod
    def create(cls, options: DemoOptions, *, vandaag: date | None = None) -> DemoContext:
        tz = ZoneInfo(settings.TIME_ZONE)
        today = vandaag or timezone.localdate()
        einddag = min(options.tot + timedelta(days=1), today)
        faker = Faker("nl_NL")
        faker.seed_instance(options.seed)
        return cls(
            options=options,
            tz=tz,
            peildatum=options.tot,
            eind=datetime.combine(einddag, time(0, 0), tzinfo=tz),
            kalender=calendar_current(),
            gemeenten=list(Gemeente.objects.order_by("cbs_code")),
            faker=faker,
        )

    def faker_voor(self, stap: str) -> Faker:
        """The shared Faker, reseeded for step ``stap`` (like :meth:`rng`)."""
        self.faker.seed_instance(f"zicht-demo:{self.options.seed}:{stap}")
        return self.faker

    def rng(self, stap: str) -> random.Random:
        """The random stream of step ``stap``: the same for the same seed, whatever else runs."""
        # Not for security: a reproducible stream for synthetic data.
        return random.Random(f"zicht-demo:{self.options.seed}:{stap}")  # noqa: S311

    @property
    def laatste_dag(self) -> date:
        """The last day on which something can happen."""
        return self.eind.date() - timedelta(days=1)

    def moment(self, dag: date, uur: int, minuut: int = 0) -> datetime:
        return datetime.combine(dag, time(uur, minuut), tzinfo=self.tz)

    def tel(self, soort: str, n: int) -> None:
        self.tellingen[soort] = self.tellingen.get(soort, 0) + n
