"""Background jobs of surveys (huey): thin wrappers that call the services."""

from huey.contrib.djhuey import db_periodic_task

from workflows.tasks import local_crontab


@db_periodic_task(local_crontab(hour="0", minute="30"))
def surveys_erase_expired_contacts():
    """After midnight local time: contact details past their retention period are erased."""
    from surveys.services import contacts_erase_expired

    return contacts_erase_expired()
