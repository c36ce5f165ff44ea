"""Pages of the shared catalogue: channels (with their constraints) and audiences.

List, create, edit, deactivate/reactivate, and delete when unused. ``kind`` is the URL segment
(``channels`` or ``audiences``); every write goes through plans.services.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from plans import permissions as perms
from plans import services
from plans.forms import CATALOGUE_FORMS
from plans.selectors import catalogue_in_use, catalogue_list


def _require(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied


def _form_class(kind: str):
    if kind not in CATALOGUE_FORMS:
        raise Http404
    return CATALOGUE_FORMS[kind]


@login_required
def catalogue_list_view(request, kind):
    _require(perms.can_view_catalogue(request.user))
    model = _form_class(kind)._meta.model
    return render(request, f"plans/{kind}_list.html", {
        "kind": kind, "rows": catalogue_list(model),
        "can_add": perms.can_add_to_catalogue(request.user, model),
        "can_change": perms.can_change_in_catalogue(request.user, model),
    })


@login_required
def catalogue_edit(request, kind, pk=None):
    """Create (no ``pk``) or change a channel or an audience."""
    form_class = _form_class(kind)
    model = form_class._meta.model
    user = request.user
    _require(perms.can_change_in_catalogue(user, model) if pk
             else perms.can_add_to_catalogue(user, model))
    instance = get_object_or_404(model, pk=pk) if pk else model()
    form = form_class(request.POST or None, instance=instance)
    if request.method == "POST" and form.is_valid():
        try:
            services.catalogue_save(instance=form.save(commit=False), by=user)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Saved."))
            return redirect("plans:catalogue_list", kind=kind)
    in_use = bool(pk) and catalogue_in_use(instance)
    return render(request, "plans/catalogue_form.html", {
        "kind": kind, "form": form, "instance": instance, "in_use": in_use,
        "title": model._meta.verbose_name,
        "can_delete": bool(pk) and not in_use and perms.can_delete_from_catalogue(user, model),
    })


@login_required
@require_POST
def catalogue_active(request, kind, pk):
    """Deactivate (``active=0``) or reactivate (``active=1``) one."""
    model = _form_class(kind)._meta.model
    _require(perms.can_change_in_catalogue(request.user, model))
    instance = get_object_or_404(model, pk=pk)
    active = request.POST.get("active") == "1"
    services.catalogue_set_active(instance=instance, active=active, by=request.user)
    messages.success(request, _("“%(name)s” is active again.") % {"name": instance.name}
                     if active else _("“%(name)s” was deactivated: forms no longer offer it.")
                     % {"name": instance.name})
    return redirect("plans:catalogue_list", kind=kind)


@login_required
@require_POST
def catalogue_delete(request, kind, pk):
    model = _form_class(kind)._meta.model
    _require(perms.can_delete_from_catalogue(request.user, model))
    instance = get_object_or_404(model, pk=pk)
    try:
        services.catalogue_delete(instance=instance, by=request.user)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
        return redirect("plans:catalogue_edit", kind=kind, pk=pk)
    messages.success(request, _("Deleted."))
    return redirect("plans:catalogue_list", kind=kind)
