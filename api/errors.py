"""One shape for every error the API answers, with messages in the user's language.

``{"code": "...", "detail": "...", "fields": {"name": ["..."]}}`` — ``fields`` only when
the input had field errors. Services' ``TransitionRefused`` answers 409, and so does an
``EditConflict`` (a save from a stale version); their other ``ValidationError``\\ s 400,
``PermissionDenied`` 403; a request the person may not see is 404, as in the UI.
"""

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from django.utils.translation import gettext as _
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_handler

from pauta.concurrency import EditConflict
from pauta.inputs import BadInput
from workflows.errors import TransitionRefused


class Conflict(exceptions.APIException):
    status_code = status.HTTP_409_CONFLICT
    default_code = "transition_refused"


def _from_django(exc):
    if isinstance(exc, EditConflict):  # saved by someone else since the version sent
        return Conflict(" ".join(exc.messages), code="edit_conflict")
    if isinstance(exc, TransitionRefused):
        error = Conflict(" ".join(exc.messages))
        if hasattr(exc, "error_dict"):
            error.fields = exc.message_dict
        return error
    if isinstance(exc, DjangoValidationError):
        if hasattr(exc, "error_dict"):
            return exceptions.ValidationError(exc.message_dict)
        return exceptions.ValidationError({"non_field_errors": exc.messages})
    if isinstance(exc, DjangoPermissionDenied):
        return exceptions.PermissionDenied(str(exc) or None)
    if isinstance(exc, Http404):
        return exceptions.NotFound()
    if isinstance(exc, BadInput):
        return exceptions.ValidationError({"non_field_errors": [exc.message]})
    return exc


def _flatten(data) -> list[str]:
    if isinstance(data, dict):
        return [m for value in data.values() for m in _flatten(value)]
    if isinstance(data, list):
        return [m for value in data for m in _flatten(value)]
    return [str(data)]


def exception_handler(exc, context):
    exc = _from_django(exc)
    response = drf_handler(exc, context)
    if response is None:
        return None  # a real bug: let Django answer 500 and log it
    body = {"code": "error", "detail": ""}
    if isinstance(exc, exceptions.ValidationError):
        body["code"] = "invalid"
        body["detail"] = _("The data sent is not valid.")
        data = exc.detail if isinstance(exc.detail, dict) else {"non_field_errors": exc.detail}
        body["fields"] = {name: _flatten(value) for name, value in data.items()}
    elif isinstance(exc, exceptions.APIException):
        codes = exc.get_codes()
        body["code"] = codes if isinstance(codes, str) else exc.default_code
        body["detail"] = " ".join(_flatten(exc.detail))
        if getattr(exc, "fields", None):
            body["fields"] = exc.fields
    return Response(body, status=response.status_code, headers={
        k: v for k, v in response.items() if k in ("WWW-Authenticate", "Retry-After", "Allow")})
