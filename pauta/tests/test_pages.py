"""Login, home, language switching and the demo seed."""

import pytest
from django.core.management import call_command

from org.models import Membership, Secretariat, User
from pauta.demo import DEMO_PASSWORD, demo_logins


@pytest.mark.django_db
def test_login_page_is_pt_br_by_default(client):
    response = client.get("/login/")
    html = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="pt-br">' in html
    assert "Entrar no Pauta" in html
    assert 'href="#main"' in html  # skip link


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


@pytest.mark.django_db
def test_seed_demo_is_idempotent():
    call_command("seed_demo", "--quiet-logins")
    counts = (Secretariat.objects.count(), User.objects.count(), Membership.objects.count())
    call_command("seed_demo", "--quiet-logins")
    assert (Secretariat.objects.count(), User.objects.count(), Membership.objects.count()) == counts
    assert counts[0] >= 10
    assert Secretariat.objects.filter(acronym="SMS", name="Secretaria Municipal de Saúde").exists()


@pytest.mark.django_db
def test_seed_demo_refuses_outside_demo_mode(settings):
    from django.core.management.base import CommandError

    settings.DEMO_MODE = False
    User.objects.filter(username="ana.saude").delete()
    with pytest.raises(CommandError):
        call_command("seed_demo")
    assert not User.objects.filter(username="ana.saude").exists()
