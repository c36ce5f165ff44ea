"""Reads of the compliance engine, also the API other apps use (KPI dashboard, campaigns).
Every object is read through its ``Checkable`` (a content request, or any registered kind):

- ``findings_for(obj)``: live findings of an object (overrides attached);
- ``open_findings(obj, verb=None)``: those that still need action (or that stop ``verb``);
- ``overrides_for(obj)``: the recorded overrides;
- ``kept_findings(objs)``: per object, the findings of its last kept run (a fixed number of
  queries for any number of objects: pages listing many objects read these, not the engine);
- ``summary_by_rule(since=None, until=None, secretariat=None)``: per rule, how many findings
  the kept runs saw, on how many objects, and how many were overridden;
- ``blackout_windows()`` / ``blackout_items(window)``: the blackout view.
"""

import operator
from collections import defaultdict
from datetime import timedelta
from functools import reduce

from django.db.models import Count, F, OuterRef, Q, QuerySet, Subquery
from django.utils import timezone

from approvals.compliance import engine
from approvals.compliance.checkable import checkable_of, registered
from approvals.compliance.gate import stopping
from approvals.compliance.models import CheckRun, FindingOverride, FindingRecord
from approvals.compliance.registry import SEVERITY_ORDER, Finding, load_rules


def findings_for(obj, trigger: str = "manual") -> list[Finding]:
    """Every finding on the object now, most severe first, each with its override if any."""
    return engine.run(obj, trigger)


def open_findings(obj, verb: str | None = None) -> list[Finding]:
    findings = findings_for(obj)
    return stopping(findings, verb, obj) if verb else [f for f in findings if f.is_open]


def overrides_for(obj) -> QuerySet:
    return FindingOverride.objects.filter(
        **{checkable_of(obj).record_field: obj}).select_related("by")


def kept_findings(objs) -> dict[int, tuple[object, list[Finding]]]:
    """``{pk: (run, findings)}``: each object's last kept run (manual check or a gate that let
    it pass) and its findings, current overrides attached, most severe first. Objects never
    checked are left out. Three queries whatever the number of objects; the messages are in
    the language the run was made in (the rule titles in the reader's)."""
    objs = list(objs)
    if not objs:
        return {}
    field = checkable_of(objs[0]).record_field
    pks = [obj.pk for obj in objs]
    last = (CheckRun.objects.filter(**{field: OuterRef(field)})
            .order_by("-created_at", "-pk").values("pk")[:1])
    runs = (CheckRun.objects.filter(**{f"{field}__in": pks}).order_by()
            .annotate(last=Subquery(last)).filter(pk=F("last")))
    records = (FindingRecord.objects.filter(run__in=Subquery(runs.values("pk")))
               .select_related("run", "channel").order_by("pk"))
    overrides = {(getattr(o, f"{field}_id"), o.fingerprint): o for o in FindingOverride.objects
                 .filter(**{f"{field}__in": pks}).select_related("by")}
    rules = load_rules()
    result: dict[int, tuple[object, list[Finding]]] = {}
    for row in records:
        owner = getattr(row, f"{field}_id")
        rule = rules.get(row.rule)
        _run, found = result.setdefault(owner, (row.run, []))
        found.append(Finding(
            rule=row.rule, severity=row.severity, title=str(rule.title) if rule else row.rule,
            message=row.message, basis=str(rule.basis) if rule else "", suggestion="",
            fingerprint=row.fingerprint, channel=row.channel, field=row.field,
            excerpt=row.excerpt, legal_override=bool(rule and rule.legal_override),
            override=overrides.get((owner, row.fingerprint))))
    for _run, found in result.values():
        found.sort(key=lambda f: (SEVERITY_ORDER.get(f.severity, 9), f.rule,
                                  getattr(f.channel, "name", ""), f.field))
    return result


def findings_by_channel(findings) -> list[tuple[object, list[Finding]]]:
    """Findings grouped by channel (None first: the whole object), for showing next to the
    text."""
    groups = defaultdict(list)
    for finding in findings:
        groups[finding.channel].append(finding)
    return sorted(groups.items(), key=lambda item: (item[0] is not None,
                                                    getattr(item[0], "name", "")))


def summary_by_rule(since=None, until=None, secretariat=None, requests=None) -> list[dict]:
    """Per rule: findings seen by kept runs (distinct), objects affected, overrides.

    ``since``/``until`` bound the run (override) time, ``secretariat`` or ``requests`` (a
    queryset of one checkable kind, e.g. a KPI slice of content requests) the objects
    counted; ``"requests"`` in a row counts the checked objects.
    Rows: ``{"rule", "title", "family", "severity", "legal", "findings", "requests",
    "overrides", "approver_overrides", "legal_overrides"}``, one per registered rule (zeros
    included), ordered by rule code. An override of a legal rule (impessoalidade, electoral)
    is a legal reviewer's; any other is an approver's (warnings only).
    """
    records = FindingRecord.objects.all()
    overrides = FindingOverride.objects.all()
    if since:
        records = records.filter(run__created_at__gte=since)
        overrides = overrides.filter(created_at__gte=since)
    if until:
        records = records.filter(run__created_at__lt=until)
        overrides = overrides.filter(created_at__lt=until)
    fields = [checkable.record_field for checkable in registered()]
    if secretariat is not None:
        scope = reduce(operator.or_, [Q(**{f"{f}__secretariat": secretariat}) for f in fields])
        records = records.filter(scope)
        overrides = overrides.filter(scope)
    if requests is not None:
        field = checkable_of(requests.model).record_field
        records = records.filter(**{f"{field}__in": requests.values("pk")})
        overrides = overrides.filter(**{f"{field}__in": requests.values("pk")})
    objects = reduce(operator.add, [Count(f, distinct=True) for f in fields])
    seen = {row["rule"]: row for row in records.values("rule").annotate(
        findings=Count("fingerprint", distinct=True), requests=objects)}
    done = dict(overrides.values_list("rule").annotate(n=Count("pk")).values_list("rule", "n"))
    configs = engine.configs()
    rows = []
    for code, rule in sorted(load_rules().items()):
        legal = bool(rule.legal_override)
        n = done.get(code, 0)
        rows.append({
            "rule": code, "title": str(rule.title), "family": rule.family,
            "severity": configs[code].severity, "legal": legal,
            "findings": seen.get(code, {}).get("findings", 0),
            "requests": seen.get(code, {}).get("requests", 0),
            "overrides": n, "approver_overrides": 0 if legal else n,
            "legal_overrides": n if legal else 0})
    return rows


def blackout_windows() -> list:
    """Blackout windows that are not over yet, soonest first (recurrences not expanded)."""
    from calendars.models import Event, EventKind, EventStatus

    return list(Event.objects.filter(kind=EventKind.BLACKOUT, removed=False,
                                     ends_at__gt=timezone.now() - timedelta(days=1))
                .exclude(status=EventStatus.CANCELLED).order_by("starts_at"))


def blackout_items(window) -> list[tuple[object, list]]:
    """(channel, pieces) of everything scheduled inside the window or still live in it, over
    every checkable kind: pieces published earlier and never taken down count against the
    municipality."""
    groups = defaultdict(list)
    for checkable in registered():
        if checkable.pieces_in is None:
            continue
        for piece in checkable.pieces_in(window.starts_at, window.ends_at):
            groups[piece.channel].append(piece)
    return sorted(groups.items(), key=lambda item: item[0].name)
