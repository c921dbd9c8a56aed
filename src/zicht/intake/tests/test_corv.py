"""The CORV inbox: import, the inbox pages, turning a report into a melding or forwarding it."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command

from zicht.audit.catalogue import Event
from zicht.intake import services
from zicht.intake.models import CorvBericht, CorvStatus, Melding
from zicht.intake.tests.conftest import DATA, NU, assert_no_personal_data, lees

pytestmark = pytest.mark.django_db


def test_receive_is_idempotent_and_audited_without_names(audit_rows):
    inhoud = lees("zorgmelding-hgkm.json")
    eerste = services.corv_bericht_ontvangen(inhoud=inhoud, ontvangen_op=NU)
    tweede = services.corv_bericht_ontvangen(inhoud=inhoud, ontvangen_op=NU)
    assert eerste.nieuw
    assert not tweede.nieuw
    assert CorvBericht.objects.count() == 1
    bericht = eerste.bericht
    assert bericht.acuut
    assert bericht.status == CorvStatus.NIEUW
    rows = audit_rows(Event.CORV_ONTVANGEN)
    assert len(rows) == 1
    assert rows[0].actor_id is None
    assert_no_personal_data(audit_rows(), "Visser", "Sara", "Kanaalkade")


def test_invalid_report_is_refused():
    with pytest.raises(ValidationError) as fout:
        services.corv_bericht_ontvangen(inhoud=lees("zorgmelding-ongeldig.json"))
    assert any("bericht_id" in m for m in fout.value.message_dict["inhoud"])
    assert not CorvBericht.objects.exists()


def test_import_command(capsys):
    call_command("corv-import", str(DATA / "zorgmeldingen-batch.json"))
    assert "2 nieuw in de CORV-inbox, 0 al aanwezig, 0 geweigerd." in capsys.readouterr().out
    call_command("corv-import", str(DATA / "zorgmeldingen-batch.json"))
    assert "0 nieuw in de CORV-inbox, 2 al aanwezig" in capsys.readouterr().out
    with pytest.raises(SystemExit) as exit_:
        call_command("corv-import", str(DATA / "zorgmelding-ongeldig.json"))
    assert exit_.value.code == 1
    assert "bericht_id: ontbreekt" in capsys.readouterr().err


def test_import_command_bad_files(tmp_path):
    from django.core.management.base import CommandError

    kapot = tmp_path / "kapot.json"
    kapot.write_text("{niet json", encoding="utf-8")
    with pytest.raises(CommandError, match="geen geldige JSON"):
        call_command("corv-import", str(kapot))
    with pytest.raises(CommandError, match="niet lezen"):
        call_command("corv-import", str(tmp_path / "bestaat-niet.json"))


def test_inbox_and_turning_a_report_into_a_melding(verified_client, medewerker, nu, audit_rows):
    bericht = services.corv_bericht_ontvangen(
        inhoud=lees("zorgmelding-hgkm.json"), ontvangen_op=NU
    ).bericht
    client = verified_client(medewerker)
    inbox = client.get("/intake/corv/").content.decode()
    assert "ZM-2026-000101" in inbox
    detail = client.get(f"/intake/corv/{bericht.pk}/")
    assert detail.status_code == 200
    assert audit_rows(Event.CORV_INGEZIEN)
    # the melding page is prefilled from the report
    html = client.get(f"/intake/melding/nieuw/?corv={bericht.pk}").content.decode()
    assert "overgenomen uit het CORV-bericht" in html
    for waarde in ("Sara", "Visser", "Kanaalkade", "Lotte", "Basisteam Alkmaar".lower()):
        assert waarde in html or waarde in html.lower()
    assert 'name="personen-TOTAL_FORMS" value="4"' in html
    assert '<option value="politie_corv" selected>' in html
    # saving it: the report is done, the melding counts
    from zicht.intake.tests.conftest import melding_post

    data = melding_post(
        personen=[
            {
                "rol": "slachtoffer",
                "voornamen": "Sara",
                "achternaam": "Visser",
                "geboortedatum_jaar": "1991",
            },
            {
                "rol": "kind",
                "voornamen": "Lotte",
                "achternaam": "Visser",
                "geboortedatum_jaar": "2021",
            },
        ],
        corv=str(bericht.pk),
        kanaal="politie_corv",
        hoedanigheid="01",
        naam="agent R. de Wit",
        organisatie="Eenheid Noord-Holland",
        ontvangen_op="2026-03-10T02:15",
        acuut="on",
    )
    # the rows were looked up on the prefilled page; save (twice: the check shows candidates
    # only when someone was found — nobody is known here)
    response = client.post("/intake/melding/nieuw/", data)
    assert response.status_code == 302, response.content.decode()
    melding = Melding.objects.get()
    bericht.refresh_from_db()
    assert bericht.status == CorvStatus.OMGEZET
    assert melding.corv_bericht == bericht
    assert melding.acuut
    assert audit_rows(Event.CORV_OMGEZET)
    assert "ZM-2026-000101" not in client.get("/intake/corv/").content.decode()
    # a processed report cannot be turned into a melding again
    again = client.get(f"/intake/melding/nieuw/?corv={bericht.pk}")
    assert again.status_code == 302


def test_forward_a_report_that_is_not_about_violence(verified_client, medewerker, nu, audit_rows):
    call_command("corv-import", str(DATA / "zorgmeldingen-batch.json"))
    bericht = CorvBericht.objects.get(bericht_id="ZM-2026-000102")
    client = verified_client(medewerker)
    fout = client.post(f"/intake/corv/{bericht.pk}/niet-hgkm/", {"doorgestuurd_naar": ""})
    assert fout.status_code == 400
    response = client.post(
        f"/intake/corv/{bericht.pk}/niet-hgkm/",
        {"doorgestuurd_naar": "GGD Hollands Noorden", "toelichting": "Verward, geen geweld."},
    )
    assert response.status_code == 302
    bericht.refresh_from_db()
    assert bericht.status == CorvStatus.NIET_HGKM
    assert bericht.doorgestuurd_naar == "GGD Hollands Noorden"
    assert audit_rows(Event.CORV_NIET_HGKM)
    assert not Melding.objects.exists()  # not counted as a melding
    with pytest.raises(ValidationError):
        services.corv_niet_hgkm(actor=medewerker, bericht=bericht, doorgestuurd_naar="x")


def test_inbox_needs_the_permission(verified_client, beoordelaar):
    bericht = services.corv_bericht_ontvangen(inhoud=lees("zorgmelding-hgkm.json")).bericht
    client = verified_client(beoordelaar)
    assert client.get("/intake/corv/").status_code == 403
    assert client.get(f"/intake/corv/{bericht.pk}/").status_code == 403
