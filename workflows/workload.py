"""Each editor's workload against their capacity, week by week (the team view and the
overload warning when assigning).

- **Load**: the requests assigned to a person that are still in the making (submitted,
  needs information, in production, in review, approved — the calendar's *planned* pieces),
  each counted in the week of its due date (else its desired date, else this week; overdue
  work counts in this week: it is still to do), for the hours of its kind
  (``LeadTimeStandard.estimated_hours``, ``DEFAULT_HOURS`` for a kind without a row).
- **Capacity**: the person's ``weekly_hours`` for the week's working days — Monday to Friday
  minus the SLA holidays (``workflows.Holiday``) and their absences (``org.Absence``), each
  working day a fifth of the week.

Everything is read in five queries whatever the number of people and requests.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cached_property

from django.db.models import Q

from pauta import clock
from workflows.models import ContentRequest, Holiday, LeadTimeStandard
from workflows.permissions import PLANNED_STATES

DEFAULT_HOURS = LeadTimeStandard._meta.get_field("estimated_hours").default
WEEKS = 6
LISTED = 10  # the pieces a week lists by name, most urgent first (the rest are counted)


@dataclass
class Piece:
    pk: int
    title: str
    kind: str
    due: date | None
    hours: int


@dataclass
class Week:
    monday: date
    capacity: float
    pieces: list[Piece] = field(default_factory=list)
    absent_days: int = 0
    absences: list = field(default_factory=list)  # (kind label, first day, last day)

    @cached_property
    def hours(self) -> int:
        """The pieces' hours (read once the week is filled: the page asks for it often)."""
        return sum(p.hours for p in self.pieces)

    @property
    def listed(self) -> list[Piece]:
        """The week's most urgent pieces, named on the page (every piece counts in the hours)."""
        return self.pieces[:LISTED]

    @property
    def not_listed(self) -> int:
        return max(len(self.pieces) - LISTED, 0)

    @property
    def overloaded(self) -> bool:
        return self.hours > self.capacity

    @property
    def percent(self) -> int | None:
        """Load as a share of the capacity (None when there is no capacity at all)."""
        return round(100 * self.hours / self.capacity) if self.capacity else None


@dataclass
class Load:
    person: object
    weeks: list[Week]

    @property
    def overloaded_weeks(self) -> int:
        return sum(1 for w in self.weeks if w.overloaded)


def monday_of(day: date) -> date:
    return day - timedelta(days=day.weekday())


def kind_hours() -> dict[str, int]:
    """request kind -> estimated hours (kinds without a row: ``DEFAULT_HOURS``)."""
    return dict(LeadTimeStandard.objects.values_list("kind", "estimated_hours"))


def _working_days(monday: date, holidays: set, absences: list) -> tuple[int, int]:
    """(working days, days of absence on working days) of the week starting ``monday``."""
    days = [monday + timedelta(days=n) for n in range(5)]
    open_days = [d for d in days if d not in holidays]
    away = sum(1 for d in open_days if any(a <= d <= b for a, b in absences))
    return len(open_days) - away, away


def team_load(people, *, start: date | None = None, weeks: int = WEEKS) -> list[Load]:
    """One ``Load`` per person of ``people`` (a list or queryset of users), for ``weeks``
    weeks from the week of ``start`` (default: today)."""
    from org.models import Absence, AbsenceKind

    people = list(people)
    this_week = monday_of(clock.today())
    first = monday_of(start or clock.today())
    last = first + timedelta(days=7 * weeks - 1)
    mondays = [first + timedelta(days=7 * n) for n in range(weeks)]
    ids = [p.pk for p in people]
    hours = kind_hours()
    holidays = set(Holiday.objects.filter(date__range=(first, last)).values_list("date",
                                                                                 flat=True))
    absences, kinds = defaultdict(list), dict(AbsenceKind.choices)
    for user_id, a, b, kind in Absence.objects.filter(
            user_id__in=ids, starts_on__lte=last, ends_on__gte=first).order_by(
            "starts_on").values_list("user_id", "starts_on", "ends_on", "kind"):
        absences[user_id].append((a, b, kinds.get(kind, "")))
    table = {}
    for person in people:
        for monday in mondays:
            spans = [(a, b) for a, b, _kind in absences[person.pk]]
            days, away = _working_days(monday, holidays, spans)
            table[(person.pk, monday)] = Week(
                monday, person.weekly_hours * days / 5, absent_days=away,
                absences=[(kind, a, b) for a, b, kind in absences[person.pk]
                          if a <= monday + timedelta(days=6) and b >= monday])
    # The people's open pieces, read by the state index (the pieces still in the making: the
    # team's current work, whatever the length of the history); the weeks are picked below.
    # A filter on the dates here made the database read every request due before the last
    # week by the due-date index — the whole history (10k requests: 7.8 ms, 50k: linear).
    rows = (ContentRequest.objects.filter(assignee_id__in=ids, state__in=PLANNED_STATES)
            .order_by().values_list("pk", "title", "kind", "due_date", "desired_date",
                                    "assignee_id"))
    for pk, title, kind, due, desired, user_id in rows:
        day = due or desired
        monday = max(monday_of(day), this_week) if day else this_week
        if (user_id, monday) not in table:  # before the first week or after the last asked for
            continue
        table[(user_id, monday)].pieces.append(Piece(pk, title, kind, day,
                                                     hours.get(kind, DEFAULT_HOURS)))
    for week in table.values():
        week.pieces.sort(key=lambda p: (p.due or date.max, p.pk))
    return [Load(person, [table[(person.pk, m)] for m in mondays]) for person in people]


def editors():
    """The people the team view lists: whoever may work on requests through a group or
    their own permissions (superusers only when they hold it so)."""
    from workflows.permissions import assignable_people

    return assignable_people().filter(
        Q(groups__permissions__codename="work_on_request")
        | Q(user_permissions__codename="work_on_request")).distinct()


def request_week(request) -> date:
    """The Monday of the week a request's work counts in (see the module's docstring)."""
    today = clock.today()
    day = request.due_date or request.desired_date
    return max(monday_of(day), monday_of(today)) if day else monday_of(today)


def overload_after(person, request) -> tuple[Week, int] | None:
    """(the week, its hours with ``request``) when ``request`` given to ``person`` puts them
    over their capacity in its week, else None. Asked before or after the assignment: a
    request already theirs (and still in the making) is counted once."""
    if request.state not in PLANNED_STATES:  # nothing left to produce
        return None
    week = team_load([person], start=request_week(request), weeks=1)[0].weeks[0]
    hours = week.hours
    if not any(p.pk == request.pk for p in week.pieces):
        hours += kind_hours().get(request.kind, DEFAULT_HOURS)
    return (week, hours) if hours > week.capacity else None


def hours_text(value) -> str:
    """Hours as people read them: "24", "29,6" (pt) / "29.6" (en)."""
    from django.utils import formats

    value = round(float(value), 1)
    return formats.number_format(value, 0 if value == int(value) else 1, use_l10n=True)


def overload_warning(person, request) -> str:
    """The sentence the assign actions flash when the person is over capacity, or ""."""
    from django.utils import formats
    from django.utils.translation import gettext as _

    found = overload_after(person, request)
    if found is None:
        return ""
    week, hours = found
    values = {"person": person.get_full_name() or person.username, "hours": hours_text(hours),
              "capacity": hours_text(week.capacity)}
    if week.monday == monday_of(clock.today()):
        return _("%(person)s already has %(hours)s h of %(capacity)s h this week.") % values
    return _("%(person)s already has %(hours)s h of %(capacity)s h in the week of "
             "%(monday)s.") % {**values, "monday": formats.date_format(
                 week.monday, "SHORT_DATE_FORMAT")}
