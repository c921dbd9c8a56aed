"""A front-door medewerker registers a melding in Chromium with the keyboard only (Tab, typing,
Space, arrows, Enter; no mouse): adds a person without JavaScript round trips losing input,
finds an earlier involvement, corrects a validation error without retyping the rest, saves.
Every page passes axe (WCAG 2.1 AA)."""

from __future__ import annotations

import re

import pytest
from django.conf import settings
from django.test import Client

from zicht.casework.tests.factories import BetrokkeneFactory, CasusFactory
from zicht.conftest import login_verified
from zicht.intake.models import Melding
from zicht.intake.tests.conftest import VOORDEUR
from zicht.people.tests.factories import PersoonFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

MAX_TABS = 400


def tab_naar(page, voorwaarde: str) -> None:
    """Presses Tab until the focused element ``e`` meets the JavaScript ``voorwaarde``."""
    for _ in range(MAX_TABS):
        page.keyboard.press("Tab")
        if page.evaluate(f"(() => {{ const e = document.activeElement; return {voorwaarde}; }})()"):
            return
    raise AssertionError(f"Geen element met {voorwaarde} bereikt met Tab.")


def naar_veld(page, veld_id: str) -> None:
    tab_naar(page, f"e.id === {veld_id!r}")


def naar_knop(page, tekst: str) -> None:
    tab_naar(page, f"e.textContent.trim() === {tekst!r}")


def typ(page, veld_id: str, tekst: str) -> None:
    naar_veld(page, veld_id)
    page.keyboard.type(tekst)


def test_melding_by_keyboard_only(a11y_page, make_user, live_server, referentiedata):
    # Given a medewerker of the front door, and Anna, known in an open casus of the VB team
    from zicht.casework.tests.factories import TeamFactory

    vb_team = TeamFactory(naam="Veiligheidsbeoordeling")
    voordeur = TeamFactory(naam="Voordeur")
    user = make_user("voordeur", perms=VOORDEUR, teams=[voordeur], first_name="Fatima")
    anna = PersoonFactory(bsn="111222333", voornamen="Anna", achternaam="Jansen")
    casus = CasusFactory(team=vb_team)
    BetrokkeneFactory(casus=casus, persoon=anna, rol="slachtoffer")

    client = login_verified(Client(), user)
    page = a11y_page.page
    page.context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            }
        ]
    )

    # The front door
    page.goto("/intake/")
    a11y_page.check()
    naar_knop(page, "Nieuwe melding")
    page.keyboard.press("Enter")
    page.wait_for_url("**/intake/melding/nieuw/")
    a11y_page.check()

    # Receipt and melder
    naar_veld(page, "id_kanaal")
    page.keyboard.type("telefoon")
    assert page.input_value("#id_kanaal") == "telefoon"
    naar_veld(page, "id_hoedanigheid")
    page.keyboard.type("02")
    assert page.input_value("#id_hoedanigheid") == "02"
    typ(page, "id_naam", "Dr. P. Bakker")
    typ(page, "id_organisatie", "Huisartsenpraktijk De Linde")
    typ(page, "id_telefoon", "072-5110000")

    # Person 1: the BSN of someone known
    naar_veld(page, "id_personen-0-rol")
    page.keyboard.type("slachtoffer")
    assert page.input_value("#id_personen-0-rol") == "slachtoffer"
    typ(page, "id_personen-0-bsn", "111222333")
    typ(page, "id_personen-0-achternaam", "Jansen")

    # Add a second person: a plain form round trip keeps what was typed
    naar_knop(page, "Persoon toevoegen")
    page.keyboard.press("Enter")
    page.wait_for_selector("#id_personen-1-rol")
    a11y_page.check()
    assert page.input_value("#id_naam") == "Dr. P. Bakker"
    assert page.input_value("#id_personen-0-bsn") == "111222333"

    # Person 2: a child with a birth date that does not exist (31 February)
    naar_veld(page, "id_personen-1-rol")
    page.keyboard.type("kind")
    typ(page, "id_personen-1-voornamen", "Tim")
    typ(page, "id_personen-1-achternaam", "Jansen")
    typ(page, "id_personen-1-geboortedatum_dag", "31")
    typ(page, "id_personen-1-geboortedatum_maand", "2")
    typ(page, "id_personen-1-geboortedatum_jaar", "2018")
    naar_veld(page, "id_personen-1-relatie")
    page.keyboard.type("is kind")
    naar_veld(page, "id_personen-1-relatie_met")
    page.keyboard.type("persoon 1")
    assert page.input_value("#id_personen-1-relatie_met") == "1"

    # Look up earlier involvement: Anna is found; choose her with the arrow keys
    naar_knop(page, "Zoek eerdere betrokkenheid")
    page.keyboard.press("Enter")
    page.wait_for_selector("#kandidaat-1-1")
    a11y_page.check()
    assert "A. Jansen (" in page.inner_text("#kandidaten-1")
    assert casus.nummer in page.inner_text("#kandidaten-1")
    naar_veld(page, "kandidaat-1-0")
    page.keyboard.press("ArrowDown")
    assert page.is_checked("#kandidaat-1-1")

    # Codes and the signals
    naar_veld(page, "id_aanleidingen_0")
    page.keyboard.press("Space")
    naar_veld(page, "id_aarden_0")
    page.keyboard.press("Space")
    naar_veld(page, "id_aarden_7")  # 08 getuige van geweld in gezin
    page.keyboard.press("Space")
    typ(page, "id_signalen", "Moeder had blauwe plekken; de zoon zag het gebeuren.")

    # Save: the impossible date is reported at the field, everything else stays
    naar_knop(page, "Melding opslaan")
    page.keyboard.press("Enter")
    page.wait_for_selector(".error-summary")
    a11y_page.check()
    assert "Februari 2018 heeft geen dag 31." in page.inner_text(".error-summary")
    assert page.input_value("#id_signalen").startswith("Moeder had blauwe plekken")
    assert page.is_checked("#kandidaat-1-1")
    assert page.is_checked("#id_aarden_7")
    assert page.input_value("#id_personen-1-voornamen") == "Tim"

    # Correct only the day, then save
    naar_veld(page, "id_personen-1-geboortedatum_dag")
    page.keyboard.press("Control+A")
    page.keyboard.type("28")
    naar_knop(page, "Melding opslaan")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r".*/intake/melding/\d+/$"))
    a11y_page.check()

    # Then the melding joined Anna's open casus, with a VB deadline
    melding = Melding.objects.get()
    assert melding.casus == casus
    assert melding.soort_cbs == "vervolg_tijdens_vb"
    tekst = page.inner_text("main")
    assert f"Melding {melding.nummer}" in tekst
    assert "vervolgmelding tijdens veiligheidsbeoordeling" in tekst
    assert "Besluit veiligheidsbeoordeling" in tekst
