"""Geometry of the chart of costs over time, drawn as server-side SVG (no JavaScript, strict CSP).

Pure: takes the monthly points and the budget, returns coordinates and labels for the template.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from regie.budgets.costreport import MonthPoint

WIDTH, HEIGHT = 640, 260
LEFT, RIGHT, TOP, BOTTOM = 34, 34, 16, 34  # room for the month labels under the first and last points


@dataclass(frozen=True)
class Tick:
    x: float
    month: datetime.date


@dataclass(frozen=True)
class BurnChart:
    width: int
    height: int
    actual: str  # polyline points
    forecast: str  # actual + committed
    budget_y: float
    plot_left: float
    plot_right: float
    baseline_y: float
    ticks: list[Tick]
    top: Decimal  # the amount at the top of the plot
    last: MonthPoint
    over_budget: bool


def burn_chart(points: Sequence[MonthPoint], budget: Decimal) -> BurnChart | None:
    """The chart of cumulative actual and actual + committed against the budget; None without points."""
    if not points:
        return None
    top = max([budget, *(p.actual + p.committed for p in points)])
    top = top if top > 0 else Decimal(1)
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    step = plot_w / max(len(points) - 1, 1)

    def y(amount: Decimal) -> float:
        return round(TOP + plot_h - float(amount / top) * plot_h, 1)

    def x(index: int) -> float:
        return round(LEFT + index * step, 1) if len(points) > 1 else LEFT + plot_w / 2

    actual = " ".join(f"{x(i)},{y(p.actual)}" for i, p in enumerate(points))
    forecast = " ".join(f"{x(i)},{y(p.actual + p.committed)}" for i, p in enumerate(points))
    every = max(1, (len(points) + 5) // 6)
    ticks = [Tick(x(i), p.month) for i, p in enumerate(points) if i % every == 0]
    last = points[-1]
    return BurnChart(
        WIDTH,
        HEIGHT,
        actual,
        forecast,
        y(budget),
        LEFT,
        WIDTH - RIGHT,
        TOP + plot_h,
        ticks,
        top,
        last,
        last.actual + last.committed > budget,
    )
