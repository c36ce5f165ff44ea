"""Reads of the survey pages: the results per question, the free-text answers (masked), and
the cross-tabulation by one question (the exports are in ``surveys.exports``)."""

from collections import Counter
from dataclasses import dataclass, field

from django.db.models import Avg, Count

from approvals.compliance.masking import mask_personal_data
from surveys.models import CHOICES, PERSONAL, SCALES, TEXTS, Answer, QuestionKind

TEXT_LIMIT = 200


@dataclass
class QuestionResult:
    question: object
    answered: int = 0
    counts: list = field(default_factory=list)  # (option, n, percent)
    average: float | None = None
    nps: int | None = None
    texts: list = field(default_factory=list)  # masked free texts, newest first


def _percent(n: int, total: int) -> int:
    return round(100 * n / total) if total else 0


def nps_of(numbers: Counter) -> int | None:
    """Net promoter score: % of 9–10 minus % of 0–6."""
    total = sum(numbers.values())
    if not total:
        return None
    promoters = sum(n for v, n in numbers.items() if v >= 9)
    detractors = sum(n for v, n in numbers.items() if v <= 6)
    return round(100 * (promoters - detractors) / total)


def public_results(survey) -> list[QuestionResult]:
    """The published results, for anyone: counts and bars, never what people wrote (the
    free texts are left out) nor the contact questions."""
    return results(survey, texts=False)


def results(survey, *, texts: bool = True) -> list[QuestionResult]:
    """One result per question, in a fixed number of queries whatever the answers."""
    questions = list(survey.questions.all())
    if not texts:
        questions = [q for q in questions if q.kind not in PERSONAL]
    answers = Answer.objects.filter(question__survey=survey)
    numbers = {}
    for qid, number, n in (answers.filter(number__isnull=False).values_list("question", "number")
                           .annotate(n=Count("pk")).order_by()):
        numbers.setdefault(qid, Counter())[number] = n
    averages = dict(answers.filter(number__isnull=False).values_list("question")
                    .annotate(a=Avg("number")).order_by())
    chosen = {}
    for qid, picked in answers.filter(question__kind__in=CHOICES).values_list("question",
                                                                               "choices"):
        chosen.setdefault(qid, Counter()).update(picked)
    written = {}
    # Contact details are not opinions: the page counts them, the exports list them.
    rows = (answers.filter(question__kind__in=TEXTS - PERSONAL).exclude(text="")
            .order_by("-response__submitted_on", "-pk").values_list("question", "text"))
    for qid, text in rows if texts else ():
        bucket = written.setdefault(qid, [])
        if len(bucket) < TEXT_LIMIT:
            bucket.append(mask_personal_data(text))
    answered = dict(answers.values_list("question").annotate(n=Count("pk")).order_by())
    out = []
    for q in questions:
        total = answered.get(q.pk, 0)
        result = QuestionResult(q, answered=total, texts=written.get(q.pk, []))
        if q.kind in SCALES:
            got = numbers.get(q.pk, Counter())
            result.counts = [(o, got[int(o)], _percent(got[int(o)], total)) for o in q.options()]
            result.average = round(averages[q.pk], 1) if q.pk in averages else None
            if q.kind == QuestionKind.NPS:
                result.nps = nps_of(got)
        elif q.kind in CHOICES:
            got = chosen.get(q.pk, Counter())
            result.counts = [(o, got[o], _percent(got[o], total)) for o in q.options()]
        out.append(result)
    return out


@dataclass
class CrossTable:
    """One question's answers split by the groups of the "by" question: ``rows`` holds
    (option, [(group, n, percent of the group's answers to this question)])."""

    question: object
    groups: list
    rows: list = field(default_factory=list)
    answered: list = field(default_factory=list)  # (group, responses that answered)
    averages: list = field(default_factory=list)  # (group, average), scales only


def crosstab_questions(survey) -> list:
    """The questions a survey's results can be split by (scales and choices)."""
    return [q for q in survey.questions.all() if q.kind in SCALES or q.kind in CHOICES]


def _labels(number, picked) -> list[str]:
    return [str(number)] if number is not None else [str(p) for p in picked]


def crosstab(survey, by) -> list[CrossTable]:
    """Every other scale or choice question of ``survey`` split by the answer given to
    ``by`` in the same response (a response in two groups of a multiple choice counts in
    both); two queries whatever the answers."""
    groups = by.options()
    group_of = {rid: set(_labels(number, picked)) for rid, number, picked in
                Answer.objects.filter(question=by).values_list("response_id", "number",
                                                               "choices")}
    counts, answered, sums = {}, {}, {}
    for qid, rid, number, picked in (Answer.objects.filter(question__survey=survey)
                                     .exclude(question=by).exclude(question__kind__in=TEXTS)
                                     .values_list("question", "response_id", "number",
                                                  "choices")):
        for group in group_of.get(rid, ()):
            answered[(qid, group)] = answered.get((qid, group), 0) + 1
            if number is not None:
                sums[(qid, group)] = sums.get((qid, group), 0) + number
            for option in _labels(number, picked):
                counts[(qid, option, group)] = counts.get((qid, option, group), 0) + 1
    tables = []
    for q in crosstab_questions(survey):
        if q.pk == by.pk:
            continue
        seen = [answered.get((q.pk, g), 0) for g in groups]
        table = CrossTable(q, groups, answered=list(zip(groups, seen, strict=True)))
        for option in q.options():
            table.rows.append((option, [
                (g, counts.get((q.pk, option, g), 0),
                 _percent(counts.get((q.pk, option, g), 0), total))
                for g, total in table.answered]))
        if q.kind in SCALES:
            table.averages = [(g, round(sums.get((q.pk, g), 0) / n, 1) if n else None)
                              for g, n in table.answered]
        tables.append(table)
    return tables
