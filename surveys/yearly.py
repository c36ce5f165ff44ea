"""The yearly service-satisfaction report (Lei 13.460/2017, art. 23): a workbook whose first
sheet follows the law's headings — the user's satisfaction with the service, the quality of
the service, the number of answers, and the measures taken, left for the team to write — then
the survey's summary with its charts and the answers (``surveys.exports``)."""

from django.db.models import Max, Min
from django.utils import formats
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment

from pauta import xlsx
from surveys import exports
from surveys.models import SCALES, Answer, QuestionKind, Response
from surveys.selectors import results

WRAP = Alignment(wrap_text=True, vertical="top")
SATISFIED = {QuestionKind.SCALE5: 4, QuestionKind.SCALE10: 7}  # from this grade up


def satisfied_share(survey) -> dict:
    """{question id: % of its answers at or above the "satisfied" grade} (scales)."""
    out = {}
    for q in survey.questions.filter(kind__in=SATISFIED):
        answers = Answer.objects.filter(question=q, number__isnull=False)
        total = answers.count()
        if total:
            out[q.pk] = round(100 * answers.filter(number__gte=SATISFIED[q.kind]).count()
                              / total, 1)
    return out


def _cover(book, survey) -> None:
    ws = book.create_sheet(_("Yearly report"))
    ws.column_dimensions["A"].width, ws.column_dimensions["B"].width = 60, 18
    out = exports._Rows(ws)
    days = Response.objects.filter(survey=survey).aggregate(first=Min("submitted_on"),
                                                            last=Max("submitted_on"))
    out.append([xlsx.cell(ws, _("Yearly service-satisfaction report"), font=exports.TITLE)])
    out.append([xlsx.cell(ws, _("Lei 13.460/2017, art. 23: evaluation of the public services "
                                "by a satisfaction survey, at least once a year, published "
                                "in full on the body's site."), alignment=WRAP)])
    out.append([survey.title])
    if days["first"]:
        out.append([_("Answers received from %(first)s to %(last)s") % {
            "first": formats.date_format(days["first"], "SHORT_DATE_FORMAT"),
            "last": formats.date_format(days["last"], "SHORT_DATE_FORMAT")}])
    out.append()
    out.append([xlsx.cell(ws, _("Number of answers"), font=exports.BOLD),
                Response.objects.filter(survey=survey).count()])
    out.append()
    out.append([xlsx.cell(ws, _("Satisfaction with the service and quality of the service"),
                          font=exports.BOLD), xlsx.cell(ws, _("Average"), font=exports.BOLD),
                xlsx.cell(ws, _("Satisfied (%)"), font=exports.BOLD)])
    shares = satisfied_share(survey)
    for result in results(survey):
        if result.question.kind in SCALES and result.average is not None:
            share = shares.get(result.question.pk)
            out.append([result.question.text, result.average if result.nps is None
                        else result.nps, share if share is not None else "—"])
    out.append()
    out.append([xlsx.cell(ws, _("Measures taken to improve the services"), font=exports.BOLD)])
    out.append([xlsx.cell(ws, _("(To be written by the team before publication.)"),
                          font=exports.Font(italic=True))])


def yearly_workbook(survey) -> bytes:
    book = Workbook(write_only=True)
    _cover(book, survey)
    return exports.workbook(survey, book=book)
