"""The "Repercussion" panel of a campaign's and a request's page: the kept clips linked to
it (clips, tone shares, outlets, estimated reach) with a link to them. The pages include
``clipping/_object_panel.html`` (one include, like publishing's panels): campaigns and
workflows import nothing of clipping. One query, whatever the number of clips."""

from django import template
from django.db.models import Count, Q, Sum
from django.urls import reverse

from clipping import permissions as perms
from clipping.models import Clip, ClipState, Tone
from clipping.selectors import Row

register = template.Library()

# model label -> (filter of the kept clips linked to the object, the clip list's parameter)
LINKED = {
    "campaigns.campaign": (lambda obj: Q(campaign=obj) | Q(request__campaign=obj), "campaign"),
    "workflows.contentrequest": (lambda obj: Q(request=obj), "request"),
}
TOP_OUTLETS = 5


def repercussion_of(obj) -> dict | None:
    """{"row": Row, "outlets": [(name, clips)], "url": the clips} or None when no kept clip
    is linked to ``obj`` (or ``obj`` is not a campaign or a request)."""
    linked = LINKED.get(obj._meta.label_lower)
    if linked is None or obj.pk is None:
        return None
    condition, param = linked
    groups = list(Clip.objects.filter(condition(obj), state=ClipState.KEPT).order_by()
                  .values("outlet_id", "outlet__name", "tone")
                  .annotate(n=Count("pk", distinct=True), reach=Sum("outlet__audience")))
    if not groups:
        return None
    tones = {tone: sum(g["n"] for g in groups if g["tone"] == tone) for tone in Tone.values}
    outlets: dict = {}
    for group in groups:
        outlets[group["outlet__name"]] = outlets.get(group["outlet__name"], 0) + group["n"]
    row = Row(obj.pk, str(obj), sum(g["n"] for g in groups), tones[Tone.POSITIVE],
              tones[Tone.NEUTRAL], tones[Tone.NEGATIVE], len(outlets),
              sum(g["reach"] or 0 for g in groups))
    ranked = sorted(outlets.items(), key=lambda item: (-item[1], item[0]))
    return {"row": row, "outlets": ranked[:TOP_OUTLETS],
            "more_outlets": max(0, len(ranked) - TOP_OUTLETS),
            "url": f"{reverse('clipping:list')}?state={ClipState.KEPT}&{param}={obj.pk}"}


@register.inclusion_tag("clipping/_object_repercussion.html", takes_context=True)
def repercussion_panel(context, obj):
    user = context["request"].user
    if not perms.can_view(user):
        return {"repercussion": None}
    return {"repercussion": repercussion_of(obj)}
