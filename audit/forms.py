"""The filters of the audit trail page (a GET form): every value is checked before a query."""

import datetime as dt

from django import forms
from django.contrib.auth import get_user_model
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from audit import trail
from pauta import inputs

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class TrailFilterForm(forms.Form):
    q = inputs.SearchField(label=_("Search"), required=False,
                           help_text=_("A person's name, an action or an object's title."))
    person = inputs.ModelChoiceField(label=_("Person"), required=False, queryset=None,
                                     empty_label=_("Anyone"),
                                     error_messages={"invalid_choice": _(
                                         "Choose a person from the list.")})
    verb = forms.ChoiceField(label=_("Action"), required=False,
                             error_messages={"invalid_choice": _(
                                 "Choose an action from the list.")})
    kind = forms.ChoiceField(label=_("Kind of object"), required=False,
                             error_messages={"invalid_choice": _(
                                 "Choose a kind of object from the list.")})
    object = inputs.SearchField(label=_("Object"), required=False,
                                help_text=_("Its number or words of its title."))
    start = inputs.DateField(label=_("From"), required=False, widget=DATE)
    end = inputs.DateField(label=_("Until"), required=False, widget=DATE)

    def __init__(self, data=None):
        super().__init__(data)
        self.fields["person"].queryset = get_user_model().objects.order_by(
            "first_name", "last_name", "username")
        self.fields["verb"].choices = [("", _("Any action")), *trail.verb_choices()]
        self.fields["kind"].choices = [("", _("Any kind")), *trail.kinds()]

    def clean(self):
        data = super().clean()
        start, end = data.get("start"), data.get("end")
        if start and end and start > end:
            self.add_error("end", _("The end of the period comes before its start."))
        return data

    def filters(self) -> dict:
        """The keyword arguments of ``audit.trail.filtered`` (call after ``is_valid``)."""
        data = self.cleaned_data if self.is_bound else {}
        start, end = data.get("start"), data.get("end")
        return {"person": data.get("person"), "verb": data.get("verb") or "",
                "kind": data.get("kind") or "", "obj": data.get("object") or "",
                "q": data.get("q") or "",
                "start": _midnight(start) if start else None,
                "end": _midnight(end + dt.timedelta(days=1)) if end else None}

    def is_filtered(self) -> bool:
        return self.is_bound and any(self.data.get(name) for name in self.fields)


def _midnight(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))
