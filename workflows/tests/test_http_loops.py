"""Through HTTP: the needs-information loop, the request-changes loop, rejection by a decision
and at triage, and withdrawal — each checked in states, tasks, decisions and the audit trail."""

from approvals.models import ApprovalStep, Decision, RejectionReason
from audit.chain import verify_chain
from audit.models import AuditEvent
from org.models import Secretariat
from plans.models import Channel
from workflows.models import ContentRequest
from workflows.tests.test_http_flow import as_user, post_ok, tasks_of


def file_request(client, demo, title):
    portal = Channel.objects.get(code="portal")
    as_user(client, demo["ana.saude"])
    client.post("/requests/new/", {
        "secretariat": Secretariat.objects.get(acronym="SMS").pk, "kind": "news",
        "title": title, "brief": "b", "channels": [portal.pk], "priority": "normal",
        "submit": "1"})
    return ContentRequest.objects.get(title=title)


def state(request):
    return ContentRequest.objects.get(pk=request.pk).state


def produce_and_send(client, demo, request):
    base = f"/requests/{request.pk}/"
    as_user(client, demo["diego.editor"])
    if state(request) == "submitted":
        post_ok(client, f"{base}do/accept/")
    portal = Channel.objects.get(code="portal")
    post_ok(client, f"{base}text/{portal.pk}/", {"title": "T", "body": "Texto."})
    post_ok(client, f"{base}do/send_to_review/")
    assert state(request) == "in_review"


def step_url(client, demo, request, username):
    as_user(client, demo[username])
    base = f"/requests/{request.pk}/"
    step = next(s for s in ApprovalStep.objects.filter(request=request, status="pending")
                if client.get(f"{base}steps/{s.pk}/").status_code == 200)
    return f"{base}steps/{step.pk}/"


def decide(client, demo, request, username, data):
    return post_ok(client, step_url(client, demo, request, username), data)


def moves(request):
    return [e.to_state for e in AuditEvent.objects.filter(request=request).exclude(to_state="")]


def test_needs_info_then_changes_requested_then_rejected(client, demo):
    request = file_request(client, demo, "Feira de saúde")
    base = f"/requests/{request.pk}/"
    as_user(client, demo["diego.editor"])
    post_ok(client, f"{base}do/return_for_info/", {"question": "Qual o endereço?"})
    assert state(request) == "needs_info"
    assert tasks_of(request) == {("info", "ana.saude")}
    as_user(client, demo["ana.saude"])
    assert "Qual o endereço?" in client.get(base).content.decode()
    post_ok(client, f"{base}do/answer_info/", {"answer": "Praça central."})
    assert state(request) == "submitted"
    assert tasks_of(request) == {("triage", None)}

    produce_and_send(client, demo, request)
    refused = client.post(step_url(client, demo, request, "fernanda.chefe"),
                          {"outcome": "request_changes", "comment": ""},
                          HTTP_ACCEPT_LANGUAGE="en")
    assert refused.status_code == 200  # a change request needs its comment
    assert "Explain what must change" in refused.content.decode()
    assert state(request) == "in_review"
    assert not Decision.objects.filter(step__request=request).exists()  # the demo has its own
    decide(client, demo, request, "fernanda.chefe",
           {"outcome": "request_changes", "comment": "Trocar a foto."})
    assert state(request) == "in_production"
    assert tasks_of(request) == {("production", "diego.editor")}
    assert not ApprovalStep.objects.filter(request=request, status="pending").exists()

    produce_and_send(client, demo, request)
    assert ContentRequest.objects.get(pk=request.pk).review_round == 2
    reason = RejectionReason.objects.get(code="promotion")
    decide(client, demo, request, "fernanda.chefe",
           {"outcome": "reject", "reason": reason.pk, "comment": "Promoção pessoal."})
    request = ContentRequest.objects.get(pk=request.pk)
    assert request.state == "rejected" and request.rejection_reason == "promotion"
    assert tasks_of(request) == set()
    assert [(d.step.review_round, d.outcome) for d in
            Decision.objects.filter(step__request=request).order_by("pk")] == [
        (1, "request_changes"), (2, "reject")]
    assert moves(request) == ["draft", "submitted", "needs_info", "submitted", "in_production",
                              "in_review", "in_production", "in_review", "rejected"]
    assert verify_chain() is None


def test_rejection_at_triage_and_withdrawal(client, demo):
    rejected = file_request(client, demo, "Fora do escopo")
    as_user(client, demo["diego.editor"])
    reason = RejectionReason.objects.get(code="out_of_scope")
    post_ok(client, f"/requests/{rejected.pk}/do/reject/", {"reason": reason.pk,
                                                            "comment": "Não é conosco."})
    assert state(rejected) == "rejected" and tasks_of(rejected) == set()

    withdrawn = file_request(client, demo, "Desistência")
    produce_and_send(client, demo, withdrawn)
    as_user(client, demo["ana.saude"])
    post_ok(client, f"/requests/{withdrawn.pk}/do/withdraw/")
    assert state(withdrawn) == "withdrawn"
    assert tasks_of(withdrawn) == set()
    assert ContentRequest.objects.get(pk=withdrawn.pk).process.status in ("DONE", "CANCELED")
    assert all(p.cancelled_at for p in withdrawn.publications.all())
    assert moves(withdrawn)[-1] == "withdrawn"
    # Withdrawn is final: nothing moves it again, not even its requester.
    post_ok(client, f"/requests/{withdrawn.pk}/do/withdraw/")
    post_ok(client, f"/requests/{withdrawn.pk}/do/submit/")
    assert state(withdrawn) == "withdrawn"


def test_an_editor_assigns_the_request_to_a_colleague(client, demo):
    request = file_request(client, demo, "Para a Elisa")
    base = f"/requests/{request.pk}/"
    as_user(client, demo["diego.editor"])
    post_ok(client, f"{base}do/accept/")
    assert "Assign to an editor" in client.get(base, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    _, msgs = post_ok(client, f"{base}do/assign/", {"assignee": demo["ana.saude"].pk})
    assert ContentRequest.objects.get(pk=request.pk).assignee == demo["diego.editor"]
    post_ok(client, f"{base}do/assign/", {"assignee": demo["elisa.editora"].pk})
    request = ContentRequest.objects.get(pk=request.pk)
    assert request.assignee == demo["elisa.editora"]
    assert tasks_of(request) == {("production", "elisa.editora")}
    assert list(request.assignments.values_list("user__username", flat=True)) == [
        "elisa.editora", "diego.editor"]
    as_user(client, demo["ana.saude"])
    client.post(f"{base}do/assign/", {"assignee": demo["ana.saude"].pk})
    assert ContentRequest.objects.get(pk=request.pk).assignee == demo["elisa.editora"]
