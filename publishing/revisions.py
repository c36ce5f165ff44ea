"""Revisions of a channel's text: recorded on every save, compared, restored as a new draft."""

from django.utils.translation import gettext as _

from audit.services import record
from pauta.lifecycle import ensure, service
from publishing import content as contents
from publishing import permissions as perms
from publishing.diff import content_changes
from publishing.models import Revision, Seal
from workflows.verbs import channel_name


def revision_record(*, publication, by) -> Revision:
    """Keep what ``publication_save`` just wrote as the next revision (the request is locked)."""
    last = publication.revisions.order_by("-number").values_list("number", flat=True).first()
    return Revision.objects.create(
        publication=publication, number=(last or 0) + 1, title=publication.title,
        body=publication.body, excerpt=publication.excerpt,
        attachments=contents.files_of(publication), author=by,
        review_round=publication.request.review_round)


@service
def revision_restore(*, revision: Revision, by) -> Revision:
    """Save an earlier revision's text again: a new revision, the old one untouched."""
    from workflows.services import publication_save

    publication = revision.publication
    ensure(perms.can_restore(by, publication.request))
    publication_save(request=publication.request, by=by, channel=publication.channel,
                     title=revision.title, body=revision.body, excerpt=revision.excerpt,
                     attachments=_still_attached(publication.request, revision))
    restored = publication.revisions.order_by("-number").first()
    restored.restored_from = revision
    restored.save(update_fields=["restored_from"])
    record(by=by, verb="revision_restore", target=restored,
           payload={"channel": publication.channel.code, "number": revision.number,
                    "new": restored.number})
    return restored


def _still_attached(request, revision: Revision):
    """The revision's files that are still on the request (``None``: not known, as in the
    texts migrated before revisions, which keep the channel's current choice)."""
    ids = [f.get("id") for f in revision.attachments]
    if None in ids:
        return None
    return list(request.attachments.filter(pk__in=ids).values_list("pk", flat=True))


def as_content(revision: Revision | None) -> dict | None:
    if revision is None:
        return None
    return {"title": revision.title, "body": revision.body, "excerpt": revision.excerpt,
            "attachments": revision.attachments}


def seen_through(request) -> int:
    """The last review round whose reviewers saw a text: revisions with a ``review_round``
    up to this were what the previous round read (-1: no earlier round)."""
    if request.state == "in_production":
        return request.review_round - 1
    return request.review_round - 2


def changes_since_last_round(request) -> dict:
    """Per channel, what changed since the last approval round (or since the seal, when the
    approved content was found different)."""
    seal = Seal.objects.filter(request=request).first()
    if seal is not None and seal.broken_at and request.state in ("in_review", "in_production"):
        return {"since": "seal", "seal": seal, "channels": [
            {"channel": channel_name(code), "changes": content_changes(
                seal.content["channels"].get(code), (seal.found or {}).get("channels", {})
                .get(code))}
            for code in sorted({*seal.content["channels"], *(seal.found or {}).get(
                "channels", {})})]}
    limit = seen_through(request)
    rows = []
    for publication in request.publications.select_related("channel"):
        revisions = list(publication.revisions.all())
        if not revisions:
            continue
        base = [r for r in revisions if r.review_round <= limit]
        baseline = base[-1] if base else None
        rows.append({"channel": publication.channel.name, "publication": publication,
                     "baseline": baseline, "current": revisions[-1],
                     "changes": content_changes(as_content(baseline), as_content(revisions[-1]))
                     if baseline else []})
    return {"since": "round" if limit >= 0 else "none", "channels": rows}


def describe_field(name: str) -> str:
    return {"title": _("Title"), "body": _("Text"), "excerpt": _("Excerpt"),
            "attachments": _("Attachments")}[name]
