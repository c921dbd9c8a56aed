from django.db import migrations


def forwards(apps, schema_editor):
    """Adds permissions that the default roles gained (never removes what a beheerder set)."""
    from zicht.accounts.roles import load_default_roles

    load_default_roles(apps.get_model("auth", "Group"), apps.get_model("auth", "Permission"))


class Migration(migrations.Migration):
    dependencies = [("accounts", "0002_load_default_roles")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
