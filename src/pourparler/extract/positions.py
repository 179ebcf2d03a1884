"""Negotiation positions: who demands, offers, accepts or rejects what, on which issue, with which numbers."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from spacy.tokens import Token

from pourparler.extract.clauses import Agent, Clauses
from pourparler.knowledge.negotiation import Issue, Profile, stances
from pourparler.model import Actor, Position, Quantity, Trigger, Value

# How far back (characters) "those demands" may look for the demands it answers.
REFERENCE_WINDOW = 1500
# How far after a position (characters) a bare number may take its issue.
ELLIPSIS_WINDOW = 200
OBJECT_PREPS = ("for", "to", "on", "of", "about", "over")


@dataclass(slots=True)
class _Stance:
    token: Token
    stance: str
    particle: str | None


def find_positions(
    clauses: Clauses, quantities: list[Quantity], profiles: tuple[Profile, ...]
) -> list[Position]:
    """Every position the article states, in text order, with issues from the profiles that fit it."""
    fitting = applicable(profiles, clauses.cast.actors, clauses.sp.text)
    reader = _Reader(clauses, quantities, fitting)
    return reader.run()


def applicable(profiles: Iterable[Profile], actors: dict[str, Actor], body: str) -> list[Profile]:
    """The profiles an article belongs to: two of their parties named, or one party and one signal
    word; the generic profile always, last."""
    names = {a.name.lower() for a in actors.values()}
    lowered = body.lower()
    found = []
    for profile in profiles:
        if profile.generic:
            found.append(profile)
            continue
        parties = sum(1 for p in profile.parties if p in actors or p.lower() in names)
        signals = sum(1 for s in profile.signals if re.search(rf"\b{re.escape(s)}", lowered))
        if parties >= 2 or (parties >= 1 and signals >= 1):
            found.append(profile)
    return found


class _Reader:
    def __init__(self, clauses: Clauses, quantities: list[Quantity], profiles: list[Profile]) -> None:
        self.clauses = clauses
        self.sp = clauses.sp
        self.quantities = quantities
        self.profiles = profiles
        self.words = stances()
        self.positions: list[Position] = []
        # parties a profile names that the actor knowledge lacks ("Fredonia") still hold positions
        self.named_parties = {
            p.lower(): re.sub(r"[^a-z0-9]+", "-", p.lower()).strip("-")
            for profile in profiles
            for p in (*profile.parties, *profile.mediators)
            if p not in clauses.cast.actors
        }

    def run(self) -> list[Position]:
        taken: set[int] = set()
        for t in self.sp:
            found = self._stance(t)
            if found is None or (t.dep_ == "xcomp" and t.head.i in taken):
                continue
            made = self._positions(found)
            if made:
                taken.add(t.i)
                self.positions += made
        return self.positions

    # -- stance words --

    def _stance(self, t: Token) -> _Stance | None:
        lemma = t.lemma_.lower()
        if t.pos_ in ("VERB", "AUX"):
            if t.dep_ in ("acl", "amod", "pcomp") and t.head.pos_ == "NOUN":
                return None
            if any(c.dep_ == "mark" and c.lower_ == "for" for c in t.children):
                return None  # "called for Witkoff to sign": what is asked for, not a stance taken
            particles = {c.lower_ for c in t.children if c.dep_ in ("prt", "prep")}
            for particle in sorted(particles):
                stance = self.words.verbs.get((lemma, particle))
                if stance:
                    return _Stance(t, stance, particle)
            stance = self.words.verbs.get((lemma, None))
            return _Stance(t, stance, None) if stance else None
        if t.pos_ == "ADJ" and lemma in self.words.adjectives and t.dep_ in ("acomp", "attr", "amod"):
            return _Stance(t, self.words.adjectives[lemma], None)
        if t.pos_ == "NOUN" and lemma in self.words.nouns and any(c.dep_ == "poss" for c in t.children):
            return _Stance(t, self.words.nouns[lemma], None)
        return None

    def _adjusted(self, found: _Stance) -> str | None:
        """Negation and modality: "did not accept" is a rejection, "would accept" a conditional yes;
        a stance inside a condition ("if Hamas accepts") is not taken."""
        t = found.token
        anchor = t.head if t.pos_ == "ADJ" else t
        stance: str | None = found.stance
        if self._conditional(anchor):
            return None
        if self.clauses.negated(anchor) or any(c.dep_ == "neg" for c in t.children):
            stance = self.words.negated.get(found.stance)
        modals = {c.lower_ for c in anchor.children if c.dep_ == "aux"}
        if stance and modals & self.words.modal:
            stance = self.words.modal_stances.get(stance, stance)
        return stance

    def _conditional(self, verb: Token) -> bool:
        node = verb
        while node.dep_ == "conj" and node.head.i != node.i:
            node = node.head
        return any(c.dep_ == "mark" and c.lower_ in self.words.conditions for c in node.children)

    # -- party, object, issue --

    def _positions(self, found: _Stance) -> list[Position]:
        stance = self._adjusted(found)
        if stance is None:
            return []
        t = found.token
        party_head = self._party_head(t)
        if party_head is None:
            return []
        parts = self._object_parts(t, found.particle)
        if not parts:
            return []
        made: list[Position] = []
        for head in [party_head, *(c for c in party_head.children if c.dep_ == "conj")]:
            agent = self.clauses.agent(head)
            if agent.actor is None:
                agent.actor = self.named_parties.get(self.clauses.refs.noun_phrase(head).text.lower())
            if agent.actor is not None and not any(p.party == agent.actor for p in made):
                made += self._positions_of(found, stance, agent, parts)
        return made

    def _positions_of(
        self, found: _Stance, stance: str, agent: Agent, parts: list[list[Token]]
    ) -> list[Position]:
        assert agent.actor is not None
        referred = self._referred(parts, agent.actor)
        if referred is not None:
            return self._responses(found, stance, agent.actor, agent.source, parts, referred)
        by_issue: dict[str, tuple[Issue, Profile, list[list[Token]]]] = {}
        for part in parts:
            fit = self._classify(part) or self._elided(part)
            if fit is None:
                continue
            issue, profile = fit
            by_issue.setdefault(issue.id, (issue, profile, []))[2].append(part)
        made = []
        for issue, profile, issue_parts in by_issue.values():
            tokens = [x for p in issue_parts for x in p]
            made.append(self._position(found, stance, agent.actor, agent.source, issue, profile, tokens))
        return made

    def _party_head(self, t: Token) -> Token | None:
        if t.pos_ == "NOUN":
            return next((c for c in t.children if c.dep_ == "poss"), None)
        anchor = t.head if t.pos_ == "ADJ" and t.dep_ in ("acomp", "attr") else t
        if t.pos_ == "ADJ" and t.dep_ == "amod":
            return t.head
        subject = self.clauses.subject(anchor)
        if subject is not None and any(c.dep_ == "nsubjpass" for c in anchor.children):
            by = next((c for c in anchor.children if c.dep_ == "agent"), None)
            return next((g for g in by.children if g.dep_ == "pobj"), None) if by is not None else None
        return subject

    def _object_parts(self, t: Token, particle: str | None) -> list[list[Token]]:
        """What the stance is about, split into its coordinated parts ("a withdrawal from X and the
        cancellation of Y", "that A and that B")."""
        heads: list[Token] = []
        if t.pos_ in ("VERB", "AUX"):
            thing = self.clauses.direct_object(t, particle)
            if thing is not None and not any(c.dep_ == "nsubjpass" for c in t.children):
                heads.append(thing)
        if not heads:
            for c in t.children:
                if c.dep_ in ("xcomp", "ccomp") and c.pos_ in ("VERB", "AUX"):
                    heads.append(c)
                elif c.dep_ == "prep" and c.lower_ in OBJECT_PREPS:
                    heads += [g for g in c.children if g.dep_ in ("pobj", "pcomp")]
                elif (c.dep_ == "acl" and t.pos_ == "NOUN") or (
                    c.dep_ in ("advcl", "ccomp")
                    and any(m.dep_ == "mark" and m.lower_ == "for" for m in c.children)
                ):
                    heads.append(c)
        parts: list[list[Token]] = []
        for head in heads[:2]:
            parts += self._split(head)
        return [p for p in parts if p]

    def _split(self, head: Token) -> list[list[Token]]:
        conj = [
            c
            for c in head.children
            if c.dep_ == "conj" and (c.pos_ == head.pos_ or any(m.dep_ == "mark" for m in c.children))
        ]
        excluded = {x.i for c in conj for x in c.subtree}
        own = [x for x in head.subtree if x.i not in excluded and not (x.dep_ == "cc" and x.head.i == head.i)]
        sent = head.sent
        parts = [[x for x in own if sent.start <= x.i < sent.end]]
        for c in conj:
            parts += self._split(c)
        return parts

    def _classify(self, part: list[Token]) -> tuple[Issue, Profile] | None:
        text = " ".join(x.text for x in part).lower()
        lemmas = {x.lemma_.lower() for x in part} | {x.lower_ for x in part}
        quantity = self._quantity(part)
        if quantity is not None:
            text += f" {quantity.unit or ''} {quantity.per or ''}".lower()
            lemmas |= set(text.split())
        for profile in self.profiles:
            best: tuple[int, Issue] | None = None
            for issue in profile.issues:
                if issue.per and not (
                    quantity and quantity.per and _any_word(issue.per, quantity.per.lower())
                ):
                    continue
                hits = sum(1 for w in issue.words if _names(w, text, lemmas))
                if hits and (best is None or hits > best[0]):
                    best = (hits, issue)
            if best is not None:
                return best[1], profile
        return None

    def _elided(self, part: list[Token]) -> tuple[Issue, Profile] | None:
        """ "X demanded a 6% rise, while Y offered 3.5%": a bare number takes the issue of the position
        just before it that has a value in the same unit."""
        quantity = self._quantity(part)
        if quantity is None:
            return None
        start = min(x.idx for x in part)
        for earlier in reversed(self.positions):
            if start - earlier.end > ELLIPSIS_WINDOW:
                break
            if earlier.value is not None and earlier.value.unit == quantity.unit:
                return self._issue(earlier.profile, earlier.issue)
        return None

    def _issue(self, profile_id: str, issue_id: str) -> tuple[Issue, Profile] | None:
        for profile in self.profiles:
            if profile.id == profile_id:
                return next(((i, profile) for i in profile.issues if i.id == issue_id), None)
        return None

    def _quantity(self, part: list[Token]) -> Quantity | None:
        if not part:
            return None
        start = min(x.idx for x in part)
        end = max(x.idx + len(x.text) for x in part)
        inside = [q for q in self.quantities if start <= q.start and q.end <= end and q.kind != "date"]
        ratio = next((q for q in inside if q.per), None)
        return ratio or (inside[0] if inside else None)

    # -- answers to earlier positions --

    def _referred(self, parts: list[list[Token]], party: str) -> list[Position] | None:
        """ "rejected those demands", "continues to reject it": the earlier positions of another party
        the words point back to, or None when the object names its own issue."""
        ids = {x.i for x in parts[0]}
        head = next((x for x in parts[0] if x.head.i not in ids or x.head.i == x.i), parts[0][0])
        lemma = head.lemma_.lower()
        if lemma not in self.words.references:
            return None
        determiners = {c.lower_ for c in head.children if c.dep_ == "det"}
        described = any(c.dep_ in ("compound", "amod", "prep", "poss", "nmod") for c in head.children)
        pointing = (
            head.pos_ == "PRON"
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
            if p.party != party
            and p.start < before
            and before - p.start <= REFERENCE_WINDOW
            and (wanted is None or p.stance == wanted or (wanted == "propose" and p.stance == "offer"))
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
        quantity = self._quantity(tokens)
        value = None
        if quantity is not None:
            value = Value(quantity.min, quantity.max, quantity.unit, quantity.per)
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
        anchor = t.head if t.pos_ == "ADJ" and t.dep_ in ("acomp", "attr") else t
        clause = self.clauses.clause(anchor)
        start = min([clause.start_char, *(x.idx for x in tokens)])
        end = max([clause.end_char, *(x.idx + len(x.text) for x in tokens)])
        obj_start = min(x.idx for x in tokens)
        obj_end = max(x.idx + len(x.text) for x in tokens)
        date, _, basis = self.clauses.date(anchor)
        body = self.sp.text
        return Position(
            id=f"{self.clauses.document.id[:12]}-p{len(self.positions) + 1}-{issue}",
            start=start,
            end=end,
            text=body[start:end],
            party=party,
            issue=issue,
            stance=stance,
            trigger=Trigger(t.idx, t.idx + len(t.text), t.text),
            profile=profile,
            value=value,
            object=body[obj_start:obj_end],
            date=date,
            date_basis=basis,
            according_to=source or self.clauses.according_to(t, [party]),
        )


def _names(word: str, text: str, lemmas: set[str]) -> bool:
    if " " in word or "-" in word or "." in word:
        return re.search(rf"(?<![a-z]){re.escape(word)}", text) is not None
    return word in lemmas


def _any_word(words: frozenset[str], text: str) -> bool:
    return any(re.search(rf"\b{re.escape(w)}", text) for w in words)
