"""Loads the code lists of the 2015 informatieprotocol (intake/data/codelijsten.json, a copy of
the shared reference data), the default shifts of the front door (07:00, 15:00, 23:00) and the
intake settings row (receiving team: the team named "Veiligheidsbeoordeling" until a
functioneel beheerder picks one).

Reversing removes exactly the rows this migration loaded.
"""

import json
from datetime import time
from pathlib import Path

from django.db import migrations

JSON_PATH = Path(__file__).resolve().parent.parent / "data" / "codelijsten.json"

LIJSTEN = (
    "aanleiding",
    "hoedanigheid_beroepsmatig",
    "hoedanigheid_niet_beroepsmatig",
    "aard",
    "vervolg_melding",
    "uitkomst_onderzoek",
    "vervolg_na_onderzoek",
)

WERKDIENSTEN = (
    ("Dagdienst", time(7, 0)),
    ("Avonddienst", time(15, 0)),
    ("Nachtdienst", time(23, 0)),
)


def _data():
    return json.loads(JSON_PATH.read_text(encoding="utf-8"))


def load(apps, schema_editor):
    Code = apps.get_model("intake", "Code")
    Werkdienst = apps.get_model("intake", "Werkdienst")
    IntakeInstelling = apps.get_model("intake", "IntakeInstelling")
    data = _data()
    versie = data["versie"]
    rows = []
    for lijst in LIJSTEN:
        for volgorde, (code, omschrijving) in enumerate(data[lijst].items()):
            rows.append(
                Code(
                    lijst=lijst,
                    code=code,
                    omschrijving=omschrijving,
                    versie=versie,
                    actief=True,
                    volgorde=volgorde,
                )
            )
    Code.objects.bulk_create(rows)
    for naam, begint_om in WERKDIENSTEN:
        Werkdienst.objects.get_or_create(begint_om=begint_om, defaults={"naam": naam})
    IntakeInstelling.objects.get_or_create(pk=1)


def unload(apps, schema_editor):
    Code = apps.get_model("intake", "Code")
    Werkdienst = apps.get_model("intake", "Werkdienst")
    IntakeInstelling = apps.get_model("intake", "IntakeInstelling")
    Code.objects.filter(versie=_data()["versie"], lijst__in=LIJSTEN).delete()
    Werkdienst.objects.filter(begint_om__in=[t for _, t in WERKDIENSTEN]).delete()
    IntakeInstelling.objects.filter(pk=1).delete()


class Migration(migrations.Migration):
    dependencies = [("intake", "0001_adviezen_meldingen_corv_concepten")]

    operations = [migrations.RunPython(load, unload, elidable=False)]
