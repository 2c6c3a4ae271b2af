"""Plan versions and fingerprints, one-time review tokens, removed units, collectives, longer numbers."""

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('tasks', '0001_initial'),
        ('units', '0001_initial'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='PlanReview',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('token', models.CharField(max_length=64, unique=True)),
                ('created_at', models.DateTimeField(default=django.utils.timezone.now)),
                ('used_at', models.DateTimeField(blank=True, null=True)),
            ],
            options={
                'verbose_name': 'plan review',
                'verbose_name_plural': 'plan reviews',
            },
        ),
        migrations.CreateModel(
            name='RemovedAssignment',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('role', models.CharField(choices=[('lead', 'Lead unit'), ('responsible', 'Responsible unit')], max_length=20, verbose_name='part')),
                ('via_group', models.CharField(blank=True, max_length=100, verbose_name='named through')),
                ('signed_at', models.DateTimeField(blank=True, null=True, verbose_name='signed at')),
                ('removed_at', models.DateTimeField(default=django.utils.timezone.now, verbose_name='removed at')),
                ('reason', models.CharField(blank=True, max_length=500, verbose_name='reason')),
            ],
            options={
                'verbose_name': 'removed unit',
                'verbose_name_plural': 'removed units',
                'ordering': ['task', 'removed_at'],
            },
        ),
        migrations.AddField(
            model_name='plan',
            name='previous_version',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='later_versions', to='tasks.plan', verbose_name='previous version'),
        ),
        migrations.AddField(
            model_name='plan',
            name='source_hash',
            field=models.CharField(blank=True, db_index=True, max_length=64, verbose_name='source text fingerprint'),
        ),
        migrations.AddField(
            model_name='plan',
            name='version',
            field=models.PositiveSmallIntegerField(default=1, verbose_name='version'),
        ),
        migrations.AddField(
            model_name='taskunit',
            name='via_group',
            field=models.CharField(blank=True, max_length=100, verbose_name='named through'),
        ),
        migrations.AlterField(
            model_name='task',
            name='number',
            field=models.CharField(blank=True, max_length=60, verbose_name='number'),
        ),
        migrations.AlterField(
            model_name='taskevent',
            name='kind',
            field=models.CharField(choices=[('created', 'Created'), ('assigned', 'Assigned'), ('signed', 'Signed for'), ('reported', 'Progress reported'), ('extension_requested', 'Extension requested'), ('extension_approved', 'Extension approved'), ('extension_rejected', 'Extension rejected'), ('closure_requested', 'Closure requested'), ('closed', 'Closed'), ('returned', 'Sent back'), ('cancelled', 'Cancelled'), ('reminded', 'Reminder sent'), ('edited', 'Edited'), ('deadline_changed', 'Deadline changed by the office'), ('unit_added', 'Unit added'), ('unit_removed', 'Unit removed')], max_length=30, verbose_name='event'),
        ),
        migrations.AddField(
            model_name='planreview',
            name='plan',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='tasks.plan'),
        ),
        migrations.AddField(
            model_name='planreview',
            name='user',
            field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to=settings.AUTH_USER_MODEL),
        ),
        migrations.AddField(
            model_name='removedassignment',
            name='removed_by',
            field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='removed by'),
        ),
        migrations.AddField(
            model_name='removedassignment',
            name='task',
            field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='removed_assignments', to='tasks.task', verbose_name='item'),
        ),
        migrations.AddField(
            model_name='removedassignment',
            name='unit',
            field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='units.memberunit', verbose_name='unit'),
        ),
    ]
