"""pauta.txmemo: a value holds until its transaction ends or its savepoint rolls back."""

import pytest
from django.db import transaction

from pauta import txmemo


@pytest.mark.django_db(transaction=True)
def test_nothing_is_remembered_outside_a_transaction():
    txmemo.remember("k", 1)
    assert txmemo.recall("k") is txmemo.MISSING


@pytest.mark.django_db(transaction=True)
def test_a_value_holds_until_its_transaction_ends():
    with transaction.atomic():
        txmemo.remember("k", 1)
        with transaction.atomic():  # a released savepoint keeps it
            assert txmemo.recall("k") == 1
            txmemo.remember("k", 2)
        assert txmemo.recall("k") == 2
    with transaction.atomic():
        assert txmemo.recall("k") is txmemo.MISSING  # a new transaction


@pytest.mark.django_db(transaction=True)
def test_a_rolled_back_savepoint_forgets_what_it_remembered():
    with transaction.atomic():
        txmemo.remember("k", 1)
        try:
            with transaction.atomic():
                txmemo.remember("k", 2)
                txmemo.remember("other", 3)
                raise RuntimeError
        except RuntimeError:
            pass
        # the value of the outer level is gone with the inner one: the caller reads again
        assert txmemo.recall("k") is txmemo.MISSING
        assert txmemo.recall("other") is txmemo.MISSING
        txmemo.remember("k", 4)
        assert txmemo.recall("k") == 4
    with pytest.raises(RuntimeError), transaction.atomic():
        txmemo.remember("k", 5)
        raise RuntimeError
    with transaction.atomic():
        assert txmemo.recall("k") is txmemo.MISSING


def test_no_production_code_rolls_back_a_savepoint_by_hand():
    """txmemo (and so the audit chain's remembered head) learns of a rollback through
    Django's on_commit bookkeeping, which only ``atomic`` keeps: a hand-made
    ``transaction.savepoint()`` rolled back outside ``atomic`` would leave a stale head and
    fork the chain. Production code uses ``atomic`` only (tests that do it call
    ``txmemo.forget_all()``)."""
    import re
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    pattern = re.compile(r"savepoint_rollback\(|transaction\.savepoint\(\)")
    offenders = []
    for path in root.rglob("*.py"):
        parts = set(path.relative_to(root).parts)
        if parts & {".venv", "tests", "bench", "node_modules", "migrations"} or \
                path.name in ("txmemo.py", "conftest.py"):
            continue
        text = path.read_text(encoding="utf-8")
        offenders += [f"{path.relative_to(root)}:{text[:m.start()].count(chr(10)) + 1}"
                      for m in pattern.finditer(text)]
    assert offenders == []
