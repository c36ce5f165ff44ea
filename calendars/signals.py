"""Pieces and requests change in workflows/: tell the feeds (their cached states are stale)."""


def publication_or_request_changed(sender, **kwargs) -> None:
    from calendars.feeds import calendar_changed

    calendar_changed()
