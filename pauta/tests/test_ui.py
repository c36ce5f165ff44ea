"""The look every page shares: the brand, the error pages and the one form renderer."""

import re
from pathlib import Path

import pytest
from django import forms
from django.test import Client, override_settings

from pauta import brand


@pytest.fixture(autouse=True)
def _fresh_brand():
    brand.current.cache_clear()
    yield
    brand.current.cache_clear()


@pytest.mark.django_db
@override_settings(DEBUG=False)
def test_missing_page_is_paut_as_own_page_in_pt_br(client):
    response = client.get("/no-such-page/")
    html = response.content.decode()
    assert response.status_code == 404
    assert "Página não encontrada" in html
    assert 'class="br-header' in html and 'id="footer"' in html
    assert 'href="/"' in html  # a way back
    assert "Not Found" not in html


@override_settings(DEBUG=False)
def test_refused_page_is_pautas_own_page_in_pt_br(client, demo):
    client.force_login(demo["ana.saude"])
    response = client.get("/admin/")  # not staff: the admin redirects, so ask a refused page
    assert response.status_code == 302
    response = client.get("/plans/")  # a requester may not read the Communication Plan
    html = response.content.decode()
    assert response.status_code == 403
    assert "Você não pode abrir esta página" in html
    assert "Ana" in html  # signed in: the header still knows who she is
    assert "403 Forbidden" not in html


@pytest.mark.django_db
@override_settings(DEBUG=False, ROOT_URLCONF="pauta.tests.failing_urls")
def test_failing_page_is_pautas_own_page_and_needs_no_database(django_assert_num_queries):
    client = Client(raise_request_exception=False)
    with django_assert_num_queries(0):
        response = client.get("/boom/")
    html = response.content.decode()
    assert response.status_code == 500
    assert "Algo deu errado do nosso lado" in html
    assert "RuntimeError" not in html and "a bug" not in html


@pytest.mark.django_db
@override_settings(DEBUG=False)
def test_csrf_failure_is_pautas_own_page():
    client = Client(enforce_csrf_checks=True)
    response = client.post("/login/", {"username": "ana.saude", "password": "x"})
    html = response.content.decode()
    assert response.status_code == 403
    assert "O formulário expirou" in html
    assert "CSRF verification failed" not in html  # not Django's page


@pytest.mark.django_db
def test_english_error_page_for_an_english_reader():
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    with override_settings(DEBUG=False):
        html = client.get("/no-such-page/").content.decode()
    assert "Page not found" in html


@pytest.mark.django_db
def test_brand_css_carries_the_installation_colour(client, settings):
    settings.BRAND_COLOR = "#0b6b3a"
    response = client.get("/brand.css")
    css = response.content.decode()
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/css")
    assert "--interactive-light: #0b6b3a;" in css
    assert "--interactive-light-rgb: 11,107,58;" in css


@pytest.mark.parametrize("color", ["#ffff00", "not-a-colour", ""])
def test_an_unreadable_or_malformed_brand_colour_falls_back_to_the_ds_blue(settings, color):
    settings.BRAND_COLOR = color
    assert brand.current().color == brand.DEFAULT_COLOR
    assert brand.check_brand(None)  # and the system check says why


def test_a_readable_brand_colour_passes_the_check(settings):
    settings.BRAND_COLOR = "#0b6b3a"
    assert brand.contrast_on_white("#0b6b3a") >= 4.5
    assert brand.check_brand(None) == []


@pytest.mark.django_db
def test_every_page_shows_the_brand_and_no_govbr_marks_unless_configured(client, settings):
    settings.BRAND_NAME = "Câmara Municipal de Valongo"
    settings.BRAND_GOVBR = False
    html = client.get("/login/").content.decode()
    assert "Câmara Municipal de Valongo" in html
    assert "gov.br" not in html
    brand.current.cache_clear()
    settings.BRAND_GOVBR = True
    assert "gov.br" in client.get("/login/").content.decode()


class _Sample(forms.Form):
    name = forms.CharField(label="Name", help_text="Your full name.")
    kinds = forms.MultipleChoiceField(label="Kinds", choices=[("a", "A"), ("b", "B")],
                                      widget=forms.CheckboxSelectMultiple)
    agree = forms.BooleanField(label="I agree")
    notes = forms.CharField(label="Notes", widget=forms.Textarea, required=False)


def test_forms_render_through_the_one_field_template():
    form = _Sample(data={"name": ""})
    html = str(form)
    # label tied to the input, required marker, help and error referenced by ARIA ids
    assert '<label for="id_name">Name<span class="required-marker"' in html
    assert 'id="id_name_helptext"' in html and 'id="id_name_error"' in html
    assert 'aria-describedby="id_name_helptext id_name_error"' in html
    assert 'aria-invalid="true"' in html
    assert 'class="br-input danger"' in html
    assert "<legend>Kinds" in html and 'class="br-checkbox"' in html
    assert 'class="br-textarea' in html
    assert "<ul" not in html  # no raw Django error lists


# Pauta's hand-written components, removed from pauta.css once every page used the DS's own
# (docs/ui.md, "Components"): a template using one again would render unstyled.
LEGACY_CLASSES = re.compile(r"^(card|button|button-[a-z-]+|badge|badge-[a-z-]+|alert|alert-[a-z]+"
                            r"|message|message-error|tabs|pagination)$")

def _templates():
    root = Path(__file__).resolve().parents[2]
    for path in root.rglob("*.html"):
        parts = path.relative_to(root).parts
        if parts[0] in {".venv", "node_modules", "var", "staticfiles", "test-results"} \
                or "vendor" in parts or "templates" not in parts:
            continue
        yield root, path


def test_no_template_uses_the_removed_legacy_classes():
    found = []
    for root, path in _templates():
        text = path.read_text(encoding="utf-8")
        for match in re.finditer(r'\sclass="([^"]*)"', text):
            legacy = [token for token in match.group(1).split() if LEGACY_CLASSES.match(token)]
            if legacy:
                found.append(f"{path.relative_to(root)}: {' '.join(legacy)}")
        if re.search(r'<table[^>]*\sclass="[^"]*\bdata\b', text):
            found.append(f"{path.relative_to(root)}: table.data")
    assert found == [], "templates use classes pauta.css no longer styles (docs/ui.md):\n" + \
        "\n".join(found)


def test_the_legacy_check_sees_a_legacy_class():
    # The pattern above really matches what the old templates used.
    assert all(LEGACY_CLASSES.match(token) for token in
               ("card", "button", "button-secondary", "badge-warn", "alert-error", "tabs"))
    assert not any(LEGACY_CLASSES.match(token) for token in
                   ("br-card", "card-content", "br-button", "card-narrow", "link-button"))
