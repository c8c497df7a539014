"""Chart geometry for the report's inline SVG: numbers in, coordinates out.

The templates draw the shapes (`templates/report/_charts.html.j2`); this module
only does the arithmetic, so a chart and the table beside it are made from the
same numbers. No scripts, no fonts to fetch: the SVG prints as it shows.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

BAR_HEIGHT = 18
BAR_GAP = 6
LABEL_WIDTH = 150
PLOT_WIDTH = 300
VALUE_WIDTH = 50
LINE_WIDTH = 480
LINE_HEIGHT = 140
LINE_PAD = 30


@dataclass(frozen=True)
class Bar:
    """One bar of a horizontal bar chart."""

    label: str
    value: int
    y: int
    width: float


@dataclass(frozen=True)
class BarChart:
    """A horizontal bar chart: one bar per label, scaled to the largest value."""

    title: str
    bars: tuple[Bar, ...]
    width: int
    height: int
    plot_x: int
    bar_height: int


@dataclass(frozen=True)
class Point:
    """One point of a line chart, with the value it shows and its label."""

    label: str
    value: float | None
    x: float
    y: float | None


@dataclass(frozen=True)
class LineChart:
    """A line chart of a weekly series (gaps where there is no value)."""

    title: str
    points: tuple[Point, ...]
    segments: tuple[str, ...]
    width: int
    height: int
    top: float
    bottom: float
    low: float
    high: float


def bar_chart(title: str, values: Sequence[tuple[str, int]]) -> BarChart:
    """Bars for (label, value) pairs, in the order given."""
    largest = max((v for _, v in values), default=0) or 1
    bars = tuple(
        Bar(label, value, index * (BAR_HEIGHT + BAR_GAP), round(PLOT_WIDTH * value / largest, 1))
        for index, (label, value) in enumerate(values)
    )
    height = max(len(bars) * (BAR_HEIGHT + BAR_GAP) - BAR_GAP, BAR_HEIGHT)
    return BarChart(
        title,
        bars,
        LABEL_WIDTH + PLOT_WIDTH + VALUE_WIDTH,
        height,
        LABEL_WIDTH,
        BAR_HEIGHT,
    )


def line_chart(title: str, values: Sequence[tuple[str, float | None]]) -> LineChart:
    """Points for (label, value) pairs left to right; None leaves a gap in the line."""
    known = [v for _, v in values if v is not None]
    high = max(known, default=0.0) or 1.0
    top, bottom = float(LINE_PAD), float(LINE_HEIGHT - LINE_PAD)
    step = (LINE_WIDTH - 2 * LINE_PAD) / max(len(values) - 1, 1)
    points = tuple(
        Point(
            label,
            value,
            round(LINE_PAD + index * step, 1),
            None if value is None else round(bottom - (bottom - top) * value / high, 1),
        )
        for index, (label, value) in enumerate(values)
    )
    segments: list[str] = []
    run: list[str] = []
    for point in points:
        if point.y is None:
            if run:
                segments.append(" ".join(run))
            run = []
        else:
            run.append(f"{point.x},{point.y}")
    if run:
        segments.append(" ".join(run))
    return LineChart(title, points, tuple(segments), LINE_WIDTH, LINE_HEIGHT, top, bottom, 0, high)
