"""Hand every recorded event that tells somebody to huey (``notifications.tasks``)."""


def on_event_recorded(sender, *, event, verb, **kwargs) -> None:
    """Receiver of ``audit.signals.event_recorded`` (runs after commit)."""
    if verb is None or verb.recipients is None:
        return
    from notifications.tasks import notify_event

    notify_event(event.pk)
