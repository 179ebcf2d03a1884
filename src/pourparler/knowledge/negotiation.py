"""Typed views of the event and negotiation knowledge: the PLOVER lexicon, stance words, profiles."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from pourparler.knowledge import KnowledgeError, _require, load_yaml

STANCES = ("demand", "insist", "offer", "propose", "accept", "reject", "willing")
BUILTIN_CLASSES = ("place", "home", "actor")

# A rule's condition on a noun phrase: a built-in class name ("place") or the words of a class.
Condition = str | frozenset[str]


def _words(values: Iterable[Any]) -> frozenset[str]:
    return frozenset(str(v).lower() for v in values)


def _verb_key(text: str) -> tuple[str, str | None]:
    """ "call for" -> ("call", "for"): a lemma and the particle or preposition it takes."""
    lemma, _, particle = str(text).lower().partition(" ")
    return lemma, particle or None


# --- PLOVER ----------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class EventRule:
    """One line of the PLOVER lexicon: the verbs, the conditions on their arguments, the type and mode."""

    verbs: tuple[tuple[str, str | None], ...]  # a verb with its particle before the bare verb
    type: str
    mode: str | None
    subject: Condition | None
    object: Condition | None
    prep: tuple[tuple[str, Condition], ...]
    modes: tuple[tuple[str, frozenset[str]], ...]


@dataclass(frozen=True, slots=True)
class PloverLexicon:
    classes: dict[str, frozenset[str]]
    refusals: dict[str, tuple[str, bool]]  # type -> (mode of the REJECT, only when a modal is negated)
    types: dict[str, tuple[str, ...]]
    rules: tuple[EventRule, ...]
    lemmas: frozenset[str]


@cache
def plover() -> PloverLexicon:
    """The PLOVER verb lexicon (plover.yaml), checked against PLOVER's 16 types and their modes."""
    data = load_yaml("plover.yaml")
    _require(data, ("classes", "types", "rules"), "plover.yaml")
    classes = {str(k): _words(v) for k, v in data["classes"].items()}
    types = {str(k): tuple(str(m) for m in (v or ())) for k, v in data["types"].items()}
    if len(types) != 16:
        raise KnowledgeError(f"plover.yaml types: PLOVER has 16 types, the file lists {len(types)}")

    def condition(value: Any, where: str) -> Condition:
        if isinstance(value, list):
            return _words(value)
        name = str(value).lstrip("$")
        if name in BUILTIN_CLASSES:
            return name
        if name not in classes:
            raise KnowledgeError(f"{where}: unknown class {value!r}")
        return classes[name]

    rules = []
    for i, entry in enumerate(data["rules"]):
        where = f"plover.yaml rule {i + 1}"
        _require(entry, ("verbs", "type"), where)
        kind, mode = str(entry["type"]), entry.get("mode")
        if kind not in types:
            raise KnowledgeError(f"{where}: {kind!r} is not a PLOVER type")
        modes = tuple((str(m), condition(words, where)) for m, words in (entry.get("modes") or {}).items())
        for m in [mode, *(m for m, _ in modes)]:
            if m is not None and m not in types[kind]:
                raise KnowledgeError(f"{where}: {m!r} is not a mode of {kind}")
        rules.append(
            EventRule(
                verbs=tuple(
                    sorted(
                        {_verb_key(v) for v in entry["verbs"]}, key=lambda v: (v[0], v[1] is None, v[1] or "")
                    )
                ),
                type=kind,
                mode=str(mode) if mode is not None else None,
                subject=condition(entry["subject"], where) if "subject" in entry else None,
                object=condition(entry["object"], where) if "object" in entry else None,
                prep=tuple(
                    (str(p).lower(), condition(c, where)) for p, c in (entry.get("prep") or {}).items()
                ),
                modes=tuple((m, c) for m, c in modes if isinstance(c, frozenset)),
            )
        )
    refusals = {
        str(k): (str(v["mode"]), bool(v.get("modal", False))) for k, v in (data.get("refusals") or {}).items()
    }
    for k, (m, _) in refusals.items():
        if k not in types or m not in types["REJECT"]:
            raise KnowledgeError(f"plover.yaml refusals: {k} -> REJECT/{m} names an unknown type or mode")
    return PloverLexicon(
        classes=classes,
        refusals=refusals,
        types=types,
        rules=tuple(rules),
        lemmas=frozenset(v[0] for r in rules for v in r.verbs),
    )


# --- stances ---------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class StanceLexicon:
    verbs: dict[tuple[str, str | None], str]
    adjectives: dict[str, str]
    nouns: dict[str, str]
    negated: dict[str, str]
    modal: frozenset[str]
    modal_stances: dict[str, str]
    references: frozenset[str]
    conditions: frozenset[str]
    state_roles: frozenset[str]
    state_bodies: frozenset[str]
    every_party: frozenset[str]
    texts: frozenset[str]
    evaluations: dict[str, str]
    aside: frozenset[str]
    aside_unless_issue: frozenset[str]
    carriers: frozenset[str]
    refusals: dict[tuple[str, str | None], str]
    hedged: dict[tuple[str, str | None], str]
    answers: frozenset[str]
    terms: frozenset[tuple[str, str | None]]
    government_levels: frozenset[str]
    company_roles: tuple[str, ...]
    intent_modals: frozenset[str]
    refusing_modals: frozenset[str]
    not_intents: frozenset[str]
    obliging_modals: frozenset[str]
    obliging_verbs: frozenset[str]
    setting_conditions: frozenset[tuple[str, ...]]
    tallies: tuple[str, ...]
    failures: frozenset[str]
    predictions: frozenset[str]


@cache
def stances() -> StanceLexicon:
    """The words that state a position (stances.yaml)."""
    data = load_yaml("stances.yaml")
    _require(data, ("verbs", "adjectives", "nouns", "references", "conditions"), "stances.yaml")

    def index(section: str, key: Any = str) -> dict[Any, str]:
        found: dict[Any, str] = {}
        for stance, words in data[section].items():
            if stance not in STANCES:
                raise KnowledgeError(f"stances.yaml {section}: {stance!r} is not one of {', '.join(STANCES)}")
            for w in words:
                found.setdefault(key(w), stance)
        return found

    def stance_map(section: str) -> dict[str, str]:
        mapping = {str(k): str(v) for k, v in (data.get(section) or {}).items()}
        for k, v in mapping.items():
            if k not in STANCES or v not in STANCES:
                raise KnowledgeError(f"stances.yaml {section}: {k} -> {v} names an unknown stance")
        return mapping

    return StanceLexicon(
        verbs=index("verbs", _verb_key),
        adjectives=index("adjectives", lambda w: str(w).lower()),
        nouns=index("nouns", lambda w: str(w).lower()),
        negated=stance_map("negated"),
        modal=_words(data.get("modal") or ()),
        modal_stances=stance_map("modal_stances"),
        references=_words(data["references"]),
        conditions=_words(data["conditions"]),
        state_roles=_words(data.get("state_roles") or ()),
        state_bodies=_words(data.get("state_bodies") or ()),
        every_party=_words(data.get("every_party") or ()),
        texts=_words(data.get("texts") or ()),
        evaluations=index("evaluations", lambda w: str(w).lower()) if data.get("evaluations") else {},
        aside=_words(data.get("aside") or ()),
        aside_unless_issue=_words(data.get("aside_unless_issue") or ()),
        carriers=_words(data.get("carriers") or ()),
        refusals=index("refusals", _verb_key) if data.get("refusals") else {},
        hedged=index("hedged", _verb_key) if data.get("hedged") else {},
        answers=_words(data.get("answers") or ()),
        terms=frozenset(_verb_key(w) for w in data.get("terms") or ()),
        government_levels=_words(data.get("government_levels") or ()),
        company_roles=tuple(str(w).lower() for w in data.get("company_roles") or ()),
        intent_modals=_words((data.get("intents") or {}).get("modals") or ()),
        refusing_modals=_words((data.get("intents") or {}).get("refusing") or ()),
        not_intents=_words((data.get("intents") or {}).get("except") or ()),
        obliging_modals=_words((data.get("intents") or {}).get("obliging") or ()),
        obliging_verbs=_words((data.get("intents") or {}).get("obliging_verbs") or ()),
        setting_conditions=frozenset(
            tuple(str(w).lower().split()) for w in data.get("setting_conditions") or ()
        ),
        tallies=tuple(str(w).lower() for w in data.get("tallies") or ()),
        failures=_words(data.get("failures") or ()),
        predictions=_words(data.get("predictions") or ()),
    )


# --- negotiation profiles --------------------------------------------------


@dataclass(frozen=True, slots=True)
class Issue:
    """One negotiated issue: the words that name it, its units, and what a ratio is counted per."""

    id: str
    label: str
    words: tuple[str, ...]
    units: frozenset[str]
    per: frozenset[str]
    better: dict[str, str]
    excluded: tuple[str, ...] = ()  # phrases whose words name something else ("exchange rate")
    nouns: frozenset[str] = frozenset()  # words that name it only as nouns ("a pay rise", not "pay a fee")
    kind: str = ""  # the generic issue this one is a case of ("hostages" is a release)
    over: frozenset[str] = frozenset()  # issues it prevails over when both are named ("a job guarantee")


@dataclass(frozen=True, slots=True)
class Profile:
    """One negotiation: its parties, mediators, venues and issues."""

    id: str
    label: str
    parties: tuple[str, ...]
    mediators: tuple[str, ...]
    venues: tuple[str, ...]
    signals: frozenset[str]
    issues: tuple[Issue, ...]
    source: str

    @property
    def generic(self) -> bool:
        return self.id == "generic"


def profiles(dirs: tuple[Path, ...] = ()) -> tuple[Profile, ...]:
    """The shipped profiles (the generic one last) and those in `dirs`, which take precedence."""
    return _profiles(tuple(Path(d).resolve() for d in dirs))


@cache
def _profiles(dirs: tuple[Path, ...]) -> tuple[Profile, ...]:
    shipped = [
        _profile(load_yaml(f"profiles/{name}"), f"profiles/{name}")
        for name in sorted(_shipped_profile_names())
    ]
    added: list[Profile] = []
    for directory in dirs:
        if not directory.is_dir():
            raise KnowledgeError(f"profile directory {directory} does not exist")
        for path in sorted(directory.glob("*.y*ml")):
            try:
                data = yaml.safe_load(path.read_text(encoding="utf-8"))
            except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
                raise KnowledgeError(f"cannot load profile {path}: {exc}") from exc
            added.append(_profile(data, str(path)))
    ids = [p.id for p in added + shipped]
    twice = sorted({i for i in ids if ids.count(i) > 1})
    if twice:
        raise KnowledgeError(f"profile ids used twice: {', '.join(twice)}")
    ordered = added + [p for p in shipped if not p.generic] + [p for p in shipped if p.generic]
    if not ordered or not ordered[-1].generic:
        raise KnowledgeError("the generic profile (profiles/generic.yaml) is missing")
    kinds = {i.id for i in ordered[-1].issues}
    for profile in ordered:
        for issue in profile.issues:
            if issue.kind != issue.id and issue.kind not in kinds:
                raise KnowledgeError(
                    f"{profile.source}: issue {issue.id} has kind {issue.kind!r}, which is no generic issue "
                    f"({', '.join(sorted(kinds))})"
                )
    return tuple(ordered)


def _shipped_profile_names() -> list[str]:
    from importlib import resources

    folder = resources.files("pourparler.knowledge").joinpath("profiles")
    return [p.name for p in folder.iterdir() if p.name.endswith(".yaml")]


def _profile(data: Any, where: str) -> Profile:
    if not isinstance(data, dict):
        raise KnowledgeError(f"{where}: a profile is a mapping with id, label and issues")
    _require(data, ("id", "label", "issues"), where)
    issues = []
    for i, entry in enumerate(data["issues"] or []):
        spot = f"{where} issue {i + 1}"
        if not isinstance(entry, dict):
            raise KnowledgeError(f"{spot}: an issue is a mapping with id, label and words")
        _require(entry, ("id", "label", "words"), spot)
        better = {str(k): str(v) for k, v in (entry.get("better") or {}).items()}
        if set(better) - {"higher", "lower"}:
            raise KnowledgeError(f"{spot}: better takes 'higher' or 'lower', not {sorted(better)}")
        issues.append(
            Issue(
                id=str(entry["id"]),
                label=str(entry["label"]),
                words=tuple(str(w).lower() for w in entry["words"]),
                units=_words(entry.get("units") or ()),
                per=_words(entry.get("per") or ()),
                better=better,
                excluded=tuple(str(w).lower() for w in entry.get("except") or ()),
                nouns=_words(entry.get("nouns") or ()),
                kind=str(entry.get("kind") or entry["id"]),
                over=_words(entry.get("over") or ()),
            )
        )
    ids = [i.id for i in issues]
    if len(set(ids)) != len(ids):
        raise KnowledgeError(f"{where}: issue ids must be unique")
    for issue in issues:
        if unknown := sorted(issue.over - set(ids)):
            raise KnowledgeError(
                f"{where}: issue {issue.id!r} is over {', '.join(unknown)}, which it does not list"
            )
    return Profile(
        id=str(data["id"]),
        label=str(data["label"]),
        parties=tuple(str(p) for p in data.get("parties") or ()),
        mediators=tuple(str(p) for p in data.get("mediators") or ()),
        venues=tuple(str(v) for v in data.get("venues") or ()),
        signals=_words(data.get("signals") or ()),
        issues=tuple(issues),
        source=where,
    )
