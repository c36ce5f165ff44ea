"""The indicators endpoint answers what the KPI dashboard shows, to the same people."""

import pytest
from django.urls import reverse

from approvals.compliance.models import CheckRun, FindingRecord
from org.models import User
from reports.tests.factories import at, make_request

DASHBOARD = reverse("reports:dashboard")
VALUES = "/api/v1/indicators/values/"
APRIL = {"start": "2031-04-01", "end": "2031-04-30"}


@pytest.fixture
def data(demo):
    ana, bruno = demo["ana.saude"], demo["bruno.educacao"]
    first = make_request(ana, submitted="2031-04-14 08:00", published="2031-04-15 11:00",
                         due="2031-04-16", rating=5)
    make_request(bruno, acronym="SEMED", submitted="2031-04-09 09:00",
                 published="2031-04-16 17:00", rating=3)
    run = CheckRun.objects.create(request=first, trigger="manual",
                                  created_at=at("2031-04-14 09:00"))
    FindingRecord.objects.create(run=run, request=first, rule="links.https", severity="warning",
                                 fingerprint="f1", message="m")
    return demo


def _dashboard(client, user, params):
    client.force_login(user)
    response = client.get(DASHBOARD, params)
    if response.status_code != 200:
        return response.status_code, None
    return 200, {f["code"]: f["value"] for s in response.context["sections"]
                 for f in s["figures"]}


def _api(api_as, username, params):
    response = api_as(username).get(VALUES, params)
    if response.status_code != 200:
        return response.status_code, None
    return 200, {row["code"]: row["value"] for row in response.json()["results"]
                 if row["value"] is not None}


@pytest.mark.parametrize("params", [APRIL, {**APRIL, "kind": "news"}])
def test_values_equal_the_dashboard_for_every_demo_person(client, api_as, data, params):
    people = list(User.objects.filter(is_active=True).order_by("username"))
    assert len(people) >= 8
    seen = set()
    for person in people:
        status, figures = _dashboard(client, person, params)
        api_status, values = _api(api_as, person.username, params)
        assert api_status == status, person.username
        assert values == figures, person.username
        if figures:
            seen.add(figures["requests_published"])
    assert seen >= {1, 2}  # someone sees everything, someone only their secretariat


def test_a_requester_gets_only_their_scope(api_as, data):
    body = api_as("ana.saude").get(VALUES, APRIL).json()
    assert body["slice"]["scoped"] is True
    values = {row["code"]: row for row in body["results"]}
    assert values["requests_published"]["value"] == 1
    assert values["satisfaction_mean"]["value"] == 5
    assert values["compliance_findings_by_rule"]["value"] == 1
    url = values["compliance_findings_by_rule"]["series"][0]["url"]
    assert url.startswith("http") and "compliance_rule=links.https" in url
    managers = {row["code"]: row for row in api_as("helena.gestora").get(VALUES, APRIL)
                .json()["results"]}
    assert managers["requests_published"]["value"] == 2
    assert managers["satisfaction_mean"]["value"] == 4


def test_people_without_kpis_or_secretariats_get_403(client, api_as, demo):
    demo["nobody"] = User.objects.create_user("nobody", password="x" * 12)
    assert api_as("nobody").get(VALUES, APRIL).status_code == 403
    client.force_login(demo["nobody"])
    assert client.get(DASHBOARD).status_code == 403
    # Definitions are not data: anyone signed in reads them.
    assert api_as("nobody").get("/api/v1/indicators/").status_code == 200


def test_anonymous_gets_401(client, db):
    assert client.get(VALUES).status_code == 401


def test_definitions_list_every_indicator(api_as, demo):
    from reports.indicators import REGISTRY

    rows = api_as("ana.saude").get("/api/v1/indicators/").json()
    assert [row["code"] for row in rows] == list(REGISTRY)
    row = next(r for r in rows if r["code"] == "compliance_overrides_by_rule")
    assert row["unit"] == "count" and row["name"] == "Compliance overrides per rule"
    assert len(row["definition"]) > 50


def test_period_shorthand_and_bad_input(api_as, data):
    client = api_as("helena.gestora")
    body = client.get(VALUES, {"period": "2031-04"}).json()
    assert (body["slice"]["start"], body["slice"]["end"]) == ("2031-04-01", "2031-04-30")
    body = client.get(VALUES, {"period": "2031"}).json()
    assert (body["slice"]["start"], body["slice"]["end"]) == ("2031-01-01", "2031-12-31")
    response = client.get(VALUES, {"period": "2031-13"})
    assert response.status_code == 400 and "period" in response.json()["fields"]
    response = client.get(VALUES, {"start": "2031-05-01", "end": "2031-04-01"})
    assert response.status_code == 400
    assert response.json()["fields"]["non_field_errors"] == [
        "The end of the period is before its start."]
    response = client.get(VALUES, {"secretariat": "999999", **APRIL})
    assert response.status_code == 400 and "secretariat" in response.json()["fields"]
    response = client.get(VALUES, {"start": "9999-12-31", "end": "9999-12-31"})
    assert response.status_code == 400


def test_a_requester_cannot_pick_another_secretariat(api_as, data):
    from org.models import Secretariat

    semed = Secretariat.objects.get(acronym="SEMED")
    response = api_as("ana.saude").get(VALUES, {**APRIL, "secretariat": semed.pk})
    assert response.status_code == 400  # not among the secretariats she may choose
