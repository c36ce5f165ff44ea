"""Labels shared by the dashboard and the workbook (units, traffic-light statuses)."""

from django.utils.translation import gettext_lazy as _

from reports.indicators import base
from reports.indicators.targets import AMBER, GREEN, NONE, RED

UNITS = {base.COUNT: _("count"), base.PERCENT: "%", base.BUSINESS_DAYS: _("business days"),
         base.DAYS: _("days"), base.SCORE: _("1 to 5"),
         base.MONEY: _("amount"), base.HOURS: _("hours")}
STATUSES = {GREEN: _("On track"), AMBER: _("Close to target"), RED: _("Off track"),
            NONE: _("Not measured")}


def unit_label(unit: str) -> str:
    return str(UNITS.get(unit, unit))


def status_label(status: str) -> str:
    return str(STATUSES[status])
