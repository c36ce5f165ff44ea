"""Calendar events (with their cached ICS fragment), feeds and publication fragments."""

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


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
    """The serialized VEVENT of a workflows.Publication, valid while ``stamp`` matches."""

    publication = models.OneToOneField("workflows.Publication", on_delete=models.CASCADE,
                                       related_name="+", primary_key=True)
    stamp = models.CharField(max_length=100)
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

    class Meta:
        ordering = ["kind", "position", "pk"]
        verbose_name = _("production checklist step")
        verbose_name_plural = _("production checklist steps")
        constraints = [models.CheckConstraint(
            condition=models.Q(offset_days__gte=-365, offset_days__lte=365),
            name="calendars_checklist_offset_within_a_year")]

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
