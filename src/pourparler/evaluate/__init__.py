"""`pourparler eval`: run the pipeline over gold articles and score each component."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pourparler.evaluate.cleaning import score_cleaning
from pourparler.evaluate.extraction import score_extraction
from pourparler.evaluate.gold import GoldArticle, load_gold
from pourparler.evaluate.negotiation import score_negotiation
from pourparler.model import Document, Published, RawDocument

if TYPE_CHECKING:
    from rich.console import Console


def evaluate_folder(folder: Path, *, today: dt.date | None = None) -> dict[str, Any]:
    """Scores of every component on the gold articles in `folder`."""
    from pourparler.pipeline import prepare

    articles = load_gold(folder)
    pairs = [(a, prepare(RawDocument(source=str(a.path), text=a.text), today=today)) for a in articles]
    analysed = _analysed(pairs)
    return {
        "articles": len(articles),
        "cleaning": score_cleaning(pairs),
        "extraction": {**score_extraction(analysed), **score_negotiation(analysed)},
    }


def _analysed(
    pairs: list[tuple[GoldArticle, Document]],
) -> list[tuple[GoldArticle, Document, dict[str, Any]]]:
    """Each article analysed with its true publication date, so time scores do not hang on date inference."""
    from pourparler.pipeline import analyse

    dated = []
    for article, document in pairs:
        published = article.annotation.get("published")
        basis = "given" if published else document.published.basis
        date = str(published) if published else document.published.date
        dated.append(dataclasses.replace(document, published=Published(date=date, basis=basis)))
    record = analyse(dated).to_json()
    items = []
    for (article, _), document in zip(pairs, dated, strict=True):
        doc_id = document.id
        own = {
            key: [x for x in record[key] if x.get("doc") == doc_id]
            for key in ("quotes", "times", "mentions", "events", "positions")
        }
        items.append((article, document, {**own, "actors": record["actors"]}))
    return items


def without_errors(scores: Any) -> Any:
    """The scores with every list of items missed or wrong left out: what a blind set may show."""
    if isinstance(scores, dict):
        return {k: without_errors(v) for k, v in scores.items() if k != "errors"}
    return scores


def render_scores(console: Console, scores: dict[str, Any], *, errors: bool = True) -> None:
    from rich.table import Table

    cleaning = scores["cleaning"]
    table = Table(title=f"pourparler eval — {scores['articles']} gold articles")
    for column in ("component", "precision", "recall", "F1 / accuracy", "counts"):
        table.add_column(column)
    b = cleaning["boilerplate"]
    table.add_row(
        "boilerplate lines",
        f"{b['precision']:.3f}",
        f"{b['recall']:.3f}",
        f"{b['f1']:.3f}",
        f"tp {b['tp']} fp {b['fp']} fn {b['fn']}",
    )
    for name, accuracy in cleaning["metadata"].items():
        table.add_row(name, "", "", f"{accuracy:.3f}", "")
    p = cleaning["published"]
    table.add_row(
        "publication date (±1 day)",
        f"{p['precision']:.3f}",
        f"coverage {p['coverage']:.3f}",
        "",
        f"correct {p['correct']} wrong {p['wrong']} unknown {p['unknown']}",
    )
    extraction = scores["extraction"]
    for label, key in (
        ("actors", "actors"),
        ("quotes (any kind)", "quotes"),
        ("time expressions", "times"),
        ("events (by trigger)", "events"),
        ("positions (party, issue, stance, value)", "positions"),
    ):
        part = extraction[key]
        table.add_row(
            label,
            f"{part['precision']:.3f}",
            f"{part['recall']:.3f}",
            f"{part['f1']:.3f}",
            f"tp {part['tp']} fp {part['fp']} fn {part['fn']}",
        )
    for label, key in (
        ("quote speakers", "speakers"),
        ("quote kinds", "quote_kinds"),
        ("time values", "time_values"),
        ("event types (PLOVER)", "event_types"),
        ("event modes", "event_modes"),
        ("event actors", "event_actors"),
        ("event dates", "event_dates"),
        ("position stances", "position_stances"),
    ):
        part = extraction[key]
        table.add_row(label, "", "", f"{part['accuracy']:.3f}", f"{part['right']} of {part['total']} found")
    console.print(table)
    if not errors:
        return
    for error in cleaning["errors"]:
        console.print(f"  {error}", style="dim", highlight=False, markup=False)
    for key in ("speakers", "time_values", "quotes", "times", "event_types", "positions"):
        for error in extraction[key]["errors"]:
            console.print(f"  {error}", style="dim", highlight=False, markup=False)
