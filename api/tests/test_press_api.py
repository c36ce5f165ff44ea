"""The press desk's read-only API: inquiries and outlets for the press permissions only,
filters, no journalist's personal data, read-only, in the OpenAPI schema."""

from datetime import timedelta

import pytest
from rest_framework.test import APIClient

from org.models import Secretariat
from pauta import clock
from press import services
from press.models import Inquiry, Journalist

pytestmark = pytest.mark.django_db


def api(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


def test_press_people_read_inquiries_others_are_refused(demo):
    officer = demo["elisa.editora"]
    journalist = Journalist.objects.filter(forgotten_at__isnull=True).exclude(email="").first()
    inquiry = services.inquiry_register(
        by=officer, journalist=journalist, secretariat=Secretariat.objects.get(acronym="SMS"),
        theme="Tema da API", questions="Pergunta?", deadline=clock.now() + timedelta(hours=2))
    services.inquiry_forward(inquiry=inquiry, by=officer)
    for username in ("elisa.editora", "fernanda.chefe", "helena.gestora"):
        response = api(demo[username]).get("/api/v1/press-inquiries/?state=with_secretariat")
        assert response.status_code == 200, username
        rows = response.json()["results"]
        assert inquiry.pk in [r["id"] for r in rows]
        assert {r["state"] for r in rows} == {"with_secretariat"}
    detail = api(officer).get(f"/api/v1/press-inquiries/{inquiry.pk}/").json()
    assert detail["theme"] == "Tema da API" and detail["secretariat"]["acronym"] == "SMS"
    assert detail["journalist"] == journalist.pk
    text = str(detail)
    assert journalist.email not in text and journalist.name not in text
    # The secretariat's people answer in the UI; an editor without the press role: 403.
    for username in ("ana.saude", "diego.editor"):
        assert api(demo[username]).get("/api/v1/press-inquiries/").status_code == 403
        assert api(demo[username]).get(
            f"/api/v1/press-inquiries/{inquiry.pk}/").status_code == 403
        assert api(demo[username]).get("/api/v1/press-outlets/").status_code == 403
    assert APIClient().get("/api/v1/press-inquiries/").status_code == 401
    # Read-only.
    assert api(officer).post("/api/v1/press-inquiries/", {}).status_code == 405
    assert api(officer).delete(f"/api/v1/press-inquiries/{inquiry.pk}/").status_code == 405
    assert Inquiry.objects.filter(pk=inquiry.pk).exists()


def test_outlets_and_filters(demo):
    response = api(demo["elisa.editora"]).get("/api/v1/press-outlets/?type=radio")
    assert response.status_code == 200
    rows = response.json()["results"]
    assert rows and {r["type"] for r in rows} == {"radio"}
    assert api(demo["elisa.editora"]).get("/api/v1/press-outlets/?type=zine").status_code == 400
    assert api(demo["elisa.editora"]).get(
        "/api/v1/press-inquiries/?deadline_after=banana").status_code == 400
    assert api(demo["igor.auditor"]).get("/api/v1/press-outlets/").status_code == 200


def test_outlets_carry_website_audience_and_active_and_clipping_analysts_read_them(demo):
    """One list of outlets (docs/clipping.md): a clipping analyst who is no press officer reads
    the outlets, not the inquiries."""
    from django.contrib.auth.models import Group

    from org.models import User
    from press.models import Outlet

    Outlet.objects.create(name="Jornal Inativo", type="newspaper", active=False)
    analyst = User.objects.create_user("clara.api")
    analyst.groups.add(Group.objects.get(name="Clipping analyst"))
    analyst = User.objects.get(pk=analyst.pk)
    response = api(analyst).get("/api/v1/press-outlets/?type=tv")
    assert response.status_code == 200
    row = next(r for r in response.json()["results"] if r["name"] == "TV Vale Verde")
    assert (row["website"], row["audience"], row["active"]) == (
        "https://tvvaleverde.example", 120000, True)
    inactive = api(analyst).get("/api/v1/press-outlets/?active=false").json()["results"]
    assert [r["name"] for r in inactive] == ["Jornal Inativo"]
    assert api(analyst).get("/api/v1/press-inquiries/").status_code == 403


def test_the_press_endpoints_are_in_the_schema(client):
    schema = client.get("/api/schema/").content.decode()
    assert "/api/v1/press-inquiries/" in schema and "/api/v1/press-outlets/{id}/" in schema
