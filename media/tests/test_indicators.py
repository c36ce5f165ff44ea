"""The media bank's indicators on hand-built data with answers counted by hand."""

from datetime import date, timedelta

import pytest

from media.models import Asset, AssetUse, Consent, ConsentState, Person
from org.models import Secretariat
from pauta import clock
from reports.indicators import REGISTRY, compute_all
from reports.slices import Slice
from reports.tests.factories import at, make_request
from reports.tests.test_indicators_ext import run

APRIL = Slice(start=date(2031, 4, 1), end=date(2031, 4, 30))
CODES = {"media_assets_added", "media_assets_used", "media_consents_expiring",
         "media_gate_blocked_requests"}


def asset(by, acronym, when, kind="photo", n=[0]):  # noqa: B006  (a counter for the hashes)
    n[0] += 1
    return Asset.objects.create(kind=kind, title=f"A{n[0]}", file=f"x/{n[0]}.jpg",
                                original_name="a.jpg", content_type="image/jpeg",
                                sha256=f"{n[0]:064x}", uploaded_by=by, created_at=at(when),
                                secretariat=Secretariat.objects.get(acronym=acronym))


@pytest.fixture
def bank(demo):
    ana, diego = demo["ana.saude"], demo["diego.editor"]
    sms1 = asset(diego, "SMS", "2031-04-02 10:00")
    sms2 = asset(diego, "SMS", "2031-04-20 10:00", kind="video")
    semed = asset(diego, "SEMED", "2031-04-05 10:00")
    asset(diego, "SMS", "2031-03-30 10:00")  # March: outside
    out = make_request(ana, submitted="2031-04-01 09:00", published="2031-04-10 09:00")
    other = make_request(ana, acronym="SEMED", submitted="2031-04-01 09:00",
                         published="2031-04-11 09:00")
    draft = make_request(ana, acronym="SEMED", state="in_production",
                         submitted="2031-04-01 09:00")
    for a, r in ((sms1, out), (sms2, out), (sms1, other), (semed, draft)):
        AssetUse.objects.create(asset=a, request=r, attached_by=diego)
    person = Person.objects.create(name="P", created_by=diego)
    today = clock.today()
    demo_expiring = compute_all(APRIL, {"media_consents_expiring"})[
        "media_consents_expiring"].value  # the demo's own consents
    for days, state in ((5, ConsentState.VALID), (30, ConsentState.VALID),
                        (31, ConsentState.VALID), (-1, ConsentState.VALID),
                        (10, ConsentState.WITHDRAWN)):
        Consent.objects.create(person=person, purposes=["institutional"],
                               given_on=today - timedelta(days=100),
                               expires_on=today + timedelta(days=days), state=state,
                               recorded_by=diego)
    run(draft, "2031-04-12 10:00", [("media.consent", "blocker", "c1"),
                                    ("media.minor_guardian", "blocker", "m1")])
    run(out, "2031-04-03 10:00", [("media.consent", "blocker", "c2"),
                                  ("media.consent_expiry", "warning", "e1")])
    run(other, "2031-04-03 10:00", [("media.consent_expiry", "warning", "e2")])  # a warning
    run(other, "2031-03-03 10:00", [("media.consent", "blocker", "c3")])  # March
    return {"sms": Secretariat.objects.get(acronym="SMS"), "demo_expiring": demo_expiring}


def test_registered_in_their_own_section(english_messages):
    assert set(REGISTRY) >= CODES
    assert {str(REGISTRY[c].section) for c in CODES} == {"Media bank"}


def test_media_indicators_count_by_hand(bank, english_messages):
    r = compute_all(APRIL, CODES)
    assert r["media_assets_added"].value == 3
    assert {p.label: p.value for p in r["media_assets_added"].series} == {"Photo": 2,
                                                                          "Video": 1}
    assert r["media_assets_used"].value == 2  # sms1 (twice) and sms2, published in April
    # in 5 and in 30 days; not in 31, not yesterday, not withdrawn
    assert r["media_consents_expiring"].value == bank["demo_expiring"] + 2
    assert r["media_gate_blocked_requests"].value == 2  # the draft and the published one
    assert {p.label: p.value for p in r["media_gate_blocked_requests"].series} == {
        "No consent": 2, "Minor without a guardian's consent": 1}


def test_scoped_slices_count_their_secretariat_and_not_the_consents(bank):
    sms = Slice(start=APRIL.start, end=APRIL.end, scope=frozenset({bank["sms"].pk}))
    r = compute_all(sms, CODES)
    assert r["media_assets_added"].value == 2
    assert r["media_assets_used"].value == 2  # the SMS request used both SMS assets
    assert r["media_consents_expiring"].value is None
    assert r["media_gate_blocked_requests"].value == 1
