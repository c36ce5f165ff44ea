"""Rows already in the audit trail were hashed with plain SHA-256; new ones are keyed."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("workflows", "0004_campaigns")]

    operations = [
        # Existing rows get "sha256" (their real algorithm); the default then changes for new rows.
        migrations.AddField(
            model_name="auditevent", name="hash_alg",
            field=models.CharField(default="sha256", editable=False, max_length=16),
        ),
        migrations.AlterField(
            model_name="auditevent", name="hash_alg",
            field=models.CharField(default="hmac-sha256", editable=False, max_length=16),
        ),
    ]
