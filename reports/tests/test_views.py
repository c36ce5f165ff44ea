"""Dashboard and export pages: permissions, figures, links, downloads."""

import html
import io
import json
import re
from datetime import date
from pathlib import Path

import pytest
from django.conf import settings
from django.test import override_settings
from django.urls import reverse
from django.utils import translation
from openpyxl import load_workbook

from reports.models import KPIExport
from reports.tests.factories import make_request

URL = reverse("reports:dashboard")
APRIL = {"start": "2031-04-01", "end": "2031-04-30"}


@pytest.fixture
def data(demo):
    ana, bruno = demo["ana.saude"], demo["bruno.educacao"]
    make_request(ana, submitted="2031-04-14 08:00", published="2031-04-15 11:00",
                 due="2031-04-16", rating=5)
    make_request(bruno, acronym="SEMED", submitted="2031-04-09 09:00",
                 published="2031-04-16 17:00")
    return demo


@pytest.mark.parametrize("username", ["helena.gestora", "fernanda.chefe", "igor.auditor"])
def test_managers_approvers_auditors_see_everything(client, data, username,
                                                    django_assert_max_num_queries):
    client.force_login(data[username])
    # At most one query per indicator of the registry, plus the page's own (session, user,
    # filters, plan targets, navigation), whatever the amount of data: a new indicator raises
    # the bound by itself, a query per row would not fit.
    from reports.facts.read import ensure_current
    from reports.indicators import REGISTRY

    # The facts as the after-commit task keeps them (a test's transaction never commits);
    # folding a cold trail at read time is measured by reports/tests/test_facts.py.
    ensure_current()
    with django_assert_max_num_queries(len(REGISTRY) + 16):
        response = client.get(URL, APRIL)
    assert response.status_code == 200
    figures = {f["code"]: f for s in response.context["sections"] for f in s["figures"]}
    assert figures["requests_published"]["value"] == 2
    assert "published_after=2031-04-01" in figures["requests_published"]["url"]


def test_requester_sees_only_own_secretariats(client, data):
    client.force_login(data["ana.saude"])
    response = client.get(URL, APRIL)
    assert response.status_code == 200
    figures = {f["code"]: f for s in response.context["sections"] for f in s["figures"]}
    assert figures["requests_published"]["value"] == 1
    assert response.context["targets"] == []


def test_people_without_kpis_or_secretariats_are_refused(client, data):
    from org.models import User

    client.force_login(User.objects.create_user("nobody", password="x" * 12))
    assert client.get(URL).status_code == 403
    assert client.get(reverse("reports:export")).status_code == 403


def test_anonymous_is_sent_to_login(client, db):
    assert client.get(URL).status_code == 302


def test_figure_link_lists_the_requests_behind_it(client, data):
    client.force_login(data["helena.gestora"])
    response = client.get(URL, APRIL)
    figures = {f["code"]: f for s in response.context["sections"] for f in s["figures"]}
    listing = client.get(figures["sla_compliance"]["url"] + "&sla=met")
    assert listing.status_code == 200
    assert listing.context["page"].paginator.count == 1
    assert b"behind a figure" in listing.content or listing.context["filter"].drilled


def test_invalid_period_is_reported(client, data):
    client.force_login(data["helena.gestora"])
    with translation.override("en"):
        response = client.get(URL, {"start": "2031-05-01", "end": "2031-04-01"},
                              HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    assert response.context["form"].errors


def test_small_export_streams_a_workbook(client, data):
    client.force_login(data["helena.gestora"])
    response = client.get(reverse("reports:export"), APRIL)
    assert response.status_code == 200
    book = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    assert len(book.worksheets) == 7
    assert book.worksheets[1].max_row == 3  # header + 2 requests


@override_settings(KPI_EXPORT_ASYNC_ROWS=0)
def test_large_export_runs_as_a_job_and_only_allowed_people_download(
        client, data, django_capture_on_commit_callbacks):
    client.force_login(data["helena.gestora"])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.get(reverse("reports:export"), APRIL)
    job = KPIExport.objects.get()
    assert response.status_code == 302 and response.url == reverse(
        "reports:export_status", args=[job.pk])
    job.refresh_from_db()
    try:
        assert job.status == KPIExport.Status.DONE and job.progress == 100  # huey immediate
        status = client.get(response.url, HTTP_ACCEPT="application/json").json()
        assert status["status"] == "done" and status["download"]
        page = client.get(response.url)
        assert b"export-progress" in page.content
        download = client.get(status["download"])
        assert download.status_code == 200
        assert load_workbook(io.BytesIO(b"".join(download.streaming_content)))
        client.force_login(data["igor.auditor"])  # sees everything: allowed
        assert client.get(status["download"]).status_code == 200
        client.force_login(data["ana.saude"])  # own secretariats only: the file has all
        assert client.get(status["download"]).status_code == 404
        client.force_login(data["diego.editor"])  # acts for the communication office only
        assert client.get(status["download"]).status_code == 404
    finally:
        job.refresh_from_db()
        job.file.delete(save=False)


@override_settings(KPI_EXPORT_ASYNC_ROWS=0)
def test_expired_exports_are_purged(client, data, django_capture_on_commit_callbacks):
    from datetime import timedelta

    from pauta import clock
    from reports.services import exports_purge

    client.force_login(data["helena.gestora"])
    with django_capture_on_commit_callbacks(execute=True):
        client.get(reverse("reports:export"), APRIL)
    job = KPIExport.objects.get()
    path = job.file.path
    assert exports_purge(now=clock.now()) == 0
    assert exports_purge(now=job.expires_at + timedelta(seconds=1)) == 1
    assert not KPIExport.objects.exists()
    import os

    assert not os.path.exists(path)


def test_subscription_is_for_people_who_see_everything(client, data):
    client.force_login(data["helena.gestora"])
    client.post(reverse("reports:subscription"), {"active": "1"})
    assert data["helena.gestora"].report_subscription.active
    client.force_login(data["ana.saude"])
    assert client.post(reverse("reports:subscription"), {"active": "1"}).status_code == 403


def test_monthly_email_sends_last_months_workbook_once(data, mailoutbox):
    from reports.models import ReportSubscription
    from reports.services import monthly_reports_send

    ReportSubscription.objects.create(user=data["helena.gestora"])
    ReportSubscription.objects.create(user=data["ana.saude"])  # no longer allowed: skipped
    assert monthly_reports_send(today=date(2031, 5, 1)) == 1
    assert monthly_reports_send(today=date(2031, 5, 1)) == 0
    message = mailoutbox[0]
    assert message.to == [data["helena.gestora"].email]
    name, content, _mime = message.attachments[0]
    assert name == "pauta-kpis-20310401-20310430.xlsx"
    book = load_workbook(io.BytesIO(content))
    assert book.worksheets[1].max_row == 3


def test_sla_chart_colours_late_by_its_meaning(client, data):
    """The SLA donut's slices carry their tone, so "Late" is drawn red, not the 2nd colour."""
    client.force_login(data["helena.gestora"])
    response = client.get(URL, APRIL)
    chart = next(c for c in response.context["charts"] if c["id"] == "chart-sla_compliance")
    assert [p["tone"] for p in chart["points"]] == ["done", "stopped"]
    script = (Path(settings.BASE_DIR) / "reports/static/reports/dashboard.js").read_text()
    assert "tones[p.tone]" in script
    # The same colour families as the state tags (pauta.css .state-tag.tone-done/-stopped).
    css = (Path(settings.BASE_DIR) / "pauta/static/pauta/pauta.css").read_text()
    assert "tone-done { background: var(--green-cool-vivid-10)" in css
    assert 'done: dsColour("--green-cool-vivid-50"' in script
    assert "tone-stopped { background: var(--red-vivid-10)" in css
    assert 'stopped: dsColour("--red-vivid-50"' in script


def test_chart_points_carry_their_url_and_text_once_in_the_table(client, data):
    """The charts' JSON has what the script draws; each point's text and link are printed once,
    in its chart's table, where the script takes the link from (same order)."""
    client.force_login(data["helena.gestora"])
    response = client.get(URL, APRIL)
    body = response.content.decode()
    charts = json.loads(body.split('<script id="kpi-charts" type="application/json">')[1]
                        .split("</script>")[0])
    chart = next(c for c in charts if c["id"] == "chart-sla_compliance")
    shown = next(c for section in response.context["sections"] for c in section["charts"]
                 if c["id"] == "chart-sla_compliance")
    assert chart["points"] == [{"label": p["label"], "value": p["value"], "tone": p["tone"]}
                               for p in shown["points"]]
    assert all(p["url"] for p in shown["points"])
    table = body.split('id="chart-sla_compliance"')[1].split("</table>")[0]
    assert [html.unescape(href) for href in re.findall(r'<a href="([^"]+)"', table)] == [
        p["url"] for p in shown["points"]]
    script = (Path(settings.BASE_DIR) / "reports/static/reports/dashboard.js").read_text()
    assert 'querySelectorAll("tbody tr")' in script


def test_campaign_state_chart_takes_the_state_tags_tones():
    from campaigns.models import CampaignState
    from pauta.states import tone_of
    from reports.indicators.campaigns import campaigns_by_state

    assert tone_of(CampaignState.CLOSED)[0] == "done"
    assert tone_of(CampaignState.REJECTED)[0] == "stopped"
    source = Path(campaigns_by_state.__code__.co_filename).read_text()
    assert "tone=tone_of(state)[0]" in source


def test_figures_are_in_the_locale_with_their_units_and_the_summary_comes_first(client, data):
    client.force_login(data["helena.gestora"])
    response = client.get(URL, APRIL, HTTP_ACCEPT_LANGUAGE="pt-br")
    html = response.content.decode()
    summary = response.context["summary"]
    codes = [f["code"] for f in summary]
    assert codes[:3] == ["requests_received", "requests_published", "sla_compliance"]
    assert html.index('id="summary-title"') < html.index('id="section-1"')
    figures = {f["code"]: f for s in response.context["sections"] for f in s["figures"]}
    assert figures["sla_compliance"]["text"] == "100,0%"
    note = figures["sla_compliance"]["note"]  # "1 on time, 0 late" in the person's words
    assert note.startswith("1 ") and ", 0 " in note
    assert figures["lead_time_median"]["shown_unit"] == "dias úteis"
    assert "valor" not in html and "contagem" not in html
    assert "," in figures["lead_time_median"]["text"]  # one decimal, the Brazilian comma


@pytest.mark.parametrize(("language", "unit", "value", "text"), [
    ("pt-br", "money", 27200, "R$\u00a027.200,00"), ("pt-br", "count", 27200, "27.200"),
    ("pt-br", "percent", 55.66, "55,7%"), ("pt-br", "business_days", 2, "2,0"),
    ("en", "money", 27200, "R$\u00a027,200.00"), ("pt-pt", "count", 1202, "1.202"),
])
def test_figure_text_follows_the_language(language, unit, value, text):
    from reports.presentation import figure_text

    with translation.override(language):
        assert figure_text(value, unit) == text
    assert figure_text(None, unit) == "—"


def test_filter_fields_kept_by_what_they_show(client, data, monkeypatch):
    """The filter fields' HTML comes from the cache only under the same language, values and
    choices: a new channel, a chosen secretariat or the requester's narrower scope shows at
    once; a second identical page renders no field."""
    from django.core.cache import cache
    from django.forms.boundfield import BoundField

    from plans.models import Channel

    cache.clear()  # the same fields shown by an earlier test would come from the cache
    rendered = []
    real = BoundField.as_field_group
    monkeypatch.setattr(BoundField, "as_field_group",
                        lambda self: rendered.append(self.name) or real(self))
    client.force_login(data["helena.gestora"])
    first = client.get(URL, APRIL).content.decode()
    assert rendered and "SEMED" in first
    rendered.clear()
    assert client.get(URL, APRIL).content.decode().count("SEMED") == first.count("SEMED")
    assert rendered == []
    Channel.objects.create(code="radio-x", name="Rádio Comunitária X", active=True)
    assert "Rádio Comunitária X" in client.get(URL, APRIL).content.decode() and rendered
    semed = data["bruno.educacao"].memberships.first().secretariat
    page = client.get(URL, {**APRIL, "secretariat": semed.pk}).content.decode()
    assert f'<option value="{semed.pk}" selected>' in page
    client.force_login(data["ana.saude"])  # a requester: only her secretariats are offered
    response = client.get(URL, APRIL)
    assert response.status_code == 200 and 'name="secretariat"' in response.content.decode()
    assert "SEMED" not in response.content.decode()
