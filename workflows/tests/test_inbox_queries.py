"""Every inbox tab, with every filter and the search, costs the same number of queries for 5
rows as for 15 (a list that queried per row would grow)."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from org.models import Secretariat
from pauta import inbox
from plans.models import Channel
from workflows import services
from workflows.tests.factories import ContentRequestFactory

FILTERS = "&kind=news&channel={channel}&secretariat={secretariat}" \
          "&created_after=2000-01-01&created_before=2100-01-01&q=Vacina"


def add_rows(demo, n):
    saude = Secretariat.objects.get(acronym="SMS")
    portal = Channel.objects.get(code="portal")
    for _ in range(n):
        draft = ContentRequestFactory(secretariat=saude, requester=demo["ana.saude"],
                                      due_date=timezone.localdate() - timedelta(days=1))
        draft.channels.add(portal)
        submitted = services.request_create(by=demo["ana.saude"], secretariat=saude, kind="news",
                                            title="Vacina", brief="b", channels=[portal])
        services.request_submit(request=submitted, by=demo["ana.saude"])
        accepted = services.request_create(by=demo["ana.saude"], secretariat=saude, kind="news",
                                           title="Vacina", brief="b", channels=[portal])
        accepted = services.request_submit(request=accepted, by=demo["ana.saude"])
        services.request_accept(request=accepted, by=demo["diego.editor"])


def page_queries(client, user, url):
    client.force_login(user)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries), response.context["page"].paginator.count


CASES = [("ana.saude", "mine"), ("ana.saude", "secretariat"), ("diego.editor", "mine"),
         ("diego.editor", "queue"), ("fernanda.chefe", "all"), ("igor.auditor", "all")]


@pytest.mark.parametrize("filtered", [False, True])
def test_query_count_does_not_grow_with_rows(client, demo, filtered):
    """Rows: drafts (the requester's "mine"), submitted (team queue), accepted (editor's)."""
    url_filters = FILTERS.format(channel=Channel.objects.get(code="portal").pk,
                                 secretariat=Secretariat.objects.get(acronym="SMS").pk)
    measured = {}
    for rows in (5, 15):
        add_rows(demo, 5 if rows == 5 else 10)
        for username, view in CASES:
            url = f"/requests/?view={view}" + (url_filters if filtered else "&overdue=on"
                                                if view == "all" else "")
            measured[(username, view, rows)] = page_queries(client, demo[username], url)
    for username, view in CASES:
        small, large = measured[(username, view, 5)], measured[(username, view, 15)]
        assert large[1] > small[1] > 0, (username, view, small, large)  # the rows are there
        assert large[0] == small[0], (username, view, small, large)
        # 26 for the requests and the one list of decisions (measured with no section), +2
        # for the secretariats' heads (``org.selectors.NearestHeads``: read once, where the
        # heads of each secretariat with a head's step were read before, two queries each),
        # +1 to count the decisions (``approvals.selectors.Decisions``: the box names the
        # oldest, the rest are counted), +1 for each section other lifecycles add to "My
        # tasks" (pauta.inbox: the press desk's questions for the secretariat, the
        # calendar's event production tasks)
        assert large[0] <= 29 + len(inbox._SECTIONS), (username, view, large)
