"""Campaign models move from workflows to campaigns: state only, the tables stay.

The tables keep their names (``workflows_campaign``, ``workflows_spendentry``,
``workflows_publicityspendlimit`` and the M2M tables); ``workflows.0005`` removes the models
from the workflows state afterwards. The content types are renamed so permissions and
generic references keep pointing at the same rows.
"""

import django.db.models.deletion
import django_fsm
import pauta.clock
from django.conf import settings
from django.db import migrations, models


def rename_content_types(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    for model in ("campaign", "spendentry", "publicityspendlimit"):
        if not ContentType.objects.filter(app_label="campaigns", model=model).exists():
            ContentType.objects.filter(app_label="workflows", model=model).update(
                app_label="campaigns")


def restore_content_types(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    for model in ("campaign", "spendentry", "publicityspendlimit"):
        ContentType.objects.filter(app_label="campaigns", model=model).update(
            app_label="workflows")


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('contenttypes', '0002_remove_content_type_name'),
        ('org', '0003_notification_digest'),
        ('plans', '0002_plan_lifecycle_kpis_revisions'),
        ('workflows', '0004_campaigns'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    state_operations = [
        migrations.CreateModel(
            name='Campaign',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('title', models.CharField(max_length=200, verbose_name='title')),
                ('brief', models.TextField(help_text='What the campaign is about and why.', verbose_name='brief')),
                ('objective', models.TextField(blank=True, verbose_name='objective')),
                ('start', models.DateField(verbose_name='start')),
                ('end', models.DateField(verbose_name='end')),
                ('key_messages', models.TextField(blank=True, help_text='One message per line.', verbose_name='key messages')),
                ('budget_own_staff', models.DecimalField(decimal_places=2, default=0, max_digits=14, verbose_name='estimated budget: own staff')),
                ('budget_paid_media', models.DecimalField(decimal_places=2, default=0, max_digits=14, verbose_name='estimated budget: paid media and suppliers')),
                ('state', django_fsm.FSMField(choices=[('draft', 'Draft'), ('submitted', 'Submitted'), ('in_approval', 'In approval'), ('approved', 'Approved'), ('running', 'Running'), ('closed', 'Closed'), ('rejected', 'Rejected'), ('cancelled', 'Cancelled')], db_index=True, default='draft', max_length=50, protected=True, verbose_name='state')),
                ('review_round', models.PositiveSmallIntegerField(default=0, verbose_name='review round')),
                ('rejection_reason', models.CharField(blank=True, max_length=100, verbose_name='rejection reason')),
                ('cancel_reason', models.TextField(blank=True, verbose_name='reason for cancelling')),
                ('created_at', models.DateTimeField(db_index=True, default=pauta.clock.now, verbose_name='created at')),
                ('updated_at', models.DateTimeField(auto_now=True, verbose_name='updated at')),
                ('submitted_at', models.DateTimeField(blank=True, null=True, verbose_name='submitted at')),
                ('approved_at', models.DateTimeField(blank=True, null=True, verbose_name='approved at')),
                ('closed_at', models.DateTimeField(blank=True, null=True, verbose_name='closed at')),
                ('audiences', models.ManyToManyField(blank=True, related_name='campaigns', to='plans.audience', verbose_name='target audiences')),
                ('channels', models.ManyToManyField(blank=True, related_name='campaigns', to='plans.channel', verbose_name='channels')),
                ('plan_action', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='campaigns', to='plans.planaction', verbose_name='plan action')),
                ('requester', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='campaigns_filed', to=settings.AUTH_USER_MODEL, verbose_name='requester')),
                ('secretariat', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='campaigns', to='org.secretariat', verbose_name='secretariat')),
            ],
            options={
                'db_table': 'workflows_campaign',
                'verbose_name': 'campaign',
                'verbose_name_plural': 'campaigns',
                'ordering': ['-start', '-pk'],
            },
            bases=(django_fsm.FSMModelMixin, models.Model),
        ),
        migrations.CreateModel(
            name='PublicitySpendLimit',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('year', models.PositiveSmallIntegerField(unique=True, verbose_name='election year')),
                ('limit', models.DecimalField(decimal_places=2, max_digits=14, verbose_name='limit')),
                ('period_start', models.DateField(blank=True, help_text='Empty: 1 January of the year.', null=True, verbose_name='counted from')),
                ('period_end', models.DateField(blank=True, help_text='Empty: 30 June of the year (first half).', null=True, verbose_name='counted until')),
                ('legal_basis', models.TextField(help_text='The rule and how the value was computed.', verbose_name='legal basis')),
                ('active', models.BooleanField(default=True, verbose_name='active')),
            ],
            options={
                'db_table': 'workflows_publicityspendlimit',
                'verbose_name': 'publicity spending limit',
                'verbose_name_plural': 'publicity spending limits',
                'ordering': ['-year'],
                'constraints': [models.CheckConstraint(condition=models.Q(('limit__gte', 0)), name='workflows_spend_limit_not_negative')],
            },
        ),
        migrations.CreateModel(
            name='SpendEntry',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('kind', models.CharField(choices=[('own_staff', 'Own staff'), ('paid_media', 'Paid media and suppliers')], max_length=20, verbose_name='kind')),
                ('committed_on', models.DateField(verbose_name='committed on')),
                ('amount', models.DecimalField(decimal_places=2, max_digits=14, verbose_name='amount')),
                ('supplier', models.CharField(blank=True, max_length=200, verbose_name='supplier')),
                ('description', models.CharField(max_length=300, verbose_name='description')),
                ('document', models.CharField(blank=True, help_text='Commitment note (empenho), contract or order.', max_length=100, verbose_name='document reference')),
                ('created_at', models.DateTimeField(default=pauta.clock.now, verbose_name='created at')),
                ('campaign', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='spend', to='campaigns.campaign', verbose_name='campaign')),
                ('created_by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='recorded by')),
            ],
            options={
                'db_table': 'workflows_spendentry',
                'verbose_name': 'spend entry',
                'verbose_name_plural': 'spend entries',
                'ordering': ['committed_on', 'pk'],
            },
        ),
        migrations.AddIndex(
            model_name='campaign',
            index=models.Index(fields=['secretariat', 'state'], name='workflows_c_secreta_7b41b4_idx'),
        ),
        migrations.AddConstraint(
            model_name='campaign',
            constraint=models.CheckConstraint(condition=models.Q(('end__gte', models.F('start'))), name='workflows_campaign_period_valid'),
        ),
        migrations.AddConstraint(
            model_name='campaign',
            constraint=models.CheckConstraint(condition=models.Q(('budget_own_staff__gte', 0), ('budget_paid_media__gte', 0)), name='workflows_campaign_budget_not_negative'),
        ),
        migrations.AddIndex(
            model_name='spendentry',
            index=models.Index(fields=['committed_on', 'kind'], name='workflows_s_committ_b55286_idx'),
        ),
        migrations.AddConstraint(
            model_name='spendentry',
            constraint=models.CheckConstraint(condition=models.Q(('amount__gt', 0)), name='workflows_spend_amount_positive'),
        ),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(state_operations=state_operations,
                                            database_operations=[]),
        migrations.RunPython(rename_content_types, restore_content_types),
    ]
