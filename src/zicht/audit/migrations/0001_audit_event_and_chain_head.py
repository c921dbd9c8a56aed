"""Schema: the audit event table (seq is the chain order) and the single-row chain head."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='AuditChainHead',
            fields=[
                ('id', models.PositiveSmallIntegerField(default=1, primary_key=True, serialize=False)),
                ('seq', models.BigIntegerField(default=0, verbose_name='laatste volgnummer')),
                ('hash', models.CharField(default='0000000000000000000000000000000000000000000000000000000000000000', max_length=64, verbose_name='laatste hash')),
            ],
            options={
                'verbose_name': 'kop van de auditketen',
                'verbose_name_plural': 'kop van de auditketen',
                'constraints': [models.CheckConstraint(condition=models.Q(('id', 1)), name='audit_chainhead_single_row')],
            },
        ),
        migrations.CreateModel(
            name='AuditEvent',
            fields=[
                ('seq', models.BigIntegerField(primary_key=True, serialize=False, verbose_name='volgnummer')),
                ('occurred_at', models.DateTimeField(verbose_name='tijdstip')),
                ('event', models.PositiveSmallIntegerField(help_text='Code uit de catalogus (zicht.audit.catalogue.Event).', verbose_name='gebeurtenis')),
                ('target_type', models.CharField(blank=True, max_length=100, verbose_name='soort object')),
                ('target_id', models.CharField(blank=True, max_length=64, verbose_name='object-id')),
                ('reason', models.CharField(blank=True, max_length=32, verbose_name='reden')),
                ('reason_text', models.CharField(blank=True, max_length=500, verbose_name='toelichting')),
                ('data', models.JSONField(blank=True, default=dict, verbose_name='gegevens')),
                ('ip_address', models.GenericIPAddressField(blank=True, null=True, verbose_name='IP-adres')),
                ('prev_hash', models.CharField(max_length=64, verbose_name='vorige hash')),
                ('hash', models.CharField(max_length=64, verbose_name='hash')),
                ('actor', models.ForeignKey(blank=True, db_index=False, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='gebruiker')),
            ],
            options={
                'verbose_name': 'auditgebeurtenis',
                'verbose_name_plural': 'auditgebeurtenissen',
                'ordering': ['-seq'],
                'indexes': [models.Index(fields=['actor', 'occurred_at'], name='audit_actor_at_idx'), models.Index(fields=['target_type', 'target_id', 'occurred_at'], name='audit_target_at_idx'), models.Index(fields=['event', 'occurred_at'], name='audit_event_at_idx'), models.Index(fields=['occurred_at', 'seq'], name='audit_at_seq_idx')],
            },
        ),
    ]
