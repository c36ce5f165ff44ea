"""A partial index on viewflow's unclaimed tasks (issue 22): the team queue and "My tasks" look
for tasks with ``status = 'NEW'``, a few among the hundreds of thousands a municipality's
history keeps. ``viewflow_task`` belongs to viewflow, so it is plain SQL that SQLite and
PostgreSQL both understand (``CREATE INDEX IF NOT EXISTS … WHERE``); a partial index on
``status IN (…)`` would not do: SQLite uses a partial index only when the query repeats its
condition, and the queries ask for one status.
"""

from django.db import migrations

NEW_TASKS = "workflows_vf_task_new"


class Migration(migrations.Migration):
    dependencies = [
        ("workflows", "0012_estimated_hours_per_kind"),
        ("viewflow", "0015_task_scheduled"),
    ]

    operations = [
        migrations.RunSQL(
            sql=f"CREATE INDEX IF NOT EXISTS {NEW_TASKS} ON viewflow_task (process_id) "
                "WHERE status = 'NEW'",
            reverse_sql=f"DROP INDEX IF EXISTS {NEW_TASKS}"),
    ]
