"""Loads the gemeenten of the region (and their merger successors) from people/data.

The CSV is a copy of the shared reference data, so a clone of the repository stands on its own.
Reversing removes exactly the rows this migration loaded.
"""

import csv
from datetime import date
from pathlib import Path

from django.db import migrations

CSV_PATH = Path(__file__).resolve().parent.parent / "data" / "gemeenten-nhn.csv"


def _rows():
    with CSV_PATH.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def load(apps, schema_editor):
    Gemeente = apps.get_model("people", "Gemeente")
    rows = _rows()
    for row in rows:
        Gemeente.objects.update_or_create(
            cbs_code=row["cbs_code"],
            defaults={
                "naam": row["naam"],
                "subregio": row["subregio"],
                "geldig_tot": date.fromisoformat(row["geldig_tot"]) if row["geldig_tot"] else None,
            },
        )
    # Successors second: they may appear later in the file than their predecessors.
    for row in rows:
        if row["opgevolgd_door"]:
            Gemeente.objects.filter(cbs_code=row["cbs_code"]).update(
                opgevolgd_door_id=row["opgevolgd_door"]
            )


def unload(apps, schema_editor):
    Gemeente = apps.get_model("people", "Gemeente")
    codes = [row["cbs_code"] for row in _rows()]
    Gemeente.objects.filter(cbs_code__in=codes).update(opgevolgd_door=None)
    Gemeente.objects.filter(cbs_code__in=codes).delete()


class Migration(migrations.Migration):
    dependencies = [("people", "0001_persons_addresses_relations")]

    operations = [migrations.RunPython(load, unload, elidable=False)]
