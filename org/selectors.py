"""Reads on the organisation: who holds which position in the secretariat tree."""

from django.db.models import QuerySet

from org.models import Absence, Membership, User
from org.roles import WORK_ON_REQUESTS


def heads_of(secretariat) -> QuerySet:
    """The heads of a secretariat, or of the nearest node above it that has one."""
    for node in [secretariat, *secretariat.ancestors()]:
        heads = User.objects.filter(is_active=True, memberships__secretariat=node,
                                    memberships__role=Membership.Role.HEAD).distinct()
        if heads.exists():
            return heads
    return User.objects.none()


class NearestHeads:
    """``heads_of`` for every secretariat, read in two queries: ``heads(pk)`` gives the pks of
    the active heads of a secretariat or of the nearest node above it that has one;
    ``headed_by(user_pk)`` the secretariats whose heads those are one of."""

    def __init__(self):
        from org.models import Secretariat

        self._parents = dict(Secretariat.objects.values_list("pk", "parent_id"))
        self._heads: dict[int, set[int]] = {}
        for secretariat_id, user_id in Membership.objects.filter(
                role=Membership.Role.HEAD, user__is_active=True).values_list("secretariat_id",
                                                                            "user_id"):
            self._heads.setdefault(secretariat_id, set()).add(user_id)

    def __call__(self, secretariat_id: int) -> set[int]:
        node, seen = secretariat_id, set()
        while node is not None and node not in seen:
            if node in self._heads:
                return self._heads[node]
            seen.add(node)
            node = self._parents.get(node)
        return set()

    def headed_by(self, user_pk: int) -> set[int]:
        return {pk for pk in self._parents if user_pk in self(pk)}


def team_people() -> QuerySet:
    """The people whose capacity the team's workload counts, and so whose absences are
    recorded: active, holding the team's work permission through a group or themselves
    (``workflows.workload.editors`` lists the same people)."""
    from django.db.models import Q

    codename = WORK_ON_REQUESTS.split(".", 1)[1]
    return (User.objects.filter(is_active=True)
            .filter(Q(groups__permissions__codename=codename)
                    | Q(user_permissions__codename=codename))
            .distinct().order_by("first_name", "last_name", "username"))


def absences_between(first, last, *, people=None) -> QuerySet:
    """Absences with a day in [first, last] (dates, both included), with their person."""
    rows = Absence.objects.filter(starts_on__lte=last, ends_on__gte=first)
    if people is not None:
        rows = rows.filter(user__in=people)
    return rows.select_related("user").order_by("starts_on", "user__first_name", "pk")


def absence_page_rows(user, *, today, everyone: bool) -> QuerySet:
    """The absences the page lists: current and coming ones (and those ended in the last 30
    days), everybody's for who manages the team, else the person's own."""
    from datetime import timedelta

    rows = Absence.objects.filter(ends_on__gte=today - timedelta(days=30))
    if not everyone:
        rows = rows.filter(user=user)
    return rows.select_related("user").order_by("starts_on", "user__first_name", "pk")
