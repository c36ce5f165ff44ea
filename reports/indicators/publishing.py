"""Proof of publication: pieces whose published page differed from the approved text."""

from django.db.models import Count, Exists, OuterRef
from django.utils.translation import gettext_lazy as _

from publishing.models import Snapshot, Verdict
from reports.indicators.base import COUNT, Point, Result, indicator
from workflows.models import Publication

SECTION = _("Output and satisfaction")


@indicator("publication_divergent", section=SECTION, unit=COUNT, chart="bar", additive=True,
           better="lower", name=_("Published differently from the approved"),
           definition=_("Publications (one per request and channel) published in the period "
                        "whose page Pauta found, at least once, different from the sealed "
                        "approved text (proof of publication: less than the configured share "
                        "of the approved words on the page, in order), by channel."))
def publication_divergent(ctx) -> Result:
    low, high = ctx.slice.bounds()
    divergent = Snapshot.objects.filter(publication=OuterRef("pk"),
                                        purpose=Snapshot.Purpose.PROOF,
                                        verdict=Verdict.DIVERGENT)
    rows = Publication.objects.filter(Exists(divergent), published_at__gte=low,
                                      published_at__lt=high)
    if ctx.slice.filters_requests:
        # Only then: ``request_id IN (every request)`` led the database through every
        # publication of the history by request (36 ms at 50,000), not the period's by date.
        rows = rows.filter(request__in=ctx.slice.requests())
    if ctx.slice.channel_id:
        rows = rows.filter(channel_id=ctx.slice.channel_id)
    rows = (rows.values_list("channel__name").annotate(n=Count("pk"))
            .order_by("-n", "channel__name"))
    series = [Point(name, n, tone="stopped") for name, n in rows]
    return Result(sum(p.value for p in series), None, series)
