"""Reads on campaigns: the list, one campaign's page data, budget, spend limits, inbox steps."""

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.db.models import Count, DecimalField, Q, QuerySet, Sum, Value
from django.db.models.functions import Coalesce
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from audit.selectors import events_for
from campaigns import permissions as perms
from campaigns.models import Campaign, PublicitySpendLimit, SpendEntry, SpendKind

ZERO = Decimal("0.00")
PUBLISHED = ("published", "archived")
DROPPED = ("withdrawn", "rejected")
# Campaigns whose uncommitted paid-media estimate still counts towards a limit.
PLANNING_STATES = ("draft", "submitted", "in_approval", "approved", "running")


def _money(field_name, **filters):
    return Coalesce(Sum(field_name, filter=Q(**filters) if filters else None),
                    Value(ZERO), output_field=DecimalField(max_digits=14, decimal_places=2))


def campaign_list(user, state: str = "") -> QuerySet:
    """Campaigns the user may see, newest first (unevaluated: the page slices it, then
    ``with_totals`` counts the pieces and spend of the page's rows only)."""
    rows = perms.visible_campaigns(user)
    if state:
        rows = rows.filter(state=state)
    return rows.select_related("secretariat").order_by("-start", "-pk")


def with_totals(rows) -> list:
    """``rows`` (a page of campaigns) with ``piece_count``, ``published_count`` and
    ``committed`` set, in two queries whatever the number of campaigns there are."""
    rows = list(rows)
    pks = [row.pk for row in rows]
    counts = {row["pk"]: row for row in with_piece_counts(Campaign.objects.filter(pk__in=pks))
              .order_by().values("pk", "piece_count", "published_count")}
    committed = committed_by_campaign(Campaign.objects.filter(pk__in=pks))
    for row in rows:
        row.piece_count = counts.get(row.pk, {}).get("piece_count", 0)
        row.published_count = counts.get(row.pk, {}).get("published_count", 0)
        row.committed = committed.get(row.pk, ZERO)
    return rows


def with_piece_counts(rows: QuerySet) -> QuerySet:
    """The campaigns of ``rows`` annotated with ``piece_count`` (planned: withdrawn and
    rejected pieces left out) and ``published_count`` (published or archived)."""
    return Campaign.objects.filter(pk__in=rows.values("pk")).annotate(
        piece_count=Count("pieces", filter=~Q(pieces__state__in=DROPPED), distinct=True),
        published_count=Count("pieces", filter=Q(pieces__state__in=PUBLISHED), distinct=True))


def committed_by_campaign(rows: QuerySet) -> dict[int, Decimal]:
    """Committed spend (every entry, own staff and paid media) per campaign of ``rows``."""
    return {row["pk"]: row["total"] for row in Campaign.objects.filter(
        pk__in=rows.values("pk")).values("pk").annotate(total=_money("spend__amount"))}


def spend_totals(rows: QuerySet) -> dict[str, Decimal]:
    """Planned and committed money of the campaigns of ``rows``, own staff vs paid media."""
    campaigns = Campaign.objects.filter(pk__in=rows.values("pk"))
    planned = campaigns.aggregate(own=_money("budget_own_staff"),
                                  paid=_money("budget_paid_media"))
    committed = SpendEntry.objects.filter(campaign__in=campaigns.values("pk")).aggregate(
        own=_money("amount", kind=SpendKind.OWN_STAFF),
        paid=_money("amount", kind=SpendKind.PAID_MEDIA))
    return {"planned_own": planned["own"], "planned_paid": planned["paid"],
            "committed_own": committed["own"], "committed_paid": committed["paid"]}


def campaign_page(pk: int) -> Campaign:
    from django.db.models import Prefetch

    from approvals.models import ApprovalStep

    return (Campaign.objects.select_related("secretariat", "requester", "plan_action")
            .prefetch_related("channels", "audiences",
                              Prefetch("approval_steps", queryset=ApprovalStep.objects
                                       .select_related("group")
                                       .prefetch_related("decisions__decided_by")))
            .get(pk=pk))


def pieces_timeline(campaign: Campaign) -> list:
    """The pieces in date order (undated last), with their channels."""
    pieces = list(campaign.pieces.select_related("assignee").prefetch_related("channels"))
    return sorted(pieces, key=lambda p: (p.desired_date is None, p.desired_date or date.max,
                                         p.pk))


@dataclass
class Progress:
    planned: int
    published: int

    @property
    def percent(self) -> int:
        return round(100 * self.published / self.planned) if self.planned else 0


def progress(pieces: list) -> Progress:
    """Published pieces out of the planned ones (withdrawn and rejected ones don't count)."""
    planned = [p for p in pieces if p.state not in DROPPED]
    return Progress(planned=len(planned),
                    published=sum(1 for p in planned if p.state in PUBLISHED))


@dataclass
class Budget:
    planned_own: Decimal
    planned_paid: Decimal
    committed_own: Decimal = ZERO
    committed_paid: Decimal = ZERO
    by_year: dict = field(default_factory=dict)

    @property
    def planned_total(self) -> Decimal:
        return self.planned_own + self.planned_paid

    @property
    def committed_total(self) -> Decimal:
        return self.committed_own + self.committed_paid

    @property
    def remaining(self) -> Decimal:
        return self.planned_total - self.committed_total

    @property
    def over(self) -> bool:
        return self.committed_total > self.planned_total


def budget(campaign: Campaign) -> Budget:
    """Planned (own staff vs paid media) against committed spend, also per year."""
    result = Budget(planned_own=campaign.budget_own_staff,
                    planned_paid=campaign.budget_paid_media)
    for entry in campaign.spend.all():
        if entry.kind == SpendKind.OWN_STAFF:
            result.committed_own += entry.amount
        else:
            result.committed_paid += entry.amount
        year = entry.committed_on.year
        result.by_year[year] = result.by_year.get(year, ZERO) + entry.amount
    return result


def _paid_committed(lo: date, hi: date, **filters) -> Decimal:
    return SpendEntry.objects.filter(kind=SpendKind.PAID_MEDIA, committed_on__range=(lo, hi),
                                     **filters).aggregate(total=_money("amount"))["total"]


def spend_limit_warnings(campaign: Campaign) -> list[str]:
    """Warnings when this campaign would take institutional publicity spending over a limit.

    Counted: every campaign's committed paid-media spend inside the limit's window (first
    half of the election year by default), plus this campaign's uncommitted paid-media
    estimate in full when its period touches the window.
    """
    warnings = []
    for limit in PublicitySpendLimit.objects.filter(active=True).order_by("year"):
        lo, hi = limit.window
        touches = campaign.start <= hi and campaign.end >= lo
        mine = _paid_committed(lo, hi, campaign=campaign)
        if not touches and not mine:
            continue
        uncommitted = ZERO
        if touches and campaign.state in PLANNING_STATES:
            all_mine = campaign.spend.filter(kind=SpendKind.PAID_MEDIA).aggregate(
                total=_money("amount"))["total"]
            uncommitted = max(campaign.budget_paid_media - all_mine, ZERO)
        projected = _paid_committed(lo, hi) + uncommitted
        if projected > limit.limit:
            warnings.append(_(
                "With this campaign, institutional publicity spending between %(start)s and "
                "%(end)s would reach R$ %(total)s, above the limit of R$ %(limit)s for the "
                "election year %(year)s (%(basis)s).") % {
                    "start": lo.strftime("%d/%m/%Y"), "end": hi.strftime("%d/%m/%Y"),
                    "total": number_format(projected, 2, force_grouping=True),
                    "limit": number_format(limit.limit, 2, force_grouping=True),
                    "year": limit.year, "basis": limit.legal_basis.splitlines()[0]
                    if limit.legal_basis else ""})
    return warnings


@dataclass
class YearSpend:
    year: int
    rows: list
    total_planned: Decimal
    total_committed: Decimal
    limit: PublicitySpendLimit | None
    window_committed: Decimal

    @property
    def over_limit(self) -> bool:
        return self.limit is not None and self.window_committed > self.limit.limit


def year_spend(user, year: int) -> YearSpend:
    """Per campaign of the year: planned and committed spend; the electoral window's total."""
    rows = list(perms.visible_campaigns(user)
                .filter(Q(start__year__lte=year, end__year__gte=year))
                .select_related("secretariat")
                .annotate(committed_own=_money("spend__amount", spend__kind="own_staff",
                                               spend__committed_on__year=year),
                          committed_paid=_money("spend__amount", spend__kind="paid_media",
                                                spend__committed_on__year=year))
                .order_by("start", "pk"))
    limit = PublicitySpendLimit.objects.filter(year=year, active=True).first()
    window = _paid_committed(*limit.window) if limit else ZERO
    return YearSpend(
        year=year, rows=rows, limit=limit, window_committed=window,
        total_planned=sum((r.budget_total for r in rows), ZERO),
        total_committed=sum((r.committed_own + r.committed_paid for r in rows), ZERO))


def campaign_events(campaign: Campaign) -> QuerySet:
    """The campaign's own audit events, oldest first."""
    return events_for(campaign)


def compliance_findings(pieces: list) -> list:
    """``(piece, run, findings)`` for the live pieces whose last kept check run found
    something: read from the stored runs (a fixed number of queries for any number of pieces),
    not by running the rules again for every piece."""
    from approvals.compliance.selectors import kept_findings

    live = [piece for piece in pieces if piece.state not in DROPPED]
    kept = kept_findings(live)
    return [(piece, *kept[piece.pk]) for piece in live if kept.get(piece.pk, (None, []))[1]]
