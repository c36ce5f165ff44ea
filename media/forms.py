"""Forms of the media bank pages; they validate input, ``media.services`` writes."""

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from calendars.models import Event
from media.models import Album, Asset, GivenBy, Kind, Licence, Person, Purpose, Rights
from org.models import Secretariat
from pauta import inputs

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


def _events():
    return Event.objects.order_by("-starts_at")


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Many files in one field (Django's documented pattern)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(d, initial) for d in data]
        return [single(data, initial)] if data else []


class RightsMixin:
    def clean(self):
        data = super().clean()
        rights = data.get("rights")
        if rights == Rights.CC and not data.get("licence"):
            self.add_error("licence", _("Choose the Creative Commons licence."))
        if rights == Rights.THIRD_PARTY and not (data.get("rights_terms") or "").strip():
            self.add_error("rights_terms", _("Write the terms agreed with the author."))
        if rights != Rights.CC:
            data["licence"] = ""
        return data


class UploadForm(RightsMixin, forms.Form):
    """Many files at once; what is filled here is given to each of them."""

    files = MultipleFileField(label=_("Files"), help_text=_(
        "Photos, videos, audio or PDF documents; choose as many as you need."))
    event = inputs.ModelChoiceField(label=_("Event"), queryset=Event.objects.none(),
                                    required=False)
    secretariat = inputs.ModelChoiceField(label=_("Secretariat"),
                                          queryset=Secretariat.objects.all(), required=False)
    credit = forms.CharField(label=_("Photographer / credit"), max_length=200, required=False)
    place = forms.CharField(label=_("Place"), max_length=200, required=False)
    tags = forms.CharField(label=_("Tags"), max_length=500, required=False,
                           help_text=_("Separated by commas."))
    rights = forms.ChoiceField(label=_("Rights"), choices=Rights.choices, initial=Rights.OWN)
    licence = forms.ChoiceField(label=_("Creative Commons licence"), choices=Licence.choices,
                                required=False)
    rights_terms = forms.CharField(label=_("Terms of use"), required=False,
                                   widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["event"].queryset = _events()

    def clean_files(self):
        files = self.cleaned_data["files"]
        if len(files) > settings.MEDIA_BATCH_MAX_FILES:
            raise forms.ValidationError(
                _("Send at most %(n)s files at a time.") % {"n": settings.MEDIA_BATCH_MAX_FILES})
        return files


class AssetForm(RightsMixin, forms.ModelForm):
    rights_purposes = forms.MultipleChoiceField(
        label=_("Uses allowed by the terms"), choices=Purpose.choices, required=False,
        widget=forms.CheckboxSelectMultiple)

    class Meta:
        model = Asset
        fields = ["title", "description", "alt_text", "taken_at", "place", "event", "credit",
                  "tags", "secretariat", "rights", "licence", "rights_terms",
                  "rights_purposes", "rights_until", "public"]
        formfield_callback = inputs.formfield
        widgets = {"taken_at": DATETIME, "rights_until": DATE,
                   "description": forms.Textarea(attrs={"rows": 3}),
                   "alt_text": forms.Textarea(attrs={"rows": 2}),
                   "rights_terms": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["event"].queryset = _events()
        self.fields["public"].help_text = _(
            "Only when every person shown has a consent in force for institutional publication "
            "(a minor's signed by a parent or guardian) and any third-party terms allow it; the "
            "public gallery checks this again every time it is opened.")


class SearchForm(forms.Form):
    q = inputs.SearchField(label=_("Search"), required=False,
                           help_text=_("Title, description or tags."))
    kind = forms.ChoiceField(label=_("Kind"), choices=[("", _("All")), *Kind.choices],
                             required=False)
    event = inputs.ModelChoiceField(label=_("Event"), queryset=Event.objects.none(),
                                    required=False)
    secretariat = inputs.ModelChoiceField(label=_("Secretariat"),
                                          queryset=Secretariat.objects.all(), required=False)
    person = inputs.ModelChoiceField(label=_("Person shown"), queryset=Person.objects.all(),
                                     required=False)
    rights = forms.ChoiceField(label=_("Rights"), choices=[("", _("All")), *Rights.choices],
                               required=False)
    date_from = inputs.DateField(label=_("Taken from"), required=False, widget=DATE)
    date_to = inputs.DateField(label=_("Taken until"), required=False, widget=DATE)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Only the events some asset belongs to: another event finds nothing, and a list of
        # every event of the calendar's years grows the page with the history.
        self.fields["event"].queryset = _events().filter(
            pk__in=Asset.objects.filter(event__isnull=False).values("event_id"))


class PersonForm(forms.ModelForm):
    class Meta:
        model = Person
        fields = ["name", "birth_date", "minor", "notes"]
        formfield_callback = inputs.formfield
        widgets = {"birth_date": DATE, "notes": forms.Textarea(attrs={"rows": 2})}


class ConsentForm(forms.Form):
    purposes = forms.MultipleChoiceField(label=_("Purposes"), choices=Purpose.choices,
                                         widget=forms.CheckboxSelectMultiple)
    scope = forms.CharField(label=_("Scope"), required=False,
                            widget=forms.Textarea(attrs={"rows": 2}),
                            help_text=_("What the consent covers (event, pieces, media)."))
    given_on = inputs.DateField(label=_("Date given"), widget=DATE)
    expires_on = inputs.DateField(label=_("Expires on"), required=False, widget=DATE)
    given_by = forms.ChoiceField(label=_("Given by"), choices=GivenBy.choices,
                                 widget=forms.RadioSelect, initial=GivenBy.PERSON)
    guardian_name = forms.CharField(label=_("Guardian's name"), max_length=200, required=False)
    document = forms.FileField(label=_("Signed document (scan)"), required=False,
                               help_text=_("PDF, JPEG or PNG."))

    def clean_document(self):
        import filetype

        document = self.cleaned_data.get("document")
        if document is None:
            return None
        if document.size > settings.MEDIA_MAX_BYTES:
            raise forms.ValidationError(_("The file is too large."))
        head = document.read(8192)
        document.seek(0)
        kind = filetype.guess(head)
        if not kind or kind.mime not in ("application/pdf", "image/jpeg", "image/png"):
            raise forms.ValidationError(_("Send the scan as a PDF, JPEG or PNG file."))
        return document

    def clean(self):
        data = super().clean()
        given, expires = data.get("given_on"), data.get("expires_on")
        if given and expires and expires < given:
            self.add_error("expires_on", _("The expiry date comes before the date the consent "
                                           "was given."))
        if data.get("given_by") == GivenBy.GUARDIAN and not (
                data.get("guardian_name") or "").strip():
            self.add_error("guardian_name", _("Write the name of the parent or guardian who "
                                              "signed."))
        return data


class WithdrawForm(forms.Form):
    on = inputs.DateField(label=_("Withdrawn on"), widget=DATE)
    note = forms.CharField(label=_("Note"), required=False,
                           widget=forms.Textarea(attrs={"rows": 2}))


class TagForm(forms.Form):
    person = inputs.ModelChoiceField(label=_("Person shown"), queryset=Person.objects.all())


class AttachForm(forms.Form):
    request = inputs.IdField(label=_("Request number"))
    purpose = forms.ChoiceField(label=_("Purpose of the use"), choices=Purpose.choices)


class AlbumForm(forms.ModelForm):
    class Meta:
        model = Album
        fields = ["title", "description", "public"]
        widgets = {"description": forms.Textarea(attrs={"rows": 2})}


class AlbumAddForm(forms.Form):
    album = inputs.ModelChoiceField(label=_("Album"), queryset=Album.objects.all())
