"""Forms of the ideas pages; they validate input, the idea services write."""

from django import forms
from django.utils.translation import gettext_lazy as _

from ideas import permissions as perms
from ideas.models import Idea
from org.models import Secretariat
from pauta import inputs
from workflows.models import RequestKind


class IdeaForm(forms.ModelForm):
    anonymous = forms.BooleanField(
        label=_("Propose anonymously"), required=False,
        help_text=_("The team will not see who proposed it, and neither will the audit "
                    "trail; you will not be able to follow it as its author."))

    attachment = forms.FileField(
        label=_("Attachment"), required=False, help_text=_(
            "Optional: one file (images, PDF, office documents or MP4 videos)."))

    class Meta:
        model = Idea
        fields = ["title", "description", "secretariat"]
        formfield_callback = inputs.formfield
        widgets = {"description": forms.Textarea(attrs={"rows": 6})}
        help_texts = {"secretariat": _("Optional: the secretariat or service it concerns.")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["secretariat"].queryset = Secretariat.objects.filter(active=True)
        if not perms.anonymous_allowed():
            del self.fields["anonymous"]

    def clean_attachment(self):
        from workflows.uploads import detect_type

        upload = self.cleaned_data.get("attachment")
        if upload is not None:
            detect_type(upload)  # type by content, size within the limit
        return upload


class CommentForm(forms.Form):
    text = forms.CharField(label=_("Comment"), max_length=5000,
                           widget=forms.Textarea(attrs={"rows": 3}))


class DeclineForm(forms.Form):
    reason = forms.CharField(label=_("Reason for declining"), max_length=2000,
                             widget=forms.Textarea(attrs={"rows": 3}),
                             help_text=_("The author and the supporters read it."))


class CampaignForm(forms.Form):
    """Turn an accepted idea into a draft campaign of one of the person's secretariats."""

    secretariat = inputs.ModelChoiceField(label=_("Secretariat"),
                                          queryset=Secretariat.objects.none())
    start = inputs.DateField(label=_("Start"), widget=forms.DateInput(
        attrs={"type": "date"}, format="%Y-%m-%d"))
    end = inputs.DateField(label=_("End"), widget=forms.DateInput(
        attrs={"type": "date"}, format="%Y-%m-%d"))

    def __init__(self, *args, user=None, idea=None, **kwargs):
        super().__init__(*args, **kwargs)
        allowed = (perms.request_secretariats(user) if user is not None
                   else Secretariat.objects.none())
        self.fields["secretariat"].queryset = allowed
        if idea is not None and allowed.filter(pk=idea.secretariat_id).exists():
            self.initial.setdefault("secretariat", idea.secretariat_id)

    def clean(self):
        data = super().clean()
        if data.get("start") and data.get("end") and data["end"] < data["start"]:
            self.add_error("end", _("The end cannot come before the start."))
        return data


class RequestForm(forms.Form):
    """Turn an accepted idea into a content request of one of the person's secretariats, or
    (the communication team) of the idea's secretariat, in the name of its focal point."""

    secretariat = inputs.ModelChoiceField(label=_("Secretariat"),
                                          queryset=Secretariat.objects.none())
    kind = forms.ChoiceField(label=_("Kind"), choices=RequestKind.choices)

    def __init__(self, *args, user=None, idea=None, **kwargs):
        super().__init__(*args, **kwargs)
        allowed = (perms.make_request_secretariats(user, idea) if user is not None
                   else Secretariat.objects.none())
        self.fields["secretariat"].queryset = allowed
        if idea is not None and allowed.filter(pk=idea.secretariat_id).exists():
            self.initial.setdefault("secretariat", idea.secretariat_id)
