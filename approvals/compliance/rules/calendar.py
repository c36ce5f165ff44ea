"""Calendar: publication on an official mourning day, or close to another high-priority piece
on the same channel (blackout windows are the electoral rule)."""

from django.apps import apps
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from approvals.compliance.models import Severity
from approvals.compliance.registry import Rule, register


@register
class Mourning(Rule):
    code = "calendar.mourning"
    family = "calendar"
    title = gettext_lazy("Official mourning day")
    basis = gettext_lazy(
        "Decree of official mourning: institutional publicity is suspended or sober.")
    default_severity = Severity.WARNING

    def check(self, ctx, cfg):
        if not apps.is_installed("calendars"):
            return
        from calendars.selectors import mourning_days_on

        for channel, moment, _publication in ctx.moments():
            day = timezone.localdate(moment)  # channels going out that day share one read
            for event in ctx.once(("mourning", day), lambda d=day: mourning_days_on(d)):
                yield self.finding(
                    ctx, cfg, channel=channel, field_name="schedule",
                    key=f"{event.uid}:{timezone.localdate(moment)}",
                    message=_("%(day)s is a day of official mourning (“%(event)s”).")
                    % {"day": formats.date_format(timezone.localdate(moment),
                                                  "SHORT_DATE_FORMAT"), "event": event.title},
                    suggestion=_("Move the publication to another day."))


@register
class Collision(Rule):
    code = "calendar.collision"
    family = "calendar"
    title = gettext_lazy("Close to another high-priority piece")
    basis = gettext_lazy("Editorial calendar: one high-priority piece per channel at a time.")
    default_severity = Severity.WARNING
    default_params = {"hours": 2, "priorities": ["high", "urgent"]}

    def check(self, ctx, cfg):
        neighbours = ctx.checkable.neighbours
        if neighbours is None:
            return
        for text in ctx.texts:
            if not text.scheduled_at:
                continue
            for key, title in neighbours(ctx.obj, text, hours=cfg.param("hours"),
                                         priorities=cfg.param("priorities")):
                yield self.finding(
                    ctx, cfg, channel=text.channel, field_name="schedule", key=f"{key}",
                    message=_("“%(other)s”, a high-priority piece, goes out on %(channel)s "
                              "within %(hours)s hours.")
                    % {"other": title, "channel": text.channel.name,
                       "hours": cfg.param("hours")},
                    suggestion=_("Move one of the two pieces."))
