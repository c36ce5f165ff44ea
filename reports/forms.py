"""The dashboard's filter form: it validates input and turns it into a Slice."""

import hashlib
from datetime import date

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from org.permissions import visible_secretariats
from pauta import clock, inputs
from plans.models import Channel
from reports.permissions import data_scope
from reports.slices import Slice
from workflows.models import RequestKind

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
MAX_DAYS = 3 * 366
FIELDS_HTML_SECONDS = 60 * 60  # a key names one HTML: the time only bounds the memory
YEARS = (inputs.MIN_YEAR, inputs.MAX_YEAR)  # far-off dates would overflow the arithmetic


class KPIFilterForm(forms.Form):
    start = inputs.DateField(label=_("From"), widget=DATE)
    end = inputs.DateField(label=_("Until"), widget=DATE)
    secretariat = inputs.ModelChoiceField(label=_("Secretariat"), required=False,
                                         queryset=None,
                                         empty_label=pgettext_lazy("secretariats", "All"))
    channel = inputs.ModelChoiceField(label=_("Channel"), required=False, empty_label=_("All"),
                                     queryset=Channel.objects.filter(active=True))
    kind = forms.ChoiceField(label=_("Kind"), required=False,
                             choices=[("", _("All"))] + list(RequestKind.choices))

    def __init__(self, data=None, *, user):
        today = clock.today()
        self.user = user
        initial = {"start": date(today.year, 1, 1), "end": today}
        if data is not None and not any(data.get(k) for k in ("start", "end")):
            data = None  # first visit: the defaults
        super().__init__(data, initial=initial)
        self.fields["secretariat"].queryset = visible_secretariats(user).order_by("acronym")

    def clean(self):
        data = super().clean()
        start, end = data.get("start"), data.get("end")
        if any(day and not YEARS[0] <= day.year <= YEARS[1] for day in (start, end)):
            raise forms.ValidationError(_("Choose dates between the years %(first)s and "
                                          "%(last)s.") % {"first": YEARS[0], "last": YEARS[1]})
        if start and end:
            if end < start:
                raise forms.ValidationError(_("The end of the period is before its start."))
            if (end - start).days > MAX_DAYS:
                raise forms.ValidationError(_("Choose a period of at most three years."))
        return data

    def slice(self) -> Slice:
        """The chosen slice (defaults when unbound), inside what the user may see."""
        data = self.cleaned_data if self.is_bound else self.initial
        secretariat, channel = data.get("secretariat"), data.get("channel")
        return Slice(start=data["start"], end=data["end"],
                     secretariat_id=secretariat.pk if secretariat else None,
                     channel_id=channel.pk if channel else None, kind=data.get("kind") or "",
                     scope=data_scope(self.user))

    def fields_html(self) -> str:
        """The fields as HTML (``field.as_field_group`` each), kept in the cache under a digest
        of everything they show: the language, each field's value and every choice's value and
        label (the secretariats this person may see, the active channels). A new choice, label
        or value is a new key, so nothing is invalidated; a form with errors renders afresh."""
        from django.core.cache import cache
        from django.utils.safestring import mark_safe
        from django.utils.translation import get_language

        def render() -> str:
            return "".join(str(field.as_field_group()) for field in self)

        if self.is_bound and self.errors:
            return mark_safe(render())  # noqa: S308 (Django's own rendering)
        for field in self.fields.values():
            if isinstance(field, forms.ChoiceField):
                # Read once: the digest and, on a miss, the rendering use the same choices
                # (a ModelChoiceField would query again to render).
                field.choices = list(iter(field.choices))  # iter: no COUNT query first
        shown = [(field.name, str(field.value()), [(str(value), str(label)) for value, label
                                                    in getattr(field.field, "choices", ())])
                 for field in self]
        key = "kpi:filters:" + hashlib.sha256(repr((
            get_language(), self.auto_id, shown)).encode()).hexdigest()
        html = cache.get(key)
        if html is None:
            html = render()
            cache.set(key, html, FIELDS_HTML_SECONDS)
        return mark_safe(html)  # noqa: S308 (rendered by Django's field templates above)
