"""The WordPress connector end to end against a real WordPress (``conftest.wordpress``):
posts created, moved, published and trashed, each read back through WordPress's own API."""

import html
import json
import socket
import threading
import urllib.error
import urllib.request
from datetime import UTC, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.urls import reverse
from django.utils import timezone

from audit.models import AuditEvent
from pauta import clock
from plans.models import Channel
from publishing.admin import ConnectorForm
from publishing.connect import call, follow
from publishing.connectors.base import ConnectorError, connector_for
from publishing.models import ChannelConnector, RemotePost
from publishing.tests.helpers import TITLE, approved, when
from workflows import services
from workflows.models import ContentRequest

BODY = "Vacine-se nas unidades de saúde."


@pytest.fixture(autouse=True)
def _english(english_messages):
    pass


@pytest.fixture
def loopback(settings):
    settings.WEBHOOKS_ALLOW_PRIVATE = True  # the test site is on loopback; refused otherwise


def _connect(site, credential=None, endpoint=None):
    """The portal channel's connector (its settings replaced when it has one)."""
    channel = Channel.objects.get(code="portal")
    form = ConnectorForm(instance=ChannelConnector.objects.filter(channel=channel).first(),
                         data={"channel": channel.pk, "kind": "wordpress", "active": "on",
                               "endpoint": endpoint or site.url,
                               "secret": credential or f"{site.user}:{site.password}"})
    assert form.is_valid(), form.errors
    return form.save()


def _post(site, remote_id):
    status, post = site.api("GET", f"/wp/v2/posts/{remote_id}?context=edit")
    assert status == 200, post
    return post


def _gmt(moment) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S")


def _schedule(demo, request, moment, capture):
    with capture(execute=True):
        return services.request_schedule(
            request=request, by=demo["diego.editor"],
            when={p.pk: moment for p in request.publications.all()})


def test_schedule_reschedule_publish_through_wordpress(
        demo, wordpress, loopback, client, django_capture_on_commit_callbacks):
    _connect(wordpress)
    request = approved(demo, body=BODY)
    first = (when(2)).replace(microsecond=0)
    request = _schedule(demo, request, first, django_capture_on_commit_callbacks)
    remote = RemotePost.objects.get(publication__request=request)
    assert remote.status == "scheduled" and remote.remote_id
    post = _post(wordpress, remote.remote_id)
    assert post["status"] == "future" and post["date_gmt"] == _gmt(first)
    assert post["title"]["raw"] == TITLE and BODY in post["content"]["raw"]
    assert post["author"] != 1  # written as the connector's own user, not the admin

    # Rescheduled through the form's service: the post's date moves.
    publication = request.publications.get()
    later = (when(3)).replace(microsecond=0)
    with django_capture_on_commit_callbacks(execute=True):
        services.publication_reschedule(publication=publication, scheduled_at=later,
                                        by=demo["diego.editor"])
    post = _post(wordpress, remote.remote_id)
    assert post["status"] == "future" and post["date_gmt"] == _gmt(later)

    # Dragged on the calendar: same service, the post moves again.
    client.force_login(demo["diego.editor"])
    dragged = (when(4)).replace(microsecond=0)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("calendars:move", args=[publication.pk]),
                               data=json.dumps({"start": dragged.isoformat()}),
                               content_type="application/json")
    assert response.status_code == 200, response.content
    assert _post(wordpress, remote.remote_id)["date_gmt"] == _gmt(dragged)
    assert ContentRequest.objects.get(pk=request.pk).state == "scheduled"

    # Its time comes (WordPress publishes a post due within the minute): the status check
    # finds it out and Pauta records the publication with WordPress's address.
    soon = timezone.now() + timedelta(seconds=20)
    with django_capture_on_commit_callbacks(execute=True):
        services.publication_reschedule(publication=publication, scheduled_at=soon,
                                        by=demo["diego.editor"])
    wordpress.cron()
    post = _post(wordpress, remote.remote_id)
    assert post["status"] == "publish"
    with clock.travel(soon + timedelta(minutes=1)):
        assert follow() == 1
    request = ContentRequest.objects.get(pk=request.pk)
    publication = request.publications.get()
    assert request.state == "published"
    assert publication.url == post["link"] and publication.url.startswith(wordpress.url)
    assert AuditEvent.objects.filter(request=request, verb="publish").exists()
    # The recorded address is the post's public page, with the approved text.
    with urllib.request.urlopen(publication.url, timeout=30) as page:  # noqa: S310
        assert page.status == 200
        assert BODY in html.unescape(page.read().decode())


def test_withdrawn_request_puts_the_post_in_the_trash(
        demo, wordpress, loopback, django_capture_on_commit_callbacks):
    _connect(wordpress)
    request = approved(demo, body=BODY)
    request = _schedule(demo, request, when(2), django_capture_on_commit_callbacks)
    remote = RemotePost.objects.get(publication__request=request)
    with django_capture_on_commit_callbacks(execute=True):
        services.request_withdraw(request=request, by=demo["ana.saude"])
    assert _post(wordpress, remote.remote_id)["status"] == "trash"
    remote.refresh_from_db()
    assert remote.status == "unpublished"
    # Asked again (a second take-down): WordPress says it is already trashed; no error.
    assert call(remote.publication_id, "unpublish").status == "unpublished"
    assert not AuditEvent.objects.filter(request=request, verb="connector_failed").exists()


def test_cancelled_campaign_puts_its_pieces_posts_in_the_trash(
        demo, wordpress, loopback, django_capture_on_commit_callbacks):
    from campaigns import services as cs
    from campaigns.tests.test_services import _in_approval
    from campaigns.tests.test_services import decide_all as decide_campaign

    _connect(wordpress)
    request = approved(demo, body=BODY)
    request = _schedule(demo, request, when(2), django_capture_on_commit_callbacks)
    remote = RemotePost.objects.get(publication__request=request)
    campaign = decide_campaign(_in_approval(demo), demo)
    ContentRequest.objects.filter(pk=request.pk).update(campaign=campaign)  # one of its pieces
    with django_capture_on_commit_callbacks(execute=True):
        cs.campaign_cancel(campaign=campaign, by=demo["ana.saude"], reason="Vacinas em falta.")
    assert ContentRequest.objects.get(pk=request.pk).state == "withdrawn"
    assert _post(wordpress, remote.remote_id)["status"] == "trash"


def test_content_changed_after_the_seal_takes_the_future_post_down(
        demo, wordpress, loopback, django_capture_on_commit_callbacks):
    _connect(wordpress)
    request = approved(demo, body=BODY)
    request = _schedule(demo, request, when(2), django_capture_on_commit_callbacks)
    remote = RemotePost.objects.get(publication__request=request)
    # Changed behind the seal's back: the piece goes back to review; its post must not go out.
    request.publications.update(body="Texto alterado depois da aprovação.")
    with django_capture_on_commit_callbacks(execute=True), clock.travel(when(3)):
        services.publish_due_requests()  # its time: the seal is verified first
    assert ContentRequest.objects.get(pk=request.pk).state == "in_review"
    assert _post(wordpress, remote.remote_id)["status"] == "trash"


def test_wrong_password_is_shown_and_changes_nothing(
        demo, wordpress, loopback, client, django_capture_on_commit_callbacks):
    _connect(wordpress, credential=f"{wordpress.user}:abcd efgh ijkl mnop qrst uvwx")
    before = wordpress.api("GET", "/wp/v2/posts?status=any&context=edit&per_page=100")[1]
    request = approved(demo, body=BODY)
    request = _schedule(demo, request, when(2), django_capture_on_commit_callbacks)
    assert ContentRequest.objects.get(pk=request.pk).state == "scheduled"
    assert not RemotePost.objects.filter(publication__request=request).exists()
    failed = AuditEvent.objects.get(request=request, verb="connector_failed")
    sentence = "WordPress did not accept the user or the application password. (HTTP 401)"
    assert failed.payload["error"] == sentence
    assert wordpress.api("GET", "/wp/v2/posts?status=any&context=edit&per_page=100")[1] == before
    client.force_login(demo["diego.editor"])
    page = client.get(reverse("workflows:detail", args=[request.pk]))
    assert sentence in page.content.decode()


class _NoPrettyPermalinks(BaseHTTPRequestHandler):
    """A site whose server does not rewrite ``/wp-json/`` (Apache without mod_rewrite, plain
    permalinks): 404 HTML there; everything else is passed to the real WordPress."""

    site = ""

    def _forward(self):
        if self.path.startswith("/wp-json"):
            self.send_response(404)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            self.wfile.write(b"<h1>Not Found</h1>")
            return
        length = int(self.headers.get("Content-Length") or 0)
        forwarded = urllib.request.Request(  # noqa: S310
            self.site + self.path, method=self.command,
            data=self.rfile.read(length) if length else None,
            headers={k: v for k, v in self.headers.items()
                     if k.lower() in ("authorization", "content-type", "accept")})
        try:
            answer = urllib.request.urlopen(forwarded, timeout=30)  # noqa: S310
        except urllib.error.HTTPError as exc:
            answer = exc
        body = answer.read()
        self.send_response(answer.status)
        self.send_header("Content-Type", answer.headers["Content-Type"])
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    do_GET = do_POST = do_DELETE = _forward

    def log_message(self, *args):
        pass


@pytest.fixture
def no_pretty_permalinks(wordpress):
    handler = type("Handler", (_NoPrettyPermalinks,), {"site": wordpress.url})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    server.server_close()


def test_without_wp_json_the_connector_uses_rest_route(demo, wordpress, loopback,
                                                       no_pretty_permalinks):
    publication = approved(demo, body=BODY).publications.get()
    publication.scheduled_at = when(2)
    connector = connector_for(_connect(wordpress, endpoint=no_pretty_permalinks))
    result = connector.schedule(publication)  # /wp-json/ answered 404 HTML: ?rest_route=
    assert result.status == "scheduled"
    assert _post(wordpress, result.remote_id)["title"]["raw"] == TITLE
    # Given as the endpoint, ?rest_route= is used directly.
    explicit = connector_for(_connect(wordpress, endpoint=f"{no_pretty_permalinks}/?rest_route=/"))
    assert explicit.fetch_status(publication, RemotePost(remote_id=result.remote_id)).url


class _Html(BaseHTTPRequestHandler):
    def do_GET(self):  # noqa: N802
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.end_headers()
        self.wfile.write(b"<html><body>Not WordPress</body></html>")

    do_POST = do_GET

    def log_message(self, *args):
        pass


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_errors_are_sentences(demo, wordpress, loopback, settings):
    request = approved(demo, body=BODY)
    publication = request.publications.get()
    publication.scheduled_at = when(2)
    # A post that does not exist (deleted on the site): update refuses, status says missing.
    connector = connector_for(_connect(wordpress))
    gone = RemotePost(remote_id="987654", url="")
    with pytest.raises(ConnectorError, match="no longer exists on the WordPress site"):
        connector.update(publication, gone)
    assert connector.fetch_status(publication, gone).status == "missing"
    # Another connector's id (the channel switched from the webhook): refused, never sent.
    with pytest.raises(ConnectorError, match="not a WordPress post id"):
        connector.unpublish(publication, RemotePost(remote_id="wp-42"))
    # A credential stored under another key: say so.
    unreadable = _connect(wordpress)
    unreadable.credentials = "gAAAAA-not-a-token"
    with pytest.raises(ConnectorError, match="can no longer be read"):
        connector_for(unreadable).schedule(publication)
    # Not a WordPress at all.
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Html)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        other = connector_for(_connect(wordpress,
                                       endpoint=f"http://127.0.0.1:{server.server_port}"))
        with pytest.raises(ConnectorError, match="does not answer as a WordPress REST API"):
            other.schedule(publication)
    finally:
        server.shutdown()
        server.server_close()
    # Nobody listening.
    nobody = connector_for(_connect(wordpress, endpoint=f"http://127.0.0.1:{_closed_port()}"))
    with pytest.raises(ConnectorError, match="could not be reached"):
        nobody.schedule(publication)
    # Loopback outside tests: refused before any call.
    settings.WEBHOOKS_ALLOW_PRIVATE = False
    with pytest.raises(ConnectorError, match="not public"):
        connector.schedule(publication)


def test_credential_form_needs_user_and_application_password(db):
    data = {"channel": Channel.objects.get(code="portal").pk, "kind": "wordpress",
            "active": "on", "endpoint": "https://portal.example.gov.br"}
    form = ConnectorForm(data={**data, "secret": "only-a-password"})
    assert not form.is_valid() and "secret" in form.errors
    assert not ConnectorForm(data={**data, "secret": ""}).is_valid()
    assert not ConnectorForm(data={**data, "endpoint": "", "secret": "u:p"}).is_valid()
    form = ConnectorForm(data={**data, "secret": "pauta:abcd efgh ijkl"})
    assert form.is_valid(), form.errors
    saved = form.save()
    assert "abcd" not in saved.credentials and "abcd" not in str(ConnectorForm(instance=saved))
