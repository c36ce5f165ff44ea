"""Summary statistics with the definitions the KPI texts state (and Excel reproduces)."""

import statistics


def median(values: list) -> float | None:
    return float(statistics.median(values)) if values else None


def percentile(values: list, p: float) -> float | None:
    """Linear interpolation between closest ranks, as Excel's PERCENTILE.INC."""
    if not values:
        return None
    ordered = sorted(values)
    rank = (len(ordered) - 1) * p
    low = int(rank)
    high = min(low + 1, len(ordered) - 1)
    return float(ordered[low] + (ordered[high] - ordered[low]) * (rank - low))


def share(part: int, whole: int) -> float | None:
    """Percentage, one decimal; None when there is nothing to divide."""
    return round(100 * part / whole, 1) if whole else None


def rounded(value, digits: int = 1):
    return None if value is None else round(value, digits)


def _ordered_at(counts: dict, index: int):
    """The value at 0-based ``index`` of the sorted values a {value: count} histogram holds."""
    seen = 0
    for value in sorted(counts):
        seen += counts[value]
        if index < seen:
            return value
    raise IndexError(index)


def histogram_median(counts: dict) -> float | None:
    """``median`` of the values a {value: count} histogram holds (no list of values)."""
    n = sum(counts.values())
    if not n:
        return None
    low, high = _ordered_at(counts, (n - 1) // 2), _ordered_at(counts, n // 2)
    return float((low + high) / 2)


def histogram_percentile(counts: dict, p: float) -> float | None:
    """``percentile`` (Excel's PERCENTILE.INC) of the values of a {value: count} histogram."""
    n = sum(counts.values())
    if not n:
        return None
    rank = (n - 1) * p
    low = int(rank)
    high = min(low + 1, n - 1)
    a, b = _ordered_at(counts, low), _ordered_at(counts, high)
    return float(a + (b - a) * (rank - low))
