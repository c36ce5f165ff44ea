"""The content request as a checkable object of the compliance engine.

Registered from ``WorkflowsConfig.ready``: the engine runs the rules and keeps the runs, this
module says what of a request the rules read (its texts per channel, media, dates, plan link),
who sees its findings, and how its pieces on the channels are found and taken down.
"""

from datetime import timedelta

from django.urls import reverse

from approvals.compliance.checkable import Checkable, Material, Piece

# The states in which a piece is committed to its channel (the calendar collision rule).
LIVE = ("approved", "scheduled", "published")


def material(request) -> Material:
    texts = list(request.publications.filter(cancelled_at__isnull=True)
                 .select_related("channel"))
    return Material(texts=texts, channels=list(request.channels.all()),
                    media=list(request.attachments.all()), kind=request.kind,
                    desired_date=request.desired_date, plan_action=request.plan_action,
                    secretariat=request.secretariat, is_video=request.kind == "video")


def neighbours(request, text, *, hours, priorities) -> list[tuple[int, str]]:
    """Other high-priority requests' texts on the same channel within ``hours``."""
    from workflows.models import Publication

    window = timedelta(hours=hours)
    others = (Publication.objects.filter(
        channel=text.channel, cancelled_at__isnull=True, request__state__in=LIVE,
        request__priority__in=priorities, scheduled_at__gt=text.scheduled_at - window,
        scheduled_at__lt=text.scheduled_at + window)
        .exclude(request=request).select_related("request").order_by("scheduled_at", "pk"))
    return [(other.pk, other.request.title) for other in others]


def pieces_in(start, end) -> list[Piece]:
    """Texts scheduled inside [start, end), and those published before ``end`` still live."""
    from django.db.models import Q

    from workflows.models import Publication

    scheduled = Q(published_at__isnull=True, scheduled_at__gte=start, scheduled_at__lt=end,
                  request__state__in=("approved", "scheduled"))
    live = Q(published_at__isnull=False, published_at__lt=end,
             request__state__in=("published", "archived"))
    rows = (Publication.objects.filter(cancelled_at__isnull=True).filter(scheduled | live)
            .select_related("channel", "request", "request__secretariat")
            .order_by("channel__name", "scheduled_at", "pk"))
    return [Piece(pk=p.pk, channel=p.channel, subject=p.request, title=p.request.title,
                  url=reverse("workflows:detail", args=[p.request_id]),
                  secretariat=p.request.secretariat, scheduled_at=p.scheduled_at,
                  published_at=p.published_at) for p in rows]


def take_down(pks, *, at) -> list:
    """Cancel those texts (scheduled or live) with their rows locked; bump their SEQUENCE."""
    from workflows.models import Publication

    done = []
    for publication in (Publication.objects.select_for_update().select_related("channel")
                        .filter(pk__in=pks, cancelled_at__isnull=True)):
        was_live = publication.published_at is not None
        publication.cancelled_at = at
        publication.sequence += 1
        publication.save(update_fields=["cancelled_at", "sequence", "updated_at"])
        done.append((publication, was_live))
    return done


def checkable() -> Checkable:
    from workflows import permissions as perms
    from workflows.actions import ACTIONS
    from workflows.models import ContentRequest, RequestKind

    return Checkable(model=ContentRequest, slug="requests", record_field="request",
                     material=material, can_view=perms.can_view,
                     is_open=lambda request: request.is_open,
                     url=lambda request: reverse("workflows:detail", args=[request.pk]),
                     actions=ACTIONS, kind_choices=tuple(RequestKind.choices),
                     neighbours=neighbours, pieces_in=pieces_in, take_down=take_down)
