"""Forms of the press desk pages; they validate input, the press services write."""

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from org.models import Secretariat
from pauta import inputs
from press.models import (
    DistributionList,
    Inquiry,
    InquiryKind,
    Journalist,
    Outlet,
    OutletType,
    Reach,
)
from press.selectors import outlet_cities

DEADLINE = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
MAX_IMPORT_BYTES = 5 * 1024 * 1024


class OutletForm(forms.ModelForm):
    """A media outlet: the desk's contacts work there; clipping follows its coverage."""

    website = forms.URLField(label=_("Website"), required=False, assume_scheme="https")

    class Meta:
        model = Outlet
        fields = ["name", "type", "reach", "city", "website", "audience", "active"]
        formfield_callback = inputs.formfield

    def clean_name(self):
        return self.cleaned_data["name"].strip()

    def validate_unique(self):
        pass  # the service says it in one sentence, whatever the name's case


def outlet_choices(current=None):
    """The active outlets, and the one already chosen (an inactive outlet stays on what has it)."""
    rows = Outlet.objects.filter(active=True)
    if current is not None:
        rows = Outlet.objects.filter(Q(active=True) | Q(pk=current))
    return rows.order_by("name")


class JournalistForm(forms.ModelForm):
    class Meta:
        model = Journalist
        fields = ["name", "outlet", "beats", "email", "phone", "mobile", "preferred_channel",
                  "legal_basis", "source"]
        formfield_callback = inputs.formfield

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["outlet"].queryset = outlet_choices(self.instance.outlet_id)


class InquiryForm(forms.ModelForm):
    """The desk registers an inquiry: who asks, what, for when (to the hour)."""

    class Meta:
        model = Inquiry
        fields = ["kind", "journalist", "outlet", "received_via", "secretariat", "theme",
                  "questions", "deadline", "sensitive"]
        formfield_callback = inputs.formfield
        widgets = {"deadline": DEADLINE, "questions": forms.Textarea(attrs={"rows": 6})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["journalist"].queryset = Journalist.objects.filter(
            forgotten_at__isnull=True).select_related("outlet")
        self.fields["secretariat"].queryset = Secretariat.objects.filter(active=True)
        self.fields["outlet"].queryset = outlet_choices(self.instance.outlet_id)
        self.fields["deadline"].input_formats = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M",
                                                  "%Y-%m-%dT%H:%M:%S"]
        self.fields["kind"].required = False  # questions unless said

    def clean_kind(self):
        return self.cleaned_data.get("kind") or InquiryKind.QUESTIONS


class FactsForm(forms.Form):
    facts = forms.CharField(label=_("The secretariat's information"), max_length=20000,
                            widget=forms.Textarea(attrs={"rows": 6}),
                            help_text=_("The facts the press officer needs to answer."))


class AnswerForm(forms.Form):
    answer = forms.CharField(label=_("Answer to the journalist"), max_length=20000,
                             widget=forms.Textarea(attrs={"rows": 8}))


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), max_length=2000,
                             widget=forms.Textarea(attrs={"rows": 3}))


class NoteForm(forms.Form):
    note = forms.CharField(label=_("Note for the secretariat"), max_length=2000, required=False,
                           widget=forms.Textarea(attrs={"rows": 2}))


class OnRecordForm(forms.Form):
    on_record = forms.BooleanField(label=_("Publish the question and the answer"),
                                   required=False)


class ImportForm(forms.Form):
    file = forms.FileField(label=_("Spreadsheet (XLSX or CSV)"),
                           help_text=_("One contact per row; the first row names the columns."))

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith((".xlsx", ".csv")):
            raise forms.ValidationError(_("Send an XLSX or CSV file."))
        if upload.size > MAX_IMPORT_BYTES:
            raise forms.ValidationError(_("The file is too large (5 MB at most)."))
        return upload


class DistributionForm(forms.Form):
    """Which published press release, to which contacts."""

    request = inputs.ModelChoiceField(label=_("Published press release"), queryset=None)
    saved_list = inputs.ModelChoiceField(
        label=_("Saved list"), queryset=DistributionList.objects.all(), required=False,
        help_text=_("Its filters are used instead of the ones below."))
    beats = forms.CharField(label=_("Beats"), max_length=300, required=False,
                            help_text=_("Only contacts covering one of these beats (commas). "
                                        "Empty: every beat."))
    outlet_types = forms.MultipleChoiceField(label=_("Outlet types"), required=False,
                                             choices=OutletType.choices,
                                             widget=forms.CheckboxSelectMultiple,
                                             help_text=_("None ticked: every type."))
    reaches = forms.MultipleChoiceField(label=_("Reach"), required=False, choices=Reach.choices,
                                        widget=forms.CheckboxSelectMultiple,
                                        help_text=_("None ticked: every reach."))
    cities = forms.MultipleChoiceField(label=_("Cities"), required=False, choices=(),
                                       widget=forms.CheckboxSelectMultiple,
                                       help_text=_("The outlets' cities. None ticked: every "
                                                   "city."))
    other_cities = forms.CharField(
        label=_("Other cities"), max_length=300, required=False,
        help_text=_("Typed (commas), matched without case or accents: “sao paulo” finds "
                    "São Paulo."))
    save_as = forms.CharField(label=_("Save these filters as a list named"), max_length=120,
                              required=False, help_text=_("Optional: to choose them again."))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from workflows.models import ContentRequest

        self.fields["request"].queryset = ContentRequest.objects.filter(
            kind="press_release", state__in=("published", "archived")).order_by("-pk")
        self.fields["cities"].choices = [(c, c) for c in outlet_cities()]

    def clean(self):
        data = super().clean()
        typed = [c.strip() for c in (data.pop("other_cities", "") or "").split(",")]
        data["cities"] = [*data.get("cities", []), *[c for c in typed if c]]
        return data


class InterviewForm(forms.Form):
    """The desk proposes who speaks, when and where (an interview request)."""

    spokesperson = inputs.ModelChoiceField(label=_("Spokesperson"), queryset=None)
    starts_at = inputs.DateTimeField(label=_("Date and hour of the interview"), widget=DEADLINE,
                                     input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"])
    minutes = forms.IntegerField(label=_("Duration (minutes)"), min_value=5, max_value=480,
                                 initial=30)
    place = forms.CharField(label=_("Place"), max_length=255,
                            help_text=_("Where, or how: by phone, by video."))
    briefing = forms.CharField(label=_("Briefing notes"), max_length=20000, required=False,
                               widget=forms.Textarea(attrs={"rows": 5}),
                               help_text=_("For the spokesperson: the context, the facts, "
                                           "what to avoid. Never sent to the journalist."))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from org.models import User

        self.fields["spokesperson"].queryset = User.objects.filter(is_active=True).order_by(
            "first_name", "last_name", "username")
        self.fields["spokesperson"].label_from_instance = (
            lambda u: u.get_full_name() or u.username)
