"""Reads of publishing: what is published, publicly, with its evidence."""

from django.db.models import Exists, OuterRef, Subquery

from workflows.models import Publication, RequestKind, RequestState

PUBLIC_STATES = (RequestState.PUBLISHED,)


def published_publications():
    """Live publications of published requests: public by definition."""
    return (Publication.objects.filter(
        request__state__in=PUBLIC_STATES, published_at__isnull=False,
        cancelled_at__isnull=True)
        .select_related("request__secretariat", "channel").order_by("-published_at", "-pk"))


def published_news():
    """Published news at an address (a printed or broadcast piece has nothing to link to)."""
    return published_publications().filter(request__kind=RequestKind.NEWS).exclude(url="")


def published_press_releases():
    """Published press releases at an address, one entry per release (the public press room,
    ``press.room``, and its feed): a release that went out on the portal and to the press
    list is one release, shown at the first address it was published at."""
    releases = (published_publications().filter(request__kind=RequestKind.PRESS_RELEASE)
                .exclude(url=""))
    first = (releases.filter(request=OuterRef("request")).order_by("published_at", "pk")
             .values("pk")[:1])
    return releases.filter(pk=Subquery(first))


def without_evidence(requests):
    """``requests`` minus those with a live channel published with neither an address nor a
    reason (the timer-only publications of the past): KPIs count published with evidence."""
    bare = Publication.objects.filter(request=OuterRef("pk"), cancelled_at__isnull=True,
                                      url="", offline_reason="")
    return requests.filter(~Exists(bare))
