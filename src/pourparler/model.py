"""The record pourparler builds, as small typed dataclasses, and its JSON form."""

from __future__ import annotations

import dataclasses
import functools
import hashlib
from dataclasses import dataclass, field
from typing import Any, Literal

DateBasis = Literal["metadata", "given", "inferred", "unknown"]


@dataclass(slots=True)
class RawDocument:
    """One article as a reader found it, before any cleaning.

    Exactly one of `text` (pasted or plain text) and `html` is set. The other
    fields carry whatever metadata the source itself has.
    """

    source: str
    text: str | None = None
    html: str | None = None
    url: str | None = None
    title: str | None = None
    published: str | None = None
    outlet: str | None = None
    warnings: list[str] = field(default_factory=list)


@dataclass(slots=True)
class Failure:
    """An input that could not be turned into a document, and why (one sentence)."""

    source: str
    reason: str

    def __str__(self) -> str:
        return f"{self.source}: {self.reason}"


@dataclass(slots=True)
class Removal:
    """A piece of boilerplate taken out of the body, and the kind of boilerplate it was."""

    text: str
    reason: str


@dataclass(slots=True)
class Published:
    """The publication date, how it is known, and the words that support it."""

    date: str | None = None
    basis: DateBasis = "unknown"
    evidence: str | None = None


@dataclass(slots=True)
class Document:
    """A cleaned article. Every offset elsewhere in the record indexes `body`."""

    source: str
    body: str
    title: str | None = None
    subtitle: str | None = None
    byline: list[str] = field(default_factory=list)
    outlet: str | None = None
    cites: list[str] = field(default_factory=list)
    url: str | None = None
    published: Published = field(default_factory=Published)
    paragraphs: list[tuple[int, int]] = field(default_factory=list)
    removed: list[Removal] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def id(self) -> str:
        return body_id(self.body)

    @property
    def words(self) -> int:
        return len(self.body.split())

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "source": self.source,
            "url": self.url,
            "outlet": self.outlet,
            "title": self.title,
            "subtitle": self.subtitle,
            "byline": list(self.byline),
            "cites": list(self.cites),
            "published": plain(self.published),
            "body": self.body,
            "paragraphs": [list(p) for p in self.paragraphs],
            "removed": [plain(r) for r in self.removed],
            "warnings": list(self.warnings),
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Document:
        return cls(
            source=data["source"],
            body=data["body"],
            title=data.get("title"),
            subtitle=data.get("subtitle"),
            byline=list(data.get("byline") or []),
            outlet=data.get("outlet"),
            cites=list(data.get("cites") or []),
            url=data.get("url"),
            published=Published(**(data.get("published") or {})),
            paragraphs=[(int(a), int(b)) for a, b in data.get("paragraphs") or []],
            removed=[Removal(**r) for r in data.get("removed") or []],
            warnings=list(data.get("warnings") or []),
        )


def plain(value: Any) -> Any:
    """A dataclass as plain dicts and lists, like `dataclasses.asdict` without its deep copies of
    immutable values, which made it a measurable share of an analysis."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {name: plain(getattr(value, name)) for name in _field_names(type(value))}
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    return value


@functools.cache
def _field_names(cls: type) -> tuple[str, ...]:
    return tuple(f.name for f in dataclasses.fields(cls))


def body_id(body: str) -> str:
    """A document's identity: the sha256 of its cleaned body."""
    return hashlib.sha256(body.encode("utf-8")).hexdigest()


@dataclass(slots=True)
class Actor:
    """Someone or something an article names or quotes: person, organization, state, group, anonymous."""

    id: str
    name: str
    kind: str
    country: str | None = None
    sector: str | None = None
    roles: list[str] = field(default_factory=list)
    aliases: list[str] = field(default_factory=list)
    side: str | None = None
    known: bool = False

    def to_json(self) -> dict[str, Any]:
        return plain(self)


@dataclass(slots=True)
class Mention:
    """Words in a body that refer to an actor (`actor` is its id, or None when unresolved)."""

    start: int
    end: int
    text: str
    actor: str | None
    head: int = -1

    def to_json(self, doc: str) -> dict[str, Any]:
        return {"doc": doc, "start": self.start, "end": self.end, "text": self.text, "actor": self.actor}


@dataclass(slots=True)
class Speaker:
    """Who a quote is attributed to: the actor, the words naming them, and their anonymity."""

    actor: str | None
    text: str | None
    anonymous: bool = False
    country: str | None = None
    start: int | None = None
    end: int | None = None


@dataclass(slots=True)
class Quote:
    """Reported speech: the quoted or paraphrased content, its kind, cue verb, speaker and source chain."""

    start: int
    end: int
    text: str
    kind: Literal["direct", "indirect", "mixed"]
    speaker: Speaker
    cue: str | None = None
    via: list[str] = field(default_factory=list)

    def to_json(self, doc: str) -> dict[str, Any]:
        return {
            "doc": doc,
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "kind": self.kind,
            "cue": self.cue,
            "speaker": plain(self.speaker),
            "via": self.via,
        }


@dataclass(slots=True)
class TimeExpression:
    """A time expression and its resolved value.

    `value` is an ISO date, month (2025-07), ISO week (2025-W21) or year, or None when the
    text does not fix one; `until` closes a range ("August 25-29"); `duration` is an ISO 8601
    period for lengths of time ("for 90 days" -> P90D).
    """

    start: int
    end: int
    text: str
    value: str | None
    kind: str = "date"
    until: str | None = None
    duration: str | None = None

    def to_json(self, doc: str) -> dict[str, Any]:
        return {"doc": doc, **plain(self)}


@dataclass(slots=True)
class Quantity:
    """A number read from the text, with its range, unit and what it is counted per.

    `min == max` for a single number; a range ("700–1,200 metres") sets both; `per` names what a
    ratio is counted against ("for every living hostage" -> "living hostage").
    """

    start: int
    end: int
    text: str
    min: float | None
    max: float | None
    unit: str | None = None
    kind: str = "count"
    per: str | None = None
    approximate: bool = False

    def to_json(self, doc: str) -> dict[str, Any]:
        return {"doc": doc, **plain(self)}


@dataclass(slots=True)
class Trigger:
    """The word that states an event or a stance ("recalled", "demanded"), with its offsets."""

    start: int
    end: int
    text: str


@dataclass(slots=True)
class Event:
    """A PLOVER event: type and mode, who acts on whom, where and when, and how sure the text is of it.

    `date_basis` says where the date comes from: the clause's own time expression ("clause"), the
    time of the statement that reports it ("report"), or the publication date ("publication").
    """

    id: str
    start: int
    end: int
    text: str
    type: str
    mode: str | None
    trigger: Trigger
    actors: list[str] = field(default_factory=list)
    targets: list[str] = field(default_factory=list)
    location: str | None = None
    date: str | None = None
    date_text: str | None = None
    date_basis: str = "publication"
    negated: bool = False
    hypothetical: bool = False
    according_to: str | None = None

    def to_json(self, doc: str) -> dict[str, Any]:
        return {"doc": doc, **plain(self)}


@dataclass(slots=True)
class Value:
    """What a position puts on its issue: a number or range, its unit, and what a ratio is counted per."""

    min: float | None
    max: float | None
    unit: str | None = None
    per: str | None = None


@dataclass(slots=True)
class Position:
    """A party's stance on one negotiated issue, with its value, as a sentence of one article states it.

    `responds_to` holds the ids of the positions it answers ("rejected those demands").
    """

    id: str
    start: int
    end: int
    text: str
    party: str
    issue: str
    stance: str
    trigger: Trigger
    profile: str
    kind: str = ""  # the generic issue the profile's issue is a case of: comparable across negotiations
    value: Value | None = None
    object: str | None = None
    date: str | None = None
    date_basis: str = "publication"
    according_to: str | None = None
    responds_to: list[str] = field(default_factory=list)

    def to_json(self, doc: str) -> dict[str, Any]:
        return {"doc": doc, **plain(self)}


@dataclass(slots=True)
class Analysis:
    """The whole record for a set of documents: the JSON contract of DESIGN.md."""

    documents: list[Document] = field(default_factory=list)
    actors: list[dict[str, Any]] = field(default_factory=list)
    quotes: list[dict[str, Any]] = field(default_factory=list)
    times: list[dict[str, Any]] = field(default_factory=list)
    events: list[dict[str, Any]] = field(default_factory=list)
    positions: list[dict[str, Any]] = field(default_factory=list)
    stories: list[dict[str, Any]] = field(default_factory=list)
    timeline: list[dict[str, Any]] = field(default_factory=list)
    contradictions: list[dict[str, Any]] = field(default_factory=list)
    quantities: list[dict[str, Any]] = field(default_factory=list)
    mentions: list[dict[str, Any]] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {
            "documents": [d.to_json() for d in self.documents],
            "actors": self.actors,
            "quotes": self.quotes,
            "times": self.times,
            "events": self.events,
            "positions": self.positions,
            "stories": self.stories,
            "timeline": self.timeline,
            "contradictions": self.contradictions,
            "quantities": self.quantities,
            "mentions": self.mentions,
        }
