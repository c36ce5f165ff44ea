"""Secretariats and units (one tree), people and their memberships."""

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.core.validators import MaxValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _


class User(AbstractUser):
    """A person who signs in; preferences live here."""

    language = models.CharField(
        _("language"), max_length=10, choices=settings.LANGUAGES, blank=True,
        help_text=_("Language of the interface and of the notifications."),
    )
    notification_digest = models.BooleanField(
        _("daily digest"), default=False,
        help_text=_("One e-mail a day with every notification, instead of one per event."))
    # The team's workload view compares each editor's estimated hours with this.
    weekly_hours = models.PositiveSmallIntegerField(
        _("capacity (hours per week)"), default=30,
        validators=[MaxValueValidator(80)],
        help_text=_("Hours a week this person can give to content requests (0 to 80). Weeks "
                    "with holidays or absences have proportionally fewer."))

    class Meta(AbstractUser.Meta):
        verbose_name = _("person")
        verbose_name_plural = _("people")
        swappable = "AUTH_USER_MODEL"

    def __str__(self):
        return self.get_full_name() or self.username


class Secretariat(models.Model):
    """A secretariat of the municipality or a unit inside one (``parent`` set)."""

    class Kind(models.TextChoices):
        SECRETARIAT = "secretariat", _("Secretariat")
        UNIT = "unit", _("Unit")

    name = models.CharField(_("name"), max_length=200)
    acronym = models.CharField(_("acronym"), max_length=30, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices,
                            default=Kind.SECRETARIAT)
    parent = models.ForeignKey(
        "self", verbose_name=_("parent"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="children",
    )
    active = models.BooleanField(_("active"), default=True)
    email = models.EmailField(_("contact e-mail"), blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("secretariat or unit")
        verbose_name_plural = _("secretariats and units")
        permissions = [
            ("act_for_secretariat", _("Can file and follow requests for the secretariat")),
        ]

    def __str__(self):
        return f"{self.acronym} — {self.name}"

    def ancestors(self):
        """This node's parents up to the root, nearest first."""
        node, seen = self.parent, []
        while node is not None and node not in seen:
            seen.append(node)
            node = node.parent
        return seen


class Membership(models.Model):
    """A person's place in a secretariat; grants the "own secretariats" scope."""

    class Role(models.TextChoices):
        HEAD = "head", _("Head")
        FOCAL_POINT = "focal_point", _("Focal point")
        MEMBER = "member", _("Member")

    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("person"),
                             on_delete=models.CASCADE, related_name="memberships")
    secretariat = models.ForeignKey(Secretariat, verbose_name=_("secretariat"),
                                    on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.MEMBER)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(fields=["user", "secretariat"], name="org_membership_unique"),
        ]

    def __str__(self):
        return f"{self.user} @ {self.secretariat.acronym} ({self.get_role_display()})"


class AbsenceKind(models.TextChoices):
    VACATION = "vacation", _("Vacation")
    LEAVE = "leave", _("Leave")
    TRAINING = "training", _("Training")
    OTHER = "other", _("Other absence")


class Absence(models.Model):
    """Days a person is away (vacation, leave, training): their capacity those days is nil.
    Recorded from the team's absences page (``org.views_absences``) or the admin; shown on the
    editorial calendar and the team's workload page (docs/calendars.md)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("person"),
                             on_delete=models.CASCADE, related_name="absences")
    kind = models.CharField(_("kind"), max_length=20, choices=AbsenceKind.choices,
                            default=AbsenceKind.VACATION)
    starts_on = models.DateField(_("first day"))
    ends_on = models.DateField(_("last day"))
    reason = models.CharField(_("note"), max_length=200, blank=True,
                              help_text=_("Optional, shown to the team: no health details."))

    class Meta:
        ordering = ["starts_on"]
        verbose_name = _("absence")
        verbose_name_plural = _("absences")
        permissions = [("manage_absences", _("Can record anyone's absence"))]
        constraints = [models.CheckConstraint(condition=models.Q(ends_on__gte=models.F(
            "starts_on")), name="org_absence_ends_after_it_starts")]
        indexes = [models.Index(fields=["ends_on", "starts_on"], name="org_absence_days")]

    def __str__(self):
        return f"{self.user}: {self.starts_on:%d/%m/%Y}–{self.ends_on:%d/%m/%Y}"

    def clean(self):
        from django.core.exceptions import ValidationError

        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            raise ValidationError({"ends_on": _("The last day cannot be before the first.")})
