"""PLOVER events: the verbs of the lexicon, with actors, targets, place, date and how sure the text is."""

from __future__ import annotations

from spacy.tokens import Token

from pourparler.extract.clauses import Clauses
from pourparler.knowledge import capitals, place_country
from pourparler.knowledge.negotiation import Condition, EventRule, plover, stances
from pourparler.model import Event, Position, Trigger


def find_events(clauses: Clauses) -> list[Event]:
    """Every event a verb of the PLOVER lexicon states, in text order."""
    lexicon = plover()
    events: list[Event] = []
    taken: set[int] = set()
    for verb in clauses.sp:
        if verb.pos_ not in ("VERB", "AUX") or verb.lemma_.lower() not in lexicon.lemmas:
            continue
        if verb.dep_ == "xcomp" and verb.head.i in taken:
            continue  # "refused to meet" is one refusal, not a refusal and a meeting
        if (verb.dep_ in ("acl", "pcomp", "amod") and not _stated_participle(verb)) or (
            verb.dep_ == "xcomp" and verb.head.pos_ == "NOUN"
        ):
            continue  # "the decision to withdraw", "prisoners detained after ...": named, not stated
        if _about_the_source(verb):
            continue
        fit = _rule_for(verb, clauses)
        if fit is None:
            continue
        rule, particle = fit
        event = _event(verb, rule, particle, clauses, len(events))
        if event is not None:
            events.append(event)
            taken.add(verb.i)
    return events


def with_parties(events: list[Event], positions: list[Position]) -> list[Event]:
    """Events whose verb also states positions take the parties those positions resolved ("Both sides
    agreed", "Myanmar's junta and the TNLA agreed", "the union's members rejected"), where the event
    found none of them or only some."""
    parties: dict[int, list[str]] = {}
    for p in positions:
        found = parties.setdefault(p.trigger.start, [])
        if p.party not in found:
            found.append(p.party)
    for event in events:
        found = parties.get(event.trigger.start, [])
        if set(event.actors) < set(found):
            event.actors = found
            event.targets = [t for t in event.targets if t not in found]
    return events


SIGNING = frozenset({"sign", "reach", "conclude", "seal", "ink"})


def _stated_participle(verb: Token) -> bool:
    """ "an exchange mediated by the UAE", "an agreement between Congo and Rwanda signed in Washington":
    a participle that says who did it, or that a text was signed, states the event."""
    if verb.dep_ != "acl" or verb.tag_ not in ("VBN", "VBD"):
        return False
    signing = verb.lemma_.lower() in SIGNING
    if not signing:
        return any(c.dep_ == "agent" for c in verb.children)
    between = any(c.dep_ == "prep" and c.lower_ == "between" for c in verb.head.children)
    return between and verb.head.lemma_.lower() in plover().classes["agreement"]


def _about_the_source(verb: Token) -> bool:
    """ "who spoke on condition of anonymity", "was not authorized to discuss", "asked not to be named",
    "declined to comment", "as agreed": words about a source or a reference back, not an event."""
    lemma = verb.lemma_.lower()
    if any(c.dep_ == "mark" and c.lower_ == "as" for c in verb.children):
        return True
    if lemma in ("speak", "discuss", "comment", "talk"):
        words = {t.lower_ for t in verb.subtree} | {verb.head.lemma_.lower()}
        if words & {"anonymity", "authorized", "authorised", "authorize", "authorise"}:
            return True
    complement = next((c for c in verb.children if c.dep_ in ("xcomp", "ccomp")), None)
    if lemma in ("decline", "refuse", "ask") and complement is not None:
        if complement.lemma_.lower() in stances().aside or any(c.dep_ == "neg" for c in complement.children):
            return True
        return any(m.dep_ == "mark" and m.lower_ in ("whether", "if") for m in complement.children)
    return False


def _rule_for(verb: Token, clauses: Clauses) -> tuple[EventRule, str | None] | None:
    lemma = verb.lemma_.lower()
    particles = {c.lower_ for c in verb.children if c.dep_ in ("prt", "prep", "advmod", "dobj")}
    for rule in plover().rules:
        for verb_lemma, particle in rule.verbs:
            if verb_lemma != lemma or (particle is not None and particle not in particles):
                continue
            if _fits(rule, verb, particle, clauses):
                return rule, particle
    return None


def _fits(rule: EventRule, verb: Token, particle: str | None, clauses: Clauses) -> bool:
    if rule.subject is not None:
        subject = clauses.subject(verb)
        passive = any(c.dep_ == "nsubjpass" for c in verb.children)
        if subject is None or passive or not _meets(rule.subject, subject, verb, clauses):
            return False
    if rule.object is not None:
        # "an agreement ... signed in Washington": what a participle qualifies is what it acts on
        thing = verb.head if verb.dep_ == "acl" else clauses.direct_object(verb, particle)
        if thing is None or not _meets(rule.object, thing, verb, clauses):
            return False
    for preposition, condition in rule.prep:
        objects = [
            g for c in verb.children if c.dep_ == "prep" and c.lower_ == preposition for g in c.children
        ]
        if not any(g.dep_ == "pobj" and _meets(condition, g, verb, clauses) for g in objects):
            return False
    return True


def _meets(condition: Condition, head: Token, verb: Token, clauses: Clauses) -> bool:
    if condition == "actor":
        return clauses.is_actor(head)
    if condition == "place":
        return clauses.place_name(head) is not None
    if condition == "home":
        if head.lower_ == "home":
            return True
        subject = clauses.subject(verb)
        owners = clauses.owners(subject) if subject is not None else []
        place = clauses.place_name(head)
        return place is not None and any(
            place.lower() == o.replace("-", " ") or capitals().get(place) == o for o in owners
        )
    assert isinstance(condition, frozenset)
    lemmas = {head.lemma_.lower(), head.lower_}
    lemmas |= {c.lemma_.lower() for c in head.children if c.dep_ in ("compound", "amod")}
    return bool(lemmas & condition)


def _event(verb: Token, rule: EventRule, particle: str | None, clauses: Clauses, n: int) -> Event | None:
    clause = clauses.clause(verb)
    subject = clauses.subject(verb)
    actors: list[str] = []
    source: str | None = None
    if subject is not None and not any(c.dep_ == "nsubjpass" for c in verb.children):
        agent = clauses.agent(subject)
        source = agent.source
        owners = clauses.owners(subject) if _is_group_noun(subject) else []
        actors = owners or ([agent.actor] if agent.actor else [])
        if actors and not owners:
            # "Pakistan and Afghanistan agreed": every subject the first coordinates
            for other in subject.conjuncts:
                actor = clauses.agent(other).actor
                if actor and actor not in actors:
                    actors.append(actor)
    agent_phrase = next((c for c in verb.children if c.dep_ == "agent"), None)
    if agent_phrase is not None:
        by = next((g for g in agent_phrase.children if g.dep_ == "pobj"), None)
        if by is not None:
            actors = clauses.actors_in(by, possessors=False) or actors
    if not actors and rule.mode == "arrest" and any(c.dep_ == "nsubjpass" for c in verb.children):
        actors = _arresting_state(verb, clauses)
    targets = _targets(verb, particle, clauses, actors)
    date, date_text, basis = clauses.date(verb)
    mode = rule.mode
    thing = clauses.direct_object(verb, particle) or next(
        (c for c in verb.children if c.dep_ in ("xcomp", "ccomp")), None
    )
    if thing is not None and rule.modes:
        words = {t.lemma_.lower() for t in thing.subtree}
        mode = next((m for m, cue in rule.modes if words & cue), mode)
    exclude = {a.replace("-", " ") for a in actors}
    kind = rule.type
    negated = clauses.negated(verb) or _denied(verb, particle, clauses)
    refusal = plover().refusals.get(kind)
    hypothetical = clauses.hypothetical(verb)
    if negated and refusal is not None:
        modal = any(
            c.dep_ == "aux" and c.lower_ in ("will", "would", "wo", "can", "ca") for c in verb.children
        )
        if modal or not refusal[1]:
            kind, mode, negated = "REJECT", refusal[0], False
            # "we will not accept" refuses now; only a condition ("if ...") keeps it hypothetical
            hypothetical = hypothetical and (clauses.conditioned(verb) or clauses.on_condition(verb))
    return Event(
        id=f"{clauses.document.id[:12]}-e{n + 1}",
        start=clause.start_char,
        end=clause.end_char,
        text=clause.text,
        type=kind,
        mode=mode,
        trigger=Trigger(verb.idx, verb.idx + len(verb.text), verb.text),
        actors=actors,
        targets=targets,
        location=clauses.place(clause, exclude),
        date=date,
        date_text=date_text,
        date_basis=basis,
        negated=negated,
        hypothetical=hypothetical,
        according_to=source or clauses.according_to(verb, actors),
    )


def _arresting_state(verb: Token, clauses: Clauses) -> list[str]:
    """ "was arrested at Tehran's airport", "was detained in Russia": an arrest with no agent named is by
    the state where it happened, when the article names that state."""
    for prep in (c for c in verb.children if c.dep_ == "prep" and c.lower_ in ("in", "at")):
        for place in (g for g in prep.children if g.dep_ == "pobj"):
            for t in (place, *(c for c in place.children if c.dep_ == "poss")):
                state = clauses.side(place_country(t.text))
                if state in clauses.cast.actors:
                    return [state]
    return []


def _is_group_noun(head: Token) -> bool:
    """ "the Israeli delegation", "US and Israeli negotiators": a group that acts for its owners."""
    return head.pos_ == "NOUN" and not head.ent_type_


def _targets(verb: Token, particle: str | None, clauses: Clauses, actors: list[str]) -> list[str]:
    found: list[str] = []
    heads: list[Token] = []
    thing = clauses.direct_object(verb, particle)
    if thing is not None:
        heads.append(thing)
    for c in verb.children:
        if c.dep_ == "dative":
            heads.append(c)
        if c.dep_ == "prep" and c.lower_ in ("with", "against", "to", "on", "for", "toward", "towards"):
            heads += [g for g in c.children if g.dep_ == "pobj"]
    for head in heads:
        for actor in clauses.actors_in(head):
            if actor not in actors and actor not in found:
                found.append(actor)
    return found


def _denied(verb: Token, particle: str | None, clauses: Clauses) -> bool:
    """ "no substantive negotiations took place": the subject or object says none happened."""
    for head in (clauses.subject(verb), clauses.direct_object(verb, particle)):
        if head is not None and any(c.dep_ == "det" and c.lower_ == "no" for c in head.children):
            return True
    return False
