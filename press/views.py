"""Press desk pages: the inbox by deadline, the inquiry page and its actions, decisions,
media contacts (list, form, page, forget/opt-out) and the spreadsheet import.

Thin: the press services decide, ``press.permissions`` answers who may do what and
``press.actions`` lists the buttons.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Count
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from approvals.models import ApprovalStep
from approvals.views import decide_page
from pauta import inputs
from pauta.action_views import run_action
from pauta.lifecycle import NotAllowed
from press import compliance, distribution, forms, imports, selectors, services, views_distribution
from press import contacts as contact_services
from press import permissions as perms
from press.actions import ACTIONS
from press.models import Distribution, Inquiry, Journalist, Outlet, OutletType

PAGE_SIZE = 25


def _visible_or_404(user, pk) -> Inquiry:
    inquiry = get_object_or_404(Inquiry.objects.select_related(
        "secretariat", "journalist", "outlet"), pk=pk)
    if not perms.can_view_inquiry(user, inquiry):
        raise Http404  # no hint that it exists
    return inquiry


def _save(request, form, write) -> bool:
    """Run ``write(data)``; a refusal becomes a form error (nothing is written)."""
    try:
        write(form.cleaned_data)
    except NotAllowed as refusal:
        raise PermissionDenied(refusal.messages[0]) from refusal
    except ValidationError as error:
        form.add_error(None, error)
        return False
    return True


@login_required
def inbox(request):
    if not perms.can_see_press_desk(request.user):
        raise PermissionDenied
    tab = request.GET.get("tab", "open")
    if tab not in selectors.TABS:
        tab = "open"
    page = Paginator(selectors.inbox(request.user, tab), PAGE_SIZE).get_page(
        request.GET.get("page"))
    return render(request, "press/inbox.html", {
        "page": page, "tab": tab, "counts": selectors.tab_counts(request.user),
        "can_register": perms.can_register_inquiry(request.user),
        "can_contacts": perms.can_view_contacts(request.user)})


@login_required
def inquiry_create(request):
    if not perms.can_register_inquiry(request.user):
        raise PermissionDenied
    form = forms.InquiryForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        created = {}
        if _save(request, form, lambda data: created.setdefault(
                "inquiry", services.inquiry_register(by=request.user, **data))):
            messages.success(request, _("Inquiry registered."))
            return redirect("press:detail", pk=created["inquiry"].pk)
    return render(request, "press/form.html", {"form": form, "title": _("New press inquiry")})


@login_required
def inquiry_edit(request, pk):
    inquiry = _visible_or_404(request.user, pk)
    if not perms.can_edit_inquiry(request.user, inquiry):
        raise PermissionDenied
    form = forms.InquiryForm(request.POST or None, instance=inquiry)
    if request.method == "POST" and form.is_valid() and _save(
            request, form, lambda data: services.inquiry_update(
                inquiry=Inquiry.objects.get(pk=inquiry.pk), by=request.user, **data)):
        messages.success(request, _("Changes saved."))
        return redirect("press:detail", pk=inquiry.pk)
    return render(request, "press/form.html", {"form": form, "object": inquiry,
                                               "title": _("Edit the inquiry")})


@login_required
def inquiry_detail(request, pk):
    inquiry = _visible_or_404(request.user, pk)
    user = request.user
    steps = list(inquiry.approval_steps.filter(review_round=inquiry.review_round)
                 .order_by("stage", "pk"))
    can = ACTIONS.can(user, inquiry)
    return render(request, "press/detail.html", {
        "object": inquiry, "can": can, "steps": steps,
        "decidable": {s.pk for s in steps if perms.can_decide_step(user, s)},
        "findings": compliance.answer_findings(inquiry) if inquiry.answer else [],
        "mails": inquiry.mails.all() if perms.is_press_officer(user) else [],
        "events": selectors.inquiry_events(inquiry),
        "forms": {"note": forms.NoteForm(), "facts": forms.FactsForm(),
                  "answer": forms.AnswerForm(initial={"answer": inquiry.answer}),
                  "decline": forms.ReasonForm(prefix="decline"),
                  "no_position": forms.ReasonForm(prefix="no_position"),
                  "on_record": forms.OnRecordForm(initial={"on_record": inquiry.on_record}),
                  "interview": forms.InterviewForm(prefix="interview", initial={
                      "spokesperson": inquiry.spokesperson_id,
                      "starts_at": inquiry.interview_at and timezone.localtime(
                          inquiry.interview_at),
                      "minutes": inquiry.interview_minutes, "place": inquiry.interview_place,
                      "briefing": inquiry.briefing})},
        "briefing": inquiry.is_interview and (perms.is_press_officer(user)
                                              or perms.is_spokesperson(user, inquiry)),
    })


@login_required
@require_POST
def inquiry_action(request, pk, action):
    """Every button of the inquiry page (``press.actions``)."""
    inquiry = _visible_or_404(request.user, pk)
    run_action(request, registry=ACTIONS, obj=inquiry, verb=action)
    return redirect("press:detail", pk=inquiry.pk)


@login_required
def step_decide(request, pk, step_pk):
    inquiry = _visible_or_404(request.user, pk)
    step = get_object_or_404(ApprovalStep.objects.select_related("inquiry"), pk=step_pk,
                             inquiry=inquiry)
    return decide_page(request, obj=inquiry, step=step,
                       back_url=reverse("press:detail", args=[inquiry.pk]))


# Contacts ---------------------------------------------------------------------------------

def _contacts_or_403(user) -> None:
    if not perms.can_view_contacts(user):
        raise PermissionDenied


@login_required
def contacts(request):
    _contacts_or_403(request.user)
    q = inputs.query_text(request.GET, "q")
    outlet_type = request.GET.get("type", "")
    if outlet_type not in OutletType.values:
        outlet_type = ""
    page = Paginator(selectors.contacts(q=q, outlet_type=outlet_type), PAGE_SIZE).get_page(
        request.GET.get("page"))
    return render(request, "press/contacts.html", {
        "page": page, "q": q, "type": outlet_type, "types": OutletType.choices,
        "can_edit": perms.can_edit_contacts(request.user),
        "distributions": Distribution.objects.select_related("request")[:5]})


def _journalist_or_404(user, pk) -> Journalist:
    _contacts_or_403(user)
    return get_object_or_404(Journalist.objects.select_related("outlet"), pk=pk)


@login_required
def contact_detail(request, pk):
    journalist = _journalist_or_404(request.user, pk)
    return render(request, "press/contact.html", {
        "object": journalist, "can_edit": perms.can_edit_journalist(request.user, journalist),
        "inquiries": journalist.inquiries.select_related("secretariat").order_by("-deadline")})


@login_required
def contact_create(request):
    if not perms.can_edit_contacts(request.user):
        raise PermissionDenied
    form = forms.JournalistForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        created = {}
        if _save(request, form, lambda data: created.setdefault(
                "journalist", contact_services.journalist_create(by=request.user, **data))):
            messages.success(request, _("Contact saved."))
            return redirect("press:contact", pk=created["journalist"].pk)
    return render(request, "press/form.html", {"form": form, "title": _("New media contact")})


@login_required
def contact_edit(request, pk):
    journalist = _journalist_or_404(request.user, pk)
    if not perms.can_edit_journalist(request.user, journalist):
        raise PermissionDenied
    form = forms.JournalistForm(request.POST or None, instance=journalist)
    if request.method == "POST" and form.is_valid() and _save(
            request, form, lambda data: contact_services.journalist_update(
                journalist=Journalist.objects.get(pk=journalist.pk), by=request.user, **data)):
        messages.success(request, _("Changes saved."))
        return redirect("press:contact", pk=journalist.pk)
    return render(request, "press/form.html", {"form": form, "object": journalist,
                                               "title": _("Edit the contact")})


@login_required
@require_POST
def contact_action(request, pk, action):
    """Forget (erase on request) or opt out of distributions."""
    journalist = _journalist_or_404(request.user, pk)
    run = {"forget": contact_services.journalist_forget,
           "opt_out": contact_services.journalist_opt_out}.get(action)
    if run is None:
        raise Http404
    try:
        run(journalist=journalist, by=request.user)
    except NotAllowed as refusal:
        raise PermissionDenied(refusal.messages[0]) from refusal
    messages.success(request, _("The contact's personal data were erased.") if action ==
                     "forget" else _("The contact will receive no more distributions."))
    return redirect("press:contact", pk=journalist.pk)


@login_required
def outlets(request):
    """The media outlets: one list for the desk and for clipping (its sources and clips)."""
    if not perms.can_view_outlets(request.user):
        raise PermissionDenied
    rows = Outlet.objects.annotate(contacts=Count("journalists", distinct=True))
    return render(request, "press/outlets.html", {
        "outlets": rows, "can_add": perms.can_add_outlet(request.user),
        "can_edit": perms.can_edit_outlet(request.user)})


@login_required
def outlet_create(request):
    if not perms.can_add_outlet(request.user):
        raise PermissionDenied
    form = forms.OutletForm(request.POST or None)
    if request.method == "POST" and form.is_valid() and _save(
            request, form, lambda data: contact_services.outlet_create(by=request.user, **data)):
        messages.success(request, _("Outlet saved."))
        return redirect("press:outlets")
    return render(request, "press/form.html", {"form": form, "title": _("New media outlet"),
                                               "cancel_url": reverse("press:outlets")})


@login_required
def outlet_edit(request, pk):
    outlet = get_object_or_404(Outlet, pk=pk)
    if not perms.can_edit_outlet(request.user, outlet):
        raise PermissionDenied
    form = forms.OutletForm(request.POST or None, instance=outlet)
    if request.method == "POST" and form.is_valid() and _save(
            request, form, lambda data: contact_services.outlet_update(
                by=request.user, outlet=outlet, **data)):
        messages.success(request, _("Changes saved."))
        return redirect("press:outlets")
    return render(request, "press/form.html", {"form": form, "title": _("Edit the outlet"),
                                               "cancel_url": reverse("press:outlets")})


@login_required
def contact_import(request):
    if not perms.can_edit_contacts(request.user):
        raise PermissionDenied
    form = forms.ImportForm(request.POST or None, request.FILES or None)
    report = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        report = imports.contacts_import(by=request.user, name=upload.name, data=upload.read())
        if report.ok:
            messages.success(request, _("%(created)s contacts added, %(updated)s updated.")
                             % {"created": report.created, "updated": report.updated})
            return redirect("press:contacts")
    return render(request, "press/import.html", {"form": form, "report": report,
                                                 "columns": imports.COLUMNS})


# Distributions ----------------------------------------------------------------------------

@transaction.atomic
def _distribution_from(user, data: dict):
    """The form's distribution: a saved list's filters when one is chosen; the filters saved
    under a new name when asked (a refused name writes nothing)."""
    saved, name = data.pop("saved_list", None), (data.pop("save_as", "") or "").strip()
    if saved is not None:
        data.update(beats=saved.beats, outlet_types=saved.outlet_types, reaches=saved.reaches,
                    cities=saved.cities)
    if name:
        distribution.distribution_list_save(by=user, name=name, beats=data["beats"],
                                            outlet_types=data["outlet_types"],
                                            reaches=data["reaches"], cities=data["cities"])
    return distribution.distribution_create(by=user, **data)


@login_required
def distribution_create(request):
    if not perms.can_edit_contacts(request.user):
        raise PermissionDenied
    form = forms.DistributionForm(request.POST or None)
    created = {}
    if request.method == "POST" and form.is_valid() and _save(
            request, form, lambda data: created.setdefault(
                "distribution", _distribution_from(request.user, dict(data)))):
        messages.success(request, _("Distribution prepared: send the test to yourself, then "
                                    "send it to the contacts."))
        return redirect("press:distribution", pk=created["distribution"].pk)
    return render(request, "press/form.html", {"form": form,
                                               "title": _("Distribute a press release")})


@login_required
def distribution_detail(request, pk):
    _contacts_or_403(request.user)
    item = get_object_or_404(Distribution.objects.select_related("request"), pk=pk)
    numbers = distribution.progress(item)
    page = Paginator(item.deliveries.select_related("journalist"), 50).get_page(
        request.GET.get("page"))
    return render(request, "press/distribution.html", {
        "object": item, "page": page, "progress": numbers,
        "progress_text": views_distribution.progress_text(numbers),
        "recipients": distribution.recipients_of(item).count(),
        "can_edit": perms.can_edit_contacts(request.user)})


@login_required
@require_POST
def distribution_action(request, pk, action):
    _contacts_or_403(request.user)
    item = get_object_or_404(Distribution, pk=pk)
    run = {"test": distribution.distribution_test_send,
           "start": distribution.distribution_start}.get(action)
    if run is None:
        raise Http404
    try:
        run(distribution=item, by=request.user)
    except NotAllowed as refusal:
        raise PermissionDenied(refusal.messages[0]) from refusal
    except ValidationError as error:
        for text in error.messages:
            messages.error(request, text)
    else:
        messages.success(request, _("Test e-mail sent to you.") if action == "test"
                         else _("Sending: the progress shows below."))
    return redirect("press:distribution", pk=item.pk)


def unsubscribe(request, token):
    """The recipient's own link (no account): confirm, then leave every distribution."""
    journalist = distribution.journalist_of_token(token)
    if journalist is None:
        raise Http404
    done = journalist.opted_out_at is not None
    if request.method == "POST" and not done:
        contact_services.journalist_opt_out(journalist=journalist, system=True)
        done = True
    return render(request, "press/unsubscribe.html", {"done": done, "token": token})
