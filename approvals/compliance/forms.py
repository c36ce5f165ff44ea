"""Forms of the compliance pages."""

from django import forms
from django.utils.translation import gettext_lazy as _

from approvals.compliance.models import LegalException


class OverrideForm(forms.Form):
    fingerprint = forms.CharField(widget=forms.HiddenInput, max_length=40)
    reason = forms.CharField(label=_("Justification"), widget=forms.Textarea(attrs={"rows": 2}),
                             max_length=2000)
    legal_exception = forms.ChoiceField(
        label=_("Legal exception"), required=False,
        choices=[("", _("None"))] + list(LegalException.choices))


class TakedownForm(forms.Form):
    publications = forms.TypedMultipleChoiceField(coerce=int, choices=(),
                                                  label=_("Pieces to take down"))
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}),
                             max_length=2000)

    def __init__(self, *args, choices=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["publications"].choices = choices
