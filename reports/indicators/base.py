"""The shape of an indicator and of its result, and the registry every consumer reads."""

from collections.abc import Callable
from dataclasses import dataclass, field

COUNT, PERCENT, BUSINESS_DAYS, DAYS, SCORE = "count", "percent", "business_days", "days", "score"
MONEY = "money"  # the installation's currency (R$ or €)
HOURS = "hours"  # clock hours (the press desk's response times)


@dataclass
class Point:
    """One bar/slice of a breakdown; ``drill`` holds the request-list filters behind it."""

    label: str
    value: float | int | None
    drill: dict | None = None
    group: str = ""  # second dimension (e.g. the editor in a week-by-editor chart)
    # A state tone of pauta/states.py ("done", "stopped", ...): the chart draws the point in
    # the colour of the state tags, whatever its position.
    tone: str = ""


@dataclass
class Result:
    value: float | int | None  # the headline number (None: no data in the slice)
    drill: dict | None = None  # request-list filters behind the headline
    series: list[Point] = field(default_factory=list)
    extra: dict = field(default_factory=dict)


@dataclass(frozen=True)
class Indicator:
    code: str
    name: str
    definition: str
    unit: str  # one of the constants above
    compute: Callable  # (Context) -> Result
    section: str
    better: str = "higher"  # "higher" or "lower": how a target is met
    additive: bool = False  # counts add up over time: yearly targets are pro-rated
    chart: str = ""  # "bar", "line", "doughnut", "stacked" or "" (figure only)
    # Computed per KPI target: the slice of a target's row carries the target (``target_id``),
    # so the indicator can keep what names that target (the surveys that measure it).
    per_target: bool = False


REGISTRY: dict[str, Indicator] = {}


def indicator(code: str, *, name, definition, unit: str, section: str, **options):
    """Decorator: register ``compute`` under ``code`` (codes are stable: the XLSX and
    TargetLink rows refer to them)."""

    def register(compute):
        if code in REGISTRY:
            raise ValueError(f"indicator {code!r} registered twice")
        REGISTRY[code] = Indicator(code=code, name=name, definition=definition, unit=unit,
                                   compute=compute, section=section, **options)
        return compute

    return register
