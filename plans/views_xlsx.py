"""XLSX pages: export a plan, download the template, import a file (all or nothing)."""

import tempfile

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from plans import permissions as perms
from plans.forms import ImportForm
from plans.imports import plan_import
from plans.models import Plan
from plans.xlsx_import import ImportRejected
from plans.xlsx_layout import SHEETS, export_plan

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _xlsx_response(plan, filename: str) -> FileResponse:
    # Write-only workbooks go to a file; FileResponse closes it when sent.
    handle = tempfile.TemporaryFile()  # noqa: SIM115
    export_plan(plan, handle)
    handle.seek(0)
    return FileResponse(handle, as_attachment=True, filename=filename, content_type=XLSX)


@login_required
def plan_export(request, pk):
    if not perms.can_export(request.user):
        raise PermissionDenied
    plan = get_object_or_404(Plan, pk=pk)
    return _xlsx_response(plan, f"plano-{plan.year}.xlsx")


@login_required
def plan_template(request):
    if not perms.can_view_plans(request.user):
        raise PermissionDenied
    return _xlsx_response(None, "plano-modelo.xlsx")


@login_required
def plan_import_view(request):
    if not perms.can_import(request.user):
        raise PermissionDenied
    form = ImportForm(request.POST or None, request.FILES or None)
    problems = []
    if request.method == "POST" and form.is_valid():
        try:
            plan = plan_import(source=form.cleaned_data["file"], by=request.user)
        except ImportRejected as error:
            problems = error.problems
        else:
            messages.success(request, _("The plan was imported."))
            return redirect("plans:detail", pk=plan.pk)
    return render(request, "plans/import.html", {"form": form, "problems": problems,
                                                 "sheets": SHEETS})
