"""Sources against a loopback server: RSS 2.0 with content:encoded, Atom, ISO-8859-1, GUIDs
that change, broken XML, a slow source, one article under two URLs, conditional GET, SSRF."""

from datetime import timedelta

import pytest

from clipping import services
from clipping.fetch import FetchError, check_host
from clipping.models import Clip, ClipState, SearchTerm, Source, SourceStatus
from clipping.text import canonical_url, fold
from org.models import Secretariat
from pauta import clock
from press.models import Outlet

pytestmark = pytest.mark.django_db


@pytest.fixture
def outlet(demo):
    return Outlet.objects.create(name="Outlet de teste", type="portal", audience=1000)


def _source(outlet, base, path, kind="feed"):
    return Source.objects.create(outlet=outlet, url=f"{base}{path}", kind=kind)


def _fresh(source):
    return Source.objects.get(pk=source.pk)


def test_rss2_content_encoded_matches_and_excludes(outlet_server, outlet):
    base, routes, hits = outlet_server
    routes["/rss"] = "rss2.xml"
    source = _source(outlet, base, "/rss")
    outcome = services.source_fetch(source)
    clips = {c.headline: c for c in Clip.objects.filter(source=source)}
    # Two items name Vale Verde; football does not; the horoscope is excluded ("horóscopo").
    assert set(clips) == {"Prefeitura de Vale Verde inaugura nova creche no bairro Jardim",
                          "Moradores reclamam de buracos na avenida Central"}
    assert (outcome.new, outcome.unmatched) == (2, 2)
    creche = clips["Prefeitura de Vale Verde inaugura nova creche no bairro Jardim"]
    # The text is content:encoded (not the short description), as plain text.
    assert "120 vagas" in creche.excerpt and "<p>" not in creche.excerpt
    assert creche.state == ClipState.TRIAGE and creche.full_text == ""
    assert creche.suggested_tone == "positive"
    assert clips["Moradores reclamam de buracos na avenida Central"].suggested_tone == "negative"
    # "SECRETARIA DE OBRAS" in capitals matched the term of SEMOB.
    assert "Secretaria de Obras" in clips[
        "Moradores reclamam de buracos na avenida Central"].matched_terms
    assert clips["Moradores reclamam de buracos na avenida Central"].secretariats.filter(
        acronym="SEMOB").exists()
    assert creche.canonical_url == "diariodovale.example/noticias/2026/11/creche-jardim"
    source = _fresh(source)
    assert source.status == SourceStatus.OK and source.etag and source.last_modified


def test_conditional_get_answers_304_and_adds_nothing(outlet_server, outlet):
    base, routes, hits = outlet_server
    routes["/rss"] = "rss2.xml"
    source = _source(outlet, base, "/rss")
    services.source_fetch(source)
    count = Clip.objects.count()
    services.source_fetch(_fresh(source))
    assert hits[-1][1].get("If-None-Match") == _fresh(source).etag
    assert "If-Modified-Since" in hits[-1][1]
    assert Clip.objects.count() == count
    assert _fresh(source).status == SourceStatus.OK


def test_atom_feed(outlet_server, outlet):
    base, routes, _hits = outlet_server
    routes["/feed.atom"] = "atom.xml"
    source = _source(outlet, base, "/feed.atom")
    services.source_fetch(source)
    clip = Clip.objects.get(source=source)
    assert clip.headline == "Campanha #VacinaValeVerde amplia horário dos postos"
    assert "21h" in clip.excerpt
    assert clip.published_at.isoformat().startswith("2026-11-30T12:30")


def test_iso_8859_1_feed_is_read_with_its_accents(outlet_server, outlet):
    base, routes, _hits = outlet_server
    routes["/latin1"] = "latin1.xml"
    source = _source(outlet, base, "/latin1")
    services.source_fetch(source)
    clip = Clip.objects.get(source=source)
    assert clip.headline == "Saúde de Vale Verde abre mutirão de exames em São João"
    assert "três mil pessoas" in clip.excerpt


def test_changed_guids_bring_no_second_clip(outlet_server, outlet):
    base, routes, _hits = outlet_server
    routes["/feed"] = "guids_v1.xml"
    source = _source(outlet, base, "/feed")
    assert services.source_fetch(source).new == 2
    routes["/feed"] = "guids_v2.xml"  # same articles, every GUID changed
    outcome = services.source_fetch(_fresh(source))
    assert (outcome.new, outcome.duplicates) == (0, 2)
    assert Clip.objects.filter(source=source).count() == 2


def test_same_article_under_two_urls_is_one_clip(outlet_server, outlet):
    base, routes, _hits = outlet_server
    routes["/two"] = "two_urls.xml"
    source = _source(outlet, base, "/two")
    outcome = services.source_fetch(source)
    assert (outcome.new, outcome.duplicates) == (1, 1)
    assert Clip.objects.filter(source=source).count() == 1


def test_broken_feed_marks_the_source_and_loses_nothing_else(outlet_server, outlet):
    base, routes, _hits = outlet_server
    routes["/rss"], routes["/broken"] = "rss2.xml", "broken.xml"
    good = _source(outlet, base, "/rss")
    services.source_fetch(good)
    before = set(Clip.objects.values_list("pk", flat=True))
    broken = _source(outlet, base, "/broken")
    Source.objects.filter(pk__in=[good.pk, broken.pk]).update(next_check_at=clock.now())
    totals = services.sources_fetch_due()
    assert totals["errors"] >= 1
    broken, good = _fresh(broken), _fresh(good)
    assert broken.status == SourceStatus.ERROR
    assert "RSS" in broken.last_error and broken.error_count == 1
    assert good.status == SourceStatus.OK  # the other source ran in the same job
    assert before <= set(Clip.objects.values_list("pk", flat=True))
    # It is tried again later (backed off), not at every tick.
    assert broken.next_check_at > clock.now() + timedelta(minutes=50)


def test_slow_source_times_out(outlet_server, outlet, settings):
    base, routes, _hits = outlet_server
    settings.CLIPPING_FETCH_TIMEOUT = 0.5
    routes["/slow"] = "rss2.xml"
    source = _source(outlet, base, "/slow")
    services.source_fetch(source)
    source = _fresh(source)
    assert source.status == SourceStatus.ERROR
    assert source.last_error == "The source took too long to answer."
    assert not Clip.objects.filter(source=source).exists()


def test_article_page_with_trafilatura(outlet_server, outlet):
    base, routes, _hits = outlet_server
    routes["/cidades/ponte"] = "article.html"
    source = _source(outlet, base, "/cidades/ponte?utm_source=x", kind="page")
    services.source_fetch(source)
    clip = Clip.objects.get(source=source)
    assert clip.headline == "Ponte do Rio Verde é reaberta após reforma"
    assert "quatro meses" in clip.excerpt and "Início" not in clip.excerpt
    # The page's own canonical link names the article.
    assert clip.canonical_url == "jornaldaserra.example/cidades/ponte-rio-verde-reaberta"


def test_missing_page_is_an_error_on_the_source(outlet_server, outlet):
    base, _routes, _hits = outlet_server
    source = _source(outlet, base, "/nothing-here")
    services.source_fetch(source)
    source = _fresh(source)
    assert source.status == SourceStatus.ERROR
    assert source.last_error == "The server answered with the error 404."


def test_private_addresses_are_refused(settings, outlet_server, outlet):
    base, routes, _hits = outlet_server
    settings.CLIPPING_FETCH_ALLOWED_HOSTS = []
    with pytest.raises(FetchError):
        check_host("http://127.0.0.1:9/feed")
    with pytest.raises(FetchError):
        check_host("http://169.254.169.254/latest/meta-data")
    with pytest.raises(FetchError):
        check_host("file:///etc/passwd")
    # An allowed host that redirects to a private address is stopped at the redirect.
    settings.CLIPPING_FETCH_ALLOWED_HOSTS = ["127.0.0.1"]
    source = _source(outlet, base, "/redirect-to-private")
    services.source_fetch(source)
    assert _fresh(source).status == SourceStatus.ERROR
    assert "not public" in _fresh(source).last_error


def test_two_workers_claim_a_due_source_once(outlet_server, outlet):
    base, routes, hits = outlet_server
    routes["/rss"] = "rss2.xml"
    source = _source(outlet, base, "/rss")
    stale = Source.objects.get(pk=source.pk)
    assert services._claim(source, clock.now())
    assert not services._claim(stale, clock.now())  # the second worker read the same row


def test_folding_and_canonical_urls():
    assert fold("SAÚDE em São João") == "saude em sao joao"
    assert canonical_url("https://www.A.example/x/amp/?utm_source=y&b=2#top") == "a.example/x?b=2"
    assert canonical_url("http://a.example/x/") == canonical_url("https://a.example/x")


def test_terms_are_accent_and_case_insensitive_with_exclusions(demo):
    from clipping.matching import Matcher

    sms = Secretariat.objects.get(acronym="SMS")
    terms = [SearchTerm(text="Secretaria de Saúde", secretariat=sms),
             SearchTerm(text="novela", exclude=True)]
    matcher = Matcher(terms)
    assert matcher.match("a SECRETARIA DE SAUDE informou").matched
    assert not matcher.match("a secretaria de saudeeee").matched  # whole words only
    assert not matcher.match("Secretaria de Saúde na novela das nove").matched


def test_a_parser_crash_is_an_error_on_that_source_only(outlet_server, outlet, monkeypatch):
    from clipping import ingest

    base, routes, _hits = outlet_server
    routes["/rss"], routes["/atom"] = "rss2.xml", "atom.xml"
    bad, good = _source(outlet, base, "/rss"), _source(outlet, base, "/atom")
    real = ingest.parse_feed

    def parse(body, content_type=""):
        if b"Di\xc3\xa1rio do Vale" in body:
            raise RuntimeError("parser bug")
        return real(body, content_type)

    monkeypatch.setattr(ingest, "parse_feed", parse)
    Source.objects.filter(pk__in=[bad.pk, good.pk]).update(next_check_at=clock.now())
    services.sources_fetch_due()
    assert _fresh(bad).status == SourceStatus.ERROR
    assert _fresh(bad).last_error == "The source's content could not be read."
    assert _fresh(good).status == SourceStatus.OK
    assert Clip.objects.filter(source=good).exists()


def test_a_host_rebound_to_a_private_address_is_refused_at_connect_time(outlet_server,
                                                                        monkeypatch):
    """``localhost`` resolved to a public address when checked (a rebinding DNS server), then
    to loopback when connecting: the connected peer is checked too, and nothing is fetched."""
    from api.webhooks import safety
    from clipping.fetch import fetch

    base, routes, hits = outlet_server
    routes["/rss"] = "rss2.xml"
    monkeypatch.setattr(safety, "resolve", lambda host, port: ["93.184.216.34"])
    with pytest.raises(FetchError, match="could not be reached"):
        fetch(base.replace("127.0.0.1", "localhost") + "/rss")
    assert hits == []
