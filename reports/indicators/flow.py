"""How requests flow: lead time, time in each state, SLA, rework, rejections.

Lead times are business days (weekends and ``workflows.Holiday`` rows skipped, the same
calendar as the SLA clock, as a table: ``reports.facts.calendar``); time in state comes from
the audit trail's state changes folded into ``reports.facts.StateStay``.
"""

from collections import Counter

from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from approvals.models import RejectionReason
from pauta.states import DONE, STOPPED
from reports.facts.models import StateStay
from reports.facts.read import middle_stays
from reports.indicators.base import BUSINESS_DAYS, COUNT, DAYS, PERCENT, Point, Result, indicator
from reports.indicators.stats import histogram_median, histogram_percentile, median, rounded, share
from workflows.models import RequestState

SECTION = _("Lead time and quality")
TERMINAL = {RequestState.PUBLISHED, RequestState.ARCHIVED, RequestState.REJECTED,
            RequestState.WITHDRAWN}


@indicator("lead_time_median", section=SECTION, unit=BUSINESS_DAYS, better="lower",
           name=_("Lead time (median)"),
           definition=_("Median of the business days from the day a request was submitted to "
                        "the day it was published, over the requests published in the period. "
                        "Weekends and registered holidays are not counted; a request published "
                        "the day it was submitted counts 0."))
def lead_time_median(ctx) -> Result:
    return Result(rounded(histogram_median(ctx.lead_times)),
                  ctx.slice.period_params("published"), extra={"n": sum(ctx.lead_times.values())})


@indicator("lead_time_p90", section=SECTION, unit=BUSINESS_DAYS, better="lower",
           name=_("Lead time (90th percentile)"),
           definition=_("90th percentile of the same business-day lead times (linear "
                        "interpolation between ranks, as Excel's PERCENTILE.INC): nine in ten "
                        "requests were published within this time."))
def lead_time_p90(ctx) -> Result:
    return Result(rounded(histogram_percentile(ctx.lead_times, 0.9)),
                  ctx.slice.period_params("published"), extra={"n": sum(ctx.lead_times.values())})


@indicator("time_in_state", section=SECTION, unit=DAYS, better="lower", chart="bar",
           name=_("Time in each state (median)"),
           definition=_("For the requests published in the period: the median number of "
                        "calendar days each stay in a state lasted, from the audit trail "
                        "(entering the state to leaving it). A request returned twice to "
                        "production counts two stays."))
def time_in_state(ctx) -> Result:
    middle = middle_stays(ctx.published(), TERMINAL)  # the facts folded up to the newest event
    drill = ctx.slice.period_params("published")
    labels = dict(RequestState.choices)
    series = [Point(str(labels[state]), rounded(median(middle[state])), drill)
              for state in RequestState.values if middle.get(state)]
    return Result(None, drill, series)


@indicator("sla_compliance", section=SECTION, unit=PERCENT, chart="doughnut",
           name=_("SLA compliance"),
           definition=_("Share of the requests published in the period (and having a due date) "
                        "that were published on or before their due date. The due date is the "
                        "submission day plus the kind's lead time in business days."))
def sla_compliance(ctx) -> Result:
    met, missed = ctx.sla_counts
    period = ctx.slice.period_params("published")
    return Result(share(met, met + missed), period, [
        Point(str(_("On time")), met, {**period, "sla": "met"}, tone=DONE),
        Point(str(_("Late")), missed, {**period, "sla": "missed"}, tone=STOPPED)],
        extra={"met": met, "missed": missed})


@indicator("rework_share", section=SECTION, unit=PERCENT, better="lower", chart="bar",
           name=_("Rework"),
           definition=_("Of the requests submitted in the period and sent for review at least "
                        "once, the share sent for review more than once (changes requested). "
                        "Rounds are counted from the audit trail's 'send to review' events; "
                        "the mean number of extra rounds is given too."))
def rework_share(ctx) -> Result:
    ctx.facts  # noqa: B018  (stays folded up to the newest audit event)
    # Rounds per request, counted by the database from the stays that a "send to review"
    # opened (the facts: the audit trail's events with their state change).
    rounds = list(StateStay.objects.filter(
        verb="send_to_review", request_id__in=ctx.slice.submitted().values("pk"))
        .order_by().values("request_id").annotate(n=Count("event_id"))
        .values_list("n", flat=True))
    period = ctx.slice.period_params("submitted")
    buckets = Counter(min(n, 3) for n in rounds)
    series = [Point(str(_("1 round")), buckets[1], {**period, "rounds": "1"}),
              Point(str(_("2 rounds")), buckets[2], {**period, "rounds": "2"}),
              Point(str(_("3 or more rounds")), buckets[3], {**period, "rounds": "3+"})]
    extra_rounds = sum(n - 1 for n in rounds)
    return Result(share(sum(1 for n in rounds if n > 1), len(rounds)),
                  {**period, "rounds": "1+"}, series,
                  extra={"reviewed": len(rounds),
                         "mean_extra_rounds": rounded(extra_rounds / len(rounds), 2)
                         if rounds else None})


@indicator("rejection_reasons", section=SECTION, unit=COUNT, chart="bar", additive=True,
           better="lower", name=_("Rejections by reason"),
           definition=_("Requests submitted in the period that ended rejected (at triage or "
                        "by an approver), by the reason recorded."))
def rejection_reasons(ctx) -> Result:
    rows = (ctx.slice.submitted().filter(state=RequestState.REJECTED)
            .values_list("rejection_reason").annotate(n=Count("pk")).order_by("-n"))
    labels = dict(RejectionReason.objects.values_list("code", "label"))
    period = {**ctx.slice.period_params("submitted"), "state": RequestState.REJECTED}
    series = [Point(labels.get(code) or code or str(_("No reason")), n,
                    {**period, "reason": code}) for code, n in rows]
    return Result(sum(p.value for p in series), period, series)
