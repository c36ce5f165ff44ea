"""Writes of the reports app: start and run background exports, purge expired files,
subscriptions, and the monthly e-mail. Views, the command and huey tasks call these."""

import logging
import tempfile
from datetime import date, timedelta

from django.conf import settings
from django.core.files import File
from django.core.mail import EmailMessage
from django.db import transaction
from django.utils import formats, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from audit.services import record
from pauta import clock
from reports import permissions as perms
from reports.models import KPIExport, ReportSubscription
from reports.slices import Slice
from reports.xlsx import build_workbook
from workflows.services import ensure

log = logging.getLogger(__name__)


def plan_targets(slice_, facts=None) -> list:
    """TargetRows of the approved plan of the slice's year (municipality-wide figures)."""
    from plans.selectors import approved_plan_for
    from reports.indicators.targets import target_rows

    plan = approved_plan_for(slice_.end.year)
    return target_rows(plan, clock.today(), facts=facts) if plan else []


def write_workbook(slice_, out, progress=None) -> None:
    """The one way a KPI workbook is written (web, command, job, e-mail)."""
    targets = plan_targets(slice_) if slice_.scope is None else []
    build_workbook(slice_, out, targets=targets, progress=progress)


def filename_for(slice_) -> str:
    return f"pauta-kpis-{slice_.start:%Y%m%d}-{slice_.end:%Y%m%d}.xlsx"


@transaction.atomic
def export_start(*, by, slice_: Slice) -> KPIExport:
    """Record a background export of ``slice_`` and enqueue it after commit."""
    ensure(perms.can_export(by))
    export = KPIExport.objects.create(
        requested_by=by, params=slice_.as_params(),
        scope=None if slice_.scope is None else sorted(slice_.scope))
    record(by=by, verb="export_kpis", target=export, payload=export.params)
    from reports.tasks import run_export

    transaction.on_commit(lambda: run_export(export.pk))
    return export


def export_run(*, export_id: int) -> KPIExport:
    """Build the workbook of a recorded export, reporting progress (each report is also the
    job's heartbeat); idempotent when done, and a no-op once the job was closed (done, or
    failed by ``exports_fail_stalled``)."""
    export = KPIExport.objects.get(pk=export_id)
    if export.status == KPIExport.Status.DONE or export.finished_at is not None:
        return export
    KPIExport.objects.filter(pk=export.pk).update(status=KPIExport.Status.RUNNING, progress=0,
                                                  heartbeat_at=clock.now())
    slice_ = Slice.from_params(export.params, export.scope)

    def progress(done, total):
        KPIExport.objects.filter(pk=export.pk).update(progress=min(99, 100 * done // total),
                                                      heartbeat_at=clock.now())

    try:
        with tempfile.TemporaryFile() as handle:
            with translation.override(export.requested_by.language or settings.LANGUAGE_CODE):
                write_workbook(slice_, handle, progress)
            handle.seek(0)
            export.file.save(filename_for(slice_), File(handle), save=False)
    except Exception as error:  # the page must say it failed, not spin forever
        log.exception("KPI export %s failed", export.pk)
        KPIExport.objects.filter(pk=export.pk).update(status=KPIExport.Status.FAILED,
                                                      error=str(error)[:2000])
        raise
    now = clock.now()
    closed = KPIExport.objects.filter(pk=export.pk, finished_at__isnull=True).update(
        file=export.file.name, status=KPIExport.Status.DONE, progress=100, finished_at=now,
        heartbeat_at=now, expires_at=now + timedelta(hours=settings.KPI_EXPORT_KEEP_HOURS))
    if not closed:  # the sweeper gave up on it meanwhile, and the person was told so
        export.file.delete(save=False)
    return KPIExport.objects.get(pk=export.pk)


STALLED = gettext_lazy(
    "The KPI export #%(id)s (%(start)s to %(end)s) failed: the server stopped while building "
    "it. Please generate it again.")


def exports_fail_stalled(now=None) -> int:
    """Fail the exports whose worker died, and tell each person; returns how many.

    A job waiting or running whose heartbeat is older than ``KPI_EXPORT_HEARTBEAT_TIMEOUT``
    seconds is closed as failed (a conditional update: it is closed once, even with two
    sweepers or a late worker), an audit event ``export_failed`` is written and its
    requester gets an in-app notification in their language.
    """
    now = now or clock.now()
    cutoff = now - timedelta(seconds=settings.KPI_EXPORT_HEARTBEAT_TIMEOUT)
    stalled = KPIExport.objects.filter(
        status__in=[KPIExport.Status.PENDING, KPIExport.Status.RUNNING],
        heartbeat_at__lt=cutoff, finished_at__isnull=True).select_related("requested_by")
    failed = 0
    for export in stalled:
        failed += _fail_stalled(export, now=now, cutoff=cutoff)
    return failed


@transaction.atomic
def _fail_stalled(export: KPIExport, *, now, cutoff) -> bool:
    from notifications.models import EmailState, Notification

    closed = KPIExport.objects.filter(
        pk=export.pk, status=export.status, heartbeat_at__lt=cutoff,
        finished_at__isnull=True).update(
        status=KPIExport.Status.FAILED, finished_at=now,
        expires_at=now + timedelta(hours=settings.KPI_EXPORT_KEEP_HOURS),
        error=f"no heartbeat since {export.heartbeat_at.isoformat()} (worker lost)")
    if not closed:
        return False
    log.warning("KPI export %s failed: no heartbeat since %s", export.pk, export.heartbeat_at)
    event = record(by=None, verb="export_failed", target=export,
                   payload={"heartbeat_at": export.heartbeat_at, "status": export.status})
    person = export.requested_by
    slice_ = Slice.from_params(export.params, export.scope)
    with translation.override(person.language or settings.LANGUAGE_CODE):
        message = str(STALLED) % {
            "id": export.pk, "start": formats.date_format(slice_.start, "SHORT_DATE_FORMAT"),
            "end": formats.date_format(slice_.end, "SHORT_DATE_FORMAT")}
    Notification.objects.get_or_create(event=event, recipient=person, defaults={
        "message": message, "email_state": EmailState.NONE})
    return True


def exports_purge(now=None) -> int:
    """Delete the files and rows of expired exports; returns how many."""
    now = now or clock.now()
    expired = list(KPIExport.objects.filter(expires_at__lt=now))
    for export in expired:
        if export.file:
            export.file.delete(save=False)
        export.delete()
    return len(expired)


@transaction.atomic
def subscription_set(*, by, active: bool) -> ReportSubscription:
    """Subscribe or unsubscribe ``by`` to the monthly workbook."""
    ensure(perms.can_subscribe(by) or not active)
    sub, _created = ReportSubscription.objects.select_for_update().get_or_create(user=by)
    sub.active = active
    sub.save(update_fields=["active"])
    return sub


def previous_month(today: date) -> tuple[date, date]:
    end = today.replace(day=1) - timedelta(days=1)
    return end.replace(day=1), end


def monthly_reports_send(today: date | None = None) -> int:
    """E-mail last month's workbook to each active subscriber who may still see it.

    Idempotent per month (``last_sent_month``); returns the number of e-mails sent.
    """
    start, end = previous_month(today or clock.today())
    month = f"{start:%Y-%m}"
    slice_ = Slice(start=start, end=end)
    subs = (ReportSubscription.objects.filter(active=True).exclude(last_sent_month=month)
            .select_related("user"))
    recipients = [s for s in subs if perms.can_subscribe(s.user) and s.user.email]
    if not recipients:
        return 0
    with tempfile.TemporaryFile() as handle:
        write_workbook(slice_, handle)
        handle.seek(0)
        content = handle.read()
    for sub in recipients:
        with translation.override(sub.user.language or settings.LANGUAGE_CODE):
            label = formats.date_format(start, "YEAR_MONTH_FORMAT")
            message = EmailMessage(
                subject=_("Pauta: KPIs of %(month)s") % {"month": label},
                body=_("Attached: the KPI workbook of %(month)s (summary, raw sheets and "
                       "definitions).") % {"month": label}, to=[sub.user.email])
        message.attach(filename_for(slice_), content,
                       "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
        message.send()
        ReportSubscription.objects.filter(pk=sub.pk).update(last_sent_month=month)
    return len(recipients)
