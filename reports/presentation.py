"""Labels and formats shared by the dashboard and the workbook (units, traffic-light statuses,
figures in the person's locale: "R$ 27.200,00", "55,7%", "2,0 business days", "1.202")."""

from django.utils.translation import gettext_lazy as _

from pauta.templatetags.pauta_ui import money, number
from reports.indicators import base
from reports.indicators.targets import AMBER, GREEN, NONE, RED

UNITS = {base.COUNT: _("count"), base.PERCENT: "%", base.BUSINESS_DAYS: _("business days"),
         base.DAYS: _("days"), base.SCORE: _("1 to 5"),
         base.MONEY: _("amount"), base.HOURS: _("hours")}
# The word written after a figure on the dashboard: money and percentages carry their sign in
# the number itself, and a count is named by its indicator.
SHOWN_UNITS = {base.BUSINESS_DAYS: _("business days"), base.DAYS: _("days"),
               base.SCORE: _("out of 5"), base.HOURS: _("hours")}
STATUSES = {GREEN: _("On track"), AMBER: _("Close to target"), RED: _("Off track"),
            NONE: _("Not measured")}
# The figures of the manager's summary, first on the dashboard, in this order.
SUMMARY = ("requests_received", "requests_published", "sla_compliance", "lead_time_median",
           "plan_actions_covered", "campaign_budget_committed", "satisfaction_mean")


def unit_label(unit: str) -> str:
    return str(UNITS.get(unit, unit))


def shown_unit(unit: str) -> str:
    """The unit written after a figure on the dashboard ("" when the figure carries it)."""
    return str(SHOWN_UNITS.get(unit, ""))


def status_label(status: str) -> str:
    return str(STATUSES[status])


def figure_text(value, unit: str) -> str:
    """A figure in the active language's format, with its currency or percent sign."""
    if value is None:
        return "—"
    if unit == base.MONEY:
        return money(value)
    if unit == base.PERCENT:
        return f"{number(value, 1)}%"
    if unit == base.COUNT and float(value).is_integer():
        return number(value)
    return number(value, 1)
