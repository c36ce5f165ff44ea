"""The findings sheet joins each finding to its override in the one query (it ran three
correlated subqueries a row) and gives exactly the rows the subqueries gave."""

from django.db import connection
from django.db.models import OuterRef, Subquery
from django.test.utils import CaptureQueriesContext

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
    return [(r, a, rule, severities.get(s, s), c, sheets._local(when), by, sheets._local(at_),
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
    assert len(queries) == 1
    sql = queries.captured_queries[0]["sql"].upper()
    assert sql.count("SELECT") == 2 and "LEFT OUTER JOIN" in sql  # the slice's IN, one join
