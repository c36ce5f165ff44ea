"""Shared fixtures of the API tests: token clients for the demo people, clean throttles."""

import pytest
from django.core.cache import cache
from django.utils import timezone
from rest_framework.test import APIClient

from api.tokens import token_create


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()  # throttle counters live in the cache
    yield
    cache.clear()


@pytest.fixture
def api_as(demo):
    """``api_as("ana.saude")``: an APIClient that sends that person's fresh token."""

    def make(username, language="en"):
        _token, secret = token_create(by=demo[username], name="tests")
        client = APIClient()
        client.credentials(HTTP_AUTHORIZATION=f"Bearer {secret}",
                           HTTP_ACCEPT_LANGUAGE=language)
        return client

    return make


@pytest.fixture
def requests_by_state(demo):
    """Requests of two secretariats in the states the matrix covers, filed through services."""
    from org.models import Secretariat
    from plans.models import Channel
    from workflows import services

    portal = Channel.objects.get(code="portal")
    desired = timezone.localdate() + timezone.timedelta(days=15)
    made = {}
    for acronym, username in (("SMS", "ana.saude"), ("SEMED", "bruno.educacao")):
        secretariat = Secretariat.objects.get(acronym=acronym)
        for state in ("draft", "submitted", "in_production"):
            request = services.request_create(
                by=demo[username], secretariat=secretariat, kind="news",
                title=f"{acronym} {state}", brief="Brief.", desired_date=desired,
                channels=[portal])
            if state != "draft":
                services.request_submit(request=request, by=demo[username])
            if state == "in_production":
                services.request_accept(request=request, by=demo["diego.editor"])
            made[(acronym, state)] = request
    return made
