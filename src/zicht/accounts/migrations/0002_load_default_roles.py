from django.contrib.auth.management import create_permissions
from django.db import migrations


def forwards(apps, schema_editor):
    from zicht.accounts.roles import load_default_roles

    # Permissions are normally created after all migrations; make sure ours exist now.
    app_config = apps.get_app_config("accounts")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    load_default_roles(apps.get_model("auth", "Group"), apps.get_model("auth", "Permission"))


def backwards(apps, schema_editor):
    from zicht.accounts.roles import default_roles

    apps.get_model("auth", "Group").objects.filter(name__in=list(default_roles())).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0001_users_teams_tokens"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
