"""The press desk: inquiries received (by secretariat, outlet type, outlet and theme), the share
answered before the deadline, the median response time and the declined share. Inquiries
of the period are those received (registered) in it; the secretariat filter and the
permission scope apply, the channel and kind filters do not."""

from django.db.models import Count, F, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from press.hours import office_hours
from press.models import Delivery, Distribution, Inquiry, InquiryState, OutletType
from reports.indicators.base import COUNT, HOURS, PERCENT, Point, Result, indicator
from reports.indicators.stats import median, rounded, share
from workflows.sla import working_hours_counter

SECTION = _("Press desk")
ANSWERED = (InquiryState.SENT, InquiryState.CLOSED)
REFUSED = (InquiryState.DECLINED, InquiryState.NO_POSITION)


def inquiries_of(slice_) -> QuerySet:
    start, end = slice_.bounds()
    qs = Inquiry.objects.filter(created_at__gte=start, created_at__lt=end)
    if slice_.scope is not None:
        qs = qs.filter(secretariat_id__in=slice_.scope)
    if slice_.secretariat_id:
        qs = qs.filter(secretariat_id=slice_.secretariat_id)
    return qs.order_by()


@indicator("press_inquiries_received", section=SECTION, unit=COUNT, chart="bar",
           additive=True, name=_("Press inquiries received"),
           definition=_("Journalists' inquiries registered by the press desk in the period, "
                        "by the secretariat concerned (every state, declined ones too)."))
def press_inquiries_received(ctx) -> Result:
    rows = (inquiries_of(ctx.slice).values_list("secretariat__acronym")
            .annotate(n=Count("pk")).order_by("-n", "secretariat__acronym"))
    series = [Point(acronym, n) for acronym, n in rows]
    return Result(sum(p.value for p in series), None, series)


@indicator("press_inquiries_by_outlet_type", section=SECTION, unit=COUNT, chart="doughnut",
           additive=True, name=_("Press inquiries by outlet type"),
           definition=_("The inquiries of the period by the type of the journalist's outlet "
                        "(newspaper, radio, TV, portal, agency); without an outlet they are "
                        "left out of the chart."))
def press_inquiries_by_outlet_type(ctx) -> Result:
    counts = dict(inquiries_of(ctx.slice).exclude(outlet=None).values_list("outlet__type")
                  .annotate(n=Count("pk")).values_list("outlet__type", "n"))
    series = [Point(str(label), counts[value]) for value, label in OutletType.choices
              if counts.get(value)]
    return Result(sum(counts.values()), None, series)


@indicator("press_inquiries_by_theme", section=SECTION, unit=COUNT, chart="bar",
           additive=True, name=_("Press inquiries by theme"),
           definition=_("The ten themes journalists asked about most in the period, as the "
                        "desk wrote them when registering the inquiries."))
def press_inquiries_by_theme(ctx) -> Result:
    rows = list(inquiries_of(ctx.slice).values_list("theme").annotate(n=Count("pk"))
                .order_by("-n", "theme"))
    return Result(sum(n for _theme, n in rows), None, [Point(t, n) for t, n in rows[:10]])


@indicator("press_inquiries_by_outlet", section=SECTION, unit=COUNT, chart="bar",
           additive=True, name=_("Press inquiries by outlet"),
           definition=_("The ten outlets whose journalists sent the most inquiries in the "
                        "period; inquiries without an outlet are left out."))
def press_inquiries_by_outlet(ctx) -> Result:
    rows = list(inquiries_of(ctx.slice).exclude(outlet=None).values_list("outlet__name")
                .annotate(n=Count("pk")).order_by("-n", "outlet__name"))
    return Result(sum(n for _name, n in rows), None, [Point(o, n) for o, n in rows[:10]])


@indicator("press_answered_on_time", section=SECTION, unit=PERCENT,
           name=_("Press inquiries answered before the deadline"),
           definition=_("Of the inquiries of the period whose answer was e-mailed to the "
                        "journalist, the share sent at or before the deadline (to the hour)."))
def press_answered_on_time(ctx) -> Result:
    answered = inquiries_of(ctx.slice).filter(state__in=ANSWERED, sent_at__isnull=False)
    total = answered.count()
    on_time = answered.filter(sent_at__lte=F("deadline")).count()
    return Result(share(on_time, total), None, extra={"on_time": on_time, "answered": total})


@indicator("press_response_hours", section=SECTION, unit=HOURS, better="lower",
           name=_("Median response time to the press"),
           definition=_("The median time, in working hours (the desk's office hours on "
                        "business days: weekends and holidays do not count), from the "
                        "registration of an inquiry of the period to the e-mail of its answer "
                        "(answered inquiries only)."))
def press_response_hours(ctx) -> Result:
    pairs = list(inquiries_of(ctx.slice).filter(state__in=ANSWERED, sent_at__isnull=False)
                 .values_list("created_at", "sent_at"))
    if not pairs:
        return Result(None, None)
    opens, closes = office_hours()
    between = working_hours_counter(
        min(timezone.localdate(c) for c, _s in pairs),
        max(timezone.localdate(s) for _c, s in pairs), opens=opens, closes=closes)
    hours = [between(created, sent) for created, sent in pairs]
    value = median(hours)
    return Result(rounded(value) if value is not None else None, None)


@indicator("press_declined_share", section=SECTION, unit=PERCENT, better="lower",
           name=_("Press inquiries declined or without a position"),
           definition=_("Of the inquiries of the period that are finished, the share declined "
                        "or closed without a position (“sem posicionamento”)."))
def press_declined_share(ctx) -> Result:
    finished = inquiries_of(ctx.slice).filter(state__in=(*ANSWERED, *REFUSED))
    total = finished.count()
    refused = finished.filter(state__in=REFUSED).count()
    return Result(share(refused, total), None, extra={"refused": refused, "finished": total})


def distributions_of(slice_) -> QuerySet:
    """Distributions started (sent to the contacts) in the period; the secretariat is the
    distributed release's."""
    start, end = slice_.bounds()
    qs = Distribution.objects.filter(started_at__gte=start, started_at__lt=end)
    if slice_.scope is not None:
        qs = qs.filter(request__secretariat_id__in=slice_.scope)
    if slice_.secretariat_id:
        qs = qs.filter(request__secretariat_id=slice_.secretariat_id)
    return qs.order_by()


@indicator("press_distributions_sent", section=SECTION, unit=COUNT, additive=True,
           name=_("Press releases distributed"),
           definition=_("Press releases sent to a list of media contacts in the period (test "
                        "sends left out), with the number of e-mails that went out."))
def press_distributions_sent(ctx) -> Result:
    distributions = distributions_of(ctx.slice)
    emails = Delivery.objects.filter(
        distribution__in=distributions,
        status__in=(Delivery.Status.SENT, Delivery.Status.BOUNCED)).count()
    return Result(distributions.count(), None, extra={"emails": emails})


@indicator("press_distribution_failures", section=SECTION, unit=PERCENT, better="lower",
           name=_("Distribution e-mails failed or bounced"),
           definition=_("Of the e-mails of the press releases distributed in the period, the "
                        "share refused when sent or bounced back later by the recipient's "
                        "mail server."))
def press_distribution_failures(ctx) -> Result:
    rows = dict(Delivery.objects.filter(distribution__in=distributions_of(ctx.slice))
                .values_list("status").annotate(n=Count("pk")).values_list("status", "n"))
    failed = rows.get(Delivery.Status.FAILED, 0) + rows.get(Delivery.Status.BOUNCED, 0)
    done = failed + rows.get(Delivery.Status.SENT, 0)
    return Result(share(failed, done), None,
                  extra={"failed": rows.get(Delivery.Status.FAILED, 0),
                         "bounced": rows.get(Delivery.Status.BOUNCED, 0), "emails": done})
