"""The verb registry: what each audit verb means to people.

Each app registers its verbs in ``<app>/verbs.py`` (imported from its ``AppConfig.ready``)::

    register(Verb("submit", _("Submit"), said(_("%(actor)s submitted the request.")),
                  recipients=editors, webhook="request.submitted",
                  subject_kind="workflows.contentrequest"))

- ``describe(event) -> str``: the event as one whole sentence in the active language; the
  timeline (``{% describe event %}``), notifications and webhook payloads all use it.
- ``notice(event) -> str`` (optional): the sentence of a notification, which names the subject
  ("Request #12 “Dengue” was approved."); defaults to ``describe``.
- ``recipients(event) -> iterable of users`` (optional): who is told; None tells nobody.
- ``webhook``: the webhook event name it publishes, or None (``webhook_label`` names it in
  the admin).
- ``subject_kind``: the ``app_label.model`` of the subject whose timeline shows it.

Codes are what ``AuditEvent.verb`` stores. Request verbs are bare (``submit``); every other
lifecycle prefixes its own (``campaign_submit``, ``plan_approve``), so two lifecycles never
share a code and rows written before the registry describe as they always did.
Subjects register a link (``register_subject``) so a notification can point at its page.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

UNKNOWN_VERB = gettext_lazy("Other event")  # the label of a code no app registers


@dataclass(frozen=True)
class Verb:
    """One registered verb (see the module docstring)."""

    code: str
    label: object  # a lazy translated string
    describe: Callable[..., str]
    recipients: Callable[..., Iterable] | None = None
    webhook: str | None = None
    subject_kind: str = ""
    notice: Callable[..., str] | None = None
    webhook_label: object = ""  # how the webhook event is named in the admin


@dataclass(frozen=True)
class Subject:
    """A kind of timeline subject: how to link to it (``url(subject_id) -> path``) and the
    words before that link in an e-mail (``open_label``, e.g. "Open the request:")."""

    kind: str
    url: Callable[[str], str]
    open_label: object = ""
    aliases: tuple[str, ...] = ()  # labels the same model had before it moved app


_VERBS: dict[str, Verb] = {}
_SUBJECTS: dict[str, Subject] = {}


def register(verb: Verb) -> Verb:
    """Add ``verb``; two lifecycles (subject kinds) claiming one code is an error."""
    known = _VERBS.get(verb.code)
    if known is not None and known.subject_kind != verb.subject_kind:
        raise ValueError(f"audit verb {verb.code!r} is registered by two lifecycles")
    _VERBS[verb.code] = verb
    return verb


def register_subject(subject: Subject) -> Subject:
    for kind in (subject.kind, *subject.aliases):
        _SUBJECTS[kind] = subject
    return subject


def subject_kinds(kind: str) -> list[str]:
    """``kind`` and the labels its model had before (rows written then keep theirs)."""
    subject = _SUBJECTS.get(kind)
    return [subject.kind, *subject.aliases] if subject else [kind]


def subject_kinds_known() -> list[str]:
    """The kinds registered with ``register_subject`` (their current labels, no aliases)."""
    return sorted({subject.kind for subject in _SUBJECTS.values()})


def canonical_kind(kind: str) -> str:
    """The current label of a kind stored under an alias (an app the model moved from)."""
    subject = _SUBJECTS.get(kind)
    return subject.kind if subject else kind


def get(code: str) -> Verb | None:
    return _VERBS.get(code)


def verbs() -> list[Verb]:
    """Every registered verb, by code."""
    return [_VERBS[code] for code in sorted(_VERBS)]


def webhook_names() -> list[str]:
    """Every webhook event name some verb publishes, sorted."""
    return sorted({v.webhook for v in _VERBS.values() if v.webhook})


def webhook_choices() -> list[tuple[str, str]]:
    """``(name, label)`` of every webhook event, for forms (labels in the active language)."""
    labels = {v.webhook: v.webhook_label or v.label for v in _VERBS.values() if v.webhook}
    return [(name, str(labels[name])) for name in sorted(labels)]


def actor_name(event) -> str:
    """Who did it, as people read it: the person's name, or "The system"."""
    actor = event.actor
    if actor is None:
        return _("The system")
    return str(actor)


def describe(event) -> str:
    """The event as one translated sentence (active language); never a raw code."""
    verb = _VERBS.get(event.verb)
    if verb is None:
        return _("%(actor)s recorded an event.") % {"actor": actor_name(event)}
    return verb.describe(event)


def notice(event) -> str:
    """The notification sentence of the event (active language)."""
    verb = _VERBS.get(event.verb)
    if verb is not None and verb.notice is not None:
        return verb.notice(event)
    return describe(event)


def subject_url(event) -> str:
    """The path of the page of the event's subject, or "" when its kind has no page."""
    subject = _SUBJECTS.get(event.subject_type)
    return subject.url(event.subject_id) if subject and event.subject_id else ""


def subject_open_label(event) -> str:
    """The words before the subject's link in an e-mail (active language)."""
    subject = _SUBJECTS.get(event.subject_type)
    return str(subject.open_label) if subject and subject.open_label else _("Open:")


def said(text) -> Callable[..., str]:
    """A ``describe`` for sentences that only name the actor: ``text % {"actor": …}``."""

    def describe_event(event) -> str:
        return str(text) % {"actor": actor_name(event)}

    return describe_event
