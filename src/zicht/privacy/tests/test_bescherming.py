"""Source and address protection, proven on the rendered documents (the text of the PDFs):
the inzage export, the letter to the family, and the rights around inzage (age, gezag)."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from zicht.audit.catalogue import Event
from zicht.audit.models import AuditEvent
from zicht.casework import services as casework
from zicht.casework.models import Betrokkene, MedischeNotitie
from zicht.conftest import login_verified
from zicht.diensten.services import gezinsbrief
from zicht.people.models import Persoon
from zicht.privacy import services
from zicht.privacy.models import VerzoekStatus
from zicht.privacy.tests.helpers import lekken, pdf_tekst

pytestmark = pytest.mark.django_db


def _bronnen(h):
    """What identifies household ``h``'s sources, its secret address and medical notes."""
    return [
        m
        for m in h.markers
        if m.startswith(
            ("Dr. Melder", "Praktijk", "Informant", "Geheimstraat", "Medisch", "Notitie")
        )
    ]


def test_inzage_export_of_the_alleged_perpetrator_hides_sources_others_and_the_secret_address(
    wereld, client
):
    a = wereld.a
    verzoek = services.inzageverzoek_vastleggen(
        actor=wereld.officer,
        persoon=a.pleger,
        verzoeker="betrokkene",
        ontvangen_op=date(2026, 11, 2),
    )
    assert verzoek.status == VerzoekStatus.ONTVANGEN
    assert verzoek.deadline == date(2026, 12, 2)
    login_verified(client, wereld.officer)
    response = client.get(reverse("privacy:inzage-export", args=[verzoek.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    tekst = pdf_tekst(response.content)
    # Own data and the file's texts are there ...
    assert "PlegerAap" in tekst
    assert a.casus.nummer in tekst
    assert "JournaalAap" in tekst
    assert "VerklaringAap" in tekst  # the person's own statement
    # ... sources, the other people's names, the secret address and medical notes are not.
    assert lekken(tekst, _bronnen(a)) == []
    assert lekken(tekst, ["SlachtAap", "KindAap", "melderaap@example.org", "072-5110000"]) == []
    assert "[andere betrokkene]" in tekst
    # Nothing of the other household either.
    assert lekken(tekst, wereld.b.markers) == []
    assert AuditEvent.objects.filter(
        event=Event.INZAGE_EXPORT_GEMAAKT, target_id=str(a.pleger.pk)
    ).exists()


def test_inzage_of_the_victim_names_the_secret_address_only_as_such(wereld):
    from zicht.privacy.inzage import inzage_pdf, inzage_samenstellen

    tekst = pdf_tekst(inzage_pdf(inzage_samenstellen(wereld.a.slachtoffer), organisatie="VT"))
    assert "geheim adres" in tekst
    assert "GeheimstraatAap" not in tekst
    assert "WoonlaanAap" in tekst  # the ordinary address is hers to see


def test_medical_note_only_in_inzage_after_an_explicit_release(wereld):
    from zicht.privacy.inzage import inzage_pdf, inzage_samenstellen

    notitie = MedischeNotitie.objects.get(casus=wereld.a.casus)
    voor = pdf_tekst(inzage_pdf(inzage_samenstellen(wereld.a.slachtoffer), organisatie="VT"))
    assert "NotitieAap" not in voor
    assert "MedischAap" not in voor  # the medical journaal item never
    casework.medische_notitie_vrijgeven(
        actor=wereld.arts, notitie=notitie, reden="Op verzoek, besproken."
    )
    na = pdf_tekst(inzage_pdf(inzage_samenstellen(wereld.a.slachtoffer), organisatie="VT"))
    assert "NotitieAap" in na
    assert "MedischAap" not in na


def test_letter_to_the_family_carries_no_source_and_no_secret_address(wereld):
    a = wereld.a
    pleger = Betrokkene.objects.get(casus=a.casus, persoon=a.pleger)
    tekst = pdf_tekst(gezinsbrief(actor=wereld.collega, melding=a.melding, betrokkene_id=pleger.pk))
    assert "PlegerAap" in tekst
    assert lekken(tekst, _bronnen(a)) == []
    assert lekken(tekst, ["SignalenAap", "JournaalAap", "SlachtAap", "KindAap"]) == []
    slachtoffer = Betrokkene.objects.get(casus=a.casus, persoon=a.slachtoffer)
    tekst = pdf_tekst(
        gezinsbrief(actor=wereld.collega, melding=a.melding, betrokkene_id=slachtoffer.pk)
    )
    assert "GeheimstraatAap" not in tekst  # not even her own: letters can reach the other party


@pytest.mark.parametrize(
    ("geboren", "verzoeker", "met_gezag", "toegestaan"),
    [
        (date(2016, 1, 1), "betrokkene", False, False),  # 10: no access
        (date(2016, 1, 1), "vertegenwoordiger", True, False),  # 10: not even via gezag
        (date(2012, 1, 1), "betrokkene", False, False),  # 14: not alone
        (date(2012, 1, 1), "vertegenwoordiger", True, True),  # 14: via recorded gezag
        (date(2012, 1, 1), "vertegenwoordiger", False, False),  # 14: someone without gezag
        (date(2009, 1, 1), "betrokkene", False, True),  # 17: self
        (date(2009, 1, 1), "vertegenwoordiger", True, False),  # 17: self, not the parent
    ],
)
def test_age_rules_and_recorded_gezag_decide_an_inzage_request(
    wereld, client, geboren, verzoeker, met_gezag, toegestaan
):
    kind = wereld.a.kind
    Persoon.objects.filter(pk=kind.pk).update(
        geboortedatum_jaar=geboren.year,
        geboortedatum_maand=geboren.month,
        geboortedatum_dag=geboren.day,
    )
    kind.refresh_from_db()
    vertegenwoordiger = wereld.a.pleger if met_gezag else wereld.a.slachtoffer
    verzoek = services.inzageverzoek_vastleggen(
        actor=wereld.officer,
        persoon=kind,
        verzoeker=verzoeker,
        vertegenwoordiger=vertegenwoordiger if verzoeker == "vertegenwoordiger" else None,
        ontvangen_op=date(2026, 11, 2),
    )
    assert (verzoek.status == VerzoekStatus.ONTVANGEN) is toegestaan, verzoek.oordeel
    if not toegestaan:
        assert AuditEvent.objects.filter(event=Event.INZAGEVERZOEK_GEWEIGERD).exists()
        with pytest.raises(PermissionDenied):
            services.inzage_export_maken(actor=wereld.officer, verzoek=verzoek)
        login_verified(client, wereld.officer)
        assert client.get(reverse("privacy:inzage-export", args=[verzoek.pk])).status_code == 403


def test_destruction_request_has_a_three_month_deadline_and_a_reasoned_decision(wereld):
    from django.core.exceptions import ValidationError

    verzoek = services.vernietigingsverzoek_vastleggen(
        actor=wereld.officer, persoon=wereld.a.pleger, ontvangen_op=date(2026, 11, 30)
    )
    assert verzoek.deadline == date(2027, 2, 28)  # 30 Nov + 3 months, clamped
    with pytest.raises(ValidationError, match="gemotiveerd"):
        services.vernietigingsverzoek_beslissen(
            actor=wereld.officer, verzoek=verzoek, besluit="afgewezen", motivering=" "
        )
    lijst = services.vernietigingsverzoek_beslissen(
        actor=wereld.officer,
        verzoek=verzoek,
        besluit="afgewezen",
        motivering="Bewaren is van aanmerkelijk belang voor het kind.",
    )
    assert lijst is None
    verzoek.refresh_from_db()
    assert verzoek.besluit == "afgewezen"
    assert verzoek.besloten_door == wereld.officer
    # Granted: the casussen go on a list that still needs two approvals.
    tweede = services.vernietigingsverzoek_vastleggen(
        actor=wereld.officer, persoon=wereld.a.slachtoffer, ontvangen_op=date(2026, 11, 30)
    )
    lijst = services.vernietigingsverzoek_beslissen(
        actor=wereld.officer,
        verzoek=tweede,
        besluit="toegewezen",
        motivering="Geen zwaarwegend belang.",
    )
    assert [r.casus_id_waarde for r in lijst.regels.all()] == [wereld.a.casus.pk]
    assert lijst.status == "concept"


def test_correction_request_and_own_statement_are_recorded_on_the_file(wereld):
    from django.core.exceptions import ValidationError

    k = services.correctieverzoek_vastleggen(
        actor=wereld.officer,
        persoon=wereld.a.pleger,
        casus=wereld.a.casus,
        ontvangen_op=date(2026, 11, 2),
        verzoek="Het adres klopt niet.",
        besluit="toegewezen",
        motivering="Gecontroleerd in de BRP.",
    )
    assert k.deadline == date(2026, 12, 2)
    with pytest.raises(ValidationError):  # a person not in that casus
        services.eigen_verklaring_vastleggen(
            actor=wereld.officer,
            persoon=wereld.b.pleger,
            casus=wereld.a.casus,
            ontvangen_op=date(2026, 11, 2),
            tekst="x",
        )


@pytest.mark.parametrize("formaat", ["pdf", "json"])
def test_file_transfer_export_carries_no_source_medical_note_or_secret_address(wereld, formaat):
    """The diensten helper's dossier transfer to another Veilig Thuis (if it leaves the
    family's area, the file goes along): rendered, and its text scanned."""
    from zicht.assessment.models import Ketenpartner
    from zicht.diensten.dossier_export import dossier_export

    vt = Ketenpartner.objects.create(naam="Veilig Thuis Elders", veilig_thuis=True)
    casework.medische_notitie_add(actor=wereld.arts, casus=wereld.a.casus, tekst="NotitieAap 2")
    export = dossier_export(
        actor=wereld.voorsteller,
        casus=wereld.a.casus,
        ontvanger=vt,
        formaat=formaat,
        reden="Verhuisd",
    )
    tekst = pdf_tekst(export.inhoud) if formaat == "pdf" else export.inhoud.decode()
    assert "PlegerAap" in tekst  # the persons travel ...
    assert lekken(tekst, _bronnen(wereld.a)) == []  # ... sources, medical notes, shelter not
    assert lekken(tekst, ["SignalenAap", "JournaalAap", "melderaap@example.org"]) == []
    assert lekken(tekst, wereld.b.markers) == []
