"""Calendar events (with their cached ICS fragment), feeds and publication fragments."""

import secrets
import uuid

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from workflows.models import RequestKind

REQUEST_KINDS = RequestKind.choices


class EventKind(models.TextChoices):
    INAUGURATION = "inauguration", _("Inauguration")
    SERVICE_ORDER = "service_order", _("Service order")
    PUBLIC_EVENT = "public_event", _("Public event")
    CAMPAIGN_PERIOD = "campaign_period", _("Campaign period")
    COMMEMORATIVE = "commemorative", _("Commemorative date")
    HOLIDAY = "holiday", _("Holiday")
    # A ponto facultativo: a day off by decree, not by law (stops the SLA clock if configured).
    OPTIONAL = "optional_day", _("Optional day off")
    MOURNING = "mourning", _("Official mourning")
    BLACKOUT = "blackout", _("Electoral blackout window")
    # A journalist's interview with a spokesperson (the press desk, press.interviews).
    PRESS_INTERVIEW = "press_interview", _("Press interview")


class EventStatus(models.TextChoices):
    TENTATIVE = "tentative", _("Tentative")
    CONFIRMED = "confirmed", _("Confirmed")
    CANCELLED = "cancelled", _("Cancelled")


class Visibility(models.TextChoices):
    PUBLIC = "public", _("Public")
    INTERNAL = "internal", _("Internal")


def new_uid() -> str:
    return f"{uuid.uuid4()}@pauta"


def new_nonce() -> str:
    return secrets.token_urlsafe(12)


class Event(models.Model):
    """One activity of the annual calendar.

    All-day events span [starts_at, ends_at) between local midnights.
    """

    uid = models.CharField(_("UID"), max_length=255, unique=True, default=new_uid,
                           editable=False)
    kind = models.CharField(_("kind"), max_length=20, choices=EventKind.choices, db_index=True)
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    location = models.CharField(_("location"), max_length=255, blank=True)
    secretariat = models.ForeignKey("org.Secretariat", verbose_name=_("secretariat"), null=True,
                                    blank=True, on_delete=models.PROTECT,
                                    related_name="calendar_events")
    plan_action = models.ForeignKey("plans.PlanAction", verbose_name=_("plan action"), null=True,
                                    blank=True, on_delete=models.SET_NULL,
                                    related_name="calendar_events")
    all_day = models.BooleanField(_("all day"), default=False)
    starts_at = models.DateTimeField(_("starts at"), db_index=True)
    ends_at = models.DateTimeField(_("ends at"), db_index=True)
    rrule = models.CharField(
        _("recurrence (RRULE)"), max_length=255, blank=True,
        help_text=_("For dates that repeat every year, e.g. FREQ=YEARLY."))
    status = models.CharField(_("status"), max_length=10, choices=EventStatus.choices,
                              default=EventStatus.CONFIRMED)
    visibility = models.CharField(_("visibility"), max_length=10, choices=Visibility.choices,
                                  default=Visibility.INTERNAL)
    coverage_requests = models.ManyToManyField(
        "workflows.ContentRequest", verbose_name=_("coverage requests"), blank=True,
        related_name="calendar_events")
    source = models.CharField(_("source"), max_length=200, blank=True,
                              help_text=_("The file an imported event came from."))
    sequence = models.PositiveIntegerField(_("revision"), default=0, editable=False)
    # Bumped by event_update on every save (optimistic concurrency of the edit form).
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)
    created_at = models.DateTimeField(_("created at"), default=timezone.now, editable=False)
    updated_at = models.DateTimeField(_("updated at"), default=timezone.now, db_index=True,
                                      editable=False)
    cancelled_at = models.DateTimeField(_("cancelled at"), null=True, blank=True, editable=False)
    # Removed events stay in feeds as STATUS:CANCELLED for a while, hidden everywhere else.
    removed = models.BooleanField(default=False, editable=False)
    # The serialized VEVENT, rebuilt by the feed when empty; every change clears it.
    ics_fragment = models.TextField(blank=True, editable=False)
    # What the fragment's text also depends on besides this row (calendars.feeds.installation):
    # a fragment built under another zone, language or format is rebuilt.
    ics_stamp = models.TextField(blank=True, editable=False)
    # The days this event claims as a holiday or optional day off, up to the rolling horizon.
    holiday_dates = models.JSONField(default=list, blank=True, editable=False)

    class Meta:
        ordering = ["starts_at", "title"]
        verbose_name = _("calendar event")
        verbose_name_plural = _("calendar events")
        permissions = [("view_all_events", _("Can see the internal events of every secretariat"))]
        constraints = [models.CheckConstraint(
            condition=models.Q(ends_at__gte=models.F("starts_at")),
                                              name="calendars_event_period_valid")]

    def __str__(self):
        return self.title

    @property
    def is_cancelled(self) -> bool:
        return self.status == EventStatus.CANCELLED or self.removed


class Feed(models.Model):
    """A saved filter with an owner and a secret token (only its SHA-256 is stored)."""

    owner = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("owner"),
                              on_delete=models.CASCADE, related_name="calendar_feeds")
    name = models.CharField(_("name"), max_length=120)
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    secretariats = models.ManyToManyField("org.Secretariat", verbose_name=_("secretariats"),
                                          blank=True, related_name="+")
    kinds = models.JSONField(_("event kinds"), default=list, blank=True)
    channels = models.ManyToManyField("plans.Channel", verbose_name=_("channels"), blank=True,
                                      related_name="+")
    include_publications = models.BooleanField(_("include scheduled publications"),
                                               default=True)
    public = models.BooleanField(
        _("public feed"), default=False,
        help_text=_("A public feed carries public events only, never publications."))
    version = models.PositiveIntegerField(default=0, editable=False)
    created_at = models.DateTimeField(_("created at"), default=timezone.now, editable=False)
    changed_at = models.DateTimeField(_("changed at"), default=timezone.now, editable=False)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True, editable=False)

    class Meta:
        ordering = ["name"]
        verbose_name = _("calendar feed")
        verbose_name_plural = _("calendar feeds")

    def __str__(self):
        return self.name


class PublicationFragment(models.Model):
    """The serialized VEVENT of a workflows.Publication, valid while ``stamp`` equals the stamp
    the database computes for the publication now (``calendars.feeds._stamp_sql``)."""

    publication = models.OneToOneField("workflows.Publication", on_delete=models.CASCADE,
                                       related_name="+", primary_key=True)
    stamp = models.TextField()
    text = models.TextField()

    def __str__(self):
        return f"publication {self.publication_id}"


class SubscriptionStatus(models.TextChoices):
    NEW = "", _("Not fetched yet")
    OK = "ok", _("Imported")
    NOT_MODIFIED = "not_modified", _("Unchanged since the last fetch")
    ERROR = "error", _("Error")


class Subscription(models.Model):
    """An external calendar imported from a URL on a schedule (e.g. the state's holidays)."""

    name = models.CharField(_("name"), max_length=120)
    url = models.URLField(_("address (URL)"), max_length=500, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=EventKind.choices,
                            default=EventKind.HOLIDAY)
    visibility = models.CharField(_("visibility"), max_length=10, choices=Visibility.choices,
                                  default=Visibility.PUBLIC)
    active = models.BooleanField(_("active"), default=True)
    etag = models.CharField(max_length=255, blank=True, editable=False)
    http_last_modified = models.CharField(max_length=64, blank=True, editable=False)
    status = models.CharField(_("status"), max_length=12, choices=SubscriptionStatus.choices,
                              default=SubscriptionStatus.NEW, blank=True, editable=False)
    error = models.TextField(_("last error"), blank=True, editable=False)
    checked_at = models.DateTimeField(_("checked at"), null=True, blank=True, editable=False)
    imported_at = models.DateTimeField(_("imported at"), null=True, blank=True, editable=False)

    class Meta:
        ordering = ["name"]
        verbose_name = _("calendar subscription")
        verbose_name_plural = _("calendar subscriptions")

    def __str__(self):
        return self.name


class ChecklistItem(models.Model):
    """A step of producing an event of one kind (an inauguration: protocol, invitations,
    Libras interpreter, photo coverage…), with its due day relative to the event (D-7 is
    ``-7``, the day after is ``1``) and, optionally, who usually does it. Configured in the
    admin; copied onto each new event of the kind as its tasks."""

    kind = models.CharField(_("event kind"), max_length=20, choices=EventKind.choices,
                            db_index=True)
    title = models.CharField(_("step"), max_length=200)
    offset_days = models.SmallIntegerField(
        _("due (days from the event)"), default=-1,
        help_text=_("-7 is a week before the event (D-7), 0 the day of the event, 1 the day "
                    "after."))
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("usual owner"),
                              null=True, blank=True, on_delete=models.SET_NULL,
                              related_name="+")
    position = models.PositiveSmallIntegerField(_("order"), default=0)
    active = models.BooleanField(_("active"), default=True)
    # A step that needs the communication team's work files a content request for it.
    request_kind = models.CharField(
        _("files a content request of kind"), max_length=20, blank=True,
        choices=[("", "—"), *REQUEST_KINDS],
        help_text=_("Photo coverage, a video, the post-event release: the step files a draft "
                    "content request of this kind for the event."))
    request_channel = models.ForeignKey(
        "plans.Channel", verbose_name=_("channel of the request"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+")
    request_offset_days = models.SmallIntegerField(
        _("desired date of the request (days from the event)"), default=0,
        help_text=_("0 is the day of the event, 1 the day after."))

    class Meta:
        ordering = ["kind", "position", "pk"]
        verbose_name = _("production checklist step")
        verbose_name_plural = _("production checklist steps")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(offset_days__gte=-365, offset_days__lte=365),
                name="calendars_checklist_offset_within_a_year"),
            models.CheckConstraint(
                condition=models.Q(request_offset_days__gte=-365, request_offset_days__lte=365),
                name="calendars_checklist_request_offset_within_a_year")]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.title}"

    @property
    def label(self) -> str:
        """D-7, D, D+1."""
        if self.offset_days == 0:
            return "D"
        return f"D{self.offset_days:+d}"


class EventTask(models.Model):
    """One task of producing one event: from the kind's checklist or added by hand."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="tasks")
    title = models.CharField(_("task"), max_length=200)
    due_date = models.DateField(_("due date"), db_index=True)
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("owner"), null=True,
                              blank=True, on_delete=models.SET_NULL,
                              related_name="event_tasks")
    source = models.ForeignKey(ChecklistItem, null=True, blank=True, on_delete=models.SET_NULL,
                               related_name="tasks", editable=False)
    position = models.PositiveSmallIntegerField(default=0, editable=False)
    done_at = models.DateTimeField(_("done at"), null=True, blank=True, editable=False)
    done_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                on_delete=models.SET_NULL, related_name="+", editable=False)
    # The content request this task filed (its step's request kind), shown with its state.
    request = models.ForeignKey("workflows.ContentRequest", verbose_name=_("content request"),
                                null=True, blank=True, on_delete=models.SET_NULL,
                                related_name="event_tasks", editable=False)

    class Meta:
        ordering = ["due_date", "position", "pk"]
        verbose_name = _("event task")
        verbose_name_plural = _("event tasks")
        constraints = [models.UniqueConstraint(fields=["event", "source"],
                                               name="calendars_one_task_per_checklist_step")]
        indexes = [models.Index(fields=["owner", "done_at", "due_date"],
                                name="calendars_task_owner_open")]

    def __str__(self):
        return self.title

    def audit_subject(self):
        return self.event

    @property
    def done(self) -> bool:
        return self.done_at is not None


class Rsvp(models.TextChoices):
    PENDING = "pending", _("No answer yet")
    CONFIRMED = "confirmed", _("Confirmed")
    DECLINED = "declined", _("Declined")


class Guest(models.Model):
    """A guest or authority of an event: invited by e-mail, answers through a personal link.

    Personal data: removing a guest deletes the row (name, position, e-mail and answer)."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="guests")
    name = models.CharField(_("name"), max_length=200)
    position = models.CharField(_("title or position"), max_length=200, blank=True)
    organisation = models.CharField(_("organisation"), max_length=200, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    precedence = models.PositiveSmallIntegerField(
        _("order of precedence"), default=100,
        validators=[MinValueValidator(1), MaxValueValidator(999)],
        help_text=_("Protocol order (Decreto 70.274/1972): 1 comes first."))
    speaks = models.BooleanField(_("authority who speaks"), default=False)
    candidate = models.BooleanField(
        _("candidate in the coming election"), default=False,
        help_text=_("Lei 9.504/1997, art. 77: candidates may not attend inaugurations of "
                    "public works in the three months before the election."))
    rsvp = models.CharField(pgettext_lazy("a guest's RSVP", "reply"), max_length=10,
                            choices=Rsvp.choices, default=Rsvp.PENDING)
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True, editable=False)
    invited_at = models.DateTimeField(_("invited at"), null=True, blank=True, editable=False)
    # Part of the signed RSVP token: a removed and re-added guest gets a new link.
    nonce = models.CharField(max_length=24, editable=False, default=new_nonce)
    created_at = models.DateTimeField(_("created at"), default=timezone.now, editable=False)

    class Meta:
        ordering = ["precedence", "name", "pk"]
        verbose_name = _("guest")
        verbose_name_plural = _("guests")

    def __str__(self):
        return self.name

    def audit_subject(self):
        return self.event
