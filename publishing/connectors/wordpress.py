"""The WordPress connector: posts through the site's REST API (``/wp/v2/posts``),
authenticated with an application password (HTTP Basic ``user:application password``).

- ``schedule``: creates the post, status ``future`` with ``date_gmt`` at the scheduled time
  (``publish`` when the time has come: WordPress itself publishes a ``future`` post less
  than a minute ahead);
- ``update``: edits the post (title, text, excerpt, date: a reschedule moves it);
- ``unpublish``: moves it to WordPress's trash (``DELETE`` without ``force``: recoverable
  there);
- ``fetch_status``: reads the post back; ``future`` → scheduled, ``publish`` → published,
  ``trash`` → unpublished, ``draft``/``pending``/``private`` → draft, gone → missing; its
  ``link`` is the address Pauta records.

The endpoint is the site's address (``https://portal.example.gov.br``): the API is
``<site>/wp-json/``, or ``<site>/?rest_route=`` on sites without pretty permalinks (tried
when ``/wp-json/`` does not answer JSON, or given as the endpoint). Calls get the same
address safety as the webhooks (``api.webhooks.safety``: public addresses only unless
``WEBHOOKS_ALLOW_PRIVATE``, no redirects, ``WEBHOOKS_TIMEOUT``).
"""

import base64
import http.client
import json
import urllib.error
import urllib.request
from datetime import UTC
from urllib.parse import urlencode

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.html import escape, linebreaks
from django.utils.translation import gettext as _

from api.webhooks import safety
from api.webhooks.safety import check_url
from publishing import secrets
from publishing.connectors.base import Connector, ConnectorError, Result, register

USER_AGENT = "Pauta-Publishing/1"
# WordPress's post statuses → ``Result.status``; "draft": not public, but not taken down.
STATUSES = {"future": "scheduled", "publish": "published", "trash": "unpublished",
            "draft": "draft", "pending": "draft", "private": "draft"}


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, req, fp, code, msg, headers, newurl):
        return None


_opener = safety.guarded_opener(
    _NoRedirect, allow_private=lambda: settings.WEBHOOKS_ALLOW_PRIVATE)


class _NotJSON(Exception):
    """The address answered, but not as a WordPress REST API."""

    def __init__(self, status: int):
        self.status = status


class WordPressError(ConnectorError):
    """WordPress answered with an error (``status``: its HTTP status)."""

    def __init__(self, message: str, status: int):
        super().__init__(message)
        self.status = status


def _wp_error(code: int, answer) -> WordPressError:
    """A sentence for what WordPress refused (its own message is never shown as is)."""
    wp_code = str(answer.get("code", "")) if isinstance(answer, dict) else ""
    if code == 401 or wp_code in ("incorrect_password", "invalid_username",
                                  "rest_not_logged_in"):
        sentence = _("WordPress did not accept the user or the application password.")
    elif wp_code == "application_passwords_disabled":
        sentence = _("Application passwords are turned off on this WordPress site.")
    elif code == 403:
        sentence = _("The WordPress user may not publish or change this post.")
    elif code in (404, 410):
        sentence = _("The post no longer exists on the WordPress site.")
    elif code == 400:
        sentence = _("WordPress refused the post's content or date.")
    else:
        sentence = _("WordPress could not do it.")
    return WordPressError(_("%(sentence)s (HTTP %(code)s)") % {"sentence": sentence,
                                                               "code": code}, code)


def post_fields(publication) -> dict:
    """The post as WordPress takes it: the approved title, text (paragraphs) and excerpt,
    and the scheduled time in UTC."""
    fields = {"title": escape(publication.title), "content": linebreaks(publication.body,
                                                                        autoescape=True),
              "excerpt": escape(publication.excerpt)}
    moment = publication.scheduled_at
    if moment:
        fields["date_gmt"] = moment.astimezone(UTC).replace(tzinfo=None).isoformat(
            timespec="seconds")
        # WordPress's own rule: a post due within a minute goes out now.
        ahead = (moment - timezone.now()).total_seconds()
        fields["status"] = "future" if ahead >= 60 else "publish"
    else:
        fields["status"] = "draft"
    return fields


@register("wordpress")
class WordPressConnector(Connector):
    def _site(self) -> str:
        return (self.config.endpoint or "").strip()

    def _urls(self, route: str, query: dict) -> list[str]:
        """Where to call ``route``: ``/wp-json/``, then ``?rest_route=`` (plain permalinks)."""
        site = self._site()
        if "rest_route=" in site:
            prefix = site.split("rest_route=", 1)[0]
            extra = f"&{urlencode(query)}" if query else ""
            return [f"{prefix}rest_route={route}{extra}"]
        extra = f"?{urlencode(query)}" if query else ""
        site = site.rstrip("/")
        if site.endswith("/wp-json"):
            return [f"{site}{route}{extra}"]
        rest = f"{site}/?rest_route={route}" + (f"&{urlencode(query)}" if query else "")
        return [f"{site}/wp-json{route}{extra}", rest]

    def _auth(self) -> str:
        credential = secrets.decrypt(self.config.credentials)
        if self.config.credentials and not credential:
            raise ConnectorError(_("The stored credential can no longer be read (the key "
                                   "changed): enter it again."))
        if ":" not in credential:
            raise ConnectorError(_("The connector's credential must be “user:application "
                                   "password”."))
        return "Basic " + base64.b64encode(credential.encode("utf-8")).decode("ascii")

    def _call(self, method: str, route: str, data: dict | None = None,
              query: dict | None = None) -> dict:
        urls = self._urls(route, query or {})
        auth = self._auth()
        for url in urls:
            try:
                check_url(url)
            except ValidationError as exc:
                raise ConnectorError(" ".join(exc.messages)) from exc
            try:
                return self._send(method, url, auth, data)
            except _NotJSON as exc:
                if url is urls[-1]:
                    raise ConnectorError(_(
                        "This address does not answer as a WordPress REST API (HTTP "
                        "%(code)s).") % {"code": exc.status}) from None
        raise AssertionError("unreachable")  # pragma: no cover

    def _send(self, method: str, url: str, auth: str, data: dict | None) -> dict:
        body = (json.dumps(data, ensure_ascii=False).encode("utf-8")
                if data is not None else None)
        request = urllib.request.Request(url, data=body, method=method, headers={  # noqa: S310
            "Authorization": auth, "Accept": "application/json", "User-Agent": USER_AGENT,
            "Content-Type": "application/json; charset=utf-8"})
        try:
            with _opener.open(request, timeout=settings.WEBHOOKS_TIMEOUT) as response:  # noqa: S310
                status, raw = response.status, response.read(1_000_000)
        except urllib.error.HTTPError as exc:
            status, raw = exc.code, exc.read(1_000_000)
            if 300 <= status < 400:
                raise ConnectorError(_("The WordPress site answered with a redirect; give "
                                       "its final address (https).")) from exc
        except (urllib.error.URLError, OSError, http.client.HTTPException) as exc:
            raise ConnectorError(_("The WordPress site could not be reached.")) from exc
        try:
            answer = json.loads(raw or b"null")
        except ValueError:
            raise _NotJSON(status) from None
        if status >= 400:
            if not (isinstance(answer, dict) and "code" in answer):
                raise _NotJSON(status)
            raise _wp_error(status, answer)
        if not isinstance(answer, dict) or ("id" not in answer and "deleted" not in answer):
            raise _NotJSON(status)
        return answer

    @staticmethod
    def _post(remote) -> str:
        """The post's route; a remote id that is not WordPress's (another connector's) is
        refused instead of sent."""
        remote_id = str(getattr(remote, "remote_id", ""))
        if not (remote_id.isascii() and remote_id.isdigit()):
            raise ConnectorError(_("The post's id “%(id)s” is not a WordPress post id.")
                                 % {"id": remote_id[:40]})
        return f"/wp/v2/posts/{remote_id}"

    @staticmethod
    def _result(answer: dict) -> Result:
        post = answer.get("previous", answer) if answer.get("deleted") else answer
        link = str(post.get("link") or "")
        if link and not link.startswith(("https://", "http://")):
            link = ""
        kept = {key: post.get(key) for key in ("id", "status", "link", "date_gmt",
                                               "modified_gmt")}
        status = "missing" if answer.get("deleted") else STATUSES.get(str(post.get("status")),
                                                                      "")
        return Result(remote_id=str(post.get("id") or ""), url=link[:500], status=status,
                      answer=kept)

    def schedule(self, publication) -> Result:
        return self._result(self._call("POST", "/wp/v2/posts", post_fields(publication)))

    def update(self, publication, remote) -> Result:
        return self._result(self._call("POST", self._post(remote),
                                       post_fields(publication)))

    def unpublish(self, publication, remote) -> Result:
        try:
            return self._result(self._call("DELETE", self._post(remote)))
        except WordPressError as error:
            if error.status == 410:  # already in WordPress's trash
                return self.fetch_status(publication, remote)
            raise

    def fetch_status(self, publication, remote) -> Result:
        try:
            answer = self._call("GET", self._post(remote),
                                query={"context": "edit"})
        except WordPressError as error:
            if error.status == 404:
                return Result(remote_id=remote.remote_id, url=remote.url, status="missing")
            raise
        return self._result(answer)
