"""The release's attachments as links in a distribution's e-mails: signed, expiring tokens
(``PRESS_FILE_LINK_DAYS``, default 30) naming the distribution and the file. Attachments are
otherwise private (``workflows.views.attachment_download`` asks for an account); the link's
view (``press.views_distribution.release_file``) checks the signature, the age, that the file
belongs to the released request, that the release is still published, and never serves a
file showing minors without a recorded consent."""

from django.conf import settings
from django.core import signing
from django.db.models import Q
from django.urls import reverse

from workflows.models import Attachment

SALT = "press.release-file"


def max_age() -> int:
    return int(getattr(settings, "PRESS_FILE_LINK_DAYS", 30)) * 86400


def shareable(request):
    """The attachments of a release that may go out as links."""
    return (Attachment.objects.filter(request=request)
            .filter(Q(shows_minors=False) | Q(consent_recorded=True)).order_by("created_at", "pk"))


def file_token(distribution_pk: int, attachment_pk: int) -> str:
    return signing.dumps([distribution_pk, attachment_pk], salt=SALT, compress=True)


def file_of_token(token: str):
    """(distribution pk, attachment pk), or None when forged or expired."""
    try:
        value = signing.loads(token, salt=SALT, max_age=max_age())
    except signing.BadSignature:  # SignatureExpired is one
        return None
    if not (isinstance(value, list) and len(value) == 2
            and all(isinstance(v, int) for v in value)):
        return None
    return tuple(value)


def file_links(distribution) -> list[tuple[str, str]]:
    """(file name, absolute URL) of each shareable attachment of the distributed release."""
    return [(a.original_name, settings.SITE_URL + reverse(
        "press:release_file", args=[file_token(distribution.pk, a.pk)]))
        for a in shareable(distribution.request)]
