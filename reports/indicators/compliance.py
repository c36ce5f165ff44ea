"""Compliance findings and overrides per rule, from the stored runs of the compliance engine
(``approvals.compliance.selectors.summary_by_rule``: one query shared with the engine)."""

from django.utils.translation import gettext_lazy as _

from approvals.compliance.selectors import summary_by_rule
from reports.indicators.base import COUNT, Point, Result, indicator

SECTION = _("Compliance")


def _summary(ctx) -> list[dict]:
    """Per-rule rows of the slice's requests and period, computed once per Context."""
    if "compliance_rows" not in ctx.__dict__:
        low, high = ctx.slice.bounds()
        # No ``request_id IN (SELECT …)`` when the slice keeps every request.
        requests = ctx.slice.requests() if ctx.slice.filters_requests else None
        ctx.__dict__["compliance_rows"] = summary_by_rule(since=low, until=high,
                                                          requests=requests)
    return ctx.__dict__["compliance_rows"]


def _period(ctx, name: str, rule: str) -> dict:
    return {name: rule, "compliance_after": ctx.slice.start.isoformat(),
            "compliance_before": ctx.slice.end.isoformat()}


@indicator("compliance_findings_by_rule", section=SECTION, unit=COUNT, chart="bar",
           additive=True, better="lower", name=_("Compliance findings per rule"),
           definition=_("Distinct compliance findings (a rule, a channel, a field and the text "
                        "found) seen by the checks kept in the period — the check button and "
                        "the checks before review and scheduling — on the requests of the "
                        "slice, by rule. A finding seen again by a later check counts once."))
def compliance_findings_by_rule(ctx) -> Result:
    rows = [row for row in _summary(ctx) if row["findings"]]
    rows.sort(key=lambda row: (-row["findings"], row["rule"]))
    series = [Point(row["title"], row["findings"], _period(ctx, "compliance_rule", row["rule"]))
              for row in rows]
    return Result(sum(p.value for p in series), _period(ctx, "compliance_rule", "any"), series,
                  extra={"requests": {row["rule"]: row["requests"] for row in rows}})


@indicator("compliance_overrides_by_rule", section=SECTION, unit=COUNT, chart="stacked",
           additive=True, better="lower", name=_("Compliance overrides per rule"),
           definition=_("Findings overridden in the period with a written justification, on "
                        "the requests of the slice, by rule: warnings overridden by an "
                        "approver, and findings of the legal rules (impessoalidade, electoral "
                        "period) overridden by a legal reviewer."))
def compliance_overrides_by_rule(ctx) -> Result:
    approver, legal = str(_("Approver")), str(_("Legal reviewer"))
    series, totals = [], {"approver": 0, "legal": 0}
    for row in sorted(_summary(ctx), key=lambda row: (-row["overrides"], row["rule"])):
        if not row["overrides"]:
            continue
        drill = _period(ctx, "compliance_override", row["rule"])
        if row["approver_overrides"]:
            series.append(Point(row["title"], row["approver_overrides"], drill, group=approver))
        if row["legal_overrides"]:
            series.append(Point(row["title"], row["legal_overrides"], drill, group=legal))
        totals["approver"] += row["approver_overrides"]
        totals["legal"] += row["legal_overrides"]
    return Result(totals["approver"] + totals["legal"],
                  _period(ctx, "compliance_override", "any"), series, extra=totals)
