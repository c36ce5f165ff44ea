"""Who may see which KPIs, export them and download an export. Views and services ask here.

Managers, approvers and auditors hold ``reports.view_kpis`` and see every secretariat. Anyone
who acts for secretariats (requesters) sees the same dashboard restricted to those
secretariats and their units — their own figures, never the municipality's. Plan targets are
municipality-wide, so they are shown only to people who see everything.
"""

from org.permissions import secretariat_ids_for_action

VIEW_ALL = "reports.view_kpis"


def _active(user) -> bool:
    return bool(user and user.is_authenticated and user.is_active)


def can_see_all(user) -> bool:
    return _active(user) and user.has_perm(VIEW_ALL)


def data_scope(user) -> frozenset[int] | None:
    """Secretariat ids whose figures the user may see; ``None`` means every secretariat."""
    if can_see_all(user):
        return None
    if not _active(user):
        return frozenset()
    return frozenset(secretariat_ids_for_action(user))


def can_view_dashboard(user) -> bool:
    scope = data_scope(user)
    return scope is None or bool(scope)


def can_export(user) -> bool:
    return can_view_dashboard(user)


def can_see_plan_targets(user) -> bool:
    return can_see_all(user)


def covers(user_scope: frozenset[int] | None, data: list[int] | None) -> bool:
    """Does a user with ``user_scope`` see everything a file restricted to ``data`` holds?"""
    if user_scope is None:
        return True
    if data is None:
        return False
    return set(data) <= user_scope


def can_download(user, export) -> bool:
    """The file's data must lie inside what the user may see now (not when it was made)."""
    if not can_export(user):
        return False
    return covers(data_scope(user), export.scope)


def can_subscribe(user) -> bool:
    """Monthly e-mails carry every secretariat's figures: managers, approvers, auditors."""
    return can_see_all(user)
