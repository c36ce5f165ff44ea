"""The accessibility statement is public, linked from every page and names a contact."""

import pytest


@pytest.mark.django_db
def test_statement_is_public_and_names_the_configured_contact(client, settings):
    settings.ACCESSIBILITY_CONTACT = "acessibilidade@valeverde.example.gov.br"
    response = client.get("/acessibilidade/")
    html = response.content.decode()
    assert response.status_code == 200
    assert 'href="mailto:acessibilidade@valeverde.example.gov.br"' in html
    assert "WCAG 2.1" in html
    assert "eMAG" in html
    assert "83/2018" in html
    assert "13.146/2015" in html or "13,146/2015" in html


@pytest.mark.django_db
def test_contact_falls_back_to_the_sender_address(client, settings):
    settings.ACCESSIBILITY_CONTACT = ""
    settings.DEFAULT_FROM_EMAIL = "Pauta <comunicacao@valeverde.example.gov.br>"
    html = client.get("/acessibilidade/").content.decode()
    assert 'href="mailto:comunicacao@valeverde.example.gov.br"' in html


@pytest.mark.django_db
def test_footer_links_to_the_statement(client):
    html = client.get("/login/").content.decode()
    assert 'href="/acessibilidade/"' in html
