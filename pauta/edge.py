"""Malformed requests stopped at the edge: NUL characters and ids no column can hold.

PostgreSQL refuses NUL in text (a server error deep in any query), so a NUL anywhere in the
path, the query string, a form field or a JSON body answers 400 before a view runs. A path id
(``<int:pk>``) past ``pauta.inputs.MAX_ID`` answers 404 like any unknown object.
"""

from django.http import Http404
from django.utils.translation import gettext as _

from pauta.inputs import BadInput, in_id_range
from pauta.views_ui import bad_request

NUL = "\x00"


def _has_nul(request) -> bool:
    if NUL in request.path or NUL in request.META.get("QUERY_STRING", ""):
        return True
    if any(NUL in key or NUL in value for key, values in request.GET.lists() for value in values):
        return True
    if request.method in ("POST", "PUT", "PATCH"):
        if (request.content_type or "").startswith("application/json"):
            body = request.body
            return b"\x00" in body or b"\\u0000" in body.lower()
        return any(NUL in key or NUL in value
                   for key, values in request.POST.lists() for value in values)
    return False


class MalformedInputMiddleware:
    """Answer 400 for NUL characters in a request, 404 for an out-of-range path id."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if _has_nul(request):
            return bad_request(request, BadInput(_("The request contains a NUL character.")))
        for value in (*view_args, *view_kwargs.values()):
            if isinstance(value, int) and not in_id_range(value):
                raise Http404
        return None
