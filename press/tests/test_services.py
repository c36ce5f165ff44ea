"""The press services: who may do what, refusals that write nothing, compliance on the
answer, the LGPD rights (forget, opt-out), the lifecycle's states and races."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from approvals.models import ApprovalStep
from audit.models import AuditEvent
from org.models import Secretariat
from pauta import clock
from pauta.lifecycle import NotAllowed, TransitionRefused
from press import contacts, selectors, services
from press.actions import ACTIONS
from press.models import AnswerMail, Inquiry, Journalist, LegalBasis

pytestmark = pytest.mark.django_db


def new_contact(by, email="reporter@jornal.example.com", **extra):
    return contacts.journalist_create(by=by, name="Rita Repórter", email=email,
                                      legal_basis=LegalBasis.LEGITIMATE_INTEREST,
                                      source="Cartão de visita", **extra)


def new_inquiry(by, journalist, hours=4, sensitive=False, acronym="SMS"):
    return services.inquiry_register(
        by=by, journalist=journalist, secretariat=Secretariat.objects.get(acronym=acronym),
        theme="Dengue no bairro Alto", questions="Quantos casos?",
        deadline=clock.now() + timedelta(hours=hours), sensitive=sensitive)


def test_only_press_officers_register_and_keep_contacts(demo):
    for name in ("diego.editor", "ana.saude", "fernanda.chefe", "igor.auditor"):
        with pytest.raises(PermissionDenied):
            new_contact(demo[name])
    journalist = new_contact(demo["elisa.editora"])
    for name in ("diego.editor", "ana.saude"):
        with pytest.raises(PermissionDenied):
            new_inquiry(demo[name], journalist)
    assert not Inquiry.objects.filter(journalist=journalist).exists()


def test_contact_needs_source_and_basis_and_a_unique_email(demo):
    officer = demo["elisa.editora"]
    with pytest.raises(TransitionRefused, match="came from"):
        contacts.journalist_create(by=officer, name="X", email="x@y.example.com",
                                   legal_basis="consent", source=" ")
    with pytest.raises(TransitionRefused, match="legal basis"):
        contacts.journalist_create(by=officer, name="X", email="x@y.example.com",
                                   legal_basis="because", source="web")
    new_contact(officer)
    with pytest.raises(TransitionRefused, match="already has this e-mail"):
        new_contact(officer, email="REPORTER@jornal.example.com")
    assert Journalist.objects.filter(email__iexact="reporter@jornal.example.com").count() == 1


def test_forget_erases_personal_data_and_keeps_an_anonymous_history(demo):
    officer = demo["elisa.editora"]
    journalist = new_contact(officer, phone="(11) 99999-0000", beats="saúde")
    inquiry = new_inquiry(officer, journalist)
    contacts.journalist_forget(journalist=journalist, by=officer)
    journalist.refresh_from_db()
    assert journalist.forgotten_at and journalist.opted_out_at
    assert (journalist.name, journalist.email, journalist.phone, journalist.beats,
            journalist.source) == ("", "", "", "", "")
    assert "Rita" not in str(journalist) and f"#{journalist.pk}" in str(journalist)
    assert Inquiry.objects.get(pk=inquiry.pk).journalist_id == journalist.pk
    trail = AuditEvent.objects.filter(target_type="press.journalist",
                                      target_id=str(journalist.pk))
    assert trail.filter(verb="journalist_forget").exists()
    assert "Rita" not in str(list(trail.values_list("payload", flat=True)))
    # The person does not come back: not by hand, not by import, not in distributions.
    with pytest.raises(TransitionRefused, match="forgotten"):
        new_contact(officer)
    with pytest.raises(TransitionRefused, match="forgotten"):
        new_inquiry(officer, journalist)
    with pytest.raises(PermissionDenied):  # a forgotten contact is not edited any more
        contacts.journalist_update(journalist=journalist, by=officer, name="Rita")
    assert journalist not in selectors.distribution_recipients()


def test_opt_out_is_honoured_by_distributions(demo):
    officer = demo["elisa.editora"]
    journalist = new_contact(officer, beats="saúde")
    assert journalist in selectors.distribution_recipients(beats=["saúde"])
    contacts.journalist_opt_out(journalist=journalist, by=officer)
    assert journalist not in selectors.distribution_recipients(beats=["saúde"])
    assert Journalist.objects.get(pk=journalist.pk).opted_out_at is not None


def test_an_inactive_outlet_gets_no_new_distribution(demo):
    officer = demo["elisa.editora"]
    outlet = contacts.outlet_create(by=officer, name="Folha do Vale", type="newspaper",
                                    reach="local", city="Vale Verde")
    staff = new_contact(officer, beats="saúde", outlet=outlet)
    freelancer = new_contact(officer, email="free@lance.example.com", beats="saúde")
    assert {staff, freelancer} <= set(selectors.distribution_recipients(beats=["saúde"]))
    contacts.outlet_update(by=officer, outlet=outlet, active=False)
    reached = set(selectors.distribution_recipients(beats=["saúde"]))
    assert staff not in reached and freelancer in reached


def test_refusals_say_why_and_write_nothing(demo):
    officer, ana, bruno = demo["elisa.editora"], demo["ana.saude"], demo["bruno.educacao"]
    inquiry = new_inquiry(officer, new_contact(officer))
    before = AuditEvent.objects.count()
    with pytest.raises(TransitionRefused, match="not possible while"):
        services.inquiry_send(inquiry=inquiry, by=officer)  # not approved
    with pytest.raises(NotAllowed):  # another secretariat's person: nothing about the state
        services.inquiry_give_facts(inquiry=inquiry, by=bruno, facts="x")
    with pytest.raises(TransitionRefused, match="not possible while"):  # not forwarded yet
        services.inquiry_give_facts(inquiry=inquiry, by=ana, facts="x")
    with pytest.raises(NotAllowed):
        services.inquiry_forward(inquiry=inquiry, by=demo["diego.editor"])
    with pytest.raises(TransitionRefused, match="Write the answer"):
        services.inquiry_draft(inquiry=inquiry, by=officer, answer="  ")
    with pytest.raises(TransitionRefused, match="Say why"):
        services.inquiry_decline(inquiry=inquiry, by=officer, reason="")
    assert AuditEvent.objects.count() == before
    assert Inquiry.objects.get(pk=inquiry.pk).state == "received"


def test_decline_and_no_position_close_with_their_reason(demo):
    officer = demo["elisa.editora"]
    journalist = new_contact(officer)
    declined = services.inquiry_decline(inquiry=new_inquiry(officer, journalist), by=officer,
                                        reason="Fora da competência do município.")
    silent = services.inquiry_no_position(inquiry=new_inquiry(officer, journalist), by=officer,
                                          reason="A Prefeitura não comenta processos.")
    assert (declined.state, silent.state) == ("declined", "no_position")
    assert declined.decline_reason.startswith("Fora") and silent.closed_at
    assert not ACTIONS.available(officer, declined)  # nothing left to do on it


def test_personal_data_in_the_answer_stops_the_approval(demo):
    officer = demo["elisa.editora"]
    inquiry = new_inquiry(officer, new_contact(officer))
    services.inquiry_draft(inquiry=inquiry, by=officer,
                           answer="O paciente de CPF 529.982.247-25 foi atendido.")
    with pytest.raises(TransitionRefused, match="CPF"):
        services.inquiry_send_to_approval(inquiry=Inquiry.objects.get(pk=inquiry.pk), by=officer)
    assert Inquiry.objects.get(pk=inquiry.pk).state == "drafted"
    assert not ApprovalStep.objects.filter(inquiry=inquiry).exists()
    services.inquiry_draft(inquiry=Inquiry.objects.get(pk=inquiry.pk), by=officer,
                           answer="O paciente foi atendido na UBS.")
    moved = services.inquiry_send_to_approval(inquiry=Inquiry.objects.get(pk=inquiry.pk),
                                              by=officer)
    assert moved.state == "in_approval"
    assert ApprovalStep.objects.filter(inquiry=inquiry, status="pending").exists()


def test_promoting_a_named_official_in_the_answer_stops_the_approval(demo):
    from approvals.compliance.models import PublicOfficial, RuleConfig
    from press import compliance

    PublicOfficial.objects.create(name="Joaquim Albuquerque Neto", office="Prefeito",
                                  variants="Prefeito Joaquim")
    officer = demo["elisa.editora"]
    inquiry = new_inquiry(officer, new_contact(officer))
    services.inquiry_draft(inquiry=inquiry, by=officer,
                           answer="Graças ao Prefeito Joaquim, a UBS abriu em tempo recorde.")
    with pytest.raises(TransitionRefused, match="Joaquim"):
        services.inquiry_send_to_approval(inquiry=Inquiry.objects.get(pk=inquiry.pk), by=officer)
    assert Inquiry.objects.get(pk=inquiry.pk).state == "drafted"
    assert not ApprovalStep.objects.filter(inquiry=inquiry).exists()
    inquiry = Inquiry.objects.get(pk=inquiry.pk)
    rules = [f.rule for f in compliance.answer_findings(inquiry)]
    assert rules == ["impessoalidade.officials"]
    # A rule limited to request kinds runs on the answer when the press release is one of
    # them, and not when it is limited to other kinds.
    config = RuleConfig.objects.update_or_create(
        code="impessoalidade.officials",
        defaults={"severity": "blocker", "kinds": ["news", "press_release"]})[0]
    assert [f.rule for f in compliance.answer_findings(inquiry)] == rules
    config.kinds = ["news", "video"]
    config.save()
    assert compliance.answer_findings(inquiry) == []
    moved = services.inquiry_send_to_approval(inquiry=inquiry, by=officer)
    assert moved.state == "in_approval"


def test_sensitive_themes_go_to_legal_after_the_head(demo):
    officer = demo["elisa.editora"]
    inquiry = new_inquiry(officer, new_contact(officer), sensitive=True)
    services.inquiry_draft(inquiry=inquiry, by=officer, answer="Resposta.")
    services.inquiry_send_to_approval(inquiry=Inquiry.objects.get(pk=inquiry.pk), by=officer)
    steps = ApprovalStep.objects.filter(inquiry=inquiry).order_by("stage")
    assert [(s.stage, s.legal, s.status) for s in steps] == [
        (1, False, "pending"), (2, True, "waiting")]


def test_answer_goes_out_once_and_a_journalist_without_address_is_refused(
        demo, mailoutbox, django_capture_on_commit_callbacks):
    from approvals.services import step_decide

    officer, head = demo["elisa.editora"], demo["fernanda.chefe"]
    journalist = new_contact(officer)
    inquiry = new_inquiry(officer, journalist)
    services.inquiry_draft(inquiry=inquiry, by=officer, answer="Resposta oficial.")
    services.inquiry_send_to_approval(inquiry=Inquiry.objects.get(pk=inquiry.pk), by=officer)
    step = ApprovalStep.objects.get(inquiry=inquiry, status="pending")
    step_decide(step=step, by=head, outcome="approve")
    with django_capture_on_commit_callbacks(execute=True):
        services.inquiry_send(inquiry=Inquiry.objects.get(pk=inquiry.pk), by=officer)
    with pytest.raises(TransitionRefused, match="not possible while"):  # a second click
        services.inquiry_send(inquiry=Inquiry.objects.get(pk=inquiry.pk), by=officer)
    mail = AnswerMail.objects.get(inquiry=inquiry)
    assert services.answer_deliver(mail.pk) is False  # already sent: not sent twice
    assert len([m for m in mailoutbox if m.to == [journalist.email]]) == 1
    # A contact forgotten between approval and sending: the answer is not e-mailed.
    other = new_inquiry(officer, new_contact(officer, email="outra@radio.example.com"))
    services.inquiry_draft(inquiry=other, by=officer, answer="Resposta.")
    services.inquiry_send_to_approval(inquiry=Inquiry.objects.get(pk=other.pk), by=officer)
    step_decide(step=ApprovalStep.objects.get(inquiry=other, status="pending"), by=head,
                outcome="approve")
    contacts.journalist_forget(journalist=other.journalist, by=officer)
    with pytest.raises(TransitionRefused, match="no e-mail address"):
        services.inquiry_send(inquiry=Inquiry.objects.get(pk=other.pk), by=officer)
    assert Inquiry.objects.get(pk=other.pk).state == "approved"


def test_a_failed_send_is_recorded_on_the_copy(demo, monkeypatch,
                                              django_capture_on_commit_callbacks):
    from approvals.services import step_decide

    officer = demo["elisa.editora"]
    inquiry = new_inquiry(officer, new_contact(officer))
    services.inquiry_draft(inquiry=inquiry, by=officer, answer="Resposta oficial.")
    services.inquiry_send_to_approval(inquiry=Inquiry.objects.get(pk=inquiry.pk), by=officer)
    step_decide(step=ApprovalStep.objects.get(inquiry=inquiry, status="pending"),
                by=demo["fernanda.chefe"], outcome="approve")

    def refuse(self, *args, **kwargs):
        raise OSError("connection refused")

    monkeypatch.setattr("django.core.mail.EmailMessage.send", refuse)
    with django_capture_on_commit_callbacks(execute=True):
        services.inquiry_send(inquiry=Inquiry.objects.get(pk=inquiry.pk), by=officer)
    mail = AnswerMail.objects.get(inquiry=inquiry)
    assert (mail.status, mail.error, mail.attempts) == ("failed", "connection refused", 1)


def test_secretariat_sees_only_forwarded_inquiries_of_its_own(demo):
    officer, ana, bruno = demo["elisa.editora"], demo["ana.saude"], demo["bruno.educacao"]
    inquiry = new_inquiry(officer, new_contact(officer))
    from press import permissions as perms

    assert not perms.can_view_inquiry(ana, inquiry)  # not forwarded yet
    services.inquiry_forward(inquiry=inquiry, by=officer)
    inquiry = Inquiry.objects.get(pk=inquiry.pk)
    assert perms.can_view_inquiry(ana, inquiry) and not perms.can_view_inquiry(bruno, inquiry)
    assert inquiry in selectors.waiting_for_secretariat(ana)
    services.inquiry_give_facts(inquiry=inquiry, by=ana, facts="Dez casos confirmados.")
    assert inquiry not in selectors.waiting_for_secretariat(ana)
    with pytest.raises(ValidationError):
        services.inquiry_give_facts(inquiry=inquiry, by=ana, facts="   ")
