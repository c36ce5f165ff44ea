"""Triage on the kernel: keep (tone, themes, links), discard, reopen; suggestions; who may."""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from audit.models import AuditEvent
from campaigns.models import Campaign
from clipping import ingest, services
from clipping.models import Clip, ClipState, SearchTerm, Theme
from org.models import Secretariat
from pauta import clock
from pauta.lifecycle import NotAllowed, TransitionRefused
from plans.models import Channel
from press.models import Outlet
from workflows.models import ContentRequest, Publication

pytestmark = pytest.mark.django_db


@pytest.fixture
def outlet(demo):
    return Outlet.objects.create(name="Jornal de teste", type="portal", audience=5000)


def _clip(outlet, headline="Vale Verde inaugura a nova ponte do rio", text=None, links=()):
    text = text or ("A Prefeitura de Vale Verde inaugurou a ponte do rio nesta semana, com "
                    "investimento municipal e muita gente na festa de entrega da obra.")
    item = ingest.Item(url=f"https://jornal.example/{abs(hash(headline))}", headline=headline,
                       text=text, links=list(links))
    outcome = ingest.take([item], outlet=outlet)
    assert outcome.new == 1
    return outcome.clips[0]


def test_keep_with_tone_themes_and_links_is_audited(demo, outlet):
    clip = _clip(outlet)
    analyst = demo["elisa.editora"]
    theme = Theme.objects.get(name="Obras e mobilidade")
    semob = Secretariat.objects.get(acronym="SEMOB")
    services.clip_keep(clip=clip, by=analyst, tone="positive", themes=[theme],
                       secretariats=[semob])
    clip = Clip.objects.get(pk=clip.pk)
    assert (clip.state, clip.tone, clip.triaged_by) == (ClipState.KEPT, "positive", analyst)
    assert list(clip.themes.all()) == [theme] and list(clip.secretariats.all()) == [semob]
    event = AuditEvent.objects.filter(verb="clip_keep", target_id=str(clip.pk)).get()
    assert event.from_state == "triage" and event.to_state == "kept"
    assert event.actor == analyst and event.payload["tone"] == "positive"
    # Kept twice: the state says no, in a whole sentence.
    with pytest.raises(TransitionRefused, match="Kept"):
        services.clip_keep(clip=clip, by=analyst, tone="negative")
    services.clip_reopen(clip=clip, by=analyst)
    assert Clip.objects.get(pk=clip.pk).state == ClipState.TRIAGE


def test_only_the_analyst_triages(demo, outlet):
    clip = _clip(outlet)
    for username in ("diego.editor", "fernanda.chefe", "ana.saude"):
        with pytest.raises(NotAllowed):
            services.clip_keep(clip=clip, by=demo[username], tone="neutral")
        with pytest.raises(NotAllowed):
            services.clip_discard(clip=clip, by=demo[username])
    assert Clip.objects.get(pk=clip.pk).state == ClipState.TRIAGE
    assert not AuditEvent.objects.filter(verb__in=["clip_keep", "clip_discard"]).exists()


def test_keep_needs_a_tone(demo, outlet):
    clip = _clip(outlet)
    with pytest.raises(TransitionRefused, match="tone"):
        services.clip_keep(clip=clip, by=demo["elisa.editora"], tone="")
    assert Clip.objects.get(pk=clip.pk).state == ClipState.TRIAGE


def test_published_url_cited_suggests_the_publication_and_request(demo, outlet):
    sms = Secretariat.objects.get(acronym="SMS")
    request = ContentRequest.objects.create(
        secretariat=sms, requester=demo["ana.saude"], kind="news", title="Mutirão da saúde",
        brief="b")
    publication = Publication.objects.create(
        request=request, channel=Channel.objects.first(), title="Mutirão de exames no sábado",
        url="https://valeverde.example.gov.br/noticias/mutirao", published_at=clock.now())
    clip = _clip(outlet, headline="Mutirão em Vale Verde", links=[
        "https://www.valeverde.example.gov.br/noticias/mutirao/?utm_source=jornal"])
    assert clip.suggestions["publication"] == publication.pk
    assert clip.suggestions["request"] == request.pk and "url" in clip.suggestions["why"]
    # A release title quoted in the text suggests it too.
    quoted = _clip(outlet, headline="Vale Verde chama moradores",
                   text="Segundo a prefeitura de Vale Verde, o mutirão de exames no sábado "
                        "atenderá três mil pessoas no distrito, com médicos e enfermeiros.")
    assert quoted.suggestions["request"] == request.pk and "title" in quoted.suggestions["why"]


def test_campaign_hashtag_suggests_the_campaign(demo, outlet):
    sms = Secretariat.objects.get(acronym="SMS")
    campaign = Campaign.objects.create(
        secretariat=sms, requester=demo["ana.saude"], title="Vacinação de inverno", brief="b",
        start=clock.today(), end=clock.today())
    SearchTerm.objects.filter(text="#VacinaValeVerde").update(campaign=campaign)
    clip = _clip(outlet, headline="Postos abertos até as 21h",
                 text="Os postos abrem até as 21h durante a campanha #VacinaValeVerde, com "
                      "vacina para todos os moradores acima de seis meses de idade.")
    assert clip.suggestions["campaign"] == campaign.pk
    assert "hashtag" in clip.suggestions["why"]
    assert clip.secretariats.filter(acronym="SMS").exists()


def test_triage_over_http(demo, outlet):
    clip = _clip(outlet)
    second = _clip(outlet, headline="Vale Verde recebe prêmio de gestão pública",
                   text="Vale Verde recebeu o prêmio estadual de gestão pública pela rede de "
                        "atendimento digital, entregue em cerimônia na capital do estado.")
    analyst = Client()
    analyst.force_login(demo["elisa.editora"])
    page = analyst.get(f"/clipping/{clip.pk}/")
    assert page.status_code == 200
    assert f'action="/clipping/{clip.pk}/do/keep/"' in page.content.decode()
    response = analyst.post(f"/clipping/{clip.pk}/do/keep/", {"tone": "positive",
                                                               "next": "queue"})
    assert response.status_code == 302 and Clip.objects.get(pk=clip.pk).state == "kept"
    # "Keep and next": the analyst lands on the next clip of the queue.
    queue = Clip.objects.filter(state="triage").order_by("published_at")
    assert response["Location"] == f"/clipping/{queue.first().pk}/"
    # A bad tone is an error message, nothing moves.
    response = analyst.post(f"/clipping/{second.pk}/do/keep/", {"tone": "furious"},
                            follow=True)
    assert Clip.objects.get(pk=second.pk).state == "triage"
    assert response.status_code == 200
    editor = Client()
    editor.force_login(demo["diego.editor"])
    assert editor.post(f"/clipping/{second.pk}/do/discard/").status_code == 403
    assert editor.get(f"/clipping/{second.pk}/").status_code == 200  # the team reads clips
    assert analyst.post(f"/clipping/{second.pk}/do/explode/").status_code == 404
    requester = Client()
    requester.force_login(demo["ana.saude"])
    assert requester.get("/clipping/").status_code == 403


def test_manual_entry_with_a_scan(demo, outlet, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    analyst = Client()
    analyst.force_login(demo["elisa.editora"])
    scan = SimpleUploadedFile("pagina.pdf", b"%PDF-1.4 scan", content_type="application/pdf")
    response = analyst.post("/clipping/new/", {
        "outlet": outlet.pk, "medium": "print", "published_at": "2026-11-30T08:00",
        "headline": "Vale Verde na capa", "page_or_programme": "Página 3",
        "summary": "Reportagem sobre a ponte.", "full_text": "Texto integral da reportagem.",
        "file": scan})
    assert response.status_code == 302
    clip = Clip.objects.get(headline="Vale Verde na capa")
    assert clip.full_text == "Texto integral da reportagem." and clip.is_manual
    assert clip.file and clip.state == "triage"
    assert analyst.get(f"/clipping/{clip.pk}/file/").status_code == 200
    # Neither a summary nor a transcript: refused with a sentence, nothing written.
    response = analyst.post("/clipping/new/", {
        "outlet": outlet.pk, "medium": "radio", "published_at": "2026-11-30T08:00",
        "headline": "Sem texto"})
    assert response.status_code == 200 and not Clip.objects.filter(headline="Sem texto").exists()
    # A file that is not a scan, audio or video is refused.
    bad = SimpleUploadedFile("x.exe", b"MZ", content_type="application/octet-stream")
    response = analyst.post("/clipping/new/", {
        "outlet": outlet.pk, "medium": "tv", "published_at": "2026-11-30T08:00",
        "headline": "Arquivo ruim", "summary": "s", "file": bad})
    assert response.status_code == 200
    assert not Clip.objects.filter(headline="Arquivo ruim").exists()
    editor = Client()
    editor.force_login(demo["diego.editor"])
    assert editor.get("/clipping/new/").status_code == 403


def test_repercussion_and_negative_spike_alert(demo, outlet, settings):
    from datetime import timedelta

    from audit.models import AuditEvent
    from clipping.selectors import by, by_objective, kept, negative_spikes
    from clipping.services import negative_spike_alerts
    from plans.models import Plan

    settings.CLIPPING_NEGATIVE_SPIKE_MIN = 3
    outlet.audience = 1000
    outlet.save()
    action = Plan.objects.filter(state="approved").first().actions.first()
    sms = Secretariat.objects.get(acronym="SMS")
    campaign = Campaign.objects.create(
        secretariat=sms, requester=demo["ana.saude"], title="Campanha repercutida", brief="b",
        start=clock.today(), end=clock.today(), plan_action=action)
    theme = Theme.objects.get(name="Saúde")
    for n, tone in enumerate(["negative", "negative", "negative", "positive"]):
        clip = Clip.objects.create(outlet=outlet, headline=f"Repercussão {n}", tone=tone,
                                   state="kept", campaign=campaign,
                                   published_at=clock.now() - timedelta(days=1))
        clip.themes.add(theme)
    qs = kept(since=clock.now() - timedelta(days=30))
    [row] = [r for r in by(qs, "campaign", "campaign__title") if r.key == campaign.pk]
    assert (row.clips, row.negative_share, row.positive_share, row.reach) == (4, 75, 25, 4000)
    [objective] = [r for r in by_objective(qs) if r.key == action.objective_id]
    assert objective.clips == 4 and objective.outlets == 1
    assert [s.theme for s in negative_spikes()] == ["Saúde"]
    assert negative_spike_alerts() == 1
    assert negative_spike_alerts() == 0  # once a day per theme
    event = AuditEvent.objects.get(verb="clip_negative_spike")
    assert event.payload["recent"] == 3
    client = Client()
    client.force_login(demo["helena.gestora"])
    page = client.get("/clipping/repercussion/?days=30").content.decode()
    assert "Campanha repercutida" in page and "75%" in page
    # The analysts are told (notifications follow the verb's recipients after commit).
    from audit import registry

    told = registry.get("clip_negative_spike").recipients(event)
    assert demo["elisa.editora"] in told and demo["ana.saude"] not in told


def _published(demo, title, channel):
    request = ContentRequest.objects.create(
        secretariat=Secretariat.objects.get(acronym="SMS"), requester=demo["ana.saude"],
        kind="news", title=title, brief="b")
    ContentRequest.objects.filter(pk=request.pk).update(state="published")
    return Publication.objects.create(
        request=request, channel=channel, title=title, published_at=clock.now(),
        url=f"https://valeverde.example.gov.br/noticias/{abs(hash(title))}")


def test_the_analyst_links_or_corrects_the_publication(demo, outlet):
    channel = Channel.objects.first()
    mine = _published(demo, "Mutirão de exames no sábado", channel)
    other = _published(demo, "Campanha do agasalho começa", channel)
    unpublished = Publication.objects.create(request=other.request,
                                             channel=Channel.objects.exclude(pk=channel.pk)
                                             .first(), title="Ainda não")
    clip = _clip(outlet, headline="Mutirão em Vale Verde", links=[mine.url])
    analyst = Client()
    analyst.force_login(demo["elisa.editora"])
    page = analyst.get(f"/clipping/{clip.pk}/").content.decode()
    page = re.search(r'<select name="publication".*?</select>', page, re.S).group(0)
    # The suggested publication is pre-chosen; the field offers published ones only.
    assert f'<option value="{mine.pk}" selected>' in page
    assert f'<option value="{other.pk}">' in page
    assert f'<option value="{unpublished.pk}"' not in page
    url = f"/clipping/{clip.pk}/do/keep/"
    # A publication of another request than the chosen one: an error, nothing moves.
    response = analyst.post(url, {"tone": "positive", "request": mine.request_id,
                                  "publication": other.pk}, follow=True)
    assert response.status_code == 200
    assert "belongs to another request" in response.content.decode()
    # Forged ids: unpublished, unknown, out of range, not a number — invalid choices.
    for forged in (unpublished.pk, 999999, 2**40, "x; drop"):
        response = analyst.post(url, {"tone": "positive", "publication": forged}, follow=True)
        assert response.status_code == 200
    assert Clip.objects.get(pk=clip.pk).state == ClipState.TRIAGE
    assert not AuditEvent.objects.filter(verb="clip_keep", target_id=str(clip.pk)).exists()
    # The analyst corrects the suggestion: another publication, its request follows.
    response = analyst.post(url, {"tone": "positive", "publication": other.pk})
    assert response.status_code == 302
    clip = Clip.objects.get(pk=clip.pk)
    assert (clip.state, clip.publication, clip.request) == (ClipState.KEPT, other,
                                                            other.request)
    assert other.title in analyst.get(f"/clipping/{clip.pk}/").content.decode()
    # A matching request and publication are kept together; none at all keeps none.
    again = _clip(outlet, headline="Outra matéria sobre o mutirão",
                  text="O mutirão de Vale Verde atendeu moradores de todos os distritos, "
                       "segundo a secretaria, com filas curtas e atendimento até a noite.")
    analyst.post(f"/clipping/{again.pk}/do/keep/", {"tone": "neutral", "request":
                                                     mine.request_id, "publication": mine.pk})
    again = Clip.objects.get(pk=again.pk)
    assert (again.publication, again.request) == (mine, mine.request)
