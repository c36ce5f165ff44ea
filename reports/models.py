"""What the reports app stores: background exports, monthly subscriptions, links from the
plan's KPI targets to the computed indicators."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from pauta import clock


def export_storage():
    """Exports live outside MEDIA_ROOT (never served as media): only the download view,
    which checks permissions, reads them."""
    from django.core.files.storage import FileSystemStorage

    return FileSystemStorage(location=settings.DATA_DIR / "kpi-exports")


class KPIExport(models.Model):
    """One XLSX workbook built in the background; its file is deleted when it expires."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting")
        RUNNING = "running", _("Running")
        DONE = "done", _("Ready")
        FAILED = "failed", _("Failed")

    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                                     related_name="kpi_exports", verbose_name=_("requested by"))
    params = models.JSONField(_("filters"), default=dict)
    # Secretariat ids whose data the file holds; null: every secretariat (needs view_kpis).
    scope = models.JSONField(_("data scope"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices,
                              default=Status.PENDING)
    progress = models.PositiveSmallIntegerField(_("progress"), default=0)
    file = models.FileField(_("file"), upload_to="%Y/%m/", storage=export_storage, blank=True,
                            max_length=300)
    error = models.TextField(_("error"), blank=True)
    created_at = models.DateTimeField(_("created at"), default=clock.now)
    # Moved on when the job is queued, starts and every few thousand rows: a job whose
    # heartbeat is older than KPI_EXPORT_HEARTBEAT_TIMEOUT lost its worker.
    heartbeat_at = models.DateTimeField(_("last sign of life"), default=clock.now)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    expires_at = models.DateTimeField(_("expires at"), null=True, blank=True, db_index=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("KPI export")
        verbose_name_plural = _("KPI exports")
        permissions = [("view_kpis", _("Can see the KPIs of every secretariat"))]

    def __str__(self):
        return f"#{self.pk} {self.get_status_display()}"


class ReportSubscription(models.Model):
    """A person who receives the previous month's workbook by e-mail on the 1st."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                                related_name="report_subscription", verbose_name=_("person"))
    active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(_("created at"), default=clock.now)
    last_sent_month = models.CharField(_("last month sent"), max_length=7, blank=True)

    class Meta:
        verbose_name = _("monthly report subscription")
        verbose_name_plural = _("monthly report subscriptions")

    def __str__(self):
        return str(self.user)


class TargetLink(models.Model):
    """Says which computed indicator measures a KPI target of the plan, over which slice."""

    target = models.OneToOneField("plans.KPITarget", on_delete=models.CASCADE,
                                  related_name="indicator_link", verbose_name=_("KPI target"))
    indicator = models.CharField(_("indicator"), max_length=40)
    secretariat = models.ForeignKey("org.Secretariat", null=True, blank=True,
                                    on_delete=models.CASCADE, verbose_name=_("secretariat"))
    channel = models.ForeignKey("plans.Channel", null=True, blank=True, on_delete=models.CASCADE,
                                verbose_name=_("channel"))
    kind = models.CharField(_("kind"), max_length=20, blank=True)

    class Meta:
        verbose_name = _("indicator of a KPI target")
        verbose_name_plural = _("indicators of KPI targets")

    def __str__(self):
        return f"{self.target.code} → {self.indicator}"


from reports.facts.models import (  # noqa: E402, F401, I001
    AssignedFact, BusinessDay, CountedDay, DailyCount, FactsCursor, PublishedFact, StateStay)
