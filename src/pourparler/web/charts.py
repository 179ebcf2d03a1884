"""Charts of each party's figures on an issue over time: laid out here, drawn as inline SVG by a template."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from pourparler.fuse.history import VALUE_STANCES
from pourparler.fuse.records import Record, date_range, value_text

# Okabe–Ito: told apart by most readers with colour-vision deficiencies.
COLOURS = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000", "#F0E442")
WIDTH, HEIGHT = 520, 260
LEFT, RIGHT, TOP, BOTTOM = 56, 16, 16, 40
TICKS = 5
MAX_DATE_LABELS = 6
LEGEND_COLUMNS, LEGEND_WIDTH, LEGEND_ROW = 2, 230, 16


@dataclass(slots=True)
class Point:
    x: float
    y: float
    low: float  # the ends of a range's whisker (same as y for a single figure)
    high: float
    label: str  # the figure as printed next to the point
    title: str  # what the point says, for its tooltip
    href: str  # the evidence


@dataclass(slots=True)
class Series:
    name: str
    colour: str
    points: list[Point] = field(default_factory=list)

    @property
    def line(self) -> str:
        return " ".join(f"{p.x:.1f},{p.y:.1f}" for p in self.points)


@dataclass(slots=True)
class Tick:
    at: float
    label: str


@dataclass(slots=True)
class Chart:
    title: str
    unit: str
    series: list[Series]
    x_ticks: list[Tick]
    y_ticks: list[Tick]
    left: float = LEFT
    right: float = WIDTH - RIGHT
    top: float = TOP
    bottom: float = HEIGHT - BOTTOM
    width: int = WIDTH
    height: int = HEIGHT
    left_out: int = 0  # figures in another unit, not drawn
    legend: list[tuple[float, float, Series]] = field(default_factory=list)  # x, y of each entry


def issue_chart(issue: Record, href: Callable[[Record], str], colours: dict[str, str]) -> Chart | None:
    """A chart of an issue's history (`fuse.position_history`): a point per dated figure of each party, in
    the issue's most common unit; None when no party states a dated figure. `href` gives a step's evidence
    link; `colours` (party → colour) is filled so that a party keeps its colour across an page's charts."""
    steps = [
        (party, step)
        for party in issue["parties"]
        for step in party["steps"]
        if step["stance"] in VALUE_STANCES and _bounds(step.get("value")) and date_range(step.get("date"))
    ]
    if not steps:
        return None
    units = Counter((step["value"].get("unit") or "") for _, step in steps)
    unit = units.most_common(1)[0][0]
    drawn = [(party, step) for party, step in steps if (step["value"].get("unit") or "") == unit]
    days = [_day(step["date"]) for _, step in drawn]
    values = [v for _, step in drawn for v in _bounds(step["value"]) or ()]
    first, last = min(days), max(days)
    low, high, y_ticks = _scale(min(0.0, min(values)), max(values))
    chart = Chart(
        title=str(issue["issue"]).replace("_", " "),
        unit=unit,
        series=[],
        x_ticks=[],
        y_ticks=[],
        left_out=len(steps) - len(drawn),
    )

    def x_at(day: int) -> float:
        if first == last:
            return (chart.left + chart.right) / 2
        return chart.left + 12 + (day - first) / (last - first) * (chart.right - chart.left - 24)

    def y_at(value: float) -> float:
        return chart.bottom - (value - low) / (high - low) * (chart.bottom - chart.top)

    chart.y_ticks = [Tick(y_at(v), f"{v:g}") for v in y_ticks]
    dated = _distinct(days, drawn)
    every = math.ceil(len(dated) / MAX_DATE_LABELS)
    chart.x_ticks = [Tick(x_at(d), step["date"][:10]) for d, (_, step) in dated[::every]]
    for party in issue["parties"]:
        mine = [step for name, step in drawn if name is party]
        if not mine:
            continue
        colour = colours.setdefault(party["party"], COLOURS[len(colours) % len(COLOURS)])
        series = Series(name=party["name"], colour=colour)
        for step in mine:
            a, b = _bounds(step["value"]) or (0.0, 0.0)
            series.points.append(
                Point(
                    x=x_at(_day(step["date"])),
                    y=y_at((a + b) / 2),
                    low=y_at(a),
                    high=y_at(b),
                    label=f"{a:g}" if a == b else f"{a:g}–{b:g}",
                    title=f"{party['name']}: {step['stance']} {value_text(step['value'])} ({step['date']})",
                    href=href(step),
                )
            )
        chart.series.append(series)
    rows = math.ceil(len(chart.series) / LEGEND_COLUMNS)
    chart.height += (rows - 1) * LEGEND_ROW
    chart.legend = [
        (
            LEFT + (n % LEGEND_COLUMNS) * LEGEND_WIDTH,
            chart.bottom + 34 + (n // LEGEND_COLUMNS) * LEGEND_ROW,
            s,
        )
        for n, s in enumerate(chart.series)
    ]
    return chart


def _bounds(value: Record | None) -> tuple[float, float] | None:
    if not value:
        return None
    found = [float(v) for v in (value.get("min"), value.get("max")) if v is not None]
    return (min(found), max(found)) if found else None


def _day(date: str) -> int:
    span = date_range(date)
    assert span is not None
    return span[0].toordinal()


def _distinct(
    days: Sequence[int], drawn: Sequence[tuple[Record, Record]]
) -> list[tuple[int, tuple[Record, Record]]]:
    seen: dict[int, tuple[Record, Record]] = {}
    for day, item in zip(days, drawn, strict=True):
        seen.setdefault(day, item)
    return sorted(seen.items())


def _scale(low: float, high: float) -> tuple[float, float, list[float]]:
    """An axis from `low` to `high` on round numbers (steps of 1, 2 or 5 times a power of ten)."""
    if high <= low:
        high = low + 1
    rough = (high - low) / (TICKS - 1)
    power = 10 ** math.floor(math.log10(rough))
    step = next(m * power for m in (1, 2, 5, 10) if m * power >= rough)
    start = math.floor(low / step) * step
    end = math.ceil(high / step) * step
    if end == high:
        end += step  # room above the highest point for its label
    ticks = [start + i * step for i in range(round((end - start) / step) + 1)]
    return start, end, ticks
