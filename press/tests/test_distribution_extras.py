"""Distributions beyond the send: the release's files as signed, expiring links; bounces
recorded per recipient (by Message-ID or VERP address, from a piped bounce message); saved
distribution lists; the JSON status the page polls; the distribution indicators."""

import io
import re
from datetime import date, timedelta

import pytest
from django.core import mail, signing
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from pauta import clock
from press import bounces, distribution, forms, release_files
from press.models import Delivery, Distribution, DistributionList, Journalist, Outlet
from press.tests.test_distribution import published_release
from reports.indicators import compute_all
from reports.slices import Slice
from workflows.models import Attachment

pytestmark = pytest.mark.django_db
PNG = (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00"
       b"\x00\x00\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18"
       b"\xd8N\x00\x00\x00\x00IEND\xaeB`\x82")


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def sent(demo, settings, tmp_path):
    """A release with two files (one shows minors without consent) sent to three contacts."""
    settings.MEDIA_ROOT = str(tmp_path)
    officer = demo["elisa.editora"]
    request = published_release(demo)
    for name, minors in (("cartaz.png", False), ("criancas.png", True)):
        attachment = Attachment(request=request, original_name=name, content_type="image/png",
                                size=len(PNG), uploaded_by=officer, shows_minors=minors)
        attachment.file.save(name, ContentFile(PNG), save=False)
        attachment.save()
    radio = Outlet.objects.create(name="Rádio Bounce", type="radio", reach="regional")
    Journalist.objects.bulk_create([
        Journalist(name=f"B{n}", email=f"b{n}@bounce.example.com", outlet=radio, source="t",
                   beats="retornos")
        for n in range(3)])
    item = distribution.distribution_create(by=officer, request=request, beats="retornos")
    distribution.distribution_test_send(distribution=item, by=officer)
    item = distribution.distribution_start(distribution=Distribution.objects.get(pk=item.pk),
                                           by=officer)
    mail.outbox.clear()
    distribution.distribution_run(item.pk)
    return Distribution.objects.get(pk=item.pk)


def test_the_release_files_go_as_signed_links_that_expire(sent, settings):
    message = mail.outbox[0]
    links = re.findall(r"https?://\S+/press/files/\S+/", message.body)
    assert len(links) == 1  # the picture of minors without consent is not shared
    assert "cartaz.png" in message.body and "criancas.png" not in message.body
    assert links[0] in message.alternatives[0][0]
    path = "/" + links[0].split("/", 3)[3]
    anonymous = Client()
    response = anonymous.get(path)
    assert response.status_code == 200 and b"".join(response.streaming_content) == PNG
    # Forged, for another file of the release, expired, or after the release was taken down.
    minors = Attachment.objects.get(original_name="criancas.png")
    assert anonymous.get(reverse("press:release_file", args=[
        release_files.file_token(sent.pk, minors.pk)])).status_code == 404
    assert anonymous.get(path[:-3] + "xx/").status_code == 404
    assert anonymous.get(reverse("press:release_file", args=[
        signing.dumps("nonsense", salt=release_files.SALT)])).status_code == 404
    settings.PRESS_FILE_LINK_DAYS = -1  # every link is past its age
    token = path.rstrip("/").rsplit("/", 1)[-1]
    assert release_files.file_of_token(token) is None
    assert anonymous.get(path).status_code == 404
    settings.PRESS_FILE_LINK_DAYS = 30
    sent.request.__class__.objects.filter(pk=sent.request_id).update(state="approved")
    assert anonymous.get(path).status_code == 404


BOUNCE = """From: MAILER-DAEMON@mx.bounce.example.com
To: {to}
Subject: Undelivered Mail Returned to Sender
Content-Type: multipart/report; report-type=delivery-status; boundary="B"

--B
Content-Type: text/plain

Your message could not be delivered.
--B
Content-Type: message/delivery-status

Reporting-MTA: dns; mx.bounce.example.com
Final-Recipient: rfc822; {rcpt}
Action: failed
Status: 5.1.1
Diagnostic-Code: smtp; 550 5.1.1 user unknown

--B
Content-Type: text/rfc822-headers

Message-ID: {message_id}
Subject: Vacinação

--B--
"""


def test_bounces_are_recorded_per_recipient_by_message_id_and_by_verp(sent, settings):
    first, second, third = Delivery.objects.filter(distribution=sent).order_by("pk")
    assert {d.status for d in (first, second, third)} == {"sent"}
    by_id = mail.outbox[0].extra_headers["Message-ID"]
    target = next(d for d in (first, second, third) if f"-{d.journalist_id}@" in by_id)
    raw = BOUNCE.format(to="press@pauta.example", rcpt=target.email, message_id=by_id)
    assert bounces.bounce_from_message(raw.encode()) is True
    target.refresh_from_db()
    assert target.status == "bounced" and "user unknown" in target.error and target.bounced_at
    assert bounces.bounce_from_message(raw.encode()) is False  # once
    # VERP: the bounce comes back to the delivery's own envelope address.
    settings.PRESS_BOUNCE_ADDRESS = "bounces@pauta.example"
    other = next(d for d in (first, second, third) if d.pk != target.pk)
    message = distribution.message(sent, to=other.email, journalist_pk=other.journalist_id)
    assert message.from_email == f"bounces+{sent.pk}-{other.journalist_id}@pauta.example"
    assert message.extra_headers["From"] == settings.DEFAULT_FROM_EMAIL
    raw = BOUNCE.format(to=message.from_email, rcpt=other.email, message_id="<x@elsewhere>")
    assert bounces.bounce_from_message(raw.encode()) is True
    assert Delivery.objects.get(pk=other.pk).status == "bounced"
    # The command a mail server pipes to; an unrelated message records nothing.
    out = io.StringIO()
    call_command("press_bounce", message_id="<nothing@here>", stdout=out)
    assert "no distribution e-mail" in out.getvalue()
    last = next(d for d in (first, second, third) if d.status == "sent" and d.pk not in (
        target.pk, other.pk))
    call_command("press_bounce", message_id=f"<press-distribution-{sent.pk}-"
                 f"{last.journalist_id}@x>", reason="552 mailbox full", stdout=out)
    assert Delivery.objects.get(pk=last.pk).error == "552 mailbox full"
    assert distribution.progress(sent)["bounced"] == 3


def test_the_status_json_follows_the_job_for_the_desk_only(sent, demo):
    url = reverse("press:distribution_status", args=[sent.pk])
    data = client_for(demo["elisa.editora"]).get(url).json()
    assert data["sent"] == 3 and data["finished"] is True and data["percent"] == 100
    assert data["text"] == "3 sent, 0 failed and 0 bounced of 3"
    assert client_for(demo["diego.editor"]).get(url).status_code == 403
    page = client_for(demo["elisa.editora"]).get(reverse("press:distribution", args=[sent.pk]))
    html = page.content.decode()
    assert f'data-status-url="{url}"' in html and "press/distribution.js" in html


def test_saved_lists_keep_the_filters_and_refuse_a_taken_name(demo):
    officer = demo["elisa.editora"]
    request = published_release(demo)
    desk = client_for(officer)
    create = reverse("press:distribution_create")
    response = desk.post(create, {"request": request.pk, "beats": "saúde",
                                  "outlet_types": ["radio", "tv"], "reaches": ["regional"],
                                  "save_as": "Saúde regional"})
    assert response.status_code == 302
    saved = DistributionList.objects.get(name="Saúde regional")
    assert (saved.beats, saved.outlet_types, saved.reaches) == ("saúde", ["radio", "tv"],
                                                               ["regional"])
    # Chosen again: its filters, whatever the fields say.
    response = desk.post(create, {"request": request.pk, "saved_list": saved.pk,
                                  "beats": "esporte"})
    assert response.status_code == 302
    latest = Distribution.objects.order_by("-pk").first()
    assert (latest.beats, latest.outlet_types, latest.reaches) == ("saúde", ["radio", "tv"],
                                                                  ["regional"])
    count = Distribution.objects.count()
    page = desk.post(create, {"request": request.pk, "save_as": "saúde REGIONAL"})
    assert page.status_code == 200 and "already has this name" in page.content.decode()
    assert Distribution.objects.count() == count  # nothing half-written


def test_distribution_indicators(sent, demo):
    first = Delivery.objects.filter(distribution=sent).order_by("pk").first()
    bounces.record_bounce(distribution_pk=sent.pk, journalist_pk=first.journalist_id)
    other = Delivery.objects.filter(distribution=sent, status="sent").order_by("pk").first()
    Delivery.objects.filter(pk=other.pk).update(status="failed")
    today = clock.today()
    period = Slice(start=today - timedelta(days=1), end=today + timedelta(days=1))
    results = compute_all(period, codes=["press_distributions_sent",
                                         "press_distribution_failures"])
    assert results["press_distributions_sent"].value == 1
    assert results["press_distributions_sent"].extra == {"emails": 2}  # sent + bounced
    assert results["press_distribution_failures"].value == pytest.approx(200 / 3, abs=0.1)
    assert results["press_distribution_failures"].extra == {"failed": 1, "bounced": 1,
                                                            "emails": 3}
    empty = compute_all(Slice(start=date(2040, 1, 1), end=date(2040, 1, 31)),
                        codes=["press_distribution_failures"])
    assert empty["press_distribution_failures"].value is None


def test_the_mail_server_pipes_the_bounce_to_the_command(sent, monkeypatch):
    target = Delivery.objects.filter(distribution=sent).order_by("pk").first()
    raw = BOUNCE.format(to="press@pauta.example", rcpt=target.email,
                        message_id=f"<press-distribution-{sent.pk}-{target.journalist_id}@x>")
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(raw.encode())))
    out = io.StringIO()
    call_command("press_bounce", stdout=out)
    assert "bounce recorded" in out.getvalue()
    assert Delivery.objects.get(pk=target.pk).status == "bounced"


def test_recipients_are_filtered_by_the_outlets_city(demo):
    officer = demo["elisa.editora"]
    request = published_release(demo)
    for n, city in enumerate(("São José dos Campos", "sao jose dos campos ", "Taubaté", "")):
        outlet = Outlet.objects.create(name=f"Cidade {n}", type="portal", city=city)
        Journalist.objects.create(name=f"C{n}", email=f"c{n}@cidade.example.com",
                                  outlet=outlet, source="t", beats="cidades")
    by_email = lambda item: sorted(  # noqa: E731
        distribution.recipients_of(item).values_list("email", flat=True))
    # The service: a city matches every spelling of it (case, accents, spaces).
    item = distribution.distribution_create(by=officer, request=request, beats="cidades",
                                            cities=["SÃO JOSÉ DOS CAMPOS"])
    assert by_email(item) == ["c0@cidade.example.com", "c1@cidade.example.com"]
    # The form: the outlets' cities to tick (one per city), and typed ones.
    form = forms.DistributionForm()
    choices = [value for value, _label in form.fields["cities"].choices]
    assert "Taubaté" in choices and "" not in choices
    assert len([c for c in choices if c.casefold().startswith(("são josé", "sao jose"))]) == 1
    desk = client_for(officer)
    create = reverse("press:distribution_create")
    response = desk.post(create, {"request": request.pk, "beats": "cidades",
                                  "cities": ["Taubaté"], "other_cities": "sao jose dos campos",
                                  "save_as": "Vale do Paraíba"})
    assert response.status_code == 302
    latest = Distribution.objects.order_by("-pk").first()
    assert by_email(latest) == ["c0@cidade.example.com", "c1@cidade.example.com",
                                "c2@cidade.example.com"]
    saved = DistributionList.objects.get(name="Vale do Paraíba")
    assert saved.cities == ["Taubaté", "sao jose dos campos"]
    # The saved list brings its cities back, whatever the fields say.
    response = desk.post(create, {"request": request.pk, "saved_list": saved.pk,
                                  "cities": []})
    assert by_email(Distribution.objects.order_by("-pk").first()) == by_email(latest)
    # A forged city (not an outlet's) is refused by the form; no city: every city.
    count = Distribution.objects.count()
    page = desk.post(create, {"request": request.pk, "cities": ["Atlântida"]})
    assert page.status_code == 200 and Distribution.objects.count() == count
    everyone = distribution.distribution_create(by=officer, request=request, beats="cidades")
    assert len(by_email(everyone)) == 4
