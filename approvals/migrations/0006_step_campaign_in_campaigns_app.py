"""Approval steps point at campaigns of the campaigns app (state only: same column)."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('approvals', '0005_merge_0003_campaign_steps_0004_compliance_defaults'),
        ('campaigns', '0001_initial'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name='approvalstep',
                    name='campaign',
                    field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='approval_steps', to='campaigns.campaign', verbose_name='campaign'),
                ),
            ],
            database_operations=[],
        ),
    ]
