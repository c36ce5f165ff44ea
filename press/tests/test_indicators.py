"""The press desk's KPIs: received by secretariat/outlet type/theme, answered before the
deadline, median response time, declined share — over a slice of known inquiries."""

from datetime import date, datetime, timedelta

import pytest
from django.utils import timezone

from org.models import Secretariat
from press.models import Inquiry, Journalist, Outlet
from reports.indicators import REGISTRY, compute_all
from reports.slices import Slice

pytestmark = pytest.mark.django_db
MARCH = Slice(start=date(2031, 3, 1), end=date(2031, 3, 31))
CODES = ["press_inquiries_received", "press_inquiries_by_outlet_type", "press_inquiries_by_outlet",
         "press_inquiries_by_theme", "press_answered_on_time", "press_response_hours",
         "press_declined_share"]


def at(day, hour):
    return timezone.make_aware(datetime(2031, 3, day, hour))


@pytest.fixture
def march(demo):
    officer = demo["elisa.editora"]
    radio = Outlet.objects.get(name="Rádio Vale FM")
    journalist = Journalist.objects.create(name="J", email="j@kpi.example.com", outlet=radio,
                                           source="teste")
    sms, semed = (Secretariat.objects.get(acronym=a) for a in ("SMS", "SEMED"))
    rows = [  # (secretariat, theme, state, created, deadline, sent)
        (sms, "Dengue", "closed", at(2, 9), at(2, 17), at(2, 13)),  # 4 h, on time
        (sms, "Dengue", "sent", at(3, 9), at(3, 12), at(3, 15)),  # 6 h, late
        (semed, "Merenda", "closed", at(4, 9), at(4, 18), at(4, 17)),  # 8 h, on time
        (semed, "Merenda", "declined", at(5, 9), at(5, 12), None),
        (sms, "Obras", "received", at(6, 9), at(6, 12), None),  # open: not finished
        (sms, "Fora", "closed", at(1, 9) - timedelta(days=3), at(1, 9), at(1, 10)),  # February
    ]
    for secretariat, theme, state, created, deadline, sent in rows:
        Inquiry.objects.create(journalist=journalist, outlet=radio, secretariat=secretariat,
                               theme=theme, questions="?", state=state, created_at=created,
                               deadline=deadline, sent_at=sent, registered_by=officer)


def test_press_indicators_over_a_month(march):
    results = compute_all(MARCH, codes=CODES)
    received = results["press_inquiries_received"]
    assert received.value == 5
    assert {p.label: p.value for p in received.series} == {"SMS": 3, "SEMED": 2}
    by_type = results["press_inquiries_by_outlet_type"]
    assert by_type.value == 5 and [p.value for p in by_type.series] == [5]
    assert results["press_inquiries_by_theme"].series[0].value == 2
    assert results["press_answered_on_time"].value == pytest.approx(200 / 3, abs=0.1)
    assert results["press_response_hours"].value == 6
    assert results["press_declined_share"].value == 25.0


def test_press_indicators_follow_the_secretariat_filter_and_the_scope(march):
    sms = Secretariat.objects.get(acronym="SMS")
    only_sms = Slice(start=MARCH.start, end=MARCH.end, secretariat_id=sms.pk)
    assert compute_all(only_sms, codes=CODES)["press_inquiries_received"].value == 3
    scoped = Slice(start=MARCH.start, end=MARCH.end, scope=frozenset({sms.pk}))
    assert compute_all(scoped, codes=CODES)["press_declined_share"].value == 0.0
    assert all(REGISTRY[code].section for code in CODES)


def test_an_empty_period_has_no_figures(demo):
    results = compute_all(Slice(start=date(2040, 1, 1), end=date(2040, 1, 31)), codes=CODES)
    assert results["press_inquiries_received"].value == 0
    assert results["press_answered_on_time"].value is None
    assert results["press_response_hours"].value is None


def _answered(officer, created, sent, theme="Horas"):
    radio = Outlet.objects.get(name="Rádio Vale FM")
    journalist = Journalist.objects.get_or_create(
        email="horas@kpi.example.com", defaults={"name": "H", "outlet": radio, "source": "t"})[0]
    return Inquiry.objects.create(
        journalist=journalist, outlet=radio, secretariat=Secretariat.objects.get(acronym="SMS"),
        theme=theme, questions="?", state="closed", created_at=created, deadline=sent,
        sent_at=sent, registered_by=officer)


def test_response_time_counts_working_hours_across_a_weekend_and_a_holiday(demo, settings):
    from workflows.models import Holiday

    settings.PRESS_OFFICE_HOURS = "08:00-18:00"
    april = Slice(start=date(2031, 4, 1), end=date(2031, 4, 30))
    Holiday.objects.get_or_create(date=date(2031, 4, 21), defaults={"name": "Tiradentes"})

    def on(day, hour, minute=0):
        return timezone.make_aware(datetime(2031, 4, day, hour, minute))

    officer = demo["elisa.editora"]
    # Friday 16:00 → Tuesday 10:00 over the weekend and Monday's holiday: 2 h + 2 h (90 clock h).
    _answered(officer, on(18, 16), on(22, 10))
    results = compute_all(april, codes=["press_response_hours"])
    assert results["press_response_hours"].value == 4
    # Wednesday 20:00 → Thursday 07:00, all outside office hours: 0; Thursday 09:30 → 15:30: 6.
    _answered(officer, on(2, 20), on(3, 7))
    _answered(officer, on(3, 9, 30), on(3, 15, 30))
    assert compute_all(april, codes=["press_response_hours"])["press_response_hours"].value == 4
    # Other office hours: Friday 16–17 and Tuesday 09–10 → 2; the others 0 and 6 → median 2.
    settings.PRESS_OFFICE_HOURS = "09:00-17:00"
    assert compute_all(april, codes=["press_response_hours"])["press_response_hours"].value == 2


def test_a_malformed_office_hours_setting_falls_back_to_eight_to_six(settings):
    from datetime import time

    from press.hours import office_hours

    for bad in ("", "8h às 18h", "18:00-08:00", None):
        settings.PRESS_OFFICE_HOURS = bad
        assert office_hours() == (time(8), time(18))
    settings.PRESS_OFFICE_HOURS = "07:30 - 19:00"
    assert office_hours() == (time(7, 30), time(19))


def test_inquiries_by_outlet_are_the_ten_outlets_that_asked_most(march, demo):
    officer = demo["elisa.editora"]
    sms = Secretariat.objects.get(acronym="SMS")
    journalist = Journalist.objects.get(email="j@kpi.example.com")
    for n in range(11):  # eleven more outlets, one inquiry each; "Portal 10" falls off
        outlet = Outlet.objects.create(name=f"Portal {n:02d}", type="portal")
        Inquiry.objects.create(journalist=journalist, outlet=outlet, secretariat=sms,
                               theme="T", questions="?", created_at=at(10, 9),
                               deadline=at(10, 12), registered_by=officer)
    Inquiry.objects.create(journalist=journalist, outlet=None, secretariat=sms, theme="T",
                           questions="?", created_at=at(10, 9), deadline=at(10, 12),
                           registered_by=officer)  # without an outlet: left out
    result = compute_all(MARCH, codes=["press_inquiries_by_outlet"])["press_inquiries_by_outlet"]
    assert result.value == 16  # 5 of the radio in March + 11, not the one without an outlet
    assert [(p.label, p.value) for p in result.series] == [
        ("Rádio Vale FM", 5), *[(f"Portal {n:02d}", 1) for n in range(9)]]
    assert REGISTRY["press_inquiries_by_outlet"].section
