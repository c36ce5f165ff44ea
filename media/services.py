"""Every write of the media bank: one service per verb, each audited (``audit.services.record``;
the consent lifecycle through ``pauta.lifecycle.move``).

Files go through Django's storage API (``default_storage`` behind each ``FileField``): the
local disk by default, an S3-compatible bucket by configuration (docs/media.md).
"""

import logging
from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from audit.services import record
from media import files, imaging
from media import permissions as perms
from media.models import (
    Album,
    Asset,
    AssetUse,
    BatchItem,
    Consent,
    ConsentState,
    DeriveState,
    GivenBy,
    Kind,
    Person,
    PersonTag,
    Purpose,
    UploadBatch,
    UseFlag,
)
from pauta import clock, lifecycle
from pauta.lifecycle import TransitionRefused, ensure, service

log = logging.getLogger(__name__)
SIMILAR_BITS = 6  # perceptual hashes this close are "looks the same"
LIVE_STATES = ("scheduled",)  # about to go out; after that, the publications say it
STATE_MESSAGE = gettext_lazy("This is not possible while the consent is “%(state)s”.")
ASSET_FIELDS = ("title", "description", "alt_text", "taken_at", "place", "event", "credit",
                "rights", "licence", "rights_terms", "rights_purposes", "rights_until", "tags",
                "secretariat", "public")


def _read(uploaded) -> bytes:
    uploaded.seek(0)
    data = uploaded.read()
    uploaded.seek(0)
    return data


def _title_from(name: str) -> str:
    stem = name.rsplit(".", 1)[0].replace("_", " ").replace("-", " ").strip()
    return (stem or _("Untitled"))[:200]


def _duplicate_of(sha: str):
    return Asset.objects.filter(sha256=sha).order_by("pk").first()


def _file_asset(*, by, data: bytes, name: str, batch=None, fields=None,
                derive_now: bool = False) -> Asset:
    """Check, hash and store one file as an asset (inside the caller's transaction); the
    derivatives are made by a background job after commit."""
    mime, kind = files.check(data[:8192], len(data))
    sha = files.sha256(data)
    fields = {k: v for k, v in (fields or {}).items()
              if k.removesuffix("_id") in ASSET_FIELDS and v not in (None, "")}
    fields.setdefault("title", _title_from(name))
    asset = Asset(kind=kind, original_name=files.safe_name(name, mime), content_type=mime,
                  size=len(data), sha256=sha, uploaded_by=by, batch=batch,
                  duplicate_of=_duplicate_of(sha), **fields)
    if kind == Kind.PHOTO:
        try:
            facts = imaging.facts(data)
        except imaging.NotAnImage as error:
            raise ValidationError(_("The image cannot be read; it may be damaged.")) from error
        asset.width, asset.height, asset.camera = facts.width, facts.height, facts.camera
        asset.had_gps = facts.had_gps
        if facts.taken_at and not asset.taken_at:
            asset.taken_at = _aware(facts.taken_at)
        asset.phash = imaging.dhash(data)
    elif kind not in (Kind.VIDEO, Kind.AUDIO):  # audio: the job reads its duration
        asset.derive_state = DeriveState.NONE
    asset.file.save(asset.original_name, ContentFile(data), save=False)
    asset.save()
    record(by=by, verb="media_asset_create", target=asset,
           payload={"name": asset.original_name, "kind": kind,
                    "duplicate_of": asset.duplicate_of_id})
    if asset.derive_state == DeriveState.PENDING and derive_now:
        derive(asset.pk)  # the demo: small files, no queue
    elif asset.derive_state == DeriveState.PENDING:
        from media.tasks import derive_asset

        transaction.on_commit(lambda pk=asset.pk: derive_asset(pk))
    return asset


def _aware(moment):
    """EXIF dates have no zone: they are the camera's local time (the installation's)."""
    return timezone.make_aware(moment) if timezone.is_naive(moment) else moment


@service
def asset_create(*, by, uploaded, **fields) -> Asset:
    """One file into the library (the single upload; a request's attachment)."""
    ensure(perms.can_upload(by))
    return _file_asset(by=by, data=_read(uploaded), name=uploaded.name, fields=fields)


@service
def asset_update(*, asset, by, **fields) -> Asset:
    ensure(perms.can_edit_asset(by, asset))
    asset = lifecycle.lock(asset)
    changed = []
    for name, value in fields.items():
        if name in ASSET_FIELDS and getattr(asset, name) != value:
            setattr(asset, name, value)
            changed.append(name)
    if asset.public and "public" in changed:  # the gallery checks again at every read
        from media.compliance import public_use_problems

        problems = public_use_problems(asset)
        if problems:
            raise ValidationError(
                _("This asset cannot be cleared for public use: %(reasons)s") % {
                    "reasons": " ".join(problems)})
    if changed:
        asset.save()
        record(by=by, verb="media_asset_update", target=asset, payload={"fields": changed})
    return asset


def derive(asset_pk: int) -> None:
    """Make the thumbnail and the web size (photos; a poster frame for videos with ffmpeg).
    Idempotent: run again after a crash, it rewrites both."""
    asset = Asset.objects.filter(pk=asset_pk).first()
    if asset is None or asset.derive_state in (DeriveState.NONE,):
        return
    try:
        with asset.file.open("rb") as fh:
            data = fh.read()
        if asset.kind == Kind.AUDIO:  # no picture: its duration only (ffprobe)
            asset.duration = imaging.media_duration(data)
            asset.derive_state = DeriveState.NONE
            asset.save(update_fields=["duration", "derive_state"])
            return
        if asset.kind == Kind.VIDEO:
            poster, duration = imaging.video_poster(data)
            asset.duration = duration
            if poster is None:
                asset.derive_state = DeriveState.NONE
                asset.save(update_fields=["duration", "derive_state"])
                return
            data = poster
        for field, box in (("thumbnail", imaging.THUMBNAIL), ("web", imaging.WEB)):
            content, ext = imaging.derive(data, box)
            old = getattr(asset, field)
            if old:
                old.delete(save=False)
            getattr(asset, field).save(f"{field}-{asset.pk}.{ext}", ContentFile(content),
                                       save=False)
        asset.derive_state, asset.derive_error = DeriveState.DONE, ""
    except (OSError, imaging.NotAnImage) as error:
        log.warning("media: derivatives of asset %s failed: %s", asset_pk, error)
        asset.derive_state, asset.derive_error = DeriveState.FAILED, str(error)[:300]
    asset.save(update_fields=["thumbnail", "web", "derive_state", "derive_error", "duration"])


# Batches ------------------------------------------------------------------------------------

def _keep_items(batch, uploads) -> None:
    start = batch.total
    for offset, uploaded in enumerate(uploads):
        item = BatchItem(batch=batch, original_name=(uploaded.name or "file")[:255],
                         position=start + offset)
        item.file.save(f"batch-{batch.pk}-{start + offset}", uploaded, save=False)
        item.save()
    batch.total = start + len(uploads)


def _queue(batch) -> None:
    from media.tasks import process_batch

    transaction.on_commit(lambda pk=batch.pk: process_batch(pk))


@service
def batch_start(*, by, uploads, defaults=None, more: bool = False) -> UploadBatch:
    """Keep the files as they came and queue the job that files them (progress on the page).
    ``more``: the browser sends the rest in further parts (``batch_add``)."""
    ensure(perms.can_upload(by))
    uploads = list(uploads)
    if not uploads:
        raise TransitionRefused(_("Choose at least one file."))
    clean = {}
    for key, value in (defaults or {}).items():
        if value in (None, "", []):
            continue
        clean[key] = getattr(value, "pk", value)
    batch = UploadBatch.objects.create(created_by=by, defaults=clean, receiving=more)
    _keep_items(batch, uploads)
    batch.save(update_fields=["total"])
    record(by=by, verb="media_batch_start", target=batch, payload={"files": len(uploads)})
    _queue(batch)
    return batch


@service
def batch_add(*, batch, by, uploads, last: bool) -> UploadBatch:
    """Another part of a batch the browser sends in parts; ``last`` closes it."""
    batch = lifecycle.lock(batch)
    ensure(perms.can_upload(by) and batch.created_by_id == by.pk)
    if not batch.receiving:
        raise TransitionRefused(_("This upload is complete; start a new one."))
    uploads = list(uploads)
    if batch.total + len(uploads) > settings.MEDIA_BATCH_MAX_FILES:
        raise TransitionRefused(_("Send at most %(n)s files at a time.")
                                % {"n": settings.MEDIA_BATCH_MAX_FILES})
    _keep_items(batch, uploads)
    batch.receiving = not last
    batch.save(update_fields=["total", "receiving"])
    _queue(batch)
    return batch


def _batch_fields(batch) -> dict:
    fields = dict(batch.defaults or {})
    for key in ("event", "secretariat"):
        if key in fields:
            fields[f"{key}_id"] = fields.pop(key)
    return fields


def batch_process(batch_pk: int) -> UploadBatch:
    """File every remaining item, one transaction each, counting as it goes (so the page
    shows progress and a crash resumes where it stopped)."""
    batch = UploadBatch.objects.get(pk=batch_pk)
    by = batch.created_by
    fields = _batch_fields(batch)
    for item_pk in list(batch.items.values_list("pk", flat=True)):
        with transaction.atomic():
            batch = UploadBatch.objects.select_for_update().get(pk=batch_pk)
            item = BatchItem.objects.filter(pk=item_pk).first()
            if item is None:
                continue  # another worker filed it
            try:
                with item.file.open("rb") as fh:
                    data = fh.read()
                with transaction.atomic():
                    asset = _file_asset(by=by, data=data, name=item.original_name,
                                        batch=batch, fields=_model_fields(fields))
                batch.done += 1
                batch.duplicates += asset.duplicate_of_id is not None
            except ValidationError as error:
                batch.failed += 1
                batch.errors = [*batch.errors, {"name": item.original_name,
                                                "error": " ".join(error.messages)}][-500:]
            except OSError:  # the kept file is gone (a crash between its removal and commit)
                batch.failed += 1
                batch.errors = [*batch.errors, {"name": item.original_name,
                                                "error": _("The file was lost; send it "
                                                           "again.")}][-500:]
            item.file.delete(save=False)
            item.delete()
            batch.save(update_fields=["done", "failed", "duplicates", "errors"])
    with transaction.atomic():
        batch = UploadBatch.objects.select_for_update().get(pk=batch_pk)
        if batch.receiving or batch.items.exists():
            return batch  # more parts to come: the job of the last one closes the batch
        if batch.state != UploadBatch.State.DONE:
            batch.state, batch.finished_at = UploadBatch.State.DONE, clock.now()
            batch.save(update_fields=["state", "finished_at"])
            record(by=by, verb="media_batch_done", target=batch,
                   payload={"done": batch.done, "failed": batch.failed,
                            "duplicates": batch.duplicates})
    return batch


def _model_fields(fields: dict) -> dict:
    return {k: v for k, v in fields.items()
            if k in ASSET_FIELDS or k.removesuffix("_id") in ASSET_FIELDS}


# Albums --------------------------------------------------------------------------------------

@service
def album_create(*, by, title: str, description: str = "", public: bool = False) -> Album:
    ensure(perms.can_edit_asset(by))
    album = Album.objects.create(title=title, description=description, public=public,
                                 created_by=by)
    record(by=by, verb="media_album_create", target=album, payload={"title": title})
    return album


@service
def album_add(*, album, assets, by) -> int:
    ensure(perms.can_edit_asset(by))
    assets = [a for a in assets if not album.assets.filter(pk=a.pk).exists()]
    album.assets.add(*assets)
    if assets:
        record(by=by, verb="media_album_add", target=album, payload={"assets": len(assets)})
    return len(assets)


# People and consent --------------------------------------------------------------------------

@service
def person_create(*, by, name: str, birth_date=None, minor: bool = False,
                  notes: str = "") -> Person:
    ensure(perms.can_manage_consent(by))
    person = Person.objects.create(name=name.strip(), birth_date=birth_date, minor=minor,
                                   notes=notes, created_by=by)
    record(by=by, verb="media_person_create", target=person, payload={})
    return person


@service
def asset_tag(*, asset, person, by) -> PersonTag:
    ensure(perms.can_manage_consent(by))
    try:
        with transaction.atomic():
            tag = PersonTag.objects.create(asset=asset, person=person, tagged_by=by)
    except IntegrityError:
        raise TransitionRefused(_("This person is already tagged on this asset.")) from None
    record(by=by, verb="media_tag", target=asset, payload={"person": person.pk})
    return tag


@service
def asset_untag(*, asset, person, by) -> None:
    ensure(perms.can_manage_consent(by))
    deleted, _rows = PersonTag.objects.filter(asset=asset, person=person).delete()
    if deleted:
        record(by=by, verb="media_untag", target=asset, payload={"person": person.pk})


@service
def consent_record(*, person, by, purposes, given_on: date, expires_on=None, scope: str = "",
                   given_by: str = GivenBy.PERSON, guardian_name: str = "",
                   document=None) -> Consent:
    ensure(perms.can_manage_consent(by))
    purposes = [p for p in purposes if p in Purpose.values]
    if not purposes:
        raise TransitionRefused(_("Choose at least one purpose."))
    if expires_on and expires_on < given_on:
        raise TransitionRefused(_("The expiry date comes before the date the consent was "
                                  "given."))
    if given_by == GivenBy.GUARDIAN and not guardian_name.strip():
        raise TransitionRefused(_("Write the name of the parent or guardian who signed."))
    consent = Consent(person=person, purposes=purposes, given_on=given_on,
                      expires_on=expires_on, scope=scope, given_by=given_by,
                      guardian_name=guardian_name.strip(), recorded_by=by)
    if document is not None:
        consent.document.save(files.safe_name(document.name, "application/pdf")
                              if document.name.lower().endswith(".pdf") else document.name,
                              document, save=False)
    consent.save()
    record(by=by, verb="media_consent_record", target=consent,
           payload={"purposes": purposes, "expires_on": str(expires_on or ""),
                    "given_by": given_by})
    return consent


@service
def consent_withdraw(*, consent, by, on: date | None = None, note: str = "") -> Consent:
    """Withdraw a consent (the person's or guardian's request); every live publication using
    an asset that shows the person, for a purpose no other consent covers, is flagged."""
    on = on or clock.today()
    consent = lifecycle.move(
        consent, by=by, verb="withdraw", allowed=perms.can_withdraw_consent,
        actor=perms.can_manage_consent, audit_verb="media_consent_withdraw",
        state_message=STATE_MESSAGE, args=(on, note), related=(),
        payload={"on": str(on), "note": note},
        after=[lambda obj, event: flag_live_uses(obj, UseFlag.Reason.WITHDRAWN, by=by)])
    return consent


def live_publications():
    """The publications still out there: published with evidence (an address or an offline
    reason), not cancelled, not taken down (publishing's take-down evidence done or its
    scheduled expiry done) — whatever the request's state (published, archived...)."""
    from workflows.models import Publication

    return (Publication.objects.filter(published_at__isnull=False, cancelled_at__isnull=True)
            .filter(~Q(url="") | ~Q(offline_reason=""))
            .exclude(takedown_evidence__status="done")
            .exclude(expiry__done_at__isnull=False))


def live_uses():
    """Uses whose request is scheduled (its pieces are about to go out) or has a live
    publication (``live_publications``)."""
    return AssetUse.objects.filter(
        Q(request__state__in=LIVE_STATES)
        | Q(Exists(live_publications().filter(request=OuterRef("request_id")))))


def covered(person, purpose: str, on: date, *, exclude=None) -> bool:
    """Does a consent in force on ``on`` cover ``purpose`` (by a guardian for a minor)?"""
    minor = person.is_minor(on)
    for consent in person.consents.all():
        if exclude is not None and consent.pk == exclude.pk:
            continue
        if consent.covers(purpose, on) and (not minor or consent.by_guardian):
            return True
    return False


def flag_live_uses(consent, reason: str, *, by=None) -> list[UseFlag]:
    """Flag each live use (``live_uses``: request scheduled, or with a publication still out
    there — published, archived) of an asset showing the consent's person whose purpose this
    consent covered and no other consent covers now."""
    today = clock.today()
    uses = (live_uses().filter(asset__person_tags__person=consent.person,
                               purpose__in=consent.purposes or [])
            .select_related("request", "asset").distinct())
    flags = []
    for use in uses:
        if covered(consent.person, use.purpose, today, exclude=consent):
            continue
        flag, created = UseFlag.objects.get_or_create(use=use, consent=consent, reason=reason)
        if created:
            flags.append(flag)
            record(by=by, verb="media_use_flagged", target=use.request,
                   payload={"asset": use.asset_id, "title": use.asset.title,
                            "reason": reason, "person": consent.person_id})
    return flags


def consents_follow_expiry() -> int:
    """Daily: each consent that expired since the last run flags the live uses it covered."""
    today = clock.today()
    count = 0
    for consent in Consent.objects.filter(state=ConsentState.VALID, expiry_flagged=False,
                                          expires_on__lt=today).select_related("person"):
        with transaction.atomic():
            count += len(flag_live_uses(consent, UseFlag.Reason.EXPIRED))
            Consent.objects.filter(pk=consent.pk).update(expiry_flagged=True)
    return count


def _connector_can_unpublish(publication) -> bool:
    """The channel has an active publishing connector and it holds the remote post."""
    from publishing.connect import config_of

    return config_of(publication) is not None and hasattr(publication, "remote")


@service
def flags_take_down(*, request, by) -> list[dict]:
    """The take-down path of a flagged request: each text still out there is taken down by
    its channel's connector (publishing's ``unpublish``, queued after commit) or, without
    one, listed as "take-down needed" for someone to remove by hand. Returns the rows."""
    ensure(perms.can_take_down(by))
    request = lifecycle.lock(request)
    flags = list(UseFlag.objects.select_for_update().filter(
        use__request=request, resolved_at__isnull=True, takedown_at__isnull=True))
    if not flags:
        raise TransitionRefused(_("Nothing to take down: no open flag on this request."))
    rows, queued = [], []
    for publication in (request.publications.filter(cancelled_at__isnull=True)
                        .exclude(takedown_evidence__status="done")
                        .exclude(expiry__done_at__isnull=False)
                        .select_related("channel").order_by("pk")):
        via = "connector" if _connector_can_unpublish(publication) else "manual"
        rows.append({"publication": publication.pk, "channel": publication.channel.name,
                     "url": publication.url, "via": via})
        if via == "connector":
            queued.append(publication.pk)
    now = clock.now()
    for flag in flags:
        flag.takedown_at, flag.takedown_by, flag.takedown = now, by, rows
        flag.save(update_fields=["takedown_at", "takedown_by", "takedown"])
    from publishing.tasks import connector_call

    for pk in queued:
        transaction.on_commit(lambda pk=pk: connector_call(pk, "unpublish"))
    record(by=by, verb="media_take_down", target=request,
           payload={"connector": len(queued), "manual": len(rows) - len(queued),
                    "channels": [row["channel"] for row in rows if row["via"] == "manual"]})
    return rows


@service
def flag_resolve(*, flag, by, note: str) -> UseFlag:
    """Close a flag: the piece was taken down, or the image replaced (say which)."""
    ensure(perms.can_take_down(by))
    flag = lifecycle.lock(flag)
    if flag.resolved_at is not None:
        raise TransitionRefused(_("This flag is already resolved."))
    if not note.strip():
        raise TransitionRefused(_("Write what was done (piece taken down, image replaced)."))
    flag.resolved_at, flag.resolved_by, flag.resolution = clock.now(), by, note.strip()
    flag.save(update_fields=["resolved_at", "resolved_by", "resolution"])
    record(by=by, verb="media_flag_resolve", target=flag.use.request,
           payload={"asset": flag.use.asset_id, "title": flag.use.asset.title,
                    "note": note.strip()})
    return flag


# Uses: the gate -----------------------------------------------------------------------------

@service
def asset_attach(*, asset, request, by, purpose: str = Purpose.INSTITUTIONAL):
    """Attach a library asset to a request for a purpose; returns the compliance findings
    of the request afterwards (the consent rules among them)."""
    from approvals.compliance import engine

    ensure(perms.can_attach(by, asset, request))
    if purpose not in Purpose.values:
        raise TransitionRefused(_("Choose the purpose of the use."))
    use, created = AssetUse.objects.get_or_create(
        asset=asset, request=request, purpose=purpose, defaults={"attached_by": by})
    if not created:
        raise TransitionRefused(_("This asset is already attached to this request for this "
                                  "purpose."))
    record(by=by, verb="media_attach", target=request,
           payload={"asset": asset.pk, "title": asset.title, "purpose": purpose})
    return use, engine.run(request)


@service
def asset_detach(*, use, by) -> None:
    ensure(perms.can_attach(by, use.asset, use.request))
    record(by=by, verb="media_detach", target=use.request,
           payload={"asset": use.asset_id, "title": use.asset.title, "purpose": use.purpose})
    use.delete()


def similar(asset, limit: int = 12) -> list[Asset]:
    """Other photos whose perceptual hash is within ``SIMILAR_BITS`` bits, nearest first."""
    if not asset.phash:
        return []
    found = []
    for other in (Asset.objects.filter(kind=Kind.PHOTO).exclude(pk=asset.pk).exclude(phash="")
                  .only("pk", "title", "phash", "thumbnail").iterator()):
        bits = imaging.distance(asset.phash, other.phash)
        if bits <= SIMILAR_BITS:
            found.append((bits, other))
    found.sort(key=lambda pair: (pair[0], pair[1].pk))
    return [other for _bits, other in found[:limit]]


def exact_duplicates(asset):
    return Asset.objects.filter(Q(sha256=asset.sha256)).exclude(pk=asset.pk)


def asset_from_attachment(attachment) -> Asset | None:
    """File a request's attachment in the library too, used by that request (the uploader
    is the one who filed it; people and consents are tagged later by the team)."""
    with attachment.file.open("rb") as fh:
        data = fh.read()
    request = attachment.request
    with transaction.atomic():
        asset = _file_asset(by=attachment.uploaded_by, data=data,
                            name=attachment.original_name,
                            fields={"alt_text": attachment.alt_text,
                                    "secretariat": request.secretariat})
        AssetUse.objects.get_or_create(asset=asset, request=request,
                                       purpose=Purpose.INSTITUTIONAL,
                                       defaults={"attached_by": attachment.uploaded_by})
    return asset
