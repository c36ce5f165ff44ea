"""Writes on the organization: memberships (and the object permissions they grant), preferences."""

from django.db import transaction
from guardian.shortcuts import assign_perm, remove_perm

from org.models import Membership, Secretariat, User
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
