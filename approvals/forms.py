"""The decision form of any approval step."""

from django import forms
from django.utils.translation import gettext_lazy as _

from approvals.models import Decision, RejectionReason
from pauta import inputs


class DecisionForm(forms.Form):
    """The decision page posts ``outcome`` from the button pressed (approve, request changes,
    reject); the comment and the reason are checked here as the service checks them, so the
    person gets the message next to the field and keeps what she wrote."""

    outcome = forms.ChoiceField(label=_("Decision"), choices=Decision.Outcome.choices,
                                widget=forms.RadioSelect)
    reason = inputs.ModelChoiceField(label=_("Reason (when rejecting)"), required=False,
                                     queryset=RejectionReason.objects.filter(active=True))
    comment = forms.CharField(
        label=_("Comment"), required=False, widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Required when you request changes or reject: say what must change or "
                    "why."))

    def clean(self):
        data = super().clean()
        outcome = data.get("outcome")
        if outcome and outcome != Decision.Outcome.APPROVE and not (
                data.get("comment") or "").strip():
            self.add_error("comment", _("Explain what must change or why it is rejected."))
        if outcome == Decision.Outcome.REJECT and data.get("reason") is None:
            self.add_error("reason", _("Choose a reason for the rejection."))
        return data
