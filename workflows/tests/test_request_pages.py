"""The request's own pages: the request page (what this person can do now, whose turn, no raw
codes), the decision page (what is decided, three buttons) and the new-request form (files on
the form, lead times, one message for a past date)."""

import re
from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from approvals.models import ApprovalStep, Decision
from org.models import Secretariat
from plans.models import Channel
from workflows import services
from workflows.models import Attachment, ContentRequest, LeadTimeStandard
from workflows.sla import add_business_days
from workflows.tests.test_http_flow import PNG, as_user

EN = {"HTTP_ACCEPT_LANGUAGE": "en"}
PT = {"HTTP_ACCEPT_LANGUAGE": "pt-br"}


def png(name="cartaz.png"):
    return SimpleUploadedFile(name, PNG, content_type="image/png")


@pytest.fixture
def in_review(demo):
    """A Saúde request in review with a text and an image; its steps are pending."""
    editor, ana = demo["diego.editor"], demo["ana.saude"]
    portal = Channel.objects.get(code="portal")
    request = services.request_create(by=ana, secretariat=Secretariat.objects.get(acronym="SMS"),
                                      kind="news", title="Vacinação nas escolas",
                                      brief="Divulgar a vacinação nas escolas municipais.",
                                      channels=[portal])
    request = services.request_submit(request=request, by=ana)
    request = services.request_accept(request=request, by=editor)
    services.publication_save(request=request, by=editor, channel=portal, title="Vacinação",
                              body="A vacinação chega às escolas na segunda-feira.")
    services.attachment_add(request=request, by=editor, uploaded=png(),
                            alt_text="Enfermeira vacina uma criança")
    return services.request_send_to_review(request=request, by=editor)


def step_of(request, user):
    from approvals.permissions import can_decide_step

    return next(s for s in ApprovalStep.objects.filter(request=request, status="pending")
                if can_decide_step(user, s))


def main(response) -> str:
    html = response.content.decode()
    return html[html.index('<main'):html.index('</main>')]


def actions_card(html: str) -> str:
    start = html.index('class="br-card h-100 request-actions"')
    return html[start:html.index("</section>", start)]


def test_an_approver_with_a_pending_decision_sees_decidir_in_the_actions_card(client, demo,
                                                                             in_review):
    fernanda = demo["fernanda.chefe"]
    step = step_of(in_review, fernanda)
    as_user(client, fernanda)
    html = main(client.get(f"/requests/{in_review.pk}/", **PT))
    card = actions_card(html)
    assert f'href="/requests/{in_review.pk}/steps/{step.pk}/"' in card
    assert ">Decidir<" in card
    assert "Nada para você fazer aqui agora" not in card
    # The role group of the step is named in pt-BR, never by its stable English name.
    assert "(Aprovador)" in html and "(Approver)" not in html


def test_someone_with_nothing_to_do_is_told_so_once(client, demo, in_review):
    as_user(client, demo["helena.gestora"])  # the manager reads requests, decides nothing
    html = main(client.get(f"/requests/{in_review.pk}/", **PT))
    card = actions_card(html)
    assert "Nada para você fazer aqui agora" in card and "Decidir" not in card
    assert card.count("<form") == 0


def test_an_editor_with_only_the_assign_action_is_not_told_there_is_nothing(client, demo,
                                                                             in_review):
    as_user(client, demo["elisa.editora"])  # another editor: she may only reassign it
    card = actions_card(main(client.get(f"/requests/{in_review.pk}/", **PT)))
    assert "Atribuir a um redator" in card
    assert "Nada para você fazer aqui agora" not in card


def test_findings_are_shown_without_raw_field_codes(client, demo, in_review):
    from approvals.compliance.services import compliance_check

    compliance_check(request=in_review, by=demo["diego.editor"])
    as_user(client, demo["fernanda.chefe"])
    html = main(client.get(f"/requests/{in_review.pk}/", **PT))
    assert "Rastreabilidade no plano" in html  # the request has no plan action: a finding
    for code in ("plan_action", "attachment", "schedule", "body", "excerpt"):
        assert f"({code})" not in html, code


def test_the_timeline_reads_as_whole_translated_sentences(client, demo, in_review):
    as_user(client, demo["ana.saude"])
    html = main(client.get(f"/requests/{in_review.pk}/", **PT))
    timeline = html[html.index('class="timeline"'):]
    assert "Ana Ribeiro criou a solicitação." in timeline
    assert "enviou a solicitação para aprovação." in timeline
    assert "send_to_review" not in timeline and "draft_text" not in timeline


def test_the_decision_page_shows_what_is_decided(client, demo, in_review):
    fernanda = demo["fernanda.chefe"]
    step = step_of(in_review, fernanda)
    as_user(client, fernanda)
    response = client.get(f"/requests/{in_review.pk}/steps/{step.pk}/", **EN)
    html = main(response)
    assert "A vacinação chega às escolas na segunda-feira." in html  # the text as it goes out
    attachment = Attachment.objects.get(request=in_review)
    assert (f'<img src="/requests/{in_review.pk}/attachments/{attachment.pk}/" '
            f'alt="Enfermeira vacina uma criança"') in html
    assert "Divulgar a vacinação nas escolas municipais." in html  # the brief
    assert "Brand and legal compliance" in html
    assert "Not linked to the plan" in html  # the plan action
    for outcome in ("approve", "request_changes", "reject"):
        assert f'name="outcome" value="{outcome}"' in html
    # the changes since the last round (publishing's revisions): a first round says so
    assert "First round: there is no earlier approved round to compare with." in html


def test_a_second_round_decision_page_shows_what_changed_in_the_text(client, demo, in_review):
    from approvals.services import step_decide
    from workflows import services

    fernanda, editor = demo["fernanda.chefe"], demo["diego.editor"]
    step_decide(step=step_of(in_review, fernanda), by=fernanda, outcome="request_changes",
                comment="Cite a data.")
    request = ContentRequest.objects.get(pk=in_review.pk)
    assert request.state == "in_production"
    publication = request.publications.first()
    services.publication_save(request=request, by=editor, channel=publication.channel,
                              title=publication.title,
                              body="A vacinação chega às escolas na terça-feira, dia 12.")
    request = services.request_send_to_review(request=ContentRequest.objects.get(pk=request.pk),
                                              by=editor)
    step = step_of(request, fernanda)
    as_user(client, fernanda)
    html = main(client.get(f"/requests/{request.pk}/steps/{step.pk}/", **EN))
    assert "Changes since the last approval round" in html
    assert "<del" in html and "<ins" in html and "terça-feira" in html


def test_requesting_changes_without_a_comment_is_refused_on_the_form(client, demo, in_review):
    fernanda = demo["fernanda.chefe"]
    step = step_of(in_review, fernanda)
    as_user(client, fernanda)
    url = f"/requests/{in_review.pk}/steps/{step.pk}/"
    response = client.post(url, {"outcome": "request_changes", "comment": "  "}, **EN)
    assert response.status_code == 200
    assert "Explain what must change or why it is rejected." in main(response)
    response = client.post(url, {"outcome": "reject", "comment": "Fora do plano."}, **EN)
    assert "Choose a reason for the rejection." in main(response)
    assert "Fora do plano." in main(response)  # what she wrote is kept
    assert not Decision.objects.filter(step=step).exists()
    response = client.post(url, {"outcome": "request_changes", "comment": "Cite a data."})
    assert response.status_code == 302
    assert Decision.objects.get(step=step).outcome == "request_changes"
    assert ContentRequest.objects.get(pk=in_review.pk).state == "in_production"


def test_a_forged_decision_by_someone_else_is_refused(client, demo, in_review):
    step = step_of(in_review, demo["fernanda.chefe"])
    as_user(client, demo["diego.editor"])
    response = client.post(f"/requests/{in_review.pk}/steps/{step.pk}/", {"outcome": "approve"})
    assert response.status_code == 403
    assert not Decision.objects.filter(step=step).exists()


def test_the_campaign_decision_page_shows_brief_budget_and_pieces(client, demo):
    from approvals.permissions import can_decide_step
    from campaigns import services as campaign_services

    today = timezone.localdate()
    ana = demo["ana.saude"]
    campaign = campaign_services.campaign_create(
        by=ana, secretariat=Secretariat.objects.get(acronym="SMS"), title="Inverno saudável",
        brief="Prevenir doenças respiratórias no inverno.", start=today + timedelta(days=30),
        end=today + timedelta(days=60), pieces=[{"kind": "news", "title": "Peça do inverno",
                                                 "desired_date": today + timedelta(days=35)}])
    campaign = campaign_services.campaign_submit(campaign=campaign, by=ana)
    campaign = campaign_services.campaign_send_to_approval(campaign=campaign,
                                                           by=demo["diego.editor"])
    step = ApprovalStep.objects.filter(campaign=campaign, status="pending").first()
    decider = next(u for u in demo.values() if can_decide_step(u, step))
    as_user(client, decider)
    html = main(client.get(f"/campaigns/{campaign.pk}/steps/{step.pk}/", **EN))
    assert "Prevenir doenças respiratórias no inverno." in html
    assert "Budget" in html and "Paid media and suppliers" in html
    for piece in campaign.pieces.all():
        assert f"#{piece.pk} " in html
    assert 'name="outcome" value="approve"' in html


# The new-request form --------------------------------------------------------------------

def brief(demo, **extra):
    desired = add_business_days(timezone.localdate(), 15)
    return {"secretariat": Secretariat.objects.get(acronym="SMS").pk, "kind": "news",
            "title": "Feira de saúde", "brief": "Divulgar a feira.",
            "desired_date": desired.isoformat(), "priority": "normal",
            "channels": [Channel.objects.get(code="portal").pk],
            "files-TOTAL_FORMS": "3", "files-INITIAL_FORMS": "0", **extra}


def test_files_are_attached_on_the_new_request_form(client, demo, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path
    as_user(client, demo["ana.saude"])
    pdf = SimpleUploadedFile("programa.pdf", b"%PDF-1.4\n%\xe2\xe3\n1 0 obj<<>>endobj\n",
                             content_type="application/pdf")
    response = client.post("/requests/new/", brief(
        demo, submit="1", **{"files-0-file": png(), "files-0-alt_text": "Cartaz da feira",
                             "files-1-file": pdf}))
    assert response.status_code == 302, main(response)
    request = ContentRequest.objects.get(title="Feira de saúde")
    assert request.state == "submitted"
    assert sorted(request.attachments.values_list("original_name", "alt_text")) == [
        ("cartaz.png", "Cartaz da feira"), ("programa.pdf", "")]


def test_an_image_without_alt_text_keeps_everything_and_says_to_choose_it_again(client, demo):
    as_user(client, demo["ana.saude"])
    before = ContentRequest.objects.count()
    response = client.post("/requests/new/", brief(demo, submit="1", **{
        "files-0-file": png("foto-da-feira.png"), "files-1-alt_text": "Mapa"}), **EN)
    assert response.status_code == 200
    html = main(response)
    assert "Describe the image in its alternative text" in html
    assert "Choose the file this row describes" in html
    assert "choose this file again before sending: foto-da-feira.png" in html
    assert 'value="Feira de saúde"' in html and ">\nMapa</textarea>" in html
    assert ContentRequest.objects.count() == before and not Attachment.objects.filter(
        original_name="foto-da-feira.png").exists()


def test_a_file_of_a_refused_type_is_refused_on_the_form(client, demo):
    as_user(client, demo["ana.saude"])
    response = client.post("/requests/new/", brief(demo, **{
        "files-0-file": SimpleUploadedFile("x.png", b"<svg onload=alert(1)>")}), **EN)
    assert response.status_code == 200
    assert "This type of file is not accepted." in main(response)
    assert not ContentRequest.objects.filter(title="Feira de saúde").exists()


def test_a_date_in_the_past_gets_one_clear_message(client, demo):
    as_user(client, demo["ana.saude"])
    yesterday = timezone.localdate() - timedelta(days=1)
    response = client.post("/requests/new/", brief(
        demo, submit="1", priority="high", desired_date=yesterday.isoformat()), **EN)
    html = main(response)
    errors = re.findall(r'<span class="feedback danger">.*?</span>', html, re.S)
    assert len(errors) == 1, errors
    assert "The desired date cannot be in the past." in errors[0]
    assert "lead time" not in errors[0]


def test_the_form_tells_each_kinds_lead_time_and_earliest_date(client, demo):
    as_user(client, demo["ana.saude"])
    html = main(client.get("/requests/new/", **EN))
    video = LeadTimeStandard.objects.get(kind="video").business_days
    earliest = add_business_days(timezone.localdate(), video)
    row = re.search(r'<li data-kind="video" data-earliest="([\d-]+)"[^>]*>(.*?)</li>', html, re.S)
    assert row, "no lead time for videos"
    assert row.group(1) == earliest.isoformat()
    assert f"{video} business days" in row.group(2)
    assert 'src="/static/workflows/request_form.js"' in response_scripts(client)


def response_scripts(client) -> str:
    return client.get("/requests/new/").content.decode()


@pytest.mark.parametrize("total", ["abc", "5000"])
def test_a_tampered_file_row_count_is_refused_with_a_message(client, demo, total):
    as_user(client, demo["ana.saude"])
    response = client.post("/requests/new/", brief(demo, submit="1", **{
        "files-TOTAL_FORMS": total}), **EN)
    assert response.status_code == 200
    assert 'class="br-message danger"' in main(response)
    assert not ContentRequest.objects.filter(title="Feira de saúde").exists()


def test_whose_turn_says_it_is_yours_only_for_the_work_of_the_state(client, demo, in_review):
    as_user(client, demo["fernanda.chefe"])
    assert "turn-you" in main(client.get(f"/requests/{in_review.pk}/", **EN))
    as_user(client, demo["elisa.editora"])  # may reassign it, but it is not her turn
    assert "turn-you" not in main(client.get(f"/requests/{in_review.pk}/", **EN))
