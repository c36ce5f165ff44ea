"""The notification moves from ``workflows`` to ``notifications``: state only, the table stays."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

import pauta.clock


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ("audit", "0001_initial"),
        ("workflows", "0004_campaigns"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.CreateModel(
                    name="Notification",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True,
                                                   serialize=False, verbose_name="ID")),
                        ("message", models.TextField(verbose_name="message")),
                        ("created_at", models.DateTimeField(default=pauta.clock.now,
                                                            verbose_name="created at")),
                        ("read_at", models.DateTimeField(blank=True, null=True,
                                                         verbose_name="read at")),
                        ("emailed_at", models.DateTimeField(blank=True, null=True,
                                                            verbose_name="e-mailed at")),
                        ("event", models.ForeignKey(
                            on_delete=django.db.models.deletion.CASCADE,
                            related_name="notifications", to="audit.auditevent",
                            verbose_name="event")),
                        ("recipient", models.ForeignKey(
                            on_delete=django.db.models.deletion.CASCADE,
                            related_name="notifications", to=settings.AUTH_USER_MODEL,
                            verbose_name="recipient")),
                        ("request", models.ForeignKey(
                            blank=True, null=True, on_delete=django.db.models.deletion.CASCADE,
                            related_name="notifications", to="workflows.contentrequest")),
                    ],
                    options={
                        "verbose_name": "notification",
                        "verbose_name_plural": "notifications",
                        "db_table": "workflows_notification",
                        "ordering": ["-created_at"],
                        "indexes": [models.Index(fields=["recipient", "read_at"],
                                                 name="workflows_n_recipie_2eaa39_idx")],
                        "constraints": [models.UniqueConstraint(
                            fields=("event", "recipient"),
                            name="workflows_one_notification_per_event")],
                    },
                ),
            ],
        ),
    ]
