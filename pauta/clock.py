"""The current time, with a way to pretend another one (used by the demo history generator).

Services and models that stamp times use ``clock.now()``; ``travel(dt)`` makes a block of code
act as if it ran at ``dt`` — so generated history goes through the real services and keeps the
audit chain valid. ``quiet()`` marks a block (the demo's seeding) whose actions are not news
to anybody, whatever the time.
"""

from contextlib import contextmanager
from contextvars import ContextVar
from datetime import datetime

from django.utils import timezone

_frozen: ContextVar[datetime | None] = ContextVar("pauta_clock", default=None)
_hushed: ContextVar[bool] = ContextVar("pauta_hushed", default=False)


def now() -> datetime:
    return _frozen.get() or timezone.now()


def travelling() -> bool:
    """True inside ``travel()``: what happens there is history, not news to notify."""
    return _frozen.get() is not None


def is_news() -> bool:
    """Whether what happens now should reach people (notifications, webhooks)."""
    return not travelling() and not _hushed.get()


def today():
    return timezone.localdate(now())


@contextmanager
def travel(moment: datetime):
    token = _frozen.set(moment)
    try:
        yield moment
    finally:
        _frozen.reset(token)


@contextmanager
def quiet():
    """A block whose actions are not news (loading the demo): nobody is notified of them."""
    token = _hushed.set(True)
    try:
        yield
    finally:
        _hushed.reset(token)
