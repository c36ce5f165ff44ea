"""Who may act for or see which secretariat. Every such question is answered here.

A person acts for a secretariat through an object permission (django-guardian)
granted by their membership; acting for a node covers its units below it.
Roles with the model-wide ``org.view_secretariat`` permission see them all.
"""

from django.db.models import QuerySet
from guardian.shortcuts import get_objects_for_user

from org.models import Secretariat
from org.roles import DECIDE, DECIDE_LEGAL, MANAGE_ABSENCES, WORK_ON_REQUESTS

ACT_FOR = "org.act_for_secretariat"
VIEW_ALL = "org.view_secretariat"


def _with_descendants(roots: QuerySet) -> set[int]:
    ids = set(roots.values_list("pk", flat=True))
    frontier = set(ids)
    while frontier:
        children = set(
            Secretariat.objects.filter(parent_id__in=frontier).values_list("pk", flat=True)
        )
        frontier = children - ids
        ids |= frontier
    return ids


def secretariat_ids_for_action(user) -> set[int]:
    """Ids of the secretariats (and their units) the user may file requests for."""
    if not user.is_authenticated or not user.is_active:
        return set()
    cache = getattr(user, "_pauta_act_for_ids", None)
    if cache is None:
        granted = get_objects_for_user(
            user, ACT_FOR, klass=Secretariat, accept_global_perms=False, with_superuser=False
        )
        cache = _with_descendants(granted)
        user._pauta_act_for_ids = cache
    return cache


def secretariats_for_action(user) -> QuerySet:
    return Secretariat.objects.filter(pk__in=secretariat_ids_for_action(user), active=True)


def can_see_all_secretariats(user) -> bool:
    return user.is_authenticated and user.is_active and user.has_perm(VIEW_ALL)


def visible_secretariats(user) -> QuerySet:
    """Secretariats whose requests and data the user may read."""
    if can_see_all_secretariats(user):
        return Secretariat.objects.all()
    return Secretariat.objects.filter(pk__in=secretariat_ids_for_action(user))


def can_act_for(user, secretariat: Secretariat) -> bool:
    return secretariat.active and secretariat.pk in secretariat_ids_for_action(user)


def can_see_secretariat(user, secretariat: Secretariat) -> bool:
    return can_see_all_secretariats(user) or secretariat.pk in secretariat_ids_for_action(user)


def roles_of(user):
    """The roles (org.roles.Role) whose group the user belongs to, in table order."""
    from org.roles import ROLES

    if not user.is_authenticated:
        return []
    names = {g.name for g in user.groups.all()}
    return [role for role in ROLES if role.group in names]


def is_team(user) -> bool:
    """A member of the communication team: works on, decides or legally reviews content."""
    return bool(user and user.is_authenticated and user.is_active) and (
        user.has_perm(WORK_ON_REQUESTS) or user.has_perm(DECIDE) or user.has_perm(DECIDE_LEGAL))


# --- The team's absences (vacation, leave, training): see docs/calendars.md ---------------

def _signed_in(user) -> bool:
    return bool(user and user.is_authenticated and user.is_active)


def can_manage_absences(user) -> bool:
    """Record anyone's absence: whoever manages the team (the head of communication and the
    manager, ``org.manage_absences``)."""
    return _signed_in(user) and user.has_perm(MANAGE_ABSENCES)


def can_record_own_absence(user) -> bool:
    """Record one's own absences: a member of the team whose capacity counts (an editor)."""
    return _signed_in(user) and user.has_perm(WORK_ON_REQUESTS)


def can_use_absences(user) -> bool:
    """Open the absences page (to record anyone's, or one's own)."""
    return can_manage_absences(user) or can_record_own_absence(user)


def can_record_absence(user, person) -> bool:
    """Record, change or remove an absence of ``person``."""
    if can_manage_absences(user):
        return True
    return person is not None and person.pk == getattr(user, "pk", None) \
        and can_record_own_absence(user)


def can_view_absences(user) -> bool:
    """See the team's absences (the editorial calendar's layer, the workload page): the team,
    the head of communication and the readers of the KPIs, as the workload page."""
    return _signed_in(user) and (user.has_perm(WORK_ON_REQUESTS) or user.has_perm(DECIDE)
                                 or user.has_perm(MANAGE_ABSENCES)
                                 or user.has_perm("reports.view_kpis"))
