"""Loads version 1 of the staged monitoring policy: monthly for 3 months, then quarterly up to
18 months (DOMAIN §2; editable by the functioneel beheerder as a new version)."""

from django.db import migrations
from django.utils import timezone

STAPPEN = [{"interval_maanden": 1, "tot_maand": 3}, {"interval_maanden": 3, "tot_maand": 18}]


def laden(apps, schema_editor):
    MonitoringBeleid = apps.get_model("diensten", "MonitoringBeleid")
    MonitoringBeleid.objects.get_or_create(
        versie=1,
        defaults={
            "omschrijving": "Maandelijks tot 3 maanden, daarna per kwartaal tot 18 maanden",
            "stappen": STAPPEN,
            "gepubliceerd_op": timezone.now(),
        },
    )


class Migration(migrations.Migration):
    dependencies = [("diensten", "0003_dienst_inhoud")]

    operations = [migrations.RunPython(laden, migrations.RunPython.noop)]
