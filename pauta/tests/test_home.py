"""The home page tells each role what needs them now, with real counts."""

from django.utils import translation

from approvals.models import ApprovalStep
from org.models import Secretariat
from plans.models import Channel
from workflows import services


def home(client, user):
    client.force_login(user)
    with translation.override("en"):
        response = client.get("/", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    return response


def test_counts_follow_the_waiting_work_of_each_role(client, demo):
    for user in demo.values():  # English pages whatever the profile says
        user.language = "en"
        user.save(update_fields=["language"])
    saude = Secretariat.objects.get(acronym="SMS")
    portal = Channel.objects.get(code="portal")
    ana, diego = demo["ana.saude"], demo["diego.editor"]
    assert home(client, demo["fernanda.chefe"]).context["counts"]["mine"] == 0
    before = home(client, diego).context["counts"]["queue"]

    waiting = services.request_create(by=ana, secretariat=saude, kind="news", title="Fila",
                                      brief="b", channels=[portal])
    services.request_submit(request=waiting, by=ana)
    reviewed = services.request_create(by=ana, secretariat=saude, kind="news", title="Revisão",
                                       brief="b", channels=[portal])
    reviewed = services.request_submit(request=reviewed, by=ana)
    reviewed = services.request_accept(request=reviewed, by=diego)
    services.publication_save(request=reviewed, by=diego, channel=portal, title="t", body="b")
    services.request_send_to_review(request=reviewed, by=diego)
    assert ApprovalStep.objects.filter(request=reviewed, status="pending").count() == 2

    editor = home(client, diego)
    assert editor.context["counts"]["queue"] == before + 1
    assert "request to triage in the team queue" in editor.content.decode()
    approver = home(client, demo["fernanda.chefe"])
    assert approver.context["counts"]["mine"] == 1
    assert 'id="role-approver"' in approver.content.decode()
    assert "1 task waiting for you" in approver.content.decode()
    requester = home(client, ana)
    assert requester.context["counts"]["mine"] == 1  # validating the final text
    assert 'id="role-requester"' in requester.content.decode()
    other = home(client, demo["bruno.educacao"])
    assert other.context["counts"]["mine"] == 0
    for username, section in (("helena.gestora", "manager"), ("igor.auditor", "auditor"),
                              ("gustavo.juridico", "legal_reviewer")):
        assert f'id="role-{section}"' in home(client, demo[username]).content.decode()
