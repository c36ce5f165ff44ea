"""KPI pages: the dashboard, the XLSX export (streamed or in the background), its progress
and download, the monthly subscription. Thin: permissions and services decide."""

import tempfile

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from pauta import clock
from reports import permissions as perms
from reports import selectors, services
from reports.forms import KPIFilterForm
from reports.models import KPIExport, ReportSubscription
from reports.xlsx import estimate_rows

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _form(request) -> KPIFilterForm:
    if not perms.can_view_dashboard(request.user):
        raise PermissionDenied
    return KPIFilterForm(request.GET or None, user=request.user)


@login_required
def dashboard(request):
    form = _form(request)
    context = {"form": form, "scoped": not perms.can_see_all(request.user),
               "can_subscribe": perms.can_subscribe(request.user)}
    if not form.is_bound or form.is_valid():
        slice_ = form.slice()
        body, has_sections, data = selectors.dashboard_body(request.user, slice_)
        context.update(data)  # the figures themselves when rendered now (tests read them)
        context.update(body=body, has_sections=has_sections)
        context["query"] = request.GET.urlencode()
        context["period"] = slice_
        context["currency"] = settings.CURRENCY
        context["subscribed"] = ReportSubscription.objects.filter(
            user=request.user, active=True).exists()
    return render(request, "reports/dashboard.html", context)


@login_required
def export(request):
    """Small slices stream at once; large ones become a background job with a progress page."""
    form = _form(request)
    if form.is_bound and not form.is_valid():
        messages.error(request, _("Correct the filters before exporting."))
        return redirect(reverse("reports:dashboard") + "?" + request.GET.urlencode())
    slice_ = form.slice()
    if estimate_rows(slice_) > settings.KPI_EXPORT_ASYNC_ROWS:
        job = services.export_start(by=request.user, slice_=slice_)
        return redirect("reports:export_status", pk=job.pk)
    handle = tempfile.TemporaryFile()  # noqa: SIM115  (FileResponse closes it)
    services.write_workbook(slice_, handle)
    handle.seek(0)
    return FileResponse(handle, as_attachment=True, filename=services.filename_for(slice_),
                        content_type=XLSX)


def _job(request, pk) -> KPIExport:
    job = get_object_or_404(KPIExport, pk=pk)
    if job.requested_by_id != request.user.pk and not perms.can_download(request.user, job):
        raise Http404
    return job


@login_required
def export_status(request, pk):
    job = _job(request, pk)
    if request.headers.get("Accept", "").startswith("application/json"):
        return JsonResponse({"status": job.status, "progress": job.progress,
                             "download": reverse("reports:export_download", args=[job.pk])
                             if job.status == KPIExport.Status.DONE else None})
    return render(request, "reports/export_status.html", {"job": job})


@login_required
def export_download(request, pk):
    job = _job(request, pk)
    if not perms.can_download(request.user, job):
        raise PermissionDenied
    if job.status != KPIExport.Status.DONE or not job.file or (
            job.expires_at and job.expires_at < clock.now()):
        raise Http404
    return FileResponse(job.file.open("rb"), as_attachment=True,
                        filename=job.file.name.rsplit("/", 1)[-1], content_type=XLSX)


@login_required
@require_POST
def subscription(request):
    active = request.POST.get("active") == "1"
    services.subscription_set(by=request.user, active=active)
    messages.success(request, _("You will receive the monthly KPI workbook by e-mail.")
                     if active else _("You will no longer receive the monthly KPI workbook."))
    return redirect("reports:dashboard")
