"""The request form: urgency inside the kind's lead time (business days) needs a justification."""

from datetime import timedelta

import pytest
from django.utils import timezone, translation

from org.models import Secretariat
from workflows.forms import RequestForm
from workflows.models import LeadTimeStandard, RequestKind
from workflows.sla import add_business_days


def form(demo, kind, desired, justification=""):
    return RequestForm({
        "secretariat": Secretariat.objects.get(acronym="SMS").pk, "kind": kind, "title": "T",
        "brief": "b", "desired_date": desired.isoformat(), "priority": "high",
        "priority_justification": justification}, user=demo["ana.saude"])


@pytest.mark.parametrize("kind", [RequestKind.VIDEO, RequestKind.NEWS])
def test_a_date_inside_the_kinds_lead_time_needs_a_justification(demo, kind):
    lead = LeadTimeStandard.objects.get(kind=kind).business_days
    earliest = add_business_days(timezone.localdate(), lead)
    with translation.override("en"):
        too_soon = form(demo, kind, earliest - timedelta(days=1))
        assert not too_soon.is_valid()
        assert f"{lead} business days" in str(too_soon.errors["priority_justification"])
    assert form(demo, kind, earliest - timedelta(days=1), "Evento amanhã.").is_valid()
    assert form(demo, kind, earliest).is_valid()


def test_the_lead_time_follows_the_admin_setting(demo):
    LeadTimeStandard.objects.filter(kind=RequestKind.PRINTED).update(business_days=20)
    in_ten_business_days = add_business_days(timezone.localdate(), 10)
    assert not form(demo, RequestKind.PRINTED, in_ten_business_days).is_valid()
    LeadTimeStandard.objects.filter(kind=RequestKind.PRINTED).update(business_days=5)
    assert form(demo, RequestKind.PRINTED, in_ten_business_days).is_valid()


def test_past_dates_are_refused(demo):
    assert "desired_date" in form(demo, "news", timezone.localdate() - timedelta(days=1),
                                  "x").errors
