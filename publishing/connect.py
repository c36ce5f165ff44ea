"""Publishing through connectors: schedule when the request is scheduled, move the post when
a channel is rescheduled, unpublish when the request is withdrawn (a cancelled campaign
withdraws its pieces) or sent back to review, and publish (with the address the channel
answered) when the channel says so.

Network calls run after commit (a huey task), never inside a request's transaction; each
answer is kept (``RemotePost``) and written to the audit trail.
"""

from django.db import transaction

from audit.services import record
from pauta import clock
from publishing.connectors import webhook, wordpress  # noqa: F401  (register the connectors)
from publishing.connectors.base import ConnectorError, connector_for
from publishing.models import ChannelConnector, RemotePost
from workflows.models import ContentRequest, Publication


def config_of(publication) -> ChannelConnector | None:
    return ChannelConnector.objects.filter(channel_id=publication.channel_id,
                                           active=True).first()


# Transitions a connector acts on. ``reopen_review``: a scheduled piece whose content no
# longer matches its seal must not go out at its time.
ACTIONS = {"schedule": "schedule", "withdraw": "unpublish", "reopen_review": "unpublish"}


def on_transition(*, request, verb: str, by, event, context) -> None:
    """``AFTER_TRANSITION`` hook: a connector acts on schedule, withdraw and the move back to
    review, after commit."""
    if verb not in ACTIONS:
        return
    action = ACTIONS[verb]
    from publishing.tasks import connector_call

    for pk in request.publications.filter(channel__connector__active=True).values_list(
            "pk", flat=True):
        transaction.on_commit(lambda pk=pk: connector_call(pk, action))


def on_reschedule(*, publication, by, previous) -> None:
    """``AFTER_RESCHEDULE`` hook: a scheduled request's channel got a new date; its post (if
    the connector made one) moves after commit. Before the request is scheduled there is no
    post yet: the ``schedule`` transition creates it with the date then set."""
    live = RemotePost.objects.filter(
        publication=publication, publication__request__state="scheduled",
        connector__active=True).exclude(remote_id="").exclude(status__in=("unpublished", "missing"))
    if live.exists():
        from publishing.tasks import connector_call

        transaction.on_commit(lambda pk=publication.pk: connector_call(pk, "update"))


def call(publication_pk: int, action: str, outcome: dict | None = None) -> RemotePost | None:
    """Run one connector action for one publication and keep what the channel answered
    (``outcome``, when given, receives the ``answer`` or the ``error``)."""
    publication = Publication.objects.select_related("channel", "request").get(
        pk=publication_pk)
    config = config_of(publication)
    connector = connector_for(config)
    if connector is None:
        return None
    remote = RemotePost.objects.filter(publication=publication).first()
    try:
        if action in ("schedule", "update"):
            # A post taken down (trashed) or gone is not brought back: a new one is created.
            result = (connector.update(publication, remote) if remote and remote.remote_id
                      and remote.status not in ("unpublished", "missing")
                      else connector.schedule(publication))
        elif action == "unpublish":
            if remote is None:
                return None
            result = connector.unpublish(publication, remote)
        else:
            if remote is None:
                return None
            result = connector.fetch_status(publication, remote)
    except ConnectorError as error:
        if outcome is not None:
            outcome["error"] = str(error)
        with transaction.atomic():
            record(by=None, verb="connector_failed", target=publication.request,
                   payload={"channel": publication.channel.code, "action": action,
                            "error": str(error)})
        return remote
    if outcome is not None:
        outcome["answer"] = result.answer
    with transaction.atomic():
        remote, _created = RemotePost.objects.update_or_create(
            publication=publication, defaults={
                "connector": config, "remote_id": result.remote_id or getattr(
                    remote, "remote_id", ""), "url": result.url or getattr(remote, "url", ""),
                "status": result.status, "answer": result.answer, "updated_at": clock.now()})
        if action != "status":
            record(by=None, verb="connector_call", target=publication.request,
                   payload={"channel": publication.channel.code, "action": action,
                            "status": result.status, "url": remote.url})
    return remote


def follow() -> int:
    """Ask the connectors of scheduled requests whether their posts went out; a request
    whose every channel is published somewhere is recorded published with those addresses."""
    from workflows.errors import TransitionRefused
    from workflows.services import request_publish

    count = 0
    scheduled = ContentRequest.objects.filter(
        state="scheduled", publications__remote__isnull=False).distinct()
    for request in scheduled:
        urls = {}
        for publication in request.publications.filter(cancelled_at__isnull=True):
            if publication.scheduled_at and publication.scheduled_at <= clock.now():
                remote = call(publication.pk, "status")
                if remote is not None and remote.status == "published" and remote.url:
                    urls[publication.pk] = remote.url
        live = request.publications.filter(cancelled_at__isnull=True).count()
        if urls and len(urls) == live:
            try:
                request_publish(request=request, by=None, urls=urls, system=True)
            except TransitionRefused:
                continue  # the seal sent it back to review, or it moved meanwhile
            count += 1
    return count
