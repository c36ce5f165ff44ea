"""Who may see and change calendar events and feeds. Views and services ask here, nowhere else."""

from django.db.models import Q, QuerySet

from calendars.models import Event, Feed, Visibility
from org.permissions import secretariat_ids_for_action

VIEW_ALL = "calendars.view_all_events"
MANAGE = "calendars.change_event"


def _active(user) -> bool:
    return bool(user and user.is_authenticated and user.is_active)


def visible_events(user) -> QuerySet:
    """Events the user may read: all for the team; else public, general and own secretariats'."""
    if not _active(user):
        return Event.objects.none()
    events = Event.objects.filter(removed=False)
    if user.has_perm(VIEW_ALL):
        return events
    return events.filter(Q(visibility=Visibility.PUBLIC) | Q(secretariat__isnull=True)
                         | Q(secretariat_id__in=secretariat_ids_for_action(user)))


def feed_event_scope(owner) -> Q | None:
    """The Q that limits a feed's events to what its owner sees (None: no limit)."""
    if owner.has_perm(VIEW_ALL):
        return None
    return (Q(visibility=Visibility.PUBLIC) | Q(secretariat__isnull=True)
            | Q(secretariat_id__in=secretariat_ids_for_action(owner)))


def can_view_calendar(user) -> bool:
    return _active(user)


def can_manage_events(user) -> bool:
    return _active(user) and user.has_perm(MANAGE)


def can_own_tasks(user) -> bool:
    """Who may own an event production task: the team that sees the whole calendar."""
    return _active(user) and user.has_perm(VIEW_ALL)


def can_tick_task(user, task) -> bool:
    """A task's owner or an event manager ticks it off (or opens it again)."""
    return _active(user) and (task.owner_id == user.pk or can_manage_events(user))


def can_manage_guests(user) -> bool:
    """Guests and authorities (personal data): the event managers keep the list."""
    return can_manage_events(user)


def can_view_guests(user) -> bool:
    """The guest list and the protocol order: event managers and the team that sees the
    whole calendar."""
    return can_manage_events(user) or (_active(user) and user.has_perm(VIEW_ALL))


def can_import(user) -> bool:
    return can_manage_events(user) and user.has_perm("calendars.add_event")


def can_create_feed(user, *, public: bool = False) -> bool:
    """Anyone signed in makes feeds of what they see; a public feed needs event managers."""
    return _active(user) and (not public or can_manage_events(user))


def can_manage_feed(user, feed: Feed) -> bool:
    return _active(user) and feed.owner_id == user.pk


def can_request_coverage(user, event: Event) -> bool:
    from org.permissions import secretariats_for_action

    return _active(user) and not event.is_cancelled and secretariats_for_action(user).exists()
