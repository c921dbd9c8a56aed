"""Casework writes: atomic, audited, Dutch errors at the field, nothing half-saved."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from zicht.accounts.permissions import Perm
from zicht.accounts.services import ConcurrentEditError
from zicht.audit.catalogue import Event
from zicht.casework import services
from zicht.casework.models import (
    Betrokkene,
    Bijlage,
    Casus,
    CasusNummerTeller,
    CasusStatus,
    JournaalAppendOnlyError,
    JournaalItem,
    Taak,
    TaakOpschorting,
    TaakVerlenging,
)
from zicht.casework.tests import uploads
from zicht.casework.tests.conftest import BEWERKEN, assert_no_personal_data
from zicht.casework.tests.factories import (
    CasusFactory,
    JournaalItemFactory,
    PersoonFactory,
    TeamFactory,
    UserFactory,
)
from zicht.people.models import Gemeente

pytestmark = pytest.mark.django_db

NU = datetime(2026, 3, 16, 10, 0, tzinfo=UTC)  # maandag 16 maart 2026


def bijlage_bestanden() -> list[Path]:
    root = Path(settings.MEDIA_ROOT) / "bijlagen"
    return sorted(p for p in root.rglob("*") if p.is_file()) if root.exists() else []


class TestCasus:
    def test_numbers_follow_per_year(self, medewerker, team, audit_rows):
        gemeente = Gemeente.objects.get(pk="GM0361")
        a = services.casus_open(actor=medewerker, team=team, gemeente=gemeente, geopend_op=NU)
        b = services.casus_open(actor=medewerker, team=team, geopend_op=NU)
        c = services.casus_open(
            actor=medewerker, team=team, geopend_op=datetime(2027, 1, 1, 9, tzinfo=UTC)
        )
        assert [a.nummer, b.nummer, c.nummer] == ["2026-000001", "2026-000002", "2027-000001"]
        row = audit_rows(Event.CASUS_AANGEMAAKT)[0]
        assert row.target_id == str(a.pk)
        assert row.data == {"team": team.pk, "gemeente": "GM0361"}

    def test_a_rolled_back_casus_gives_its_number_back(self, medewerker, team):
        services.casus_open(actor=medewerker, team=team, geopend_op=NU)
        genomen: list[str] = []

        def openen_en_afbreken() -> None:
            with transaction.atomic():
                genomen.append(
                    services.casus_open(actor=medewerker, team=team, geopend_op=NU).nummer
                )
                raise RuntimeError("afgebroken")

        with pytest.raises(RuntimeError):
            openen_en_afbreken()
        assert genomen == ["2026-000002"]
        volgende = services.casus_open(actor=medewerker, team=team, geopend_op=NU)
        assert volgende.nummer == "2026-000002"
        assert CasusNummerTeller.objects.get(jaar=2026).laatste == 2

    def test_the_counter_sql_names_the_counter_table(self):
        assert CasusNummerTeller._meta.db_table in services._VOLGEND_NUMMER_SQL

    def test_the_year_is_the_local_year(self, medewerker, team):
        # 31-12-2026 23:30 UTC is already 1 January 2027 in Amsterdam
        casus = services.casus_open(
            actor=medewerker, team=team, geopend_op=datetime(2026, 12, 31, 23, 30, tzinfo=UTC)
        )
        assert casus.nummer.startswith("2027-")

    def test_an_inactive_team_cannot_hold_a_new_casus(self, medewerker):
        team = TeamFactory(actief=False)
        with pytest.raises(ValidationError) as fout:
            services.casus_open(actor=medewerker, team=team)
        assert fout.value.message_dict == {"team": ["Dit team is niet actief."]}
        assert not Casus.objects.exists()

    def test_closing(self, medewerker, team, audit_rows):
        casus = services.casus_open(actor=medewerker, team=team, geopend_op=NU)
        services.casus_sluiten(
            actor=medewerker, casus=casus, expected_version=1, gesloten_op=NU + timedelta(days=9)
        )
        casus.refresh_from_db()
        assert casus.status == CasusStatus.GESLOTEN
        assert casus.version == 2
        assert audit_rows(Event.CASUS_GESLOTEN)
        with pytest.raises(ConcurrentEditError):
            services.casus_sluiten(actor=medewerker, casus=casus, expected_version=1)
        with pytest.raises(ValidationError, match="al gesloten"):
            services.casus_sluiten(actor=medewerker, casus=casus, expected_version=2)

    def test_closing_before_opening_is_refused(self, medewerker, team):
        casus = services.casus_open(actor=medewerker, team=team, geopend_op=NU)
        with pytest.raises(ValidationError) as fout:
            services.casus_sluiten(
                actor=medewerker, casus=casus, expected_version=1, gesloten_op=NU - timedelta(1)
            )
        assert "gesloten_op" in fout.value.message_dict


class TestBetrokkenen:
    def test_roles_are_added_and_audited_without_names(self, medewerker, audit_rows):
        casus = CasusFactory()
        persoon = PersoonFactory(bsn="111222333", achternaam="Visser", voornamen="Fien")
        services.betrokkene_add(
            actor=medewerker, casus=casus, persoon=persoon, rol="vermoedelijk_slachtoffer"
        )
        services.betrokkene_add(actor=medewerker, casus=casus, persoon=persoon, rol="getuige")
        assert Betrokkene.objects.filter(casus=casus, persoon=persoon).count() == 2
        rows = audit_rows(Event.BETROKKENE_TOEGEVOEGD)
        assert rows[0].data["persoon"] == persoon.pk
        assert_no_personal_data(rows, "111222333", "Visser", "Fien")

    @pytest.mark.parametrize(("rol", "veld"), [("dader", "rol"), ("getuige", "persoon")])
    def test_invalid_or_duplicate_role(self, medewerker, rol, veld):
        casus, persoon = CasusFactory(), PersoonFactory()
        services.betrokkene_add(actor=medewerker, casus=casus, persoon=persoon, rol="getuige")
        with pytest.raises(ValidationError) as fout:
            services.betrokkene_add(actor=medewerker, casus=casus, persoon=persoon, rol=rol)
        assert veld in fout.value.message_dict

    def test_several_roles_at_once_with_one_check_and_one_insert(self, medewerker, audit_rows):
        casus = CasusFactory()
        a, b = PersoonFactory(), PersoonFactory()
        with CaptureQueriesContext(connection) as queries:
            nieuw = services.betrokkenen_add(
                actor=medewerker, casus=casus, rollen=[(a, "getuige"), (b, "getuige")]
            )
        assert [(x.persoon_id, x.rol) for x in nieuw] == [(a.pk, "getuige"), (b.pk, "getuige")]
        assert all(x.pk for x in nieuw)
        inserts = [q for q in queries.captured_queries if "INSERT" in q["sql"].upper()]
        assert len([q for q in inserts if "casework_betrokkene" in q["sql"]]) == 1
        rows = audit_rows(Event.BETROKKENE_TOEGEVOEGD)
        assert sorted(r.data["betrokkene"] for r in rows) == sorted(x.pk for x in nieuw)

    def test_a_duplicate_in_the_batch_or_in_the_casus_writes_nothing(self, medewerker):
        casus = CasusFactory()
        a, b = PersoonFactory(), PersoonFactory()
        with pytest.raises(ValidationError) as fout:
            services.betrokkenen_add(
                actor=medewerker, casus=casus, rollen=[(a, "getuige"), (a, "getuige")]
            )
        assert "persoon" in fout.value.message_dict
        services.betrokkene_add(actor=medewerker, casus=casus, persoon=a, rol="getuige")
        with pytest.raises(ValidationError):
            services.betrokkenen_add(
                actor=medewerker, casus=casus, rollen=[(b, "getuige"), (a, "getuige")]
            )
        assert list(
            Betrokkene.objects.filter(casus=casus).values_list("persoon_id", flat=True)
        ) == [a.pk]


class TestMedewerkers:
    def test_assignment_is_audited(self, medewerker, audit_rows):
        casus, collega = CasusFactory(), UserFactory()
        toewijzing = services.casus_medewerker_toewijzen(
            actor=medewerker, casus=casus, user=collega, rol="onderzoeker", van=date(2026, 3, 1)
        )
        assert toewijzing.is_actief_op(date(2026, 3, 16))
        row = audit_rows(Event.CASUS_MEDEWERKER_TOEGEWEZEN)[0]
        assert row.data == {"medewerker": collega.pk, "rol": "onderzoeker", "van": "2026-03-01",
                            "tot": None}  # fmt: skip

    def test_invalid_assignment(self, medewerker):
        inactief = UserFactory(is_active=False)
        with pytest.raises(ValidationError) as fout:
            services.casus_medewerker_toewijzen(
                actor=medewerker,
                casus=CasusFactory(),
                user=inactief,
                rol="baas",
                van=date(2026, 3, 2),
                tot=date(2026, 3, 1),
            )
        assert set(fout.value.message_dict) == {"rol", "user", "tot"}


class TestJournaal:
    def test_an_item_with_attachments_is_stored_and_audited(self, medewerker, audit_rows):
        casus = CasusFactory()
        item = services.journaal_add(
            actor=medewerker,
            casus=casus,
            soort="huisbezoek",
            tekst="Gesprek met moeder (BSN 111222333 genoemd).",
            moment=NU - timedelta(hours=2),
            bijlagen=[
                uploads.upload("verslag.pdf", uploads.PDF),
                uploads.upload("plan.docx", uploads.DOCX),
            ],
            nu=NU,
        )
        bijlagen = list(item.bijlagen.order_by("pk"))
        assert [b.oorspronkelijke_naam for b in bijlagen] == ["verslag.pdf", "plan.docx"]
        assert bijlagen[0].mime_type == "application/pdf"
        assert bijlagen[0].grootte == len(uploads.PDF)
        # stored under a random path without the original name or extension
        for bijlage in bijlagen:
            assert "verslag" not in bijlage.bestand.name
            assert "." not in Path(bijlage.bestand.name).name
            assert len(Path(bijlage.bestand.name).name) == 32
            assert bijlage.bestand.open("rb").read()[:4] in {b"%PDF", b"PK\x03\x04"}
        assert [r.event for r in audit_rows()] == [
            Event.JOURNAAL_TOEGEVOEGD,
            Event.BIJLAGE_TOEGEVOEGD,
            Event.BIJLAGE_TOEGEVOEGD,
        ]
        assert_no_personal_data(audit_rows(), "111222333", "moeder", "verslag.pdf")

    @pytest.mark.parametrize(
        ("naam", "inhoud", "melding"),
        [
            ("virus.exe", uploads.EXE, "Uitvoerbare bestanden"),  # uitvoerbaar
            ("verslag.pdf", uploads.EXE, "Uitvoerbare bestanden"),  # vermomd
            ("foto.png", uploads.PDF, "geen PNG-afbeelding"),  # verkeerd type
            ("archief.zip", uploads.office_zip("a"), "niet geaccepteerd"),  # niet toegestaan
        ],
    )
    def test_a_refused_attachment_leaves_nothing(
        self, medewerker, audit_rows, naam, inhoud, melding
    ):
        # given one good and one bad attachment
        voor = bijlage_bestanden()
        with pytest.raises(ValidationError) as fout:
            services.journaal_add(
                actor=medewerker,
                casus=CasusFactory(),
                soort="notitie",
                tekst="Notitie",
                moment=NU,
                bijlagen=[uploads.upload("ok.pdf", uploads.PDF), uploads.upload(naam, inhoud)],
                nu=NU,
            )
        # then the message names the file, and neither item nor file nor audit row remains
        (bericht,) = fout.value.message_dict["bijlagen"]
        assert bericht.startswith(f"{naam}: ")
        assert melding in bericht
        assert not JournaalItem.objects.exists()
        assert not Bijlage.objects.exists()
        assert bijlage_bestanden() == voor
        assert audit_rows() == []

    def test_an_oversized_attachment_leaves_nothing(self, medewerker, monkeypatch):
        monkeypatch.setattr("zicht.casework.domain.bestanden.MAX_GROOTTE", 64)
        voor = bijlage_bestanden()
        with pytest.raises(ValidationError, match="te groot"):
            services.journaal_add(
                actor=medewerker,
                casus=CasusFactory(),
                soort="notitie",
                tekst="Notitie",
                moment=NU,
                bijlagen=[uploads.upload("groot.pdf", uploads.PDF + b" " * 100)],
                nu=NU,
            )
        assert not JournaalItem.objects.exists()
        assert bijlage_bestanden() == voor

    def test_files_written_before_a_later_failure_are_removed(self, medewerker, monkeypatch):
        # given the second attachment's audit write fails after its file was stored
        echte = services.audit_event_record
        teller = {"bijlagen": 0}

        def falend(**kwargs):
            if kwargs["event"] == Event.BIJLAGE_TOEGEVOEGD:
                teller["bijlagen"] += 1
                if teller["bijlagen"] == 2:
                    raise RuntimeError("auditlog onbereikbaar")
            return echte(**kwargs)

        monkeypatch.setattr(services, "audit_event_record", falend)
        voor = bijlage_bestanden()
        with pytest.raises(RuntimeError):
            services.journaal_add(
                actor=medewerker,
                casus=CasusFactory(),
                soort="notitie",
                tekst="Notitie",
                moment=NU,
                bijlagen=[
                    uploads.upload("a.pdf", uploads.PDF),
                    uploads.upload("b.pdf", uploads.PDF),
                ],
                nu=NU,
            )
        # then the transaction rolled back and both stored files are gone
        assert not JournaalItem.objects.exists()
        assert bijlage_bestanden() == voor

    @pytest.mark.parametrize(
        ("kwargs", "veld"),
        [
            ({"soort": "roddel"}, "soort"),
            ({"tekst": "   "}, "tekst"),
            ({"moment": NU + timedelta(minutes=6)}, "moment"),  # toekomst (marge 5 min)
            ({"moment": NU - timedelta(days=800)}, "moment"),  # ver vóór de opening
            ({"medisch": True}, "medisch"),  # casemanager mag geen medische notitie
        ],
    )
    def test_invalid_items_are_refused(self, medewerker, kwargs, veld):
        data = {"soort": "gesprek", "tekst": "Tekst", "moment": NU, **kwargs}
        with pytest.raises(ValidationError) as fout:
            services.journaal_add(actor=medewerker, casus=CasusFactory(), nu=NU, **data)
        assert veld in fout.value.message_dict
        assert not JournaalItem.objects.exists()

    def test_a_vertrouwensarts_writes_medical_notes(self, make_user, team):
        arts = make_user(perms=(*BEWERKEN, Perm.MEDISCHE_NOTITIE), teams=[team])
        item = services.journaal_add(
            actor=arts,
            casus=CasusFactory(team=team),
            soort="notitie",
            tekst="Letselbeschrijving",
            moment=NU,
            medisch=True,
            nu=NU,
        )
        assert item.medisch

    def test_corrections_are_new_items_and_items_never_change(self, medewerker):
        casus = CasusFactory()
        origineel = JournaalItemFactory(casus=casus)
        correctie = services.journaal_add(
            actor=medewerker,
            casus=casus,
            soort="notitie",
            tekst="Correctie: het bezoek was op dinsdag.",
            moment=NU,
            corrigeert=origineel,
            nu=NU,
        )
        assert correctie.corrigeert == origineel
        origineel.tekst = "overschreven"
        with pytest.raises(JournaalAppendOnlyError):
            origineel.save()
        with pytest.raises(JournaalAppendOnlyError):
            origineel.delete()

    def test_a_correction_must_be_of_the_same_casus(self, medewerker):
        with pytest.raises(ValidationError) as fout:
            services.journaal_add(
                actor=medewerker,
                casus=CasusFactory(),
                soort="notitie",
                tekst="Correctie",
                moment=NU,
                corrigeert=JournaalItemFactory(),
                nu=NU,
            )
        assert "corrigeert" in fout.value.message_dict


class TestTaken:
    @pytest.fixture(autouse=True)
    def _klok(self, time_machine):
        time_machine.move_to(NU, tick=False)

    def test_a_task_with_a_term_gets_its_deadline_from_the_calendar(self, medewerker, audit_rows):
        # given a VB decision due 5 working days after Thursday 30-04-2026:
        # vr 01-05 (1), ma 04-05 (2), di 05-05 Bevrijdingsdag, wo 06-05 (3), do 07-05 (4),
        # vr 08-05 (5)
        taak = services.taak_create(
            actor=medewerker,
            casus=CasusFactory(),
            omschrijving="Besluit veiligheidsbeoordeling",
            termijn_code="vb_besluit",
            start=date(2026, 4, 30),
        )
        assert taak.deadline == taak.oorspronkelijke_deadline == date(2026, 5, 8)
        row = audit_rows(Event.TAAK_AANGEMAAKT)[0]
        assert row.data["termijn"] == "vb_besluit"
        assert row.data["deadline"] == "2026-05-08"

    def test_several_tasks_at_once_with_one_insert(self, medewerker, audit_rows):
        casus = CasusFactory()
        with CaptureQueriesContext(connection) as queries:
            taken = services.taken_create(
                actor=medewerker,
                casus=casus,
                taken=[
                    services.NieuweTaak(
                        "Besluit", termijn_code="vb_besluit", start=date(2026, 4, 30)
                    ),
                    services.NieuweTaak("Bel school", deadline_datum=date(2026, 5, 1)),
                ],
            )
        assert [t.deadline for t in taken] == [date(2026, 5, 8), date(2026, 5, 1)]
        assert [t.start for t in taken] == [date(2026, 4, 30), date(2026, 3, 16)]
        inserts = [q for q in queries.captured_queries if "INSERT" in q["sql"].upper()]
        assert len([q for q in inserts if "casework_taak" in q["sql"]]) == 1
        rows = audit_rows(Event.TAAK_AANGEMAAKT)
        assert sorted(r.data["taak"] for r in rows) == sorted(t.pk for t in taken)

    def test_an_invalid_task_in_a_batch_writes_none_and_names_its_position(self, medewerker):
        casus = CasusFactory()
        with pytest.raises(ValidationError) as fout:
            services.taken_create(
                actor=medewerker,
                casus=casus,
                taken=[
                    services.NieuweTaak("Bel school", deadline_datum=date(2026, 5, 1)),
                    services.NieuweTaak(" ", termijn_code="vb_besluit"),
                ],
            )
        assert set(fout.value.message_dict) == {"1.omschrijving"}
        assert not Taak.objects.filter(casus=casus).exists()

    def test_explicit_deadline_and_default_start(self, medewerker):
        taak = services.taak_create(
            actor=medewerker,
            casus=CasusFactory(),
            omschrijving="Bel school",
            deadline_datum=date(2026, 3, 20),
        )
        assert (taak.start, taak.deadline) == (date(2026, 3, 16), date(2026, 3, 20))

    @pytest.mark.parametrize(
        ("kwargs", "veld", "melding"),
        [
            ({}, "termijn_code", "Kies een termijn óf vul een deadline in (één van beide)."),
            (
                {"termijn_code": "vb_besluit", "deadline_datum": date(2026, 4, 1)},
                "termijn_code",
                None,
            ),
            ({"termijn_code": "bestaat_niet"}, "termijn_code", "Deze termijn bestaat niet"),
            ({"termijn_code": "acuut"}, "termijn_code", "Een termijn in uren"),
            ({"deadline_datum": date(2026, 3, 1)}, "deadline_datum", "vóór de startdatum"),
            ({"deadline_datum": date(2026, 4, 1), "omschrijving": " "}, "omschrijving", None),
        ],
    )
    def test_invalid_tasks(self, medewerker, kwargs, veld, melding):
        data = {"omschrijving": "Taak", **kwargs}
        with pytest.raises(ValidationError) as fout:
            services.taak_create(actor=medewerker, casus=CasusFactory(), **data)
        assert veld in fout.value.message_dict
        if melding:
            assert melding in fout.value.message_dict[veld][0]
        assert not Taak.objects.exists()

    def test_a_closed_casus_gets_no_tasks(self, medewerker):
        with pytest.raises(ValidationError, match="gesloten casus"):
            services.taak_create(
                actor=medewerker,
                casus=CasusFactory(gesloten=True),
                omschrijving="Taak",
                deadline_datum=date(2026, 4, 1),
            )

    def test_suspension_and_extension_recompute_the_deadline(self, medewerker, audit_rows):
        # given a VB term from Monday 02-03-2026: due Monday 09-03
        taak = services.taak_create(
            actor=medewerker,
            casus=CasusFactory(),
            omschrijving="Besluit",
            termijn_code="vb_besluit",
            start=date(2026, 3, 2),
        )
        assert taak.deadline == date(2026, 3, 9)
        # when suspended Tue 03-03 up to and including Wed 04-03 (2 working days)
        taak = services.taak_opschorten(
            actor=medewerker,
            taak=taak,
            van=date(2026, 3, 3),
            tot=date(2026, 3, 4),
            reden="Wachten op politierapport",
            expected_version=1,
        )
        # then the deadline moves 2 working days: Wednesday 11-03
        assert taak.deadline == date(2026, 3, 11)
        assert taak.opgeschorte_dagen == 2
        # and when extended by 1 working day: Thursday 12-03
        taak = services.taak_verlengen(
            actor=medewerker, taak=taak, aantal=1, reden="Extra consult", expected_version=2
        )
        assert taak.deadline == date(2026, 3, 12)
        assert taak.oorspronkelijke_deadline == date(2026, 3, 9)
        assert services.taak_termijn_stand(taak).einddatum == date(2026, 3, 12)
        assert [r.event for r in audit_rows()][-2:] == [
            Event.TERMIJN_OPGESCHORT,
            Event.TERMIJN_VERLENGD,
        ]
        assert_no_personal_data(audit_rows(), "politierapport", "consult")

    @pytest.mark.parametrize(
        ("van", "tot", "reden", "veld", "melding"),
        [
            # ma 02-03 + 5 werkdagen max: di 03-03 t/m vr 13-03 is 9 werkdagen → te lang
            (date(2026, 3, 3), date(2026, 3, 13), "r", "tot", "langer dan de 5 werkdagen"),
            # eindigt vóór begin
            (date(2026, 3, 5), date(2026, 3, 4), "r", "tot", "vóór haar begin"),
            # begint vóór de start van de taak
            (date(2026, 3, 1), date(2026, 3, 3), "r", "van", "vóór de start"),
            # begint na het einde van de termijn (09-03)
            (date(2026, 3, 10), date(2026, 3, 11), "r", "van", "na het einde"),
            # zonder reden
            (date(2026, 3, 3), date(2026, 3, 3), "  ", "reden", "Geef een reden"),
        ],
    )
    def test_invalid_suspension_gives_a_dutch_error_at_the_field(
        self, medewerker, van, tot, reden, veld, melding
    ):
        taak = services.taak_create(
            actor=medewerker,
            casus=CasusFactory(),
            omschrijving="Besluit",
            termijn_code="vb_besluit",
            start=date(2026, 3, 2),
        )
        with pytest.raises(ValidationError) as fout:
            services.taak_opschorten(actor=medewerker, taak=taak, van=van, tot=tot, reden=reden)
        assert melding in fout.value.message_dict[veld][0]
        taak.refresh_from_db()
        assert taak.deadline == date(2026, 3, 9)
        assert not TaakOpschorting.objects.exists()

    def test_overlapping_suspensions_are_refused(self, medewerker):
        taak = services.taak_create(
            actor=medewerker,
            casus=CasusFactory(),
            omschrijving="Onderzoek",
            termijn_code="onderzoek_afronding",
            start=date(2026, 3, 2),
        )
        services.taak_opschorten(
            actor=medewerker, taak=taak, van=date(2026, 3, 3), tot=date(2026, 3, 10), reden="a"
        )
        with pytest.raises(ValidationError) as fout:
            services.taak_opschorten(
                actor=medewerker, taak=taak, van=date(2026, 3, 9), tot=date(2026, 3, 12), reden="b"
            )
        assert "overlappen" in fout.value.message_dict["tot"][0]

    def test_invalid_extension(self, medewerker):
        taak = services.taak_create(
            actor=medewerker,
            casus=CasusFactory(),
            omschrijving="T",
            deadline_datum=date(2026, 4, 1),
        )
        with pytest.raises(ValidationError) as fout:
            services.taak_verlengen(actor=medewerker, taak=taak, aantal=0, reden="r")
        assert "aantal" in fout.value.message_dict
        with pytest.raises(ValidationError) as fout:
            services.taak_verlengen(actor=medewerker, taak=taak, aantal=2, reden="")
        assert "reden" in fout.value.message_dict
        assert not TaakVerlenging.objects.exists()

    def test_explicit_deadline_extension_counts_calendar_days(self, medewerker):
        taak = services.taak_create(
            actor=medewerker,
            casus=CasusFactory(),
            omschrijving="T",
            deadline_datum=date(2026, 4, 1),
        )
        taak = services.taak_verlengen(actor=medewerker, taak=taak, aantal=3, reden="r")
        assert taak.deadline == date(2026, 4, 4)

    def test_completing(self, medewerker, audit_rows):
        taak = services.taak_create(
            actor=medewerker,
            casus=CasusFactory(),
            omschrijving="T",
            deadline_datum=date(2026, 4, 1),
        )
        services.taak_afronden(actor=medewerker, taak=taak, expected_version=1)
        taak.refresh_from_db()
        assert taak.afgerond_op == NU
        assert taak.afgerond_door == medewerker
        assert audit_rows(Event.TAAK_AFGEROND)[0].data == {"taak": taak.pk, "op_tijd": True}
        # a completed task cannot be completed, suspended or extended again
        with pytest.raises(ValidationError, match="al afgerond"):
            services.taak_afronden(actor=medewerker, taak=taak)
        with pytest.raises(ValidationError, match="al afgerond"):
            services.taak_verlengen(actor=medewerker, taak=taak, aantal=1, reden="r")

    def test_a_stale_version_is_refused(self, medewerker):
        taak = services.taak_create(
            actor=medewerker,
            casus=CasusFactory(),
            omschrijving="T",
            deadline_datum=date(2026, 4, 1),
        )
        services.taak_verlengen(actor=medewerker, taak=taak, aantal=1, reden="r")
        with pytest.raises(ConcurrentEditError):
            services.taak_afronden(actor=medewerker, taak=taak, expected_version=1)

    def test_an_inactive_assignee_is_refused(self, medewerker):
        with pytest.raises(ValidationError) as fout:
            services.taak_create(
                actor=medewerker,
                casus=CasusFactory(),
                omschrijving="T",
                deadline_datum=date(2026, 4, 1),
                toegewezen_aan=UserFactory(is_active=False),
            )
        assert "toegewezen_aan" in fout.value.message_dict
