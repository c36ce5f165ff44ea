"""Reads of the ideas pages: the list with counts per state, an idea's page."""

from django.db.models import Count, Exists, OuterRef, QuerySet

from ideas.models import Idea, IdeaState, Support

SORTS = {"recent": ("-created_at", "-pk"), "supported": ("-support_count", "-created_at", "-pk")}


def idea_list(user, *, state: str = "", sort: str = "recent", mine: bool = False) -> QuerySet:
    qs = Idea.objects.select_related("secretariat", "author").annotate(
        supported=Exists(Support.objects.filter(idea=OuterRef("pk"), user=user)))
    if state:
        qs = qs.filter(state=state)
    if mine:
        qs = qs.filter(author=user)
    return qs.order_by(*SORTS.get(sort, SORTS["recent"]))


def state_counts() -> dict[str, int]:
    """Ideas per state (one query), with ``""`` for all of them."""
    counts = dict(Idea.objects.order_by().values_list("state").annotate(n=Count("pk")))
    counts = {state: counts.get(state, 0) for state in IdeaState.values}
    counts[""] = sum(counts.values())
    return counts


def idea_page(pk: int) -> Idea:
    return (Idea.objects.select_related("secretariat", "author", "request", "campaign",
                                   "plan_action")
            .prefetch_related("comments__author", "attachments").get(pk=pk))
