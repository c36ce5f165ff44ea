"""KPI targets of the plan against the computed indicators (via reports.TargetLink)."""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from reports.indicators.base import REGISTRY, Indicator, Result
from reports.slices import Slice

GREEN, AMBER, RED, NONE = "green", "amber", "red", "none"
TOLERANCE = Decimal("0.1")  # within 10 % of the target: amber


@dataclass
class TargetRow:
    target: object  # plans.KPITarget
    indicator: Indicator | None
    slice: Slice | None
    result: Result | None
    expected: Decimal | None  # the target pro-rated to today for counts, else the target
    status: str

    @property
    def actual(self):
        return self.result.value if self.result else None

    @property
    def url(self) -> str | None:
        return self.slice.list_url(self.result.drill) if self.result else None


def status_of(indicator: Indicator, actual, expected: Decimal) -> str:
    if actual is None:
        return NONE
    actual = Decimal(str(actual))
    if indicator.better == "lower":
        if actual <= expected:
            return GREEN
        return AMBER if actual <= expected * (1 + TOLERANCE) else RED
    if actual >= expected:
        return GREEN
    return AMBER if actual >= expected * (1 - TOLERANCE) else RED


def expected_by(target, indicator: Indicator, today: date) -> Decimal:
    """Counts are expected to grow evenly over the target's period; rates apply at once."""
    if not indicator.additive or today >= target.end:
        return target.target
    if today < target.start:
        return Decimal(0)
    elapsed = Decimal((today - target.start).days + 1)
    return (target.target * elapsed / Decimal((target.end - target.start).days + 1)).quantize(
        Decimal("0.01"))


def target_rows(plan, today: date, facts=None) -> list[TargetRow]:
    """One row per KPI target of ``plan``; a target without a link gets status "none".

    Targets over the same slice share one Context, so the rows several indicators read
    (e.g. the published requests) are fetched once, not once per target; every Context
    shares the facts' state (brought up to date once, by the caller or by the first one).
    """
    from reports.indicators.context import Context

    rows, contexts = [], {}
    for target in plan.kpi_targets.select_related("indicator_link").order_by("code"):
        link = getattr(target, "indicator_link", None)
        indicator = REGISTRY.get(link.indicator) if link else None
        if indicator is None:
            rows.append(TargetRow(target, None, None, None, None, NONE))
            continue
        slice_ = Slice(start=target.start, end=min(target.end, max(today, target.start)),
                       secretariat_id=link.secretariat_id, channel_id=link.channel_id,
                       kind=link.kind, target_id=target.pk if indicator.per_target else None)
        if slice_ not in contexts:
            contexts[slice_] = Context(slice_, facts=facts)
            facts = contexts[slice_].facts
        result = indicator.compute(contexts[slice_])
        expected = expected_by(target, indicator, today)
        rows.append(TargetRow(target, indicator, slice_, result, expected,
                              status_of(indicator, result.value, expected)))
    return rows
