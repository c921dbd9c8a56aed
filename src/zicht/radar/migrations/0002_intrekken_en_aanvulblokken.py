"""Withdrawals in the outbox (a destroyed casus), the aanvul pass in blocks, and signals
always tied to an involvement: the ones stored without one (shown to nobody) are removed
and counted (docs/radar.md)."""

import django.db.models.deletion
from django.db import migrations, models


def signalen_zonder_betrokkenheid_weg(apps, schema_editor):
    signaal = apps.get_model("radar", "RadarSignaal")
    stand = apps.get_model("radar", "RadarStand")
    weg = signaal.objects.filter(
        models.Q(betrokkenheid__isnull=True) | models.Q(casus__isnull=True)
    )
    aantal = weg.count()
    if aantal:
        weg.delete()
        stand.objects.filter(pk=1).update(signalen_zonder_betrokkenheid=aantal)


class Migration(migrations.Migration):

    dependencies = [
        ('casework', '0005_noodtoegang_medische_notities'),
        ('radar', '0001_initial'),
    ]

    operations = [
        migrations.AddField(
            model_name='radarstand',
            name='aanvul_begonnen_op',
            field=models.DateTimeField(blank=True, null=True),
        ),
        migrations.AddField(
            model_name='radarstand',
            name='aanvul_cursor',
            field=models.PositiveBigIntegerField(default=0),
        ),
        migrations.AddField(
            model_name='radarstand',
            name='signalen_zonder_betrokkenheid',
            field=models.PositiveBigIntegerField(default=0),
        ),
        migrations.AddField(
            model_name='radaruitgaand',
            name='casus_nummer',
            field=models.PositiveBigIntegerField(blank=True, null=True),
        ),
        migrations.AddField(
            model_name='radaruitgaand',
            name='methode',
            field=models.CharField(choices=[('PUT', 'registreren'), ('DELETE', 'intrekken')], default='PUT', max_length=6),
        ),
        migrations.AddField(
            model_name='radaruitgaand',
            name='referentie',
            field=models.UUIDField(blank=True, null=True),
        ),
        migrations.RunPython(signalen_zonder_betrokkenheid_weg, migrations.RunPython.noop),
        migrations.AlterField(
            model_name='radaruitgaand',
            name='betrokkenheid',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='uitgaand', to='radar.radarbetrokkenheid'),
        ),
    ]
