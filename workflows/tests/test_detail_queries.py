"""The request page costs the same number of queries with 2 events, comments and text
revisions as with 10 (a timeline that queried per event would grow)."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from approvals.compliance.services import compliance_check
from org.models import Secretariat
from plans.models import Channel
from workflows import services
from workflows.tests.test_http_flow import as_user


def grow(request, demo, n):
    editor, portal = demo["diego.editor"], Channel.objects.get(code="portal")
    for i in range(n):
        services.comment_add(request=request, by=editor, body=f"Nota {i}", internal=i % 2 == 0)
        services.publication_save(request=request, by=editor, channel=portal,
                                  title=f"Vacinação {i}", body=f"<p>Texto {i}.</p>")
        compliance_check(request=request, by=editor)


def test_request_page_query_count_does_not_grow_with_events(client, demo):
    measured = {}
    for n in (2, 10):
        request = services.request_create(
            by=demo["ana.saude"], secretariat=Secretariat.objects.get(acronym="SMS"),
            kind="news", title="Vacinação", brief="b",
            channels=[Channel.objects.get(code="portal")])
        request = services.request_submit(request=request, by=demo["ana.saude"])
        request = services.request_accept(request=request, by=demo["diego.editor"])
        grow(request, demo, n)
        for username in ("diego.editor", "ana.saude"):
            as_user(client, demo[username])
            with CaptureQueriesContext(connection) as queries:
                page = client.get(f"/requests/{request.pk}/")
            assert page.status_code == 200
            measured[(username, n)] = (len(queries), len(page.context["timeline"]))
    for username in ("diego.editor", "ana.saude"):
        (small, rows_small), (large, rows_large) = measured[(username, 2)], measured[(username, 10)]
        assert rows_large >= rows_small + 16, measured  # the events and comments are there
        assert small == large, measured  # grew by one query per text event before
