"""Negotiation positions: who demands, offers, accepts or rejects what, on which issue, with which numbers."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from functools import cache, cached_property

from spacy.tokens import Token

from pourparler.extract.actors import GROUP_NOUNS, same_person, short_form
from pourparler.extract.clauses import Agent, Clauses
from pourparler.extract.quantities import units
from pourparler.extract.references import SUBJECTS
from pourparler.extract.timex import NUMBER_WORDS, length
from pourparler.knowledge import capitals, demonyms, speech, states
from pourparler.knowledge.negotiation import Issue, Profile, plover, stances
from pourparler.model import Actor, Mention, Position, Quantity, Trigger, Value
from pourparler.nlp import prep_objects, text_of

# How far back (characters) "those demands" may look for the demands it answers.
REFERENCE_WINDOW = 1500
# "Cairo's proposal" may be what it offered, "those demands" what a party insisted on
KIN_STANCES = frozenset({("propose", "offer"), ("demand", "insist")})
TABLED = frozenset({"demand", "insist", "offer", "propose"})  # stances that put terms on the table
# How far after a position (characters) a bare number may take its issue.
ELLIPSIS_WINDOW = 200
OBJECT_PREPS = ("for", "to", "on", "of", "about", "over")
NOBODY = ("nobody", "none", "neither")
# The generic issue a yes or no with no object is about.
WHOLE_DEAL = "deal"
# The generic issue a length of time naming nothing else is about.
TIMELINE = "timeline"
# Prepositions that set the date something is due by ("if the contract is ratified by Nov. 15").
DUE_PREPS = frozenset({"by", "before", "within"})
# How often an article must name an issue for a bare number to take it as its topic.
TOPICAL_MENTIONS = 3
ONGOING = frozenset({"keep", "continue"})
DOMINANT_MENTIONS = 6
# The clauses a verb of intent may head: a main or reported clause, or the verb after "going to".
INTENT_CLAUSES = ("ROOT", "ccomp", "conj", "xcomp")
# A verb's prepositions that say where or when it happens ("agreed to extend the truce, in talks in Havana").
SETTING_PREPS = ("in", "at", "during", "after", "before", "since", "until", "amid", "following", "despite")


@dataclass(slots=True)
class _Stance:
    token: Token
    stance: str
    particle: str | None
    carried: bool = False  # "put forward demands": the noun states the stance, the verb carries it
    refusal: bool = False  # "would not negotiate over": the stance is the negated verb's
    intent: bool = False  # "will not hand the city back": any verb, so only on an issue it names
    speaker: Agent | None = None  # "said sanctions must be lifted": the party is who says so
    condition: bool = False  # "will strike unless the company raises pay": the conjunction states a demand

    @property
    def clause(self) -> Token:
        """The verb whose clause says what an intent or a condition is about."""
        return self.token.head if self.condition else self.token


def find_positions(
    clauses: Clauses, quantities: list[Quantity], profiles: tuple[Profile, ...]
) -> list[Position]:
    """Every position the article states, in text order, with issues from the profiles that fit it."""
    acting = {
        m.actor
        for m in clauses.cast.mentions
        if m.actor and m.head >= 0 and clauses.sp[m.head].dep_ in SUBJECTS
    }
    fitting = applicable(profiles, clauses.cast.actors, text_of(clauses.sp), acting)
    reader = _Reader(clauses, quantities, fitting)
    return reader.run()


def applicable(
    profiles: Iterable[Profile], actors: dict[str, Actor], body: str, acting: Collection[str] = ()
) -> list[Profile]:
    """The profiles an article belongs to: two of their parties named more than in passing (as the
    subject of a clause, or twice), or one party and one signal word; the generic profile always, last."""
    lowered = body.lower()

    def named(party: str) -> bool:
        actor = actors.get(party) or next(
            (a for a in actors.values() if a.name.lower() == party.lower()), None
        )
        if actor is None:
            return False
        if actor.id in acting:
            return True
        # "the war with Hamas" once in a story on Lebanon does not make it a party there
        words = {actor.name, *actor.aliases}
        return sum(len(re.findall(rf"\b{re.escape(w.lower())}\b", lowered)) for w in words if w) >= 2

    found = []
    for profile in profiles:
        if profile.generic:
            found.append(profile)
            continue
        parties = sum(1 for p in profile.parties if named(p))
        signals = sum(1 for s in profile.signals if re.search(rf"\b{re.escape(s)}", lowered))
        if parties >= 2 or (parties >= 1 and signals >= 1):
            found.append(profile)
    return found


class _Reader:
    def __init__(self, clauses: Clauses, quantities: list[Quantity], profiles: list[Profile]) -> None:
        self.clauses = clauses
        self.sp = clauses.sp
        cast = clauses.cast
        sources = [
            m for m in cast.mentions if (a := cast.actors.get(m.actor or "")) and a.kind == "anonymous"
        ]
        self.words = stances()
        # "according to two people briefed on the talks": a count of sources is no term
        self.quantities = [
            q
            for q in quantities
            if not any(m.start <= q.start < m.end for m in sources) and not self._tally(q)
        ]
        self.profiles = profiles
        self.positions: list[Position] = []
        # the parties the last coordinated subject named: whom "the parties" means next
        self.last_group: list[str] = []
        self.lemma_counts: Counter[str] | None = None  # counted on first need: most articles never ask
        # parties a profile names that the actor knowledge lacks ("Fredonia") still hold positions
        self.named_parties = {
            p.lower(): re.sub(r"[^a-z0-9]+", "-", p.lower()).strip("-")
            for profile in profiles
            for p in (*profile.parties, *profile.mediators)
            if p not in clauses.cast.actors
        }

    def _tally(self, quantity: Quantity) -> bool:
        """ "with 87 per cent voting no on a turnout of 91 per cent": a share of a ballot is no term."""
        if quantity.kind != "percent":
            return False
        text = text_of(self.sp)
        after = text[quantity.end : quantity.end + 40].lower().lstrip()
        before = text[max(0, quantity.start - 40) : quantity.start].lower()
        return any(
            re.match(rf"{re.escape(w)}\b", after) or re.search(rf"\b{re.escape(w)}( of)?\s*$", before)
            for w in self.words.tallies
        )

    def run(self) -> list[Position]:
        # a stance word inside the object of another ("agreed to sign a deal") is part of that one
        # ("insisted that it cannot be signed until …"), but "refused to reopen the crossings until the
        # monitoring mechanism is in place" also demands the mechanism
        covered: set[int] = set()
        refused: set[int] = set()
        for t in self.sp:
            found = self._stance(t)
            if found is not None and not found.condition and (self._in_condition(t) or self._predicted(t)):
                continue  # "only if the union accepts the new shifts" is asked of the union, not its stance
            if found is None or (
                t.i in covered and (t.pos_ in ("VERB", "AUX") or (found.condition and t.i not in refused))
            ):
                continue
            made, parts = self._positions(found)
            if made:
                words = {x.i for part in parts for x in part}
                covered |= words
                if all(p.stance == "reject" for p in made):
                    refused |= words
                self.positions += made
        return self.positions

    def _predicted(self, verb: Token) -> bool:
        """ "The presidents are expected to sign the treaty", "are due to sign": what the reporter expects
        is no stance of theirs."""
        head = verb.head
        return (
            verb.dep_ == "xcomp"
            and head.lemma_.lower() in self.words.predictions
            and (head.pos_ == "ADJ" or any(c.dep_ == "auxpass" for c in head.children))
        )

    def _in_condition(self, verb: Token) -> bool:
        """Whether the verb is what a condition asks: "unless the company signs", "until it agreed"; "if it
        keeps rejecting a ceasefire" says it rejects one."""
        if verb.pos_ not in ("VERB", "AUX"):
            return False
        node = verb
        while node.dep_ in ("conj", "xcomp") and node.head.i != node.i:
            node = node.head
        return node.lemma_.lower() not in ONGOING and any(
            c.dep_ == "mark"
            and (
                (node.dep_ == "advcl" and (c.lower_ in self.words.conditions or c.lower_ == "until"))
                or (node.dep_ == "conj" and self._setting(c))
            )
            for c in node.children
        )

    # -- stance words --

    def _stance(self, t: Token) -> _Stance | None:
        lemma = t.lemma_.lower()
        if t.dep_ == "mark":
            return self._condition(t)
        if t.pos_ in ("VERB", "AUX"):
            on_noun = t.dep_ in ("acl", "amod", "pcomp") and t.head.pos_ == "NOUN"
            if on_noun and self._participle_party(t) is None:
                return None
            if any(c.dep_ == "mark" and c.lower_ in ("for", "as") for c in t.children):
                return None  # "called for Witkoff to sign", "as agreed": not a stance taken here
            if t.lower_ in self.words.adjectives and (
                t.dep_ == "acomp" or any(c.dep_ == "auxpass" for c in t.children)
            ):
                return _Stance(t, self.words.adjectives[t.lower_], None)  # "had been prepared to sign"
            if (
                t.dep_ == "advcl"
                and t.i < t.head.i
                and any(c.dep_ == "aux" and c.lower_ == "to" for c in t.children)
            ):
                return None  # "To block the deal, France would need ...": a purpose, not a stance
            # "which officials put forward", with "forward" taken for an adverb
            particles = {
                c.lower_
                for c in t.children
                if (c.dep_ in ("prt", "prep") and not self._dated(c))
                or (c.dep_ == "advmod" and (c.pos_ == "ADP" or (lemma, c.lower_) in self.words.verbs))
            } | {m.lower_ for m in _clause_marks(t) if m.lower_ == "for"}  # "called for Canada to scrap …"
            for particle in sorted(particles):
                stance = self.words.verbs.get((lemma, particle))
                if stance and self._answers_with_noun(t, particle):
                    return None  # "countered with an offer of a 10-day pause": the noun states it
                if stance:
                    carried = self._carried(t) if stance in ("propose", "offer") else None
                    return _Stance(t, carried or stance, particle, carried is not None)
            if self.clauses.negated(t) or any(c.dep_ == "neg" for c in t.children):
                for refused in (*sorted(particles), None):
                    if refusal := self.words.refusals.get((lemma, refused)):
                        return _Stance(t, refusal, refused, refusal=True)
            for hedge in (*sorted(particles), None):
                if (hedged := self.words.hedged.get((lemma, hedge))) and (
                    t.dep_ == "xcomp" or {c.lower_ for c in t.children if c.dep_ == "aux"} & self.words.modal
                ):
                    return _Stance(t, hedged, hedge)  # "would consider 6%", "ready to look at"
            # "pushed back on", "pressed ahead with": a phrasal verb not listed is not the bare verb
            phrasal = any(c.dep_ == "prt" for c in t.children)
            stance = None if phrasal else self.words.verbs.get((lemma, None))
            if stance in (None, "propose", "offer") and (lemma in self.words.carriers or stance):
                carried = self._carried(t)
                if carried is not None:
                    return _Stance(t, carried, None, True)
            if stance:
                return _Stance(t, stance, None)
            # any verb of a main or reported clause may state what a party will or must do
            if lemma in self.words.not_intents or t.dep_ not in INTENT_CLAUSES:
                return None
            return self._intent(t) or self._obligation(t)
        # "said Ottawa was prepared to lift ...": the parser may hang the predicate adjective on "said"
        predicative = t.dep_ in ("acomp", "attr", "amod") or any(c.dep_ == "auxpass" for c in t.children)
        if t.pos_ == "ADJ" and (predicative or _predicate(t) is not t):
            if lemma in self.words.adjectives:
                return _Stance(t, self.words.adjectives[lemma], None)
            if lemma in self.words.evaluations and t.dep_ != "amod":
                return _Stance(t, self.words.evaluations[lemma], None)
        if t.pos_ in ("NOUN", "PROPN") and (
            any(c.dep_ == "poss" for c in t.children)
            or self._owning_modifier(t) is not None
            or self._sender(t) is not None
            or self._reporter_of(t) is not None
            or self._answered_with(t) is not None
            or self._earlier_owner(t) is not None
        ):
            modifiers = [c.lower_ for c in t.children if c.dep_ in ("amod", "compound") and c.i < t.i]
            for name in (*(f"{m} {lemma}" for m in modifiers), lemma):
                if name in self.words.nouns:
                    return _Stance(t, self.words.nouns[name], None)
        return None

    def _dated(self, prep: Token) -> bool:
        """ "agreed on 12 July": a preposition whose object is a date is no particle of the verb."""
        objects = [g for g in prep.children if g.dep_ == "pobj"]
        return bool(objects) and all(self._is_time(g) for g in objects)

    def _intent(self, verb: Token) -> _Stance | None:
        """ "We will not hand the city back", "the government would never recognise ...", "it would free
        the hostages only if ...": what a party says it will not do rejects it; what it would do on a
        condition, it is willing to do."""
        # "are not going to sign away their breaks": the modality is on "going"
        carrier = verb.head if verb.dep_ == "xcomp" and verb.head.lemma_.lower() == "go" else verb
        if verb.dep_ == "xcomp" and carrier is verb:
            return None
        aux = {c.lower_ for c in carrier.children if c.dep_ == "aux"}
        future = bool(aux & self.words.intent_modals) or carrier is not verb
        if not future or self.clauses.conditioned(verb):
            return None
        if any(c.dep_ == "neg" for c in carrier.children):
            refusing = aux & self.words.refusing_modals or carrier is not verb
            return _Stance(verb, "reject", None, refusal=True, intent=True) if refusing else None
        if self.clauses.on_condition(verb):
            return _Stance(verb, "willing", None, intent=True)
        return None

    def _condition(self, mark: Token) -> _Stance | None:
        """ "The union will strike unless the company raises pay", "Iran will let inspectors back only if
        Europe drops its bid": a condition a party sets on what it will do is its demand."""
        clause, main = mark.head, mark.head.head
        if clause.dep_ == "conj":
            coordinated = self._coordinated_condition(mark)
            if coordinated is None:
                return None
            main = coordinated
        elif main.lower_ == "long" and main.head.i != main.i:
            # "would hold off (for) as long as the channel produces results": the condition is on "hold"
            main = main.head.head if main.head.pos_ == "ADP" else main.head
        # "was prepared to accept a 4% settlement if ...", with the condition hung on the adjective
        willing = main.pos_ == "ADJ" and main.lemma_.lower() in self.words.adjectives
        if (
            clause.dep_ not in ("advcl", "conj")
            or (main.pos_ not in ("VERB", "AUX") and not willing)
            or self.clauses.conditioned(main)
        ):
            return None
        carrier = main
        while carrier.dep_ in ("xcomp", "pcomp", "prep") and carrier.head.i != carrier.i:
            carrier = carrier.head  # "was open to lowering the duty ... if", hung on "lowering"
        setting = self._setting(mark)
        if setting:
            modals = {c.lower_ for c in main.children if c.dep_ == "aux"} & self.words.intent_modals
            refused = (
                main.dep_ == "xcomp" and self.words.verbs.get((main.head.lemma_.lower(), None)) == "reject"
            )
            if not modals and not self.clauses.negated(main) and not refused and mark.lower_ == "until":
                return None  # "talks went on until the company raised its offer": a time, not a condition
        elif mark.lower_ not in self.words.conditions or not (
            willing or self._offering(main) or (carrier.i != main.i and self._offering(carrier))
        ):
            return None
        failing = clause.lemma_.lower() in self.words.failures and not any(
            c.dep_ == "xcomp" for c in clause.children
        )
        if failing or any(
            c.dep_ == "det" and c.lower_ == "no" and c.head.head.i == clause.i for c in clause.subtree
        ):
            # "will walk out if there is no agreement", "if no deal is reached", "if talks break down": a
            # threat naming no term; "if employers sign an agreement on no compulsory redundancies" names one,
            # and so does "if the board fails to table a better offer"
            return None
        party = next((a for a in self._parties(carrier) if a.actor), None)
        if party is None and (setting or willing or self._offering(main, stated=True)):
            party = self._speaker_of(main)  # "we are prepared to move further on scheduling if ..."
        if party is None:
            return None
        subject = self.clauses.subject(clause)
        together = _coordinated(subject) if subject is not None else []
        if len(together) > 1 and party.actor in {self.clauses.agent(x).actor for x in together}:
            return None  # "a walkout unless the union and the province break the deadlock"
        return _Stance(mark, "demand", None, intent=True, speaker=party, condition=True)

    def _coordinated_condition(self, mark: Token) -> Token | None:
        """ "had offered to free 40 detainees, but only if the drivers are freed first": a condition the
        parser coordinates with what it is set on, the clause a reporting verb carries when it hangs on
        that verb ("is prepared to transfer him, the official said, but only if ...")."""
        clause, main = mark.head, mark.head.head
        joined = any(c.dep_ == "cc" and c.i < mark.i for c in main.children)
        if not joined or not self._setting(mark):
            return None
        if main.lemma_.lower() in self.clauses.refs.words.clause_cues:
            return next((c for c in main.children if c.dep_ == "ccomp" and c.i < clause.i), None)
        return main

    def _setting(self, mark: Token) -> bool:
        """ "unless", "only if", "as long as": a conjunction that sets a condition whatever it is set on."""
        before = tuple(x.lower_ for x in self.sp[max(mark.i - 2, 0) : mark.i + 1])
        return any(before[-len(p) :] == p for p in self.words.setting_conditions)

    def _conditioned_parts(self, verb: Token, mark: Token) -> list[list[Token]]:
        """What a condition asks: "only if Israel agreed to end the war and pull out" is the object of its
        stance verb, split as one; "unless the company raises pay" the verb with its objects."""
        subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        if (
            subject is not None
            and subject.pos_ == "NOUN"
            and subject.lemma_.lower() not in self.clauses.refs.words.collectives
            and not self.clauses.agent(subject).actor
        ):
            # "only if the final appointment required a two-thirds majority": the thing is asked for
            parts = self._intended(verb)
            return [sorted([*subject.subtree, *parts[0]], key=lambda x: x.i)] if parts else []
        stated = self._stance(verb)
        if stated is None or stated.intent or any(c.dep_ == "nsubjpass" for c in verb.children):
            return self._intended(verb)  # "if the contract is ratified by Nov. 15": all it asks
        return self._object_parts(verb, stated.particle)

    def _offering(self, verb: Token, stated: bool = False) -> bool:
        """ "offered to delay the snapback", "is ready to sign", "would consider easing", "would free the
        hostages": what a party offers or would do, on which a bare "if" sets a condition; with `stated`,
        only what a stance word says."""
        for v in (verb, verb.head) if verb.dep_ in ("xcomp", "acomp") else (verb,):
            lemma = v.lemma_.lower()
            if self.words.verbs.get((lemma, None)) in ("offer", "propose", "accept"):
                return True
            if (lemma, None) in self.words.hedged and {c.lower_ for c in v.children if c.dep_ == "aux"}:
                return True
            if lemma in self.words.adjectives or any(
                c.dep_ == "acomp" and c.lower_ in self.words.adjectives for c in v.children
            ):
                return True
        if stated:
            return False
        # "would free the hostages if": a conditional offer; "will hold back the tranche if" is a threat
        aux = {c.lower_ for c in verb.children if c.dep_ == "aux"}
        return "would" in aux and not self.clauses.negated(verb)

    def _obligation(self, verb: Token) -> _Stance | None:
        """ "Caracas said sanctions must be lifted", "any arrangement would have to include the release of
        ...": what a speaker says must happen the speaker insists on; what another party must do, the
        speaker demands ("Israel must withdraw")."""
        carrier = verb
        if verb.dep_ == "xcomp":
            if not _infinitive(verb) or verb.head.lemma_.lower() not in self.words.obliging_verbs:
                return None
            carrier = verb.head
        elif not {c.lower_ for c in verb.children if c.dep_ == "aux"} & self.words.obliging_modals:
            return None
        if self.clauses.negated(carrier) or self.clauses.conditioned(carrier):
            return None
        speaker = self._speaker_of(carrier)
        if speaker is None:
            return None
        subject = self.clauses.subject(carrier)
        other = (
            subject is not None
            and subject.dep_ == "nsubj"
            and (
                self._every_party(subject)
                or ((actor := self.clauses.agent(subject).actor) is not None and actor != speaker.actor)
            )
        )
        return _Stance(verb, "demand" if other else "insist", None, intent=True, speaker=speaker)

    def _speaker_of(self, verb: Token) -> Agent | None:
        """Who says the verb's clause: the subject of the speech verb that reports it, or the speaker of
        the quote it is in."""
        if (said := self.clauses.speech_verb(verb)) is not None:
            return next((a for a in self._parties(said) if a.actor), None)
        quote = self.clauses.quote_at(verb.idx)
        if quote is None or not quote.speaker.actor:
            return None
        return self._represented(Agent(quote.speaker.actor))

    def _intended(self, verb: Token) -> list[list[Token]]:
        """What a party will or will not do: the verb with its objects ("withdraw from the corridor",
        "recognise the region's independence"), since the verb may name the issue itself."""
        # "sanctions must be lifted": a passive subject is what is done
        words = [verb] + [
            x
            for c in verb.children
            # "makes the scheme permanent", a small clause the parser reads as a clausal complement
            if c.dep_
            in ("dobj", "prep", "prt", "dative", "xcomp", "ccomp", "acomp", "oprd", "attr", "nsubjpass")
            for x in c.subtree
        ]
        return [sorted(words, key=lambda x: x.i)] if len(words) > 1 else []

    def _carried(self, verb: Token) -> str | None:
        """The stance of a stance noun the verb puts forward: "put forward demands" is a demand."""
        thing = next((c for c in verb.children if c.dep_ == "dobj"), None)
        if thing is None or any(c.dep_ == "poss" for c in thing.children):
            return None
        return self.words.nouns.get(thing.lemma_.lower())

    def _adjusted(self, found: _Stance) -> str | None:
        """Negation and modality: "did not accept" is a rejection, "would accept" a conditional yes;
        a stance inside a condition ("if Hamas accepts") is not taken."""
        t = found.token
        anchor = _anchor(t)
        stance: str | None = found.stance
        if self.clauses.conditioned(anchor) or (
            anchor.dep_ == "xcomp" and anchor.head.lemma_.lower() == "fail"
        ):
            return None  # "if Hamas accepts", "failed to agree on quotas": no stance taken
        if anchor.dep_ == "pcomp" and anchor.head.lower_ in ("before", "without"):
            return None  # "wanted guarantees before committing funds", "ended without agreeing": no stance
        subject = self.clauses.subject(anchor)
        nobody = subject is not None and subject.lower_ in NOBODY
        negated = nobody or self.clauses.negated(anchor) or any(c.dep_ == "neg" for c in t.children)
        if negated and not found.refusal:
            stance = self.words.negated.get(found.stance)
        modals = {c.lower_ for c in anchor.children if c.dep_ == "aux"}
        # "said it would agree to a month" is a conditional yes however reported; "said Rwanda would respect
        # the agreement" a promise
        consent = stance == "accept" and t.lemma_.lower() in ("accept", "agree")
        reported = not consent and self._reported_future(anchor, modals)
        if stance and modals & self.words.modal and not reported:
            stance = self.words.modal_stances.get(stance, stance)
        return stance

    def _reported_future(self, verb: Token, modals: set[str]) -> bool:
        """ "said Rwanda would respect the agreement": the future of a reported statement, not a
        conditional offer, unless a condition comes with it ("would accept if ...")."""
        if modals & self.words.modal != {"would"} or self.clauses.on_condition(verb):
            return False
        return self.clauses.reported(verb)

    # -- party, object, issue --

    def _positions(self, found: _Stance) -> tuple[list[Position], list[list[Token]]]:
        """The positions a stance word states, and the parts of its object they are about."""
        stance = self._adjusted(found)
        if stance is None:
            return [], []
        if found.condition:
            # "unless Iran restores access, accounts for its stockpile and resumes talks": each demand
            verbs = [found.clause]
            for v in verbs:
                # "..., but that the offer had been turned down" is a clause of its own
                verbs += [
                    c
                    for c in v.children
                    if c.dep_ == "conj"
                    and c.pos_ in ("VERB", "AUX")
                    and not any(m.dep_ == "mark" for m in c.children)
                ]
            parts = [p for v in verbs for p in self._conditioned_parts(v, found.token)]
        elif found.intent:
            parts = self._intended(found.clause)
        else:
            parts = self._object_parts(found.token, found.particle)
        if not parts and (found.intent or not self._bare_verdict(found.token, stance)):
            return [], []
        made: list[Position] = []
        for agent in [found.speaker] if found.speaker else self._parties(found.token):
            if agent.actor is None or any(p.party == agent.actor for p in made):
                continue
            if parts:
                made += self._positions_of(found, stance, agent, parts)
            elif (deal := self._issue("generic", WHOLE_DEAL)) is not None:
                tokens = [found.token]
                made.append(self._position(found, stance, agent.actor, agent.source, *deal, tokens))
        return made, parts

    def _bare_verdict(self, t: Token, stance: str) -> bool:
        """ "Poland will vote against", "Armenia accepted": a yes or no with nothing named is a verdict
        on the deal on the table."""
        return (
            t.pos_ in ("VERB", "AUX")
            and stance in ("accept", "reject")
            and t.dep_ in ("ROOT", "ccomp", "conj")
            and any(c.dep_ == "nsubj" for c in t.children)
            and not any(c.dep_ == "mark" for c in t.children)
            and not any(
                c.dep_ in ("dobj", "xcomp", "ccomp", "nsubjpass", "advcl")
                or (c.dep_ == "prep" and any(g.dep_ in ("pobj", "pcomp") for g in c.children))
                for c in t.children
            )
        )

    # -- who holds the position --

    def _parties(self, t: Token) -> list[Agent]:
        """The parties whose stance the word states: its subject and what that coordinates, "both
        sides" as every party, and for a judgement ("unacceptable") the speaker who makes it."""
        if self._evaluation(t):
            quote = self.clauses.quote_at(t.idx)
            speaker = quote.speaker.actor if quote is not None else None
            return [self._represented(Agent(speaker))] if speaker else []
        head = self._party_head(t)
        if head is None or (head.pos_ == "NOUN" and head.lemma_.lower() in self.words.texts):
            return []
        agents = []
        for h in _coordinated(head):
            if self._every_party(h):
                agents += [Agent(a) for a in self._main_parties()]
                continue
            owners = self.clauses.owners(h) if h.lemma_.lower() in self.words.state_bodies else []
            if h.tag_ == "NNS" and not owners:
                owners = self._from_several(h)  # "Negotiators from Moldova and Transnistria agreed"
            owners = [a for a in owners if not self._described(a)]
            owners = list(dict.fromkeys(self._represented(Agent(a)).actor or a for a in owners))
            if len(owners) >= 2:
                agents += [Agent(a) for a in owners]
                continue
            if several := self._all_of_kind(h):
                agents += [Agent(a) for a in several]
                continue
            agent = (
                Agent(union)
                if (union := self._union_of(h))
                else self._bare_sector(h) or self.clauses.agent(h)
            )
            if self._central(h) and (home := self._home_government()):
                agent = Agent(home)  # "Federal negotiators rejected that demand"
            if agent.actor is None:
                agent.actor = self.named_parties.get(self.clauses.refs.noun_phrase(h).text.lower())
            if agent.actor is None:
                agent.actor = self._members_body(h) or self._unlisted_party(h)
            if agent.actor is None and h.lemma_.lower() in self.words.state_roles and h.tag_ == "NNS":
                agent.actor = self._home_government()  # "ministers were willing to resume talks"
            agents.append(self._represented(agent))
        named = [a.actor for a in agents if a.actor]
        if len(named) >= 2 and self._participle_party(t) is None:  # a text named in passing sets no table
            self.last_group = named
        return agents

    def _all_of_kind(self, head: Token) -> list[str]:
        """ "Both unions", "the two unions": every body of that kind the article names, when it names as
        many."""
        sectors = self.clauses.refs.words.sectors.get(head.lemma_.lower(), frozenset())
        if head.tag_ != "NNS" or not sectors or "GOV" in sectors:
            return []
        if any(c.dep_ == "poss" or c.lower_ == "of" for c in head.children):
            return []  # "Sibanye's unions", "the unions of the north"
        determiners = {c.lower_ for c in head.children if c.dep_ in ("det", "nummod", "predet")}
        counts = {**NUMBER_WORDS, "both": 2}
        counted = next((counts[d] for d in determiners if d in counts), None)
        if counted is None:
            return []
        found = [
            a.id
            for a in self.clauses.cast.actors.values()
            if a.kind in ("organization", "group") and a.sector in sectors and not self._described(a.id)
        ]
        return found if len(found) == counted else []

    def _from_several(self, head: Token) -> list[str]:
        """The actors named after "from" in "mediators from the UN and the African Union", or listed in
        apposition ("The three unions - Fiom-CGIL, Fim-CISL and Uilm-UIL - are demanding"), when several."""
        named = prep_objects(head, "from") + [c for c in head.children if c.dep_ == "appos" and c.conjuncts]
        found = [
            actor
            for first in named
            for g in (first, *first.conjuncts)
            if (actor := self.clauses.agent(g).actor or self._unlisted_party(g)) is not None
        ]
        return found if len(set(found)) >= 2 else []

    def _union_of(self, head: Token) -> str | None:
        """ "Pilots at Summit Air rejected the offer", "striking teachers": the workers of a labour
        dispute are their union, when the article names one union."""
        # "Faculty at Ontario's colleges", capitalised at the start of a sentence, is still the workforce
        lemma = head.lemma_.lower() if head.pos_ != "PROPN" or head.is_sent_start else ""
        collective = lemma in plover().classes.get("workforce", frozenset())
        if (head.tag_ != "NNS" and not collective) or lemma not in plover().classes["workers"]:
            return None
        if any(c.ent_type_ in ("PERSON", "NORP") for c in head.children):
            return None  # "Ukrainian nurses" in a story of two countries may be no one union's members
        unions = [
            a.id
            for a in self.clauses.cast.actors.values()
            if a.kind == "organization" and (a.sector == "LAB" or re.search(r"\bunion\b", a.name, re.I))
        ]
        if not unions:
            return self._called_union
        if len(unions) == 1:
            return unions[0]
        # the union the article is about, when it names others in passing
        counts = Counter(m.actor for m in self.clauses.cast.mentions if m.actor in unions).most_common()
        return str(counts[0][0]) if len(counts) == 1 or counts[0][1] >= 2 * counts[1][1] else None

    @cached_property
    def _called_union(self) -> str | None:
        """The body the text calls "the union" when no name says it is one ("the Association of Salaried
        Medical Specialists ... the union said")."""
        called = {
            self.clauses.agent(t).actor
            for t in self.sp
            if t.lemma_.lower() == "union" and t.pos_ == "NOUN" and any(c.lower_ == "the" for c in t.children)
        }
        called.discard(None)
        return called.pop() if len(called) == 1 else None

    def _bare_sector(self, head: Token) -> Agent | None:
        """ "Management offered 86,000 won": a kind of body named with no article is the last one of its
        sector the text named."""
        if head.lemma_.lower() not in self.clauses.refs.words.sectors or any(
            c.dep_ in ("det", "poss") for c in head.children
        ):
            return None  # "the union", "his government" are no bare kind
        found = self.clauses.refs.of_sector(head)
        if (
            found is None
            and "BUS" in self.clauses.refs.words.sectors[head.lemma_.lower()]
            and head.tag_ != "NNS"
        ):
            found = self.clauses.refs.main_company()
        return Agent(found.actor) if found is not None and found.actor else None

    def _central(self, head: Token) -> bool:
        """ "Federal negotiators", "the central government": a state body its level of government names."""
        return head.lemma_.lower() in self.words.state_bodies and any(
            c.dep_ in ("amod", "compound") and c.lower_ in self.words.government_levels for c in head.children
        )

    def _described(self, actor_id: str) -> bool:
        """An actor the text made of a phrase ("Ukrainian and Russian delegations"), not a party itself."""
        actor = self.clauses.cast.actors.get(actor_id)
        if actor is None or actor.known or actor.aliases:
            return False  # "the Association of Mineworkers and Construction Union (AMCU)" is a name
        return actor.kind == "organization" and " and " in actor.name

    def _evaluation(self, t: Token) -> bool:
        lemma = t.lemma_.lower()
        return t.pos_ == "ADJ" and lemma in self.words.evaluations and lemma not in self.words.adjectives

    def _represented(self, agent: Agent) -> Agent:
        """The party a speaker holds positions for: a negotiator's organisation, a minister's or a
        government's state, the home government of "government sources"; the speaker is kept as the
        source."""
        actor = self.clauses.cast.actors.get(agent.actor or "")
        if actor is None:
            return agent
        if actor.kind == "anonymous" and actor.side and (side := self.clauses.side(actor.side)) != actor.id:
            # "'We are ready for a full ceasefire,' the official said" of "a senior Ukrainian official"
            return Agent(side, source=agent.source or actor.id)
        if actor.kind == "anonymous" and not actor.side and (named := self._named_in(actor)) is not None:
            return Agent(self._party_of(named), source=agent.source or actor.id)  # "a BHP spokesperson"
        # "a government official", "a ministry official" of no named country; bare "officials" too, but
        # not "a union official"
        ministry = self.words.state_bodies & self.clauses.refs.words.public_bodies
        words = set(re.findall(r"[a-z]+", actor.name.lower()))
        governmental = words & (self.words.state_roles | ministry) or (
            words & {"official", "officials"}
            and not words & (set(self.clauses.refs.words.sectors) | GROUP_NOUNS)
        )
        if (
            actor.kind == "anonymous"
            and not actor.side
            and governmental
            and (home := self._home_government())
        ):
            return Agent(home, source=agent.source or actor.id)
        if actor.kind == "anonymous" and not actor.side:
            # "a company official", "a union negotiator": the body of that kind the article named last
            sectors = self.clauses.refs.words.sectors
            kinds = [w for w in re.findall(r"[a-z]+", actor.name.lower()) if w in sectors]
            # "a source close to the group": the group the article named
            kinds += [w for w in re.findall(r"\bthe (\w+)", actor.name.lower()) if w in GROUP_NOUNS]
            if kinds and (body := self._body_named(kinds[0], actor)) is not None:
                return Agent(self._party_of(self.clauses.cast.actors[body]), source=agent.source or actor.id)
        party = self._party_of(actor)
        return agent if party == actor.id else Agent(party, source=agent.source or actor.id)

    def _named_in(self, source: Actor) -> Actor | None:
        """The one organisation an anonymous source's own words name ("a BHP spokesperson")."""
        found = self._bodies_in(source.name, source.id)
        return found[0] if len(found) == 1 else None

    def _bodies_in(self, written: str, besides: str) -> list[Actor]:
        """The organisations and groups whose name or alias a text contains, short forms in capitals as
        written ("The EU's chief negotiator")."""
        lower = written.lower()
        found = []
        for other in self.clauses.cast.actors.values():
            names = (other.name, *other.aliases)
            # "commerce ministry spokesperson" names the "China Commerce Ministry"
            words = other.name.split()
            if other.kind == "organization" and len(words) >= 3 and _country_in(words[0]) == other.country:
                names += (" ".join(words[1:]),)
            if (
                other.kind in ("organization", "group")
                and other.id != besides
                and (
                    _any_word(frozenset(n.lower() for n in names if len(n) > 2), lower)
                    or any(re.search(rf"\b{n}\b", written) for n in names if len(n) == 2 and n.isupper())
                )
            ):
                found.append(other)
        return found

    def _party_of(self, actor: Actor) -> str:
        if actor.kind == "person":
            roles = " ".join(actor.roles).lower()
            if titled := self._bodies_in(" ".join(actor.roles), actor.id):
                return self._party_of(titled[0])  # "Egyptian Foreign Ministry spokesman": Egypt
            owned = re.search(r"\bthe (\w+)['’]s?\b", roles)
            if owned and (body := self._body_named(owned.group(1), actor)) is not None:
                return self._party_of(self.clauses.cast.actors[body])  # "X, the faction's lead negotiator"
            if re.match(r"(its|their) ", roles) and (body := self._previous_subject(actor)):
                return self._party_of(self.clauses.cast.actors[body])  # "Its chief people officer, X"
            words = set(re.findall(r"[a-z]+", roles))
            sectors = self.clauses.refs.words.sectors
            bodies = self.clauses.refs.words.collectives - self.words.state_bodies
            # "union president X", "coalition chair X": the body of that kind named before
            kinds = [
                w
                for w in re.findall(r"[a-z]+", roles)
                if (w in sectors and "GOV" not in sectors[w]) or (w in bodies and w not in sectors)
            ]
            if kinds and (body := self._body_named(kinds[0], actor)) is not None:
                return self._party_of(self.clauses.cast.actors[body])
            # "Sudan's irrigation minister", "Egyptian Foreign Ministry spokesman": the role names the state
            country = actor.country or _country_in(" ".join(actor.roles))
            state = self.clauses.side(country)
            if state and state != country and (words & self.words.state_roles or _office(actor.roles)):
                return state  # a country code that names no state ("EUR") leaves the person
            # "Education Minister Alana Dorey" in a dispute with a province; "Brazil offered ... The
            # proposal, presented by Trade Minister Geraldo Alckmin"
            if not country and (words & self.words.state_roles):
                home = self._where_speaking(actor) or self._home_government() or self._state_before(actor)
                if home:
                    return home
            if (body := self._body_of_role(actor)) is not None:
                return body  # "chief executive of Southern Rock Lobster", a body the tagger did not name
            if any(re.search(rf"\b{re.escape(r)}\b", roles) for r in self.words.company_roles):
                return self._body_named("company", actor) or actor.id  # "CEO Greg Castellano"
        named = set(re.findall(r"[a-z]+", actor.name.lower())) & self.words.state_bodies
        if actor.kind == "organization" and actor.name.lower() in self.clauses.refs.words.government_names:
            return self._national_government() or actor.id  # "the Centre", as against a state's government
        if actor.kind == "organization" and actor.sector == "GOV" and not (actor.side or actor.country):
            return self._home_government() or self._state_before(actor) or actor.id
        if (
            actor.kind == "organization"
            and named & self.clauses.refs.words.public_bodies
            and not actor.country
        ):
            # "the Transportation Ministry" in a story of one state is that state's
            states = [a.id for a in self.clauses.cast.actors.values() if a.kind == "state"]
            return states[0] if len(states) == 1 else actor.id
        if (
            actor.kind == "organization"
            and (actor.side or actor.country)
            and (named or actor.sector == "GOV")
        ):
            return self.clauses.side(actor.side or actor.country) or actor.id
        return actor.id

    def _body_of_role(self, person: Actor) -> str | None:
        """The organisation a role names after "of" or "at" in capitals, when no role is a state's."""
        words = set(re.findall(r"[a-z]+", " ".join(person.roles).lower()))
        if words & self.words.state_roles:
            return None  # "Minister of Foreign Affairs" names a ministry of a state
        for role in person.roles:
            found = re.search(r"\b(?:of|at) (?:the )?((?:[A-Z][\w&-]*)(?: (?:&|[A-Z][\w&-]*))*)", role)
            if found is None or _country_in(found.group(1)) or found.group(1) in capitals():
                continue
            name = found.group(1)
            known = next(
                (
                    a
                    for a in self.clauses.cast.actors.values()
                    if a.kind in ("organization", "group")
                    and (name in (a.name, *a.aliases) or a.name.endswith(f" {name}"))
                ),
                None,
            )
            if known is not None:
                return self._party_of(known)  # "convener of the Parishad"
            if any(t.ent_type_ == "GPE" for t in self.sp if t.text == name.split()[-1]):
                continue  # "the mayor of La Línea"
            return self._add_body(name)
        return None

    def _state_before(self, person: Actor) -> str | None:
        """The state that was the subject of a clause nearest before a person's first mention, within a
        paragraph's length; none for the officer of a body ("Council president Dana Hargreaves")."""
        bodies = self.clauses.refs.words.collectives - self.words.state_bodies
        cast = self.clauses.cast
        first = next((m for m in cast.mentions if m.actor == person.id), None)
        if first is None or set(re.findall(r"[a-z]+", " ".join(person.roles).lower())) & bodies:
            return None

        def acting(m: Mention, a: Actor) -> bool:
            return a.kind == "state" and m.head >= 0 and self.sp[m.head].dep_ in ("nsubj", "nsubjpass")

        found = cast.last(first.start, acting, window=STATE_WINDOW)
        return found.actor if found is not None else None

    def _where_speaking(self, person: Actor) -> str | None:
        """ "In Sofia, Deputy Foreign Minister X said …": the state whose capital or name places the
        clause a minister is first named in."""
        cast = self.clauses.cast
        first = next((m for m in cast.mentions if m.actor == person.id and m.head >= 0), None)
        if first is None or self.sp[first.head].dep_ not in ("nsubj", "nsubjpass"):
            return None
        verb = self.sp[first.head].head
        for place in (p for p in prep_objects(verb, "in") if p.i < first.head):
            # a place is a mention with no head: it names where, not who
            found = next((m for m in cast.mentions if m.start == place.idx and m.actor), None)
            actor = cast.actors.get(found.actor or "") if found is not None else None
            if actor is not None and actor.kind == "state":
                return actor.id
        return None

    def _body_named(self, noun: str, person: Actor) -> str | None:
        """The organisation "the faction", "the union" or "the company" in a person's role means: the last
        one of its kind named before the person."""
        cast = self.clauses.cast
        first = next((m for m in cast.mentions if m.actor == person.id), None)
        if first is None:
            return None
        lemma = noun[:-1] if noun.endswith("s") and noun[:-1] in GROUP_NOUNS else noun  # "the rebels'"
        sectors = self.clauses.refs.words.sectors.get(lemma)
        whole = len(text_of(self.sp))
        # "the council's chief negotiator", "the government's" after "Ethiopia's government": the last
        # organisation whose name ends so, else the last of that kind
        found = cast.last(
            first.start,
            lambda m, a: a.kind == "organization" and a.name.lower().split()[-1] == lemma,
            window=whole,
        )
        if found is None and lemma in GROUP_NOUNS:
            found = cast.last(first.start, lambda m, a: a.kind == "group", window=whole)
        elif found is None and sectors:
            found = cast.last(first.start, lambda m, a: a.sector in sectors, window=whole)
        return found.actor if found is not None else None

    def _previous_subject(self, person: Actor) -> str | None:
        """What "its" in a person's role refers to: the body the sentence before the person's first
        mention was about ("Its chief spokesman, X, said")."""
        first = next((m for m in self.clauses.cast.mentions if m.actor == person.id), None)
        if first is None:
            return None
        here = self.sp.char_span(first.start, first.start + 1, alignment_mode="expand")
        if here is None or here.sent.start == 0:
            return None
        previous = self.sp[here.sent.start - 1].sent
        subject = self.clauses.subject(previous.root)
        found = (
            self.clauses.cast.actors.get(self.clauses.agent(subject).actor or "")
            if subject is not None
            else None
        )
        return found.id if found is not None and found.kind != "person" else None

    def _home_government(self) -> str | None:
        """The government a minister or negotiator named with no country serves: the provincial or state
        government of an article about one, when no national government of its country is named; else
        the state of the one government the article names ("Colombia's government"); else the one state
        it names, or names as an actor rather than a venue, or names only by its demonym."""
        cast = self.clauses.cast
        if cast.regional:
            # the one provincial government, or the one the article is about when it names others in passing
            text = text_of(self.sp)

            def named(region: str) -> int:
                name = cast.actors[region].name.removesuffix(" government")
                return len(re.findall(rf"\b{re.escape(name)}", text))

            counts = sorted(((named(r), r) for r in cast.regional), reverse=True)
            if len(counts) > 1 and counts[0][0] < 2 * counts[1][0]:
                return None
            region = cast.actors[counts[0][1]]
            # a national government named once in passing ("after Ottawa cut permits") leaves the province
            national = Counter(
                m.actor
                for m in cast.mentions
                if (a := cast.actors.get(m.actor or "")) and a.kind == "state" and a.country == region.country
            )
            return None if any(n >= 2 for n in national.values()) else region.id
        governments = {
            self.clauses.side(a.side or a.country)
            for a in cast.actors.values()
            if a.kind == "organization" and a.name.lower().endswith("government") and (a.side or a.country)
        }
        # "The Philippine government and the NDFP … talks hosted by Norway"
        governments |= {
            m.actor
            for m in cast.mentions
            if m.actor in cast.actors
            and cast.actors[m.actor].kind == "state"
            and self.clauses.refs.calls(m, "government")
        }
        if governments:
            return governments.pop() if len(governments) == 1 else None
        # else the one ministry or department of no named country ("the Department of Health")
        bodies = [
            a.id
            for a in cast.actors.values()
            if a.kind == "organization"
            and not (a.side or a.country)
            and set(re.findall(r"[a-z]+", a.name.lower())) & self.words.state_bodies
        ]
        states = [a.id for a in cast.actors.values() if a.kind == "state"]
        if len(bodies) == 1 and not states:
            return bodies[0]
        if len(states) == 1:
            return states[0]  # "Employment Minister X", "the Education Ministry" in Belgium
        actors = [a for a in states if any(m.actor == a and m.head >= 0 for m in cast.mentions)]
        if len(actors) == 1:
            return actors[0]  # "talks in Kuala Lumpur" name a place, not a government
        if not states and not bodies:
            # "Belgian ports", "Belgian employers": the one country a story names only by its demonym
            codes = Counter(t.ent_id_ for t in self.sp if t.ent_type_ == "NORP" and t.ent_id_)
            if len(codes) == 1 and (only := codes.most_common(1)[0])[1] >= 2:
                return self.clauses.side(only[0])
        # the state the article is about, named at least twice as often as any other; "near Sulaymaniyah
        # in northern Iraq" is a place, not an actor
        acting = Counter(m.actor for m in cast.mentions if m.actor in states and m.head >= 0)
        mentioned = acting.most_common(2)
        if (
            mentioned
            and mentioned[0][1] >= 3
            and (len(mentioned) == 1 or mentioned[0][1] >= 2 * mentioned[1][1])
        ):
            return str(mentioned[0][0])
        return None

    def _national_government(self) -> str | None:
        """The state whose provinces the article's regional governments are, else the home government."""
        cast = self.clauses.cast
        countries = {cast.actors[r].country for r in cast.regional}
        if len(countries) == 1 and (state := self.clauses.side(countries.pop())):
            return state
        return self._home_government()

    def _every_party(self, head: Token) -> bool:
        determiners = {c.lower_ for c in head.children if c.dep_ in ("det", "nummod", "predet")}
        return (
            head.lemma_.lower() in self.words.every_party
            and head.tag_ in ("NNS", "NNPS")
            and bool(determiners & {"both", "the", "two", "all"})
            # "the leaders of France, Germany and Poland" are those states' leaders
            and not any(c.dep_ in ("amod", "compound", "poss") or c.lower_ == "of" for c in head.children)
        )

    def _main_parties(self) -> list[str]:
        """The parties at the table: those the article last named together, a fitting profile's, else
        the two actors the article names most."""
        if self.last_group:
            return self.last_group
        cast = self.clauses.cast
        for profile in self.profiles:
            listed = [p for p in profile.parties if p in cast.actors]
            if not profile.generic and len(listed) >= 2:
                return listed
        counts: dict[str, int] = {}
        for m in cast.mentions:
            actor = cast.actors.get(m.actor or "")
            if actor is not None and actor.kind in ("state", "group", "organization"):
                party = self._party_of(actor)
                counts[party] = counts.get(party, 0) + 1
        ranked = sorted(counts, key=lambda a: -counts[a])
        return ranked[:2] if len(ranked) >= 2 else []

    def _members_body(self, head: Token) -> str | None:
        """ "Bondholders also demand ...": the members of the one body named for them ("the Ad Hoc Group
        of Bondholders") speak through it."""
        if head.tag_ != "NNS":
            return None
        word = head.lower_
        bodies = [
            a.id
            for a in self.clauses.cast.actors.values()
            if a.kind == "organization" and re.search(rf"\bof (?:\w+ )*{re.escape(word)}$", a.name, re.I)
        ]
        return bodies[0] if len(bodies) == 1 else None

    def _unlisted_party(self, head: Token) -> str | None:
        """A named organisation the actor knowledge lacks ("Northern has offered ...") is a party too, and
        "Summit" after "Summit Air" is that one."""
        if head.text[:1].isupper():
            # "Summit" after "Summit Air"; "Sanabria" after "Mauricio Sanabria", whatever the tagger says
            known = short_form(head.text, self.clauses.cast) or same_person(head.text, self.clauses.cast)
            if known is not None:
                return known.id
            aliased = [a.id for a in self.clauses.cast.actors.values() if head.text in a.aliases]
            if len(aliased) == 1:
                return aliased[0]  # "DB" after "Deutsche Bahn (DB)", which the tagger left untagged
        if head.is_sent_start and head.lower_ in self.clauses.refs.words.sectors:
            return None  # "Management offered ...": a common noun capitalised at the start of a sentence
        if self.clauses.refs.placed(head):
            return None  # an outlet or a dateline's place ("HOBART (AAP) -"), which the tagger made a subject
        if head.pos_ != "PROPN" or head.ent_type_ in (
            "PERSON",
            "DATE",
            "TIME",
            "CARDINAL",
            "MONEY",
            "PERCENT",
        ):
            return None
        words = [c for c in head.lefts if c.dep_ == "compound" and c.pos_ == "PROPN"] + [head]
        name = " ".join(w.text for w in words)
        return self._add_body(name)

    def _add_body(self, name: str) -> str | None:
        """An organisation the text names that the cast lacks, added to it."""
        actor_id = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")
        if not actor_id:
            return None
        self.clauses.cast.actors.setdefault(actor_id, Actor(id=actor_id, name=name, kind="organization"))
        return actor_id

    def _positions_of(
        self, found: _Stance, stance: str, agent: Agent, parts: list[list[Token]]
    ) -> list[Position]:
        assert agent.actor is not None
        referred = None if found.intent else self._referred(parts, agent.actor)
        if referred is not None:
            return self._responses(found, stance, agent.actor, agent.source, parts, referred)
        by_issue: dict[str, tuple[Issue, Profile, list[list[Token]]]] = {}
        unnamed: list[list[Token]] = []
        meaning: dict[str, Position] = {}
        previous: tuple[Issue, Profile] | None = None
        noun = found.token.i if found.token.pos_ == "NOUN" else -1
        if found.carried:
            noun = next((c.i for c in found.token.children if c.dep_ == "dobj"), -1)
        for part in parts:
            # "put a responsible offer in front of the union": the stance noun names no issue
            named = [x for x in part if x.i != noun]
            if found.intent:
                # "would not discuss its weapons" is about the weapons; "never recognise the region's
                # independence" names its issue by the verb
                verb = found.clause
                # "only if the Belgians are released at the same time": what is done to a passive
                # subject is named by the verb
                done = found.condition and any(c.dep_ == "nsubjpass" for c in verb.children)
                fit = self._classify(part) if done else None
                fit = fit or self._classify([x for x in part if x.i != verb.i]) or self._classify([verb])
                if fit is None:
                    continue
            else:
                fit = self._classify(named)
            fit = fit or self._elided(part) or self._restated(found, stance, agent.actor)
            # "present a vision of a truce and spell it out": a conjunct naming nothing joins the one before
            fit = fit or previous or self._topical(part) or self._lasting(part)
            # "Cairo's proposal" naming nothing else is a proposal of a deal, before the paragraph's issue
            fit = fit or (self._classify(part) if named != part else None) or self._in_context(part)
            fit = fit or self._unresolved(part)
            if fit is None:
                unnamed.append(part)
                continue
            if fit[0].id == WHOLE_DEAL and self._quantity(part) and (counted := self._topical(part)):
                fit = counted  # "prepared to accept a 4% settlement" in a pay dispute is a term of pay
            elif fit[0].id == WHOLE_DEAL and (lasting := self._term_of(part)):
                fit = lasting  # "willing to accept a two-year deal" is on how long it runs
            elif fit[0].id == WHOLE_DEAL and found.condition and (dated := self._deadline(part)):
                fit = dated  # "a bonus if the contract is ratified by Nov. 15" asks for a date
            elif fit[0].id == WHOLE_DEAL and previous and previous[0].id != WHOLE_DEAL and self._bare(part):
                fit = previous  # "pressing for a 35-hour week – a proposal Cosla has rejected"
            elif fit[0].id == WHOLE_DEAL and self._bare(part) and (meant := self._bare_proposal(part)):
                fit = self._issue(meant.profile, meant.issue) or fit
                meaning[meant.issue] = meant
            issue, profile = previous = self._named_before(part) or fit
            self._file(by_issue, issue, profile, part)
        # "wants 5% a year and a $2,500 bonus": a figure naming nothing is a term of the issue named
        # beside it, when it is counted in that issue's units
        for part in unnamed:
            quantity = self._quantity(part)
            beside = next(
                (
                    (issue, profile)
                    for issue, profile, _ in by_issue.values()
                    if quantity and quantity.unit and issue.units and _fits(issue, quantity.unit)
                ),
                None,
            )
            if beside is not None:
                self._file(by_issue, *beside, part)
        made = []
        for issue, profile, issue_parts in by_issue.values():
            tokens = [x for p in issue_parts for x in p]
            position = self._position(found, stance, agent.actor, agent.source, issue, profile, tokens)
            if (meant := meaning.get(issue.id)) is not None:
                if meant.party != agent.actor:
                    position.responds_to.append(meant.id)
                if meant.party != agent.actor and meant.start >= found.token.sent.start_char:
                    # "to 35 hours – a proposal Cosla rejected"
                    position.value = position.value or meant.value
            made.append(position)
        return made

    def _file(
        self,
        by_issue: dict[str, tuple[Issue, Profile, list[list[Token]]]],
        issue: Issue,
        profile: Profile,
        part: list[Token],
    ) -> None:
        """Adds the words to the position on their issue; a second figure on it makes a second position
        ("5% a year and a $2,500 bonus" are two terms of pay)."""
        key = issue.id
        while key in by_issue and self._quantity(part, issue) and self._quantity(by_issue[key][2][0], issue):
            key += "+"
        by_issue.setdefault(key, (issue, profile, []))[2].append(part)

    def _participle_party(self, t: Token) -> Token | None:
        """The party of a participle on a noun: the agent of a rejection ("a model rejected outright by
        Yaoundé"), or the first party of a text it says was signed or agreed ("an agreement between Congo
        and Rwanda signed in Washington"). A text "proposed by the EU" or "signed by the two sides" is
        described, not answered."""
        if t.dep_ != "acl":
            return None
        by = next((c for c in t.children if c.dep_ == "agent"), None) if t.tag_ == "VBN" else None
        if by is not None and self.words.verbs.get((t.lemma_.lower(), None)) == "reject":
            return next((g for g in by.children if g.dep_ == "pobj"), None)
        if t.head.lemma_.lower() not in self.words.texts:
            return None
        return next(
            (
                g
                for c in t.head.children
                if c.dep_ == "prep" and c.lower_ == "between"
                for g in c.children
                if g.dep_ == "pobj" and any(x.dep_ == "conj" for x in g.children)
            ),
            None,
        )

    def _sender(self, noun: Token) -> Token | None:
        """ "The offer from Offshore Norge", "a proposal from Egypt": the party a stance noun comes from.
        "Approval from the parliament" is more often needed than given."""
        if self.words.nouns.get(noun.lemma_.lower()) not in ("demand", "propose", "offer"):
            return None
        return next(
            (
                g
                for c in noun.children
                if c.dep_ == "prep" and c.lower_ == "from"
                for g in c.children
                if g.dep_ == "pobj" and self.clauses.agent(g).actor is not None
            ),
            None,
        )

    def _owning_modifier(self, noun: Token) -> Token | None:
        """ "the Ukrainian proposal", "the Quad plan": a stance noun whose modifier names its party."""
        if noun.ent_type_:
            return None  # "the Global Trade Research Initiative" is a name
        return next(
            (
                c
                for c in noun.children
                if c.i < noun.i
                and (
                    (c.dep_ == "amod" and c.ent_type_ == "NORP")
                    or (c.dep_ == "compound" and c.pos_ == "PROPN")
                )
                and self.clauses.agent(c).actor is not None
            ),
            None,
        )

    def _reporter_of(self, noun: Token) -> Token | None:
        """ "The ministry added that a necessary condition for signing was an amendment": a stance noun
        said to be something, in a clause someone reports, is the reporter's."""
        verb = noun.head
        if noun.dep_ != "nsubj" or verb.lemma_ != "be" or verb.dep_ != "ccomp":
            return None
        if verb.head.lemma_.lower() not in self.clauses.refs.words.clause_cues:
            return None
        if not any(c.dep_ in ("attr", "acomp") for c in verb.children):
            return None
        return self.clauses.subject(verb.head)

    def _terms_verb(self, noun: Token) -> tuple[Token, str | None] | None:
        """ "The offer included a 20% raise": the verb by which a stance noun states its terms, and its
        particle."""
        verb = noun.head
        if noun.dep_ != "nsubj" or verb.pos_ not in ("VERB", "AUX"):
            return None
        lemma = verb.lemma_.lower()
        particles = [c.lower_ for c in verb.children if c.dep_ in ("prt", "prep")]
        return next(
            ((verb, p) for p in (*particles, None) if (lemma, p) in self.words.terms),
            None,
        )

    def _earlier_owner(self, noun: Token) -> Token | None:
        """ "rejected the company's latest offer. The offer included ...": the owner of the same stance
        noun earlier in the text, for a definite one that states terms."""
        if self._terms_verb(noun) is None or not any(
            c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in noun.children
        ):
            return None
        for before in reversed(self.sp[: noun.sent.start]):
            if before.pos_ == "NOUN" and before.lemma_ == noun.lemma_:
                owner = next((c for c in before.children if c.dep_ == "poss"), None)
                if (owner := owner or self._owning_modifier(before)) is not None:
                    return owner
        return None

    def _answers_with_noun(self, verb: Token, particle: str) -> bool:
        return verb.lemma_.lower() in self.words.answers and any(
            g.dep_ == "pobj" and g.lemma_.lower() in self.words.nouns
            for c in verb.children
            if c.dep_ == "prep" and c.lower_ == particle
            for g in c.children
        )

    def _answered_with(self, noun: Token) -> Token | None:
        """ "Russia countered with an offer of a 10-day pause": a stance noun a party answers with is
        that party's."""
        preposition = noun.head
        if noun.dep_ != "pobj" or preposition.lower_ != "with" or preposition.head.pos_ != "VERB":
            return None
        if preposition.head.lemma_.lower() not in self.words.answers:
            return None
        return self.clauses.subject(preposition.head)

    def _party_head(self, t: Token) -> Token | None:
        if t.pos_ == "NOUN":
            owner = next((c for c in t.children if c.dep_ == "poss"), None)
            return (
                owner
                or self._owning_modifier(t)
                or self._sender(t)
                or self._reporter_of(t)
                or self._answered_with(t)
                or self._earlier_owner(t)
            )
        if (first := self._participle_party(t)) is not None:
            return first
        anchor = _anchor(t)
        if t.pos_ == "ADJ" and t.dep_ == "amod":
            return t.head
        if anchor.dep_ == "pcomp" and anchor.head.lower_ in ("in", "by") and anchor.head.head.pos_ == "VERB":
            anchor = anchor.head.head  # "Sudan has sided with Egypt in calling for a binding deal"
        subject = self.clauses.subject(anchor)
        passive = t.pos_ != "ADJ" and t.lower_ not in self.words.adjectives  # "Moscow was prepared to"
        if subject is not None and passive and any(c.dep_ == "nsubjpass" for c in anchor.children):
            by = next((c for c in anchor.children if c.dep_ == "agent"), None)
            if by is None or any(c.tag_ == "MD" for c in anchor.children):
                return None  # "it must be approved by the board" states what is needed, not a stance
            return next((g for g in by.children if g.dep_ == "pobj"), None)
        reported = anchor.head
        if (
            subject is not None
            and anchor.dep_ == "conj"
            and (subject.lemma_.lower() in self.words.texts or self.clauses.agent(subject).actor is None)
            and not any(c.dep_ in ("nsubj", "nsubjpass") for c in anchor.children)
            and reported.dep_ == "ccomp"
            and reported.head.lemma_.lower() in self.clauses.refs.words.clause_cues
        ):
            # "the ministry said that the agreement served both countries, and urged Washington to ...",
            # "the BMA says their pay is lower and is demanding 29%": the parser hangs the second verb on
            # the reported clause; it is the reporter's
            return self.clauses.subject(reported.head)
        return subject

    def _object_parts(self, t: Token, particle: str | None) -> list[list[Token]]:
        """What the stance is about, split into its coordinated parts ("a withdrawal from X and the
        cancellation of Y", "that A and that B")."""
        heads: list[Token] = []
        if any(
            (c.dep_ == "xcomp" and self._aside(c) and t.pos_ != "ADJ" and not self._other_complement(t, c))
            or (
                c.dep_ == "ccomp"
                and any(m.dep_ == "mark" and m.lower_ in ("whether", "if") for m in c.children)
            )
            for c in t.children
        ):
            return []  # "declined to say whether", "asked not to be named", "asked whether": no stance
        if self._evaluation(t):
            subject = self.clauses.subject(t.head)
            heads = [subject] if subject is not None else []
        elif t.pos_ == "NOUN" and self._reporter_of(t) is not None:
            heads = self._what_it_is(t)  # "a necessary condition for signing was an amendment"
        elif self._participle_party(t) is not None:
            if summed := _summed_up(t.head):
                return [summed]  # "a proposal for a federation, a model rejected outright by Yaoundé"
            heads = [t.head]
        elif t.pos_ in ("VERB", "AUX"):
            thing = self.clauses.direct_object(t, particle)
            if thing is not None and thing.tag_ in ("WDT", "WP") and t.dep_ == "relcl":
                thing = t.head  # "a truce proposal, which Russia did not accept": what "which" stands for
            if thing is not None and thing.lower_ == "what" and t.dep_ == "csubj" and t.head.lemma_ == "be":
                # "What we will not accept is that a plant closes": what the clause says "what" is
                thing = next((c for c in t.head.children if c.dep_ in ("attr", "ccomp") and c.i > t.i), None)
            if (
                thing is not None
                and t.dep_ == "relcl"
                and thing.i == t.head.i
                and self._is_time(thing)
                and thing.dep_ == "pobj"
                and thing.head.head.pos_ == "NOUN"
            ):
                thing = thing.head.head  # "a second round in December, which the Polisario accepted"
            if thing is not None and thing.i in (t.head.i, t.head.head.i) and (summed := _summed_up(thing)):
                return [summed]
            if thing is not None and self._addressee(thing):
                # "urged the US to lift tariffs", "presented both sides with a plan": the party addressed
                # is not what is asked for
                thing = next(
                    (
                        g
                        for c in t.children
                        if c.dep_ == "prep" and c.lower_ == "with"
                        for g in c.children
                        if g.dep_ == "pobj"
                    ),
                    None,
                )
            # "the text was rejected by Panama" is about the text; "Hamas was offered a deal" and "Hamas
            # was urged to disarm" are not about Hamas
            recipient = any(c.dep_ == "nsubjpass" for c in t.children) and any(
                c.dep_ in ("dobj", "xcomp", "ccomp", "dative") for c in t.children
            )
            if thing is not None and thing.dep_ == "nsubjpass" and recipient:
                thing = next((c for c in t.children if c.dep_ == "dobj"), None)
            if thing is not None and (not self._is_time(thing) or _counted_length(thing)):
                heads.append(thing)
                # "offered 11 per cent plus a one-off payment", parsed as two objects
                heads += [c for c in t.children if c.dep_ == "dobj" and c.i > thing.i]
                heads += _stray_terms(t, thing)
                if thing.dep_ == "pobj":  # "committed to a ceasefire and to negotiations"
                    heads += [
                        g
                        for c in thing.head.children
                        if c.dep_ == "conj"
                        for g in c.children
                        if g.dep_ == "pobj"
                    ]
        if not heads:
            clausal: list[Token] = []
            for c in t.children:
                # "insists that Armenia first remove …", with "remove" tagged a noun, is a clause still
                that = c.dep_ == "ccomp" and any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children)
                if c.dep_ in ("xcomp", "ccomp") and (c.pos_ in ("VERB", "AUX") or _infinitive(c) or that):
                    # "refused to discuss pensions" is about pensions; "refused to exempt autos", with
                    # "exempt" tagged an adjective, about the exemption
                    discussing = c.lemma_.lower() in self.words.aside_unless_issue
                    discussed = self._discussed(c) if discussing else None
                    clausal.append(discussed if discussed is not None else c)
                elif c.dep_ == "advcl" and c.left_edge.lower_ == "to" and _next_to(t, c.left_edge):
                    # "committed to hand over its weapons", "pressed China on Tuesday to grant licences",
                    # parsed as a purpose
                    clausal.append(c)
                elif c.dep_ == "dative" and c.lower_ == "to":
                    # "offered to fast-track applications", with "to" taken for a recipient
                    heads += [g for g in c.children if g.dep_ == "pobj" and not self._addressee(g)]
                elif clausal and _listed_infinitive(c):
                    clausal.append(c)  # "commit to refrain from X, to allow Y and to withdraw Z"
                elif c.dep_ == "npadvmod" and any(g.pos_ == "NUM" for g in c.children):
                    heads.append(c)  # "demanded 7% over 12 months", parsed as an adverbial
                elif c.dep_ == "prep" and c.lower_ in OBJECT_PREPS:
                    heads += [g for g in c.children if g.dep_ in ("pobj", "pcomp") and not self._is_time(g)]
                elif c.dep_ == "prep" and c.lower_ == "outside" and c.i == t.i + 1:
                    # "resisted outside mediation": an adjective the tagger took for a preposition
                    heads.append(c)
                elif (c.dep_ == "acl" and t.pos_ == "NOUN" and c.tag_ != "VBN") or (
                    c.dep_ in ("advcl", "ccomp")
                    and any(m.dep_ == "mark" and m.lower_ == "for" for m in c.children)
                ):
                    clausal.append(c)
            heads = clausal + heads
        if not heads and t.pos_ in ("NOUN", "PROPN"):
            heads = self._what_it_is(t)
            if not heads:  # "the union's wage demand", "the government's offer": the noun and its modifiers
                if t.dep_ in ("dobj", "pobj") and any(
                    c.dep_ == "poss" and c.pos_ == "PRON" for c in t.children
                ):
                    return []  # "unless KLM improves its pay offer before Monday" states no offer of KLM's
                modifiers = [c for c in t.children if c.dep_ in ("amod", "compound") and c.i < t.i]
                return [sorted({x for m in modifiers for x in m.subtree} | {t}, key=lambda x: x.i)]
        parts: list[list[Token]] = []
        for head in heads[:2]:
            parts += self._split(head)
        if parts and heads and (named := _sum_named(t, heads[0])) is not None:
            parts[0] = sorted({*parts[0], *named.subtree}, key=lambda x: x.i)  # "asked for $1.2bn in aid"
        if parts and heads and heads[0].lemma_.lower() in self.words.references:
            parts[0] = sorted({*parts[0], *_proposed_for(t, heads[0])}, key=lambda x: x.i)
        return [p for p in parts if p]

    def _aside(self, verb: Token) -> bool:
        """ "declined to say", "refused to give details": a verb of telling, not of a term; "refused to
        give US mills an exemption" gives someone something, which is a term."""
        lemma = verb.lemma_.lower()
        if lemma in self.words.aside_unless_issue:
            # "ready to discuss the rest" is still ready to talk
            head = verb.head.lemma_.lower()
            return self._discussed(verb) is None and "willing" not in (
                self.words.adjectives.get(head),
                self.words.verbs.get((head, None)),
            )
        return lemma in self.words.aside and not any(c.dep_ == "dative" for c in verb.children)

    def _discussed(self, verb: Token) -> Token | None:
        """What a verb of discussing is about, when that names an issue ("refused to discuss pensions")."""
        thing = self.clauses.direct_object(verb)
        return thing if thing is not None and self._classify(list(thing.subtree)) is not None else None

    def _other_complement(self, t: Token, aside: Token) -> bool:
        """ "offered to postpone snapback ..., to give diplomacy time": a term besides the aside."""
        return any(c.dep_ == "xcomp" and c.i != aside.i and not self._aside(c) for c in t.children)

    def _addressee(self, thing: Token) -> bool:
        """Whether a verb's object is a party (a named actor, "both sides") rather than a term."""
        named = thing.ent_type_ in ("GPE", "ORG", "NORP", "PERSON")
        if self._every_party(thing) or (named and self.clauses.agent(thing).actor is not None):
            return True
        # "asking the government to raise the assistance", "called on the two chambers to resume talks":
        # whoever is told to do something
        verb = thing.head.head if thing.dep_ == "pobj" else thing.head
        told = thing.dep_ in ("dobj", "pobj") and any(
            c.dep_ == "xcomp" and c.i > thing.i and _infinitive(c) for c in verb.children
        )
        words = self.clauses.refs.words
        return told and (
            thing.pos_ == "PRON"
            or thing.lemma_.lower() in words.collectives | words.anonymous_plurals | self.words.every_party
            or (thing.pos_ == "PROPN" and self.clauses.agent(thing).actor is not None)
        )

    def _what_it_is(self, noun: Token) -> list[Token]:
        """ "Washington's red line was weaponisation", "our red line, which is the withdrawal": what a
        stance noun is said to be."""
        if (terms := self._terms_verb(noun)) is not None:
            verb, thing = terms[0], self.clauses.direct_object(*terms)
            acted_on = any(c.dep_ == "dobj" for c in verb.children)  # not "amounts to 9%"
            if any(
                c.dep_ == "prep"
                and (c.lower_ == "by" or (c.lower_ == "to" and acted_on))
                and any(x.like_num for x in c.subtree)
                for c in verb.children
            ):
                return [verb]  # "would raise pay by 38 per cent": the change is the term
            return [thing] if thing is not None else []
        if noun.dep_ == "dobj":
            changed = next(
                (
                    c
                    for c in noun.head.children
                    if c.dep_ == "prep"
                    and c.lower_ in ("to", "by")
                    and c.i > noun.i
                    and any(x.like_num for x in c.subtree)
                ),
                None,
            )
            if changed is not None:
                return [changed]  # "lifted its offer to 3.5 per cent": what the offer now is
        verbs = [noun.head] if noun.dep_ in ("nsubj", "nsubjpass") else []
        verbs += [c for c in noun.children if c.dep_ == "relcl"]
        for verb in verbs:
            if verb.lemma_.lower() == "be":
                found = [c for c in verb.children if c.dep_ in ("attr", "acomp", "ccomp")]
                if found:
                    return found[:1]
        return [c for c in noun.children if c.dep_ == "appos"][:1]

    def _is_time(self, token: Token) -> bool:
        # a named day or month only: spaCy also tags "7% over 12 months" as a date
        if token.i in self.clauses.time_heads or token.i in self.clauses.duration_heads:
            return True
        return token.ent_type_ in ("DATE", "TIME") and token.pos_ == "PROPN"

    def _split(self, head: Token) -> list[list[Token]]:
        conj = [
            c
            for c in head.children
            if c.dep_ == "conj" and (c.pos_ == head.pos_ or any(m.dep_ == "mark" for m in c.children))
        ]
        conj += _misattached(head)
        # "demanded that X pull back, and that the government had rejected it": a stance of its own
        stances = [c for c in conj if c.pos_ in ("VERB", "AUX") and self._stance(c) is not None]
        conj = [c for c in conj if c not in stances]
        # "to begin implementing the ceasefire and to sign a peace agreement": a second infinitive
        # hung on the verb the first one governs
        verb = head
        while inner := next((c for c in verb.children if c.dep_ == "xcomp" and c.pos_ == "VERB"), None):
            conj += [c for c in inner.children if c.dep_ == "conj" and _infinitive(c)]
            verb = inner
        # "agreed on a proposal, which Russia did not accept": the relative clause is Russia's stance
        # "signed an agreement ..., committing to elections": what the agreement commits to is its own
        # "a second round in December, which the Polisario accepted", hung on the month
        stances += [
            c
            for c in head.subtree
            if c.dep_ in ("relcl", "acl")
            and (c.head.i == head.i or (c.dep_ == "relcl" and self._is_time(c.head)))
            and self._stance(c) is not None
        ]
        # "..., an idea Israel has turned down": the answer summing up the clause is a stance of its own
        stances += [
            x
            for x in head.subtree
            if x.dep_ in ("npadvmod", "appos")
            and any(c.dep_ == "relcl" and self._answers(c) for c in x.children)
            and _summed_up(x)
        ]
        # a verb's own adverbial clauses state other things ("agreed to meet again, raising hopes")
        asides = [
            c
            for c in head.children
            if head.pos_ in ("VERB", "AUX")
            and (
                (c.dep_ in ("advcl", "parataxis") and not _term_clause(c))
                or (c.dep_ == "prep" and c.lower_ in SETTING_PREPS and not _manner(c))
            )
        ]
        # "raises of 12%, along with caps of 25 students per class": a second term of its own
        added = [
            g
            for x in head.subtree
            if x.dep_ == "prep" and x.lower_ in ("along", "together")
            for w in x.children
            if w.dep_ == "prep" and w.lower_ == "with"
            for g in w.children
            if g.dep_ == "pobj"
        ]
        excluded = {x.i for c in (*conj, *stances, *asides) for x in c.subtree}
        excluded |= {x.i for g in added for x in g.head.head.subtree}
        own = [x for x in head.subtree if x.i not in excluded and not (x.dep_ == "cc" and x.head.i == head.i)]
        sent = head.sent
        parts = [[x for x in own if sent.start <= x.i < sent.end]]
        for c in (*conj, *added):
            parts += self._split(c)
        return parts

    def _answers(self, clause: Token) -> bool:
        """A relative clause that states a stance, itself or in what it reports ("a change the union has
        said it will not accept")."""
        return self._stance(clause) is not None or any(
            c.dep_ in ("ccomp", "xcomp") and self._stance(c) is not None for c in clause.children
        )

    def _classify(self, part: list[Token]) -> tuple[Issue, Profile] | None:
        # "that the federal government restore the budget": a party that is the subject names no issue
        parties = {
            x.i
            for s in part
            if s.dep_ in ("nsubj", "nsubjpass", "poss")
            and (s.pos_ == "PROPN" or s.lemma_.lower() in self.words.state_bodies)
            and self.clauses.agent(s).actor
            for x in s.subtree
        }
        quantity = self._quantity(part)
        kept = [
            x
            for x in part
            if x.i not in parties
            # "78 euros per megawatt-hour", "$300 per fighter": what a sum is counted per names no issue
            and not (
                quantity
                and quantity.per
                and quantity.kind == "money"
                and quantity.end - len(quantity.per) <= x.idx < quantity.end
            )
        ]
        # words as written: "exchange-rate" stays one word, tokens left out leave a gap; and again
        # without the figures, so that "a one-off $1,500 payment" names a one-off payment
        text = _written(kept) + "\n" + _written([x for x in kept if not self._figure(x)])
        # "short-term" names no term of a deal, but "safe-staffing" names staffing, "counter-tariffs" tariffs
        words = [
            x
            for x in kept
            if not (
                x.i > 1 and x.nbor(-1).text == "-" and not x.nbor(-1).whitespace_ and x.lower_ in MEASURE_ENDS
            )
        ]
        lemmas = {x.lemma_.lower() for x in words} | {x.lower_ for x in words}
        if quantity is not None:
            # "$20 an hour" is a wage, not working hours
            hourly = (quantity.per or "").lower() == "hour" and quantity.kind == "money"
            if hourly:
                words = [x for x in words if x.lower_ not in ("hour", "hours")]
            text += f" {quantity.unit or ''} {'hourly' if hourly else ''}".lower()
            lemmas = {x.lemma_.lower() for x in words} | {x.lower_ for x in words} | set(text.split())
        depth = _depths(words)
        # "seeking raises" is tagged a verb but stands as a noun
        acting = [x for x in words if x.pos_ == "VERB" and x.dep_ not in NOMINAL_DEPS]
        verbal = {f for x in acting for f in (x.lemma_.lower(), x.lower_)} - {
            f for x in words if x not in acting for f in (x.lemma_.lower(), x.lower_)
        }
        for profile in self.profiles:
            best: tuple[int, int, Issue] | None = None
            named_issues: list[Issue] = []
            for issue in profile.issues:
                if issue.per and not (
                    quantity and quantity.per and _any_word(issue.per, quantity.per.lower())
                ):
                    continue
                # "exchange rate" names no exchange of prisoners
                said = _excluded(issue.excluded).sub(" ", text) if issue.excluded else text
                named_as = lemmas - (verbal & issue.nouns) if issue.nouns else lemmas
                named = [w for w in issue.words if _names(w, said, named_as, stem=bool(issue.excluded))]
                if not named:
                    continue
                unit = quantity.unit if quantity is not None else None
                if (
                    quantity is not None
                    and quantity.kind == "money"
                    and not _fits(issue, unit)
                    and set(named) <= verbal
                ):
                    continue  # "release 600 million cedis" is a sum paid out, not a release
                named_issues.append(issue)
                # on a tie, the issue named nearer the head: "guarantees on the border" are guarantees
                top = len(part)  # a text ("a ceasefire proposal") is about what its modifiers name
                if issue.id != WHOLE_DEAL:
                    top = min(depth.get(x, top) for w in named for x in w.split())
                # a ratio's issue ("prisoners per hostage") is narrower than its words' issue, and a
                # number's unit speaks for the issues counted in it ("frozen assets worth $6bn")
                counted = unit is not None and issue.units and _fits(issue, unit)
                score = (len(named) + (1 if issue.per else 0) + (1 if counted else 0), -top)
                if best is None or score > (best[0], -best[1]):
                    best = (score[0], top, issue)
            if best is not None:
                chosen = best[2]
                # "a guarantee of no compulsory redundancies" is on jobs
                prevailing = [i for i in named_issues if chosen.id in i.over]
                if chosen.id == WHOLE_DEAL and not prevailing and (asked := self._predicated(part)):
                    return asked
                return (prevailing[0] if prevailing else chosen), profile
        return None

    def _predicated(self, part: list[Token]) -> tuple[Issue, Profile] | None:
        """ "insisted that any deal be signed by international guarantors": a deal that is only the
        subject of the clause asked for is about what its predicate names."""
        head = _phrase_head(part)
        if head is None or head.pos_ not in ("VERB", "AUX"):
            return None
        inside = {x.i for x in part}
        subjects = [c for c in head.children if c.dep_ in ("nsubj", "nsubjpass") and c.i in inside]
        left = {x.i for s in subjects for x in s.subtree}
        named = self._classify([x for x in part if x.i in left]) if left else None
        if named is None or named[0].id != WHOLE_DEAL:
            return None
        found = self._classify([x for x in part if x.i not in left])
        return found if found is not None and found[0].id != WHOLE_DEAL else None

    def _figure(self, token: Token) -> bool:
        """Whether the token is a number or a currency sign of a quantity."""
        return token.pos_ in ("NUM", "SYM") and any(q.start <= token.idx < q.end for q in self.quantities)

    def _named_before(self, part: list[Token]) -> tuple[Issue, Profile] | None:
        """ "signed a ceasefire agreement ... committed to the agreement", "accepted the UN-AU plan": a
        definite mention of a text or a proposal, with nothing but names and modifiers, is the one named
        before, with its issue."""
        words = [x for x in part if not x.is_punct]
        if len(words) < 2 or words[0].lower_ not in ("the", "this"):
            return None  # "the Washington agreement" names a text of its own, unless the text named it so
        head = next((x for x in words if x.head.i == x.i or x.head not in part), None)
        if head is None:
            return None
        noun = head.lemma_.lower()
        if noun not in self.words.texts and noun not in self.words.references:
            return None
        if any(x.dep_ not in ("det", "compound", "amod", "poss", "case") for x in words if x.i != head.i):
            return None
        for earlier in reversed(self.positions):
            if re.search(rf"\b{re.escape(noun)}", (earlier.object or "").lower()):
                named = self._issue(earlier.profile, earlier.issue)
                return named if named is not None and named[0].id != "deal" else None
        return None

    def _restated(self, found: _Stance, stance: str, party: str) -> tuple[Issue, Profile] | None:
        """ "The province has offered 7.5% ... we have put a responsible offer in front of the union": a
        stance noun naming nothing is the party's own position of that stance stated before."""
        if not (found.carried or found.token.pos_ == "NOUN"):
            return None
        for earlier in reversed(self.positions):
            if found.token.idx - earlier.start > REFERENCE_WINDOW:
                break
            if earlier.party == party and earlier.stance == stance:
                return self._issue(earlier.profile, earlier.issue)
        return None

    def _elided(self, part: list[Token]) -> tuple[Issue, Profile] | None:
        """ "X demanded a 6% rise, while Y offered 3.5%", "pushed for a truce of 10 to 14 days, while the
        army insisted on seven": a number takes the issue of the position just before it that has a value
        in the same unit, or any value when the number is bare."""
        quantity = self._quantity(part)
        if quantity is not None and any(
            x.pos_ in ("NOUN", "PROPN") and not quantity.start <= x.idx < quantity.end for x in part
        ):
            return None  # "to lower the performance threshold to 90%" names a thing of its own
        earlier = self._figure_before(part)
        return self._issue(earlier.profile, earlier.issue) if earlier is not None else None

    def _figure_before(self, part: list[Token], issue: str | None = None) -> Position | None:
        quantity = self._quantity(part)
        # "had sought a 90-day truce, while Pakistan offered only 30 days": a length is a figure too
        found = self._length(part) if quantity is None else None
        unit = quantity.unit if quantity is not None else (found[2] if found else None)
        if unit is None and _bare_number(part) is None:
            return None
        start = min(x.idx for x in part)
        for earlier in reversed(self.positions):
            if start - earlier.end > ELLIPSIS_WINDOW:
                break
            if (
                earlier.value is not None
                and (issue is None or earlier.issue == issue)
                and (unit is None or earlier.value.unit == unit)
            ):
                return earlier
        return None

    def _topical(self, part: list[Token]) -> tuple[Issue, Profile] | None:
        """ "The union had demanded 7% over 12 months": a bare number takes the issue the article is
        about among those counted in its unit, when the article names that issue again and again."""
        quantity = self._quantity(part)
        if quantity is None or not quantity.unit:
            return self._dominant()
        best: tuple[int, Issue, Profile] | None = None
        for profile in self.profiles:
            for issue in profile.issues:
                if issue.units and _fits(issue, quantity.unit):
                    hits = self._mentions(issue)
                    if hits >= TOPICAL_MENTIONS and (best is None or hits > best[0]):
                        best = (hits, issue, profile)
        return (best[1], best[2]) if best is not None else None

    def _lasting(self, part: list[Token]) -> tuple[Issue, Profile] | None:
        """ "Egypt wants the remaining filling spread over at least four years": a length of time that
        names nothing else is a term of the timeline. "17.4 per cent over five years" names a rate."""
        found = self._length(part)
        timeline = self._issue("generic", TIMELINE) if found is not None else None
        if timeline is None or not found or not _fits(timeline[0], found[2]):
            return None
        quantity = self._quantity(part)
        return timeline if quantity is None or _fits(timeline[0], quantity.unit) else None

    def _term_of(self, part: list[Token]) -> tuple[Issue, Profile] | None:
        """ "a two-year deal", "a longer contract of up to 24 months": a text named by nothing but its
        length is on the timeline."""
        lasting = self._lasting(part)
        start, end = _extent(part)
        span = next(((t.start, t.end) for t in self.clauses.durations if start <= t.start < end), None)
        if lasting is None or span is None:
            return None
        nouns = [x for x in part if x.pos_ in ("NOUN", "PROPN", "NUM") and not span[0] <= x.idx < span[1]]
        deal = self._issue("generic", WHOLE_DEAL)
        return lasting if deal and len(nouns) == 1 and nouns[0].lemma_.lower() in deal[0].words else None

    def _deadline(self, part: list[Token]) -> tuple[Issue, Profile] | None:
        """The timeline, when the words set a date by which something is done ("by Nov. 15", "before the
        end of the month")."""
        by = [x for x in part if x.dep_ in ("prep", "agent") and x.lower_ in DUE_PREPS]
        spans = [(p.idx, p.right_edge.idx + len(p.right_edge)) for p in by]
        dated = any(a <= t.start and t.end <= b for a, b in spans for t in self.clauses.written_times)
        return self._issue("generic", TIMELINE) if dated else None

    def _length(self, part: list[Token]) -> tuple[float, float, str] | None:
        """The first length of time inside the words ("over four years"), as `length` gives it."""
        span = _extent(part)
        for time in self.clauses.durations:
            if span[0] <= time.start and time.end <= span[1] and (found := length(time.text)) is not None:
                return found
        return None

    def _in_context(self, part: list[Token]) -> tuple[Issue, Profile] | None:
        """ "Egypt wants the remaining filling spread over four years": an object naming no issue is on
        the issue of the position stated just before it in the same paragraph."""
        start = min(x.idx for x in part)
        paragraph = next((p for p in self.clauses.document.paragraphs if p[0] <= start < p[1]), None)
        for earlier in reversed(self.positions):
            if paragraph is None or earlier.start < paragraph[0] or earlier.start >= start:
                break
            if earlier.issue != WHOLE_DEAL:
                return self._issue(earlier.profile, earlier.issue)
        return None

    def _dominant(self) -> tuple[Issue, Profile] | None:
        """ "Moscow demanded to trade one for one": with no issue word, the issue the whole article is
        about, when it is named far more than any other."""
        counts = sorted(
            ((self._mentions(i), n, i, p) for n, p in enumerate(self.profiles) for i in p.issues),
            key=lambda c: (-c[0], c[1]),
        )
        if len(counts) < 2:
            return None
        (hits, _, issue, profile), (second, *_) = counts[0], counts[1]
        return (issue, profile) if hits >= DOMINANT_MENTIONS and hits >= 2 * second else None

    def _mentions(self, issue: Issue) -> int:
        if self.lemma_counts is None:
            # a verb is counted apart: "paid for the gas" is no mention of pay
            self.lemma_counts = Counter(("~" if t.pos_ == "VERB" else "") + t.lemma_.lower() for t in self.sp)
        return sum(
            self.lemma_counts[w] + (0 if w in issue.nouns else self.lemma_counts["~" + w])
            for w in issue.words
            if " " not in w
        )

    def _issue(self, profile_id: str, issue_id: str) -> tuple[Issue, Profile] | None:
        for profile in self.profiles:
            if profile.id == profile_id:
                return next(((i, profile) for i in profile.issues if i.id == issue_id), None)
        return None

    def _value(self, issue: Issue, tokens: list[Token]) -> Value | None:
        """The number a party puts on the issue: a quantity in the object, else a length of time ("a
        truce of between 10 and 14 days")."""
        if not tokens or self._owned_stance(tokens):
            return None
        quantity = self._quantity(tokens, issue)
        if quantity is not None:
            return Value(quantity.min, quantity.max, quantity.unit, quantity.per)
        span = _extent(tokens)
        for time in self.clauses.durations:
            if (
                span[0] <= time.start
                and time.end <= span[1]
                and not _length_of_something(text_of(self.sp)[time.start : time.end + 5])
            ):
                found = length(time.text)
                # a length of time is a term only of an issue counted in time: "meet again within six
                # weeks" puts no number on the talks, "a 35-hour week" does on working hours
                if found is not None and (_fits(issue, found[2]) if issue.units else found[2] in issue.words):
                    return Value(found[0], found[1], found[2])
        number = _bare_number(tokens)
        earlier = self._figure_before(tokens, issue.id) if number is not None else None
        if number is not None and earlier is not None and earlier.value is not None:
            # "insisted on seven" after "a truce of 10 to 14 days": counted as the figure before
            return Value(number, number, earlier.value.unit, earlier.value.per)
        return None

    def _owned_stance(self, tokens: list[Token]) -> bool:
        """ "rejected Kyiv's call for a 30-day truce": the number is Kyiv's, not the rejecter's ("raising its
        pay offer to 26%" is the party's own)."""
        return any(
            x.pos_ == "NOUN"
            and x.lemma_.lower() in self.words.nouns
            and any(c.dep_ == "poss" and c.pos_ != "PRON" for c in x.children)
            for x in tokens
        )

    def _verb_terms(self, verb: Token, tokens: list[Token]) -> list[Token]:
        """ "sought a cut in the levy to between 15% and 20%": the verb's own prepositions may carry the
        number of what it asks for."""
        inside = {x.i for x in tokens}
        return [
            x
            for c in verb.children
            if c.dep_ == "prep" and c.i not in inside and not any(self._is_time(g) for g in c.children)
            for x in c.subtree
        ]

    def _quantity(self, part: list[Token], issue: Issue | None = None) -> Quantity | None:
        """The number of the words: a ratio first, else the first; with `issue`, only one in its units."""
        if not part:
            return None
        start = min(x.idx for x in part)
        end = max(x.idx + len(x.text) for x in part)
        # "rejected Tk 23,000", the parser hanging the figure on the verb: a number the words begin is theirs
        inside = [
            q
            for q in self.quantities
            if start <= q.start < end and q.kind != "date" and (issue is None or _fits(issue, q.unit))
        ]
        # "20 prisoners for every hostage" is the term; "12% over three years, or 4% a year" restates it
        ratio = next((q for q in inside if q.per and q.per.lower() not in TIME_UNITS), None)
        if ratio is not None or not inside:
            return ratio
        # "raising the stipend from Sh70,000 to Sh120,000": the figure it goes to
        text = text_of(self.sp)
        first = inside[0]
        if (
            len(inside) > 1
            and FROM.search(text[max(0, first.start - 8) : first.start])
            and text[first.end : inside[1].start].strip() == "to"
        ):
            return inside[1]
        # "India's 150% duty to be cut to 20%": the figure a verb takes it to
        for later in inside[1:]:
            to = self.sp.char_span(later.start, later.end, alignment_mode="expand")
            before = self.sp[to.start - 1] if to is not None and to.start > 0 else None
            if (
                before is not None
                and before.lower_ == "to"
                and before.head.pos_ == "VERB"
                and later.unit == first.unit
                and not FROM.search(text[max(0, first.start - 8) : first.start])
            ):
                return later
        return inside[0]

    # -- answers to earlier positions --

    def _bare(self, part: list[Token]) -> bool:
        """Whether the words are a proposal that says nothing of itself: "a serious offer", "its demand"."""
        head = _phrase_head(part)
        return (
            head is not None
            and head.pos_ == "NOUN"
            and head.lemma_.lower() in self.words.references
            and all(
                x.dep_ in ("det", "amod", "poss", "case", "advmod")
                for x in part
                if x != head and not x.is_punct
            )
        )

    def _bare_proposal(self, part: list[Token]) -> Position | None:
        """ "Cosla has rejected a proposal", "unless the employers come back with a serious offer": a
        proposal that says nothing of itself is on the issue of the position its sentence stated before
        it, or else of the last one of its kind."""
        head = _phrase_head(part)
        if head is None:
            return None
        wanted = self.words.nouns.get(head.lemma_.lower())
        kinds = {"offer", "propose"} if wanted in ("offer", "propose") else {wanted}
        for earlier in reversed(self.positions):
            if head.idx - earlier.start > REFERENCE_WINDOW:
                break
            if earlier.issue == WHOLE_DEAL or earlier.start >= head.idx:
                continue
            if earlier.stance in kinds or (
                earlier.start >= head.sent.start_char and earlier.stance in TABLED
            ):
                return earlier
        return None

    def _unresolved(self, part: list[Token]) -> tuple[Issue, Profile] | None:
        """ "The TNLA rejected the demand", when the demand itself was not read: an answer to the other
        side's position is at least an answer on the deal."""
        words = [x for x in part if not x.is_punct and x.dep_ != "det"]
        if len(words) != 1 or words[0].lemma_.lower() not in self.words.nouns:
            return None
        return self._issue("generic", WHOLE_DEAL)

    def _referred(self, parts: list[list[Token]], party: str) -> list[Position] | None:
        """ "rejected those demands", "continues to reject it": the earlier positions of another party
        the words point back to, or None when the object names its own issue."""
        ids = {x.i for x in parts[0]}
        head = next((x for x in parts[0] if x.head.i not in ids or x.head.i == x.i), parts[0][0])
        lemma = head.lemma_.lower()
        if lemma not in self.words.references:
            return None
        determiners = {c.lower_ for c in head.children if c.dep_ == "det"}
        # "the UN-AU plan": a modifier that names the party points at that party's proposal
        # "a Spanish proposal", "Spain's proposal" too
        owner = next(
            (
                a.actor
                for c in head.children
                if (c.dep_ == "compound" and c.pos_ == "PROPN")
                or (c.dep_ in ("amod", "poss") and (c.ent_type_ in ("NORP", "GPE") or c.pos_ == "PROPN"))
                for a in [self.clauses.agent(c)]
                if a.actor and a.actor != party
            ),
            None,
        )
        # "rejected the offer as a real-terms cut": what the party calls it does not describe which one
        described = owner is None and any(
            c.dep_ in ("compound", "amod", "prep", "poss", "nmod") and c.lower_ != "as" for c in head.children
        )
        # "Spain's proposal" points back; "the NSEU's bonus demand", "a U.S. request to hold talks" say what
        owned = owner is not None and not any(
            c.dep_ in ("compound", "amod", "prep", "acl", "nmod")
            and self.clauses.agent(c).actor != owner
            and c.lower_ != "as"
            for c in head.children
        )
        pointing = (
            head.pos_ == "PRON"
            or owned
            or bool(determiners & {"those", "these", "this", "that", "such"})
            or ("the" in determiners and not described)
        )
        if not pointing:
            return None
        wanted = self.words.nouns.get(lemma)
        before = head.idx
        earlier = [
            p
            for p in self.positions
            if (p.party == owner if owner else p.party != party)
            and p.start < before
            and (owner is not None or before - p.start <= REFERENCE_WINDOW)
            and (wanted is None or p.stance == wanted or (wanted, p.stance) in KIN_STANCES)
        ]
        if not earlier and wanted is not None:
            # "was pushing for an exchange but Russia continued to block the proposal": what another
            # party just put on the table, whatever its stance
            earlier = [
                p for p in self.positions if p.party != party and head.sent.start_char <= p.start < before
            ]
        if not earlier:
            return [] if wanted is None else None
        last_party = earlier[-1].party
        group = [p for p in earlier if p.party == last_party]
        return group if wanted is not None else group[-1:]

    def _responses(
        self,
        found: _Stance,
        stance: str,
        party: str,
        source: str | None,
        parts: list[list[Token]],
        referred: list[Position],
    ) -> list[Position]:
        made: dict[str, Position] = {}
        tokens = [x for p in parts for x in p]
        for earlier in referred:
            position = made.get(earlier.issue)
            if position is None:
                position = self._position_for(
                    found, stance, party, source, earlier.issue, earlier.profile, tokens, None
                )
                made[earlier.issue] = position
            position.responds_to.append(earlier.id)
        return list(made.values())

    # -- building the record --

    def _position(
        self,
        found: _Stance,
        stance: str,
        party: str,
        source: str | None,
        issue: Issue,
        profile: Profile,
        tokens: list[Token],
    ) -> Position:
        value = self._value(issue, tokens) or self._value(issue, self._verb_terms(found.token, tokens))
        return self._position_for(found, stance, party, source, issue.id, profile.id, tokens, value)

    def _position_for(
        self,
        found: _Stance,
        stance: str,
        party: str,
        source: str | None,
        issue: str,
        profile: str,
        tokens: list[Token],
        value: Value | None,
    ) -> Position:
        t = found.token
        anchor = _anchor(t)
        clause = self.clauses.clause(anchor)
        word = next(c for c in t.children if c.dep_ == "dobj") if found.carried else t
        start = min([clause.start_char, *(x.idx for x in tokens)])
        end = max([clause.end_char, *(x.idx + len(x.text) for x in tokens)])
        obj_start = min(x.idx for x in tokens)
        obj_end = max(x.idx + len(x.text) for x in tokens)
        date, _, basis = self.clauses.date(anchor)
        body = text_of(self.sp)
        known = self._issue(profile, issue)
        return Position(
            id=f"{self.clauses.document.id[:12]}-p{len(self.positions) + 1}-{issue}",
            start=start,
            end=end,
            text=body[start:end],
            party=party,
            issue=issue,
            stance=stance,
            trigger=Trigger(word.idx, word.idx + len(word.text), word.text),
            profile=profile,
            kind=known[0].kind if known is not None else issue,
            value=value,
            object=body[obj_start:obj_end],
            date=date,
            date_basis=basis,
            according_to=source or self.clauses.according_to(t, [party]),
        )


def _phrase_head(part: list[Token]) -> Token | None:
    """The word the others of a phrase hang on."""
    return next((x for x in part if not x.is_punct and (x.head.i == x.i or x.head not in part)), None)


def _fits(issue: Issue, unit: str | None) -> bool:
    """Whether a value in `unit` can be a term of the issue: a count of the dead is no truce length."""
    if not unit or not issue.units:
        return True
    if "people" in issue.units and unit.rstrip("s").capitalize() in demonyms():
        return True  # "1,200 Palestinians"
    if unit in _currencies() and issue.units & _currencies():
        return True  # "₩141,300", "₹500 crore": any currency is a sum of an issue counted in money
    unit = unit.lower()
    return unit in issue.units or unit.rstrip("s") in {u.rstrip("s") for u in issue.units}


@cache
def _currencies() -> frozenset[str]:
    table = units()
    return frozenset(u.name for u in (*table.after.values(), *table.before.values()) if u.kind == "money")


def _extent(tokens: list[Token]) -> tuple[int, int]:
    return min(x.idx for x in tokens), max(x.idx + len(x.text) for x in tokens)


def _term_clause(clause: Token) -> bool:
    """ "cannot be signed until Yerevan changes its constitution": a clause that sets the term."""
    return any(m.dep_ == "mark" and m.lower_ in TERM_MARKS for m in clause.children)


TERM_MARKS = frozenset({"until", "unless", "before", "once"})


def _misattached(head: Token) -> list[Token]:
    """ "relief from sanctions on oil exports and access to frozen assets": a noun with a complement of its
    own, coordinated with a bare noun deep in the head's complement, is parallel to the head."""
    if head.pos_ != "NOUN" or not any(c.dep_ == "prep" for c in head.children):
        return []
    return [
        c
        for c in head.subtree
        if c.dep_ == "conj"
        and c.pos_ == "NOUN"
        and c.i != head.i
        and c.head.i != head.i
        and c.head.dep_ == "pobj"
        and any(g.dep_ == "prep" for g in c.children)
        and not any(g.dep_ == "prep" for g in c.head.children)
    ]


def _sum_named(verb: Token, thing: Token) -> Token | None:
    """ "asked for $1.2bn in compensation": the phrase after a sum, hung on the verb, that says what it is."""
    if thing.ent_type_ != "MONEY":
        return None
    return next(
        (
            c
            for c in verb.children
            if c.dep_ == "prep"
            and c.lower_ == "in"
            and c.i == thing.right_edge.i + 1
            and any(g.dep_ == "pobj" and g.pos_ == "NOUN" for g in c.children)
        ),
        None,
    )


def _proposed_for(verb: Token, thing: Token) -> list[Token]:
    """ "accepted a proposal by Qatar for the guarantor countries to monitor compliance": what a proposal
    is for, which the parser hangs on the verb."""
    found: list[Token] = []
    after = thing.right_edge.i + 1
    for c in sorted(verb.children, key=lambda c: c.i):
        if c.i == after and c.dep_ == "prep" and c.lower_ == "for":
            found += c.subtree
            after = c.right_edge.i + 1
        elif found and c.i == after and c.dep_ == "advcl" and c.left_edge.lower_ == "to":
            found += c.subtree
    return found


def _stray_terms(verb: Token, thing: Token) -> list[Token]:
    """ "wants 5% a year over three years and a $2,500 bonus": a counted term coordinated with the
    time of a counted object is a second term of the verb."""
    if not any(c.dep_ == "nummod" for c in thing.children):
        return []
    return [
        g
        for c in verb.children
        if c.dep_ == "prep" and c.i > thing.i
        for o in c.children
        if o.dep_ == "pobj"
        for g in o.children
        if g.dep_ == "conj" and g.pos_ == "NOUN" and any(n.dep_ == "nummod" for n in g.children)
    ]


def _coordinated(head: Token) -> list[Token]:
    """A subject and those coordinated with it. "Venezuela's government and the opposition Unitary
    Platform signed": the parser may make the second conjunct's modifier the conjunct and its name a
    second subject of the verb."""
    found = [head, *(c for c in head.children if c.dep_ == "conj")]
    if head.dep_ != "nsubj":
        return found
    twins = [c for c in head.head.children if c.dep_ == "nsubj" and c.i != head.i]
    for twin in twins:
        for first, second in ((head, twin), (twin, head)):
            conj = next((c for c in first.children if c.dep_ == "conj"), None)
            if conj is not None and second.left_edge.i == conj.right_edge.i + 1:
                return [first, second]
    return found


def _summed_up(noun: Token) -> list[Token]:
    """ "France proposed that French troops take over the positions, an idea Israel has turned down": a
    noun that sums up the clause before it stands for that clause."""
    clause = noun.head  # a verb, or a noun: "proposed a 30-day truce, an idea Ukraine rejected"
    # "tabled a proposal for a federation, a model ...", parsed as a second object
    first = next((c for c in clause.children if c.dep_ == "dobj" and c.i < noun.i), None)
    summing = noun.dep_ in ("npadvmod", "appos") or (noun.dep_ == "dobj" and first is not None)
    if not summing or clause.i > noun.i:
        return []
    if not any(c.dep_ == "det" and c.lower_ in ("a", "an") for c in noun.children):
        return []
    if noun.i == 0 or noun.doc[noun.left_edge.i - 1].text != ",":
        return []
    if noun.dep_ == "dobj" and first is not None:
        return [x for x in first.subtree if not x.is_punct]
    if clause.dep_ in ("nsubj", "nsubjpass") and clause.head.i < noun.i:
        clause = clause.head  # "Washington wants a tariff, a proposal ...", hung on "Washington"
    inside = {x.i for x in noun.subtree}
    return [x for x in clause.subtree if x.i not in inside and x.i < noun.i and not x.is_punct]


def _next_to(verb: Token, word: Token) -> bool:
    """Whether only the verb's object and adverbials ("China on Tuesday") come between it and a word."""
    between = range(verb.i + 1, word.i)
    attached = {
        x.i for c in verb.children if c.dep_ in ("dobj", "prep", "npadvmod", "advmod") for x in c.subtree
    }
    return all(i in attached for i in between)


def _manner(prep: Token) -> bool:
    """ "implementing both documents in parallel", "in stages", "keep its haul at 17,800 tonnes": how it is
    done or how much, a term, not a setting."""
    objects = [g for g in prep.children if g.dep_ == "pobj"]
    if len(objects) != 1:
        return False
    counted = any(c.dep_ == "nummod" or c.like_num for c in objects[0].children) or objects[0].like_num
    bare = objects[0].pos_ == "NOUN" and not any(
        c.dep_ in ("det", "poss", "nummod") for c in objects[0].children
    )
    return counted or (prep.lower_ == "in" and bare)


def _infinitive(verb: Token) -> bool:
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)


def _listed_infinitive(clause: Token) -> bool:
    """An infinitive the parser hangs on the verb as a purpose clause although it continues a list of
    infinitives after a comma."""
    first = clause.left_edge
    return (
        clause.dep_ == "advcl"
        and first.lower_ == "to"
        and first.i > 0
        and clause.doc[first.i - 1].text == ","
        and any(c.dep_ == "conj" for c in clause.children)
    )


TIME_UNITS = frozenset({"hour", "day", "week", "month", "year"})
# how far back (in characters) a minister named with no country looks for the state acting before him
STATE_WINDOW = 600
# "from" ending the words before a figure: "raised from Sh70,000 to Sh120,000"
FROM = re.compile(r"\bfrom\s+$", re.IGNORECASE)
# where a word tagged a verb stands as a noun: "seeking raises"
NOMINAL_DEPS = frozenset({"dobj", "pobj", "nsubj", "nsubjpass", "attr", "appos"})
# Ends of hyphenated measures, which name no issue: "short-term", "full-time", "high-level".
# ("counter-tariffs" and "anti-dumping duties" still name theirs.)
MEASURE_ENDS = frozenset({"term", "time", "level", "scale", "range", "size"})


def _anchor(word: Token) -> Token:
    """The verb a stance word's clause hangs on: the copula of "is willing" or "was committed", else
    the word itself."""
    if word.pos_ == "ADJ":
        predicate = _predicate(word)
        return predicate.head if predicate.dep_ in ("acomp", "attr") else word
    return word.head if word.dep_ == "acomp" else word


def _predicate(adjective: Token) -> Token:
    """The predicate adjective an adjective is coordinated with ("was satisfied and ready to talk"), or
    the adjective itself."""
    first = adjective
    while first.dep_ == "conj" and first.head.pos_ == "ADJ":
        first = first.head
    return first if first.dep_ in ("acomp", "attr") else adjective


def _written(tokens: list[Token]) -> str:
    return "".join(
        x.text + (x.whitespace_ if i + 1 < len(tokens) and tokens[i + 1].i == x.i + 1 else " ")
        for i, x in enumerate(tokens)
    ).lower()


def _length_of_something(words: str) -> bool:
    """ "five days of fighting": a length of what happened, not a term on the table; "the 30 days of
    Ramadan" names the period itself."""
    return re.search(r"\b(?i:hour|day|week|month|year)s?\s+of\s+(?![A-Z])", words) is not None


def _clause_marks(verb: Token) -> list[Token]:
    """The words that open the clauses a verb governs as its object: "for" in "called for Canada to scrap
    the tariffs", not in "calling the dispute a matter for the parties to resolve"."""
    if any(c.dep_ == "dobj" for c in verb.children):
        return []
    return [m for c in verb.children if c.dep_ in ("advcl", "ccomp") for m in c.children if m.dep_ == "mark"]


def _depths(words: list[Token]) -> dict[str, int]:
    """How far below the head of the words each of them (lemma and form) hangs."""
    inside = {x.i for x in words}
    depth: dict[str, int] = {}
    for x in words:
        d, up = 0, x
        while up.head.i != up.i and up.head.i in inside:
            d, up = d + 1, up.head
        for form in (x.lemma_.lower(), x.lower_):
            depth[form] = min(d, depth.get(form, d))
    return depth


@cache
def _country_in(words: str) -> str | None:
    """The one country a role names by demonym or name ("Egyptian Foreign Ministry spokesman")."""
    found = {code for word in re.findall(r"[A-Z][\w-]*", words) if (code := demonyms().get(word))}
    names = _state_names()
    found |= {names[m.group(0)] for m in _state_pattern().finditer(words)}
    return found.pop() if len(found) == 1 else None


@cache
def _state_names() -> dict[str, str]:
    # short forms only in capitals: "US Trade Representative", never "us"
    return {
        name: state.iso3
        for state in states()
        for name in (state.name, *state.aliases)
        if len(name) > 3 or (len(name) > 1 and name.isupper())
    }


@cache
def _state_pattern() -> re.Pattern[str]:
    names = sorted(_state_names(), key=len, reverse=True)
    # "U.S." ends in a full stop, after which no word boundary follows
    return re.compile(r"(?<!\w)(?:" + "|".join(re.escape(n) for n in names) + r")(?!\w)")


def _bare_number(tokens: list[Token]) -> float | None:
    """The number of words that are nothing but a number ("seven", "the 12"), counted in nothing."""
    words = [x for x in tokens if not x.is_punct and x.dep_ != "det"]
    if len(words) != 1 or words[0].pos_ != "NUM":
        return None
    word = words[0].lower_.replace(",", "")
    if word in NUMBER_WORDS:
        return float(NUMBER_WORDS[word])
    return float(word) if re.fullmatch(r"\d+(?:\.\d+)?", word) else None


def _names(word: str, text: str, lemmas: set[str], *, stem: bool = False) -> bool:
    if " " in word or "-" in word or "." in word:
        return re.search(rf"(?<![a-z]){re.escape(word)}", text) is not None
    if word not in lemmas:
        return False
    # with an issue's `except` phrases taken out of the text, the word's stem must still be there
    return not stem or re.search(rf"(?<![a-z]){re.escape(word[:4])}", text) is not None


@cache
def _excluded(phrases: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile(r"(?<![a-z])(?:" + "|".join(re.escape(p) for p in phrases) + ")")


def _any_word(words: frozenset[str], text: str) -> bool:
    return any(re.search(rf"\b{re.escape(w)}", text) for w in words)


def _counted_length(thing: Token) -> bool:
    """ "offered only 30 days": a counted length as the direct object is what is offered, not a time."""
    return thing.dep_ == "dobj" and any(c.dep_ == "nummod" for c in thing.children)


def _office(roles: list[str]) -> bool:
    """ "US Trade Representative": a title in capitals after the country is an office of its state,
    unless it names a body of another kind ("US Chamber of Commerce President")."""
    for role in roles:
        words = role.split()
        titled = len(words) >= 2 and all(w[:1].isupper() or w in ("and", "of", "for") for w in words)
        if titled and not {w.lower() for w in words} & speech().collectives:
            return True
    return False
