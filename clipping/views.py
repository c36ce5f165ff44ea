"""Clipping pages: the clips (triage queue), a clip, manual entry, sources, search terms,
the daily clipping and its subscriptions. Thin: services decide, permissions answer."""

from datetime import timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from audit.models import AuditEvent
from campaigns.models import Campaign
from clipping import digest as daily
from clipping import forms, selectors, services
from clipping import permissions as perms
from clipping.actions import ACTIONS
from clipping.models import Clip, ClipState, Digest, SearchTerm, Source, Subscription, Theme
from pauta import clock, inputs
from pauta.action_views import run_action
from press import permissions as press_perms
from press.models import Outlet
from workflows.models import ContentRequest

PAGE_SIZE = 25


def _viewer(user) -> None:
    if not perms.can_view(user):
        raise PermissionDenied


def _analyst(user) -> None:
    if not perms.is_analyst(user):
        raise PermissionDenied


@login_required
def clip_list(request):
    _viewer(request.user)
    state = request.GET.get("state", ClipState.TRIAGE)
    if state not in ClipState.values and state != "all":
        state = ClipState.TRIAGE
    clips = Clip.objects.select_related("outlet")
    linked_to = None  # the clips of a campaign or a request (their pages' panel links here)
    if (pk := inputs.to_id(request.GET.get("campaign", ""))) is not None:
        linked_to = Campaign.objects.filter(pk=pk).first()
        clips = clips.filter(Q(campaign_id=pk) | Q(request__campaign_id=pk))
    elif (pk := inputs.to_id(request.GET.get("request", ""))) is not None:
        linked_to = ContentRequest.objects.filter(pk=pk).first()
        clips = clips.filter(request_id=pk)
    counts = dict(clips.values_list("state").annotate(n=Count("pk")).order_by())
    if state != "all":
        clips = clips.filter(state=state)
    page = Paginator(clips, PAGE_SIZE).get_page(request.GET.get("page"))
    tabs = [(value, label, counts.get(value, 0)) for value, label in ClipState.choices]
    return render(request, "clipping/list.html", {
        "page": page, "state": state, "tabs": tabs, "total": sum(counts.values()),
        "analyst": perms.is_analyst(request.user), "linked_to": linked_to,
        "filter_query": (f"&{'campaign' if isinstance(linked_to, Campaign) else 'request'}="
                         f"{linked_to.pk}") if linked_to else ""})


def _clip_or_404(user, pk) -> Clip:
    _viewer(user)
    return get_object_or_404(Clip.objects.select_related(
        "outlet", "source", "request", "campaign", "plan_action", "publication__channel"),
        pk=pk)


@login_required
def clip_detail(request, pk):
    clip = _clip_or_404(request.user, pk)
    events = AuditEvent.objects.filter(subject_type="clipping.clip",
                                       subject_id=str(clip.pk)).order_by("created_at", "pk")
    return render(request, "clipping/detail.html", {
        "object": clip, "can": ACTIONS.can(request.user, clip), "events": events,
        "keep_form": forms.KeepForm(clip=clip)})


@login_required
@require_POST
def clip_action(request, pk, action):
    clip = _clip_or_404(request.user, pk)
    run_action(request, registry=ACTIONS, obj=clip, verb=action)
    if action in ("keep", "discard") and request.POST.get("next") == "queue":
        following = services.triage_queue().exclude(pk=clip.pk).order_by("published_at").first()
        if following:
            return redirect("clipping:detail", pk=following.pk)
        return redirect("clipping:list")
    return redirect("clipping:detail", pk=clip.pk)


@login_required
def clip_file(request, pk):
    clip = _clip_or_404(request.user, pk)
    if not clip.file:
        raise Http404
    return FileResponse(clip.file.open("rb"), as_attachment=True,
                        filename=clip.file.name.rsplit("/", 1)[-1])


@login_required
def clip_enter(request):
    _analyst(request.user)
    form = forms.ManualClipForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            clip = services.clip_enter(by=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Clip entered; it is in the triage queue."))
            return redirect("clipping:detail", pk=clip.pk)
    return render(request, "clipping/form.html", {
        "form": form, "title": _("Enter a print, radio or TV clip"), "multipart": True})


PERIODS = (30, 90, 365)


@login_required
def repercussion(request):
    _viewer(request.user)
    try:
        days = int(request.GET.get("days", 365))
    except ValueError:
        days = 365
    days = days if days in PERIODS else 365
    qs = selectors.kept(since=clock.now() - timedelta(days=days))
    return render(request, "clipping/repercussion.html", {
        "days": days, "periods": PERIODS,
        "objectives": selectors.by_objective(qs),
        "campaigns": selectors.by(qs, "campaign", "campaign__title",
                                  url=lambda pk: reverse("campaigns:detail", args=[pk])),
        "requests": selectors.by(qs, "request", "request__title", limit=20,
                                 url=lambda pk: reverse("workflows:detail", args=[pk])),
        "secretariats": selectors.by(qs, "secretariats", "secretariats__acronym"),
        "outlets": selectors.by(qs, "outlet", "outlet__name"),
        "spikes": selectors.negative_spikes()})


def _config_form(request, form_class, save, prefix: str, done: str):
    """A configuration form of an analyst's page (the posted ``form`` field says which):
    (form, saved?). The forms of one page have no field name in common."""
    form = form_class(request.POST if request.POST.get("form") == prefix else None)
    if form.is_bound and form.is_valid():
        try:
            save(by=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error.messages[0])
        else:
            messages.success(request, done)
            return form, True
    return form, False


@login_required
def source_list(request):
    _viewer(request.user)
    forms_ = {}
    if perms.can_configure(request.user):
        for prefix, form_class, save, done in (
                ("source", forms.SourceForm, services.source_save,
                 _("Source saved; it will be fetched shortly.")),):
            forms_[prefix], saved = _config_form(request, form_class, save, prefix, done)
            if saved:
                return redirect("clipping:sources")
    elif request.method == "POST":
        raise PermissionDenied
    sources = Source.objects.select_related("outlet").annotate(n=Count("clips"))
    # The outlets are the press desk's list: added and edited on its pages, by whoever may.
    return render(request, "clipping/sources.html", {
        "sources": sources, "form": forms_.get("source"),
        "outlets": Outlet.objects.annotate(n=Count("clips", distinct=True),
                                           s=Count("sources", distinct=True)),
        "can_add_outlet": press_perms.can_add_outlet(request.user),
        "can_edit_outlet": press_perms.can_edit_outlet(request.user),
        "can_view_outlets": press_perms.can_view_outlets(request.user)})


@login_required
def source_edit(request, pk):
    _analyst(request.user)
    source = get_object_or_404(Source, pk=pk)
    form = forms.SourceForm(request.POST or None, instance=source)
    if request.method == "POST" and form.is_valid():
        try:
            services.source_save(by=request.user, source=Source.objects.get(pk=pk),
                                 **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error.messages[0])
        else:
            messages.success(request, _("Source saved."))
            return redirect("clipping:sources")
    return render(request, "clipping/form.html", {"form": form, "title": _("Edit source")})


@login_required
@require_POST
def source_check(request, pk):
    _analyst(request.user)
    services.source_check_now(source=get_object_or_404(Source, pk=pk), by=request.user)
    messages.success(request, _("The source will be checked within five minutes."))
    return redirect("clipping:sources")


@login_required
def term_list(request):
    _viewer(request.user)
    forms_ = {}
    if perms.can_configure(request.user):
        for prefix, form_class, save, done in (
                ("term", forms.TermForm, services.term_save, _("Search term saved.")),
                ("theme", forms.ThemeForm, services.theme_save, _("Theme saved."))):
            forms_[prefix], saved = _config_form(request, form_class, save, prefix, done)
            if saved:
                return redirect("clipping:terms")
    elif request.method == "POST":
        raise PermissionDenied
    return render(request, "clipping/terms.html", {
        "terms": SearchTerm.objects.select_related("secretariat", "campaign"),
        "form": forms_.get("term"), "theme_form": forms_.get("theme"),
        "themes": Theme.objects.all()})


@login_required
def digest_list(request):
    _viewer(request.user)
    analyst = perms.can_send_digest(request.user)
    return render(request, "clipping/digests.html", {
        "digests": Digest.objects.all()[:60], "analyst": analyst,
        "subscriptions": Subscription.objects.all() if analyst else [],
        "form": forms.SubscriptionForm() if analyst else None,
        "today": clock.today(), "working": daily.is_working_day(clock.today())})


@login_required
@require_POST
def digest_build(request):
    if not perms.can_send_digest(request.user):
        raise PermissionDenied
    digest = daily.digest_build(clock.today(), by=request.user)
    messages.success(request, _("The daily clipping was produced again with %(count)s clips.")
                     % {"count": digest.clip_count})
    return redirect("clipping:digests")


@login_required
def digest_pdf(request, pk):
    _viewer(request.user)
    digest = get_object_or_404(Digest, pk=pk)
    if not digest.pdf:
        raise Http404
    return FileResponse(digest.pdf.open("rb"), content_type="application/pdf",
                        filename=f"clipping-{digest.day:%Y-%m-%d}.pdf")


@login_required
@require_POST
def subscribe(request):
    if not perms.can_send_digest(request.user):
        raise PermissionDenied
    form = forms.SubscriptionForm(request.POST)
    if form.is_valid():
        services.subscription_add(by=request.user, **form.cleaned_data)
        messages.success(request, _("Subscription saved."))
    else:
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
    return redirect("clipping:digests")


@csrf_exempt  # the one-click unsubscribe of mail clients (RFC 8058); the token is the key
def unsubscribe(request, token):
    """The e-mail's link: no sign-in (the token is the permission); a GET only asks."""
    subscription = Subscription.objects.filter(token=token).first()
    if subscription is None:
        raise Http404
    done = False
    if request.method == "POST":
        services.unsubscribe(token=token)
        done = True
    return render(request, "clipping/unsubscribe.html", {
        "subscription": subscription, "done": done or not subscription.active})
