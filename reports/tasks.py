"""Background jobs of the reports app (huey): thin wrappers that call the services."""

from huey import crontab
from huey.contrib.djhuey import HUEY, db_periodic_task, db_task

from workflows.tasks import local_crontab


@db_task(retries=1, retry_delay=60)
def run_export(export_id: int):
    """Build one KPI workbook recorded by ``export_start``."""
    from reports.services import export_run

    export_run(export_id=export_id)
    return export_id


@db_task()
def facts_catch_up():
    """After a transaction that wrote audit events commits: fold them into the KPI facts."""
    from reports.facts.fold import catch_up

    return catch_up()


@db_periodic_task(crontab(minute="*/5"))
def facts_catch_up_periodic():
    """Every five minutes: fold whatever an after-commit task missed (a worker that died)."""
    from reports.facts.fold import catch_up

    return catch_up()


@db_periodic_task(local_crontab(day="1", hour="6", minute="0"))
def send_monthly_reports():
    """On the 1st at 06:00 local time: last month's workbook to the subscribers."""
    from reports.services import monthly_reports_send

    return monthly_reports_send()


@db_periodic_task(crontab(minute="*"))
def fail_stalled_exports():
    """Every minute: close as failed the exports whose worker died, telling the person."""
    from reports.services import exports_fail_stalled

    return exports_fail_stalled()


@HUEY.on_startup()
def fail_stalled_exports_on_start():
    """A consumer that starts closes at once the exports a dead one left (past the timeout)."""
    from django.db import close_old_connections

    from reports.services import exports_fail_stalled

    try:
        exports_fail_stalled()
    finally:
        close_old_connections()


@db_periodic_task(crontab(minute="17"))
def purge_exports():
    """Hourly: delete exported workbooks past their keeping time."""
    from reports.services import exports_purge

    return exports_purge()
