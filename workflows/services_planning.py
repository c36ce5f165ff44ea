"""Planning writes on a content request: the team proposes a new desired date (the editorial
calendar's drag of a planned piece). One service, like every write (``workflows.services``)."""

from dataclasses import dataclass
from datetime import date

from django.utils import formats
from django.utils.translation import gettext as _

from audit.services import record
from pauta import clock, inputs
from pauta.lifecycle import ensure, service
from workflows import permissions as perms
from workflows.errors import TransitionRefused
from workflows.models import ContentRequest
from workflows.services import lock


@dataclass
class DateProposal:
    request: ContentRequest
    previous: date | None
    warning: str = ""  # inside the kind's lead time: said, not refused


def lead_time_warning(kind, day: date, today: date | None = None) -> str:
    """A sentence when ``day`` falls inside the kind's minimum lead time, else ""."""
    from workflows.sla import add_business_days, lead_time

    today = today or clock.today()
    days = lead_time(kind)
    if day < add_business_days(today, days):
        return _("The date is inside the minimum lead time of %(days)d business days for this "
                 "kind of request: make sure the team can deliver it.") % {"days": days}
    return ""


@service
def request_propose_date(*, request: ContentRequest, by, desired_date: date,
                         seen: date | None = None) -> DateProposal:
    """The team proposes ``desired_date`` for a request still in the making; the requester
    is told (verb ``propose_date``).

    ``seen``: the date the person moved it from (the calendar sends it); when someone else
    changed the date meanwhile the proposal is refused instead of overwriting theirs.
    """
    request = lock(request)
    ensure(perms.can_propose_date(by, request))
    if not isinstance(desired_date, date) or not (
            inputs.MIN_YEAR <= desired_date.year <= inputs.MAX_YEAR):
        raise TransitionRefused(inputs.year_message())
    if seen is not None and request.desired_date != seen:
        raise TransitionRefused(_("Someone else changed the desired date meanwhile: reload "
                                  "the calendar to see it."))
    if desired_date < clock.today():
        raise TransitionRefused(_("The desired date cannot be in the past."))
    if desired_date == request.desired_date:
        raise TransitionRefused(_("The request already has this desired date."))
    campaign = request.campaign
    if campaign is not None and not campaign.start <= desired_date <= campaign.end:
        raise TransitionRefused(_("A campaign's piece goes out within the campaign's period "
                                  "(%(start)s to %(end)s).") % {
            "start": formats.date_format(campaign.start, "SHORT_DATE_FORMAT"),
            "end": formats.date_format(campaign.end, "SHORT_DATE_FORMAT")})
    previous = request.desired_date
    request.desired_date = desired_date
    request.version += 1  # an edit form opened before this no longer overwrites it
    request.save(update_fields=["desired_date", "version", "updated_at"])
    record(by=by, verb="propose_date", target=request,
           payload={"from": previous, "to": desired_date})
    return DateProposal(request, previous, lead_time_warning(request.kind, desired_date))
