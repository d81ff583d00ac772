"""A server-drawn line chart of the balance over time, for the cost estimator.

No JavaScript: the template turns these numbers into SVG. Each line has its own dash
pattern and an end label, so the chart reads in black and white and in print.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

WIDTH, PLOT_HEIGHT = 640, 260
LEFT, RIGHT, TOP, AXIS = 76, 16, 16, 36
LEGEND_ROW = 24
DASHES = ("", "8 4", "2 4", "12 4 2 4", "4 4")


@dataclass(frozen=True)
class Line:
    label: str
    path: str
    dash: str
    legend_y: float


@dataclass(frozen=True)
class Tick:
    position: float
    text: str


@dataclass(frozen=True)
class Chart:
    width: int
    height: int
    lines: tuple[Line, ...]
    x_ticks: tuple[Tick, ...]
    y_ticks: tuple[Tick, ...]
    plot_left: int
    plot_right: int
    plot_top: int
    plot_bottom: int


def _nice_ceiling(value: Decimal) -> Decimal:
    """A round top for the y axis: 1, 2, 2.5 or 5 times a power of ten."""
    if value <= 0:
        return Decimal(1)
    magnitude = Decimal(10) ** (len(str(int(value))) - 1)
    for step in (1, 2, Decimal("2.5"), 5, 10):
        if value <= step * magnitude:
            return step * magnitude
    return 10 * magnitude


def balance_chart(series: list[tuple[str, tuple[tuple[date, Decimal], ...]]]) -> Chart:
    """Lay out (label, [(day, balance), ...]) series on shared axes."""
    days = [day for _, points in series for day, _ in points]
    start, end = min(days), max(days)
    span = max((end - start).days, 1)
    top = _nice_ceiling(max(balance for _, points in series for _, balance in points))
    plot_w, plot_h = WIDTH - LEFT - RIGHT, PLOT_HEIGHT
    legend_top = TOP + PLOT_HEIGHT + AXIS + 8

    def x(day: date) -> float:
        return round(LEFT + plot_w * (day - start).days / span, 1)

    def y(balance: Decimal) -> float:
        return round(TOP + plot_h * float(1 - balance / top), 1)

    lines = []
    for index, (label, points) in enumerate(series):
        # Interest makes the balance climb smoothly; a payment drops it at once.
        path = f"M{x(points[0][0])},{y(points[0][1])}"
        previous = points[0][1]
        for day, balance in points[1:]:
            path += (
                f" H{x(day)} V{y(balance)}" if balance < previous else f" L{x(day)},{y(balance)}"
            )
            previous = balance
        legend_y = legend_top + LEGEND_ROW * index
        lines.append(Line(label, path, DASHES[index % len(DASHES)], legend_y))
    months = max(span // 30, 1)
    step = 1 if months <= 12 else 3 if months <= 36 else 12
    x_ticks: list[Tick] = []
    year, month = start.year, start.month
    while (tick := date(year, month, 1)) <= end:
        if tick >= start and (month - 1) % step == 0:
            x_ticks.append(
                Tick(x(tick), tick.strftime("%b %Y" if month == 1 or not x_ticks else "%b"))
            )
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    y_ticks = [Tick(y(top * k / 4), f"${top * k / 4:,.0f}") for k in range(5)]
    height = legend_top + LEGEND_ROW * len(series)
    return Chart(
        WIDTH, height, tuple(lines), tuple(x_ticks), tuple(y_ticks),
        LEFT, WIDTH - RIGHT, TOP, TOP + PLOT_HEIGHT,
    )  # fmt: skip
