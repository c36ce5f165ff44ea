"""Plan traceability: every piece traces to an action of an approved Communication Plan."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from approvals.compliance.models import Severity
from approvals.compliance.registry import Rule, register


@register
class PlanTraceability(Rule):
    code = "plan.traceability"
    family = "plan"
    title = gettext_lazy("Plan traceability")
    basis = gettext_lazy(
        "Communication Plan of the municipality: every piece serves a planned action.")
    default_severity = Severity.WARNING

    def check(self, ctx, cfg):
        action = ctx.material.plan_action
        if action is None:
            yield self.finding(ctx, cfg, field_name="plan_action", key="missing",
                               message=_("The request is not linked to an action of the "
                                         "Communication Plan."),
                               suggestion=_("Link it to a plan action, or justify the "
                                            "exception."))
        elif action.plan.state != "approved":
            yield self.finding(ctx, cfg, field_name="plan_action", key="not-approved",
                               message=_("The plan of action “%(action)s” is not approved.")
                               % {"action": action},
                               suggestion=_("Link it to an action of the approved plan."))
