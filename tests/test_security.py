"""Security headers on real pages, and templates that a strict CSP will not break."""

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def csp_directives(response) -> dict:
    header = response["Content-Security-Policy"]
    return {part.split()[0]: part.split()[1:] for part in header.split(";") if part.strip()}


@pytest.mark.django_db
def test_login_page_sends_strict_csp_and_security_headers(client):
    response = client.get("/login/")
    assert response.status_code == 200
    csp = csp_directives(response)
    assert csp["default-src"] == ["'self'"]
    assert csp["script-src"] == ["'self'"]
    assert csp["style-src"] == ["'self'"]  # no nonce unless a page asks for one
    assert csp["img-src"] == ["'self'", "data:"]
    assert csp["object-src"] == ["'none'"]
    assert csp["base-uri"] == ["'self'"]
    assert csp["frame-ancestors"] == ["'none'"]
    assert csp["form-action"] == ["'self'"]
    assert "'unsafe-inline'" not in response["Content-Security-Policy"]
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert "camera=()" in response["Permissions-Policy"]
    assert "geolocation=()" in response["Permissions-Policy"]


def test_signed_in_page_has_the_same_policy(client, demo):
    client.force_login(demo["diego.editor"])
    response = client.get("/")
    assert response.status_code == 200
    assert csp_directives(response)["script-src"] == ["'self'"]
    assert "Permissions-Policy" in response


@pytest.mark.django_db
def test_session_and_csrf_cookies_are_protected(client, settings):
    assert settings.SESSION_COOKIE_HTTPONLY is True
    assert settings.SESSION_COOKIE_SAMESITE == "Lax"
    assert settings.CSRF_COOKIE_SAMESITE == "Lax"
    response = client.get("/login/")
    cookie = response.cookies[settings.CSRF_COOKIE_NAME]
    assert cookie["samesite"] == "Lax"


# Anything the policy blocks: inline <script>, <style>, style="" and on*="" handlers.
INLINE = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>|<style\b|\sstyle=|\son[a-z]+\s*=", re.IGNORECASE)


PROJECT_APPS = ("pauta", "org", "plans", "workflows", "approvals", "calendars", "reports")


def project_templates():
    """Templates of Pauta's own apps (not installed packages nor the bench's peers)."""
    for app in PROJECT_APPS:
        yield from (ROOT / app).glob("templates/**/*.html")


def test_templates_have_no_inline_script_or_style():
    offenders = [
        f"{path.relative_to(ROOT)}:{number}: {line.strip()}"
        for path in project_templates()
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if INLINE.search(line)
    ]
    assert list(project_templates()), "no templates found: the glob is wrong"
    assert offenders == [], "the CSP blocks these (use a CSS class or a static .js):\n" + "\n".join(
        offenders
    )
