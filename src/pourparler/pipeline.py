"""The one path from sources to analysed documents; the only module that knows the stages' order."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from pourparler.clean import clean
from pourparler.errors import InputError
from pourparler.ingest import ReadOptions, read_sources
from pourparler.model import Actor, Analysis, Document, Failure, RawDocument


def prepare(raw: RawDocument, *, published: str | None = None, today: dt.date | None = None) -> Document:
    """Clean one raw article into a Document (body, metadata, publication date)."""
    return clean(raw, published=published, today=today)


def documents(
    sources: Iterable[str],
    options: ReadOptions | None = None,
    *,
    published: str | None = None,
    strict: bool = False,
) -> Iterator[Document | Failure]:
    """Read and clean every source; an input that fails becomes a Failure and the rest go on.

    `strict` lets unexpected errors (bugs, not bad input) propagate, for --debug.
    """
    for item in read_sources(sources, options or ReadOptions()):
        yield prepared(item, published=published, strict=strict)


def prepared(
    item: RawDocument | Failure, *, published: str | None = None, strict: bool = False
) -> Document | Failure:
    """One item a reader gave, cleaned into a Document; a Failure stays one, and so does an article that
    cannot be cleaned (`strict` lets unexpected errors propagate)."""
    if isinstance(item, Failure):
        return item
    try:
        return prepare(item, published=published)
    except InputError as exc:
        return Failure(item.source, str(exc))
    except Exception as exc:  # one broken article must not stop a batch
        if strict:
            raise
        reason = f"could not be processed ({type(exc).__name__}: {exc}); please report this"
        return Failure(item.source, reason)


def analyse(docs: list[Document], profile_dirs: tuple[Path, ...] = ()) -> Analysis:
    """The record of a set of documents: one spaCy pass each, every extractor over the parsed Doc, then
    the fusion across them (stories, timeline, contradictions).

    `profile_dirs` add negotiation profiles to the shipped ones (knowledge/profiles).
    """
    from pourparler.fuse import fuse
    from pourparler.knowledge.negotiation import profiles

    return fuse(extract(docs, profile_dirs), {p.id: p.label for p in profiles(profile_dirs)})


def extract(docs: list[Document], profile_dirs: tuple[Path, ...] = ()) -> Analysis:
    """Each document's own record, without fusion: one spaCy pass each, then every extractor."""
    from pourparler.extract.actors import find_actors
    from pourparler.extract.clauses import Clauses
    from pourparler.extract.events import find_events, with_parties
    from pourparler.extract.positions import find_positions
    from pourparler.extract.quantities import find_quantities
    from pourparler.extract.quotes import find_quotes
    from pourparler.extract.timex import find_times
    from pourparler.knowledge.negotiation import profiles
    from pourparler.nlp import parse

    analysis = Analysis(documents=docs)
    actors: dict[str, Actor] = {}
    known_profiles = profiles(profile_dirs)
    for document, sp in zip(docs, parse(d.body for d in docs), strict=True):
        doc_id = document.id
        times = find_times(sp, publication_day(document.published.date))
        analysis.times += [t.to_json(doc_id) for t in times]
        quantities = find_quantities(document.body, [(t.start, t.end) for t in times])
        analysis.quantities += [q.to_json(doc_id) for q in quantities]
        cast = find_actors(sp, document)
        analysis.mentions += [m.to_json(doc_id) for m in cast.mentions if m.actor]
        quotes = find_quotes(sp, document, cast)
        analysis.quotes += [q.to_json(doc_id) for q in quotes]
        clauses = Clauses(sp, document, cast, quotes, times)
        events = find_events(clauses)
        positions = find_positions(clauses, quantities, known_profiles)
        analysis.events += [e.to_json(doc_id) for e in with_parties(events, positions)]
        analysis.positions += [p.to_json(doc_id) for p in positions]
        # after the extractors: they add the actors they come across (an unlisted party)
        for actor in cast.actors.values():
            _merge_actor(actors, actor)
    analysis.actors = [a.to_json() for a in actors.values()]
    return analysis


def analyse_one(document: Document, profile_dirs: tuple[Path, ...] = ()) -> dict[str, Any]:
    """One document's analysis as the store keeps it: its slice of the record (events, positions, quotes,
    mentions, see `fuse.slices`) with its times, quantities and the actors it names."""
    from pourparler.fuse import slices

    record = extract([document], profile_dirs).to_json()
    (part,) = slices(record)
    del part["document"]
    return {**part, "times": record["times"], "quantities": record["quantities"], "actors": record["actors"]}


def document_record(document: Document, profile_dirs: tuple[Path, ...] = ()) -> dict[str, Any]:
    """One document with its analysis, as batch output keeps it: {"document": the whole document,
    "story": None, **analyse_one(document)}; `Store.add` and `tables.document_rows` read it."""
    return {"document": document.to_json(), "story": None, **analyse_one(document, profile_dirs)}


def publication_day(date: str | None) -> dt.date | None:
    """The publication day when it is known to the day; relative times need it as their anchor."""
    try:
        return dt.date.fromisoformat(date) if date and len(date) == 10 else None
    except ValueError:
        return None


def _merge_actor(actors: dict[str, Actor], actor: Actor) -> None:
    """One entry per actor across documents; roles and aliases seen in any document are kept."""
    existing = actors.get(actor.id)
    if existing is None:
        actors[actor.id] = actor
        return
    existing.roles += [r for r in actor.roles if r not in existing.roles]
    existing.aliases += [a for a in actor.aliases if a not in existing.aliases]
