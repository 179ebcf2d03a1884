"""What a clause says around its verb: who acts, on what, where, when, whether it happened, who says so."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from spacy.tokens import Doc, Span, Token

from pourparler.extract.actors import Cast
from pourparler.extract.quotes import quoted_spans, quoted_tokens
from pourparler.extract.references import SUBJECTS, References, depth
from pourparler.knowledge import capitals, demonyms, speech, states
from pourparler.knowledge.negotiation import plover, stances
from pourparler.model import Document, Quote, TimeExpression
from pourparler.nlp import text_of

# Clauses of their own inside a verb's subtree: they state other things.
CLAUSAL = frozenset({"ccomp", "advcl", "relcl", "parataxis", "csubj", "acl"})
MODALS_FUTURE = frozenset({"will", "would", "could", "might", "may", "should", "shall", "'ll", "wo", "ca"})
INTENT = frozenset({"plan", "want", "intend", "aim", "hope", "expect", "seek", "threaten", "consider", "try"})
FIRST_PERSON = frozenset({"we", "us", "i", "me", "our"})
LOCATIVE = ("in", "at", "from", "to", "near", "into", "inside", "outside", "toward", "towards")
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})


@dataclass(slots=True)
class Agent:
    """Who a noun phrase names, as an actor id, and the source the text names when it is not the actor."""

    actor: str | None
    source: str | None = None


class Clauses:
    """Reads one parsed article's clauses for the event and position extractors."""

    def __init__(
        self,
        sp: Doc,
        document: Document,
        cast: Cast,
        quotes: list[Quote],
        times: list[TimeExpression],
    ) -> None:
        self.sp = sp
        self.document = document
        self.cast = cast
        self.quotes = quotes
        quoted = list(quoted_spans(text_of(sp), document.paragraphs or [(0, len(text_of(sp)))]))
        self.inside = quoted_tokens(sp, quoted)
        self.refs = References(sp, document, cast, self.inside, quotes)
        self.written_times = times  # with those of no known value ("by Nov. 15" in an undated article)
        self.times = [t for t in times if t.value]
        self.durations = [t for t in times if t.kind == "duration"]
        self.time_heads = {self._head_of(t.start, t.end): t for t in self.times}
        self.duration_heads = {self._head_of(t.start, t.end) for t in self.durations}
        self.cues = speech().clause_cues
        self.published = document.published.date if document.published else None

    # -- arguments --

    def subject(self, verb: Token) -> Token | None:
        if _relative_subject(verb):
            # "TSMC, the largest chipmaker, which pledged": the name the apposition describes
            if verb.head.dep_ == "appos" and self.agent(verb.head).actor is None:
                return verb.head.head
            return verb.head
        return self.refs.subject(verb)

    def direct_object(self, verb: Token, particle: str | None = None) -> Token | None:
        """The thing acted on: the direct object, the particle's object ("call for X"), the passive
        subject, or the noun a relative clause hangs on ("the proposal that Israel had accepted")."""
        for c in verb.children:
            if particle and c.dep_ == "prep" and c.lower_ == particle:
                pobj = next((g for g in c.children if g.dep_ == "pobj"), None)
                if pobj is not None:
                    return self._relative(verb, pobj)
            if (
                particle
                and c.dep_ in ("advcl", "ccomp")
                and any(m.dep_ == "mark" and m.lower_ == particle for m in c.children)
            ):
                return c  # "called for Canada to scrap the tariffs"
        for c in verb.children:
            if c.dep_ in ("dobj", "nsubjpass", "attr"):
                return self._relative(verb, c)
        # "the declaration in which both pledged to respect ...": the noun is where, not what
        elsewhere = any(
            c.dep_ == "prep" and any(g.lower_ in ("which", "whom") for g in c.children) for c in verb.children
        )
        # the noun the clause hangs on, unless its pronoun is the subject: "the chipmaker, which pledged"
        if verb.dep_ == "relcl" and verb.head.pos_ in ("NOUN", "PROPN", "NUM") and not elsewhere:
            return None if _relative_subject(verb) else verb.head
        # "a change the union has said it will not accept": the noun the clause reporting the verb is on
        outer = verb.head
        if (
            verb.dep_ in ("ccomp", "xcomp")
            and outer.dep_ == "relcl"
            and outer.head.pos_ == "NOUN"
            and not any(c.tag_ in ("WDT", "WP") or c.dep_ == "dobj" for c in outer.children)
        ):
            return outer.head
        return None

    def _relative(self, verb: Token, token: Token) -> Token:
        if token.lower_ in ("that", "which", "who", "whom") and verb.dep_ == "relcl":
            return verb.head
        return token

    def agent(self, head: Token) -> Agent:
        """The actor a noun phrase names: through references ("the group", "he"), the first person of a
        quote (its speaker), and the side of an anonymous source or of a delegation ("Israeli officials",
        "the Israeli delegation" -> Israel, with the source kept)."""
        if head.lower_ in FIRST_PERSON and self.inside[head.i]:
            quote = self.quote_at(head.idx)
            if quote is not None and quote.speaker.actor:
                return Agent(quote.speaker.actor)
        speaker = self.refs.speaker_from_phrase(head)
        if speaker.actor is not None:
            actor = self.cast.actors.get(speaker.actor)
            if actor is not None and actor.kind == "anonymous":
                side = self.side(actor.side)
                return Agent(side, source=actor.id) if side else Agent(actor.id)
            return Agent(speaker.actor)
        owners = self.owners(head)
        return Agent(owners[0]) if owners else Agent(None)

    def owners(self, head: Token) -> list[str]:
        """The actors a group belongs to: "US and Israeli negotiators" -> the US and Israel; "its
        delegation" -> the subject of the clause; "the delegation", "both teams" -> the owners of the
        last group of the same kind the article named."""
        found = self._owners_in(head)
        if found or head.pos_ != "NOUN":
            return found
        if any(
            c.dep_ == "poss" and (c.lower_ in ("its", "their") or c.pos_ != "PRON") for c in head.children
        ):
            return found  # "its chief negotiator", "the government's negotiator" are no earlier group's
        kinds = {head.lemma_.lower()} | {
            w for words in plover().classes.values() if head.lemma_.lower() in words for w in words
        }
        for t in reversed(self.sp[: self.refs.noun_phrase(head).start]):
            if t.pos_ == "NOUN" and t.lemma_.lower() in kinds:
                found = self._owners_in(t)
                if found:
                    return found
        return []

    def _owners_in(self, head: Token) -> list[str]:
        found: list[str] = []
        # "Congo's government and the M23 rebels": the rebels are not among the government's owners
        others = {x.i for c in head.children if c.dep_ == "conj" for x in c.subtree}
        phrase = [t for t in self.refs.noun_phrase(head) if t.i not in others]
        # nearest modifiers first: "Rwanda-backed M23 rebels" are M23's
        for t in sorted(phrase, key=lambda t: (depth(t, head), t.i)):
            if t.ent_type_ == "GPE" and not t.ent_id_:
                continue  # "British Columbia" names a province, not the British
            actor_id = self._actor_at(t)
            if actor_id and t.dep_ in ("poss", "amod", "compound") and t.head.i == head.i:
                actor = self.cast.actors.get(actor_id)
                if actor is not None and actor.kind == "state" and self.refs.labour(head):
                    continue  # "Sweden's biggest union" is not Sweden
            if actor_id is None and t.dep_ == "poss" and t.pos_ == "PRON" and t.lower_ in ("its", "their"):
                actor_id = self._clause_subject_actor(t)
            if actor_id is None and t.dep_ == "poss" and t.lower_ in ("his", "her") and head.i != t.i:
                actor_id = self.agent(t).actor  # "said his government would accept": the speaker's
            if actor_id is None and t.dep_ == "compound" and t.pos_ == "NOUN":
                army = self.refs.of_sector(t)  # "the army delegation": the army named before
                actor_id = army.actor if army is not None else None
            if actor_id and actor_id not in found:
                found.append(actor_id)
        return found

    def _clause_subject_actor(self, token: Token) -> str | None:
        node = token
        for _ in range(6):
            if node.pos_ in ("VERB", "AUX"):
                subject = self.refs.subject(node)
                if subject is None:
                    return None
                if token not in self.refs.noun_phrase(subject):
                    return self.agent(subject).actor
                # "the airline says its offer would raise pay": "its" is inside the subject, so the
                # owner is the subject of the clause that reports it
            if node.head.i == node.i:
                break
            node = node.head
        return None

    def _actor_at(self, token: Token) -> str | None:
        code = demonyms().get(token.text) or (token.ent_id_ if token.ent_type_ == "NORP" else None)
        if code:
            return self.side(code)
        for m in self.cast.mentions:
            if m.actor and m.start <= token.idx < m.end:
                actor = self.cast.actors.get(m.actor)
                if actor is not None and actor.kind == "anonymous":
                    return self.side(actor.side)
                return m.actor
        return None

    def side(self, side: str | None) -> str | None:
        """The actor a side is: a country code ("COD") is its state, an actor id stays itself."""
        if not side:
            return None
        return _state_ids().get(side, side)

    def actors_in(self, head: Token, *, possessors: bool = True) -> list[str]:
        """The actors a phrase names, with those it coordinates and, if asked, its possessors
        ("Hamas' demands" -> Hamas)."""
        found: list[str] = []
        heads = [head, *(t for t in head.subtree if t.dep_ == "conj" and t.head.i == head.i)]
        if possessors:
            heads += [t for t in head.subtree if t.dep_ == "poss" and t.lower_ not in ("its", "their")]
        for t in heads:
            if not self.is_actor(t):
                continue
            actor = self.agent(t).actor
            if actor and actor not in found:
                found.append(actor)
        return found

    def is_actor(self, head: Token) -> bool:
        if head.lower_ in FIRST_PERSON or head.lower_ in ("he", "she", "they", "him", "her", "them"):
            return True
        return any(m.actor and m.start <= head.idx < m.end and m.head >= 0 for m in self.cast.mentions)

    # -- the clause --

    def clause(self, verb: Token) -> Span:
        """The verb's own clause: its subtree without the clauses inside it, within its sentence."""
        sent = verb.sent
        keep = [verb.i]
        stack = [c for c in verb.children]
        while stack:
            t = stack.pop()
            if t.dep_ in CLAUSAL or (t.dep_ == "conj" and t.pos_ in ("VERB", "AUX") and t.head.i == verb.i):
                continue
            keep.append(t.i)
            stack.extend(t.children)
        subject = self.subject(verb)
        if subject is not None and sent.start <= subject.i < sent.end:
            keep += [t.i for t in self.refs.noun_phrase(subject)]
        start = max(min(keep), sent.start)
        end = min(max(keep) + 1, sent.end)
        while end - 1 > start and (self.sp[end - 1].is_punct or self.sp[end - 1].is_space):
            end -= 1
        while start < end - 1 and (self.sp[start].is_punct or self.sp[start].is_space):
            start += 1
        return self.sp[start:end]

    def negated(self, verb: Token) -> bool:
        if any(c.dep_ == "neg" for c in verb.children):
            return True
        if verb.dep_ == "xcomp" and verb.head.lemma_.lower() == "fail":
            return any(c.dep_ == "neg" for c in verb.head.children) is False
        if verb.dep_ == "xcomp" and verb.head.lemma_.lower() in ("go", "plan", "intend", "want"):
            return any(c.dep_ == "neg" for c in verb.head.children)  # "are not going to sign"
        return False

    def hypothetical(self, verb: Token) -> bool:
        """Conditions, intentions and futures: "if Hamas accepts", "will return", "plans to meet"."""
        node = _coordinator(verb)
        if self.conditioned(verb):
            return True
        if node.dep_ == "advcl" and any(c.lower_ in stances().conditions for c in node.children):
            return True
        if node.dep_ == "xcomp" and node.head.lemma_.lower() in INTENT:
            return True
        modals = [c for c in verb.children if c.dep_ == "aux" and c.lower_ in MODALS_FUTURE]
        if not modals:
            return False
        # "stated the delegation would return": the future of a reported past, not a hypothesis
        return not (self.reported(verb) and all(m.lower_ == "would" for m in modals))

    def on_condition(self, verb: Token) -> bool:
        """Whether the verb comes with a condition: "would accept if ...", "if X, Hamas will not accept"."""
        return any(
            c.dep_ == "advcl"
            and any(m.dep_ == "mark" and m.lower_ in stances().conditions for m in c.children)
            for c in verb.children
        )

    def conditioned(self, verb: Token) -> bool:
        """Whether the verb (or the verb it is coordinated with) is a condition: "if Hamas accepts"."""
        node = _coordinator(verb)
        return any(c.dep_ == "mark" and c.lower_ in stances().conditions for c in node.children)

    def reported(self, verb: Token) -> bool:
        """Whether the verb's clause is what a speech verb reports: "said Rwanda would respect it"."""
        return self.speech_verb(verb) is not None

    def speech_verb(self, verb: Token) -> Token | None:
        """The speech verb that reports the verb's clause ("said" in "said Rwanda would respect it")."""
        node = _coordinator(verb)
        return node.head if node.dep_ == "ccomp" and node.head.lemma_.lower() in self.cues else None

    def place(self, clause: Span, exclude: set[str]) -> str | None:
        """Where the clause happens: a named place or capital after a locative preposition or as the
        object of the verb ("left the Qatari capital" -> Doha)."""
        for t in clause:
            if t.dep_ not in ("pobj", "dobj") or (t.dep_ == "pobj" and t.head.lower_ not in LOCATIVE):
                continue
            name = self.place_name(t)
            if name and name.lower() not in exclude:
                return name
        return None

    def place_name(self, head: Token) -> str | None:
        if head.lemma_.lower() == "capital":
            for c in head.children:
                code = demonyms().get(c.text) or (c.ent_id_ if c.ent_type_ == "NORP" else None)
                if code and code in _capital_of_code():
                    return _capital_of_code()[code]
            return None
        if head.ent_type_ in PLACE_LABELS or head.text in capitals():
            ent = next((e for e in self.sp.ents if e.start <= head.i < e.end), None)
            text = ent.text if ent is not None else head.text
            return text[4:] if text.lower().startswith("the ") else text
        return None

    # -- time and attribution --

    def date(self, verb: Token) -> tuple[str | None, str | None, str]:
        """(date, its words, basis): the clause's own time, else the time of the statement that reports
        it ("announced Tuesday that Israel had accepted"), else the publication date."""
        own = self._time_of(verb)
        if own is not None:
            return own.value, own.text, "clause"
        node = verb
        for _ in range(6):
            if node.head.i == node.i:
                break
            node = node.head
            if node.lemma_.lower() in self.cues and node.pos_ in ("VERB", "AUX"):
                reported = self._time_of(node)
                if reported is not None:
                    return reported.value, reported.text, "report"
                break
        return self.published, None, "publication"

    def _time_of(self, verb: Token) -> TimeExpression | None:
        for head, time in self.time_heads.items():
            if head is None:
                continue
            node = self.sp[head]
            for _ in range(8):
                if node.i == verb.i:
                    return time
                if (node.pos_ in ("VERB", "AUX") and node.i != head) or node.head.i == node.i:
                    break
                node = node.head
        return None

    def _head_of(self, start: int, end: int) -> int | None:
        span = self.sp.char_span(start, end, alignment_mode="expand")
        return span.root.i if span is not None and len(span) else None

    def quote_at(self, position: int) -> Quote | None:
        return next((q for q in self.quotes if q.start <= position < q.end), None)

    def according_to(self, trigger: Token, actors: list[str]) -> str | None:
        """Who reports the clause, when it is said by someone other than its own actors."""
        quote = self.quote_at(trigger.idx)
        if quote is None:
            return None
        speaker = quote.speaker
        if speaker.actor and speaker.actor in actors:
            return None
        return speaker.actor or speaker.text


def _relative_subject(verb: Token) -> bool:
    """Whether a relative clause's pronoun is its subject: "the chipmaker, which pledged"."""
    return verb.dep_ == "relcl" and any(
        c.dep_ in SUBJECTS and c.lower_ in ("who", "which", "that") for c in verb.children
    )


def _coordinator(verb: Token) -> Token:
    """The first of coordinated verbs, which carries what they share: "if X accepts and signs"."""
    node = verb
    while node.dep_ == "conj" and node.head.i != node.i:
        node = node.head
    return node


@cache
def _state_ids() -> dict[str, str]:
    return {s.iso3: s.id for s in states()}


@cache
def _capital_of_code() -> dict[str, str]:
    return {s.iso3: s.capital for s in states() if s.capital}
