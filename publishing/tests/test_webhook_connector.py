"""The signed webhook connector against a loopback receiver that answers the post's address."""

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from api.webhooks import signing
from audit.models import AuditEvent
from pauta import clock
from plans.models import Channel
from publishing import secrets
from publishing.admin import ConnectorForm
from publishing.connect import follow
from publishing.models import ChannelConnector, RemotePost
from publishing.tests.helpers import approved, when
from workflows import services
from workflows.models import ContentRequest

SECRET = "segredo-do-portal"


class Receiver(BaseHTTPRequestHandler):
    calls: list = []
    status = "scheduled"

    def do_POST(self):  # noqa: N802
        body = self.rfile.read(int(self.headers["Content-Length"]))
        ok = signing.verify(SECRET, self.headers[signing.TIMESTAMP_HEADER], body,
                            self.headers[signing.SIGNATURE_HEADER])
        if not ok:
            self.send_response(401)
            self.end_headers()
            return
        data = json.loads(body)
        type(self).calls.append(data)
        state = {"schedule": "scheduled", "update": "scheduled", "unpublish": "unpublished",
                 "status": type(self).status}[data["action"]]
        answer = json.dumps({"id": "wp-42", "status": state,
                             "url": f"http://127.0.0.1:{self.server.server_port}/posts/42"})
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.end_headers()
        self.wfile.write(answer.encode())

    def log_message(self, *args):
        pass


@pytest.fixture
def receiver(settings):
    settings.WEBHOOKS_ALLOW_PRIVATE = True  # loopback in tests only
    Receiver.calls, Receiver.status = [], "scheduled"
    server = ThreadingHTTPServer(("127.0.0.1", 0), Receiver)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


def _connect(receiver, secret=SECRET):
    form = ConnectorForm(data={"channel": Channel.objects.get(code="portal").pk,
                               "kind": "webhook", "active": "on", "secret": secret,
                               "endpoint": f"http://127.0.0.1:{receiver.server_port}/hook"})
    assert form.is_valid(), form.errors
    return form.save()


def test_credential_is_stored_encrypted_and_never_shown(db, receiver):
    connector = _connect(receiver)
    assert SECRET not in connector.credentials
    assert secrets.decrypt(connector.credentials) == SECRET
    form = ConnectorForm(instance=connector)
    assert SECRET not in str(form) and connector.credentials not in str(form)
    # Saved again without a secret: the stored one is kept.
    again = ConnectorForm(instance=connector, data={
        "channel": connector.channel_id, "kind": "webhook", "active": "on", "secret": "",
        "endpoint": connector.endpoint})
    assert again.is_valid()
    assert secrets.decrypt(again.save().credentials) == SECRET


def test_schedule_publish_and_withdraw_through_the_webhook(demo, receiver,
                                                          django_capture_on_commit_callbacks):
    _connect(receiver)
    request = approved(demo)
    with django_capture_on_commit_callbacks(execute=True):
        request = services.request_schedule(
            request=request, by=demo["diego.editor"],
            when={p.pk: when() for p in request.publications.all()})
    assert [c["action"] for c in Receiver.calls] == ["schedule"]
    assert Receiver.calls[0]["publication"]["body"] == "Vacine-se nas unidades de saúde."
    assert Receiver.calls[0]["publication"]["attachments"] == []  # no file on this request
    remote = RemotePost.objects.get(publication__request=request)
    assert remote.remote_id == "wp-42" and remote.status == "scheduled"
    # At its time the channel says it is out: Pauta records it with the channel's address.
    Receiver.status = "published"
    with clock.travel(when(3)):
        assert follow() == 1
    request = ContentRequest.objects.get(pk=request.pk)
    assert request.state == "published"
    pub = request.publications.get()
    assert pub.url == f"http://127.0.0.1:{receiver.server_port}/posts/42"
    assert AuditEvent.objects.filter(request=request, verb="connector_call").exists()


def test_withdrawn_request_is_unpublished(demo, receiver, django_capture_on_commit_callbacks):
    _connect(receiver)
    request = approved(demo)
    with django_capture_on_commit_callbacks(execute=True):
        request = services.request_schedule(
            request=request, by=demo["diego.editor"],
            when={p.pk: when() for p in request.publications.all()})
        services.request_withdraw(request=request, by=demo["ana.saude"])
    assert [c["action"] for c in Receiver.calls] == ["schedule", "unpublish"]
    assert Receiver.calls[1]["remote_id"] == "wp-42"
    assert RemotePost.objects.get(publication__request=request).status == "unpublished"


def test_wrong_secret_is_a_recorded_failure_not_a_crash(demo, receiver,
                                                      django_capture_on_commit_callbacks):
    _connect(receiver, secret="outro")
    request = approved(demo)
    with django_capture_on_commit_callbacks(execute=True):
        request = services.request_schedule(
            request=request, by=demo["diego.editor"],
            when={p.pk: when() for p in request.publications.all()})
    assert ContentRequest.objects.get(pk=request.pk).state == "scheduled"
    assert not RemotePost.objects.filter(publication__request=request).exists()
    failed = AuditEvent.objects.get(request=request, verb="connector_failed")
    assert "401" in failed.payload["error"]


def test_loopback_is_refused_outside_tests(demo, receiver, settings):
    connector = _connect(receiver)
    settings.WEBHOOKS_ALLOW_PRIVATE = False
    from publishing.connect import call

    request = approved(demo)
    pub = request.publications.get()
    assert ChannelConnector.objects.get(pk=connector.pk).active
    assert call(pub.pk, "schedule") is None
    assert Receiver.calls == []
    assert AuditEvent.objects.filter(request=request, verb="connector_failed").exists()


def test_a_channel_that_does_not_answer_http_is_a_recorded_failure(
        demo, not_http, django_capture_on_commit_callbacks):
    class Fake:
        server_port = int(not_http.rsplit(":", 1)[1].split("/", 1)[0])

    _connect(Fake)
    request = approved(demo)
    with django_capture_on_commit_callbacks(execute=True):
        request = services.request_schedule(
            request=request, by=demo["diego.editor"],
            when={p.pk: when() for p in request.publications.all()})
    assert ContentRequest.objects.get(pk=request.pk).state == "scheduled"
    assert not RemotePost.objects.filter(publication__request=request).exists()
    failed = AuditEvent.objects.get(request=request, verb="connector_failed")
    assert failed.payload["error"] == "Não foi possível acessar o canal."
