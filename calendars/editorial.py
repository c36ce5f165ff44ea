"""The editorial calendar's JSON (FullCalendar event objects): events, scheduled, published and
planned pieces, each marked with its *layer* (what the state filter and the legend count).

Built from narrow queries (``selectors``: tuples, not model instances) with every label,
URL and permission worked out once per response, not once per piece: a busy month of a few
thousand pieces costs the same handful of queries as an empty one.
"""

import datetime as dt

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from calendars import selectors
from calendars.colours import channel_palette
from calendars.models import EventKind, EventStatus

PLANNED, SCHEDULED, PUBLISHED, EVENTS, CAMPAIGNS, ABSENCES = (
    "planned", "scheduled", "published", "events", "campaigns", "absences")
LAYERS = [(PLANNED, gettext_lazy("Planned pieces")), (SCHEDULED, gettext_lazy("Scheduled pieces")),
          (PUBLISHED, gettext_lazy("Published pieces")), (EVENTS, gettext_lazy("Events")),
          (CAMPAIGNS, gettext_lazy("Campaign periods")),
          (ABSENCES, gettext_lazy("Absences of the team"))]


def layers_for(user) -> list[tuple[str, object]]:
    """The layers ``user`` may show: absences only for who sees the team's
    (``org.permissions.can_view_absences``)."""
    from org.permissions import can_view_absences

    if can_view_absences(user):
        return LAYERS
    return [(code, label) for code, label in LAYERS if code != ABSENCES]
_MARK = 987654321  # a pk placeholder: each URL is reversed once per response


def _url(name: str):
    head, tail = reverse(name, args=[_MARK]).split(str(_MARK))
    return lambda pk: f"{head}{pk}{tail}"


def event_items(user, start, end, *, secretariat, kinds, layers) -> list[dict]:
    """The events of the layers ``events`` and ``campaigns`` (campaign periods)."""
    want_events, want_campaigns = EVENTS in layers, CAMPAIGNS in layers
    if not (want_events or want_campaigns):
        return []
    if not want_events:
        kinds = [k for k in (kinds or [EventKind.CAMPAIGN_PERIOD])
                 if k == EventKind.CAMPAIGN_PERIOD]
        if not kinds:
            return []
    url = _url("calendars:event_detail")
    kind_labels = {k: str(label) for k, label in EventKind.choices}
    status_labels = {k: str(label) for k, label in EventStatus.choices}
    items = []
    for event, begin, finish in selectors.events_between(user, start, end,
                                                         secretariat=secretariat, kinds=kinds):
        campaign = event.kind == EventKind.CAMPAIGN_PERIOD
        if (campaign and not want_campaigns) or (not campaign and not want_events):
            continue
        if event.all_day:
            first = timezone.localtime(begin).date().isoformat()
            last = timezone.localtime(finish).date().isoformat()
        else:
            first, last = begin.isoformat(), finish.isoformat()
        items.append({
            "id": f"event-{event.pk}", "title": event.title, "start": first, "end": last,
            "allDay": event.all_day, "editable": False, "url": url(event.pk),
            "classNames": [f"kind-{event.kind}", f"status-{event.status}"],
            "extendedProps": {"kind": kind_labels.get(event.kind, ""), "order": 0,
                              "layer": CAMPAIGNS if campaign else EVENTS,
                              "status": status_labels.get(event.status, "")}})
    if want_events and (not kinds or set(kinds) & {EventKind.HOLIDAY, EventKind.OPTIONAL}):
        items += _builtin_holidays(start, end, items)
    return items


def _builtin_holidays(start, end, items: list[dict]) -> list[dict]:
    """The days off of the SLA table (``workflows.Holiday``: the built-in national calendar,
    the installation's local holidays) that no holiday event of the window already shows,
    so Carnaval or Corpus Christi are on the calendar without anyone typing them each year."""
    from workflows.models import Holiday

    shown = {item["start"][:10] for item in items
             if {"kind-holiday", "kind-optional_day"} & set(item["classNames"])}
    label = str(EventKind.HOLIDAY.label)
    return [{"id": f"holiday-{day.isoformat()}", "title": name, "start": day.isoformat(),
             "allDay": True, "editable": False, "classNames": ["kind-holiday"],
             "extendedProps": {"kind": label, "order": 0, "layer": EVENTS, "status": ""}}
            for day, name in Holiday.objects.filter(
                date__gte=timezone.localtime(start).date(),
                date__lt=timezone.localtime(end).date()).order_by("date").values_list(
                    "date", "name")
            if day.isoformat() not in shown]


def piece_items(user, start, end, *, secretariat, channel, layers) -> list[dict]:
    """Scheduled, published and planned pieces of the chosen layers."""
    from workflows.models import RequestState
    from workflows.permissions import proposable_states, schedulable_states

    palette = channel_palette()
    states = {k: str(label) for k, label in RequestState.choices}
    detail = _url("workflows:detail")
    items = []
    if SCHEDULED in layers or PUBLISHED in layers:
        may_move = set(schedulable_states(user))
        kind, published_as = _("Publication"), _("Published: %(title)s")
        for pk, request_id, channel_id, title, request_title, scheduled_at, published_at, \
                state in selectors.publications_between(
                    user, start, end, secretariat=secretariat, channel=channel,
                    scheduled=SCHEDULED in layers, published=PUBLISHED in layers):
            css, name = palette.get(channel_id, ("", ""))
            text = f"[{name}] {title or request_title}"
            if published_at:
                text = published_as % {"title": text}
            items.append({
                "id": f"publication-{pk}", "pk": pk, "title": text,
                "start": (published_at or scheduled_at).isoformat(), "allDay": False,
                "editable": published_at is None and state in may_move, "url": detail(request_id),
                "classNames": ["publication", "published" if published_at else "scheduled", css],
                "extendedProps": {"kind": kind, "order": 1, "status": states.get(state, ""),
                                  "layer": PUBLISHED if published_at else SCHEDULED}})
    if PLANNED in layers:
        may_propose = set(proposable_states(user))
        kind, planned_as = _("Planned piece (desired date)"), _("Planned: %(title)s")
        for pk, title, desired, state, channel_id in selectors.planned_pieces_between(
                user, timezone.localtime(start).date(), timezone.localtime(end).date(),
                secretariat=secretariat, channel=channel):
            css, name = palette.get(channel_id, ("", "")) if channel_id else ("", "")
            text = f"[{name}] {title}" if channel_id else title
            day = desired.isoformat()
            items.append({
                "id": f"planned-{pk}-{channel_id or 0}", "request": pk, "date": day,
                "title": planned_as % {"title": text}, "start": day, "allDay": True,
                "editable": state in may_propose, "url": detail(pk),
                "classNames": ["publication", "planned", css],
                "extendedProps": {"kind": kind, "order": 2, "status": states.get(state, ""),
                                  "layer": PLANNED}})
    return items


def absence_items(user, start, end) -> list[dict]:
    """The team's absences with a day in [start, end): all-day blocks from the first to the
    last day, "Away: <person> (<kind>)", linked to their edit page for who may change them
    (one query; the person's name and the kind, never the note)."""
    from org.models import AbsenceKind
    from org.permissions import can_manage_absences, can_record_absence, can_view_absences
    from org.selectors import absences_between

    if not can_view_absences(user):
        return []
    first = timezone.localtime(start).date()
    last = timezone.localtime(end).date() - dt.timedelta(days=1)
    if last < first:
        return []
    kinds = {k: str(label) for k, label in AbsenceKind.choices}
    edit = _url("calendars:absence_edit")
    anyone = can_manage_absences(user)
    away, label = _("Away: %(person)s (%(kind)s)"), _("Absence")
    items = []
    for absence in absences_between(first, last):
        kind = kinds.get(absence.kind, "")
        may_edit = anyone or can_record_absence(user, absence.user)
        items.append({
            "id": f"absence-{absence.pk}",
            "title": away % {"person": absence.user, "kind": kind.lower()},
            "start": absence.starts_on.isoformat(),
            "end": (absence.ends_on + dt.timedelta(days=1)).isoformat(), "allDay": True,
            "editable": False, **({"url": edit(absence.pk)} if may_edit else {}),
            "classNames": ["absence", f"absence-{absence.kind}"],
            "extendedProps": {"kind": label, "order": 3, "layer": ABSENCES, "status": kind}})
    return items


def calendar_items(user, start: dt.datetime, end: dt.datetime, filters: dict) -> list[dict]:
    """Everything the editorial calendar shows in [start, end) under the filter form's
    ``filters`` (secretariat, channel, kind, show)."""
    kind, channel = filters.get("kind") or "", filters.get("channel")
    secretariat = filters.get("secretariat")
    layers = set(filters.get("show") or [code for code, _label in LAYERS])
    items = []
    # Absences belong to people, not to a secretariat, a kind of event or a channel: they are
    # shown when none of those filters is set (and their layer is).
    if ABSENCES in layers and not (kind or channel or secretariat):
        items += absence_items(user, start, end)
    if kind != "publication" and not channel:
        items += event_items(user, start, end, secretariat=secretariat,
                             kinds=[kind] if kind else [], layers=layers)
    if not kind or kind == "publication":
        items += piece_items(user, start, end, secretariat=secretariat, channel=channel,
                             layers=layers)
    return items
