"""Reads of the press desk: the inbox by deadline, "My tasks" sections, contacts."""

import unicodedata

from django.db.models import Q, QuerySet

from org.permissions import secretariat_ids_for_action
from pauta import clock
from press import permissions as perms
from press.models import OPEN_STATES, Inquiry, InquiryState, Journalist, Outlet

TABS = ("open", "overdue", "done", "all")


def inbox(user, tab: str = "open") -> QuerySet:
    """The inquiries of a tab, the nearest deadline first (the most overdue on top)."""
    rows = perms.visible_inquiries(user).select_related("journalist", "outlet", "secretariat")
    if tab == "open":
        rows = rows.filter(state__in=OPEN_STATES)
    elif tab == "overdue":
        rows = rows.filter(state__in=OPEN_STATES, deadline__lt=clock.now())
    elif tab == "done":
        rows = rows.exclude(state__in=OPEN_STATES)
    return rows.order_by("deadline", "pk") if tab != "done" else rows.order_by("-deadline", "-pk")


def tab_counts(user) -> dict:
    visible = perms.visible_inquiries(user)
    now = clock.now()
    return {"open": visible.filter(state__in=OPEN_STATES).count(),
            "overdue": visible.filter(state__in=OPEN_STATES, deadline__lt=now).count(),
            "done": visible.exclude(state__in=OPEN_STATES).count(),
            "all": visible.count()}


def waiting_for_secretariat(user) -> list[Inquiry]:
    """Inquiries with one of the person's secretariats, still without its information."""
    if not (user and user.is_authenticated):
        return []
    return list(Inquiry.objects.filter(
        state=InquiryState.WITH_SECRETARIAT, facts="",
        secretariat_id__in=secretariat_ids_for_action(user))
        .select_related("secretariat").order_by("deadline", "pk")[:20])


def inbox_section(user) -> dict | None:
    """The press part of "My tasks": questions for the person's secretariats, nearest
    deadline first. Answers waiting for the person's decision are in the one list of
    decisions above it (``approvals.selectors.pending_decisions``)."""
    questions = waiting_for_secretariat(user)
    if not questions:
        return None
    return {"questions": questions, "count": len(questions)}


def contacts(*, q: str = "", outlet_type: str = "") -> QuerySet:
    rows = Journalist.objects.select_related("outlet").filter(forgotten_at__isnull=True)
    if q:
        rows = rows.filter(Q(name__icontains=q) | Q(email__icontains=q)
                           | Q(beats__icontains=q) | Q(outlet__name__icontains=q))
    if outlet_type:
        rows = rows.filter(outlet__type=outlet_type)
    return rows.order_by("name", "pk")


def fold_city(text) -> str:
    """A city as compared: no case, no accents, single spaces ("São  Paulo" = "sao paulo")."""
    text = unicodedata.normalize("NFKD", str(text or "")).encode("ascii", "ignore").decode()
    return " ".join(text.casefold().replace("-", " ").split())


def outlet_cities() -> list[str]:
    """The cities the outlets have, one spelling per city (the first in order), by name."""
    found = {}
    for city in Outlet.objects.exclude(city="").order_by("city").values_list("city", flat=True):
        found.setdefault(fold_city(city), city.strip())
    return sorted(found.values(), key=fold_city)


def distribution_recipients(*, beats=(), outlet_types=(), reaches=(), cities=()) -> QuerySet:
    """Contacts a distribution may reach: never forgotten, opted-out or address-less ones, nor
    those of an inactive outlet (freelancers, with no outlet, are reached).
    ``cities`` match the outlet's city without case or accents."""
    rows = Journalist.objects.filter(forgotten_at__isnull=True, opted_out_at__isnull=True
                                     ).exclude(email="").exclude(outlet__active=False)
    wanted = {fold_city(c) for c in cities} - {""}
    if wanted:
        rows = rows.filter(outlet_id__in=[
            pk for pk, city in Outlet.objects.exclude(city="").values_list("pk", "city")
            if fold_city(city) in wanted])
    if outlet_types:
        rows = rows.filter(outlet__type__in=outlet_types)
    if reaches:
        rows = rows.filter(outlet__reach__in=reaches)
    if beats:
        match = Q()
        for beat in beats:
            match |= Q(beats__icontains=beat)
        rows = rows.filter(match)
    return rows


def inquiry_events(inquiry):
    from audit.models import AuditEvent

    return AuditEvent.objects.filter(subject_type="press.inquiry",
                                     subject_id=str(inquiry.pk)).select_related("actor")


def answers_on_record() -> QuerySet:
    """Answers the desk published "on record" (the public list): sent or closed inquiries
    flagged ``on_record``, the most recent answer first. Readers show the outlet only, never
    the journalist."""
    return (Inquiry.objects.filter(on_record=True, state__in=(InquiryState.SENT,
                                                              InquiryState.CLOSED))
            .exclude(answer="").select_related("outlet", "secretariat")
            .order_by("-sent_at", "-pk"))
