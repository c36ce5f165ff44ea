"""The decision form of any approval step."""

from django import forms
from django.utils.translation import gettext_lazy as _

from approvals.models import Decision, RejectionReason
from pauta import inputs


class DecisionForm(forms.Form):
    outcome = forms.ChoiceField(label=_("Decision"), choices=Decision.Outcome.choices,
                                widget=forms.RadioSelect)
    reason = inputs.ModelChoiceField(label=_("Reason (when rejecting)"), required=False,
                                     queryset=RejectionReason.objects.filter(active=True))
    comment = forms.CharField(label=_("Comment"), required=False,
                              widget=forms.Textarea(attrs={"rows": 3}))
