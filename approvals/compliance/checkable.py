"""The "checkable" protocol: what the compliance engine reads of the object it checks.

The engine knows nothing of requests. Each lifecycle whose objects are checked registers a
``Checkable`` for its model (from its AppConfig.ready), the way ``approvals.approvable`` does
for approvals: the material the rules read (texts per channel, channels, media with their
alternative text and consent flags, dates, the plan link, the secretariat, the kind), who
may see it, which field of the kept runs and overrides points at it, its action registry
(``Action.gated`` says which verbs the compliance gate stops and how strictly) and, for the
electoral view, its pieces on the channels. Registering also puts the gate on its moves.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, Protocol


class Text(Protocol):
    """One channel's text of the object (what goes out on that channel)."""

    pk: int
    channel: Any  # plans.Channel
    channel_id: int
    title: str
    body: str
    excerpt: str
    scheduled_at: datetime | None


class Medium(Protocol):
    """An attached file: image or video, its alternative text and consent flags."""

    pk: int
    original_name: str
    content_type: str
    alt_text: str
    is_image: bool
    shows_minors: bool
    consent_recorded: bool


@dataclass(frozen=True)
class Material:
    """What the rules read of one object, loaded once per run."""

    texts: list  # Text, one per channel (withdrawn texts left out)
    channels: list  # the channels asked for (a channel without a text yet included)
    media: list  # Medium
    kind: str | None = None
    desired_date: date | None = None  # when no text has a date of its own
    plan_action: Any = None  # plans.PlanAction or None
    secretariat: Any = None
    is_video: bool = False  # the object is a video piece (captions)


@dataclass(frozen=True)
class Piece:
    """One text scheduled or live on a channel, as the electoral view lists it."""

    pk: int  # the text's (what a take-down names)
    channel: Any
    subject: Any  # the checked object it belongs to
    title: str
    url: str
    secretariat: Any
    scheduled_at: datetime | None
    published_at: datetime | None


@dataclass(frozen=True)
class Checkable:
    model: type
    slug: str  # the URL segment of its findings pages: /compliance/<slug>/<pk>/
    record_field: str  # the CheckRun, FindingRecord and FindingOverride field naming it
    material: Callable  # (obj) -> Material
    can_view: Callable  # (user, obj) -> bool: whoever sees the object sees its findings
    is_open: Callable  # (obj) -> bool: findings may be overridden while it is open
    url: Callable  # (obj) -> str: its own page
    actions: Any = None  # pauta.actions.Registry of its lifecycle (gated verbs)
    kind_choices: tuple = ()  # the kinds a rule may be limited to (admin)
    # (obj, text, *, hours, priorities) -> [(key, title)]: other high-priority texts on the
    # same channel within ``hours`` (the calendar collision rule); None: never collides.
    neighbours: Callable | None = None
    # (start, end) -> [Piece]: texts scheduled inside the window, or published before its
    # end and still live (the electoral view); None: it publishes nothing.
    pieces_in: Callable | None = None
    # (pks, *, at) -> [(text, was_live)]: withdraw those texts from their channels, locked,
    # inside the caller's transaction; ``text`` is the model instance a take-down names.
    take_down: Callable | None = None

    def gate_levels(self, verb: str) -> tuple[str, ...]:
        """The severities that stop ``verb`` (empty: the gate does not run on it)."""
        from approvals.compliance.models import Severity

        action = self.actions.get(verb) if self.actions is not None else None
        strictness = getattr(action, "gated", "")
        if strictness == "warnings":
            return (Severity.BLOCKER, Severity.WARNING)
        return (Severity.BLOCKER,) if strictness else ()


_REGISTRY: dict[type, Checkable] = {}


def register(checkable: Checkable) -> None:
    """Make ``checkable.model`` checked by the compliance engine (idempotent): its findings
    pages answer under its slug and the gate runs on its moves."""
    from approvals.compliance.gate import compliance_gate
    from pauta import lifecycle

    _REGISTRY[checkable.model] = checkable
    lifecycle.register_gate(checkable.model, compliance_gate)


def checkable_of(obj) -> Checkable:
    model = obj if isinstance(obj, type) else type(obj)
    try:
        return _REGISTRY[model]
    except KeyError:
        raise LookupError(f"{model.__name__} is not registered as checkable") from None


def by_slug(slug: str) -> Checkable | None:
    return next((c for c in _REGISTRY.values() if c.slug == slug), None)


def registered() -> list[Checkable]:
    return list(_REGISTRY.values())


def kind_choices() -> list[tuple[str, str]]:
    """Every kind a rule may be limited to, over all checkable objects (admin form)."""
    seen: dict[str, str] = {}
    for checkable in registered():
        for value, label in checkable.kind_choices:
            seen.setdefault(value, label)
    return list(seen.items())
