"""The verbs of the team's absences in the audit registry (on the person's timeline)."""

from django.utils import formats
from django.utils.dateparse import parse_date
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from audit.registry import Verb, actor_name, register

USER_KIND = "org.user"


def _facts(payload: dict) -> dict:
    from org.models import AbsenceKind

    def day(value):
        parsed = parse_date(str(value or ""))
        return formats.date_format(parsed, "SHORT_DATE_FORMAT") if parsed else "—"

    kinds = dict(AbsenceKind.choices)
    return {"person": payload.get("person") or _("someone"),
            "kind": str(kinds.get(payload.get("kind"), kinds[AbsenceKind.OTHER])).lower(),
            "first": day(payload.get("from")), "last": day(payload.get("to"))}


def _recorded(event) -> str:
    return _("%(actor)s recorded an absence of %(person)s (%(kind)s) from %(first)s to "
             "%(last)s.") % {"actor": actor_name(event), **_facts(event.payload)}


def _changed(event) -> str:
    was = _facts(event.payload.get("was") or {})
    return _("%(actor)s changed the absence of %(person)s to %(kind)s from %(first)s to "
             "%(last)s (it was %(was_kind)s from %(was_first)s to %(was_last)s).") % {
        "actor": actor_name(event), **_facts(event.payload), "was_kind": was["kind"],
        "was_first": was["first"], "was_last": was["last"]}


def _removed(event) -> str:
    return _("%(actor)s removed the absence of %(person)s (%(kind)s) from %(first)s to "
             "%(last)s.") % {"actor": actor_name(event), **_facts(event.payload)}


def register_verbs() -> None:
    register(Verb("absence_record", gettext_lazy("Record an absence"), _recorded,
                  subject_kind=USER_KIND))
    register(Verb("absence_change", gettext_lazy("Change an absence"), _changed,
                  subject_kind=USER_KIND))
    register(Verb("absence_remove", gettext_lazy("Remove an absence"), _removed,
                  subject_kind=USER_KIND))
