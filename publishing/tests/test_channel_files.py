"""Per channel, which of the request's files go with its text: recorded in every revision,
sealed per channel and verified like the text."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from approvals.compliance.services import warnings_override_all
from plans.models import Channel
from publishing import content as contents
from publishing.models import Revision, Seal
from publishing.revisions import revision_restore
from publishing.tests.helpers import TITLE, decide_all, in_production, when
from workflows import services
from workflows.errors import TransitionRefused
from workflows.models import ContentRequest, Publication

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def attach(demo, request, name, extra=b""):
    return services.attachment_add(
        request=request, by=demo["diego.editor"], alt_text="",
        uploaded=SimpleUploadedFile(name, PDF + extra, content_type="application/pdf"))


def save(demo, request, channel="portal", body="Vacine-se.", **kwargs):
    return services.publication_save(request=request, by=demo["diego.editor"],
                                     channel=Channel.objects.get(code=channel), title=TITLE,
                                     body=body, **kwargs)


@pytest.fixture
def two_files(demo):
    request = in_production(demo, channels=("portal", "instagram"))
    first, second = attach(demo, request, "edital.pdf"), attach(demo, request, "mapa.pdf", b"2")
    return request, first, second


def test_chosen_files_are_the_revisions_files(demo, two_files):
    request, first, second = two_files
    portal = save(demo, request, attachments=[second])
    instagram = save(demo, request, channel="instagram")  # no choice: every file
    assert [f["name"] for f in portal.revisions.get().attachments] == ["mapa.pdf"]
    assert portal.revisions.get().attachments[0]["sha256"] == contents.file_hash(second)
    assert [f["name"] for f in instagram.revisions.get().attachments] == ["edital.pdf",
                                                                          "mapa.pdf"]
    # Saving again without a choice keeps the channel's choice.
    portal = save(demo, request, body="Vacine-se já.")
    assert [f["name"] for f in portal.revisions.order_by("-number")[0].attachments] == [
        "mapa.pdf"]
    # Choosing every file means "all": a file attached later goes too.
    portal = save(demo, request, attachments=[first.pk, second.pk])
    assert portal.all_files
    attach(demo, request, "novo.pdf", b"3")
    assert [a.original_name for a in Publication.objects.get(pk=portal.pk).files()] == [
        "edital.pdf", "mapa.pdf", "novo.pdf"]
    # None at all is a choice too (a radio spot).
    portal = save(demo, request, attachments=[])
    assert list(portal.files()) == []
    assert portal.revisions.order_by("-number")[0].attachments == []


def test_another_requests_file_is_refused_and_nothing_saved(demo, two_files):
    request, first, _second = two_files
    other = in_production(demo)
    foreign = attach(demo, other, "alheio.pdf")
    save(demo, request, attachments=[first])
    with pytest.raises(TransitionRefused) as refused:
        save(demo, request, body="Outro texto.", attachments=[first.pk, foreign.pk])
    assert "attachments" in refused.value.message_dict
    publication = Publication.objects.get(request=request, channel__code="portal")
    assert publication.body == "Vacine-se." and list(publication.files()) == [first]
    assert publication.revisions.count() == 1


def test_text_page_chooses_files_and_refuses_a_forged_id(demo, client, two_files):
    request, first, second = two_files
    other = in_production(demo)
    foreign = attach(demo, other, "alheio.pdf")
    portal = Channel.objects.get(code="portal")
    url = f"/requests/{request.pk}/text/{portal.pk}/"
    client.force_login(demo["diego.editor"])
    page = client.get(url).content.decode()
    assert page.count('name="attachments"') == 2 and page.count("checked") >= 2  # all, default
    data = {"title": TITLE, "body": "Vacine-se.", "excerpt": "", "version": 0}
    answer = client.post(url, {**data, "attachments": [first.pk, foreign.pk]})
    assert answer.status_code == 200
    assert not Publication.objects.filter(request=request).exists()
    answer = client.post(url, {**data, "attachments": [second.pk]})
    assert answer.status_code == 302
    publication = Publication.objects.get(request=request, channel=portal)
    assert [f["name"] for f in publication.revisions.get().attachments] == ["mapa.pdf"]
    detail = client.get(f"/requests/{request.pk}/").content.decode()
    assert "mapa.pdf" in detail.split("channel-files")[1].split("</p>")[0]
    assert "edital.pdf" not in detail.split("channel-files")[1].split("</p>")[0]


def test_api_text_takes_the_chosen_files(demo, two_files):
    from rest_framework.test import APIClient

    request, first, _second = two_files
    foreign = attach(demo, in_production(demo), "alheio.pdf")
    api = APIClient()
    api.force_authenticate(demo["diego.editor"])
    url = f"/api/v1/requests/{request.pk}/texts/"
    answer = api.post(url, {"channel": "portal", "title": TITLE, "body": "Vacine-se.",
                            "attachments": [foreign.pk]}, format="json")
    assert answer.status_code == 400, answer.json()
    assert "attachments" in str(answer.json())
    assert not Publication.objects.filter(request=request).exists()
    answer = api.post(url, {"channel": "portal", "title": TITLE, "body": "Vacine-se.",
                            "attachments": [first.pk]}, format="json")
    assert answer.status_code == 200
    assert list(Publication.objects.get(request=request).files()) == [first]


def approved_with_choice(demo, two_files):
    request, first, second = two_files
    save(demo, request, attachments=[first])
    save(demo, request, channel="instagram")
    request = services.request_send_to_review(request=request, by=demo["diego.editor"])
    request = decide_all(demo, request)
    assert request.state == "approved"
    warnings_override_all(request=request, by=demo["fernanda.chefe"], reason="Ciente.")
    return request


def test_seal_is_per_channel_and_breaks_when_a_channels_files_change(demo, two_files):
    _request, first, second = two_files
    request = approved_with_choice(demo, two_files)
    sealed = Seal.objects.get(request=request).content["channels"]
    assert [f["name"] for f in sealed["portal"]["attachments"]] == ["edital.pdf"]
    assert [f["name"] for f in sealed["instagram"]["attachments"]] == ["edital.pdf",
                                                                       "mapa.pdf"]
    # The file taken off the channel behind the lifecycle's back: the seal notices.
    portal = Publication.objects.get(request=request, channel__code="portal")
    portal.attachments.set([second])
    pubs = {p.pk: when() for p in request.publications.all()}
    with pytest.raises(TransitionRefused, match="selo|seal"):
        services.request_schedule(request=request, by=demo["diego.editor"], when=pubs)
    request = ContentRequest.objects.get(pk=request.pk)
    assert request.state == "in_review"
    found = Seal.objects.get(request=request).found["channels"]["portal"]["attachments"]
    assert [f["name"] for f in found] == ["mapa.pdf"]


def test_unchanged_choice_keeps_the_seal(demo, two_files):
    request = approved_with_choice(demo, two_files)
    request = services.request_schedule(request=request, by=demo["diego.editor"],
                                        when={p.pk: when() for p in request.publications.all()})
    assert request.state == "scheduled"
    assert Seal.objects.get(request=request).broken_at is None


def test_decide_page_shows_each_channels_files(demo, client, two_files):
    request, _first, _second = two_files
    save(demo, request, attachments=[_second])
    services.request_send_to_review(request=request, by=demo["diego.editor"])
    step = request.approval_steps.filter(status="pending").order_by("stage").first()
    client.force_login(demo["ana.saude"])
    page = client.get(f"/requests/{request.pk}/steps/{step.pk}/").content.decode()
    files = page.split("channel-files")
    assert len(files) == 2  # one line per channel with a text (instagram has none yet)
    assert "mapa.pdf" in files[1] and "edital.pdf" not in files[1].split("</p>")[0]


def test_restore_brings_back_the_revisions_files(demo, two_files):
    request, first, second = two_files
    save(demo, request, attachments=[first])
    publication = save(demo, request, attachments=[second])
    revision_restore(revision=Revision.objects.get(publication=publication, number=1),
                     by=demo["diego.editor"])
    publication = Publication.objects.get(pk=publication.pk)
    assert list(publication.files()) == [first]
    assert [f["name"] for f in publication.revisions.order_by("-number")[0].attachments] == [
        "edital.pdf"]
