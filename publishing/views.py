"""Publishing pages: a channel's text history, one revision (with what it changed), restore;
the manual take-down checklist and its confirmation; a piece's scheduled take-down."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from pauta.lifecycle import NotAllowed
from publishing import permissions as perms
from publishing import takedown
from publishing.diff import content_changes
from publishing.forms import ExpiryForm
from publishing.models import Revision, TakedownEvidence
from publishing.revisions import as_content, revision_restore
from workflows.models import Publication


def _visible(user, request) -> None:
    if not perms.can_view_history(user, request):
        raise Http404  # no hint that it exists


@login_required
def revision_list(request, pk, channel_pk):
    publication = get_object_or_404(Publication.objects.select_related("request", "channel"),
                                    request_id=pk, channel_id=channel_pk)
    _visible(request.user, publication.request)
    revisions = list(publication.revisions.select_related("author").order_by("-number"))
    return render(request, "publishing/revision_list.html", {
        "object": publication.request, "publication": publication, "revisions": revisions})


@login_required
def revision_detail(request, pk):
    revision = get_object_or_404(Revision.objects.select_related(
        "publication__request", "publication__channel", "author", "restored_from"), pk=pk)
    owner = revision.publication.request
    _visible(request.user, owner)
    previous = revision.publication.revisions.filter(number__lt=revision.number).order_by(
        "-number").first()
    return render(request, "publishing/revision_detail.html", {
        "object": owner, "revision": revision, "previous": previous,
        "changes": content_changes(as_content(previous), as_content(revision))
        if previous else [],
        "can_restore": perms.can_restore(request.user, owner)
        and revision.number != revision.publication.revisions.order_by("-number").values_list(
            "number", flat=True).first()})


@login_required
@require_POST
def revision_restore_view(request, pk):
    revision = get_object_or_404(Revision.objects.select_related("publication__request"), pk=pk)
    owner = revision.publication.request
    _visible(request.user, owner)
    try:
        restored = revision_restore(revision=revision, by=request.user)
    except NotAllowed as refusal:
        raise PermissionDenied(refusal.messages[0]) from refusal
    except ValidationError as error:
        for text in error.messages:
            messages.error(request, text)
        return redirect("publishing:revision", pk=revision.pk)
    messages.success(request, _("Revision %(old)s restored as revision %(new)s.") % {
        "old": revision.number, "new": restored.number})
    return redirect("workflows:detail", pk=owner.pk)


@login_required
def checklist_view(request):
    if not perms.can_see_checklist(request.user):
        raise PermissionDenied
    items = [e for e in takedown.checklist()
             if perms.can_confirm_takedown(request.user, e)]
    return render(request, "publishing/takedown_checklist.html", {"items": items})


def _back_to(request, fallback):
    target = request.POST.get("next", "")
    safe = url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()},
                                           require_https=request.is_secure())
    return redirect(target if safe and target.startswith("/") else fallback)


@login_required
@require_POST
def takedown_confirm_view(request, pk):
    evidence = get_object_or_404(TakedownEvidence.objects.select_related(
        "publication__request"), pk=pk)
    _visible(request.user, evidence.publication.request)
    try:
        takedown.takedown_confirm(evidence=evidence, by=request.user)
    except NotAllowed as refusal:
        raise PermissionDenied(refusal.messages[0]) from refusal
    except ValidationError as error:
        for text in error.messages:
            messages.error(request, text)
    else:
        messages.success(request, _("Take-down confirmed."))
    return _back_to(request, "publishing:checklist")


@login_required
@require_POST
def expiry_view(request, pk):
    publication = get_object_or_404(Publication.objects.select_related("request", "channel"),
                                    pk=pk)
    _visible(request.user, publication.request)
    form = ExpiryForm(request.POST, publication=publication)
    if not form.is_valid():
        messages.error(request, _("Enter a valid date and time."))
        return redirect("workflows:detail", pk=publication.request_id)
    try:
        expiry = takedown.expiry_set(publication=publication, by=request.user,
                                     unpublish_at=form.cleaned_data["unpublish_at"])
    except NotAllowed as refusal:
        raise PermissionDenied(refusal.messages[0]) from refusal
    except ValidationError as error:
        for text in error.messages:
            messages.error(request, text)
    else:
        messages.success(request, _("Take-down date saved.") if expiry
                         else _("Take-down date removed."))
    return redirect("workflows:detail", pk=publication.request_id)
