"""AuditEvent and Notification now live in ``audit`` and ``notifications``: state only."""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ("workflows", "0007_notification_email_state"),
        ("audit", "0001_initial"),
        ("notifications", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.DeleteModel(name="Notification"),
                migrations.DeleteModel(name="AuditEvent"),
            ],
        ),
    ]
