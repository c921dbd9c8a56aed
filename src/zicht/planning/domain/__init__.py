"""Pure domain of ``planning``: the budget model, realisation arithmetic, the waiting-list
simulation, Erlang C and the risk signal rules.

No Django in here (an import-linter contract guards this); the calendar, the clock and every
parameter are arguments. Modules:

* :mod:`.begrippen` — Dienst, Scenario, Bronstatus
* :mod:`.parameters` — the parameter catalogue, checks, :class:`Planparameters`
* :mod:`.brondocument` — the reference JSON document as parameter rows
* :mod:`.begroting` — volumes → hours → fte → costs; published | model | difference
* :mod:`.realisatie` — plan prorated to a month; year-end forecast
* :mod:`.simulatie` — SimPy discrete-event simulation, fte search
* :mod:`.wachtrij` — Erlang B/C for M/M/c
* :mod:`.signalen` — traffic lights for the risk register
"""

from zicht.planning.domain.begrippen import Bronstatus, Dienst, Scenario
from zicht.planning.domain.begroting import (
    Begroting,
    Vergelijkingsregel,
    begroting_bereken,
    vergelijking_gepubliceerd,
    volumes_scenario,
)
from zicht.planning.domain.parameters import ParameterFout, Planparameters, planparameters_maken

__all__ = [
    "Begroting",
    "Bronstatus",
    "Dienst",
    "ParameterFout",
    "Planparameters",
    "Scenario",
    "Vergelijkingsregel",
    "begroting_bereken",
    "planparameters_maken",
    "vergelijking_gepubliceerd",
    "volumes_scenario",
]
