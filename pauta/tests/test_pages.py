"""Login, home, language switching and the demo seed."""

import pytest
from django.core.management import call_command

from org.models import Secretariat, User
from pauta.demo import DEMO_PASSWORD, demo_logins


@pytest.mark.django_db
def test_login_page_is_pt_br_by_default(client):
    response = client.get("/login/")
    html = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="pt-br">' in html
    assert "Entrar no Pauta" in html
    assert 'href="#main-content"' in html  # skip link
    assert 'id="main-content"' in html


def test_every_demo_login_works_and_sees_its_home(client, demo):
    for username, _roles in demo_logins():
        response = client.post("/login/", {"username": username, "password": DEMO_PASSWORD})
        assert response.status_code == 302, username
        assert response["Location"] == "/"
        home = client.get("/")
        assert home.status_code == 200
        client.post("/logout/")
        assert client.get("/").status_code == 302


def test_home_shows_one_section_per_role(client, demo):
    client.force_login(demo["diego.editor"])
    html = client.get("/").content.decode()
    assert 'id="role-editor"' in html
    assert 'id="role-approver"' not in html


def test_wrong_password_is_refused_with_a_message(client, demo):
    response = client.post("/login/", {"username": "ana.saude", "password": "errada"})
    assert response.status_code == 200
    assert "role=\"alert\"" in response.content.decode()


def test_language_switch_is_remembered_per_user(client, demo):
    ana = demo["ana.saude"]
    client.force_login(ana)
    response = client.post("/org/language/", {"language": "en", "next": "/"})
    assert response.status_code == 302
    assert User.objects.get(pk=ana.pk).language == "en"
    client.cookies.clear()  # a new browser: the preference comes from the person
    client.force_login(ana)
    html = client.get("/").content.decode()
    assert '<html lang="en">' in html
    assert "What needs you now." in html


def test_language_switch_refuses_unknown_language_and_external_redirect(client, demo):
    ana = demo["ana.saude"]
    client.force_login(ana)
    response = client.post("/org/language/", {"language": "xx", "next": "https://evil.example/"})
    assert response["Location"] == "/"
    assert User.objects.get(pk=ana.pk).language == ""


def test_pt_pt_user_gets_pt_pt(client, demo):
    client.force_login(demo["joana.lisboa"])
    assert '<html lang="pt-pt">' in client.get("/").content.decode()


def seeded_counts() -> dict:
    """Rows of every table the demo seed writes (org, plan, policies, SLA, calendar, history)."""
    from django.apps import apps

    labels = ["org.Secretariat", "org.User", "org.Membership", "auth.Group",
              "guardian.UserObjectPermission", "plans.Plan", "plans.Channel",
              "plans.PlanAction", "approvals.ApprovalPolicy", "approvals.PolicyStep",
              "approvals.RejectionReason", "approvals.ApprovalStep", "approvals.Decision",
              "workflows.LeadTimeStandard", "workflows.Holiday", "workflows.ContentRequest",
              "workflows.Publication", "audit.AuditEvent", "workflows.ContentRequestProcess",
              "calendars.Event", "calendars.Feed"]
    return {label: apps.get_model(label).objects.count() for label in labels}


@pytest.mark.django_db
def test_seed_demo_is_idempotent():
    from audit.chain import verify_chain

    call_command("seed_demo", "--quiet-logins")  # with the year of history
    counts = seeded_counts()
    call_command("seed_demo", "--quiet-logins")
    assert seeded_counts() == counts
    assert counts["org.Secretariat"] >= 10
    assert 150 <= counts["workflows.ContentRequest"] <= 250
    from workflows.models import ContentRequest, RequestState

    states = set(ContentRequest.objects.values_list("state", flat=True))
    assert states == set(RequestState.values)  # the history covers every state
    assert Secretariat.objects.filter(acronym="SMS", name="Secretaria Municipal de Saúde").exists()
    assert verify_chain() is None


@pytest.mark.django_db
def test_seed_demo_refuses_outside_demo_mode(settings):
    from django.core.management.base import CommandError

    settings.DEMO_MODE = False
    User.objects.filter(username="ana.saude").delete()
    with pytest.raises(CommandError):
        call_command("seed_demo")
    assert not User.objects.filter(username="ana.saude").exists()
