"""The "approvable" protocol: what the approvals engine needs from the object it approves.

The engine knows nothing of requests or campaigns. Each lifecycle registers an
``Approvable`` for its model (from its AppConfig.ready): which field of ``ApprovalStep``
points at the object, which policies apply to it, in which state its steps are decided,
the facts the policies match on, what the lifecycle does with the outcome, and where its
decision page is. Its pending steps then show in "My tasks" and on the home page through
``approvals.selectors.pending_decisions`` with no other code.
"""

from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Facts:
    """What policies match on. ``None``: the condition does not apply to this kind of object."""

    channel_ids: frozenset = frozenset()
    kind: str | None = None
    blackout: bool = False
    sensitive: bool | None = None
    paid_media: bool | None = None


@dataclass(frozen=True)
class Approvable:
    model: type
    step_field: str  # the ApprovalStep foreign key naming the object ("request", "campaign")
    policy_target: str  # PolicyTarget value of the policies that apply
    deciding_state: str  # the object's state while its steps are decided
    facts: Callable  # (obj) -> Facts
    conclude: Callable  # (obj, *, by, verb, reason, payload=None); verb: approve/…/reject
    verbs: dict = field(default_factory=dict)  # engine verb ("decide", "open_stage") -> audit code
    after_decision: Callable | None = None  # (obj, by) -> None, e.g. sync a process
    kind_choices: tuple = ()  # the kinds a policy may name (``ApprovalPolicy.kinds``)
    # What the decision page shows of the object: (obj, step, user) -> (template, context).
    # The template is included above the decision buttons (``approvals/decide.html``).
    decided: Callable | None = None
    decide_url: Callable | None = None  # (step) -> its decision page ("My tasks" links it)

    def verb(self, name: str) -> str:
        return self.verbs.get(name, name)


def concluding(move: Callable) -> Callable:
    """The usual ``conclude``: run the lifecycle's own transition named by the outcome (a
    rejection carries the reason's code). ``move(obj, *, by, verb, args, payload)`` runs one
    internal transition (the decision that triggers it was already checked)."""
    def conclude(obj, *, by, verb: str, reason=None, payload=None) -> None:
        if verb == "reject":
            move(obj, by=by, verb="reject", args=(reason.code,), payload={"reason": reason.code})
        else:
            move(obj, by=by, verb=verb, args=(), payload=payload)
    return conclude


_REGISTRY: dict[type, Approvable] = {}


def register(approvable: Approvable) -> None:
    """Make ``approvable.model`` approvable (idempotent)."""
    _REGISTRY[approvable.model] = approvable


def approvable_of(obj) -> Approvable:
    try:
        return _REGISTRY[type(obj)]
    except KeyError:
        raise LookupError(f"{type(obj).__name__} is not registered as approvable") from None


def registered() -> list[Approvable]:
    return list(_REGISTRY.values())
