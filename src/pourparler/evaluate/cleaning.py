"""Scores for cleaning and metadata: boilerplate lines removed, title, byline, outlet, date."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from typing import Any

from pourparler.clean.lines import normalise_line
from pourparler.evaluate.gold import GoldArticle
from pourparler.knowledge import known_outlet
from pourparler.model import Document


def score_cleaning(pairs: list[tuple[GoldArticle, Document]]) -> dict[str, Any]:
    """Line-level precision/recall of boilerplate removal and accuracy of each metadata field."""
    tp = fp = fn = 0
    errors: list[str] = []
    fields: dict[str, list[bool]] = {k: [] for k in ("title", "subtitle", "byline", "outlet", "cites")}
    dates = {"correct": 0, "wrong": 0, "unknown": 0}
    for gold, doc in pairs:
        ann = gold.annotation
        heading = {normalise_line(x) for x in (ann.get("title"), ann.get("subtitle")) if x}
        wanted = Counter(normalise_line(b["line"]) for b in ann.get("boilerplate") or [])
        removed = Counter(normalise_line(r.text) for r in doc.removed)
        for line in (normalise_line(x) for x in gold.text.splitlines()):
            if not line or line in heading:
                continue
            is_gold, is_removed = wanted[line] > 0, removed[line] > 0
            wanted[line] -= is_gold
            removed[line] -= is_removed
            tp += is_gold and is_removed
            fp += is_removed and not is_gold
            fn += is_gold and not is_removed
            if is_removed != is_gold:
                errors.append(f"{gold.name}: {'removed' if is_removed else 'kept'} {line[:70]!r}")
        fields["title"].append(_same(ann.get("title"), doc.title))
        fields["subtitle"].append(_same(ann.get("subtitle"), doc.subtitle))
        fields["byline"].append(sorted(ann.get("byline") or []) == sorted(doc.byline))
        fields["outlet"].append(_outlet(ann.get("outlet")) == _outlet(doc.outlet))
        fields["cites"].append(
            sorted(_outlet(c) for c in ann.get("cites") or []) == sorted(_outlet(c) for c in doc.cites)
        )
        for name, ok in fields.items():
            if not ok[-1]:
                errors.append(f"{gold.name}: {name} {getattr(doc, name)!r} (gold {ann.get(name)!r})")
        dates[_date_outcome(ann.get("published"), doc.published.date)] += 1
        if doc.published.date and _date_outcome(ann.get("published"), doc.published.date) == "wrong":
            errors.append(f"{gold.name}: published {doc.published.date} (gold {ann.get('published')})")
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    inferred = dates["correct"] + dates["wrong"]
    return {
        "boilerplate": {
            "precision": precision,
            "recall": recall,
            "f1": 2 * precision * recall / (precision + recall) if precision + recall else 0.0,
            "tp": tp,
            "fp": fp,
            "fn": fn,
        },
        "metadata": {name: sum(ok) / len(ok) for name, ok in fields.items() if ok},
        "published": {
            "precision": dates["correct"] / inferred if inferred else 1.0,
            "coverage": inferred / len(pairs) if pairs else 0.0,
            **dates,
        },
        "errors": errors,
    }


def _same(gold: str | None, got: str | None) -> bool:
    return normalise_line(gold or "") == normalise_line(got or "")


def _outlet(name: str | None) -> str:
    if not name:
        return ""
    known = known_outlet(name)
    return (known.name if known else name).lower()


def _date_outcome(gold: Any, got: str | None) -> str:
    if not got:
        return "unknown"
    try:
        delta = dt.date.fromisoformat(str(got)[:10]) - dt.date.fromisoformat(str(gold)[:10])
    except ValueError:
        return "wrong"
    return "correct" if abs(delta.days) <= 1 else "wrong"
