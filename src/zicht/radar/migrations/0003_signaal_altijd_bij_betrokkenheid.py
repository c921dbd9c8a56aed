"""Signals always tied to an involvement (the ones without were removed in 0002). A migration
of its own: on PostgreSQL the ALTER TABLE does not share a transaction with the delete."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('casework', '0005_noodtoegang_medische_notities'),
        ('radar', '0002_intrekken_en_aanvulblokken'),
    ]

    operations = [
        migrations.AlterField(
            model_name='radarsignaal',
            name='betrokkenheid',
            field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='signalen', to='radar.radarbetrokkenheid'),
        ),
        migrations.AlterField(
            model_name='radarsignaal',
            name='casus',
            field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='casework.casus'),
        ),
    ]
