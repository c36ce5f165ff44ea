"""Taking pieces off their channels, with evidence: the blackout take-down and scheduled expiry.

Each piece taken down gets a ``TakedownEvidence``. A channel with a connector and a remote
post is asked to unpublish (``publishing.connect.call``, after commit, in a huey job): the
answer is kept, then the page is fetched (a snapshot that should answer 404/410). A piece
online on a channel without a connector (or whose connector failed) becomes a checklist item
for a person — "take it down by hand" with its address — until someone confirms it
(audited; the page is fetched then too). A piece that never went out has nothing to take down
beyond its cancellation in Pauta.
"""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.services import record
from pauta import clock
from pauta.lifecycle import ensure, service
from publishing import connect
from publishing import permissions as perms
from publishing.connectors.base import connector_for
from publishing.models import Expiry, RemotePost, Snapshot, TakedownEvidence, Verdict
from publishing.proof import snapshot_take
from workflows.errors import TransitionRefused
from workflows.models import Publication

Evidence = TakedownEvidence


def _payload(evidence) -> dict:
    return {"channel": evidence.publication.channel.code, "url": evidence.url,
            "evidence": evidence.pk, "cause": evidence.cause}


def takedown_start(*, publication, cause: str, by, takedown=None) -> Evidence | None:
    """Inside the take-down's transaction, once ``publication`` is cancelled: ask its
    connector to unpublish (after commit) or put it on the manual checklist."""
    remote = RemotePost.objects.filter(publication=publication).first()
    url = publication.url or (remote.url if remote else "")
    through_connector = (connector_for(connect.config_of(publication)) is not None
                         and remote is not None and bool(remote.remote_id))
    if not through_connector and not (url and publication.published_at):
        return None  # never went out: its cancellation in Pauta is the whole take-down
    evidence = Evidence.objects.create(
        publication=publication, takedown=takedown, cause=cause, by=by, url=url,
        mode=Evidence.Mode.CONNECTOR if through_connector else Evidence.Mode.MANUAL)
    if through_connector:
        from publishing.tasks import takedown_run

        transaction.on_commit(lambda pk=evidence.pk: takedown_run(pk))
    else:
        record(by=by, verb="takedown_checklist", target=publication.request,
               payload=_payload(evidence))
    return evidence


def on_take_down(*, takedown, text, by) -> None:
    """``approvals.compliance.services.AFTER_TAKE_DOWN`` hook (the blackout view)."""
    if isinstance(text, Publication):
        takedown_start(publication=text, cause=Evidence.Cause.BLACKOUT, by=by,
                       takedown=takedown)


def takedown_execute(evidence_pk: int) -> Evidence | None:
    """The job: the connector unpublishes; its answer is kept; then the page is fetched.
    A failure puts the piece on the manual checklist."""
    evidence = Evidence.objects.filter(pk=evidence_pk, mode=Evidence.Mode.CONNECTOR,
                                       status=Evidence.Status.WAITING).first()
    if evidence is None:
        return None
    outcome: dict = {}
    remote = connect.call(evidence.publication_id, "unpublish", outcome=outcome)
    with transaction.atomic():
        evidence = Evidence.objects.select_for_update().select_related(
            "publication__channel", "publication__request").get(pk=evidence_pk)
        if remote is None or "error" in outcome:
            evidence.status = Evidence.Status.FAILED
            evidence.error = (outcome.get("error") or _("The channel has no post to take "
                                                        "down."))[:300]
            evidence.save(update_fields=["status", "error"])
            record(by=None, verb="takedown_checklist", target=evidence.publication.request,
                   payload={**_payload(evidence), "error": evidence.error})
            return evidence
        evidence.status, evidence.done_at = Evidence.Status.DONE, clock.now()
        evidence.answer = outcome.get("answer", {})
        evidence.url = evidence.url or remote.url
        evidence.save(update_fields=["status", "done_at", "answer", "url"])
        record(by=None, verb="takedown_done", target=evidence.publication.request,
               payload={**_payload(evidence), "status": remote.status})
    if evidence.url:
        evidence_snapshot(evidence.pk)
    return evidence


def evidence_snapshot(evidence_pk: int) -> Snapshot | None:
    """Fetch the taken-down page; a page still served is flagged."""
    evidence = Evidence.objects.select_related("publication__channel",
                                               "publication__request").get(pk=evidence_pk)
    if not evidence.url:
        return None
    snapshot = snapshot_take(evidence.publication, purpose=Snapshot.Purpose.TAKEDOWN,
                             url=evidence.url)
    with transaction.atomic():
        Evidence.objects.filter(pk=evidence.pk).update(snapshot=snapshot)
        if snapshot.verdict != Verdict.GONE:
            record(by=None, verb="takedown_still_online", target=evidence.publication.request,
                   payload={**_payload(evidence), "status": snapshot.status_code})
    return snapshot


def checklist():
    """The pieces a person must take down by hand (no connector, or its call failed)."""
    return (Evidence.objects.filter(status__in=(Evidence.Status.WAITING,
                                                Evidence.Status.FAILED))
            .exclude(mode=Evidence.Mode.CONNECTOR, status=Evidence.Status.WAITING)
            .select_related("publication__channel", "publication__request__secretariat")
            .order_by("requested_at", "pk"))


@service
def takedown_confirm(*, evidence: Evidence, by) -> Evidence:
    """A person says the piece is off its channel; the page is fetched as evidence."""
    evidence = Evidence.objects.select_for_update().select_related(
        "publication__channel", "publication__request").get(pk=evidence.pk)
    ensure(perms.can_confirm_takedown(by, evidence))
    if evidence.status == Evidence.Status.DONE:
        raise TransitionRefused(_("This take-down was already confirmed."))
    if evidence.mode == Evidence.Mode.CONNECTOR and evidence.status == Evidence.Status.WAITING:
        raise TransitionRefused(_("The connector is still taking this piece down."))
    evidence.status, evidence.done_at, evidence.confirmed_by = (
        Evidence.Status.DONE, clock.now(), by)
    evidence.save(update_fields=["status", "done_at", "confirmed_by"])
    record(by=by, verb="takedown_confirm", target=evidence.publication.request,
           payload=_payload(evidence))
    from publishing.tasks import takedown_snapshot

    transaction.on_commit(lambda pk=evidence.pk: takedown_snapshot(pk))
    return evidence


# Scheduled expiry ---------------------------------------------------------------------------

@service
def expiry_set(*, publication: Publication, by, unpublish_at) -> Expiry | None:
    """Set, move or (``unpublish_at`` None) clear the moment a piece comes down by itself."""
    publication = Publication.objects.select_for_update().select_related("request").get(
        pk=publication.pk)
    ensure(perms.can_set_expiry(by, publication))
    current = Expiry.objects.filter(publication=publication, done_at__isnull=True).first()
    if unpublish_at is None:
        if current is not None:
            current.delete()
            record(by=by, verb="expiry_set", target=publication.request,
                   payload={"channel": publication.channel.code, "at": None})
        return None
    if timezone.is_naive(unpublish_at):
        unpublish_at = timezone.make_aware(unpublish_at)
    start = publication.published_at or publication.scheduled_at
    if unpublish_at <= clock.now():
        raise TransitionRefused(_("The take-down date must be in the future."))
    if start is not None and unpublish_at <= start:
        raise TransitionRefused(_("The take-down date must come after the publication "
                                  "date."))
    expiry, _created = Expiry.objects.update_or_create(
        publication=publication, defaults={"unpublish_at": unpublish_at, "set_by": by,
                                           "set_at": clock.now(), "done_at": None})
    record(by=by, verb="expiry_set", target=publication.request,
           payload={"channel": publication.channel.code, "at": unpublish_at})
    return expiry


def expire_due() -> int:
    """The periodic job: pieces whose expiry passed are cancelled and taken down like a
    blackout take-down (connector, or the manual checklist)."""
    count = 0
    due = Expiry.objects.filter(unpublish_at__lte=clock.now(), done_at__isnull=True)
    for pk in due.values_list("pk", flat=True):
        with transaction.atomic():
            expiry = Expiry.objects.select_for_update().filter(pk=pk,
                                                               done_at__isnull=True).first()
            if expiry is None:
                continue
            publication = Publication.objects.select_for_update().select_related(
                "channel", "request").get(pk=expiry.publication_id)
            expiry.done_at = clock.now()
            expiry.save(update_fields=["done_at"])
            if publication.cancelled_at is not None:
                continue
            publication.cancelled_at = expiry.done_at
            publication.sequence += 1
            publication.save(update_fields=["cancelled_at", "sequence", "updated_at"])
            record(by=None, verb="expiry_take_down", target=publication.request,
                   payload={"channel": publication.channel.code,
                            "at": expiry.unpublish_at})
            takedown_start(publication=publication, cause=Evidence.Cause.EXPIRY, by=None)
            count += 1
    return count
