"""The actions of the consent lifecycle (``pauta.actions``): read by the person's page and the
tests. What an event reads like lives in the audit verb registry (``media_consent_*``)."""

from django.utils.translation import gettext_lazy as _

from media import forms, services
from media import permissions as perms
from pauta.actions import Action, Registry

ACTIONS = Registry("consent")
ACTIONS.register(Action(
    "withdraw", lambda c, u, d: services.consent_withdraw(consent=c, by=u, on=d["on"],
                                                           note=d.get("note", "")),
    perms.can_withdraw_consent, _("Record the withdrawal"),
    _("Withdrawal recorded; live publications that relied on it are flagged."),
    form=forms.WithdrawForm, transition="withdraw",
    confirm=_("The images of this person may no longer be used for these purposes.")))
