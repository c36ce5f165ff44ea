"""The exports of a survey's answers: the XLSX workbook (a summary sheet with a native bar
chart per question, as the KPI workbook draws them, and the answers sheet) and the CSV (one
line per response). Free text is masked by the compliance engine's detectors in both, and
people's text is never written as a formula (``pauta.xlsx``, ``audit.exports.safe_csv``)."""

import csv
from datetime import date
from io import BytesIO, StringIO

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.chart import BarChart, Reference
from openpyxl.chart.data_source import AxDataSource, StrRef
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from approvals.compliance.masking import mask_personal_data
from audit.exports import safe_csv
from pauta import xlsx
from surveys.models import PERSONAL, Answer, Response
from surveys.selectors import results

BOLD = Font(bold=True)
TITLE = Font(bold=True, size=14)
CHART_ROWS = 16  # rows a chart covers (7 cm): a question's block is at least this tall
CHART_WIDTH, CHART_HEIGHT = 14.0, 7.0


class _Rows:
    """Appends rows to a write-only sheet and remembers the number of the last one."""

    def __init__(self, ws):
        self.ws, self.row = ws, 0

    def append(self, values=()) -> int:
        self.ws.append(xlsx.row(self.ws, values))
        self.row += 1
        return self.row


def header(question) -> str:
    """A question as a column or block heading, with the words of its scale's ends."""
    caption = question.scale_caption()
    return f"{question.text} ({caption})" if caption else question.text


def _chart(ws, title: str, top: int, bottom: int) -> BarChart:
    chart = BarChart()
    chart.type = "bar"  # horizontal: long option labels stay readable
    chart.title = title[:120]
    chart.width, chart.height = CHART_WIDTH, CHART_HEIGHT
    chart.add_data(Reference(ws, min_col=2, min_row=top, max_row=bottom), titles_from_data=True)
    labels = Reference(ws, min_col=1, min_row=top + 1, max_row=bottom)
    for series in chart.series:  # option labels are text: strRef, not numRef
        series.cat = AxDataSource(strRef=StrRef(f=str(labels)))
    chart.legend = None
    chart.x_axis.delete = chart.y_axis.delete = False
    return chart


def _question_block(ws, out: _Rows, n: int, result) -> None:
    start = out.append([xlsx.cell(ws, f"{n}. {header(result.question)}", font=BOLD)])
    facts = [_("Answered"), result.answered]
    if result.average is not None:
        facts += [_("Average"), result.average]
    if result.nps is not None:
        facts += ["NPS", result.nps]
    out.append(facts)
    if not result.counts:
        out.append()
        return
    top = out.append([xlsx.cell(ws, text, font=BOLD) for text in
                      (_("Answer"), _("People"), _("Share"))])
    for option, count, percent in result.counts:
        out.append([option, count, xlsx.cell(ws, percent / 100, number_format="0%")])
    ws.add_chart(_chart(ws, result.question.text, top, out.row), f"E{start}")
    while out.row < start + CHART_ROWS:
        out.append()
    out.append()


def _summary(book, survey, question_results) -> None:
    ws = book.create_sheet(_("Summary"))
    for letter, width in zip("ABCD", (48, 12, 10, 4), strict=True):
        ws.column_dimensions[letter].width = width
    out = _Rows(ws)
    out.append([xlsx.cell(ws, survey.title, font=TITLE)])
    out.append([_("Answers"), Response.objects.filter(survey=survey).count()])
    out.append()
    for n, result in enumerate(question_results, start=1):
        _question_block(ws, out, n, result)


def _cells(survey, questions) -> dict:
    """{response id: {question id: value shown}} (choices joined, texts masked; contact
    details, given with consent and kept until their retention ends, as given)."""
    personal = {q.pk for q in questions if q.kind in PERSONAL}
    by_response = {}
    for answer in Answer.objects.filter(question__survey=survey).only(
            "response_id", "question_id", "number", "choices", "text").iterator(chunk_size=2000):
        if answer.number is not None:
            shown = answer.number
        elif answer.choices:
            shown = "; ".join(answer.choices)
        elif answer.question_id in personal:
            shown = answer.text
        else:
            shown = mask_personal_data(answer.text)
        by_response.setdefault(answer.response_id, {})[answer.question_id] = shown
    return by_response


def answer_rows(survey):
    """The header and one row per response: number, day, one value per question."""
    questions = list(survey.questions.all())
    yield [_("Answer"), _("Day"), *[header(q) for q in questions]]
    by_response = _cells(survey, questions)
    for response in Response.objects.filter(survey=survey).order_by("pk").iterator():
        got = by_response.get(response.pk, {})
        yield [response.pk, response.submitted_on, *[got.get(q.pk, "") for q in questions]]


def workbook(survey, book=None) -> bytes:
    """The summary (figures and a native chart per question) and the answers sheet, written
    in openpyxl's write-only mode (after the sheets already in ``book``, if given)."""
    book = book or Workbook(write_only=True)
    _summary(book, survey, results(survey))
    sheet = book.create_sheet(_("Answers"))
    sheet.freeze_panes = "A2"
    written = 0
    for values in answer_rows(survey):
        if written == 0:
            sheet.append([xlsx.cell(sheet, v, font=BOLD) for v in values])
            width = len(values)
        else:
            sheet.append(xlsx.row(sheet, values))
        written += 1
    sheet.auto_filter.ref = f"A1:{get_column_letter(width)}{written}"
    out = BytesIO()
    book.save(out)
    return out.getvalue()


def _csv_cell(value):
    if value in ("", None) or isinstance(value, int):
        return value
    if isinstance(value, date):
        return value.isoformat()
    return safe_csv(value)


def csv_text(survey) -> str:
    """The answers as CSV (UTF-8 with a BOM so spreadsheets read the accents)."""
    out = StringIO()
    writer = csv.writer(out)
    for values in answer_rows(survey):
        writer.writerow([_csv_cell(v) for v in values])
    return "\ufeff" + out.getvalue()
