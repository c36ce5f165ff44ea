"""Malformed input never answers 5xx (issue 13 item 4): every list filter, form and JSON endpoint
gets hypothesis-generated dates, numbers and texts that are out of range, impossible or absurd.

The world of objects and people is the permission matrix's (``tests/permission_world.py``).
Each target is asked as a person who may use it and as nobody signed in; each request runs in
a transaction rolled back afterwards. ``MAX_EXAMPLES`` per target (more under ``CI=true``);
a failure lists the method, the URL and the input of every 5xx found.
"""

import datetime as dt
import json
import os
from dataclasses import dataclass
from urllib.parse import urlencode

import pytest
from django.db import transaction
from django.test import Client
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.permission_world import build_world

MAX_EXAMPLES = 30 if os.environ.get("CI") == "true" else 12

WEIRD = ["2026-02-30", "2027-02-30T10:00", "0000-01-01", "0001-01-01", "9999-12-31T23:00",
         "9999-12-31T23:00:00-05:00", "2026-13-01", "2026-01-01T25:61", "20260101", "-1", "",
         "9" * 30, "1e400", "NaN", "0x1F", "١٢", "2026-01-01T10:00+99:00", "null", "[]", "{}",
         "x" * 201, "x" * 60000, "a\x00b", " ", "%00", "../..", "<script>", "true"]
DATES = st.one_of(st.dates().map(dt.date.isoformat),
                  st.datetimes().map(lambda d: d.isoformat()),
                  st.datetimes(timezones=st.timezones()).map(lambda d: d.isoformat()),
                  st.sampled_from(WEIRD))
INTEGERS = st.one_of(st.integers(-2**70, 2**70).map(str), st.sampled_from(WEIRD))
TEXTS = st.one_of(st.text(max_size=40), st.text(min_size=190, max_size=260),
                  st.sampled_from(WEIRD))
VALUES = st.one_of(DATES, INTEGERS, TEXTS)
JSON_VALUES = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(-2**70, 2**70), st.floats(allow_nan=False),
              VALUES),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner,
                                                                 max_size=3),
    max_leaves=6)


@dataclass(frozen=True)
class Target:
    name: str
    fields: tuple  # the query parameters, form fields or JSON keys the endpoint reads
    who: str = "diego.editor"
    method: str = "GET"  # GET (query), POST (form) or JSON (a JSON body)
    kwargs: object = None  # world -> URL kwargs
    base: object = None  # world -> valid values the malformed ones replace


REQUEST_FILTERS = ("q", "state", "kind", "secretariat", "channel", "created_after",
                   "created_before", "overdue", "page", "view", "submitted_after",
                   "submitted_before", "published_after", "published_before", "states", "sla",
                   "rounds", "reason", "rating", "rated", "plan", "plan_objective",
                   "plan_action", "assignee", "compliance_after", "compliance_before",
                   "compliance_rule", "compliance_override", "campaign_state", "campaign_after",
                   "campaign_before")
SLICE = ("start", "end", "secretariat", "channel", "kind")


def _own(field):
    return lambda w: {"pk": getattr(w.own, field)}


def _brief(w):
    today = dt.date.today()
    return {"kind": "news", "title": "T", "brief": "b", "priority": "normal",
            "secretariat": "1", "desired_date": (today + dt.timedelta(days=40)).isoformat()}


TARGETS = [
    Target("workflows:list", REQUEST_FILTERS),
    Target("v1:request-list", (*REQUEST_FILTERS, "page_size")),
    Target("campaigns:list", ("state", "page")),
    Target("notifications:list", ("page",)),
    Target("calendars:calendar", ("secretariat", "channel", "kind")),
    Target("calendars:data", ("start", "end", "secretariat", "channel", "kind"),
           base=lambda w: {"start": "2026-01-01T00:00:00Z", "end": "2026-02-01T00:00:00Z"}),
    Target("reports:dashboard", SLICE, who="helena.gestora"),
    Target("v1:indicator-values", ("period", *SLICE), who="helena.gestora"),
    Target("plans:open_actions", ("secretariat", "date")),
    Target("compliance:blackout", ("window",)),
    Target("v1:decision-list", ("request", "outcome", "page")),
    Target("v1:publication-list", ("request", "channel", "published", "scheduled_after",
                                   "scheduled_before")),
    Target("v1:event-list", ("kind", "secretariat", "start", "end")),
    Target("v1:plan-action-list", ("plan", "year", "owner")),
    Target("news:feed", ()),
    Target("campaigns:spend", (), kwargs=lambda w: {"year": 2026}),
    Target("workflows:create", ("secretariat", "kind", "title", "desired_date", "channels",
                                "audiences", "plan_action", "priority"), who="ana.saude",
           method="POST", base=_brief),
    Target("workflows:edit", ("kind", "title", "desired_date", "channels", "plan_action"),
           who="ana.saude", method="POST", kwargs=_own("draft"), base=_brief),
    Target("campaigns:create", ("secretariat", "title", "brief", "start", "end", "plan_action",
                                "budget_own_staff", "budget_paid_media"), who="ana.saude",
           method="POST"),
    Target("calendars:event_create", ("kind", "title", "secretariat", "plan_action", "all_day",
                                      "starts_at", "ends_at", "rrule", "status", "visibility"),
           method="POST", base=lambda w: {"kind": "public_event", "title": "E",
                                          "starts_at": "2026-03-02T10:00",
                                          "ends_at": "2026-03-02T11:00", "status": "confirmed",
                                          "visibility": "internal"}),
    Target("calendars:feeds", ("name", "secretariats", "kinds", "channels"), method="POST"),
    # The team's absences: the manager picks the person; an editor records their own.
    Target("calendars:absences", ("person", "kind", "starts_on", "ends_on", "reason"),
           who="helena.gestora", method="POST",
           base=lambda w: {"kind": "vacation", "starts_on": "2031-05-05",
                           "ends_on": "2031-05-09"}),
    Target("calendars:absence_edit", ("kind", "starts_on", "ends_on", "reason"),
           method="POST", kwargs=lambda w: {"pk": w.absence(True)},
           base=lambda w: {"kind": "vacation", "starts_on": "2031-05-05",
                           "ends_on": "2031-05-09"}),
    Target("calendars:event_coverage", ("secretariat", "brief"), method="POST",
           kwargs=_own("event")),
    Target("reports:export", SLICE, who="helena.gestora", method="POST"),
    Target("plans:create", ("year", "title"), who="helena.gestora", method="POST"),
    Target("plans:commitment_create", ("action", "amount", "committed_on", "description"),
           who="helena.gestora", method="POST", kwargs=lambda w: {"pk": w.approved_plan}),
    Target("workflows:action", ("reason", "comment", "question", "assignee"), method="POST",
           kwargs=lambda w: {"pk": w.own.request, "action": "assign"}),
    Target("calendars:move", ("start",), method="JSON", kwargs=_own("approved_piece")),
    Target("v1:request-list", ("secretariat", "kind", "title", "brief", "desired_date",
                               "channels", "plan_action"), who="ana.saude", method="JSON"),
    Target("v1:request-comment", ("body", "internal"), method="JSON", kwargs=_own("request")),
    Target("v1:request-assign", ("assignee",), method="JSON", kwargs=_own("request")),
    Target("v1:request-schedule", ("publications",), method="JSON", kwargs=_own("request")),
    Target("v1:request-text", ("channel", "title", "body", "excerpt"), method="JSON",
           kwargs=_own("request")),
    Target("v1:request-decide", ("outcome", "reason", "comment"), who="ana.saude",
           method="JSON", kwargs=lambda w: {"pk": w.own.review, "step_id": w.own.step}),
    # Clipping, as the clipping analyst.
    Target("clipping:list", ("state", "page"), who="elisa.editora"),
    Target("clipping:repercussion", ("days",), who="elisa.editora"),
    Target("clipping:enter", ("outlet", "medium", "published_at", "headline", "summary", "url"),
           who="elisa.editora", method="POST"),
    Target("clipping:sources", ("outlet", "kind", "url", "interval_minutes"),
           who="elisa.editora", method="POST", base=lambda w: {"form": "source"}),
    # The outlets are the press desk's (one list): the analyst adds them there.
    Target("press:outlet_create", ("name", "type", "reach", "city", "website", "audience",
                                   "active"), who="elisa.editora", method="POST"),
    Target("v1:press-outlet-list", ("type", "reach", "active", "page"), who="elisa.editora"),
    Target("clipping:terms", ("text", "kind", "secretariat", "campaign"), who="elisa.editora",
           method="POST", base=lambda w: {"form": "term"}),
    Target("clipping:action", ("tone", "themes", "secretariats", "request", "campaign",
                               "plan_action"), who="elisa.editora", method="POST",
           kwargs=lambda w: {"pk": w.clipping["clip"], "action": "keep"}),
    Target("clipping:subscribe", ("name", "email"), who="elisa.editora", method="POST"),
]
PATHS = ["/requests/{n}/", "/campaigns/spend/{n}/", "/calendar/events/{n}/", "/news/{s}/feed.atom",
         "/api/v1/requests/{n}/", "/plans/{n}/", "/feeds/{s}.ics"]


def _send(client, target, url, values):
    with transaction.atomic():
        if target.method == "GET":
            response = client.get(f"{url}?{urlencode(values, doseq=True)}" if values else url)
        elif target.method == "POST":
            response = client.post(url, values)
        else:
            body = values if isinstance(values, str) else json.dumps(values)
            response = client.post(url, body, content_type="application/json")
        transaction.set_rollback(True)
    return response


def _values(data, target, world):
    if target.method == "JSON" and data.draw(st.integers(0, 4)) == 0:
        return data.draw(st.one_of(JSON_VALUES, st.sampled_from(["{not json", "[", '"x"'])))
    values = dict(target.base(world)) if target.base else {}
    chosen = data.draw(st.lists(st.sampled_from(target.fields), unique=True, max_size=4)
                       if target.fields else st.just([]))
    for name in chosen:
        values[name] = data.draw(JSON_VALUES if target.method == "JSON" else VALUES)
    return values


def _fuzz(target, world, clients, failures):
    url = reverse(target.name, kwargs=target.kwargs(world) if target.kwargs else None)

    @settings(max_examples=MAX_EXAMPLES, deadline=None, database=None,
              suppress_health_check=list(HealthCheck))
    @given(data=st.data())
    def run(data):
        values = _values(data, target, world)
        who = data.draw(st.sampled_from([target.who, target.who, target.who, "anon"]))
        response = _send(clients[who], target, url, values)
        if response.status_code >= 500:
            failures.append(f"{target.method} {url} as {who} -> {response.status_code}: "
                            f"{str(values)[:300]!r}")

    run()


# The targets in interleaved shards, one test each: together they take minutes, and as one
# test they kept one xdist worker busy long after the other had finished. Each shard builds
# the world once (a couple of seconds) for its targets.
SHARDS = 4


@pytest.mark.django_db
@pytest.mark.parametrize("shard", range(SHARDS), ids=lambda n: f"targets-{n + 1}-of-{SHARDS}")
def test_malformed_input_never_answers_5xx(demo, settings, tmp_path, shard):
    settings.MEDIA_ROOT = tmp_path
    world = build_world(demo)
    targets = TARGETS[shard::SHARDS]
    clients = {"anon": Client(raise_request_exception=False)}
    for target in targets:
        if target.who not in clients:
            clients[target.who] = Client(raise_request_exception=False)
            clients[target.who].force_login(demo[target.who])
    failures = []
    for target in targets:
        _fuzz(target, world, clients, failures)
    assert not failures, "5xx answers to malformed input:\n" + "\n".join(failures)


@pytest.mark.django_db
def test_malformed_paths_never_answer_5xx(demo):
    client = Client(raise_request_exception=False)
    client.force_login(demo["diego.editor"])
    failures = []
    _fuzz_paths(client, failures)
    assert not failures, "5xx answers to malformed paths:\n" + "\n".join(failures)


def _fuzz_paths(client, failures):
    @settings(max_examples=MAX_EXAMPLES * 2, deadline=None, database=None,
              suppress_health_check=list(HealthCheck))
    @given(pattern=st.sampled_from(PATHS), number=st.integers(0, 10**30),
           text=st.text(min_size=1, max_size=30).filter(lambda s: "/" not in s))
    def run(pattern, number, text):
        from urllib.parse import quote

        url = pattern.format(n=number, s=quote(text, safe=""))
        response = client.get(url)
        if response.status_code >= 500:
            failures.append(f"GET {url} -> {response.status_code}")

    run()
