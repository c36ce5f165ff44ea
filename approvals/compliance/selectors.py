"""Reads of the compliance engine, also the API other apps use (KPI dashboard, campaigns):

- ``findings_for(request)``: live findings of a request (overrides attached);
- ``open_findings(request, verb=None)``: those that still need action (or that stop ``verb``);
- ``overrides_for(request)``: the recorded overrides;
- ``summary_by_rule(since=None, until=None, secretariat=None)``: per rule, how many findings
  the kept runs saw, on how many requests, and how many were overridden;
- ``blackout_windows()`` / ``blackout_items(window)``: the blackout view.
"""

from collections import defaultdict
from datetime import timedelta

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from approvals.compliance import engine
from approvals.compliance.gate import stopping
from approvals.compliance.models import FindingOverride, FindingRecord
from approvals.compliance.registry import Finding, load_rules


def findings_for(request, trigger: str = "manual") -> list[Finding]:
    """Every finding on the request now, most severe first, each with its override if any."""
    return engine.run(request, trigger)


def open_findings(request, verb: str | None = None) -> list[Finding]:
    findings = findings_for(request)
    return stopping(findings, verb) if verb else [f for f in findings if f.is_open]


def overrides_for(request) -> QuerySet:
    return FindingOverride.objects.filter(request=request).select_related("by")


def findings_by_channel(findings) -> list[tuple[object, list[Finding]]]:
    """Findings grouped by channel (None first: request-wide), for showing next to the text."""
    groups = defaultdict(list)
    for finding in findings:
        groups[finding.channel].append(finding)
    return sorted(groups.items(), key=lambda item: (item[0] is not None,
                                                    getattr(item[0], "name", "")))


def summary_by_rule(since=None, until=None, secretariat=None, requests=None) -> list[dict]:
    """Per rule: findings seen by kept runs (distinct), requests affected, overrides.

    ``since``/``until`` bound the run (override) time, ``secretariat`` or ``requests`` (a
    queryset of content requests, e.g. a KPI slice) the requests counted.
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
    if secretariat is not None:
        records = records.filter(request__secretariat=secretariat)
        overrides = overrides.filter(request__secretariat=secretariat)
    if requests is not None:
        records = records.filter(request__in=requests.values("pk"))
        overrides = overrides.filter(request__in=requests.values("pk"))
    seen = {row["rule"]: row for row in records.values("rule").annotate(
        findings=Count("fingerprint", distinct=True), requests=Count("request", distinct=True))}
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
    """(channel, publications) of everything scheduled inside the window or still live in it:
    pieces published earlier and never taken down count against the municipality."""
    from workflows.models import Publication

    scheduled = Q(published_at__isnull=True, scheduled_at__gte=window.starts_at,
                  scheduled_at__lt=window.ends_at, request__state__in=("approved", "scheduled"))
    live = Q(published_at__isnull=False, published_at__lt=window.ends_at,
             request__state__in=("published", "archived"))
    rows = (Publication.objects.filter(cancelled_at__isnull=True).filter(scheduled | live)
            .select_related("channel", "request", "request__secretariat")
            .order_by("channel__name", "scheduled_at", "pk"))
    groups = defaultdict(list)
    for publication in rows:
        groups[publication.channel].append(publication)
    return sorted(groups.items(), key=lambda item: item[0].name)


