"""Clipping: sources (of the press desk's outlets), search terms, clips (triage lifecycle),
the daily digest.

Copyright: a clip fetched from an outlet keeps its headline, a short excerpt and the link; the
full text is kept only for manual entries (print, radio, TV) and internal use (docs/clipping.md).
"""

import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from django_fsm import FSMField, FSMModelMixin, transition

from pauta import clock


class Medium(models.TextChoices):
    ONLINE = "online", _("Online")
    PRINT = "print", _("Print")
    RADIO = "radio", _("Radio")
    TV = "tv", _("TV")


# The outlets are the press desk's (press.Outlet, one list; docs/clipping.md). A clip's medium
# defaults from the outlet's type; the analyst may say otherwise on a manual entry.
MEDIUM_BY_OUTLET_TYPE = {"newspaper": Medium.PRINT, "radio": Medium.RADIO, "tv": Medium.TV,
                         "portal": Medium.ONLINE, "agency": Medium.ONLINE}
OUTLET_TYPE_BY_MEDIUM = {Medium.PRINT: "newspaper", Medium.RADIO: "radio", Medium.TV: "tv",
                         Medium.ONLINE: "portal"}


def medium_of(outlet) -> str:
    return MEDIUM_BY_OUTLET_TYPE.get(getattr(outlet, "type", ""), Medium.ONLINE)


class SourceKind(models.TextChoices):
    FEED = "feed", _("RSS or Atom feed")
    PAGE = "page", _("Article page")


class SourceStatus(models.TextChoices):
    NEW = "new", pgettext_lazy("source status", "Not fetched yet")
    OK = "ok", pgettext_lazy("source status", "Working")
    ERROR = "error", pgettext_lazy("source status", "Error")


class Source(models.Model):
    """One URL fetched on an interval: a feed of an outlet, or a single article page."""

    outlet = models.ForeignKey("press.Outlet", verbose_name=_("outlet"),
                               on_delete=models.PROTECT, related_name="sources")
    kind = models.CharField(_("kind"), max_length=10, choices=SourceKind.choices,
                            default=SourceKind.FEED)
    url = models.URLField(_("URL"), max_length=500, unique=True)
    interval_minutes = models.PositiveIntegerField(
        _("polling interval (minutes)"), default=60,
        help_text=_("How often the source is fetched; at least 5 minutes."))
    active = models.BooleanField(_("active"), default=True)
    status = models.CharField(_("status"), max_length=10, choices=SourceStatus.choices,
                              default=SourceStatus.NEW)
    last_error = models.CharField(_("last error"), max_length=500, blank=True)
    error_count = models.PositiveIntegerField(_("errors in a row"), default=0)
    etag = models.CharField(max_length=300, blank=True, editable=False)
    last_modified = models.CharField(max_length=100, blank=True, editable=False)
    last_checked_at = models.DateTimeField(_("last checked"), null=True, blank=True)
    last_ok_at = models.DateTimeField(_("last fetched without error"), null=True, blank=True)
    next_check_at = models.DateTimeField(_("next check"), default=clock.now, db_index=True)

    class Meta:
        ordering = ["outlet__name", "url"]
        verbose_name = _("source")
        verbose_name_plural = _("sources")
        constraints = [models.CheckConstraint(condition=models.Q(interval_minutes__gte=5),
                                              name="clipping_source_interval_min")]

    def __str__(self):
        return f"{self.outlet} · {self.url}"


class TermKind(models.TextChoices):
    MUNICIPALITY = "municipality", _("Municipality")
    SECRETARIAT = "secretariat", _("Secretariat")
    PROGRAMME = "programme", _("Programme")
    OFFICIAL = "official", _("Public official")
    CAMPAIGN = "campaign", _("Campaign name")
    HASHTAG = "hashtag", _("Hashtag")
    OTHER = "other", _("Other")


class SearchTerm(models.Model):
    """A word or phrase that makes an article a clip (or, excluded, keeps it out)."""

    text = models.CharField(_("term"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=TermKind.choices,
                            default=TermKind.OTHER)
    exclude = models.BooleanField(
        _("exclusion"), default=False,
        help_text=_("An article that contains this term is never a clip."))
    secretariat = models.ForeignKey("org.Secretariat", verbose_name=_("secretariat"), null=True,
                                    blank=True, on_delete=models.SET_NULL, related_name="+")
    campaign = models.ForeignKey("campaigns.Campaign", verbose_name=_("campaign"), null=True,
                                 blank=True, on_delete=models.SET_NULL, related_name="+")
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["exclude", "text"]
        verbose_name = _("search term")
        verbose_name_plural = _("search terms")
        constraints = [models.UniqueConstraint(fields=["text", "exclude"],
                                               name="clipping_term_unique")]

    def __str__(self):
        return self.text


class Theme(models.Model):
    name = models.CharField(_("name"), max_length=100, unique=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("theme")
        verbose_name_plural = _("themes")

    def __str__(self):
        return self.name


class ClipState(models.TextChoices):
    TRIAGE = "triage", pgettext_lazy("clip state", "In triage")
    KEPT = "kept", pgettext_lazy("clip state", "Kept")
    DISCARDED = "discarded", pgettext_lazy("clip state", "Discarded")


class Tone(models.TextChoices):
    POSITIVE = "positive", _("Positive")
    NEUTRAL = "neutral", _("Neutral")
    NEGATIVE = "negative", _("Negative")


def clip_upload_to(instance, filename):
    return f"clipping/{clock.today():%Y/%m}/{secrets.token_hex(8)}-{filename[-80:]}"


class Clip(FSMModelMixin, models.Model):
    """One article, programme or printed item about the municipality."""

    outlet = models.ForeignKey("press.Outlet", verbose_name=_("outlet"),
                               on_delete=models.PROTECT, related_name="clips")
    source = models.ForeignKey(Source, verbose_name=_("source"), null=True, blank=True,
                               on_delete=models.SET_NULL, related_name="clips")
    medium = models.CharField(_("medium"), max_length=10, choices=Medium.choices,
                              default=Medium.ONLINE)
    url = models.URLField(_("link"), max_length=1000, blank=True)
    canonical_url = models.CharField(max_length=1000, blank=True, db_index=True, editable=False)
    fingerprint = models.CharField(max_length=64, blank=True, db_index=True, editable=False)
    guid = models.CharField(max_length=1000, blank=True, editable=False)
    headline = models.CharField(_("headline"), max_length=500)
    excerpt = models.TextField(_("excerpt"), blank=True)
    full_text = models.TextField(
        _("transcript or full text"), blank=True,
        help_text=_("Kept for manual entries and internal use only."))
    published_at = models.DateTimeField(_("published at"), default=clock.now, db_index=True)
    page_or_programme = models.CharField(_("page or programme"), max_length=200, blank=True)
    file = models.FileField(_("scan, audio or video"), upload_to=clip_upload_to, blank=True)
    matched_terms = models.CharField(_("matched terms"), max_length=500, blank=True)
    state = FSMField(_("state"), default=ClipState.TRIAGE, choices=ClipState.choices,
                     protected=True, db_index=True)
    tone = models.CharField(_("tone"), max_length=10, choices=Tone.choices, blank=True,
                            db_index=True)
    suggested_tone = models.CharField(_("suggested tone"), max_length=10, choices=Tone.choices,
                                      blank=True)
    themes = models.ManyToManyField(Theme, verbose_name=_("themes"), blank=True,
                                    related_name="clips")
    secretariats = models.ManyToManyField("org.Secretariat", verbose_name=_("secretariats"),
                                          blank=True, related_name="clips")
    request = models.ForeignKey("workflows.ContentRequest", verbose_name=_("request"),
                                null=True, blank=True, on_delete=models.SET_NULL,
                                related_name="clips")
    publication = models.ForeignKey("workflows.Publication", verbose_name=_("publication"),
                                    null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="clips")
    campaign = models.ForeignKey("campaigns.Campaign", verbose_name=_("campaign"), null=True,
                                 blank=True, on_delete=models.SET_NULL, related_name="clips")
    inquiry = models.ForeignKey("press.Inquiry", verbose_name=_("press inquiry"), null=True,
                                blank=True, on_delete=models.SET_NULL, related_name="clips")
    plan_action = models.ForeignKey("plans.PlanAction", verbose_name=_("plan action"),
                                    null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="clips")
    suggestions = models.JSONField(default=dict, blank=True, editable=False)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+",
                                   verbose_name=_("entered by"))
    created_at = models.DateTimeField(_("created at"), default=clock.now, db_index=True)
    triaged_at = models.DateTimeField(_("triaged at"), null=True, blank=True)
    triaged_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+",
                                   verbose_name=_("triaged by"))

    class Meta:
        ordering = ["-published_at", "-pk"]
        verbose_name = _("clip")
        verbose_name_plural = _("clips")
        permissions = [("triage_clip", "Can triage clips and send the daily clipping")]
        indexes = [models.Index(fields=["state", "published_at"], name="clipping_state_pub")]
        constraints = [
            models.UniqueConstraint(fields=["canonical_url"], condition=~models.Q(canonical_url=""),
                                    name="clipping_clip_one_per_url"),
            models.UniqueConstraint(fields=["fingerprint"], condition=~models.Q(fingerprint=""),
                                    name="clipping_clip_one_per_text"),
        ]

    def __str__(self):
        return self.headline

    def audit_subject(self):
        return self  # its own timeline, not the linked request's

    @property
    def is_manual(self) -> bool:
        return self.source_id is None

    # Transitions only set fields; services lock, check and audit.
    @transition(field=state, source=ClipState.TRIAGE, target=ClipState.KEPT)
    def keep(self, tone: str, links: dict, by=None):
        self.tone, self.triaged_by, self.triaged_at = tone, by, clock.now()
        for name in ("request", "publication", "campaign", "plan_action", "inquiry"):
            setattr(self, name, links.get(name))

    @transition(field=state, source=ClipState.TRIAGE, target=ClipState.DISCARDED)
    def discard(self, by=None):
        self.triaged_by, self.triaged_at = by, clock.now()

    @transition(field=state, source=[ClipState.KEPT, ClipState.DISCARDED],
                target=ClipState.TRIAGE)
    def reopen(self):
        self.triaged_at = None


class Digest(models.Model):
    """The daily clipping of one day: its PDF, and when it was e-mailed."""

    day = models.DateField(_("day"), unique=True)
    pdf = models.FileField(_("PDF"), upload_to="clipping/digests/", blank=True)
    clip_count = models.PositiveIntegerField(_("clips"), default=0)
    generated_at = models.DateTimeField(_("generated at"), null=True, blank=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    sent_to = models.PositiveIntegerField(_("sent to"), default=0)

    class Meta:
        ordering = ["-day"]
        verbose_name = _("daily clipping")
        verbose_name_plural = _("daily clippings")

    def __str__(self):
        return str(self.day)


def new_token() -> str:
    return secrets.token_urlsafe(24)


class Subscription(models.Model):
    """Someone who receives the daily clipping by e-mail (no account needed)."""

    name = models.CharField(_("name"), max_length=200)
    email = models.EmailField(_("e-mail"), unique=True)
    token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(_("created at"), default=clock.now)

    class Meta:
        ordering = ["name"]
        verbose_name = _("daily clipping subscription")
        verbose_name_plural = _("daily clipping subscriptions")

    def __str__(self):
        return f"{self.name} <{self.email}>"
