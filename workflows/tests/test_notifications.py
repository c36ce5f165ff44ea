"""Notifications: one per event per person, retries don't duplicate, in the recipient's language."""

import pytest
from django.core import mail
from django.test import RequestFactory

from audit.services import record
from notifications.models import Notification
from notifications.services import notify_event, recipients, send_digests
from org.models import Secretariat, User
from workflows import services, tasks
from workflows.context_processors import notifications as unread_processor
from workflows.models import ContentRequest
from workflows.tests.factories import ContentRequestFactory


@pytest.fixture
def submitted(demo, django_capture_on_commit_callbacks):
    # Notifications are sent after commit: run those callbacks as a real commit would.
    with django_capture_on_commit_callbacks(execute=True):
        request = services.request_create(by=demo["ana.saude"], kind="news",
                                          title="Vacinação", brief="b",
                                          secretariat=Secretariat.objects.get(acronym="SMS"))
        return services.request_submit(request=request, by=demo["ana.saude"])


@pytest.fixture
def sms_request(demo):
    """A request of SMS in production, assigned to diego, made without the services."""
    request = ContentRequestFactory(secretariat=Secretariat.objects.get(acronym="SMS"),
                                    requester=demo["ana.saude"], title="Dengue",
                                    assignee=demo["diego.editor"])
    ContentRequest.objects.filter(pk=request.pk).update(state="in_production")
    return ContentRequest.objects.get(pk=request.pk)


def _speak(user, language):
    user.language = language
    user.save(update_fields=["language"])
    return user


def _names(event):
    return set(Notification.objects.filter(event=event)
               .values_list("recipient__username", flat=True))


def test_submission_notifies_every_editor_once_in_their_language(demo, submitted):
    editors = set(User.objects.filter(groups__name="Editor").values_list("username", flat=True))
    notes = Notification.objects.filter(request=submitted, event__verb="submit")
    assert set(notes.values_list("recipient__username", flat=True)) == editors
    assert notes.count() == len(editors)
    joana = notes.get(recipient__username="joana.lisboa")  # pt-PT
    diego = notes.get(recipient__username="diego.editor")  # default pt-BR
    assert joana.message == f"Novo pedido #{submitted.pk} “Vacinação” de SMS."
    assert diego.message == f"Nova solicitação #{submitted.pk} “Vacinação” de SMS."
    subjects = [m.subject for m in mail.outbox if "Vacinação" in m.subject]
    assert len(subjects) == len(editors)


def test_task_run_twice_duplicates_neither_rows_nor_emails(demo, sms_request):
    event = record(by=demo["diego.editor"], verb="approve", target=sms_request)
    mail.outbox.clear()
    tasks.notify_event(event.pk)
    rows, sent = Notification.objects.filter(event=event).count(), len(mail.outbox)
    assert rows >= 1 and sent == rows  # ana and the SMS members, each one e-mail
    tasks.notify_event(event.pk)  # a retry
    assert Notification.objects.filter(event=event).count() == rows
    assert len(mail.outbox) == sent


def test_email_language_follows_the_recipient(demo, sms_request):
    ana = _speak(demo["ana.saude"], "en")
    event = record(by=demo["diego.editor"], verb="return_for_info", target=sms_request)
    mail.outbox.clear()
    notify_event(event.pk)
    (english,) = [m for m in mail.outbox if m.to == [ana.email]]
    assert english.subject == (f"[Pauta] The communication team asks for information on request "
                               f"#{sms_request.pk} “Dengue”.")
    assert "Open the request:" in english.body
    assert f"/requests/{sms_request.pk}/" in english.body
    _speak(ana, "pt-br")
    event = record(by=demo["diego.editor"], verb="reject", target=sms_request)
    mail.outbox.clear()
    notify_event(event.pk)
    (portuguese,) = [m for m in mail.outbox if m.to == [ana.email]]
    assert portuguese.subject == f"[Pauta] A solicitação #{sms_request.pk} “Dengue” foi rejeitada."
    assert "Abrir a solicitação:" in portuguese.body


def test_actor_is_never_notified(demo, submitted):
    event = record(by=demo["diego.editor"], verb="submit", target=submitted)
    notify_event(event.pk)
    assert "diego.editor" not in _names(event)
    assert "elisa.editora" in _names(event)


def test_digest_users_get_no_immediate_mail_and_one_digest(demo, submitted):
    elisa = demo["elisa.editora"]
    elisa.notification_digest = True
    elisa.save()
    mail.outbox.clear()
    for _ in range(3):
        notify_event(record(by=demo["ana.saude"], verb="submit", target=submitted).pk)
    assert not any(m.to == [elisa.email] for m in mail.outbox)
    pending = Notification.objects.filter(recipient=elisa, emailed_at__isnull=True)
    assert pending.count() == 3
    assert send_digests() >= 1
    digests = [m for m in mail.outbox if m.to == [elisa.email]]
    assert len(digests) == 1
    assert digests[0].body.count("Vacinação") == 3
    assert not pending.exists()
    assert send_digests() == 0  # nothing new


def test_routing_table(demo, sms_request):
    def routed(verb, actor, **payload):
        return {u.username for u in recipients(
            record(by=actor, verb=verb, target=sms_request, payload=payload))}

    diego, ana = demo["diego.editor"], demo["ana.saude"]
    assert routed("assign", demo["fernanda.chefe"], assignee=diego.pk) == {"diego.editor"}
    assert routed("assign", diego, assignee=diego.pk) == set()  # the actor himself
    assert "ana.saude" in routed("publish", diego)
    assert routed("request_changes", demo["fernanda.chefe"]) == {"diego.editor"}
    assert routed("create", ana) == set()  # not routed
    # Comments go to the other side; internal ones stay within the team.
    assert routed("comment", ana, internal=False) == {"diego.editor"}
    assert routed("comment", diego, internal=False) == {"ana.saude"}
    assert routed("comment", demo["elisa.editora"], internal=True) == {"diego.editor"}
    assert routed("escalate", None) == set(User.objects.filter(groups__name="Approver")
                                           .values_list("username", flat=True))


def test_review_reaches_the_deciders_of_pending_steps(demo, submitted,
                                                       django_capture_on_commit_callbacks):
    from approvals.models import ApprovalStep
    from approvals.selectors import deciders_of
    from workflows.tests.factories import PublicationFactory

    diego = demo["diego.editor"]
    with django_capture_on_commit_callbacks(execute=True):
        services.request_accept(request=submitted, by=diego)
    submitted.refresh_from_db()
    if submitted.assignee_id != diego.pk:
        services.request_assign(request=submitted, by=diego, assignee=diego)
    PublicationFactory(request=submitted)
    with django_capture_on_commit_callbacks(execute=True):
        services.request_send_to_review(request=submitted, by=diego)
    steps = ApprovalStep.objects.filter(request=submitted, status="pending")
    expected = {u.username for step in steps for u in deciders_of(step)} - {"diego.editor"}
    event = submitted.events.filter(verb="send_to_review").last()
    assert expected and _names(event) == expected


def test_pages_show_only_mine_mark_read_and_header_count(client, demo, submitted):
    diego = _speak(demo["diego.editor"], "en")
    client.force_login(diego)
    html = client.get("/").content.decode()
    assert "Notifications (1 unread)" in html
    assert "Vacinação" in client.get("/notifications/").content.decode()
    note = Notification.objects.get(recipient=diego, event__verb="submit")
    other = Notification.objects.get(recipient=demo["elisa.editora"], event__verb="submit")
    assert client.post(f"/notifications/{other.pk}/read/").status_code == 404
    assert client.get(f"/notifications/{note.pk}/read/").status_code == 405
    response = client.post(f"/notifications/{note.pk}/read/")
    assert response["Location"] == f"/requests/{submitted.pk}/"
    note.refresh_from_db()
    assert note.read_at is not None
    assert "Notifications (0 unread)" in client.get("/").content.decode()
    other.refresh_from_db()
    assert other.read_at is None


def test_mark_all_read_and_digest_choice(client, demo, submitted):
    diego = demo["diego.editor"]
    record(by=demo["ana.saude"], verb="submit", target=submitted)
    notify_event(submitted.events.last().pk)
    client.force_login(diego)
    assert client.post("/notifications/read-all/").status_code == 302
    assert not Notification.objects.filter(recipient=diego, read_at__isnull=True).exists()
    assert Notification.objects.filter(recipient=demo["elisa.editora"],
                                       read_at__isnull=True).exists()
    client.post("/notifications/digest/", {"notification_digest": "on"})
    diego.refresh_from_db()
    assert diego.notification_digest is True
    client.post("/notifications/digest/", {})
    diego.refresh_from_db()
    assert diego.notification_digest is False


def test_list_is_paginated_with_constant_queries(client, demo, submitted,
                                                 django_assert_max_num_queries):
    diego = demo["diego.editor"]
    for _ in range(35):
        notify_event(record(by=demo["ana.saude"], verb="submit", target=submitted).pk)
    client.force_login(diego)
    with django_assert_max_num_queries(12):
        html = client.get("/notifications/").content.decode()
    assert html.count("link-button") == 30
    assert "?page=2" in html


def test_unread_count_is_queried_only_when_used(demo, submitted, django_assert_num_queries):
    request = RequestFactory().get("/")
    request.user = demo["diego.editor"]
    with django_assert_num_queries(0):
        context = unread_processor(request)
    with django_assert_num_queries(1):
        assert context["unread_notifications"] == 1


def test_admin_lists_notifications_read_only(admin_client, demo, submitted):
    assert admin_client.get("/admin/notifications/notification/").status_code == 200
    assert admin_client.get("/admin/notifications/notification/add/").status_code == 403
    assert admin_client.get("/admin/workflows/leadtimestandard/").status_code == 200
    assert admin_client.get("/admin/workflows/holiday/").status_code == 200


def test_daily_jobs_run_at_installation_time():
    import datetime as dt

    from huey.contrib.djhuey import HUEY

    seven = tasks.local_crontab(hour="7", minute="0")
    if HUEY.utc:  # São Paulo is UTC-3: 07:00 there is 10:00 UTC
        assert seven(dt.datetime(2026, 11, 23, 10, 0))
        assert not seven(dt.datetime(2026, 11, 23, 7, 0))
    else:
        assert seven(dt.datetime(2026, 11, 23, 7, 0))
