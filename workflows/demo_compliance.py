"""Demo requests of the compliance engine: a few requests in production whose texts trigger
every rule (titles start with "[Conformidade]"), on the engine's demo configuration
(``approvals.compliance.demo``: officials, domain, a mourning day).

Idempotent: requests by title.
"""

import datetime as dt

from django.core.files.uploadedfile import SimpleUploadedFile

from approvals.compliance.demo import seed_configuration
from approvals.compliance.models import PublicOfficial
from pauta import clock

PNG = (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00"
       b"\x00\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N"
       b"\x00\x00\x00\x00IEND\xaeB`\x82")
PREFIX = "[Conformidade]"
HARD = ("Considerando a imprescindibilidade da otimização dos procedimentos administrativos "
        "concernentes à regularização fundiária, a Administração Municipal, mediante "
        "deliberação colegiada e consubstanciada nas disposições regulamentares pertinentes, "
        "estabelece a obrigatoriedade da apresentação da documentação comprobatória "
        "correspondente, sob pena de indeferimento liminar das solicitações protocolizadas "
        "extemporaneamente pelos interessados, independentemente de notificação.")


def seed_compliance(out) -> None:
    mourning_day = seed_configuration()
    made = sum(_request(spec, mourning_day) for spec in _specs(mourning_day))
    out(f"compliance: {PublicOfficial.objects.count()} officials, {made} demo requests created")


def _specs(mourning_day):
    from calendars.demo import ELECTION

    return [
        {"acronym": "SEMED", "kind": "news", "channels": ["portal", "facebook"],
         "title": "Inauguração da creche do Jardim das Flores", "plan": True,
         "body": ("<p>O <strong>Prefeito Joaquim</strong> inaugurou a creche que vai atender "
                  "a terceira idade e as crianças do bairro. Vale Verde nas mãos do Joaquim!</p>"
                  "<p>Para ver as fotos, <a href=\"http://valeverde.example.gov.br/fotos\">"
                  "clique aqui</a>. Inscrições em https://bit.ly/creche-vv e em "
                  "https://www.inscricoes-creche.com.br. #inauguracaodacreche</p>")},
        {"acronym": "SMS", "kind": "social", "channels": ["instagram"],
         "title": "Mutirão de atualização cadastral", "plan": True, "minors": True,
         "body": ("Mutirão de cadastro neste sábado! 🎉🎉🎉🎉 Dúvidas com a Maria (CPF "
                  "529.982.247-25), telefone (11) 98765-4321 ou maria.silva@gmail.com.\n"
                  "Nascida em 12/03/1985, ela organiza o atendimento. Moradores de Portugal: "
                  "NIF 123 456 789. ✅👏 #ValeVerde")},
        {"acronym": "SEMOB", "kind": "printed", "channels": ["outdoor"],
         "title": "Regularização fundiária — texto longo", "plan": True, "body": HARD},
        {"acronym": "SECULT", "kind": "video", "channels": ["youtube"],
         "title": "Vídeo do Festival de Inverno", "plan": False,
         "body": "Veja como foi o Festival de Inverno de Vale Verde, com música e teatro."},
        {"acronym": "SMS", "kind": "news", "channels": ["portal"],
         "title": "Campanha de vacinação durante o período eleitoral", "plan": True,
         "desired": ELECTION - dt.timedelta(days=20), "image": True,
         "body": "A vacinação contra a gripe continua em todas as unidades de saúde."},
        {"acronym": "SEMAS", "kind": "news", "channels": ["portal"],
         "title": "Balanço do programa de assistência social", "plan": True,
         "desired": mourning_day, "image": True,
         "body": "O programa de assistência social atendeu 3.200 famílias em 2026."},
    ]


def _request(spec, mourning_day) -> int:
    from org.models import Secretariat, User
    from plans.models import Channel
    from plans.selectors import actions_open_for
    from workflows import services
    from workflows.demo import REQUESTERS, _urgency
    from workflows.models import ContentRequest

    title = f"{PREFIX} {spec['title']}"
    if ContentRequest.objects.filter(title=title).exists():
        return 0
    secretariat = Secretariat.objects.get(acronym=spec["acronym"])
    requester = User.objects.get(username=REQUESTERS[spec["acronym"]])
    editor = User.objects.get(username="diego.editor")
    desired = spec.get("desired") or clock.today() + dt.timedelta(days=10)
    action = actions_open_for(secretariat, clock.today()).first() if spec["plan"] else None
    request = services.request_create(
        by=requester, secretariat=secretariat, kind=spec["kind"], title=title,
        brief=f"{spec['title']}. Pedido de demonstração das verificações de conformidade.",
        desired_date=desired, plan_action=action, priority_justification=_urgency(
            spec["kind"], desired), channels=Channel.objects.filter(code__in=spec["channels"]))
    request = services.request_submit(request=request, by=requester)
    request = services.request_accept(request=request, by=editor)
    for channel in request.channels.all():
        services.publication_save(request=request, by=editor, channel=channel,
                                  title=spec["title"], body=spec["body"])
    if spec.get("image") or spec.get("minors"):
        services.attachment_add(
            request=request, by=editor, uploaded=SimpleUploadedFile("foto.png", PNG, "image/png"),
            alt_text="" if spec.get("minors") else "Foto ilustrativa da ação.",
            shows_minors=bool(spec.get("minors")))
    return 1


def schedule_with_overrides(request, *, editor, approver, when):
    """Set every channel's date, let the approver override the warnings, then schedule
    (the demo history's path through the scheduling gate)."""
    from approvals.compliance.services import warnings_override_all
    from workflows import services

    for publication in request.publications.all():
        services.publication_reschedule(publication=publication, scheduled_at=when, by=editor)
    warnings_override_all(request=request, by=approver,
                          reason="Ciente dos alertas; publicação autorizada pela chefia.")
    return services.request_schedule(request=request, by=editor)
