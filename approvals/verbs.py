"""The compliance verbs in the audit registry (checks, overrides, take-downs).

The request-lifecycle verbs approvals records (``decide``, ``open_stage``) belong to the
request's lifecycle and are registered with it (``workflows/verbs.py``).
"""

from django.utils.translation import gettext_lazy as _

from audit.registry import Verb, register
from audit.sentences import fill, looked_up, quoted

REQUEST = "workflows.contentrequest"


def rule_title(code) -> str:
    """The rule's title for a rule code stored in a payload (never the code itself)."""
    from approvals.compliance.registry import RULES

    rule = RULES.get(code)
    return str(rule.title) if rule is not None else str(_("a rule that no longer exists"))


def _channel(code) -> str:
    from plans.models import Channel

    name = looked_up("channel", code, lambda: Channel.objects.filter(code=code)
                     .values_list("name", flat=True).first())
    return name or str(_("a channel that no longer exists"))


def _check(event) -> str:
    return fill(_("%(actor)s ran the compliance check: %(blockers)s blockers, "
                  "%(warnings)s warnings."), event,
                blockers=event.payload.get("blockers", 0),
                warnings=event.payload.get("warnings", 0))


def _override(event) -> str:
    from approvals.compliance.models import LegalException

    text = fill(_("%(actor)s overrode the finding “%(rule)s”."), event,
                rule=rule_title(event.payload.get("rule")))
    exception = event.payload.get("legal_exception")
    if exception in LegalException.values:
        text += " " + str(_("Legal exception: %(exception)s.")) % {
            "exception": LegalException(exception).label}
    return text + quoted(event, "reason")


def _take_down(event) -> str:
    return fill(_("%(actor)s took the piece down from %(channel)s (electoral window)."),
                event, channel=_channel(event.payload.get("channel"))) + quoted(event, "reason")


def register_verbs() -> None:
    for code, label, describe in (
            ("compliance_check", _("Compliance check"), _check),
            ("compliance_override", _("Override a finding"), _override),
            ("compliance_take_down", _("Take down"), _take_down)):
        register(Verb(code, label, describe, subject_kind=REQUEST))
