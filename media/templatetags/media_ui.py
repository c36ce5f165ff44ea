"""``{% request_media request %}``: the media bank assets of a request on its page (one line
in the request template), with the people shown and whether their consent holds."""

from django import template

from media import permissions as perms
from media import selectors

register = template.Library()


@register.inclusion_tag("media/_request_media.html", takes_context=True)
def request_media(context, request_obj):
    user = context["request"].user
    rows = selectors.request_uses(request_obj)
    open_flags = [flag for row in rows for flag in row["flags"] if flag.is_open]
    return {"rows": rows, "object": request_obj, "open_flags": open_flags,
            "needs_take_down": any(flag.takedown_at is None for flag in open_flags),
            "can_take_down": perms.can_take_down(user),
            "library": perms.can_view_library(user),
            "can_detach": perms.can_view_library(user) and perms.wperms.can_attach(
                user, request_obj), "csrf_token": context.get("csrf_token"),
            "path": context["request"].get_full_path()}
