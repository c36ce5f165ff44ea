"""The one registry of rules. A rule is a class with a code, a family, a default severity and
default parameters, and a ``check(ctx, cfg)`` that yields findings."""

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from approvals.compliance.models import Severity

RULES: dict[str, "Rule"] = {}
# What a finding's ``field`` names, as people read it (the code itself is never shown).
FIELD_LABELS = {"title": _("title"), "body": _("text"),
                "excerpt": pgettext_lazy("text field", "excerpt"), "attachment": _("attachments"),
                "schedule": _("publication date"), "plan_action": _("plan action")}
SEVERITY_ORDER = {Severity.BLOCKER: 0, Severity.WARNING: 1, Severity.INFO: 2}


@dataclass
class Finding:
    """What a rule found: where (channel, field, span, excerpt), why and how to fix it."""

    rule: str
    severity: str
    title: str
    message: str
    basis: str
    suggestion: str
    fingerprint: str
    channel: Any = None          # plans.Channel or None (the whole object)
    publication_id: int | None = None  # the Text the finding is in
    field: str = ""              # title, body, excerpt, attachment, schedule, plan_action
    excerpt: str = ""
    start: int | None = None
    end: int | None = None
    legal_override: bool = False
    override: Any = None         # FindingOverride once someone overrode it

    @property
    def is_open(self) -> bool:
        return self.override is None and self.severity != Severity.INFO

    @property
    def field_label(self) -> str:
        """Where the finding is, in the person's language ("" when the code is unknown)."""
        label = FIELD_LABELS.get(self.field)
        return str(label) if label else ""

    def get_severity_display(self) -> str:
        return str(Severity(self.severity).label)


@dataclass
class Config:
    """A rule's effective configuration: the admin's row merged over the rule's defaults."""

    rule: "Rule"
    enabled: bool
    severity: str
    kinds: list = field(default_factory=list)
    channel_ids: set = field(default_factory=set)
    params: dict = field(default_factory=dict)

    def applies_to_channel(self, channel) -> bool:
        return channel is None or not self.channel_ids or channel.pk in self.channel_ids

    def param(self, key: str):
        return self.params.get(key, self.rule.default_params.get(key))


class Rule:
    """Base class: subclasses set the attributes and implement ``check``."""

    code: str = ""
    family: str = ""
    title: str = ""
    basis: str = ""
    default_severity: str = Severity.WARNING
    default_params: dict = {}
    legal_override = False  # True: only a legal reviewer may override, even a blocker
    # Codes of more specific rules: where one of them found the same span of text, this
    # rule's finding is dropped (one span, one finding: a NIF is not also a phone number).
    yields_to: tuple[str, ...] = ()

    def check(self, ctx, cfg: Config) -> Iterable[Finding]:
        raise NotImplementedError

    def finding(self, ctx, cfg: Config, *, message: str, suggestion: str = "", unit=None,
                span: tuple[int, int] | None = None, field_name: str = "", key: str = "",
                channel=None, basis: str | None = None) -> Finding:
        """Build a finding; its fingerprint survives re-checks while the same thing is found."""
        channel = unit.channel if unit is not None else channel
        field_name = unit.field if unit is not None else field_name
        snippet = ""
        if unit is not None and span is not None:
            from approvals.compliance.text import excerpt, fold

            snippet = excerpt(unit.text, *span)
            key = key or " ".join(fold(unit.text[span[0]:span[1]]).split())
        raw = f"{ctx.obj.pk}|{self.code}|{getattr(channel, 'pk', '')}|{field_name}|{key}"
        return Finding(
            rule=self.code, severity=cfg.severity, title=str(self.title), message=str(message),
            basis=str(self.basis if basis is None else basis), suggestion=str(suggestion),
            fingerprint=hashlib.sha256(raw.encode("utf-8")).hexdigest()[:40], channel=channel,
            publication_id=getattr(unit, "publication_id", None), field=field_name,
            excerpt=snippet, start=span[0] if span else None, end=span[1] if span else None,
            legal_override=self.legal_override)


def register(cls: type[Rule]) -> type[Rule]:
    """Class decorator: add the rule to the registry (codes are unique)."""
    rule = cls()
    if rule.code in RULES:
        raise ValueError(f"rule {rule.code} registered twice")
    RULES[rule.code] = rule
    return cls


def load_rules() -> dict[str, Rule]:
    """Import every rule module once (they register themselves) and return the registry."""
    from approvals.compliance import rules  # noqa: F401

    return RULES
