"""Writes on the organization: memberships (and the object permissions they grant), preferences."""

from django.db import transaction
from guardian.shortcuts import assign_perm, remove_perm

from org.models import Absence, Membership, Secretariat, User
from org.permissions import ACT_FOR


def _grant(user: User, secretariat: Secretariat) -> None:
    assign_perm(ACT_FOR, user, secretariat)
    assign_perm("org.view_secretariat", user, secretariat)


def _revoke(user: User, secretariat: Secretariat) -> None:
    remove_perm(ACT_FOR, user, secretariat)
    remove_perm("org.view_secretariat", user, secretariat)


@transaction.atomic
def membership_save(*, user: User, secretariat: Secretariat,
                    role: str = Membership.Role.MEMBER,
                    membership: Membership | None = None) -> Membership:
    """Create or update a membership and grant the scope it carries.

    Given an existing ``membership`` whose person or secretariat changes, the
    grants move with it: the old scope is revoked, the row is kept.
    """
    if membership is not None and membership.pk:
        old = Membership.objects.select_for_update().get(pk=membership.pk)
        if (old.user_id, old.secretariat_id) != (user.pk, secretariat.pk):
            _revoke(old.user, old.secretariat)
        old.user, old.secretariat, old.role = user, secretariat, role
        old.save()
        membership = old
    else:
        membership, _created = Membership.objects.update_or_create(
            user=user, secretariat=secretariat, defaults={"role": role}
        )
    _grant(user, secretariat)
    return membership


@transaction.atomic
def membership_delete(*, membership: Membership) -> None:
    """Remove a membership and the scope it granted."""
    _revoke(membership.user, membership.secretariat)
    membership.delete()


def user_set_language(*, user: User, language: str) -> User:
    """Remember the person's interface language."""
    user.language = language
    user.save(update_fields=["language"])
    return user


# --- Absences (vacation, leave, training): docs/calendars.md ---------------------------------

def _day(value) -> str:
    from django.utils import formats

    return formats.date_format(value, "SHORT_DATE_FORMAT")


def _check_absence(*, person, starts_on, ends_on, exclude=None) -> None:
    """The dates: both given, within 1900–2999, the last not before the first, and no other
    absence of the person on any of those days. Every message in the person's language."""
    from django.core.exceptions import ValidationError
    from django.utils.translation import gettext as _

    from pauta.inputs import check_year

    errors = {}
    if starts_on is None:
        errors["starts_on"] = _("Give the first day of the absence.")
    if ends_on is None:
        errors["ends_on"] = _("Give the last day of the absence.")
    for field, value in (("starts_on", starts_on), ("ends_on", ends_on)):
        try:
            check_year(value)
        except ValidationError as error:
            errors[field] = error.messages[0]
    if errors:
        raise ValidationError(errors)
    if ends_on < starts_on:
        raise ValidationError({"ends_on": _("The last day cannot be before the first.")})
    clash = (Absence.objects.filter(user=person, starts_on__lte=ends_on, ends_on__gte=starts_on)
             .exclude(pk=exclude).order_by("starts_on").first())
    if clash is not None:
        raise ValidationError({"starts_on": _(
            "%(person)s is already away from %(first)s to %(last)s: change that absence "
            "instead.") % {"person": person, "first": _day(clash.starts_on),
                           "last": _day(clash.ends_on)}})


def _absence_payload(absence: Absence) -> dict:
    # The note is not copied into the trail: it may say more about the person than needed.
    return {"person": str(absence.user), "kind": absence.kind,
            "from": absence.starts_on.isoformat(), "to": absence.ends_on.isoformat()}


@transaction.atomic
def absence_save(*, by: User, person: User, kind: str, starts_on, ends_on, reason: str = "",
                 absence: Absence | None = None) -> Absence:
    """Record an absence of ``person`` (or change ``absence``): whoever manages the team, or
    the person themselves (``org.permissions.can_record_absence``); audited on the person."""
    from django.core.exceptions import PermissionDenied, ValidationError
    from django.utils.translation import gettext as _

    from audit.services import record
    from org.models import AbsenceKind
    from org.permissions import can_record_absence

    if absence is not None and absence.pk:
        absence = Absence.objects.select_for_update().select_related("user").get(pk=absence.pk)
        if not can_record_absence(by, absence.user):
            raise PermissionDenied
    if not can_record_absence(by, person):
        raise PermissionDenied
    if kind not in AbsenceKind.values:
        raise ValidationError({"kind": _("Choose the kind of absence.")})
    # Two saves at once for one person: the second waits here and then sees the first.
    User.objects.select_for_update().filter(pk=person.pk).first()
    _check_absence(person=person, starts_on=starts_on, ends_on=ends_on,
                   exclude=absence.pk if absence is not None and absence.pk else None)
    reason = (reason or "").strip()[:200]
    if absence is not None and absence.pk:
        before = _absence_payload(absence)
        absence.user, absence.kind, absence.starts_on, absence.ends_on, absence.reason = (
            person, kind, starts_on, ends_on, reason)
        absence.save()
        after = _absence_payload(absence)
        if after != before:
            record(by=by, verb="absence_change", target=absence, subject=person,
                   payload={**after, "was": before})
        return absence
    absence = Absence.objects.create(user=person, kind=kind, starts_on=starts_on,
                                     ends_on=ends_on, reason=reason)
    record(by=by, verb="absence_record", target=absence, subject=person,
           payload=_absence_payload(absence))
    return absence


@transaction.atomic
def absence_remove(*, by: User, absence: Absence) -> None:
    """Remove an absence (recorded by mistake, or cancelled): the same people as recording."""
    from django.core.exceptions import PermissionDenied

    from audit.services import record
    from org.permissions import can_record_absence

    absence = Absence.objects.select_for_update().select_related("user").get(pk=absence.pk)
    if not can_record_absence(by, absence.user):
        raise PermissionDenied
    record(by=by, verb="absence_remove", target=absence, subject=absence.user,
           payload=_absence_payload(absence))
    absence.delete()
