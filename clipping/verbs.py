"""The verbs of clipping in the audit registry (every code prefixed ``clip_``)."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from audit.registry import Subject, Verb, register, register_subject, said
from audit.sentences import fill

CLIP = "clipping.clip"


def _tone(event) -> str:
    from clipping.models import Tone

    return str(dict(Tone.choices).get(event.payload.get("tone"), "—"))


def analysts(event):
    from notifications.recipients import with_permission
    from org.roles import TRIAGE_CLIPS

    return with_permission(TRIAGE_CLIPS)


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
    register(Verb("clip_source_save", _("Save source"), lambda e: fill(
        _("%(actor)s saved the clipping source %(url)s."), e, url=e.payload.get("url", "")),
        subject_kind="clipping.source"))
    # No longer written (the outlets are the press desk's, ``outlet_create``/``outlet_update``);
    # registered so the events written before still read as sentences.
    register(Verb("clip_outlet_save", _("Save outlet"), lambda e: fill(
        _("%(actor)s added the outlet “%(name)s”."), e, name=e.payload.get("name", "")),
        subject_kind="clipping.outlet"))
    register(Verb("clip_theme_save", _("Save theme"), lambda e: fill(
        _("%(actor)s added the theme “%(name)s”."), e, name=e.payload.get("name", "")),
        subject_kind="clipping.theme"))
    register(Verb("clip_source_check", _("Check source now"), lambda e: fill(
        _("%(actor)s asked for the clipping source %(url)s to be checked now."), e,
        url=e.payload.get("url", "")), subject_kind="clipping.source"))
    register(Verb("clip_term_save", _("Save search term"), lambda e: fill(
        _("%(actor)s saved the search term “%(term)s”."), e, term=e.payload.get("text", "")),
        subject_kind="clipping.searchterm"))
    register(Verb("clip_subscribe", _("Subscribe"), lambda e: fill(
        _("%(actor)s subscribed %(email)s to the daily clipping."), e,
        email=e.payload.get("email", "")), subject_kind="clipping.subscription"))
    register(Verb("clip_unsubscribe", _("Unsubscribe"), lambda e: fill(
        _("%(email)s unsubscribed from the daily clipping."), e,
        email=e.payload.get("email", "")), subject_kind="clipping.subscription"))
    register(Verb("clip_digest", _("Daily clipping"), lambda e: fill(
        _("The daily clipping of %(day)s was produced with %(count)s clips."), e,
        day=e.payload.get("day", ""), count=e.payload.get("count", 0)),
        subject_kind="clipping.digest"))
    register(Verb("clip_negative_spike", _("Negative mentions rising"), lambda e: fill(
        _("Negative mentions are rising on “%(theme)s”: %(recent)s in the last 7 days, "
          "against %(baseline)s a week before."), e, theme=e.payload.get("theme", ""),
        recent=e.payload.get("recent", 0), baseline=e.payload.get("baseline", 0)),
        recipients=analysts, subject_kind="clipping.theme"))
