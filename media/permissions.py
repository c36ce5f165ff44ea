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


def can_attach(user, asset, request) -> bool:
    """Attach a library asset to a request: who may read the library and attach files there."""
    return can_view_library(user) and wperms.can_attach(user, request)


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
