"""``zicht begroting`` and ``zicht simuleer``: the tables, the sensitivity runs, the refusals."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

pytestmark = pytest.mark.django_db


def run(*args: str) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command(*args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def _regel(uitvoer: str, begin: str) -> list[str]:
    for regel in uitvoer.splitlines():
        cellen = [c.strip() for c in regel.strip("│┃ ").split("│")]
        if cellen and cellen[0] == begin:
            return cellen
    raise AssertionError(f"geen regel ‘{begin}’ in:\n{uitvoer}")


def test_begroting_2019_midden_prints_published_model_difference(referentiedata):
    uit, _ = run("begroting", "--jaar", "2019", "--scenario", "midden")
    assert "Gepubliceerd | model | verschil (2019)" in uit
    assert _regel(uit, "Fte uitvoering") == ["Fte uitvoering", "80,1", "80,1", "0,0", "✓"]
    assert _regel(uit, "Begroting structureel (€ mln)")[1:4] == ["8,2", "8,2", "0,0"]
    assert _regel(uit, "Eenmalig risico- en ontwikkelruimte (€ mln)")[1:4] == ["1,3", "1,3", "0,0"]
    assert _regel(uit, "Volume voorwaarden en vervolg")[1:3] == ["1.016", "1.016"]
    assert "wijkt af" not in uit
    assert "Gevoeligheid" not in uit


def test_scenario_hoog_shows_sensitivity(referentiedata):
    uit, _ = run("begroting", "--jaar", "2019", "--scenario", "hoog")
    assert "Gevoeligheid" in uit
    assert _regel(uit, "Fte uitvoering") == ["Fte uitvoering", "80,1", "82,1", "+2,0", "wijkt af"]
    assert _regel(uit, "Volume melding en veiligheidsbeoordeling")[1:4] == [
        "4.430",
        "4.536",
        "+106",
    ]


def test_productive_hours_sensitivity(referentiedata):
    uit, _ = run("begroting", "--jaar", "2019", "--productieve-uren", "1300")
    assert _regel(uit, "Fte uitvoering")[1:4] == ["80,1", "86,3", "+6,2"]
    assert "Productieve uren per fte: 1.300" in uit


FOUTEN = [
    # (arguments, message)
    (["--jaar", "2031"], "geen planningsparameters voor 2031"),  # a year without parameters
    (["--jaar", "2019", "--scenario", "extreem"], "Onbekend scenario"),  # no such scenario
    (["--jaar", "2019", "--productieve-uren", "0"], "groter dan 0"),  # 0 productive hours
    (["--jaar", "2019", "--productieve-uren", "veel"], "moet een getal zijn"),  # not a number
    (["--jaar", "twintig"], "geheel getal"),  # not a year
    ([], "Geef het jaar op"),  # no year
    (["--jaar", "2019", "--versie", "7"], "Versie 7"),  # no such version
]


@pytest.mark.parametrize(("argumenten", "bericht"), FOUTEN)
def test_begroting_refuses_with_a_dutch_message(referentiedata, argumenten, bericht):
    with pytest.raises(CommandError, match=bericht):
        run("begroting", *argumenten)


def test_simuleer_prints_the_outcome(referentiedata):
    uit, err = run("simuleer", "--jaar", "2019", "--replicaties", "2", "--seed", "5")
    assert "Wachtlijstprognose 2019 — scenario midden — 2 replicaties, seed 5" in uit
    assert "Besluit binnen 5 werkdagen" in uit
    assert "21,77 fte veiligheidsbeoordeling (plan 21,77)" in uit
    assert "gesimuleerde meldingen per" in uit
    assert "replicaties" in err  # the progress bar goes to stderr


def test_simuleer_with_staff_and_search(referentiedata, monkeypatch):
    from zicht.planning.domain.simulatie import Fteadvies
    from zicht.planning.management.commands import simuleer as module

    # The search itself is tested in the domain and in the background job; here its output.
    monkeypatch.setattr(
        module, "fte_zoeken", lambda *a, **k: Fteadvies("vb", 0.9, 22.3, 0.905, ((22.3, 0.905),))
    )
    uit, _ = run(
        "simuleer", "--jaar", "2019", "--replicaties", "1", "--seed", "1",
        "--fte-vb", "30", "--fte-vervolg", "40", "--zoek-fte",
    )  # fmt: skip
    assert "30,00 fte veiligheidsbeoordeling" in uit
    assert "Benodigde fte veiligheidsbeoordeling voor 90,0% binnen 5 werkdagen: 22,3" in uit


SIMULEER_FOUTEN = [
    # (arguments, message)
    (["--replicaties", "1000000"], "te veel"),  # 10⁶ replications refused
    (["--replicaties", "0"], "minstens 1"),  # nothing to run
    (["--fte-vb", "0"], "zonder formatie"),  # a team of 0 fte
    (["--seed", "-1"], "startgetal"),  # negative seed
    (["--scenario", "zwart"], "Onbekend scenario"),  # no such scenario
    (["--aandeel-acuut", "3"], "aandeel acute"),  # 300% acute
]


@pytest.mark.parametrize(("argumenten", "bericht"), SIMULEER_FOUTEN)
def test_simuleer_refuses(referentiedata, argumenten, bericht):
    with pytest.raises(CommandError, match=bericht):
        run("simuleer", "--jaar", "2019", *argumenten)


def test_simuleer_caps_with_a_warning(referentiedata, monkeypatch):
    from zicht.planning.management.commands import simuleer as module

    gezien = {}

    def nep(invoer, *, replicaties, seed, voortgang=None):
        gezien["replicaties"] = replicaties
        raise CommandError("gestopt")

    monkeypatch.setattr(module, "simuleer", nep)
    err = StringIO()
    with pytest.raises(CommandError, match="gestopt"):
        call_command("simuleer", "--jaar", "2019", "--replicaties", "5000", stderr=err)
    assert gezien["replicaties"] == 1000
    assert "begrensd op 1.000" in err.getvalue()
