"""Data: the 2019 planning parameters of Veilig Thuis Noord-Holland Noord, version 1.

Read from planning/data/begroting-2019-nhn.json (a copy of the reference document, so that a
clone stands on its own) with every value's status (published / inferred / assumed) and source;
see zicht.planning.domain.brondocument for the two documented refinements.
"""

from django.db import migrations

from zicht.planning.seeddata import (
    ORGANISATIE_NHN,
    parameterset_2019_laden,
    parameterset_2019_verwijderen,
)


def load(apps, schema_editor):
    parameterset_2019_laden(apps.get_model("planning", "Parameterset"), apps.get_model("planning", "Parameter"))


def unload(apps, schema_editor):
    # Simulation runs are results derived from the set; they go with it.
    apps.get_model("planning", "Simulatierun").objects.filter(
        parameterset__organisatie=ORGANISATIE_NHN, parameterset__jaar=2019
    ).delete()
    parameterset_2019_verwijderen(apps.get_model("planning", "Parameterset"))


class Migration(migrations.Migration):
    dependencies = [
        ("planning", "0001_parameters_realisatie_simulaties_risicos"),
    ]

    operations = [
        migrations.RunPython(load, unload),
    ]
