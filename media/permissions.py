"""Who may see and do what in the media bank. Views and services ask here, nowhere else.

The library is the communication team's (model permissions of ``org.roles``): editors file,
describe, tag and record consents; approvers, legal reviewers, managers and auditors read it;
a person's consent report (a data-subject request) is for those who keep consents and for
auditors. Requesters do not browse the library. Anybody may open the public gallery.
"""

from media.models import ConsentState
from workflows import permissions as wperms

VIEW = "media.view_asset"
ADD = "media.add_asset"
CHANGE = "media.change_asset"
CONSENT = "media.manage_consent"
REPORT = "media.view_consent_report"


def _active(user) -> bool:
    return bool(user and user.is_authenticated and user.is_active)


def can_view_library(user) -> bool:
    return _active(user) and user.has_perm(VIEW)


def can_upload(user) -> bool:
    return _active(user) and user.has_perm(ADD)


def can_edit_asset(user, asset=None) -> bool:
    return _active(user) and user.has_perm(CHANGE)


def can_manage_consent(user, obj=None) -> bool:
    """Tag people on assets, record their consents (the role; no state involved)."""
    return _active(user) and user.has_perm(CONSENT)


def can_withdraw_consent(user, consent) -> bool:
    return can_manage_consent(user) and consent.state == ConsentState.VALID


def can_view_people(user) -> bool:
    return can_manage_consent(user) or can_view_report(user)


def can_view_report(user, person=None) -> bool:
    return _active(user) and (user.has_perm(REPORT) or user.has_perm(CONSENT))


def can_pick(user, asset) -> bool:
    """Choose the asset in the request form's picker: a library reader any asset; somebody
    filing requests (no library) only the assets of the secretariats they file for — titles
    and thumbnails in the picker, never the library's pages (``selectors.pickable``)."""
    if can_view_library(user):
        return True
    from org.permissions import secretariat_ids_for_action

    return _active(user) and asset.secretariat_id in secretariat_ids_for_action(user)


def may_pick_some(user) -> bool:
    if can_view_library(user):
        return True
    from org.permissions import secretariat_ids_for_action

    return bool(secretariat_ids_for_action(user))


def can_attach(user, asset, request) -> bool:
    """Attach an asset to a request: who may attach files there and may see the asset (the
    library, or the picker's assets of their secretariats)."""
    return wperms.can_attach(user, request) and can_pick(user, asset)


def may_attach_some(user) -> bool:
    """May attach library assets to requests at all (the role; which request is the next
    question, ``can_attach``)."""
    return can_view_library(user) and wperms.is_worker(user)


def can_see_uses_of(user, request) -> bool:
    return wperms.can_view(user, request)


def can_batch(user, batch) -> bool:
    return _active(user) and (batch.created_by_id == user.pk or user.has_perm(CHANGE))


def can_take_down(user, request=None) -> bool:
    """Act on a flagged publication (take it down, mark the flag resolved): the
    communication team members who read the library."""
    return can_view_library(user) and wperms.is_worker(user)
