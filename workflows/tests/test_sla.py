"""Due dates on business days, overdue flags, the daily reminder/escalation job."""

import datetime as dt
from datetime import date

import pytest
from django.utils import timezone

from audit.models import AuditEvent
from notifications.models import Notification
from org.models import User
from pauta import clock
from workflows.models import ContentRequest, Holiday, LeadTimeStandard
from workflows.sla import (
    add_business_days,
    business_days_between,
    due_date_for,
    is_overdue,
    overdue_requests,
    sla_daily,
)
from workflows.tests.factories import ContentRequestFactory

FRIDAY = date(2026, 11, 13)


@pytest.fixture
def no_holidays(db):
    """A clean holiday table for the weeks the tests use (the demo loads real holidays)."""
    Holiday.objects.filter(date__range=(date(2026, 10, 1), date(2027, 3, 31))).delete()


def _request(state, due_date=None, **kwargs):
    request = ContentRequestFactory(**kwargs)
    # The state field is protected: put the row in the state the test needs directly.
    ContentRequest.objects.filter(pk=request.pk).update(state=state, due_date=due_date)
    return ContentRequest.objects.get(pk=request.pk)


def test_friday_plus_one_is_monday_and_a_holiday_monday_is_skipped(no_holidays):
    assert add_business_days(FRIDAY, 1) == date(2026, 11, 16)
    Holiday.objects.create(date=date(2026, 11, 16), name="Feriado municipal")
    assert add_business_days(FRIDAY, 1) == date(2026, 11, 17)
    assert add_business_days(date(2026, 11, 14), 1) == date(2026, 11, 17)  # from a Saturday
    assert add_business_days(FRIDAY, 0) == FRIDAY


def test_a_week_with_two_holidays(no_holidays):
    Holiday.objects.create(date=date(2026, 11, 16), name="Feriado municipal")
    Holiday.objects.create(date=date(2026, 11, 20), name="Consciência Negra")
    # Tue 17, Wed 18, Thu 19, (Fri 20 holiday), Mon 23
    assert add_business_days(FRIDAY, 4) == date(2026, 11, 23)
    assert business_days_between(FRIDAY, date(2026, 11, 23)) == 4
    assert business_days_between(date(2026, 11, 23), FRIDAY) == -4
    assert business_days_between(FRIDAY, FRIDAY) == 0


def test_holidays_are_loaded_in_one_query(no_holidays, django_assert_num_queries):
    with django_assert_num_queries(1):
        assert add_business_days(FRIDAY, 15) == date(2026, 12, 4)


def test_a_long_run_of_holidays_beyond_the_first_window(no_holidays):
    # 60 consecutive holidays: more than the first window holds, so it must grow.
    first = date(2026, 11, 16)
    Holiday.objects.bulk_create(Holiday(date=first + dt.timedelta(days=n), name="Recesso")
                                for n in range(60))
    assert add_business_days(FRIDAY, 1) == date(2027, 1, 15)  # Friday after the recess
    assert business_days_between(FRIDAY, date(2027, 1, 15)) == 1


def test_due_date_counts_from_the_submission_day_in_the_installation_zone(no_holidays):
    LeadTimeStandard.objects.update_or_create(kind="news", defaults={"business_days": 3})
    request = _request("submitted", kind="news")
    # 02:00 UTC on Friday is still Thursday 23:00 in São Paulo.
    request.submitted_at = dt.datetime(2026, 11, 13, 2, 0, tzinfo=dt.UTC)
    with timezone.override("Asia/Tokyo"):  # whoever looks, the installation's day counts
        assert due_date_for(request) == date(2026, 11, 17)  # Fri 13, Mon 16, Tue 17


def test_no_due_date_without_standard_or_submission(db):
    LeadTimeStandard.objects.filter(kind="other").delete()
    request = _request("submitted", kind="other")
    request.submitted_at = timezone.now()
    assert due_date_for(request) is None
    request = _request("draft", kind="news")
    assert request.submitted_at is None and due_date_for(request) is None


def test_overdue_only_when_open_and_past_the_due_date(db):
    day = date(2026, 11, 17)
    late = _request("in_production", due_date=day)
    done = _request("published", due_date=date(2026, 11, 1))
    assert not is_overdue(late, today=day)  # due today: not yet
    assert is_overdue(late, today=day + dt.timedelta(days=1))
    assert not is_overdue(done, today=day)
    assert not is_overdue(_request("submitted"), today=day)  # no due date
    overdue = overdue_requests(ContentRequest.objects.filter(pk__in=[late.pk, done.pk]),
                               today=day + dt.timedelta(days=1))
    assert list(overdue) == [late]


def test_sla_daily_reminds_the_assignee_and_escalates_to_approvers_once_a_day(
        demo, no_holidays, django_capture_on_commit_callbacks):
    today = date(2026, 11, 18)  # Wednesday
    soon = _request("in_production", due_date=date(2026, 11, 19), assignee=demo["diego.editor"])
    late = _request("in_production", due_date=date(2026, 11, 16), assignee=demo["diego.editor"])
    _request("published", due_date=date(2026, 11, 16))  # closed: left alone
    with django_capture_on_commit_callbacks(execute=True):
        counts = sla_daily(today=today)
    assert counts == {"remind": 1, "escalate": 1}
    remind = AuditEvent.objects.get(request=soon, verb="remind")
    escalate = AuditEvent.objects.get(request=late, verb="escalate")
    assert escalate.actor is None and escalate.payload["business_days_late"] == 2
    assert list(Notification.objects.filter(event=remind)
                .values_list("recipient__username", flat=True)) == ["diego.editor"]
    approvers = set(User.objects.filter(groups__name="Approver").values_list("pk", flat=True))
    assert approvers and set(Notification.objects.filter(event=escalate)
                             .values_list("recipient", flat=True)) == approvers
    with django_capture_on_commit_callbacks(execute=True):
        assert sla_daily(today=today) == {"remind": 0, "escalate": 0}  # rerun: nothing new
    assert AuditEvent.objects.filter(request=late, verb="escalate").count() == 1
    assert sla_daily(today=date(2026, 11, 19))["escalate"] == 1  # the next day, again


def test_sla_daily_rests_on_weekends_and_friday_reminds_for_monday(demo, no_holidays):
    monday_due = _request("in_production", due_date=date(2026, 11, 16),
                          assignee=demo["diego.editor"])
    assert sla_daily(today=date(2026, 11, 14)) == {"remind": 0, "escalate": 0}  # Saturday
    assert sla_daily(today=FRIDAY)["remind"] == 1
    assert AuditEvent.objects.filter(request=monday_due, verb="remind").count() == 1


def test_submission_sets_the_due_date(demo):
    from org.models import Secretariat
    from workflows import services

    LeadTimeStandard.objects.update_or_create(kind="news", defaults={"business_days": 3})
    moment = timezone.make_aware(dt.datetime(2026, 11, 12, 10, 0))  # Thursday
    Holiday.objects.filter(date__range=(date(2026, 11, 12), date(2026, 11, 30))).delete()
    with clock.travel(moment):
        request = services.request_create(by=demo["ana.saude"], kind="news", title="t",
                                          brief="b",
                                          secretariat=Secretariat.objects.get(acronym="SMS"))
        request = services.request_submit(request=request, by=demo["ana.saude"])
    assert request.due_date == date(2026, 11, 17)
