"""The main menu: one list of entries, shown by the side menu and the desktop bar.

Each entry is shown to people whose permissions allow the page (asked of the user object,
never of a group name); the active entry is the one whose URL namespace matches the page.
"""

from dataclasses import dataclass

from django.urls import reverse
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Entry:
    label: str
    url_name: str
    icon: str
    namespace: str = ""
    permission: str = ""  # a model permission the person needs, "" for everyone signed in
    staff: bool = False
    # Shown in the desktop bar too (False: the side menu only, so the bar stays one line
    # for the roles that see the most; the page's own entry shows in the bar while open).
    bar: bool = True


PUBLIC_ENTRIES = [
    Entry(_("Sign in"), "login", "fa-sign-in-alt"),
    Entry(_("Accessibility statement"), "accessibility", "fa-universal-access"),
]

ENTRIES = [
    Entry(_("Home"), "home", "fa-home"),
    Entry(_("Requests"), "workflows:list", "fa-inbox", namespace="workflows"),
    Entry(_("Campaigns"), "campaigns:list", "fa-bullhorn", namespace="campaigns"),
    Entry(_("Press desk"), "press:inbox", "fa-newspaper", namespace="press",
          permission="press.view_inquiry"),
    Entry(_("Communication plan"), "plans:list", "fa-bullseye", namespace="plans",
          permission="plans.view_plan"),
    Entry(_("Clipping"), "clipping:list", "fa-newspaper", namespace="clipping",
          permission="clipping.view_clip"),
    Entry(_("Calendar"), "calendars:calendar", "fa-calendar-alt", namespace="calendars"),
    Entry(_("Ideas"), "ideas:list", "fa-lightbulb", namespace="ideas", bar=False),
    Entry(_("Surveys"), "surveys:list", "fa-poll", namespace="surveys",
          permission="surveys.view_survey", bar=False),
    Entry(_("Media bank"), "media:library", "fa-images", namespace="media",
          permission="media.view_asset", bar=False),
    Entry(_("KPIs"), "reports:dashboard", "fa-chart-bar", namespace="reports",
          permission="reports.view_kpis"),
    Entry(_("Audit trail"), "audit:trail", "fa-history", namespace="audit",
          permission="audit.view_auditevent", bar=False),
    Entry(_("Administration"), "admin:index", "fa-cog", staff=True, bar=False),
]


def menu(request):
    """Context processor: ``MENU`` = [(entry, url, active)] for this person (or the public)."""
    user = getattr(request, "user", None)
    signed_in = user is not None and user.is_authenticated
    match = getattr(request, "resolver_match", None)
    current_ns = match.namespace if match else ""
    current_name = match.url_name if match else ""
    items = []
    for entry in ENTRIES if signed_in else PUBLIC_ENTRIES:
        if entry.staff and not user.is_staff:
            continue
        if entry.permission and not user.has_perm(entry.permission):
            continue
        active = (entry.namespace and entry.namespace == current_ns) or (
            not entry.namespace and not current_ns and entry.url_name == current_name)
        items.append((entry, reverse(entry.url_name), bool(active)))
    return {"MENU": items}
