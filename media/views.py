"""Pages of the media bank. Thin: ``media.services`` writes, ``media.permissions`` answers who
may do what, ``media.selectors`` reads. Files leave only through these views: derivatives
(no location) to whoever may read the library, the public gallery's web sizes to anybody."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from media import compliance, forms, selectors, services
from media import permissions as perms
from media.actions import ACTIONS
from media.models import Album, Asset, AssetUse, Consent, Kind, Person, UploadBatch, UseFlag
from pauta.action_views import run_action
from pauta.lifecycle import NotAllowed
from workflows import permissions as wperms
from workflows.models import ContentRequest

PAGE_SIZE = 24
ALBUMS_PER_PAGE = 12
VARIANTS = ("thumbnail", "web", "original")


def _need(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied


def _refusal(request, error) -> None:
    if isinstance(error, NotAllowed):
        raise PermissionDenied(error.messages[0]) from error
    for text in error.messages:
        messages.error(request, text)


# The library -------------------------------------------------------------------------------

@login_required
def library(request):
    _need(perms.can_view_library(request.user))
    form = forms.SearchForm(request.GET or None)
    data = form.cleaned_data if form.is_valid() else {}
    page = Paginator(selectors.search(data), PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "media/library.html", {
        "form": form, "page": page, "query": query.urlencode(),
        "can_upload": perms.can_upload(request.user),
        "most_used": selectors.most_used() if not data else []})


@login_required
def upload(request):
    _need(perms.can_upload(request.user))
    form = forms.UploadForm(request.POST or None, request.FILES or None)
    chunked = request.POST.get("parts") == "more"
    if request.method == "POST" and form.is_valid():
        defaults = {k: v for k, v in form.cleaned_data.items() if k != "files"}
        try:
            batch = services.batch_start(by=request.user, uploads=form.cleaned_data["files"],
                                         defaults=defaults, more=chunked)
        except ValidationError as error:
            if chunked and not isinstance(error, NotAllowed):
                return JsonResponse({"errors": error.messages}, status=400)
            _refusal(request, error)
        else:
            if chunked:
                return JsonResponse({"batch": batch.pk,
                                     "add": reverse("media:batch_add", args=[batch.pk]),
                                     "page": reverse("media:batch", args=[batch.pk])})
            return redirect("media:batch", pk=batch.pk)
    if chunked:
        return JsonResponse({"errors": [str(e) for errors in form.errors.values()
                                        for e in errors]}, status=400)
    return render(request, "media/upload.html", {
        "form": form, "part_bytes": max(1, settings.UPLOAD_MAX_REQUEST_BYTES - 512 * 1024)})


def _batch_or_404(user, pk) -> UploadBatch:
    batch = get_object_or_404(UploadBatch, pk=pk)
    if not perms.can_batch(user, batch):
        raise Http404
    return batch


@login_required
@require_POST
def batch_add(request, pk):
    """Another part of an upload the page sends in parts (JSON answer)."""
    batch = _batch_or_404(request.user, pk)
    files = request.FILES.getlist("files")
    try:
        field = forms.MultipleFileField()
        files = field.clean(files)
        batch = services.batch_add(batch=batch, by=request.user, uploads=files,
                                   last=request.POST.get("last") == "1")
    except NotAllowed as refusal:
        raise PermissionDenied(refusal.messages[0]) from refusal
    except ValidationError as error:
        return JsonResponse({"errors": error.messages}, status=400)
    return JsonResponse({"batch": batch.pk, "total": batch.total})


def _status(batch) -> dict:
    return {"total": batch.total, "done": batch.done, "failed": batch.failed,
            "duplicates": batch.duplicates, "percent": batch.percent,
            "finished": batch.state == UploadBatch.State.DONE,
            "receiving": batch.receiving,
            "text": _("%(n)s of %(total)s files processed.") % {
                "n": batch.done + batch.failed, "total": batch.total}}


@login_required
def batch(request, pk):
    batch = _batch_or_404(request.user, pk)
    return render(request, "media/batch.html", {
        "batch": batch, "status": _status(batch),
        "assets": batch.assets.order_by("pk")[:60]})


@login_required
def batch_status(request, pk):
    return JsonResponse(_status(_batch_or_404(request.user, pk)))


# One asset ---------------------------------------------------------------------------------

def _asset_or_404(user, pk) -> Asset:
    if not perms.can_view_library(user):
        raise Http404
    return get_object_or_404(Asset.objects.select_related("secretariat", "event",
                                                          "uploaded_by"), pk=pk)


@login_required
def asset_detail(request, pk):
    asset = _asset_or_404(request.user, pk)
    user = request.user
    return render(request, "media/asset.html", {
        "asset": asset, "people": asset.person_tags.select_related("person"),
        "uses": selectors.uses_of(asset), "similar": services.similar(asset),
        "duplicates": services.exact_duplicates(asset)[:12],
        "albums": asset.albums.all(),
        "not_cleared": compliance.public_use_problems(asset) if asset.public else [],
        "can": {"edit": perms.can_edit_asset(user, asset),
                "tag": perms.can_manage_consent(user), "attach": perms.may_attach_some(user)},
        "forms": {"tag": forms.TagForm(prefix="tag"), "attach": forms.AttachForm(
            prefix="attach"), "album": forms.AlbumAddForm(prefix="album")}})


@login_required
def asset_edit(request, pk):
    asset = _asset_or_404(request.user, pk)
    _need(perms.can_edit_asset(request.user, asset))
    form = forms.AssetForm(request.POST or None, instance=Asset.objects.get(pk=asset.pk))
    if request.method == "POST" and form.is_valid():
        try:
            services.asset_update(asset=asset, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            _refusal(request, error)
        else:
            messages.success(request, _("Changes saved."))
            return redirect("media:asset", pk=asset.pk)
    return render(request, "media/asset_form.html", {"form": form, "asset": asset})


def _file(asset, variant: str):
    if variant not in VARIANTS:
        raise Http404
    if variant == "original":
        return asset.file, asset.content_type, asset.original_name
    field = getattr(asset, variant)
    if not field:
        raise Http404
    ext = field.name.rsplit(".", 1)[-1].lower()
    mime = "image/png" if ext == "png" else "image/jpeg"
    return field, mime, f"{asset.original_name.rsplit('.', 1)[0]}-{variant}.{ext}"


def _serve(field, mime, name, *, download=False):
    try:
        handle = field.open("rb")
    except (OSError, ValueError) as error:
        raise Http404 from error
    response = FileResponse(handle, content_type=mime, as_attachment=download, filename=name)
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, max-age=3600"
    return response


@login_required
def asset_file(request, pk, variant):
    """A derivative (no location in it); the original only to who may edit the library."""
    asset = _asset_or_404(request.user, pk)
    if variant == "original":
        _need(perms.can_edit_asset(request.user, asset))
    field, mime, name = _file(asset, variant)
    return _serve(field, mime, name, download=variant == "original" or not mime.startswith(
        "image/"))


@login_required
@require_POST
def tag(request, pk):
    asset = _asset_or_404(request.user, pk)
    form = forms.TagForm(request.POST, prefix="tag")
    if form.is_valid():
        try:
            services.asset_tag(asset=asset, person=form.cleaned_data["person"], by=request.user)
        except ValidationError as error:
            _refusal(request, error)
        else:
            messages.success(request, _("Person tagged."))
    else:
        messages.error(request, _("Choose a person from the list."))
    return redirect("media:asset", pk=asset.pk)


@login_required
@require_POST
def untag(request, pk, person_pk):
    asset = _asset_or_404(request.user, pk)
    person = get_object_or_404(Person, pk=person_pk)
    try:
        services.asset_untag(asset=asset, person=person, by=request.user)
    except ValidationError as error:
        _refusal(request, error)
    else:
        messages.success(request, _("Tag removed."))
    return redirect("media:asset", pk=asset.pk)


@login_required
@require_POST
def attach(request, pk):
    """Attach the asset to a request; the compliance engine's consent rules answer at once."""
    asset = _asset_or_404(request.user, pk)
    _need(perms.may_attach_some(request.user))
    form = forms.AttachForm(request.POST, prefix="attach")
    if not form.is_valid():
        messages.error(request, _("Write the number of a request and choose the purpose."))
        return redirect("media:asset", pk=asset.pk)
    target = ContentRequest.objects.filter(pk=form.cleaned_data["request"]).first()
    if target is None or not wperms.can_view(request.user, target):
        messages.error(request, _("There is no request with this number that you can see."))
        return redirect("media:asset", pk=asset.pk)
    try:
        _use, findings = services.asset_attach(asset=asset, request=target, by=request.user,
                                               purpose=form.cleaned_data["purpose"])
    except ValidationError as error:
        _refusal(request, error)
        return redirect("media:asset", pk=asset.pk)
    mine = [f for f in findings if f.rule.startswith("media.") and f.is_open]
    messages.success(request, _("Attached to request #%(n)s.") % {"n": target.pk})
    for finding in mine:
        (messages.error if finding.severity == "blocker" else messages.warning)(
            request, f"{finding.get_severity_display()}: {finding.message}")
    return redirect("workflows:detail", pk=target.pk)


@login_required
@require_POST
def detach(request, pk):
    use = get_object_or_404(AssetUse.objects.select_related("asset", "request"), pk=pk)
    if not wperms.can_view(request.user, use.request):
        raise Http404
    try:
        services.asset_detach(use=use, by=request.user)
    except ValidationError as error:
        _refusal(request, error)
    else:
        messages.success(request, _("Removed from the request."))
    back = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()},
                                       require_https=request.is_secure()):
        return redirect(back)
    return redirect("workflows:detail", pk=use.request_id)


@login_required
@require_POST
def take_down(request, pk):
    """The take-down path of a request flagged for image consent (its page's button)."""
    target = get_object_or_404(ContentRequest, pk=pk)
    if not wperms.can_view(request.user, target):
        raise Http404
    try:
        rows = services.flags_take_down(request=target, by=request.user)
    except ValidationError as error:
        _refusal(request, error)
    else:
        manual = [row["channel"] for row in rows if row["via"] == "manual"]
        queued = len(rows) - len(manual)
        if queued:
            messages.success(request, ngettext(
                "The channel's connector was asked to take %(n)s text down.",
                "The channels' connectors were asked to take %(n)s texts down.", queued)
                % {"n": queued})
        if manual:
            messages.warning(request, _("Take-down needed by hand: %(channels)s.")
                             % {"channels": ", ".join(manual)})
        if not rows:
            messages.info(request, _("No text of this request is out: nothing to take down."))
    return redirect(reverse("workflows:detail", args=[target.pk]) + "#media-bank-uses")


@login_required
@require_POST
def flag_resolve(request, pk):
    flag = get_object_or_404(UseFlag.objects.select_related("use__request", "use__asset"),
                             pk=pk)
    if not wperms.can_view(request.user, flag.use.request):
        raise Http404
    try:
        services.flag_resolve(flag=flag, by=request.user,
                              note=request.POST.get("note", "")[:1000])
    except ValidationError as error:
        _refusal(request, error)
    else:
        messages.success(request, _("Flag resolved."))
    return redirect(reverse("workflows:detail", args=[flag.use.request_id])
                    + "#media-bank-uses")


# The request form's picker (media/picker.py) ----------------------------------------------

@login_required
def picker_search(request):
    """The picker's search: titles, tags and thumbnails of the assets the person may choose."""
    if not perms.may_pick_some(request.user):
        raise Http404
    found = selectors.picker_search(request.user, request.GET.get("q", "")[:100])
    return JsonResponse({"results": [{
        "id": asset.pk, "title": asset.title, "tags": ", ".join(asset.tag_list),
        "thumb": reverse("media:picker_thumb", args=[asset.pk]) if asset.thumbnail else ""}
        for asset in found]})


@login_required
def picker_thumb(request, pk):
    """An asset's thumbnail (no location) for the picker: only an asset the person may choose."""
    asset = get_object_or_404(Asset, pk=pk)
    if not perms.can_pick(request.user, asset) or not asset.thumbnail:
        raise Http404
    field, mime, name = _file(asset, "thumbnail")
    return _serve(field, mime, name)


# Albums and the public gallery -------------------------------------------------------------

@login_required
def albums(request):
    _need(perms.can_view_library(request.user))
    form = forms.AlbumForm(request.POST or None)
    if request.method == "POST":
        _need(perms.can_edit_asset(request.user))
        if form.is_valid():
            album = services.album_create(by=request.user, **form.cleaned_data)
            messages.success(request, _("Album created."))
            return redirect("media:album", pk=album.pk)
    rows = Album.objects.order_by("title").prefetch_related("assets")
    return render(request, "media/albums.html", {
        "albums": rows, "form": form, "can_edit": perms.can_edit_asset(request.user)})


@login_required
def album(request, pk):
    _need(perms.can_view_library(request.user))
    item = get_object_or_404(Album, pk=pk)
    page = Paginator(item.assets.order_by("-taken_at", "-pk"), PAGE_SIZE).get_page(
        request.GET.get("page"))
    return render(request, "media/album.html", {"album": item, "page": page})


@login_required
@require_POST
def album_add(request, pk):
    asset = _asset_or_404(request.user, pk)
    form = forms.AlbumAddForm(request.POST, prefix="album")
    if form.is_valid():
        try:
            services.album_add(album=form.cleaned_data["album"], assets=[asset],
                               by=request.user)
        except ValidationError as error:
            _refusal(request, error)
        else:
            messages.success(request, _("Added to the album."))
    else:
        messages.error(request, _("Choose an album."))
    return redirect("media:asset", pk=asset.pk)


def _public_assets(album):
    return selectors.gallery_assets(album)


def gallery(request):
    """The public gallery: albums opted in, ``ALBUMS_PER_PAGE`` to a page (the consent gate
    runs per album shown, so a page's cost does not grow with the number of albums), each
    with its first four assets cleared for public use."""
    page = Paginator(Album.objects.filter(public=True).order_by("title", "pk"),
                     ALBUMS_PER_PAGE).get_page(request.GET.get("page"))
    shown = [(a, _public_assets(a)[:4]) for a in page]
    return render(request, "media/gallery.html", {"albums": shown, "page": page})


def gallery_album(request, pk):
    item = get_object_or_404(Album, pk=pk, public=True)
    page = Paginator(_public_assets(item).order_by("-taken_at", "-pk"), PAGE_SIZE).get_page(
        request.GET.get("page"))
    return render(request, "media/gallery_album.html", {"album": item, "page": page})


def public_file(request, pk, variant):
    """A web size or thumbnail of a public asset of a public album (no location in it)."""
    if variant not in ("thumbnail", "web"):
        raise Http404
    asset = get_object_or_404(Asset.objects.distinct(), pk=pk, public=True, kind=Kind.PHOTO,
                              albums__public=True)
    if compliance.public_use_problems(asset):  # a person without consent, rights ended
        raise Http404
    field, mime, name = _file(asset, variant)
    response = _serve(field, mime, name)
    response["Cache-Control"] = "public, max-age=3600"
    return response


# People and consent ------------------------------------------------------------------------

@login_required
def people(request):
    _need(perms.can_view_people(request.user))
    query = (request.GET.get("q") or "")[:100].strip()
    rows = Person.objects.all()
    if query:
        rows = rows.filter(name__icontains=query)
    page = Paginator(rows, 50).get_page(request.GET.get("page"))
    return render(request, "media/people.html", {
        "page": page, "q": query, "can_add": perms.can_manage_consent(request.user)})


@login_required
def person_create(request):
    _need(perms.can_manage_consent(request.user))
    form = forms.PersonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        person = services.person_create(by=request.user, **form.cleaned_data)
        messages.success(request, _("Person added."))
        return redirect("media:person", pk=person.pk)
    return render(request, "media/person_form.html", {"form": form})


def _person_or_404(user, pk) -> Person:
    if not perms.can_view_people(user):
        raise Http404
    return get_object_or_404(Person, pk=pk)


@login_required
def person_detail(request, pk):
    """The person's consents and the consent report (a data-subject request)."""
    person = _person_or_404(request.user, pk)
    _need(perms.can_view_report(request.user, person))
    report = selectors.person_report(person)
    for consent in report["consents"]:
        consent.may_withdraw = ACTIONS.can(request.user, consent)["withdraw"]
        consent.withdraw_form = forms.WithdrawForm(auto_id=f"withdraw-{consent.pk}-%s")
    return render(request, "media/person.html", {
        "person": person, "report": report,
        "can_add": perms.can_manage_consent(request.user)})


@login_required
def consent_create(request, pk):
    person = _person_or_404(request.user, pk)
    _need(perms.can_manage_consent(request.user, person))
    form = forms.ConsentForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.consent_record(person=person, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            _refusal(request, error)
        else:
            messages.success(request, _("Consent recorded."))
            return redirect("media:person", pk=person.pk)
    return render(request, "media/consent_form.html", {"form": form, "person": person})


@login_required
@require_POST
def consent_action(request, pk, action):
    consent = get_object_or_404(Consent.objects.select_related("person"), pk=pk)
    if not perms.can_view_people(request.user):
        raise Http404
    run_action(request, registry=ACTIONS, obj=consent, verb=action)
    flagged = consent.flags.count()
    if action == "withdraw" and flagged:
        messages.warning(request, ngettext(
            "%(n)d live publication uses this person's images: it was flagged.",
            "%(n)d live publications use this person's images: they were flagged.",
            flagged) % {"n": flagged})
    return redirect("media:person", pk=consent.person_id)


@login_required
def consent_document(request, pk):
    consent = get_object_or_404(Consent, pk=pk)
    _need(perms.can_view_report(request.user))
    if not consent.document:
        raise Http404
    import filetype

    with consent.document.open("rb") as fh:
        kind = filetype.guess(fh.read(8192))
    mime = kind.mime if kind else "application/octet-stream"
    return _serve(consent.document, mime, consent.document.name.rsplit("/", 1)[-1],
                  download=True)
