"""melding_register: casus, persons, betrokkenen, journaal, tasks, classification, audit — and
the guarantees: one melding per form, never half a melding."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import transaction

from zicht.audit.catalogue import Event
from zicht.casework.models import (
    Betrokkene,
    Casus,
    CasusStatus,
    JournaalItem,
    Taak,
)
from zicht.casework.tests.factories import BetrokkeneFactory, CasusFactory, TeamFactory
from zicht.intake import services
from zicht.intake.domain.classificatie import Fase, SoortCbs
from zicht.intake.domain.regels import RelatieKeuze
from zicht.intake.models import Melder, Melding, MeldingBetrokkene
from zicht.intake.services import BronInvoer, MeldingInvoer, PersoonInvoer
from zicht.intake.tests.conftest import NU, assert_no_personal_data, instelling_team
from zicht.people.domain.dates import PartialDate
from zicht.people.models import Persoon, Relatie
from zicht.people.tests.factories import PersoonFactory

pytestmark = pytest.mark.django_db

ONTVANGEN = NU - timedelta(minutes=15)


def invoer(**velden) -> MeldingInvoer:
    standaard = {
        "formulier_token": uuid.uuid4(),
        "ontvangen_op": ONTVANGEN,
        "kanaal": "telefoon",
        "melder": BronInvoer(
            hoedanigheid="02",
            naam="Dr. P. Bakker",
            organisatie="Huisartsenpraktijk De Linde",
            telefoon="072-5110000",
        ),
        "personen": [
            PersoonInvoer(
                rol="slachtoffer",
                voornamen="Anna",
                achternaam="Jansen",
                bsn="111222333",
                geboortedatum=PartialDate(1988, 3, 12),
                geslacht="V",
                straat="Laan",
                huisnummer="1",
                postcode="1811AB",
                woonplaats="Alkmaar",
                gemeente_code="GM0361",
            ),
            PersoonInvoer(
                rol="kind",
                voornamen="Tim",
                achternaam="Jansen",
                geboortedatum=PartialDate(2018),
                relatie=RelatieKeuze.KIND_VAN,
                relatie_met=0,
            ),
            PersoonInvoer(rol="vermoedelijk_pleger", voornamen="Kees", achternaam="Jansen"),
        ],
        "aanleidingen": ["01"],
        "aarden": ["01", "08"],
        "signalen": "Moeder had blauwe plekken; de zoon zag het gebeuren.",
    }
    standaard.update(velden)
    return MeldingInvoer(**standaard)


def registreer(user, **velden):
    return services.melding_register(actor=user, invoer=invoer(**velden), nu=NU)


def test_first_melding_opens_a_casus_for_the_receiving_team(medewerker, vb_team, audit_rows):
    # Given a medewerker of the front door and the default receiving team
    # When a melding about a household nobody knows is registered
    registratie = registreer(medewerker)
    melding = registratie.object

    # Then a new casus is held by the VB team, opened at the moment of receipt
    assert registratie.nieuw
    casus = melding.casus
    assert casus.team == vb_team
    assert casus.geopend_op == ONTVANGEN
    assert casus.gemeente_id == "GM0361"
    assert melding.nieuwe_casus
    assert melding.soort_cbs == SoortCbs.EERSTE_MELDING
    # ... with the three persons as betrokkenen and the relation typed on the page
    rollen = sorted(Betrokkene.objects.filter(casus=casus).values_list("rol", flat=True))
    assert rollen == ["kind", "slachtoffer", "vermoedelijk_pleger"]
    assert MeldingBetrokkene.objects.filter(melding=melding, nieuw_in_casus=True).count() == 3
    anna = Persoon.objects.get(voornamen="Anna")
    tim = Persoon.objects.get(voornamen="Tim")
    assert Relatie.objects.filter(persoon_a=anna, persoon_b=tim, soort="ouder_kind").exists()
    assert anna.adressen.get().postcode == "1811 AB"
    # ... and the codes of the code lists
    assert sorted(melding.aarden.values_list("code", flat=True)) == ["01", "08"]


def test_melding_writes_the_timeline_and_the_clocks(medewerker):
    melding = registreer(medewerker).object
    casus = melding.casus

    # The journaal shows the contact, without the melder's identity (source protection)
    item = JournaalItem.objects.get(casus=casus)
    assert item.moment == ONTVANGEN
    assert "blauwe plekken" in item.tekst
    assert "Bakker" not in item.tekst
    assert "Huisartsenpraktijk" not in item.tekst
    assert "huisarts" not in item.tekst.lower()

    taken = {t.termijn_code or t.omschrijving: t for t in Taak.objects.filter(casus=casus)}
    # di 10-03-2026 → 5 werkdagen → di 17-03-2026
    vb = taken["vb_besluit"]
    assert vb.deadline == date(2026, 3, 17)
    assert melding.vb_taak == vb
    # Adults are informed within 4 weeks (Anna, and Kees without a birth date); Tim not
    informeren = Taak.objects.filter(casus=casus, termijn_code="informeren_betrokkenen")
    assert informeren.count() == 2
    assert all(t.deadline == date(2026, 4, 7) for t in informeren)
    assert {("Anna" in t.omschrijving) or ("Kees" in t.omschrijving) for t in informeren} == {True}
    # Feedback to the melder: due with the VB besluit for now
    terugkoppeling = Taak.objects.get(casus=casus, omschrijving__startswith="Terugkoppeling")
    assert terugkoppeling.deadline == vb.deadline
    assert not melding.acuut
    assert melding.acuut_uiterlijk is None


def test_acute_melding_gets_its_24_hour_mark(medewerker):
    melding = registreer(medewerker, acuut=True).object
    assert melding.acuut_uiterlijk == ONTVANGEN + timedelta(hours=24)
    assert "ACUUT" in JournaalItem.objects.get(casus=melding.casus).tekst


def test_audit_has_ids_and_codes_but_no_personal_data(medewerker, audit_rows):
    melding = registreer(medewerker).object
    rows = audit_rows()
    events = [r.event for r in rows]
    assert Event.MELDING_GEREGISTREERD in events
    assert Event.CASUS_AANGEMAAKT in events
    rij = audit_rows(Event.MELDING_GEREGISTREERD)[0]
    assert rij.target_id == str(melding.pk)
    assert rij.data["soort_cbs"] == "eerste_melding"
    assert rij.data["personen"] == 3
    assert_no_personal_data(
        rows, "Anna", "Jansen", "111222333", "Bakker", "Huisartsenpraktijk", "072", "Laan"
    )


def test_chosen_person_in_an_open_casus_joins_that_casus(medewerker, vb_team):
    # Given Anna is already in an open casus of the VB team
    anna = PersoonFactory(voornamen="Anna", achternaam="Jansen")
    casus = CasusFactory(team=vb_team)
    BetrokkeneFactory(casus=casus, persoon=anna, rol="slachtoffer")
    # When a new melding names her (chosen from the candidates) and a new child
    personen = [
        PersoonInvoer(rol="slachtoffer", bestaande_persoon_id=anna.pk),
        PersoonInvoer(rol="kind", voornamen="Tim", achternaam="Jansen"),
    ]
    melding = registreer(medewerker, personen=personen, aarden=["01"]).object

    # Then the melding joins the open casus as a vervolgmelding during the VB
    assert melding.casus == casus
    assert not melding.nieuwe_casus
    assert melding.soort_cbs == SoortCbs.VERVOLG_TIJDENS_VB
    assert Casus.objects.count() == 1
    # Anna keeps her one betrokkene row; only Tim is new in the casus
    assert Betrokkene.objects.filter(casus=casus, persoon=anna).count() == 1
    nieuw = dict(
        MeldingBetrokkene.objects.filter(melding=melding).values_list(
            "betrokkene__persoon__voornamen", "nieuw_in_casus"
        )
    )
    assert nieuw == {"Anna": False, "Tim": True}
    # Anna was informed before: no new task for her; Tim is a child: none either
    assert not Taak.objects.filter(termijn_code="informeren_betrokkenen").exists()


def test_a_known_person_gets_a_new_address_once(medewerker, vb_team):
    from zicht.people.tests.factories import AdresFactory

    anna = PersoonFactory()
    AdresFactory(persoon=anna, postcode="1811 AB", huisnummer="1")
    rij = {"rol": "slachtoffer", "bestaande_persoon_id": anna.pk, "woonplaats": "Alkmaar"}
    zelfde = PersoonInvoer(**rij, postcode="1811ab", huisnummer="1")
    nieuw = PersoonInvoer(**rij, postcode="1822 BB", huisnummer="7", straat="Dorpsstraat")
    registreer(medewerker, personen=[zelfde], aarden=["01"])
    assert anna.adressen.count() == 1
    registreer(medewerker, personen=[nieuw], aarden=["01"])
    assert sorted(anna.adressen.values_list("postcode", flat=True)) == ["1811 AB", "1822 BB"]


def test_phase_of_the_open_casus_comes_from_the_seam(medewerker, vb_team):
    anna = PersoonFactory()
    casus = CasusFactory(team=vb_team)
    BetrokkeneFactory(casus=casus, persoon=anna)
    gevraagd = []

    def fase(casus_id):
        gevraagd.append(casus_id)
        return Fase.TIJDENS_MONITORING

    personen = [PersoonInvoer(rol="slachtoffer", bestaande_persoon_id=anna.pk)]
    registratie = services.melding_register(
        actor=medewerker,
        invoer=invoer(personen=personen, aarden=["01"]),
        fase_bepaler=fase,
        nu=NU,
    )
    assert gevraagd == [casus.pk]
    assert registratie.object.soort_cbs == SoortCbs.VERVOLG_TIJDENS_MONITORING


def test_person_from_a_closed_casus_makes_a_hermelding(medewerker, vb_team):
    anna = PersoonFactory()
    oud = CasusFactory(team=vb_team, gesloten=True)
    BetrokkeneFactory(casus=oud, persoon=anna)
    personen = [PersoonInvoer(rol="slachtoffer", bestaande_persoon_id=anna.pk)]
    melding = registreer(medewerker, personen=personen, aarden=["01"]).object
    assert melding.casus != oud
    assert melding.nieuwe_casus
    assert melding.soort_cbs == SoortCbs.HERMELDING
    assert oud.status == CasusStatus.GESLOTEN


def test_the_same_form_twice_gives_one_melding(medewerker):
    token = uuid.uuid4()
    eerste = registreer(medewerker, formulier_token=token)
    tweede = registreer(medewerker, formulier_token=token)
    assert eerste.nieuw
    assert not tweede.nieuw
    assert tweede.object.pk == eerste.object.pk
    assert Melding.objects.count() == 1
    assert Casus.objects.count() == 1


def test_a_concurrent_second_submit_hits_the_unique_token(medewerker, monkeypatch):
    # The second request passed the first check before the first one committed: the unique
    # constraint stops it, everything it wrote rolls back, and it returns the first melding.
    token = uuid.uuid4()
    eerste = registreer(medewerker, formulier_token=token).object
    echte_filter = Melding.objects.filter
    oproepen = {"n": 0}

    def filter_dat_eerst_niets_vindt(*args, **kwargs):
        oproepen["n"] += 1
        if oproepen["n"] == 1:
            return Melding.objects.none()
        return echte_filter(*args, **kwargs)

    monkeypatch.setattr(Melding.objects, "filter", filter_dat_eerst_niets_vindt)
    tweede = registreer(medewerker, formulier_token=token)
    monkeypatch.undo()
    assert not tweede.nieuw
    assert tweede.object.pk == eerste.pk
    assert Melding.objects.count() == 1
    assert Casus.objects.count() == 1
    assert Persoon.objects.filter(voornamen="Anna").count() == 1


@pytest.mark.django_db(transaction=True)
def test_a_fault_after_the_first_writes_leaves_nothing(referentiedata, medewerker, monkeypatch):
    def stuk(**kwargs):
        raise RuntimeError("verbinding verbroken")

    monkeypatch.setattr(services, "taak_create", stuk)
    with pytest.raises(RuntimeError):
        registreer(medewerker)
    assert Casus.objects.count() == 0
    assert Melding.objects.count() == 0
    assert Melder.objects.count() == 0
    assert Persoon.objects.count() == 0
    assert JournaalItem.objects.count() == 0


def test_all_errors_at_once_and_nothing_saved(medewerker):
    personen = [
        PersoonInvoer(rol="getuige", achternaam="Jansen", bsn="123456789"),
        PersoonInvoer(rol="overig", achternaam="", geboortedatum=PartialDate(2030), relatie=None),
    ]
    melder = BronInvoer(hoedanigheid="02", naam="", telefoon="")
    with pytest.raises(ValidationError) as fout:
        registreer(
            medewerker,
            personen=personen,
            melder=melder,
            aarden=["08"],
            ontvangen_op=NU + timedelta(hours=2),
        )
    errors = fout.value.message_dict
    assert "elfproef" in errors["personen.0.bsn"][0]
    assert errors["personen.1.achternaam"] == ["Vul de achternaam in."]
    assert "toekomst" in errors["personen.1.geboortedatum"][0]
    assert "slachtoffer of kind" in errors["personen"][0]
    assert "toekomst" in errors["ontvangen_op"][0]
    assert "naam" in errors
    assert "telefoon" in errors
    assert "organisatie" in errors
    assert Melding.objects.count() == 0
    assert Casus.objects.count() == 0


def test_witnessing_violence_needs_a_child(medewerker):
    # Two adults, aard "getuige van geweld in gezin" (08) and aanleiding kindermishandeling
    personen = [
        PersoonInvoer(rol="slachtoffer", achternaam="Jansen", geboortedatum=PartialDate(1980)),
        PersoonInvoer(rol="vermoedelijk_pleger", achternaam="Jansen"),
    ]
    with pytest.raises(ValidationError) as fout:
        registreer(medewerker, personen=personen, aarden=["08"], aanleidingen=["08"])
    errors = fout.value.message_dict
    assert "Getuige van geweld" in errors["aarden"][0]
    assert "Kindermishandeling gaat over een kind" in errors["aanleidingen"][0]


def test_child_older_than_parent_is_refused(medewerker):
    personen = [
        PersoonInvoer(rol="slachtoffer", achternaam="Jansen", geboortedatum=PartialDate(2015)),
        PersoonInvoer(
            rol="vermoedelijk_pleger",
            achternaam="Jansen",
            geboortedatum=PartialDate(2016, 5),
            relatie=RelatieKeuze.OUDER_VAN,
            relatie_met=0,
        ),
    ]
    with pytest.raises(ValidationError) as fout:
        registreer(medewerker, personen=personen, aarden=["01"])
    assert fout.value.message_dict["personen.1.relatie_met"] == [
        "Het kind kan niet ouder zijn dan de ouder."
    ]


def test_a_known_bsn_must_be_chosen_not_duplicated(medewerker):
    PersoonFactory(bsn="111222333")
    with pytest.raises(ValidationError) as fout:
        registreer(medewerker)
    assert "al een persoon met dit BSN" in fout.value.message_dict["personen.0.bsn"][0]


def test_post_may_be_received_earlier_but_a_phone_call_may_not(medewerker):
    eergisteren = NU - timedelta(days=2)
    with pytest.raises(ValidationError) as fout:
        registreer(medewerker, ontvangen_op=eergisteren)
    assert "post en politie" in fout.value.message_dict["ontvangen_op"][0]
    melding = registreer(medewerker, ontvangen_op=eergisteren, kanaal="post").object
    # zo 08-03-2026 → 5 werkdagen → vr 13-03-2026 (counted from receipt, not registration)
    assert melding.vb_taak.deadline == date(2026, 3, 13)


def test_without_a_receiving_team_a_clear_message(medewerker, vb_team):
    vb_team.actief = False
    vb_team.save()
    with pytest.raises(ValidationError) as fout:
        registreer(medewerker)
    assert "ontvangend team" in fout.value.messages[0]


def test_configured_receiving_team_is_used(medewerker):
    ander = TeamFactory(naam="Crisisdienst")
    instelling_team(ander)
    assert registreer(medewerker).object.casus.team == ander


def test_professional_melder_needs_an_organisation(medewerker):
    melder = BronInvoer(hoedanigheid="08", naam="W. Wijk", telefoon="06-1")
    with pytest.raises(ValidationError) as fout:
        registreer(medewerker, melder=melder)
    assert "organisatie" in fout.value.message_dict
    # A neighbour (35, not professional) needs none
    buur = BronInvoer(hoedanigheid="35", naam="B. Buur", telefoon="06-2")
    assert registreer(medewerker, melder=buur).nieuw


def test_registration_in_an_outer_transaction_rolls_back_with_it(medewerker):
    def registreren_en_falen():
        with transaction.atomic():
            registreer(medewerker)
            raise RuntimeError

    with pytest.raises(RuntimeError):
        registreren_en_falen()
    assert Melding.objects.count() == 0


def test_received_date_uses_amsterdam_days(medewerker):
    # 23:30 in Amsterdam on Friday 6 March 2026 is 22:30 UTC: counted from Friday.
    vrijdagavond = datetime(2026, 3, 6, 22, 30, tzinfo=UTC)
    melding = registreer(medewerker, ontvangen_op=vrijdagavond, kanaal="post").object
    # vr 06-03-2026 → 5 werkdagen → vr 13-03-2026
    assert melding.vb_taak.deadline == date(2026, 3, 13)
