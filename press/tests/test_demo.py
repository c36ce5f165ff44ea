"""The demo press desk: 40 inquiries across the whole past year, in every state, some late."""

from datetime import timedelta

import pytest
from django.db.models import F

from pauta import clock
from press.demo import OPEN
from press.models import Inquiry, InquiryState, Journalist

pytestmark = pytest.mark.django_db


def test_the_demo_inquiries_cover_the_year_in_every_state(demo):
    rows = Inquiry.objects.filter(journalist__in=Journalist.objects.filter(
        source="Demonstração"))
    assert rows.count() == 40
    assert set(rows.values_list("state", flat=True)) == set(InquiryState.values)
    now = clock.now()
    finished = rows.exclude(state__in=OPEN)
    ages = sorted((now - created).days for created in finished.values_list("created_at",
                                                                            flat=True))
    assert ages[0] <= 7 and 330 <= ages[-1] < 366  # from this week to a year ago
    quarters = [{s for s, c in finished.values_list("state", "created_at")
                 if q * 91 <= (now - c).days < (q + 1) * 91} for q in range(4)]
    assert all(len(states) >= 2 for states in quarters)  # each quarter, mixed states
    assert rows.filter(sent_at__gt=F("deadline")).exists()  # some answered late
    assert rows.filter(state__in=OPEN, deadline__lt=now).exists()  # some open, overdue
    assert not rows.filter(created_at__lt=now - timedelta(days=366)).exists()
