"""The one HTML action view of every lifecycle: read the registry, validate, run, flash.

A lifecycle's ``views.py`` finds the object (404 when invisible) and calls ``run_action``;
the registry (``<app>/actions.py``) says which form, which service and which messages.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404

from pauta.lifecycle import NotAllowed


def _form_errors(request, form) -> None:
    for errors in form.errors.values():
        for error in errors:
            messages.error(request, error)


def run_action(request, *, registry, obj, verb: str) -> bool:
    """POST ``verb`` on ``obj``: True when it went through (messages say what happened)."""
    action = registry.get(verb)
    if action is None or not action.post:
        raise Http404
    data = {}
    if action.form is not None:
        kwargs = action.form_kwargs(obj) if action.form_kwargs else {}
        form = action.form(request.POST, prefix=action.form_prefix or None, **kwargs)
        if not form.is_valid():
            if action.invalid:
                messages.error(request, str(action.invalid))
            else:
                _form_errors(request, form)
            return False
        data = form.cleaned_data
    try:
        result = action.run(obj, request.user, data)
    except NotAllowed as refusal:
        raise PermissionDenied(refusal.messages[0]) from refusal
    except ValidationError as error:
        for text in error.messages:
            messages.error(request, text)
        return False
    messages.success(request, str(action.done))
    warning = action.warn(result if result is not None else obj, request.user, data) \
        if action.warn else ""
    if warning:
        messages.warning(request, warning)
    return True
