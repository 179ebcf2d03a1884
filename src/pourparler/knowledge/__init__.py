"""Loads the knowledge files (data, not code) once, validates them, and hands out typed views."""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import re
import unicodedata
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any

import yaml

from pourparler.errors import PourparlerError


class KnowledgeError(PourparlerError):
    """A knowledge file is malformed; the message names the file and the entry."""


def load_yaml(name: str) -> Any:
    """The parsed content of one knowledge file shipped in this package."""
    try:
        text = resources.files(__package__).joinpath(name).read_text(encoding="utf-8")
        return yaml.safe_load(text)
    except (OSError, yaml.YAMLError) as exc:
        raise KnowledgeError(f"cannot load knowledge file {name}: {exc}") from exc


def _require(entry: dict[str, Any], keys: tuple[str, ...], where: str) -> None:
    missing = [k for k in keys if k not in entry]
    if missing:
        raise KnowledgeError(f"{where}: missing {', '.join(missing)}")


def _compile(pattern: str, where: str, flags: int = re.IGNORECASE) -> re.Pattern[str]:
    try:
        return re.compile(pattern, flags)
    except re.error as exc:
        raise KnowledgeError(f"{where}: bad pattern {pattern!r}: {exc}") from exc


def _date(value: Any, where: str) -> dt.date | None:
    if value is None:
        return None
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError as exc:
        raise KnowledgeError(f"{where}: {value!r} is not an ISO date") from exc


# --- boilerplate -----------------------------------------------------------


@dataclass(frozen=True, slots=True)
class BoilerplateRule:
    kind: str
    max_words: int
    tail: bool
    patterns: tuple[re.Pattern[str], ...]

    def matches(self, line: str, words: int) -> bool:
        return words <= self.max_words and any(p.fullmatch(line) for p in self.patterns)


@cache
def boilerplate_rules() -> tuple[BoilerplateRule, ...]:
    rules = []
    for i, entry in enumerate(load_yaml("boilerplate.yaml")["rules"]):
        where = f"boilerplate.yaml rule {i + 1}"
        _require(entry, ("kind", "patterns"), where)
        rules.append(
            BoilerplateRule(
                kind=str(entry["kind"]),
                max_words=int(entry.get("max_words", 12)),
                tail=bool(entry.get("tail", False)),
                patterns=tuple(_compile(p, where) for p in entry["patterns"]),
            )
        )
    return tuple(rules)


# --- outlets ---------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Outlet:
    name: str
    aliases: tuple[str, ...]
    domains: tuple[str, ...]
    agency: bool


@cache
def outlets() -> tuple[Outlet, ...]:
    found = []
    for i, entry in enumerate(load_yaml("outlets.yaml")["outlets"]):
        _require(entry, ("name",), f"outlets.yaml entry {i + 1}")
        found.append(
            Outlet(
                name=str(entry["name"]),
                aliases=tuple(str(a) for a in entry.get("aliases", ())),
                domains=tuple(str(d).lower() for d in entry.get("domains", ())),
                agency=bool(entry.get("agency", False)),
            )
        )
    return tuple(found)


@cache
def _outlet_index() -> dict[str, Outlet]:
    index: dict[str, Outlet] = {}
    for outlet in outlets():
        for label in (outlet.name, *outlet.aliases):
            index[_outlet_key(label)] = outlet
    return index


def _outlet_key(label: str) -> str:
    return re.sub(r"[^a-z0-9]", "", label.lower())


def known_outlet(label: str) -> Outlet | None:
    """The outlet a name or alias denotes ("Ynet News", "ynetnews" -> Ynetnews), if known."""
    return _outlet_index().get(_outlet_key(label))


def outlet_for_domain(host: str) -> Outlet | None:
    host = host.lower().removeprefix("www.")
    for outlet in outlets():
        if any(host == d or host.endswith("." + d) for d in outlet.domains):
            return outlet
    return None


# --- dated anchor events ---------------------------------------------------


@dataclass(frozen=True, slots=True)
class Anchor:
    id: str
    date: dt.date
    label: str
    context: tuple[re.Pattern[str], ...]


@dataclass(frozen=True, slots=True)
class AnchorKnowledge:
    anchors: tuple[Anchor, ...]
    elapsed: tuple[re.Pattern[str], ...]
    ordinal: tuple[re.Pattern[str], ...]


@cache
def anchors() -> AnchorKnowledge:
    data = load_yaml("anchors.yaml")
    found = []
    for i, entry in enumerate(data["anchors"]):
        where = f"anchors.yaml anchor {i + 1}"
        _require(entry, ("id", "date", "label", "context"), where)
        date = _date(entry["date"], where)
        assert date is not None
        found.append(
            Anchor(
                id=str(entry["id"]),
                date=date,
                label=str(entry["label"]),
                context=tuple(_compile(rf"\b{c}\b", where) for c in entry["context"]),
            )
        )
    counts = data["counts"]
    for key in ("elapsed", "ordinal"):
        for p in counts[key]:
            if "(?P<n>" not in p:
                raise KnowledgeError(f"anchors.yaml counts.{key}: {p!r} has no (?P<n>...) group")
    return AnchorKnowledge(
        anchors=tuple(found),
        elapsed=tuple(_compile(p, "anchors.yaml counts.elapsed") for p in counts["elapsed"]),
        ordinal=tuple(_compile(p, "anchors.yaml counts.ordinal") for p in counts["ordinal"]),
    )


# --- actors ----------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Role:
    title: str
    start: dt.date | None
    end: dt.date | None
    cues: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class KnownActor:
    id: str
    name: str
    kind: str
    country: str | None
    sector: str | None
    aliases: tuple[str, ...]
    roles: tuple[Role, ...] = field(default=())
    office: str | None = None
    seat: str | None = None  # the city the press names for it ("Brussels" for the EU)


ACTOR_KINDS = ("person", "organization", "state", "group", "anonymous")


ACTOR_FILES = ("actors.yaml", "organizations.yaml")


def _known_actor(entry: dict[str, Any], where: str) -> KnownActor:
    _require(entry, ("id", "name", "kind"), where)
    if entry["kind"] not in ACTOR_KINDS:
        raise KnowledgeError(f"{where}: kind must be one of {', '.join(ACTOR_KINDS)}")
    roles = []
    for j, role in enumerate(entry.get("roles", ())):
        rwhere = f"{where} role {j + 1}"
        _require(role, ("title",), rwhere)
        roles.append(
            Role(
                title=str(role["title"]),
                start=_date(role.get("from"), rwhere),
                end=_date(role.get("to"), rwhere),
                cues=tuple(str(c) for c in role.get("cues", ())),
            )
        )
    return KnownActor(
        id=str(entry["id"]),
        name=str(entry["name"]),
        kind=str(entry["kind"]),
        country=entry.get("country"),
        sector=entry.get("sector"),
        aliases=tuple(str(a) for a in entry.get("aliases", ())),
        roles=tuple(roles),
        office=entry.get("office"),
        seat=entry.get("seat"),
    )


@cache
def actors() -> tuple[KnownActor, ...]:
    """Every known actor: the YAML files, then each state of states.csv (merged into a same-id entry)."""
    found: dict[str, KnownActor] = {}
    for name in ACTOR_FILES:
        for i, entry in enumerate(load_yaml(name)["actors"]):
            actor = _known_actor(entry, f"{name} entry {i + 1} ({entry.get('id', '?')})")
            if actor.id in found:
                raise KnowledgeError(f"{name} entry {i + 1}: duplicate id {actor.id}")
            found[actor.id] = actor
    for state in states():
        actor = KnownActor(
            id=state.id,
            name=state.name,
            kind="state",
            country=state.iso3,
            sector="GOV",
            aliases=state.aliases,
        )
        if state.id in found:
            given = found[state.id]
            merged = tuple(dict.fromkeys((*given.aliases, *state.aliases)))
            actor = dataclasses.replace(given, aliases=merged, country=given.country or state.iso3)
        found[state.id] = actor
    return tuple(found.values())


# --- states ----------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class State:
    id: str
    iso3: str
    name: str
    aliases: tuple[str, ...]
    demonyms: tuple[str, ...]
    capital: str | None
    un: str


@cache
def states() -> tuple[State, ...]:
    """States from states.csv: ISO code, names, demonyms and capital (a capital stands for its government)."""
    text = resources.files(__package__).joinpath("states.csv").read_text(encoding="utf-8")
    rows = csv.DictReader(line for line in text.splitlines() if line and not line.startswith("#"))
    found = []
    for i, row in enumerate(rows):
        where = f"states.csv row {i + 1}"
        _require(row, ("id", "iso3", "name", "aliases", "demonyms", "capital", "un"), where)
        if not re.fullmatch(r"[A-Z]{3}", row["iso3"] or ""):
            raise KnowledgeError(f"{where}: iso3 {row['iso3']!r} is not three capital letters")

        def split(value: str | None) -> tuple[str, ...]:
            return tuple(v.strip() for v in (value or "").split(";") if v.strip())

        found.append(
            State(
                id=row["id"],
                iso3=row["iso3"],
                name=row["name"],
                aliases=split(row["aliases"]),
                demonyms=split(row["demonyms"]),
                capital=row["capital"] or None,
                un=row["un"],
            )
        )
    return tuple(found)


@cache
def demonyms() -> dict[str, str]:
    """Demonym -> ISO3 country code ("Israeli" -> "ISR", "Palestinians" -> "PSE")."""
    return {word: state.iso3 for state in states() for word in state.demonyms}


# letters Unicode does not decompose into a base letter and a mark
UNDECOMPOSED = str.maketrans(
    {
        "ø": "o",
        "Ø": "O",
        "æ": "ae",
        "Æ": "Ae",
        "ß": "ss",
        "đ": "d",
        "Đ": "D",
        "ł": "l",
        "Ł": "L",
        "ı": "i",
        "œ": "oe",
        "Œ": "Oe",
        "þ": "th",
        "ð": "d",
    }
)


def unaccented(text: str) -> str:
    """The text without its diacritics ("Yaoundé" -> "Yaounde", "Mjøs" -> "Mjos"), as many outlets and
    keyboards write it."""
    decomposed = unicodedata.normalize("NFKD", text).translate(UNDECOMPOSED)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@cache
def capitals() -> dict[str, str]:
    """Capital city -> state id ("Moscow" -> "russia"): in the press a capital often means its government.
    A capital written with diacritics is also known without them."""
    found = {state.capital: state.id for state in states() if state.capital}
    return found | {unaccented(city): state for city, state in found.items()}


def place_country(place: str) -> str | None:
    """The ISO 3166 alpha-3 code of the state a place name is: its name, another of its names or its
    capital ("Doha" -> "QAT"), with or without accents and whatever the case."""
    return _place_countries().get(unaccented(place).casefold())


@cache
def _place_countries() -> dict[str, str]:
    found: dict[str, str] = {}
    for state in states():
        for name in (state.name, *state.aliases, state.capital):
            if name:
                found.setdefault(unaccented(name).casefold(), state.iso3)
    return found


# --- sub-national units ----------------------------------------------------


@dataclass(frozen=True, slots=True)
class Region:
    id: str
    name: str
    country: str
    kind: str  # province, state, territory


@dataclass(frozen=True, slots=True)
class RegionKnowledge:
    by_name: dict[str, Region]
    adjectives: dict[str, str]  # kind -> its adjective ("province" -> "provincial")


@cache
def regions() -> RegionKnowledge:
    """Provinces, states and territories of federations (regions.yaml), without names that are states or
    capitals."""
    data = load_yaml("regions.yaml")
    _require(data, ("kinds", "regions"), "regions.yaml")
    adjectives = {str(k).lower(): str(v).lower() for k, v in data["kinds"].items()}
    taken = {n.lower() for s in states() for n in (s.name, *s.aliases, s.capital or "")}
    by_name: dict[str, Region] = {}
    for country, kinds in data["regions"].items():
        if not re.fullmatch(r"[A-Z]{3}", str(country)):
            raise KnowledgeError(f"regions.yaml: {country!r} is not an ISO 3166-1 alpha-3 code")
        for kind, names in kinds.items():
            if kind not in adjectives:
                raise KnowledgeError(f"regions.yaml {country}: {kind!r} is not one of the kinds")
            for name in names:
                if str(name).lower() in taken:
                    continue
                region_id = re.sub(r"[^a-z0-9]+", "-", str(name).lower()).strip("-")
                by_name[str(name)] = Region(region_id, str(name), str(country), str(kind))
    return RegionKnowledge(by_name, adjectives)


# --- speech ----------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class SpeechKnowledge:
    clause_cues: frozenset[str]
    naming_cues: frozenset[str]
    nouns: frozenset[str]
    anonymous_heads: frozenset[str]
    anonymous_plurals: frozenset[str]
    weak_heads: frozenset[str]
    anonymous_markers: frozenset[str]
    postmodifiers: frozenset[str]
    source_postmodifiers: frozenset[str]
    offices: frozenset[str]
    collectives: frozenset[str]
    sectors: dict[str, frozenset[str]]
    name_sectors: dict[str, str]
    company_suffixes: frozenset[str]
    numbered_bodies: frozenset[str]
    public_bodies: frozenset[str]
    government_names: frozenset[str]
    honorifics: frozenset[str]
    titles: frozenset[str]
    media: frozenset[str]
    sides: frozenset[str]
    instruments: frozenset[str]


@cache
def speech() -> SpeechKnowledge:
    """Reporting verbs, speech nouns, and the words of anonymous sources and offices (speech.yaml)."""
    data = load_yaml("speech.yaml")
    _require(data, ("cues", "nouns", "anonymous", "offices", "collectives"), "speech.yaml")
    _require(data["cues"], ("clause", "naming"), "speech.yaml cues")
    anonymous = data["anonymous"]
    _require(
        anonymous,
        ("heads", "plural_heads", "weak_heads", "markers", "postmodifiers"),
        "speech.yaml anonymous",
    )

    def words(values: Any) -> frozenset[str]:
        return frozenset(str(v).lower() for v in values)

    return SpeechKnowledge(
        clause_cues=words(data["cues"]["clause"]),
        naming_cues=words(data["cues"]["naming"]),
        nouns=words(data["nouns"]),
        anonymous_heads=words(anonymous["heads"]),
        anonymous_plurals=words(anonymous["plural_heads"]),
        weak_heads=words(anonymous["weak_heads"]),
        anonymous_markers=words(anonymous["markers"]),
        postmodifiers=words(anonymous["postmodifiers"]),
        source_postmodifiers=words(anonymous.get("source_postmodifiers") or ()),
        offices=words(data["offices"]),
        collectives=words(data["collectives"]),
        sectors={
            str(k).lower(): frozenset(str(v) for v in vs) for k, vs in (data.get("sectors") or {}).items()
        },
        name_sectors={
            str(w).lower(): str(sector) for sector, ws in (data.get("name_sectors") or {}).items() for w in ws
        },
        company_suffixes=words(data.get("company_suffixes") or ()),
        numbered_bodies=words(data.get("numbered_bodies") or ()),
        public_bodies=words(data.get("public_bodies") or ()),
        government_names=words(data.get("government_names") or ()),
        media=words(data.get("media") or ()),
        sides=words(data.get("sides") or ()),
        instruments=words(data.get("instruments") or ()),
        honorifics=words(data.get("honorifics") or ()),
        titles=words(data.get("titles") or ()),
    )


# --- languages -------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class FunctionWords:
    english: frozenset[str]
    others: dict[str, frozenset[str]]


@cache
def function_words() -> FunctionWords:
    data = load_yaml("languages.yaml")
    _require(data, ("english", "others"), "languages.yaml")
    return FunctionWords(
        english=frozenset(str(w) for w in data["english"]),
        others={str(k): frozenset(str(w) for w in v) for k, v in data["others"].items()},
    )
