"""Subscribed calendars over HTTP (a loopback server only): ETag, unchanged, error status."""

import http.server
import threading

import pytest
from django.utils import translation

from calendars.models import Event, Subscription, SubscriptionStatus
from calendars.subscriptions import fetch_all, fetch_subscription
from calendars.tests.test_imports import HOLIDAYS

pytestmark = pytest.mark.django_db


class Remote:
    """What the loopback server answers, and what it was asked."""

    body = HOLIDAYS.encode("utf-8")
    etag = '"v1"'
    status = 200
    seen: list


@pytest.fixture
def remote():
    state = Remote()
    state.seen = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 (the stdlib's name)
            state.seen.append(self.headers.get("If-None-Match"))
            if state.status != 200:
                self.send_response(state.status)
                self.end_headers()
                return
            if self.headers.get("If-None-Match") == state.etag:
                self.send_response(304)
                self.end_headers()
                return
            self.send_response(200)
            self.send_header("Content-Type", "text/calendar")
            self.send_header("ETag", state.etag)
            self.end_headers()
            self.wfile.write(state.body)

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    state.url = f"http://127.0.0.1:{server.server_address[1]}/feriados.ics"
    yield state
    server.shutdown()
    server.server_close()


def test_fetch_imports_then_asks_with_the_etag(remote):
    subscription = Subscription.objects.create(name="Feriados estaduais", url=remote.url)
    fetch_subscription(subscription)
    assert (subscription.status, subscription.etag) == (SubscriptionStatus.OK, '"v1"')
    assert Event.objects.filter(source="Feriados estaduais").count() == 2
    first_import = subscription.imported_at
    assert fetch_all() == {SubscriptionStatus.NOT_MODIFIED: 1}
    subscription.refresh_from_db()
    assert remote.seen == [None, '"v1"']
    assert subscription.imported_at == first_import and subscription.error == ""


def test_a_changed_calendar_is_imported_again(remote):
    subscription = Subscription.objects.create(name="Feriados", url=remote.url)
    fetch_subscription(subscription)
    remote.body, remote.etag = HOLIDAYS.replace("Tiradentes", "Dia de Tiradentes").encode(), '"v2"'
    fetch_subscription(subscription)
    assert subscription.etag == '"v2"'
    assert Event.objects.get(uid="tiradentes@feriados.example").title == "Dia de Tiradentes"


def test_a_server_error_is_recorded_and_changes_nothing(remote):
    subscription = Subscription.objects.create(name="Feriados", url=remote.url)
    fetch_subscription(subscription)
    remote.status = 500
    with translation.override("en"):
        fetch_subscription(subscription)
    assert subscription.status == SubscriptionStatus.ERROR
    assert subscription.error == "The server answered with the error 500."
    assert subscription.etag == '"v1"' and Event.objects.count() == 2


def test_a_broken_file_is_recorded_with_its_line(remote):
    remote.body = HOLIDAYS.replace("SUMMARY:Tiradentes\r\n", "SUMMARY Tiradentes\r\n").encode()
    subscription = Subscription.objects.create(name="Feriados", url=remote.url)
    with translation.override("en"):
        fetch_subscription(subscription)
    assert subscription.status == SubscriptionStatus.ERROR
    assert subscription.error == "Line 8: this is not an iCalendar content line"
    assert subscription.etag == "" and Event.objects.count() == 0


def test_a_server_that_does_not_answer_is_an_error(remote):
    subscription = Subscription.objects.create(name="Feriados",
                                               url="http://127.0.0.1:9/feriados.ics")
    with translation.override("en"):
        fetch_subscription(subscription)
    assert subscription.status == SubscriptionStatus.ERROR
    assert "could not be fetched" in subscription.error


def test_only_http_addresses_are_fetched(tmp_path):
    secret = tmp_path / "local.ics"
    secret.write_text(HOLIDAYS)
    subscription = Subscription.objects.create(name="Local", url=f"file://{secret}")
    with translation.override("en"):
        fetch_subscription(subscription)
    assert subscription.error == "Only http and https addresses can be subscribed."
    assert Event.objects.count() == 0
