"""Objects for the URL permission matrix: one of each kind in an "own" and an "other" scope.

"Own" is the requester's secretariat (SMS, ana.saude's); "other" is a secretariat she has
nothing to do with (SEMED). Feeds and notifications are "own" when they belong to the person
asking and "other" when they belong to somebody else. Plans have no secretariat: both
columns use the same draft plan.
"""

from dataclasses import dataclass, field
from datetime import timedelta
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile

from api.tokens import token_create
from approvals.models import ApprovalStep
from approvals.services import step_decide
from audit.models import AuditEvent
from calendars import checklists
from calendars import guests as calendar_guests
from calendars import services as calendar_services
from calendars.models import Event
from campaigns import services as campaign_services
from clipping.tests.world import clipping_world
from ideas import services as idea_services
from notifications.models import Notification
from org.models import Secretariat
from org.services import absence_save
from pauta import clock
from plans import services as plan_services
from plans.commitments import commitment_record
from plans.models import Channel, Plan
from press import contacts as press_contacts
from press import services as press_services
from press.distribution import unsubscribe_token
from press.models import Distribution, Journalist
from reports import permissions as report_perms
from reports.services import export_run, export_start
from reports.slices import Slice
from surveys import services as survey_services
from surveys.demo import approve_all
from workflows import permissions as perms
from workflows import services

# A 1×1 transparent PNG: a real image, so the upload checks accept it.
PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6300010000000500010d0a2db40000000049454e44ae426082")
# Who stands for each role in the matrix (anon: nobody signed in).
SUBJECTS = {"anon": None, "requester": "ana.saude", "editor": "diego.editor",
            "approver": "fernanda.chefe", "legal": "gustavo.juridico",
            "manager": "helena.gestora", "auditor": "igor.auditor", "admin": "admin"}
OTHER_PERSON = "carla.obras"  # owns the "other" feed and notification


def png(name="foto.png"):
    return SimpleUploadedFile(name, PNG, content_type="image/png")


@dataclass
class Scope:
    draft: int = 0  # a draft of the secretariat's requester
    request: int = 0  # in production, assigned to diego.editor, with text and an image
    channel: int = 0
    attachment: int = 0
    review: int = 0  # in review
    step: int = 0  # its pending secretariat-validation step
    event: int = 0  # an internal event of the secretariat
    task: int = 0  # a production task of that event, owned by diego.editor
    guest: int = 0  # a guest of that event
    guest_token: str = ""  # the guest's RSVP link token
    approved_piece: int = 0  # the publication of an approved request (movable on the calendar)
    campaign: int = 0  # a draft campaign of the secretariat's requester
    campaign_review: int = 0  # a campaign in approval
    campaign_step: int = 0  # its first pending approval step
    export: int = 0  # a KPI export made by the secretariat's requester (scope: her secretariats)
    decision: int = 0  # a decision of the approved request
    inquiry: int = 0  # a press inquiry about the secretariat, forwarded to it
    inquiry_review: int = 0  # a press inquiry whose answer is in approval
    inquiry_step: int = 0  # its pending step (the head of communication's)


@dataclass
class World:
    people: dict
    own: Scope = field(default_factory=Scope)
    other: Scope = field(default_factory=Scope)
    plan: int = 0  # a draft plan
    approved_plan: int = 0  # the demo's approved plan
    objective: int = 0
    feeds: dict = field(default_factory=dict)  # username -> feed pk
    tokens: dict = field(default_factory=dict)  # username -> the feed's secret token
    notes: dict = field(default_factory=dict)  # username -> notification pk
    api_tokens: dict = field(default_factory=dict)  # username -> API token pk
    plan_action: int = 0  # an action of the approved plan
    commitment: int = 0  # a budget commitment of that action
    idea: int = 0  # a new staff idea (ideas have no secretariat scope: both columns)
    idea_file: int = 0  # the matrix idea's attachment
    accepted_idea: int = 0  # an accepted idea not yet turned into a request
    survey: int = 0  # an open public survey (surveys have no secretariat scope: both columns)
    survey_slug: str = ""
    published_survey_slug: str = ""  # a survey whose results are published (public page)
    draft_survey: int = 0
    review_survey: int = 0  # a survey in review, its head-of-communication step pending
    survey_step: int = 0
    clipping: dict = field(default_factory=dict)  # clip, source, digest, token (clipping/)
    journalist: int = 0  # a media contact (the same in both columns)
    distribution: int = 0  # a press-release distribution not sent yet
    unsubscribe: str = ""  # the journalist's unsubscribe token
    media: dict = field(default_factory=dict)  # the media bank's objects (_media below)
    # An absence of diego.editor (the editor's own) and one of elisa.editora (another's).
    absences: dict = field(default_factory=dict)  # True (own) / False (other) -> pk

    def scope(self, own: bool) -> Scope:
        return self.own if own else self.other

    def feed(self, username, own: bool) -> int:
        return self.feeds[username if own and username else OTHER_PERSON]

    def token(self, username, own: bool) -> str:
        return self.tokens[username if own and username else OTHER_PERSON]

    def note(self, username, own: bool) -> int:
        return self.notes[username if own and username else OTHER_PERSON]

    def absence(self, own: bool) -> int:
        return self.absences[own]

    def api_token(self, username, own: bool) -> int:
        return self.api_tokens[username if own and username else OTHER_PERSON]


def build_world(people) -> World:
    world = World(people=people)
    _scope(world.own, people, "SMS", people["ana.saude"])
    _scope(world.other, people, "SEMED", people["bruno.educacao"])
    plan = plan_services.plan_create(year=clock.today().year + 3, title="Plano de teste",
                                     by=people["helena.gestora"])
    world.plan = plan.pk
    world.approved_plan = Plan.objects.filter(state="approved").order_by("-year").first().pk
    objective = plan.objectives.first()
    if objective is None:
        from plans.models import Objective

        objective = Objective.objects.create(plan=plan, title="Objetivo", description="d")
    world.objective = objective.pk
    event = AuditEvent.objects.order_by("-pk").first()
    for username in [*filter(None, SUBJECTS.values()), OTHER_PERSON]:
        person = people[username]
        feed, token = calendar_services.feed_create(by=None, system=True, owner=person,
                                                    name=f"Matriz {username}")
        world.feeds[username], world.tokens[username] = feed.pk, token
        world.notes[username] = Notification.objects.create(
            recipient=person, event=event, message="Teste").pk
        world.api_tokens[username] = token_create(by=person, name=f"Matriz {username}")[0].pk
    # After the notifications, whose event is the trail's last one before these.
    far = clock.today() + timedelta(days=200)
    for own, username in ((True, "diego.editor"), (False, "elisa.editora")):
        world.absences[own] = absence_save(
            by=people["fernanda.chefe"], person=people[username], kind="vacation",
            starts_on=far, ends_on=far + timedelta(days=4)).pk
    idea = idea_services.idea_propose(by=people[OTHER_PERSON], title="Ideia da matriz",
                                      description="d", attachment=png("ideia.png"))
    world.idea = idea.pk
    world.idea_file = idea.attachments.get().pk
    accepted = idea_services.idea_propose(by=people[OTHER_PERSON], title="Ideia aceita",
                                          description="d")
    world.accepted_idea = idea_services.idea_accept(idea=accepted, by=people["diego.editor"]).pk
    questions = [{"kind": "scale5", "text": "Nota", "required": True}]
    survey = survey_services.survey_create(by=people["diego.editor"], title="Pesquisa da matriz",
                                           questions=questions)
    survey = approve_all(survey_services.survey_submit(survey=survey, by=people["diego.editor"]))
    world.survey, world.survey_slug = survey.pk, survey.slug
    published = approve_all(survey_services.survey_submit(survey=survey_services.survey_create(
        by=people["diego.editor"], title="Pesquisa com resultados publicados",
        questions=questions), by=people["diego.editor"]))
    published = survey_services.survey_close(survey=published, by=people["diego.editor"])
    world.published_survey_slug = survey_services.survey_publish_results(
        survey=published, by=people["diego.editor"]).slug
    review = survey_services.survey_submit(survey=survey_services.survey_create(
        by=people["diego.editor"], title="Pesquisa em análise", questions=questions),
        by=people["diego.editor"])
    world.review_survey = review.pk
    world.survey_step = review.approval_steps.get(status="pending").pk
    world.draft_survey = survey_services.survey_create(
        by=people["diego.editor"], title="Rascunho da matriz", questions=questions).pk
    action = Plan.objects.get(pk=world.approved_plan).actions.first()
    world.plan_action = action.pk
    world.commitment = commitment_record(
        action=action, amount=Decimal("100"), committed_on=clock.today().replace(
            year=action.plan.year, month=6, day=1),
        description="Matriz", by=people["helena.gestora"]).pk
    world.clipping = clipping_world(linked=[(scope.campaign, scope.request)
                                            for scope in (world.own, world.other)])
    world.journalist = press_contacts.journalist_create(
        by=people["elisa.editora"], name="Matriz Repórter", email="matriz@jornal.example.com",
        legal_basis="legitimate_interest", source="Matriz").pk
    for scope, acronym in ((world.own, "SMS"), (world.other, "SEMED")):
        _press(scope, people, acronym, world.journalist)
    world.distribution = Distribution.objects.create(
        request_id=world.own.request, subject="Matriz", body="Texto.",
        created_by=people["elisa.editora"]).pk
    world.unsubscribe = unsubscribe_token(world.journalist)
    world.media = _media(people, world)
    return world


def _press(scope: Scope, people, acronym: str, journalist_pk: int) -> None:
    officer = people["elisa.editora"]
    journalist = Journalist.objects.get(pk=journalist_pk)

    def registered(theme):
        return press_services.inquiry_register(
            by=officer, journalist=journalist, secretariat=Secretariat.objects.get(
                acronym=acronym), theme=theme, questions="Perguntas?",
            deadline=clock.now() + timedelta(hours=6))

    scope.inquiry = press_services.inquiry_forward(
        inquiry=registered(f"Demanda {acronym}"), by=officer).pk
    review = press_services.inquiry_draft(inquiry=registered(f"Resposta {acronym}"),
                                          by=officer, answer="Resposta.")
    review = press_services.inquiry_send_to_approval(inquiry=review, by=officer)
    scope.inquiry_review = review.pk
    scope.inquiry_step = ApprovalStep.objects.get(inquiry=review, status="pending").pk


def _media(people, world) -> dict:
    """A derived public photo of SMS in a public album, used by the own request, a person with
    a consent (and its scan), an upload still receiving parts (diego.editor's)."""
    from media import services as media
    from media.tests.images import jpeg, upload

    editor = people["diego.editor"]
    asset = media.asset_create(by=editor, uploaded=upload(jpeg(1, size=(64, 48))), title="Matriz",
                               public=True, secretariat=Secretariat.objects.get(acronym="SMS"))
    media.derive(asset.pk)  # no commit here: the job would run after it
    album = media.album_create(by=editor, title="Matriz", public=True)
    media.album_add(album=album, assets=[asset], by=editor)
    person = media.person_create(by=editor, name="Pessoa da matriz")
    consent = media.consent_record(person=person, by=editor, purposes=["institutional"],
                                   given_on=clock.today(), document=png("termo.png"))
    batch = media.batch_start(by=editor, uploads=[png("lote.png")], more=True)
    from workflows.models import ContentRequest

    use, _findings = media.asset_attach(asset=asset, by=editor,
                                        request=ContentRequest.objects.get(pk=world.own.request))
    from media.models import UseFlag

    flag = UseFlag.objects.create(use=use, consent=consent, reason=UseFlag.Reason.WITHDRAWN)
    return {"asset": asset.pk, "album": album.pk, "person": person.pk, "consent": consent.pk,
            "batch": batch.pk, "use": use.pk, "flag": flag.pk}


def _scope(scope: Scope, people, acronym: str, requester) -> None:
    editor = people["diego.editor"]
    secretariat = Secretariat.objects.get(acronym=acronym)
    portal = Channel.objects.get(code="portal")

    def produced(title):
        request = services.request_create(by=requester, secretariat=secretariat, kind="news",
                                          title=title, brief="b", channels=[portal])
        request = services.request_submit(request=request, by=requester)
        request = services.request_accept(request=request, by=editor)
        services.publication_save(request=request, by=editor, channel=portal, title=title,
                                  body="Texto final.")
        return request

    scope.draft = services.request_create(by=requester, secretariat=secretariat, kind="news",
                                          title=f"Rascunho {acronym}", brief="b").pk
    request = produced(f"Produção {acronym}")
    scope.request, scope.channel = request.pk, portal.pk
    scope.attachment = services.attachment_add(request=request, by=editor, uploaded=png(),
                                               alt_text="Logo").pk
    review = services.request_send_to_review(request=produced(f"Revisão {acronym}"), by=editor)
    scope.review = review.pk
    scope.step = ApprovalStep.objects.get(request=review, status="pending",
                                          approvers="secretariat").pk
    approved = services.request_send_to_review(request=produced(f"Aprovado {acronym}"),
                                               by=editor)
    while (step := ApprovalStep.objects.filter(request=approved, status="pending").first()):
        decider = next(p for p in people.values() if perms.can_decide_step(p, step))
        step_decide(step=step, by=decider, outcome="approve")
    scope.approved_piece = approved.publications.get().pk
    scope.decision = approved.approval_steps.first().decisions.first().pk
    today = clock.today()
    scope.campaign = campaign_services.campaign_create(
        by=requester, secretariat=secretariat, title=f"Campanha {acronym}", brief="b",
        start=today + timedelta(days=30), end=today + timedelta(days=60)).pk
    review = campaign_services.campaign_create(
        by=requester, secretariat=secretariat, title=f"Campanha em aprovação {acronym}",
        brief="b", start=today + timedelta(days=30), end=today + timedelta(days=60),
        pieces=[{"kind": "news", "title": f"Peça {acronym}",
                 "desired_date": today + timedelta(days=35)}])
    review = campaign_services.campaign_submit(campaign=review, by=requester)
    review = campaign_services.campaign_send_to_approval(campaign=review, by=editor)
    scope.campaign_review = review.pk
    scope.campaign_step = ApprovalStep.objects.filter(campaign=review,
                                                      status="pending").first().pk
    scope.export = export_start(by=requester, slice_=Slice(
        start=today - timedelta(days=30), end=today,
        scope=report_perms.data_scope(requester))).pk
    export_run(export_id=scope.export)  # the file exists, so the download can answer
    start = clock.now() + timedelta(days=5)
    scope.event = calendar_services.event_create(
        by=editor, kind="public_event", title=f"Evento {acronym}", secretariat=secretariat,
        starts_at=start, ends_at=start + timedelta(hours=2), visibility="internal").pk
    scope.task = checklists.task_add(event=Event.objects.get(pk=scope.event), by=editor,
                                     title="Convites", due_date=start.date(), owner=editor).pk
    guest = calendar_guests.guest_add(event=Event.objects.get(pk=scope.event), by=editor,
                                      name=f"Convidada {acronym}", email="c@example.org")
    scope.guest, scope.guest_token = guest.pk, calendar_guests.rsvp_token(guest)
