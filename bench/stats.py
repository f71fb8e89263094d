"""Statistics of timing samples, in plain Python so they are tested without a database."""

from __future__ import annotations

import math
import statistics
from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Timing:
    """Median and 95th percentile of one page's samples, in milliseconds."""

    median_ms: float
    p95_ms: float
    samples: int


def percentile(samples: Sequence[float], pct: float) -> float:
    """The nearest-rank percentile: the smallest sample with at least `pct` % of samples at or below it.

    Nearest rank never interpolates, so the value is always one that was measured.
    """
    if not samples:
        raise ValueError("percentile of no samples")
    if not 0 < pct <= 100:
        raise ValueError("pct must be in (0, 100]")
    ordered = sorted(samples)
    return ordered[math.ceil(pct / 100 * len(ordered)) - 1]


def summarise(samples_ms: Sequence[float]) -> Timing:
    """Median (the mean of the two middle samples for an even count) and nearest-rank p95."""
    if not samples_ms:
        raise ValueError("summary of no samples")
    return Timing(statistics.median(samples_ms), percentile(samples_ms, 95), len(samples_ms))


def ratio(value: float, floor: float) -> float:
    """How many times the floor `value` is: page median over the median of the minimal view."""
    if floor <= 0:
        raise ValueError("the floor must be a positive time")
    return value / floor
