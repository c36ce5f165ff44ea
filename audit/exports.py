"""The filtered audit trail as CSV (streamed, any size) and XLSX (write-only, bounded).

Both read the trail in chunks by primary key (newest first), give each chunk its objects'
titles in one query per kind, and write whole sentences and labels, never codes. People's
text can never become a formula: CSV cells that a spreadsheet would read as one are
prefixed with an apostrophe (OWASP's advice on CSV injection); XLSX cells go through
``pauta.xlsx``.
"""

import csv
from collections.abc import Iterator

from django.utils import timezone, translation
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from audit import registry, trail
from pauta import xlsx

CHUNK = 2000
XLSX_MAX_ROWS = 100_000  # past this, the XLSX is refused and the CSV offered
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n")
WIDTHS = (18, 26, 26, 70, 20, 10, 40, 10, 66)


def headers() -> list[str]:
    return [_("When"), _("Person"), _("Action"), _("What happened"), _("Kind of object"),
            _("Object number"), _("Object"), _("Event number"), _("Hash")]


def chunks(events) -> Iterator[list]:
    """The events of a filtered queryset (ordered by ``-pk``), a chunk at a time, with their
    objects (``trail.with_objects``); constant memory whatever the trail's length."""
    last = None
    while True:
        page = events if last is None else events.filter(pk__lt=last)
        batch = list(page[:CHUNK])
        if not batch:
            return
        yield trail.with_objects(batch)
        last = batch[-1].pk


def values(event) -> list:
    """One event as the exports write it (the moment in the installation's time zone)."""
    verb = registry.get(event.verb)
    return [timezone.localtime(event.created_at).replace(tzinfo=None, microsecond=0),
            registry.actor_name(event), str(verb.label if verb else registry.UNKNOWN_VERB),
            registry.describe(event), event.object_kind, event.subject_id,
            event.object_title, event.pk, event.hash]


def safe_csv(value) -> str:
    """A cell a spreadsheet shows as text: formula-looking text gets a leading apostrophe."""
    text = value.isoformat(sep=" ") if hasattr(value, "isoformat") else str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


class _Echo:
    def write(self, value):
        return value


def csv_lines(events, language: str) -> Iterator[str]:
    """The CSV, line by line (UTF-8 with a BOM, so spreadsheets read the accents)."""
    writer = csv.writer(_Echo())
    with translation.override(language):
        yield "\ufeff" + writer.writerow(headers())
        for batch in chunks(events):
            for event in batch:
                yield writer.writerow([safe_csv(item) for item in values(event)])


def write_xlsx(events, out) -> int:
    """Write the XLSX of ``events`` to ``out`` (a binary file); returns the rows written."""
    wb = Workbook(write_only=True)
    ws = wb.create_sheet(_("Audit trail"))
    for index, width in enumerate(WIDTHS, 1):
        ws.column_dimensions[get_column_letter(index)].width = width
    ws.freeze_panes = "A2"
    bold = Font(bold=True)
    ws.append([xlsx.cell(ws, header, font=bold) for header in headers()])
    written = 0
    for batch in chunks(events):
        for event in batch:
            row = xlsx.row(ws, values(event))
            row[0] = xlsx.cell(ws, row[0], number_format="dd/mm/yyyy hh:mm:ss")
            ws.append(row)
            written += 1
    ws.auto_filter.ref = f"A1:{get_column_letter(len(WIDTHS))}{written + 1}"
    wb.save(out)
    return written
