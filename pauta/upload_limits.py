"""Refuse oversized uploads before reading them, with a clear translated answer.

Django keeps files out of ``DATA_UPLOAD_MAX_MEMORY_SIZE``, so without this a client could
make Pauta read and store a body of any size before the attachment check looked at its size.

- ``RequestSizeMiddleware`` answers 413 from the declared ``Content-Length`` alone, before any
  byte of a body larger than ``UPLOAD_MAX_REQUEST_BYTES`` is read (Django reads no more than
  ``Content-Length``, so a body without one is read as empty).
- ``SizeLimitUploadHandler`` (first in ``FILE_UPLOAD_HANDLERS``) stops passing a file's bytes on
  once it is larger than ``ATTACHMENT_MAX_BYTES``: nothing more is kept in memory or on disk,
  and the form receives an empty stand-in whose size makes the usual "too large" error.
"""

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.core.files.uploadhandler import FileUploadHandler
from django.http import JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _


def _mb(size: int) -> int:
    return max(1, size // (1024 * 1024))


class OversizedUpload(UploadedFile):
    """What is left of a file refused for its size: its name and (at least) its size."""

    def __init__(self, name, size, content_type, charset):
        import io

        super().__init__(io.BytesIO(), name=name, content_type=content_type, size=size,
                         charset=charset)


class SizeLimitUploadHandler(FileUploadHandler):
    def new_file(self, field_name, file_name, content_type, content_length, charset=None,
                 content_type_extra=None):
        super().new_file(field_name, file_name, content_type, content_length, charset,
                         content_type_extra)
        self.received = 0

    def receive_data_chunk(self, raw_data, start):
        self.received += len(raw_data)
        if self.received > settings.ATTACHMENT_MAX_BYTES:
            return None  # the following handlers (memory, temporary file) get nothing more
        return raw_data

    def file_complete(self, file_size):
        if self.received > settings.ATTACHMENT_MAX_BYTES:
            return OversizedUpload(self.file_name, self.received, self.content_type,
                                   self.charset)
        return None


def _too_large(request, declared: int):
    limit = settings.UPLOAD_MAX_REQUEST_BYTES
    message = _("What you sent is too large (%(size)d MB); the limit is %(limit)d MB.") % {
        "size": _mb(declared), "limit": _mb(limit)}
    if request.path.startswith("/api/"):
        return JsonResponse({"code": "too_large", "detail": message}, status=413)
    return render(request, "request_too_large.html", {"message": message}, status=413)


class RequestSizeMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            declared = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            declared = 0
        if declared > settings.UPLOAD_MAX_REQUEST_BYTES:
            return _too_large(request, declared)
        return self.get_response(request)
