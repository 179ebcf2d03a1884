"""One timeline across documents: an event, position or quote reported by several outlets is one entry."""

from __future__ import annotations

import re
from collections.abc import Callable, Hashable, Iterable, Mapping
from dataclasses import dataclass, field

from rapidfuzz import fuzz

from pourparler.fuse.records import (
    Record,
    date_order,
    date_range,
    days_apart,
    evidence,
    is_anonymous,
    name_of,
    named_actors,
    precision,
    ref_of,
    same_value,
    shorten,
    unique,
)

PUBLICATION_SLACK_DAYS = 2  # a date taken from publication or report time may trail the event by this much
SUMMARY_CHARS = 160
QUOTE_SIMILARITY = 90  # rapidfuzz ratio of two renderings of one quote (punctuation, a word changed)
QUOTE_CONTAINED_SIMILARITY = 95  # partial ratio when one outlet quotes only part of the other's quote
MIN_CONTAINED_CHARS = 25  # shorter fragments ("he said no") are too common to prove a shared quote
BASIS_RANK = {"clause": 0, "report": 1, "publication": 2}
KIND_ORDER = {"event": 0, "position": 1, "quote": 2}
# Actor ids are slugs, so this prefix of the speaker key of anonymous sources (see speaker_key) is none.
ANONYMOUS_SPEAKERS = "anonymous:"
STANCE_VERBS = {
    "demand": "demands",
    "insist": "insists on",
    "offer": "offers",
    "propose": "proposes",
    "accept": "accepts",
    "reject": "rejects",
    "willing": "is willing",
}


def dates_agree(a: Record, b: Record) -> bool:
    """Same day, or close enough when one date is only the time of the report or of publication."""
    apart = days_apart(a.get("date"), b.get("date"))
    if apart is None:
        return False
    loose = a.get("date_basis") != "clause" or b.get("date_basis") != "clause"
    return apart == 0 or (loose and apart <= PUBLICATION_SLACK_DAYS)


def same_event(a: Record, b: Record, *, check_date: bool = True, check_place: bool = True) -> bool:
    """Whether two event records can be one event: type and mode, shared actors, place and date."""
    if a.get("type") != b.get("type"):
        return False
    if a.get("mode") and b.get("mode") and a["mode"] != b["mode"]:
        return False
    actors_a, actors_b = named_actors(a.get("actors", [])), named_actors(b.get("actors", []))
    if actors_a or actors_b:
        if not actors_a & actors_b:
            return False
    elif not named_actors(a.get("targets", [])) & named_actors(b.get("targets", [])):
        return False
    if check_place and not places_agree(a.get("location"), b.get("location")):
        return False
    return not check_date or dates_agree(a, b)


def places_agree(a: str | None, b: str | None) -> bool:
    return not a or not b or a.casefold() == b.casefold()


def same_position(a: Record, b: Record) -> bool:
    """Whether two position records state one stance: party, issue, stance, value and date."""
    return (
        (a.get("party"), a.get("issue"), a.get("stance")) == (b.get("party"), b.get("issue"), b.get("stance"))
        and same_value(a.get("value"), b.get("value"))
        and dates_agree(a, b)
    )


def merge_events(events: Iterable[Record]) -> list[list[Record]]:
    """Events that happened, grouped so that each group is one event (at most one record per document).

    Negated and hypothetical events did not happen, so they are left out. The lead record comes first.
    """
    happened = [e for e in events if not e.get("negated") and not e.get("hypothetical")]
    return [_lead_first(c) for c in _cluster(happened, same_event, lambda e: e.get("type"), True)]


def merge_positions(positions: Iterable[Record]) -> list[list[Record]]:
    """Positions grouped so that each group is one stance on one date, as any number of sentences state it."""
    groups = _cluster(list(positions), same_position, lambda p: (p.get("party"), p.get("issue")), False)
    return [_lead_first(g) for g in groups]


def merge_quotes(quotes: Iterable[Record]) -> list[Record]:
    """Quotes with their sources: a quote repeated by several outlets is one quote with several sources."""
    groups = _cluster(list(quotes), _same_quote, _speaker_bucket, False, dated=False)
    merged = []
    for group in groups:
        lead = max(group, key=lambda q: len(q["text"]))
        speaker = lead.get("speaker") or {}
        merged.append(
            {
                "ref": ref_of(group[0]),
                "speaker": speaker.get("actor"),
                "speaker_text": speaker.get("text"),
                "text": lead["text"],
                "kind": lead.get("kind"),
                "sources": unique(q["doc"] for q in group),
                "evidence": [evidence(q) for q in group],
                "members": [ref_of(q) for q in group],
            }
        )
    return merged


def timeline(
    events: Iterable[Record], positions: Iterable[Record], names: Mapping[str, str] | None = None
) -> list[Record]:
    """Dated entries for merged events and positions, in date order."""
    entries = [_event_entry(group) for group in merge_events(events)]
    entries += [_position_entry(group, names) for group in merge_positions(positions)]
    dated = [e for e in entries if e["date"]]
    return sorted(dated, key=lambda e: (date_order(e["date"]), KIND_ORDER[e["kind"]]))


def entry(kind: str, group: list[Record], summary: str) -> Record:
    """A timeline entry for a merged group whose lead record comes first."""
    lead = group[0]
    return {
        "date": lead.get("date"),
        "kind": kind,
        "ref": ref_of(lead),
        "summary": summary,
        "sources": unique(m["doc"] for m in group),
        "evidence": [evidence(m) for m in group],
        "members": [ref_of(m) for m in group],
    }


def position_summary(position: Record, names: Mapping[str, str] | None = None) -> str:
    """ "Hamas demands the release of 20 life-sentenced prisoners … (prisoners per hostage)"."""
    issue = str(position.get("issue") or "").replace("_", " ")
    verb = STANCE_VERBS.get(position.get("stance") or "", position.get("stance") or "on")
    what = f"{position['object']} ({issue})" if position.get("object") else issue
    return shorten(f"{name_of(position['party'], names)} {verb} {what}", SUMMARY_CHARS)


def _event_entry(group: list[Record]) -> Record:
    lead = group[0]
    item = entry("event", group, shorten(lead["text"], SUMMARY_CHARS))
    item.update(
        type=lead.get("type"),
        mode=lead.get("mode"),
        actors=unique(a for m in group for a in m.get("actors", []) if not is_anonymous(a)),
        targets=unique(a for m in group for a in m.get("targets", []) if not is_anonymous(a)),
        location=next((m["location"] for m in group if m.get("location")), None),
    )
    return item


def _position_entry(group: list[Record], names: Mapping[str, str] | None) -> Record:
    lead = group[0]
    item = entry("position", group, position_summary(lead, names))
    item.update({k: lead.get(k) for k in ("party", "issue", "stance", "value", "profile")})
    return item


def _lead_first(group: list[Record]) -> list[Record]:
    """The record whose date is best founded (the clause's own, then the finest) leads its group."""
    lead = min(
        group,
        key=lambda r: (BASIS_RANK.get(r.get("date_basis") or "", 3), -precision(r.get("date"))),
    )
    return [lead, *(r for r in group if r is not lead)]


@dataclass(slots=True)
class _Group:
    members: list[Record]
    last_day: int = 0  # ordinal of the latest day a member's date reaches
    documents: set[str] = field(default_factory=set)


def _cluster(
    items: list[Record],
    same: Callable[[Record, Record], bool],
    bucket: Callable[[Record], Hashable],
    one_per_document: bool,
    *,
    dated: bool = True,
) -> list[list[Record]]:
    """Groups in which every pair is `same`; with `dated`, items are visited in date order and undated
    items stay alone, so only groups still within reach of an item's date are compared with it."""
    groups: list[_Group] = []
    open_groups: dict[Hashable, list[_Group]] = {}
    ordered = sorted(items, key=lambda i: date_order(i.get("date"))) if dated else items
    for item in ordered:
        span = date_range(item.get("date")) if dated else None
        if dated and span is None:
            groups.append(_Group([item]))
            continue
        reach = (span[0].toordinal() - PUBLICATION_SLACK_DAYS) if span else 0
        candidates = [g for g in open_groups.get(bucket(item), []) if not span or g.last_day >= reach]
        open_groups[bucket(item)] = candidates
        for group in candidates:
            if one_per_document and item["doc"] in group.documents:
                continue
            if all(same(item, m) for m in group.members):
                break
        else:
            group = _Group([])
            groups.append(group)
            candidates.append(group)
        group.members.append(item)
        group.documents.add(item["doc"])
        if span:
            group.last_day = max(group.last_day, span[1].toordinal())
    return [g.members for g in groups]


def _normalise(text: str) -> str:
    text = re.sub(r"[“”„\"‘’']", "", text.casefold())
    return " ".join(re.findall(r"\w+", text))


def _same_quote(a: Record, b: Record) -> bool:
    ta, tb = _normalise(a["text"]), _normalise(b["text"])
    if fuzz.ratio(ta, tb) >= QUOTE_SIMILARITY:
        return True
    return (
        min(len(ta), len(tb)) >= MIN_CONTAINED_CHARS
        and fuzz.partial_ratio(ta, tb) >= QUOTE_CONTAINED_SIMILARITY
    )


def speaker_key(quote: Record) -> str | None:
    """What quotes must share to be one: a named speaker's actor id, or for an anonymous source (their ids
    are local to an article) its country, as `anonymous:ISR`; None for an unresolved speaker."""
    speaker = quote.get("speaker") or {}
    if speaker.get("actor") and not is_anonymous(speaker["actor"]):
        return str(speaker["actor"])
    if speaker.get("anonymous"):
        return f"{ANONYMOUS_SPEAKERS}{speaker.get('country') or ''}"
    return None


def _speaker_bucket(quote: Record) -> Hashable:
    # An unresolved speaker matches nobody.
    return speaker_key(quote) or ("unresolved", ref_of(quote))
