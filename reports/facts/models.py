"""The tables of KPI facts (registered by ``reports.models``). Derived data only: every row
can be rebuilt from the audit trail and the holidays (``manage.py kpi_rebuild``)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class StateStay(models.Model):
    """One stay of a request in a state: from the audit event that moved it there to the next
    state change of the same request (``left_at`` empty while it is still there)."""

    # The audit event that opened the stay: a stable key, so folding twice changes nothing.
    event_id = models.BigIntegerField(_("audit event"), primary_key=True)
    request = models.ForeignKey("workflows.ContentRequest", on_delete=models.CASCADE,
                                related_name="+", verbose_name=_("request"))
    state = models.CharField(_("state"), max_length=30)
    verb = models.CharField(_("what"), max_length=50)  # the move that opened the stay
    entered_at = models.DateTimeField(_("entered at"))
    left_at = models.DateTimeField(_("left at"), null=True, blank=True)
    # (left_at - entered_at) in days, as the indicator reads it (None while open).
    days = models.FloatField(_("days"), null=True, blank=True)

    class Meta:
        verbose_name = _("stay in a state")
        verbose_name_plural = _("stays in a state")
        indexes = [models.Index(fields=["request", "state"], name="reports_stay_request"),
                   models.Index(fields=["verb", "request"], name="reports_stay_verb")]

    def __str__(self):
        return f"#{self.request_id} {self.state} {self.entered_at:%Y-%m-%d %H:%M}"


class BusinessDay(models.Model):
    """Every date of the calendar's range with the number of business days from the range's
    start up to and including it: business days in (a, b] = ordinal(b) − ordinal(a)."""

    day = models.DateField(_("date"), primary_key=True)
    ordinal = models.IntegerField(_("business days so far"))

    class Meta:
        verbose_name = _("business day")
        verbose_name_plural = _("business days")

    def __str__(self):
        return f"{self.day} {self.ordinal}"


class FactsCursor(models.Model):
    """How far the facts have read the audit trail (one row, ``name="audit"``), and which
    holidays the business-day calendar was built with."""

    name = models.CharField(max_length=20, primary_key=True)
    last_event_id = models.BigIntegerField(_("last audit event folded"), default=0)
    calendar_key = models.CharField(_("holidays the calendar was built with"), max_length=100,
                                    blank=True)
    calendar_start = models.DateField(null=True, blank=True)
    calendar_end = models.DateField(null=True, blank=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("KPI facts cursor")
        verbose_name_plural = _("KPI facts cursors")

    def __str__(self):
        return f"{self.name} @ {self.last_event_id}"


class DailyCount(models.Model):
    """What the volume indicators count, per local day × secretariat × kind × channel.

    ``channel`` empty: each request once (``submitted``, ``published``), whatever its
    channels; a channel: the requests that list it and the publications on it. The dashboard
    sums these rows (``SUM … GROUP BY``) instead of counting the period's requests.
    """

    day = models.DateField(_("date"))
    # The first day of ``day``'s month: monthly series group on it (no date function per row).
    month = models.DateField(_("month"))
    secretariat = models.ForeignKey("org.Secretariat", on_delete=models.CASCADE,
                                    related_name="+", verbose_name=_("secretariat"))
    kind = models.CharField(_("kind"), max_length=20)
    channel = models.ForeignKey("plans.Channel", on_delete=models.CASCADE, null=True,
                                blank=True, related_name="+", verbose_name=_("channel"))
    # Requests submitted that day (the submission moment in local time).
    submitted = models.PositiveIntegerField(_("submitted"), default=0)
    # Requests published that day with evidence (``Slice.published``).
    published = models.PositiveIntegerField(_("published"), default=0)
    # Publications on ``channel`` published that day: all of them, and those whose request
    # lists the channel (what a slice filtered by that channel counts).
    publications = models.PositiveIntegerField(_("publications"), default=0)
    publications_listed = models.PositiveIntegerField(_("publications on a listed channel"),
                                                      default=0)

    class Meta:
        verbose_name = _("daily count")
        verbose_name_plural = _("daily counts")
        constraints = [models.UniqueConstraint(
            fields=["day", "secretariat", "kind", "channel"], name="reports_dailycount_cell")]

    def __str__(self):
        return f"{self.day} {self.secretariat_id} {self.kind} {self.channel_id}"


class CountedDay(models.Model):
    """A day a request was counted on in ``DailyCount``: when the request changes, the days
    it was counted on and the days it counts on now are recomputed (its old day would keep a
    stale count otherwise)."""

    request = models.ForeignKey("workflows.ContentRequest", on_delete=models.CASCADE,
                                related_name="+", verbose_name=_("request"))
    day = models.DateField(_("date"))

    class Meta:
        verbose_name = _("day a request was counted on")
        verbose_name_plural = _("days requests were counted on")
        constraints = [models.UniqueConstraint(fields=["request", "day"],
                                               name="reports_countedday_unique")]

    def __str__(self):
        return f"#{self.request_id} {self.day}"


class PublishedFact(models.Model):
    """One request published with evidence (``Slice.published``), with what the lead-time,
    SLA and satisfaction indicators group on, so the dashboard groups these rows instead of
    truncating dates and looking up two business-day ordinals per published request.

    ``lead`` is ``ordinal(published_on) − ordinal(submitted_on)`` in the ``BusinessDay``
    table as it is when the row is written; rebuilding that table (holidays changed, range
    grown) recomputes every row's ``lead`` in the same transaction.
    """

    request = models.OneToOneField("workflows.ContentRequest", on_delete=models.CASCADE,
                                   primary_key=True, related_name="+",
                                   verbose_name=_("request"))
    secretariat = models.ForeignKey("org.Secretariat", on_delete=models.CASCADE,
                                    related_name="+", verbose_name=_("secretariat"))
    kind = models.CharField(_("kind"), max_length=20)
    # Local days (the installation's zone), as ``Slice.bounds`` bounds a period.
    submitted_on = models.DateField(_("submitted on"), null=True, blank=True)
    published_on = models.DateField(_("published on"))
    # Business days from the submission day to the publication day (None: never submitted).
    lead = models.IntegerField(_("lead time in business days"), null=True, blank=True)
    # Published on or before the due date (None: no due date).
    on_time = models.BooleanField(_("on time"), null=True, blank=True)
    rating = models.PositiveSmallIntegerField(_("rating"), null=True, blank=True)

    class Meta:
        verbose_name = _("published request")
        verbose_name_plural = _("published requests")
        indexes = [models.Index(fields=["published_on", "secretariat", "kind"],
                                name="reports_published_day")]

    def __str__(self):
        return f"#{self.request_id} {self.published_on} {self.lead}"


class AssignedFact(models.Model):
    """One assignment of an editor to a request (``workflows.Assignment``) with its local day
    and week (Monday) and its request's secretariat and kind: the editor workload groups
    these rows by week instead of truncating every assignment's moment to its week."""

    assignment = models.OneToOneField("workflows.Assignment", on_delete=models.CASCADE,
                                      primary_key=True, related_name="+",
                                      verbose_name=_("assignment"))
    request = models.ForeignKey("workflows.ContentRequest", on_delete=models.CASCADE,
                                related_name="+", verbose_name=_("request"))
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                             related_name="+", verbose_name=_("person"))
    secretariat = models.ForeignKey("org.Secretariat", on_delete=models.CASCADE,
                                    related_name="+", verbose_name=_("secretariat"))
    kind = models.CharField(_("kind"), max_length=20)
    day = models.DateField(_("date"))  # local day of the assignment
    week = models.DateField(_("week"))  # the Monday of ``day``'s week

    class Meta:
        verbose_name = _("assignment")
        verbose_name_plural = _("assignments")
        indexes = [models.Index(fields=["day", "secretariat", "kind"],
                                name="reports_assigned_day")]

    def __str__(self):
        return f"#{self.request_id} {self.user_id} {self.day}"
