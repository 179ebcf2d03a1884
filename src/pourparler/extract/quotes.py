"""Reported speech: direct, mixed and indirect quotes, each with its cue, speaker and source chain."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import partial

from spacy.tokens import Doc, Span, Token

from pourparler.extract.actors import Cast
from pourparler.extract.references import SUBJECTS, References
from pourparler.knowledge import speech
from pourparler.model import Document, Mention, Quote, Speaker
from pourparler.nlp import text_of

OPENING = "“„«"
CLOSING = "”»"
STRAIGHT = '"'
SINGLE_OPEN, SINGLE_CLOSE = "‘", "’"
_DOUBLE_MARKS = re.compile(f"[{re.escape(OPENING + CLOSING + STRAIGHT)}]")
_SINGLE_MARKS = re.compile(f"[{re.escape(SINGLE_OPEN + SINGLE_CLOSE)}]")
# A quote longer than this is a broken pairing of marks, not speech.
MAX_QUOTE = 3000
# How far back (characters) a quote with no cue of its own may inherit the last speaker.
INHERIT_WINDOW = 1200


@dataclass(slots=True)
class Quoted:
    """Characters between a pair of quote marks: the content's span and where the marks are."""

    start: int
    end: int
    open_mark: int
    close_mark: int


def find_quotes(sp: Doc, document: Document, cast: Cast) -> list[Quote]:
    """Every quote in the article, in text order, with its speaker resolved against the cast."""
    body = text_of(sp)
    quoted = list(quoted_spans(body, document.paragraphs or [(0, len(body))]))
    finder = _Finder(sp, document, cast, quoted)
    return finder.run()


# --- quote marks -----------------------------------------------------------


def quoted_spans(body: str, paragraphs: list[tuple[int, int]]) -> Iterator[Quoted]:
    """Pairs of quote marks within each paragraph; an unclosed quote runs to the paragraph's end."""
    for p_start, p_end in paragraphs:
        text = body[p_start:p_end]
        marks = [(m.start(), _mark_role(text, m.start())) for m in _DOUBLE_MARKS.finditer(text)]
        if not marks:
            marks = [(m.start(), _single_role(text, m.start())) for m in _SINGLE_MARKS.finditer(text)]
            marks = [(i, role) for i, role in marks if role]
        opened: int | None = None
        for i, role in marks:
            if opened is None:
                if role in ("open", "either"):
                    opened = i
            elif role in ("close", "either"):
                yield from _content(body, p_start + opened, p_start + i)
                opened = None
            elif role == "open" and i - opened > 1:
                opened = i  # two openings in a row: the first was a stray mark
        if opened is not None and len(text) - opened > 2:
            yield from _content(body, p_start + opened, p_end)


def quoted_tokens(sp: Doc, quoted: list[Quoted]) -> list[bool]:
    """For each token, whether it stands between quote marks (its words are the speaker's)."""
    inside = [False] * len(sp)
    for q in quoted:
        for t in sp.char_span(q.start, q.end, alignment_mode="expand") or ():
            inside[t.i] = True
    return inside


def _content(body: str, open_mark: int, close_mark: int) -> Iterator[Quoted]:
    start, end = open_mark + 1, close_mark
    while start < end and body[start].isspace():
        start += 1
    while end > start and body[end - 1] in " \n,":
        end -= 1
    if end - start >= 1 and end - start <= MAX_QUOTE and any(c.isalnum() for c in body[start:end]):
        yield Quoted(start, end, open_mark, close_mark)


def _mark_role(text: str, i: int) -> str:
    c = text[i]
    if c in OPENING:
        return "open"
    if c in CLOSING:
        return "close"
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    if before.isspace() or before in "([—–-:" or i == 0:
        return "open"
    if after.isspace() or after in ".,;:!?)—–-" or i + 1 == len(text):
        return "close"
    return "either"


def _single_role(text: str, i: int) -> str:
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    if text[i] == SINGLE_OPEN and (before.isspace() or before in "(—:") and after.isalnum():
        return "open"
    if text[i] == SINGLE_CLOSE and not after.isalpha() and (before.isalnum() or before in ".,!?"):
        return "close"
    return ""


# --- the finder ------------------------------------------------------------


class _Finder:
    def __init__(self, sp: Doc, document: Document, cast: Cast, quoted: list[Quoted]) -> None:
        self.sp = sp
        self.body = text_of(sp)
        self.document = document
        self.cast = cast
        self.quoted = quoted
        self.words = speech()
        self.inside = quoted_tokens(sp, quoted)
        self.quotes: list[Quote] = []
        self.refs = References(sp, document, cast, self.inside, self.quotes)
        self.via = [v for v in (document.outlet, *document.cites) if v] if document.cites else []

    def run(self) -> list[Quote]:
        found: list[Quote] = []
        # In text order, so that a reference back ("the statement", "he") sees the quotes before it.
        readers: list[tuple[int, Callable[[], Quote | None]]] = []
        for q in self.quoted:
            reader = self._direct if self._is_utterance(q) else partial(self._phrase_in, found=found)
            readers.append((q.start, partial(reader, q)))
        readers += [
            (clause.start_char, partial(self._indirect, clause, cue, subject))
            for clause, cue, subject in self._clauses()
        ]
        readers.sort(key=lambda r: r[0])
        for _, read in readers:
            quote = read()
            if quote is not None and not self._overlaps(quote, found):
                found.append(quote)
                self.quotes.append(quote)
        found.sort(key=lambda q: q.start)
        return found

    # -- direct quotes --

    def _is_utterance(self, q: Quoted) -> bool:
        """A full utterance (direct quote) rather than a phrase quoted inside the writer's sentence: it
        opens its paragraph or follows a colon or full stop, or it is a capitalised sentence of three
        words or more closed by its own full stop or by the comma before its cue."""
        before = self.body[self._paragraph_of(q.open_mark)[0] : q.open_mark].rstrip()
        if before == "" or before.endswith((":", ".", "!", "?")):
            return True
        content = self.body[q.start : q.end]
        closed = content.endswith((".", "!", "?", "…")) or "," in self.body[q.end : q.close_mark + 1]
        return content.lstrip("[(… ")[:1].isupper() and closed and len(content.split()) >= 3

    def _direct(self, q: Quoted) -> Quote | None:
        cue = self._cue_around(q)
        speaker: Speaker | None = None
        cue_text = None
        if cue is not None:
            cue_text = cue.text
            speaker = self._speaker_of(cue, None)
        else:
            label = self._label_before(q)
            if label is not None:
                speaker = label
        if speaker is None:
            speaker = self._inherited(q.start)
        if speaker is None:
            speaker = Speaker(actor=None, text=None)
        return Quote(
            q.start, q.end, self.body[q.start : q.end], "direct", speaker, cue=cue_text, via=list(self.via)
        )

    def _cue_around(self, q: Quoted) -> Token | None:
        """The reporting verb of a direct quote: after it ("...," she said) or before it (She said: "...")."""
        after = self._tokens_between(q.close_mark + 1, self._sentence_end(q.close_mark))
        content_end = self.body[q.start : q.end].rstrip()
        if not content_end.endswith((".",)) or (after and after[0].is_lower):
            cue = self._first_cue(after[:40])
            if cue is not None:
                return cue
        before = self._tokens_between(self._sentence_start(q.open_mark), q.open_mark)
        text_before = self.body[before[0].idx if before else q.open_mark : q.open_mark].rstrip()
        if before and (
            text_before.endswith((":", ",", "that")) or before[-1].lemma_ in self.words.clause_cues
        ):
            cues = [t for t in before if self._is_cue(t)]
            return cues[-1] if cues else None
        return None

    def _first_cue(self, tokens: list[Token]) -> Token | None:
        for t in tokens:
            if self._is_cue(t):
                return t
            if t.is_punct and t.text in ".;!?":
                break
        return None

    def _is_cue(self, t: Token) -> bool:
        return (
            t.lemma_.lower() in self.words.clause_cues and t.pos_ in ("VERB", "AUX") and not self.inside[t.i]
        )

    def _label_before(self, q: Quoted) -> Speaker | None:
        """ "Quote from Umerov: "..."" or "Zelensky on Telegram: "..."": a label naming the speaker."""
        p_start = self._paragraph_of(q.open_mark)[0]
        before = self.body[p_start : q.open_mark].rstrip()
        if not before.endswith(":") or len(before) > 200:
            return None
        mention = self._last_mention_in(p_start, q.open_mark)
        if mention is None:
            return None
        return self.refs.speaker_from_mention(mention, mention.text)

    # -- indirect speech --

    def _clauses(self) -> Iterator[tuple[Span, Token, Token | None]]:
        """(reported clause, cue, subject override) for every reporting verb with a clausal complement."""
        for t in self.sp:
            if self.inside[t.i] or t.pos_ not in ("VERB", "AUX"):
                continue
            if t.lemma_.lower() in self.words.clause_cues:
                for comp in t.children:
                    if comp.dep_ in ("ccomp",) and not self.inside[comp.i] and not self._relayed(t, comp):
                        yield from self._clause_parts(comp, t)
        yield from self._according()

    def _clause_parts(self, comp: Token, cue: Token) -> Iterator[tuple[Span, Token, Token | None]]:
        """A that-clause, split where "and that" starts a second one."""
        second = [c for c in comp.children if c.dep_ == "conj" and any(m.dep_ == "mark" for m in c.children)]
        excluded: set[int] = set()
        for c in second:
            excluded |= {t.i for t in c.subtree}
        tokens = [t for t in comp.subtree if t.i not in excluded and t.i != cue.i]
        span = self._trim_clause(tokens, cue)
        if span is not None:
            yield span, cue, None
        for c in second:
            span = self._trim_clause(list(c.subtree), cue)
            if span is not None:
                yield span, cue, None

    def _trim_clause(self, tokens: list[Token], cue: Token) -> Span | None:
        if not tokens:
            return None
        start, end = tokens[0].i, tokens[-1].i + 1
        # the clause stops at the cue ("X is opposed..., sources said") and does not cross it
        if start < cue.i < end:
            if cue.i - start >= end - cue.i - 1:
                end = cue.i
            else:
                start = cue.i + 1
        doc = self.sp
        while start < end and (
            (doc[start].dep_ in ("mark",) and doc[start].lower_ == "that")
            or doc[start].is_punct
            or doc[start].is_space
            or doc[start].lower_ in ("and", "but")
        ):
            start += 1
        while end > start and (
            (doc[end - 1].is_punct and doc[end - 1].text not in ")%")
            or doc[end - 1].is_space
            or doc[end - 1].lower_ in ("and", "but", "while")
        ):
            end -= 1
        span = doc[start:end]
        if len(span) < 3 or not any(t.pos_ in ("VERB", "AUX") for t in span):
            return None
        if span[0].lower_ in ("whether", "if", "how", "what", "why", "when", "where", "who"):
            return None  # an indirect question is not a statement
        if self._is_attribution(span):
            return None
        if self.inside[span[0].i] and sum(self.inside[t.i] for t in span) > 0.6 * len(span):
            return None  # the complement is the direct quote itself
        return span

    def _relayed(self, cue: Token, comp: Token) -> bool:
        """ "X said ..., the agency reported": the outlet relays X's words; X is the speaker."""
        subject = self.refs.subject(cue)
        if subject is None or not self.refs.is_outlet(subject) or self._cited(cue) is not None:
            return False
        return any(self._is_cue(t) or t.lemma_.lower() in self.words.naming_cues for t in comp.subtree)

    def _is_attribution(self, span: Span) -> bool:
        """ "..., the agency reported": a clause that is only a cue with its subject is not content."""
        root = span.root
        if root.lemma_.lower() not in self.words.clause_cues:
            return False
        return not any(c.dep_ in ("ccomp", "dobj", "xcomp", "attr", "acomp") for c in root.children)

    def _according(self) -> Iterator[tuple[Span, Token, Token | None]]:
        """ "According to X, ...": the rest of the sentence is what X says."""
        for t in self.sp:
            if t.lower_ != "according" or self.inside[t.i]:
                continue
            to = t.doc[t.i + 1] if t.i + 1 < len(t.doc) else None
            if to is None or to.lower_ != "to":
                continue
            source = next((c for c in to.children if c.dep_ == "pobj"), None)
            if source is None:
                continue
            sent = t.sent
            phrase_end = max(x.i for x in to.subtree) + 1
            if t.i == sent.start or self.sp[t.i - 1].is_space:
                tokens = [x for x in sent if x.i >= phrase_end]
            else:
                tokens = [x for x in sent if x.i < t.i]
            span = self._trim_clause(tokens, t) if tokens else None
            if span is not None:
                yield span, t, source

    def _indirect(self, clause: Span, cue: Token, subject: Token | None) -> Quote | None:
        speaker = self._speaker_of(cue, subject)
        if speaker.text is None:
            return None
        cue_text = "according to" if cue.lower_ == "according" else cue.text
        return Quote(
            clause.start_char,
            clause.end_char,
            clause.text,
            "indirect",
            speaker,
            cue=cue_text,
            via=self._via(cue),
        )

    # -- quoted phrases inside the writer's sentence --

    def _phrase_in(self, q: Quoted, found: list[Quote]) -> Quote | None:
        """A quoted phrase: part of a reported clause already found (which makes it mixed), or a quote."""
        clause = next((c for c in found if c.start <= q.start and q.end <= c.end), None)
        if clause is not None:
            clause.kind = "mixed"  # the writer's paraphrase with the speaker's own words inside
            return None
        return self._phrase(q)

    def _phrase(self, q: Quoted) -> Quote | None:
        content = self.body[q.start : q.end]
        span = self.sp.char_span(q.start, q.end, alignment_mode="expand")
        if span is None:
            return None
        if self._is_title(content):
            return None
        cue = self._governing_cue(span)
        speaker: Speaker | None = None
        cue_text = None
        if cue is not None:
            speaker = self._speaker_of(cue, None)
            cue_text = cue.text
        if speaker is None or speaker.text is None:
            speaker = self._agent_of(span)
        if speaker is None or speaker.text is None:
            speaker = self._inherited(q.start, same_paragraph=True)
        if speaker is None or speaker.text is None:
            return None
        return Quote(q.start, q.end, content, "mixed", speaker, cue=cue_text, via=list(self.via))

    def _agent_of(self, span: Span) -> Speaker | None:
        """Whose words a cue-less quoted phrase is: the actor that is subject of the clause around it."""
        token: Token = span.root
        for _ in range(8):
            subject = next((c for c in token.children if c.dep_ in SUBJECTS), None)
            if subject is not None and not self.inside[subject.i]:
                speaker = self.refs.speaker_from_phrase(subject)
                return speaker if speaker.actor is not None else None
            if token.head.i == token.i:
                break
            token = token.head
        return None

    def _is_title(self, content: str) -> bool:
        """A quoted name ("Magen Oz", "Operation Gideon's Chariots") is not speech."""
        words = content.split()
        return len(words) <= 5 and all(
            w[:1].isupper() or w.lower() in ("of", "the", "and", "for") for w in words
        )

    def _governing_cue(self, span: Span) -> Token | None:
        token: Token = span.root
        for _ in range(10):
            if self._is_cue(token) or (
                token.lemma_.lower() in self.words.naming_cues and not self.inside[token.i]
            ):
                return token
            if token.head.i == token.i:
                break
            token = token.head
        sent = span.sent
        cues = [t for t in sent if self._is_cue(t)]
        return cues[0] if len(cues) == 1 else None

    # -- speakers --

    def _speaker_of(self, cue: Token, subject: Token | None) -> Speaker:
        if cue.lower_ == "according" and subject is not None:
            return self.refs.speaker_from_phrase(subject)
        subject = subject or self.refs.subject(cue)
        if subject is None:
            return Speaker(actor=None, text=None)
        cited = self._cited(cue)
        if cited is not None:
            return self.refs.speaker_from_phrase(cited)
        return self.refs.speaker_from_phrase(subject)

    def _inherited(self, position: int, *, same_paragraph: bool = False) -> Speaker | None:
        """A quote with no cue of its own continues the last speaker of this or the previous paragraph."""
        last = next((q for q in reversed(self.quotes) if q.start < position), None)
        if last is None or last.speaker.text is None or position - last.end > INHERIT_WINDOW:
            return None
        here = self._paragraph_index(position)
        there = self._paragraph_index(last.start)
        if here - there > (0 if same_paragraph else 1):
            return None
        return last.speaker

    # -- source chains --

    def _cited(self, cue: Token) -> Token | None:
        for t in cue.subtree:
            if t.lower_ == "citing":
                return next((c for c in t.children if c.dep_ in ("dobj", "pobj")), None)
        return None

    def _via(self, cue: Token) -> list[str]:
        subject = self.refs.subject(cue) if cue.lower_ != "according" else None
        if subject is not None and self._cited(cue) is not None:
            return [*self.via, self.refs.noun_phrase(subject).text]
        return list(self.via)

    # -- helpers --

    def _overlaps(self, quote: Quote, found: list[Quote]) -> bool:
        """Two readings of the same words; a quoted phrase inside a reported clause is not a clash."""
        for other in found:
            overlap = min(quote.end, other.end) - max(quote.start, other.start)
            if overlap > 0.5 * min(quote.end - quote.start, other.end - other.start):
                return True
        return False

    def _paragraph_of(self, position: int) -> tuple[int, int]:
        for start, end in self.document.paragraphs or [(0, len(self.body))]:
            if start <= position <= end:
                return start, end
        return 0, len(self.body)

    def _paragraph_index(self, position: int) -> int:
        for i, (start, end) in enumerate(self.document.paragraphs or [(0, len(self.body))]):
            if start <= position <= end:
                return i
        return -1

    def _tokens_between(self, start: int, end: int) -> list[Token]:
        if end <= start:
            return []
        span = self.sp.char_span(start, end, alignment_mode="contract")
        return [t for t in span if not t.is_space and not self.inside[t.i]] if span is not None else []

    def _sentence_end(self, position: int) -> int:
        span = self.sp.char_span(position, min(position + 1, len(self.body)), alignment_mode="expand")
        if span is None:
            return position
        end = span.sent.end_char
        p_end = self._paragraph_of(position)[1]
        return min(end, p_end)

    def _sentence_start(self, position: int) -> int:
        span = self.sp.char_span(position, min(position + 1, len(self.body)), alignment_mode="expand")
        if span is None:
            return position
        return max(span.sent.start_char, self._paragraph_of(position)[0])

    def _last_mention_in(self, start: int, end: int) -> Mention | None:
        found = [m for m in self.cast.mentions if start <= m.start and m.end <= end and m.actor]
        return found[-1] if found else None
