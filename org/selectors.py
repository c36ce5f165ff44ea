"""Reads on the organisation: who holds which position in the secretariat tree."""

from django.db.models import QuerySet

from org.models import Membership, User


def heads_of(secretariat) -> QuerySet:
    """The heads of a secretariat, or of the nearest node above it that has one."""
    for node in [secretariat, *secretariat.ancestors()]:
        heads = User.objects.filter(is_active=True, memberships__secretariat=node,
                                    memberships__role=Membership.Role.HEAD).distinct()
        if heads.exists():
            return heads
    return User.objects.none()
