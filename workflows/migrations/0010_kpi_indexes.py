"""Indexes the KPI dashboard, the collision rule and the inbox read (issue 22).

``viewflow_task`` belongs to viewflow, so its ``(owner_id, status)`` index is plain SQL
(``CREATE INDEX IF NOT EXISTS``, understood by SQLite and PostgreSQL alike) rather than a
model index: the "assigned to me" subquery of the inbox walks an approver's tasks by owner
and status.
"""

from django.db import migrations, models

TASK_INDEX = "workflows_vf_task_owner_status"


class Migration(migrations.Migration):
    dependencies = [
        ("workflows", "0009_campaigns_moved_out"),
        ("viewflow", "0015_task_scheduled"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="contentrequest",
            index=models.Index(fields=["submitted_at"], name="workflows_request_submitted")),
        migrations.AddIndex(
            model_name="contentrequest",
            index=models.Index(fields=["published_at"], name="workflows_request_published")),
        migrations.AddIndex(
            model_name="publication",
            index=models.Index(fields=["channel", "scheduled_at"],
                               name="workflows_pub_channel_sched")),
        migrations.RunSQL(
            sql=f"CREATE INDEX IF NOT EXISTS {TASK_INDEX} ON viewflow_task (owner_id, status)",
            reverse_sql=f"DROP INDEX IF EXISTS {TASK_INDEX}"),
    ]
