"""The whole lifecycle through HTTP as the four roles, plus the permission matrix of the URLs."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from approvals.compliance.services import warnings_override_all
from approvals.models import ApprovalStep, Decision
from audit.chain import verify_chain
from audit.models import AuditEvent
from org.models import Secretariat
from plans.models import Channel
from workflows.models import ContentRequest
from workflows.process import active_tasks


def tasks_of(request):
    """(node, owner) of the open viewflow tasks of the request."""
    return {(t.flow_task.name, t.owner.username if t.owner else None)
            for t in active_tasks(ContentRequest.objects.get(pk=request.pk))}

PNG = (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00"
       b"\x00\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N"
       b"\x00\x00\x00\x00IEND\xaeB`\x82")


def as_user(client, user):
    client.logout()
    client.force_login(user)
    return client


def post_ok(client, url, data=None, **extra):
    response = client.post(url, data or {}, **extra)
    assert response.status_code == 302, (url, response.status_code)
    follow = client.get(response["Location"])
    messages = [str(m) for m in follow.context["messages"]] if follow.context else []
    return follow, messages


def test_request_from_draft_to_published_over_http(client, demo):
    portal = Channel.objects.get(code="portal")
    saude = Secretariat.objects.get(acronym="SMS")
    desired = timezone.localdate() + timezone.timedelta(days=10)
    as_user(client, demo["ana.saude"])
    response = client.post("/requests/new/", {
        "secretariat": saude.pk, "kind": "news", "title": "Vacinação contra a gripe",
        "brief": "Campanha nas unidades básicas.", "desired_date": desired.isoformat(),
        "channels": [portal.pk], "priority": "normal", "submit": "1"})
    assert response.status_code == 302
    request = ContentRequest.objects.get(title="Vacinação contra a gripe")
    assert request.state == "submitted"
    assert request.due_date is not None
    assert tasks_of(request) == {("triage", None)}
    base = f"/requests/{request.pk}/"
    client.post(f"{base}attachments/", {
        "file": SimpleUploadedFile("foto.png", PNG, content_type="image/png"),
        "alt_text": "Enfermeira aplica vacina"})
    assert request.attachments.count() == 0  # requester can attach only in draft/needs_info

    as_user(client, demo["diego.editor"])
    assert request.title in client.get("/requests/?view=queue").content.decode()
    post_ok(client, f"{base}do/accept/")
    assert tasks_of(request) == {("production", "diego.editor")}
    post_ok(client, f"{base}text/{portal.pk}/", {"title": "Vacinação", "body": "Texto final."})
    _, msgs = post_ok(client, f"{base}attachments/", {
        "file": SimpleUploadedFile("foto.png", PNG, content_type="image/png"),
        "alt_text": "Enfermeira aplica vacina"})
    assert request.attachments.count() == 1, msgs
    post_ok(client, f"{base}do/send_to_review/")
    request.refresh_from_db()
    assert request.state == "in_review"
    assert {name for name, _owner in tasks_of(request)} == {"validation", "approval"}

    for username in ("ana.saude", "fernanda.chefe"):
        as_user(client, demo[username])
        mine = client.get("/requests/?view=mine").content.decode()
        assert request.title in mine, username
        step = next(s for s in ApprovalStep.objects.filter(request=request, status="pending")
                    if client.get(f"{base}steps/{s.pk}/").status_code == 200)
        post_ok(client, f"{base}steps/{step.pk}/", {"outcome": "approve"})
    request.refresh_from_db()
    assert request.state == "approved"
    assert tasks_of(request) == {("schedule", "diego.editor")}
    assert sorted((d.decided_by.username, d.outcome, d.step.status)
                  for d in Decision.objects.filter(step__request=request)) == [
        ("ana.saude", "approve", "approved"), ("fernanda.chefe", "approve", "approved")]

    warnings_override_all(request=request, by=demo["fernanda.chefe"], reason="Ciente.")
    as_user(client, demo["diego.editor"])
    pub = request.publications.get()
    when = (timezone.localtime() + timezone.timedelta(days=3)).strftime("%Y-%m-%dT%H:%M")
    post_ok(client, f"{base}do/schedule/", {f"pub_{pub.pk}": when})
    assert {name for name, _owner in tasks_of(request)} == {"publish"}
    post_ok(client, f"{base}do/publish/",
            {f"url_{pub.pk}": "https://valeverde.example.gov.br/noticias/vacina"})
    request.refresh_from_db()
    assert request.state == "published"
    pub.refresh_from_db()
    assert pub.url == "https://valeverde.example.gov.br/noticias/vacina" and pub.published_at
    assert tasks_of(request) == set()
    assert request.process.status == "DONE"

    as_user(client, demo["ana.saude"])
    post_ok(client, f"{base}do/rate/", {"rating": "4", "comment": "Bom"})
    page = client.get(base).content.decode()
    assert "Vacinação" in page
    verbs = list(AuditEvent.objects.filter(request=request).values_list("verb", flat=True))
    assert {"submit", "accept", "send_to_review", "decide", "approve", "schedule", "publish",
            "rate"} <= set(verbs)
    moves = [(e.actor.username if e.actor else None, e.to_state)
             for e in AuditEvent.objects.filter(request=request).exclude(to_state="")]
    assert moves == [("ana.saude", "draft"), ("ana.saude", "submitted"),
                     ("diego.editor", "in_production"), ("diego.editor", "in_review"),
                     ("fernanda.chefe", "approved"), ("diego.editor", "scheduled"),
                     ("diego.editor", "published")]
    request.refresh_from_db()
    assert request.rating == 4
    assert verify_chain() is None


def test_bad_upload_is_refused_with_a_message(client, demo):
    saude = Secretariat.objects.get(acronym="SMS")
    as_user(client, demo["ana.saude"])
    client.post("/requests/new/", {"secretariat": saude.pk, "kind": "news", "title": "Rascunho",
                                   "brief": "b", "priority": "normal"})
    request = ContentRequest.objects.get(title="Rascunho")
    _, msgs = post_ok(client, f"/requests/{request.pk}/attachments/", {
        "file": SimpleUploadedFile("foto.png", b"<svg onload=alert(1)>", content_type="image/png")})
    assert request.attachments.count() == 0
    assert any("não é aceito" in m or "not accepted" in m for m in msgs), msgs


@pytest.fixture
def health_request(demo):
    from workflows import services

    return services.request_create(by=demo["ana.saude"], secretariat=Secretariat.objects.get(
        acronym="SMS"), kind="news", title="Pedido da Saúde", brief="b")


# Every URL with real texts, steps and attachments behind it: test_url_permissions.py (the ids
# used here before, text/1/ and steps/1/, answered 404 to everybody, so they proved nothing).


@pytest.mark.parametrize("action", ["submit", "withdraw", "accept", "comment", "rate"])
def test_other_secretariat_cannot_post_actions(client, demo, health_request, action):
    as_user(client, demo["bruno.educacao"])
    response = client.post(f"/requests/{health_request.pk}/do/{action}/", {"body": "x"})
    assert response.status_code == 404
    assert ContentRequest.objects.get(pk=health_request.pk).state == "draft"


def test_other_secretariat_does_not_see_it_in_lists(client, demo, health_request):
    as_user(client, demo["bruno.educacao"])
    for view in ("mine", "queue", "secretariat", "all"):
        assert "Pedido da Saúde" not in client.get(f"/requests/?view={view}").content.decode()


def test_editor_cannot_decide_approval(client, demo, health_request):
    from workflows import services

    request = services.request_submit(request=health_request, by=demo["ana.saude"])
    request = services.request_accept(request=request, by=demo["diego.editor"])
    services.publication_save(request=request, by=demo["diego.editor"],
                              channel=Channel.objects.get(code="portal"), title="t", body="b")
    services.request_send_to_review(request=request, by=demo["diego.editor"])
    as_user(client, demo["diego.editor"])
    for step in ApprovalStep.objects.filter(request=request):
        assert client.get(f"/requests/{request.pk}/steps/{step.pk}/").status_code == 403
        assert client.post(f"/requests/{request.pk}/steps/{step.pk}/",
                           {"outcome": "approve"}).status_code == 403
    assert ContentRequest.objects.get(pk=request.pk).state == "in_review"


def test_list_query_count_does_not_grow_with_rows(client, demo, django_assert_max_num_queries):
    from workflows.tests.factories import ContentRequestFactory

    saude = Secretariat.objects.get(acronym="SMS")
    portal = Channel.objects.get(code="portal")
    for _ in range(30):
        ContentRequestFactory(secretariat=saude, requester=demo["ana.saude"]).channels.add(portal)
    as_user(client, demo["fernanda.chefe"])
    with django_assert_max_num_queries(14):
        response = client.get("/requests/?view=all")
    assert response.status_code == 200
    assert response.context["page"].paginator.count == 30
