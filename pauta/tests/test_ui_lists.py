"""The shared list helpers: the state tag, locale dates, times and money, and the request
list's counts, sorting, priority and overdue marks, and empty states."""

import datetime
import re
from decimal import Decimal

import pytest
from django.template import Context, Template
from django.test import override_settings
from django.utils import timezone, translation

from org.models import Secretariat
from plans.models import Channel
from workflows.models import ContentRequest


def render(source, **context):
    return Template("{% load pauta_ui %}" + source).render(Context(context))


def test_state_tag_gives_the_same_tone_to_a_state_in_every_lifecycle():
    from campaigns.models import Campaign
    from plans.models import Plan

    request = ContentRequest(state="approved")
    campaign = Campaign(state="approved")
    plan = Plan(state="approved")
    tags = [render("{% state_tag o %}", o=o) for o in (request, campaign, plan)]
    for tag in tags:
        assert 'class="br-tag state-tag tone-done"' in tag
        assert 'aria-hidden="true"' in tag  # the icon; the name is the text
    with translation.override("pt-br"):
        assert "Aprovad" in render("{% state_tag o %}", o=request)
    assert "tone-stopped" in render("{% state_tag o %}", o=ContentRequest(state="rejected"))
    assert "tone-waiting" in render("{% state_tag o %}", o=ContentRequest(state="needs_info"))


def test_step_status_uses_the_same_tag():
    from approvals.models import ApprovalStep

    html = render('{% state_tag s "status" %}', s=ApprovalStep(status="pending"))
    assert "tone-waiting" in html and 'data-state="pending"' in html


def test_dates_times_and_money_in_brazilian_portuguese():
    this_year = timezone.localdate().year
    with translation.override("pt-br"):
        assert render("{{ d|day }}", d=datetime.date(this_year, 12, 14)) == "14 de dezembro"
        assert render("{{ d|day }}", d=datetime.date(this_year + 1, 12, 14)) == (
            f"14 de dezembro de {this_year + 1}")
        assert render("{{ t|hour }}", t=datetime.time(10, 0)) == "10h"
        assert render("{{ t|hour }}", t=datetime.time(10, 30)) == "10h30"
        assert render("{{ n|money }}", n=Decimal("130000")) == "R$\u00a0130.000,00"
        assert render("{{ n|number }}", n=27200) == "27.200"
        assert render("{{ n|number:1 }}", n=Decimal("27200.04")) == "27.200,0"
    with translation.override("en"):
        assert render("{{ t|hour }}", t=datetime.time(10, 0)) == "10:00"
        assert render("{{ n|money }}", n=Decimal("130000")) == "R$\u00a0130,000.00"


@override_settings(CURRENCY="EUR")
def test_money_follows_the_installation_currency():
    with translation.override("pt-pt"):
        assert render("{{ n|money }}", n=Decimal("-5.5")) == "-5,50\u00a0€"


def _requests(demo, n=3):
    from workflows.tests.factories import ContentRequestFactory

    saude = Secretariat.objects.get(acronym="SMS")
    today = timezone.localdate()
    rows = []
    for i, (priority, due) in enumerate([("normal", today + datetime.timedelta(days=9)),
                                         ("urgent", today + datetime.timedelta(days=20)),
                                         ("high", today - datetime.timedelta(days=2))][:n]):
        rows.append(ContentRequestFactory(secretariat=saude, requester=demo["ana.saude"],
                                          title=f"Pauta {i}", priority=priority, due_date=due,
                                          state="submitted"))
    return rows


@pytest.mark.django_db
def test_request_list_sorts_by_priority_and_due_and_marks_overdue(client, demo):
    normal, urgent, high = _requests(demo)
    client.force_login(demo["fernanda.chefe"])
    with translation.override("pt-br"):
        by_priority = client.get("/requests/?view=all&sort=priority&q=Pauta")
        by_due = client.get("/requests/?view=all&sort=due&q=Pauta")
        by_due_desc = client.get("/requests/?view=all&sort=-due&q=Pauta")
    assert [r.pk for r in by_priority.context["page"]] == [urgent.pk, high.pk, normal.pk]
    assert [r.pk for r in by_due.context["page"]] == [high.pk, normal.pk, urgent.pk]
    assert [r.pk for r in by_due_desc.context["page"]] == [urgent.pk, normal.pk, high.pk]
    html = by_due.content.decode()
    assert 'aria-sort="ascending"' in html
    assert len(re.findall(r'<time[^>]*class="overdue"', html)) == 1  # only the one past due
    assert "priority-urgent" in html and "priority-high" in html
    assert "state-tag" in html


@pytest.mark.django_db
def test_request_list_counts_the_tabs_and_explains_an_empty_tab(client, demo):
    client.force_login(demo["diego.editor"])
    response = client.get("/requests/?view=queue")
    tabs = response.context["tabs"]
    assert tabs["queue"] == response.context["page"].paginator.count
    assert tabs["all"] == ContentRequest.objects.count()
    assert tabs["mine"] is not None
    quiet = client.get("/requests/?view=mine&sort=due").content.decode()
    assert "Clear the filters" not in quiet and "Limpar os filtros" not in quiet
    empty = client.get("/requests/?view=all&q=nothing-has-this-title")
    assert "Clear the filters" in empty.content.decode() or (
        "Limpar os filtros" in empty.content.decode())


@pytest.mark.django_db
def test_unknown_sort_falls_back_to_newest_first(client, demo):
    client.force_login(demo["fernanda.chefe"])
    response = client.get("/requests/?view=all&sort=drop table")
    assert response.status_code == 200
    assert response.context["sort"] == "-created"


def test_admin_speaks_as_the_installation(settings):
    from django.contrib import admin

    assert settings.BRAND_NAME in str(admin.site.site_header)
    assert settings.BRAND_NAME in str(admin.site.site_title)


@pytest.mark.django_db
def test_campaign_form_refuses_a_negative_budget_before_the_database(client, demo):
    from campaigns.forms import CampaignForm

    form = CampaignForm({"secretariat": Secretariat.objects.get(acronym="SMS").pk,
                         "title": "t", "brief": "b", "start": "2026-12-01",
                         "end": "2026-12-31", "budget_own_staff": "-1",
                         "budget_paid_media": "0",
                         "channels": [Channel.objects.first().pk]},
                        user=demo["ana.saude"])
    assert not form.is_valid()
    assert "budget_own_staff" in form.errors
    assert "workflows_campaign_budget_not_negative" not in str(form.errors)


def test_piece_date_must_fall_inside_the_campaign_period():
    from campaigns.forms import PieceForm

    form = PieceForm({"kind": "news", "title": "p", "desired_date": "2027-01-05"})
    form.period = (datetime.date(2026, 12, 1), datetime.date(2026, 12, 31))
    assert not form.is_valid() and "desired_date" in form.errors
    inside = PieceForm({"kind": "news", "title": "p", "desired_date": "2026-12-05"})
    inside.period = (datetime.date(2026, 12, 1), datetime.date(2026, 12, 31))
    assert inside.is_valid()
