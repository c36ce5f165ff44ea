"""Proof of publication against a loopback site: the page is fetched after publication and
compared with the sealed text; divergences and pages gone are flagged and counted."""

from datetime import date, timedelta

import pytest

from audit.models import AuditEvent
from audit.registry import describe
from notifications.models import Notification
from pauta import clock
from publishing import proof
from publishing.models import Snapshot, Verdict
from publishing.tests.conftest import Site, page
from publishing.tests.helpers import TITLE, approved, when
from reports.indicators import compute_all
from reports.slices import Slice
from workflows import services

BODY = "Vacine-se nas unidades de saúde."


@pytest.fixture(autouse=True)
def _english(english_messages):
    pass


def publish_at(demo, site, path, capture):
    request = approved(demo, body=BODY)
    request = services.request_schedule(request=request, by=demo["diego.editor"],
                                        when={p.pk: when() for p in request.publications.all()})
    pub = request.publications.get()
    with capture(execute=True):
        services.request_publish(request=request, by=demo["diego.editor"],
                                 urls={pub.pk: f"{site.base}{path}"})
    return request, pub


def test_normalised_containment():
    words = proof.normalise("<p>Vacine-se  nas <b>UNIDADES</b> de saúde&nbsp;!</p>")
    assert words == ["vacine", "se", "nas", "unidades", "de", "saúde"]
    page_words = proof.normalise("Início Notícias Vacine-se nas unidades de saúde. Rodapé")
    assert proof.containment(words, page_words) == 1.0
    assert proof.containment(words, proof.normalise("Vacine-se nas escolas")) == 0.5


def test_same_text_is_a_match(demo, site, django_capture_on_commit_callbacks):
    Site.pages["/noticia"] = (200, page(TITLE, "Vacine-se nas   UNIDADES de saúde."))
    request, pub = publish_at(demo, site, "/noticia", django_capture_on_commit_callbacks)
    snap = Snapshot.objects.get(publication=pub)
    assert snap.verdict == Verdict.MATCH and snap.status_code == 200
    assert snap.containment == 1.0 and len(snap.content_hash) == 64
    assert snap.seal_digest == request.seals.get().digest
    assert "Vacine-se" in snap.text and "<article>" in snap.html
    assert AuditEvent.objects.filter(request=request, verb="publication_verified").exists()
    assert not AuditEvent.objects.filter(request=request, verb="publication_divergent").exists()


def test_edited_text_is_divergent_notified_and_counted(demo, site,
                                                      django_capture_on_commit_callbacks):
    Site.pages["/noticia"] = (200, page(TITLE, "Vacine-se com o prefeito João, nas escolas."))
    request, pub = publish_at(demo, site, "/noticia", django_capture_on_commit_callbacks)
    snap = Snapshot.objects.get(publication=pub)
    assert snap.verdict == Verdict.DIVERGENT and snap.containment < 0.95
    event = AuditEvent.objects.get(request=request, verb="publication_divergent")
    told = set(Notification.objects.filter(event=event).values_list("recipient__username",
                                                                    flat=True))
    assert {"diego.editor", "fernanda.chefe"} <= told
    assert "differs from the approved text" in describe(event)
    today = clock.now().date()
    results = compute_all(Slice(start=date(today.year, 1, 1), end=today),
                          codes=["publication_divergent"])
    assert results["publication_divergent"].value == 1
    assert results["publication_divergent"].series[0].label == pub.channel.name
    # The same divergence found again the next day is not announced twice.
    with clock.travel(clock.now() + timedelta(days=1, hours=1)):
        assert proof.recheck_live() == 1
    assert Snapshot.objects.filter(publication=pub).count() == 2
    assert AuditEvent.objects.filter(request=request, verb="publication_divergent").count() == 1


def test_page_gone_is_flagged_on_recheck(demo, site, django_capture_on_commit_callbacks):
    Site.pages["/noticia"] = (200, page(TITLE, BODY))
    request, pub = publish_at(demo, site, "/noticia", django_capture_on_commit_callbacks)
    assert proof.latest(pub).verdict == Verdict.MATCH
    del Site.pages["/noticia"]
    assert proof.recheck_live() == 0  # checked less than a day ago
    # A day later (the earlier check moved back: inside clock.travel nobody is notified).
    Snapshot.objects.filter(publication=pub).update(
        fetched_at=clock.now() - timedelta(hours=25))
    with django_capture_on_commit_callbacks(execute=True):
        assert proof.recheck_live() == 1
    snap = proof.latest(pub)
    assert snap.verdict == Verdict.GONE and snap.status_code == 404
    event = AuditEvent.objects.get(request=request, verb="publication_gone")
    assert Notification.objects.filter(event=event, recipient=demo["diego.editor"]).exists()


def test_loopback_is_refused_without_the_setting(demo, site, settings,
                                                 django_capture_on_commit_callbacks):
    settings.PUBLISHING_PROOF_ALLOWED_HOSTS = []
    Site.pages["/noticia"] = (200, page(TITLE, BODY))
    _request, pub = publish_at(demo, site, "/noticia", django_capture_on_commit_callbacks)
    snap = Snapshot.objects.get(publication=pub)
    assert snap.verdict == Verdict.UNREACHABLE and snap.status_code is None
    assert "not public" in snap.error


def test_redirect_to_a_private_host_is_refused(demo, site, django_capture_on_commit_callbacks):
    Site.pages["/noticia"] = (200, page(TITLE, BODY))
    _request, pub = publish_at(demo, site, "/noticia", django_capture_on_commit_callbacks)
    with pytest.raises(proof.FetchError):
        proof.check_host("http://10.0.0.1/admin")
    with pytest.raises(proof.FetchError):
        proof.check_host("file:///etc/passwd")


def test_request_page_shows_the_latest_snapshot(demo, site, client,
                                                django_capture_on_commit_callbacks):
    Site.pages["/noticia"] = (200, page(TITLE, "Outro texto, nada a ver."))
    request, _pub = publish_at(demo, site, "/noticia", django_capture_on_commit_callbacks)
    client.force_login(demo["diego.editor"])
    html = client.get(f"/requests/{request.pk}/").content.decode()
    assert "Differs from the approved text" in html
    assert "HTTP 200" in html


def test_a_host_rebound_to_a_private_address_is_refused_at_connect_time(site, monkeypatch):
    """``localhost`` resolved to a public address when checked (a rebinding DNS server), then
    to loopback when connecting: the connected peer is checked too."""
    from api.webhooks import safety

    Site.pages["/noticia"] = (200, page(TITLE, BODY))
    assert proof.fetch(site.base + "/noticia")[0] == 200  # the allowed host itself answers
    monkeypatch.setattr(safety, "resolve", lambda host, port: ["93.184.216.34"])
    with pytest.raises(proof.FetchError):
        proof.fetch(site.base.replace("127.0.0.1", "localhost") + "/noticia")
