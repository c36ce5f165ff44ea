"""Build the KPI workbook in constant memory (openpyxl write-only mode with lxml).

Every sheet is a write-only sheet: the raw sheets stream their rows from database chunks,
and the small "Resumo" sheet uses the same mode's styled cells, conditional formatting and
native charts, so one workbook never holds more than a chunk of rows in memory. Text goes
through ``pauta.xlsx`` (summary, definitions) or is written as inline strings by
``fastrows`` (raw sheets), so nobody's text ever becomes a formula.
"""

from collections.abc import Callable

from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from pauta import xlsx
from reports.indicators import REGISTRY, compute_all
from reports.presentation import unit_label
from reports.xlsx import fastrows
from reports.xlsx.sheets import DATE, DATETIME, RAW_SHEETS, requests_of
from reports.xlsx.summary import period_text, write_summary

BOLD = Font(bold=True)
FORMATS = {DATE: "dd/mm/yyyy", DATETIME: "dd/mm/yyyy hh:mm"}
PROGRESS_EVERY = 2000


def estimate_rows(slice_) -> int:
    """Rows of the largest raw sheet (requests): decides streaming vs background job."""
    return requests_of(slice_).count()


def build_workbook(slice_, out, *, targets: list | None = None,
                   progress: Callable[[int, int], None] | None = None) -> None:
    """Write the workbook of ``slice_`` to ``out`` (a path or a binary file object).

    ``targets`` are the plan's TargetRows (only for viewers who may see them);
    ``progress(done, total)`` is called every few thousand rows.
    """
    wb = Workbook(write_only=True)
    results = compute_all(slice_, links=False)  # the summary shows no page address
    write_summary(wb.create_sheet(_("Summary")), slice_, results, targets or [],
                  period_text(slice_))
    totals = [sheet.queryset(slice_).count() for sheet in RAW_SHEETS]
    total, done = sum(totals) or 1, 0
    for sheet, count in zip(RAW_SHEETS, totals, strict=True):
        done = _write_raw(wb, sheet, slice_, count, done, total, progress)
    _write_definitions(wb.create_sheet(_("Definitions")), slice_)
    wb.save(out)
    if progress:
        progress(total, total)


def _write_raw(wb, sheet, slice_, count, done, total, progress) -> int:
    ws = wb.create_sheet(str(sheet.title))
    columns = sheet.columns
    for index, column in enumerate(columns, 1):
        ws.column_dimensions[get_column_letter(index)].width = column.width
    ws.freeze_panes = "A2"
    header = []
    for column in columns:
        header.append(xlsx.cell(ws, str(column.header), font=BOLD,
                                alignment=Alignment(wrap_text=True, vertical="top")))
    ws.append(header)
    fastrows.install(ws, columns, FORMATS)
    written = 0
    append = ws.append
    for values in sheet.rows(slice_):
        append(values)
        written += 1
        if progress and written % PROGRESS_EVERY == 0:
            progress(done + written, total)
    ws.auto_filter.ref = f"A1:{get_column_letter(len(columns))}{max(written, count) + 1}"
    return done + written


def _write_definitions(ws, slice_) -> None:
    for letter, width in zip("ABCDE", (26, 34, 24, 16, 100), strict=True):
        ws.column_dimensions[letter].width = width
    ws.freeze_panes = "A2"
    ws.append([xlsx.cell(ws, text, font=BOLD) for text in (
        _("Code"), _("Indicator"), _("Section"), _("Unit"), _("Definition"))])
    wrap = Alignment(wrap_text=True, vertical="top")
    for code, indicator in REGISTRY.items():
        ws.append(xlsx.row(ws, [code, str(indicator.name), str(indicator.section),
                                unit_label(indicator.unit),
                                xlsx.cell(ws, str(indicator.definition), alignment=wrap)]))
    ws.append([])
    ws.append([_("Generated at"), timezone.localtime().replace(tzinfo=None)])
    ws.append(xlsx.row(ws, [_("Filters"), period_text(slice_)]))
    ws.auto_filter.ref = f"A1:E{len(REGISTRY) + 1}"
