"""Helpers for the compliance tests: requests with one channel's text, built directly."""

import datetime as dt

import pytest
from django.utils import timezone

from org.models import Secretariat
from plans.models import Channel, PlanAction
from workflows.models import Attachment, Publication
from workflows.tests.factories import ContentRequestFactory


@pytest.fixture
def make(demo):
    """make(body, channel="x", ...) → a request in production with that text on that channel."""

    def _make(body="", channel="x", title="", kind="news", plan=True, attachments=(),
              desired=None, scheduled_at=None, **extra):
        ch = Channel.objects.get(code=channel)
        action = PlanAction.objects.filter(plan__state="approved").first() if plan else None
        request = ContentRequestFactory(
            secretariat=Secretariat.objects.get(acronym="SMS"), requester=demo["ana.saude"],
            kind=kind, plan_action=action, desired_date=desired, **extra)
        request.channels.add(ch)
        Publication.objects.create(request=request, channel=ch, title=title, body=body,
                                   scheduled_at=scheduled_at)
        for values in attachments:
            values = {"original_name": "foto.png", "content_type": "image/png", **values}
            Attachment.objects.create(request=request, file="x/foto.png", size=10,
                                      uploaded_by=demo["diego.editor"], **values)
        return request

    return _make


def rules_of(request) -> set[str]:
    from approvals.compliance.selectors import findings_for

    return {f.rule for f in findings_for(request)}


def aware(day: dt.date, hour: int = 12) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour)))
