"""Attachment validation by content (magic bytes), never by the file name's extension; the
name kept and served carries the extension of the type found (a PDF sent as ``report.html``
is ``report.pdf``)."""

from pathlib import PurePath

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
# The extension a name keeps or gets for each type (the first one is given when it has none).
EXTENSIONS = {
    "image/jpeg": (".jpg", ".jpeg"), "image/png": (".png",), "image/gif": (".gif",),
    "image/webp": (".webp",), "application/pdf": (".pdf",),
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": (".docx",),
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": (".xlsx",),
    "application/vnd.openxmlformats-officedocument.presentationml.presentation": (".pptx",),
    "application/vnd.oasis.opendocument.text": (".odt",),
    "application/vnd.oasis.opendocument.spreadsheet": (".ods",), "video/mp4": (".mp4",),
}


def name_for_type(name: str, mime: str) -> str:
    """``name`` with the extension of ``mime`` in place of whatever it claimed."""
    path = PurePath((name or "").replace("\\", "/"))
    suffix = path.suffix.lower()
    stem = (path.name[:-len(suffix)] if suffix else path.name).strip().lstrip(".") or "file"
    allowed = EXTENSIONS.get(mime, ("",))
    return f"{stem}{suffix if suffix in allowed else allowed[0]}"


def detect_type(uploaded) -> str:
    """The MIME type read from the file's first bytes; raises ValidationError if not allowed."""
    limit = settings.ATTACHMENT_MAX_BYTES
    if uploaded.size > limit:
        raise ValidationError(
            _("The file is too large (%(size)d MB); the limit is %(limit)d MB.")
            % {"size": max(1, uploaded.size // (1024 * 1024)), "limit": limit // (1024 * 1024)})
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
