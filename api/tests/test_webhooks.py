"""Webhooks: signed POSTs after commit to a local receiver, retries, log, re-delivery, SSRF."""

import json
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone, translation
from huey.contrib.djhuey import HUEY

from api.models import Webhook, WebhookDelivery
from api.webhooks import signing
from api.webhooks.delivery import backoff, deliver
from api.webhooks.dispatch import delivery_redeliver
from api.webhooks.safety import check_url
from approvals.compliance.services import warnings_override_all
from approvals.models import ApprovalStep
from approvals.services import step_decide
from org.models import Secretariat
from plans.models import Channel
from workflows import services


class Receiver:
    """A tiny HTTP server on 127.0.0.1 answering the statuses it is given, in order."""

    def __init__(self, statuses):
        self.statuses, self.received = list(statuses), []
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):  # noqa: N802
                body = self.rfile.read(int(self.headers["Content-Length"]))
                receiver.received.append((dict(self.headers), body))
                status = receiver.statuses.pop(0) if receiver.statuses else 200
                self.send_response(status)
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = HTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}/hook"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def receiver(settings):
    settings.WEBHOOKS_ALLOW_PRIVATE = True
    made = []

    def start(statuses=()):
        made.append(Receiver(statuses))
        return made[-1]

    yield start
    for r in made:
        r.close()


def approve_and_publish(demo, request):
    editor = demo["diego.editor"]
    services.request_send_to_review(request=request, by=editor)
    for username in ("ana.saude", "bruno.educacao", "fernanda.chefe"):
        for step in ApprovalStep.objects.filter(request=request, status="pending"):
            from workflows.permissions import can_decide_step

            if can_decide_step(demo[username], step):
                step_decide(step=step, by=demo[username], outcome="approve")
    # The compliance gate: an approver accepts the open warnings in writing before scheduling.
    warnings_override_all(request=request, by=demo["fernanda.chefe"], reason="Ciente.")
    pub = request.publications.get()
    services.request_schedule(request=request, by=editor,
                              when={pub.pk: timezone.now() + timezone.timedelta(days=2)})
    services.request_publish(request=request, by=editor, urls={
        p.pk: f"https://valeverde.example/noticias/{p.pk}" for p in request.publications.all()})


def _submit(demo):
    request = services.request_create(
        by=demo["ana.saude"], secretariat=Secretariat.objects.get(acronym="SMS"), kind="news",
        title="Campanha", brief="Brief.", channels=[Channel.objects.get(code="portal")],
        desired_date=timezone.localdate() + timezone.timedelta(days=10))
    services.request_submit(request=request, by=demo["ana.saude"])
    return request


def test_submitted_event_is_signed_and_verifiable(demo, receiver,
                                                  django_capture_on_commit_callbacks):
    target = receiver()
    Webhook.objects.create(name="Portal", url=target.url, events=["submitted"], secret="s3cr3t")
    Webhook.objects.create(name="Other", url=target.url, events=["published"], secret="x")
    with django_capture_on_commit_callbacks(execute=True):
        request = _submit(demo)
    assert len(target.received) == 1
    headers, body = target.received[0]
    assert signing.verify("s3cr3t", headers[signing.TIMESTAMP_HEADER], body,
                          headers[signing.SIGNATURE_HEADER])
    assert not signing.verify("wrong", headers[signing.TIMESTAMP_HEADER], body,
                              headers[signing.SIGNATURE_HEADER])
    assert not signing.verify("s3cr3t", headers[signing.TIMESTAMP_HEADER], body + b" ",
                              headers[signing.SIGNATURE_HEADER])
    payload = json.loads(body)
    assert payload["event"] == "submitted" and payload["request"]["id"] == request.pk
    assert headers[signing.EVENT_HEADER] == "submitted"
    delivery = WebhookDelivery.objects.get()
    assert (delivery.status, delivery.response_status, delivery.attempts) == ("delivered", 200, 1)
    assert delivery.response_ms is not None and delivery.attempt_log.count() == 1


def test_failure_is_retried_with_exponential_backoff(demo, receiver, settings,
                                                     django_capture_on_commit_callbacks):
    settings.WEBHOOKS_MAX_ATTEMPTS = 3
    target = receiver([500, 503])
    Webhook.objects.create(name="Portal", url=target.url, events=["submitted"], secret="k")
    HUEY.flush()
    with django_capture_on_commit_callbacks(execute=True):
        _submit(demo)
    delivery = WebhookDelivery.objects.get()
    assert (delivery.status, delivery.attempts, delivery.response_status) == ("retrying", 1, 500)
    scheduled = HUEY.scheduled()
    assert len(scheduled) == 1 and scheduled[0].args == (delivery.pk,)
    assert backoff(1) * 2 == backoff(2)
    delay = (delivery.next_attempt_at - delivery.last_attempt_at).total_seconds()
    assert delay == backoff(1)
    deliver(delivery.pk)  # what the consumer runs when the delay has passed
    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts) == ("retrying", 2)
    assert (delivery.next_attempt_at - delivery.last_attempt_at).total_seconds() == backoff(2)
    deliver(delivery.pk)
    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts, delivery.response_status) == ("delivered", 3, 200)
    assert [a.response_status for a in delivery.attempt_log.all()] == [500, 503, 200]
    assert len(target.received) == 3
    HUEY.flush()


def test_gives_up_after_max_attempts_and_admin_redelivers(demo, receiver, settings, admin_client,
                                                          django_capture_on_commit_callbacks):
    settings.WEBHOOKS_MAX_ATTEMPTS = 1
    target = receiver([500])
    Webhook.objects.create(name="Portal", url=target.url, events=["submitted"], secret="k")
    with django_capture_on_commit_callbacks(execute=True):
        _submit(demo)
    failed = WebhookDelivery.objects.get()
    assert failed.status == "failed" and failed.next_attempt_at is None
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post("/admin/api/webhookdelivery/", {
            "action": "redeliver", "_selected_action": [failed.pk]})
    assert response.status_code == 302
    again = WebhookDelivery.objects.get(redelivery_of=failed)
    assert again.status == "delivered" and again.payload == failed.payload
    assert len(target.received) == 2


def test_private_addresses_are_refused_unless_allowed(settings, demo):
    settings.WEBHOOKS_ALLOW_PRIVATE = False
    for url in ("http://127.0.0.1:8000/x", "http://10.0.0.5/x", "http://169.254.169.254/x",
                "http://[::1]/x", "http://localhost/x", "ftp://example.org/x"):
        with pytest.raises(ValidationError):
            check_url(url)
    hook = Webhook(name="x", url="http://192.168.1.10/hook", events=["submitted"], secret="k")
    with pytest.raises(ValidationError) as error:
        hook.full_clean()
    assert "url" in error.value.message_dict
    settings.WEBHOOKS_ALLOW_PRIVATE = True
    check_url("http://127.0.0.1:8000/x")


def test_delivery_to_a_private_address_is_logged_as_error(demo, settings,
                                                          django_capture_on_commit_callbacks):
    settings.WEBHOOKS_ALLOW_PRIVATE = False
    settings.WEBHOOKS_MAX_ATTEMPTS = 1
    Webhook.objects.create(name="Inside", url="http://127.0.0.1:9/", events=["submitted"],
                           secret="k")
    with translation.override("en"), django_capture_on_commit_callbacks(execute=True):
        _submit(demo)
    delivery = WebhookDelivery.objects.get()
    assert delivery.status == "failed" and delivery.response_status is None
    assert "private" in delivery.error


def test_redeliver_service_copies_the_body(demo, receiver, django_capture_on_commit_callbacks):
    target = receiver()
    hook = Webhook.objects.create(name="P", url=target.url, events=["withdrawn"], secret="k")
    original = WebhookDelivery.objects.create(webhook=hook, event="withdrawn",
                                              payload={"event": "withdrawn"})
    with django_capture_on_commit_callbacks(execute=True):
        copy = delivery_redeliver(delivery=original, by=demo["admin"])
    copy.refresh_from_db()
    assert copy.status == "delivered" and json.loads(target.received[0][1]) == original.payload


@pytest.mark.parametrize("address", [
    "100.64.0.1", "100.127.255.254",  # shared address space (CGNAT), RFC 6598
    "192.0.0.1", "198.18.0.1", "192.0.2.1", "203.0.113.5", "240.0.0.1", "255.255.255.255",
    "0.0.0.0", "127.0.0.1", "10.1.2.3", "172.16.0.1", "192.168.0.1", "169.254.169.254",
    "224.0.0.1", "239.255.255.250", "ff02::1", "ff0e::1",  # multicast, even "global" scope
    "::", "::1", "fd00::1", "fc00::5", "fe80::1", "fe80::1%eth0", "2001:db8::1",
    "::ffff:127.0.0.1", "::ffff:10.0.0.1", "::ffff:100.64.0.1", "::127.0.0.1",
    "2002:7f00:1::1", "64:ff9b::7f00:1", "2001::1", "not-an-address",
])
def test_only_global_unicast_addresses_are_allowed(address):
    from api.webhooks.safety import is_refused

    assert is_refused(address)


@pytest.mark.parametrize("address", ["8.8.8.8", "93.184.216.34", "2606:4700:4700::1111",
                                     "::ffff:8.8.8.8", "64:ff9b::808:808"])
def test_global_unicast_addresses_are_allowed(address):
    from api.webhooks.safety import is_refused

    assert not is_refused(address)


def test_a_host_resolving_to_shared_address_space_is_refused(settings, monkeypatch):
    from api.webhooks import safety

    settings.WEBHOOKS_ALLOW_PRIVATE = False
    monkeypatch.setattr(safety, "resolve", lambda host, port: ["93.184.216.34", "100.64.0.1"])
    with pytest.raises(ValidationError) as error:
        check_url("https://hooks.example.org/x")
    assert "url" in error.value.message_dict


def test_an_answer_that_is_not_http_is_a_logged_failure_and_retried(
        demo, not_http, settings, django_capture_on_commit_callbacks):
    settings.WEBHOOKS_MAX_ATTEMPTS = 3
    Webhook.objects.create(name="Portal", url=not_http, events=["submitted"], secret="k")
    HUEY.flush()
    with django_capture_on_commit_callbacks(execute=True):
        _submit(demo)
    delivery = WebhookDelivery.objects.get()
    assert (delivery.status, delivery.attempts, delivery.response_status) == ("retrying", 1, None)
    assert delivery.error.startswith("BadStatusLine")
    assert delivery.attempt_log.get().error == delivery.error
    HUEY.flush()


def test_dns_rebinding_to_a_private_address_is_refused_at_connect_time(
        demo, receiver, settings, monkeypatch, django_capture_on_commit_callbacks):
    """The host resolved to a public address when it was checked, then to loopback when the
    connection was made (a rebinding DNS server): the socket's peer is checked too."""
    from api.webhooks import safety

    target = receiver([200])
    settings.WEBHOOKS_ALLOW_PRIVATE = False
    settings.WEBHOOKS_MAX_ATTEMPTS = 3
    monkeypatch.setattr(safety, "resolve", lambda host, port: ["93.184.216.34"])
    Webhook.objects.create(name="Portal", url=target.url, events=["submitted"], secret="k")
    HUEY.flush()
    with django_capture_on_commit_callbacks(execute=True):
        _submit(demo)
    delivery = WebhookDelivery.objects.get()
    assert (delivery.status, delivery.response_status) == ("retrying", None)
    assert "non-public address (127.0.0.1)" in delivery.error
    assert target.received == []  # not a byte of the signed body reached it
    HUEY.flush()


def test_the_guarded_pool_refuses_a_rebound_peer_and_lets_allowed_hosts_through(
        receiver, monkeypatch):
    import urllib3

    from api.webhooks import safety

    target = receiver([200])
    with pytest.raises(urllib3.exceptions.HTTPError) as caught:
        safety.guarded_pool(retries=False).request("POST", target.url, body=b"{}")
    assert "non-public address" in repr(caught.value)
    assert target.received == []
    answer = safety.guarded_pool(allowed_hosts=["127.0.0.1"], retries=False).request(
        "POST", target.url, body=b"{}")
    assert answer.status == 200 and len(target.received) == 1
