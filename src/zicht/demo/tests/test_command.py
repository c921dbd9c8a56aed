"""``zicht demo-data``: options are checked with a Dutch message before anything is written."""

from __future__ import annotations

from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from zicht.accounts.models import User
from zicht.casework.models import Casus
from zicht.intake.models import Melding

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("argumenten", "melding"),
    [
        (["--vanaf", "2025-06-01", "--tot", "2025-01-01"], "--vanaf ligt na --tot"),
        (["--schaal", "0"], "--schaal moet groter dan 0 zijn"),
        (["--schaal", "-0.5"], "--schaal moet groter dan 0 zijn"),
        (["--schaal", "nan"], "--schaal moet groter dan 0 zijn"),
        (["--schaal", "1000"], "--schaal is hoogstens 100"),
        (["--vanaf", "1-1-2025"], "Ongeldige datum '1-1-2025': gebruik JJJJ-MM-DD"),
        (["--vanaf", "1999-12-31", "--tot", "2000-06-01"], "mag niet vóór 01-01-2000 liggen"),
        (["--seed", "123456789"], "--seed moet tussen 0 en 99999999 liggen"),
    ],
)
def test_invalid_options_give_a_dutch_error_and_write_nothing(argumenten, melding):
    with pytest.raises(CommandError, match=melding):
        call_command("demo-data", *argumenten, stdout=StringIO())
    assert not User.objects.exists()
    assert not Casus.objects.exists()


def test_a_window_ending_in_the_future_is_refused():
    morgen = timezone.localdate() + timedelta(days=1)
    with pytest.raises(CommandError, match="--tot ligt in de toekomst"):
        call_command("demo-data", "--tot", morgen.isoformat(), stdout=StringIO())


def test_the_command_loads_a_small_window_and_prints_a_summary():
    out = StringIO()
    call_command(
        "demo-data",
        "--seed",
        "3",
        "--vanaf",
        "2025-01-01",
        "--tot",
        "2025-06-30",
        "--schaal",
        "0.02",
        stdout=out,
    )
    tekst = out.getvalue()
    assert "Huishoudens:" in tekst
    assert "Demodata geladen (01-01-2025 t/m 30-06-2025, seed 3, schaal 0.02)" in tekst
    # 28.5% of the meldingen are vervolgmeldingen on an open casus; the rest open a casus.
    assert Casus.objects.count() == round(4430 * (1 - 0.285) * 0.02 * 181 / 365.25)
    assert Melding.objects.count() == round(4430 * 0.02 * 181 / 365.25)
    assert "Meldingen:" in tekst
    assert "Adviezen:" in tekst
