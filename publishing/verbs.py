"""The verbs of publishing in the audit registry (shown on the request's timeline).

``reopen_review`` is a request transition (bare code, like the request's own verbs); the
others carry the ``publishing`` meaning in their names.
"""

from django.utils.translation import gettext_lazy as _

from audit.registry import Verb, register
from audit.sentences import fill
from workflows import recipients as to
from workflows.verbs import KIND, channel_name, notice


def _seal(event) -> str:
    return fill(_("The approved content was sealed (seal %(seal)s)."), event,
                seal=str(event.payload.get("digest", ""))[:12])


def _reopened(event) -> str:
    return fill(_("The content differed from the approved seal %(seal)s, so the request went "
                  "back to review."), event, seal=str(event.payload.get("seal", ""))[:12])


def _restored(event) -> str:
    return fill(_("%(actor)s restored revision %(number)s of the text for %(channel)s as "
                  "revision %(new)s."), event, number=event.payload.get("number", ""),
                new=event.payload.get("new", ""),
                channel=channel_name(event.payload.get("channel")))


ACTIONS = {"schedule": _("scheduling"), "update": _("updating"), "unpublish": _("taking down"),
           "status": _("status check")}


def _connector(event) -> str:
    payload = dict(event.payload)
    payload["action"] = str(ACTIONS.get(payload.get("action"), payload.get("action", "")))
    if event.verb == "connector_failed":
        return fill(_("The %(channel)s connector failed (%(action)s): %(error)s"), event,
                    channel=channel_name(payload.get("channel")),
                    action=payload.get("action", ""), error=payload.get("error", ""))
    return fill(_("The %(channel)s connector did “%(action)s”; the channel answered "
                  "“%(status)s” %(url)s."), event, channel=channel_name(payload.get("channel")),
                action=payload.get("action", ""), status=payload.get("status", ""),
                url=payload.get("url", ""))


def register_verbs() -> None:
    register(Verb("approval_seal", _("Seal the approved content"), _seal, subject_kind=KIND))
    register(Verb("reopen_review", _("Back to review: content changed"), _reopened,
                  subject_kind=KIND, recipients=to.request_deciders,
                  notice=notice(_("Request #%(id)s “%(title)s” changed after approval and "
                                  "waits for your decision again."))))
    register(Verb("connector_call", _("Connector call"), _connector, subject_kind=KIND))
    register(Verb("connector_failed", _("Connector failure"), _connector, subject_kind=KIND,
                  recipients=to.assignee_or_team,
                  notice=notice(_("The channel connector of request #%(id)s “%(title)s” "
                                  "failed: look at its timeline."))))
    register(Verb("revision_restore", _("Restore a revision"), _restored, subject_kind=KIND))
