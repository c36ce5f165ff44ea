"""Importing an ICS file into one event kind: all-or-nothing, idempotent by UID.

The file is checked line by line first (structure, then each VEVENT); any problem rejects
the whole file with its line numbers and nothing is written. The one exception is a recurrence
rule Pauta does not accept (more than once a day, days that never exist): that event is left
out and reported in ``ImportResult.refused``, the others are imported. Re-importing updates events
whose UID is known (SEQUENCE bumps only on a real change of content — the file's name is not
content) and never duplicates them. A holiday import keeps only all-day events as days off
(``calendars.holidays.imported_kind``).
"""

import dataclasses
import datetime as dt
import re

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Calendar

from calendars import permissions as perms
from calendars import recurrence
from calendars.holidays import day_off_marks, imported_kind
from calendars.models import Event, EventKind, EventStatus, Visibility
from calendars.services import ensure, save_event
from pauta.inputs import check_year, year_message

CONTENT_LINE = re.compile(r"^[A-Za-z0-9-]+(;[^:]*)?:")
MAX_BYTES = 5 * 1024 * 1024


class ImportRejected(ValidationError):
    """The file is not imported; ``problems`` lists (line number, reason)."""

    def __init__(self, problems: list[tuple[int, str]]):
        self.problems = problems
        super().__init__([_("Line %(line)s: %(reason)s") % {"line": n, "reason": r}
                          for n, r in problems])


@dataclasses.dataclass
class ImportResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    skipped: int = 0
    refused: list = dataclasses.field(default_factory=list)  # (line, title, reason)


def _logical_lines(text: str) -> list[tuple[int, str]]:
    lines: list[tuple[int, str]] = []
    for number, raw in enumerate(text.splitlines(), start=1):
        if raw[:1] in (" ", "\t") and lines:
            first, content = lines[-1]
            lines[-1] = (first, content + raw[1:])
        elif raw.strip():
            lines.append((number, raw))
    return lines


DATE_PROPERTIES = ("DTSTART", "DTEND")
DATE_VALUE = re.compile(r"^(\d{4})(\d{2})(\d{2})(?:T(\d{2})(\d{2})(\d{2})Z?)?$")


def _date_problem(name: str, params: str, value: str) -> str | None:
    """Why a DTSTART/DTEND value is not a date (in the reader's language), or None."""
    match = DATE_VALUE.match(value.strip())
    if not match:
        return _("the date “%(value)s” of %(name)s is not valid: write it as YYYYMMDD or "
                 "YYYYMMDDTHHMMSS") % {"value": value, "name": name}
    if "VALUE=DATE" in params.upper().replace("VALUE=DATE-TIME", "") and match.group(4):
        return _("%(name)s is marked as a date (VALUE=DATE) but holds a time") % {"name": name}
    parts = [int(part) for part in match.groups() if part is not None]
    try:
        dt.datetime(*parts)
    except ValueError:
        return _("the date “%(value)s” of %(name)s does not exist in the calendar") % {
            "value": value, "name": name}
    return None


def _check_structure(lines, last_line: int) -> tuple[list, list[int], list[dict]]:
    """Return problems, the line of each VEVENT's BEGIN and the lines of its properties."""
    problems, stack, starts, props = [], [], [], []
    for number, line in lines:
        if not CONTENT_LINE.match(line):
            problems.append((number, _("this is not an iCalendar content line")))
            continue
        name, _sep, value = line.partition(":")
        name, _semi, params = name.partition(";")
        name = name.upper()
        if name == "BEGIN":
            if not stack and value.upper() != "VCALENDAR":
                problems.append((number, _("the file must start with BEGIN:VCALENDAR")))
            stack.append((value.upper(), number))
            if value.upper() == "VEVENT":
                starts.append(number)
                props.append({})
        elif name == "END":
            if not stack or stack[-1][0] != value.upper():
                problems.append((number, _("END:%(name)s does not close an open component")
                                 % {"name": value}))
            else:
                stack.pop()
        elif stack and stack[-1][0] == "VEVENT":
            props[-1].setdefault(name, number)
            reason = _date_problem(name, params, value) if name in DATE_PROPERTIES else None
            if reason:
                problems.append((number, reason))
    if stack and not problems:
        problems.append((last_line, _("the file is incomplete (it ends at line %(line)s)")
                         % {"line": last_line}))
    else:
        for component, number in stack:
            problems.append((number, _("BEGIN:%(name)s is never closed") % {"name": component}))
    if not lines:
        problems.append((1, _("the file is empty")))
    return problems, starts, props


def _aware(value) -> dt.datetime:
    if isinstance(value, dt.datetime):
        return value if timezone.is_aware(value) else timezone.make_aware(value)
    return timezone.make_aware(dt.datetime.combine(value, dt.time()))


def _event_values(component, number: int, lines: dict, problems: list) -> dict | None:
    uid = str(component.get("UID", "")).strip()
    if not uid:
        problems.append((number, _("the event has no UID")))
    try:
        start = component.DTSTART
        end = component.DTEND if "DTEND" in component or "DURATION" in component else None
    except (ValueError, TypeError, KeyError):
        # icalendar's own message is English and internal: say which line, in our words.
        line = lines.get("DTEND" if "DTSTART" not in lines else "DTSTART", number)
        problems.append((line, _("the event's dates (DTSTART, DTEND, DURATION) are not valid")))
        return None
    if start is None:
        problems.append((number, _("the event has no DTSTART")))
        return None
    all_day = not isinstance(start, dt.datetime)
    if end is None:
        end = start + dt.timedelta(days=1) if all_day else start
    if (not isinstance(end, dt.datetime)) != all_day:
        problems.append((number, _("DTSTART and DTEND must both be dates or both be times")))
        return None
    try:
        check_year(_aware(start))
        check_year(_aware(end))
    except (ValidationError, OverflowError):
        problems.append((lines.get("DTSTART", number), year_message()))
        return None
    if _aware(end) < _aware(start):
        problems.append((number, _("the event ends before it starts")))
        return None
    rrule = component.get("RRULE")
    status = str(component.get("STATUS", "")).upper()
    return {**day_off_marks(component),
            "uid": uid[:255], "title": str(component.get("SUMMARY", "")).strip()[:200] or uid[:200],
            "description": str(component.get("DESCRIPTION", "")),
            "location": str(component.get("LOCATION", ""))[:255], "all_day": all_day,
            "starts_at": _aware(start), "ends_at": _aware(end),
            "rrule": rrule.to_ical().decode() if rrule else "",
            "status": {"CANCELLED": EventStatus.CANCELLED,
                       "TENTATIVE": EventStatus.TENTATIVE}.get(status, EventStatus.CONFIRMED)}


def _refusal(item: dict, number: int) -> tuple | None:
    """(line, title, reason) when the event's recurrence rule is not accepted, else None."""
    try:
        item["rrule"] = recurrence.clean_rule(item["rrule"], item["starts_at"])
    except ValidationError as error:
        return (number, item["title"], " ".join(error.messages))
    return None


def parse_ics(data: bytes) -> tuple[list[dict], int, list[tuple]]:
    """Validate a whole file; return (event values, skipped overrides, refused events) or
    raise ImportRejected."""
    if len(data) > MAX_BYTES:
        raise ImportRejected([(1, _("the file is larger than 5 MB"))])
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[:error.start].count(b"\n") + 1
        raise ImportRejected([(line, _("the file is not UTF-8 text"))]) from error
    problems, starts, props = _check_structure(_logical_lines(text), len(text.splitlines()))
    if problems:
        raise ImportRejected(problems)
    try:
        calendar = Calendar.from_ical(text)
    except (ValueError, TypeError) as error:
        raise ImportRejected([(1, _("the file could not be read as an iCalendar file"))]
                             ) from error
    values, seen, skipped, refused = [], {}, 0, []
    for component, number, lines in zip(calendar.walk("VEVENT"), starts, props, strict=False):
        if "RECURRENCE-ID" in component:
            skipped += 1  # a changed occurrence of a series: not kept in Pauta
            continue
        item = _event_values(component, number, lines, problems)
        if item is None or not item["uid"]:
            continue
        if item["uid"] in seen:
            problems.append((number, _("UID %(uid)s appears again (first on line %(line)s)")
                             % {"uid": item["uid"], "line": seen[item["uid"]]}))
        seen[item["uid"]] = number
        refusal = _refusal(item, number)
        if refusal:
            refused.append(refusal)
        else:
            values.append(item)
    if problems:
        raise ImportRejected(sorted(problems))
    return values, skipped, refused


@transaction.atomic
def import_ics(*, data: bytes, kind: str, by, source: str = "", visibility: str = "",
               secretariat=None, system: bool = False) -> ImportResult:
    """Import every VEVENT of ``data`` as events of ``kind``; nothing is written on error."""
    if not system:
        ensure(perms.can_import(by))
    if kind not in EventKind.values:
        raise ImportRejected([(0, _("unknown event kind “%(kind)s”") % {"kind": kind})])
    items, skipped, refused = parse_ics(data)
    visibility = visibility or Visibility.PUBLIC
    result = ImportResult(skipped=skipped, refused=refused)
    existing = {e.uid: e for e in Event.objects.select_for_update().filter(
        uid__in=[item["uid"] for item in items])}
    for item in items:
        uid = item.pop("uid")
        item_kind = imported_kind(item, kind)
        values = {**item, "kind": item_kind, "visibility": visibility,
                  "secretariat": secretariat}
        event = existing.get(uid)
        if event is None:
            values["source"] = source[:200]
            save_event(Event(uid=uid), values, by=by, verb="calendar_event_import")
            result.created += 1
        else:
            # Content only: the same event re-published under another file name is unchanged.
            values["removed"] = False
            _event, changed = save_event(event, values, by=by, verb="calendar_event_import")
            result.updated += changed
            result.unchanged += not changed
    return result
