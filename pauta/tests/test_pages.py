"""Login, home, language switching and the demo seed."""

from datetime import timedelta
from types import SimpleNamespace
from unittest import mock

import pytest
from django.core.management import call_command
from django.utils import timezone

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
def test_seed_demo_is_idempotent(django_capture_on_commit_callbacks, mailoutbox):
    from viewflow.workflow import timers

    from audit.chain import verify_chain
    from notifications.models import Notification
    from workflows.services import publish_due_requests

    # with the year of history; what it commits is run, as the huey consumer of `make run` would
    with django_capture_on_commit_callbacks(execute=True):
        call_command("seed_demo", "--quiet-logins")
    # the consumer's first minutes: the history left no timer due (an overdue request's timer
    # is set a minute ahead of its creation) and nothing to publish
    later = SimpleNamespace(now=lambda: timezone.now() + timedelta(minutes=2))
    with django_capture_on_commit_callbacks(execute=True), \
            mock.patch.object(timers, "timezone", later):
        assert timers.fire_due_timers() == 0
        assert publish_due_requests() == 0
    # loading the demo is not news: nobody is notified or e-mailed
    assert mailoutbox == []
    assert Notification.objects.count() == 0
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
    _demo_feed_links_resolve()


def _demo_feed_links_resolve():
    """Every published demo piece has its evidence, and every link of the news feed answers
    (docs/publishing.md): the demo's portal is the installation's own news page."""
    import xml.etree.ElementTree as ET

    from django.conf import settings
    from django.test import Client

    from workflows.models import Publication

    live = Publication.objects.filter(published_at__isnull=False, cancelled_at__isnull=True)
    assert live.exists()
    assert not live.filter(url="", offline_reason="").exists()
    client = Client()
    root = ET.fromstring(client.get("/news/feed.atom").content)
    links = [e.get("href") for e in root.iter("{http://www.w3.org/2005/Atom}link")
             if e.get("rel") == "alternate" and e.get("href") != settings.SITE_URL + "/"]
    assert links
    for link in links:
        assert link.startswith(settings.SITE_URL + "/news/"), link
        assert client.get(link.removeprefix(settings.SITE_URL)).status_code == 200, link


@pytest.mark.django_db
def test_seed_demo_refuses_outside_demo_mode(settings):
    from django.core.management.base import CommandError

    settings.DEMO_MODE = False
    User.objects.filter(username="igor.auditor").delete()
    with pytest.raises(CommandError):
        call_command("seed_demo")
    assert not User.objects.filter(username="igor.auditor").exists()
