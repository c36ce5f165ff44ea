"""The workbook opens in LibreOffice and its summary prints on at most two pages.

Converts the workbook with LibreOffice headless (``scripts/ensure-libreoffice.sh`` installs
it for ``make test``) and reads the PDF with pypdf. Without LibreOffice the test skips,
except under ``CI=true``, where it fails.
"""

import io
import os
import shutil
import subprocess
import zipfile

import pytest
from pypdf import PdfReader

from reports.tests.test_workbook import _book, small  # noqa: F401 (fixture)

SOFFICE = os.environ.get("PAUTA_SOFFICE") or shutil.which("soffice") or "/usr/bin/soffice"
ON_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}


def _soffice() -> str:
    if os.access(SOFFICE, os.X_OK):
        return SOFFICE
    if ON_CI:
        pytest.fail(f"LibreOffice ({SOFFICE}) is missing; CI=true needs this test "
                    "(scripts/ensure-libreoffice.sh installs it).")
    pytest.skip(f"LibreOffice ({SOFFICE}) is missing: run scripts/ensure-libreoffice.sh")


def _pdf(content: bytes, tmp_path) -> PdfReader:
    source = tmp_path / "kpis.xlsx"
    source.write_bytes(content)
    subprocess.run([_soffice(), f"-env:UserInstallation=file://{tmp_path / 'profile'}",
                    "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path),
                    str(source)], check=True, capture_output=True, timeout=300)
    return PdfReader(tmp_path / "kpis.pdf")


def test_summary_prints_on_at_most_two_pages(small, tmp_path):  # noqa: F811
    content = _book()
    pages = [page.extract_text() or "" for page in _pdf(content, tmp_path).pages]
    assert "Lead time (median)" in pages[0]  # the summary leads, by indicator names
    # The "Requests" sheet starts on its own page: the first one naming a request.
    first_request_page = next(n for n, text in enumerate(pages) if "Matrículas" in text)
    assert 1 <= first_request_page <= 2
    assert not any("Chart data" in text for text in pages)  # outside the print area


def test_summary_print_setup_and_charts(small):  # noqa: F811
    content = _book()
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        sheet = archive.read("xl/worksheets/sheet1.xml").decode()
        book = archive.read("xl/workbook.xml").decode()
        charts = [archive.read(name).decode() for name in archive.namelist()
                  if name.startswith("xl/charts/chart")]
    assert 'orientation="landscape"' in sheet and 'fitToWidth="1"' in sheet
    assert 'fitToHeight="0"' in sheet and 'fitToPage="1"' in sheet
    assert "_xlnm.Print_Titles" in book and "$4:$4" in book
    assert "_xlnm.Print_Area" in book
    # openpyxl writes the chart namespace as the default one (no "c:" prefix).
    assert charts and all("<cat><strRef>" in chart and "<cat><numRef>" not in chart
                          for chart in charts)
    single = [chart for chart in charts if chart.count("<ser>") == 1]
    assert single and all("<legend>" not in chart for chart in single)
    assert any("<legend>" in chart for chart in charts if chart.count("<ser>") == 2)
