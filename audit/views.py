"""The auditor's audit trail page and its exports (CSV streamed, XLSX). Thin: the filters,
the selectors (``audit.trail``) and the permission module (``audit.permissions``) decide."""

import tempfile
from datetime import timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import FileResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from audit import exports, trail
from audit.anchor import last_verification
from audit.forms import TrailFilterForm
from audit.models import VerificationRun
from audit.permissions import can_view_trail
from audit.services import record

PAGE_SIZE = 50
RUNS_SHOWN = 10
STALE_AFTER = timedelta(hours=25)  # the task runs hourly; a day without a run is news
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _form(request) -> TrailFilterForm:
    if not can_view_trail(request.user):
        raise PermissionDenied
    return TrailFilterForm(request.GET if any(request.GET.get(name) for name in (
        *TrailFilterForm.base_fields, "page")) else None)


def _chain_status() -> dict:
    runs = list(VerificationRun.objects.all()[:RUNS_SHOWN])
    latest = runs[0] if runs else None
    stored = None if latest else last_verification()  # a run from before runs were stored
    at = latest.at if latest else None
    return {"runs": runs, "latest": latest, "stored": stored,
            "stale": at is not None and timezone.now() - at > STALE_AFTER}


@login_required
def trail_page(request):
    """Every event, newest first, filtered; the chain's status; links to the exports."""
    form = _form(request)
    context = {"form": form, "filtered": form.is_filtered(), "chain": _chain_status(),
               "query": request.GET.urlencode()}
    if not form.is_bound or form.is_valid():
        page = Paginator(trail.filtered(**form.filters()), PAGE_SIZE).get_page(
            request.GET.get("page"))
        trail.with_objects(page.object_list)
        context["page"] = page
    return render(request, "audit/trail.html", context)


def _valid_filters(request):
    form = _form(request)
    if form.is_bound and not form.is_valid():
        messages.error(request, _("Correct the filters before exporting."))
        return None
    return trail.filtered(**form.filters())


def _back(request):
    return redirect(reverse("audit:trail") + "?" + request.GET.urlencode())


@login_required
def export_csv(request):
    """The filtered trail as CSV, streamed: any length, constant memory."""
    events = _valid_filters(request)
    if events is None:
        return _back(request)
    record(by=request.user, verb="audit_trail_export", target=request.user,
           payload={"format": "csv", "rows": events.count(), "filters": _filters(request)})
    response = StreamingHttpResponse(exports.csv_lines(events, get_language()),
                                     content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{_filename("csv")}"'
    return response


@login_required
def export_xlsx(request):
    """The filtered trail as XLSX (up to ``exports.XLSX_MAX_ROWS`` events; else the CSV)."""
    events = _valid_filters(request)
    if events is None:
        return _back(request)
    rows = events.count()
    if rows > exports.XLSX_MAX_ROWS:
        messages.error(request, _(
            "%(rows)s events are too many for a spreadsheet (at most %(limit)s): narrow the "
            "filters or export to CSV.") % {"rows": rows, "limit": exports.XLSX_MAX_ROWS})
        return _back(request)
    record(by=request.user, verb="audit_trail_export", target=request.user,
           payload={"format": "xlsx", "rows": rows, "filters": _filters(request)})
    handle = tempfile.TemporaryFile()  # noqa: SIM115  (FileResponse closes it)
    exports.write_xlsx(events, handle)
    handle.seek(0)
    return FileResponse(handle, as_attachment=True, filename=_filename("xlsx"),
                        content_type=XLSX)


def _filters(request) -> dict:
    return {name: request.GET[name] for name in TrailFilterForm.base_fields
            if request.GET.get(name)}


def _filename(extension: str) -> str:
    return f"pauta-audit-trail-{timezone.localtime():%Y%m%d-%H%M}.{extension}"
