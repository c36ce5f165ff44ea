"""The compliance engine's text rules on a press answer (personal data, *impessoalidade*).

The engine (``approvals.compliance``) reads checkable objects; its text rules read only the
plain-text units of a context, so the answer is given to them as one unit. Nothing in ``approvals``
imports press. Rules that read channels, dates, media or the plan do not apply to an answer.

A rule's ``kinds`` (``RuleConfig.kinds``) limit it to request kinds; an answer to the press is
not a request, so it is checked as the kind nearest to it, a press release (``KIND``): a rule
limited to kinds runs on the answer when the press release is one of them, as an unlimited
rule does; a rule limited to other kinds (news, video…) does not.
"""

from functools import cached_property

from approvals.compliance.checkable import Material
from approvals.compliance.engine import Context, TextUnit, configs, most_specific
from approvals.compliance.models import Severity
from approvals.compliance.registry import SEVERITY_ORDER
from approvals.compliance.text import to_plain

FAMILIES = ("personal_data", "impessoalidade")
KIND = "press_release"


class AnswerContext(Context):
    """A context of the text rules for one answer: no channels, texts, media or dates."""

    def __init__(self, inquiry, text: str):
        super().__init__(obj=inquiry, checkable=None, trigger="press",
                         material=Material(texts=[], channels=[], media=[], kind=KIND,
                                           secretariat=inquiry.secretariat))
        self._text = text

    @cached_property
    def units(self) -> list[TextUnit]:
        return [TextUnit(None, None, "answer", to_plain(self._text))] if self._text else []

    @cached_property
    def channels(self) -> list:
        return []


def answer_findings(inquiry, text: str | None = None) -> list:
    """The findings of the text rules on the answer (``text``, default the stored one)."""
    ctx = AnswerContext(inquiry, inquiry.answer if text is None else text)
    findings = []
    for cfg in configs().values():
        if not cfg.enabled or cfg.rule.family not in FAMILIES:
            continue
        if cfg.kinds and KIND not in cfg.kinds:
            continue  # limited to kinds of request an answer is not
        if getattr(cfg.rule, "code", "") == "personal_data.minors":
            continue
        findings.extend(cfg.rule.check(ctx, cfg))
    findings = most_specific(findings)
    findings.sort(key=lambda f: (SEVERITY_ORDER.get(f.severity, 9), f.rule, f.start or 0))
    return findings


def blockers(findings) -> list:
    return [f for f in findings if f.severity == Severity.BLOCKER]
