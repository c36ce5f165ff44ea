"""The demo's clipping: sources on eight of the press desk's demo outlets, search terms,
themes and subscribers (fast: part of every seed) and, with the history, 300 clips over the
year with tones, themes and links to demo requests and campaigns (bulk-created: a few queries)."""

import random
from datetime import timedelta

from django.db import transaction

from clipping.models import (
    Clip,
    ClipState,
    SearchTerm,
    Source,
    SourceKind,
    SourceStatus,
    Subscription,
    Theme,
    Tone,
    medium_of,
)
from clipping.text import canonical_url, fingerprint
from org.models import Secretariat
from pauta import clock
from press.demo import seed_outlets

# The feeds of eight of the press desk's demo outlets (press.demo: one list of outlets).
FEEDS = [("Diário do Vale", "/rss"), ("Folha Regional", "/feed.xml"),
         ("Portal Vale Agora", "/feed"), ("Rádio Vale FM", "/feed.atom"),
         ("TV Vale Verde", "/noticias/rss"), ("G-Notícias", "/rss"),
         ("Rádio Nacional do Interior", "/rss"), ("Agência Estadual de Notícias", "/atom.xml")]
TERMS = [  # text, kind, secretariat acronym, exclude
    ("Vale Verde", "municipality", "", False),
    ("Prefeitura de Vale Verde", "municipality", "GAB", False),
    ("Secretaria de Saúde", "secretariat", "SMS", False),
    ("Secretaria de Obras", "secretariat", "SEMOB", False),
    ("Secretaria de Educação", "secretariat", "SEMED", False),
    ("Secretaria de Cultura", "secretariat", "SECULT", False),
    ("Secretaria de Meio Ambiente", "secretariat", "SEMMA", False),
    ("#VacinaValeVerde", "hashtag", "SMS", False),
    ("horóscopo", "other", "", True),
]
THEMES = ["Saúde", "Educação", "Obras e mobilidade", "Cultura", "Meio ambiente",
          "Assistência social", "Segurança e defesa civil"]
SUBSCRIBERS = [("Gabinete do Prefeito", "gabinete@valeverde.example.gov.br"),
               ("Diretoria de Comunicação", "dicom@valeverde.example.gov.br")]
# theme, secretariat, headlines (positive, neutral, negative)
STORIES = [
    ("Saúde", "SMS", ["Vale Verde amplia horário dos postos de saúde",
                      "Secretaria de Saúde divulga calendário de vacinação",
                      "Moradores reclamam de filas nos postos de Vale Verde"]),
    ("Educação", "SEMED", ["Escolas de Vale Verde recebem novos laboratórios",
                           "Vale Verde abre matrículas da rede municipal",
                           "Falta de professores atrasa aulas em Vale Verde"]),
    ("Obras e mobilidade", "SEMOB", ["Vale Verde entrega recapeamento da avenida Central",
                                     "Prefeitura de Vale Verde anuncia obras de drenagem",
                                     "Buracos e atraso em obra irritam moradores de Vale Verde"]),
    ("Cultura", "SECULT", ["Festival de Inverno de Vale Verde bate recorde de público",
                           "Vale Verde divulga programação cultural do mês",
                           "Centro cultural de Vale Verde segue fechado, critica vereador"]),
    ("Meio ambiente", "SEMMA", ["Vale Verde planta mil árvores às margens do rio",
                                "Secretaria de Meio Ambiente de Vale Verde faz vistoria",
                                "Denúncia de lixo irregular no rio Verde preocupa"]),
]


def seed_clipping(out) -> None:
    """The press desk's demo outlets, sources on eight of them (not fetched in the demo: their
    hosts are examples), terms, themes and subscribers; idempotent."""
    by_acronym = {s.acronym: s for s in Secretariat.objects.all()}
    outlets = {outlet.name: outlet for outlet in seed_outlets()}
    for name, feed in FEEDS:
        outlet = outlets[name]
        Source.objects.get_or_create(url=outlet.website + feed, defaults={
            "outlet": outlet, "kind": SourceKind.FEED, "interval_minutes": 30,
            "active": False, "status": SourceStatus.NEW})
    for text, kind, acronym, exclude in TERMS:
        SearchTerm.objects.get_or_create(text=text, exclude=exclude, defaults={
            "kind": kind, "secretariat": by_acronym.get(acronym)})
    for name in THEMES:
        Theme.objects.get_or_create(name=name)
    for name, email in SUBSCRIBERS:
        Subscription.objects.get_or_create(email=email, defaults={"name": name})
    out(f"{len(FEEDS)} clipping sources, {len(TERMS)} search terms")


def seed_clips(out, count: int = 300) -> None:
    """A year of clips (history): tones, themes, links to published requests and campaigns."""
    from campaigns.models import Campaign
    from workflows.models import ContentRequest

    if Clip.objects.filter(source__isnull=False, guid__startswith="demo-").exists():
        return
    rng = random.Random(19)
    sources = {s.outlet_id: s for s in Source.objects.filter(
        outlet__name__in=[name for name, _feed in FEEDS]).select_related("outlet")}
    outlets = sorted((s.outlet for s in sources.values()), key=lambda o: o.name)
    themes = {t.name: t for t in Theme.objects.all()}
    secretariats = {s.acronym: s for s in Secretariat.objects.all()}
    requests = {}
    for request in ContentRequest.objects.filter(state__in=["published", "archived"]).only(
            "pk", "secretariat__acronym", "campaign_id", "plan_action_id").select_related(
            "secretariat"):
        requests.setdefault(request.secretariat.acronym.split("-")[0], []).append(request)
    campaigns = {}
    for campaign in Campaign.objects.select_related("secretariat").only(
            "pk", "plan_action_id", "secretariat__acronym"):
        campaigns.setdefault(campaign.secretariat.acronym, []).append(campaign)
    vaccine = Campaign.objects.filter(title="Vacinação contra a gripe").first()
    if vaccine:
        SearchTerm.objects.filter(text="#VacinaValeVerde").update(campaign=vaccine)
    from clipping.digest import digest_build, window

    now = clock.now()
    start, _end = window(clock.today())
    clips, links = [], []
    for n in range(count):
        theme, acronym, headlines = STORIES[n % len(STORIES)]
        tones = [Tone.POSITIVE, Tone.NEUTRAL, Tone.NEGATIVE]
        tone = rng.choices(tones, [4, 4, 2])[0]
        headline = f"{headlines[tones.index(tone)]} ({n + 1})"
        outlet = rng.choice(outlets)
        published = now - timedelta(days=rng.randint(1, 364), hours=rng.randint(0, 12))
        if n < 12:  # the clips of this morning's daily clipping
            published = start + timedelta(hours=7 + n)
        text = (f"{headline}. Reportagem do {outlet.name} sobre {theme.lower()} em Vale Verde, "
                f"com entrevistas de moradores e da secretaria responsável, número {n + 1}.")
        url = f"{outlet.website}/noticias/{published:%Y/%m}/{n + 1}"
        state = (ClipState.KEPT if n % 7 != 3 or n < 12
                 else rng.choice([ClipState.TRIAGE, ClipState.DISCARDED]))
        request = rng.choice(requests.get(acronym) or [None]) if rng.random() < 0.4 else None
        campaign = rng.choice(campaigns.get(acronym) or [None]) if rng.random() < 0.35 else None
        clips.append(Clip(
            outlet=outlet, source=sources.get(outlet.pk), medium=medium_of(outlet), url=url,
            canonical_url=canonical_url(url), fingerprint=fingerprint(text), guid=f"demo-{n}",
            headline=headline, excerpt=text, published_at=published,
            matched_terms="Vale Verde", state=state,
            tone=tone if state == ClipState.KEPT else "", suggested_tone=tone,
            request=request if state == ClipState.KEPT else None,
            campaign=(campaign or (request.campaign if request and request.campaign_id
                                   else None)) if state == ClipState.KEPT else None,
            plan_action_id=(request.plan_action_id if request else
                            campaign.plan_action_id if campaign else None)
            if state == ClipState.KEPT else None,
            created_at=published, triaged_at=published if state != ClipState.TRIAGE else None))
        links.append((theme, acronym))
    with transaction.atomic():
        created = Clip.objects.bulk_create(clips)
        Clip.themes.through.objects.bulk_create([
            Clip.themes.through(clip_id=clip.pk, theme_id=themes[theme].pk)
            for clip, (theme, _a) in zip(created, links, strict=True) if theme in themes])
        Clip.secretariats.through.objects.bulk_create([
            Clip.secretariats.through(clip_id=clip.pk, secretariat_id=secretariats[a].pk)
            for clip, (_t, a) in zip(created, links, strict=True) if a in secretariats])
    digest = digest_build(clock.today())
    out(f"{len(created)} clips over the year; the daily clipping of today: "
        f"{digest.clip_count} clips")
