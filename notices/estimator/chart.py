"""A server-drawn line chart of the balance over time, for the cost estimator.

No JavaScript: the template turns these numbers into SVG. Each line has its own dash
pattern, so the chart reads in black and white and in print; the legend is HTML below it,
where long option names can wrap.

SVG text grows and shrinks with the picture. So the page draws the chart twice, once laid out
for a phone (NARROW) and once for a wider screen (WIDE), and shows the one that fits. Each
layout's font size is set so that text is at least 12 px on the smallest screen it is shown
on, and month labels are thinned out until they can't touch.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

DASHES = ("", "8 4", "2 4", "12 4 2 4", "4 4")
CHAR_WIDTH = 0.62  # a generous average width of a label character, in font sizes
MONTH_STEPS = (1, 2, 3, 4, 6, 12, 24, 36, 60, 120)


@dataclass(frozen=True)
class Layout:
    """A chart size in SVG units, and the font size that stays readable at it.

    `min_px` is the narrowest the chart is shown (site.css: .chart-narrow at a 320 px
    screen, .chart-wide from 48em), so `font * min_px / width` is the smallest text size.
    """

    width: int
    plot_height: int
    font: float
    min_px: int

    @property
    def smallest_text_px(self) -> float:
        return self.font * self.min_px / self.width


NARROW = Layout(width=320, plot_height=200, font=14, min_px=288)
WIDE = Layout(width=640, plot_height=260, font=12, min_px=704)


@dataclass(frozen=True)
class Line:
    label: str
    path: str
    dash: str


@dataclass(frozen=True)
class Tick:
    position: float
    text: str


@dataclass(frozen=True)
class Chart:
    width: int
    height: int
    font: float
    lines: tuple[Line, ...]
    x_ticks: tuple[Tick, ...]
    y_ticks: tuple[Tick, ...]
    plot_left: float
    plot_right: float
    plot_top: float
    plot_bottom: float

    @property
    def x_label_y(self) -> float:
        """The baseline of the month labels, clear of the lowest amount label."""
        return round(self.plot_bottom + self.font * 1.6, 1)

    @property
    def y_label_x(self) -> float:
        return round(self.plot_left - self.font / 2, 1)


def _nice_ceiling(value: Decimal) -> Decimal:
    """A round top for the y axis: 1, 2, 2.5 or 5 times a power of ten."""
    if value <= 0:
        return Decimal(1)
    magnitude = Decimal(10) ** (len(str(int(value))) - 1)
    for step in (1, 2, Decimal("2.5"), 5, 10):
        if value <= step * magnitude:
            return step * magnitude
    return 10 * magnitude


def text_width(text: str, font: float) -> float:
    return len(text) * CHAR_WIDTH * font


def _month_starts(start: date, end: date) -> list[date]:
    months: list[date] = []
    year, month = (start.year, start.month) if start.day == 1 else (start.year, start.month + 1)
    while True:
        if month == 13:
            year, month = year + 1, 1
        if (day := date(year, month, 1)) > end:
            return months
        months.append(day)
        month += 1


def _labelled(days: list[date], *, years: bool = False) -> list[tuple[date, str]]:
    """Each day's label: the month, with the year on the first and when the year changes.

    With `years`, a January between the first and the last is labelled by its year alone,
    and the last always has its year.
    """
    labels, year = [], None
    for index, day in enumerate(days):
        if years and day.month == 1 and 0 < index < len(days) - 1:
            text = f"{day:%Y}"
        elif years and index == len(days) - 1:
            text = f"{day:%b %Y}"  # after a year alone, "Nov" would read as a year's start
        else:
            text = f"{day:%b %Y}" if day.year != year else f"{day:%b}"
        labels.append((day, text))
        year = day.year
    return labels


def _every(months: list[date], step: int) -> list[date]:
    """Every `step`th month from the first; a year or more apart, every Nth January instead."""
    if step < 12:
        return months[::step]
    januaries = [day for day in months[1:] if day.month == 1]
    return [months[0], *januaries[:: step // 12]]


def x_ticks(
    start: date, end: date, x: Callable[[date], float], left: float, right: float, font: float
) -> list[Tick]:
    """Month labels that never touch: every Nth month, always the first and the last.

    Each label is centred on its month, moved in if it would stick out of the chart.
    """
    months = _month_starts(start, end)
    if not months:
        return []
    gap = font * 0.8
    for step in MONTH_STEPS:
        chosen = _every(months, step)
        if chosen[-1] != months[-1]:
            # The last month is off the every-Nth pattern: it takes the place of the one
            # before it when that one would sit closer than half a step.
            if len(chosen) > 1 and months.index(months[-1]) - months.index(chosen[-1]) <= step / 2:
                chosen.pop()
            chosen.append(months[-1])

        def place(days: list[date], step: int = step) -> list[Tick]:
            return _place(_labelled(days, years=step >= 12), x, left, right, font)

        ticks = place(chosen)
        # The first and last labels may crowd their neighbours (a January just after the
        # first month, say): then each may push out one; more than that needs a longer step.
        if len(ticks) > 2 and _overlap(ticks[0], ticks[1], font) > -gap:
            chosen.pop(1)
            ticks = place(chosen)
        if len(ticks) > 2 and _overlap(ticks[-2], ticks[-1], font) > -gap:
            chosen.pop(-2)
            ticks = place(chosen)
        if all(_overlap(a, b, font) <= -gap for a, b in zip(ticks, ticks[1:], strict=False)):
            return ticks
    return _place(_labelled(months[:1]), x, left, right, font)  # a span too long for more


def _place(
    labels: list[tuple[date, str]], x: Callable[[date], float], left: float, right: float,
    font: float,
) -> list[Tick]:  # fmt: skip
    ticks = []
    for day, text in labels:
        half = text_width(text, font) / 2
        centre = min(max(x(day), left + half), right - half)
        ticks.append(Tick(round(centre, 1), text))
    return ticks


def _overlap(a: Tick, b: Tick, font: float) -> float:
    """How far label a's right edge passes label b's left edge (negative: the gap)."""
    return (a.position + text_width(a.text, font) / 2) - (b.position - text_width(b.text, font) / 2)


def balance_chart(
    series: list[tuple[str, tuple[tuple[date, Decimal], ...]]], layout: Layout = WIDE
) -> Chart:
    """Lay out (label, [(day, balance), ...]) series on shared axes, for `layout`."""
    days = [day for _, points in series for day, _ in points]
    start, end = min(days), max(days)
    span = max((end - start).days, 1)
    top = _nice_ceiling(max(balance for _, points in series for _, balance in points))
    font = layout.font
    y_labels = [f"${top * k / 4:,.0f}" for k in range(5)]
    left = round(max(text_width(label, font) for label in y_labels) + font, 1)
    right = layout.width - font * 0.5
    plot_top = font  # room for half of the top amount label
    plot_bottom = plot_top + layout.plot_height

    def x(day: date) -> float:
        return round(left + (right - left) * (day - start).days / span, 1)

    def y(balance: Decimal) -> float:
        return round(plot_top + layout.plot_height * float(1 - balance / top), 1)

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
        lines.append(Line(label, path, DASHES[index % len(DASHES)]))
    y_ticks = [Tick(y(top * k / 4), text) for k, text in enumerate(y_labels)]
    height = round(plot_bottom + font * 2.2)
    return Chart(
        layout.width, height, font, tuple(lines),
        tuple(x_ticks(start, end, x, left, right, font)), tuple(y_ticks),
        left, right, plot_top, plot_bottom,
    )  # fmt: skip
