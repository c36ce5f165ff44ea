"""Who may see and do what on the press desk. Views and services ask here, nowhere else.

Press officers (the ``press.work_on_press`` codename of ``org.roles``, an Editor with the
press permission in the demo) run the desk; the secretariat concerned (its focal point and
members) gives the facts while an inquiry is with it; approvers decide the answer's steps
(``approvals.permissions``); the head of communication, managers and auditors read
inquiries; media contacts (personal data) are read by press officers and auditors only.
Media outlets (no personal data) are the one list clipping reads too: press officers and
whoever holds ``press.add_outlet`` / ``press.change_outlet`` (the clipping analyst) keep them.
"""

from django.db.models import Q, QuerySet

from approvals.permissions import can_decide_step  # noqa: F401  (one rule for every step)
from org.permissions import can_act_for, secretariat_ids_for_action
from org.roles import (
    ADD_OUTLETS,
    CHANGE_OUTLETS,
    DECIDE_LEGAL,
    PRESS_OFFICER,
    VIEW_CONTACTS,
    VIEW_INQUIRIES,
    VIEW_OUTLETS,
)
from press.models import DECLINABLE, Inquiry, InquiryState, Journalist


def _active(user) -> bool:
    return bool(user and user.is_authenticated and user.is_active)


def is_press_officer(user, obj=None) -> bool:
    """The role (the kernel's ``actor``): the state is another question."""
    return _active(user) and user.has_perm(PRESS_OFFICER)


# Contacts ---------------------------------------------------------------------------------

def can_view_contacts(user) -> bool:
    return _active(user) and (user.has_perm(PRESS_OFFICER) or user.has_perm(VIEW_CONTACTS))


def can_edit_contacts(user, obj=None) -> bool:
    return is_press_officer(user)


def can_edit_journalist(user, journalist: Journalist) -> bool:
    return is_press_officer(user) and journalist.forgotten_at is None


# Outlets (shared with clipping) -------------------------------------------------------------

def can_view_outlets(user) -> bool:
    return can_view_contacts(user) or (_active(user) and user.has_perm(VIEW_OUTLETS))


def can_add_outlet(user, obj=None) -> bool:
    return is_press_officer(user) or (_active(user) and user.has_perm(ADD_OUTLETS))


def can_edit_outlet(user, outlet=None) -> bool:
    return is_press_officer(user) or (_active(user) and user.has_perm(CHANGE_OUTLETS))


# Inquiries --------------------------------------------------------------------------------

def can_see_press_desk(user) -> bool:
    """The inquiry list: press officers and readers of every inquiry."""
    return _active(user) and (user.has_perm(PRESS_OFFICER) or user.has_perm(VIEW_INQUIRIES))


def visible_inquiries(user) -> QuerySet:
    """Inquiries the user may read: every one for the desk and its readers; the
    secretariat concerned once it was forwarded to it; legal reviewers when routed."""
    if not _active(user):
        return Inquiry.objects.none()
    if can_see_press_desk(user):
        return Inquiry.objects.all()
    scope = Q(secretariat_id__in=secretariat_ids_for_action(user), forwarded_at__isnull=False)
    scope |= Q(spokesperson=user)  # an interview's spokesperson reads its briefing
    if user.has_perm(DECIDE_LEGAL):
        scope |= Q(approval_steps__legal=True)
    return Inquiry.objects.filter(scope).distinct()


def can_view_inquiry(user, inquiry: Inquiry) -> bool:
    if not _active(user):
        return False
    if can_see_press_desk(user):
        return True
    if inquiry.forwarded_at and can_act_for(user, inquiry.secretariat):
        return True
    if is_spokesperson(user, inquiry):
        return True
    return user.has_perm(DECIDE_LEGAL) and inquiry.approval_steps.filter(legal=True).exists()


def can_register_inquiry(user, obj=None) -> bool:
    return is_press_officer(user)


def can_edit_inquiry(user, inquiry: Inquiry) -> bool:
    return is_press_officer(user) and inquiry.state in DECLINABLE


def can_forward(user, inquiry: Inquiry) -> bool:
    return is_press_officer(user) and inquiry.state == InquiryState.RECEIVED


def is_secretariat_side(user, inquiry: Inquiry) -> bool:
    return _active(user) and can_act_for(user, inquiry.secretariat)


def can_give_facts(user, inquiry: Inquiry) -> bool:
    """The secretariat concerned answers the facts while the inquiry is with it."""
    return (is_secretariat_side(user, inquiry)
            and inquiry.state == InquiryState.WITH_SECRETARIAT)


def can_draft(user, inquiry: Inquiry) -> bool:
    return is_press_officer(user) and inquiry.state in (InquiryState.RECEIVED,
                                                        InquiryState.WITH_SECRETARIAT,
                                                        InquiryState.DRAFTED)


def can_send_to_approval(user, inquiry: Inquiry) -> bool:
    return is_press_officer(user) and inquiry.state == InquiryState.DRAFTED


def can_send(user, inquiry: Inquiry) -> bool:
    return is_press_officer(user) and inquiry.state == InquiryState.APPROVED


def can_close(user, inquiry: Inquiry) -> bool:
    return is_press_officer(user) and inquiry.state == InquiryState.SENT


def can_decline(user, inquiry: Inquiry) -> bool:
    return is_press_officer(user) and inquiry.state in DECLINABLE


def can_set_on_record(user, inquiry: Inquiry) -> bool:
    return is_press_officer(user) and inquiry.state in (InquiryState.SENT, InquiryState.CLOSED)


# Interview requests -----------------------------------------------------------------------

def can_propose_interview(user, inquiry: Inquiry) -> bool:
    """The desk proposes (or changes) the spokesperson, the time and the place."""
    return (is_press_officer(user) and inquiry.is_interview
            and inquiry.state in (*DECLINABLE, InquiryState.IN_APPROVAL, InquiryState.APPROVED))


def is_spokesperson(user, inquiry: Inquiry) -> bool:
    return _active(user) and inquiry.spokesperson_id == user.pk


def can_confirm_interview(user, inquiry: Inquiry) -> bool:
    """The spokesperson confirms (or the desk, who heard it from them), once it is proposed."""
    return ((is_press_officer(user) or is_spokesperson(user, inquiry))
            and inquiry.is_interview and inquiry.interview_at is not None
            and inquiry.spokesperson_confirmed_at is None
            and inquiry.state not in (InquiryState.DECLINED, InquiryState.NO_POSITION,
                                      InquiryState.CLOSED))
