"""A transition's conditions, evaluated once per move.

``pauta.lifecycle.move`` asks ``can_proceed`` whether the conditions hold (to refuse with the
lifecycle's own sentence) and then calls the transition, which django-fsm checks again; each
condition reads the database (``EXISTS`` on the publications). A condition wrapped in
``@condition`` keeps its answer per object between ``begin()`` and ``end()``: the move brackets
the check and the call, which run under the object's row lock with nothing in between that
writes what a condition reads (the gates write their own runs and findings). Outside
them a condition asks the database every time.
"""

import contextvars
from collections.abc import Callable
from functools import wraps

_answers: contextvars.ContextVar[dict | None] = contextvars.ContextVar("conditions",
                                                                       default=None)


def condition(func: Callable) -> Callable:
    """A django-fsm condition whose answer holds from ``begin()`` to ``end()``."""
    @wraps(func)
    def check(obj) -> bool:
        answers = _answers.get()
        if answers is None or obj.pk is None:
            return func(obj)
        key = (func, type(obj), obj.pk)
        if key not in answers:
            answers[key] = func(obj)
        return answers[key]
    return check


def begin() -> contextvars.Token:
    """From now on each ``@condition`` is evaluated at most once per object, until ``end``."""
    return _answers.set({})


def end(token: contextvars.Token) -> None:
    """Conditions ask the database again (what ``begin`` returned)."""
    _answers.reset(token)
