"""The workbook read back cell by cell for a small case; the export_kpis command."""

import io
import zipfile
from datetime import date, datetime
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.utils import translation
from openpyxl import load_workbook

from reports.indicators import REGISTRY
from reports.services import write_workbook
from reports.slices import Slice
from reports.tests.factories import make_request
from workflows.models import Holiday

APRIL = Slice(start=date(2031, 4, 1), end=date(2031, 4, 30))


@pytest.fixture
def small(demo):
    Holiday.objects.update_or_create(date=date(2031, 4, 21), defaults={"name": "Tiradentes"})
    ana = demo["ana.saude"]
    first = make_request(ana, title="Campanha de vacinação", submitted="2031-04-18 10:00",
                         published="2031-04-22 10:30", due="2031-04-21", rating=5,
                         review_round=2)
    second = make_request(ana, acronym="SEMED", kind="social", state="rejected",
                          title="Matrículas", submitted="2031-04-10 09:00", reason="promotion")
    return first, second


def _book(slice_=APRIL):
    handle = io.BytesIO()
    with translation.override("en"):
        write_workbook(slice_, handle)
    return handle.getvalue()


def test_workbook_cell_by_cell(small):
    first, second = small
    content = _book()
    book = load_workbook(io.BytesIO(content))
    assert book.sheetnames == ["Summary", "Requests", "Decisions", "Publications",
                               "Satisfaction", "Compliance findings", "Definitions"]
    summary = book["Summary"]
    assert summary["A1"].value == "KPIs" and summary["A1"].font.bold
    assert summary["A2"].value == "Period: 04/01/2031 to 04/30/2031"
    assert [c.value for c in summary[4]] == ["Indicator", "Value", "Unit", "Target",
                                             "Expected by now", "Status", "Code"]
    rows = {summary.cell(r, 7).value: summary.cell(r, 2).value for r in range(5, 30)}
    with translation.override("en"):
        assert summary["A5"].value == str(REGISTRY[summary["G5"].value].name)
    assert rows["requests_received"] == 2
    assert rows["requests_published"] == 1
    assert rows["lead_time_median"] == 1  # Fri → Tue over a weekend and a holiday
    assert rows["sla_compliance"] == 0
    assert rows["satisfaction_mean"] == 5

    sheet = book["Requests"]
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == "A1:P3"
    assert sheet.column_dimensions["B"].width == 48
    assert [c.value for c in sheet[1]][:5] == ["ID", "Title", "Secretariat", "Kind", "State"]
    assert sheet[1][0].font.bold
    row = [c.value for c in sheet[3]]
    assert row == [second.pk, "Matrículas", "SEMED", "Social media post", "Rejected", "normal",
                   None, datetime(2031, 4, 10, 9, 0), None, None, None, None, 0, None, None,
                   "promotion"]
    row = list(sheet[2])
    assert [c.value for c in row] == [
        first.pk, "Campanha de vacinação", "SMS", "News for the portal", "Published", "normal",
        None, datetime(2031, 4, 18, 10, 0), datetime(2031, 4, 22, 10, 30), datetime(2031, 4, 21),
        1, False, 2, 5, None, None]
    assert row[7].is_date and row[7].number_format == "dd/mm/yyyy hh:mm"
    assert row[9].number_format == "dd/mm/yyyy"
    assert row[10].data_type == "n" and row[11].data_type == "b"

    definitions = book["Definitions"]
    assert definitions.max_row >= len(REGISTRY) + 1
    codes = [definitions.cell(r, 1).value for r in range(2, len(REGISTRY) + 2)]
    assert codes == list(REGISTRY)
    with translation.override("en"):
        assert definitions.cell(2, 5).value == str(REGISTRY[codes[0]].definition)
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        charts = [n for n in archive.namelist() if n.startswith("xl/charts/chart")]
    assert len(charts) >= 2  # requests per month, rejections by reason, SLA…


def test_compliance_findings_sheet_cell_by_cell(small, demo):
    from approvals.compliance.models import CheckRun, FindingOverride, FindingRecord
    from plans.models import Channel
    from reports.tests.factories import at

    first, second = small
    portal = Channel.objects.get(code="portal")
    run = CheckRun.objects.create(request=first, trigger="schedule",
                                  created_at=at("2031-04-20 14:15"))
    FindingRecord.objects.create(run=run, request=first, rule="vocabulary.terms",
                                 severity="warning", fingerprint="f1", channel=portal,
                                 message="m")
    FindingRecord.objects.create(run=run, request=first, rule="links.https", severity="warning",
                                 fingerprint="f2", message="m")
    FindingOverride.objects.create(request=first, rule="vocabulary.terms", severity="warning",
                                   fingerprint="f1", reason="Termo aceito pela chefia.",
                                   by=demo["fernanda.chefe"], created_at=at("2031-04-20 15:00"))
    late = CheckRun.objects.create(request=second, trigger="manual",
                                   created_at=at("2031-05-01 09:00"))  # outside the period
    FindingRecord.objects.create(run=late, request=second, rule="links.https",
                                 severity="warning", fingerprint="f3", message="m")
    book = load_workbook(io.BytesIO(_book()))
    sheet = book["Compliance findings"]
    assert sheet.freeze_panes == "A2" and sheet.auto_filter.ref == "A1:I3"
    assert [c.value for c in sheet[1]] == [
        "Request", "Secretariat", "Rule", "Severity", "Channel", "Checked at", "Overridden by",
        "Overridden at", "Justification"]
    assert sheet.max_row == 3
    rows = sorted(([c.value for c in row] for row in sheet.iter_rows(min_row=2)),
                  key=lambda row: row[2])
    assert rows == [
        [first.pk, "SMS", "links.https", "Warning", None, datetime(2031, 4, 20, 14, 15),
         None, None, None],
        [first.pk, "SMS", "vocabulary.terms", "Warning", portal.name,
         datetime(2031, 4, 20, 14, 15), "fernanda.chefe", datetime(2031, 4, 20, 15, 0),
         "Termo aceito pela chefia."]]
    assert sheet["F2"].is_date and sheet["A2"].data_type == "n"
    summary = book["Summary"]
    values = {summary.cell(r, 7).value: summary.cell(r, 2).value for r in range(5, 40)}
    assert values["compliance_findings_by_rule"] == 2
    assert values["compliance_overrides_by_rule"] == 1


def test_summary_compares_plan_targets_with_traffic_lights(small, demo):
    from plans.models import KPITarget, Objective, Plan, PlanState
    from reports.models import TargetLink

    plan = Plan.objects.create(year=2031, title="Plano 2031", state=PlanState.APPROVED)
    Objective.objects.create(plan=plan, code="OE1", title="Saúde")
    target = KPITarget.objects.create(plan=plan, code="K5", indicator="Cumprimento do SLA",
                                      start=date(2031, 4, 1), end=date(2031, 4, 30),
                                      target=Decimal("85"), unit="%")
    TargetLink.objects.create(target=target, indicator="sla_compliance")
    KPITarget.objects.create(plan=plan, code="K9", indicator="Sem indicador",
                             start=date(2031, 4, 1), end=date(2031, 4, 30), target=1)
    from pauta import clock
    from reports.tests.factories import at

    with clock.travel(at("2031-05-10 12:00")):  # targets are measured up to today
        book = load_workbook(io.BytesIO(_book()))
    summary = book["Summary"]
    found = {summary.cell(r, 7).value: [summary.cell(r, c).value for c in range(1, 8)]
             for r in range(1, summary.max_row + 1)}
    assert found["K5"] == ["Cumprimento do SLA", 0, "%", 85, 85, "Off track", "K5"]
    assert found["K9"][5] == "Not measured"
    # The linked indicator's own row carries its target beside the value.
    assert found["sla_compliance"][1:6] == [0, "%", 85, 85, "Off track"]
    rules = summary.conditional_formatting
    assert sum(len(cf.rules) for cf in rules) == 6  # the KPI table's and the targets' lights


def test_export_command_writes_the_year(small, tmp_path):
    out = tmp_path / "kpis.xlsx"
    call_command("export_kpis", "--year", "2031", "--secretariat", "sms", "-o", str(out),
                 stdout=io.StringIO())
    book = load_workbook(out)
    assert book.worksheets[1].max_row == 2  # header + the SMS request


def test_export_command_rejects_an_unknown_secretariat(tmp_path, db):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError):
        call_command("export_kpis", "--year", "2031", "--secretariat", "XYZ",
                     "-o", str(tmp_path / "x.xlsx"))


FORMULA = '=HYPERLINK("http://x","y")'


def test_text_that_looks_like_a_formula_stays_text_in_summary_and_raw_sheets(small, demo):
    from plans.models import KPITarget, Plan, PlanState
    from reports.models import TargetLink

    plan = Plan.objects.create(year=2031, title=FORMULA, state=PlanState.APPROVED)
    target = KPITarget.objects.create(plan=plan, code="=K1", indicator=FORMULA, unit="=A1",
                                      start=date(2031, 4, 1), end=date(2031, 4, 30), target=1)
    TargetLink.objects.create(target=target, indicator="sla_compliance")
    make_request(demo["ana.saude"], title=FORMULA, submitted="2031-04-11 09:00", state="submitted")
    book = load_workbook(io.BytesIO(_book()))
    summary = book["Summary"]
    row = next(r for r in summary.iter_rows() if r[6].value == "=K1")
    assert [row[6].value, row[0].value, row[2].value] == ["=K1", FORMULA, "=A1"]
    assert {row[6].data_type, row[0].data_type, row[2].data_type} == {"s"}
    titles = [r[1] for r in book["Requests"].iter_rows(min_row=2) if r[1].value == FORMULA]
    assert len(titles) == 1 and titles[0].data_type == "s"


def test_fast_rows_read_back_as_written():
    """The raw sheets' row writer (``reports.xlsx.fastrows``: each row's markup parsed by lxml)
    keeps every value: text with markup characters, carriage returns, tabs, spaces at either
    end and characters XML forbids (dropped, as openpyxl drops the control characters; U+FFFE and
    U+FFFF too, which stopped the export), a formula-looking text, numbers,
    booleans, dates and moments; a missing value leaves its cell out."""
    from openpyxl import Workbook

    from reports.xlsx import fastrows
    from reports.xlsx.sheets import BOOL, DATE, DATETIME, INT, NUM, TEXT, Column
    from reports.xlsx.workbook import FORMATS

    columns = (Column("t", 10), Column("i", 10, INT), Column("n", 10, NUM),
               Column("b", 10, BOOL), Column("d", 10, DATE), Column("m", 10, DATETIME),
               Column("u", 10, TEXT))
    rows = [
        ("a & b < c > d", 3, 2.5, True, date(2031, 4, 1), datetime(2031, 4, 1, 10, 30), "x"),
        ("  leading", -7, 0.1 + 0.2, False, date(1999, 12, 31), datetime(2000, 1, 1, 0, 0, 1),
         "trailing\t"),
        ("line\r\nnext\rlast", 0, Decimal("12.50"), True, None, None, "=SUM(A1:A9)"),
        ("bell\x07 and \x0b gone\ufffe\uffff", None, None, None, None, None,
         "ação ñ 😀 \"quoted\" 'x'"),
        ("", 10**12, 1e-7, False, date(2031, 4, 30), datetime(2031, 4, 30, 23, 59, 59), None),
    ]
    book = Workbook(write_only=True)
    ws = book.create_sheet("Raw")
    ws.append([c.header for c in columns])
    fastrows.install(ws, columns, FORMATS)
    for row in rows:
        ws.append(row)
    handle = io.BytesIO()
    book.save(handle)
    read = list(load_workbook(io.BytesIO(handle.getvalue()))["Raw"].iter_rows(values_only=True))
    assert read[0] == tuple(c.header for c in columns)
    expected = [
        ("a & b < c > d", 3, 2.5, True, datetime(2031, 4, 1), datetime(2031, 4, 1, 10, 30), "x"),
        ("  leading", -7, 0.1 + 0.2, False, datetime(1999, 12, 31),
         datetime(2000, 1, 1, 0, 0, 1), "trailing\t"),
        ("line\r\nnext\rlast", 0, 12.5, True, None, None, "=SUM(A1:A9)"),
        ("bell and  gone", None, None, None, None, None, "ação ñ 😀 \"quoted\" 'x'"),
        ("", 10**12, 1e-7, False, datetime(2031, 4, 30), datetime(2031, 4, 30, 23, 59, 59),
         None),
    ]
    assert read[1:] == expected
    sheet = zipfile.ZipFile(io.BytesIO(handle.getvalue())).read("xl/worksheets/sheet1.xml")
    assert b"<f>" not in sheet and b'xml:space="preserve">  leading<' in sheet
