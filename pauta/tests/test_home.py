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
    # The demo's press answers waiting for the head of communication are tasks of hers too
    # (listed in "My tasks" among the decisions, so counted).
    chief_before = home(client, demo["fernanda.chefe"]).context["counts"]["mine"]
    before = home(client, diego).context["counts"]["queue"]
    # ana.saude's: the demo's press questions for her secretariat ("My tasks" lists them).
    ana_before = home(client, ana).context["counts"]["mine"]
    other_before = home(client, demo["bruno.educacao"]).context["counts"]["mine"]

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
    assert approver.context["counts"]["mine"] == chief_before + 1
    assert 'id="role-approver"' in approver.content.decode()
    assert f"{chief_before + 1} tasks waiting for you" in approver.content.decode()
    requester = home(client, ana)
    assert requester.context["counts"]["mine"] == ana_before + 1  # validating the final text
    assert 'id="role-requester"' in requester.content.decode()
    other = home(client, demo["bruno.educacao"])
    assert other.context["counts"]["mine"] == other_before  # SMS's work is not his
    for username, section in (("helena.gestora", "manager"), ("igor.auditor", "auditor"),
                              ("gustavo.juridico", "legal_reviewer")):
        assert f'id="role-{section}"' in home(client, demo[username]).content.decode()


def test_home_sections_per_role_with_a_bounded_number_of_queries(client, demo,
                                                               django_assert_max_num_queries):
    from workflows.tests.factories import ContentRequestFactory

    saude = Secretariat.objects.get(acronym="SMS")
    for _ in range(12):  # more work than a section lists
        ContentRequestFactory(secretariat=saude, requester=demo["ana.saude"], state="published")
    expected = {"ana.saude": "requester", "diego.editor": "editor",
                "fernanda.chefe": "approver", "gustavo.juridico": "legal_reviewer",
                "helena.gestora": "manager", "igor.auditor": "auditor", "admin": "admin"}
    for username, role in expected.items():
        client.force_login(demo[username])
        with django_assert_max_num_queries(30):
            response = client.get("/")
        html = response.content.decode()
        assert f'data-role="{role}"' in html, username
    client.force_login(demo["ana.saude"])
    sections = client.get("/").context["sections"]
    requester = next(s for s in sections if s["role"].key == "requester")
    assert 0 < len(requester["to_rate"]) <= 5  # published and not rated, capped
    client.force_login(demo["fernanda.chefe"])
    approver = next(s for s in client.get("/").context["sections"]
                    if s["role"].key == "approver")
    created = [d.since for d in approver["decisions"]]  # requests and campaigns alike
    assert created == sorted(created)  # oldest first
