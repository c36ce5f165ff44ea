"""Cells for XLSX sheets that keep people's text as text, never as a formula.

openpyxl stores any ``str`` that starts with "=" as a formula, so a plan titled
``=HYPERLINK("http://x","y")`` would become a live link in an exported workbook (the
spreadsheet flavour of CSV injection). Every sheet writer passes the values it writes
through :func:`row` (or builds styled cells with :func:`cell`): a string is then written as
an inline string (``data_type == "s"``) whatever its first character. Works in openpyxl's
write-only mode (``WriteOnlyCell``) and in normal mode alike. Values that are not strings
(numbers, dates, booleans, ``None``, cells already built) pass through unchanged, so the
common case costs one ``isinstance`` check and no extra object.
"""

from collections.abc import Iterable

from openpyxl.cell import WriteOnlyCell

TEXT = "s"


def _as_text(cell) -> None:
    if isinstance(cell.value, str):
        cell.data_type = TEXT


def cell(ws, value, *, font=None, number_format=None, alignment=None):
    """A write-only cell of ``ws`` holding ``value``, a string always stored as text."""
    built = WriteOnlyCell(ws, value=value)
    _as_text(built)
    if font is not None:
        built.font = font
    if number_format is not None:
        built.number_format = number_format
    if alignment is not None:
        built.alignment = alignment
    return built


def value(ws, item):
    """``item`` ready for ``ws.append``: a text cell if openpyxl would read it as a formula."""
    if isinstance(item, str) and item.startswith("="):
        return cell(ws, item)
    return item


def row(ws, values: Iterable) -> list:
    """The values of one row ready for ``ws.append`` (see :func:`value`)."""
    return [value(ws, item) for item in values]
