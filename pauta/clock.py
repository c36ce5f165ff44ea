"""The current time, with a way to pretend another one (used by the demo history generator).

Services and models that stamp times use ``clock.now()``; ``travel(dt)`` makes a block of code
act as if it ran at ``dt`` — so generated history goes through the real services and keeps the
audit chain valid.
"""

from contextlib import contextmanager
from contextvars import ContextVar
from datetime import datetime

from django.utils import timezone

_frozen: ContextVar[datetime | None] = ContextVar("pauta_clock", default=None)


def now() -> datetime:
    return _frozen.get() or timezone.now()


def travelling() -> bool:
    """True inside ``travel()``: what happens there is history, not news to notify."""
    return _frozen.get() is not None


def today():
    return timezone.localdate(now())


@contextmanager
def travel(moment: datetime):
    token = _frozen.set(moment)
    try:
        yield moment
    finally:
        _frozen.reset(token)
