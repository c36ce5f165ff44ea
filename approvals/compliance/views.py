"""Compliance pages: run the check, record an override, the findings page, the blackout view.
Thin: services decide, permissions answer. The checked object is found through its
``Checkable`` by the URL's slug (``/compliance/requests/<pk>/``)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from approvals.compliance import permissions as perms
from approvals.compliance import selectors, services
from approvals.compliance.checkable import by_slug, checkable_of
from approvals.compliance.forms import OverrideForm, TakedownForm


def _object_or_404(user, kind, pk):
    checkable = by_slug(kind)
    if checkable is None:
        raise Http404
    model = checkable.model
    related = ("secretariat",) if hasattr(model, "secretariat") else ()
    obj = get_object_or_404(model.objects.select_related(*related), pk=pk)
    if not perms.can_see_findings(user, obj):
        raise Http404
    return obj


def _back(request, obj):
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(target, {request.get_host()},
                                                  require_https=request.is_secure()):
        return redirect(target)
    return redirect("compliance:findings", kind=checkable_of(obj).slug, pk=obj.pk)


@login_required
def findings_page(request, kind, pk):
    obj = _object_or_404(request.user, kind, pk)
    checkable = checkable_of(obj)
    return render(request, "approvals/compliance/findings.html", {
        "object": obj, "object_url": checkable.url(obj),
        "can_view_request": checkable.can_view(request.user, obj)})


@login_required
@require_POST
def check(request, kind, pk):
    obj = _object_or_404(request.user, kind, pk)
    try:
        findings = services.compliance_check(request=obj, by=request.user)
    except ValidationError as error:
        for text in error.messages:
            messages.error(request, text)
    else:
        open_count = sum(1 for f in findings if f.is_open)
        if open_count:
            messages.warning(request, ngettext("%(n)d finding needs action.",
                                               "%(n)d findings need action.", open_count)
                             % {"n": open_count})
        else:
            messages.success(request, _("The compliance check found nothing to act on."))
    return _back(request, obj)


@login_required
@require_POST
def override(request, kind, pk):
    obj = _object_or_404(request.user, kind, pk)
    if not perms.can_override_some(request.user, obj):
        raise PermissionDenied  # refused before anything is said about the form
    form = OverrideForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Write the justification of the override."))
        return _back(request, obj)
    try:
        services.finding_override(request=obj, by=request.user, **form.cleaned_data)
    except ValidationError as error:
        for text in error.messages:
            messages.error(request, text)
    else:
        messages.success(request, _("Override recorded."))
    return _back(request, obj)


@login_required
def blackout_view(request):
    if not perms.can_see_blackout_view(request.user):
        raise PermissionDenied
    windows = selectors.blackout_windows()
    chosen = request.POST.get("window") or request.GET.get("window")
    window = next((w for w in windows if str(w.pk) == chosen), windows[0] if windows else None)
    groups = selectors.blackout_items(window) if window else []
    if request.method == "POST" and window is not None:
        choices = [(p.pk, p.pk) for _c, pubs in groups for p in pubs]
        form = TakedownForm(request.POST, choices=choices)
        if not form.is_valid():
            messages.error(request, _("Select at least one piece and write the reason."))
        else:
            chosen_pks = set(form.cleaned_data["publications"])
            pubs = [p for _c, items in groups for p in items if p.pk in chosen_pks]
            try:
                count = services.publications_take_down(
                    publications=pubs, by=request.user, window=window,
                    reason=form.cleaned_data["reason"])
            except ValidationError as error:
                for text in error.messages:
                    messages.error(request, text)
            else:
                messages.success(request, ngettext("%(n)d piece taken down.",
                                                   "%(n)d pieces taken down.", count)
                                 % {"n": count})
        return redirect(f"{request.path}?window={window.pk}")
    return render(request, "approvals/compliance/blackout.html", {
        "windows": windows, "window": window, "groups": groups,
        "can_take_down": perms.can_take_down(request.user)})
