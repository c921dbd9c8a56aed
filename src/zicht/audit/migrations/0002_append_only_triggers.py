"""Database triggers that refuse UPDATE, DELETE (and on PostgreSQL TRUNCATE) of audit rows.

PostgreSQL: a BEFORE UPDATE OR DELETE row trigger and a BEFORE TRUNCATE statement trigger
(truncating an empty table is allowed, so that test databases can be flushed).
SQLite: BEFORE UPDATE and BEFORE DELETE triggers with RAISE(ABORT, ...).

Note for later migrations on SQLite: altering this table makes Django rebuild it, which
drops these triggers. Such a migration must create them again.
"""

from django.db import migrations
from django.db.backends.base.schema import BaseDatabaseSchemaEditor
from django.db.migrations.state import StateApps

MESSAGE = "auditlog is alleen aan te vullen: {op} geweigerd"

PG_FUNCTIONS = """
CREATE OR REPLACE FUNCTION zicht_audit_refuse_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'auditlog is alleen aan te vullen: % op % geweigerd', TG_OP, TG_TABLE_NAME
        USING HINT = 'Auditgebeurtenissen worden nooit gewijzigd of verwijderd.';
END;
$$;

CREATE OR REPLACE FUNCTION zicht_audit_refuse_truncate() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
    has_rows boolean;
BEGIN
    EXECUTE format('SELECT EXISTS (SELECT 1 FROM %I.%I)', TG_TABLE_SCHEMA, TG_TABLE_NAME)
        INTO has_rows;
    IF has_rows THEN
        RAISE EXCEPTION 'auditlog is alleen aan te vullen: TRUNCATE op % geweigerd', TG_TABLE_NAME;
    END IF;
    RETURN NULL;
END;
$$;
"""


def triggers_create(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    table = schema_editor.quote_name(apps.get_model("audit", "AuditEvent")._meta.db_table)
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(PG_FUNCTIONS, params=None)
        schema_editor.execute(
            f"CREATE TRIGGER audit_auditevent_no_change BEFORE UPDATE OR DELETE ON {table} "
            "FOR EACH ROW EXECUTE FUNCTION zicht_audit_refuse_change()"
        )
        schema_editor.execute(
            f"CREATE TRIGGER audit_auditevent_no_truncate BEFORE TRUNCATE ON {table} "
            "FOR EACH STATEMENT EXECUTE FUNCTION zicht_audit_refuse_truncate()"
        )
    elif vendor == "sqlite":
        for op in ("UPDATE", "DELETE"):
            schema_editor.execute(
                f"CREATE TRIGGER audit_auditevent_no_{op.lower()} BEFORE {op} ON {table} "
                f"BEGIN SELECT RAISE(ABORT, '{MESSAGE.format(op=op)}'); END"
            )


def triggers_drop(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    table = schema_editor.quote_name(apps.get_model("audit", "AuditEvent")._meta.db_table)
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(f"DROP TRIGGER IF EXISTS audit_auditevent_no_change ON {table}")
        schema_editor.execute(f"DROP TRIGGER IF EXISTS audit_auditevent_no_truncate ON {table}")
        schema_editor.execute("DROP FUNCTION IF EXISTS zicht_audit_refuse_change()")
        schema_editor.execute("DROP FUNCTION IF EXISTS zicht_audit_refuse_truncate()")
    elif vendor == "sqlite":
        schema_editor.execute("DROP TRIGGER IF EXISTS audit_auditevent_no_update")
        schema_editor.execute("DROP TRIGGER IF EXISTS audit_auditevent_no_delete")


class Migration(migrations.Migration):
    dependencies = [("audit", "0001_audit_event_and_chain_head")]

    operations = [migrations.RunPython(triggers_create, triggers_drop, elidable=False)]
