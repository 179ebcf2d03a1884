"""Where sources disagree: values, stances, dates or places of one item, and fact against anonymous claim."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from pourparler.fuse.records import (
    Record,
    comparable,
    date_order,
    days_apart,
    evidence,
    is_anonymous,
    name_of,
    ref_of,
    shorten,
    value_gap,
    value_text,
)
from pourparler.fuse.timeline import (
    STANCE_VERBS,
    merge_events,
    merge_positions,
    places_agree,
    same_event,
)

SAME_WEEK_DAYS = 7  # a party's figure or stance reported within this many days is one claim
DATE_CONFLICT_DAYS = 3  # further apart, events of one kind are distinct events rather than misdated ones
QUOTED_CHARS = 100
# A party can do these several times a day in several places, so differing dates or places are no conflict.
REPEATABLE_TYPES = frozenset({"ASSAULT", "COERCE", "MOBILIZE", "PROTEST", "ACCUSE", "THREATEN"})
# Stances that state a figure from the same side of the table, so two of their figures must agree.
STANCE_FAMILIES = {
    "demand": "ask",
    "insist": "ask",
    "offer": "give",
    "propose": "give",
    "willing": "give",
    "accept": "accept",
}
OPPOSED_STANCES = frozenset({frozenset({"accept", "reject"})})


def find_contradictions(
    events: Iterable[Record],
    positions: Iterable[Record],
    *,
    outlets: Mapping[str, str] | None = None,
    names: Mapping[str, str] | None = None,
) -> list[Record]:
    """Pairs of records from different documents that cannot both be right, or differ in attribution.

    Each item: {"a": ref, "b": ref, "kind": "value"|"stance"|"date"|"place"|"attribution", "why": sentence,
    "evidence": [span of a, span of b], "sources": [doc of a, doc of b]}. `outlets` maps document ids to
    outlet names and `names` actor ids to names, for the sentences.
    """
    events, positions = list(events), list(positions)
    say = _Sayer(outlets or {}, names or {})
    found = _position_conflicts(positions, say) + _event_conflicts(events, say)
    for group in merge_events(events) + merge_positions(positions):
        found += _attribution_difference(group, say)
    return found


def story_contradictions(
    story: str | None, parts: Iterable[Record], *, outlets: Mapping[str, str], names: Mapping[str, str]
) -> list[Record]:
    """The contradictions among the analysis slices of one story, each with its `story`."""
    parts = list(parts)
    events = [e for p in parts for e in p["events"]]
    positions = [q for p in parts for q in p["positions"]]
    found = find_contradictions(events, positions, outlets=outlets, names=names)
    return [{**c, "story": story} for c in found]


def item(kind: str, a: Record, b: Record, why: str) -> Record:
    return {
        "a": ref_of(a),
        "b": ref_of(b),
        "kind": kind,
        "why": why,
        "evidence": [evidence(a), evidence(b)],
        "sources": [a["doc"], b["doc"]],
    }


class _Sayer:
    """Writes the sentences, naming outlets and actors as an analyst would."""

    def __init__(self, outlets: Mapping[str, str], names: Mapping[str, str]) -> None:
        self.outlets, self.names = outlets, names

    def outlet(self, record: Record) -> str:
        return self.outlets.get(record["doc"]) or f"document {record['doc'][:12]}"

    def name(self, actor: str) -> str:
        return name_of(actor, self.names)

    def event(self, event: Record, *details: str | None) -> str:
        """ "Israel: “recalled”, SANCTION/withdraw, Doha"."""
        actors = " and ".join(self.name(a) for a in event.get("actors", []) if not is_anonymous(a))
        trigger = (event.get("trigger") or {}).get("text")
        kind = "/".join(k for k in (event.get("type"), event.get("mode")) if k)
        parts = [f"“{trigger}”" if trigger else None, kind, *details]
        return f"{actors or 'unnamed actors'}: " + ", ".join(p for p in parts if p)


def _position_conflicts(positions: list[Record], say: _Sayer) -> list[Record]:
    by_item: dict[tuple[str, str], list[list[Record]]] = {}
    for group in merge_positions(positions):
        if group[0].get("date"):
            by_item.setdefault((group[0]["party"], group[0]["issue"]), []).append(group)
    found = []
    for groups in by_item.values():
        groups.sort(key=lambda g: date_order(g[0].get("date")))
        for i, first in enumerate(groups):
            for second in groups[i + 1 :]:
                apart = days_apart(first[0]["date"], second[0]["date"])
                if apart is None or apart > SAME_WEEK_DAYS:
                    break
                pair = _across_documents(first, second)
                if pair:
                    found += _position_conflict(*pair, say)
    return found


def _position_conflict(a: Record, b: Record, say: _Sayer) -> list[Record]:
    party, issue = say.name(a["party"]), str(a["issue"]).replace("_", " ")
    verb_a, verb_b = (STANCE_VERBS.get(p["stance"], p["stance"]) for p in (a, b))
    dates = f"{a['date']} and {b['date']}" if a["date"] != b["date"] else a["date"]
    if frozenset({a["stance"], b["stance"]}) in OPPOSED_STANCES:
        why = (
            f"{say.outlet(a)} reports that {party} {verb_a} {issue}, "
            f"{say.outlet(b)} that it {verb_b} it ({dates})."
        )
        return [item("stance", a, b, why)]
    family = STANCE_FAMILIES.get(a["stance"])
    if family is None or family != STANCE_FAMILIES.get(b["stance"]) or not comparable(a["value"], b["value"]):
        return []
    if not value_gap(a["value"], b["value"]):
        return []
    why = (
        f"{say.outlet(a)} reports that {party} {verb_a} {value_text(a['value'])}, "
        f"{say.outlet(b)} that it {verb_b} {value_text(b['value'])} ({issue}; {dates})."
    )
    return [item("value", a, b, why)]


def _event_conflicts(events: list[Record], say: _Sayer) -> list[Record]:
    by_type: dict[str, list[Record]] = {}
    for event in events:
        happened = not (event.get("negated") or event.get("hypothetical"))
        if event.get("date") and happened and event.get("type") not in REPEATABLE_TYPES:
            by_type.setdefault(event["type"], []).append(event)
    found = []
    for same_type in by_type.values():
        same_type.sort(key=lambda e: date_order(e["date"]))
        for i, a in enumerate(same_type):
            for b in same_type[i + 1 :]:
                apart = days_apart(a["date"], b["date"])
                if apart is None or apart > DATE_CONFLICT_DAYS:
                    break
                if a["doc"] != b["doc"]:
                    found += _event_conflict(a, b, apart, say)
    return found


def _event_conflict(a: Record, b: Record, apart: int, say: _Sayer) -> list[Record]:
    if not same_event(a, b, check_date=False, check_place=False):
        return []
    place_a, place_b = a.get("location"), b.get("location")
    if same_event(a, b, check_place=False) and not places_agree(place_a, place_b):
        what = say.event(a, a["date"])
        why = f"{say.outlet(a)} places it in {place_a}, {say.outlet(b)} in {place_b} ({what})."
        return [item("place", a, b, why)]
    both_stated = a.get("date_basis") == b.get("date_basis") == "clause"
    if both_stated and apart > 0 and places_agree(place_a, place_b):
        what = say.event(a, place_a or place_b)
        why = f"{say.outlet(a)} dates it to {a['date']}, {say.outlet(b)} to {b['date']} ({what})."
        return [item("date", a, b, why)]
    return []


def _attribution_difference(group: list[Record], say: _Sayer) -> list[Record]:
    """One outlet states as fact what another attributes to an anonymous source."""
    facts = [r for r in group if not r.get("according_to")]
    claims = [r for r in group if is_anonymous(r.get("according_to"))]
    for fact in facts:
        for claim in claims:
            if fact["doc"] != claim["doc"]:
                source = say.names.get(claim["according_to"], "an anonymous source")
                why = (
                    f"{say.outlet(fact)} states as fact that “{shorten(fact['text'], QUOTED_CHARS)}”; "
                    f"{say.outlet(claim)} attributes it to {source}."
                )
                return [item("attribution", fact, claim, why)]
    return []


def _across_documents(first: list[Record], second: list[Record]) -> tuple[Record, Record] | None:
    """The best-founded pair of records, one from each group, that come from different documents."""
    for a, b in ((a, b) for a in first for b in second):
        if a["doc"] != b["doc"]:
            return a, b
    return None
