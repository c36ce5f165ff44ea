"""Sealed approval: the approved content is hashed into the audit trail and verified before
scheduling and publishing; a difference sends the request back to review with the diff."""

import pytest

from audit.chain import verify_chain
from audit.models import AuditEvent
from publishing import content as contents
from publishing.models import Seal
from publishing.revisions import changes_since_last_round
from publishing.tests.helpers import approved, decide_all, when
from workflows import services
from workflows.errors import TransitionRefused
from workflows.models import ContentRequest, Publication


def test_approval_seals_the_content_into_the_audit(demo):
    request = approved(demo)
    seal = Seal.objects.get(request=request)
    assert seal.digest == contents.digest(contents.request_content(request))
    assert seal.content["channels"]["portal"]["body"] == "Vacine-se nas unidades de saúde."
    event = AuditEvent.objects.get(request=request, verb="approval_seal")
    assert event.payload["digest"] == seal.digest
    assert {a["name"] for a in seal.approvers} == {str(demo["ana.saude"]),
                                                   str(demo["fernanda.chefe"])}
    assert verify_chain() is None


def test_unchanged_content_schedules_and_publishes(demo):
    request = approved(demo)
    request = services.request_schedule(request=request, by=demo["diego.editor"],
                                        when={p.pk: when() for p in request.publications.all()})
    assert request.state == "scheduled"
    request = services.request_publish(request=request, by=demo["diego.editor"],
                                       urls={p.pk: "https://valeverde.example/n/1"
                                             for p in request.publications.all()})
    assert request.state == "published"
    assert Seal.objects.get(request=request).broken_at is None


@pytest.mark.parametrize("stage", ["schedule", "publish"])
def test_changed_text_goes_back_to_review_with_the_diff(demo, stage):
    request = approved(demo)
    pubs = {p.pk: when() for p in request.publications.all()}
    if stage == "publish":
        request = services.request_schedule(request=request, by=demo["diego.editor"], when=pubs)
    # Changed behind the lifecycle's back (the admin, the database): the seal notices.
    Publication.objects.filter(request=request).update(body="Vacine-se com o prefeito.")
    with pytest.raises(TransitionRefused, match="selo|seal"):
        if stage == "schedule":
            services.request_schedule(request=request, by=demo["diego.editor"], when=pubs)
        else:
            services.request_publish(request=request, by=demo["diego.editor"],
                                     urls=dict.fromkeys(pubs, "https://valeverde.example/n/1"))
    request = ContentRequest.objects.get(pk=request.pk)
    assert request.state == "in_review" and request.review_round == 2
    assert request.approval_steps.filter(review_round=2, status="pending").exists()
    seal = Seal.objects.get(request=request)
    assert seal.broken_at is not None
    assert AuditEvent.objects.filter(request=request, verb="reopen_review").exists()
    changes = changes_since_last_round(request)
    assert changes["since"] == "seal"
    (body,) = [c for c in changes["channels"][0]["changes"] if c["field"] == "body"]
    assert ("insert", "com o prefeito") in body["segments"]
    # The process follows: the new round's decisions are open tasks again.
    from workflows.process import active_tasks

    assert {t.flow_task.name for t in active_tasks(request)} & {"validation", "approval"}
    # Approved again, the new content gets its own seal and goes out.
    request = decide_all(demo, request)
    assert request.state == "approved"
    assert Seal.objects.filter(request=request).count() == 2
    assert Seal.objects.filter(request=request).first().broken_at is None


def test_changed_file_breaks_the_seal(demo):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from publishing.tests.helpers import in_production, save_text

    request = in_production(demo)
    png = (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06"
           b"\x00\x00\x00\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00"
           b"\x05\x18\xd8N\x00\x00\x00\x00IEND\xaeB`\x82")
    attachment = services.attachment_add(
        request=request, by=demo["diego.editor"], alt_text="Cartaz",
        uploaded=SimpleUploadedFile("cartaz.png", png, content_type="image/png"))
    save_text(demo, request, "Vacine-se.")
    request = services.request_send_to_review(request=request, by=demo["diego.editor"])
    request = decide_all(demo, request)
    assert request.state == "approved"
    sealed = Seal.objects.get(request=request).content["channels"]["portal"]["attachments"]
    assert sealed[0]["sha256"] == contents.file_hash(attachment)
    with attachment.file.open("ab") as handle:
        handle.write(b"trocado")
    from approvals.compliance.services import warnings_override_all

    warnings_override_all(request=request, by=demo["fernanda.chefe"], reason="Ciente.")
    with pytest.raises(TransitionRefused):
        services.request_schedule(request=request, by=demo["diego.editor"],
                                  when={p.pk: when() for p in request.publications.all()})
    assert ContentRequest.objects.get(pk=request.pk).state == "in_review"


def test_timer_publication_with_broken_seal_is_not_published(demo):
    request = approved(demo)
    request = services.request_schedule(request=request, by=demo["diego.editor"],
                                        when={p.pk: when() for p in request.publications.all()})
    Publication.objects.filter(request=request).update(title="Outro título")
    from pauta import clock

    with clock.travel(when(3)):
        assert services.publish_due_requests() == 0
    assert ContentRequest.objects.get(pk=request.pk).state == "in_review"


def test_request_page_shows_the_seal_and_who_approved(demo, client):
    request = approved(demo)
    seal = Seal.objects.get(request=request)
    client.force_login(demo["ana.saude"])
    page = client.get(f"/requests/{request.pk}/").content.decode()
    assert seal.digest in page
    assert str(demo["fernanda.chefe"]) in page
