"""Feedback to the melder by letter and/or e-mail, the letter to the family (never a protected
source or a secret address), and the Onderzoek start term."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime
from unittest import mock

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse

from zicht.assessment import services
from zicht.assessment.models import Veiligheidsbeoordeling
from zicht.assessment.tests.conftest import (
    NU,
    PERSOONSGEGEVENS,
    STRUCTUREEL,
    assert_no_personal_data,
)
from zicht.audit.catalogue import Event
from zicht.casework.models import JournaalItem, Taak
from zicht.diensten.models import Terugkoppeling, TerugkoppelingStatus
from zicht.diensten.services import (
    besluit_bevestigen,
    gezinsbrief,
    gezinsbrief_html,
    terugkoppeling_versturen,
)
from zicht.intake.models import Melder, MeldingBetrokkene
from zicht.intake.services import BronInvoer, informant_vastleggen, melding_register
from zicht.intake.tests.test_services_melding import invoer
from zicht.people.models import Adres

pytestmark = pytest.mark.django_db

MAANDAG = datetime(2026, 3, 16, 9, 0, tzinfo=UTC)

#: A huisarts who *reported*: a melder, so she gets feedback.
HUISARTS_MELDER = BronInvoer(
    hoedanigheid="02",
    naam="Dr. P. Bakker",
    organisatie="Huisartsenpraktijk De Linde",
    telefoon="072-5110000",
    email="p.bakker@delinde.example",
)
#: The protected source data of that melder.
MELDERGEGEVENS = ("Bakker", "Huisartsenpraktijk De Linde", "072-5110000", "delinde.example")


def _melding(medewerker, melder=HUISARTS_MELDER):
    return melding_register(
        actor=medewerker, invoer=invoer(formulier_token=uuid.uuid4(), melder=melder), nu=NU
    ).object


def _besluit(melding, voorsteller, collega, soort="overdracht_na_vb", **extra):
    extra.setdefault("ontvangende_partij", "Wijkteam Noord")
    besluit = services.besluit_voorstellen(
        actor=voorsteller,
        melding=melding,
        soort=soort,
        antwoorden=STRUCTUREEL,
        motivering="Structurele zorgen; gezin erkent de zorgen.",
        nu=NU,
        **extra,
    )
    versie = Veiligheidsbeoordeling.objects.get(melding=melding).version
    return besluit_bevestigen(actor=collega, besluit=besluit, expected_version=versie, nu=MAANDAG)


def test_feedback_by_email_with_the_letter_attached(
    medewerker, voorsteller, collega, vb_team, audit_rows
):
    # Given a melding by a huisarts (a melder, not an informant) with an e-mail address, and a
    # physician consulted only as informant
    melding = _melding(medewerker)
    informant_vastleggen(
        actor=medewerker,
        melding=melding,
        bron=BronInvoer(
            hoedanigheid="02",
            naam="Dr. I. Informant",
            organisatie="Praktijk Informant",
            email="informant@praktijk.example",
        ),
        onderwerp="Bekende zorgen.",
        geraadpleegd_op=NU,
        nu=NU,
    )
    terugkoppeling = _besluit(melding, voorsteller, collega).terugkoppeling
    # When the feedback is sent by e-mail with the letter
    verstuurd = terugkoppeling_versturen(
        actor=collega, terugkoppeling=terugkoppeling, kanaal="beide", nu=MAANDAG
    )
    # Then exactly one e-mail went out, to the melder only — never to the informant
    assert len(mail.outbox) == 1
    bericht = mail.outbox[0]
    assert bericht.to == ["p.bakker@delinde.example"]
    assert "informant@praktijk.example" not in str(bericht.recipients())
    # ... in Dutch, saying that follow-up started and who took over, nothing about the family
    assert "Er is een vervolg ingezet" in bericht.body
    assert "Wijkteam Noord" in bericht.body
    for woord in (*PERSOONSGEGEVENS, "Structurele zorgen", "onveilig"):
        assert woord not in bericht.body
    naam, inhoud, soort = bericht.attachments[0]
    assert naam == f"terugkoppeling-{melding.nummer}.pdf"
    assert soort == "application/pdf"
    assert inhoud.startswith(b"%PDF")
    assert verstuurd.email_verstuurd
    # ... the feedback is sent, on the timeline without the melder's identity, and audited
    terugkoppeling.refresh_from_db()
    assert terugkoppeling.status == TerugkoppelingStatus.VERSTUURD
    assert terugkoppeling.verstuurd_op == MAANDAG
    journaal = JournaalItem.objects.get(casus=melding.casus, tekst__contains="verstuurd per")
    for woord in MELDERGEGEVENS:
        assert woord not in journaal.tekst
    rij = audit_rows(Event.TERUGKOPPELING_VERSTUURD)[0]
    assert rij.data["kanaal"] == "beide"
    assert_no_personal_data(audit_rows(), *PERSOONSGEGEVENS, *MELDERGEGEVENS)


def test_no_email_address_is_a_clear_error_and_nothing_is_written(
    medewerker, voorsteller, collega, vb_team, audit_rows
):
    melding = _melding(
        medewerker,
        BronInvoer(
            hoedanigheid="02", naam="Dr. P. Bakker", organisatie="De Linde", telefoon="072-1"
        ),
    )
    terugkoppeling = _besluit(melding, voorsteller, collega).terugkoppeling
    journaal_voor = JournaalItem.objects.filter(casus=melding.casus).count()
    for kanaal in ("email", "beide"):
        with pytest.raises(ValidationError) as fout:
            terugkoppeling_versturen(
                actor=collega, terugkoppeling=terugkoppeling, kanaal=kanaal, nu=MAANDAG
            )
        assert "geen e-mailadres" in fout.value.message_dict["kanaal"][0]
    with pytest.raises(ValidationError) as fout:
        terugkoppeling_versturen(
            actor=collega, terugkoppeling=terugkoppeling, kanaal="fax", nu=MAANDAG
        )
    assert "kanaal" in fout.value.message_dict
    assert mail.outbox == []
    terugkoppeling.refresh_from_db()
    assert terugkoppeling.status == TerugkoppelingStatus.TE_VERSTUREN
    assert JournaalItem.objects.filter(casus=melding.casus).count() == journaal_voor
    assert not audit_rows(Event.TERUGKOPPELING_VERSTUURD)
    # by letter it works: the PDF, no e-mail
    verstuurd = terugkoppeling_versturen(
        actor=collega, terugkoppeling=terugkoppeling, kanaal="brief", nu=MAANDAG
    )
    assert verstuurd.pdf.startswith(b"%PDF")
    assert mail.outbox == []


def test_a_refusing_mail_server_rolls_everything_back(
    medewerker, voorsteller, collega, vb_team, audit_rows
):
    melding = _melding(medewerker)
    terugkoppeling = _besluit(melding, voorsteller, collega).terugkoppeling
    with (
        mock.patch(
            "django.core.mail.EmailMessage.send", side_effect=ConnectionRefusedError("geweigerd")
        ),
        pytest.raises(ValidationError) as fout,
    ):
        terugkoppeling_versturen(
            actor=collega, terugkoppeling=terugkoppeling, kanaal="email", nu=MAANDAG
        )
    assert "niet worden verstuurd" in str(fout.value)
    terugkoppeling.refresh_from_db()
    assert terugkoppeling.status == TerugkoppelingStatus.TE_VERSTUREN
    assert not JournaalItem.objects.filter(tekst__contains="verstuurd per").exists()
    assert not audit_rows(Event.TERUGKOPPELING_VERSTUURD)


def test_send_through_the_page(verified_client, medewerker, voorsteller, collega, vb_team):
    melding = _melding(medewerker)
    terugkoppeling = _besluit(melding, voorsteller, collega).terugkoppeling
    c = verified_client(collega)
    pagina = c.get(reverse("assessment:beoordeling", args=[melding.pk])).content.decode()
    assert "Terugkoppeling versturen" in pagina
    assert reverse("diensten:terugkoppeling-brief", args=[terugkoppeling.pk]) in pagina
    url = reverse("diensten:terugkoppeling-versturen", args=[terugkoppeling.pk])
    assert c.post(url, {"kanaal": "email"}).status_code == 302
    assert mail.outbox[0].to == ["p.bakker@delinde.example"]
    brief = c.post(url, {"kanaal": "brief"})
    assert brief["Content-Type"] == "application/pdf"
    # without an address: 400 with the Dutch message on the page
    Melder.objects.filter(pk=melding.melder_id).update(email="")
    fout = c.post(url, {"kanaal": "email"})
    assert fout.status_code == 400
    assert "geen e-mailadres bekend" in fout.content.decode()


def _geheim_adres_voor_slachtoffer(melding):
    rijen = MeldingBetrokkene.objects.filter(melding=melding).select_related("betrokkene__persoon")
    per_rol = {r.betrokkene.rol: r for r in rijen}
    Adres.objects.create(
        persoon=per_rol["slachtoffer"].betrokkene.persoon,
        straat="Schuilhof",
        huisnummer="77",
        postcode="9999ZZ",
        woonplaats="Opvangstad",
        geheim=True,
        geldig_van=date(2026, 3, 1),
    )
    Adres.objects.create(
        persoon=per_rol["vermoedelijk_pleger"].betrokkene.persoon,
        straat="Dorpsstraat",
        huisnummer="5",
        postcode="1811CD",
        woonplaats="Alkmaar",
        geldig_van=date(2020, 1, 1),
    )
    return per_rol


def test_letter_to_the_family_never_reveals_a_protected_source_or_a_secret_address(
    medewerker, voorsteller, collega, vb_team, audit_rows
):
    # Given a melding whose melder is anonymous towards the family, an informant, and a
    # victim in a shelter at a secret address
    melder = BronInvoer(
        hoedanigheid="02",
        naam="Dr. P. Bakker",
        organisatie="Huisartsenpraktijk De Linde",
        telefoon="072-5110000",
        email="p.bakker@delinde.example",
        anoniem_naar_gezin=True,
    )
    melding = _melding(medewerker, melder)
    informant_vastleggen(
        actor=medewerker,
        melding=melding,
        bron=BronInvoer(
            hoedanigheid="02", naam="Dr. Iris Geheimhouder", organisatie="Praktijk Zuid"
        ),
        onderwerp="Bekende zorgen.",
        geraadpleegd_op=NU,
        nu=NU,
    )
    per_rol = _geheim_adres_voor_slachtoffer(melding)
    pleger = per_rol["vermoedelijk_pleger"].betrokkene
    verboden = (*MELDERGEGEVENS, "Geheimhouder", "Praktijk Zuid", "Schuilhof", "9999ZZ")
    verboden += ("Opvangstad", "blauwe plekken")
    # When the letter to the (suspected) pleger is made, before and after the besluit
    voor = gezinsbrief_html(melding=melding, betrokkene_id=pleger.pk, nu=NU)
    assert "binnen vijf werkdagen" in voor.lower()
    _besluit(melding, voorsteller, collega)
    na = gezinsbrief_html(melding=melding, betrokkene_id=pleger.pk, nu=MAANDAG)
    # Then it is addressed to him at his own address and says what follows
    assert "Kees Jansen" in na
    assert "Dorpsstraat 5" in na
    assert "Wijkteam Noord" in na
    # ... and nothing of the melder, the informant or the victim's secret address
    for html in (voor, na):
        for woord in verboden:
            assert woord not in html, woord
    # ... the PDF is made, on the timeline, and audited without personal data
    pdf = gezinsbrief(actor=collega, melding=melding, betrokkene_id=pleger.pk, nu=MAANDAG)
    assert pdf.startswith(b"%PDF")
    assert JournaalItem.objects.filter(
        casus=melding.casus, tekst__startswith="Brief aan een betrokkene"
    ).exists()
    assert audit_rows(Event.GEZINSBRIEF_GEMAAKT)
    assert_no_personal_data(audit_rows(), *PERSOONSGEGEVENS, *verboden)
    # A letter goes only to an adult betrokkene of the melding, never to the child
    kind = per_rol["kind"].betrokkene
    with pytest.raises(ValidationError):
        gezinsbrief_html(melding=melding, betrokkene_id=kind.pk, nu=MAANDAG)


def test_letter_to_the_family_from_the_page(
    verified_client, medewerker, voorsteller, collega, vb_team
):
    melding = _melding(medewerker)
    per_rol = _geheim_adres_voor_slachtoffer(melding)
    c = verified_client(collega)
    pagina = c.get(reverse("assessment:beoordeling", args=[melding.pk])).content.decode()
    url = reverse(
        "diensten:gezinsbrief", args=[melding.pk, per_rol["vermoedelijk_pleger"].betrokkene.pk]
    )
    assert url in pagina
    kind_url = reverse("diensten:gezinsbrief", args=[melding.pk, per_rol["kind"].betrokkene.pk])
    assert kind_url not in pagina
    antwoord = c.get(url)
    assert antwoord.status_code == 200
    assert antwoord.content.startswith(b"%PDF")
    assert c.get(kind_url).status_code == 302


def test_onderzoek_creates_the_start_task_counted_from_receipt(
    medewerker, voorsteller, collega, deskundige, vb_team
):
    # Received Tuesday 10 March 2026: 5 calendar days is Sunday 15 March, so Monday 16 March
    # (Atw art. 1). Decided Wednesday 18 March (late): the start task is overdue at once.
    melding = _melding(medewerker)
    besluit = services.besluit_voorstellen(
        actor=voorsteller,
        melding=melding,
        soort="onderzoek",
        antwoorden=STRUCTUREEL,
        motivering="Gezin erkent de zorgen niet.",
        nu=NU,
    )
    versie = Veiligheidsbeoordeling.objects.get(melding=melding).version
    besluit_bevestigen(
        actor=deskundige,
        besluit=besluit,
        expected_version=versie,
        reden_te_laat="Gezin pas laat bereikt.",
        nu=datetime(2026, 3, 18, 9, 0, tzinfo=UTC),
    )
    start = Taak.objects.get(casus=melding.casus, omschrijving__startswith="Onderzoek gestart")
    assert start.deadline == date(2026, 3, 16)
    assert start.afgerond_op is None
    # the 10-week term still counts from the VB decision
    assert Taak.objects.get(
        casus=melding.casus, omschrijving__startswith="Onderzoek afgerond"
    ).deadline == date(2026, 5, 27)


def test_no_start_task_for_other_diensten(medewerker, voorsteller, collega, vb_team):
    melding = _melding(medewerker)
    _besluit(melding, voorsteller, collega)
    assert not Taak.objects.filter(omschrijving__startswith="Onderzoek gestart").exists()


def test_ambtshalve_melding_has_no_feedback(melding):
    assert not Terugkoppeling.objects.filter(melding__ambtshalve=True).exists()
