"""References to actors in a parsed article: subjects of verbs, pronouns, "the group", "the statement"."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable

from spacy.tokens import Doc, Span, Token

from pourparler.extract.actors import (
    GROUP_NOUNS,
    PRONOUNS_PERSON,
    PRONOUNS_PLURAL,
    PRONOUNS_THING,
    Cast,
    affiliation,
    name_sector,
)
from pourparler.knowledge import known_outlet, speech
from pourparler.model import Actor, Document, Mention, Quote, Speaker
from pourparler.nlp import text_of

SUBJECTS = ("nsubj", "nsubjpass", "csubj")


class References:
    """Resolves the words that name someone to an actor of the cast.

    `inside` marks tokens within quote marks (a pronoun there is the speaker's, not the writer's);
    `quotes` are the quotes read so far, in text order ("he" may be the speaker just quoted).
    """

    def __init__(
        self, sp: Doc, document: Document, cast: Cast, inside: list[bool], quotes: list[Quote]
    ) -> None:
        self.sp = sp
        self.body = text_of(sp)
        self.document = document
        self.cast = cast
        self.inside = inside
        self.quotes = quotes
        self.words = speech()
        # outlets' names and datelines' places: the actors pass records them with no actor
        self.furniture = [(m.start, m.end) for m in cast.mentions if m.actor is None]

    def subject(self, cue: Token) -> Token | None:
        verb = cue
        for _ in range(4):
            subjects = sorted(
                (c for c in verb.children if c.dep_ in SUBJECTS and not self.placed(c)),
                key=lambda c: abs(c.i - cue.i),
            )
            named = [c for c in subjects if c.ent_type_ in ("PERSON", "ORG", "GPE", "NORP")]
            subject = (named or subjects)[0] if subjects else None
            if subject is not None:
                if subject.lower_ in ("which", "who", "that") and verb.dep_ == "relcl":
                    return verb.head
                return subject
            agent = next((c for c in verb.children if c.dep_ == "agent"), None)
            if agent is not None:
                return next((c for c in agent.children if c.dep_ == "pobj"), None)
            if verb.dep_ in ("advcl", "xcomp", "conj", "ccomp", "relcl") and verb.head.i != verb.i:
                verb = verb.head
                continue
            if (
                verb.dep_ == "pcomp"
                and verb.head.lower_ in ("after", "by", "while", "upon")
                and verb.head.head.pos_ in ("VERB", "AUX")
            ):
                verb = verb.head.head  # "voted to strike after rejecting the offer": the voters reject it
                continue
            break
        return self._adjacent_subject(cue)

    def placed(self, token: Token) -> bool:
        """A dateline's place or an outlet's name ("HOBART (AAP) -"), which the parser may make a subject."""
        return any(start <= token.idx < end for start, end in self.furniture)

    def _adjacent_subject(self, cue: Token) -> Token | None:
        """When the parse gives the cue no subject: the noun right after ("said Ron Dermer") or before it,
        else the actor the sentence opens with ("Jörg Hansen, who ..., called the deal ...")."""
        doc = self.sp
        if cue.lemma_.lower() not in self.words.naming_cues:
            for i in range(cue.i + 1, min(cue.i + 4, len(doc))):
                if doc[i].pos_ in ("PROPN", "NOUN", "PRON") and not self.inside[i]:
                    return doc[i]
                if doc[i].is_punct:
                    break
        for i in range(cue.i - 1, max(cue.i - 4, -1), -1):
            if doc[i].pos_ in ("PROPN", "NOUN", "PRON") and not self.inside[i]:
                return doc[i]
            if doc[i].is_punct:
                break
        sent = cue.sent
        for m in self.cast.mentions:
            opens = sent.start_char <= m.start < cue.idx and m.head >= 0 and not self.inside[m.head]
            if opens and doc[m.head].dep_ in ("nsubj", "nsubjpass", "ROOT"):
                return doc[m.head]
        return None

    def speaker_from_phrase(self, head: Token) -> Speaker:
        named = next((c for c in head.children if c.dep_ == "appos" and c.ent_type_ == "PERSON"), None)
        if named is not None and head.ent_type_ != "PERSON":
            head = named
        if self.is_outlet(head):
            whole = self.sp[min(t.i for t in head.subtree) : max(t.i for t in head.subtree) + 1]
            return Speaker(actor=None, text=whole.text, start=whole.start_char, end=whole.end_char)
        phrase = self.noun_phrase(head)
        mention = self._mention_for(head, phrase)
        if mention is not None:
            return self.speaker_from_mention(mention, phrase.text)
        described = self._described_organisation(head, phrase)
        if described is not None:
            return self.speaker_from_mention(described, phrase.text)
        resolved = self._refer_back(head, phrase) or self._owners_body(head, phrase)
        if resolved is not None:
            return resolved
        return Speaker(
            actor=None, text=phrase.text, anonymous=False, start=phrase.start_char, end=phrase.end_char
        )

    def noun_phrase(self, head: Token) -> Span:
        keep = [t for t in head.subtree if not self._clause_child(t, head)]
        return self.sp[keep[0].i : keep[-1].i + 1] if keep else self.sp[head.i : head.i + 1]

    def _clause_child(self, t: Token, head: Token) -> bool:
        node = t
        while node.i != head.i:
            if node.dep_ in ("cc", "conj") and node.head.i == head.i and node.i > head.i:
                return True  # "Myanmar's junta and the TNLA": the junta's phrase ends before "and"
            if node.dep_ in ("relcl", "acl", "appos", "punct") and node.head.i == head.i and node.i > head.i:
                return node.dep_ != "acl" or node.lower_ not in ("familiar", "close", "involved", "briefed")
            node = node.head
        return False

    def _mention_for(self, head: Token, phrase: Span) -> Mention | None:
        """The actor a phrase names: the mention at its head, else the one nearest its head ("the
        Rwanda-backed M23 rebels" are M23), else one that contains it."""
        inside = []
        for m in self.cast.mentions:
            if m.actor is None or m.head < 0:
                continue
            if m.head == head.i:
                return m
            if phrase.start_char <= m.start and m.end <= phrase.end_char:
                inside.append(m)
        inside = [m for m in inside if not self.placed_body(m, head)]
        if inside:
            return min(inside, key=lambda m: (depth(self.sp[m.head], head), -(m.end - m.start)))
        covering = self.cast.covering(phrase.start_char, phrase.end_char)
        return None if covering is None or self.placed_body(covering, head) else covering

    def placed_body(self, mention: Mention, head: Token) -> bool:
        """ "Sweden's biggest industrial union", "Norwegian offshore workers": a state named on a union or
        on workers places them; it is not their side."""
        actor = self.cast.actors.get(mention.actor or "")
        modifier = self.sp[mention.head]
        return (
            actor is not None
            and actor.kind == "state"
            and modifier.head.i == head.i
            and modifier.dep_ in ("poss", "amod", "compound")
            and self.labour(head)
        )

    def labour(self, head: Token) -> bool:
        return "LAB" in self.words.sectors.get(head.lemma_.lower(), ()) or (
            self.words.name_sectors.get(head.lower_) == "LAB"
        )

    def speaker_from_mention(self, mention: Mention, text: str) -> Speaker:
        actor = self.cast.actors.get(mention.actor or "")
        if actor is None:
            return Speaker(actor=None, text=text, start=mention.start, end=mention.end)
        return Speaker(
            actor=actor.id,
            text=text,
            anonymous=actor.kind == "anonymous",
            country=actor.country,
            start=mention.start,
            end=mention.end,
        )

    def _refer_back(self, head: Token, phrase: Span) -> Speaker | None:
        """Pronouns and definite descriptions ("he", "the official", "the statement") to their antecedent."""
        lower = head.lower_
        before = phrase.start_char
        outside = self._outside_quotes
        mention: Mention | None = None
        if lower in PRONOUNS_PERSON and head.i < len(self.inside) and self.inside[head.i]:
            # "He insisted ..." said by Borrell is someone Borrell spoke of, never Borrell himself
            quoted = [q for q in self.quotes if q.start <= before < q.end and q.kind == "direct"]
            speaker = quoted[0].speaker.actor if quoted else None
            mention = self.salient(before, lambda m, a: a.id != speaker and self._person_like(m, a))
        elif lower in PRONOUNS_PERSON:
            mention = self.salient(before, lambda m, a: outside(m) and self._person_like(m, a))
            recent = self._recent_speaker(before, lambda a: a.kind in ("person", "anonymous"))
            if recent is not None and (mention is None or mention.start < (recent.end or 0)):
                return recent
        elif (lower in PRONOUNS_PLURAL or lower in PRONOUNS_THING) and (reporter := self._reporter(head)):
            return reporter
        elif lower in PRONOUNS_PLURAL:
            mention = self.salient(
                before,
                lambda m, a: outside(m) and (self.cast.is_plural(m) or a.kind in ("organization", "group")),
            )
        elif lower in PRONOUNS_THING:

            def body(m: Mention, a: Actor) -> bool:
                return outside(m) and a.kind in ("organization", "group", "state")

            mention = self.salient(before, body, recent=True)
            described = self._described_subject(before)
            if described is not None and (mention is None or mention.start < described.idx):
                found = self.speaker_from_phrase(described)
                actor = self.cast.actors.get(found.actor or "")
                if actor is not None and actor.kind in ("organization", "group", "state"):
                    return found
            mention = mention or self.cast.last(before, body)
        elif lower in self.words.nouns:
            last = self._last_speaker(before)
            if last is not None:
                return last
            mention = self.cast.last(
                before, lambda m, a: outside(m) and a.kind in ("organization", "group", "state")
            )
        elif self._definite(head):
            mention = self._definite_antecedent(head, before)
        if mention is None:
            return None
        return self.speaker_from_mention(mention, mention.text)

    def _owners_body(self, head: Token, phrase: Span) -> Speaker | None:
        """ "The government's negotiating team": a body of an owner named earlier speaks for the owner."""
        owner = next((c for c in head.children if c.dep_ == "poss" and c.pos_ == "NOUN"), None)
        if owner is None or not self._definite(owner):
            return None
        found = self._refer_back(owner, self.noun_phrase(owner))
        if found is None or found.actor is None:
            return None
        return Speaker(
            found.actor, phrase.text, found.anonymous, found.country, phrase.start_char, phrase.end_char
        )

    def _reporter(self, pronoun: Token) -> Speaker | None:
        """ "The government's team said it would keep pressing": the subject of a reported clause is
        the one who reports it, when that one is a body and not a person."""
        verb = pronoun.head
        if (
            pronoun.dep_ not in SUBJECTS
            or verb.dep_ != "ccomp"
            or verb.head.lemma_ not in self.words.clause_cues
        ):
            return None
        subject = self.subject(verb.head)
        if subject is None or subject.i == pronoun.i or subject.lower_ in PRONOUNS_PERSON:
            return None
        speaker = self.speaker_from_phrase(subject)
        actor = self.cast.actors.get(speaker.actor or "")
        return speaker if actor is not None and actor.kind in ("organization", "group", "state") else None

    def _described_organisation(self, head: Token, phrase: Span) -> Mention | None:
        """ "the Saudi foreign ministry", "Iran's foreign ministry": an organisation the knowledge lacks,
        named by a collective noun that the text ties to a country or name."""
        if head.lemma_.lower() not in self.words.collectives or head.pos_ not in ("NOUN", "PROPN"):
            return None
        modifiers = [t for t in phrase if t.i < head.i and t.dep_ in ("amod", "compound", "poss", "nmod")]
        if not any(t.ent_type_ in ("NORP", "GPE", "ORG") or t.pos_ == "PROPN" for t in modifiers):
            return None
        if self.labour(head) and all(t.ent_type_ in ("NORP", "GPE") for t in modifiers if t.pos_ == "PROPN"):
            return None  # "Sweden's biggest industrial union" describes a union, it does not name one
        words = [t for t in phrase if t.i <= head.i and t.dep_ != "det" and t.tag_ != "POS"]
        if not words:
            return None
        name = self.sp[words[0].i : head.i + 1].text
        name = re.sub(r"['’]s\b", "", name).strip()
        wanted = set(name.lower().split())
        earlier = self.cast.last(
            phrase.start_char,
            lambda m, a: a.kind != "anonymous" and wanted <= set(a.name.lower().split()),
            window=len(self.body),
        )
        if earlier is not None:
            return earlier  # a short form of an organisation already named in full
        country, side = affiliation(phrase)
        if side is None:  # "Ethiopia's Government Communication Service" belongs to the named owner
            owner = next(
                (
                    m
                    for m in self.cast.mentions
                    if m.actor and any(m.start <= t.idx < m.end for t in modifiers)
                ),
                None,
            )
            known = self.cast.actors.get(owner.actor or "") if owner is not None else None
            if known is not None and known.kind != "anonymous":
                country, side = known.country, known.side or known.id
        actor_id = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")
        actor = self.cast.actors.get(actor_id) or Actor(
            id=actor_id, name=name, kind="organization", country=country, side=side, sector=name_sector(name)
        )
        self.cast.actors[actor_id] = actor
        mention = Mention(phrase.start_char, phrase.end_char, phrase.text, actor_id, head=head.i)
        self.cast.add(mention)
        self.cast.sort()
        return mention

    def _definite(self, head: Token) -> bool:
        """ "the union", "this group"; "their union" too, which is the workers' union, not a person's."""
        return any(
            (c.dep_ == "det" and c.lower_ in ("the", "this", "that"))
            or (c.dep_ == "poss" and c.lower_ == "their" and head.lemma_.lower() in self.words.sectors)
            for c in head.children
        )

    def _definite_antecedent(self, head: Token, before: int) -> Mention | None:
        noun = head.lemma_.lower()
        plural = head.tag_ in ("NNS", "NNPS")
        outside = self._outside_quotes

        def anonymous_same_head(m: Mention, a: Actor) -> bool:
            if a.kind != "anonymous" or not outside(m):
                return False
            return self.sp[m.head].lemma_.lower() == noun if m.head >= 0 else False

        sectors = self.words.sectors.get(noun, frozenset())

        def named_by(m: Mention, a: Actor) -> bool:
            # "the airline" is no "Airline Pilots' Association": a sector the noun excludes does not fit
            unfit = bool(sectors) and a.sector is not None and a.sector not in sectors
            return outside(m) and a.kind != "anonymous" and noun in a.name.lower().split() and not unfit

        def titled(m: Mention, a: Actor) -> bool:
            # "the minister" is the one titled so, not "a conciliator appointed by the province"
            titles = (re.split(r"\b(?:by|of|for|from|with|to|who|that)\b|,", r.lower())[0] for r in a.roles)
            return outside(m) and a.kind != "anonymous" and any(noun in t.split() for t in titles)

        def of_sector(m: Mention, a: Actor) -> bool:
            return outside(m) and a.sector in sectors and a.kind in ("organization", "group")

        mention = self.cast.last(before, anonymous_same_head, window=len(self.body))
        for modifier in (c for c in head.children if c.dep_ == "compound" and c.pos_ == "NOUN"):
            mention = mention or self.of_sector(modifier)  # "the army delegation" is the army's
        # "the union" is the union before its president, "the minister" the one titled so
        for accept in (named_by, titled):
            if mention is None:
                mention = self.cast.last(before, accept, window=len(self.body))
        if mention is None and sectors:
            # "the union" is the union named before, however far back, not a company of no known sector
            mention = self.cast.last(before, of_sector, window=len(self.body))
        if mention is None and "LAB" in sectors and not plural and self._determined(head, "the"):
            # "The SNCTA, which represents 60 percent of controllers, will walk out … The union is
            # demanding": the last body whose name says nothing of its kind that was a subject, before a
            # union named later
            mention = self.cast.last(before, self._untyped_body, window=len(self.body))
        if mention is None and "LAB" in sectors and not plural:
            # "their union said ... Union No. 1, which represents ...": the one body of its kind, named later
            fits = [
                m
                for m in self.cast.mentions
                if m.start > before and (a := self.cast.actors.get(m.actor or "")) and of_sector(m, a)
            ]
            mention = fits[0] if len({m.actor for m in fits}) == 1 else None
        if mention is None and "BUS" in sectors and not plural:
            mention = self.main_company()
        if mention is None and sectors & {"GOV", "MIL"} and not plural:
            # "the government" where no government body is named is a state's, not the last body named: the
            # state named most so far, not one named in passing since ("gives China Exim Bank better terms");
            # so is "the military" where no armed force is named
            states = [
                m
                for m in self.cast.mentions
                if m.end <= before
                and outside(m)
                and (a := self.cast.actors.get(m.actor or "")) is not None
                and a.kind == "state"
            ]
            # "Myanmar's military regime … the regime": a state the text has called by the noun is the one
            states = [m for m in states if self.calls(m, noun)] or states
            if "GOV" not in sectors:
                # "Myanmar's junta … the military": a state's forces only where the text calls it by a word
                # for a military rule
                armed = {w for w, kinds in self.words.sectors.items() if "MIL" in kinds}
                states = [m for m in states if any(self.calls(m, w) for w in armed)]
            counts = Counter(m.actor for m in states)
            mention = max(reversed(states), key=lambda m: counts[m.actor], default=None)
            only = {a.id for a in self.cast.actors.values() if a.kind == "state"}
            if mention is None and len(only) == 1:
                # "SEOUL, April 25 (Yonhap) -- … the government's offer": the one state, a dateline's too
                mention = next((m for m in self.cast.mentions if m.actor in only), None)
        if mention is None and noun in self.words.collectives:

            def body(m: Mention, a: Actor) -> bool:
                # "the company" is no union: a body whose known sector the noun excludes does not fit
                unfit = bool(sectors) and a.sector is not None and a.sector not in sectors
                # "The Centre wants the group to disarm … the group's demand": no government is "the group"
                governing = noun in GROUP_NOUNS and (
                    a.sector == "GOV" or a.name.lower() in self.words.government_names
                )
                return outside(m) and a.kind in ("organization", "group") and not unfit and not governing

            # a body that was just the subject; else "the group" is the last group named before any
            # organisation named since ("the group's Supreme Political Council")
            mention = (
                self.cast.last(before, lambda m, a: body(m, a) and self.calls(m, noun), window=len(self.body))
                or self.salient(before, body, recent=True)
                or self.cast.last(before, lambda m, a: outside(m) and a.kind == noun)
                or self.cast.last(before, body)
            )
        if mention is None and noun in GROUP_NOUNS:  # "the rebels"
            mention = self._main_group(before)
        if mention is None and noun in self.words.anonymous_heads | self.words.anonymous_plurals:
            mention = self.cast.last(
                before, lambda m, a: outside(m) and a.kind == "anonymous" and self.cast.is_plural(m) == plural
            )
        return mention

    def _untyped_body(self, m: Mention, a: Actor) -> bool:
        kinds = self.words.collectives | self.words.public_bodies
        named = set(re.findall(r"[a-z]+", a.name.lower()))
        return (
            self._outside_quotes(m)
            and a.kind == "organization"
            and a.sector is None
            and not a.known
            and not kinds & named
            and self.sp[m.head].dep_ in SUBJECTS
        )

    @staticmethod
    def _determined(head: Token, word: str) -> bool:
        return any(c.dep_ == "det" and c.lower_ == word for c in head.children)

    def calls(self, mention: Mention, noun: str) -> bool:
        """Whether a mention names the owner of a noun: "Myanmar's military regime", "The Philippine
        government"."""
        if mention.head < 0:
            return False
        token = self.sp[mention.head]
        while token.dep_ == "compound" and token.head.dep_ == "compound" and token.head.pos_ == "NOUN":
            token = token.head  # "the Viv Ansanm gang coalition"
        return token.dep_ in ("poss", "amod", "compound", "nmod") and token.head.lemma_.lower() == noun

    def _main_group(self, before: int) -> Mention | None:
        """ "the rebels": the armed group the article names most so far, not a militia named in passing."""
        counts: dict[str, int] = {}
        last: dict[str, Mention] = {}
        for m in self.cast.mentions:
            actor = self.cast.actors.get(m.actor or "")
            if m.end <= before and actor is not None and actor.kind == "group" and self._outside_quotes(m):
                counts[actor.id] = counts.get(actor.id, 0) + 1
                last[actor.id] = m
        if not counts:
            return None
        return max(last.values(), key=lambda m: (counts[m.actor or ""], m.start))

    def main_company(self) -> Mention | None:
        """ "Management offered", "the carmaker wants": when no body is known as a company, the company is
        the body the article names most of those whose names call them nothing else, in a dispute with a
        union or when there is only one."""
        bodies = self.words.collectives | self.words.public_bodies
        counts: Counter[str] = Counter()
        first: dict[str, Mention] = {}
        unions = False
        for m in self.cast.mentions:
            actor = self.cast.actors.get(m.actor or "")
            if actor is None or actor.kind != "organization" or not self._outside_quotes(m):
                continue
            unions = unions or actor.sector == "LAB"
            if actor.sector in (None, "BUS") and not bodies & set(re.findall(r"[a-z]+", actor.name.lower())):
                counts[actor.id] += 1
                first.setdefault(actor.id, m)
        ranked = counts.most_common(2)
        if (
            not ranked
            or not (unions or len(ranked) == 1)
            or (len(ranked) == 2 and ranked[0][1] == ranked[1][1])
        ):
            return None
        return first[ranked[0][0]]

    def of_sector(self, noun: Token) -> Mention | None:
        """The organisation a noun such as "army" or "union" means: the last one of its sector named."""
        sectors = self.words.sectors.get(noun.lemma_.lower())
        if not sectors:
            return None
        return self.cast.last(
            noun.idx,
            lambda m, a: (
                self._outside_quotes(m) and a.sector in sectors and a.kind in ("organization", "group")
            ),
            window=len(self.body),
        )

    def salient(
        self, before: int, accept: Callable[[Mention, Actor], bool], *, recent: bool = False
    ) -> Mention | None:
        """A pronoun's antecedent: the last fitting subject of the last two sentences, else (unless
        `recent`) the last fit."""
        sentence = self.sp.char_span(before, min(before + 1, len(self.body)), alignment_mode="expand")
        since = before - 600
        if sentence is not None:
            start = sentence.sent.start
            previous = self.sp[start - 1].sent.start if start > 0 else start
            since = self.sp[previous].idx

        def acting(m: Mention, a: Actor) -> bool:
            head = self.sp[m.head]
            # "Her Rwandan counterpart, Emmanuel Ruzindana, said": the name in apposition to the subject
            named = head.dep_ in SUBJECTS or (head.dep_ == "appos" and head.head.dep_ in SUBJECTS)
            return m.start >= since and named and accept(m, a)

        subject = self.cast.last(before, acting)
        return subject if subject is not None or recent else self.cast.last(before, accept)

    def _described_subject(self, before: int) -> Token | None:
        """ "The union argues the money is there. It wants …": the last subject of a main clause in this
        sentence or the one before that describes a body rather than names it."""
        here = self.sp.char_span(before, min(before + 1, len(self.body)), alignment_mode="expand")
        if here is None:
            return None
        start = here.sent.start
        since = self.sp[start - 1].sent.start if start > 0 else start
        subjects = [
            t
            for t in self.sp[since : here.start]
            if (
                (t.dep_ in SUBJECTS and t.head.dep_ == "ROOT")
                # "said the government's room was narrow but that it was open to …"
                or (t.dep_ == "poss" and t.head.dep_ in SUBJECTS and t.sent == here.sent)
            )
            and self._definite(t)
            and t.lemma_.lower() in self.words.collectives
        ]
        return subjects[-1] if subjects else None

    def _recent_speaker(self, before: int, accept: Callable[[Actor], bool]) -> Speaker | None:
        """The speaker of a quote that ended in the previous sentence, when he or she fits; `end` is
        set to where that quote ended, so a subject named after it can take precedence."""
        for quote in reversed(self.quotes):
            if quote.end > before:
                continue
            if before - quote.end > 250 or quote.speaker.actor is None:
                return None
            actor = self.cast.actors.get(quote.speaker.actor)
            if actor is None or not accept(actor):
                return None
            sp = quote.speaker
            return Speaker(sp.actor, sp.text, sp.anonymous, sp.country, sp.start, quote.end)
        return None

    def _person_like(self, m: Mention, a: Actor) -> bool:
        if m.head < 0:
            return False
        return a.kind == "person" or (a.kind == "anonymous" and not self.cast.is_plural(m))

    def _outside_quotes(self, m: Mention) -> bool:
        return m.head >= 0 and not self.inside[m.head]

    def _last_speaker(self, before: int) -> Speaker | None:
        for quote in reversed(self.quotes):
            if quote.start < before and quote.speaker.text is not None:
                return quote.speaker
        return None

    def is_outlet(self, token: Token) -> bool:
        phrase = self.noun_phrase(token)
        if token.lemma_.lower() in self.words.media or any(t.lower_ in self.words.media for t in phrase):
            return True
        return known_outlet(phrase.text) is not None or known_outlet(token.text) is not None


def depth(token: Token, head: Token) -> int:
    """How many steps up the parse `token` is from `head` (10 when it is not below it)."""
    steps = 0
    while token.i != head.i and token.head.i != token.i and steps < 10:
        token = token.head
        steps += 1
    return steps if token.i == head.i else 10
