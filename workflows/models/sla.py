"""Service-level standards: lead time per request kind, and holidays for business days."""

from django.core.validators import MaxValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from workflows.models.requests import RequestKind


class LeadTimeStandard(models.Model):
    """Business days between submission and the due date, per request kind."""

    kind = models.CharField(_("kind"), max_length=20, choices=RequestKind.choices, unique=True)
    business_days = models.PositiveSmallIntegerField(_("business days"))
    # The team's workload view sums these per editor and week (workflows/workload.py).
    estimated_hours = models.PositiveSmallIntegerField(
        _("estimated hours"), default=4, validators=[MaxValueValidator(200)],
        help_text=_("Hours of work a request of this kind usually takes (0 to 200)."))

    class Meta:
        ordering = ["kind"]
        verbose_name = _("lead-time standard")
        verbose_name_plural = _("lead-time standards")

    def __str__(self):
        return f"{self.get_kind_display()}: {self.business_days}"


class Holiday(models.Model):
    """A day without business (the calendar app also feeds holidays to the SLA clock)."""

    date = models.DateField(_("date"), unique=True)
    name = models.CharField(_("name"), max_length=200)

    class Meta:
        ordering = ["date"]
        verbose_name = _("holiday")
        verbose_name_plural = _("holidays")

    def __str__(self):
        return f"{self.date:%d/%m/%Y} {self.name}"
