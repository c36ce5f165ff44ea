"""Background jobs of the API app (huey): webhook deliveries."""

from huey.contrib.djhuey import db_task


@db_task()
def deliver_webhook(delivery_id: int):
    """One attempt of one delivery; the service schedules the next one on failure."""
    from api.webhooks.delivery import deliver

    deliver(delivery_id)
