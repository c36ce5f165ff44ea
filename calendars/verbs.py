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
    _register_task_verbs()
    _register_guest_verbs()


def _new_owner(event):
    from org.models import User

    owner = event.payload.get("owner")
    return list(User.objects.filter(pk=owner, is_active=True)) if owner else []


def _task_notice(event) -> str:
    from calendars.models import Event

    row = Event.objects.filter(pk=event.subject_id).first()
    return str(_("Task “%(task)s” of the event “%(name)s” is yours.")) % {
        "task": event.payload.get("title", ""), "name": row.title if row else ""}


def _register_task_verbs() -> None:
    register(Verb("calendar_checklist_apply", _("Production checklist"), lambda e: fill(
        _("%(actor)s added the tasks of the production checklist."), e), subject_kind=EVENT))
    for code, label, text, options in (
            ("calendar_task_add", _("Add a task"), _("%(actor)s added the task “%(name)s”."),
             {"recipients": _new_owner, "notice": _task_notice}),
            ("calendar_task_assign", _("Assign a task"),
             _("%(actor)s changed the owner or the date of the task “%(name)s”."),
             {"recipients": _new_owner, "notice": _task_notice}),
            ("calendar_task_done", _("Tick off a task"),
             _("%(actor)s ticked off the task “%(name)s”."), {}),
            ("calendar_task_reopen", _("Reopen a task"),
             _("%(actor)s reopened the task “%(name)s”."), {})):
        register(Verb(code, label, _task_sentence(text), subject_kind=EVENT, **options))


def _requester(event):
    from org.models import User

    requester = event.payload.get("requester")
    if not requester or requester == event.actor_id:
        return []
    return list(User.objects.filter(pk=requester, is_active=True))


def _request_notice(event) -> str:
    return str(_("A draft content request (#%(request)s) was filed in your name for the "
                 "task “%(task)s”: complete it and submit it.")) % {
        "request": event.payload.get("request", ""), "task": event.payload.get("title", "")}


def _register_guest_verbs() -> None:
    register(Verb("calendar_task_request", _("File a content request for a task"),
                  _task_sentence(_("%(actor)s filed the content request of the task "
                                   "“%(name)s”.")),
                  subject_kind=EVENT, recipients=_requester, notice=_request_notice))
    for code, label, text in (
            ("calendar_guest_add", _("Add a guest"), _("%(actor)s added a guest.")),
            ("calendar_guest_update", _("Edit a guest"), _("%(actor)s changed a guest's data.")),
            ("calendar_guest_remove", _("Remove a guest"),
             _("%(actor)s removed a guest and their personal data.")),
            ("calendar_guests_erase", _("Erase the guests"),
             _("%(actor)s erased the personal data of the event's guests.")),
            ("calendar_guests_invite", _("Invite the guests"),
             _("%(actor)s sent the invitations to the guests.")),
            ("calendar_guest_rsvp", _("Guest's answer"), _("A guest answered the invitation."))):
        register(Verb(code, label, lambda e, text=text: fill(text, e), subject_kind=EVENT))


def _task_sentence(text):
    def describe(event) -> str:
        return fill(text, event, name=event.payload.get("title", ""))
    return describe
