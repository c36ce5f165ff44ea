"""bench/bench_history.py's growth column: the larger size's rows against the smaller's."""

import importlib.util
from pathlib import Path

_SPEC = importlib.util.spec_from_file_location(
    "bench_history_module", Path(__file__).resolve().parent.parent / "bench" / "bench_history.py")
bench_history = importlib.util.module_from_spec(_SPEC)
_SPEC.loader.exec_module(bench_history)  # stdlib only at import: no Django set-up, no data


def _row(name, value, n):
    return {"name": name, "value": value, "unit": "ms", "peer": None, "peer_value": None,
            "ratio": None, "target": "", "n": n, "database": "sqlite"}


def test_growth_is_the_larger_value_over_the_smaller_of_the_same_name():
    small = [_row("history_a_ms", 20.0, 10_000), _row("history_b_queries", 9, 10_000),
             _row("history_load_x_errors", 0, 10_000), _row("history_c_ms", None, 10_000)]
    big = [_row("history_b_queries", 9, 50_000), _row("history_a_ms", 50.0, 50_000),
           _row("history_load_x_errors", 2, 50_000), _row("history_c_ms", 4.0, 50_000),
           _row("history_only_big_ms", 7.0, 50_000)]

    merged = bench_history.merge_growth(small, big)

    assert [(row["name"], row["growth"]) for row in merged] == [
        ("history_b_queries", 1.0), ("history_a_ms", 2.5),
        # no ratio to a zero, a missing value or a row the smaller size lacks; the key is there
        ("history_load_x_errors", None), ("history_c_ms", None), ("history_only_big_ms", None)]
    assert [row["n"] for row in merged] == [50_000] * 5
    assert all("growth" not in row for row in small + big)  # the inputs are left as they were


def test_growth_rounds_to_two_places_and_keeps_every_other_key():
    small = [_row("history_a_ms", 3.0, 10_000)]
    big = [{**_row("history_a_ms", 10.0, 50_000), "first_ms": 31.0}]

    [row] = bench_history.merge_growth(small, big)

    assert row["growth"] == 3.33
    assert row["first_ms"] == 31.0 and row["database"] == "sqlite" and row["value"] == 10.0
