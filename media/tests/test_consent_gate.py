"""People, consents and the gate: no consent → blocker, a minor without a guardian's consent →
blocker, a consent ending before publication → warning, third-party terms → blocker;
withdrawal after publication and expiry flag the live pieces; the data-subject report."""

from datetime import date, timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from approvals.compliance import engine
from audit.models import AuditEvent
from media import services
from media.models import Asset, ConsentState, GivenBy, Purpose, Rights, UseFlag
from media.tests.images import jpeg, upload
from org.models import Secretariat
from pauta import clock
from pauta.lifecycle import NotAllowed, TransitionRefused
from plans.models import Channel
from workflows import services as ws
from workflows.models import ContentRequest

pytestmark = pytest.mark.django_db
TODAY = clock.today()


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def editor(demo):
    return demo["diego.editor"]


@pytest.fixture
def asset(editor, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        made = services.asset_create(by=editor, uploaded=upload(jpeg(4)),
                                     title="Crianças na escola")
    return Asset.objects.get(pk=made.pk)


@pytest.fixture
def produced(demo):
    """A request in production with the portal's text, desired in ten days."""
    request = ws.request_create(
        by=demo["ana.saude"], secretariat=Secretariat.objects.get(acronym="SMS"), kind="news",
        title="Volta às aulas", brief="b", channels=Channel.objects.filter(code="portal"),
        desired_date=TODAY + timedelta(days=10))
    request = ws.request_submit(request=request, by=demo["ana.saude"])
    request = ws.request_accept(request=request, by=demo["diego.editor"])
    ws.publication_save(request=request, by=demo["diego.editor"],
                        channel=Channel.objects.get(code="portal"), title="Volta às aulas",
                        body="As aulas voltam na segunda-feira.")
    return request


def media_findings(request):
    return {f.rule: f for f in engine.run(ContentRequest.objects.get(pk=request.pk))
            if f.rule.startswith("media.")}


def adult(editor, name="João Pereira"):
    return services.person_create(by=editor, name=name, birth_date=date(1980, 5, 1))


def child(editor, name="Ana Clara"):
    return services.person_create(by=editor, name=name, birth_date=TODAY - timedelta(days=9 * 365))


def consent(editor, person, *, purposes=(Purpose.INSTITUTIONAL,), expires_on=None,
            guardian=False, given_on=None):
    return services.consent_record(
        person=person, by=editor, purposes=list(purposes),
        given_on=given_on or TODAY - timedelta(days=30), expires_on=expires_on,
        given_by=GivenBy.GUARDIAN if guardian else GivenBy.PERSON,
        guardian_name="Marta Lima" if guardian else "")


def test_rules_are_registered_in_the_engine_without_approvals_importing_media():
    from approvals.compliance.registry import load_rules

    codes = set(load_rules())
    assert {"media.consent", "media.minor_guardian", "media.consent_expiry",
            "media.third_party_rights"} <= codes


def test_nobody_tagged_no_finding(editor, asset, produced):
    services.asset_attach(asset=asset, request=produced, by=editor)
    assert media_findings(produced) == {}


def test_a_person_without_consent_is_a_blocker_that_stops_send_to_review(
        editor, asset, produced):
    person = adult(editor)
    services.asset_tag(asset=asset, person=person, by=editor)
    use, findings = services.asset_attach(asset=asset, request=produced, by=editor)
    found = media_findings(produced)
    assert set(found) == {"media.consent"} and found["media.consent"].severity == "blocker"
    assert "João Pereira" in found["media.consent"].message
    assert any(f.rule == "media.consent" for f in findings)  # the attach answered at once
    with pytest.raises(TransitionRefused):
        ws.request_send_to_review(request=produced, by=editor)
    assert ContentRequest.objects.get(pk=produced.pk).state == "in_production"
    # a consent for another purpose does not count; one for this purpose clears it
    consent(editor, person, purposes=[Purpose.SOCIAL])
    assert set(media_findings(produced)) == {"media.consent"}
    consent(editor, person)
    assert media_findings(produced) == {}
    assert ws.request_send_to_review(request=produced, by=editor).state == "in_review"


def test_a_minor_needs_a_guardians_consent(editor, asset, produced):
    kid = child(editor)
    services.asset_tag(asset=asset, person=kid, by=editor)
    services.asset_attach(asset=asset, request=produced, by=editor)
    assert set(media_findings(produced)) == {"media.minor_guardian"}
    consent(editor, kid)  # signed by the child: not enough
    assert set(media_findings(produced)) == {"media.minor_guardian"}
    consent(editor, kid, guardian=True)
    assert media_findings(produced) == {}


def test_a_guardian_consent_needs_the_guardians_name(editor):
    kid = child(editor)
    with pytest.raises(TransitionRefused):
        services.consent_record(person=kid, by=editor, purposes=[Purpose.INSTITUTIONAL],
                                given_on=TODAY, given_by=GivenBy.GUARDIAN, guardian_name=" ")
    with pytest.raises(TransitionRefused):
        services.consent_record(person=kid, by=editor, purposes=[], given_on=TODAY)
    with pytest.raises(TransitionRefused):
        services.consent_record(person=kid, by=editor, purposes=["institutional"],
                                given_on=TODAY, expires_on=TODAY - timedelta(days=1))
    assert not kid.consents.exists()


def test_consent_expiring_before_publication_is_a_warning_and_expired_is_a_blocker(
        editor, asset, produced):
    person = adult(editor)
    services.asset_tag(asset=asset, person=person, by=editor)
    services.asset_attach(asset=asset, request=produced, by=editor)
    ends = consent(editor, person, expires_on=TODAY + timedelta(days=3))
    found = media_findings(produced)  # published in ten days, the consent ends in three
    assert set(found) == {"media.consent_expiry"} and found["media.consent_expiry"].severity \
        == "warning"
    ends.expires_on = TODAY - timedelta(days=1)
    ends.save()
    assert set(media_findings(produced)) == {"media.consent"}


def test_third_party_material_outside_its_terms_is_a_blocker(editor, asset, produced):
    services.asset_update(asset=asset, by=editor, rights=Rights.THIRD_PARTY,
                          rights_terms="Uso em redes sociais até dezembro.",
                          rights_purposes=[Purpose.SOCIAL])
    services.asset_attach(asset=asset, request=produced, by=editor,
                          purpose=Purpose.INSTITUTIONAL)
    assert set(media_findings(produced)) == {"media.third_party_rights"}
    services.asset_update(asset=asset, by=editor, rights_purposes=[Purpose.INSTITUTIONAL],
                          rights_until=TODAY + timedelta(days=2))  # ends before publication
    assert set(media_findings(produced)) == {"media.third_party_rights"}
    services.asset_update(asset=asset, by=editor, rights_until=TODAY + timedelta(days=60))
    assert media_findings(produced) == {}


def _published(request, demo):
    """Move the request on to published the way the lifecycle does (states only)."""
    ContentRequest.objects.filter(pk=request.pk).update(state="published",
                                                        published_at=clock.now())
    request.publications.update(published_at=clock.now(), url="https://valeverde.example/n/1")
    return ContentRequest.objects.get(pk=request.pk)


def test_withdrawal_after_publication_flags_the_live_piece(demo, editor, asset, produced):
    person = adult(editor)
    services.asset_tag(asset=asset, person=person, by=editor)
    given = consent(editor, person)
    services.asset_attach(asset=asset, request=produced, by=editor)
    published = _published(produced, demo)
    services.consent_withdraw(consent=given, by=editor, note="Pedido do titular.")
    given.refresh_from_db()
    assert given.state == ConsentState.WITHDRAWN and given.withdrawn_on == TODAY
    flag = UseFlag.objects.get()
    assert flag.use.request == published and flag.reason == UseFlag.Reason.WITHDRAWN
    event = AuditEvent.objects.get(verb="media_use_flagged")
    assert event.subject_id == str(published.pk)
    assert AuditEvent.objects.filter(verb="media_consent_withdraw").exists()
    with pytest.raises(TransitionRefused):  # withdrawn once
        services.consent_withdraw(consent=given, by=editor)
    # a draft or closed request using the asset is not live: not flagged
    assert UseFlag.objects.count() == 1


def test_withdrawal_is_not_flagged_while_another_consent_covers_the_use(
        demo, editor, asset, produced):
    person = adult(editor)
    services.asset_tag(asset=asset, person=person, by=editor)
    first, _second = consent(editor, person), consent(editor, person)
    services.asset_attach(asset=asset, request=produced, by=editor)
    _published(produced, demo)
    services.consent_withdraw(consent=first, by=editor)
    assert not UseFlag.objects.exists()


def test_expiry_flags_the_live_piece_once(demo, editor, asset, produced):
    person = adult(editor)
    services.asset_tag(asset=asset, person=person, by=editor)
    given = consent(editor, person, expires_on=TODAY + timedelta(days=20))
    services.asset_attach(asset=asset, request=produced, by=editor)
    _published(produced, demo)
    assert services.consents_follow_expiry() == 0
    type(given).objects.filter(pk=given.pk).update(expires_on=TODAY - timedelta(days=1))
    assert services.consents_follow_expiry() == 1
    assert UseFlag.objects.get().reason == UseFlag.Reason.EXPIRED
    assert services.consents_follow_expiry() == 0  # once


def test_only_consent_keepers_withdraw(demo, editor):
    given = consent(editor, adult(editor))
    with pytest.raises(NotAllowed):
        services.consent_withdraw(consent=given, by=demo["fernanda.chefe"])
    with pytest.raises(NotAllowed):
        services.consent_withdraw(consent=given, by=demo["ana.saude"])
    given.refresh_from_db()
    assert given.state == ConsentState.VALID


def test_withdraw_through_the_page(demo, client, editor, asset, produced):
    person = adult(editor)
    services.asset_tag(asset=asset, person=person, by=editor)
    given = consent(editor, person)
    services.asset_attach(asset=asset, request=produced, by=editor)
    _published(produced, demo)
    url = reverse("media:consent_action", args=[given.pk, "withdraw"])
    client.force_login(demo["fernanda.chefe"])
    assert client.post(url, {"on": TODAY.isoformat()}).status_code == 404  # no people pages
    client.force_login(demo["igor.auditor"])  # reads the report, keeps no consent
    assert client.post(url, {"on": TODAY.isoformat()}).status_code == 403
    client.force_login(editor)
    response = client.post(url, {"on": "not a date"})
    assert response.status_code == 302
    given.refresh_from_db()
    assert given.state == ConsentState.VALID  # a bad date loses nothing
    with translation.override("en"):
        response = client.post(url, {"on": TODAY.isoformat(), "note": "Pedido."}, follow=True)
    assert "were flagged" in response.content.decode() or "was flagged" in \
        response.content.decode()
    given.refresh_from_db()
    assert given.state == ConsentState.WITHDRAWN


def test_data_subject_report_lists_assets_uses_and_publications(
        demo, client, editor, asset, produced):
    person = adult(editor, "Carlos Alberto Nunes")
    services.asset_tag(asset=asset, person=person, by=editor)
    consent(editor, person)
    services.asset_attach(asset=asset, request=produced, by=editor, purpose=Purpose.SOCIAL)
    _published(produced, demo)
    from media.selectors import person_report

    report = person_report(person)
    assert report["assets"] == [asset]
    (row,) = report["uses"]
    assert row["use"].request == produced and not row["covered"]  # no consent for social
    assert [p.url for p in row["publications"]] == ["https://valeverde.example/n/1"]
    client.force_login(demo["igor.auditor"])
    page = client.get(reverse("media:person", args=[person.pk])).content.decode()
    assert "Crianças na escola" in page and "valeverde.example/n/1" in page
    assert f"#{produced.pk}" in page
    client.force_login(demo["ana.saude"])
    assert client.get(reverse("media:person", args=[person.pk])).status_code == 404


def test_attach_page_shows_the_gate_and_refuses_strangers(demo, client, editor, asset,
                                                          produced):
    kid = child(editor)
    services.asset_tag(asset=asset, person=kid, by=editor)
    client.force_login(editor)
    url = reverse("media:attach", args=[asset.pk])
    with translation.override("en"):
        response = client.post(url, {"attach-request": produced.pk,
                                     "attach-purpose": "institutional"}, follow=True)
    text = response.content.decode()
    assert "without a consent signed by a parent or guardian" in text
    assert "From the media bank" in text or "Crianças na escola" in text
    again = client.post(url, {"attach-request": produced.pk, "attach-purpose": "institutional"})
    assert again.status_code == 302  # refused with a message, nothing doubled
    assert produced.media_uses.count() == 1
    client.force_login(demo["ana.saude"])  # the requester does not browse the library
    assert client.post(url, {"attach-request": produced.pk,
                             "attach-purpose": "social"}).status_code == 404
    client.force_login(demo["fernanda.chefe"])  # reads the library, does not produce
    client.post(url, {"attach-request": produced.pk, "attach-purpose": "social"})
    assert produced.media_uses.count() == 1


def test_a_request_attachment_also_goes_to_the_library(demo, produced, settings,
                                                       django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        ws.attachment_add(request=produced, by=demo["diego.editor"],
                          uploaded=SimpleUploadedFile("ubs.jpg", jpeg(8), "image/jpeg"),
                          alt_text="Fachada da UBS")
    use = produced.media_uses.get()
    assert use.asset.alt_text == "Fachada da UBS" and use.asset.derive_state == "done"
    assert use.asset.secretariat == produced.secretariat


def test_withdrawal_flags_an_archived_request_whose_piece_is_still_online(
        demo, editor, asset, produced):
    """Archiving a request does not take its pieces down: they are still live."""
    person = adult(editor)
    services.asset_tag(asset=asset, person=person, by=editor)
    given = consent(editor, person)
    services.asset_attach(asset=asset, request=produced, by=editor)
    _published(produced, demo)
    ContentRequest.objects.filter(pk=produced.pk).update(state="archived")
    services.consent_withdraw(consent=given, by=editor, note="Pedido do titular.")
    flag = UseFlag.objects.get()
    assert flag.use.request_id == produced.pk and flag.reason == UseFlag.Reason.WITHDRAWN


@pytest.mark.parametrize("gone", ["cancelled", "taken_down", "expired", "no_evidence"])
def test_a_piece_no_longer_online_is_not_flagged(demo, editor, asset, produced, gone):
    """A published request whose piece was cancelled, taken down (publishing's evidence), came
    off by its scheduled expiry, or has no evidence of publication: nothing live to flag."""
    from publishing.models import Expiry, TakedownEvidence

    person = adult(editor)
    services.asset_tag(asset=asset, person=person, by=editor)
    given = consent(editor, person)
    services.asset_attach(asset=asset, request=produced, by=editor)
    _published(produced, demo)
    publication = produced.publications.get()
    if gone == "cancelled":
        produced.publications.update(cancelled_at=clock.now())
    elif gone == "taken_down":
        TakedownEvidence.objects.create(publication=publication, cause="blackout",
                                        mode="manual", status="done", done_at=clock.now())
    elif gone == "expired":
        Expiry.objects.create(publication=publication, unpublish_at=clock.now(),
                              done_at=clock.now())
    else:
        produced.publications.update(url="")
    assert services.live_uses().filter(request=produced).exists() is False
    services.consent_withdraw(consent=given, by=editor)
    assert not UseFlag.objects.exists()
