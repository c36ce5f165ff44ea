"""Ideas: proposal (also anonymous), supports, comments, triage on the kernel, and the
accepted idea turned into a content request — services and pages."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from audit.models import AuditEvent
from ideas import services
from ideas.models import Idea, Support
from org.models import Secretariat
from workflows.models import ContentRequest


@pytest.fixture
def idea(demo):
    return services.idea_propose(by=demo["ana.saude"], title="Senhas pelo celular",
                                 description="Retirar a senha da UBS pelo celular.",
                                 secretariat=Secretariat.objects.get(acronym="SMS"))


def events(idea, verb):
    return AuditEvent.objects.filter(subject_type="ideas.idea", subject_id=str(idea.pk),
                                     verb=verb)


def test_a_proposal_is_new_and_on_the_trail_with_its_author(idea, demo):
    assert idea.state == "new" and idea.author == demo["ana.saude"] and not idea.anonymous
    event = events(idea, "idea_propose").get()
    assert event.actor == demo["ana.saude"]


def test_a_blank_title_is_refused_and_nothing_is_written(demo):
    before = Idea.objects.count()
    with pytest.raises(ValidationError, match="title"):
        services.idea_propose(by=demo["ana.saude"], title="  ", description="x")
    assert Idea.objects.count() == before


def test_anonymous_proposals_only_where_the_installation_allows_them(demo, settings):
    settings.IDEAS_ANONYMOUS = False
    with pytest.raises(ValidationError):
        services.idea_propose(by=demo["ana.saude"], title="T", description="D", anonymous=True)


def test_an_anonymous_idea_stores_no_author_anywhere(demo, settings):
    settings.IDEAS_ANONYMOUS = True
    idea = services.idea_propose(by=demo["ana.saude"], title="Sem nome", description="D",
                                 anonymous=True)
    row = Idea.objects.values().get(pk=idea.pk)
    assert row["author_id"] is None and row["anonymous"] is True
    event = events(idea, "idea_propose").get()
    assert event.actor is None and event.payload == {"anonymous": True}
    assert demo["ana.saude"].username not in str(AuditEvent.objects.filter(
        pk=event.pk).values().get())


def test_supports_are_one_per_person_and_never_ones_own(idea, demo):
    with pytest.raises(ValidationError, match="own"):
        services.idea_support(idea=idea, by=demo["ana.saude"])
    services.idea_support(idea=idea, by=demo["bruno.educacao"])
    with pytest.raises(ValidationError, match="already"):
        services.idea_support(idea=idea, by=demo["bruno.educacao"])
    services.idea_support(idea=idea, by=demo["carla.obras"])
    idea.refresh_from_db()
    assert idea.support_count == 2 == idea.supports.count()
    services.idea_withdraw_support(idea=idea, by=demo["carla.obras"])
    idea.refresh_from_db()
    assert idea.support_count == 1
    with pytest.raises(ValidationError):
        services.idea_withdraw_support(idea=idea, by=demo["carla.obras"])


def test_a_support_written_by_a_racing_request_is_not_counted_twice(idea, demo):
    Support.objects.create(idea=idea, user=demo["bruno.educacao"])  # the other request won
    with pytest.raises(ValidationError, match="already"):
        services.idea_support(idea=idea, by=demo["bruno.educacao"])
    assert Support.objects.filter(idea=idea).count() == 1


def test_only_the_team_triages_and_the_state_is_checked(idea, demo):
    with pytest.raises(PermissionDenied):
        services.idea_study(idea=idea, by=demo["ana.saude"])
    idea = services.idea_study(idea=idea, by=demo["diego.editor"])
    assert idea.state == "under_study" and idea.answered_at is not None
    with pytest.raises(ValidationError, match="under study|Under study"):
        services.idea_complete(idea=idea, by=demo["diego.editor"])
    with pytest.raises(ValidationError, match="why"):
        services.idea_decline(idea=idea, by=demo["fernanda.chefe"], reason=" ")
    idea = services.idea_accept(idea=idea, by=demo["fernanda.chefe"])
    idea = services.idea_complete(idea=idea, by=demo["fernanda.chefe"])
    assert idea.state == "done" and idea.done_at is not None
    assert list(AuditEvent.objects.filter(subject_id=str(idea.pk), subject_type="ideas.idea")
                .values_list("verb", flat=True).order_by("pk")) == [
        "idea_propose", "idea_study", "idea_accept", "idea_complete"]


def test_a_declined_idea_keeps_its_reason(idea, demo):
    idea = services.idea_decline(idea=idea, by=demo["diego.editor"], reason="Já existe.")
    assert idea.state == "declined" and idea.decline_reason == "Já existe."
    assert events(idea, "idea_decline").get().payload == {"reason": "Já existe."}


def test_an_accepted_idea_becomes_a_draft_request_of_the_secretariat(idea, demo):
    sms = Secretariat.objects.get(acronym="SMS")
    with pytest.raises(ValidationError):  # not accepted yet
        services.idea_make_request(idea=idea, by=demo["ana.saude"], secretariat=sms,
                                   kind="news")
    idea = services.idea_accept(idea=idea, by=demo["diego.editor"])
    with pytest.raises(PermissionDenied):  # the auditor neither files nor triages
        services.idea_make_request(idea=idea, by=demo["igor.auditor"], secretariat=sms,
                                   kind="news")
    request = services.idea_make_request(idea=idea, by=demo["ana.saude"], secretariat=sms,
                                         kind="news")
    idea.refresh_from_db()
    assert request.state == "draft" and idea.request == request
    assert request.requester == demo["ana.saude"]
    assert request.title == idea.title and str(idea.pk) in request.brief
    assert idea.description in request.brief
    assert events(idea, "idea_make_request").get().payload == {
        "request": request.pk, "requester": demo["ana.saude"].pk}
    # filed by the requester herself: nothing "on behalf" on the request's timeline
    assert not AuditEvent.objects.filter(verb="idea_request_filed").exists()
    with pytest.raises(ValidationError, match="already"):
        services.idea_make_request(idea=idea, by=demo["ana.saude"], secretariat=sms,
                                   kind="news")
    assert ContentRequest.objects.filter(idea=idea).count() == 1


def test_the_team_files_the_request_in_the_name_of_the_ideas_secretariat(
        idea, demo, django_capture_on_commit_callbacks):
    from audit import registry
    from notifications.models import Notification

    sms = Secretariat.objects.get(acronym="SMS")
    idea = services.idea_accept(idea=idea, by=demo["diego.editor"])
    with pytest.raises(PermissionDenied):  # the team files only for the idea's secretariat
        services.idea_make_request(idea=idea, by=demo["diego.editor"],
                                   secretariat=Secretariat.objects.get(acronym="SEMED"),
                                   kind="news")
    assert ContentRequest.objects.filter(idea=idea).count() == 0
    with django_capture_on_commit_callbacks(execute=True):
        request = services.idea_make_request(idea=idea, by=demo["diego.editor"],
                                             secretariat=sms, kind="news")
    idea.refresh_from_db()
    # SMS has no focal point: its head is the requester, as for an event's coverage
    assert idea.request == request and request.requester == demo["ana.saude"]
    assert request.state == "draft" and request.secretariat == sms
    made = events(idea, "idea_make_request").get()
    assert made.actor == demo["diego.editor"]  # the idea's trail names who clicked
    assert made.payload == {"request": request.pk, "requester": demo["ana.saude"].pk}
    assert "Ana Ribeiro" in registry.describe(made) and "Diego" in registry.describe(made)
    filed = AuditEvent.objects.get(verb="idea_request_filed")
    assert (filed.subject_type, filed.subject_id) == ("workflows.contentrequest",
                                                      str(request.pk))
    assert filed.actor == demo["diego.editor"]
    assert filed.payload == {"idea": idea.pk, "requester": demo["ana.saude"].pk}
    # the requester is told, with the request and the idea named
    told = Notification.objects.get(event=filed)
    assert told.recipient == demo["ana.saude"]
    assert f"#{request.pk}" in told.message and idea.title in told.message
    created = AuditEvent.objects.get(verb="create", subject_id=str(request.pk),
                                     subject_type="workflows.contentrequest")
    assert created.actor == demo["ana.saude"]
    with pytest.raises(ValidationError, match="already"):
        services.idea_make_request(idea=idea, by=demo["fernanda.chefe"], secretariat=sms,
                                   kind="news")


def test_the_team_files_for_a_unit_in_the_name_of_its_parent_and_a_focal_point_first(demo):
    editor = demo["diego.editor"]
    unit = services.idea_propose(by=demo["carla.obras"], title="Mapa da dengue",
                                 description="d",
                                 secretariat=Secretariat.objects.get(acronym="SMS-VS"))
    services.idea_accept(idea=unit, by=editor)
    request = services.idea_make_request(idea=unit, by=editor, secretariat=unit.secretariat,
                                         kind="news")
    assert request.requester == demo["ana.saude"] and request.secretariat.acronym == "SMS-VS"
    semed = services.idea_propose(by=demo["carla.obras"], title="Merenda", description="d",
                                  secretariat=Secretariat.objects.get(acronym="SEMED"))
    services.idea_accept(idea=semed, by=editor)
    request = services.idea_make_request(idea=semed, by=editor, secretariat=semed.secretariat,
                                         kind="news")
    assert request.requester == demo["bruno.educacao"]  # SEMED's focal point


def test_the_team_cannot_file_for_an_idea_that_names_no_secretariat_or_nobody_may(demo):
    from org.models import Membership

    editor = demo["diego.editor"]
    sms = Secretariat.objects.get(acronym="SMS")
    loose = services.idea_propose(by=demo["carla.obras"], title="Sem secretaria",
                                  description="d")
    services.idea_accept(idea=loose, by=editor)
    with pytest.raises(PermissionDenied):  # no idea's secretariat to file in the name of
        services.idea_make_request(idea=loose, by=editor, secretariat=sms, kind="news")
    Membership.objects.filter(secretariat__acronym="SEMED").delete()
    orphan = services.idea_propose(by=demo["carla.obras"], title="Sem ponto focal",
                                   description="d",
                                   secretariat=Secretariat.objects.get(acronym="SEMED"))
    services.idea_accept(idea=orphan, by=editor)
    with pytest.raises(ValidationError, match="Nobody may file"):
        services.idea_make_request(idea=orphan, by=editor, secretariat=orphan.secretariat,
                                   kind="news")
    assert not ContentRequest.objects.filter(title__in=["Sem secretaria",
                                                        "Sem ponto focal"]).exists()
    # the team files such an idea for its own unit (DICOM) like any requester
    dicom = Secretariat.objects.get(acronym="DICOM")
    request = services.idea_make_request(idea=loose, by=editor, secretariat=dicom,
                                         kind="news")
    assert request.requester == editor
    assert events(loose, "idea_make_request").get().payload == {
        "request": request.pk, "requester": editor.pk}
    assert not AuditEvent.objects.filter(verb="idea_request_filed").exists()


# Comments


def test_a_colleague_comments_and_the_comment_is_on_the_page_and_the_trail(client, demo, idea):
    from ideas.models import Comment

    client.force_login(demo["bruno.educacao"])
    url = reverse("ideas:detail", args=[idea.pk])
    response = client.post(reverse("ideas:action", args=[idea.pk, "comment"]),
                           {"text": "  Também no posto do centro.  "})
    assert response.status_code == 302 and response["Location"] == url
    comment = Comment.objects.get(idea=idea)
    assert comment.author == demo["bruno.educacao"]
    assert comment.text == "Também no posto do centro."
    event = AuditEvent.objects.get(verb="idea_comment", target_id=str(comment.pk))
    assert (event.subject_type, event.subject_id) == ("ideas.idea", str(idea.pk))
    assert event.actor == demo["bruno.educacao"]
    assert event.payload == {"text": "Também no posto do centro."}
    page = client.get(url).content.decode()
    assert "Também no posto do centro." in page and "Bruno Teixeira" in page
    assert "Comment added." in page


def test_an_empty_comment_is_refused_with_a_sentence_and_writes_nothing(client, demo, idea):
    before = AuditEvent.objects.count()
    with pytest.raises(ValidationError, match="Write the comment"):
        services.idea_comment(idea=idea, by=demo["bruno.educacao"], text="   ")
    client.force_login(demo["bruno.educacao"])
    response = client.post(reverse("ideas:action", args=[idea.pk, "comment"]),
                           {"text": ""}, follow=True)
    assert "This field is required." in response.content.decode()
    response = client.post(reverse("ideas:action", args=[idea.pk, "comment"]),
                           {"text": "x" * 5001}, follow=True)
    assert "at most 5000 characters" in response.content.decode()
    assert not idea.comments.exists() and AuditEvent.objects.count() == before


def test_comments_on_an_anonymous_idea_name_the_commenter_never_the_author(
        client, demo, settings):
    settings.IDEAS_ANONYMOUS = True
    idea = services.idea_propose(by=demo["ana.saude"], title="Sem nome", description="D",
                                 anonymous=True)
    client.force_login(demo["bruno.educacao"])
    client.post(reverse("ideas:action", args=[idea.pk, "comment"]), {"text": "Boa ideia."})
    comment = idea.comments.get()
    assert comment.author == demo["bruno.educacao"]
    event = AuditEvent.objects.get(verb="idea_comment", target_id=str(comment.pk))
    assert event.actor == demo["bruno.educacao"]
    assert demo["ana.saude"].pk not in AuditEvent.objects.filter(
        subject_type="ideas.idea", subject_id=str(idea.pk)).values_list("actor", flat=True)
    client.force_login(demo["diego.editor"])
    page = client.get(reverse("ideas:detail", args=[idea.pk])).content.decode()
    assert "Bruno Teixeira" in page and "Ana Ribeiro" not in page
    # whoever comments is told the comment is signed, even on an anonymous idea
    assert "signed with your name" in page


def test_who_is_not_signed_in_or_inactive_cannot_comment(client, demo, idea):
    url = reverse("ideas:action", args=[idea.pk, "comment"])
    response = client.post(url, {"text": "Anônimo"})
    assert response.status_code == 302 and response["Location"].startswith(
        reverse("login"))
    person = demo["bruno.educacao"]
    person.is_active = False
    person.save(update_fields=["is_active"])
    with pytest.raises(PermissionDenied):
        services.idea_comment(idea=idea, by=person, text="Inativo")
    assert not idea.comments.exists()


def test_a_forged_comment_lands_only_on_the_idea_of_its_address(client, demo, idea):
    other = services.idea_propose(by=demo["carla.obras"], title="Outra", description="D")
    client.force_login(demo["bruno.educacao"])
    client.post(reverse("ideas:action", args=[idea.pk, "comment"]),
                {"text": "Forjado", "idea": other.pk, "author": demo["ana.saude"].pk})
    comment = idea.comments.get()
    assert comment.author == demo["bruno.educacao"] and not other.comments.exists()
    missing = Idea.objects.order_by("-pk").first().pk + 1
    assert client.post(reverse("ideas:action", args=[missing, "comment"]),
                       {"text": "x"}).status_code == 404
    assert client.get(reverse("ideas:action", args=[idea.pk, "comment"])).status_code == 405
    assert client.post(reverse("ideas:action", args=[idea.pk, "comment_all"]),
                       {"text": "x"}).status_code == 404
    assert idea.comments.count() == 1


# Pages


def test_the_list_shows_counts_per_state(client, demo, idea):
    client.force_login(demo["bruno.educacao"])
    page = client.get(reverse("ideas:list")).content.decode()
    assert "Senhas pelo celular" in page
    assert f"({Idea.objects.filter(state='new').count()})" in page


def test_proposing_through_the_form(client, demo):
    client.force_login(demo["carla.obras"])
    response = client.post(reverse("ideas:create"), {"title": "Praça com wi-fi",
                                                     "description": "Wi-fi nas praças."})
    idea = Idea.objects.get(title="Praça com wi-fi")
    assert response.status_code == 302 and response["Location"] == reverse(
        "ideas:detail", args=[idea.pk])


def test_the_form_shows_errors_in_portuguese_and_keeps_the_text(client, demo):
    client.force_login(demo["carla.obras"])
    page = client.post(reverse("ideas:create"), {"title": "", "description": "Guardado"},
                       HTTP_ACCEPT_LANGUAGE="pt-br").content.decode()
    assert "Este campo é obrigatório" in page and "Guardado" in page


def test_support_and_triage_buttons_per_person(client, demo, idea):
    url = reverse("ideas:detail", args=[idea.pk])
    client.force_login(demo["bruno.educacao"])
    page = client.get(url).content.decode()
    assert reverse("ideas:action", args=[idea.pk, "support"]) in page
    assert reverse("ideas:action", args=[idea.pk, "study"]) not in page
    client.post(reverse("ideas:action", args=[idea.pk, "support"]))
    assert Support.objects.filter(idea=idea, user=demo["bruno.educacao"]).exists()
    client.force_login(demo["diego.editor"])
    assert reverse("ideas:action", args=[idea.pk, "study"]) in client.get(url).content.decode()


def test_a_forged_triage_post_is_refused(client, demo, idea):
    client.force_login(demo["bruno.educacao"])
    assert client.post(reverse("ideas:action", args=[idea.pk, "accept"])).status_code == 403
    assert client.post(reverse("ideas:action", args=[idea.pk, "nonsense"])).status_code == 404
    idea.refresh_from_db()
    assert idea.state == "new"


def test_declining_without_a_reason_says_so_and_changes_nothing(client, demo, idea):
    client.force_login(demo["diego.editor"])
    response = client.post(reverse("ideas:action", args=[idea.pk, "decline"]),
                           {"reason": ""}, follow=True, HTTP_ACCEPT_LANGUAGE="pt-br")
    idea.refresh_from_db()
    assert idea.state == "new" and "obrigatório" in response.content.decode()


def test_turning_into_a_request_through_the_page(client, demo, idea):
    services.idea_accept(idea=idea, by=demo["diego.editor"])
    url = reverse("ideas:make_request", args=[idea.pk])
    sms = Secretariat.objects.get(acronym="SMS")
    client.force_login(demo["carla.obras"])  # files for SEMOB only: SMS is not offered
    page = client.post(url, {"secretariat": sms.pk, "kind": "news"},
                       HTTP_ACCEPT_LANGUAGE="pt-br").content.decode()
    idea.refresh_from_db()
    assert idea.request is None and "Faça uma escolha válida" in page
    client.force_login(demo["ana.saude"])
    response = client.post(url, {"secretariat": sms.pk, "kind": "news"})
    idea.refresh_from_db()
    assert response.status_code == 302 and response["Location"] == reverse(
        "workflows:detail", args=[idea.request_id])


def test_the_team_turns_it_into_a_request_through_the_page(client, demo, idea):
    services.idea_accept(idea=idea, by=demo["diego.editor"])
    client.force_login(demo["diego.editor"])
    page = client.get(reverse("ideas:detail", args=[idea.pk])).content.decode()
    url = reverse("ideas:make_request", args=[idea.pk])
    assert url in page
    response = client.get(url)
    form = response.context["form"]
    assert set(form.fields["secretariat"].queryset.values_list("acronym", flat=True)) == {
        "DICOM", "SMS"}  # the team's own unit and the idea's secretariat, no other
    assert form.initial["secretariat"] == idea.secretariat_id
    assert "in the name of Ana Ribeiro" in response.content.decode()
    semed = Secretariat.objects.get(acronym="SEMED")
    refused = client.post(url, {"secretariat": semed.pk, "kind": "news"})
    assert refused.status_code == 200 and "Select a valid choice" in refused.content.decode()
    response = client.post(url, {"secretariat": idea.secretariat_id, "kind": "news"})
    idea.refresh_from_db()
    assert response.status_code == 302 and response["Location"] == reverse(
        "workflows:detail", args=[idea.request_id])
    assert idea.request.requester == demo["ana.saude"]
    page = client.get(response["Location"]).content.decode()
    assert f"filed this draft from the staff idea #{idea.pk} in the name of Ana" in page


def test_the_team_is_told_when_nobody_may_file_in_the_ideas_secretariats_name(client, demo):
    from org.models import Membership

    Membership.objects.filter(secretariat__acronym="SEMED").delete()
    semed = Secretariat.objects.get(acronym="SEMED")
    idea = services.idea_propose(by=demo["carla.obras"], title="Solta", description="d",
                                 secretariat=semed)
    services.idea_accept(idea=idea, by=demo["diego.editor"])
    client.force_login(demo["diego.editor"])
    page = client.get(reverse("ideas:detail", args=[idea.pk])).content.decode()
    assert "Nobody may file content requests for the idea" in page
    url = reverse("ideas:make_request", args=[idea.pk])
    form = client.get(url).context["form"]
    assert list(form.fields["secretariat"].queryset.values_list("acronym", flat=True)) == [
        "DICOM"]
    refused = client.post(url, {"secretariat": semed.pk, "kind": "news"})
    assert refused.status_code == 200 and "Select a valid choice" in refused.content.decode()
    idea.refresh_from_db()
    assert idea.request is None


def test_who_may_file_no_request_cannot_open_the_conversion(client, demo, idea):
    services.idea_accept(idea=idea, by=demo["diego.editor"])
    client.force_login(demo["igor.auditor"])
    assert client.get(reverse("ideas:make_request", args=[idea.pk])).status_code == 403


def test_an_anonymous_idea_page_names_nobody(client, demo, settings):
    settings.IDEAS_ANONYMOUS = True
    idea = services.idea_propose(by=demo["ana.saude"], title="Sem nome", description="D",
                                 anonymous=True)
    client.force_login(demo["diego.editor"])
    page = client.get(reverse("ideas:detail", args=[idea.pk])).content.decode()
    assert str(demo["ana.saude"]) not in page


def test_the_demo_has_ideas_in_every_state(demo):
    from ideas.models import IdeaState

    assert set(Idea.objects.values_list("state", flat=True)) >= set(IdeaState.values)


def test_the_indicators_count_the_period_and_the_median_answer_time(demo):
    from datetime import date, timedelta

    from pauta import clock
    from reports.indicators import compute_all
    from reports.slices import Slice

    today = clock.today()
    Idea.objects.all().delete()
    start = clock.now() - timedelta(days=10)
    with clock.travel(start):
        a = services.idea_propose(by=demo["ana.saude"], title="A", description="d")
        b = services.idea_propose(by=demo["ana.saude"], title="B", description="d")
        services.idea_propose(by=demo["ana.saude"], title="C", description="d")
    with clock.travel(start + timedelta(days=2)):
        services.idea_accept(idea=a, by=demo["diego.editor"])
    with clock.travel(start + timedelta(days=4)):
        services.idea_decline(idea=b, by=demo["diego.editor"], reason="Não.")
    with clock.travel(start + timedelta(days=5)):
        services.idea_complete(idea=Idea.objects.get(pk=a.pk), by=demo["diego.editor"])
    results = compute_all(Slice(date(today.year - 1, 1, 1), today),
                          {"ideas_received", "ideas_accepted", "ideas_implemented",
                           "idea_answer_days"})
    assert results["ideas_received"].value == 3
    assert [p.value for p in results["ideas_received"].series] == [1, 1, 1]  # new, done, declined
    assert results["ideas_accepted"].value == 1
    assert results["ideas_implemented"].value == 1
    assert results["idea_answer_days"].value == 3.0  # median of 2 and 4 days


def test_an_accepted_idea_becomes_a_draft_campaign_traced_both_ways(client, demo, idea):
    from datetime import timedelta

    from django.utils import timezone

    from campaigns.models import Campaign

    sms = Secretariat.objects.get(acronym="SMS")
    start = timezone.localdate() + timedelta(days=30)
    end = start + timedelta(days=20)
    with pytest.raises(ValidationError):  # not accepted yet
        services.idea_make_campaign(idea=idea, by=demo["ana.saude"], secretariat=sms,
                                    start=start, end=end)
    idea = services.idea_accept(idea=idea, by=demo["diego.editor"])
    with pytest.raises(PermissionDenied):  # the auditor files for no secretariat
        services.idea_make_campaign(idea=idea, by=demo["igor.auditor"], secretariat=sms,
                                    start=start, end=end)
    client.force_login(demo["ana.saude"])
    url = reverse("ideas:make_campaign", args=[idea.pk])
    refused = client.post(url, {"secretariat": sms.pk, "start": end.isoformat(),
                                "end": start.isoformat()})
    assert refused.status_code == 200 and "The end cannot come before the start." in (
        refused.content.decode())
    assert not Campaign.objects.filter(title=idea.title).exists()
    response = client.post(url, {"secretariat": sms.pk, "start": start.isoformat(),
                                 "end": end.isoformat()})
    idea.refresh_from_db()
    campaign = idea.campaign
    assert response.status_code == 302
    assert response["Location"] == reverse("campaigns:detail", args=[campaign.pk])
    assert campaign.state == "draft" and campaign.secretariat == sms
    assert campaign.title == idea.title and idea.description in campaign.brief
    assert (campaign.start, campaign.end) == (start, end)
    assert events(idea, "idea_make_campaign").get().payload == {"campaign": campaign.pk}
    page = client.get(reverse("campaigns:detail", args=[campaign.pk])).content.decode()
    assert reverse("ideas:detail", args=[idea.pk]) in page  # the campaign links back
    page = client.get(reverse("ideas:detail", args=[idea.pk])).content.decode()
    assert reverse("campaigns:detail", args=[campaign.pk]) in page
    assert client.get(url).status_code == 403  # once only
    with pytest.raises(ValidationError, match="already"):
        services.idea_make_campaign(idea=idea, by=demo["ana.saude"], secretariat=sms,
                                    start=start, end=end)
    # it can still become a content request too (a campaign and its first piece)
    assert services.idea_make_request(idea=idea, by=demo["ana.saude"], secretariat=sms,
                                      kind="news").pk


def test_an_accepted_idea_becomes_an_action_of_the_plan_in_draft(client, demo, idea):
    from plans.models import Plan, PlanAction
    from plans.services import plan_create

    idea = services.idea_accept(idea=idea, by=demo["diego.editor"])
    url = reverse("ideas:make_plan_action", args=[idea.pk])
    client.force_login(demo["helena.gestora"])
    year = Plan.objects.order_by("-year").values_list("year", flat=True).first() + 1
    if not Plan.objects.filter(state="draft").exists():
        assert client.get(url).status_code == 403  # no plan in draft: nowhere to add it
    plan = plan_create(year=year, title=f"Plano {year}", by=demo["helena.gestora"])
    objective = plan.objectives.create(code="O1", title="Ouvir os servidores")
    client.force_login(demo["ana.saude"])  # a requester does not edit the plan
    assert client.get(url).status_code == 403
    client.force_login(demo["helena.gestora"])
    form = client.get(url).context["form"]
    assert form.initial["title"] == idea.title and form.initial["owner"] == idea.secretariat_id
    data = {"code": "A9", "title": idea.title, "objective": objective.pk,
            "owner": idea.secretariat_id, "start": f"{year}-03-01", "end": f"{year}-02-01",
            "planned_pieces": "2", "budget": "0"}
    assert client.post(url, data).status_code == 200  # the end before the start: refused
    assert not PlanAction.objects.filter(plan=plan).exists()
    response = client.post(url, {**data, "end": f"{year}-05-31"})
    assert response.status_code == 302, response.context["form"].errors
    idea.refresh_from_db()
    action = idea.plan_action
    assert action.plan == plan and action.code == "A9" and action.idea == idea
    assert events(idea, "idea_make_plan_action").get().payload == {"plan": plan.pk,
                                                                   "action": "A9"}
    assert client.get(url).status_code == 403  # once only
    page = client.get(reverse("ideas:detail", args=[idea.pk])).content.decode()
    assert reverse("plans:detail", args=[plan.pk]) in page and "A9" in page


def _png(name="cartaz.png"):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from tests.permission_world import PNG

    return SimpleUploadedFile(name, PNG, content_type="image/png")


def test_an_idea_comes_with_a_file_checked_by_its_content(client, demo, settings, tmp_path):
    from django.core.files.uploadedfile import SimpleUploadedFile

    settings.MEDIA_ROOT = tmp_path
    client.force_login(demo["ana.saude"])
    url = reverse("ideas:create")
    fake = SimpleUploadedFile("cartaz.png", b"<script>alert(1)</script>",
                              content_type="image/png")
    page = client.post(url, {"title": "Com anexo falso", "description": "D",
                             "attachment": fake}).content.decode()
    assert "This type of file is not accepted" in page
    assert not Idea.objects.filter(title="Com anexo falso").exists()  # nothing half-written
    settings.ATTACHMENT_MAX_BYTES = 10
    page = client.post(url, {"title": "Grande", "description": "D",
                             "attachment": _png()}).content.decode()
    assert "too large" in page and not Idea.objects.filter(title="Grande").exists()
    settings.ATTACHMENT_MAX_BYTES = 10 * 1024 * 1024
    response = client.post(url, {"title": "Com cartaz", "description": "D",
                                 "attachment": _png("Cartaz da UBS.jpg")})
    idea = Idea.objects.get(title="Com cartaz")
    assert response.status_code == 302
    attachment = idea.attachments.get()
    assert attachment.content_type == "image/png"
    assert attachment.original_name == "Cartaz da UBS.png"  # the extension of its real type
    client.force_login(demo["carla.obras"])  # any colleague reads it
    download = client.get(reverse("ideas:attachment", args=[idea.pk, attachment.pk]))
    assert download["Content-Type"] == "image/png"
    assert download["X-Content-Type-Options"] == "nosniff"
    other = services.idea_propose(by=demo["ana.saude"], title="Outra", description="D")
    assert client.get(reverse("ideas:attachment", args=[other.pk, attachment.pk])
                      ).status_code == 404  # a file is read only through its own idea
    client.logout()
    assert client.get(reverse("ideas:attachment", args=[idea.pk, attachment.pk])
                      ).status_code == 302


def test_an_anonymous_ideas_file_keeps_no_name(demo, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    settings.IDEAS_ANONYMOUS = True
    idea = services.idea_propose(by=demo["ana.saude"], title="Anônima", description="D",
                                 anonymous=True, attachment=_png("ana-ribeiro-proposta.png"))
    attachment = idea.attachments.get()
    assert attachment.original_name == "anexo.png"
    assert "ana" not in attachment.file.name
