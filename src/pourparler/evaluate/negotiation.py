"""Scores of events (PLOVER type, actors, date) and positions (party, issue, stance, value) against gold."""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import partial
from typing import Any

from pourparler.evaluate.extraction import Accuracy, Tally, locate, same_actor, time_value
from pourparler.evaluate.gold import GoldArticle
from pourparler.model import Document


def score_negotiation(items: Iterable[tuple[GoldArticle, Document, dict[str, Any]]]) -> dict[str, Any]:
    """Event P/R/F1 by trigger with type, actor and date accuracy; position P/R/F1 where a position is
    right only when its party, issue, stance and value all match a gold one stated by the same word."""
    events, types, modes, actors, dates = Tally(), Accuracy(), Accuracy(), Accuracy(), Accuracy()
    positions, found_stances = Tally(), Accuracy()
    for article, document, record in items:
        annotation = article.annotation
        known = {a["id"]: a for a in record["actors"]}
        gold_actors = {a["name"]: a for a in annotation.get("actors") or []}
        body = document.body

        is_actor = partial(_is_actor, gold_actors, known)

        gold_events = _located(body, annotation.get("events") or [], article.name, events.errors)
        pairs = _pair(gold_events, record["events"], events, article.name, "event")
        for gold, event in pairs:
            where = f"{article.name}: {gold['trigger']!r}"
            types.add(event["type"] == gold["type"], f"{where}: type {event['type']} for {gold['type']}")
            if gold.get("mode"):
                modes.add(
                    event.get("mode") == gold["mode"], f"{where}: mode {event.get('mode')} for {gold['mode']}"
                )
            if gold.get("actors"):
                ok = any(is_actor(n, a) for n in gold["actors"] for a in event["actors"])
                actors.add(ok, f"{where}: actors {event['actors']} for {gold['actors']}")
            if gold.get("date"):
                want = time_value(gold["date"])
                dates.add(event.get("date") == want, f"{where}: date {event.get('date')} for {want}")

        gold_positions = _located(body, annotation.get("positions") or [], article.name, positions.errors)
        predicted = list(record["positions"])
        for gold in gold_positions:
            same_word = [p for p in predicted if _same_trigger(gold, p)]
            right = next(
                (
                    p
                    for p in same_word
                    if is_actor(gold["party"], p["party"])
                    and gold["issue"] in (p["issue"], p.get("kind"))
                    and p["stance"] == gold["stance"]
                    and _same_value(gold, p.get("value"))
                ),
                None,
            )
            if same_word:
                found_stances.add(
                    any(p["stance"] == gold["stance"] for p in same_word),
                    f"{article.name}: {gold['trigger']!r} stance {[p['stance'] for p in same_word]}",
                )
            if right is not None:
                positions.tp += 1
                predicted.remove(right)
                continue
            positions.fn += 1
            got = "; ".join(_describe(p) for p in same_word) or "nothing"
            positions.errors.append(f"{article.name}: missed {_describe_gold(gold)} — got {got}")
        for p in predicted:
            positions.fp += 1
            positions.errors.append(f"{article.name}: spurious {_describe(p)} in {p['text'][:80]!r}")
    return {
        "events": {**events.scores(), "errors": events.errors},
        "event_types": {**types.scores(), "errors": types.errors},
        "event_modes": {**modes.scores(), "errors": modes.errors},
        "event_actors": {**actors.scores(), "errors": actors.errors},
        "event_dates": {**dates.scores(), "errors": dates.errors},
        "positions": {**positions.scores(), "errors": positions.errors},
        "position_stances": {**found_stances.scores(), "errors": found_stances.errors},
    }


def _is_actor(gold_actors: dict[str, Any], known: dict[str, Any], name: str, actor_id: str) -> bool:
    gold = gold_actors.get(name) or {"name": name}
    return same_actor(gold, {"text": actor_id.replace("-", " ")}, known.get(actor_id))


def _located(body: str, items: list[dict[str, Any]], name: str, errors: list[str]) -> list[dict[str, Any]]:
    """Gold items with the offsets of their trigger word in the body; items not in the body are skipped."""
    located = []
    for item in items:
        spans = locate(body, item["text"])
        offset = item["text"].find(item["trigger"])
        if not spans or offset < 0:
            errors.append(f"{name}: gold text not in body: {item['text'][:60]!r}")
            continue
        start = spans[0][0] + offset
        located.append({**item, "_trigger": (start, start + len(item["trigger"]))})
    return located


def _same_trigger(gold: dict[str, Any], predicted: dict[str, Any]) -> bool:
    start, end = gold["_trigger"]
    trigger = predicted.get("trigger") or {}
    return bool(trigger) and trigger["start"] < end and start < trigger["end"]


def _pair(
    gold: list[dict[str, Any]], predicted: list[dict[str, Any]], tally: Tally, name: str, what: str
) -> list[tuple[dict[str, Any], dict[str, Any]]]:
    left = list(predicted)
    pairs = []
    for g in gold:
        match = next((p for p in left if _same_trigger(g, p)), None)
        if match is None:
            tally.fn += 1
            tally.errors.append(f"{name}: missed {what} {g['type']} {g['trigger']!r} in {g['text'][:70]!r}")
            continue
        left.remove(match)
        tally.tp += 1
        pairs.append((g, match))
    for p in left:
        tally.fp += 1
        tally.errors.append(
            f"{name}: spurious {what} {p['type']} {p['trigger']['text']!r} in {p['text'][:70]!r}"
        )
    return pairs


def _same_value(gold: dict[str, Any], value: dict[str, Any] | None) -> bool:
    """The numbers stated agree. A one-sided bound ("at least 40%": min 40, max open) states one number, so it
    matches an annotation that writes that number as min and max; annotators write bounds that way."""
    found = {float(n) for n in ((value or {}).get("min"), (value or {}).get("max")) if n is not None}
    for scale in _scales(gold.get("unit")):
        stated = {float(n) * scale for n in (gold.get("min"), gold.get("max")) if n is not None}
        if len(stated) == len(found) and all(any(_close(a, b) for b in found) for a in stated):
            return True
    return False


SCALES = {
    "k": 1e3,
    "thousand": 1e3,
    "m": 1e6,
    "mn": 1e6,
    "million": 1e6,
    "bn": 1e9,
    "billion": 1e9,
    "tn": 1e12,
    "trillion": 1e12,
}


def _scales(unit: Any) -> list[float]:
    """ "$bn", "mn t/yr": an annotator may write a number in the scale its unit names."""
    words = re.findall(r"[a-z]+", str(unit or "").lower())
    return [1.0, *{SCALES[w] for w in words if w in SCALES}]


def _close(a: Any, b: Any) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return abs(float(a) - float(b)) <= 1e-6 * max(1.0, abs(float(a)))


def _describe(p: dict[str, Any]) -> str:
    value = p.get("value") or {}
    number = f" {value.get('min')}-{value.get('max')}" if value else ""
    return f"{p['party']} {p['stance']} {p['issue']}{number}"


def _describe_gold(g: dict[str, Any]) -> str:
    number = f" {g.get('min')}-{g.get('max')}" if g.get("min") is not None else ""
    return f"{g['party']} {g['stance']} {g['issue']}{number} ({g['trigger']!r})"
