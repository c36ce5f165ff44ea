"""What stays true until the current transaction ends: a row lock taken, the audit chain's head.

``remember(key, value)`` keeps a value for the rest of the current transaction (the default
connection's); ``recall(key)`` gives it back while it still holds, else ``MISSING``. A value
stops holding when the transaction commits or rolls back, and when the savepoint it was
remembered in is rolled back: then the row it was read from may be unlocked again, the row it
describes may be gone. Django keeps no hook for rollbacks, so each value is tied to a no-op
``on_commit`` marker, and Django drops the markers of a rolled-back savepoint and of a
finished transaction (``connection.run_on_commit``): a value holds while its marker is still
where it was put. Outside a transaction nothing is remembered.

A savepoint taken by hand (``transaction.savepoint()``, not ``atomic``) is invisible to
Django's callback bookkeeping: code that rolls one back calls ``forget_all()`` (no code of
Pauta's does; two tests do).
"""

from django.db import transaction

MISSING = object()


def _marker():
    """A fresh no-op callable: its identity is the marker; it runs at commit, doing nothing."""
    return lambda: None


class _Entry:
    __slots__ = ("index", "marker", "savepoints", "value")


def _store(connection) -> dict:
    store = getattr(connection, "_pauta_txmemo", None)
    if store is None:
        store = connection._pauta_txmemo = {}
    return store


def _holds(connection, entry: _Entry) -> bool:
    pending = connection.run_on_commit
    # Entries before a surviving marker survive with it (savepoints nest), so a marker that
    # is still there is still at its index.
    return entry.index < len(pending) and pending[entry.index][1] is entry.marker


def recall(key):
    """The value remembered for ``key`` in this transaction, or ``MISSING``."""
    connection = transaction.get_connection()
    entry = _store(connection).get(key)
    if entry is None or not connection.in_atomic_block or not _holds(connection, entry):
        return MISSING
    return entry.value


def remember(key, value) -> None:
    """Keep ``value`` for ``key`` until this transaction ends or this savepoint rolls back."""
    connection = transaction.get_connection()
    if not connection.in_atomic_block:
        return
    store = _store(connection)
    entry = store.get(key)
    savepoints = tuple(connection.savepoint_ids)
    if entry is not None and entry.savepoints == savepoints and _holds(connection, entry):
        entry.value = value  # same savepoint as its marker: rolled back together
        return
    entry = _Entry()
    marker = _marker()
    transaction.on_commit(marker)
    entry.index, entry.marker = len(connection.run_on_commit) - 1, marker
    entry.savepoints, entry.value = savepoints, value
    store[key] = entry


def forget_all() -> None:
    """Forget everything remembered on this connection (after a hand-made savepoint's
    rollback)."""
    _store(transaction.get_connection()).clear()
