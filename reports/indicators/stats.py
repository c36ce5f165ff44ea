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
