"""Indicators on hand-built data whose answers were counted by hand."""

from datetime import date

import pytest
from django.utils import translation

from reports.indicators import REGISTRY, compute_all
from reports.slices import Slice
from reports.tests.factories import history, make_request
from workflows.models import Holiday

APRIL = Slice(start=date(2031, 4, 1), end=date(2031, 4, 30))


@pytest.fixture
def april(demo):
    """Six requests of April 2031; Monday 21 April is a holiday (Tiradentes)."""
    Holiday.objects.update_or_create(date=date(2031, 4, 21), defaults={"name": "Tiradentes"})
    ana = demo["ana.saude"]
    rows = {
        # Fri → Tue over a weekend and the Monday holiday: 1 business day; due Mon: late.
        "A": make_request(ana, submitted="2031-04-18 10:00", published="2031-04-22 10:00",
                          due="2031-04-21", rating=5, review_round=2),
        # Same day: 0; due the next day: on time.
        "B": make_request(ana, submitted="2031-04-14 08:00", published="2031-04-14 11:00",
                          due="2031-04-15", rating=4, review_round=1),
        # Wed → next Wed: 5; due that very day: on time.
        "C": make_request(ana, acronym="SEMED", kind="social", submitted="2031-04-09 09:00",
                          published="2031-04-16 17:00", due="2031-04-16"),
        # Thu → next Fri across the holiday: 5; no due date (not in the SLA).
        "D": make_request(ana, submitted="2031-04-17 09:00", published="2031-04-25 09:00"),
        # Wed 9 → Thu 24: 10 business days (the holiday skipped); due 30th: on time.
        "E": make_request(ana, submitted="2031-04-09 09:00", published="2031-04-24 09:00",
                          due="2031-04-30"),
        "F": make_request(ana, state="rejected", submitted="2031-04-10 09:00",
                          reason="promotion"),
        # Submitted in April, published in May: received, not published.
        "G": make_request(ana, submitted="2031-04-28 09:00", published="2031-05-02 09:00"),
        # Outside the period altogether.
        "H": make_request(ana, submitted="2031-03-03 09:00", published="2031-03-04 09:00"),
    }
    history(rows["A"], [
        ("2031-04-18 10:00", "submit", "draft", "submitted"),
        ("2031-04-18 22:00", "accept", "submitted", "in_production"),
        ("2031-04-19 22:00", "send_to_review", "in_production", "in_review"),
        ("2031-04-20 10:00", "request_changes", "in_review", "in_production"),
        ("2031-04-20 22:00", "send_to_review", "in_production", "in_review"),
        ("2031-04-21 22:00", "approve", "in_review", "approved"),
        ("2031-04-22 04:00", "schedule", "approved", "scheduled"),
        ("2031-04-22 10:00", "publish", "scheduled", "published"),
    ])
    history(rows["B"], [
        ("2031-04-14 10:00", "send_to_review", "in_production", "in_review"),
        ("2031-04-14 10:30", "comment", "", ""),
        ("2031-04-14 11:00", "approve", "in_review", "approved"),
    ])
    return rows


def test_every_indicator_has_a_definition_and_unit():
    assert len(REGISTRY) >= 14
    for code, indicator in REGISTRY.items():
        assert indicator.code == code
        assert str(indicator.name) and len(str(indicator.definition)) > 30
        assert indicator.unit


def test_volumes(april):
    results = compute_all(APRIL)
    assert results["requests_received"].value == 7
    assert results["requests_published"].value == 5
    assert [p.value for p in results["requests_received"].series] == [7]
    by_secretariat = {p.label: p.value for p in results["received_by_secretariat"].series}
    assert by_secretariat == {"SMS": 6, "SEMED": 1}
    kinds = {p.drill["kind"]: p.value for p in results["received_by_kind"].series}
    assert kinds == {"news": 6, "social": 1}


def test_lead_time_across_weekends_and_holidays(april):
    results = compute_all(APRIL)
    # Lead times 1, 0, 5, 5, 10 → median 5; p90 = 5 + 0.6 × (10 − 5) = 8.
    assert results["lead_time_median"].value == 5.0
    assert results["lead_time_p90"].value == 8.0
    assert results["lead_time_median"].extra["n"] == 5


def test_lead_time_counts_the_holiday_only_when_registered(april):
    Holiday.objects.filter(date=date(2031, 4, 21)).delete()
    results = compute_all(APRIL, codes={"lead_time_median", "lead_time_p90"})
    # Without the holiday: 2, 0, 5, 6, 11 → median 5, p90 = 6 + 0.6 × 5 = 9.
    assert results["lead_time_median"].value == 5.0
    assert results["lead_time_p90"].value == 9.0


def test_sla_compliance(april):
    result = compute_all(APRIL)["sla_compliance"]
    assert result.value == 75.0  # B, C, E on time; A late; D has no due date
    assert result.extra == {"met": 3, "missed": 1}
    assert [p.drill["sla"] for p in result.series] == ["met", "missed"]


def test_rework_from_the_audit_trail(april):
    result = compute_all(APRIL)["rework_share"]
    assert result.value == 50.0  # A went to review twice, B once
    assert result.extra == {"reviewed": 2, "mean_extra_rounds": 0.5}
    assert [p.value for p in result.series] == [1, 1, 0]


def test_time_in_each_state(april):
    with translation.override("en"):
        series = {str(p.label): p.value for p in compute_all(APRIL)["time_in_state"].series}
    assert series == {"Submitted": 0.5, "In production": 0.8, "In review": 0.5,
                      "Approved": 0.2, "Scheduled": 0.2}


def test_rejections_and_satisfaction(april):
    results = compute_all(APRIL)
    assert results["rejection_reasons"].value == 1
    assert results["rejection_reasons"].series[0].drill["reason"] == "promotion"
    assert results["satisfaction_mean"].value == 4.5
    assert [p.value for p in results["satisfaction_mean"].series] == [0, 0, 0, 1, 1]


def test_filters_and_scope(april, demo):
    from org.models import Secretariat

    semed = Secretariat.objects.get(acronym="SEMED")
    only = Slice(start=APRIL.start, end=APRIL.end, secretariat_id=semed.pk)
    assert compute_all(only)["requests_published"].value == 1
    scoped = Slice(start=APRIL.start, end=APRIL.end, scope=frozenset({semed.pk}))
    assert compute_all(scoped)["requests_received"].value == 1
    social = Slice(start=APRIL.start, end=APRIL.end, kind="social")
    assert compute_all(social)["lead_time_median"].value == 5.0


def test_percentile_matches_excel():
    from reports.indicators.stats import median, percentile

    assert percentile([1, 2, 3, 4], 0.9) == pytest.approx(3.7)
    assert percentile([7], 0.9) == 7.0
    assert percentile([], 0.9) is None
    assert median([3, 1, 2, 10]) == 2.5
