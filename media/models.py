"""The media bank: assets and their derivatives, albums, upload batches, the people an asset
shows and their consent records, and where an asset is used (the consent gate reads these).

The consent record is the one lifecycle here (``state``: valid → withdrawn, through
``pauta.lifecycle.move``); expiry is a date, not a state.
"""

import uuid
from datetime import date

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from django_fsm import FSMField, FSMModelMixin, transition

from pauta import clock


class Kind(models.TextChoices):
    PHOTO = "photo", _("Photo")
    VIDEO = "video", _("Video")
    AUDIO = "audio", _("Audio")
    DOCUMENT = "document", _("Document")


class Rights(models.TextChoices):
    OWN = "own", _("Own (the municipality's)")
    THIRD_PARTY = "third_party", _("Third party, with terms")
    CC = "cc", _("Creative Commons")


class Licence(models.TextChoices):
    NONE = "", _("—")
    CC0 = "cc0", "CC0"
    BY = "by", "CC BY"
    BY_SA = "by-sa", "CC BY-SA"
    BY_ND = "by-nd", "CC BY-ND"
    BY_NC = "by-nc", "CC BY-NC"
    BY_NC_SA = "by-nc-sa", "CC BY-NC-SA"
    BY_NC_ND = "by-nc-nd", "CC BY-NC-ND"


class Purpose(models.TextChoices):
    INSTITUTIONAL = "institutional", _("Institutional publication")
    SOCIAL = "social", _("Social networks")
    PRINT = "print", _("Printed material")


class DeriveState(models.TextChoices):
    PENDING = "pending", pgettext_lazy("derivatives", "Waiting")
    DONE = "done", pgettext_lazy("derivatives", "Ready")
    NONE = "none", pgettext_lazy("derivatives", "Not needed")
    FAILED = "failed", pgettext_lazy("derivatives", "Failed")


def _path(prefix: str, name: str) -> str:
    today = clock.today()
    return f"media/{prefix}/{today:%Y/%m}/{uuid.uuid4().hex}/{name}"


def original_path(instance, filename):
    return _path("originals", filename)


def derived_path(instance, filename):
    return _path("derived", filename)


def consent_path(instance, filename):
    return _path("consents", filename)


class UploadBatch(models.Model):
    """Many files sent at once; a background job files them one by one (progress below)."""

    class State(models.TextChoices):
        RUNNING = "running", pgettext_lazy("batch state", "Running")
        DONE = "done", pgettext_lazy("batch state", "Done")

    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                   related_name="+", verbose_name=_("sent by"))
    created_at = models.DateTimeField(_("created at"), default=clock.now)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    state = models.CharField(_("state"), max_length=10, choices=State.choices,
                             default=State.RUNNING)
    total = models.PositiveIntegerField(_("files"), default=0)
    done = models.PositiveIntegerField(_("filed"), default=0)
    failed = models.PositiveIntegerField(_("refused"), default=0)
    duplicates = models.PositiveIntegerField(_("duplicates"), default=0)
    # True while the browser still sends parts of the batch (one request per part).
    receiving = models.BooleanField(default=False)
    errors = models.JSONField(_("errors"), default=list, blank=True)
    # What every asset of the batch gets (the upload form's fields).
    defaults = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("upload batch")
        verbose_name_plural = _("upload batches")

    def __str__(self):
        return f"#{self.pk}"

    @property
    def percent(self) -> int:
        return 100 if not self.total else int(100 * (self.done + self.failed) / self.total)


class BatchItem(models.Model):
    """One file of a batch, kept until the job filed it (or refused it, saying why)."""

    batch = models.ForeignKey(UploadBatch, on_delete=models.CASCADE, related_name="items")
    file = models.FileField(upload_to=original_path, max_length=300)
    original_name = models.CharField(max_length=255)
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["position"]

    def __str__(self):
        return self.original_name


class Asset(models.Model):
    """A photo, video, audio or document of the library."""

    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    alt_text = models.TextField(_("alternative text"), blank=True)
    taken_at = models.DateTimeField(_("date taken"), null=True, blank=True, db_index=True)
    place = models.CharField(_("place"), max_length=200, blank=True)
    event = models.ForeignKey("calendars.Event", verbose_name=_("event"), null=True,
                              blank=True, on_delete=models.SET_NULL, related_name="assets")
    credit = models.CharField(_("photographer / credit"), max_length=200, blank=True)
    rights = models.CharField(_("rights"), max_length=12, choices=Rights.choices,
                              default=Rights.OWN)
    licence = models.CharField(_("Creative Commons licence"), max_length=10,
                               choices=Licence.choices, blank=True, default="")
    rights_terms = models.TextField(_("terms of use"), blank=True,
                                    help_text=_("For third-party material: what was agreed."))
    rights_purposes = models.JSONField(_("uses allowed by the terms"), default=list, blank=True)
    rights_until = models.DateField(_("terms valid until"), null=True, blank=True)
    tags = models.CharField(_("tags"), max_length=500, blank=True,
                            help_text=_("Separated by commas."))
    secretariat = models.ForeignKey("org.Secretariat", verbose_name=_("secretariat"),
                                    null=True, blank=True, on_delete=models.PROTECT,
                                    related_name="assets")
    public = models.BooleanField(_("cleared for public use"), default=False)
    file = models.FileField(_("file"), upload_to=original_path, max_length=300)
    original_name = models.CharField(_("file name"), max_length=255)
    content_type = models.CharField(_("type"), max_length=100)
    size = models.PositiveBigIntegerField(_("size"), default=0)
    sha256 = models.CharField(_("content hash"), max_length=64, db_index=True)
    phash = models.CharField(_("perceptual hash"), max_length=16, blank=True, db_index=True)
    width = models.PositiveIntegerField(null=True, blank=True)
    height = models.PositiveIntegerField(null=True, blank=True)
    camera = models.CharField(_("camera"), max_length=200, blank=True)
    had_gps = models.BooleanField(_("the original had a location"), default=False)
    duration = models.FloatField(_("duration (s)"), null=True, blank=True)
    thumbnail = models.FileField(upload_to=derived_path, max_length=300, blank=True)
    web = models.FileField(upload_to=derived_path, max_length=300, blank=True)
    derive_state = models.CharField(_("derivatives"), max_length=10,
                                    choices=DeriveState.choices, default=DeriveState.PENDING)
    derive_error = models.CharField(max_length=300, blank=True)
    batch = models.ForeignKey(UploadBatch, null=True, blank=True, on_delete=models.SET_NULL,
                              related_name="assets")
    duplicate_of = models.ForeignKey("self", null=True, blank=True, on_delete=models.SET_NULL,
                                     related_name="duplicates",
                                     verbose_name=_("duplicate of"))
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                    related_name="+", verbose_name=_("uploaded by"))
    created_at = models.DateTimeField(_("created at"), default=clock.now, db_index=True)
    people = models.ManyToManyField("Person", through="PersonTag", related_name="assets",
                                    verbose_name=_("people shown"))

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("asset")
        verbose_name_plural = _("assets")
        permissions = [("manage_consent", "Can tag people and record consents"),
                       ("view_consent_report", "Can read a person's consent report")]

    def __str__(self):
        return self.title

    @property
    def tag_list(self) -> list[str]:
        return [t.strip() for t in self.tags.split(",") if t.strip()]

    @property
    def is_image(self) -> bool:
        return self.kind == Kind.PHOTO

    def rights_allow(self, purpose: str, on: date) -> bool:
        """Third-party terms: the purpose is among those agreed and the terms still run."""
        if self.rights != Rights.THIRD_PARTY:
            return True
        if self.rights_until and on > self.rights_until:
            return False
        return purpose in (self.rights_purposes or [])


class Album(models.Model):
    """A collection of assets; a public album shows its assets cleared for public use."""

    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    public = models.BooleanField(_("public gallery"), default=False,
                                 help_text=_("Show this album on the public gallery (only its "
                                             "assets cleared for public use)."))
    assets = models.ManyToManyField(Asset, blank=True, related_name="albums",
                                    verbose_name=_("assets"))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                   related_name="+", verbose_name=_("created by"))
    created_at = models.DateTimeField(_("created at"), default=clock.now)

    class Meta:
        ordering = ["title"]
        verbose_name = _("album")
        verbose_name_plural = _("albums")

    def __str__(self):
        return self.title


class Person(models.Model):
    """Somebody shown in the library's assets (tagged by the team)."""

    name = models.CharField(_("name"), max_length=200)
    birth_date = models.DateField(_("date of birth"), null=True, blank=True,
                                  help_text=_("Tells whether the person is a minor."))
    minor = models.BooleanField(_("minor"), default=False,
                                help_text=_("Tick when the date of birth is not known."))
    notes = models.TextField(_("notes"), blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                   related_name="+", verbose_name=_("created by"))
    created_at = models.DateTimeField(_("created at"), default=clock.now)

    class Meta:
        ordering = ["name"]
        verbose_name = _("person shown")
        verbose_name_plural = _("people shown")

    def __str__(self):
        return self.name

    def is_minor(self, on: date | None = None) -> bool:
        on = on or clock.today()
        if self.birth_date is None:
            return self.minor
        years = on.year - self.birth_date.year - (
            (on.month, on.day) < (self.birth_date.month, self.birth_date.day))
        return years < 18


class PersonTag(models.Model):
    asset = models.ForeignKey(Asset, on_delete=models.CASCADE, related_name="person_tags")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="tags")
    tagged_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                  related_name="+")
    created_at = models.DateTimeField(default=clock.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["asset", "person"],
                                               name="media_tag_once")]

    def __str__(self):
        return f"{self.person} @ {self.asset}"


class ConsentState(models.TextChoices):
    VALID = "valid", pgettext_lazy("consent state", "Given")
    WITHDRAWN = "withdrawn", pgettext_lazy("consent state", "Withdrawn")


class GivenBy(models.TextChoices):
    PERSON = "person", _("The person")
    GUARDIAN = "guardian", _("A parent or guardian")


class Consent(FSMModelMixin, models.Model):
    """A consent to use images of a person, for some purposes, from a date to an expiry."""

    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="consents",
                               verbose_name=_("person"))
    purposes = models.JSONField(_("purposes"), default=list)
    scope = models.TextField(_("scope"), blank=True,
                             help_text=_("What the consent covers (event, pieces, media)."))
    given_on = models.DateField(_("date given"))
    expires_on = models.DateField(_("expires on"), null=True, blank=True)
    given_by = models.CharField(_("given by"), max_length=10, choices=GivenBy.choices,
                                default=GivenBy.PERSON)
    guardian_name = models.CharField(_("guardian's name"), max_length=200, blank=True)
    document = models.FileField(_("signed document (scan)"), upload_to=consent_path,
                                max_length=300, blank=True)
    state = FSMField(_("state"), default=ConsentState.VALID, choices=ConsentState.choices,
                     protected=True)
    withdrawn_on = models.DateField(_("withdrawn on"), null=True, blank=True)
    withdrawal_note = models.TextField(_("withdrawal note"), blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                    related_name="+", verbose_name=_("recorded by"))
    created_at = models.DateTimeField(_("created at"), default=clock.now)
    expiry_flagged = models.BooleanField(default=False, editable=False)

    class Meta:
        ordering = ["-given_on", "-pk"]
        verbose_name = _("consent")
        verbose_name_plural = _("consents")

    def __str__(self):
        return f"{self.person} · {self.given_on}"

    @transition(field=state, source=ConsentState.VALID, target=ConsentState.WITHDRAWN)
    def withdraw(self, on: date, note: str = ""):
        self.withdrawn_on = on
        self.withdrawal_note = note

    def covers(self, purpose: str, on: date) -> bool:
        """In force on ``on`` for ``purpose``."""
        return (self.state == ConsentState.VALID and self.given_on <= on
                and (self.expires_on is None or on <= self.expires_on)
                and purpose in (self.purposes or []))

    @property
    def by_guardian(self) -> bool:
        return self.given_by == GivenBy.GUARDIAN

    def purpose_labels(self) -> list[str]:
        labels = dict(Purpose.choices)
        return [str(labels.get(p, p)) for p in self.purposes or []]


class AssetUse(models.Model):
    """An asset attached to a request's piece, for a purpose (what the gate checks)."""

    asset = models.ForeignKey(Asset, on_delete=models.PROTECT, related_name="uses",
                              verbose_name=_("asset"))
    request = models.ForeignKey("workflows.ContentRequest", on_delete=models.CASCADE,
                                related_name="media_uses", verbose_name=_("request"))
    purpose = models.CharField(_("purpose"), max_length=20, choices=Purpose.choices,
                               default=Purpose.INSTITUTIONAL)
    attached_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                    related_name="+", verbose_name=_("attached by"))
    created_at = models.DateTimeField(_("attached at"), default=clock.now)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("asset use")
        verbose_name_plural = _("asset uses")
        constraints = [models.UniqueConstraint(fields=["asset", "request", "purpose"],
                                               name="media_use_once")]

    def __str__(self):
        return f"{self.asset} → #{self.request_id}"


class UseFlag(models.Model):
    """A live publication that uses an asset whose consent was withdrawn or expired."""

    class Reason(models.TextChoices):
        WITHDRAWN = "withdrawn", _("Consent withdrawn")
        EXPIRED = "expired", _("Consent expired")

    use = models.ForeignKey(AssetUse, on_delete=models.CASCADE, related_name="flags")
    consent = models.ForeignKey(Consent, on_delete=models.CASCADE, related_name="flags")
    reason = models.CharField(_("reason"), max_length=10, choices=Reason.choices)
    created_at = models.DateTimeField(_("flagged at"), default=clock.now)
    # The take-down path (``services.flag_take_down``): each text of the request, taken down
    # through its channel's connector or listed as "take-down needed" by hand.
    takedown_at = models.DateTimeField(_("take-down asked at"), null=True, blank=True)
    takedown_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                    on_delete=models.PROTECT, related_name="+",
                                    verbose_name=_("take-down asked by"))
    takedown = models.JSONField(_("take-down"), default=list, blank=True)
    resolved_at = models.DateTimeField(_("resolved at"), null=True, blank=True)
    resolved_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                    on_delete=models.PROTECT, related_name="+",
                                    verbose_name=_("resolved by"))
    resolution = models.TextField(_("what was done"), blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("flag")
        verbose_name_plural = _("flags")
        constraints = [models.UniqueConstraint(fields=["use", "consent", "reason"],
                                               name="media_flag_once")]

    def __str__(self):
        return f"{self.use} · {self.get_reason_display()}"

    @property
    def is_open(self) -> bool:
        return self.resolved_at is None

    @property
    def manual_takedowns(self) -> list[dict]:
        """The texts no connector can take down: someone must remove them by hand."""
        return [row for row in self.takedown or [] if row.get("via") == "manual"]
