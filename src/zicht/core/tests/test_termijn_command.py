"""``zicht termijn``: the end date of a term, with the Atw calendar from the database."""

from __future__ import annotations

from datetime import date
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from zicht.core.models import GelijkgesteldeDag
from zicht.core.selectors import calendar_invalidate

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_calendar():
    calendar_invalidate()
    yield
    calendar_invalidate()


def termijn(*args: str, verbosity: int = 1) -> str:
    out = StringIO()
    call_command("termijn", *args, stdout=out, stderr=StringIO(), verbosity=verbosity)
    return out.getvalue()


@pytest.mark.parametrize(
    ("args", "uitvoer"),
    [
        # do 30-04-2026 + 5 werkdagen → 5 mei, 4 mei not equated → vr 08-05-2026
        (["--van", "2026-04-30", "--werkdagen", "5"], "2026-05-08"),
        # do 02-04-2026 + 5 werkdagen → Goede Vrijdag, 2e Paasdag → ma 13-04-2026
        (["--van", "2026-04-02", "--werkdagen", "5"], "2026-04-13"),
        # wo 13-05-2026 + 5 werkdagen → Hemelvaart, gelijkgesteld vr 15-05 (from the DB) → vr 22-05
        (["--van", "2026-05-13", "--werkdagen", "5"], "2026-05-22"),
        # ma 16-02-2026 + 10 weken → ma 27-04 Koningsdag → di 28-04-2026
        (["--van", "2026-02-16", "--weken", "10"], "2026-04-28"),
        # do 30-04-2026 + 5 dagen → di 05-05 5 mei → wo 06-05-2026
        (["--van", "2026-04-30", "--dagen", "5"], "2026-05-06"),
        # the versioned VB term: the same as 5 werkdagen
        (["--van", "2026-04-30", "--code", "vb_besluit"], "2026-05-08"),
        # huisverbod vr 17-04-2026 + 10 dagen → ma 27-04-2026 Koningsdag, a fixed date
        (["--van", "2026-04-17", "--code", "huisverbod"], "2026-04-27"),
        # a time on --van is ignored by a date term
        (["--van", "2026-04-30T09:30", "--code", "onderzoek_afronding"], "2026-07-09"),
        # acuut do 30-04-2026 12:00 (Amsterdam) + 24 uur
        (["--van", "2026-04-30T12:00", "--code", "acuut"], "2026-05-01T12:00:00+02:00"),
        (["--van=2026-04-30 12:00+00:00", "--code=acuut"], "2026-05-01T14:00:00+02:00"),
    ],
)
def test_termijn_prints_the_end_date(args, uitvoer):
    assert termijn(*args) == uitvoer + "\n"


def test_termijn_uses_the_equated_days_in_the_database():
    # without the decree of 15-05-2026, that Friday is a working day again
    GelijkgesteldeDag.objects.filter(datum=date(2026, 5, 15)).delete()
    calendar_invalidate()
    assert termijn("--van", "2026-05-13", "--werkdagen", "5") == "2026-05-21\n"


def test_termijn_explains_at_higher_verbosity():
    err = StringIO()
    out = StringIO()
    call_command(
        "termijn",
        "--van",
        "2026-04-30",
        "--code",
        "vb_besluit",
        stdout=out,
        stderr=err,
        verbosity=2,
    )
    assert out.getvalue() == "2026-05-08\n"
    assert "Besluit veiligheidsbeoordeling (5 werkdagen) vanaf 30-04-2026" in err.getvalue()


@pytest.mark.parametrize(
    ("args", "fout"),
    [
        (["--werkdagen", "5"], "Geef de begindatum op met --van JJJJ-MM-DD."),
        (["--van", "30-04-2026", "--werkdagen", "5"], "Ongeldige begindatum ‘30-04-2026’."),
        (["--van", "2026-02-30", "--werkdagen", "5"], "Ongeldige begindatum ‘2026-02-30’."),
        (
            ["--van", "2026-04-30"],
            "Geef precies één van --werkdagen, --weken, --dagen of --code op.",
        ),
        (
            ["--van", "2026-04-30", "--werkdagen", "5", "--weken", "2"],
            "Geef precies één van --werkdagen, --weken, --dagen of --code op.",
        ),
        (
            ["--van", "2026-04-30", "--werkdagen", "0"],
            "--werkdagen moet een geheel getal van minstens 1 zijn, niet ‘0’.",
        ),
        (
            ["--van", "2026-04-30", "--weken", "-2"],
            "--weken moet een geheel getal van minstens 1 zijn, niet ‘-2’.",
        ),
        (
            ["--van", "2026-04-30", "--dagen", "vijf"],
            "--dagen moet een geheel getal van minstens 1 zijn, niet ‘vijf’.",
        ),
        (
            ["--van", "2026-04-30", "--code", "onbekend"],
            "Er is geen termijn ‘onbekend’ geldig op 30-04-2026. "
            "Bekende codes: acuut, bewaartermijn,",
        ),
        (
            ["--van", "2018-04-30", "--code", "vb_besluit"],
            "Er is geen termijn ‘vb_besluit’ geldig op 30-04-2018.",
        ),
        (
            ["--van", "2026-04-30", "--code", "acuut"],
            "Termijn ‘acuut’ telt in uren: geef ook een tijdstip, "
            "bijvoorbeeld --van 2026-04-30T12:00.",
        ),
        (
            ["--van", "1975-04-30", "--werkdagen", "5"],
            "De Atw-kalender kent de feestdagen vanaf 1980",
        ),
    ],
)
def test_invalid_input_gives_a_dutch_error(args, fout):
    with pytest.raises(CommandError) as error:
        termijn(*args)
    assert str(error.value).startswith(fout)
