"""Default approval policies and rejection reasons of the demo (and a sensible start)."""

from django.contrib.auth.models import Group

from approvals.models import ApprovalPolicy, PolicyStep, PolicyTarget, RejectionReason

REASONS = [
    ("out_of_scope", "Fora do escopo da comunicação institucional"),
    ("promotion", "Promoção pessoal (art. 37 §1º da Constituição)"),
    ("electoral", "Vedado no período eleitoral"),
    ("insufficient", "Informação insuficiente"),
    ("duplicate", "Solicitação duplicada"),
    ("brand", "Em desacordo com o manual de marca"),
]


def seed_policies(out) -> None:
    for code, label in REASONS:
        RejectionReason.objects.update_or_create(code=code, defaults={"label": label})
    approver = Group.objects.get(name="Approver")
    legal = Group.objects.get(name="Legal reviewer")
    base, _ = ApprovalPolicy.objects.update_or_create(
        name="Padrão: validação da secretaria e chefia de comunicação", defaults={"active": True})
    _steps(base, [
        (1, "Validação técnica da secretaria", PolicyStep.Approvers.SECRETARIAT, None, False),
        (1, "Aprovação da chefia de comunicação", PolicyStep.Approvers.GROUP, approver, False),
    ])
    legal_policy, _ = ApprovalPolicy.objects.update_or_create(
        name="Jurídico: período eleitoral ou tema sensível",
        defaults={"active": True, "only_in_blackout": True, "only_when_sensitive": True,
                  "either_condition": True})
    _steps(legal_policy, [(2, "Análise jurídica", PolicyStep.Approvers.GROUP, legal, True)])
    seed_campaign_policies(approver, legal)
    out(f"{ApprovalPolicy.objects.count()} approval policies, {len(REASONS)} rejection reasons")


def _steps(policy, rows):
    for stage, name, approvers, group, legal in rows:
        PolicyStep.objects.update_or_create(
            policy=policy, name=name,
            defaults={"stage": stage, "approvers": approvers, "group": group, "legal": legal})


def seed_campaign_policies(approver, legal) -> None:
    """Campaigns: head of communication ∥ the secretary of the requesting secretariat, then
    legal when the campaign buys media or touches an electoral blackout window."""
    base, _ = ApprovalPolicy.objects.update_or_create(
        name="Campanhas: chefia de comunicação e secretário(a) solicitante",
        defaults={"active": True, "applies_to": PolicyTarget.CAMPAIGN})
    _steps(base, [
        (1, "Aprovação do(a) secretário(a) solicitante", PolicyStep.Approvers.SECRETARIAT_HEAD,
         None, False),
        (1, "Aprovação da chefia de comunicação", PolicyStep.Approvers.GROUP, approver, False),
    ])
    legal_policy, _ = ApprovalPolicy.objects.update_or_create(
        name="Campanhas: jurídico para mídia paga ou período eleitoral",
        defaults={"active": True, "applies_to": PolicyTarget.CAMPAIGN, "only_in_blackout": True,
                  "only_with_paid_media": True, "either_condition": True})
    _steps(legal_policy, [(2, "Análise jurídica da campanha", PolicyStep.Approvers.GROUP,
                           legal, True)])
