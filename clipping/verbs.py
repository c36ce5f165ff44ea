"""The verbs of clipping in the audit registry (codes prefixed ``clip_``/``clipping_``)."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from audit.registry import Subject, Verb, register, register_subject, said
from audit.sentences import fill

CLIP = "clipping.clip"


def _tone(event) -> str:
    from clipping.models import Tone

    return str(dict(Tone.choices).get(event.payload.get("tone"), "—"))


def register_verbs() -> None:
    register_subject(Subject(CLIP, lambda pk: reverse("clipping:detail", args=[pk]),
                             open_label=_("Open the clip:")))
    register(Verb("clip_collect", _("Collect"), said(_("The clip was collected from its source.")),
                  subject_kind=CLIP))
    register(Verb("clip_enter", _("Enter"), said(_("%(actor)s entered the clip by hand.")),
                  subject_kind=CLIP))
    register(Verb("clip_keep", _("Keep"), lambda e: fill(
        _("%(actor)s kept the clip with a %(tone)s tone."), e, tone=_tone(e).lower()),
        subject_kind=CLIP))
    register(Verb("clip_discard", _("Discard"), said(_("%(actor)s discarded the clip.")),
                  subject_kind=CLIP))
    register(Verb("clip_reopen", _("Reopen"), said(_("%(actor)s sent the clip back to triage.")),
                  subject_kind=CLIP))
    register(Verb("clipping_source_save", _("Save source"), lambda e: fill(
        _("%(actor)s saved the clipping source %(url)s."), e, url=e.payload.get("url", "")),
        subject_kind="clipping.source"))
    register(Verb("clipping_source_check", _("Check source now"), lambda e: fill(
        _("%(actor)s asked for the clipping source %(url)s to be checked now."), e,
        url=e.payload.get("url", "")), subject_kind="clipping.source"))
    register(Verb("clipping_term_save", _("Save search term"), lambda e: fill(
        _("%(actor)s saved the search term “%(text)s”."), e, text=e.payload.get("text", "")),
        subject_kind="clipping.searchterm"))
    register(Verb("clipping_subscribe", _("Subscribe"), lambda e: fill(
        _("%(actor)s subscribed %(email)s to the daily clipping."), e,
        email=e.payload.get("email", "")), subject_kind="clipping.subscription"))
    register(Verb("clipping_unsubscribe", _("Unsubscribe"), lambda e: fill(
        _("%(email)s unsubscribed from the daily clipping."), e,
        email=e.payload.get("email", "")), subject_kind="clipping.subscription"))
    register(Verb("clipping_digest", _("Daily clipping"), lambda e: fill(
        _("The daily clipping of %(day)s was produced with %(count)s clips."), e,
        day=e.payload.get("day", ""), count=e.payload.get("count", 0)),
        subject_kind="clipping.digest"))
