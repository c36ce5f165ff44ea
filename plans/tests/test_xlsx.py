import datetime
import io
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import translation
from openpyxl import Workbook, load_workbook

from org.tests.factories import SecretariatFactory, UserFactory
from plans.imports import plan_import
from plans.models import Objective, Plan, PlanAction, PlanState
from plans.tests.factories import (
    AudienceFactory,
    ChannelFactory,
    KPITargetFactory,
    ObjectiveFactory,
    PlanActionFactory,
    PlanFactory,
    approve,
)
from plans.xlsx_import import ImportRejected
from plans.xlsx_layout import SHEETS, export_plan

pytestmark = pytest.mark.django_db

@pytest.fixture(autouse=True)
def _english():
    """These tests assert the English source messages (the default language is pt-BR)."""
    with translation.override("en"):
        yield


@pytest.fixture
def manager():
    return UserFactory(roles=["manager"])


def _snapshot(plan):
    return {
        "plan": (plan.year, plan.title),
        "objectives": sorted(plan.objectives.values_list("code", "title", "description")),
        "actions": sorted(
            (a.code, a.title, a.objective.code, a.owner.acronym, a.start, a.end,
             a.planned_pieces, a.budget, sorted(c.code for c in a.channels.all()),
             sorted(x.code for x in a.audiences.all()))
            for a in plan.actions.all()),
        "kpis": sorted(plan.kpi_targets.values_list("code", "indicator", "objective__code",
                                                    "start", "end", "target", "unit")),
    }


def _plan():
    plan = PlanFactory(year=2031, title="Plano 2031")
    objective = ObjectiveFactory(plan=plan, code="OE1", description="Linha 1\nLinha 2")
    ObjectiveFactory(plan=plan, code="OE2")
    sms = SecretariatFactory(acronym="SMS")
    PlanActionFactory(objective=objective, code="A1", owner=sms, budget=Decimal("1234.56"),
                      start=datetime.date(2031, 2, 1), end=datetime.date(2031, 3, 31),
                      channels=[ChannelFactory(code="portal"), ChannelFactory(code="x")],
                      audiences=[AudienceFactory(code="citizens")])
    PlanActionFactory(objective=objective, code="A2", owner=SecretariatFactory(acronym="SEMED"),
                      planned_pieces=0, budget=Decimal("0"))
    KPITargetFactory(plan=plan, code="K1", objective=objective, target=Decimal("99.5"))
    KPITargetFactory(plan=plan, code="K2", unit="")
    return plan


def _export(plan):
    buffer = io.BytesIO()
    export_plan(plan, buffer)
    buffer.seek(0)
    return buffer


def test_export_then_import_gives_the_same_plan(manager):
    plan = _plan()
    before = _snapshot(plan)
    data = _export(plan)
    original = load_workbook(io.BytesIO(data.getvalue()))
    plan.actions.all().delete()  # objectives are protected by their actions and KPIs
    plan.kpi_targets.all().delete()
    plan.delete()
    steps = []
    imported = plan_import(source=data, by=manager, progress=lambda d, t: steps.append((d, t)))
    assert imported.state == PlanState.DRAFT
    assert _snapshot(imported) == before
    assert steps[-1] == (4, 4)
    again = load_workbook(_export(imported))
    for spec in SHEETS:
        assert list(again[spec.name].values) == list(original[spec.name].values), spec.name


def test_reimport_into_the_draft_updates_by_code_and_keeps_ids(manager):
    plan = _plan()
    ids = dict(plan.actions.values_list("code", "pk"))
    data = _export(plan)
    PlanActionFactory(objective=plan.objectives.get(code="OE2"), code="EXTRA")
    plan_import(source=data, by=manager)
    assert dict(plan.actions.values_list("code", "pk")) == ids  # EXTRA deleted, rest kept


def test_export_has_documented_headers_and_a_readme():
    book = load_workbook(_export(_plan()))
    assert [c.value for c in book["actions"][1]] == [c.key for c in SHEETS[4].columns]
    assert book["actions"]["D2"].value == "SMS"
    assert "readme" in book.sheetnames


def test_template_has_headers_and_known_codes():
    from plans.models import Channel

    ChannelFactory(code="portal")
    book = load_workbook(_export(None))
    assert book["objectives"].max_row == 1
    codes = [r[0] for r in book["channels"].iter_rows(min_row=2, values_only=True)]
    assert "portal" in codes and codes == sorted(Channel.objects.values_list("code", flat=True))


def _book(**overrides):
    """A valid workbook for 2031 with two actions; ``overrides`` replace whole sheets."""
    sheets = {
        "plan": [["year", "title"], [2031, "Plano"]],
        "objectives": [["code", "title", "description"], ["OE1", "Saúde", ""]],
        "actions": [
            ["code", "title", "objective", "owner", "start", "end", "channels", "audiences",
             "planned_pieces", "budget"],
            ["A1", "Vacinação", "OE1", "SMS", datetime.date(2031, 3, 1), "2031-04-30",
             "portal", "", 5, "100,50"],
            ["A2", "Dengue", "OE1", "SMS", "01/05/2031", "31/05/2031", "", "", 3, 0],
        ],
        "kpi_targets": [["code", "indicator", "objective", "start", "end", "target", "unit"],
                        ["K1", "Publicações", "OE1", "2031-01-01", "2031-12-31", 50, ""]],
    }
    sheets.update(overrides)
    book = Workbook()
    book.remove(book.active)
    for name, rows in sheets.items():
        if rows is None:
            continue
        sheet = book.create_sheet(name)
        for row in rows:
            sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    buffer.seek(0)
    return buffer


@pytest.fixture
def base():
    SecretariatFactory(acronym="SMS")
    ChannelFactory(code="portal")


def _counts():
    return Plan.objects.count(), Objective.objects.count(), PlanAction.objects.count()


def _problems(manager, book):
    before = _counts()  # the test database holds the demo plan
    with pytest.raises(ImportRejected) as info:
        plan_import(source=book, by=manager)
    assert _counts() == before and not Plan.objects.filter(year=2031).exists()
    return [str(p) for p in info.value.problems]


def test_a_valid_hand_made_file_is_imported(base, manager):
    plan = plan_import(source=_book(), by=manager)
    action = plan.actions.get(code="A1")
    assert action.budget == Decimal("100.50") and action.end == datetime.date(2031, 4, 30)
    assert plan.actions.get(code="A2").start == datetime.date(2031, 5, 1)


def test_wrong_headers_are_reported(base, manager):
    book = _book(objectives=[["codigo", "title", "description"], ["OE1", "x", ""]])
    problems = _problems(manager, book)
    assert problems[0] == ("Sheet “objectives”, row 1: the header row must be exactly: code, "
                           "title, description (found: codigo, title, description).")


def test_missing_sheet_is_reported(base, manager):
    assert "Sheet “kpi_targets”: the sheet is missing." in _problems(manager,
                                                                     _book(kpi_targets=None))


def test_bad_dates_unknown_secretariat_and_duplicates_are_all_reported(base, manager):
    header = ["code", "title", "objective", "owner", "start", "end", "channels", "audiences",
              "planned_pieces", "budget"]
    book = _book(actions=[
        header,
        ["A1", "Ok", "OE1", "SMS", "2031-01-01", "2031-01-31", "", "", 1, 0],
        ["A2", "Data", "OE1", "SMS", "31/02/2031", "2031-13-01", "", "", 1, 0],
        ["A3", "Secretaria", "OE1", "SEXYZ", "2031-01-01", "2031-01-31", "", "", 1, 0],
        ["A1", "Repetida", "OE1", "SMS", "2031-01-01", "2031-01-31", "", "", 1, 0],
        ["A5", "Canal", "OE9", "SMS", "2031-02-01", "2031-01-31", "tiktok", "", -1, "abc"],
    ])
    problems = _problems(manager, book)
    expected = [
        "Sheet “actions”, row 3, column E (start): “31/02/2031” is not a date "
        "(use YYYY-MM-DD or DD/MM/YYYY).",
        "Sheet “actions”, row 3, column F (end): “2031-13-01” is not a date "
        "(use YYYY-MM-DD or DD/MM/YYYY).",
        "Sheet “actions”, row 4, column D (owner): unknown secretariat “SEXYZ”.",
        "Sheet “actions”, row 5, column A (code): the code “A1” is repeated (first on row 2).",
        "Sheet “actions”, row 6, column I (planned_pieces): The number cannot be negative.",
        "Sheet “actions”, row 6, column J (budget): “abc” is not a number.",
    ]
    for line in expected:
        assert line in problems
    assert len(problems) == len(expected)


def test_reference_and_period_errors(base, manager):
    header = ["code", "title", "objective", "owner", "start", "end", "channels", "audiences",
              "planned_pieces", "budget"]
    book = _book(actions=[
        header, ["A5", "Canal", "OE9", "SMS", "2031-02-01", "2031-01-31", "tiktok", "", 1, 1],
        ["A6", "Ano", "OE1", "SMS", "2030-12-01", "2031-01-31", "", "", 1, 1]])
    problems = _problems(manager, book)
    assert problems == [
        "Sheet “actions”, row 2, column C (objective): unknown objective “OE9”.",
        "Sheet “actions”, row 2, column G (channels): unknown code “tiktok”.",
        "Sheet “actions”, row 2, column F (end): the period ends before it starts.",
        "Sheet “actions”, row 3, column E (start): the date must be in 2031.",
    ]


def test_required_values_and_not_an_xlsx(base, manager):
    book = _book(objectives=[["code", "title", "description"], ["OE1", "", ""]])
    assert ("Sheet “objectives”, row 2, column B (title): a value is required."
            in _problems(manager, book))
    assert _problems(manager, io.BytesIO(b"not a zip")) == [
        "Sheet “—”: the file is not a valid XLSX workbook."]


def test_import_into_an_approved_plan_is_refused_without_writing(base, manager):
    plan = PlanFactory(year=2031, title="Antigo")
    approve(plan)
    with pytest.raises(ImportRejected) as info:
        plan_import(source=_book(), by=manager)
    assert "only a draft can be imported into" in str(info.value)
    plan.refresh_from_db()
    assert plan.title == "Antigo" and not plan.actions.exists()


def test_import_needs_the_permission(base):
    with pytest.raises(PermissionDenied):
        plan_import(source=_book(), by=UserFactory(roles=["editor"]))
    assert not Plan.objects.filter(year=2031).exists()


FORMULA = '=HYPERLINK("http://x","y")'


def test_export_writes_titles_that_look_like_formulas_as_text():
    plan = PlanFactory(year=2032, title=FORMULA)
    objective = ObjectiveFactory(plan=plan, code="OE1", title="=1+1", description="=A1")
    PlanActionFactory(objective=objective, code="A1", title=FORMULA)
    KPITargetFactory(plan=plan, code="K1", indicator=FORMULA, unit="=B2")
    book = load_workbook(_export(plan))
    cells = [book["plan"]["B2"], book["objectives"]["B2"], book["objectives"]["C2"],
             book["actions"]["B2"], book["kpi_targets"]["B2"], book["kpi_targets"]["G2"]]
    assert [c.value for c in cells] == [FORMULA, "=1+1", "=A1", FORMULA, FORMULA, "=B2"]
    assert {c.data_type for c in cells} == {"s"}
