"""Attachment validation by content (magic bytes), never by the file name's extension."""

import filetype
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

# Images, PDF and office documents; no SVG, HTML or anything that can carry active content.
ALLOWED_TYPES = {
    "image/jpeg", "image/png", "image/gif", "image/webp", "application/pdf",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "application/vnd.oasis.opendocument.text", "application/vnd.oasis.opendocument.spreadsheet",
    "video/mp4",
}
MAX_BYTES = getattr(settings, "ATTACHMENT_MAX_BYTES", 25 * 1024 * 1024)


def detect_type(uploaded) -> str:
    """The MIME type read from the file's first bytes; raises ValidationError if not allowed."""
    if uploaded.size > MAX_BYTES:
        raise ValidationError(
            _("The file is too large (%(size)d MB); the limit is %(limit)d MB.")
            % {"size": uploaded.size // (1024 * 1024), "limit": MAX_BYTES // (1024 * 1024)})
    if uploaded.size == 0:
        raise ValidationError(_("The file is empty."))
    head = uploaded.read(8192)
    uploaded.seek(0)
    kind = filetype.guess(head)
    mime = kind.mime if kind else ""
    if mime not in ALLOWED_TYPES:
        raise ValidationError(
            _("This type of file is not accepted. Send images (JPEG, PNG, GIF, WebP), PDF, "
              "office documents or MP4 videos."))
    return mime
