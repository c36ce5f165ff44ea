"""Clipping forms: triage (keep), manual entry, sources, terms, subscriptions."""

from django import forms
from django.utils.translation import gettext_lazy as _

from campaigns.models import Campaign
from clipping.models import Medium, SearchTerm, Source, Theme, Tone
from clipping.suggest import ANSWERED
from org.models import Secretariat
from pauta import inputs
from plans.models import PlanAction
from press.forms import outlet_choices
from press.models import Inquiry
from workflows.models import ContentRequest, Publication

MAX_FILE_MB = 200
ALLOWED_FILES = (".pdf", ".jpg", ".jpeg", ".png", ".mp3", ".ogg", ".wav", ".m4a", ".mp4",
                 ".webm", ".mov")


LINKABLE_REQUESTS = ["published", "archived", "scheduled"]


class PublicationChoiceField(inputs.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"#{obj.request_id} {obj.request.title} — {obj.channel.name}"


class KeepForm(forms.Form):
    tone = forms.ChoiceField(label=_("Tone"), choices=Tone.choices, widget=forms.RadioSelect)
    themes = inputs.ModelMultipleChoiceField(label=_("Themes"), queryset=Theme.objects.all(),
                                            required=False,
                                            widget=forms.CheckboxSelectMultiple)
    secretariats = inputs.ModelMultipleChoiceField(
        label=_("Secretariats concerned"), required=False,
        queryset=Secretariat.objects.filter(active=True).order_by("acronym"),
        widget=forms.CheckboxSelectMultiple)
    request = inputs.ModelChoiceField(
        label=_("Request it reflects"), required=False,
        queryset=ContentRequest.objects.filter(state__in=LINKABLE_REQUESTS).order_by("-pk"))
    publication = PublicationChoiceField(
        label=_("Publication it reflects"), required=False,
        help_text=_("One of the request's publications; choosing one also links its request."),
        queryset=Publication.objects.filter(
            published_at__isnull=False, request__state__in=LINKABLE_REQUESTS)
        .select_related("request", "channel").order_by("-published_at", "-pk"))
    campaign = inputs.ModelChoiceField(label=_("Campaign"), required=False,
                                      queryset=Campaign.objects.order_by("-start"))
    plan_action = inputs.ModelChoiceField(
        label=_("Plan action"), required=False,
        queryset=PlanAction.objects.select_related("objective").order_by("code"))
    inquiry = inputs.ModelChoiceField(
        label=_("Press inquiry it follows"), required=False,
        queryset=Inquiry.objects.filter(state__in=ANSWERED).order_by("-sent_at", "-pk"))

    def __init__(self, *args, clip=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.clip = clip
        if clip is not None and not self.is_bound:
            found = clip.suggestions or {}
            self.initial.update(
                tone=clip.tone or clip.suggested_tone or "",
                themes=list(clip.themes.all()), secretariats=list(clip.secretariats.all()),
                request=clip.request_id or found.get("request"),
                publication=clip.publication_id or found.get("publication"),
                campaign=clip.campaign_id or found.get("campaign"),
                plan_action=clip.plan_action_id or found.get("plan_action"),
                inquiry=clip.inquiry_id or found.get("inquiry"))

    def clean(self):
        data = super().clean()
        request, publication = data.get("request"), data.get("publication")
        if publication is not None:
            if request is None:
                data["request"] = publication.request
            elif publication.request_id != request.pk:
                self.add_error("publication", _(
                    "This publication belongs to another request: choose one of the "
                    "request's publications, or leave the request empty."))
        return data


class ManualClipForm(forms.Form):
    outlet = inputs.ModelChoiceField(
        label=_("Outlet"), queryset=outlet_choices(),
        help_text=_("The press desk's media outlets (one list for the desk and clipping)."))
    medium = forms.ChoiceField(label=_("Medium"), choices=Medium.choices, initial=Medium.PRINT)
    published_at = forms.DateTimeField(
        label=_("Date and time"), widget=forms.DateTimeInput(attrs={"type": "datetime-local"},
                                                             format="%Y-%m-%dT%H:%M"))
    headline = forms.CharField(label=_("Headline or subject"), max_length=500)
    page_or_programme = forms.CharField(label=_("Page or programme"), max_length=200,
                                        required=False)
    summary = forms.CharField(label=_("Summary"), widget=forms.Textarea(attrs={"rows": 3}),
                              required=False)
    full_text = forms.CharField(label=_("Transcript or full text"), required=False,
                                widget=forms.Textarea(attrs={"rows": 6}),
                                help_text=_("Kept for internal use only."))
    url = forms.URLField(label=_("Link"), required=False, assume_scheme="https")
    file = forms.FileField(label=_("Scan, audio or video"), required=False,
                           help_text=_("PDF, image, audio or video, at most 200 MB."))

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if upload is None:
            return None
        if not upload.name.lower().endswith(ALLOWED_FILES):
            raise forms.ValidationError(_("Send a PDF, an image, an audio or a video file."))
        if upload.size > MAX_FILE_MB * 1024 * 1024:
            raise forms.ValidationError(_("The file is larger than 200 MB."))
        return upload

    def clean(self):
        data = super().clean()
        if not (data.get("summary") or "").strip() and not (data.get("full_text") or "").strip():
            raise forms.ValidationError(_("Write a summary or the transcript."))
        return data


class SourceForm(forms.ModelForm):
    url = forms.URLField(label=_("URL"), max_length=500, assume_scheme="https")

    class Meta:
        formfield_callback = inputs.formfield
        model = Source
        fields = ["outlet", "kind", "url", "interval_minutes", "active"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["outlet"].queryset = outlet_choices(self.instance.outlet_id)
        self.fields["outlet"].help_text = _(
            "The press desk's media outlets (one list for the desk and clipping).")

    def clean_interval_minutes(self):
        value = self.cleaned_data["interval_minutes"]
        if value < 5:
            raise forms.ValidationError(_("Fetch a source at most every 5 minutes."))
        return value


class ThemeForm(forms.ModelForm):
    class Meta:
        formfield_callback = inputs.formfield
        model = Theme
        fields = ["name"]


class TermForm(forms.ModelForm):
    class Meta:
        formfield_callback = inputs.formfield
        model = SearchTerm
        fields = ["text", "kind", "exclude", "secretariat", "campaign"]


class SubscriptionForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    email = forms.EmailField(label=_("E-mail"))
