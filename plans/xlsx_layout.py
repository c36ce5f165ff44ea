"""The XLSX layout of a Communication Plan (one sheet per entity) and its export.

The layout is documented in docs/plans.md; ``SHEETS`` is its single source.
Export writes in openpyxl's write-only mode, so memory stays constant; every value goes
through ``pauta.xlsx.row`` so a title starting with "=" is written as text, not a formula.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from openpyxl import Workbook

from pauta import xlsx
from plans.models import Audience, Channel, Plan


@dataclass(frozen=True)
class Column:
    key: str
    help: str
    required: bool = True


@dataclass(frozen=True)
class Sheet:
    name: str
    columns: tuple[Column, ...]
    required: bool = True

    @property
    def headers(self) -> list[str]:
        return [column.key for column in self.columns]


C = Column
SHEETS = (
    Sheet("plan", (
        C("year", gettext_lazy("Year of the plan, e.g. 2026.")),
        C("title", gettext_lazy("Title of the plan.")),
    )),
    Sheet("objectives", (
        C("code", gettext_lazy("Code of the objective, unique in the plan, e.g. OE1.")),
        C("title", gettext_lazy("Title of the objective.")),
        C("description", gettext_lazy("Description (optional)."), required=False),
    )),
    Sheet("audiences", (
        C("code", gettext_lazy("Code of the audience; unknown codes are created.")),
        C("name", gettext_lazy("Name of the audience.")),
    ), required=False),
    Sheet("channels", (
        C("code", gettext_lazy("Code of the channel; unknown codes are created.")),
        C("name", gettext_lazy("Name of the channel.")),
        C("max_text_length", gettext_lazy("Maximum text length (optional)."), required=False),
        C("image_required", gettext_lazy("Image required: yes or no."), required=False),
        C("captions_required", gettext_lazy("Video captions required: yes or no."),
          required=False),
        C("signature_required", gettext_lazy("Required signature or hashtag (optional)."),
          required=False),
    ), required=False),
    Sheet("actions", (
        C("code", gettext_lazy("Code of the action, unique in the plan, e.g. A001.")),
        C("title", gettext_lazy("Title of the action.")),
        C("objective", gettext_lazy("Code of the objective (sheet objectives).")),
        C("owner", gettext_lazy("Acronym of the owner secretariat, e.g. SMS.")),
        C("start", gettext_lazy("First day of the period (a date, or YYYY-MM-DD).")),
        C("end", gettext_lazy("Last day of the period (a date, or YYYY-MM-DD).")),
        C("channels", gettext_lazy("Channel codes separated by commas (optional)."),
          required=False),
        C("audiences", gettext_lazy("Audience codes separated by commas (optional)."),
          required=False),
        C("planned_pieces", gettext_lazy("Planned quantity of pieces (whole number).")),
        C("budget", gettext_lazy("Planned budget (number, two decimals).")),
    )),
    Sheet("kpi_targets", (
        C("code", gettext_lazy("Code of the KPI target, unique in the plan, e.g. K1.")),
        C("indicator", gettext_lazy("What is measured.")),
        C("objective", gettext_lazy("Code of the objective (optional)."), required=False),
        C("start", gettext_lazy("First day of the period.")),
        C("end", gettext_lazy("Last day of the period.")),
        C("target", gettext_lazy("Target value (number).")),
        C("unit", gettext_lazy("Unit (optional), e.g. pieces or %."), required=False),
    )),
)
SHEET_BY_NAME = {sheet.name: sheet for sheet in SHEETS}
README = "readme"


def _codes(manager) -> str:
    return ", ".join(sorted(item.code for item in manager.all()))


def shared_rows():
    """Audiences and channels: the codes a plan may use (also written into the template)."""
    yield "audiences", ([a.code, a.name] for a in Audience.objects.order_by("code"))
    yield "channels", ([c.code, c.name, c.max_text_length, c.image_required,
                        c.captions_required, c.signature_required]
                       for c in Channel.objects.order_by("code"))


def plan_rows(plan: Plan):
    """(sheet name, iterator of rows) for every sheet of the layout."""
    yield "plan", iter([[plan.year, plan.title]])
    yield "objectives", ([o.code, o.title, o.description] for o in plan.objectives.all())
    yield from shared_rows()
    actions = plan.actions.select_related("objective", "owner").prefetch_related(
        "channels", "audiences")
    yield "actions", ([a.code, a.title, a.objective.code, a.owner.acronym, a.start, a.end,
                       _codes(a.channels), _codes(a.audiences), a.planned_pieces, a.budget]
                      for a in actions)
    yield "kpi_targets", ([k.code, k.indicator, k.objective.code if k.objective else "",
                           k.start, k.end, k.target, k.unit]
                          for k in plan.kpi_targets.select_related("objective"))


def _readme(workbook: Workbook) -> None:
    sheet = workbook.create_sheet(README)
    sheet.append([_("Sheet"), _("Column"), _("Required"), _("Content")])
    for spec in SHEETS:
        for column in spec.columns:
            sheet.append(xlsx.row(sheet, [spec.name, column.key,
                                          _("yes") if column.required else _("no"),
                                          str(column.help)]))


def export_plan(plan: Plan | None, target, progress: Callable | None = None) -> None:
    """Write ``plan`` (or, with None, the empty template) as XLSX to a path or binary file."""
    workbook = Workbook(write_only=True)
    rows = dict(plan_rows(plan) if plan is not None else shared_rows())
    total = plan.actions.count() if plan is not None and progress else 0
    done = 0
    for spec in SHEETS:
        sheet = workbook.create_sheet(spec.name)
        sheet.freeze_panes = "A2"
        sheet.append(spec.headers)
        for row in rows.get(spec.name, ()):
            sheet.append(xlsx.row(sheet, row))  # people's text stays text, never a formula
            if progress and spec.name == "actions":
                done += 1
                progress(done, total)
    _readme(workbook)
    workbook.save(target)
