"""Stories: which documents cover the same negotiation or ongoing event, assigned one document at a time.

A document joins the best-scoring story among the candidates its actors, profiles and text (MinHash LSH
bands) point to, or opens a new story. Posting lists are capped to the stories touched most recently, so
assigning a document costs about the same however many documents are stored. The whole index is plain
JSON-ready data (`StoryIndex.state()`), so a store can save it and rebuild the index from it; an index
built from part of a state (the postings of one document's keys, the counts of its actors, the stories
`candidates` names) assigns that document exactly as the whole index would.
"""

from __future__ import annotations

import copy
import heapq
import math
from collections import Counter, OrderedDict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from pourparler.fuse import minhash
from pourparler.fuse.records import Record, date_order, days_apart, is_anonymous, name_of, unique

STATE_VERSION = 1
GENERIC_PROFILE = "generic"  # every article matches it, so it says nothing about the story

JOIN_THRESHOLD = 0.3
NEAR_DUPLICATE = 0.6  # estimated shingle Jaccard above which an article joins whatever else differs
TEXT_FULL_AT = 0.5  # a Jaccard this high counts as full text similarity; different articles score ~0.05
W_ACTORS = 0.45
W_PARTIES = 0.25
W_PROFILE = 0.2
W_ISSUES = 0.05
W_TEXT = 0.15
PARTY_MISS_FACTOR = 0.5  # an article naming none of a story's negotiating parties is probably another story
TIME_FLOOR = 0.5  # however far apart in time, shared actors and issues keep half their weight
TIME_DECAY_DAYS = 120.0  # two months apart keeps ~0.8 of the score
UBIQUITY_PRIOR_DOCS = 20  # until the index holds many documents every actor weighs about the same
UBIQUITY_STRENGTH = 4.0  # an actor named in a third of all documents weighs about half as much
MAX_POSTING = 64  # stories kept per actor, profile or band key: the most recently touched ones
MAX_CANDIDATES = 16  # stories scored in full per document
MAX_SIGNATURES = 4  # recent member signatures a story keeps for text similarity

Story = dict[str, Any]
_POSTING_KINDS = ("actor", "profile", "band")


@dataclass(slots=True)
class Features:
    """What a document says about which story it belongs to."""

    actors: Counter[str]
    parties: list[str]  # lists in order of appearance, so that labels do not depend on hash order
    issues: list[str]
    profiles: list[str]
    has_positions: bool
    date: str | None
    signature: list[int]
    names: dict[str, str] = field(default_factory=dict)


def features(record: Record) -> Features:
    """The features of one document's slice: the document dict and its events, positions, quotes, mentions."""
    document = record["document"]
    actors: Counter[str] = Counter()
    names: dict[str, str] = {}
    for mention in record.get("mentions", []):
        actors[mention.get("actor")] += 1
        names.setdefault(mention.get("actor"), mention.get("text"))
    for event in record.get("events", []):
        actors.update(event.get("actors", []))
        actors.update(event.get("targets", []))
    positions = record.get("positions", [])
    actors.update(p["party"] for p in positions if p.get("party"))
    actors.update(
        q["speaker"]["actor"] for q in record.get("quotes", []) if (q.get("speaker") or {}).get("actor")
    )
    for actor in [a for a in actors if not a or is_anonymous(a)]:
        del actors[actor]
    return Features(
        actors=actors,
        parties=unique(p["party"] for p in positions if p.get("party") and not is_anonymous(p["party"])),
        issues=unique(f"{p.get('profile')}/{p.get('issue')}" for p in positions),
        profiles=unique(p["profile"] for p in positions if p.get("profile") not in (None, GENERIC_PROFILE)),
        has_positions=bool(positions),
        date=(document.get("published") or {}).get("date"),
        signature=minhash.signature(document.get("body", "")),
        names={a: n for a, n in names.items() if a in actors and n},
    )


def posting_keys(found: Features) -> dict[str, list[str]]:
    """The keys, by posting kind, under which a document looks for candidate stories and is then posted."""
    return {
        "actor": list(found.actors),
        "profile": list(found.profiles),
        "band": minhash.band_keys(found.signature),
    }


class StoryIndex:
    """An incremental index of stories, rebuilt from and saved to a JSON-ready state dict."""

    def __init__(
        self,
        state: Mapping[str, Any] | None = None,
        *,
        labels: Mapping[str, str] | None = None,
        names: Mapping[str, str] | None = None,
    ) -> None:
        """`labels` maps profile ids to their labels and `names` actor ids to names, for story labels."""
        state = copy.deepcopy(dict(state or {}))
        if state.get("version", STATE_VERSION) != STATE_VERSION:
            raise ValueError(f"story index state version {state['version']} is not {STATE_VERSION}")
        self.labels = dict(labels or {})
        self.names = dict(names or {})
        self._next: int = state.get("next", 1)
        self._stories: dict[str, Story] = state.get("stories", {})
        self._documents: dict[str, str] = state.get("documents", {})
        # kept apart from `documents`, so that an index built from part of a state knows the whole count
        self._count: int = state.get("count", len(self._documents))
        self._aliases: dict[str, str] = state.get("aliases", {})
        self._actor_docs: dict[str, int] = state.get("actor_docs", {})
        saved = state.get("postings", {})
        self._postings: dict[str, dict[str, OrderedDict[str, None]]] = {
            kind: {key: OrderedDict.fromkeys(ids) for key, ids in saved.get(kind, {}).items()}
            for kind in _POSTING_KINDS
        }

    def state(self) -> dict[str, Any]:
        """Everything the index knows, as plain dicts and lists."""
        return {
            "version": STATE_VERSION,
            "next": self._next,
            "stories": copy.deepcopy(self._stories),
            "documents": dict(self._documents),
            "count": self._count,
            "aliases": dict(self._aliases),
            "actor_docs": dict(self._actor_docs),
            "postings": {
                kind: {key: list(ids) for key, ids in postings.items()}
                for kind, postings in self._postings.items()
            },
        }

    def stories(self) -> list[Record]:
        """Every story as {"id", "label", "documents"}, oldest first."""
        return [
            {"id": s["id"], "label": s["label"], "documents": list(s["documents"])}
            for s in self._stories.values()
        ]

    def story_of(self, document_id: str) -> str | None:
        story = self._documents.get(document_id)
        return self._resolve(story) if story else None

    def assign(self, record: Record, found: Features | None = None) -> str:
        """The story of one document's slice: the best candidate above the threshold, else a new story.

        `found` is the slice's `features`, when the caller has them already.
        """
        document_id = record["document"]["id"]
        known = self.story_of(document_id)
        if known:
            return known
        found = found if found is not None else features(record)
        best, best_score = None, 0.0
        for candidate in self.candidates(found):
            score = self.score(found, self._stories[candidate])
            if score >= JOIN_THRESHOLD and score > best_score:
                best, best_score = candidate, score
        story = self._stories[best] if best else self._open(record)
        self._add(story, document_id, found)
        return str(story["id"])

    def score(self, found: Features, story: Story) -> float:
        """How well a document's features fit a story, from 0 to 1."""
        if found.signature and story["signatures"]:
            text = max(minhash.similarity(found.signature, s) for s in story["signatures"])
            if text >= NEAR_DUPLICATE:
                return 1.0
        else:
            text = None
        parts: list[tuple[float, float]] = []
        if found.actors:
            parts.append((W_ACTORS, self._actor_similarity(found, story)))
        parties = _party_similarity(found, story)
        if parties is not None:
            parts.append((W_PARTIES, parties))
        if found.has_positions and story["issues"]:
            if found.profiles or story["profiles"]:
                parts.append((W_PROFILE, 1.0 if any(p in story["profiles"] for p in found.profiles) else 0.0))
            shared = sum(1 for issue in found.issues if issue in story["issues"])
            parts.append((W_ISSUES, shared / len(found.issues)))
        if text is not None:
            parts.append((W_TEXT, min(1.0, text / TEXT_FULL_AT)))
        if not parts:
            return 0.0
        score = sum(w * s for w, s in parts) / sum(w for w, _ in parts)
        if parties == 0.0:
            score *= PARTY_MISS_FACTOR
        return score * _time_factor(found.date, story)

    def rename(self, story_id: str, label: str) -> None:
        """Give a story the user's label; it is kept as documents join."""
        story = self._stories[self._resolve(story_id)]
        story["label"], story["named"] = label, True

    def merge(self, keep: str, absorb: str) -> None:
        """Move every document of story `absorb` into story `keep`; `absorb` then stands for `keep`."""
        keep, absorb = self._resolve(keep), self._resolve(absorb)
        if keep == absorb:
            return
        kept, gone = self._stories[keep], self._stories.pop(absorb)
        kept["documents"] += gone["documents"]
        for key in ("actors", "parties", "issues", "profiles"):
            for item, count in gone[key].items():
                kept[key][item] = kept[key].get(item, 0) + count
        for key, name in gone["names"].items():
            kept["names"].setdefault(key, name)
        kept["signatures"] = (kept["signatures"] + gone["signatures"])[-MAX_SIGNATURES:]
        dates = [d for d in (kept["first"], kept["last"], gone["first"], gone["last"]) if d]
        if dates:
            kept["first"], kept["last"] = min(dates, key=date_order), max(dates, key=date_order)
        for document_id in gone["documents"]:
            self._documents[document_id] = keep
        # postings still name the absorbed story; the alias sends them on, so no posting list is rewritten
        self._aliases[absorb] = keep
        if not kept["named"]:
            kept["label"] = self._label(kept)

    def _resolve(self, story_id: str) -> str:
        while story_id in self._aliases:
            story_id = self._aliases[story_id]
        return story_id

    def _weight(self, actor: str) -> float:
        share = self._actor_docs.get(actor, 0) / (self._count + UBIQUITY_PRIOR_DOCS)
        return 1.0 / (1.0 + UBIQUITY_STRENGTH * share)

    def _actor_similarity(self, found: Features, story: Story) -> float:
        """The share of the document's actors (weighted by salience and rarity) named in the story."""
        members = len(story["documents"])
        total = hit = 0.0
        for actor, count in found.actors.items():
            weight = self._weight(actor) * (1.0 + math.log(count))
            total += weight
            hit += weight * story["actors"].get(actor, 0) / members
        return hit / total

    def candidates(self, found: Features) -> list[str]:
        """The stories a document's features are scored against, read from its keys' postings only."""
        hits: dict[str, float] = {}
        for kind, keys in posting_keys(found).items():
            postings = self._postings[kind]
            for key in keys:
                weight = self._weight(key) if kind == "actor" else 1.0
                for story_id in postings.get(key, ()):
                    resolved = self._resolve(story_id)
                    hits[resolved] = hits.get(resolved, 0.0) + weight
        return [s for s, _ in heapq.nlargest(MAX_CANDIDATES, hits.items(), key=lambda kv: (kv[1], kv[0]))]

    def _open(self, record: Record) -> Story:
        story_id = f"story-{self._next}"
        self._next += 1
        story: Story = {
            "id": story_id,
            "label": record["document"].get("title") or story_id,
            "named": False,
            "title": record["document"].get("title"),
            "documents": [],
            "actors": {},
            "parties": {},
            "issues": {},
            "profiles": {},
            "names": {},
            "first": None,
            "last": None,
            "signatures": [],
        }
        self._stories[story_id] = story
        return story

    def _add(self, story: Story, document_id: str, found: Features) -> None:
        story_id = story["id"]
        story["documents"].append(document_id)
        self._documents[document_id] = story_id
        self._count += 1
        for key, items in (
            ("actors", found.actors),
            ("parties", found.parties),
            ("issues", found.issues),
            ("profiles", found.profiles),
        ):
            for item in items:
                story[key][item] = story[key].get(item, 0) + 1
        for actor, name in found.names.items():
            story["names"].setdefault(actor, name)
        for actor in found.actors:
            self._actor_docs[actor] = self._actor_docs.get(actor, 0) + 1
        if found.signature:
            story["signatures"] = [*story["signatures"], found.signature][-MAX_SIGNATURES:]
        if found.date:
            if story["first"] is None or date_order(found.date) < date_order(story["first"]):
                story["first"] = found.date
            if story["last"] is None or date_order(found.date) > date_order(story["last"]):
                story["last"] = found.date
        for kind, keys in posting_keys(found).items():
            _post(self._postings[kind], keys, story_id)
        if not story["named"]:
            story["label"] = self._label(story)

    def _label(self, story: Story) -> str:
        """The profile's label when the story has one, else its two most frequent parties (or actors)."""
        profiles = story["profiles"]
        if profiles:
            top = max(profiles, key=lambda p: (profiles[p], p))
            if top in self.labels:
                return self.labels[top]
        for key in ("parties", "actors"):
            top_two = heapq.nlargest(2, story[key].items(), key=lambda kv: kv[1])  # ties: first seen
            if top_two:
                names = {**story["names"], **self.names}
                return " – ".join(name_of(actor, names) for actor, _ in top_two)
        return str(story["title"] or story["id"])


def rename_story(state: Mapping[str, Any], story_id: str, label: str) -> dict[str, Any]:
    """A new state in which the story carries the user's label."""
    index = StoryIndex(state)
    index.rename(story_id, label)
    return index.state()


def merge_stories(state: Mapping[str, Any], keep: str, absorb: str) -> dict[str, Any]:
    """A new state in which story `absorb` is part of story `keep`."""
    index = StoryIndex(state)
    index.merge(keep, absorb)
    return index.state()


def _party_similarity(found: Features, story: Story) -> float | None:
    """How far the document names the story's negotiating parties and the story names the document's."""
    parts = []
    if story["parties"]:
        parties = story["parties"]
        parts.append(sum(c for p, c in parties.items() if p in found.actors) / sum(parties.values()))
    if found.parties:
        parts.append(sum(1 for p in found.parties if p in story["actors"]) / len(found.parties))
    return sum(parts) / len(parts) if parts else None


def _time_factor(date: str | None, story: Story) -> float:
    first, last = story["first"], story["last"]
    if not date or not first:
        return 1.0
    if date_order(first) <= date_order(date) <= date_order(last):
        return 1.0
    gaps = [d for d in (days_apart(date, first), days_apart(date, last)) if d is not None]
    if not gaps:
        return 1.0
    return TIME_FLOOR + (1.0 - TIME_FLOOR) * math.exp(-min(gaps) / TIME_DECAY_DAYS)


def _post(postings: dict[str, OrderedDict[str, None]], keys: Iterable[str], story_id: str) -> None:
    for key in keys:
        posting = postings.setdefault(key, OrderedDict())
        posting[story_id] = None
        posting.move_to_end(story_id)
        if len(posting) > MAX_POSTING:
            posting.popitem(last=False)
