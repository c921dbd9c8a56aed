"""Review fixes on the work pages: days left are working days (Atw calendar) everywhere, as on
the dienst pages; month stepping uses ``core.domain.terms.add_months``; a concurrent edit of a
voorlichting is recognised by its error type, not by its wording."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.urls import reverse

from zicht.core.domain.calendar import AtwCalendar
from zicht.core.domain.terms import add_months
from zicht.diensten import inhoud_selectors, selectors_werk
from zicht.diensten import werk_services as svc
from zicht.diensten.models import Dienst
from zicht.diensten.models_werk import Voorlichting
from zicht.diensten.tests.werk.bouw import diensten_bouwen

pytestmark = pytest.mark.django_db

# Friday 13 March 2026, 11:00 in Amsterdam.
NU = datetime(2026, 3, 13, 10, 0, tzinfo=UTC)
VANDAAG = date(2026, 3, 13)


@pytest.fixture(autouse=True)
def _klok():
    with time_machine.travel(NU, tick=False):
        yield


@pytest.mark.parametrize(
    ("deadline", "op", "werkdagen"),
    [
        (date(2026, 3, 16), date(2026, 3, 13), 1),  # vr → ma: 3 kalenderdagen, 1 werkdag
        (date(2026, 3, 13), date(2026, 3, 13), 0),  # op de dag zelf: 0
        (date(2026, 3, 6), date(2026, 3, 13), -5),  # vr 6 → vr 13: 5 werkdagen te laat
        (date(2026, 4, 7), date(2026, 4, 3), 1),  # vr 3-4 → di 7-4: 2e Paasdag telt niet
        (None, date(2026, 3, 13), None),  # geen termijn
    ],
)
def test_werkdagen_resterend_counts_atw_working_days(deadline, op, werkdagen):
    assert inhoud_selectors.werkdagen_resterend(deadline, op, AtwCalendar()) == werkdagen


def _twee_diensten(team, gebruiker, behandelaar):
    """One dienst due Monday 16 March (1 working day, 3 calendar days away) and one due
    Friday 6 March (5 working days, 7 calendar days overdue)."""
    (maandag,) = diensten_bouwen(
        team=team, n=1, gebruiker=gebruiker, behandelaar=behandelaar, termijn_dagen=14
    )
    (vorige_vrijdag,) = diensten_bouwen(
        team=team, n=1, gebruiker=gebruiker, behandelaar=behandelaar, termijn_dagen=4
    )
    assert (maandag.deadline, vorige_vrijdag.deadline) == (date(2026, 3, 16), date(2026, 3, 6))
    return maandag, vorige_vrijdag


def test_mijn_werk_shows_working_days_like_the_dienst_page(verified_client, cm, team):
    maandag, vorige_vrijdag = _twee_diensten(team, cm, cm)
    werk = selectors_werk.mijn_werk(cm, op=VANDAAG)
    per_pk = {i.pk: i for i in werk.items}
    assert per_pk[maandag.pk].werkdagen_resterend == 1
    assert per_pk[vorige_vrijdag.pk].werkdagen_te_laat == 5
    # The same count as the dienst page's clock and the dienst list.
    detail = inhoud_selectors.dienst_detail(cm, maandag.pk, op=VANDAAG)
    assert detail.klok is not None
    assert detail.klok.werkdagen_resterend == per_pk[maandag.pk].werkdagen_resterend
    _page, regels = inhoud_selectors.diensten_lijst(cm, "onderzoek", op=VANDAAG)
    assert {r.dienst.pk: r.werkdagen_resterend for r in regels}[maandag.pk] == 1

    client = verified_client(cm)
    pagina = client.get(reverse("diensten:mijn-werk")).content.decode()
    assert "nog 1 werkdag<" in pagina
    assert "5 werkdagen te laat" in pagina
    assert "nog 3 d" not in pagina
    assert "7 dag(en) te laat" not in pagina
    dienstpagina = client.get(reverse("diensten:dienst", args=[maandag.pk])).content.decode()
    assert "1 werkdag over" in dienstpagina
    lijst = client.get(reverse("diensten:lijst", args=["onderzoek"])).content.decode()
    assert "1 werkdag over<" in lijst  # the dienst page's label (domain.termijn)


def test_werkverdeling_board_shows_working_days(verified_client, leider, team):
    _twee_diensten(team, leider, None)  # unassigned: on the waiting list
    pagina = verified_client(leider).get(reverse("diensten:werkverdeling")).content.decode()
    assert "nog 1 werkdag<" in pagina  # waiting list
    assert pagina.count("5 werkdagen te laat") == 2  # waiting list and terms at risk
    assert " d te laat" not in pagina
    assert "nog 3 d" not in pagina


# --- month stepping ---------------------------------------------------------------------------


def test_onderzoek_op_tijd_steps_months_with_add_months(leider, team, monkeypatch):
    aanroepen = []

    def spion(dag, maanden):
        aanroepen.append((dag, maanden))
        return add_months(dag, maanden)

    monkeypatch.setattr(selectors_werk, "add_months", spion)
    (dienst,) = diensten_bouwen(team=team, n=1, gebruiker=leider, status="afgerond")
    Dienst.objects.filter(pk=dienst.pk).update(einde=date(2025, 4, 30))
    reeks, totaal = selectors_werk.onderzoek_op_tijd(leider, team=team, op=date(2026, 3, 31))
    assert [m for m, _ in reeks] == [date(2025, 4, 1)] + [
        add_months(date(2025, 4, 1), i) for i in range(1, 12)
    ]
    assert reeks[-1][0] == date(2026, 3, 1)
    assert totaal.afgerond == 1
    assert dict(reeks)[date(2025, 4, 1)].afgerond == 1
    assert aanroepen[0] == (date(2026, 3, 1), -11)


@pytest.mark.parametrize(
    ("op", "maanden", "eerste", "laatste"),
    [
        (date(2026, 1, 15), 12, date(2025, 2, 1), date(2026, 1, 1)),  # over the year boundary
        (date(2026, 3, 31), 1, date(2026, 3, 1), date(2026, 3, 1)),  # this month only
        (date(2026, 12, 31), 24, date(2025, 1, 1), date(2026, 12, 1)),
    ],
)
def test_onderzoek_op_tijd_months(leider, team, op, maanden, eerste, laatste):
    reeks, _ = selectors_werk.onderzoek_op_tijd(leider, team=team, op=op, maanden=maanden)
    assert len(reeks) == maanden
    assert (reeks[0][0], reeks[-1][0]) == (eerste, laatste)


# --- voorlichting: conflict by type -------------------------------------------------------------


def _voorlichting_data():
    return {
        "datum": "2026-03-05",
        "onderwerp": "Meldcode",
        "doelgroep": "huisartsen",
        "organisatie": "Kring",
        "deelnemers": "20",
        "minuten": "90",
    }


def test_voorlichting_conflict_is_409_whatever_its_wording(verified_client, cm, monkeypatch):
    client = verified_client(cm)
    data = _voorlichting_data()
    assert client.post(reverse("diensten:voorlichtingen"), data).status_code == 302
    v = Voorlichting.objects.get()
    url = reverse("diensten:voorlichting", args=[v.pk])
    assert client.post(url, {**data, "versie": 1, "deelnemers": "25"}).status_code == 302
    # A reworded conflict message (no "intussen") is still a conflict.
    monkeypatch.setattr(svc, "CONFLICT_MESSAGE", "Een ander heeft deze voorlichting gewijzigd.")
    conflict = client.post(url, {**data, "versie": 1, "deelnemers": "99"})
    assert conflict.status_code == 409
    html = conflict.content.decode()
    assert "Een ander heeft deze voorlichting gewijzigd." in html
    assert 'value="99"' in html  # the user's input is kept
    v.refresh_from_db()
    assert (v.deelnemers, v.version) == (25, 2)


def test_voorlichting_other_error_mentioning_intussen_is_400(verified_client, cm, monkeypatch):
    client = verified_client(cm)
    data = _voorlichting_data()
    assert client.post(reverse("diensten:voorlichtingen"), data).status_code == 302
    v = Voorlichting.objects.get()

    def weigert(**_kwargs):
        raise ValidationError({"__all__": ["De organisatie is intussen opgeheven."]})

    monkeypatch.setattr(svc, "voorlichting_opslaan", weigert)
    fout = client.post(
        reverse("diensten:voorlichting", args=[v.pk]), {**data, "versie": 1, "deelnemers": "30"}
    )
    assert fout.status_code == 400
    assert "De organisatie is intussen opgeheven." in fout.content.decode()
