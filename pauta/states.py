"""One colour (tone) and icon per lifecycle state, for the state tag of every page.

States share their names across lifecycles (requests, campaigns, plans, approval steps), so
one table serves them all; a state not listed reads as neutral.
"""

NEUTRAL, WAITING, PROGRESS, DONE, STOPPED = "neutral", "waiting", "progress", "done", "stopped"

STATES = {
    "draft": (NEUTRAL, "fa-pen"),
    "submitted": (WAITING, "fa-inbox"),
    "needs_info": (WAITING, "fa-question-circle"),
    "in_approval": (WAITING, "fa-hourglass-half"),
    "in_review": (WAITING, "fa-hourglass-half"),
    "open": (PROGRESS, "fa-door-open"),  # surveys accepting answers
    "pending": (WAITING, "fa-hourglass-half"),
    "waiting": (NEUTRAL, "fa-clock"),
    "in_production": (PROGRESS, "fa-cogs"),
    "scheduled": (PROGRESS, "fa-calendar-check"),
    "running": (PROGRESS, "fa-play"),
    "approved": (DONE, "fa-check"),
    "published": (DONE, "fa-globe"),
    "closed": (DONE, "fa-flag-checkered"),
    "archived": (NEUTRAL, "fa-archive"),
    "skipped": (NEUTRAL, "fa-forward"),
    "rejected": (STOPPED, "fa-times"),
    "withdrawn": (STOPPED, "fa-undo"),
    "cancelled": (STOPPED, "fa-ban"),
    "changes_requested": (WAITING, "fa-undo"),
    # staff ideas
    "new": (WAITING, "fa-lightbulb"),
    "under_study": (PROGRESS, "fa-search"),
    "accepted": (DONE, "fa-check"),
    "done": (DONE, "fa-flag-checkered"),
    "declined": (STOPPED, "fa-times"),
    "triage": (WAITING, "fa-inbox"),  # clips
    "kept": (DONE, "fa-check"),
    "discarded": (NEUTRAL, "fa-trash"),
    # press inquiries
    "received": (WAITING, "fa-inbox"),
    "with_secretariat": (WAITING, "fa-share"),
    "drafted": (PROGRESS, "fa-pen"),
    "sent": (DONE, "fa-paper-plane"),
    "no_position": (NEUTRAL, "fa-comment-slash"),
}


def tone_of(state: str) -> tuple[str, str]:
    """The tone and the Font Awesome icon of a state value."""
    return STATES.get(str(state), (NEUTRAL, "fa-circle"))
