"""API tokens: made and revoked on the person's page, stored hashed, dead once revoked."""

import re

from django.urls import reverse
from rest_framework.test import APIClient

from api.models import ApiToken
from api.tokens import hash_token


def test_token_page_creates_shows_once_and_revokes(client, demo):
    client.force_login(demo["ana.saude"])
    page = client.post("/api/tokens/", {"name": "Portal"})
    assert page.status_code == 200
    secret = re.search(r'value="(pauta_[^"]+)"', page.content.decode()).group(1)
    token = ApiToken.objects.get(user=demo["ana.saude"], name="Portal")
    assert token.token_hash == hash_token(secret) and secret not in token.token_hash
    assert secret not in client.get("/api/tokens/").content.decode()  # shown once

    auth = {"HTTP_AUTHORIZATION": f"Bearer {secret}"}
    client.logout()
    assert client.get("/api/v1/requests/", **auth).status_code == 200
    token.refresh_from_db()
    assert token.last_used_at is not None

    client.force_login(demo["ana.saude"])
    assert client.post(f"/api/tokens/{token.pk}/revoke/").status_code == 302
    client.logout()
    answer = client.get("/api/v1/requests/", **auth)
    assert answer.status_code == 401
    assert answer.json()["code"] == "authentication_failed"


def test_nobody_revokes_another_persons_token(client, demo, api_as):
    api_as("ana.saude")
    token = ApiToken.objects.get(user=demo["ana.saude"])
    client.force_login(demo["bruno.educacao"])
    assert client.post(f"/api/tokens/{token.pk}/revoke/").status_code == 404
    token.refresh_from_db()
    assert token.revoked_at is None


def test_inactive_person_token_is_refused(demo, api_as):
    api = api_as("carla.obras")
    demo["carla.obras"].is_active = False
    demo["carla.obras"].save()
    assert api.get("/api/v1/requests/").status_code == 401


def test_errors_speak_the_persons_language(demo, api_as):
    answer = api_as("ana.saude", language="pt-br").get("/api/v1/requests/999999/")
    assert answer.status_code == 404
    assert answer["Content-Language"] == "pt-br"
    answer = api_as("ana.saude", language="en").get("/api/v1/requests/999999/")
    assert answer["Content-Language"] == "en"


def _no_store(response) -> bool:
    directives = {part.strip() for part in response.get("Cache-Control", "").split(",")}
    return {"private", "no-store"} <= directives


def test_private_api_answers_are_never_cached(client, demo, api_as):
    """Issue 13, item 11: every answer of the API and the token page says private, no-store."""
    api = api_as("ana.saude")
    answers = [api.get("/api/v1/requests/"), api.get("/api/v1/decisions/"),
               api.get("/api/v1/requests/999999/"), api.get("/api/v1/indicators/"),
               api.get("/api/schema/")]
    anonymous = APIClient()
    answers.append(anonymous.get("/api/v1/requests/"))  # a 401 too
    for response in answers:
        assert _no_store(response), (response.status_code, response.get("Cache-Control"))
    client.force_login(demo["ana.saude"])
    page = client.get(reverse("api:tokens"))
    assert page.status_code == 200 and _no_store(page)
    created = client.post(reverse("api:tokens"), {"name": "CI"})
    assert created.status_code == 200 and _no_store(created)
