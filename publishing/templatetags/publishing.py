"""The request page's publishing panels: the seal, and the changes since the last round."""

from django import template

from publishing import permissions as perms
from publishing.revisions import changes_since_last_round, describe_field
from publishing.seal import current_seal

register = template.Library()


@register.inclusion_tag("publishing/_panels.html", takes_context=True)
def publishing_panels(context, request_obj):
    user = context["request"].user
    if not perms.can_view_history(user, request_obj):
        return {"visible": False}
    return {"visible": True, "object": request_obj, "seal": current_seal(request_obj),
            "changes": changes_since_last_round(request_obj),
            "publications": request_obj.publications.select_related("channel")}


@register.inclusion_tag("publishing/_changes_panel.html", takes_context=True)
def publishing_changes(context, request_obj):
    """The changes since the last approval round alone (the decision page shows them)."""
    user = context["request"].user
    if not perms.can_view_history(user, request_obj):
        return {"changes": None}
    return {"object": request_obj, "changes": changes_since_last_round(request_obj)}


@register.filter
def field_label(name: str) -> str:
    return describe_field(name)
