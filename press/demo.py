"""The demo press desk: two outlets per type, 30 journalists, 40 inquiries over the past year
in every state (some answered late, some open past their deadline), and the answer policies.

Fast: outlets, journalists, inquiries and their kept e-mails are bulk-created with their
states and dates; only the inquiries in approval open their steps through the engine.
Idempotent: nothing is added when the demo journalists exist.
"""

from datetime import timedelta

from django.contrib.auth.models import Group

from approvals.models import ApprovalPolicy, PolicyStep, PolicyTarget
from approvals.services import steps_open_round
from audit.services import record
from org.models import Secretariat, User
from pauta import clock
from press.models import (
    AnswerMail,
    Inquiry,
    InquiryState,
    Journalist,
    LegalBasis,
    Outlet,
    OutletType,
    Reach,
)

OUTLETS = [  # name, type, reach, city, website, estimated audience
    ("Diário do Vale", OutletType.NEWSPAPER, Reach.LOCAL, "Vale Verde",
     "https://diariodovale.example", 45000),
    ("Folha Regional", OutletType.NEWSPAPER, Reach.REGIONAL, "Campo Alto",
     "https://folharegional.example", 18000),
    ("Rádio Vale FM", OutletType.RADIO, Reach.LOCAL, "Vale Verde",
     "https://radiovalefm.example", 30000),
    ("Rádio Nacional do Interior", OutletType.RADIO, Reach.REGIONAL, "Serra Azul",
     "https://radionacionaldointerior.example", 55000),
    ("TV Vale Verde", OutletType.TV, Reach.REGIONAL, "Vale Verde",
     "https://tvvaleverde.example", 120000),
    ("Rede Brasil TV", OutletType.TV, Reach.NATIONAL, "São Paulo",
     "https://redebrasiltv.example", 900000),
    ("Portal Vale Agora", OutletType.PORTAL, Reach.LOCAL, "Vale Verde",
     "https://valeagora.example", 60000),
    ("G-Notícias", OutletType.PORTAL, Reach.NATIONAL, "Rio de Janeiro",
     "https://gnoticias.example", 400000),
    ("Agência Estadual de Notícias", OutletType.AGENCY, Reach.REGIONAL, "Capital",
     "https://agenciaestadual.example", 25000),
    ("Agência Brasil Press", OutletType.AGENCY, Reach.NATIONAL, "Brasília",
     "https://agenciabrasilpress.example", 0),
]
FIRST = ["Alice", "Bernardo", "Camila", "Davi", "Elaine", "Fábio", "Giovana", "Heitor",
         "Isabela", "João", "Karina", "Lucas", "Marina", "Nelson", "Olívia"]
LAST = ["Amaral", "Barros", "Cardoso", "Duarte", "Esteves", "Freitas"]
BEATS = ["saúde", "educação", "obras", "cultura", "meio ambiente", "assistência social",
         "política", "cidade", "economia", "esporte"]
THEMES = [("Fila de espera nas UBS", "SMS", False), ("Falta de merenda", "SEMED", True),
          ("Buracos na Avenida Central", "SEMOB", False), ("Festival de inverno", "SECULT", False),
          ("Queimadas na serra", "SEMMA", False), ("Denúncia no abrigo municipal", "SEMAS", True),
          ("Obras do novo viaduto", "SEMOB", False), ("Vacinação contra a gripe", "SMS", False),
          ("Matrículas na rede municipal", "SEMED", False),
          ("Chuvas e áreas de risco", "COMDEC", True)]
# (state, how many): 40 inquiries, every state.
PLAN = [(InquiryState.CLOSED, 14), (InquiryState.SENT, 4), (InquiryState.DECLINED, 3),
        (InquiryState.NO_POSITION, 3), (InquiryState.RECEIVED, 4),
        (InquiryState.WITH_SECRETARIAT, 4), (InquiryState.DRAFTED, 3),
        (InquiryState.IN_APPROVAL, 3), (InquiryState.APPROVED, 2)]
OPEN = {InquiryState.RECEIVED, InquiryState.WITH_SECRETARIAT, InquiryState.DRAFTED,
        InquiryState.IN_APPROVAL, InquiryState.APPROVED}
ANSWER = ("A Prefeitura informa que acompanha o caso e que as equipes da secretaria já "
          "atuam no local. Novas informações serão divulgadas nos canais oficiais.")


FINISHED = sum(count for state, count in PLAN if state not in OPEN)


def ago(index: int) -> int:
    """Days before today of the ``index``-th finished inquiry: from 3 to 364, the states
    interleaved (a step coprime with their number visits every slot once)."""
    slot = (index * 7) % FINISHED
    return 3 + slot * 361 // (FINISHED - 1)


def seed_press_policies() -> None:
    """Answers go to the head of communication; sensitive themes then to legal."""
    approver = Group.objects.get(name="Approver")
    legal = Group.objects.get(name="Legal reviewer")
    base, _ = ApprovalPolicy.objects.update_or_create(
        name="Imprensa: chefia de comunicação",
        defaults={"active": True, "applies_to": PolicyTarget.INQUIRY})
    PolicyStep.objects.update_or_create(policy=base, name="Aprovação da resposta pela chefia",
                                        defaults={"stage": 1, "group": approver, "legal": False,
                                                  "approvers": PolicyStep.Approvers.GROUP})
    sensitive, _ = ApprovalPolicy.objects.update_or_create(
        name="Imprensa: jurídico para tema sensível",
        defaults={"active": True, "applies_to": PolicyTarget.INQUIRY,
                  "only_when_sensitive": True})
    PolicyStep.objects.update_or_create(policy=sensitive, name="Análise jurídica da resposta",
                                        defaults={"stage": 2, "group": legal, "legal": True,
                                                  "approvers": PolicyStep.Approvers.GROUP})


def seed_outlets() -> list[Outlet]:
    """The ten demo outlets (idempotent): the desk's contacts work there, and clipping follows
    eight of them (``clipping.demo``)."""
    outlets = []
    for name, kind, reach, city, website, audience in OUTLETS:
        outlet, _ = Outlet.objects.get_or_create(name=name, defaults={
            "type": kind, "reach": reach, "city": city, "website": website,
            "audience": audience})
        outlets.append(outlet)
    return outlets


def seed_press(out) -> None:
    seed_press_policies()
    if Journalist.objects.filter(source="Demonstração").exists():
        out("press desk already seeded")
        return
    officer = User.objects.get(username="elisa.editora")
    outlets = seed_outlets()
    journalists = Journalist.objects.bulk_create([
        Journalist(name=f"{FIRST[i % 15]} {LAST[i % 6]}", outlet=outlets[i % 10],
                   beats=", ".join({BEATS[i % 10], BEATS[(i * 3 + 1) % 10]}),
                   email=f"jornalista{i + 1:02d}@imprensa.example.com",
                   phone=f"(11) 3{i:03d}-{1000 + i}", legal_basis=LegalBasis.LEGITIMATE_INTEREST,
                   source="Demonstração", opted_out_at=clock.now() if i == 29 else None)
        for i in range(30)])
    secretariats = {s.acronym: s for s in Secretariat.objects.all()}
    now = clock.now().replace(minute=0, second=0, microsecond=0)
    rows, n, finished = [], 0, 0
    for state, count in PLAN:
        for k in range(count):
            theme, acronym, sensitive = THEMES[n % len(THEMES)]
            journalist = journalists[n % 30]
            if state in OPEN:  # this week: some deadlines passed, the others to come
                created = now - timedelta(hours=6 + 5 * k)
                deadline = created + timedelta(hours=4 if k % 2 == 0 else 30)
            else:  # spread over the whole past year, the finished states mixed
                created = now - timedelta(days=ago(finished), hours=n % 7)
                deadline = created + timedelta(hours=8 + (n % 3) * 8)
                finished += 1
            late = n % 5 == 0  # one answer in five went out after the deadline
            answered = created + timedelta(hours=(12 if late else 3) + (n % 3) * 8)
            fields = {
                "journalist": journalist, "outlet": journalist.outlet,
                "secretariat": secretariats[acronym], "theme": theme,
                "questions": f"Qual a posição da Prefeitura sobre: {theme.lower()}? "
                             "Há prazo para uma solução?",
                "deadline": deadline, "sensitive": sensitive, "state": state,
                "registered_by": officer, "created_at": created,
                "received_via": ["phone", "email", "form"][n % 3]}
            if state not in (InquiryState.RECEIVED,):
                fields["forwarded_at"] = created + timedelta(hours=1)
            if state in (InquiryState.DRAFTED, InquiryState.IN_APPROVAL, InquiryState.APPROVED,
                         InquiryState.SENT, InquiryState.CLOSED):
                fields.update(facts="A secretaria informa que o serviço está normalizado.",
                              facts_at=created + timedelta(hours=2), answer=ANSWER,
                              drafted_at=created + timedelta(hours=2))
            if state in (InquiryState.APPROVED, InquiryState.SENT, InquiryState.CLOSED):
                fields["approved_at"] = answered - timedelta(minutes=30)
                fields["review_round"] = 1
            if state in (InquiryState.SENT, InquiryState.CLOSED):
                fields["sent_at"] = answered
            if state == InquiryState.CLOSED:
                fields["closed_at"] = answered + timedelta(days=1)
                fields["on_record"] = n % 3 == 0  # some published as answers to the press
            if state in (InquiryState.DECLINED, InquiryState.NO_POSITION):
                fields["decline_reason"] = ("Tema fora da competência municipal."
                                            if state == InquiryState.DECLINED
                                            else "A Prefeitura não vai se manifestar.")
                fields["closed_at"] = created + timedelta(hours=3)
            if state in OPEN and deadline < clock.now():
                fields["escalated_at"] = deadline + timedelta(minutes=5)
            rows.append(Inquiry(**fields))
            n += 1
    inquiries = Inquiry.objects.bulk_create(rows)
    AnswerMail.objects.bulk_create([
        AnswerMail(inquiry=i, to_address=i.journalist.email, status=AnswerMail.Status.SENT,
                   subject=f"Resposta à sua demanda: {i.theme}", body=ANSWER, sent_at=i.sent_at,
                   created_at=i.sent_at, message_id=f"<press-inquiry-{i.pk}-1@demo.pauta>")
        for i in inquiries if i.sent_at])
    for inquiry in inquiries:
        record(by=officer, verb="inquiry_register", target=inquiry, to_state="received",
               payload={"deadline": inquiry.deadline})
        if inquiry.state == InquiryState.IN_APPROVAL:
            Inquiry.objects.filter(pk=inquiry.pk).update(review_round=1)
            steps_open_round(target=Inquiry.objects.get(pk=inquiry.pk), by=officer)
    out(f"{len(outlets)} media outlets, {len(journalists)} journalists, "
        f"{len(inquiries)} press inquiries")
