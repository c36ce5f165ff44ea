"""The pages people open most cost the same, exact number of queries with little work in
the system as with three times as much (issue 22: "O(1) pages"): the home pages of an editor
and a requester, "My tasks" of an editor, an approver and a requester, the team's workload
and a request's page. More drafts, requests waiting for triage, requests in production and
requests in review (decisions waiting for the approver and for the secretariat's
validation) must not add a query; the counts are exact so that a new query per page shows."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from plans.models import Channel
from workflows import services
from workflows.tests.test_http_flow import as_user
from workflows.tests.test_inbox_queries import add_rows

# (username, url): the number of queries each costs on the demo data (measured; a change in
# what a page reads changes them, and the test says which).
PAGES = {
    ("diego.editor", "/"): 24,
    ("ana.saude", "/"): 25,
    ("diego.editor", "/requests/?view=mine"): 28,
    ("fernanda.chefe", "/requests/?view=mine"): 29,
    ("ana.saude", "/requests/?view=mine"): 29,
    ("diego.editor", "/requests/workload/"): 10,
}


def _in_review(demo, title):
    ana, diego = demo["ana.saude"], demo["diego.editor"]
    portal = Channel.objects.get(code="portal")
    request = services.request_create(by=ana, secretariat=ana.memberships.first().secretariat,
                                      kind="news", title=title, brief="b", channels=[portal])
    request = services.request_submit(request=request, by=ana)
    request = services.request_accept(request=request, by=diego)
    services.publication_save(request=request, by=diego, channel=portal, title=title,
                              body="<p>Texto.</p>")
    return services.request_send_to_review(request=request, by=diego)


def _grow(demo, n):
    add_rows(demo, n)  # n drafts, n submitted, n in production (the editor's)
    return [_in_review(demo, f"Revisão {i}") for i in range(n)]


def _queries(client, user, url):
    as_user(client, user)
    client.get(url)  # what a first visit caches (the session, the translations) aside
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries), response


@pytest.mark.django_db
def test_the_busiest_pages_cost_the_same_exact_queries_with_three_times_the_work(
        client, demo, monkeypatch):
    from workflows import views

    # The decisions box names 4: at the larger size it names some and counts the others.
    monkeypatch.setattr(views, "DECISIONS_LISTED", 4)
    measured, decisions = {}, {}
    for size, n in (("small", 3), ("large", 6)):  # 3 then 9 of each kind of row
        _grow(demo, n)
        for username, url in PAGES:
            count, response = _queries(client, demo[username], url)
            measured[(username, url, size)] = count
            if url.endswith("view=mine"):
                decisions[(username, size)] = (len(response.context["decisions"]),
                                               response.context["decisions_not_listed"])
    # the work is there: the approver and the secretariat's validators have more decisions
    for username in ("fernanda.chefe", "ana.saude"):
        (listed, small), (listed_large, large) = (decisions[(username, "small")],
                                                  decisions[(username, "large")])
        assert listed_large == 4 and large >= listed + small + 6 - 4, (username, decisions)
    found = {page: (measured[(*page, "small")], measured[(*page, "large")]) for page in PAGES}
    assert found == {page: (expected, expected) for page, expected in PAGES.items()}


@pytest.mark.django_db
def test_the_request_page_costs_the_same_exact_queries_among_more_work(client, demo):
    """The request page of one request in review, as its approver, with little and with much
    other work in review (its compliance check reads its neighbours on the channel)."""
    request = _in_review(demo, "A revisar")
    url = f"/requests/{request.pk}/"
    counts = []
    for n in (2, 6):
        _grow(demo, n)
        counts.append(_queries(client, demo["fernanda.chefe"], url)[0])
    assert counts == [41, 41], counts
