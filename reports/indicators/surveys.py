"""Satisfaction surveys (``surveys`` app): the average satisfaction per campaign evaluated and
the net promoter score of the answers received in the period.

A survey belongs to a secretariat through what it evaluates (the secretariat or service named
on it, its campaign or its publication): the permission scope and the secretariat filter keep
those surveys. Channel and
kind do not apply. On the plan's KPI targets, a target that surveys name as theirs (the
survey's purpose "KPI target") counts only those surveys' answers (``per_target``).
"""

from collections import Counter

from django.db.models import Avg, Count, Q
from django.utils.translation import gettext_lazy as _

from reports.indicators.base import SCORE, Point, Result, indicator
from reports.indicators.stats import rounded
from surveys.models import Answer, QuestionKind, Survey
from surveys.selectors import nps_of

SECTION = _("Surveys")


def surveys_of(slice_):
    qs = Survey.objects.all()
    for ids in (slice_.scope, [slice_.secretariat_id] if slice_.secretariat_id else None):
        if ids is not None:
            qs = qs.filter(Q(secretariat_id__in=ids) | Q(campaign__secretariat_id__in=ids)
                           | Q(publication__secretariat_id__in=ids))
    if slice_.target_id and qs.filter(kpi_target_id=slice_.target_id).exists():
        qs = qs.filter(kpi_target_id=slice_.target_id)
    return qs


def answers_of(slice_, kind: str):
    """Answers of ``kind`` questions given in the period to the slice's surveys."""
    return Answer.objects.filter(
        question__kind=kind, number__isnull=False,
        response__submitted_on__gte=slice_.start, response__submitted_on__lte=slice_.end,
        question__survey__in=surveys_of(slice_))


@indicator("survey_satisfaction", section=SECTION, unit=SCORE, chart="bar", per_target=True,
           name=_("Average satisfaction per campaign"),
           definition=_("Mean of the answers (1 to 5) to the scale questions of the surveys "
                        "that evaluate a campaign, answered in the period; one bar per "
                        "campaign. The secretariat filter keeps its campaigns."))
def survey_satisfaction(ctx) -> Result:
    answers = answers_of(ctx.slice, QuestionKind.SCALE5).filter(
        question__survey__campaign__isnull=False)
    per_campaign = (answers.order_by().values_list("question__survey__campaign",
                                                   "question__survey__campaign__title")
                    .annotate(mean=Avg("number"), n=Count("pk"))
                    .order_by("question__survey__campaign__title"))
    series, total, weight = [], 0.0, 0
    for _pk, title, mean, n in per_campaign:
        series.append(Point(title, rounded(mean, 2)))
        total, weight = total + mean * n, weight + n
    return Result(rounded(total / weight, 2) if weight else None, None, series,
                  extra={"answers": weight})


@indicator("survey_nps", section=SECTION, unit=SCORE, per_target=True,
           name=_("Net promoter score (NPS)"),
           definition=_("Of the answers (0 to 10) to the NPS questions of the surveys, given "
                        "in the period: the share of 9 and 10 minus the share of 0 to 6, from "
                        "−100 to 100. The secretariat filter keeps the surveys of its "
                        "campaigns and publications."))
def survey_nps(ctx) -> Result:
    counts = Counter(dict(answers_of(ctx.slice, QuestionKind.NPS).order_by()
                          .values_list("number").annotate(n=Count("pk"))))
    score = nps_of(counts)
    return Result(score, None, extra={"answers": sum(counts.values())})
