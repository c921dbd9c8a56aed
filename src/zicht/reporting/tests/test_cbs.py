"""The CBS delivery: records, round trip of the fixed-width file, validation, correction,
interruption, rights."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.core.exceptions import PermissionDenied
from openpyxl import load_workbook

from zicht.audit.models import AuditEvent
from zicht.reporting import selectors, services
from zicht.reporting.domain.cbs_formaat import ZICHT_V1
from zicht.reporting.domain.perioden import periode_lees
from zicht.reporting.models import Export, ExportStatus
from zicht.reporting.tests.conftest import VANDAAG
from zicht.reporting.tests.dataset import GELDIG_BSN, bouw_dataset

pytestmark = pytest.mark.django_db


def _export(beheerder, **kw):
    kw.setdefault("soort", "cbs")
    kw.setdefault("periode", "2019-H1")
    kw.setdefault("formaat", "txt")
    export = services.export_aanvragen(actor=beheerder, vandaag=VANDAAG, in_wachtrij=False, **kw)
    return services.export_uitvoeren(export_id=export.pk, vandaag=VANDAAG)


def _regels(export: Export) -> list[tuple[str, dict[str, str]]]:
    pad = services.export_map() / export.bestand
    return ZICHT_V1.lees_bestand(pad.read_bytes().decode("ascii").split("\r\n"))


def test_fixed_width_round_trip_gives_the_hand_counted_records(bouw, beheerder):
    ds = bouw_dataset(bouw)
    export = _export(beheerder)
    assert export.status == ExportStatus.KLAAR
    regels = _regels(export)
    soorten = [s for s, _ in regels]
    assert soorten[0] == "H"
    assert soorten[-1] == "T"
    assert {s: soorten.count(s) for s in "AMPOUW"} == {
        "A": 2,
        "M": 3,
        "P": 5,
        "O": 2,
        "U": 2,
        "W": 1,
    }
    kop = regels[0][1]
    assert kop["periode"] == "2019-H1"
    assert kop["soort_levering"] == "R"
    sluit = regels[-1][1]
    assert sluit == {
        "adviezen": "00000002",
        "meldingen": "00000003",
        "personen": "00000005",
        "onderzoeken": "00000002",
        "uitkomsten": "00000002",
        "vv": "00000001",
        "totaal": "000000017",
    }
    m = {int(w["melding_id"]): w for s, w in regels if s == "M"}
    assert set(m) == {ds.m["m1"].pk, ds.m["m2"].pk, ds.m["m5"].pk}
    m1 = m[ds.m["m1"].pk]
    assert (m1["datum"], m1["datum_besluit"], m1["vervolg"], m1["op_tijd"]) == (
        "20190201",
        "20190206",
        "01",
        "J",
    )
    assert (m1["aard1"], m1["aard2"], m1["aard3"], m1["hoedanigheid"]) == ("01", "08", "", "01")
    assert m1["gemeente"] == "GM0405"
    # Heerhugowaard is reported as its successor Dijk en Waard; V&V maps to 'vervolgtraject'.
    m2 = m[ds.m["m2"].pk]
    assert (m2["gemeente"], m2["vervolg"], m2["op_tijd"], m2["hoedanigheid"]) == (
        "GM1980",
        "02",
        "N",
        "33",
    )
    personen = [w for s, w in regels if s == "P" and int(w["melding_id"]) == ds.m["m1"].pk]
    assert [(p["rol"], p["bsn"], p["geboortedatum"], p["geslacht"]) for p in personen] == [
        ("S", GELDIG_BSN, "19850309", "V"),
        ("P", "000000000", "19800700", "M"),
        ("K", "999999999", "99999999", "O"),
    ]
    # The invalid BSN is delivered as unknown, and reported.
    p5 = next(w for s, w in regels if s == "P" and int(w["melding_id"]) == ds.m["m5"].pk)
    assert (p5["bsn"], p5["geboortedatum"]) == ("000000000", "00000000")
    o = {int(w["dienst_id"]): w for s, w in regels if s == "O"}
    assert o[ds.d["d1"].pk]["op_tijd"] == "J"  # 20-04 ≤ extended deadline 24-04
    assert o[ds.d["d3"].pk]["op_tijd"] == "J"
    u = sorted((w["aard"], w["uitkomst"], w["conclusie"]) for s, w in regels if s == "U")
    assert u == [("01", "03", "B"), ("08", "01", "W")]
    w = next(w for s, w in regels if s == "W")
    assert (int(w["dienst_id"]), w["op_tijd"]) == (ds.d["d2"].pk, "N")
    # Adviezen carry no person at all.
    assert all(
        set(w) == {v.naam for v in ZICHT_V1.soort("A").velden} for s, w in regels if s == "A"
    )


def test_every_line_is_ascii_of_the_fixed_length(bouw, beheerder):
    bouw_dataset(bouw)
    export = _export(beheerder)
    inhoud = (services.export_map() / export.bestand).read_bytes()
    regels = inhoud.split(b"\r\n")
    assert regels[-1] == b""
    assert {len(r) for r in regels[:-1]} == {ZICHT_V1.regellengte}
    inhoud.decode("ascii")


def test_validation_reports_incomplete_registration_with_links_to_the_casus(bouw, beheerder):
    ds = bouw_dataset(bouw)
    export = _export(beheerder, soort="cbs_validatie", formaat="")
    assert export.status == ExportStatus.KLAAR
    assert not export.bestand
    s = export.samenvatting
    assert s["per_regel"] == {
        "fout:aard_ontbreekt": 1,
        "waarschuwing:gemeente_ontbreekt": 1,
        "fout:bsn_ongeldig": 1,
        "waarschuwing:geboortedatum_onbekend": 1,
        "fout:uitkomst_ontbreekt": 1,
    }
    assert (s["fouten"], s["waarschuwingen"]) == (3, 2)
    per_regel = {b["regel"]: b for b in s["bevindingen"]}
    assert per_regel["aard_ontbreekt"]["casus_id"] == ds.m["m5"].casus_id
    assert selectors.bevinding_url(per_regel["uitkomst_ontbreekt"]) == (
        f"/dossiers/{ds.d['d3'].casus_id}/"
    )
    # completeness: aard1 filled in 2 of 3 meldingen
    aard1 = next(
        v for v in s["volledigheid"] if v["recordsoort"] == "melding" and v["veld"] == "aard1"
    )
    assert (aard1["gevuld"], aard1["totaal"], aard1["procent"]) == (2, 3, 66)
    assert GELDIG_BSN not in str(s)


def test_xlsx_has_one_sheet_per_record_type_with_the_same_rows(bouw, beheerder):
    bouw_dataset(bouw)
    export = _export(beheerder, formaat="xlsx")
    boek = load_workbook(services.export_map() / export.bestand, read_only=True)
    aantallen = {blad.title: len(list(blad.iter_rows())) - 1 for blad in boek.worksheets}
    assert aantallen == {
        "kop": 1,
        "advies": 2,
        "melding": 3,
        "persoon": 5,
        "onderzoek": 2,
        "uitkomst": 2,
        "voorwaarden_en_vervolg": 1,
        "sluit": 1,
    }
    persoon = list(boek["persoon"].iter_rows(values_only=True))
    assert persoon[0] == ("melding_id", "rol", "bsn", "geboortedatum", "geslacht")
    assert ("999999999", "99999999") in {(r[2], r[3]) for r in persoon[1:]}


def test_correction_replaces_the_whole_period(bouw, beheerder):
    bouw_dataset(bouw)
    eerste = _export(beheerder)
    correctie = _export(beheerder, correctie=True)
    eerste.refresh_from_db()
    assert eerste.vervangen_door_id == correctie.pk
    assert _regels(correctie)[0][1]["soort_levering"] == "C"
    assert AuditEvent.objects.filter(event=606).count() == 1


def test_future_or_running_period_is_refused(bouw, beheerder):
    with pytest.raises(services.ExportFout, match="toekomst"):
        services.export_aanvragen(
            actor=beheerder,
            soort="cbs",
            periode="2020-H2",
            formaat="txt",
            vandaag=VANDAAG,
            in_wachtrij=False,
        )
    with pytest.raises(services.ExportFout, match="nog niet afgelopen"):
        services.export_aanvragen(
            actor=beheerder,
            soort="cbs",
            periode="2020-H1",
            formaat="txt",
            vandaag=VANDAAG,
            in_wachtrij=False,
        )
    with pytest.raises(services.ExportFout, match="halfjaar"):
        services.export_aanvragen(
            actor=beheerder,
            soort="cbs",
            periode="2019",
            formaat="txt",
            vandaag=VANDAAG,
            in_wachtrij=False,
        )
    assert not Export.objects.exists()


def test_interrupted_export_leaves_no_file_and_is_never_complete(bouw, beheerder, monkeypatch):
    bouw_dataset(bouw)
    echte = selectors.cbs_records

    def onderbroken(periode):
        for i, record in enumerate(echte(periode)):
            if i == 4:
                raise ConnectionError("database weg")
            yield record

    monkeypatch.setattr(selectors, "cbs_records", onderbroken)
    export = _export(beheerder)
    assert export.status == ExportStatus.MISLUKT
    assert not export.bestand
    assert not export.is_downloadbaar
    assert list(services.export_map().glob(f"*{export.pk}-*")) == []
    with pytest.raises(services.ExportFout):
        services.export_download(actor=beheerder, export=export)
    assert AuditEvent.objects.filter(event=604, target_id=str(export.pk)).exists()


def test_dead_worker_export_is_closed_as_failed(bouw, beheerder):
    from datetime import timedelta

    from django.utils import timezone

    export = services.export_aanvragen(
        actor=beheerder,
        soort="cbs",
        periode="2019-H1",
        formaat="txt",
        vandaag=VANDAAG,
        in_wachtrij=False,
    )
    Export.objects.filter(pk=export.pk).update(
        status="bezig", gestart_op=timezone.now() - timedelta(hours=2)
    )
    deel = services.export_map() / f".{export.pk}-cbs-2019-H1.txt.deel"
    deel.write_bytes(b"H half")
    assert services.exports_verweesd_afsluiten() == 1
    export.refresh_from_db()
    assert export.status == ExportStatus.MISLUKT
    assert not deel.exists()


def test_user_without_rights_is_refused_and_audited(bouw, make_user, gemeente_hoorn):
    from zicht.accounts.permissions import Perm

    teamleider = make_user("tl", perms=(Perm.RAPPORTAGE_INZIEN,))
    for user in (teamleider, gemeente_hoorn):
        with pytest.raises(PermissionDenied):
            services.export_aanvragen(
                actor=user,
                soort="cbs",
                periode="2019-H1",
                formaat="txt",
                vandaag=VANDAAG,
                in_wachtrij=False,
            )
    assert AuditEvent.objects.filter(event=601).count() == 2
    assert not Export.objects.exists()


def test_cbs_aantallen_matches_the_records(bouw):
    bouw_dataset(bouw)
    assert selectors.cbs_aantallen(periode_lees("2019-H1")) == {"A": 2, "M": 3, "O": 2, "W": 1}


def test_cli_writes_the_file(bouw, tmp_path: Path):
    from django.core.management import call_command

    bouw_dataset(bouw)
    uit = tmp_path / "cbs.txt"
    from io import StringIO

    out = StringIO()
    from datetime import UTC, datetime

    import time_machine

    with time_machine.travel(datetime(2020, 1, 15, 9, tzinfo=UTC), tick=False):
        call_command("cbs-export", "--periode", "2019-H1", "--uit", str(uit), stdout=out)
    regels = ZICHT_V1.lees_bestand(uit.read_bytes().decode("ascii").split("\r\n"))
    assert [s for s, _ in regels].count("M") == 3
    assert "3 fouten" in out.getvalue()
    assert AuditEvent.objects.filter(event=602).exists()
