"""Optimistic concurrency for edit forms: nobody's save silently overwrites another's.

An editable model has a ``version`` integer that its service increments on every save. The
edit form carries, as hidden fields, the version it was loaded from (``version``) and a
signed snapshot of the values the person saw (``seen``). The service, holding the row
lock (``select_for_update``), calls :func:`check`: if the row moved on meanwhile it raises
:class:`EditConflict`, whose message lists what the other person changed (field label,
old → new value). The view re-shows the form with the person's input and the current
version (:func:`refreshed`), so saving again is a deliberate choice.
"""

import datetime
from dataclasses import dataclass

from django import forms
from django.core import signing
from django.core.exceptions import ValidationError
from django.db.models import Model
from django.utils import formats, timezone
from django.utils.text import Truncator
from django.utils.translation import gettext as _

VERSION, SEEN = "version", "seen"
SALT = "pauta.concurrency.seen"
EMPTY = "—"


@dataclass(frozen=True)
class Change:
    label: str
    old: str
    new: str


class EditConflict(ValidationError):
    """The object was saved by someone else after this person loaded it."""

    def __init__(self, changes: list[Change], version: int):
        self.changes, self.version = changes, version
        super().__init__(conflict_message(changes), code="edit_conflict")


def display(value) -> str:
    """A value as a person reads it in the conflict message."""
    if hasattr(value, "all"):  # a many-to-many manager
        value = sorted(str(item) for item in value.all())
    if value is None or value == "" or value == []:
        return EMPTY
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, datetime.datetime):
        return formats.date_format(timezone.localtime(value), "SHORT_DATETIME_FORMAT")
    if isinstance(value, datetime.date):
        return formats.date_format(value, "SHORT_DATE_FORMAT")
    if isinstance(value, list | tuple | set):
        return ", ".join(str(item) for item in value)
    return str(value)


def snapshot(obj: Model | None, names) -> dict[str, str]:
    """What ``obj`` shows for each field (``None``: an object not created yet)."""
    if obj is None:
        return dict.fromkeys(names, EMPTY)
    values = {}
    for name in names:
        shown = getattr(obj, f"get_{name}_display", None)  # a choice: its label, not its code
        values[name] = display(shown() if shown else getattr(obj, name))
    return values


def labels(model, names) -> dict[str, str]:
    """Field name → the model's translated label, for the conflict message."""
    return {name: str(model._meta.get_field(name).verbose_name).capitalize() for name in names}


def seen_token(obj: Model | None, names) -> str:
    return signing.dumps(snapshot(obj, names), salt=SALT, compress=True)


def _seen(token: str) -> dict | None:
    try:
        return signing.loads(token or "", salt=SALT)
    except signing.BadSignature:
        return None


def check(obj: Model | None, *, version: int | None, seen: str, fields: dict[str, str]) -> None:
    """Refuse a save made from an older version of ``obj`` (call it under the row lock).

    ``version`` None means the caller does not take part (e.g. an internal service call);
    ``obj`` None with version 0 is "this did not exist yet" (a first save).
    """
    if version is None:
        return
    current = obj.version if obj is not None else 0
    if version == current:
        return
    before = _seen(seen) or {}
    now = snapshot(obj, fields)
    changes = [Change(label, before[name], now[name]) for name, label in fields.items()
               if name in before and before[name] != now[name]]
    raise EditConflict(changes, current)


def _short(value: str) -> str:
    return Truncator(" ".join(value.split())).chars(120)


def conflict_message(changes: list[Change]) -> str:
    head = _("Someone else saved this while you were editing it. Your input is kept below: "
             "check their changes and save again to keep yours.")
    if not changes:
        return head
    items = "; ".join(_("%(field)s: “%(old)s” → “%(new)s”") % {
        "field": c.label, "old": _short(c.old), "new": _short(c.new)} for c in changes)
    return head + " " + _("What they changed: %(changes)s.") % {"changes": items}


def add_fields(form: forms.BaseForm, obj: Model | None, names) -> None:
    """Add the hidden ``version`` and ``seen`` fields, loaded from ``obj``, to ``form``."""
    form.fields[VERSION] = forms.IntegerField(widget=forms.HiddenInput, min_value=0,
                                              required=False)
    form.fields[SEEN] = forms.CharField(widget=forms.HiddenInput, required=False)
    form.initial[VERSION] = obj.version if obj is not None else 0
    form.initial[SEEN] = seen_token(obj, names)


def refreshed(form: forms.BaseForm, conflict: EditConflict, obj: Model | None, names):
    """``form`` bound again to the person's input, now against the current version."""
    data = form.data.copy()
    data[form.add_prefix(VERSION)] = str(conflict.version)
    data[form.add_prefix(SEEN)] = seen_token(obj, names)
    return data


def pop(data: dict) -> dict:
    """The ``version``/``seen`` keyword arguments of the service, taken out of ``data``."""
    return {"version": data.pop(VERSION, None), "seen": data.pop(SEEN, "") or ""}
