"""Action registries: the verbs of one lifecycle, read by views, the API, tests and docs.

Each lifecycle app declares its actions in ``<app>/actions.py``::

    ACTIONS = Registry("campaign")
    ACTIONS.register(Action("submit", run=..., allowed=perms.can_submit_campaign,
                            label=_("Submit"), done=_("Campaign sent for approval.")))

``run(obj, by, data)`` calls the service; ``allowed(user, obj)`` is the permission question
the page and the API ask before offering the action; ``form`` is the HTML form class and
``serializer`` the dotted path of the API's input serializer (a string: a lifecycle app
never imports the API). ``transition`` names the FSM method the action runs, if any.
``gated`` says whether the compliance gate runs on it: ``"blockers"`` (open blockers stop
it) or ``"warnings"`` (un-overridden warnings too); the gate reads it from the registry.
``node`` names the task of the lifecycle's process that waits for this action, if any.
The verb code is the one registered in the audit verb registry, which owns the sentences
notifications, webhooks and timelines show: an action only carries button and flash texts.
"""

from collections.abc import Callable, Iterator
from dataclasses import dataclass


@dataclass(frozen=True)
class Action:
    verb: str
    run: Callable  # (obj, by, data) -> object
    allowed: Callable  # (user, obj) -> bool
    label: str = ""
    done: str = ""
    form: type | None = None
    serializer: str = ""
    confirm: str = ""
    gated: str = ""  # "", "blockers" or "warnings"
    transition: str = ""
    node: str = ""  # the process task (viewflow node) that waits for this action
    post: bool = True  # False: a page of its own (edit, decide), not a button that posts
    form_kwargs: Callable | None = None  # (obj) -> extra keyword arguments of the form
    form_prefix: str = ""
    invalid: str = ""  # one sentence for an invalid form (else the form's own errors)
    # (obj, by, data) -> a sentence to warn about once the action went through, or ""
    # (the request's assign actions: the editor is over capacity that week).
    warn: Callable | None = None


class Registry:
    """The actions of one lifecycle, by verb, in declaration order (a mapping: iterating
    gives the verbs, ``registry[verb]`` the action, ``actions()`` every action)."""

    def __init__(self, lifecycle: str):
        self.lifecycle = lifecycle
        self._actions: dict[str, Action] = {}

    def register(self, action: Action) -> Action:
        if action.verb in self._actions:
            raise ValueError(f"{self.lifecycle}: action {action.verb!r} registered twice")
        self._actions[action.verb] = action
        return action

    def __getitem__(self, verb: str) -> Action:
        return self._actions[verb]

    def __contains__(self, verb: str) -> bool:
        return verb in self._actions

    def __iter__(self) -> Iterator[str]:
        return iter(self._actions)

    def actions(self) -> list[Action]:
        return list(self._actions.values())

    def get(self, verb: str) -> Action | None:
        return self._actions.get(verb)

    def checks(self) -> dict[str, Callable]:
        """verb → permission question (what the pages use as ``can``)."""
        return {action.verb: action.allowed for action in self.actions()}

    def available(self, user, obj) -> list[str]:
        """The verbs ``user`` may run on ``obj`` now."""
        return [action.verb for action in self.actions() if action.allowed(user, obj)]

    def can(self, user, obj) -> dict[str, bool]:
        return {action.verb: bool(action.allowed(user, obj)) for action in self.actions()}


def nodes_by_state(registry: Registry, model: type, field: str = "state") -> dict[str, set]:
    """What each state of ``model`` waits for: the process nodes (``Action.node``) of the
    actions whose FSM transition may leave that state. Read by a lifecycle's process so a
    new action with a node needs no other table."""
    sources: dict[str, set] = {}
    for transition in model._meta.get_field(field).get_all_transitions(model):
        sources.setdefault(transition.name, set()).add(transition.source)
    waiting: dict[str, set] = {}
    for action in registry.actions():
        if action.node and action.transition:
            for state in sources.get(action.transition, ()):
                waiting.setdefault(state, set()).add(action.node)
    return waiting
