"""Compliance and campaign indicators on hand-built data with answers counted by hand."""

from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import translation

from approvals.compliance.models import CheckRun, FindingOverride, FindingRecord
from campaigns import selectors as campaign_selectors
from campaigns.models import Campaign, SpendEntry
from reports.indicators import compute_all
from reports.indicators.campaigns import campaigns_of
from reports.slices import Slice
from reports.tests.factories import at, make_request

APRIL = Slice(start=date(2031, 4, 1), end=date(2031, 4, 30))
VOCAB, HTTPS, OFFICIALS = "vocabulary.terms", "links.https", "impessoalidade.officials"


def run(request, when, findings):
    """A kept check at ``when`` with ``findings`` = [(rule, severity, fingerprint), ...]."""
    check = CheckRun.objects.create(request=request, trigger="manual", created_at=at(when))
    for rule, severity, fingerprint in findings:
        FindingRecord.objects.create(run=check, request=request, rule=rule, severity=severity,
                                     fingerprint=fingerprint, message="m")
    return check


def override(request, rule, severity, fingerprint, by, when, reason="Justificado."):
    return FindingOverride.objects.create(request=request, rule=rule, severity=severity,
                                          fingerprint=fingerprint, reason=reason, by=by,
                                          created_at=at(when))


@pytest.fixture
def findings(demo):
    ana = demo["ana.saude"]
    sms = make_request(ana, state="in_production", submitted="2031-04-02 09:00")
    semed = make_request(ana, acronym="SEMED", state="in_production",
                         submitted="2031-04-03 09:00")
    # SMS: two runs see the same vocabulary finding (counts once) and a new http link.
    run(sms, "2031-04-05 10:00", [(VOCAB, "warning", "v1"), (OFFICIALS, "blocker", "o1")])
    run(sms, "2031-04-06 10:00", [(VOCAB, "warning", "v1"), (HTTPS, "warning", "h1"),
                                  (HTTPS, "warning", "h2")])
    override(sms, VOCAB, "warning", "v1", demo["fernanda.chefe"], "2031-04-06 11:00")
    override(sms, OFFICIALS, "blocker", "o1", demo["gustavo.juridico"], "2031-04-07 11:00")
    # SEMED: one vocabulary finding, overridden in May (outside the period).
    run(semed, "2031-04-08 10:00", [(VOCAB, "warning", "v2")])
    override(semed, VOCAB, "warning", "v2", demo["fernanda.chefe"], "2031-05-02 11:00")
    # March: outside the period.
    run(semed, "2031-03-30 10:00", [(HTTPS, "warning", "h3")])
    return sms, semed


def test_compliance_findings_per_rule(findings):
    result = compute_all(APRIL, {"compliance_findings_by_rule"})["compliance_findings_by_rule"]
    by_rule = {p.drill["compliance_rule"]: p.value for p in result.series}
    assert by_rule == {VOCAB: 2, HTTPS: 2, OFFICIALS: 1}
    assert result.value == 5
    assert result.extra["requests"] == {VOCAB: 2, HTTPS: 1, OFFICIALS: 1}
    assert result.drill == {"compliance_rule": "any", "compliance_after": "2031-04-01",
                            "compliance_before": "2031-04-30"}


def test_compliance_findings_follow_the_slice_and_scope(findings):
    sms, semed = findings
    only_sms = Slice(start=APRIL.start, end=APRIL.end, secretariat_id=sms.secretariat_id)
    result = compute_all(only_sms, {"compliance_findings_by_rule"})["compliance_findings_by_rule"]
    assert result.value == 4
    scoped = Slice(start=APRIL.start, end=APRIL.end, scope=frozenset({semed.secretariat_id}))
    result = compute_all(scoped, {"compliance_findings_by_rule"})["compliance_findings_by_rule"]
    assert {p.drill["compliance_rule"]: p.value for p in result.series} == {VOCAB: 1}


def test_compliance_overrides_per_rule_split_approver_and_legal(findings, demo):
    result = compute_all(APRIL, {"compliance_overrides_by_rule"})["compliance_overrides_by_rule"]
    assert result.value == 2  # the SEMED override is in May
    assert result.extra == {"approver": 1, "legal": 1}
    groups = {(p.drill["compliance_override"], p.value) for p in result.series}
    assert groups == {(VOCAB, 1), (OFFICIALS, 1)}
    assert len({p.group for p in result.series}) == 2


def test_compliance_drill_lists_the_requests_behind_the_figure(client, findings, demo):
    sms, semed = findings
    client.force_login(demo["helena.gestora"])
    slice_ = APRIL
    result = compute_all(slice_, {"compliance_findings_by_rule"})["compliance_findings_by_rule"]
    vocab = next(p for p in result.series if p.drill["compliance_rule"] == VOCAB)
    listing = client.get(slice_.list_url(vocab.drill))
    assert {r.pk for r in listing.context["page"]} == {sms.pk, semed.pk}
    https = next(p for p in result.series if p.drill["compliance_rule"] == HTTPS)
    listing = client.get(slice_.list_url(https.drill))
    assert {r.pk for r in listing.context["page"]} == {sms.pk}  # SEMED's was in March
    assert listing.context["filter"].drilled
    overrides = compute_all(slice_, {"compliance_overrides_by_rule"})[
        "compliance_overrides_by_rule"]
    listing = client.get(slice_.list_url(overrides.drill))
    assert {r.pk for r in listing.context["page"]} == {sms.pk}


@pytest.fixture
def campaigns(demo):
    from org.models import Secretariat

    ana = demo["ana.saude"]
    sms = Secretariat.objects.get(acronym="SMS")
    semed = Secretariat.objects.get(acronym="SEMED")

    def campaign(title, secretariat, start, end, state, own, paid):
        return Campaign.objects.create(secretariat=secretariat, requester=ana, title=title,
                                       brief="b", start=date.fromisoformat(start),
                                       end=date.fromisoformat(end), state=state,
                                       budget_own_staff=Decimal(own),
                                       budget_paid_media=Decimal(paid))

    running = campaign("Vacinação", sms, "2031-03-20", "2031-04-10", "running", "1000", "5000")
    approved = campaign("Matrículas", semed, "2031-04-25", "2031-05-20", "approved", "500", "0")
    campaign("Antiga", sms, "2031-01-01", "2031-03-31", "closed", "9999", "9999")  # before
    for state in ("published", "archived", "in_production", "withdrawn"):
        make_request(ana, state=state, campaign=running)
    make_request(ana, acronym="SEMED", state="draft", campaign=approved)
    for c, kind, amount in ((running, "paid_media", "3000.50"), (running, "own_staff", "800"),
                            (approved, "own_staff", "100")):
        SpendEntry.objects.create(campaign=c, kind=kind, amount=Decimal(amount),
                                  committed_on=date(2031, 4, 5), description="d",
                                  created_by=demo["diego.editor"])
    return running, approved


def test_campaigns_by_state(campaigns):
    result = compute_all(APRIL, {"campaigns_by_state"})["campaigns_by_state"]
    assert result.value == 2
    assert {p.drill["campaign_state"]: p.value for p in result.series} == {
        "approved": 1, "running": 1}


def test_campaign_pieces_published_against_planned(campaigns, client, demo):
    result = compute_all(APRIL, {"campaign_pieces_published"})["campaign_pieces_published"]
    # Vacinação: 3 planned (the withdrawn piece left out), 2 published; Matrículas: 1, 0.
    assert result.extra == {"published": 2, "planned": 4}
    assert result.value == 50.0
    client.force_login(demo["helena.gestora"])
    listing = client.get(APRIL.list_url(result.drill))
    assert listing.context["page"].paginator.count == 2
    assert all(r.state in ("published", "archived") for r in listing.context["page"])


def test_campaign_pieces_series_are_those_of_the_campaigns_one_by_one(campaigns):
    """The chart's points (read as four columns, the addresses from one ``reverse``) equal
    those built from each campaign's model row and its own ``reverse``, as before."""
    rows = list(campaign_selectors.with_piece_counts(campaigns_of(APRIL)).order_by("start", "pk"))
    expected = [(row.title, row.published_count, reverse("campaigns:detail", args=[row.pk]),
                 "Published") for row in rows if row.piece_count]
    expected += [(row.title, row.piece_count - row.published_count,
                  reverse("campaigns:detail", args=[row.pk]), "Not published yet")
                 for row in rows if row.piece_count]
    with translation.override("en"):
        result = compute_all(APRIL, {"campaign_pieces_published"})["campaign_pieces_published"]
    assert [(p.label, p.value, p.drill["url"], p.group) for p in result.series] == expected
    assert len(expected) == 4 and expected[0][2] == f"/campaigns/{campaigns[0].pk}/"


def test_without_links_the_campaign_points_are_the_same_but_have_no_address(campaigns):
    """``links=False`` (the workbook, which shows no address) changes no value, only drops the
    campaigns' addresses, so a command never loads the URLconf for them."""
    code = "campaign_pieces_published"
    with translation.override("en"):
        linked = compute_all(APRIL, {code})[code]
        bare = compute_all(APRIL, {code}, links=False)[code]
    assert (bare.value, bare.extra, bare.drill) == (linked.value, linked.extra, linked.drill)
    assert [(p.label, p.value, p.group) for p in bare.series] == [
        (p.label, p.value, p.group) for p in linked.series]
    assert len(bare.series) == 4 and all(p.drill == {"url": None} for p in bare.series)
    assert all(p.drill["url"].startswith("/campaigns/") for p in linked.series)


def test_campaign_budget_planned_vs_committed(campaigns):
    result = compute_all(APRIL, {"campaign_budget_committed"})["campaign_budget_committed"]
    assert result.value == 3900.5
    assert result.extra["planned"] == 6500.0
    assert [p.value for p in result.series] == [1500.0, 900.0, 5000.0, 3000.5]
    sms = Slice(start=APRIL.start, end=APRIL.end,
                scope=frozenset({campaigns[0].secretariat_id}))
    result = compute_all(sms, {"campaign_budget_committed"})["campaign_budget_committed"]
    assert result.value == 3800.5 and result.extra["planned"] == 6000.0



def test_campaign_pieces_chart_draws_the_largest_campaigns_and_the_others_as_one_bar(
        campaigns, monkeypatch):
    """Past ``CHART_CAMPAIGNS`` campaigns, the chart keeps the ones with the most pieces (in
    the order they started) and sums the rest into one bar; the headline counts them all."""
    from reports.indicators import campaigns as campaign_indicators

    whole = compute_all(APRIL, {"campaign_pieces_published"})["campaign_pieces_published"]
    monkeypatch.setattr(campaign_indicators, "CHART_CAMPAIGNS", 1)
    with translation.override("en"):
        result = compute_all(APRIL, {"campaign_pieces_published"})["campaign_pieces_published"]
    assert (result.value, result.extra) == (whole.value, whole.extra)
    # Vacinação (3 pieces, 2 published) is drawn; Matrículas (1 piece, none) is "1 other".
    assert [(p.label, p.value, p.group) for p in result.series] == [
        (campaigns[0].title, 2, "Published"), ("1 other campaign", 0, "Published"),
        (campaigns[0].title, 1, "Not published yet"), ("1 other campaign", 1, "Not published yet")]
    assert result.series[1].drill == _drill_of(whole)


def _drill_of(result) -> dict:
    drill = dict(result.drill)
    drill.pop("states")
    return drill


def test_campaign_bars_with_the_same_title_are_told_apart():
    """The chart joins a campaign's two points by label: two campaigns of one title get
    their start date, and their number when they also started the same day."""
    from reports.indicators.campaigns import _labels

    first, second = date(2025, 3, 1), date(2026, 3, 1)
    rows = [(1, "Vacinação", 3, 1, first), (2, "Vacinação", 2, 2, second),
            (3, "Matrículas", 1, 0, first), (4, "Dengue", 1, 0, first), (5, "Dengue", 1, 1, first)]
    with translation.override("pt-br"):
        assert _labels(rows) == ["Vacinação (01/03/2025)", "Vacinação (01/03/2026)", "Matrículas",
                                 "Dengue (01/03/2025, 4)", "Dengue (01/03/2025, 5)"]
