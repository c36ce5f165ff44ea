"""Small helpers for ``describe`` functions: names instead of codes, optional second sentences,
and ``looked_up``: a name read once per HTTP request however many events of a timeline ask."""

from contextvars import ContextVar

from django.utils import formats, timezone
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.translation import gettext as _

from audit.registry import actor_name

_LOOKUPS: ContextVar[dict | None] = ContextVar("audit_lookups", default=None)


def looked_up(kind: str, key, loader):
    """``loader()`` (a name for a code or a pk in a payload), read once per HTTP request
    (``audit.middleware.LookupsPerRequest``); outside a request, every call reads it."""
    memo = _LOOKUPS.get()
    if memo is None:
        return loader()
    if (kind, key) not in memo:
        memo[(kind, key)] = loader()
    return memo[(kind, key)]


def lookups_scope():
    """Start a scope of ``looked_up`` (returns the token ``lookups_end`` takes)."""
    return _LOOKUPS.set({})


def lookups_end(token) -> None:
    _LOOKUPS.reset(token)


def fill(text, event, **values) -> str:
    """``text`` (a lazy translated sentence) with the actor and ``values`` filled in."""
    return str(text) % {"actor": actor_name(event), **values}


def quoted(event, key: str) -> str:
    """A second sentence quoting what the person wrote in ``payload[key]`` (or "")."""
    words = str(event.payload.get(key) or "").strip().rstrip(".")
    return " " + _("They wrote: “%(text)s”.") % {"text": words} if words else ""


def date_of(value) -> str:
    """An ISO date or datetime from a payload, as people read it in the active language."""
    if not value:
        return ""
    moment = parse_datetime(str(value))
    if moment is not None:
        if timezone.is_aware(moment):
            moment = timezone.localtime(moment)
        return formats.date_format(moment, "SHORT_DATETIME_FORMAT")
    day = parse_date(str(value)[:10])
    return formats.date_format(day, "SHORT_DATE_FORMAT") if day else ""


def money(value) -> str:
    """An amount in reais, localized (``R$ 1.234,50`` in Portuguese)."""
    try:
        amount = float(value)
    except (TypeError, ValueError):
        return ""
    return "R$ " + formats.number_format(amount, 2, use_l10n=True, force_grouping=True)
