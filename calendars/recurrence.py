"""Recurrence rules of calendar events: what may be saved, and bounded expansion.

A rule repeats at most once a day (no HOURLY, MINUTELY or SECONDLY frequency, no list of
hours, minutes or seconds inside a day). Every expansion is bounded: by the window asked for
(an UNTIL no later than its end, a DTSTART moved up to its beginning when the rule allows),
and by ``MAX_OCCURRENCES``; a rule that gives no date at all (30 February) is refused, as
dateutil would look for one until the year 9999. A rule saved before these checks that breaks
them is not expanded at all: the event counts once, on its own dates.
"""

import datetime as dt
import functools
import logging

from dateutil.rrule import DAILY, WEEKLY, rrule, rrulestr
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

MAX_OCCURRENCES = 1000  # per event and per window asked for
logger = logging.getLogger(__name__)


def parse(text: str, dtstart: dt.datetime) -> rrule:
    """The rule (``dtstart`` naive, local) or ValueError/TypeError when it is not one rule."""
    rule = rrulestr(text, dtstart=dtstart)
    if not isinstance(rule, rrule):
        raise ValueError(_("give a single RRULE"))
    return rule


def sub_daily(rule: rrule) -> bool:
    """True when the rule can repeat more than once a day."""
    per_day = len(rule._byhour or (0,)) * len(rule._byminute or (0,)) * len(
        rule._bysecond or (0,))
    return rule._freq > DAILY or per_day > 1


# The Gregorian calendar repeats every 400 years (146,097 days, a whole number of weeks).
CYCLE_YEARS = 400


@functools.lru_cache(maxsize=1024)
def never_yields(text: str, dtstart: dt.datetime) -> bool:
    """True for a rule that gives no date at all (30 February, every 7 days on another weekday).

    dateutil looks for such dates until the year 9999 whatever the UNTIL, so they are probed
    once: DTSTART moved forward by whole cycles of ``CYCLE_YEARS`` × INTERVAL (which changes
    no occurrence's weekday, day of month or phase) to leave one or two cycles before 9999.
    """
    rule = parse(text, dtstart)
    cycle = CYCLE_YEARS * rule._interval
    cycles = (dt.MAXYEAR + 1 - cycle - dtstart.year) // cycle
    start = dtstart.replace(year=dtstart.year + cycles * cycle) if cycles > 0 else dtstart
    probe = rule.replace(dtstart=start, count=None, until=None)
    return next(iter(probe), None) is None


def clean_rule(text: str, starts_at: dt.datetime) -> str:
    """The rule as stored (no ``RRULE:`` prefix), or ValidationError with a translated message."""
    text = (text or "").strip().removeprefix("RRULE:")
    if not text:
        return ""
    local_start = timezone.localtime(starts_at).replace(tzinfo=None)
    try:
        rule = parse(text, local_start)
    except (ValueError, TypeError, OverflowError) as error:
        raise ValidationError({"rrule": _("The recurrence rule is not valid: %(error)s")
                               % {"error": error}}) from error
    if sub_daily(rule):
        raise ValidationError({"rrule": too_frequent_message()})
    if never_yields(text, local_start):
        raise ValidationError({"rrule": _("The recurrence rule never gives a date (for "
                                          "example, it asks for 30 February).")})
    return text


def too_frequent_message() -> str:
    return _("An event may repeat at most once a day: hourly, minutely and secondly "
             "recurrences are not accepted.")


def _rebased(rule: rrule, window_from: dt.datetime) -> rrule:
    """The same rule starting at its last period boundary before the window (DAILY, WEEKLY
    without COUNT only: their occurrences do not depend on how many came before)."""
    if rule._count is not None or rule._freq not in (DAILY, WEEKLY):
        return rule
    period = dt.timedelta(days=rule._interval * (7 if rule._freq == WEEKLY else 1))
    periods = (window_from - rule._dtstart) // period
    if periods <= 1:
        return rule
    return rule.replace(dtstart=rule._dtstart + (periods - 1) * period)


def expand(text: str, dtstart: dt.datetime, window_from: dt.datetime,
           window_to: dt.datetime) -> list[dt.datetime] | None:
    """Naive local starts of the occurrences in [window_from, window_to], at most
    ``MAX_OCCURRENCES``; None when the rule cannot be expanded safely (invalid, sub-daily)."""
    try:
        rule = parse(text, dtstart)
    except (ValueError, TypeError, OverflowError):
        logger.warning("Calendar rule not expanded (not valid): %r", text)
        return None
    if sub_daily(rule) or never_yields(text, dtstart):
        logger.warning("Calendar rule not expanded (more than daily, or never): %r", text)
        return None
    count = rule._count
    until = min(rule._until, window_to) if rule._until else window_to
    bounded = _rebased(rule.replace(count=None, until=until), window_from) if count is None \
        else rule.replace(count=None, until=until)
    found = []
    for number, moment in enumerate(bounded, start=1):
        if count is not None and number > count:
            break
        if moment >= window_from:
            found.append(moment)
            if len(found) >= MAX_OCCURRENCES:
                break
    return found
