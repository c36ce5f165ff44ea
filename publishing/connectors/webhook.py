"""The signed webhook connector: Pauta POSTs each action, signed like its other webhooks
(``api.webhooks.signing``), and the receiver answers JSON with the post's address.

Request body: ``{"action": "schedule"|"update"|"unpublish"|"status", "publication": {...},
"remote_id": "..."}``; answer: ``{"id": "...", "url": "https://...", "status": "..."}``.
"""

import http.client
import json
import time
import urllib.error
import urllib.request

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from api.webhooks import safety, signing
from api.webhooks.safety import check_url
from publishing import content as contents
from publishing import secrets
from publishing.connectors.base import Connector, ConnectorError, Result, register

USER_AGENT = "Pauta-Publishing/1"


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, req, fp, code, msg, headers, newurl):
        return None


_opener = safety.guarded_opener(
    _NoRedirect, allow_private=lambda: settings.WEBHOOKS_ALLOW_PRIVATE)


def publication_body(publication) -> dict:
    moment = publication.scheduled_at
    return {"id": publication.pk, "request": publication.request_id,
            "channel": publication.channel.code, "title": publication.title,
            "body": publication.body, "excerpt": publication.excerpt,
            "scheduled_at": timezone.localtime(moment).isoformat() if moment else None,
            "attachments": [{"name": f["name"], "sha256": f["sha256"]}
                            for f in contents.files_of(publication)]}


@register("webhook")
class WebhookConnector(Connector):
    def _call(self, action: str, publication, remote=None) -> Result:
        url = self.config.endpoint
        try:
            check_url(url)
        except ValidationError as exc:
            raise ConnectorError(" ".join(exc.messages)) from exc
        body = json.dumps({"action": action, "publication": publication_body(publication),
                           "remote_id": getattr(remote, "remote_id", "")},
                          ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        timestamp = int(time.time())
        request = urllib.request.Request(url, data=body, method="POST", headers={  # noqa: S310
            "Content-Type": "application/json; charset=utf-8", "User-Agent": USER_AGENT,
            signing.TIMESTAMP_HEADER: str(timestamp),
            signing.SIGNATURE_HEADER: signing.sign(secrets.decrypt(self.config.credentials),
                                                   timestamp, body),
            signing.EVENT_HEADER: f"publication.{action}"})
        try:
            with _opener.open(request, timeout=settings.WEBHOOKS_TIMEOUT) as response:  # noqa: S310
                answer = json.loads(response.read(65536) or b"{}")
        except urllib.error.HTTPError as exc:
            raise ConnectorError(_("The channel answered HTTP %(code)s.") % {
                "code": exc.code}) from exc
        except (urllib.error.URLError, OSError, http.client.HTTPException) as exc:
            # HTTPException: a receiver that answers something other than HTTP (a bad status
            # line, a body cut short) is unreachable as a channel, not a crash of the task.
            raise ConnectorError(_("The channel could not be reached.")) from exc
        except ValueError as exc:
            raise ConnectorError(_("The channel's answer is not JSON.")) from exc
        if not isinstance(answer, dict):
            raise ConnectorError(_("The channel's answer is not JSON."))
        found = str(answer.get("url") or "")
        if found and not found.startswith(("https://", "http://")):
            raise ConnectorError(_("The channel answered an address that is not a web address."))
        return Result(remote_id=str(answer.get("id") or ""), url=found[:500],
                      status=str(answer.get("status") or "")[:40], answer=answer)

    def schedule(self, publication) -> Result:
        return self._call("schedule", publication)

    def update(self, publication, remote) -> Result:
        return self._call("update", publication, remote)

    def unpublish(self, publication, remote) -> Result:
        return self._call("unpublish", publication, remote)

    def fetch_status(self, publication, remote) -> Result:
        return self._call("status", publication, remote)
