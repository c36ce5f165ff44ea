"""The audit event moves from ``workflows`` to ``audit``: state only, the table stays."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

import pauta.clock


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ("workflows", "0005_audit_hash_alg"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.CreateModel(
                    name="AuditEvent",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True,
                                                   serialize=False, verbose_name="ID")),
                        ("verb", models.CharField(db_index=True, max_length=50,
                                                  verbose_name="what")),
                        ("target_type", models.CharField(max_length=100,
                                                         verbose_name="target type")),
                        ("target_id", models.CharField(max_length=64, verbose_name="target id")),
                        ("from_state", models.CharField(blank=True, max_length=30,
                                                        verbose_name="from state")),
                        ("to_state", models.CharField(blank=True, max_length=30,
                                                      verbose_name="to state")),
                        ("payload", models.JSONField(blank=True, default=dict,
                                                     verbose_name="details")),
                        ("created_at", models.DateTimeField(db_index=True,
                                                            default=pauta.clock.now,
                                                            verbose_name="when")),
                        ("prev_hash", models.CharField(editable=False, max_length=64)),
                        ("hash", models.CharField(editable=False, max_length=64, unique=True)),
                        ("hash_alg", models.CharField(default="hmac-sha256", editable=False,
                                                      max_length=16)),
                        ("actor", models.ForeignKey(
                            blank=True, null=True, on_delete=django.db.models.deletion.PROTECT,
                            related_name="+", to=settings.AUTH_USER_MODEL,
                            verbose_name="actor")),
                        ("request", models.ForeignKey(
                            blank=True, null=True, on_delete=django.db.models.deletion.PROTECT,
                            related_name="events", to="workflows.contentrequest",
                            verbose_name="request")),
                    ],
                    options={
                        "verbose_name": "audit event",
                        "verbose_name_plural": "audit events",
                        "db_table": "workflows_auditevent",
                        "ordering": ["pk"],
                        "indexes": [
                            models.Index(fields=["target_type", "target_id"],
                                         name="workflows_a_target__f7e2ff_idx"),
                            models.Index(fields=["request", "created_at"],
                                         name="workflows_a_request_3b8174_idx"),
                        ],
                    },
                ),
            ],
        ),
    ]
