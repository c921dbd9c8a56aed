"""A small organisation with two households, built through the real services of every app:
casus A held by team A (the users' own team), casus B held by team B (someone else's).

Each household carries every kind of row the apps know today — melding with melder and
informant, betrokkenen, relations, gezag, a secret address, journaal with an attachment, a
medical journaal item and a medical note, tasks, a Veiligheidsbeoordeling with a confirmed
besluit and what diensten makes of it (dienst, terugkoppeling, notifications), a
break-the-glass grant, privacy requests and register entries. Every name and free text is
unique per household (``MARKERS``), so a test can scan any output for them.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta

from django.core.files.uploadedfile import SimpleUploadedFile

from zicht.accounts.models import Team, User
from zicht.assessment import services as assessment
from zicht.assessment.models import Veiligheidsbeoordeling
from zicht.assessment.tests.conftest import STRUCTUREEL
from zicht.casework import services as casework
from zicht.casework.models import Betrokkene, Casus, JournaalSoort, MedischeNotitie, Noodtoegang
from zicht.diensten.services import besluit_bevestigen
from zicht.intake.models import Informant, Melding
from zicht.intake.services import BronInvoer, melding_register
from zicht.intake.tests.test_services_melding import invoer
from zicht.people import services as people
from zicht.people.domain.dates import PartialDate
from zicht.people.models import Persoon
from zicht.privacy import services as privacy

ONTVANGEN = datetime(2026, 3, 9, 8, 0, tzinfo=UTC)
NU = datetime(2026, 3, 10, 9, 0, tzinfo=UTC)
MAANDAG = datetime(2026, 3, 16, 9, 0, tzinfo=UTC)

PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"
    b"\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00\x00"
    b"\x00\x00IEND\xaeB`\x82"
)


@dataclass
class Huishouden:
    casus: Casus
    melding: Melding
    slachtoffer: Persoon
    kind: Persoon
    pleger: Persoon
    markers: list[str] = field(default_factory=list)


def huishouden(
    *,
    sleutel: str,
    bsn: str,
    team: Team,
    medewerker: User,
    voorsteller: User,
    collega: User,
    arts: User,
    noodtoegang_door: User | None = None,
    privacy_officer: User | None = None,
    melder_anoniem: bool = True,
) -> Huishouden:
    """One household under ``team``; ``sleutel`` makes every name and text unique."""
    achternaam = f"Achter{sleutel}"
    melder_naam = f"Dr. Melder{sleutel}"
    melder_org = f"Praktijk{sleutel}"
    informant_naam = f"Informant{sleutel}"
    geheim_straat = f"Geheimstraat{sleutel}"
    gewoon_straat = f"Woonlaan{sleutel}"
    signalen = f"Signalen{sleutel}: moeder Slacht{sleutel} had blauwe plekken."
    journaal = f"Journaal{sleutel}: gesprek met Pleger{sleutel} en Slacht{sleutel}."
    medisch = f"Medisch{sleutel}: letsel beoordeeld."
    notitie = f"Notitie{sleutel}: medische bevinding."
    basis = invoer(
        formulier_token=uuid.uuid4(),
        melder=BronInvoer(
            hoedanigheid="02",
            naam=melder_naam,
            organisatie=melder_org,
            telefoon="072-5110000",
            email=f"melder{sleutel.lower()}@example.org",
            anoniem_naar_gezin=melder_anoniem,
        ),
        signalen=signalen,
    )
    personen = list(basis.personen)
    from dataclasses import replace

    personen[0] = replace(
        personen[0],
        voornamen=f"Slacht{sleutel}",
        achternaam=achternaam,
        bsn=bsn,
        straat=gewoon_straat,
        postcode="1811AB",
    )
    personen[1] = replace(
        personen[1],
        voornamen=f"Kind{sleutel}",
        achternaam=achternaam,
        geboortedatum=PartialDate(2018, 5, 1),
    )
    personen[2] = replace(personen[2], voornamen=f"Pleger{sleutel}", achternaam=achternaam)
    melding = melding_register(
        actor=medewerker, invoer=replace(basis, personen=personen), nu=NU
    ).object
    casus = melding.casus
    Casus.objects.filter(pk=casus.pk).update(team=team)
    casus.refresh_from_db()
    by_rol = {b.rol: b.persoon for b in Betrokkene.objects.filter(casus=casus)}
    slachtoffer, kind, pleger = (
        by_rol["slachtoffer"],
        by_rol["kind"],
        by_rol["vermoedelijk_pleger"],
    )
    # A secret address for the victim (a shelter), recorded in the core.
    people.adres_add(
        actor=medewerker,
        persoon=slachtoffer,
        geldig_van=date(2026, 3, 9),
        straat=geheim_straat,
        huisnummer="9",
        postcode="1000AA",
        woonplaats="Schuilstad",
        geheim=True,
    )
    people.gezag_add(
        actor=medewerker,
        kind=kind,
        gezaghebbende=pleger,
        soort="ouderlijk_gezag",
        van=date(2018, 5, 1),
    )
    Informant.objects.create(
        casus=casus,
        melding=melding,
        hoedanigheid=melding.melder.hoedanigheid,
        naam=informant_naam,
        organisatie=f"School{sleutel}",
        geraadpleegd_op=NU,
        onderwerp=f"Informatie{sleutel} van de school.",
        vastgelegd_door=medewerker,
        vastgelegd_op=NU,
    )
    casework.journaal_add(
        actor=voorsteller,
        casus=casus,
        soort=JournaalSoort.GESPREK,
        tekst=journaal,
        moment=NU,
        bijlagen=[SimpleUploadedFile(f"verslag{sleutel}.png", PNG, content_type="image/png")],
    )
    casework.journaal_add(
        actor=arts, casus=casus, soort=JournaalSoort.NOTITIE, tekst=medisch, moment=NU, medisch=True
    )
    casework.medische_notitie_add(actor=arts, casus=casus, tekst=notitie, moment=NU)
    # The Veiligheidsbeoordeling and its confirmed besluit (diensten makes the dienst).
    besluit = assessment.besluit_voorstellen(
        actor=voorsteller,
        melding=melding,
        soort="voorwaarden_en_vervolg",
        antwoorden=STRUCTUREEL,
        motivering=f"Motivering{sleutel}",
        nu=NU,
    )
    versie = Veiligheidsbeoordeling.objects.get(melding=melding).version
    besluit_bevestigen(actor=collega, besluit=besluit, expected_version=versie, nu=MAANDAG)
    if noodtoegang_door is not None:
        grant = Noodtoegang.objects.create(
            casus=casus,
            user=noodtoegang_door,
            reden="vervanging",
            van=NU - timedelta(days=2),
            tot=NU - timedelta(days=2) + timedelta(hours=4),
        )
        assert grant.pk
    if privacy_officer is not None:
        privacy.verstrekking_vastleggen(
            actor=privacy_officer,
            casus=casus,
            persoon=slachtoffer,
            op=date(2026, 3, 11),
            ontvanger="Politie",
            wat=f"Verstrekt{sleutel}",
            grondslag="meldrecht",
        )
        privacy.klacht_vastleggen(
            actor=privacy_officer,
            casus=casus,
            ontvangen_op=date(2026, 3, 12),
            onderwerp=f"Klacht{sleutel}",
        )
        privacy.calamiteit_vastleggen(
            actor=privacy_officer,
            casus=casus,
            bekend_op=date(2026, 3, 12),
            omschrijving=f"Calamiteit{sleutel}",
        )
        privacy.eigen_verklaring_vastleggen(
            actor=privacy_officer,
            persoon=pleger,
            casus=casus,
            ontvangen_op=date(2026, 3, 13),
            tekst=f"Verklaring{sleutel}",
        )
    assert MedischeNotitie.objects.filter(casus=casus).exists()
    markers = [
        achternaam,
        f"Slacht{sleutel}",
        f"Kind{sleutel}",
        f"Pleger{sleutel}",
        melder_naam,
        melder_org,
        informant_naam,
        geheim_straat,
        signalen,
        journaal,
        medisch,
        notitie,
        bsn,
    ]
    return Huishouden(casus, melding, slachtoffer, kind, pleger, markers)
