"""Actors of one article and their mentions: known names, new people and groups, anonymous sources."""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_left
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cache

from spacy.tokens import Doc, Span, Token

from pourparler.knowledge import (
    KnownActor,
    Region,
    actors,
    demonyms,
    known_outlet,
    regions,
    speech,
    states,
    unaccented,
)
from pourparler.model import Actor, Document, Mention
from pourparler.nlp import DATELINE_TAIL, prep_objects, text_of

ENTITY_KINDS = {"PERSON": "person", "ORG": "organization", "GPE": "state", "NORP": "group"}
LOCATIVE = frozenset(
    [
        "in",
        "to",
        "from",
        "at",
        "near",
        "into",
        "toward",
        "towards",
        "via",
        "outside",
        "around",
        "inside",
        "across",
        "through",
        "within",
        "over",
    ]
)
PRONOUNS_PERSON = frozenset({"he", "she", "him", "her", "his"})
PRONOUNS_PLURAL = frozenset({"they", "them"})
PRONOUNS_THING = frozenset({"it"})
NAME_PARTICLES = frozenset({"al", "el", "bin", "ben", "de", "van", "von", "der", "da", "abu", "ibn"})
DATELINE = re.compile(DATELINE_TAIL)  # after the place: "RIYADH, Oct 16 (Reuters) -", "KYIV —"
# "(UCU)", and a bilingual pair "(OPSEU/SEFPO)"
SHORT_FORM = re.compile(r" \(([A-Z][A-Za-z]{1,9})(?:/([A-Z][A-Za-z]{1,9}))?\)")
TITLE_DEPS = frozenset({"compound", "amod", "nmod", "poss", "case", "nummod"})


@dataclass(slots=True)
class Cast:
    """The actors of one document and every mention of them, in text order."""

    doc_id: str
    actors: dict[str, Actor] = field(default_factory=dict)
    mentions: list[Mention] = field(default_factory=list)
    plural: set[int] = field(default_factory=set)  # starts of mentions that name a plural group
    regional: set[str] = field(default_factory=set)  # ids of provincial and state governments
    starts: list[int] = field(default_factory=list)

    def add(self, mention: Mention, *, plural: bool = False) -> None:
        self.mentions.append(mention)
        if plural:
            self.plural.add(mention.start)

    def sort(self) -> None:
        self.mentions.sort(key=lambda m: (m.start, -m.end))
        self.starts = [m.start for m in self.mentions]

    def covering(self, start: int, end: int) -> Mention | None:
        """The widest actor mention inside [start, end) that covers its head, or the one containing it."""
        best: Mention | None = None
        for m in self.mentions:
            if m.actor is None or m.head < 0:
                continue
            inside = (start <= m.start and m.end <= end) or (m.start <= start and end <= m.end)
            if inside and (best is None or (m.end - m.start) > (best.end - best.start)):
                best = m
        return best

    def last(
        self, before: int, accept: Callable[[Mention, Actor], bool], *, window: int = 1500
    ) -> Mention | None:
        """The nearest mention before `before` (within `window` characters) that `accept` takes."""
        for i in range(bisect_left(self.starts, before) - 1, -1, -1):
            m = self.mentions[i]
            if m.start < before - window:
                break
            actor = self.actors.get(m.actor or "")
            if actor is not None and m.end <= before and accept(m, actor):
                return m
        return None

    def is_plural(self, mention: Mention) -> bool:
        return mention.start in self.plural


def find_actors(sp: Doc, document: Document) -> Cast:
    """Every actor the article names, with roles valid on its date, and every mention of them."""
    cast = Cast(document.id)
    published = _date(document.published.date)
    taken = [False] * len(sp)
    _anonymous_sources(sp, cast, taken)
    _offices(sp, cast, taken, published)
    _company_unions(sp, cast, taken)
    _entities(sp, cast, taken, published)
    _regional_governments(sp, cast)
    _collective_parties(sp, cast)
    _unnamed_sides(sp, cast)
    _introduced(sp, cast)
    _organisation_names(sp, cast)
    _fold_short_forms(sp, cast)  # after every pass that names organisations
    _names_of_bodies(sp, cast)
    _repeated_names(sp, cast)
    _repeated_surnames(sp, cast)
    _sectors_called(sp, cast)
    _roles_from_text(sp, cast)
    cast.sort()
    return cast


# --- named actors ----------------------------------------------------------


def _entities(sp: Doc, cast: Cast, taken: list[bool], published: dt.date | None) -> None:
    for found in sp.ents:
        if found.label_ not in ENTITY_KINDS or any(taken[t.i] for t in found):
            continue
        ent = _trim(found)
        if ent is None:
            continue
        if ent.label_ == "ORG":
            ent = _whole_name(ent, taken)
        if ent.ent_id_ and ent.label_ == "NORP" and ent.ent_id_ in _demonym_codes():
            # a demonym alone ("Israeli") modifies something; the noun phrase passes handle it, but "The
            # Philippine government" names the state as "Myanmar's government" would
            if _governs(ent) and (state := _known(_state_for_code().get(ent.ent_id_, ""), published)):
                cast.actors.setdefault(state.id, state)
                cast.add(Mention(ent.start_char, ent.end_char, ent.text, state.id, head=ent.root.i))
            continue
        outlet = known_outlet(ent.text)
        if (outlet is not None or _dateline(ent)) and not ent.ent_id_:
            cast.add(Mention(ent.start_char, ent.end_char, ent.text, None, head=-1))
            continue
        actor = (
            _abbreviation(ent, cast)
            or _spelled_out(ent.text, cast)
            or (_known(ent.ent_id_, published) if ent.ent_id_ else _named(ent, cast))
        )
        if actor is None:
            continue
        actor = _government_of(ent, actor, published) or actor
        kept = cast.actors.setdefault(actor.id, actor)
        if kept is not actor:  # "Samsung Electronics", then "Samsung Electronics Co."
            kept.sector = kept.sector or actor.sector
            kept.aliases += [a for a in actor.aliases if a not in kept.aliases]
        located = ent.label_ == "GPE" and _is_place(ent)
        cast.add(
            Mention(ent.start_char, ent.end_char, ent.text, actor.id, head=-1 if located else ent.root.i)
        )


def _governs(ent: Span) -> bool:
    """ "The Philippine government", "the Thai junta": a demonym that says whose government a noun is; the
    "Egyptian Foreign Ministry" is an organisation of its own."""
    noun = ent.root.head
    return (
        ent.root.dep_ in ("amod", "compound")
        and noun.ent_type_ != "ORG"
        and "GOV" in speech().sectors.get(noun.lemma_.lower(), ())
    )


def _government_of(ent: Span, actor: Actor, published: dt.date | None) -> Actor | None:
    """ "Myanmar's military regime", "the Sudanese army government": a military that rules is its state."""
    noun = ent.root.head
    if actor.sector != "MIL" or not actor.country or noun.i != ent.end:
        return None
    if "GOV" not in speech().sectors.get(noun.lemma_.lower(), ()):
        return None
    return _known(_state_for_code().get(actor.country, ""), published)


def _abbreviation(ent: Span, cast: Cast) -> Actor | None:
    """ "the Global Trade Research Initiative (GTRI)": the bracketed short form names the actor just named."""
    doc = ent.doc
    if ent.start < 2 or ent.end >= len(doc) or doc[ent.start - 1].text != "(" or doc[ent.end].text != ")":
        return None
    if not cast.mentions or len(ent) > 2:
        return None
    previous = cast.mentions[-1]
    actor = cast.actors.get(previous.actor or "")
    if actor is None or previous.end < doc[ent.start - 1].idx - 1:
        return None
    if ent.text not in actor.aliases:
        actor.aliases.append(ent.text)
    return actor


def _spelled_out(short: str, cast: Cast) -> Actor | None:
    """ "the Trade Union Congress (TUC)" in Nigeria: a short form the article spelled out is its own
    organisation, not a known one of the same letters (Britain's Trades Union Congress)."""
    return next(
        (a for a in cast.actors.values() if a.kind == "organization" and not a.known and short in a.aliases),
        None,
    )


def _fold_short_forms(sp: Doc, cast: Cast) -> None:
    """ "UCU members …" before "the University and College Union (UCU)": a short form met before the
    text spells it out, or one the tagger leaves untagged, is the same organisation."""
    text = text_of(sp)
    for mention in cast.mentions:
        actor = cast.actors.get(mention.actor or "")
        bracketed = SHORT_FORM.match(text, mention.end)
        if actor is None or actor.kind != "organization" or bracketed is None:
            continue
        actor.aliases += [s for s in bracketed.groups() if s and s not in actor.aliases]
    organisations = [a for a in cast.actors.values() if a.kind == "organization" and not a.known]
    for actor in organisations:
        full = _spelled_in(text, actor.name) if actor.name.isupper() else None
        if full and not any(a.name == full for a in cast.actors.values()):
            actor.aliases.append(actor.name)  # "CPS" and "Chicago Public Schools", which the tagger missed
            actor.name = full
        elif _short_form(actor.name):
            spelled = [a for a in organisations if actor.name in _initials(a.name)]
            if len(spelled) == 1 and actor.name not in spelled[0].aliases:
                spelled[0].aliases.append(actor.name)  # "ANMF" for the Australian Nursing and Midwifery ...
        short, _, body = actor.name.partition(" ")
        if short.isupper() and 2 <= len(short) <= 6 and body.lower() in speech().collectives:
            actor.aliases += [short] if short not in actor.aliases else []  # "DEM" for the DEM Party
    by_alias = {
        alias: actor.id
        for actor in cast.actors.values()
        if actor.kind == "organization" and not actor.known
        for alias in actor.aliases
    }
    for actor in list(cast.actors.values()):
        full = by_alias.get(actor.name)
        # the tagger takes many short forms for people ("If DB wants peace")
        acronym = actor.kind == "person" and actor.name.isupper()
        if full is None or full == actor.id or actor.known or not (actor.kind == "organization" or acronym):
            continue
        for mention in cast.mentions:
            if mention.actor == actor.id:
                mention.actor = full
        del cast.actors[actor.id]


def _spelled_in(text: str, short: str) -> str | None:
    """The one capitalised name in the text whose initials are a short form."""
    if not 3 <= len(short) <= 5:
        return None
    link = rf"(?:\s+(?:{'|'.join(NAME_LINKS)}))*\s+"
    pattern = link.join(rf"{c}[a-z’'-]+" for c in short)
    found = set(re.findall(rf"(?<![\w-]){pattern}(?![\w-])", text))
    return found.pop() if len(found) == 1 else None


def _whole_name(ent: Span, taken: list[bool]) -> Span:
    """ "the Australian Nursing and [Midwifery Federation]", "The [Finnish Airline] Pilots' Association":
    the capitalised words and links between "the" and a name the tagger cut short belong to it, and so
    do the capitalised words up to the word for a body the name hangs on."""
    doc, start = ent.doc, ent.start
    head = ent.root.head
    while (
        ent.end <= head.i < ent.end + 3
        and head.is_title
        and head.lower_ not in speech().collectives
        and head.head.i != head.i
    ):
        head = head.head
    between = doc[ent.end : head.i + 1]
    if (
        head.i >= ent.end
        and head.lower_ in speech().collectives
        and not any(
            taken[t.i]
            or t.ent_type_ == "PERSON"
            or "\n" in t.whitespace_
            or not (t.is_title or t.tag_ == "POS")
            for t in between
        )
    ):
        ent = Span(doc, ent.start, head.i + 1, label=ent.label, span_id=ent.id)
    while start > 1:
        previous = doc[start - 1]
        if taken[previous.i] or "\n" in previous.whitespace_:
            break
        word = previous.is_title and previous.pos_ in ("PROPN", "ADJ", "NOUN") and not previous.is_sent_start
        link = previous.lower_ in ("and", "of", "&") and doc[start - 2].is_title
        if not (word or link):
            break
        start -= 1
    if start == ent.start or doc[start - 1].lower_ != "the" or doc[start].lower_ in ("and", "of", "&"):
        return ent
    return Span(doc, start, ent.end, label=ent.label, span_id=ent.id)


def _initials(name: str) -> set[str]:
    """The short forms a name may have: the initials of its capitalised words, or of all its words but the
    links ("STM" for the Société de transport de Montréal), or of all its words as written ("TfL" for
    Transport for London)."""
    every = [w for w in name.split() if w[:1].isalpha()]
    words = [w for w in every if w.lower() not in NAME_LINKS]
    return {
        "".join(w[0] for w in words if w[:1].isupper()),
        "".join(w[0] for w in words).upper(),
        "".join(w[0] for w in every),
    }


def _short_form(name: str) -> bool:
    """ "ANMF", "TfL", "MoD": a short word of initials, two of them or more capitals."""
    return (
        2 <= len(name) <= 6 and name.isalpha() and name[0].isupper() and sum(c.isupper() for c in name) >= 2
    )


def _trim(ent: Span) -> Span | None:
    start, end = ent.start, ent.end
    while start < end and ent.doc[start].lower_ in ("the", "a", "an"):
        start += 1
    while end > start and ent.doc[end - 1].tag_ == "POS":
        end -= 1
    return Span(ent.doc, start, end, label=ent.label, span_id=ent.id) if end > start else None


def _is_place(ent: Span) -> bool:
    """A capital or country after a locative preposition, or in a dateline, is where something happens,
    not who acts."""
    i = ent.start - 1
    while i > 0 and ent.start - i < 3 and ent.doc[i].pos_ in ("ADJ", "DET"):
        i -= 1  # "in northern Iraq", "across the occupied West Bank"
    return (i >= 0 and ent.doc[i].lower_ in LOCATIVE) or _dateline(ent)


def _dateline(ent: Span) -> bool:
    previous = ent.doc[ent.start - 1] if ent.start > 0 else None
    starts_paragraph = previous is None or "\n" in previous.text or "\n" in previous.whitespace_
    return starts_paragraph and DATELINE.match(text_of(ent.doc), ent.end_char) is not None


def _named(ent: Span, cast: Cast) -> Actor | None:
    """An actor the knowledge does not know: a person or organisation named by the text."""
    kind = ENTITY_KINDS[ent.label_]
    name = _clean_name(ent.text)
    if not name or not any(c.isupper() for c in name):
        return None
    if kind == "group":
        return None  # nationalities and religions are not actors by themselves
    if kind == "state":
        return None  # cities and regions the knowledge does not list as states or seats are places
    if kind == "person" or (kind == "organization" and " " not in name):
        earlier = same_person(name, cast)  # the tagger takes a surname alone for an organisation too
        if earlier is not None:
            return earlier
    if kind == "person" and len(name.split()) == 1 and name.lower() in _surname_index():
        return None
    if kind == "organization" and _names_a_text(name):
        return None
    if kind == "person" and len(ent) == 1 and not _full_name_given(ent):
        kind = "organization"  # "Tesla" alone, never with a first name, is the carmaker
    if kind == "organization" and (short := short_form(name, cast)) is not None:
        return short
    if len(ent) == 1 and (not _lone_name_acts(ent) or name.lower() in speech().sectors):
        return None  # "Management offered ...", capitalised at the start of a sentence, names no one
    country = side = None
    owner = next((c for c in ent.root.children if c.dep_ == "poss"), None)
    if kind == "organization" and owner is not None:  # "Ethiopia's Government Communication Service"
        country, side = affiliation(ent.doc[owner.left_edge.i : owner.i + 1])
    elif kind == "organization" and ent[0].ent_id_:  # "the U.S. Lumber Coalition"
        country, side = affiliation(ent[:1])
    elif kind == "organization" and (of := [t for t in ent if t.lower_ == "of"]) and of[-1].i + 1 < ent.end:
        country, side = affiliation(ent.doc[of[-1].i + 1 : ent.end])  # "the Central Bank of Libya"
    elif kind == "organization" and ent.start > 0 and ent.doc[ent.start - 1].text in demonyms():
        # "Egyptian Foreign Ministry": the demonym says whose, and tells it from Ethiopia's
        name = f"{ent.doc[ent.start - 1].text} {name}"
        country, side = affiliation(ent.doc[ent.start - 1 : ent.start])
    sector = name_sector(name) if kind == "organization" else None
    aliases: list[str] = []
    while kind == "organization" and len(legal := name.rsplit(" ", 1)) == 2:
        if legal[1].strip(".,").lower() not in speech().company_suffixes:
            break
        # "Samsung Electronics Co. Ltd" names the company Samsung Electronics
        aliases, name, sector = aliases or [name], legal[0].rstrip(","), "BUS"
    return Actor(
        id=_slug(name), name=name, kind=kind, country=country, side=side, sector=sector, aliases=aliases
    )


def _names_a_text(name: str) -> bool:
    """ "the Trucking Transport Business Act", "the Treaty of Guarantee": the name's last word before any
    "of", "for", "on" or "in" is a word for a legal text."""
    words = re.split(r"\s+(?:of|for|on|in)\s+", name, maxsplit=1)[0].split() or [""]
    return words[-1].lower().strip(".,'’") in speech().instruments


def _full_name_given(ent: Span) -> bool:
    return any(e.label_ == "PERSON" and len(e) > 1 and e[-1].text == ent.text for e in ent.doc.ents)


def _sectors_called(sp: Doc, cast: Cast) -> None:
    """The sector of a body its name does not tell, from what the text calls it: "the metalworkers' union
    IF Metall", "Industri Energi, the largest offshore union", "the Lederne and SAFE unions"."""
    sectors = speech().sectors
    for m in cast.mentions:
        actor = cast.actors.get(m.actor or "")
        words = sp.char_span(m.start, m.end)
        if actor is None or actor.kind != "organization" or actor.sector or m.head < 0 or words is None:
            continue
        before = sp[words.start - 1] if words.start > 0 else None
        calls = [before] if before is not None and before.is_lower else []
        calls += [c for c in words.root.children if c.dep_ == "appos" and not c.ent_type_]
        node = words.root
        while node.dep_ == "conj" and node.head.i != node.i:
            node = node.head
        if node.dep_ in ("compound", "nmod") and not node.head.ent_type_:
            calls.append(node.head)
        found = next((sectors[w.lemma_.lower()] for w in calls if w.lemma_.lower() in sectors), None)
        if found and len(found) == 1:
            actor.sector = min(found)


def name_sector(name: str) -> str | None:
    """The sector the last telling word of an organisation's name gives ("Air Line Pilots Association"
    is LAB, "Nursing Homes Employers Association" BUS); a public body's name gives none."""
    telling = speech().name_sectors
    words = re.findall(r"[a-z]+", name.lower())
    if speech().public_bodies.intersection(words):
        return None
    found = [telling[w] for w in words if w in telling]
    return found[-1] if found else None


def short_form(name: str, cast: Cast) -> Actor | None:
    """ "Summit" after "Summit Air", "the Fund" after the International Monetary Fund: the first or last
    word of the one organisation already named so is that organisation."""
    if " " in name:
        return None
    bodies = speech().collectives
    found = [
        a
        for a in cast.actors.values()
        if a.kind == "organization"
        and " " in a.name
        and (name == a.name.split()[0] or (name == a.name.split()[-1] and name.lower() in bodies))
    ]
    return found[0] if len(found) == 1 else None


def _lone_name_acts(ent: Span) -> bool:
    """A one-word name the knowledge does not know is an actor only when it acts or is an acronym:
    the tagger takes many towns and common words ("Goma", "Commerce") for names."""
    token = ent.root
    if _is_place(ent):
        return False
    if token.text.isupper() and len(token.text) >= 2:
        return True
    return token.dep_ in ("nsubj", "nsubjpass")


def same_person(name: str, cast: Cast) -> Actor | None:
    """A surname or shorter form of a person already met in this article ("Umerov" after "Rustem Umerov")."""
    words = name.split()
    while len(words) > 1 and words[0].lower().rstrip(".") in speech().honorifics:
        words = words[1:]  # "Ms Lyall" after "Rebecca Lyall"
    name = " ".join(words)
    people = [a for a in cast.actors.values() if a.kind == "person"]
    for actor in people:
        known = actor.name.split()
        if len(words) < len(known) and known[-len(words) :] == words:
            return actor
        if name in actor.aliases:
            return actor
    # "Chatree said" after "Chatree Boonmak": where a given name is used alone, it is the one person so named
    given = [a for a in people if len(words) == 1 and len(a.name.split()) > 1 and a.name.split()[0] == name]
    return given[0] if len(given) == 1 else None


def _known(actor_id: str, published: dt.date | None) -> Actor | None:
    known = _known_index().get(actor_id)
    if known is None:
        return None
    return Actor(
        id=known.id,
        name=known.name,
        kind=known.kind,
        country=known.country,
        sector=known.sector,
        roles=_roles_on(known, published),
        aliases=[*known.aliases, *([known.seat] if known.seat else [])],  # "Tiraspol's chief negotiator"
        side=known.id if known.kind in ("state", "group") else known.country,
        known=True,
    )


def _roles_on(known: KnownActor, day: dt.date | None) -> list[str]:
    roles = []
    for role in known.roles:
        if day is not None and ((role.start and day < role.start) or (role.end and day > role.end)):
            continue
        if day is None and role.end is not None:
            continue
        if role.title not in roles:
            roles.append(role.title)
    return roles


# --- possessive offices ("Netanyahu's office") -----------------------------


def _offices(sp: Doc, cast: Cast, taken: list[bool], published: dt.date | None) -> None:
    offices = speech().offices
    for token in sp:
        if token.dep_ != "poss" or token.head.lower_ not in offices or token.head.i < token.i:
            continue
        owner = _owner(token, published)
        if owner is None:
            continue
        noun = token.head
        # "Economy Minister Luis Caputo's team": the person's name stays his, to be found with his title
        left = token.i + 1 if owner.kind == "person" and not owner.known else min(t.i for t in token.subtree)
        span = sp[left : noun.i + 1]
        office = _office_of(owner, noun.lower_, published, sp[token.i + 1 : noun.i + 1])
        cast.actors.setdefault(office.id, office)
        cast.add(Mention(span.start_char, span.end_char, span.text, office.id, head=noun.i))
        for t in span:
            taken[t.i] = True


def _company_unions(sp: Doc, cast: Cast, taken: list[bool]) -> None:
    """ "The Hyundai Motor union": a union named by its company is an organisation of its own, and the
    company is an employer."""
    for token in sp:
        if token.text != "union" or taken[token.i]:
            continue
        start = (
            token.i - 1 if token.i > 0 and sp[token.i - 1].lower_ in ("labor", "labour", "trade") else token.i
        )
        if start > 0 and sp[start - 1].tag_ == "POS":
            start -= 1  # "Hyundai Motor's labor union"
        # the tagger may take the possessive into the name
        ends = (start, start + 1) if sp[start].tag_ == "POS" else (start,)
        ent = next((e for e in sp.ents if e.end in ends and e.label_ == "ORG"), None)
        if ent is None or any(taken[t.i] for t in ent) or ent.root.head.i not in range(ent.end, token.i + 1):
            continue
        company_name = _clean_name(ent.text)
        known = _known(ent.ent_id_, None) if ent.ent_id_ else None
        if not company_name or (ent.ent_id_ and (known is None or known.sector != "BUS")):
            continue  # "the RMT union", "the IG Metall union": the name is the union's own
        if name_sector(company_name) == "LAB":
            continue
        if known is not None:
            company_name = known.name  # "Volkswagen's union": a company the knowledge knows
        span = sp[ent.start : token.i + 1]
        name = f"{company_name} union"
        actor = cast.actors.setdefault(
            _slug(name), Actor(id=_slug(name), name=name, kind="organization", sector="LAB")
        )
        cast.add(Mention(span.start_char, span.end_char, span.text, actor.id, head=token.i))
        company = known.id if known is not None else _slug(company_name)
        cast.actors.setdefault(
            company, known or Actor(id=company, name=company_name, kind="organization", sector="BUS")
        )
        cast.add(Mention(ent.start_char, ent.end_char, ent.text, company, head=ent.root.i))
        for t in span:
            taken[t.i] = True


# Bodies a state's possessive names that are not its organs: "Turkey's pro-Kurdish DEM Party".
POLITICAL = frozenset({"party", "movement", "coalition", "campaign"})
GOVERNING = frozenset({"government", "administration", "cabinet"})
LEADING = frozenset({"head", "lead", "chair"})  # "X, who heads the panel"
SPEAKING_FOR = {"speak": "spokesperson", "negotiate": "negotiator"}  # "X, who speaks for the group"


def _office_of(owner: Actor, noun: str, published: dt.date | None, words: Span) -> Actor:
    known = _known_index().get(owner.id)
    # "Defense Ministry" in "Russia's Defense Ministry": the words name which office it is
    described = " ".join(t.text for t in words if t.tag_ != "POS")
    if known is not None and noun == "office" and known.office and len(described.split()) == 1:
        office = _known(known.office, published)
        if office is not None:
            return office
    kind = "person" if noun.startswith("spokes") else "organization"
    named = [t for t in words if t.pos_ == "PROPN" and t.ent_type_ != "NORP"]
    if owner.kind == "state" and noun in POLITICAL and named:
        # "Turkey's pro-Kurdish DEM Party" is a party in Turkey, not an organ of its state
        name = words.doc[named[0].i : words.end].text
        return Actor(id=_slug(name), name=name, kind="organization", country=owner.country)
    if owner.kind == "person" and not owner.country and noun in GOVERNING:
        # "Prime Minister Bart De Wever's government" governs a state the text names, not the man
        return Actor(
            id=_slug(f"{owner.id}-{described}"), name=f"{owner.name}'s {described}", kind=kind, sector="GOV"
        )
    return Actor(
        id=_slug(f"{owner.id}-{described}"),
        name=f"{owner.name}'s {described}",
        kind=kind,
        country=owner.country,
        sector="GOV" if owner.sector == "GOV" else owner.sector,
        side=owner.side or owner.id,
    )


def _owner(token: Token, published: dt.date | None) -> Actor | None:
    """The person or organisation a possessive names, known or not ("Ivan Petrov's office")."""
    if token.ent_id_:
        return _known(token.ent_id_, published)
    ent = next((e for e in token.doc.ents if e.start <= token.i < e.end), None)
    if ent is None or ent.label_ not in ("PERSON", "ORG"):
        return None
    name = _clean_name(ent.text)
    return Actor(id=_slug(name), name=name, kind=ENTITY_KINDS[ent.label_]) if name else None


# --- anonymous sources -----------------------------------------------------


def _anonymous_sources(sp: Doc, cast: Cast, taken: list[bool]) -> None:
    words = speech()
    heads = words.anonymous_heads | words.anonymous_plurals
    for token in sp:
        lower = token.lower_
        if lower not in heads or token.pos_ not in ("NOUN", "PROPN") or token.ent_type_ in ("PERSON",):
            continue
        if any(child.dep_ == "appos" and child.ent_type_ == "PERSON" for child in token.children):
            continue
        if any(t.ent_type_ == "PERSON" for t in token.subtree if t.i > token.i and t.i - token.i < 6):
            continue  # "senior adviser for Africa Massad Boulos": a title before a name
        if token.dep_ in ("appos", "conj") and token.head.ent_type_ == "PERSON":
            continue  # "Lindiwe Khumalo, a spokesperson for the panel": a role of a named person
        if token.dep_ == "compound" or _named_right_after(token):
            continue  # "spokesman Patrick Muyaya", "negotiator Mbonimpa": a title, not an unnamed source
        left = [
            c
            for c in token.lefts
            if c.dep_ in ("det", "amod", "compound", "nummod", "nmod", "poss", "quantmod")
        ]
        determiners = {c.lower_ for c in left if c.dep_ in ("det", "nummod", "poss")}
        if determiners & {"the", "this", "that", "these", "those", "his", "her", "its", "their", "our", "my"}:
            continue  # a definite description refers back to someone already met
        plural = lower in words.anonymous_plurals
        markers = {c.lower_ for c in token.lefts} & words.anonymous_markers
        right = _postmodifiers(token)
        if determiners & {"no", "every", "all", "each"} or any(
            c.dep_ == "nummod" and c.like_num and c.lower_ not in ("one", "two", "three") for c in left
        ):
            continue  # "no member of staff", "4,000 people": people counted, not a source
        if lower in words.weak_heads and not (_source_postmodifier(token) or _speaks(token)):
            continue
        if not plural and not (determiners or markers):
            continue
        start = min([token.i, *(min(t.i for t in c.subtree) for c in left)])
        end = max([token.i, *(max(t.i for t in c.subtree) for c in right)]) + 1
        span = sp[start:end]
        if any(taken[t.i] for t in span):
            continue
        actor = _anonymous_actor(span, token, cast, plural)
        cast.actors.setdefault(actor.id, actor)
        cast.add(Mention(span.start_char, span.end_char, span.text, actor.id, head=token.i), plural=plural)
        for t in span:
            taken[t.i] = True


def _source_postmodifier(token: Token) -> bool:
    """ "familiar with the talks", "close to the negotiations", "who asked not to be named"."""
    marks = speech().source_postmodifiers
    return any(
        child.lower_ in marks for child in token.rights if child.dep_ in ("amod", "acl", "relcl", "prep")
    )


def _speaks(token: Token) -> bool:
    """The head of the subject of a reporting verb ("a member of the delegation told ...")."""
    return token.dep_ in ("nsubj", "nsubjpass") and token.head.lemma_.lower() in speech().clause_cues


def _named_right_after(token: Token) -> bool:
    doc = token.doc
    following = doc[token.i + 1] if token.i + 1 < len(doc) else None
    return following is not None and following.ent_type_ == "PERSON" and following.head.i != token.i


def _postmodifiers(token: Token) -> list[Token]:
    allowed = speech().postmodifiers
    found = []
    for child in token.rights:
        if (child.dep_ in ("prep", "acl", "amod") and child.lower_ in allowed) or (
            child.dep_ == "acl" and child.lower_ in ("involved", "briefed", "familiar", "close")
        ):
            found.append(child)
    return found


def _anonymous_actor(span: Span, head: Token, cast: Cast, plural: bool) -> Actor:
    country, side = affiliation(span)
    if head.lower_ in ("source", "official") and span[0].lower_ == "one" and len(span) == 2:
        group = cast.last(span.start_char, lambda m, a: a.kind == "anonymous" and cast.is_plural(m))
        if group is not None:
            return cast.actors[group.actor or ""]
    text = span.text
    key = re.sub(r"^(?:an?|one|some|two|three|several)\s+", "", text.lower())
    return Actor(
        id=f"anon-{cast.doc_id[:8]}-{_slug(key)}",
        name=text[0].lower() + text[1:] if text[:1].isupper() and not text.split()[0].isupper() else text,
        kind="anonymous",
        country=country,
        side=side,
    )


def affiliation(span: Span) -> tuple[str | None, str | None]:
    """The country (ISO3) and side an unnamed source is given ("an Israeli official", "Hamas officials")."""
    codes = _demonym_codes()
    for token in span:
        code = demonyms().get(token.text) or (token.ent_id_ if token.ent_id_ in codes else None)
        if code:
            return code, _state_for_code().get(code, code)
        if token.ent_id_:
            known = _known_index().get(token.ent_id_)
            if known is not None:
                return known.country, known.id
    return None, None


# --- provincial and state governments --------------------------------------


def _regional_governments(sp: Doc, cast: Cast) -> None:
    """ "The province has offered 7.5%", "the state government": in an article about a province or state
    of a federation (named other than as a place where something happens), its government."""
    named = _regions_named(sp)
    if not named:
        return
    adjectives = regions().adjectives
    for token in sp:
        lemma = token.lemma_.lower()
        region: Region | None = None
        if token.pos_ == "NOUN" and lemma in adjectives and _refers(token):
            region = _nearest(named, token.idx, lemma)  # "the province"
        elif lemma == "government":
            for child in token.children:
                if child.dep_ in ("amod", "compound") and child.lower_ in adjectives.values():
                    kind = next(k for k, a in adjectives.items() if a == child.lower_)
                    region = _nearest(named, token.idx, kind)  # "the provincial government"
                elif child.dep_ in ("compound", "poss"):
                    region = next((r for start, end, r in named if start <= child.idx < end), region)
        if region is None:
            continue
        start = token.left_edge.i if token.left_edge.dep_ in ("det", "poss", "amod", "compound") else token.i
        span = sp[start : token.i + 1]
        if any(m.start < span.end_char and span.start_char < m.end for m in cast.mentions if m.actor):
            continue
        actor = cast.actors.setdefault(
            f"{region.id}-government",
            Actor(
                id=f"{region.id}-government",
                name=f"{region.name} government",
                kind="organization",
                country=region.country,
                sector="GOV",
                side=f"{region.id}-government",
            ),
        )
        cast.regional.add(actor.id)
        cast.add(Mention(span.start_char, span.end_char, span.text, actor.id, head=token.i))


def _regions_named(sp: Doc) -> list[tuple[int, int, Region]]:
    """Where the article names provinces or states, when it names one at least once as more than a place."""
    known = regions().by_name
    pattern = _region_pattern()
    found = []
    topical = False
    for match in pattern.finditer(text_of(sp)):
        found.append((match.start(), match.end(), known[match.group(0)]))
        first = sp.char_span(match.start(), match.end(), alignment_mode="expand")
        before = sp[first.start - 1] if first is not None and first.start > 0 else None
        topical = topical or before is None or before.lower_ not in LOCATIVE
    return found if topical else []


@cache
def _region_pattern() -> re.Pattern[str]:
    names = sorted(regions().by_name, key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(re.escape(n) for n in names) + r")\b")


def _refers(token: Token) -> bool:
    """ "The province has offered", "according to the province", not "across the province" or "the state
    of emergency"."""
    if not any(c.dep_ == "det" and c.lower_ == "the" for c in token.children) or token.tag_ != "NN":
        return False
    if token.dep_ == "compound" or any(c.dep_ == "prep" and c.lower_ == "of" for c in token.children):
        return False
    return not (token.dep_ == "pobj" and token.head.lower_ in LOCATIVE)


def _nearest(named: list[tuple[int, int, Region]], at: int, kind: str) -> Region | None:
    """The province or state of the kind named last before `at`, else the one named most."""
    fitting = [r for _, _, r in named if r.kind == kind]
    before = [r for start, _, r in named if start < at and r.kind == kind]
    if before:
        return before[-1]
    return max(fitting, key=lambda r: sum(1 for x in fitting if x == r)) if fitting else None


# --- parties named by what they are ----------------------------------------


def _organisation_names(sp: Doc, cast: Cast) -> None:
    """ "The Finnish Paper Workers' Union": a capitalised name ending in a word for a body is an
    organisation even when the tagger misses it."""
    bodies = speech().collectives
    for head in sp:
        if head.pos_ != "PROPN" or head.lower_ not in bodies or head.dep_ == "compound":
            continue
        start = head.i
        while start > 0 and (
            (sp[start - 1].is_title and sp[start - 1].pos_ in ("PROPN", "ADJ", "NOUN"))
            or sp[start - 1].tag_ == "POS"
            or sp[start - 1].text in ("'", "’")
            # "the Petroleum and Natural Gas Senior Staff Association"
            or (sp[start - 1].lower_ in ("and", "&") and start > 1 and sp[start - 2].is_title)
        ):
            start -= 1
        words = sp[start : head.i + 1]
        if len(words) < 2 or any(
            m.start < words.end_char and words.start_char < m.end for m in cast.mentions if m.actor
        ):
            continue
        country = demonyms().get(words[0].text)  # "The Finnish Paper Workers' Union" is Finland's
        actor = cast.actors.setdefault(
            _slug(words.text),
            Actor(
                id=_slug(words.text),
                name=words.text,
                kind="organization",
                country=country,
                sector=name_sector(words.text),
            ),
        )
        cast.add(Mention(words.start_char, words.end_char, words.text, actor.id, head=head.i))


def _names_of_bodies(sp: Doc, cast: Cast) -> None:
    """ "leaders of the Viv Ansanm gang": a name the tagger took for a person's is a body's where the text
    puts it before a word for a body ("the Biden administration" is an office, and stays a person's)."""
    words = speech()
    bodies = words.collectives - words.offices
    body = text_of(sp)
    for actor in cast.actors.values():
        if actor.kind != "person" or actor.known or actor.roles or " " not in actor.name:
            continue
        for found in re.finditer(rf"(?<![\w-]){re.escape(actor.name)} (\w+)", body):
            after = sp.char_span(found.start(1), found.end(1))
            if after is not None and after[0].is_lower and after[0].lemma_.lower() in bodies:
                actor.kind = "organization"
                break


def _repeated_names(sp: Doc, cast: Cast) -> None:
    """ "for Boeing in the St. Louis area", "The ASMS said": an organisation the text names again, by its
    name or short form, where the tagger missed the name is mentioned there too."""
    body = text_of(sp)
    for actor in list(cast.actors.values()):
        names = [n for n in (actor.name, *actor.aliases) if n[:1].isupper() and len(n) >= 3]
        if actor.kind not in ("organization", "group") or not names:
            continue
        pattern = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
        for found in re.finditer(rf"(?<![\w-])(?:{pattern})(?![\w-])", body):
            start, end = found.span()
            if any(m.start < end and start < m.end for m in cast.mentions):
                continue
            words = sp.char_span(start, end)
            if words is not None:
                cast.add(Mention(start, end, found.group(), actor.id, head=words.root.i))


def _repeated_surnames(sp: Doc, cast: Cast) -> None:
    """ "On Tuesday, Crucke put forward a new offer" after "Mobility Minister Jean-Luc Crucke": a surname
    the tagger missed, after the person's full name, mentions the one person of the article so called."""
    people: dict[str, list[Actor]] = {}
    for actor in cast.actors.values():
        if actor.kind == "person" and len(actor.name.split()) > 1:
            people.setdefault(actor.name.split()[-1], []).append(actor)
    firsts: dict[str | None, int] = {}
    for m in cast.mentions:  # not yet in text order
        firsts[m.actor] = min(m.start, firsts.get(m.actor, m.start))
    named = {
        surname: (found[0].id, firsts[found[0].id])
        for surname, found in people.items()
        if len(found) == 1 and len(surname) >= 3 and surname[0].isupper() and found[0].id in firsts
    }
    for token in sp:
        if token.text not in named or token.pos_ != "PROPN":
            continue
        actor_id, first = named[token.text]
        if (
            token.idx <= first
            or (token.i + 1 < len(sp) and sp[token.i + 1].is_title)
            or (token.i > 0 and _name_word(sp[token.i - 1]))
            or any(m.start <= token.idx < m.end for m in cast.mentions)
        ):
            continue
        cast.add(Mention(token.idx, token.idx + len(token), token.text, actor_id, head=token.i))


def _name_word(token: Token) -> bool:
    """A capitalised word that may be part of a name: not the start of a sentence, not "Mr" or "Dr"."""
    return token.is_title and not token.is_sent_start and token.lower_.rstrip(".") not in speech().honorifics


NAME_LINKS = frozenset(
    {"de", "del", "la", "las", "los", "y", "of", "and", "al", "el", "for", "du", "des", "et"}
)
GROUP_NOUNS = frozenset({"group", "faction", "militia", "movement", "insurgency", "rebel", "guerrilla"})


def _introduced(sp: Doc, cast: Cast) -> None:
    """ "the Estado Mayor de Bloques y Frente, a group of about 2,000 fighters": a name the tagger misses,
    introduced by what it is, is an actor with that description as its role."""
    collectives = speech().collectives | GROUP_NOUNS
    for noun in sp:
        if noun.dep_ != "appos" or noun.lemma_.lower() not in collectives or noun.i < 2:
            continue
        if not any(c.dep_ == "det" and c.lower_ in ("a", "an") for c in noun.children):
            continue
        end = noun.left_edge.i - 1
        if sp[end].text != ",":
            continue
        start = end
        while start > 0 and (sp[start - 1].pos_ in ("PROPN", "X") or sp[start - 1].lower_ in NAME_LINKS):
            start -= 1
        while start < end and sp[start].lower_ in NAME_LINKS:
            start += 1
        words = sp[start:end]
        if len(words) < 2 or not words[0].is_title:
            continue
        if any(m.start < words.end_char and words.start_char < m.end for m in cast.mentions if m.actor):
            continue
        kind = "group" if noun.lemma_.lower() in GROUP_NOUNS else "organization"
        clause = {x.i for c in noun.children if c.dep_ in ("relcl", "acl") for x in c.subtree}
        described = sp[noun.left_edge.i : max(t.i for t in noun.subtree if t.i not in clause) + 1].text
        actor = cast.actors.setdefault(
            _slug(words.text), Actor(id=_slug(words.text), name=words.text, kind=kind, roles=[described])
        )
        cast.add(Mention(words.start_char, words.end_char, words.text, actor.id, head=words[-1].i))


def _collective_parties(sp: Doc, cast: Cast) -> None:
    """ "IG Metall and employers in the metal and electrical industry reached a deal ... Employers had
    offered 3.6%": a plural of a kind of organisation, described by where it is, is a party; the same
    plural later is the same party."""
    sectors = speech().sectors
    found: dict[str, Actor] = {}
    for token in sp:
        lemma = token.lemma_.lower()
        if token.tag_ != "NNS" or lemma not in sectors or token.dep_ in ("poss", "compound"):
            continue
        trade = [c for c in token.lefts if c.dep_ == "compound"]
        if any(
            c.dep_ in ("poss", "nummod") or c.lower_ in ("these", "those", "some", "many")
            for c in token.children
        ) or any(c.pos_ != "NOUN" or not c.is_lower for c in trade):
            continue
        if any(m.start <= token.idx < m.end for m in cast.mentions if m.actor):
            continue
        after = sp[token.i + 1] if token.i + 1 < len(sp) else None
        # "employers in the metal industry", whatever the parser hangs the preposition on
        scope = (
            after
            if after is not None
            and after.dep_ == "prep"
            and after.lower_ in ("in", "of", "across")
            and any(c.dep_ == "pobj" for c in after.children)  # not "accuses employers of trying to ..."
            else None
        )
        if lemma not in found and trade and not scope:
            # "a pay offer from fire service employers ... The employers": a trade named before the plural
            # says whose they are, when the text goes on to speak of them ("health care unions must" does not)
            words = sp[trade[0].left_edge.i : token.i + 1]
            again = any(t.tag_ == "NNS" and t.lemma_.lower() == lemma for t in sp[token.i + 1 :])
            if not again or any(w.dep_ != "compound" for w in words[:-1]):
                continue
        elif lemma not in found and scope is not None and not trade and token.i == token.left_edge.i:
            words = sp[token.i : scope.right_edge.i + 1]
        else:
            words = None
        if words is not None:
            actor = Actor(
                id=_slug(words.text), name=words.text, kind="organization", sector=min(sectors[lemma])
            )
            found[lemma] = cast.actors.setdefault(actor.id, actor)
            cast.add(
                Mention(words.start_char, words.end_char, words.text, actor.id, head=token.i), plural=True
            )
        elif lemma in found and not trade:
            start = token.left_edge.i if token.left_edge.lower_ == "the" else token.i
            words = sp[start : token.i + 1]
            cast.add(
                Mention(words.start_char, words.end_char, words.text, found[lemma].id, head=token.i),
                plural=True,
            )


def _unnamed_sides(sp: Doc, cast: Cast) -> None:
    """ "The opposition wants 30% of the command posts ... the opposition groups rejected it": a side the
    text names by what it is is one party throughout."""
    words = speech()
    for token in sp:
        if token.lower_ not in words.sides or token.pos_ != "NOUN":
            continue
        head = token
        if token.dep_ == "compound" and token.head.lemma_.lower() in words.collectives | GROUP_NOUNS:
            head = token.head  # "the opposition coalition", "the opposition groups"
        elif token.dep_ in ("compound", "amod"):
            continue  # "opposition negotiators", "opposition figures"
        if not any(c.dep_ == "det" and c.lower_ == "the" for c in head.children):
            continue
        span = sp[head.left_edge.i if head.left_edge.lower_ == "the" else token.i : head.i + 1]
        if any(m.start < span.end_char and span.start_char < m.end for m in cast.mentions if m.actor):
            continue
        actor = cast.actors.setdefault(token.lower_, Actor(id=token.lower_, name=token.lower_, kind="group"))
        cast.add(Mention(span.start_char, span.end_char, span.text, actor.id, head=head.i))


# --- roles from the text ---------------------------------------------------


def _roles_from_text(sp: Doc, cast: Cast) -> None:
    """Roles an article gives people: appositions ("Witkoff, Trump's envoy,") and titles ("Minister X")."""
    for mention in list(cast.mentions):
        actor = cast.actors.get(mention.actor or "")
        if actor is None or actor.kind != "person" or mention.head < 0:
            continue
        root = sp[mention.head]
        for role in (*_appositions(root), _title_before(sp, mention)):
            if role and role not in actor.roles and len(role) < 120:
                actor.roles.append(role)


def _appositions(root: Token) -> Iterable[str]:
    for child in root.children:
        if child.dep_ == "appos" and child.ent_type_ != "PERSON" and child.pos_ in ("NOUN", "PROPN"):
            tokens = [t for t in child.subtree if (t.dep_ != "relcl" and not t.is_punct) or t.tag_ == "POS"]
            if tokens:
                yield child.doc[tokens[0].i : tokens[-1].i + 1].text
    # "Chatree Boonmak, who heads Thailand's peace dialogue panel,": the head of what he heads
    for clause in root.children:
        led = next((c for c in clause.children if c.dep_ == "dobj"), None)
        if clause.dep_ == "relcl" and clause.lemma_ in LEADING and led is not None:
            yield f"head of {root.doc[led.left_edge.i : led.right_edge.i + 1].text}"
        # "Renel Augustin, who speaks for Viv Ansanm at the talks,": the spokesperson of whom he speaks for
        spoken = prep_objects(clause, "for")
        if clause.dep_ == "relcl" and clause.lemma_ in SPEAKING_FOR and spoken:
            whom = root.doc[spoken[0].left_edge.i : spoken[0].right_edge.i + 1].text
            yield f"{SPEAKING_FOR[clause.lemma_]} for {whom}"
    # "the faction's lead negotiator, X", "The Minister of Labour and Employment, X": a title of no name
    head = root.head
    untitled = (
        head.ent_type_ != "PERSON" if head.pos_ == "NOUN" else head.pos_ == "PROPN" and not head.ent_type_
    )
    if root.dep_ == "appos" and untitled:
        name = root.left_edge.i
        tokens = [t for t in head.subtree if t.i < name and not (t.is_punct and t.i == name - 1)]
        if tokens:
            yield head.doc[tokens[0].i : tokens[-1].i + 1].text.rstrip(", ")


def _title_before(sp: Doc, mention: Mention) -> str:
    """Title words before a name: "Turkish Foreign Minister Hakan Fidan" -> "Turkish Foreign Minister"."""
    span = sp.char_span(mention.start, mention.end, alignment_mode="expand")
    if span is None:
        return ""
    i = span.start - 1
    inside = set(range(span.start, span.end))
    while i >= 0:
        if i >= 2 and sp[i - 1].text == "-" and not sp[i - 1].whitespace_ and not sp[i - 2].whitespace_:
            i -= 2  # "CEPA director-general Sophie Martens": a hyphenated title is one word
        token = sp[i]
        after = inside | set(range(i + 1, span.start))
        if token.tag_ == "POS" and i >= 1 and sp[i - 1].dep_ == "poss" and sp[i - 1].head.i in after:
            i -= 2  # "Panama's lead negotiator Juan Ignacio Arosemena": the owner is part of the title
            continue
        # "Colleges and Universities Minister Ruth Castellano": "and Universities" hangs on "Colleges"
        linked = (
            token.dep_ in ("conj", "cc")
            and (token.is_title or token.lower_ in ("and", "&"))
            and token.head.i < i
            and token.head.dep_ in TITLE_DEPS
            and token.head.head.i in after
        )
        # "State Minister for Labour and Employment Abdul Mannan Sarkar": the parser hangs the name on "for"
        office = (
            token.lower_ in ("for", "of")
            and token.head.i == i - 1
            and sp[i - 1].is_title
            and not sp[i - 1].ent_type_
            and any(t.dep_ == "pobj" and t.i in after for t in token.children)
        )
        if office:
            i -= 2
            continue
        if not linked and (token.dep_ not in TITLE_DEPS or token.head.i not in after):
            break
        if token.ent_type_ == "PERSON" or token.is_punct:
            break
        i -= 1
    if (
        0 <= i < span.start - 1
        and sp[i].ent_type_ == "ORG"
        and _short_form(sp[i].text)
        and sp[i + 1].is_lower
    ):
        i -= 1  # "… and NDFP panel chair Amelia Ranada", the parser hanging "NDFP" on the name before
    words = sp[i + 1 : span.start]
    if not words or not any(t.pos_ == "NOUN" or t.is_title or t.is_upper for t in words):
        return ""
    if words[0].tag_ == "POS":
        return ""
    # "... Allied Workers' Union (NEHAWU) general secretary Zola Mabandla": the short form names the body
    if i >= 2 and sp[i].text == ")" and sp[i - 2].text == "(" and _short_form(sp[i - 1].text):
        return f"{sp[i - 1].text} {words.text}"
    return words.text


# --- knowledge indexes -----------------------------------------------------


@cache
def _known_index() -> dict[str, KnownActor]:
    return {a.id: a for a in actors()}


@cache
def _surname_index() -> frozenset[str]:
    return frozenset(
        alias.lower() for a in actors() if a.kind == "person" for alias in a.aliases if " " not in alias
    )


@cache
def _demonym_codes() -> frozenset[str]:
    return frozenset(demonyms().values())


@cache
def _state_for_code() -> dict[str, str]:
    return {s.iso3: s.id for s in states()}


def _clean_name(text: str) -> str:
    text = re.sub(r"\s+", " ", text).strip(" ,.;:'’\"“”")
    return re.sub(r"['’]s$", "", text)


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", unaccented(text).lower()).strip("-")[:60] or "actor"


def _date(value: str | None) -> dt.date | None:
    if not value or len(value) != 10:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        return None
