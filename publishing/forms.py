"""Forms of publishing's pages: a piece's scheduled take-down."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ExpiryForm(forms.Form):
    unpublish_at = forms.DateTimeField(
        label=_("Take down at"), required=False,
        help_text=_("The piece comes off its channel by itself at this moment (e.g. the day "
                    "before an electoral blackout). Leave it empty to remove the date."),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"))

    def __init__(self, *args, publication=None, **kwargs):
        super().__init__(*args, **kwargs)
        expiry = getattr(publication, "expiry_pending", None)
        if expiry is not None:
            self.fields["unpublish_at"].initial = timezone.localtime(expiry.unpublish_at)
        if publication is not None:
            self.prefix = f"expiry-{publication.pk}"
