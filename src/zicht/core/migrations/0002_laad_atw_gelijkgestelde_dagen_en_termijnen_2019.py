"""Data: the known royal decrees equating days (core/data/atw-gelijkgestelde-dagen.csv) and the
2019 version of the term definitions (zicht.core.domain.terms.DEFAULT_TERMIJNEN).

The 2019 set is never edited in place (a test locks it); a new protocol is a new version loaded by
a new data migration, so this migration keeps loading the same rows.
"""

import csv
from datetime import date
from pathlib import Path

from django.db import migrations

from zicht.core.domain.terms import (
    DEFAULT_TERMIJNEN,
    DEFAULT_TERMIJNEN_GELDIG_VANAF,
    DEFAULT_TERMIJNEN_VERSIE,
)

CSV_PATH = Path(__file__).resolve().parent.parent / "data" / "atw-gelijkgestelde-dagen.csv"


def _csv_rows():
    with CSV_PATH.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            yield date.fromisoformat(row["datum"]), row["grond"].strip(), row["bron_status"].strip()


def load(apps, schema_editor):
    GelijkgesteldeDag = apps.get_model("core", "GelijkgesteldeDag")
    TermijnDefinitie = apps.get_model("core", "TermijnDefinitie")
    for datum, grond, bron_status in _csv_rows():
        GelijkgesteldeDag.objects.update_or_create(
            datum=datum, defaults={"grond": grond, "bron_status": bron_status}
        )
    for termijn in DEFAULT_TERMIJNEN.values():
        TermijnDefinitie.objects.update_or_create(
            code=termijn.code,
            geldig_vanaf=DEFAULT_TERMIJNEN_GELDIG_VANAF,
            defaults={
                "versie": DEFAULT_TERMIJNEN_VERSIE,
                "omschrijving": termijn.omschrijving,
                "aantal": termijn.aantal,
                "eenheid": termijn.eenheid.value,
                "atw_art1": termijn.atw_art1,
                "max_opschorting": termijn.max_opschorting,
            },
        )


def unload(apps, schema_editor):
    GelijkgesteldeDag = apps.get_model("core", "GelijkgesteldeDag")
    TermijnDefinitie = apps.get_model("core", "TermijnDefinitie")
    GelijkgesteldeDag.objects.filter(datum__in=[datum for datum, _, _ in _csv_rows()]).delete()
    TermijnDefinitie.objects.filter(
        code__in=list(DEFAULT_TERMIJNEN),
        geldig_vanaf=DEFAULT_TERMIJNEN_GELDIG_VANAF,
        versie=DEFAULT_TERMIJNEN_VERSIE,
    ).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0001_gelijkgestelde_dagen_en_termijndefinities"),
    ]

    operations = [
        migrations.RunPython(load, unload),
    ]
