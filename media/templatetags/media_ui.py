"""``{% request_media request %}``: the media bank assets of a request on its page (one line
in the request template), with the people shown and whether their consent holds."""

from django import template

from media import permissions as perms
from media import selectors

register = template.Library()


@register.inclusion_tag("media/_request_media.html", takes_context=True)
def request_media(context, request_obj):
    user = context["request"].user
    return {"rows": selectors.request_uses(request_obj), "object": request_obj,
            "library": perms.can_view_library(user),
            "can_detach": perms.can_view_library(user) and perms.wperms.can_attach(
                user, request_obj), "csrf_token": context.get("csrf_token"),
            "path": context["request"].get_full_path()}
