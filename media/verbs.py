"""The verbs of the media bank in the audit registry: sentences, recipients, webhooks.

Asset, batch, album, person and consent events show on their own timelines; attaching an asset
to a request and flagging a live publication show on the request's.
"""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from audit.registry import Subject, Verb, register, register_subject, said
from audit.sentences import date_of, fill, quoted
from workflows import recipients as to

REQUEST = "workflows.contentrequest"
ASSET, BATCH, ALBUM = "media.asset", "media.uploadbatch", "media.album"
PERSON, CONSENT = "media.person", "media.consent"


def _purpose(code) -> str:
    from media.models import Purpose

    return str(dict(Purpose.choices).get(code, _("another purpose")))


def _reason(code) -> str:
    from media.models import UseFlag

    return str(dict(UseFlag.Reason.choices).get(code, _("Consent withdrawn")))


def the_team(event):
    return to.team()


def editor_and_approvers(event) -> list:
    """Whoever has the request (the team while nobody has it) and whoever approved it."""
    from approvals.models import Decision
    from org.models import User

    deciders = User.objects.filter(
        is_active=True, pk__in=Decision.objects.filter(step__request_id=event.request.pk)
        .values("decided_by"))
    return [*to.assignee_or_team(event), *deciders]


def _title(event) -> str:
    return str(event.payload.get("title") or _("an asset"))


def register_verbs() -> None:
    register_subject(Subject(ASSET, lambda pk: reverse("media:asset", args=[pk]),
                             open_label=_("Open the asset:")))
    register_subject(Subject(BATCH, lambda pk: reverse("media:batch", args=[pk]),
                             open_label=_("Open the upload:")))
    register_subject(Subject(PERSON, lambda pk: reverse("media:person", args=[pk]),
                             open_label=_("Open the person's page:")))
    register(Verb("media_asset_create", _("File an asset"),
                  said(_("%(actor)s filed the asset in the media bank.")), subject_kind=ASSET))
    register(Verb("media_asset_update", _("Describe an asset"),
                  said(_("%(actor)s edited the asset's description.")), subject_kind=ASSET))
    register(Verb("media_tag", _("Tag a person"),
                  said(_("%(actor)s tagged a person shown in the asset.")), subject_kind=ASSET))
    register(Verb("media_untag", _("Remove a person's tag"),
                  said(_("%(actor)s removed the tag of a person shown in the asset.")),
                  subject_kind=ASSET))
    register(Verb("media_batch_start", _("Upload many files"), lambda e: fill(
        _("%(actor)s sent %(n)s files to the media bank."), e, n=e.payload.get("files", 0)),
        subject_kind=BATCH))
    register(Verb("media_batch_done", _("Upload filed"), lambda e: fill(
        _("The upload was filed: %(done)s files filed, %(failed)s refused."), e,
        done=e.payload.get("done", 0), failed=e.payload.get("failed", 0)),
        subject_kind=BATCH))
    register(Verb("media_album_create", _("Create an album"),
                  said(_("%(actor)s created the album.")), subject_kind=ALBUM))
    register(Verb("media_album_add", _("Add to an album"), lambda e: fill(
        _("%(actor)s added %(n)s assets to the album."), e, n=e.payload.get("assets", 0)),
        subject_kind=ALBUM))
    register(Verb("media_person_create", _("Add a person shown"),
                  said(_("%(actor)s added the person to the media bank.")),
                  subject_kind=PERSON))
    register(Verb("media_consent_record", _("Record a consent"), lambda e: fill(
        _("%(actor)s recorded a consent for the use of images of the person."), e),
        subject_kind=CONSENT))
    register(Verb("media_consent_withdraw", _("Withdraw a consent"), lambda e: (fill(
        _("%(actor)s recorded the withdrawal of the consent on %(date)s."), e,
        date=date_of(e.payload.get("on"))) if date_of(e.payload.get("on")) else fill(
        _("%(actor)s recorded the withdrawal of the consent."), e)) + quoted(e, "note"),
        subject_kind=CONSENT,
        recipients=the_team, webhook="media.consent_withdrawn",
        webhook_label=_("Consent withdrawn")))
    register(Verb("media_attach", _("Attach from the media bank"), lambda e: fill(
        _("%(actor)s attached “%(title)s” from the media bank for %(purpose)s."), e,
        title=_title(e), purpose=_purpose(e.payload.get("purpose"))), subject_kind=REQUEST))
    register(Verb("media_detach", _("Remove a media bank asset"), lambda e: fill(
        _("%(actor)s removed “%(title)s” (media bank) from the request."), e,
        title=_title(e)), subject_kind=REQUEST))
    register(Verb("media_use_flagged", _("Publication flagged: image consent"), lambda e: (
        str(_("“%(title)s” is used here and its consent no longer holds (%(reason)s): "
              "take the piece down or replace the image.")) % {
            "title": _title(e), "reason": _reason(e.payload.get("reason"))}),
        subject_kind=REQUEST, recipients=editor_and_approvers, webhook="media.use_flagged",
        webhook_label=_("Publication flagged for image consent"),
        notice=lambda e: str(_("A published piece uses “%(title)s”, whose consent no longer "
                               "holds.")) % {"title": _title(e)}))
    register(Verb("media_take_down", _("Take down a flagged publication"), lambda e: fill(
        _("%(actor)s asked for the take-down of the request's texts for image consent: "
          "%(connector)s through the channel's connector, %(manual)s to remove by hand."), e,
        connector=e.payload.get("connector", 0), manual=e.payload.get("manual", 0)),
        subject_kind=REQUEST, recipients=editor_and_approvers))
    register(Verb("media_flag_resolve", _("Resolve an image consent flag"), lambda e: fill(
        _("%(actor)s resolved the image consent flag of “%(title)s”."), e, title=_title(e))
        + quoted(e, "note"), subject_kind=REQUEST))
