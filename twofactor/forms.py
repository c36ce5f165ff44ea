"""The fields of the two-factor pages: codes from the authenticator app."""

from django import forms
from django.utils.translation import gettext_lazy as _

_CODE_ATTRS = {"autocomplete": "one-time-code", "inputmode": "numeric", "pattern": "[0-9]*"}


def _code_field(label):
    return forms.CharField(label=label, min_length=6, max_length=8,
                           widget=forms.TextInput(attrs=_CODE_ATTRS))


class TokenForm(forms.Form):
    token = _code_field(_("Code from the authenticator app"))


class CurrentTokenForm(forms.Form):
    """Turning two-factor off: a fresh code of the current device."""

    current_token = _code_field(_("Code from your current device"))


class ReplaceForm(CurrentTokenForm):
    """Replacing the device: a fresh code of the current device and one of the new device."""

    token = _code_field(_("Code from the new device"))
