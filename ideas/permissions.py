"""Who may see and do what on ideas. Views and services ask here, nowhere else.

Every active signed-in person is staff: they read ideas, propose, support (not their own)
and comment. The communication team (``ideas.triage_idea``: editors and approvers) triages.
An accepted idea becomes a content request filed by someone who may file for a secretariat,
or by the team in the name of the idea's secretariat (its focal point, else its head).
"""

from django.conf import settings
from django.db.models import Q

from ideas.models import OPEN, IdeaState
from org.models import Secretariat
from org.permissions import secretariats_for_action
from org.roles import TRIAGE_IDEAS
from workflows.permissions import can_create_for, requester_for


def _active(user) -> bool:
    return bool(user and user.is_authenticated and user.is_active)


def can_view_ideas(user) -> bool:
    return _active(user)


def can_view_idea(user, idea=None) -> bool:
    return _active(user)


def can_propose(user) -> bool:
    return _active(user)


def anonymous_allowed() -> bool:
    return bool(getattr(settings, "IDEAS_ANONYMOUS", False))


def is_triager(user, idea=None) -> bool:
    """A member of the communication team (the role; the state is another question)."""
    return _active(user) and user.has_perm(TRIAGE_IDEAS)


def can_see_author(user, idea) -> bool:
    return _active(user) and not idea.anonymous


def _not_author(user, idea) -> bool:
    return idea.author_id is None or idea.author_id != user.pk


def can_support(user, idea) -> bool:
    return (_active(user) and idea.state in OPEN and _not_author(user, idea)
            and not idea.supports.filter(user=user).exists())


def can_withdraw_support(user, idea) -> bool:
    return _active(user) and idea.supports.filter(user=user).exists()


def can_comment(user, idea) -> bool:
    return _active(user)


def _triage_in(user, idea, *states) -> bool:
    return is_triager(user, idea) and idea.state in states


def can_study(user, idea) -> bool:
    return _triage_in(user, idea, IdeaState.NEW)


def can_accept(user, idea) -> bool:
    return _triage_in(user, idea, IdeaState.NEW, IdeaState.UNDER_STUDY)


def can_decline(user, idea) -> bool:
    return _triage_in(user, idea, IdeaState.NEW, IdeaState.UNDER_STUDY)


def can_complete(user, idea) -> bool:
    return _triage_in(user, idea, IdeaState.ACCEPTED)


def request_secretariats(user):
    """The secretariats ``user`` may file a content request for."""
    return secretariats_for_action(user)


def can_make_campaign(user, idea) -> bool:
    """Turn an accepted idea into a draft campaign: someone who may file for a secretariat
    (campaigns are filed for the secretariats one acts for, as requests are)."""
    return (_active(user) and idea.state == IdeaState.ACCEPTED and idea.campaign_id is None
            and request_secretariats(user).exists())


def draft_plan_for(user):
    """The newest plan in draft that ``user`` may edit (where an idea can become an action)."""
    from plans.models import Plan, PlanState
    from plans.permissions import can_edit_plan

    plan = Plan.objects.filter(state=PlanState.DRAFT).order_by("-year").first()
    return plan if plan is not None and can_edit_plan(user, plan) else None


def can_make_plan_action(user, idea) -> bool:
    """Turn an accepted idea into an action of the plan in draft: whoever edits the plan."""
    return (_active(user) and idea.state == IdeaState.ACCEPTED and idea.plan_action_id is None
            and draft_plan_for(user) is not None)


def on_behalf_requester(user, idea):
    """For the communication team: the person of the idea's secretariat (its focal point, else
    its head) in whose name the team files the idea's request; None when there is none or
    ``user`` is not of the team."""
    if not is_triager(user, idea) or idea.secretariat_id is None:
        return None
    return requester_for(idea.secretariat)


def request_requester(user, idea, secretariat):
    """Who a request of ``idea`` for ``secretariat`` is filed by when ``user`` clicks: the
    person themselves when they may file for it, else (the team, for the idea's own
    secretariat) its focal point or head; None when neither."""
    if secretariat is None:
        return None
    if can_create_for(user, secretariat):
        return user
    if secretariat.pk == idea.secretariat_id:
        return on_behalf_requester(user, idea)
    return None


def make_request_secretariats(user, idea):
    """The secretariats ``user`` may turn ``idea`` into a request of: their own and, for the
    team, the idea's secretariat when someone there may file for it."""
    own = request_secretariats(user)
    if idea is not None and on_behalf_requester(user, idea) is not None:
        return Secretariat.objects.filter(Q(pk__in=own.values("pk")) | Q(pk=idea.secretariat_id))
    return own


def can_make_request(user, idea) -> bool:
    """Turn an accepted idea into a content request: someone who may file requests, or the
    team in the name of the idea's secretariat."""
    return (_active(user) and idea.state == IdeaState.ACCEPTED and idea.request_id is None
            and (request_secretariats(user).exists()
                 or on_behalf_requester(user, idea) is not None))


def request_blocked(user, idea) -> str:
    """Why the team member cannot file this accepted idea's request in its secretariat's name
    ("nobody": no focal point or head there may file; "none": the idea names no secretariat
    and they file for none themselves), or "" — the page says so instead of a missing
    button."""
    if not (is_triager(user, idea) and idea.state == IdeaState.ACCEPTED
            and idea.request_id is None):
        return ""
    if idea.secretariat_id is None:
        return "" if request_secretariats(user).exists() else "none"
    if can_create_for(user, idea.secretariat) or on_behalf_requester(user, idea) is not None:
        return ""
    return "nobody"
