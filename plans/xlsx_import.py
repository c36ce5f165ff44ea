"""Reading a Communication Plan from XLSX: every row is validated before anything is written.

``read_plan`` returns the parsed rows and the list of problems (sheet, row,
column, message in the active language); ``plan_import`` writes only when that
list is empty, in one transaction, updating the draft plan of the year by code.
"""

import datetime
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from org.models import Secretariat
from plans.models import Audience, Channel, Plan, PlanState
from plans.xlsx_layout import SHEETS


@dataclass
class Problem:
    sheet: str
    row: int | None
    column: str | None  # "E (start)"
    message: str

    def __str__(self):
        if self.row is None:
            return _("Sheet “%(sheet)s”: %(message)s") % {"sheet": self.sheet,
                                                          "message": self.message}
        if self.column is None:
            return _("Sheet “%(sheet)s”, row %(row)s: %(message)s") % {
                "sheet": self.sheet, "row": self.row, "message": self.message}
        return _("Sheet “%(sheet)s”, row %(row)s, column %(column)s: %(message)s") % {
            "sheet": self.sheet, "row": self.row, "column": self.column,
            "message": self.message}


class ImportRejected(Exception):
    """The file has problems; nothing was written."""

    def __init__(self, problems: list[Problem]):
        super().__init__("\n".join(str(p) for p in problems))
        self.problems = problems


@dataclass
class Parsed:
    """The validated content of a file, keyed by sheet name: lists of dicts."""

    rows: dict = field(default_factory=dict)
    problems: list = field(default_factory=list)
    codes: dict = field(default_factory=dict)  # every code seen per sheet, valid rows or not

    @property
    def year(self) -> int | None:
        plan = self.rows.get("plan") or [{}]
        return plan[0].get("year")


TRUE = {"yes", "sim", "true", "verdadeiro", "1", "x", "s", "y"}
FALSE = {"no", "não", "nao", "false", "falso", "0", "n", ""}


class _Cell:
    """Converters for one cell; each returns the value or raises ValueError(message)."""

    @staticmethod
    def text(value):
        return "" if value is None else str(value).strip()

    @staticmethod
    def date(value):
        if isinstance(value, datetime.datetime):
            return value.date()
        if isinstance(value, datetime.date):
            return value
        text = str(value).strip()
        for fmt in ("%Y-%m-%d", "%d/%m/%Y"):
            try:
                return datetime.datetime.strptime(text, fmt).date()
            except ValueError:
                continue
        raise ValueError(_("“%(value)s” is not a date (use YYYY-MM-DD or DD/MM/YYYY).")
                         % {"value": text})

    @staticmethod
    def integer(value):
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        try:
            number = int(str(value).strip())
        except ValueError:
            raise ValueError(_("“%(value)s” is not a whole number.") % {"value": value}) from None
        if number < 0:
            raise ValueError(_("The number cannot be negative."))
        return number

    @staticmethod
    def decimal(value):
        try:
            number = Decimal(str(value).strip().replace(",", "."))
        except InvalidOperation:
            raise ValueError(_("“%(value)s” is not a number.") % {"value": value}) from None
        if not number.is_finite() or number < 0:
            raise ValueError(_("The number cannot be negative."))
        return number.quantize(Decimal("0.01"))

    @staticmethod
    def boolean(value):
        if isinstance(value, bool):
            return value
        text = _Cell.text(value).lower()
        if text in TRUE | FALSE:
            return text in TRUE
        raise ValueError(_("“%(value)s” is not yes or no.") % {"value": value})

    @staticmethod
    def codes(value):
        return [code for code in re.split(r"[,;\s]+", _Cell.text(value)) if code]


CONVERT = {"year": _Cell.integer, "start": _Cell.date, "end": _Cell.date,
           "planned_pieces": _Cell.integer, "budget": _Cell.decimal, "target": _Cell.decimal,
           "max_text_length": _Cell.integer, "image_required": _Cell.boolean,
           "captions_required": _Cell.boolean, "channels": _Cell.codes,
           "audiences": _Cell.codes}


def _column(index: int, key: str) -> str:
    return f"{get_column_letter(index + 1)} ({key})"


def _read_sheet(ws, spec, parsed: Parsed) -> None:
    rows = ws.iter_rows(values_only=True)
    header = [_Cell.text(v) for v in next(rows, ())]
    while header and not header[-1]:
        header.pop()
    missing = [key for key in spec.headers if key not in header]
    unknown = [key for key in header if key not in spec.headers]
    if missing or unknown or len(set(header)) != len(header):
        parsed.problems.append(Problem(spec.name, 1, None, _(
            "the header row must be exactly: %(expected)s (found: %(found)s).") % {
            "expected": ", ".join(spec.headers), "found": ", ".join(header) or "—"}))
        return
    index = {key: header.index(key) for key in spec.headers}
    out, first_seen = [], {}
    for number, values in enumerate(rows, start=2):
        values = list(values) + [None] * len(header)
        if all(_Cell.text(v) == "" for v in values):
            continue
        record, ok = {"_row": number}, True
        for column in spec.columns:
            raw, where = values[index[column.key]], _column(index[column.key], column.key)
            if _Cell.text(raw) == "" and column.key not in ("channels", "audiences",
                                                             "image_required",
                                                             "captions_required"):
                if column.required:
                    parsed.problems.append(Problem(spec.name, number, where,
                                                   _("a value is required.")))
                    ok = False
                record[column.key] = None if column.key in CONVERT else ""
                continue
            try:
                record[column.key] = CONVERT.get(column.key, _Cell.text)(raw)
            except ValueError as error:
                parsed.problems.append(Problem(spec.name, number, where, str(error)))
                ok = False
        code = record.get("code")
        if code:
            if code in first_seen:
                parsed.problems.append(Problem(
                    spec.name, number, _column(index["code"], "code"),
                    _("the code “%(code)s” is repeated (first on row %(first)s).")
                    % {"code": code, "first": first_seen[code]}))
                ok = False
            first_seen.setdefault(code, number)
        if ok:
            out.append(record)
    parsed.rows[spec.name] = out
    parsed.rows[f"_{spec.name}_index"] = index
    parsed.codes[spec.name] = set(first_seen)


def read_workbook(source) -> Parsed:
    """Parse and check every cell of each sheet (formats, required, duplicates)."""
    parsed = Parsed()
    try:
        workbook = load_workbook(source, read_only=True, data_only=True)
    except Exception:  # openpyxl raises many kinds for non-XLSX input
        parsed.problems.append(Problem("—", None, None,
                                       _("the file is not a valid XLSX workbook.")))
        return parsed
    for spec in SHEETS:
        if spec.name not in workbook.sheetnames:
            if spec.required:
                parsed.problems.append(Problem(spec.name, None, None,
                                               _("the sheet is missing.")))
            parsed.rows[spec.name] = []
            continue
        _read_sheet(workbook[spec.name], spec, parsed)
    workbook.close()
    return parsed


def _where(parsed, sheet, record, key):
    return _column(parsed.rows[f"_{sheet}_index"][key], key)


def check_references(parsed: Parsed) -> None:
    """Cross-sheet checks: the plan row, objectives, secretariats, channels, audiences, periods."""
    add = parsed.problems.append
    plans = parsed.rows.get("plan", [])
    if len(plans) != 1 or plans[0].get("year") is None:
        add(Problem("plan", None, None, _("the sheet must have exactly one row below the header.")))
        return
    year = plans[0].get("year")
    plan = Plan.objects.filter(year=year).first()
    if plan is not None and plan.state != PlanState.DRAFT:
        add(Problem("plan", plans[0]["_row"], _where(parsed, "plan", plans[0], "year"), _(
            "the plan of %(year)s is “%(state)s”; only a draft can be imported into (open a "
            "revision first).") % {"year": year, "state": plan.get_state_display()}))
    objectives = parsed.codes.get("objectives", set())
    acronyms = set(Secretariat.objects.values_list("acronym", flat=True))
    known = {
        "channels": set(Channel.objects.values_list("code", flat=True))
        | parsed.codes.get("channels", set()),
        "audiences": set(Audience.objects.values_list("code", flat=True))
        | parsed.codes.get("audiences", set()),
    }
    for sheet in ("actions", "kpi_targets"):
        if f"_{sheet}_index" not in parsed.rows:
            continue  # its header row is wrong, already reported
        for record in parsed.rows[sheet]:
            def problem(key, message, record=record, sheet=sheet):
                add(Problem(sheet, record["_row"], _where(parsed, sheet, record, key), message))

            objective = record.get("objective")
            if objective and objective not in objectives:
                problem("objective", _("unknown objective “%(code)s”.") % {"code": objective})
            if sheet == "actions" and record["owner"] not in acronyms:
                problem("owner", _("unknown secretariat “%(acronym)s”.")
                        % {"acronym": record["owner"]})
            for key in ("channels", "audiences"):
                for code in record.get(key) or []:
                    if code not in known[key]:
                        problem(key, _("unknown code “%(code)s”.") % {"code": code})
            start, end = record["start"], record["end"]
            if start.year != year:
                problem("start", _("the date must be in %(year)s.") % {"year": year})
            if end.year != year:
                problem("end", _("the date must be in %(year)s.") % {"year": year})
            if end < start:
                problem("end", _("the period ends before it starts."))
    if plan is not None:
        codes = {r["code"] for r in parsed.rows.get("actions", [])}
        for code in plan.actions.exclude(code__in=codes).filter(
                requests__isnull=False).values_list("code", flat=True).distinct():
            add(Problem("actions", None, None, _(
                "the action “%(code)s” has requests linked to it and cannot be left out.")
                % {"code": code}))
        for code in plan.actions.exclude(code__in=codes).filter(
                commitments__isnull=False).values_list("code", flat=True).distinct():
            add(Problem("actions", None, None, _(
                "the action “%(code)s” has budget commitments and cannot be left out.")
                % {"code": code}))


def read_plan(source, progress: Callable | None = None) -> Parsed:
    """Parse a file and run every check; ``parsed.problems`` empty means it can be imported."""
    parsed = read_workbook(source)
    if progress:
        progress(1, 2)
    if "_plan_index" in parsed.rows:
        check_references(parsed)
    order = {spec.name: number for number, spec in enumerate(SHEETS)}
    parsed.problems.sort(key=lambda p: (order.get(p.sheet, -1), p.row or 0))
    if progress:
        progress(2, 2)
    return parsed
