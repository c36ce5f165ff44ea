"""Reading the whole audit trail: the filters of the auditor's page, object kinds and titles.

The trail page, its CSV and its XLSX read the same filtered queryset (``filtered``), newest
first. Object kinds are the subjects the verb registry knows; a kind's model is found through
Django's app registry (``apps.get_model``), so this leaf app imports none of the apps whose
objects it lists. Titles are fetched per kind for a whole page (or export chunk) at once.
"""

from collections import defaultdict
from collections.abc import Iterable

from django.apps import apps
from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from audit import registry
from audit.models import AuditEvent

TITLE_FIELDS = ("title", "name")  # the first one a kind's model has names its objects
MAX_TITLE_MATCHES = 500  # objects a title search looks at, per kind


def _model(kind: str):
    try:
        return apps.get_model(kind)
    except (LookupError, ValueError):
        return None


def _title_field(model) -> str:
    names = {field.name for field in model._meta.get_fields()}
    return next((name for name in TITLE_FIELDS if name in names), "")


def kinds() -> list[tuple[str, str]]:
    """``(kind, name)`` of every kind of object events are about, by name (active language)."""
    codes = {verb.subject_kind for verb in registry.verbs() if verb.subject_kind}
    codes |= set(registry.subject_kinds_known())
    found = []
    for code in codes:
        model = _model(code)
        if model is not None:
            found.append((code, str(model._meta.verbose_name).capitalize()))
    return sorted(found, key=lambda item: item[1])


def kind_name(kind: str) -> str:
    model = _model(kind)
    return str(model._meta.verbose_name).capitalize() if model else _("Other object")


def verb_choices() -> list[tuple[str, str]]:
    """``(code, label)`` of every registered verb, by label (active language)."""
    return sorted(((verb.code, str(verb.label)) for verb in registry.verbs()),
                  key=lambda item: (item[1].casefold(), item[0]))


def _objects_titled(text: str, kind_codes: Iterable[str]) -> Q:
    """Events whose subject's title (or name) contains ``text``."""
    found = Q(pk__in=[])
    for kind in kind_codes:
        model = _model(kind)
        field = _title_field(model) if model else ""
        if not field:
            continue
        ids = [str(pk) for pk in model.objects.filter(**{f"{field}__icontains": text})
               .values_list("pk", flat=True)[:MAX_TITLE_MATCHES]]
        if ids:
            found |= Q(subject_type__in=registry.subject_kinds(kind), subject_id__in=ids)
    return found


def _people_named(text: str) -> Q:
    from django.contrib.auth import get_user_model

    people = get_user_model().objects.filter(
        Q(username__icontains=text) | Q(first_name__icontains=text)
        | Q(last_name__icontains=text)).values("pk")
    return Q(actor__in=people)


def _verbs_labelled(text: str) -> Q:
    folded = text.casefold()
    return Q(verb__in=[code for code, label in verb_choices() if folded in label.casefold()])


def filtered(*, person=None, verb: str = "", kind: str = "", obj: str = "", start=None,
             end=None, q: str = "") -> QuerySet:
    """The events matching the page's filters, newest first, with their actor.

    ``start``/``end`` are aware datetimes (``end`` exclusive); ``obj`` is an object's id or
    words of its title, within ``kind`` when one is given; ``q`` searches people's names,
    verbs' labels and objects' titles.
    """
    events = AuditEvent.objects.select_related("actor").order_by("-pk")
    if person is not None:
        events = events.filter(actor=person)
    if verb:
        events = events.filter(verb=verb)
    if kind:
        events = events.filter(subject_type__in=registry.subject_kinds(kind))
    if obj:
        scope = [kind] if kind else [code for code, _name in kinds()]
        if obj.isdigit():
            events = events.filter(subject_id=obj)
        else:
            events = events.filter(_objects_titled(obj, scope))
    if start is not None:
        events = events.filter(created_at__gte=start)
    if end is not None:
        events = events.filter(created_at__lt=end)
    if q:
        match = _people_named(q) | _verbs_labelled(q) | _objects_titled(
            q, [code for code, _name in kinds()])
        if q.isdigit():
            match |= Q(subject_id=q)
        events = events.filter(match)
    return events


def with_objects(events: list[AuditEvent]) -> list[AuditEvent]:
    """Give each event ``object_kind``, ``object_title`` and ``object_url`` (one query per
    kind present, whatever the number of events)."""
    by_kind: dict[str, set[str]] = defaultdict(set)
    for event in events:
        by_kind[event.subject_type].add(event.subject_id)
    titles: dict[tuple[str, str], str] = {}
    for kind, ids in by_kind.items():
        model = _model(registry.canonical_kind(kind))
        field = _title_field(model) if model else ""
        numeric = [int(pk) for pk in ids if pk.isdigit()]
        if field and numeric:
            for pk, title in model.objects.filter(pk__in=numeric).values_list("pk", field):
                titles[(kind, str(pk))] = str(title)
    names = {kind: kind_name(registry.canonical_kind(kind)) for kind in by_kind}
    for event in events:
        event.object_kind = names[event.subject_type]
        event.object_title = titles.get((event.subject_type, event.subject_id), "")
        event.object_url = registry.subject_url(event)
    return events
