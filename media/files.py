"""What the media bank accepts, read from the file's first bytes (never from its name)."""

import hashlib
from pathlib import PurePath

import filetype
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from media.models import Kind

TYPES = {
    "image/jpeg": (Kind.PHOTO, ".jpg"), "image/png": (Kind.PHOTO, ".png"),
    "image/gif": (Kind.PHOTO, ".gif"), "image/webp": (Kind.PHOTO, ".webp"),
    "image/tiff": (Kind.PHOTO, ".tif"),
    "video/mp4": (Kind.VIDEO, ".mp4"), "video/webm": (Kind.VIDEO, ".webm"),
    "video/quicktime": (Kind.VIDEO, ".mov"),
    "audio/mpeg": (Kind.AUDIO, ".mp3"), "audio/ogg": (Kind.AUDIO, ".ogg"),
    "audio/x-wav": (Kind.AUDIO, ".wav"), "audio/x-flac": (Kind.AUDIO, ".flac"),
    "audio/mp4": (Kind.AUDIO, ".m4a"), "application/pdf": (Kind.DOCUMENT, ".pdf"),
}


def check(data_head: bytes, size: int) -> tuple[str, str]:
    """(MIME type, kind) of an accepted file; a ValidationError says why one is refused."""
    limit = settings.MEDIA_MAX_BYTES
    if size > limit:
        raise ValidationError(
            _("The file is too large (%(size)d MB); the limit is %(limit)d MB.")
            % {"size": max(1, size // (1024 * 1024)), "limit": limit // (1024 * 1024)})
    if size == 0:
        raise ValidationError(_("The file is empty."))
    kind = filetype.guess(data_head)
    mime = kind.mime if kind else ""
    if mime not in TYPES:
        raise ValidationError(_("This type of file is not accepted in the media bank. Send "
                                "photos (JPEG, PNG, GIF, WebP, TIFF), videos (MP4, WebM, "
                                "MOV), audio (MP3, OGG, WAV, FLAC, M4A) or PDF documents."))
    return mime, TYPES[mime][0]


def safe_name(name: str, mime: str) -> str:
    """The file's own name, with the extension of the type found."""
    stem = PurePath((name or "").replace("\\", "/")).stem.strip().lstrip(".") or "file"
    return f"{stem[:150]}{TYPES[mime][1]}"


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()
