"""Background jobs of the press desk (huey): thin wrappers that call the services."""

from huey import crontab
from huey.contrib.djhuey import db_periodic_task, db_task


@db_periodic_task(crontab(minute="*/5"))
def press_escalate_overdue():
    """Every five minutes: open inquiries past their deadline are escalated once."""
    from press.services import inquiries_escalate

    return inquiries_escalate()


@db_task()
def deliver_answer(mail_pk: int):
    """Send one kept answer e-mail to the journalist (once: the service claims it)."""
    from press.services import answer_deliver

    return answer_deliver(mail_pk)


@db_task()
def run_distribution(distribution_pk: int):
    """Send a press-release distribution (each recipient once: the service claims rows)."""
    from press.distribution import distribution_run

    return distribution_run(distribution_pk)
