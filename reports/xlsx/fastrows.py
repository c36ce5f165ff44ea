"""A faster row path for the raw sheets: plain tuples straight to the sheet's XML stream.

openpyxl's write-only ``append`` builds a Cell object per value and guesses its type; the raw
sheets know each column's type, so they write the ``<row>``/``<c>`` elements with lxml
directly into the same write-only stream (same XML as openpyxl writes: inline strings,
numbers, booleans, dates as serial numbers with a date style). Memory stays one row.
Text columns are always inline strings (``t="inlineStr"``), never ``<f>``: a title starting
with "=" stays text, as ``pauta.xlsx`` guarantees for the other sheets.
"""

from datetime import date, datetime

from lxml.etree import Element, SubElement
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.utils import get_column_letter

from reports.xlsx.sheets import BOOL, DATE, DATETIME, INT, NUM

EPOCH = datetime(1899, 12, 30)
EPOCH_DAY = EPOCH.date()
SPACE = "{http://www.w3.org/XML/1998/namespace}space"


def _text(cell, value):
    cell.set("t", "inlineStr")
    node = SubElement(SubElement(cell, "is"), "t")
    value = value if isinstance(value, str) else str(value)
    if ILLEGAL_CHARACTERS_RE.search(value):
        value = ILLEGAL_CHARACTERS_RE.sub("", value)
    if value[:1].isspace() or value[-1:].isspace():
        node.set(SPACE, "preserve")
    node.text = value


def _number(cell, value):
    cell.set("t", "n")
    SubElement(cell, "v").text = repr(value) if isinstance(value, float) else str(value)


def _boolean(cell, value):
    cell.set("t", "b")
    SubElement(cell, "v").text = "1" if value else "0"


def _serial(value) -> str:
    if isinstance(value, datetime):
        delta = value - EPOCH
        return repr(delta.days + delta.seconds / 86400 + delta.microseconds / 86400e6)
    if isinstance(value, date):
        return str((value - EPOCH_DAY).days)
    raise TypeError(f"not a date: {value!r}")


def install(ws, columns, formats: dict) -> None:
    """After the header row was appended: route the next rows through the fast writer."""
    style = {}
    for kind, number_format in formats.items():
        probe = WriteOnlyCell(ws, value=0)
        probe.number_format = number_format
        style[kind] = str(probe.style_id)  # registers the style in the workbook
    letters = [get_column_letter(i) for i in range(1, len(columns) + 1)]
    plan = []
    for letter, column in zip(letters, columns, strict=True):
        if column.type in (DATE, DATETIME):
            plan.append((letter, None, style[column.type]))
        elif column.type in (INT, NUM):
            plan.append((letter, _number, None))
        elif column.type == BOOL:
            plan.append((letter, _boolean, None))
        else:
            plan.append((letter, _text, None))

    def write_row(xf, values, row_idx):
        number = str(row_idx)
        row = Element("row", r=number)
        for (letter, write, style_id), value in zip(plan, values, strict=False):
            if value is None:
                continue
            cell = SubElement(row, "c", r=letter + number)
            if style_id is None:
                write(cell, value)
            else:
                cell.set("s", style_id)
                cell.set("t", "n")
                SubElement(cell, "v").text = _serial(value)
        xf.write(row)

    ws._values_to_row = lambda values, row_idx: values
    ws._writer.write_row = write_row
