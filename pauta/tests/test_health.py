"""/health/ says 503 with the reason when the database or the static files are missing."""

import datetime as dt
import json

import pytest
from django.db import DatabaseError

from pauta import health

MANIFEST_STORAGE = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}


@pytest.fixture
def collected(settings, tmp_path):
    """Production static settings over an empty STATIC_ROOT (nothing collected yet)."""
    settings.STATIC_FROM_APPS = False
    settings.STATIC_ROOT = tmp_path
    settings.STORAGES = MANIFEST_STORAGE
    return tmp_path


def write_manifest(root, paths):
    (root / "staticfiles.json").write_text(json.dumps({"version": "1.1", "paths": paths}))
    for hashed in paths.values():
        (root / hashed).parent.mkdir(parents=True, exist_ok=True)
        (root / hashed).write_text("body {}")


def test_healthy_when_the_static_files_are_found(client, db):
    response = client.get("/health/", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    body = response.json()
    assert dt.date.fromisoformat(body.pop("holidays_until")) >= dt.date.today()
    assert body | {"huey_heartbeat": None} == {
        "status": "ok", "database": "ok", "static": "ok", "holidays": "ok",
        "huey_heartbeat": None, "audit_verified_at": None, "audit_intact": None}


def test_unhealthy_without_the_manifest(client, db, collected):
    response = client.get("/health/", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 503
    body = response.json()
    assert (body["status"], body["static"], body["database"]) == ("unhealthy", "error", "ok")
    assert body["reasons"] == [
        f"The static files manifest {collected / 'staticfiles.json'} is missing: "
        "run collectstatic."]


def test_unhealthy_when_the_stylesheet_is_not_in_the_manifest(client, db, collected):
    write_manifest(collected, {"other.css": "other.0123456789ab.css"})
    response = client.get("/health/", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 503
    assert "pauta/pauta.css is not in the collected static files" in response.json()["reasons"][0]


def test_unhealthy_when_the_hashed_stylesheet_is_gone(client, db, collected):
    write_manifest(collected, {"pauta/pauta.css": "pauta/pauta.0123456789ab.css"})
    assert client.get("/health/", HTTP_ACCEPT_LANGUAGE="en").status_code == 200
    (collected / "pauta" / "pauta.0123456789ab.css").unlink()
    assert client.get("/health/", HTTP_ACCEPT_LANGUAGE="en").status_code == 503


def test_unhealthy_when_no_app_has_the_stylesheet(client, db, monkeypatch):
    monkeypatch.setattr(health, "CORE_ASSETS", ("pauta/no-such-file.css",))
    response = client.get("/health/", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 503
    assert response.json()["reasons"] == [
        "The static file pauta/no-such-file.css is in no app's static folder."]


def test_unhealthy_when_the_database_does_not_answer(client, db, monkeypatch):
    class Unreachable:
        def cursor(self):
            raise DatabaseError("connection refused")

    monkeypatch.setattr(health, "connection", Unreachable())
    response = client.get("/health/", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 503
    assert response.json()["database"] == "error"
    assert response.json()["reasons"] == ["The database does not answer."]


def test_health_reports_the_holidays_horizon(client, db, settings):
    import datetime as dt

    from calendars.holidays import refresh_horizon
    from pauta import clock
    from workflows.models import Holiday

    settings.HOLIDAYS_COUNTRY = "BR"
    refresh_horizon()
    body = client.get("/health/", HTTP_ACCEPT_LANGUAGE="en").json()
    until = dt.date.fromisoformat(body["holidays_until"])
    assert (body["status"], body["holidays"]) == ("ok", "ok")
    assert until >= clock.today() + dt.timedelta(days=365)
    # The nightly job stopped a while ago: the last known holiday is months away.
    Holiday.objects.filter(date__gt=clock.today() + dt.timedelta(days=200)).delete()
    response = client.get("/health/", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 503
    assert response.json()["holidays"] == "error"
    assert response.json()["reasons"] == [
        "The holidays of the SLA clock run out in less than 12 months."]


def test_healthy_without_a_holiday_calendar(client, db, settings):
    """HOLIDAYS_COUNTRY="" and no holiday events: nothing to keep ahead, so not unhealthy
    forever; a configured country with an out-of-date horizon still is (test above)."""
    from workflows.models import Holiday

    settings.HOLIDAYS_COUNTRY, settings.LOCAL_HOLIDAYS = "", []
    Holiday.objects.all().delete()
    response = client.get("/health/", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    body = response.json()
    assert (body["status"], body["holidays"], body["holidays_until"]) == (
        "ok", "not_configured", None)
    assert "reasons" not in body
    # The same empty table with a country configured: the nightly job never ran.
    settings.HOLIDAYS_COUNTRY = "BR"
    response = client.get("/health/", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 503
    assert response.json()["holidays"] == "error"
