"""The team's absences (vacation, leave, training): recorded here by whoever manages the team
for anyone, by an editor for themselves; shown on the editorial calendar and the workload
page. The writes are ``org.services.absence_save``/``absence_remove``."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from calendars.forms import AbsenceForm
from org import permissions as org_perms
from org.models import Absence
from org.selectors import absence_page_rows
from org.services import absence_remove, absence_save
from pauta import clock


def _refuse_forged_person(request, everyone: bool) -> None:
    """An editor's form has no person: a post naming someone else is forged (403)."""
    if everyone or request.method != "POST" or "person" not in request.POST:
        return
    if request.POST.get("person") != str(request.user.pk):
        raise PermissionDenied


def _save(request, form, *, everyone: bool, absence=None) -> bool:
    if not form.is_valid():
        return False
    data = form.cleaned_data
    person = data["person"] if everyone else request.user
    try:
        absence_save(by=request.user, person=person, kind=data["kind"],
                     starts_on=data["starts_on"], ends_on=data["ends_on"],
                     reason=data["reason"], absence=absence)
    except ValidationError as error:
        if hasattr(error, "error_dict"):
            for field, errors in error.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            form.add_error(None, error.messages)
        return False
    return True


@login_required
def absence_list(request):
    """The absences page: the form to record one and the current and coming absences."""
    if not org_perms.can_use_absences(request.user):
        raise PermissionDenied
    everyone = org_perms.can_manage_absences(request.user)
    _refuse_forged_person(request, everyone)
    form = AbsenceForm(request.POST or None, everyone=everyone)
    if request.method == "POST" and _save(request, form, everyone=everyone):
        messages.success(request, _("Absence recorded: the calendar and the team's workload "
                                    "count it."))
        return redirect("calendars:absences")
    rows = absence_page_rows(request.user, today=clock.today(), everyone=everyone)
    return render(request, "calendars/absences.html", {
        "form": form, "rows": rows, "everyone": everyone, "today": clock.today()},
        status=400 if form.errors else 200)


@login_required
def absence_edit(request, pk):
    absence = get_object_or_404(Absence.objects.select_related("user"), pk=pk)
    if not org_perms.can_record_absence(request.user, absence.user):
        raise PermissionDenied
    everyone = org_perms.can_manage_absences(request.user)
    _refuse_forged_person(request, everyone)
    initial = {"person": absence.user_id, "kind": absence.kind, "starts_on": absence.starts_on,
               "ends_on": absence.ends_on, "reason": absence.reason}
    form = AbsenceForm(request.POST or None, initial=initial, everyone=everyone)
    if request.method == "POST" and _save(request, form, everyone=everyone, absence=absence):
        messages.success(request, _("Absence saved."))
        return redirect("calendars:absences")
    return render(request, "calendars/absence_form.html", {"form": form, "absence": absence},
                  status=400 if form.errors else 200)


@login_required
@require_POST
def absence_delete(request, pk):
    absence = get_object_or_404(Absence.objects.select_related("user"), pk=pk)
    absence_remove(by=request.user, absence=absence)  # 403 for who may not
    messages.success(request, _("Absence removed."))
    return redirect("calendars:absences")
