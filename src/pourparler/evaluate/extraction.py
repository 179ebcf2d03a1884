"""Scores of the extractors against gold annotations: actors, quotes with speakers and kinds, times."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from rapidfuzz import fuzz

from pourparler.evaluate.gold import GoldArticle
from pourparler.model import Document

DETERMINERS = re.compile(r"^(?:an?|the|one|two|some|several)\s+", re.IGNORECASE)
# A predicted span matches a gold one when it covers this share of the gold characters...
GOLD_COVER = 0.6
# ...and this share of its own characters is gold (waived for mixed quotes: gold marks only the quoted words).
PRED_COVER = 0.4


@dataclass(slots=True)
class Tally:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    errors: list[str] = field(default_factory=list)

    def scores(self) -> dict[str, Any]:
        precision = self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0
        recall = self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        return {
            "precision": precision,
            "recall": recall,
            "f1": f1,
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
        }


@dataclass(slots=True)
class Accuracy:
    right: int = 0
    total: int = 0
    errors: list[str] = field(default_factory=list)

    def add(self, ok: bool, error: str) -> None:
        self.total += 1
        self.right += ok
        if not ok:
            self.errors.append(error)

    def scores(self) -> dict[str, Any]:
        return {
            "accuracy": self.right / self.total if self.total else 0.0,
            "right": self.right,
            "total": self.total,
        }


def score_extraction(items: Iterable[tuple[GoldArticle, Document, dict[str, Any]]]) -> dict[str, Any]:
    """Quote P/R/F1 with speaker and kind accuracy, time P/R/F1 with value accuracy, actor P/R/F1.

    Each item is a gold article, its cleaned document and the analysis JSON of that document.
    """
    quotes, speakers, kinds = Tally(), Accuracy(), Accuracy()
    times, values = Tally(), Accuracy()
    actors = Tally()
    for article, document, record in items:
        annotation = article.annotation
        gold_actors = {a["name"]: a for a in annotation.get("actors") or []}
        _score_quotes(
            article.name,
            document.body,
            annotation.get("quotes") or [],
            record["quotes"],
            gold_actors,
            record["actors"],
            quotes,
            speakers,
            kinds,
        )
        _score_times(
            article.name, document.body, annotation.get("times") or [], record["times"], times, values
        )
        _score_actors(article.name, list(gold_actors.values()), record, actors)
    return {
        "quotes": {**quotes.scores(), "errors": quotes.errors},
        "speakers": {**speakers.scores(), "errors": speakers.errors},
        "quote_kinds": {**kinds.scores(), "errors": kinds.errors},
        "times": {**times.scores(), "errors": times.errors},
        "time_values": {**values.scores(), "errors": values.errors},
        "actors": {**actors.scores(), "errors": actors.errors},
    }


# --- spans -----------------------------------------------------------------


def locate(body: str, text: str) -> list[tuple[int, int]]:
    """Every place a gold text occurs in the body (gold texts are verbatim, so exact search is enough)."""
    spans, start = [], body.find(text)
    while start >= 0 and text:
        spans.append((start, start + len(text)))
        start = body.find(text, start + 1)
    return spans


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def match_spans(
    gold: list[tuple[int, int]],
    predicted: list[tuple[int, int]],
    lenient: Callable[[int, int], bool] = lambda g, p: False,
    *,
    nested: bool = False,
) -> list[tuple[int, int]]:
    """One-to-one (gold index, predicted index) pairs, best overlaps first; `nested` also pairs spans
    where one holds the other ("six-year" in "a six-year contract")."""
    candidates = []
    for gi, g in enumerate(gold):
        for pi, p in enumerate(predicted):
            shared = _overlap(g, p)
            if not shared:
                continue
            gold_share = shared / (g[1] - g[0])
            pred_share = shared / max(1, p[1] - p[0])
            if (gold_share >= GOLD_COVER and (pred_share >= PRED_COVER or lenient(gi, pi))) or (
                nested and (gold_share == 1 or pred_share == 1)
            ):
                candidates.append((gold_share + pred_share, gi, pi))
    pairs, used_g, used_p = [], set(), set()
    for _, gi, pi in sorted(candidates, reverse=True):
        if gi not in used_g and pi not in used_p:
            pairs.append((gi, pi))
            used_g.add(gi)
            used_p.add(pi)
    return pairs


def _gold_spans(body: str, texts: list[str], name: str, errors: list[str]) -> list[tuple[int, int]]:
    """Each gold text's span; repeated texts take successive occurrences."""
    spans: list[tuple[int, int]] = []
    used: dict[str, int] = {}
    for text in texts:
        found = locate(body, text)
        k = used.get(text, 0)
        used[text] = k + 1
        if not found:
            errors.append(f"{name}: not scored, the gold text is not in the body: {text[:60]!r}")
            spans.append((-1, -1))
        else:
            spans.append(found[min(k, len(found) - 1)])
    return spans


def _count(
    tally: Tally,
    gold_spans: list[tuple[int, int]],
    pairs: list[tuple[int, int]],
    missed: list[str],
    extra: list[str],
) -> None:
    """Add matches, misses and extras to a tally; gold texts outside the body are not scored."""
    matched_g = {g for g, _ in pairs}
    matched_p = {p for _, p in pairs}
    outside = {gi for gi, span in enumerate(gold_spans) if span[0] < 0}
    tally.tp += len(matched_g)
    tally.fn += len(gold_spans) - len(matched_g) - len(outside)
    tally.fp += len(extra) - len(matched_p)
    tally.errors += [e for gi, e in enumerate(missed) if gi not in matched_g and gi not in outside]
    tally.errors += [e for pi, e in enumerate(extra) if pi not in matched_p]


# --- quotes ----------------------------------------------------------------


def _score_quotes(
    name: str,
    body: str,
    gold: list[dict[str, Any]],
    predicted: list[dict[str, Any]],
    gold_actors: dict[str, dict[str, Any]],
    actors: list[dict[str, Any]],
    tally: Tally,
    speakers: Accuracy,
    kinds: Accuracy,
) -> None:
    gold_spans = _gold_spans(body, [str(q["text"]) for q in gold], name, tally.errors)
    pred_spans = [(q["start"], q["end"]) for q in predicted]
    mixed = lambda gi, pi: gold[gi].get("kind") == "mixed" or predicted[pi]["kind"] == "mixed"  # noqa: E731
    pairs = match_spans(gold_spans, pred_spans, mixed)
    pairs += _inside_mixed(gold_spans, predicted, {g for g, _ in pairs})
    by_id = {a["id"]: a for a in actors}
    _count(
        tally,
        gold_spans,
        pairs,
        [f"{name}: missed {q['kind']} quote {str(q['text'])[:70]!r}" for q in gold],
        [f"{name}: extra {q['kind']} quote {q['text'][:70]!r}" for q in predicted],
    )
    for gi, pi in pairs:
        g, p = gold[gi], predicted[pi]
        want = gold_actors.get(g["speaker"], {"name": g["speaker"]})
        speaker = p["speaker"]
        ok = same_actor(want, speaker, by_id.get(speaker.get("actor") or ""))
        speakers.add(
            ok,
            f"{name}: {str(g['text'])[:50]!r} said by {g['speaker']!r}, got {speaker.get('text')!r}"
            f" ({speaker.get('actor')})",
        )
        kinds.add(g["kind"] == p["kind"], f"{name}: {str(g['text'])[:50]!r} is {g['kind']}, got {p['kind']}")


def _inside_mixed(
    gold_spans: list[tuple[int, int]], predicted: list[dict[str, Any]], matched: set[int]
) -> list[tuple[int, int]]:
    """Gold pieces of one mixed quote: annotators may split paraphrase and "own words"; we keep it whole."""
    pairs = []
    for gi, g in enumerate(gold_spans):
        if gi in matched or g[0] < 0:
            continue
        for pi, p in enumerate(predicted):
            if p["kind"] == "mixed" and _overlap(g, (p["start"], p["end"])) >= 0.9 * (g[1] - g[0]):
                pairs.append((gi, pi))
                break
    return pairs


def _words(text: str | None) -> list[str]:
    text = DETERMINERS.sub("", (text or "").replace("’", "'").strip())
    return re.sub(r"[^a-z0-9 ]+", " ", re.sub(r"'s\b", "", text.lower())).split()


def same_actor(gold: dict[str, Any], speaker: dict[str, Any], actor: dict[str, Any] | None) -> bool:
    """Whether a predicted speaker (its actor record, else its words) is the gold actor."""
    want = _words(gold.get("name"))
    if not want:
        return False
    if (
        gold.get("kind") == "state"
        and actor is not None
        and actor.get("kind") == "state"
        and gold.get("country")
        and gold.get("country") == actor.get("country")
    ):
        return True  # "Yemeni government" annotated as a state is the state of its country code
    names = [speaker.get("text")]
    if actor is not None:
        names += [actor.get("name"), *(actor.get("aliases") or [])]
    for name in names:
        got = _words(name)
        if not got:
            continue
        if got == want or fuzz.token_set_ratio(" ".join(got), " ".join(want)) >= 90:
            return True
        if (
            gold.get("kind") == "person"
            and got[-1] == want[-1]
            and (actor is None or actor.get("kind") == "person")
        ):
            return True
        if gold.get("kind") == "anonymous" and _head(got) == _head(want) and speaker.get("anonymous"):
            return True
    return False


def _head(words: list[str]) -> str:
    """The noun an anonymous source is called by: "official" in "a senior official familiar with ..."."""
    stops = {"close", "familiar", "in", "with", "at", "from", "on", "involved", "briefed", "who", "of"}
    head = []
    for w in words:
        if w in stops:
            break
        head.append(w)
    last = (head or words)[-1]
    return last[:-1] if last.endswith("s") and len(last) > 3 else last


# --- times -----------------------------------------------------------------


def _score_times(
    name: str,
    body: str,
    gold: list[dict[str, Any]],
    predicted: list[dict[str, Any]],
    tally: Tally,
    values: Accuracy,
) -> None:
    gold_spans = _gold_spans(body, [str(t["text"]) for t in gold], name, tally.errors)
    pred_spans = [(t["start"], t["end"]) for t in predicted]
    pairs = match_spans(gold_spans, pred_spans, nested=True)
    _count(
        tally,
        gold_spans,
        pairs,
        [f"{name}: missed time {t['text']!r} ({t['value']})" for t in gold],
        [f"{name}: extra time {t['text']!r} ({t['value']})" for t in predicted],
    )
    for gi, pi in pairs:
        g, p = gold[gi], predicted[pi]
        want, got = time_value(g.get("value")), predicted_value(p)
        values.add(want == got, f"{name}: {g['text']!r} is {want}, got {got} from {p['text']!r}")


def time_value(value: Any) -> str | None:
    """A gold value as text: dates, months, weeks and years as ISO, periods as P..., ranges as a/b."""
    if value is None:
        return None
    text = str(value)
    # a clock time is scored by its day: values carry no time of day
    return text.split("T")[0] if text[:1].isdigit() else text


def predicted_value(time: dict[str, Any]) -> str | None:
    if time.get("duration") and not time.get("value"):
        return str(time["duration"])
    if time.get("until") and time.get("value"):
        return f"{time['value']}/{time['until']}"
    return time.get("value")


# --- actors ----------------------------------------------------------------


def _score_actors(name: str, gold: list[dict[str, Any]], record: dict[str, Any], tally: Tally) -> None:
    """Gold actors against the actors this document mentions (outlets and places are not actors)."""
    by_id = {a["id"]: a for a in record["actors"]}
    predicted = [by_id[i] for i in dict.fromkeys(m["actor"] for m in record["mentions"]) if i in by_id]
    used: set[int] = set()
    for g in gold:
        hit = next(
            (
                i
                for i, p in enumerate(predicted)
                if i not in used
                and same_actor(g, {"text": p["name"], "anonymous": p["kind"] == "anonymous"}, p)
            ),
            None,
        )
        if hit is None:
            tally.fn += 1
            tally.errors.append(f"{name}: missed actor {g['name']!r} ({g.get('kind')})")
        else:
            used.add(hit)
            tally.tp += 1
    for i, p in enumerate(predicted):
        if i not in used:
            tally.fp += 1
            tally.errors.append(f"{name}: extra actor {p['name']!r} ({p['kind']})")
