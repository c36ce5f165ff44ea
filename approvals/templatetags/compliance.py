"""``{% compliance_panel obj %}``: the check button and the findings, grouped by channel,
next to the text they concern; used on the request page and the findings page (any
registered checkable object)."""

from django import template

from approvals.compliance import permissions as perms
from approvals.compliance.checkable import checkable_of
from approvals.compliance.forms import OverrideForm
from approvals.compliance.selectors import findings_by_channel, findings_for

register = template.Library()


@register.inclusion_tag("approvals/compliance/_panel.html", takes_context=True)
def compliance_panel(context, obj):
    user = context["request"].user
    if not perms.can_see_findings(user, obj):
        return {"visible": False}
    findings = findings_for(obj)
    texts = {t.channel_id: t for t in checkable_of(obj).material(obj).texts}
    groups = [{"channel": channel, "publication": texts.get(getattr(channel, "pk", None)),
               "findings": [{"f": f, "can_override": perms.can_override(user, obj, f)}
                            for f in items]}
              for channel, items in findings_by_channel(findings)]
    return {"visible": True, "object": obj, "kind": checkable_of(obj).slug, "groups": groups,
            "count": len(findings),
            "open": sum(1 for f in findings if f.is_open),
            "can_check": perms.can_check(user, obj), "form": OverrideForm(),
            "next": context["request"].get_full_path(), "csrf_token": context.get("csrf_token")}
