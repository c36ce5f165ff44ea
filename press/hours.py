"""The press desk's office hours (``PRESS_OFFICE_HOURS``, "08:00-18:00"): response times
to the press are counted in working hours (``workflows.sla.working_hours_counter``)."""

from datetime import time

from django.conf import settings

DEFAULT = (time(8), time(18))


def office_hours() -> tuple[time, time]:
    """(opens, closes); a malformed or empty setting falls back to 08:00–18:00."""
    try:
        low, high = (time.fromisoformat(part.strip())
                     for part in settings.PRESS_OFFICE_HOURS.split("-"))
    except (AttributeError, ValueError):
        return DEFAULT
    return (low, high) if low < high else DEFAULT
