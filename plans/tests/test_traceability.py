"""Traceability: the request form offers only the open actions of the approved plan; requests
with no link are allowed but flagged (plan page, compliance warning)."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from org.tests.factories import SecretariatFactory, UserFactory
from pauta.tests.posting import posted_by_browser
from plans.models import Plan
from plans.selectors import traceability_warning, unlinked_requests
from plans.tests.factories import ObjectiveFactory, PlanActionFactory, PlanFactory, approve
from workflows.forms import RequestForm
from workflows.models import ContentRequest

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.fixture
def setup():
    """An approved plan for next year (so desired dates are in the future), three actions."""
    year = timezone.localdate().year + 1
    Plan.objects.filter(year=year).update(year=year + 60)
    plan = PlanFactory(year=year)
    sms, other = SecretariatFactory(acronym="TRC1"), SecretariatFactory(acronym="TRC2")
    objective = ObjectiveFactory(plan=plan)
    spring = PlanActionFactory(objective=objective, owner=sms, code="A1",
                               start=D(year, 3, 1), end=D(year, 5, 31))
    autumn = PlanActionFactory(objective=objective, owner=sms, code="A2",
                               start=D(year, 9, 1), end=D(year, 11, 30))
    foreign = PlanActionFactory(objective=objective, owner=other, code="A3",
                                start=D(year, 1, 1), end=D(year, 12, 31))
    approve(plan)
    requester = UserFactory(roles=["requester"], secretariats=[sms])
    return {"plan": plan, "year": year, "sms": sms, "spring": spring, "autumn": autumn,
            "foreign": foreign, "requester": requester}


def _data(s, **extra):
    return {"secretariat": s["sms"].pk, "kind": "news", "title": "Vacinação",
            "brief": "Divulgar.", "desired_date": D(s["year"], 4, 10).isoformat(),
            "priority": "normal", **extra}


def test_bound_form_offers_only_open_actions_and_refuses_others(setup):
    s = setup
    form = RequestForm(_data(s), user=s["requester"])
    assert list(form.fields["plan_action"].queryset) == [s["spring"]]
    for wrong in (s["autumn"], s["foreign"]):  # other period, other secretariat
        form = RequestForm(_data(s, plan_action=wrong.pk), user=s["requester"])
        assert not form.is_valid() and "plan_action" in form.errors
    form = RequestForm(_data(s, plan_action=s["spring"].pk), user=s["requester"])
    assert form.is_valid(), form.errors
    assert form.cleaned_data["plan_action"] == s["spring"]


def test_unbound_form_of_a_one_secretariat_requester_offers_its_open_actions(setup):
    s = setup
    form = RequestForm(user=s["requester"])
    assert form.initial["secretariat"] == s["sms"].pk
    url = form.fields["plan_action"].widget.attrs["data-open-actions-url"]
    assert url == reverse("plans:open_actions")
    # Today is outside next year's plan: nothing offered until a date is chosen.
    assert list(form.fields["plan_action"].queryset) == []


def test_open_actions_endpoint_follows_secretariat_and_date(client, setup):
    s = setup
    client.force_login(s["requester"])
    url = reverse("plans:open_actions")
    got = client.get(url, {"secretariat": s["sms"].pk, "date": f"{s['year']}-10-01"}).json()
    assert [item["id"] for item in got] == [s["autumn"].pk]
    # A secretariat the person cannot file for: nothing, not its plan.
    assert client.get(url, {"secretariat": s["foreign"].owner_id,
                            "date": f"{s['year']}-04-10"}).json() == []
    assert client.get(url, {"secretariat": "x"}).json() == []


def test_request_page_posts_a_linked_and_an_unlinked_request(client, setup):
    s = setup
    client.force_login(s["requester"])
    page = client.get(reverse("workflows:create")).content.decode()
    assert "plans/plan_action_picker.js" in page and "data-open-actions-url" in page
    client.post(reverse("workflows:create"), _data(s, plan_action=s["spring"].pk, title="L"))
    client.post(reverse("workflows:create"), _data(s, title="U"))
    linked, unlinked = (ContentRequest.objects.get(title=t) for t in ("L", "U"))
    assert linked.plan_action == s["spring"] and unlinked.plan_action is None


def test_traceability_warning_flags_unlinked_and_stale_links(setup):
    s = setup
    make = ContentRequest.objects.create
    base = {"secretariat": s["sms"], "requester": s["requester"], "kind": "news",
            "title": "t", "brief": "b", "desired_date": D(s["year"], 4, 10)}
    good = make(**base, plan_action=s["spring"])
    none = make(**base)
    stale = make(**base, plan_action=s["autumn"])  # linked, but outside the action's period
    with translation.override("en"):
        assert traceability_warning(good) is None
        assert "not linked" in traceability_warning(none)
        assert "is not open" in traceability_warning(stale)


def test_plan_page_flags_unlinked_requests_of_its_year(client, setup):
    s = setup
    make = ContentRequest.objects.create
    base = {"secretariat": s["sms"], "requester": s["requester"], "kind": "news",
            "title": "t", "brief": "b", "desired_date": D(s["year"], 4, 10)}
    make(**base, state="submitted")
    make(**base, state="published")
    make(**base, state="draft")  # not filed yet: not counted
    make(**base, state="submitted", plan_action=s["spring"])
    make(**{**base, "desired_date": D(s["year"] + 1, 1, 5)}, state="submitted")  # other year
    assert unlinked_requests(s["plan"]).count() == 2
    client.force_login(UserFactory(roles=["manager"]))
    with translation.override("en"):
        page = client.get(reverse("plans:detail", args=[s["plan"].pk]),
                          HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert f"2 requests for {s['year']} are not linked to any action of the plan." in page


def test_editing_a_request_linked_to_a_plan_action_keeps_the_link(client, setup):
    s = setup
    client.force_login(s["requester"])
    client.post(reverse("workflows:create"), _data(s, plan_action=s["spring"].pk, title="L"))
    linked = ContentRequest.objects.get(title="L")
    url = reverse("workflows:edit", args=[linked.pk])
    form = client.get(url).context["form"]
    assert form.fields["secretariat"].disabled
    assert list(form.fields["plan_action"].queryset) == [s["spring"]]
    data = posted_by_browser(form, title="Vacinação de inverno")
    assert "secretariat" not in data and data["plan_action"] == s["spring"].pk
    response = client.post(url, data)
    assert response.status_code == 302, response.context["form"].errors
    linked.refresh_from_db()
    assert linked.title == "Vacinação de inverno" and linked.plan_action == s["spring"]
    assert linked.secretariat == s["sms"]
