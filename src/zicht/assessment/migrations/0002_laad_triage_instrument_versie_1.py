"""Seeds version 1 of the triage instrument (DOMAIN §5 minimum), the four-eyes rules and a
few ketenpartners. Reference data lives here so a clone stands on its own."""

from __future__ import annotations

from django.db import migrations
from django.utils import timezone

TAXATIE = [
    ["veilig", "veilig"],
    ["risico", "risico op onveiligheid"],
    ["onveilig", "onveilig"],
    ["acuut_onveilig", "acuut onveilig"],
]

VRAGEN_V1 = [
    # (code, tekst, hulptekst, antwoordtype, implicatie, keuzes, verplicht)
    (
        "acuut_gevaar",
        "Is iemand in direct fysiek gevaar, of is de veiligheid voor de komende uren of dagen "
        "niet gegarandeerd?",
        "Bijvoorbeeld fysiek of seksueel geweld, gebrek aan de meest basale zorg, een "
        "doodsbedreiging, ontvoering, eergerelateerd geweld, huwelijksdwang, meisjesbesnijdenis, "
        "ernstig letsel, verwurging, wapens, een verzorger in psychiatrische crisis of onder "
        "invloed.",
        "ja_nee",
        "acuut",
        [],
        True,
    ),
    (
        "disclosure",
        "Vraagt een slachtoffer uit eigen beweging om hulp (disclosure)?",
        "Disclosure telt als acute onveiligheid.",
        "ja_nee",
        "acuut",
        [],
        True,
    ),
    (
        "structureel",
        "Is er sprake van structurele onveiligheid?",
        "Herhaalde of voortdurende bedreiging van de veiligheid: een kind dat opgroeit bij "
        "ouders met ernstige problemen, een kind dat stelselmatig getuige is van geweld, "
        "escalerende langdurige stalking.",
        "ja_nee",
        "structureel",
        [],
        True,
    ),
    (
        "multiprobleem",
        "Is er sprake van een multi-problematische leefsituatie?",
        "",
        "ja_nee",
        "multiprobleem",
        [],
        True,
    ),
    (
        "taxatie",
        "Veiligheidstaxatie",
        "Het niveau van veiligheid zoals nu ingeschat.",
        "keuze",
        "taxatie",
        TAXATIE,
        True,
    ),
    ("toelichting", "Toelichting op de triage", "", "tekst", "", [], False),
]

KETENPARTNERS = [
    ("Wijkteam", "sociaal wijkteam"),
    ("Jeugdhulp", "jeugdhulp"),
    ("Gecertificeerde instelling", "GI"),
    ("Politie", "politie/OM"),
    ("Vrouwenopvang", "opvang"),
    ("GGZ", "ggz"),
    ("Verslavingszorg", "verslavingszorg"),
    ("Huisarts", "huisarts"),
]


def load(apps, schema_editor):
    Instrument = apps.get_model("assessment", "Instrument")
    InstrumentVraag = apps.get_model("assessment", "InstrumentVraag")
    Ketenpartner = apps.get_model("assessment", "Ketenpartner")
    VierOgenInstelling = apps.get_model("assessment", "VierOgenInstelling")
    if not Instrument.objects.filter(versie=1).exists():
        instrument = Instrument.objects.create(
            versie=1,
            omschrijving="Triage-instrument (minimale velden DOMAIN §5)",
            gepubliceerd_op=timezone.now(),
        )
        for volgorde, (code, tekst, hulp, soort, implicatie, keuzes, verplicht) in enumerate(
            VRAGEN_V1, start=1
        ):
            InstrumentVraag.objects.create(
                instrument=instrument,
                volgorde=volgorde,
                code=code,
                tekst=tekst,
                hulptekst=hulp,
                antwoordtype=soort,
                implicatie=implicatie,
                keuzes=keuzes,
                verplicht=verplicht,
            )
    for naam, soort in KETENPARTNERS:
        Ketenpartner.objects.get_or_create(naam=naam, defaults={"soort": soort})
    VierOgenInstelling.objects.get_or_create(
        pk=1,
        defaults={"deskundige_voor": ["onderzoek", "rvdk_verzoek"], "deskundige_bij_acuut": True},
    )


def unload(apps, schema_editor):
    apps.get_model("assessment", "InstrumentVraag").objects.filter(instrument__versie=1).delete()
    apps.get_model("assessment", "Instrument").objects.filter(versie=1).delete()
    apps.get_model("assessment", "Ketenpartner").objects.all().delete()
    apps.get_model("assessment", "VierOgenInstelling").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("assessment", "0001_instrument_beoordeling_besluit")]

    operations = [migrations.RunPython(load, unload)]
