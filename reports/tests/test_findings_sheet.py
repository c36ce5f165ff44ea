"""The findings sheet joins each finding to its override in the one query (it ran three
correlated subqueries a row) and gives exactly the rows the subqueries gave; the names come
from small dicts read once, and the slice's requests are joined only when it filters them."""

from dataclasses import replace

from django.db import connection
from django.db.models import OuterRef, Subquery
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from approvals.compliance.models import CheckRun, FindingOverride, FindingRecord, Severity
from plans.models import Channel
from reports.tests.factories import at
from reports.tests.test_workbook import APRIL, small  # noqa: F401 (the fixture)
from reports.xlsx import sheets


def rows_the_old_way(slice_):
    """The sheet's rows as the three correlated subqueries gave them (before issue 22)."""
    severities = {k: str(v) for k, v in Severity.choices}
    override = FindingOverride.objects.filter(request=OuterRef("request_id"),
                                              fingerprint=OuterRef("fingerprint"))
    qs = sheets.findings_of(slice_).order_by("run__created_at", "pk").annotate(
        override_by=Subquery(override.values("by__username")[:1]),
        override_at=Subquery(override.values("created_at")[:1]),
        override_reason=Subquery(override.values("reason")[:1])).values_list(
        "request_id", "request__secretariat__acronym", "rule", "severity", "channel__name",
        "run__created_at", "override_by", "override_at", "override_reason")

    def local(moment):
        return timezone.localtime(moment).replace(tzinfo=None) if moment else None

    return [(r, a, rule, severities.get(s, s), c, local(when), by, local(at_),
             reason) for r, a, rule, s, c, when, by, at_, reason in qs]


def test_findings_rows_are_the_same_in_one_query(small, demo):  # noqa: F811
    first, second = small
    portal = Channel.objects.get(code="portal")
    chefe, juridico = demo["fernanda.chefe"], demo["gustavo.juridico"]
    for when in ("2031-04-20 14:15", "2031-04-25 09:00"):  # the same findings seen twice
        for request in (first, second):
            run = CheckRun.objects.create(request=request, trigger="schedule",
                                          created_at=at(when))
            for n, channel in enumerate((portal, None, portal)):
                FindingRecord.objects.create(
                    run=run, request=request, rule=f"rule.{n}", severity="warning",
                    fingerprint=f"{request.pk}-{n}", channel=channel, message="m")
    # An override of one finding on each request (its fingerprint is per request), and one of
    # a fingerprint the other request also uses: it must not leak onto that request's rows.
    FindingOverride.objects.create(request=first, rule="rule.0", severity="warning",
                                   fingerprint=f"{first.pk}-0", reason="Aceito.", by=chefe,
                                   created_at=at("2031-04-20 15:00"))
    FindingOverride.objects.create(request=second, rule="rule.2", severity="warning",
                                   fingerprint=f"{second.pk}-2", reason="Exceção legal.",
                                   by=juridico, created_at=at("2031-04-26 11:00"))
    FindingOverride.objects.create(request=second, rule="rule.1", severity="warning",
                                   fingerprint=f"{first.pk}-1", reason="Outra.", by=chefe,
                                   created_at=at("2031-04-26 12:00"))
    expected = rows_the_old_way(APRIL)
    with CaptureQueriesContext(connection) as queries:
        rows = list(sheets.finding_rows(APRIL))
    assert rows == expected and len(rows) == 12
    assert sum(1 for row in rows if row[6]) == 4  # first's rule.0 twice, second's rule.2 twice
    assert {row[6] for row in rows} == {None, "fernanda.chefe", "gustavo.juridico"}
    assert {row[4] for row in rows} == {portal.name, None}
    # Secretariats, channels and users read once each, then the findings in one query: no
    # IN over every request, no join to a table of names.
    assert len(queries) == 4
    sql = queries.captured_queries[-1]["sql"].upper()
    assert sql.count("SELECT") == 1 and "LEFT OUTER JOIN" in sql
    for table in ("ORG_SECRETARIAT", "PLANS_CHANNEL", "ORG_USER"):
        assert table not in sql
    # A slice of one secretariat keeps the IN of its requests and only its rows.
    one = replace(APRIL, secretariat_id=second.secretariat_id)
    with CaptureQueriesContext(connection) as queries:
        rows = list(sheets.finding_rows(one))
    assert rows == rows_the_old_way(one)
    assert first.secretariat_id != second.secretariat_id
    assert len(rows) == 6 and {row[0] for row in rows} == {second.pk}
    assert len(queries) == 4 and queries.captured_queries[-1]["sql"].upper().count("SELECT") == 2
