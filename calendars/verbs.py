"""The verbs of the calendar (events and subscription feeds) in the audit registry."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from audit.registry import Subject, Verb, register, register_subject
from audit.sentences import fill

EVENT = "calendars.event"
FEED = "calendars.feed"


def _titled(text, model):
    """A sentence naming the event's title (or the feed's name) by the event's target."""

    def describe(event) -> str:
        from django.apps import apps

        row = apps.get_model("calendars", model).objects.filter(pk=event.target_id).first()
        name = (getattr(row, "title", None) or getattr(row, "name", None)
                or event.payload.get("name") or "")
        return fill(text, event, name=name)

    return describe


def register_verbs() -> None:
    register_subject(Subject(EVENT, lambda pk: reverse("calendars:event_detail", args=[pk]),
                             open_label=_("Open the event:")))
    for code, label, text in (
            ("calendar_event_create", _("Add an event"), _("%(actor)s added “%(name)s”.")),
            ("calendar_event_update", _("Edit an event"), _("%(actor)s changed “%(name)s”.")),
            ("calendar_event_remove", _("Remove an event"),
             _("%(actor)s removed “%(name)s” from the calendar.")),
            ("calendar_event_import", _("Import events"),
             _("%(actor)s imported “%(name)s” from a calendar file.")),
            ("calendar_event_coverage", _("Request coverage"),
             _("%(actor)s requested coverage of “%(name)s”.")),
            ("calendar_demo_seed", _("Demo data"),
             _("%(actor)s added “%(name)s” with the demo data."))):
        register(Verb(code, label, _titled(text, "Event"), subject_kind=EVENT))
    for code, label, text in (
            ("calendar_feed_create", _("Create a feed"),
             _("%(actor)s created the calendar feed “%(name)s”.")),
            ("calendar_feed_update", _("Edit a feed"),
             _("%(actor)s changed the calendar feed “%(name)s”.")),
            ("calendar_feed_rotate", _("New feed link"),
             _("%(actor)s replaced the link of the calendar feed “%(name)s”.")),
            ("calendar_feed_revoke", _("Revoke a feed"),
             _("%(actor)s revoked the calendar feed “%(name)s”."))):
        register(Verb(code, label, _titled(text, "Feed"), subject_kind=FEED))
