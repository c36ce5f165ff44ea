"""The content of a request as it would go out: per channel its text and files, hashed.

One canonical form (sorted JSON) is what seals hash and what diffs compare, so a seal made
today verifies the same way tomorrow.
"""

import hashlib
import json

from django.utils import timezone

TEXT_KEYS = ("title", "body", "excerpt")


def file_hash(attachment) -> str:
    """The SHA-256 of an attachment's bytes ("" when the file is gone)."""
    digest = hashlib.sha256()
    try:
        with attachment.file.open("rb") as handle:
            for chunk in iter(lambda: handle.read(1 << 16), b""):
                digest.update(chunk)
    except (FileNotFoundError, OSError, ValueError):
        return ""
    return digest.hexdigest()


def files_of(publication, files=None, hashes: dict | None = None) -> list[dict]:
    """The files that go with one channel (``Publication.files``, or ``files`` when already
    read), as a revision and a seal record them. ``hashes`` (id → SHA-256) spares reading a
    file twice."""
    hashes = {} if hashes is None else hashes
    rows = []
    for a in publication.files() if files is None else files:
        if a.pk not in hashes:
            hashes[a.pk] = file_hash(a)
        rows.append({"id": a.pk, "name": a.original_name, "sha256": hashes[a.pk]})
    return rows


def channel_content(publication, files: list[dict], *, schedule: bool = True) -> dict:
    content = {key: getattr(publication, key) for key in TEXT_KEYS}
    content["attachments"] = files
    if schedule:
        moment = publication.scheduled_at
        content["scheduled_at"] = timezone.localtime(moment).isoformat() if moment else None
    return content


def request_content(request) -> dict:
    """Every live channel's text, its files' hashes and the schedule."""
    publications = list(request.publications.filter(cancelled_at__isnull=True).select_related(
        "channel").order_by("channel__code"))
    everything = list(request.attachments.order_by("pk"))
    chosen: dict[int, set] = {}
    choosing = [p.pk for p in publications if not p.all_files]
    if choosing:  # one query for every channel that chose its files
        through = type(publications[0]).attachments.through
        for pub, attachment in through.objects.filter(publication__in=choosing).values_list(
                "publication_id", "attachment_id"):
            chosen.setdefault(pub, set()).add(attachment)
    hashes: dict = {}

    def files(p):
        if p.all_files:
            return everything
        return [a for a in everything if a.pk in chosen.get(p.pk, ())]

    return {"channels": {p.channel.code: channel_content(p, files_of(p, files(p), hashes))
                         for p in publications}}


def without_schedule(content: dict) -> dict:
    """What a seal is verified on: texts and files (a date moves through its own gate)."""
    return {"channels": {code: {k: v for k, v in channel.items() if k != "scheduled_at"}
                         for code, channel in content.get("channels", {}).items()}}


def digest(content: dict) -> str:
    canonical = json.dumps(content, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()
