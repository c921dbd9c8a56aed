"""Data: the risk register of the Programmabegroting 2019 of Veilig Thuis Noord-Holland Noord.

Read from planning/data/risicos-2019-nhn.json. Kans and impact are not in the document, so they
start as 'nog niet beoordeeld'.
"""

from django.db import migrations

from zicht.planning.seeddata import risicoregister_laden, risicoregister_verwijderen


def load(apps, schema_editor):
    risicoregister_laden(apps.get_model("planning", "Risico"))


def unload(apps, schema_editor):
    risicoregister_verwijderen(apps.get_model("planning", "Risico"))


class Migration(migrations.Migration):
    dependencies = [
        ("planning", "0002_laad_parameters_2019_nhn"),
    ]

    operations = [
        migrations.RunPython(load, unload),
    ]
