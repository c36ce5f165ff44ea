"""The campaign models now belong to the campaigns app (state only: the tables stay)."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('campaigns', '0001_initial'),
        ('approvals', '0006_step_campaign_in_campaigns_app'),
        ('workflows', '0008_move_audit_and_notifications'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name='contentrequest',
                    name='campaign',
                    field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='pieces', to='campaigns.campaign', verbose_name='campaign'),
                ),
                migrations.DeleteModel(name='SpendEntry'),
                migrations.DeleteModel(name='PublicitySpendLimit'),
                migrations.DeleteModel(name='Campaign'),
            ],
            database_operations=[],
        ),
    ]
