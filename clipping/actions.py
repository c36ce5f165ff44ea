"""The actions of the clip lifecycle (triage): read by the clip page and the tests."""

from django.utils.translation import gettext_lazy as _

from clipping import forms, services
from clipping import permissions as perms
from pauta.actions import Action, Registry

ACTIONS = Registry("clip")
A = ACTIONS.register

A(Action("keep", lambda c, u, d: services.clip_keep(clip=c, by=u, **d), perms.can_keep,
         _("Keep"), _("Clip kept for the daily clipping."), form=forms.KeepForm,
         form_kwargs=lambda clip: {"clip": clip}, transition="keep"))
A(Action("discard", lambda c, u, d: services.clip_discard(clip=c, by=u), perms.can_discard,
         _("Discard"), _("Clip discarded."), transition="discard"))
A(Action("reopen", lambda c, u, d: services.clip_reopen(clip=c, by=u), perms.can_reopen,
         _("Back to triage"), _("The clip is back in triage."), transition="reopen"))
