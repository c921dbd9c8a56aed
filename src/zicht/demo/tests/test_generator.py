"""The demo-data generator against a real database: deterministic, consistent, scaled."""

from __future__ import annotations

import json
import random
from collections import Counter, defaultdict
from datetime import date, datetime
from io import StringIO

import pytest
from django.db import transaction
from django.db.models import Count
from django.urls import reverse
from django.utils import timezone

from zicht.accounts.models import User
from zicht.accounts.permissions import Perm, has_permission
from zicht.assessment.models import Besluit, BesluitStap, Veiligheidsbeoordeling
from zicht.audit.catalogue import Event
from zicht.audit.models import AuditEvent
from zicht.casework.access import casussen_for_user
from zicht.casework.models import (
    Betrokkene,
    Casus,
    CasusMedewerker,
    CasusStatus,
    JournaalItem,
    Taak,
    TaakVerlenging,
)
from zicht.casework.services import casus_open
from zicht.conftest import login_verified
from zicht.core.domain.terms import Verlenging, deadline
from zicht.core.selectors import calendar_current, termijn_get
from zicht.demo.context import DemoContext
from zicht.demo.generator import DemoOptions, generate
from zicht.demo.households import VERVOLGTEAMS, verloop
from zicht.demo.volumes import UITKOMST_GEWICHTEN, aantal_casussen
from zicht.diensten.models import Dienst, Terugkoppeling, WettelijkeMelding
from zicht.intake.models import Advies, CorvBericht, Melding, MeldingBetrokkene
from zicht.people.domain.bsn import BSN
from zicht.people.models import Adres, Gemeente, Gezag, Persoon, Relatie, RelatieSoort

pytestmark = pytest.mark.django_db

VANDAAG = date(2026, 1, 15)
VANAF = date(2025, 1, 1)
TOT = date(2025, 12, 31)


def _opties(*, seed: int = 7, schaal: float = 0.05, vanaf=VANAF, tot=TOT) -> DemoOptions:
    return DemoOptions.create(seed=seed, vanaf=vanaf, tot=tot, schaal=schaal, vandaag=VANDAAG)


def _genereer(**kwargs) -> list[str]:
    return generate(_opties(**kwargs), vandaag=VANDAAG)


def _projectie() -> dict[str, list]:
    """Everything generated, without primary keys or insert times: person ids are replaced by
    their rank, so two runs into fresh databases compare equal row by row."""
    personen = list(Persoon.objects.order_by("pk"))
    rang = {p.pk: i for i, p in enumerate(personen)}
    return {
        "casussen": list(
            Casus.objects.order_by("nummer").values_list(
                "nummer", "team__naam", "status", "geopend_op", "gesloten_op", "gemeente_id"
            )
        ),
        "personen": [
            (
                p.bsn,
                p.voornamen,
                p.tussenvoegsel,
                p.achternaam,
                p.geboortedatum_jaar,
                p.geboortedatum_maand,
                p.geboortedatum_dag,
                p.ongeboren,
                p.verwachte_geboortedatum,
                p.geslacht,
                p.gemeente_id,
                p.zoeksleutel,
            )
            for p in personen
        ],
        "adressen": [
            (
                rang[a.persoon_id],
                *(a.straat, a.huisnummer, a.postcode, a.woonplaats, a.gemeente_id),
                *(a.geheim, a.geldig_van, a.geldig_tot),
            )
            for a in Adres.objects.order_by("pk")
        ],
        "relaties": [
            (rang[r.persoon_a_id], rang[r.persoon_b_id], r.soort)
            for r in Relatie.objects.order_by("pk")
        ],
        "gezag": [
            (rang[g.kind_id], rang[g.gezaghebbende_id], g.soort, g.van, g.tot)
            for g in Gezag.objects.order_by("pk")
        ],
        "betrokkenen": [
            (b.casus.nummer, rang[b.persoon_id], b.rol)
            for b in Betrokkene.objects.select_related("casus").order_by("pk")
        ],
        "medewerkers": list(
            CasusMedewerker.objects.order_by("pk").values_list(
                "casus__nummer", "user__username", "rol", "van", "tot"
            )
        ),
        "journaal": list(
            JournaalItem.objects.order_by("pk").values_list(
                "casus__nummer", "soort", "auteur__username", "moment", "tekst", "medisch"
            )
        ),
        "taken": list(
            Taak.objects.order_by("pk").values_list(
                "casus__nummer", "omschrijving", "termijn_code", "start", "deadline", "afgerond_op"
            )
        ),
        "meldingen": list(
            Melding.objects.order_by("pk").values_list(
                "casus__nummer",
                "ontvangen_op",
                "kanaal",
                "melder__hoedanigheid__code",
                "melder__naam",
                "melder__organisatie",
                "melder__anoniem_naar_gezin",
                "signalen",
                "acuut",
                "acuut_uiterlijk",
                "soort_cbs",
                "status",
                "vb_taak__deadline",
                "advies__vraag",
                "corv_bericht__bericht_id",
                "geregistreerd_door__username",
                "geregistreerd_op",
                "formulier_token",
            )
        ),
        "melding_codes": sorted(
            Melding.aarden.through.objects.values_list("melding__formulier_token", "code__code")
        ),
        "melding_betrokkenen": [
            (m.melding.formulier_token, rang[m.betrokkene.persoon_id], m.nieuw_in_casus)
            for m in MeldingBetrokkene.objects.select_related("melding", "betrokkene").order_by(
                "pk"
            )
        ],
        "adviezen": list(
            Advies.objects.order_by("pk").values_list(
                "ontvangen_op",
                "kanaal",
                "adviesvrager__hoedanigheid__code",
                "adviesvrager__anoniem",
                "vraag",
                "gegeven_advies",
                "duur_minuten",
                "formulier_token",
            )
        ),
        "corv": list(
            CorvBericht.objects.order_by("pk").values_list(
                "bericht_id", "ontvangen_op", "status", "doorgestuurd_naar", "inhoud"
            )
        ),
        "beoordelingen": list(
            Veiligheidsbeoordeling.objects.order_by("pk").values_list(
                "melding__formulier_token",
                "antwoorden",
                "acuut",
                "structureel",
                "multiprobleem",
                "taxatie",
                "beoordelaar__username",
                "status",
                "gestart_op",
                "besloten_op",
                "besloten_datum",
                "op_tijd",
                "reden_te_laat",
            )
        ),
        "besluiten": list(
            Besluit.objects.order_by("pk").values_list(
                "beoordeling__melding__formulier_token",
                "soort",
                "motivering",
                "toelichting_afwijking",
                "ketenpartner__naam",
                "voorgesteld_door__username",
                "voorgesteld_op",
                "status",
                "beoordeeld_door__username",
                "beoordeeld_op",
                "reden_oneens",
            )
        ),
        "besluitstappen": list(
            BesluitStap.objects.order_by("pk").values_list(
                "beoordeling__melding__formulier_token", "actie", "door__username", "op"
            )
        ),
        "diensten": list(
            Dienst.objects.order_by("pk").values_list(
                "casus__nummer", "soort", "status", "start", "deadline", "taak__omschrijving"
            )
        ),
        "wettelijke_meldingen": list(
            WettelijkeMelding.objects.order_by("pk").values_list(
                "casus__nummer", "ontvanger", "gemeente", "datum", "inhoud"
            )
        ),
        "terugkoppelingen": list(
            Terugkoppeling.objects.order_by("pk").values_list(
                "melding__formulier_token",
                "vervolg_gestart",
                "overgenomen_door",
                "status",
                "verstuurd_op",
            )
        ),
    }


def kalender_tz():
    return timezone.get_current_timezone()


def _run_and_roll_back(**kwargs) -> dict[str, list]:
    with transaction.atomic():
        _genereer(**kwargs)
        projectie = _projectie()
        transaction.set_rollback(True)
    assert not Casus.objects.exists()
    return projectie


def test_same_seed_window_and_schaal_give_identical_rows():
    eerste = _run_and_roll_back(seed=11)
    tweede = _run_and_roll_back(seed=11)
    assert eerste["casussen"]
    for soort in eerste:
        assert eerste[soort] == tweede[soort], soort


def test_another_seed_gives_other_people():
    eerste = _run_and_roll_back(seed=11)
    ander = _run_and_roll_back(seed=12)
    assert eerste["personen"] != ander["personen"]


def test_the_number_of_casussen_follows_the_2019_volume_and_scales():
    klein = len(_run_and_roll_back(schaal=0.02)["casussen"])
    groot = len(_run_and_roll_back(schaal=0.06)["casussen"])
    assert klein == aantal_casussen(VANAF, TOT, 0.02) == round(4430 * 0.715 * 0.02)
    assert groot == aantal_casussen(VANAF, TOT, 0.06)
    assert 2.9 < groot / klein < 3.1


def test_every_bsn_passes_the_elfproef_and_is_unique():
    _genereer(schaal=0.1)
    bsns = list(Persoon.objects.exclude(bsn="").values_list("bsn", flat=True))
    assert len(bsns) > 100
    for waarde in bsns:
        assert BSN.parse(waarde).waarde == waarde  # raises on an invalid BSN
    assert len(set(bsns)) == len(bsns)
    # Some persons have no BSN (unknown, or not born yet).
    assert Persoon.objects.filter(bsn="").exists()


def test_no_child_is_older_than_a_parent_or_grandparent():
    _genereer(schaal=0.1)
    paren = Relatie.objects.filter(
        soort__in=[RelatieSoort.OUDER_KIND, RelatieSoort.GROOTOUDER_KLEINKIND]
    ).select_related("persoon_a", "persoon_b")
    assert paren.count() > 100
    for relatie in paren:
        ouder, kind = relatie.persoon_a.geboortedatum, relatie.persoon_b
        assert ouder is not None
        if kind.ongeboren:
            assert kind.verwachte_geboortedatum > ouder.latest()
        else:
            assert ouder.definitely_before(kind.geboortedatum), relatie


def test_gezag_is_over_a_born_child_by_an_older_person_from_its_birth():
    _genereer(schaal=0.1)
    gezag = Gezag.objects.select_related("kind", "gezaghebbende")
    assert gezag.count() > 50
    for regel in gezag:
        kind = regel.kind.geboortedatum
        assert kind is not None
        assert not regel.kind.ongeboren
        assert regel.gezaghebbende.geboortedatum.definitely_before(kind)
        assert regel.van >= kind.earliest()
        assert regel.tot is None or regel.tot >= regel.van
    assert gezag.filter(soort="voogdij").exists()


def test_partial_birth_dates_unborn_children_and_secret_addresses_occur():
    _genereer(schaal=0.1)
    assert Persoon.objects.filter(geboortedatum_maand__isnull=True, geboortedatum_jaar__gt=0)
    assert Persoon.objects.filter(geboortedatum_dag__isnull=True, geboortedatum_maand__gt=0)
    ongeboren = Persoon.objects.filter(ongeboren=True)
    assert ongeboren.exists()
    for kind in ongeboren:
        assert kind.bsn == ""
        assert kind.geboortedatum is None
        assert kind.verwachte_geboortedatum > TOT - (date(2026, 3, 1) - date(2025, 12, 31))
        assert not kind.adressen.exists()
    geheim = Adres.objects.filter(geheim=True)
    assert geheim.exists()
    for adres in geheim.select_related("persoon"):
        # A victim in a shelter keeps her registered address, elsewhere.
        gewoon = adres.persoon.adressen.filter(geheim=False)
        assert gewoon.exists()
        assert adres.gemeente_id not in set(gewoon.values_list("gemeente_id", flat=True))


def test_every_casus_has_a_follow_up_team_by_gemeente_and_two_to_six_persons():
    _genereer(schaal=0.1)
    teams_per_subregio = defaultdict(set)
    for casus in Casus.objects.select_related("team", "gemeente").annotate(
        personen=Count("betrokkenen__persoon", distinct=True)
    ):
        assert casus.team.naam in VERVOLGTEAMS
        assert 2 <= casus.personen <= 6, casus.nummer
        teams_per_subregio[casus.gemeente.subregio].add(casus.team.naam)
    assert teams_per_subregio["Alkmaar"] == {"Team Alkmaar"}
    assert teams_per_subregio["West-Friesland"] == {"Team West-Friesland"}
    assert teams_per_subregio["Kop van Noord-Holland"] == {"Team Kop van Noord-Holland"}
    assert not Casus.objects.filter(betrokkenen__isnull=True).exists()


def test_a_gemeente_is_chosen_only_while_it_exists():
    _genereer(schaal=0.05, vanaf=date(2021, 7, 1), tot=date(2022, 6, 30))
    heerhugowaard = Gemeente.objects.get(cbs_code="GM0398")
    dijk_en_waard = Gemeente.objects.get(cbs_code="GM1980")
    oud = Casus.objects.filter(gemeente=heerhugowaard)
    nieuw = Casus.objects.filter(gemeente=dijk_en_waard)
    assert oud.exists()
    assert nieuw.exists()
    assert all(c.geopend_op.date() <= date(2021, 12, 31) for c in oud)
    assert all(c.geopend_op.date() >= date(2022, 1, 1) for c in nieuw)


def test_the_flow_follows_the_2019_fractions_and_the_five_day_term():
    ctx = DemoContext.create(_opties(), vandaag=VANDAAG)
    rng = random.Random(5)
    start = datetime(2025, 3, 3, 10, 0, tzinfo=ctx.tz)
    verlopen = [verloop(ctx, rng, start) for _ in range(4000)]
    aandeel = Counter(v.uitkomst for v in verlopen)
    for uitkomst, promille in UITKOMST_GEWICHTEN.items():
        assert abs(aandeel[uitkomst] / 4000 - promille / 1000) < 0.025, uitkomst
    op_tijd = sum(
        ctx.kalender.working_days_between(start.date(), v.vb_besluit_op) <= 5 for v in verlopen
    )
    assert 0.84 < op_tijd / 4000 < 0.92
    for v in verlopen:
        assert (v.vervolg_eind_op is None) == (
            v.uitkomst in {"overdracht_na_vb", "einde_bemoeienis"}
        )
        assert v.gesloten_op is None or v.gesloten_op.date() >= v.vb_besluit_op


def test_the_window_ends_with_open_work():
    _genereer(schaal=0.2)
    statussen = Counter(Casus.objects.values_list("status", flat=True))
    assert statussen[CasusStatus.OPEN] > 0
    assert statussen[CasusStatus.GESLOTEN] > statussen[CasusStatus.OPEN]
    for casus in Casus.objects.filter(status=CasusStatus.GESLOTEN):
        assert casus.gesloten_op >= casus.geopend_op
        assert casus.gesloten_op < datetime(2026, 1, 1, tzinfo=casus.geopend_op.tzinfo)


def test_journaal_is_written_by_demo_users_in_order_and_medical_notes_by_a_physician():
    _genereer(schaal=0.1)
    assert not Casus.objects.filter(journaal__isnull=True).exists()
    soorten = set(JournaalItem.objects.values_list("soort", flat=True))
    assert {"gesprek", "huisbezoek", "telefonisch", "overleg"} <= soorten
    for item in JournaalItem.objects.select_related("casus", "auteur"):
        assert item.moment >= item.casus.geopend_op
        assert item.vastgelegd_op >= item.moment
        assert item.casus.gesloten_op is None or item.moment <= item.casus.gesloten_op
        assert item.auteur.email.endswith("@demo.zicht.invalid")
        if item.medisch:
            assert has_permission(item.auteur, Perm.MEDISCHE_NOTITIE)
        assert "{" not in item.tekst


def test_open_tasks_have_live_deadlines_on_the_atw_calendar():
    _genereer(schaal=0.2)
    taken = Taak.objects.select_related("casus").filter(afgerond_op__isnull=True)
    assert taken.exists()
    assert not taken.filter(casus__status=CasusStatus.GESLOTEN).exists()
    kalender = calendar_current()
    vb = taken.filter(termijn_code="vb_besluit")
    assert vb.exists()
    for taak in vb:
        termijn = termijn_get("vb_besluit", op=taak.start)
        assert taak.deadline == deadline(taak.start, termijn, kalender).einddatum
        melding = Melding.objects.get(vb_taak=taak)
        assert taak.start == melding.ontvangen_op.astimezone(kalender_tz()).date()
    assert taken.filter(deadline__gte=TOT).exists(), "some deadlines still lie ahead"
    assert taken.filter(termijn_code__in=["vv_afronding", "onderzoek_afronding"]).exists()
    # An extension is counted in the term's own unit (weeks for V&V and onderzoek).
    assert TaakVerlenging.objects.exists()
    for verlenging in TaakVerlenging.objects.select_related("taak"):
        termijn = termijn_get(verlenging.taak.termijn_code, op=verlenging.taak.start)
        assert verlenging.eenheid == termijn.eenheid.value
        verlengd = deadline(
            verlenging.taak.start,
            termijn,
            kalender,
            verlengingen=[Verlenging(verlenging.aantal, verlenging.reden)],
        )
        assert verlenging.taak.deadline == verlengd.einddatum


def test_casemanager_holds_a_caseload_and_sees_the_dossiers():
    _genereer(schaal=0.2)
    casemanager = User.objects.get(username="casemanager")
    toegewezen = CasusMedewerker.objects.filter(user=casemanager, tot__isnull=True)
    assert 0 < toegewezen.count() <= 24
    zichtbaar = casussen_for_user(casemanager, op=TOT)
    assert zichtbaar.filter(pk__in=toegewezen.values("casus_id")).count() == toegewezen.count()
    # The assessor has the casussen in assessment, and only while it lasts.
    beoordelaar = User.objects.get(username="beoordelaar")
    actief = CasusMedewerker.objects.filter(user=beoordelaar, tot__isnull=True)
    assert actief.exists()
    assert not actief.filter(casus__status=CasusStatus.GESLOTEN).exists()


def test_a_generated_dossier_opens_in_the_dossier_pages(client):
    _genereer(schaal=0.05)
    casemanager = User.objects.get(username="casemanager")
    login_verified(client, casemanager)
    casus = casussen_for_user(casemanager).filter(status=CasusStatus.OPEN).first()
    assert casus is not None
    antwoord = client.get(reverse("casework:detail", args=[casus.pk]))
    assert antwoord.status_code == 200
    persoon = casus.betrokkenen.first().persoon
    assert persoon.achternaam in antwoord.content.decode()
    assert client.get(reverse("casework:list")).status_code == 200


def test_services_continue_the_casus_numbers_after_the_generated_ones():
    _genereer(schaal=0.02)
    laatste = Casus.objects.filter(nummer__startswith="2025-").order_by("-nummer").first()
    casemanager = User.objects.get(username="casemanager")
    nieuw = casus_open(actor=casemanager, team=laatste.team, geopend_op=laatste.geopend_op)
    assert nieuw.nummer > laatste.nummer


def test_one_audit_event_records_the_run_with_whole_counts():
    _genereer(schaal=0.02)
    events = AuditEvent.objects.filter(event=Event.DEMODATA_GELADEN)
    assert events.count() == 1
    data = events.get().data
    data = json.loads(data) if isinstance(data, str) else data
    assert data["seed"] == 7
    assert data["vanaf"] == "2025-01-01"
    assert data["aantallen"]["casussen"] == Casus.objects.count()
    assert data["aantallen"]["personen"] == Persoon.objects.count()
    assert all(isinstance(n, int) for n in data["aantallen"].values())
    # The bulk rows bypass the services: no per-row events.
    assert not AuditEvent.objects.filter(event=Event.CASUS_AANGEMAAKT).exists()


def test_a_second_run_adds_no_dossiers():
    _genereer(schaal=0.02)
    aantal = Casus.objects.count()
    regels = generate(_opties(schaal=0.02, seed=99), stdout=StringIO(), vandaag=VANDAAG)
    assert Casus.objects.count() == aantal
    assert "0 rijen" in regels[0]


class _Terminal(StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_is_plain_lines_without_a_terminal_and_a_bar_on_one():
    uit = StringIO()
    with transaction.atomic():
        generate(_opties(schaal=0.01), stdout=uit, vandaag=VANDAAG)
        transaction.set_rollback(True)
    regels = uit.getvalue().splitlines()
    assert [r.split(":")[0] for r in regels] == [
        "Organisatie",
        "Huishoudens",
        "Toewijzingen",
        "Journaal",
        "Taken",
        "Meldingen",
        "Adviezen",
        "Beoordelingen",
        "Overdracht, V&V, onderzoek, monitoren",
        "Werkverdeling, huisverboden, voorlichting, uren",
        "API-koppeling (demo)",
    ]
    terminal = _Terminal()
    generate(_opties(schaal=0.01), stdout=terminal, vandaag=VANDAAG)
    assert "━" in terminal.getvalue()
    assert "Huishoudens" in terminal.getvalue()
