"""Gives diensten created before the content existed the first (or, when closed, the last)
fase of their process, so every dienst can be opened and continued."""

from django.db import migrations

BEGIN = {
    "overdracht_na_vb": ("voorbereiding", "overgedragen"),
    "voorwaarden_en_vervolg": ("lopend", "afgerond"),
    "onderzoek": ("niet_gestart", "afgerond"),
}


def vullen(apps, schema_editor):
    Dienst = apps.get_model("diensten", "Dienst")
    for soort, (open_fase, dicht_fase) in BEGIN.items():
        Dienst.objects.filter(soort=soort, fase="", status="gestart").update(fase=open_fase)
        Dienst.objects.filter(soort=soort, fase="", status="afgerond").update(fase=dicht_fase)


class Migration(migrations.Migration):
    dependencies = [("diensten", "0004_monitoringsbeleid_versie_1")]

    operations = [migrations.RunPython(vullen, migrations.RunPython.noop)]
