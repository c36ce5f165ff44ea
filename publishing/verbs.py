"""The verbs of publishing in the audit registry (shown on the request's timeline).

``reopen_review`` is a request transition (bare code, like the request's own verbs); the
others carry the ``publishing`` meaning in their names.
"""

from django.utils.translation import gettext_lazy as _

from audit.registry import Verb, register
from audit.sentences import date_of, fill
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


def approvers_and_editor(event) -> list:
    """Whoever has the request (or the team) and the people who approved its last round."""
    from approvals.models import Decision
    from org.models import User

    request = event.request
    ids = Decision.objects.filter(step__request=request, outcome="approve",
                                  step__review_round=request.review_round).values("decided_by")
    return [*to.assignee_or_team(event), *User.objects.filter(pk__in=ids, is_active=True)]


def _share(event) -> str:
    value = event.payload.get("containment")
    return f"{round(float(value) * 100)}%" if value is not None else "?"


def _proof(event) -> str:
    channel, url = channel_name(event.payload.get("channel")), event.payload.get("url", "")
    if event.verb == "publication_divergent":
        return fill(_("The page of %(channel)s at %(url)s differs from the approved text "
                      "(%(share)s of the approved words found in order)."), event,
                    channel=channel, url=url, share=_share(event))
    if event.verb == "publication_gone":
        return fill(_("The page of %(channel)s at %(url)s is gone (HTTP %(status)s)."), event,
                    channel=channel, url=url, status=event.payload.get("status", ""))
    return fill(_("The page of %(channel)s at %(url)s matches the approved text."), event,
                channel=channel, url=url)


def _takedown(event) -> str:
    channel, url = channel_name(event.payload.get("channel")), event.payload.get("url", "")
    if event.verb == "takedown_checklist":
        if event.payload.get("error"):
            return fill(_("The connector could not take %(channel)s down (%(error)s): take "
                          "it down by hand at %(url)s and confirm."), event, channel=channel,
                        url=url, error=event.payload["error"])
        return fill(_("%(channel)s has no connector: take the piece down by hand at "
                      "%(url)s and confirm."), event, channel=channel, url=url)
    if event.verb == "takedown_done":
        return fill(_("The %(channel)s connector took the piece down (%(url)s)."), event,
                    channel=channel, url=url)
    if event.verb == "takedown_confirm":
        return fill(_("%(actor)s confirmed that the piece on %(channel)s was taken down by "
                      "hand (%(url)s)."), event, channel=channel, url=url)
    return fill(_("After the take-down, the page of %(channel)s at %(url)s still answers "
                  "(HTTP %(status)s)."), event, channel=channel, url=url,
                status=event.payload.get("status") or "—")


def _expiry(event) -> str:
    channel = channel_name(event.payload.get("channel"))
    if event.verb == "expiry_take_down":
        return fill(_("The piece on %(channel)s came down at its scheduled take-down "
                      "(%(when)s)."), event, channel=channel,
                    when=date_of(event.payload.get("at")))
    if not event.payload.get("at"):
        return fill(_("%(actor)s removed the scheduled take-down of %(channel)s."), event,
                    channel=channel)
    return fill(_("%(actor)s scheduled %(channel)s to come down on %(when)s."), event,
                channel=channel, when=date_of(event.payload.get("at")))


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
    register(Verb("publication_verified", _("Published page matches"), _proof,
                  subject_kind=KIND))
    register(Verb("publication_divergent", _("Published differently from the approved"),
                  _proof, subject_kind=KIND, recipients=approvers_and_editor,
                  notice=notice(_("Request #%(id)s “%(title)s” went out differently from what "
                                  "was approved: look at its page."))))
    register(Verb("publication_gone", _("Published page gone"), _proof, subject_kind=KIND,
                  recipients=approvers_and_editor,
                  notice=notice(_("A published page of request #%(id)s “%(title)s” is gone."))))
    register(Verb("takedown_checklist", _("Take down by hand"), _takedown, subject_kind=KIND,
                  recipients=to.the_team,
                  notice=notice(_("Request #%(id)s “%(title)s”: take a piece down by hand and "
                                  "confirm it."))))
    register(Verb("takedown_done", _("Taken down by the connector"), _takedown,
                  subject_kind=KIND))
    register(Verb("takedown_confirm", _("Take-down confirmed"), _takedown, subject_kind=KIND))
    register(Verb("takedown_still_online", _("Still online after the take-down"), _takedown,
                  subject_kind=KIND, recipients=to.assignee_or_team,
                  notice=notice(_("A piece of request #%(id)s “%(title)s” is still online "
                                  "after its take-down."))))
    register(Verb("expiry_set", _("Schedule a take-down"), _expiry, subject_kind=KIND))
    register(Verb("expiry_take_down", _("Scheduled take-down"), _expiry, subject_kind=KIND))
