"""The slice of data a KPI is computed over: a period plus optional secretariat, channel and
kind, inside the secretariats the viewer may see. Also builds the request-list links."""

from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta
from urllib.parse import urlencode

from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone

from publishing.selectors import without_evidence
from workflows.models import ContentRequest


@dataclass(frozen=True)
class Slice:
    start: date
    end: date
    secretariat_id: int | None = None
    channel_id: int | None = None
    kind: str = ""
    # Permission scope (reports.permissions.data_scope): None = every secretariat.
    scope: frozenset[int] | None = None
    # The KPI target a row of the plan's targets is computed for (indicators ``per_target``).
    target_id: int | None = None

    # -- time --------------------------------------------------------------------------
    def bounds(self) -> tuple[datetime, datetime]:
        """Aware datetimes [first instant of start, first instant after end) in local time."""
        tz = timezone.get_current_timezone()
        return (timezone.make_aware(datetime.combine(self.start, time.min), tz),
                timezone.make_aware(datetime.combine(self.end + timedelta(days=1), time.min),
                                    tz))

    def with_period(self, start: date, end: date) -> "Slice":
        return replace(self, start=start, end=end)

    # -- data --------------------------------------------------------------------------
    def requests(self) -> QuerySet:
        """Requests of the slice's secretariat/channel/kind inside the scope (any date)."""
        qs = ContentRequest.objects.all()
        if self.scope is not None:
            qs = qs.filter(secretariat_id__in=self.scope)
        if self.secretariat_id:
            qs = qs.filter(secretariat_id=self.secretariat_id)
        if self.kind:
            qs = qs.filter(kind=self.kind)
        if self.channel_id:
            # One channel of an M2M: each request matches at most once, no duplicates.
            qs = qs.filter(channels=self.channel_id)
        return qs

    @property
    def filters_requests(self) -> bool:
        """False when the slice keeps every request (no scope, secretariat, kind, channel)."""
        return bool(self.scope is not None or self.secretariat_id or self.kind
                    or self.channel_id)

    def submitted(self) -> QuerySet:
        low, high = self.bounds()
        return self.requests().filter(submitted_at__gte=low, submitted_at__lt=high)

    def published(self) -> QuerySet:
        """Published in the period, with evidence (an address or an offline reason)."""
        low, high = self.bounds()
        return without_evidence(
            self.requests().filter(published_at__gte=low, published_at__lt=high))

    # -- links -------------------------------------------------------------------------
    def base_params(self) -> dict:
        params = {"view": "all"}
        if self.secretariat_id:
            params["secretariat"] = self.secretariat_id
        if self.channel_id:
            params["channel"] = self.channel_id
        if self.kind:
            params["kind"] = self.kind
        return params

    def period_params(self, field: str, start: date | None = None,
                      end: date | None = None) -> dict:
        """Request-list filters for ``field`` (submitted or published) within the period."""
        return {f"{field}_after": (start or self.start).isoformat(),
                f"{field}_before": (end or self.end).isoformat()}

    def list_url(self, params: dict | None) -> str | None:
        """The request list showing the requests behind a figure (None: no list)."""
        return self.linker()(params)

    def linker(self):
        """``list_url`` for many figures: the list's address and the slice's filters worked
        out once (a dashboard links hundreds of chart points)."""
        head, base = reverse("workflows:list") + "?", self.base_params()

        def link(params: dict | None) -> str | None:
            if params is None:
                return None
            if "url" in params:
                return params["url"]
            return head + urlencode({**base, **params})

        return link

    def as_params(self) -> dict:
        """JSON-safe form, stored with background exports and used in links."""
        return {"start": self.start.isoformat(), "end": self.end.isoformat(),
                "secretariat": self.secretariat_id or "", "channel": self.channel_id or "",
                "kind": self.kind}

    @classmethod
    def from_params(cls, params: dict, scope) -> "Slice":
        return cls(start=date.fromisoformat(params["start"]),
                   end=date.fromisoformat(params["end"]),
                   secretariat_id=int(params["secretariat"]) if params.get("secretariat")
                   else None,
                   channel_id=int(params["channel"]) if params.get("channel") else None,
                   kind=params.get("kind") or "",
                   scope=None if scope is None else frozenset(scope))
