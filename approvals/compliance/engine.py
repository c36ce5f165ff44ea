"""Runs every enabled rule of the registry on one checked object and returns its findings.

The object is read only through its ``Checkable`` (``approvals.compliance.checkable``)."""

from dataclasses import dataclass, field
from datetime import datetime, time
from functools import cached_property

from django.utils import timezone

from approvals.compliance.checkable import Checkable, Material, checkable_of
from approvals.compliance.models import FindingOverride, RuleConfig
from approvals.compliance.registry import SEVERITY_ORDER, Config, Finding, load_rules
from approvals.compliance.text import Plain, fold, to_plain

TEXT_FIELDS = ("title", "body", "excerpt")


@dataclass
class TextUnit:
    """One field of one channel's final text, as plain text."""

    publication_id: int
    channel: object
    field: str
    plain: Plain

    @property
    def text(self) -> str:
        return self.plain.text

    @cached_property
    def folded(self) -> str:
        return fold(self.plain.text)


@dataclass
class Context:
    """What the rules read, loaded once per run: the object's ``Material``."""

    obj: object
    checkable: Checkable
    material: Material
    trigger: str = "manual"
    cache: dict = field(default_factory=dict)

    @property
    def texts(self) -> list:
        return self.material.texts

    @property
    def media(self) -> list:
        return self.material.media

    @property
    def kind(self) -> str | None:
        return self.material.kind

    @cached_property
    def units(self) -> list[TextUnit]:
        return [TextUnit(t.pk, t.channel, name, to_plain(getattr(t, name)))
                for t in self.texts for name in TEXT_FIELDS if getattr(t, name)]

    @cached_property
    def channels(self) -> list:
        channels = {t.channel_id: t.channel for t in self.texts}
        for channel in self.material.channels:
            channels.setdefault(channel.pk, channel)
        return list(channels.values())

    def moments(self) -> list[tuple[object, datetime, object]]:
        """(channel, moment, text) of each text's date; the desired date if none has one."""
        found = [(t.channel, t.scheduled_at, t) for t in self.texts if t.scheduled_at]
        if not found and self.material.desired_date:
            noon = timezone.make_aware(datetime.combine(self.material.desired_date, time(12)))
            found = [(None, noon, None)]
        return found

    def once(self, key, loader):
        if key not in self.cache:
            self.cache[key] = loader()
        return self.cache[key]


def configs() -> dict[str, Config]:
    """Every registered rule with its effective configuration (defaults where no row exists)."""
    rules = load_rules()
    rows = {row.code: row for row in RuleConfig.objects.prefetch_related("channels")}
    result = {}
    for code, rule in rules.items():
        row = rows.get(code)
        if row is None:
            result[code] = Config(rule, True, rule.default_severity, [], set(),
                                  dict(rule.default_params))
        else:
            result[code] = Config(rule, row.enabled, row.severity or rule.default_severity,
                                  list(row.kinds or []), {c.pk for c in row.channels.all()},
                                  {**rule.default_params, **(row.params or {})})
    return result


def context_for(obj, trigger: str = "manual") -> Context:
    checkable = checkable_of(obj)
    return Context(obj=obj, checkable=checkable, material=checkable.material(obj),
                   trigger=trigger)


def run(obj, trigger: str = "manual") -> list[Finding]:
    """All findings on the object, overrides attached, most severe first."""
    ctx = context_for(obj, trigger)
    findings: list[Finding] = []
    for cfg in configs().values():
        if not cfg.enabled or (cfg.kinds and ctx.kind not in cfg.kinds):
            continue
        for finding in cfg.rule.check(ctx, cfg):
            if cfg.applies_to_channel(finding.channel):
                findings.append(finding)
    findings = most_specific(findings)
    overrides = {o.fingerprint: o for o in FindingOverride.objects.filter(
        **{ctx.checkable.record_field: obj}).select_related("by")}
    seen = set()
    unique = []
    for finding in findings:
        if finding.fingerprint in seen:
            continue
        seen.add(finding.fingerprint)
        finding.override = overrides.get(finding.fingerprint)
        unique.append(finding)
    unique.sort(key=lambda f: (SEVERITY_ORDER.get(f.severity, 9), f.rule,
                               getattr(f.channel, "name", ""), f.field, f.start or 0))
    return unique


def _where(finding: Finding):
    return finding.publication_id, finding.field


def most_specific(findings: list[Finding]) -> list[Finding]:
    """Drop a finding whose span overlaps one of a rule it yields to (``Rule.yields_to``)."""
    rules = load_rules()
    spans: dict[tuple, list[tuple[str, int, int]]] = {}
    for f in findings:
        if f.start is not None and f.end is not None:
            spans.setdefault(_where(f), []).append((f.rule, f.start, f.end))

    def covered(finding: Finding) -> bool:
        rule = rules.get(finding.rule)
        if rule is None or not rule.yields_to or finding.start is None:
            return False
        return any(code in rule.yields_to and start < finding.end and finding.start < end
                   for code, start, end in spans.get(_where(finding), ()))

    return [f for f in findings if not covered(f)]
