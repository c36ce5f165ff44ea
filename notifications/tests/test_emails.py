"""Notification e-mails: claimed once, retried for exactly the rows not sent, swept when stuck."""

from datetime import timedelta
from unittest import mock

import pytest
from django.core import mail
from django.core.mail.backends.locmem import EmailBackend

from audit.services import record
from notifications import emails, tasks
from notifications.models import EmailState, Notification
from notifications.services import notify_event, send_digests
from org.models import Secretariat
from pauta import clock
from workflows.models import ContentRequest
from workflows.tests.factories import ContentRequestFactory


@pytest.fixture
def event(demo):
    """An approval of an SMS request: ana and the SMS members are told (more than one)."""
    request = ContentRequestFactory(secretariat=Secretariat.objects.get(acronym="SMS"),
                                    requester=demo["ana.saude"], title="Dengue",
                                    assignee=demo["diego.editor"])
    ContentRequest.objects.filter(pk=request.pk).update(state="in_production")
    return record(by=demo["fernanda.chefe"], verb="approve",
                        target=ContentRequest.objects.get(pk=request.pk))


def _rows(event):
    return Notification.objects.filter(event=event).order_by("pk")


def _addresses():
    return sorted(m.to[0] for m in mail.outbox)


def _create_rows_only(event):
    """notify_event with the e-mail tasks lost (a worker killed right after the commit)."""
    with mock.patch("notifications.services.queue_emails"):
        notify_event(event.pk)


def test_rows_are_written_pending_before_any_email(demo, event):
    _create_rows_only(event)
    rows = _rows(event)
    assert rows.count() >= 2
    assert set(rows.values_list("email_state", flat=True)) == {EmailState.PENDING}
    assert mail.outbox == []


def test_a_claimed_row_is_sent_by_nobody_else(demo, event):
    _create_rows_only(event)
    note = _rows(event).first()
    assert emails._claim(note.pk) is not None
    assert emails._claim(note.pk) is None  # a second worker, a re-queued copy
    assert tasks.email_notification.call_local(note.pk) is False
    assert mail.outbox == []
    note.refresh_from_db()
    assert (note.email_state, note.email_attempts) == (EmailState.SENDING, 1)


def test_each_recipient_gets_one_email_with_a_stable_message_id(demo, event, settings):
    settings.SITE_URL = "https://pauta.valeverde.example.gov.br"
    notify_event(event.pk)
    notify_event(event.pk)  # a retry of the whole task
    rows = list(_rows(event))
    assert _addresses() == sorted(n.recipient.email for n in rows)
    assert all(n.email_state == EmailState.SENT and n.emailed_at for n in rows)
    first = rows[0]
    (sent,) = [m for m in mail.outbox if m.to == [first.recipient.email]]
    assert sent.extra_headers["Message-ID"] == (
        f"<pauta.notification.{event.pk}.{first.recipient_id}@pauta.valeverde.example.gov.br>")
    assert sent.message()["Message-ID"] == sent.extra_headers["Message-ID"]


def test_a_row_killed_mid_send_is_resent_by_the_sweeper_only_after_the_timeout(demo, event,
                                                                              settings):
    settings.NOTIFICATION_EMAIL_TIMEOUT = 600
    _create_rows_only(event)
    stuck, *others = list(_rows(event))
    emails._claim(stuck.pk)  # claimed, then the worker died before sending
    for note in others:
        tasks.email_notification(note.pk)
    sent_before = _addresses()
    assert stuck.recipient.email not in sent_before
    assert emails.sweep_stuck_emails() == 0  # still within the timeout: maybe still sending
    assert _addresses() == sent_before
    later = clock.now() + timedelta(seconds=601)
    assert emails.sweep_stuck_emails(now=later) == 1  # only the stuck one
    assert _addresses() == sorted([*sent_before, stuck.recipient.email])
    stuck.refresh_from_db()
    assert (stuck.email_state, stuck.email_attempts) == (EmailState.SENT, 2)
    assert emails.sweep_stuck_emails(now=later + timedelta(hours=1)) == 0


def test_a_lost_pending_task_is_queued_again_by_the_sweeper(demo, event):
    _create_rows_only(event)
    later = clock.now() + timedelta(hours=1)
    assert emails.sweep_stuck_emails(now=later) == _rows(event).count()
    assert _addresses() == sorted(n.recipient.email for n in _rows(event))


def test_a_failed_send_goes_back_to_pending_then_fails_after_the_last_attempt(demo, event,
                                                                             settings):
    settings.NOTIFICATION_EMAIL_MAX_ATTEMPTS = 2
    _create_rows_only(event)
    note = _rows(event).first()
    with mock.patch.object(EmailBackend, "send_messages", side_effect=OSError("refused")):
        with pytest.raises(OSError):
            emails.email_notification(note.pk)  # huey retries on the exception
        note.refresh_from_db()
        assert (note.email_state, note.email_error) == (EmailState.PENDING, "refused")
        assert emails.email_notification(note.pk) is False  # last attempt: no more retries
    note.refresh_from_db()
    assert (note.email_state, note.email_attempts) == (EmailState.FAILED, 2)
    assert emails.email_notification(note.pk) is False
    assert mail.outbox == []


def test_the_digest_leaves_rows_an_email_task_holds(demo, event):
    _create_rows_only(event)
    assert send_digests() == 0
    note = _rows(event).first()
    user = note.recipient
    user.notification_digest = True
    user.save(update_fields=["notification_digest"])
    assert send_digests() == 0  # its row is pending: the e-mail task will send it
    Notification.objects.filter(pk=note.pk).update(email_state=EmailState.FAILED)
    assert send_digests() == 1
    note.refresh_from_db()
    assert note.email_state == EmailState.SENT and note.emailed_at is not None


def _notify_counted(event, people):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with (mock.patch("notifications.services.recipients", return_value=people),
          mock.patch("notifications.services.queue_emails"),
          CaptureQueriesContext(connection) as queries):
        created = notify_event(event.pk)
    return created, len(queries)


def test_notify_event_writes_its_rows_in_queries_independent_of_the_recipients(demo, event):
    """The event, the people already told, one insert (the pending rows are read by
    ``queue_emails``, patched here): per event, not per person (a get_or_create per person
    was four queries each); a retry adds no row and inserts nothing."""
    one = [demo["ana.saude"]]
    three = [demo["ana.saude"], demo["diego.editor"], demo["helena.gestora"]]
    assert _notify_counted(event, one) == (1, 3)
    assert _notify_counted(event, three) == (2, 3)  # ana was told already
    assert _notify_counted(event, three) == (0, 2)
    assert sorted(_rows(event).values_list("recipient__username", flat=True)) == sorted(
        u.username for u in three)
    assert _notify_counted(event, []) == (0, 1)  # nobody told: the event read, nothing else
