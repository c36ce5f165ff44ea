"""A campaign through HTTP as the roles, the scope of its URLs, and the list's query count."""

from datetime import timedelta
from decimal import Decimal

from django.utils import timezone, translation

from approvals.models import ApprovalStep
from audit.chain import verify_chain
from campaigns.models import Campaign, PublicitySpendLimit
from org.models import Secretariat
from plans.models import Audience, Channel
from workflows.tests.test_http_flow import as_user, post_ok


def _form(start, **extra):
    portal, instagram = Channel.objects.get(code="portal"), Channel.objects.get(code="instagram")
    data = {
        "secretariat": Secretariat.objects.get(acronym="SMS").pk,
        "title": "Campanha de vacinação contra a gripe",
        "brief": "Vacinação nas unidades básicas.", "objective": "Cobertura de 90%.",
        "audiences": [Audience.objects.first().pk], "channels": [portal.pk, instagram.pk],
        "start": start.isoformat(), "end": (start + timedelta(days=30)).isoformat(),
        "key_messages": "Vacine-se", "budget_own_staff": "3000", "budget_paid_media": "12000",
        "pieces-TOTAL_FORMS": "3", "pieces-INITIAL_FORMS": "0",
        "pieces-MIN_NUM_FORMS": "0", "pieces-MAX_NUM_FORMS": "20",
        "pieces-0-kind": "social", "pieces-0-title": "Post de lançamento",
        "pieces-0-desired_date": start.isoformat(),
        "pieces-1-kind": "video", "pieces-1-title": "Vídeo com a enfermeira",
        "pieces-1-desired_date": (start + timedelta(days=5)).isoformat(),
        "pieces-2-kind": "news", "pieces-2-title": "",
    }
    data.update(extra)
    return data


def test_campaign_from_request_to_running_over_http(client, demo):
    start = timezone.localdate() + timedelta(days=20)
    PublicitySpendLimit.objects.create(year=start.year, limit=Decimal("1000"),
                                       period_start=start - timedelta(days=1),
                                       period_end=start + timedelta(days=60),
                                       legal_basis="Lei 9.504/1997, art. 73, VII")
    as_user(client, demo["ana.saude"])
    response = client.post("/campaigns/new/", _form(start, submit="1"))
    assert response.status_code == 302, response.context["form"].errors
    campaign = Campaign.objects.get(title="Campanha de vacinação contra a gripe")
    assert campaign.state == "submitted"
    assert [p.title for p in campaign.pieces.order_by("pk")] == [
        "Post de lançamento", "Vídeo com a enfermeira"]
    base = f"/campaigns/{campaign.pk}/"
    with translation.override("en"):
        page = client.get(base, HTTP_ACCEPT_LANGUAGE="en")
    assert page.status_code == 200
    assert len(page.context["limit_warnings"]) == 1  # 12,000 of paid media over a 1,000 limit

    as_user(client, demo["bruno.educacao"])  # another secretariat: nothing to see
    assert client.get(base).status_code == 404
    assert client.post(f"{base}do/cancel/", {"reason": "x"}).status_code == 404

    as_user(client, demo["diego.editor"])
    post_ok(client, f"{base}do/send_to_approval/")
    campaign.refresh_from_db()
    assert campaign.state == "in_approval"
    steps = ApprovalStep.objects.filter(campaign=campaign)
    assert steps.count() == 3  # secretary ∥ head of communication, then legal (paid media)

    as_user(client, demo["fernanda.chefe"])
    inbox = client.get("/requests/?view=mine")
    chief = steps.get(approvers="group", legal=False)
    assert [d.step.pk for d in inbox.context["decisions"] if d.step.campaign_id] == [chief.pk]
    post_ok(client, f"/campaigns/{campaign.pk}/steps/{chief.pk}/", {"outcome": "approve"})
    as_user(client, demo["ana.saude"])
    head = steps.get(approvers="secretariat_head")
    post_ok(client, f"/campaigns/{campaign.pk}/steps/{head.pk}/", {"outcome": "approve"})
    as_user(client, demo["gustavo.juridico"])
    legal = steps.get(legal=True)
    assert client.get(base).status_code == 200  # routed to legal: may read it
    post_ok(client, f"/campaigns/{campaign.pk}/steps/{legal.pk}/", {"outcome": "approve"})
    campaign.refresh_from_db()
    assert campaign.state == "approved"

    as_user(client, demo["ana.saude"])
    post_ok(client, f"{base}do/submit_pieces/")
    post_ok(client, f"{base}do/add_piece/", {
        "piece-kind": "press_release", "piece-title": "Release",
        "piece-desired_date": (start + timedelta(days=2)).isoformat()})
    assert set(campaign.pieces.values_list("state", flat=True)) == {"submitted"}
    assert campaign.pieces.count() == 3

    as_user(client, demo["diego.editor"])
    post_ok(client, f"{base}do/start/")
    _, msgs = post_ok(client, f"{base}do/spend/", {
        "kind": "paid_media", "amount": "2500.00", "committed_on": start.isoformat(),
        "description": "Impulsionamento", "supplier": "Agência"})
    assert any("R$" in m for m in msgs)  # the limit warning comes with the recording
    page = client.get(base)
    assert page.context["budget"].committed_paid == Decimal("2500.00")
    assert page.context["progress"].planned == 3 and page.context["progress"].published == 0
    from approvals.compliance.selectors import findings_for
    from approvals.compliance.services import compliance_check

    assert page.context["compliance"] == []  # no piece checked yet: nothing kept to show
    for piece in campaign.pieces.all():
        compliance_check(request=piece, by=demo["diego.editor"])
    page = client.get(base)
    shown = {piece.pk: [f.rule for f in found] for piece, _run, found in page.context["compliance"]}
    expected = {piece.pk: [f.rule for f in findings_for(piece)]
                for piece in campaign.pieces.all() if findings_for(piece)}
    assert shown == expected and shown  # the pieces have no plan link yet: at least a warning
    assert "plan.traceability" in next(iter(shown.values()))
    campaign.refresh_from_db()
    assert campaign.state == "running"
    assert client.get(f"/campaigns/spend/{start.year}/").status_code == 200
    assert verify_chain() is None


def test_cancel_over_http_withdraws_pieces(client, demo):
    start = timezone.localdate() + timedelta(days=20)
    as_user(client, demo["ana.saude"])
    client.post("/campaigns/new/", _form(start, draft="1"))
    campaign = Campaign.objects.get()
    assert campaign.state == "draft"
    post_ok(client, f"/campaigns/{campaign.pk}/do/cancel/", {"reason": "Sem vacinas."})
    campaign.refresh_from_db()
    assert campaign.state == "cancelled"
    assert set(campaign.pieces.values_list("state", flat=True)) == {"withdrawn"}


def test_bad_input_changes_nothing(client, demo):
    start = timezone.localdate() + timedelta(days=20)
    as_user(client, demo["ana.saude"])
    response = client.post("/campaigns/new/", _form(
        start, end=(start - timedelta(days=1)).isoformat(), submit="1"))
    assert response.status_code == 200
    outside = _form(start, **{"pieces-0-desired_date": (start - timedelta(days=9)).isoformat()})
    response = client.post("/campaigns/new/", outside)
    assert response.status_code == 200 and response.context["form"].non_field_errors()
    assert not Campaign.objects.exists()


def test_only_team_sees_team_actions_and_other_requesters_cannot_file(client, demo):
    as_user(client, demo["bruno.educacao"])
    start = timezone.localdate() + timedelta(days=20)
    response = client.post("/campaigns/new/", _form(start, submit="1"))
    assert response.status_code == 200  # SMS is not among bruno's secretariats
    assert "secretariat" in response.context["form"].errors
    assert not Campaign.objects.exists()


def test_list_query_count_does_not_grow(client, demo, django_assert_max_num_queries):
    from campaigns import services as cs

    start = timezone.localdate() + timedelta(days=20)
    sms = Secretariat.objects.get(acronym="SMS")
    for n in range(6):
        cs.campaign_create(by=demo["ana.saude"], secretariat=sms, title=f"Campanha {n}",
                           brief="b", start=start, end=start,
                           pieces=[{"kind": "news", "title": "p"}])
    as_user(client, demo["helena.gestora"])
    with django_assert_max_num_queries(10):
        response = client.get("/campaigns/")
    assert response.status_code == 200
    assert response.context["page"].paginator.count == 6
    as_user(client, demo["bruno.educacao"])
    assert client.get("/campaigns/").context["page"].paginator.count == 0
