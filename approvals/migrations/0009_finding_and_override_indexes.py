"""The dashboard's consent-gate findings and a period's overrides by index (issue 22)."""

from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('approvals', '0008_step_survey'),
        ('plans', '0003_budget_commitment'),
        ('workflows', '0017_feed_window_index'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddIndex(
            model_name='findingoverride',
            index=models.Index(fields=['created_at', 'rule'], name='approvals_override_when'),
        ),
        migrations.AddIndex(
            model_name='findingrecord',
            index=models.Index(fields=['rule', 'severity', 'run', 'request'], name='approvals_finding_rule'),
        ),
        # The rule's own index last: the new one, which leads with it, is there by then.
        migrations.AlterField(
            model_name='findingrecord',
            name='rule',
            field=models.CharField(max_length=60, verbose_name='rule'),
        ),
    ]
