"""Small readings of record dicts shared by the fuse modules: dates as day ranges, refs, evidence, names."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

Record = dict[str, Any]

ANONYMOUS_PREFIX = "anon-"


def date_range(value: str | None) -> tuple[dt.date, dt.date] | None:
    """The first and last day an ISO date, month (2025-07), ISO week (2025-W21) or year covers."""
    if not value:
        return None
    try:
        if "-W" in value:
            year, week = value.split("-W")
            first = dt.date.fromisocalendar(int(year), int(week[:2]), 1)
            return first, first + dt.timedelta(days=6)
        parts = [int(p) for p in value[:10].split("-")]
        if len(parts) == 3:
            day = dt.date(*parts)
            return day, day
        if len(parts) == 2:
            first = dt.date(parts[0], parts[1], 1)
            following = dt.date(parts[0] + parts[1] // 12, parts[1] % 12 + 1, 1)
            return first, following - dt.timedelta(days=1)
        return dt.date(parts[0], 1, 1), dt.date(parts[0], 12, 31)
    except ValueError:
        return None


def days_apart(a: str | None, b: str | None) -> int | None:
    """Days between two dates seen as ranges: 0 when they overlap, None when either is unknown."""
    ra, rb = date_range(a), date_range(b)
    if ra is None or rb is None:
        return None
    if ra[1] < rb[0]:
        return (rb[0] - ra[1]).days
    if rb[1] < ra[0]:
        return (ra[0] - rb[1]).days
    return 0


def date_order(value: str | None) -> tuple[int, str]:
    """A sort key that puts dates in time order (by first day) and unknown dates last."""
    span = date_range(value)
    return (0, span[0].isoformat()) if span else (1, "")


def precision(value: str | None) -> int:
    """How finely a date is known: 3 for a day, 2 for a week, 1 for a month, 0 for a year or nothing."""
    if not value:
        return 0
    if "-W" in value:
        return 2
    return {10: 3, 7: 1}.get(len(value[:10]), 0)


def quote_ref(quote: Record) -> str:
    """Quotes carry no id: they are referred to by document and start offset."""
    return f"{quote['doc'][:12]}-q{quote['start']}"


def ref_of(item: Record) -> str:
    """The reference of an event, a position or a quote."""
    return str(item["id"]) if "id" in item else quote_ref(item)


def evidence(item: Record) -> Record:
    """The span of a body that supports an item."""
    return {"doc": item["doc"], "start": item["start"], "end": item["end"], "text": item["text"]}


def is_anonymous(actor: str | None) -> bool:
    return bool(actor) and str(actor).startswith(ANONYMOUS_PREFIX)


def named_actors(actors: Iterable[str | None]) -> set[str]:
    """Actor ids that name someone: anonymous sources are local to one article, so they never match."""
    return {a for a in actors if a and not is_anonymous(a)}


def name_of(actor: str, names: Mapping[str, str] | None = None) -> str:
    """An actor's display name: the known name, else its id made readable."""
    if names and actor in names:
        return names[actor]
    return actor.replace("-", " ").title() if not is_anonymous(actor) else "an anonymous source"


def outlet_name(outlet: str | None, source: str) -> str:
    """A document's outlet, or its source's file name when the outlet is unknown."""
    return outlet or Path(source).name


def outlets(records: Iterable[Record]) -> dict[str, str]:
    """The outlet of each slice's document (see `outlet_name`), by document id."""
    return {
        r["document"]["id"]: outlet_name(r["document"]["outlet"], r["document"]["source"]) for r in records
    }


def unique(values: Iterable[str]) -> list[str]:
    """Values in first-seen order, each once."""
    return list(dict.fromkeys(values))


def shorten(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def per_compatible(a: str | None, b: str | None) -> bool:
    """Whether two "per" nouns can be the same ("living Israeli hostage", "hostage"); a missing one can be."""
    if not a or not b:
        return True
    a, b = a.casefold(), b.casefold()
    return a in b or b in a or a.split()[-1] == b.split()[-1]


def comparable(a: Record | None, b: Record | None) -> bool:
    """Whether two values are numbers counted in the same unit and per the same thing."""
    if not a or not b or _bounds(a) is None or _bounds(b) is None:
        return False
    return (a.get("unit") or "").casefold() == (b.get("unit") or "").casefold() and per_compatible(
        a.get("per"), b.get("per")
    )


def value_gap(a: Record, b: Record) -> float | None:
    """The distance between two comparable values (ranges included): 0 when they overlap."""
    ba, bb = _bounds(a), _bounds(b)
    if ba is None or bb is None or not comparable(a, b):
        return None
    return max(0.0, max(ba[0], bb[0]) - min(ba[1], bb[1]))


def same_value(a: Record | None, b: Record | None) -> bool:
    """Whether two positions put the same value (or none) on their issue."""
    if not a or not b:
        return not a and not b
    return comparable(a, b) and _bounds(a) == _bounds(b)


def value_text(value: Record | None) -> str:
    """A value as an analyst writes it: "20 prisoners per living Israeli hostage", "700–1200 metre"."""
    bounds = _bounds(value) if value else None
    if value is None or bounds is None:
        return "no figure"
    low, high = (f"{b:g}" for b in bounds)
    text = low if low == high else f"{low}–{high}"
    if value.get("unit"):
        text += f" {value['unit']}"
    if value.get("per"):
        text += f" per {value['per']}"
    return text


def _bounds(value: Record) -> tuple[float, float] | None:
    bounds = [float(v) for v in (value.get("min"), value.get("max")) if v is not None]
    return (min(bounds), max(bounds)) if bounds else None
