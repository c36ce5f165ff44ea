"""The one transition helper of every lifecycle (requests, campaigns, plans, what comes next).

``move`` runs a django-fsm transition always in the same order::

    lock → permission → state → conditions → gates → move → audit → effects (after commit)

and every refusal is one type, ``Refused``, carrying one whole translated sentence:
``NotAllowed`` (also a ``PermissionDenied``: views and the API answer 403) for the
permission, reported before anything about the object's state, and ``TransitionRefused``
(also a ``ValidationError``: forms and the API show it) for the state, the conditions, the
input and the gates. Nothing is written before the last check has passed.
"""

import contextvars
from collections.abc import Callable, Hashable, Iterable
from functools import partial, wraps

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django_fsm import can_proceed

from audit.services import record
from pauta import clock
from pauta import conditions as fsm_conditions


class Refused(Exception):
    """Any refusal of a lifecycle service (``messages``: the translated sentences)."""


class TransitionRefused(Refused, ValidationError):
    """Not possible: the state, a condition, the input or a gate says no."""


class NotAllowed(Refused, PermissionDenied):
    """The person may not do this (reported before anything about the object)."""

    def __init__(self, message):
        super().__init__(message)
        self.messages = [str(message)]


# Gates run after the conditions and before the move, per model (the request lifecycle
# registers the compliance gate). A gate is ``gate(obj=, verb=, by=, context=)`` and raises.
GATES: dict[type, list[Callable]] = {}


def register_gate(model: type, gate: Callable) -> None:
    """Run ``gate`` on every move of ``model`` (idempotent)."""
    gates = GATES.setdefault(model, [])
    if gate not in gates:
        gates.append(gate)


def run_gates(obj, *, verb: str, by, context=None) -> None:
    """Run the gates of ``obj``'s model for ``verb`` (also used when a date moves)."""
    for gate in GATES.get(type(obj), ()):
        gate(obj=obj, verb=verb, by=by, context=context or {})


_at_end: contextvars.ContextVar[dict | None] = contextvars.ContextVar("at_end", default=None)


def service(func):
    """Decorate a service: atomic, and the outermost one runs the ``at_end`` work once.

    Nested services (a campaign submitting its pieces, a decision moving its request)
    share the outer transaction; what they defer with ``at_end`` runs once per key,
    just before the outermost service's transaction commits.
    """
    @wraps(func)
    def wrapper(*args, **kwargs):
        if _at_end.get() is not None:
            with transaction.atomic():
                return func(*args, **kwargs)
        pending: dict = {}
        token = _at_end.set(pending)
        try:
            with transaction.atomic():
                result = func(*args, **kwargs)
                while pending:
                    pending.pop(next(iter(pending)))()
        finally:
            _at_end.reset(token)
        return result
    return wrapper


def at_end(key: Hashable, work: Callable[[], None]) -> None:
    """Run ``work`` once at the end of the outermost service (now, outside any service);
    a later call with the same key replaces the earlier one."""
    pending = _at_end.get()
    if pending is None:
        work()
    else:
        pending[key] = work


def ensure(allowed: bool) -> None:
    """Refuse with the one "not allowed" sentence unless ``allowed``."""
    if not allowed:
        raise NotAllowed(_("You are not allowed to do this."))


def lock(obj, *related: str):
    """Re-read ``obj`` with its row locked until the end of the transaction."""
    queryset = type(obj).objects.select_for_update()
    if related:
        queryset = queryset.select_related(*related)
    return queryset.get(pk=obj.pk)


def required(text: str, message) -> Callable:
    """A ``validate`` for ``move``: refuse with ``message`` when ``text`` is blank."""
    def validate(obj):
        if not (text or "").strip():
            raise TransitionRefused(str(message))
    return validate


def state_refusal(obj, message=None) -> TransitionRefused:
    """"Not possible while it is …": ``message`` is the lifecycle's own whole sentence with a
    ``%(state)s`` placeholder (Portuguese agrees it with the noun, so no generic noun)."""
    message = message or _("This action is not possible in the current state “%(state)s”.")
    return TransitionRefused(str(message) % {"state": obj.get_state_display()})


def _run_effects(effects: Iterable[Callable], obj) -> None:
    if not clock.is_news():
        return  # generated history or the demo's seeding: no side effects
    for effect in effects:
        transaction.on_commit(partial(effect, obj))


def move(obj, **kwargs):
    """Run one transition the one way (``_move``); return the moved object.

    Called outside any service it is a service of its own. Inside one it opens no savepoint:
    every refusal is raised before anything is written (the compliance gate keeps its run
    only once it lets the move through), so a caller that catches a refusal and goes on
    finds nothing to undo; what fails once the writing has begun dooms the whole
    transaction instead of a savepoint of its own (``atomic(savepoint=False)``)."""
    if _at_end.get() is None:
        return service(_move)(obj, **kwargs)
    return _move(obj, **kwargs)


def _move(obj, *, by, verb: str, allowed: Callable, method: str = "", args=(),
          payload=None, audit_verb: str = "", conditions: dict | None = None,
          state_message=None, validate: Callable | None = None, actor: Callable | None = None,
          related: tuple[str, ...] = ("secretariat",), context=None,
          effects: Iterable[Callable] = (), after: Iterable[Callable] = ()):
    """Run the transition ``method`` (default ``verb``) of ``obj`` the one way; return it.

    ``allowed(by, obj)`` is the permission question (``<app>.permissions``); ``conditions``
    maps a verb to the sentence shown when the transition's conditions are not met
    (``state_message``: the sentence for a state that does not admit the verb);
    ``validate(obj)`` checks the action's input (a written reason…) at the conditions step;
    ``actor(by, obj)`` says whether ``by`` holds the role at all, when ``allowed`` also
    depends on the state (a role holder in the wrong state is told about the state);
    ``audit_verb`` is the registered verb code written to the trail (default ``verb``);
    ``after(obj, event)`` hooks run inside the transaction once the event is written;
    ``effects`` are called with the moved object after commit.
    """
    obj = lock(obj, *[name for name in related if hasattr(type(obj), name)])
    transition = getattr(obj, method or verb)
    admits = can_proceed(transition, check_conditions=False)
    # Who may never do this hears nothing about the object; who holds the role (``actor``)
    # but finds it in the wrong state is told about the state.
    if not allowed(by, obj) and (admits or actor is None or not actor(by, obj)):
        ensure(False)
    if not admits:
        raise state_refusal(obj, state_message)
    # The conditions asked here and again by django-fsm at the call are evaluated once
    # (``pauta.conditions``): under the row lock, and the gates in between write their own
    # rows, nothing a condition reads. Forgotten at the call, before any hook runs.
    answers = fsm_conditions.begin()
    try:
        if not can_proceed(transition):
            raise TransitionRefused((conditions or {}).get(verb) or _("A condition is not met."))
        if validate is not None:
            validate(obj)  # the action's own input and conditions; raises TransitionRefused
        try:
            run_gates(obj, verb=verb, by=by, context=context)
        except Refused:
            raise  # before the gate wrote anything
        except Exception:
            transaction.set_rollback(True)  # a gate's own writing failed: no savepoint to undo
            raise
        from_state = obj.state
        with transaction.atomic(savepoint=False):
            try:
                transition(*args)
            finally:
                fsm_conditions.end(answers)
                answers = None
            obj.save()
            event = record(by=by, verb=audit_verb or verb, target=obj, from_state=from_state,
                           to_state=obj.state, payload=payload)
            for hook in after:
                hook(obj, event)
            _run_effects(effects, obj)
    finally:
        if answers is not None:
            fsm_conditions.end(answers)
    return obj
