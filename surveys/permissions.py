"""Who may see and do what on surveys. Views and services ask here, nowhere else.

The communication team (editors) and the manager build surveys and read their results; the
head of communication approves them before they open, and legal reviews those that ask for
contact details, through the approvals engine (``surveys.approvable``: the survey
policies); anyone
answers an open public survey, anyone signed in (the municipality's staff) an open staff
survey, and the requesters of Pauta — people who filed a request, or hold the requester
role — an open requesters survey.
"""

from org.roles import ROLE_BY_KEY
from surveys.models import Audience, SurveyState

MANAGE = "surveys.change_survey"
VIEW = "surveys.view_survey"


def _active(user) -> bool:
    return bool(user and user.is_authenticated and user.is_active)


def can_view_surveys(user) -> bool:
    return _active(user) and user.has_perm(VIEW)


def can_view_survey(user, survey=None) -> bool:
    return can_view_surveys(user)


def can_create(user) -> bool:
    return _active(user) and user.has_perm(MANAGE)


def is_manager(user, survey=None) -> bool:
    return can_create(user)


def _manage_in(user, survey, *states) -> bool:
    return is_manager(user) and survey.state in states and not survey.builtin


def can_edit(user, survey) -> bool:
    return _manage_in(user, survey, SurveyState.DRAFT)


def can_submit(user, survey) -> bool:
    return _manage_in(user, survey, SurveyState.DRAFT)


def can_close(user, survey) -> bool:
    return _manage_in(user, survey, SurveyState.OPEN)


def can_publish_results(user, survey) -> bool:
    return _manage_in(user, survey, SurveyState.CLOSED)


def can_see_results(user, survey) -> bool:
    return can_view_survey(user, survey) and survey.state not in (SurveyState.DRAFT,
                                                                  SurveyState.IN_REVIEW)


def can_see_public_results(user, survey) -> bool:
    """Anyone, signed in or not, once the team has published the survey's results."""
    return survey.state == SurveyState.PUBLISHED and not survey.builtin


def can_answer(user, survey) -> bool:
    if not survey.accepts_answers() or survey.builtin:
        return False  # a built-in survey is answered on its own page (the request's rating)
    if survey.audience == Audience.PUBLIC:
        return True
    if survey.audience == Audience.REQUESTERS:
        return is_requester(user)
    return _active(user)


def is_requester(user) -> bool:
    """A requester of Pauta: filed a content request, or holds the requester role."""
    return _active(user) and (
        user.groups.filter(name=ROLE_BY_KEY["requester"].group).exists()
        or user.requests_filed.exists())
