"""The campaign page costs the same number of queries for 3 pieces as for 30: the compliance
findings come from the kept check runs (``kept_findings``), not from rerunning the engine per
piece."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from approvals.compliance.selectors import findings_for, kept_findings
from approvals.compliance.services import compliance_check, finding_override
from campaigns.tests.test_services import make_campaign
from workflows.tests.test_http_flow import as_user


def page_queries(client, user, url):
    as_user(client, user)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries), response


def test_campaign_page_query_count_does_not_grow_with_pieces(client, demo):
    measured = {}
    for size in (3, 30):
        campaign = make_campaign(demo["ana.saude"], pieces=size)
        for piece in campaign.pieces.all():
            compliance_check(request=piece, by=demo["diego.editor"])
        measured[size] = page_queries(client, demo["diego.editor"], f"/campaigns/{campaign.pk}/")
    (small, page_small), (large, page_large) = measured[3], measured[30]
    assert len(page_small.context["compliance"]) == 3  # every piece shows its findings
    assert len(page_large.context["compliance"]) == 30
    assert small == large, (small, large)  # was 54 and 378 when the engine ran per piece
    assert large <= 30


def test_kept_findings_are_the_last_runs_with_the_overrides_of_now(demo):
    campaign = make_campaign(demo["ana.saude"], pieces=2)
    first, second = campaign.pieces.order_by("pk")
    editor = demo["diego.editor"]
    assert kept_findings([first, second]) == {}  # never checked: nothing kept
    compliance_check(request=first, by=editor)
    live = findings_for(first)
    warning = next(f for f in live if f.rule == "plan.traceability")
    finding_override(request=first, by=demo["fernanda.chefe"], fingerprint=warning.fingerprint,
                     reason="Campanha aprovada sem ação do plano.")
    run, kept = kept_findings([first, second])[first.pk]
    assert second.pk not in kept_findings([first, second])
    assert [(f.rule, f.severity, f.fingerprint, f.message, f.title) for f in kept] == [
        (f.rule, f.severity, f.fingerprint, f.message, f.title) for f in live]
    assert next(f for f in kept if f.rule == "plan.traceability").override is not None
    later = compliance_check(request=first, by=editor)  # a second run: it is the one shown
    newest, kept = kept_findings([first])[first.pk]
    assert newest.pk != run.pk and len(kept) == len(later)


def test_campaign_list_counts_the_pieces_and_spend_of_one_page_only(client, demo):
    """The list reads the same number of queries for 3 campaigns as for 30 (more than one
    page): the piece counts and committed spend are read for the page's rows."""
    from campaigns.views import PAGE_SIZE

    measured = {}
    made = []
    for size in (3, 30):
        while len(made) < size:
            made.append(make_campaign(demo["ana.saude"], pieces=1 + len(made) % 3))
        measured[size] = page_queries(client, demo["helena.gestora"], "/campaigns/")
    (small, page_small), (large, page_large) = measured[3], measured[30]
    assert small == large, (small, large)
    assert page_large.context["page"].paginator.count == 30
    rows = list(page_large.context["page"])
    assert len(rows) == PAGE_SIZE < 30
    pieces = {c.pk: 1 + n % 3 for n, c in enumerate(made)}
    assert {row.pk: row.piece_count for row in rows} == {row.pk: pieces[row.pk] for row in rows}
    assert all(row.published_count == 0 and row.committed == 0 for row in rows)
    assert len(page_small.context["page"]) == 3
