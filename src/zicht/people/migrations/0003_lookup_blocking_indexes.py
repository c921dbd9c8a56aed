"""Three indexes for the fuzzy earlier-involvement look-up (``people.selectors``).

* ``persoon_jaar_naam_idx`` on ``(geboortedatum_jaar, naam_sleutel)``: the typo branch asks
  for one birth year and a 3-letter prefix range of the surname key
  (``geboortedatum_jaar = 1985 AND naam_sleutel >= 'jan' AND naam_sleutel < 'jao'``). The
  existing indexes cannot answer that: ``zoeksleutel`` puts the year after the name, and
  ``naam_sleutel`` alone would read that prefix in every year (~25x the rows).
* ``persoon_geboortedatum_idx`` on ``geboortedatum_vroegst``, partial: complete birth dates
  only (``geboortedatum_dag IS NOT NULL``; a year-only date would pile up on 1 January). The
  birth-date branch: whatever the surname, the persons born on that day (~30 per day at a
  million persons), which finds the name typos the prefixes miss.
* ``adres_postcode_idx`` on ``Adres.postcode``: the postcode branch.

Plain SQL that PostgreSQL and SQLite both accept (partial indexes included). They are not in
the models' ``Meta.indexes`` (people/models.py is not part of the look-up change); to declare
them there later, add the same ``models.Index(..., name=...)`` (with ``condition=`` for the
partial one) and a migration whose ``SeparateDatabaseAndState(state_operations=[AddIndex(...)])``
records them without re-creating them. On a large existing PostgreSQL table, create them by
hand first with ``CREATE INDEX CONCURRENTLY`` (same names): ``IF NOT EXISTS`` then skips them.
"""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("people", "0002_load_gemeenten"),
    ]

    operations = [
        migrations.RunSQL(
            sql=(
                "CREATE INDEX IF NOT EXISTS persoon_jaar_naam_idx "
                "ON people_persoon (geboortedatum_jaar, naam_sleutel)"
            ),
            reverse_sql="DROP INDEX IF EXISTS persoon_jaar_naam_idx",
        ),
        migrations.RunSQL(
            sql=(
                "CREATE INDEX IF NOT EXISTS persoon_geboortedatum_idx "
                "ON people_persoon (geboortedatum_vroegst) WHERE geboortedatum_dag IS NOT NULL"
            ),
            reverse_sql="DROP INDEX IF EXISTS persoon_geboortedatum_idx",
        ),
        migrations.RunSQL(
            sql="CREATE INDEX IF NOT EXISTS adres_postcode_idx ON people_adres (postcode)",
            reverse_sql="DROP INDEX IF EXISTS adres_postcode_idx",
        ),
    ]
