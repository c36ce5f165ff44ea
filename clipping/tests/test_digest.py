"""The daily clipping: PDF read back with pypdf, e-mail (HTML + text, unsubscribe), and the
morning job that skips weekends and holidays."""

import io
from datetime import date, datetime, time

import pytest
from django.core import mail
from django.test import Client
from django.utils import timezone
from pypdf import PdfReader

from clipping import digest as daily
from clipping.models import Clip, ClipState, Digest, Subscription, Theme
from pauta import clock
from press.models import Outlet
from workflows.models import Holiday

pytestmark = pytest.mark.django_db
MONDAY = date(2031, 3, 10)  # the digest of Monday covers Friday to Sunday


def _kept(outlet, headline, when, tone="positive", theme=None):
    clip = Clip.objects.create(outlet=outlet, headline=headline, published_at=when,
                               excerpt=f"{headline}: o resumo da matéria.", tone=tone,
                               url="https://jornal.example/" + str(abs(hash(headline))),
                               state=ClipState.KEPT)
    if theme:
        clip.themes.add(theme)
    return clip


@pytest.fixture
def clips(demo):
    outlet = Outlet.objects.create(name="Gazeta de Teste")
    zone = timezone.get_default_timezone()
    saude = Theme.objects.get(name="Saúde")
    friday = datetime.combine(date(2031, 3, 7), time(10), tzinfo=zone)
    sunday = datetime.combine(date(2031, 3, 9), time(18), tzinfo=zone)
    _kept(outlet, "Postos de saúde abrem no sábado em Vale Verde", friday, theme=saude)
    _kept(outlet, "Moradores cobram reforma da praça “Central” — já!", sunday, tone="negative")
    Clip.objects.create(outlet=outlet, headline="Descartada", published_at=sunday,
                        state=ClipState.DISCARDED)
    _kept(outlet, "Notícia antiga de quinta", datetime.combine(date(2031, 3, 6), time(10),
                                                               tzinfo=zone))
    return outlet


def _pdf_text(digest) -> str:
    reader = PdfReader(io.BytesIO(digest.pdf.read()))
    return "\n".join(page.extract_text() for page in reader.pages)


def test_pdf_has_cover_summary_and_headlines(clips, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    settings.LANGUAGE_CODE = "pt-br"  # the digest is made in the installation's language
    digest = daily.digest_build(MONDAY)
    assert digest.clip_count == 2
    text = _pdf_text(digest)
    assert "Postos de saúde abrem no sábado em Vale Verde" in text
    assert 'Moradores cobram reforma da praça "Central" - já!' in text
    assert "Descartada" not in text and "Notícia antiga de quinta" not in text
    # The cover in the installation's language (pt-BR dates), the summary by theme and tone.
    assert "10 de março de 2031" in text.lower() and "Saúde: 1" in text
    # Regenerated on demand: the same day, one digest, a new file.
    again = daily.digest_build(MONDAY)
    assert again.pk == digest.pk and Digest.objects.filter(day=MONDAY).count() == 1


def test_email_to_subscribers_with_unsubscribe(clips, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    Subscription.objects.create(name="Prefeito", email="prefeito@example.org")
    Subscription.objects.create(name="Antigo", email="antigo@example.org", active=False)
    mail.outbox.clear()
    digest = daily.daily_clipping(MONDAY)
    active = Subscription.objects.filter(active=True).count()
    assert len(mail.outbox) == active and digest.sent_to == active
    message = next(m for m in mail.outbox if m.to == ["prefeito@example.org"])
    token = Subscription.objects.get(email="prefeito@example.org").token
    assert f"/clipping/unsubscribe/{token}/" in message.body
    assert "Postos de saúde abrem no sábado em Vale Verde" in message.body
    html = message.alternatives[0][0]
    assert "Postos de saúde abrem no sábado em Vale Verde" in html and token in html
    assert message.attachments[0][0] == "clipping-2031-03-10.pdf"
    assert message.extra_headers["List-Unsubscribe"].endswith(f"/{token}/>")
    # The link: a GET asks, a POST (or the mail client's one-click) unsubscribes.
    client = Client()
    assert client.get(f"/clipping/unsubscribe/{token}/").status_code == 200
    assert Subscription.objects.get(token=token).active
    assert client.post(f"/clipping/unsubscribe/{token}/").status_code == 200
    assert not Subscription.objects.get(token=token).active
    assert client.get("/clipping/unsubscribe/not-a-token/").status_code == 404
    # Sent once: the job running again that morning sends nothing more.
    mail.outbox.clear()
    daily.daily_clipping(MONDAY)
    assert mail.outbox == []


def test_the_morning_job_skips_weekends_and_holidays(clips, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    assert daily.daily_clipping(date(2031, 3, 8)) is None  # Saturday
    assert daily.daily_clipping(date(2031, 3, 9)) is None  # Sunday
    Holiday.objects.create(date=MONDAY, name="Feriado municipal")
    assert daily.daily_clipping(MONDAY) is None
    assert not Digest.objects.exists()
    # Tuesday after the holiday covers Friday to Monday.
    assert daily.window(date(2031, 3, 11))[0].date() == date(2031, 3, 7)
    assert daily.daily_clipping(date(2031, 3, 11)).clip_count == 2


def test_download_and_regenerate_over_http(demo, clips, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    digest = daily.digest_build(MONDAY)
    reader = Client()
    reader.force_login(demo["fernanda.chefe"])
    response = reader.get(f"/clipping/daily/{digest.pk}/pdf/")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert reader.post("/clipping/daily/build/").status_code == 403
    analyst = Client()
    analyst.force_login(demo["elisa.editora"])
    assert analyst.post("/clipping/daily/build/").status_code == 302
    assert Digest.objects.filter(day=clock.today()).exists()
    requester = Client()
    requester.force_login(demo["ana.saude"])
    assert requester.get(f"/clipping/daily/{digest.pk}/pdf/").status_code == 403


def test_the_huey_jobs_call_the_services(clips, settings, tmp_path, monkeypatch):
    from clipping import tasks

    settings.MEDIA_ROOT = tmp_path
    monkeypatch.setattr(clock, "today", lambda: date(2031, 3, 8))  # a Saturday
    assert tasks.clipping_daily.call_local() is None
    monkeypatch.setattr(clock, "today", lambda: MONDAY)
    assert tasks.clipping_daily.call_local() == Digest.objects.get(day=MONDAY).pk
    totals = tasks.clipping_fetch_sources.call_local()
    assert set(totals) == {"sources", "new", "errors"}  # the demo's sources are inactive
    assert totals["sources"] == 0
