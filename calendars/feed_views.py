"""The public feed endpoint: GET /feeds/<token>.ics (no login; the token is the credential)."""

from django.http import Http404, HttpResponse, HttpResponseNotModified
from django.utils.http import http_date, parse_http_date_safe, quote_etag
from django.views.decorators.http import require_safe

from calendars.feeds import feed_response_parts
from calendars.selectors import feed_by_token


def _etag_matches(header: str, etag: str) -> bool:
    if header.strip() == "*":
        return True
    wanted = {tag.strip().removeprefix("W/") for tag in header.split(",")}
    return etag in wanted


def _not_modified(request, etag: str, last_modified) -> bool:
    if_none_match = request.headers.get("If-None-Match")
    if if_none_match is not None:  # RFC 9110 §13.1.3: If-None-Match wins over the date
        return _etag_matches(if_none_match, etag)
    since = parse_http_date_safe(request.headers.get("If-Modified-Since", ""))
    return since is not None and int(last_modified.timestamp()) <= since


@require_safe
def feed_ics(request, token: str):
    feed = feed_by_token(token)
    if feed is None:
        raise Http404  # the same answer for unknown, revoked or malformed tokens
    etag, last_modified, body = feed_response_parts(feed)
    headers = {"ETag": quote_etag(etag), "Last-Modified": http_date(last_modified.timestamp()),
               "Cache-Control": "private, no-cache"}
    if _not_modified(request, etag, last_modified):
        response = HttpResponseNotModified()
    else:
        response = HttpResponse(body(), content_type="text/calendar; charset=utf-8")
        response["Content-Disposition"] = 'inline; filename="pauta.ics"'
    for name, value in headers.items():
        response[name] = value
    return response
