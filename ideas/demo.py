"""Demo staff ideas: 25 across the year, in every state, with supports and comments, all
through the services (their history is in the audit trail like any other)."""

import random
from datetime import timedelta

from ideas import services
from ideas.models import Idea
from org.models import Secretariat, User
from pauta import clock

IDEAS = [  # (title, acronym, final state)
    ("Agendamento de consultas pelo WhatsApp", "SMS", "done"),
    ("Placas com QR code nas unidades de saúde", "SMS", "accepted"),
    ("Boletim semanal das obras em áudio", "SEMOB", "under_study"),
    ("Mapa das obras em andamento no portal", "SEMOB", "done"),
    ("Calendário escolar em formato para celular", "SEMED", "accepted"),
    ("Vídeos curtos em Libras nas campanhas", None, "done"),
    ("Canal de dúvidas sobre matrícula", "SEMED", "new"),
    ("Oficina de escrita simples para os servidores", None, "under_study"),
    ("Fotos das equipes nas matérias do portal", None, "declined"),
    ("Agenda cultural unificada", "SECULT", "accepted"),
    ("Aviso de coleta de lixo por bairro", "SEMMA", "new"),
    ("Rádio comunitária com informes da Prefeitura", None, "under_study"),
    ("Cartilha do servidor recém-chegado", None, "done"),
    ("Selo de linguagem simples nos formulários", None, "new"),
    ("Podcast com as secretarias", None, "declined"),
    ("Alertas da Defesa Civil por SMS", "COMDEC", "accepted"),
    ("Painel de indicadores da saúde no portal", "SMS", "under_study"),
    ("Mutirão de fotos das praças reformadas", "SEMOB", "new"),
    ("Concurso de fotografia sobre a cidade", "SECULT", "declined"),
    ("Campanha de doação de agasalhos na intranet", "SEMAS", "done"),
    ("Glossário de termos da Prefeitura", None, "accepted"),
    ("Perguntas frequentes do IPTU em vídeo", "SEFAZ", "under_study"),
    ("Transmissão das audiências públicas", None, "new"),
    ("Mural digital nas escolas", "SEMED", "declined"),
    ("Guia de eventos esportivos do ano", "SEMEL", "new"),
]
AUTHORS = ["ana.saude", "bruno.educacao", "carla.obras", "flavia.ambiente", "eduardo.social",
           "daniela.cultura", "diego.editor", "elisa.editora", "helena.gestora"]
COMMENTS = ["Ótima ideia, ajudaria muito o atendimento.", "Já vi funcionar em outra cidade.",
            "Precisamos pensar na acessibilidade também.", "Apoio, com prioridade."]
PATH = {"new": [], "under_study": ["study"], "accepted": ["study", "accept"],
        "done": ["study", "accept", "complete"], "declined": ["study", "decline"]}


def seed_ideas(out) -> None:
    if Idea.objects.exists():
        out(f"{Idea.objects.count()} staff ideas already there")
        return
    people = {u.username: u for u in User.objects.filter(username__in=[
        *AUTHORS, "fernanda.chefe"])}
    secretariats = {s.acronym: s for s in Secretariat.objects.all()}
    triager = people["fernanda.chefe"]
    rng = random.Random(21)
    start = clock.now() - timedelta(days=300)
    for n, (title, acronym, state) in enumerate(IDEAS):
        moment = start + timedelta(days=12 * n, hours=rng.randint(8, 17))
        author = people[AUTHORS[n % len(AUTHORS)]]
        with clock.travel(moment):
            idea = services.idea_propose(
                by=author, title=title, secretariat=secretariats.get(acronym),
                description=f"{title}: uma sugestão para aproximar a Prefeitura da população "
                            "e facilitar o trabalho das equipes.")
        for k, username in enumerate(rng.sample(AUTHORS, rng.randint(0, 6))):
            if username == author.username:
                continue
            with clock.travel(moment + timedelta(hours=k + 1)):
                services.idea_support(idea=idea, by=people[username])
        if n % 3 == 0:
            with clock.travel(moment + timedelta(hours=9)):
                services.idea_comment(idea=idea, by=people[AUTHORS[(n + 2) % len(AUTHORS)]],
                                      text=COMMENTS[n % len(COMMENTS)])
        for k, verb in enumerate(PATH[state]):
            with clock.travel(moment + timedelta(days=3 + 5 * k)):
                if verb == "decline":
                    services.idea_decline(idea=idea, by=triager,
                                          reason="Não cabe no orçamento deste ano.")
                else:
                    getattr(services, f"idea_{verb}")(idea=idea, by=triager)
    out(f"{len(IDEAS)} staff ideas")
