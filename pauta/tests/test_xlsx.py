"""pauta.xlsx: strings are written as text in write-only and normal sheets alike."""

import io
from datetime import date

from openpyxl import Workbook, load_workbook
from openpyxl.styles import Font

from pauta import xlsx

FORMULA = '=HYPERLINK("http://x","y")'


def _read_back(write_only: bool):
    book = Workbook(write_only=write_only)
    ws = book.create_sheet("s") if write_only else book.active
    ws.append(xlsx.row(ws, [FORMULA, "+1", "-2", "@x", 3, date(2031, 1, 2), None, "plain"]))
    ws.append([xlsx.cell(ws, "=SUM(A1:A2)", font=Font(bold=True))])
    handle = io.BytesIO()
    book.save(handle)
    return load_workbook(io.BytesIO(handle.getvalue())).worksheets[-1]


def test_strings_are_text_and_other_values_keep_their_type_in_both_modes():
    for write_only in (True, False):
        ws = _read_back(write_only)
        first = list(ws[1])
        assert [c.value for c in first[:5]] == [FORMULA, "+1", "-2", "@x", 3]
        assert [c.data_type for c in first[:4]] == ["s"] * 4
        assert first[4].data_type == "n" and first[5].is_date
        assert ws["H1"].value == "plain"
        assert ws["A2"].value == "=SUM(A1:A2)" and ws["A2"].data_type == "s"
        assert ws["A2"].font.bold


def test_non_strings_pass_through_without_a_cell():
    ws = Workbook(write_only=True).create_sheet("s")
    assert xlsx.row(ws, [1, None, "text"]) == [1, None, "text"]
