"""Configuration pages: sources, terms, themes and subscribers (analyst only,
audited; bad input is a message and writes nothing)."""

import pytest
from django.test import Client

from audit.models import AuditEvent
from clipping.models import SearchTerm, Source, Subscription, Theme
from press.models import Outlet

pytestmark = pytest.mark.django_db


@pytest.fixture
def analyst(demo):
    client = Client()
    client.force_login(demo["elisa.editora"])
    return client


def test_analyst_adds_an_outlet_a_source_a_term_and_a_theme(analyst):
    # The outlet is the press desk's (one list): added on its page, then picked for the source.
    response = analyst.post("/press/outlets/new/", {
        "name": "Jornal Novo", "type": "newspaper", "reach": "local", "audience": "3000",
        "website": "https://jornalnovo.example", "active": "on"})
    assert response.status_code == 302
    outlet = Outlet.objects.get(name="Jornal Novo")
    assert (outlet.audience, outlet.website, outlet.active) == (3000, "https://jornalnovo.example",
                                                                True)
    response = analyst.post("/clipping/sources/", {
        "form": "source", "outlet": outlet.pk, "kind": "feed",
        "url": "https://jornalnovo.example/rss", "interval_minutes": "30", "active": "on"})
    assert response.status_code == 302
    assert Source.objects.get(url="https://jornalnovo.example/rss").outlet == outlet
    assert analyst.post("/clipping/terms/", {"form": "term", "text": "Programa Mais Verde",
                                             "kind": "programme"}).status_code == 302
    assert analyst.post("/clipping/terms/", {"form": "theme", "name": "Turismo"}).status_code \
        == 302
    assert SearchTerm.objects.filter(text="Programa Mais Verde").exists()
    assert Theme.objects.filter(name="Turismo").exists()
    assert set(AuditEvent.objects.filter(verb__startswith="clip_").values_list(
        "verb", flat=True)) >= {"clip_source_save", "clip_term_save", "clip_theme_save"}
    assert AuditEvent.objects.filter(verb="outlet_create", target_type="press.outlet",
                                     target_id=str(outlet.pk)).exists()


def test_bad_configuration_input_writes_nothing(analyst):
    outlet = Outlet.objects.first()
    before = Source.objects.count()
    for data in ({"form": "source", "outlet": outlet.pk, "kind": "feed",
                  "url": "https://x.example/rss", "interval_minutes": "1"},
                 {"form": "source", "outlet": outlet.pk, "kind": "feed",
                  "url": Source.objects.first().url, "interval_minutes": "30"},
                 {"form": "source", "outlet": outlet.pk, "kind": "feed", "url": "ftp://x",
                  "interval_minutes": "30"}):
        response = analyst.post("/clipping/sources/", data)
        assert response.status_code == 200
        assert 'class="br-message danger"' in response.content.decode() or \
            'aria-invalid="true"' in response.content.decode()
    assert Source.objects.count() == before
    # The same term twice: a sentence, one row.
    analyst.post("/clipping/terms/", {"form": "term", "text": "Duplo", "kind": "other"})
    response = analyst.post("/clipping/terms/", {"form": "term", "text": "Duplo",
                                                 "kind": "other"})
    assert response.status_code == 200 and SearchTerm.objects.filter(text="Duplo").count() == 1


def test_only_the_analyst_configures(demo):
    editor = Client()
    editor.force_login(demo["diego.editor"])
    assert editor.get("/clipping/sources/").status_code == 200  # the team sees the status
    assert editor.post("/clipping/sources/", {"form": "source", "outlet": Outlet.objects.first().pk,
                                              "kind": "feed", "url": "https://x.example/rss",
                                              "interval_minutes": "30"}).status_code == 403
    assert editor.post("/press/outlets/new/", {"name": "X", "type": "tv",
                                               "reach": "local"}).status_code == 403
    assert editor.post("/clipping/terms/", {"form": "term", "text": "X"}).status_code == 403
    assert editor.post("/clipping/daily/subscribe/", {"name": "X", "email": "x@example.org"}
                       ).status_code == 403
    assert not Outlet.objects.filter(name="X").exists()
    assert not Subscription.objects.filter(email="x@example.org").exists()
