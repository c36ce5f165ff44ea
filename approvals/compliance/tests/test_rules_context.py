"""Rules that read more than the text: channel elements, media, plan, calendar, elections."""

import datetime as dt

import pytest

from approvals.compliance.models import RuleConfig
from approvals.compliance.selectors import findings_for
from approvals.compliance.tests.conftest import aware, rules_of
from calendars.models import Event
from pauta import clock
from plans.models import Channel
from workflows.models import Publication
from workflows.tests.factories import ContentRequestFactory

IMAGE = {"alt_text": "Enfermeira aplica vacina em idoso."}


def test_image_required_and_alt_text(make):
    assert "channel.image" in rules_of(make("Texto.", channel="portal"))
    assert "channel.image" not in rules_of(make("Texto.", channel="portal", attachments=[IMAGE]))
    assert "channel.alt_text" in rules_of(make("Texto.", attachments=[{"alt_text": " "}]))
    assert "channel.alt_text" not in rules_of(make("Texto.", attachments=[IMAGE]))


def test_captions_on_video_channels(make):
    assert "channel.captions" in rules_of(make("Veja o vídeo.", channel="youtube", kind="video"))
    assert "channel.captions" not in rules_of(
        make("Veja o vídeo legendado do festival.", channel="youtube", kind="video"))
    assert "channel.captions" not in rules_of(make("Notícia.", channel="youtube"))


def test_signature_required_by_the_channel(make):
    assert "channel.signature" in rules_of(make("Vacine-se!", channel="facebook"))
    assert "channel.signature" not in rules_of(make("Vacine-se! #valeverde", channel="facebook"))


def test_minors_need_recorded_consent(make):
    minors = {**IMAGE, "shows_minors": True}
    assert "personal_data.minors" in rules_of(make("Texto.", attachments=[minors]))
    assert "personal_data.minors" not in rules_of(
        make("Texto.", attachments=[{**minors, "consent_recorded": True}]))


def test_plan_traceability(make):
    assert "plan.traceability" in rules_of(make("Texto.", plan=False))
    assert "plan.traceability" not in rules_of(make("Texto."))


def _event(kind, day, days=1):
    return Event.objects.create(kind=kind, title=f"{kind} demo", all_day=True,
                                starts_at=aware(day, 0), ends_at=aware(day + dt.timedelta(days), 0))


def test_electoral_blackout_is_a_legal_blocker(make):
    day = clock.today() + dt.timedelta(days=40)
    _event("blackout", day - dt.timedelta(days=5), days=30)
    inside = [f for f in findings_for(make("Texto.", desired=day))
              if f.rule == "electoral.blackout"]
    assert inside and inside[0].severity == "blocker" and inside[0].legal_override
    assert "Lei 9.504/1997" in inside[0].basis
    assert "electoral.blackout" not in rules_of(make("Texto.", desired=day + dt.timedelta(60)))


def test_electoral_basis_follows_the_jurisdiction(make):
    day = clock.today() + dt.timedelta(days=40)
    _event("blackout", day, days=2)
    RuleConfig.objects.filter(code="electoral.blackout").update(params={"jurisdiction": "PT"})
    finding = next(f for f in findings_for(make("Texto.", desired=day))
                   if f.rule == "electoral.blackout")
    assert "72-A/2015" in finding.basis


def test_mourning_day(make):
    day = clock.today() + dt.timedelta(days=12)
    _event("mourning", day)
    assert "calendar.mourning" in rules_of(make("Texto.", desired=day))
    assert "calendar.mourning" not in rules_of(make("Texto.", desired=day + dt.timedelta(3)))


@pytest.mark.parametrize(("hours_apart", "expected"), [(1, True), (5, False)])
def test_collision_with_a_high_priority_piece(make, demo, hours_apart, expected):
    moment = aware(clock.today() + dt.timedelta(days=8), 10)
    other = ContentRequestFactory(secretariat=demo["ana.saude"].memberships.first().secretariat,
                                  requester=demo["ana.saude"], priority="high",
                                  state="scheduled")
    channel_x = make("x").channels.first()
    Publication.objects.create(request=other, channel=channel_x, body="Urgente",
                               scheduled_at=moment)
    request = make("Texto.", scheduled_at=moment + dt.timedelta(hours=hours_apart))
    assert ("calendar.collision" in rules_of(request)) is expected


def test_disabled_rule_and_channel_scope_come_from_the_admin(make):
    request = make("Veja http://www.saude.gov.br", channel="x")
    assert "links.https" in rules_of(request)
    config = RuleConfig.objects.get(code="links.https")
    config.channels.set([make("y", channel="portal").channels.first()])
    assert "links.https" not in rules_of(request)  # enabled for the portal only
    config.channels.clear()
    RuleConfig.objects.filter(code="links.https").update(enabled=False)
    assert "links.https" not in rules_of(request)
    RuleConfig.objects.filter(code="links.https").update(enabled=True, severity="blocker",
                                                         kinds=["video"])
    assert "links.https" not in rules_of(request)  # news is not a configured kind


@pytest.mark.parametrize(("body", "found"), [
    ("Vacine-se! #ValeVerde", False),
    ("Vacine-se! #valeverde.", False),
    ("<p>Vacine-se!</p><p>#ValeVerde</p>", False),
    ("Vacine-se! #ValeVerdeAvança", True),   # another hashtag: the signature is missing
    ("Vacine-se! #ValeVerde2030", True),
    ("Vacine-se! ValeVerde", True),          # a word, not the hashtag
])
def test_signature_is_a_whole_hashtag(make, body, found):
    Channel.objects.filter(code="facebook").update(signature_required="#ValeVerde")
    assert ("channel.signature" in rules_of(make(body, channel="facebook"))) is found, body
