"""pauta.conditions: a transition's condition asked once per object inside a move."""

from types import SimpleNamespace

from pauta import conditions


def _counting():
    calls = []

    @conditions.condition
    def ready(obj):
        calls.append(obj.pk)
        return obj.pk is not None and obj.pk % 2 == 0

    return ready, calls


def test_outside_a_move_a_condition_asks_every_time():
    ready, calls = _counting()
    obj = SimpleNamespace(pk=2)
    assert ready(obj) and ready(obj)
    assert calls == [2, 2]


def test_inside_a_move_once_per_object_and_asked_again_after_it():
    ready, calls = _counting()
    two, three = SimpleNamespace(pk=2), SimpleNamespace(pk=3)
    token = conditions.begin()
    try:
        assert ready(two) and ready(two)
        assert not ready(three) and not ready(three)
        assert ready(SimpleNamespace(pk=2))  # the same row read again: the same answer
    finally:
        conditions.end(token)
    assert calls == [2, 3]
    assert ready(two)
    assert calls == [2, 3, 2]


def test_an_unsaved_object_is_never_remembered():
    ready, calls = _counting()
    unsaved = SimpleNamespace(pk=None)
    token = conditions.begin()
    try:
        assert not ready(unsaved) and not ready(unsaved)
    finally:
        conditions.end(token)
    assert calls == [None, None]


def test_nested_moves_keep_their_own_answers():
    ready, calls = _counting()
    obj = SimpleNamespace(pk=4)
    outer = conditions.begin()
    try:
        ready(obj)
        inner = conditions.begin()
        try:
            ready(obj)
        finally:
            conditions.end(inner)
        ready(obj)
    finally:
        conditions.end(outer)
    assert calls == [4, 4]
