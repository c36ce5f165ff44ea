"""Forms of the campaign pages; they validate input, the campaign services write."""

from django import forms
from django.utils.translation import gettext_lazy as _

from pauta import inputs
from plans.models import Audience, Channel, PlanAction
from workflows.models import Campaign, RequestKind, SpendKind

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class CampaignForm(forms.ModelForm):
    """The department head's campaign brief."""

    class Meta:
        model = Campaign
        fields = ["secretariat", "title", "brief", "objective", "plan_action", "audiences",
                  "channels", "start", "end", "key_messages", "budget_own_staff",
                  "budget_paid_media"]
        formfield_callback = inputs.formfield
        widgets = {
            "start": DATE, "end": DATE,
            "brief": forms.Textarea(attrs={"rows": 5}),
            "objective": forms.Textarea(attrs={"rows": 3}),
            "key_messages": forms.Textarea(attrs={"rows": 4}),
            "channels": forms.CheckboxSelectMultiple,
            "audiences": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        from org.permissions import secretariats_for_action

        self.fields["secretariat"].queryset = secretariats_for_action(user)
        self.fields["channels"].queryset = Channel.objects.filter(active=True)
        self.fields["audiences"].queryset = Audience.objects.filter(active=True)
        self.fields["plan_action"].queryset = (PlanAction.objects.filter(plan__state="approved")
                                               .select_related("plan"))
        self.fields["plan_action"].required = False
        if self.instance.pk:
            self.fields["secretariat"].disabled = True

    def clean(self):
        data = super().clean()
        if data.get("start") and data.get("end") and data["end"] < data["start"]:
            self.add_error("end", _("The campaign must end on or after its first day."))
        return data


class PieceForm(forms.Form):
    """One piece the campaign needs; it becomes a content request."""

    kind = forms.ChoiceField(label=_("Kind of piece"), choices=RequestKind.choices)
    title = forms.CharField(label=_("Title of the piece"), max_length=200)
    desired_date = inputs.DateField(label=_("Desired publication date"), required=False,
                                    widget=DATE)
    brief = forms.CharField(label=_("Brief of the piece"), required=False,
                            widget=forms.Textarea(attrs={"rows": 2}),
                            help_text=_("Empty: the campaign's brief."))

    def has_changed(self):
        # An extra row of the formset counts only when it has a title: its kind <select>
        # always sends a value, which must not make an empty row required.
        return bool((self.data.get(self.add_prefix("title")) or "").strip())


PieceFormSet = forms.formset_factory(PieceForm, extra=3, max_num=20)


class SpendForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=SpendKind.choices)
    amount = forms.DecimalField(label=_("Amount (R$)"), min_value=0.01, max_digits=14,
                                decimal_places=2)
    committed_on = inputs.DateField(label=_("Committed on"), widget=DATE)
    description = forms.CharField(label=_("Description"), max_length=300)
    supplier = forms.CharField(label=_("Supplier"), max_length=200, required=False)
    document = forms.CharField(label=_("Document reference"), max_length=100, required=False)


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3}))


class ReturnForm(forms.Form):
    comment = forms.CharField(label=_("What must be completed"),
                              widget=forms.Textarea(attrs={"rows": 3}))
