"""Electoral period: no institutional publicity inside a blackout window of the calendar,
save the legal exceptions a legal reviewer records."""

from django.apps import apps
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from approvals.compliance.models import Severity
from approvals.compliance.registry import Rule, register

BASIS = {
    "BR": gettext_lazy(
        "Lei 9.504/1997, art. 73, VI, b: no institutional publicity in the three months "
        "before the election, save a grave and urgent public need recognised by the "
        "Electoral Court, or products and services that compete in the market."),
    "PT": gettext_lazy(
        "Lei n.º 72-A/2015, art. 10.º, n.º 4: no institutional publicity from the "
        "publication of the decree that sets the election date, save a grave and urgent "
        "public need."),
}


def windows_at(moment):
    if not apps.is_installed("calendars"):
        return []
    from calendars.selectors import blackout_windows_covering

    return blackout_windows_covering(moment)


@register
class ElectoralBlackout(Rule):
    code = "electoral.blackout"
    family = "electoral"
    title = gettext_lazy("Electoral period")
    basis = BASIS["BR"]
    default_severity = Severity.BLOCKER
    default_params = {"jurisdiction": "BR"}
    legal_override = True

    def check(self, ctx, cfg):
        basis = BASIS.get(str(cfg.param("jurisdiction")).upper(), BASIS["BR"])
        for channel, moment, _publication in ctx.moments():
            # Channels going out at the same moment share one read.
            for window in ctx.once(("blackout_windows", moment), lambda m=moment: windows_at(m)):
                when = formats.date_format(timezone.localtime(moment), "SHORT_DATETIME_FORMAT")
                yield self.finding(
                    ctx, cfg, channel=channel, field_name="schedule", key=window.uid,
                    basis=basis,
                    message=_("The publication date (%(when)s) falls inside the electoral "
                              "window “%(window)s”.") % {"when": when, "window": window.title},
                    suggestion=_("Publish after the election, or ask the legal reviewer to "
                                 "record a legal exception."))
