"""The e-mail state columns (added to the table by workflows 0007, before the move): state only."""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("notifications", "0001_initial"),
        ("workflows", "0007_notification_email_state"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.AddField(
                    model_name="notification", name="email_attempts",
                    field=models.PositiveSmallIntegerField(default=0,
                                                           verbose_name="e-mail attempts")),
                migrations.AddField(
                    model_name="notification", name="email_error",
                    field=models.CharField(blank=True, max_length=300,
                                           verbose_name="e-mail error")),
                migrations.AddField(
                    model_name="notification", name="email_state",
                    field=models.CharField(
                        choices=[("none", "No e-mail (digest or no address)"),
                                 ("pending", "Waiting to be sent"), ("sending", "Being sent"),
                                 ("sent", "Sent"), ("failed", "Failed")],
                        default="none", max_length=8, verbose_name="e-mail")),
                migrations.AddField(
                    model_name="notification", name="email_touched_at",
                    field=models.DateTimeField(blank=True, null=True,
                                               verbose_name="e-mail state changed at")),
                migrations.AddIndex(
                    model_name="notification",
                    index=models.Index(fields=["email_state", "email_touched_at"],
                                       name="workflows_notif_email_sweep")),
            ],
        ),
    ]
