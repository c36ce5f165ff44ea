"""The verbs of two-factor sign-in in the audit registry."""

from django.utils.translation import gettext_lazy as _

from audit.registry import Verb, register, said

KIND = "otp_totp.totpdevice"

register(Verb("two_factor_enrol", _("Turn on two-factor sign-in"),
              said(_("%(actor)s turned on two-factor sign-in.")), subject_kind=KIND))
register(Verb("two_factor_remove", _("Turn off two-factor sign-in"),
              said(_("%(actor)s turned off two-factor sign-in.")), subject_kind=KIND))
