"""Writes for persons: validation in Dutch at the field, nothing half-saved, audited."""

from __future__ import annotations

import json
from datetime import date

import pytest
from django.core.exceptions import ValidationError

from zicht.accounts.services import ConcurrentEditError
from zicht.audit.catalogue import Event
from zicht.people.domain.dates import PartialDate
from zicht.people.models import Adres, Gemeente, Gezag, Persoon, Relatie
from zicht.people.services import (
    adres_add,
    gezag_add,
    persoon_create,
    persoon_update,
    relatie_add,
    relaties_add,
)
from zicht.people.tests.factories import PersoonFactory

pytestmark = pytest.mark.django_db

VANDAAG = date(2026, 3, 15)


def _maak(actor, **kwargs):
    kwargs.setdefault("achternaam", "Berg")
    kwargs.setdefault("tussenvoegsel", "van der")
    kwargs.setdefault("voornamen", "Anna")
    return persoon_create(actor=actor, vandaag=VANDAAG, **kwargs)


def _geen_persoonsgegevens(rows, *verboden):
    for row in rows:
        tekst = json.dumps(row.data, ensure_ascii=False)
        for woord in verboden:
            assert woord not in tekst, f"{woord!r} staat in de auditgegevens: {tekst}"


class TestPersoonCreate:
    def test_a_person_is_stored_with_derived_keys_and_audited(self, actor, audit_rows):
        # given a valid BSN typed with dots and a partial birth date
        # when the person is registered
        persoon = _maak(actor, bsn="111.222.333", geboortedatum=PartialDate(1985, 3))
        # then the BSN is stored as digits and the blocking keys are filled
        persoon.refresh_from_db()
        assert persoon.bsn == "111222333"
        assert persoon.geboortedatum == PartialDate(1985, 3)
        assert persoon.geboortedatum_vroegst == date(1985, 3, 1)
        assert persoon.zoeksleutel == "berg:1985"
        assert persoon.naam_sleutel == "berg"
        assert persoon.version == 1
        # and one audit row names the fields, never their values
        (row,) = audit_rows()
        assert row.event == Event.PERSOON_AANGEMAAKT
        assert row.target_id == str(persoon.pk)
        assert "bsn" in row.data["velden"]
        _geen_persoonsgegevens([row], "111222333", "Berg", "Anna")

    @pytest.mark.parametrize(
        ("kwargs", "veld", "melding"),
        [
            # elfproef faalt
            ({"bsn": "123456789"}, "bsn", "Het BSN voldoet niet aan de elfproef."),
            # te kort
            ({"bsn": "1234"}, "bsn", "Een BSN bestaat uit 9 cijfers."),
            # geboren morgen
            (
                {"geboortedatum": PartialDate(2026, 3, 16)},
                "geboortedatum",
                "De geboortedatum ligt in de toekomst.",
            ),
            # ongeboren zonder verwachte datum
            ({"ongeboren": True}, "verwachte_geboortedatum", "Vul de verwachte geboortedatum in."),
            # ongeboren met een verwachte datum ver terug
            (
                {"ongeboren": True, "verwachte_geboortedatum": date(2025, 1, 1)},
                "verwachte_geboortedatum",
                "De verwachte geboortedatum ligt te ver in het verleden; "
                "is het kind al geboren? Vul dan de geboortedatum in.",
            ),
            # ongeboren maar toch een geboortedatum
            (
                {
                    "ongeboren": True,
                    "verwachte_geboortedatum": date(2026, 6, 1),
                    "geboortedatum": PartialDate(2026),
                },
                "geboortedatum",
                "Een ongeboren kind heeft nog geen geboortedatum; vul de verwachte datum in.",
            ),
            # geboren, maar met een verwachte geboortedatum
            (
                {"verwachte_geboortedatum": date(2026, 6, 1)},
                "verwachte_geboortedatum",
                "Alleen een ongeboren kind heeft een verwachte geboortedatum.",
            ),
            # geen achternaam
            ({"achternaam": "  "}, "achternaam", "Vul de achternaam in."),
            # onbekend geslacht
            ({"geslacht": "X"}, "geslacht", None),
        ],
    )
    def test_invalid_input_gives_a_dutch_message_at_the_field_and_saves_nothing(
        self, actor, audit_rows, kwargs, veld, melding
    ):
        with pytest.raises(ValidationError) as fout:
            _maak(actor, **kwargs)
        assert veld in fout.value.message_dict
        if melding:
            assert melding in fout.value.message_dict[veld]
        assert not Persoon.objects.exists()
        assert audit_rows() == []

    def test_an_unborn_child_with_a_future_expected_date_is_accepted(self, actor):
        persoon = _maak(
            actor, ongeboren=True, verwachte_geboortedatum=date(2026, 8, 1), bsn="999999999"
        )
        assert persoon.ongeboren
        assert persoon.geboortedatum is None
        # the expected year keys the blocking look-up
        assert persoon.zoeksleutel == "berg:2026"

    def test_conventions_are_not_unique(self, actor):
        _maak(actor, bsn="000000000")
        _maak(actor, bsn="000000000", voornamen="Bram")
        assert Persoon.objects.filter(bsn="000000000").count() == 2


class TestPersoonUpdate:
    def test_changes_bump_the_version_and_audit_field_names(self, actor, audit_rows):
        persoon = _maak(actor)
        gemeente = Gemeente.objects.get(pk="GM1980")
        # when the surname, the BSN and the gemeente change
        bijgewerkt = persoon_update(
            actor=actor,
            persoon=persoon,
            expected_version=1,
            changes={"achternaam": "Groot", "bsn": "123 456 782", "gemeente": gemeente},
            vandaag=VANDAAG,
        )
        # then they are saved, the keys follow, the version is 2
        bijgewerkt.refresh_from_db()
        assert bijgewerkt.achternaam == "Groot"
        assert bijgewerkt.bsn == "123456782"
        assert bijgewerkt.gemeente_id == "GM1980"
        assert bijgewerkt.naam_sleutel == "groot"
        assert bijgewerkt.version == 2
        row = audit_rows()[-1]
        assert row.event == Event.PERSOON_GEWIJZIGD
        assert row.data["velden"] == ["achternaam", "bsn", "gemeente"]
        _geen_persoonsgegevens(audit_rows(), "123456782", "Groot", "Berg")

    def test_a_stale_version_is_refused_and_nothing_changes(self, actor):
        # given two users opened the same form at version 1 and the first saved
        persoon = _maak(actor)
        persoon_update(
            actor=actor, persoon=persoon, expected_version=1, changes={"voornamen": "Eva"}
        )
        # when the second saves with version 1
        with pytest.raises(ConcurrentEditError) as fout:
            persoon_update(
                actor=actor, persoon=persoon, expected_version=1, changes={"voornamen": "Ida"}
            )
        # then a Dutch message explains it and the first change stands
        assert "intussen gewijzigd" in fout.value.messages[0]
        persoon.refresh_from_db()
        assert persoon.voornamen == "Eva"
        assert persoon.version == 2

    def test_invalid_change_saves_nothing(self, actor, audit_rows):
        persoon = _maak(actor)
        before = len(audit_rows())
        with pytest.raises(ValidationError) as fout:
            persoon_update(
                actor=actor,
                persoon=persoon,
                expected_version=1,
                changes={"voornamen": "Eva", "bsn": "123456789"},
            )
        assert fout.value.message_dict["bsn"] == ["Het BSN voldoet niet aan de elfproef."]
        persoon.refresh_from_db()
        assert (persoon.voornamen, persoon.version) == ("Anna", 1)
        assert len(audit_rows()) == before

    def test_no_change_writes_nothing(self, actor, audit_rows):
        persoon = _maak(actor)
        before = len(audit_rows())
        persoon_update(
            actor=actor, persoon=persoon, expected_version=1, changes={"voornamen": " Anna "}
        )
        persoon.refresh_from_db()
        assert persoon.version == 1
        assert len(audit_rows()) == before

    def test_birth_date_change(self, actor):
        persoon = _maak(actor, geboortedatum=PartialDate(1985))
        persoon_update(
            actor=actor,
            persoon=persoon,
            expected_version=1,
            changes={"geboortedatum": PartialDate(1986, 2, 3)},
        )
        persoon.refresh_from_db()
        assert persoon.zoeksleutel == "berg:1986"
        assert persoon.geboortedatum_vroegst == date(1986, 2, 3)

    def test_unknown_fields_are_a_programming_error(self, actor):
        persoon = _maak(actor)
        with pytest.raises(ValueError, match="Onbekende velden"):
            persoon_update(actor=actor, persoon=persoon, expected_version=1, changes={"pk": 9})


class TestAdres:
    def test_a_secret_address_is_stored_and_audited_without_content(self, actor, audit_rows):
        persoon = PersoonFactory()
        adres = adres_add(
            actor=actor,
            persoon=persoon,
            straat="Geheime Laan",
            huisnummer="7",
            postcode="1811ab",
            woonplaats="Alkmaar",
            geheim=True,
            geldig_van=date(2026, 1, 1),
        )
        assert adres.postcode == "1811 AB"
        assert str(adres) == "geheim adres"
        row = audit_rows()[-1]
        assert row.event == Event.ADRES_VASTGELEGD
        assert row.data == {"adres": adres.pk, "geheim": True}
        _geen_persoonsgegevens([row], "Geheime", "1811")

    @pytest.mark.parametrize(
        ("kwargs", "veld"),
        [
            ({"postcode": "181 AB"}, "postcode"),  # drie cijfers
            ({"postcode": "0811 AB"}, "postcode"),  # begint met 0
            ({"geldig_tot": date(2019, 1, 1)}, "geldig_tot"),  # eindigt vóór het begin
            ({"straat": "", "woonplaats": "", "gemeente": None}, "__all__"),  # leeg adres
        ],
    )
    def test_invalid_address_is_refused(self, actor, kwargs, veld):
        persoon = PersoonFactory()
        data = {
            "straat": "Laan",
            "huisnummer": "1",
            "woonplaats": "Alkmaar",
            "geldig_van": date(2020, 1, 1),
            **kwargs,
        }
        with pytest.raises(ValidationError) as fout:
            adres_add(actor=actor, persoon=persoon, **data)
        assert veld in fout.value.message_dict
        assert not Adres.objects.exists()


class TestRelatie:
    def test_parent_child_is_recorded_and_audited(self, actor, audit_rows):
        ouder = PersoonFactory(geboortedatum_jaar=1980)
        kind = PersoonFactory(geboortedatum_jaar=2010)
        relatie = relatie_add(actor=actor, persoon_a=ouder, persoon_b=kind, soort="ouder_kind")
        assert relatie.pk
        row = audit_rows()[-1]
        assert row.event == Event.RELATIE_VASTGELEGD
        assert row.data == {"soort": "ouder_kind", "persoon_a": ouder.pk, "persoon_b": kind.pk}

    def test_no_relation_to_oneself(self, actor):
        persoon = PersoonFactory()
        with pytest.raises(ValidationError) as fout:
            relatie_add(actor=actor, persoon_a=persoon, persoon_b=persoon, soort="partner")
        assert fout.value.message_dict["persoon_b"] == [
            "Een persoon kan geen relatie met zichzelf hebben."
        ]

    @pytest.mark.parametrize(
        ("ouder", "kind", "fout"),
        [
            # kind (1970) ouder dan ouder (1980)
            ({"geboortedatum_jaar": 1980}, {"geboortedatum_jaar": 1970}, True),
            # alleen jaren, hetzelfde jaar: niet zeker ouder → toegestaan
            (
                {"alleen_jaar": True, "geboortedatum_jaar": 1980},
                {"alleen_jaar": True, "geboortedatum_jaar": 1980},
                False,
            ),
            # ongeboren kind: altijd jonger
            ({"geboortedatum_jaar": 1990}, {"is_ongeboren": True}, False),
            # ongeboren ouder: kan niet
            ({"is_ongeboren": True}, {"geboortedatum_jaar": 2000}, True),
            # geboortedatum ouder onbekend: geen oordeel
            (
                {"geboortedatum_jaar": None, "alleen_jaar": True},
                {"geboortedatum_jaar": 1970},
                False,
            ),
        ],
    )
    def test_a_child_may_not_be_older_than_the_parent(self, actor, ouder, kind, fout):
        a, b = PersoonFactory(**ouder), PersoonFactory(**kind)
        if fout:
            with pytest.raises(ValidationError) as exc:
                relatie_add(actor=actor, persoon_a=a, persoon_b=b, soort="ouder_kind")
            assert exc.value.message_dict["persoon_b"] == [
                "Het kind kan niet ouder zijn dan de ouder."
            ]
            assert not Relatie.objects.exists()
        else:
            relatie_add(actor=actor, persoon_a=a, persoon_b=b, soort="ouder_kind")

    def test_grandchild_older_than_grandparent_is_refused(self, actor):
        a = PersoonFactory(geboortedatum_jaar=1990)
        b = PersoonFactory(geboortedatum_jaar=1950)
        with pytest.raises(ValidationError) as exc:
            relatie_add(actor=actor, persoon_a=a, persoon_b=b, soort="grootouder_kleinkind")
        assert "kleinkind" in exc.value.message_dict["persoon_b"][0]

    def test_duplicates_are_refused_in_either_direction(self, actor):
        a, b = PersoonFactory(), PersoonFactory()
        relatie_add(actor=actor, persoon_a=a, persoon_b=b, soort="partner")
        with pytest.raises(ValidationError, match="al vastgelegd"):
            relatie_add(actor=actor, persoon_a=b, persoon_b=a, soort="partner")

    def test_directed_relation_in_reverse_is_refused(self, actor):
        a = PersoonFactory(geboortedatum_jaar=1980, alleen_jaar=True)
        b = PersoonFactory(geboortedatum_jaar=1980, alleen_jaar=True)
        relatie_add(actor=actor, persoon_a=a, persoon_b=b, soort="ouder_kind")
        with pytest.raises(ValidationError, match="omgekeerde richting"):
            relatie_add(actor=actor, persoon_a=b, persoon_b=a, soort="ouder_kind")

    def test_several_relations_at_once_skip_recorded_ones_when_asked(self, actor):
        a, b, c = (
            PersoonFactory(geboortedatum_jaar=j, alleen_jaar=True) for j in (1980, 1982, 2015)
        )
        relatie_add(actor=actor, persoon_a=a, persoon_b=b, soort="partner")
        with pytest.raises(ValidationError) as exc:
            relaties_add(actor=actor, paren=[(a, c, "ouder_kind"), (b, a, "partner")])
        assert exc.value.message_dict == {"1": ["Deze relatie is al vastgelegd."]}
        assert Relatie.objects.count() == 1
        nieuw = relaties_add(
            actor=actor,
            paren=[(a, c, "ouder_kind"), (b, a, "partner"), (a, c, "ouder_kind")],
            bestaande_overslaan=True,
        )
        assert [(r.persoon_a_id, r.persoon_b_id, r.soort) for r in nieuw] == [
            (a.pk, c.pk, "ouder_kind")
        ]
        assert Relatie.objects.count() == 2

    def test_an_error_in_a_batch_writes_nothing_and_names_its_position(self, actor):
        ouder = PersoonFactory(geboortedatum_jaar=1980, alleen_jaar=True)
        kind = PersoonFactory(geboortedatum_jaar=2015, alleen_jaar=True)
        with pytest.raises(ValidationError) as exc:
            relaties_add(
                actor=actor,
                paren=[(ouder, kind, "ouder_kind"), (kind, ouder, "grootouder_kleinkind")],
                bestaande_overslaan=True,
            )
        assert list(exc.value.message_dict) == ["1"]
        assert not Relatie.objects.exists()

    def test_unknown_kind_is_refused(self, actor):
        with pytest.raises(ValidationError) as exc:
            relatie_add(
                actor=actor, persoon_a=PersoonFactory(), persoon_b=PersoonFactory(), soort="buur"
            )
        assert exc.value.message_dict["soort"] == ["Kies een soort relatie."]


class TestGezag:
    def test_gezag_is_recorded_and_audited(self, actor, audit_rows):
        kind, ouder = PersoonFactory(), PersoonFactory()
        gezag = gezag_add(
            actor=actor,
            kind=kind,
            gezaghebbende=ouder,
            soort="ouderlijk_gezag",
            van=date(2015, 1, 1),
        )
        assert gezag.is_geldig_op(date(2026, 1, 1))
        assert audit_rows()[-1].event == Event.GEZAG_VASTGELEGD

    @pytest.mark.parametrize(
        ("zelf", "soort", "tot", "ongeboren", "veld"),
        [
            (True, "voogdij", None, False, "gezaghebbende"),  # over zichzelf
            (False, "onbekend", None, False, "soort"),  # geen geldige soort
            (False, "voogdij", date(2014, 1, 1), False, "tot"),  # eindigt vóór begin
            (False, "voogdij", None, True, "gezaghebbende"),  # ongeboren gezaghebbende
        ],
    )
    def test_invalid_gezag_is_refused(self, actor, zelf, soort, tot, ongeboren, veld):
        kind = PersoonFactory()
        ander = kind if zelf else PersoonFactory(is_ongeboren=ongeboren)
        with pytest.raises(ValidationError) as exc:
            gezag_add(
                actor=actor,
                kind=kind,
                gezaghebbende=ander,
                soort=soort,
                van=date(2015, 1, 1),
                tot=tot,
            )
        assert veld in exc.value.message_dict
        assert not Gezag.objects.exists()
