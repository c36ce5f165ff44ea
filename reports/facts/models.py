"""The tables of KPI facts (registered by ``reports.models``). Derived data only: every row
can be rebuilt from the audit trail and the holidays (``manage.py kpi_rebuild``)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class StateStay(models.Model):
    """One stay of a request in a state: from the audit event that moved it there to the next
    state change of the same request (``left_at`` empty while it is still there)."""

    # The audit event that opened the stay: a stable key, so folding twice changes nothing.
    event_id = models.BigIntegerField(_("audit event"), primary_key=True)
    request = models.ForeignKey("workflows.ContentRequest", on_delete=models.CASCADE,
                                related_name="+", verbose_name=_("request"))
    state = models.CharField(_("state"), max_length=30)
    verb = models.CharField(_("what"), max_length=50)  # the move that opened the stay
    entered_at = models.DateTimeField(_("entered at"))
    left_at = models.DateTimeField(_("left at"), null=True, blank=True)
    # (left_at - entered_at) in days, as the indicator reads it (None while open).
    days = models.FloatField(_("days"), null=True, blank=True)

    class Meta:
        verbose_name = _("stay in a state")
        verbose_name_plural = _("stays in a state")
        indexes = [models.Index(fields=["request", "state"], name="reports_stay_request"),
                   models.Index(fields=["verb", "request"], name="reports_stay_verb")]

    def __str__(self):
        return f"#{self.request_id} {self.state} {self.entered_at:%Y-%m-%d %H:%M}"


class BusinessDay(models.Model):
    """Every date of the calendar's range with the number of business days from the range's
    start up to and including it: business days in (a, b] = ordinal(b) − ordinal(a)."""

    day = models.DateField(_("date"), primary_key=True)
    ordinal = models.IntegerField(_("business days so far"))

    class Meta:
        verbose_name = _("business day")
        verbose_name_plural = _("business days")

    def __str__(self):
        return f"{self.day} {self.ordinal}"


class FactsCursor(models.Model):
    """How far the facts have read the audit trail (one row, ``name="audit"``), and which
    holidays the business-day calendar was built with."""

    name = models.CharField(max_length=20, primary_key=True)
    last_event_id = models.BigIntegerField(_("last audit event folded"), default=0)
    calendar_key = models.CharField(_("holidays the calendar was built with"), max_length=100,
                                    blank=True)
    calendar_start = models.DateField(null=True, blank=True)
    calendar_end = models.DateField(null=True, blank=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("KPI facts cursor")
        verbose_name_plural = _("KPI facts cursors")

    def __str__(self):
        return f"{self.name} @ {self.last_event_id}"
