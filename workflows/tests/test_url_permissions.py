"""Permissions tried through every URL of the request pages, with real objects behind them.

* A requester of another secretariat gets 404 on every URL (GET and POST) of a request,
  its texts, steps and attachments, and nothing changes.
* In every state, every role posting every action (with valid form data) can only make the
  moves the lifecycle allows that role from that state: nobody skips a state, an editor
  never approves, manager and auditor change nothing.

The URL list is read from ``workflows.urls``: a new URL without a case here fails the test.
"""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone

from approvals.compliance.services import warnings_override_all
from approvals.models import ApprovalStep, Decision, RejectionReason
from approvals.services import step_decide
from audit.models import AuditEvent
from org.models import Secretariat
from pauta import txmemo
from plans.models import Channel
from workflows import services, urls, views
from workflows.models import Comment, ContentRequest, Publication
from workflows.permissions import can_decide_step
from workflows.tests.test_http_flow import PNG

REQUESTER, OTHER = "ana.saude", "bruno.educacao"
EDITOR, OTHER_EDITOR = "diego.editor", "elisa.editora"
PEOPLE = [REQUESTER, OTHER, EDITOR, OTHER_EDITOR, "fernanda.chefe", "gustavo.juridico",
          "helena.gestora", "igor.auditor"]
WITHDRAWABLE = ["draft", "submitted", "needs_info", "in_production", "in_review", "approved",
                "scheduled"]
# The only state changes each person may cause through the action URLs (DESIGN.md lifecycle).
EDITOR_MOVES = {("submitted", "in_production"), ("submitted", "needs_info"),
                ("submitted", "rejected"), ("approved", "scheduled"),
                ("scheduled", "published"), ("published", "archived")}
ALLOWED = {
    REQUESTER: {("draft", "submitted"), ("needs_info", "submitted")}
    | {(state, "withdrawn") for state in WITHDRAWABLE},
    EDITOR: EDITOR_MOVES | {("in_production", "in_review")},  # the assigned editor
    OTHER_EDITOR: EDITOR_MOVES,
}
STATES = ["draft", "submitted", "needs_info", "in_production", "in_review", "approved",
          "scheduled", "published"]


def build(demo, state: str) -> ContentRequest:
    """A request of Saúde in ``state``, with a text, an attachment and (from review) steps."""
    ana, diego = demo[REQUESTER], demo[EDITOR]
    portal = Channel.objects.get(code="portal")
    request = services.request_create(
        by=ana, secretariat=Secretariat.objects.get(acronym="SMS"), kind="news",
        title=f"Pedido em {state}", brief="b", channels=[portal])
    services.attachment_add(request=request, by=ana,
                            alt_text="Enfermeira vacina um idoso no posto de saúde",
                            uploaded=SimpleUploadedFile("foto.png", PNG))
    if state == "draft":
        return request
    request = services.request_submit(request=request, by=ana)
    if state == "submitted":
        return request
    if state == "needs_info":
        return services.request_return_for_info(request=request, by=diego, question="Onde?")
    request = services.request_accept(request=request, by=diego)
    services.publication_save(request=request, by=diego, channel=portal, title="t", body="b")
    if state == "in_production":
        return request
    request = services.request_send_to_review(request=request, by=diego)
    if state == "in_review":
        return request
    while request.state == "in_review":
        step = ApprovalStep.objects.filter(request=request, status="pending").first()
        decider = next(u for u in demo.values() if can_decide_step(u, step))
        step_decide(step=step, by=decider, outcome="approve")
        request = ContentRequest.objects.get(pk=request.pk)
    if state == "approved":
        return request
    # The compliance gate: an approver accepts the open warnings in writing before scheduling.
    warnings_override_all(request=request, by=demo["fernanda.chefe"], reason="Ciente.")
    when = timezone.now() + timezone.timedelta(days=5)
    request = services.request_schedule(request=request, by=diego,
                                        when={p.pk: when for p in request.publications.all()})
    if state == "scheduled":
        return request
    return services.request_publish(request=request, by=diego, urls={
        p.pk: f"https://valeverde.example/n/{p.pk}" for p in request.publications.all()})


def action_data(request) -> dict:
    """Valid data for every action's form, so a refusal comes from the rules, not the form."""
    when = (timezone.localtime() + timezone.timedelta(days=3)).strftime("%Y-%m-%dT%H:%M")
    data = {"question": "Onde?", "answer": "Aqui.", "comment": "ok", "body": "Comentário",
            "rating": "5", "reason": RejectionReason.objects.get(code="out_of_scope").pk,
            "title": "Título", "outcome": "approve",
            "assignee": ContentRequest.objects.get(pk=request.pk).requester_id}
    data.update({f"pub_{pub.pk}": when for pub in Publication.objects.filter(request=request)})
    return data


def every_url(request) -> list[tuple[str, str]]:
    """(name, url) of every request URL, filled with this request's real objects."""
    portal = Channel.objects.get(code="portal")
    step = ApprovalStep.objects.filter(request=request).first()
    kwargs = {"pk": request.pk, "channel_pk": portal.pk,
              "attachment_pk": request.attachments.get().pk,
              "step_pk": step.pk if step else None}
    found = []
    for pattern in urls.urlpatterns:
        params = list(pattern.pattern.converters)
        if not params:
            continue  # list and create: tested apart, they take no request
        if "action" in params:
            for action in views.ACTIONS:
                found.append((f"action:{action}", f"/requests/{request.pk}/do/{action}/"))
            continue
        missing = [p for p in params if p not in kwargs]
        assert not missing, f"URL {pattern.name} needs a case in this test: {missing}"
        if any(kwargs[p] is None for p in params):
            continue
        route = str(pattern.pattern)
        for param in params:
            route = route.replace(f"<int:{param}>", str(kwargs[param]))
        found.append((pattern.name, f"/requests/{route}"))
    return found


def snapshot(request) -> tuple:
    return (ContentRequest.objects.get(pk=request.pk).state,
            AuditEvent.objects.filter(request=request).count(),
            Decision.objects.filter(step__request=request).count(),
            Comment.objects.filter(request=request).count(),
            request.attachments.count(),
            list(Publication.objects.filter(request=request).values_list("body", "scheduled_at")))


@pytest.mark.parametrize("state", ["draft", "in_review", "published"])
def test_other_secretariat_gets_404_on_every_url_and_method(client, demo, state):
    request = build(demo, state)
    before = snapshot(request)
    client.force_login(demo[OTHER])
    tried = set()
    for name, url in every_url(request):
        tried.add(name.split(":")[0])
        assert client.get(url).status_code in (404, 405), url
        data = action_data(request)
        data["file"] = SimpleUploadedFile("foto.png", PNG)
        assert client.post(url, data).status_code == 404, url
    expected = {"detail", "edit", "action", "publication", "attach", "attachment"}
    if state != "draft":
        expected.add("decide")
    assert tried == expected
    assert snapshot(request) == before


def test_other_secretariat_sees_nothing_in_lists_and_cannot_file_for_it(client, demo):
    request = build(demo, "in_review")
    client.force_login(demo[OTHER])
    for view in ("mine", "queue", "secretariat", "all"):
        page = client.get(f"/requests/?view={view}&q={request.pk}")
        assert page.status_code == 200
        assert list(page.context["page"]) == [], view
    count = ContentRequest.objects.count()
    response = client.post("/requests/new/", {
        "secretariat": request.secretariat_id, "kind": "news", "title": "Intruso", "brief": "b",
        "priority": "normal", "submit": "1"})
    assert response.status_code == 200 and "secretariat" in response.context["form"].errors
    assert ContentRequest.objects.count() == count


def attempt(client, user, url, data) -> tuple[int, str]:
    """Post as ``user`` inside a savepoint that is rolled back: every attempt starts equal."""
    savepoint = transaction.savepoint()
    try:
        client.force_login(user)
        status = client.post(url, data).status_code
        return status, ContentRequest.objects.get(pk=int(url.split("/")[2])).state
    finally:
        transaction.savepoint_rollback(savepoint)
        txmemo.forget_all()  # a hand-made savepoint: see pauta.txmemo
        client.logout()


@pytest.mark.parametrize("state", STATES)
def test_nobody_skips_a_state_or_acts_outside_their_role(client, demo, state):
    request = build(demo, state)
    data = action_data(request)
    moves = set()
    for username in PEOPLE:
        for action in views.ACTIONS:
            status, after = attempt(client, demo[username],
                                    f"/requests/{request.pk}/do/{action}/", data)
            assert status in (302, 403, 404), (username, action, status)
            if after != state:
                assert (state, after) in ALLOWED.get(username, set()), (username, action, after)
                moves.add((username, after))
    assert ContentRequest.objects.get(pk=request.pk).state == state
    # The allowed moves are really possible (the matrix is not passing by refusing everything).
    if state == "draft":
        assert moves == {(REQUESTER, "submitted"), (REQUESTER, "withdrawn")}
    if state == "submitted":
        assert {(EDITOR, "in_production"), (EDITOR, "needs_info"), (EDITOR, "rejected"),
                (REQUESTER, "withdrawn")} <= moves
    if state == "in_production":
        assert moves == {(EDITOR, "in_review"), (REQUESTER, "withdrawn")}
    if state == "in_review":
        assert moves == {(REQUESTER, "withdrawn")}  # only decisions move it on
    if state == "published":
        assert moves == {(EDITOR, "archived"), (OTHER_EDITOR, "archived")}


def test_only_the_deciders_of_a_step_can_decide_it(client, demo):
    request = build(demo, "in_review")
    steps = {s.approvers: s for s in ApprovalStep.objects.filter(request=request,
                                                                 status="pending")}
    deciders = {"secretariat": {REQUESTER}, "group": {"fernanda.chefe"}}
    for kind, step in steps.items():
        url = f"/requests/{request.pk}/steps/{step.pk}/"
        for username in PEOPLE:
            savepoint = transaction.savepoint()
            try:
                client.force_login(demo[username])
                status = client.post(url, {"outcome": "approve"}).status_code
                decided = Decision.objects.filter(step=step).exists()
            finally:
                transaction.savepoint_rollback(savepoint)
                txmemo.forget_all()  # a hand-made savepoint: see pauta.txmemo
            if username in deciders[kind]:
                assert (status, decided) == (302, True), (kind, username)
            else:
                assert status in (403, 404) and not decided, (kind, username, status)
    assert set(steps) == {"secretariat", "group"}
    assert ContentRequest.objects.get(pk=request.pk).state == "in_review"
