"""Reads of the survey pages: the results per question, the free-text answers (masked), the
workbook of answers."""

from collections import Counter
from dataclasses import dataclass, field
from io import BytesIO

from django.db.models import Avg, Count

from approvals.compliance.masking import mask_personal_data
from surveys.models import CHOICES, SCALES, TEXTS, Answer, QuestionKind, Response

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


def results(survey) -> list[QuestionResult]:
    """One result per question, in a fixed number of queries whatever the answers."""
    questions = list(survey.questions.all())
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
    texts = {}
    for qid, text in (answers.filter(question__kind__in=TEXTS).exclude(text="")
                      .order_by("-response__submitted_on", "-pk").values_list("question", "text")):
        bucket = texts.setdefault(qid, [])
        if len(bucket) < TEXT_LIMIT:
            bucket.append(mask_personal_data(text))
    answered = dict(answers.values_list("question").annotate(n=Count("pk")).order_by())
    out = []
    for q in questions:
        total = answered.get(q.pk, 0)
        result = QuestionResult(q, answered=total, texts=texts.get(q.pk, []))
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


def workbook(survey) -> bytes:
    """The answers (one row per response, one column per question, texts masked) and a
    summary sheet, written in openpyxl's write-only mode."""
    from django.utils.translation import gettext as _
    from openpyxl import Workbook

    from pauta.xlsx import row

    questions = list(survey.questions.all())
    book = Workbook(write_only=True)
    summary = book.create_sheet(_("Summary"))
    summary.append(row(summary, [survey.title]))
    summary.append(row(summary, [_("Answers"), survey.response_count]))
    for result in results(survey):
        summary.append([])
        summary.append(row(summary, [result.question.text, _("Answered"), result.answered]))
        if result.average is not None:
            summary.append(row(summary, ["", _("Average"), result.average]))
        if result.nps is not None:
            summary.append(row(summary, ["", "NPS", result.nps]))
        for option, n, percent in result.counts:
            summary.append(row(summary, ["", option, n, percent / 100]))
    sheet = book.create_sheet(_("Answers"))
    sheet.append(row(sheet, [_("Answer"), _("Day"), *[q.text for q in questions]]))
    by_response = {}
    for answer in Answer.objects.filter(question__survey=survey).only(
            "response_id", "question_id", "number", "choices", "text").iterator(chunk_size=2000):
        if answer.number is not None:
            shown = answer.number
        elif answer.choices:
            shown = "; ".join(answer.choices)
        else:
            shown = mask_personal_data(answer.text)
        by_response.setdefault(answer.response_id, {})[answer.question_id] = shown
    for response in Response.objects.filter(survey=survey).order_by("pk").iterator():
        got = by_response.get(response.pk, {})
        sheet.append(row(sheet, [response.pk, response.submitted_on,
                                 *[got.get(q.pk, "") for q in questions]]))
    out = BytesIO()
    book.save(out)
    return out.getvalue()
