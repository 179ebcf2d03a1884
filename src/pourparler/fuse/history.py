"""Position history: each party's stances on each issue in date order, and the gap between the parties."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from itertools import combinations

from pourparler.fuse.records import Record, comparable, date_order, name_of, value_gap
from pourparler.fuse.timeline import entry, merge_positions, position_summary

# The value of a rejection is the other side's figure, so it says nothing about where the party stands.
VALUE_STANCES = frozenset({"demand", "insist", "offer", "propose", "accept", "willing"})


def position_history(positions: Iterable[Record], names: Mapping[str, str] | None = None) -> list[Record]:
    """Per issue: each party's steps in date order with their sources, and the gaps between parties.

    Pass the positions of one story. A step is one stance on one date, however many sentences state it.
    """
    issues: dict[tuple[str, str], dict[str, list[Record]]] = {}
    for group in merge_positions(positions):
        lead = group[0]
        step = entry("position", group, position_summary(lead, names))
        step.update(stance=lead.get("stance"), value=lead.get("value"), object=lead.get("object"))
        parties = issues.setdefault((lead.get("profile") or "", lead["issue"]), {})
        parties.setdefault(lead["party"], []).append(step)
    history = []
    for (profile, issue), parties in issues.items():
        for steps in parties.values():
            steps.sort(key=lambda s: date_order(s["date"]))
        history.append(
            {
                "profile": profile,
                "issue": issue,
                "parties": [
                    {"party": party, "name": name_of(party, names), "steps": steps}
                    for party, steps in parties.items()
                ],
                "gaps": gaps(parties),
            }
        )
    return history


def gaps(parties: Mapping[str, list[Record]]) -> list[Record]:
    """For each pair of parties with comparable figures: the gap now, the gap before, and its trend.

    The gap is recomputed on every date either party's figure changes; `trend` compares the last two
    ("narrows", "widens", "holds") and is None while there is only one.
    """
    valued = {
        party: [s for s in steps if s["stance"] in VALUE_STANCES and s["value"] and s["date"]]
        for party, steps in parties.items()
    }
    found = []
    for a, b in combinations([p for p, steps in valued.items() if steps], 2):
        series = _series(valued[a], valued[b])
        if not series:
            continue
        now = series[-1]
        previous = series[-2]["value"] if len(series) > 1 else None
        found.append(
            {
                "between": [a, b],
                "value": now["value"],
                "unit": now["unit"],
                "per": now["per"],
                "date": now["date"],
                "latest": now["refs"],
                "previous": previous,
                "trend": _trend(previous, now["value"]),
                "series": series,
            }
        )
    return found


def _series(steps_a: list[Record], steps_b: list[Record]) -> list[Record]:
    dates = sorted({s["date"] for s in steps_a + steps_b}, key=date_order)
    series: list[Record] = []
    for date in dates:
        at_a = [s for s in steps_a if date_order(s["date"]) <= date_order(date)]
        at_b = [s for s in steps_b if date_order(s["date"]) <= date_order(date)]
        if not at_a or not at_b or not comparable(at_a[-1]["value"], at_b[-1]["value"]):
            continue
        va, vb = at_a[-1]["value"], at_b[-1]["value"]
        series.append(
            {
                "date": date,
                "value": value_gap(va, vb),
                "unit": va.get("unit"),
                "per": va.get("per") or vb.get("per"),
                "refs": [at_a[-1]["ref"], at_b[-1]["ref"]],
            }
        )
    return series


def _trend(previous: float | None, now: float | None) -> str | None:
    if previous is None or now is None:
        return None
    if now < previous:
        return "narrows"
    return "widens" if now > previous else "holds"
