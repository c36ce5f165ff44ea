"""Repercussion: what the kept clips say about each campaign, request, plan objective and
secretariat (clips, tone share, outlets, estimated reach), and negative-mention spikes."""

from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.db.models import Count, Q, QuerySet, Sum

from clipping.models import Clip, ClipState, Tone
from pauta import clock


@dataclass
class Row:
    key: object
    label: str
    clips: int
    positive: int
    neutral: int
    negative: int
    outlets: int
    reach: int
    url: str = ""

    def share(self, count: int) -> int:
        return round(100 * count / self.clips) if self.clips else 0

    @property
    def positive_share(self) -> int:
        return self.share(self.positive)

    @property
    def negative_share(self) -> int:
        return self.share(self.negative)

    @property
    def neutral_share(self) -> int:
        return self.share(self.neutral)


def kept(since=None, until=None) -> QuerySet:
    qs = Clip.objects.filter(state=ClipState.KEPT)
    if since:
        qs = qs.filter(published_at__gte=since)
    if until:
        qs = qs.filter(published_at__lt=until)
    return qs


def _aggregate(qs: QuerySet, key: str, label: str) -> list[tuple]:
    return list(qs.exclude(**{f"{key}__isnull": True}).order_by().values(key, label).annotate(
        clips=Count("pk", distinct=True),
        positive=Count("pk", filter=Q(tone=Tone.POSITIVE), distinct=True),
        neutral=Count("pk", filter=Q(tone=Tone.NEUTRAL), distinct=True),
        negative=Count("pk", filter=Q(tone=Tone.NEGATIVE), distinct=True),
        outlets=Count("outlet", distinct=True),
        reach=Sum("outlet__audience")).order_by("-clips"))


def by(qs: QuerySet, key: str, label: str, url=None, limit: int = 50) -> list[Row]:
    """Repercussion grouped by ``key`` (a relation path), labelled by ``label``."""
    rows = []
    for item in _aggregate(qs, key, label)[:limit]:
        rows.append(Row(item[key], str(item[label]), item["clips"], item["positive"],
                        item["neutral"], item["negative"], item["outlets"],
                        item["reach"] or 0, url(item[key]) if url else ""))
    return rows


def by_objective(qs: QuerySet) -> list[Row]:
    """A clip reaches a plan objective through its plan action, or through its request's or
    campaign's plan action (the same clip counts once per objective)."""
    rows: dict = {}
    paths = ("plan_action__objective", "request__plan_action__objective",
             "campaign__plan_action__objective")
    seen: dict = {}
    for clip_id, tone, outlet_id, reach, *objectives in qs.order_by().values_list(
            "pk", "tone", "outlet_id", "outlet__audience", *[f"{p}__pk" for p in paths]):
        for objective in {o for o in objectives if o}:
            if (clip_id, objective) in seen:
                continue
            seen[(clip_id, objective)] = True
            row = rows.setdefault(objective, {"clips": 0, Tone.POSITIVE: 0, Tone.NEUTRAL: 0,
                                              Tone.NEGATIVE: 0, "outlets": set(), "reach": 0})
            row["clips"] += 1
            row[tone] = row.get(tone, 0) + 1
            row["outlets"].add(outlet_id)
            row["reach"] += reach or 0
    from plans.models import Objective

    names = {o.pk: f"{o.code} {o.title}" for o in Objective.objects.filter(pk__in=rows)}
    return sorted((Row(pk, names.get(pk, "—"), r["clips"], r[Tone.POSITIVE], r[Tone.NEUTRAL],
                       r[Tone.NEGATIVE], len(r["outlets"]), r["reach"])
                   for pk, r in rows.items()), key=lambda row: -row.clips)


@dataclass
class Spike:
    theme: str
    recent: int
    baseline: float


def negative_spikes(today=None) -> list[Spike]:
    """Themes whose negative clips of the last 7 days reach CLIPPING_NEGATIVE_SPIKE_MIN and
    at least CLIPPING_NEGATIVE_SPIKE_FACTOR times their weekly average of the 8 weeks before."""
    now = clock.now() if today is None else today
    week_ago, base_start = now - timedelta(days=7), now - timedelta(days=63)
    negative = kept().filter(tone=Tone.NEGATIVE)
    recent = dict(negative.filter(published_at__gte=week_ago).order_by()
                  .values_list("themes__name").annotate(n=Count("pk")))
    before = dict(negative.filter(published_at__gte=base_start, published_at__lt=week_ago)
                  .order_by().values_list("themes__name").annotate(n=Count("pk")))
    spikes = []
    for theme, count in recent.items():
        baseline = before.get(theme, 0) / 8
        if theme and count >= settings.CLIPPING_NEGATIVE_SPIKE_MIN and \
                count >= settings.CLIPPING_NEGATIVE_SPIKE_FACTOR * baseline:
            spikes.append(Spike(theme, count, round(baseline, 1)))
    return sorted(spikes, key=lambda s: -s.recent)
