"""Forms of the plan pages: creating/copying a plan, decisions, entities, the import upload."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from pauta import inputs
from plans.models import Audience, Channel, KPITarget, Objective, Plan, PlanAction


class PlanCreateForm(forms.Form):
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100,
                              initial=lambda: timezone.localdate().year)
    title = forms.CharField(label=_("Title"), max_length=200)


class PlanCopyForm(forms.Form):
    source = inputs.ModelChoiceField(label=_("Copy from"), queryset=Plan.objects.all())
    year = forms.IntegerField(label=_("Year of the new plan"), min_value=2000, max_value=2100)
    title = forms.CharField(label=_("Title"), max_length=200, required=False,
                            help_text=_("Leave empty to reuse the title with the new year."))


class NoteForm(forms.Form):
    note = forms.CharField(label=_("Note"), widget=forms.Textarea(attrs={"rows": 3}),
                           required=False)


class ImportForm(forms.Form):
    file = forms.FileField(label=_("XLSX file"),
                           help_text=_("Use the template: one sheet per entity."))

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith(".xlsx"):
            raise forms.ValidationError(_("Upload an .xlsx file."))
        return upload


class ObjectiveForm(forms.ModelForm):
    class Meta:
        model = Objective
        fields = ["code", "title", "description"]


class PlanActionForm(forms.ModelForm):
    class Meta:
        model = PlanAction
        fields = ["code", "title", "objective", "owner", "start", "end", "channels",
                  "audiences", "planned_pieces", "budget"]
        formfield_callback = inputs.formfield
        widgets = {"start": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
                   "end": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
                   "channels": forms.CheckboxSelectMultiple,
                   "audiences": forms.CheckboxSelectMultiple}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["objective"].queryset = Objective.objects.filter(plan=self.instance.plan)
        self.fields["owner"].queryset = self.fields["owner"].queryset.filter(active=True)
        self.fields["channels"].queryset = self.fields["channels"].queryset.filter(active=True)
        self.fields["audiences"].queryset = self.fields["audiences"].queryset.filter(active=True)


class KPITargetForm(forms.ModelForm):
    class Meta:
        model = KPITarget
        fields = ["code", "indicator", "objective", "start", "end", "target", "unit"]
        formfield_callback = inputs.formfield
        widgets = {"start": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
                   "end": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["objective"].queryset = Objective.objects.filter(plan=self.instance.plan)


class CommitmentForm(forms.Form):
    action = inputs.ModelChoiceField(label=_("Plan action"), queryset=PlanAction.objects.none())
    amount = forms.DecimalField(label=_("Amount"), max_digits=14, decimal_places=2,
                                min_value=0.01)
    committed_on = inputs.DateField(label=_("Date"), widget=forms.DateInput(
        attrs={"type": "date"}, format="%Y-%m-%d"))
    reference = forms.CharField(label=_("Reference"), max_length=100, required=False,
                                help_text=_("E.g. the number of the purchase order."))
    description = forms.CharField(label=_("Description"), max_length=255)

    def __init__(self, *args, plan, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["action"].queryset = plan.actions.order_by("code")


ENTITY_FORMS = {"objective": ObjectiveForm, "action": PlanActionForm, "kpi": KPITargetForm}


class _CatalogueForm(forms.ModelForm):
    """A channel or an audience. The code is fixed once created: plan files refer to it."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        code = self.fields["code"]
        code.help_text = _("Short identifier used in plan files, e.g. %(example)s. "
                           "It cannot change later.") % {"example": self.code_example}
        if self.instance.pk:
            code.disabled = True

    def clean_code(self):
        code = self.cleaned_data["code"]
        model = self._meta.model
        if model.objects.filter(code__iexact=code).exclude(pk=self.instance.pk).exists():
            raise forms.ValidationError(self.duplicate_message % {"code": code}, code="unique")
        return code


class ChannelForm(_CatalogueForm):
    code_example = "instagram"
    duplicate_message = _("There is already a channel with the code “%(code)s”.")
    max_text_length = forms.IntegerField(
        label=_("Maximum text length"), required=False, min_value=1,
        error_messages={"min_value": _("The maximum text length must be a positive whole "
                                       "number, or empty for no limit.")},
        help_text=_("In characters. Leave empty for no limit."))

    class Meta:
        model = Channel
        fields = ["code", "name", "max_text_length", "image_required", "captions_required",
                  "signature_required"]


class AudienceForm(_CatalogueForm):
    code_example = "imprensa"
    duplicate_message = _("There is already an audience with the code “%(code)s”.")

    class Meta:
        model = Audience
        fields = ["code", "name"]


# URL segment → form of the catalogue pages
CATALOGUE_FORMS = {"channels": ChannelForm, "audiences": AudienceForm}
