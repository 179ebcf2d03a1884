"""Quantities in plain text: each number with its range, unit, kind and what it is counted per (no spaCy)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import cache
from typing import Any

from pourparler.knowledge import KnowledgeError, load_yaml
from pourparler.model import Quantity

_SP = "[ \\t\\u00a0\\u202f\\u2009]"
_NEVER = "(?!)"


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


def _char(char: str) -> str:
    return f"{_SP}+" if char == " " else re.escape(char)


def _trie(words: Sequence[str]) -> str:
    """An alternation of words as a prefix tree, which the regex engine scans much faster than a flat list."""
    tree: dict[str, Any] = {}
    for word in words:
        node = tree
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}
    return _branch(tree) or _NEVER


def _branch(node: dict[str, Any]) -> str:
    alternatives = [_char(char) + _branch(child) for char, child in sorted(node.items()) if char]
    if not alternatives:
        return ""
    optional = "?" if "" in node else ""
    if len(alternatives) == 1 and not optional:
        return alternatives[0]
    return "(?:" + "|".join(alternatives) + ")" + optional


KINDS = _words(
    "count ratio fraction percent money length area volume mass energy power speed temperature multiplier"
)
MASK = "\x00"
_DASHES = "-–—−‐‑"
_MINUS = "−-"
# Words a counted noun never is: reading stops at them ("20 prisoners for every ...", "10 were freed").
_STOP = _words(
    """a an the this that these those of in on at to for from by with without into onto over under between
    among amid amidst across against after before during since until till within through throughout per
    via about around near toward towards upon beyond behind inside outside along off out up down and or
    but nor so yet if than as while whereas because though although when where who whom whose which what
    is are was were be been being am has have had having do does did will would shall should can could
    may might must said says say told according each every apiece respectively more less fewer most
    least also already still now then ago away later earlier only just even too very all both either
    neither not no it its they them their he him his she her we us our you your i me my there here such
    any another again ever never currently initially reportedly allegedly altogether overall including
    excluding plus minus versus vs mostly nearly almost approximately roughly home today yesterday
    tomorrow tonight last next first second whether unless like remain came come went go fled flee die
    live stay face need took made fell rose lost won got saw became left gave held kept met paid sent spent"""
)
# Words before a counted noun that are never its head ("6,000 more soldiers").
_MODIFIERS = frozenset({"more", "additional", "extra", "further", "other", "fewer", "new", "remaining"})
_IRREGULAR_PLURALS = _words(
    """people men women children servicemen servicewomen policemen personnel staff police cattle sheep fish
    deer aircraft livestock clergy youth crew militiamen gunmen tribesmen fishermen"""
)
# Words after "100m" that make it metres rather than a hundred million.
_METRE_AFTER = _words(
    """long wide high deep tall thick away inland offshore north south east west northeast northwest
    southeast southwest apart underground below above beyond further farther inside from of"""
)
_APPROX, _LOWER, _UPPER = "approx", "min", "max"
_HEDGES = {
    "about": _APPROX,
    "around": _APPROX,
    "roughly": _APPROX,
    "approximately": _APPROX,
    "approx.": _APPROX,
    "nearly": _APPROX,
    "almost": _APPROX,
    "some": _APPROX,
    "close to": _APPROX,
    "an estimated": _APPROX,
    "estimated": _APPROX,
    "circa": _APPROX,
    "an average of": _APPROX,
    "more than": _LOWER,
    "over": _LOWER,
    "well over": _LOWER,
    "just over": _LOWER,
    "at least": _LOWER,
    "upwards of": _LOWER,
    "in excess of": _LOWER,
    "above": _LOWER,
    "exceeding": _LOWER,
    "greater than": _LOWER,
    "higher than": _LOWER,
    "no fewer than": _LOWER,
    "no less than": _LOWER,
    "not less than": _LOWER,
    "a minimum of": _LOWER,
    "up to": _UPPER,
    "less than": _UPPER,
    "fewer than": _UPPER,
    "under": _UPPER,
    "just under": _UPPER,
    "well under": _UPPER,
    "below": _UPPER,
    "lower than": _UPPER,
    "at most": _UPPER,
    "as many as": _UPPER,
    "as much as": _UPPER,
    "as high as": _UPPER,
    "no more than": _UPPER,
    "not more than": _UPPER,
    "a maximum of": _UPPER,
}
_SUFFIX_HEDGES = {
    "or more": _LOWER,
    "or above": _LOWER,
    "or higher": _LOWER,
    "or greater": _LOWER,
    "or less": _UPPER,
    "or fewer": _UPPER,
    "or lower": _UPPER,
    "or below": _UPPER,
    "or so": _APPROX,
}
# "a 1,000-strong force": a count whose compound word does not name what is counted.
_UNNAMED = frozenset({"strong"})
_COMPOUND_HEDGES = {"plus": _LOWER, "odd": _APPROX, "some": _APPROX, "something": _APPROX, "ish": _APPROX}

_ONES = {
    w: i
    for i, w in enumerate(("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"))
}
_TEENS = {w: i + 10 for i, w in enumerate(("ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen"))}
_TEENS |= {w: i + 16 for i, w in enumerate(("sixteen", "seventeen", "eighteen", "nineteen"))}
_TENS = {w: (i + 2) * 10 for i, w in enumerate(("twenty", "thirty", "forty", "fifty", "sixty", "seventy"))}
_TENS |= {"eighty": 80, "ninety": 90}
_BIG = {"thousand": 10**3, "million": 10**6, "billion": 10**9, "trillion": 10**12}
_NUMBER_WORDS = [*_ONES, *_TEENS, *_TENS, "hundred", *_BIG, "dozen"]
_SCALE_WORDS = "dozen|hundred|thousand|million|billion|trillion"
_DENOMINATORS = {"half": 2, "third": 3, "quarter": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8}
_DENOMINATORS |= {"ninth": 9, "tenth": 10}
_VAGUE_SCALES = {
    "dozens": 12,
    "scores": 20,
    "tens": 10,
    "hundreds": 100,
    "thousands": 1000,
    "millions": 10**6,
    "billions": 10**9,
    "trillions": 10**12,
}
_FEW = {"several": 3, "a few": 2, "a couple": 2, "a couple of": 2}

_W = "(?:" + "|".join(sorted(_NUMBER_WORDS, key=len, reverse=True)) + r")\b"
_SPELLED = re.compile(
    rf"(?:half{_SP}+a{_SP}+(?=(?:{_SCALE_WORDS})\b)|a{_SP}+(?=(?:{_SCALE_WORDS})\b))?{_W}"
    rf"(?:(?:{_SP}{{1,3}}and{_SP}{{1,3}}a{_SP}{{1,3}}half\b|(?:{_SP}{{1,3}}and{_SP}{{1,3}}|{_SP}{{1,3}}|-){_W})){{0,10}}",
    re.IGNORECASE,
)
_TOKEN = re.compile(r"[a-zA-Z]+")
_VAGUE = re.compile(
    rf"(?:(?P<mult>tens|hundreds|dozens){_SP}+of{_SP}+)?"
    r"(?P<plural>dozens|scores|tens|hundreds|thousands|millions|billions|trillions)\b"
    rf"|(?P<few>several|a{_SP}+few|a{_SP}+couple(?:{_SP}+of)?){_SP}+(?P<scale>{_SCALE_WORDS})\b",
    re.IGNORECASE,
)
_FRACTION = re.compile(
    r"(?:(?P<num>a|one|two|three|four|five|six|seven|eight|nine)(?P<sep>[ \t\u00a0]|-))?"
    r"(?P<den>halves|half|thirds?|quarters?|fifths?|sixths?|sevenths?|eighths?|ninths?|tenths?)\b",
    re.IGNORECASE,
)
_HALF_A = re.compile(rf"half{_SP}+an?{_SP}+(?:{_SCALE_WORDS})\b", re.IGNORECASE)
_NUMBER = re.compile(
    r"\d{1,3}(?:,\d{3}){1,9}(?!\d)"
    r"|\d{1,3}(?:[\u00a0\u202f\u2009 ]\d{3}){1,9}(?!\d)(?![\u00a0\u202f\u2009 ]\d)"
    r"|\d{1,30}(?!\d)"
)
_DECIMAL = re.compile(r"\.\d{1,12}(?!\d)")
_GROUPING = re.compile(r"[,\s\u00a0\u202f\u2009]")
_GLUED_AFTER = re.compile(r"[.,:/]\d|(?:st|nd|rd|th|s)\b|[^\W\d_]", re.IGNORECASE)
_TOKEN_REST = re.compile(r"(?:[\w.,:/%]|[-–—−‐‑](?=\w))*")
_NP_WORD = re.compile(rf"{_SP}{{1,3}}([^\W\d_](?:[^\W\d_]|['’-](?=[^\W\d_])){{0,40}})(?!\w)")
_COMPOUND = re.compile(r"[-‐‑]([^\W\d_](?:[^\W\d_]|['’-](?=[^\W\d_])){0,40})(?!\w)")
_CONNECT = re.compile(
    rf"(?P<dash>{_SP}?[–—−‐‑-]{_SP}?)(?=[\d$€£¥₹₪₽₴₺₦₩])"
    rf"|{_SP}+(?P<word>to|and|or|through){_SP}+",
    re.IGNORECASE,
)
_FOR_NUMBER = re.compile(r"[-‐‑]for[-‐‑]", re.IGNORECASE)
_PER = re.compile(
    rf"{_SP}+(?P<w>for{_SP}+(?:every|each)|in{_SP}+exchange{_SP}+for(?:{_SP}+(?:every|each))?|per|for|in"
    rf"|out{_SP}+of|a|an|each|every){_SP}+",
    re.IGNORECASE,
)
_RATE_ADVERB = re.compile(rf"{_SP}+(?:per{_SP}+annum|[a-z]+ly)\b|{_SP}?/{_SP}?([a-z]+)\b", re.IGNORECASE)
_OF = re.compile(rf"{_SP}+of\b", re.IGNORECASE)
# "four of the captives", "12 of its 40 fighters": a part counted of a whole the text names
_OF_THE = re.compile(rf"{_SP}+of{_SP}+(?:the|those|these|its|their|our|his|her)\b", re.IGNORECASE)
_PLUS = re.compile(r"\+(?![\w+])")
_SUFFIX = re.compile(
    rf"{_SP}+(?P<h>or{_SP}+(?:more|above|higher|greater|less|fewer|lower|below|so))\b", re.IGNORECASE
)
_HEDGE_ALTS = _trie([*_HEDGES, *(h.capitalize() for h in _HEDGES)])
_LEAD = re.compile(
    rf"(?:\b(?P<rng>[bB]etween|[fF]rom){_SP}+)?(?:(?:\b(?P<hedge>{_HEDGE_ALTS})|(?P<tilde>~)){_SP}*)?\Z"
)
_WORD_BEFORE = re.compile(rf"(?:\b(?P<w>[^\W\d_]+)(?P<dot>\.)?{_SP}+|(?P<hash>#){_SP}?)\Z")
_WORD_BEFORE2 = re.compile(rf"(?:\b(?P<w>[^\W\d_]+)[,;:]?{_SP}+)\Z")
_AFTER_HALF = _words("of the its their his her our your a an all this that these those")
_OF_NUMBER = re.compile(rf"{_SP}+of{_SP}+\d", re.IGNORECASE)
_HEDGE_WORDS = frozenset(w for h in _HEDGES for w in h.split())
_PREPOSITIONS = frozenset({"over", "under", "above", "below"})
# After these words "over" means "about" or is part of a phrasal verb, not "more than".
_OVER_VERBS = _words(
    """took take takes taking hand hands handing turn turns turning get got gets win won fight fought argue
    talks talk dispute disputes row rows clash clashes tension tensions control fighting war concern
    concerns debate debates standoff feud spread spreads stretch stretches"""
)
_ADJACENT_WORD = re.compile(rf"\b([^\W\d_]+){_SP}+\Z")
_ABBREVIATED_LABELS = frozenset({"no", "nos", "fig", "vol", "art", "sec", "para", "p", "pp"})
_CHANGE = re.compile(
    r"\b(?:ris|rose|rais|increas|lift|boost|hik|grow|grew|climb|jump|soar|fall|fell|drop|cut|lower|reduc|"
    r"decreas|slash|trim|declin|shrink|shrank|sink|sank|slid|slip|plung|tumbl|mov|chang|adjust|revis|"
    r"extend|expand|narrow|widen|go|went|gone)\w*",
    re.IGNORECASE,
)
_BOUNDARY = re.compile(r"[.!?;]['\"”’)]*\s|\n")

_MONTHS = sorted(
    _words(
        """January February March April May June July August September October November December Jan Feb Mar
        Apr Jun Jul Aug Sep Sept Oct Nov Dec"""
    )
)
_WEEKDAYS = _words("monday tuesday wednesday thursday friday saturday sunday")
_MONTH = "(?:" + _trie(_MONTHS + [m.upper() for m in _MONTHS]) + r")\b\.?"
_DAY = r"\d{1,2}(?:st|nd|rd|th)?"
_YEAR = rf"(?:,?{_SP}{{1,3}}(?:19|20)\d{{2}}(?!\d))?"
# Dates, clock times, year spans and phone numbers are masked before any number is read (the time extractor
# reads them). Each digit-led pattern is tried only where a run of digits starts, which keeps masking cheap.
_MONTH_DATE = re.compile(
    rf"{_MONTH}{_SP}{{1,3}}{_DAY}(?:{_SP}?[-–]{_SP}?{_DAY})?(?![\d\w]){_YEAR}"
    rf"|{_MONTH},?{_SP}{{1,3}}(?:19|20)\d{{2}}(?!\d)"
)
_DIGIT_DATE = re.compile(
    rf"(?<![\d.,:])\b{_DAY}(?:{_SP}?[-–]{_SP}?{_DAY})?{_SP}{{1,3}}(?:of{_SP}+)?{_MONTH}{_YEAR}"
    r"|(?<![\d.,:])\d{4}[-/.]\d{1,2}[-/.]\d{1,2}(?![\d.])"
    r"|(?<![\d.,:])\d{1,2}[./-]\d{1,2}[./-](?:\d{4}|\d{2})(?![\d.])"
    rf"|(?<![\d.,:])(?:19|20)\d{{2}}{_SP}?[-–/]{_SP}?(?:(?:19|20)\d{{2}}|\d{{2}})(?![\d,])"
    r"|(?<![\d.,:])\d{1,2}:\d{2}(?::\d{2})?(?:[ \t]?(?i:[ap]\.?m\b\.?))?(?![\d:])"
    r"|(?<![\d.,:])\b\d{1,2}(?:[.:]\d{2})?[ \t]?(?i:[ap]\.m\.|[ap]m\b)"
    r"|(?<![\d.,:])\b(?:\d{3,4}|\d{1,2}[.:]\d{2})[ \t]?"
    r"(?:GMT|UTC|hrs|HRS|ET|EST|EDT|BST|CET|CEST|IST|PT|PST|PDT)\b"
)
_PHONE = re.compile(
    r"\(\d{1,4}\)[ .\-]?\d{2,4}(?:[ .\-]\d{2,5}){1,5}(?!\w)"
    r"|(?:\+\d{1,3}[ .\-]?)?\d{2,4}(?:[ .\-]\d{2,5}){2,5}(?!\w)"
    r"|\+\d[\d .\-]{6,20}\d(?!\w)"
)
_RUN = re.compile(r"\d+")
_GROUP_SEPARATOR = re.compile(r"[ .\-]")


@dataclass(frozen=True, slots=True)
class Unit:
    """A unit of units.yaml: canonical name, kind, and what it is counted per ("bpd" -> barrel per day)."""

    name: str
    kind: str
    per: str | None = None


@dataclass(frozen=True, slots=True)
class UnitTable:
    """units.yaml, validated and compiled: surface forms to units, scales, durations, rates and labels."""

    after: dict[str, Unit]
    before: dict[str, Unit]
    scales: dict[str, int]
    short: frozenset[str]
    durations: frozenset[str]
    rates: dict[str, str]
    labels: frozenset[str]
    unit_re: re.Pattern[str]
    prefix_re: re.Pattern[str]
    scale_re: re.Pattern[str]
    digit_re: re.Pattern[str]
    word_re: re.Pattern[str]


@dataclass(slots=True)
class _Term:
    """One number as written: its value, any currency, scale or unit attached, and how it was spelled."""

    start: int
    end: int
    value: float
    unit: Unit | None = None
    scaled: bool = False
    spelled: bool = False
    alone: bool = False
    year: bool = False
    vague: bool = False
    plural: bool = False
    fraction: bool = False
    bad: bool = False


@dataclass(slots=True)
class _Draft:
    """A quantity being read, before the ellipsis pass ("while Israel offered 10")."""

    start: int
    end: int
    low: float | None
    high: float | None
    unit: str | None = None
    kind: str = "count"
    per: str | None = None
    approximate: bool = False
    bare: bool = False
    needs_unit: bool = False


def find_quantities(text: str, skip: Sequence[tuple[int, int]] = ()) -> list[Quantity]:
    """Every quantity in text, in order, non-overlapping; spans in `skip` (dates, times) are masked first.

    Bounds: a single number sets `min == max`; a range ("700–1,200", "between 5,000 and 6,000", "from 10 to
    20", "10 to 15 percent") sets both. Hedges set `approximate` and, for bounds, one side only: "more than",
    "over", "at least", "above", "8,000+", "or more" -> `min` only; "up to", "less than", "under", "as many
    as", "or less" -> `max` only; "about", "around", "nearly", "some", "roughly" -> `min == max`. Vague
    amounts are approximate and open above, their floor the scale they name ("dozens" -> 12, "hundreds of" ->
    100, "tens of thousands" -> 10,000), times 3 for "several" and 2 for "a few" ("several hundred" -> 300).

    Units: units.yaml gives canonical names ("metres", "m", "meters" -> "metre"; "$" -> "dollar", "US$" ->
    "USD"). A count's unit is the head noun of what is counted, lower-cased as written ("20 life-sentenced
    prisoners" -> "prisoners"); a compound's is its second word ("five-nation" -> "nation"). `per` is what a
    ratio or rate counts against: the words as written ("for every living Israeli hostage" -> "living Israeli
    hostage"), a number ("one for one" -> per "1"), or a time ("$39 an hour" -> "hour"). A count with a `per`
    is of kind "ratio"; money, percent and measures keep their kind. "Half", "two-thirds" are "fraction"s.

    Not quantities: ordinals ("1,078th", "third"), years standing alone (1900–2099 without a unit), dates,
    clock times, lengths of time ("90 days", "a 30-day truce", left to the time extractor), phone numbers and
    ids ("M23", "F-16", "555-123-4567"), numbers naming things ("Article 5", "grades 4 to 6"), and a spelled
    number with nothing counted ("one source said", "insisted on seven"). A bare number takes the unit and
    `per` of the quantity before it in the same sentence ("20 prisoners for every hostage, while Israel
    offered 10" -> 10 prisoners per hostage).
    """
    if not text:
        return []
    table = units()
    masked = _masked(text, skip)
    drafts: list[_Draft] = []
    pos = 0
    candidates = [*table.digit_re.finditer(masked), *table.word_re.finditer(masked)]
    for match in sorted(candidates, key=_start):
        if match.start() < pos:
            continue
        found, end = _read(masked, match.start(), table, pos)
        drafts.extend(found)
        pos = max(end, match.end())
    blocked = _spans(text, skip)
    return [
        Quantity(
            start=d.start,
            end=d.end,
            text=text[d.start : d.end],
            min=d.low,
            max=d.high,
            unit=d.unit,
            kind=d.kind,
            per=d.per,
            approximate=d.approximate,
        )
        for d in _inherit(masked, drafts)
        if not any(a < d.end and d.start < b for a, b in blocked)
    ]


def _start(match: re.Match[str]) -> int:
    return match.start()


# --- knowledge -------------------------------------------------------------


@cache
def units() -> UnitTable:
    """units.yaml, loaded once and validated (KnowledgeError names the file and the entry when malformed)."""
    data = load_yaml("units.yaml")
    if not isinstance(data, dict):
        raise KnowledgeError("units.yaml: expected a mapping with units, scales, durations, rates and labels")
    after, before = _unit_forms(data)
    scales, short = _scales(data)
    digit_re, word_re = _candidates(before)
    return UnitTable(
        after=after,
        before=before,
        scales=scales,
        short=short,
        durations=frozenset(_key(w) for w in _strings(data, "durations", "units.yaml durations")),
        rates=_rates(data),
        labels=frozenset(_key(w) for w in _strings(data, "labels", "units.yaml labels")),
        unit_re=re.compile(rf"(?P<sp>{_SP}?)(?P<f>{_alternation(after)})(?!\w)", re.IGNORECASE),
        prefix_re=re.compile(rf"(?<![\w$])(?P<p>{_alternation(before)}){_SP}?(?=\d)"),
        scale_re=re.compile(rf"(?P<sp>{_SP}?)(?P<f>{_alternation(scales)})(?!\w)", re.IGNORECASE),
        digit_re=digit_re,
        word_re=word_re,
    )


def _unit_forms(data: dict[str, Any]) -> tuple[dict[str, Unit], dict[str, Unit]]:
    """Surface forms written after a number and prefixes written before it, each to its unit."""
    after: dict[str, Unit] = {}
    before: dict[str, Unit] = {}
    for i, entry in enumerate(_list(data, "units")):
        where = f"units.yaml unit {i + 1}"
        unit = _unit(entry, where)
        where = f"{where} ({unit.name})"
        forms, prefixes = _strings(entry, "forms", where), _strings(entry, "prefixes", where)
        if not forms and not prefixes:
            raise KnowledgeError(f"{where}: needs forms or prefixes")
        for form in forms:
            _add(after, _key(form), unit, where)
        for form in prefixes:
            _add(before, form, unit, where)
    return after, before


def _unit(entry: Any, where: str) -> Unit:
    if not isinstance(entry, dict) or not isinstance(entry.get("name"), str) or not entry["name"]:
        raise KnowledgeError(f"{where}: needs a name")
    kind = entry.get("kind")
    if not isinstance(kind, str) or kind not in KINDS:
        raise KnowledgeError(f"{where} ({entry['name']}): kind must be one of {', '.join(sorted(KINDS))}")
    per = entry.get("per")
    if per is not None and not isinstance(per, str):
        raise KnowledgeError(f"{where} ({entry['name']}): per must be a word")
    return Unit(name=entry["name"], kind=kind, per=per)


def _scales(data: dict[str, Any]) -> tuple[dict[str, int], frozenset[str]]:
    """Scale words to their value, and the short forms that may be written onto the digits ("3m")."""
    scales: dict[str, int] = {}
    short: set[str] = set()
    for i, entry in enumerate(_list(data, "scales")):
        where = f"units.yaml scale {i + 1}"
        if not isinstance(entry, dict) or not isinstance(entry.get("name"), str):
            raise KnowledgeError(f"{where}: needs a name")
        where = f"{where} ({entry['name']})"
        value = entry.get("value")
        if not isinstance(value, int) or isinstance(value, bool) or value <= 0:
            raise KnowledgeError(f"{where}: value must be a positive whole number")
        for form in _strings(entry, "forms", where):
            scales[_key(form)] = value
        for form in _strings(entry, "short", where):
            scales[_key(form)] = value
            short.add(_key(form))
    return scales, frozenset(short)


def _rates(data: dict[str, Any]) -> dict[str, str]:
    """Words that say per what time a quantity counts ("hourly", "annum") to that time."""
    found = data.get("rates")
    if not isinstance(found, dict):
        raise KnowledgeError("units.yaml rates: expected a mapping of name to words")
    rates: dict[str, str] = {}
    for name, words in found.items():
        for word in _strings({"words": words}, "words", f"units.yaml rates.{name}"):
            rates[_key(word)] = str(name)
    return rates


def _list(data: dict[str, Any], key: str) -> list[Any]:
    value = data.get(key)
    if not isinstance(value, list):
        raise KnowledgeError(f"units.yaml {key}: expected a list")
    return value


def _strings(entry: dict[str, Any], key: str, where: str) -> list[str]:
    value = entry.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise KnowledgeError(f"{where}: {key} must be a list of non-empty strings")
    return value


def _add(index: dict[str, Unit], form: str, unit: Unit, where: str) -> None:
    if index.get(form, unit) != unit:
        raise KnowledgeError(f"{where}: form {form!r} already belongs to {index[form].name}")
    index[form] = unit


def _key(form: str) -> str:
    return " ".join(form.split()).lower()


def _alternation(forms: dict[str, Any]) -> str:
    ordered = sorted(forms, key=len, reverse=True)
    return "|".join(re.escape(f).replace(r"\ ", f"{_SP}+") for f in ordered) or _NEVER


def _candidates(prefixes: dict[str, Unit]) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """Where a quantity can start: a digit or currency sign; a number word or a currency code."""
    symbols = "".join(sorted({p[0] for p in prefixes if not p[0].isalpha()}))
    letters = [p for p in prefixes if p[0].isalpha()]
    words = [*_NUMBER_WORDS, "half", "several", *_VAGUE_SCALES]
    spellings = [*words, *(w.capitalize() for w in words), *(w.upper() for w in words)]
    after_a = f"{_SCALE_WORDS}|few|couple|half|" + "|".join(_DENOMINATORS)
    return (
        re.compile(rf"\d+|[{re.escape(symbols)}]"),
        re.compile(rf"\b(?:{_trie(spellings)})\b|\b(?:{_trie(letters)})|\b[aA](?={_SP}+(?:{after_a})\b)"),
    )


# --- masking ---------------------------------------------------------------


def _spans(text: str, skip: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    spans = []
    for span in skip:
        start, end = max(0, int(span[0])), min(len(text), int(span[1]))
        if start < end:
            spans.append((start, end))
    return spans


def _masked(text: str, skip: Sequence[tuple[int, int]]) -> str:
    """The text with skipped spans, dates, clock times and phone numbers blanked out, offsets kept."""
    spans = _spans(text, skip)
    spans += [m.span() for m in _MONTH_DATE.finditer(text) if not _glued_before(text, m.start())]
    masked_to = 0
    for run in _RUN.finditer(text):
        if run.start() < masked_to:
            continue
        found = _DIGIT_DATE.match(text, run.start()) or _phone(text, run.start())
        if found:
            spans.append(found.span())
            masked_to = found.end()
    if not spans:
        return text
    parts: list[str] = []
    pos = 0
    for start, end in sorted(spans):
        if end <= pos:
            continue
        start = max(start, pos)
        parts += [text[pos:start], MASK * (end - start)]
        pos = end
    parts.append(text[pos:])
    return "".join(parts)


def _phone(text: str, pos: int) -> re.Match[str] | None:
    """A phone number or id-like run of digit groups starting at pos (or at a "+" or "(" just before it)."""
    if pos and text[pos - 1] in "+(":
        pos -= 1
    elif pos and (text[pos - 1].isalnum() or text[pos - 1] in "_+"):
        return None
    match = _PHONE.match(text, pos)
    return match if match and _phone_like(match[0]) else None


def _phone_like(blob: str) -> bool:
    """Digit groups that are not one number grouped in thousands ("150 000 000" is a number)."""
    if blob[0] in "+(":
        return True
    groups = _GROUP_SEPARATOR.split(blob)
    separators = set(_GROUP_SEPARATOR.findall(blob))
    return not (separators == {" "} and len(groups[0]) <= 3 and all(len(g) == 3 for g in groups[1:]))


# --- reading ---------------------------------------------------------------


def _read(s: str, pos: int, table: UnitTable, floor: int) -> tuple[list[_Draft], int]:
    """The quantity starting at pos (with any hedge before it), and where reading may resume."""
    first = _term(s, pos, table)
    if first is None:
        rest = _TOKEN_REST.match(s, pos)
        return [], max(rest.end() if rest else pos, pos + 1)
    if first.bad:
        return [], first.end
    lead = _lead(s, first.start, floor)
    if lead.bound is None and _labelled(s, first, table):
        return [], _skip_label(s, first, table)
    if first.year and first.unit is None:
        return [], first.end
    draft = _Draft(lead.start, first.end, first.value, None if first.vague else first.value)
    draft.approximate = lead.bound is not None or first.vague
    second, end = _second(s, first, lead.rng, table, floor)
    if second is False:
        return [], end
    if isinstance(second, _Term):
        draft.low, draft.high = _range_values(first, second)
        draft.end = second.end
        draft.start = min(draft.start, lead.rng_start)
        return _finish(s, draft, first, first.unit or second.unit, lead.bound, table, ranged=True)
    compound = _compound(s, first, table)
    if compound and compound.duration:
        return [], compound.end
    return _finish(s, draft, first, first.unit, lead.bound, table, compound=compound)


@dataclass(frozen=True, slots=True)
class _Lead:
    """What stands before a number: a hedge ("more than", "~") and the opening of a range ("between")."""

    start: int
    bound: str | None
    rng: str | None
    rng_start: int


@dataclass(frozen=True, slots=True)
class _Compound:
    """A number hyphenated to a word: "five-nation" (head), "5-km" (unit), "1,000-for-1,000" (per)."""

    end: int
    unit: Unit | None = None
    head: str | None = None
    per: str | None = None
    bound: str | None = None
    duration: bool = False


def _lead(s: str, start: int, floor: int) -> _Lead:
    match = _LEAD.search(s, max(floor, start - 40), start)
    if match is None:
        return _Lead(start, None, None, start)
    rng = match["rng"].lower() if match["rng"] else None
    rng_start = match.start("rng") if rng else start
    if match["tilde"]:
        return _Lead(match.start("tilde"), _APPROX, rng, rng_start)
    hedge = match["hedge"]
    if hedge is None or (_key(hedge) in _PREPOSITIONS and _phrasal(s, match.start("hedge"))):
        return _Lead(start, None, rng, rng_start)
    return _Lead(match.start("hedge"), _HEDGES[_key(hedge)], rng, rng_start)


def _phrasal(s: str, pos: int) -> bool:
    """ "taken over 5 km", "dispute over 20 villages": here "over" is not "more than"."""
    match = _ADJACENT_WORD.search(s, max(0, pos - 30), pos)
    word = match[1].lower() if match else ""
    return word.endswith(("ed", "en")) or word in _OVER_VERBS


def _finish(
    s: str,
    draft: _Draft,
    first: _Term,
    unit: Unit | None,
    bound: str | None,
    table: UnitTable,
    compound: _Compound | None = None,
    ranged: bool = False,
) -> tuple[list[_Draft], int]:
    """Unit or counted noun, hedges after, `per`, kind and bounds of a quantity whose number is read."""
    head = per = None
    suffix = None
    if compound:
        draft.end = compound.end
        unit, head, per, suffix = unit or compound.unit, compound.head, compound.per, compound.bound
    if compound is None or compound.bound:
        suffix = suffix or _suffix(s, draft)
        if unit is None and not first.fraction:
            noun, draft.end = _counted(s, draft.end, first.plural, table)
            if isinstance(noun, Unit):
                unit = noun
            else:
                head = noun
            suffix = suffix or _suffix(s, draft)
    if head and _key(head).strip("'’") in table.durations:
        return [], draft.end
    if per is None and not first.fraction:
        per = _per(s, draft, table, after_noun=head is not None)
    if first.alone and not (unit or per or ranged or first.scaled):
        return [], first.end
    _bound(draft, bound or suffix)
    draft.approximate = draft.approximate or suffix is not None
    if first.fraction:
        draft.kind = "fraction"
    elif unit:
        draft.unit, draft.kind, draft.per = unit.name, unit.kind, unit.per
    elif head and head not in _UNNAMED:
        draft.unit = _key(head).strip("'’")
    draft.per = draft.per or per
    if draft.kind == "count" and draft.per:
        draft.kind = "ratio"
    draft.bare = draft.unit is None and draft.kind == "count" and not first.vague and head is None
    draft.needs_unit = draft.bare and first.spelled
    return [draft], draft.end


def _bound(draft: _Draft, bound: str | None) -> None:
    if bound is None or draft.low != draft.high:
        return
    if bound == _LOWER:
        draft.high = None
    elif bound == _UPPER:
        draft.low = None


def _term(s: str, pos: int, table: UnitTable, vague: bool = True) -> _Term | None:
    """The number written at pos: digits (with currency, scale, unit), words, a fraction or a vague amount.

    `vague=False` reads the second number of a range or ratio, which may follow a dash ("700–1,200").
    """
    if pos >= len(s):
        return None
    char = s[pos]
    if char.isdecimal() or not char.isalpha() or table.prefix_re.match(s, pos):
        return _digits(s, pos, table, joined=not vague)
    if vague:
        found = _vague(s, pos)
        if found:
            return found
        found = _fraction(s, pos)
        if found:
            return found
    return _spelled(s, pos, table)


def _digits(s: str, pos: int, table: UnitTable, joined: bool = False) -> _Term | None:
    """Digits with any currency before and scale or unit after; a bad term for ids, ordinals and the like."""
    start = pos
    unit = None
    prefix = table.prefix_re.match(s, pos)
    if prefix:
        unit = table.before[prefix["p"]]
        pos = prefix.end()
    elif not s[pos].isdecimal():
        return None
    elif not joined and _glued_before(s, pos):
        return _bad(s, pos)
    elif not joined and pos >= 1 and s[pos - 1] in _MINUS and (pos == 1 or s[pos - 2] in " \t\n(\u00a0"):
        start = pos - 1
    number = _NUMBER.match(s, pos)
    if not number:
        return _bad(s, start)
    end = number.end()
    decimal = _DECIMAL.match(s, end)
    if decimal:
        end = decimal.end()
    written = s[pos:end]
    if re.match(r"\([a-z]\)", s[end : end + 3]):
        return _bad(s, start)  # "401(k)", "section 2(b)": a name, not a number
    plain = number[0].isdecimal()
    if plain and (len(written) > 9 or (written[0] == "0" and len(written) > 1 and not decimal)):
        return _bad(s, start)
    value = _decimal(_GROUPING.sub("", written))
    if value is None or (s[pos - 1 : pos] == "." and not prefix):
        return _bad(s, start)
    if start < pos and not prefix:
        value = -value
    term = _Term(start, end, float(value), unit=unit)
    term.year = plain and not decimal and len(written) == 4 and 1900 <= value <= 2099 and not prefix
    if not _scale_and_unit(s, term, value, table):
        return _bad(s, start)
    return term


def _scale_and_unit(s: str, term: _Term, value: Decimal, table: UnitTable) -> bool:
    """Reads "billion", "bn", "km", "%" after the digits; False when letters glued on make it an id."""
    scale = table.scale_re.match(s, term.end)
    if scale and _is_scale(s, scale, term, table):
        term.value = float(value * table.scales[_key(scale["f"])])
        term.end = scale.end()
        term.scaled = True
        term.year = False
    if term.unit is None:
        unit = table.unit_re.match(s, term.end)
        if unit and unit["f"] != "M":
            term.unit = table.after[_key(unit["f"])]
            term.end = unit.end()
            term.year = False
    return not _GLUED_AFTER.match(s, term.end)


def _is_scale(s: str, scale: re.Match[str], term: _Term, table: UnitTable) -> bool:
    """Whether a scale form after the digits is one: "m" is million before a counted noun ("3m people")."""
    form = scale["f"]
    key = form.lower()
    money = term.unit is not None and term.unit.kind == "money"
    if key not in table.short:
        return True
    if scale["sp"] and key not in ("bn", "mn", "tn", "trn"):
        return money
    if key == "b" or form == "M":
        return money
    if key != "m" or money or table.unit_re.match(s, scale.end()):
        return True
    after = _NP_WORD.match(s, scale.end())
    word = after[1].lower() if after else ""
    return bool(word) and word not in _STOP and word not in _METRE_AFTER


def _decimal(digits: str) -> Decimal | None:
    try:
        return Decimal(digits)
    except InvalidOperation:
        return None


def _glued_before(s: str, pos: int) -> bool:
    """Digits stuck to a word, a decimal point, a slash or a hyphenated id ("M23", "F-16", "#4", "+44")."""
    if pos == 0:
        return False
    before = s[pos - 1]
    if before.isalnum() or before in "_.,:/#+" + MASK:
        return True
    return before in _DASHES and pos >= 2 and (s[pos - 2].isalnum() or s[pos - 2] == MASK)


def _bad(s: str, pos: int) -> _Term:
    rest = _TOKEN_REST.match(s, pos)
    end = rest.end() if rest else pos
    return _Term(pos, max(end, pos + 1), 0.0, bad=True)


def _spelled(s: str, pos: int, table: UnitTable) -> _Term | None:
    """A number in words ("twenty-five", "two thousand", "a dozen", "two and a half million")."""
    match = _SPELLED.match(s, pos)
    if not match:
        return None
    total, current, last, end, count = 0.0, 0.0, "", pos, 0
    largest = float("inf")
    for token in _TOKEN.finditer(s, pos, match.end()):
        word = token[0].lower()
        step = _spelled_step(word, last, current)
        if step is None:
            break
        current, last = step
        if word in _BIG:
            if _BIG[word] >= largest:
                break
            largest = _BIG[word]
            total += (current or 1) * _BIG[word]
            current = 0.0
        if last not in ("a", "and", "and-", "a-") and not (word == "half" and count == 0):
            end, count = token.end(), count + 1
    if count == 0:
        return None
    value = total + current
    words = s[pos:end].lower().split()
    term = _Term(pos, end, value, spelled=True, alone=words in (["one"], ["zero"]))
    term.scaled = value >= 1000 or any(w in _BIG for w in words)
    unit = table.unit_re.match(s, end)
    if unit and unit["f"].lower() not in ("m", "b"):
        term.unit = table.after[_key(unit["f"])]
        term.end = unit.end()
    return term


def _spelled_step(word: str, last: str, current: float) -> tuple[float, str] | None:
    """The running value and category after one more number word, or None where the number ends."""
    after_scale = last in ("hundred", "big", "and")
    if last in ("and-", "a-") and word not in ("a", "half"):
        return None
    if word in _ONES:
        return (current + _ONES[word], "ones") if last in ("", "tens") or after_scale else None
    if word in _TEENS:
        return (current + _TEENS[word], "teens") if last == "" or after_scale else None
    if word in _TENS:
        return (current + _TENS[word], "tens") if last == "" or after_scale else None
    if word == "hundred":
        return ((current or 1) * 100, "hundred") if last in ("ones", "teens", "tens", "a") else None
    if word in _BIG:
        ok = last in ("ones", "teens", "tens", "hundred", "a", "half", "dozen")
        return (current, "big") if ok else None
    if word == "dozen":
        return ((current or 1) * 12, "dozen") if last in ("ones", "teens", "tens", "a", "half") else None
    if word == "and":
        return (current, "and") if last in ("hundred", "big") else (current, "and-") if current else None
    if word == "a":
        if last == "and-":
            return current, "a-"
        return (1.0 if last == "" else current, "a") if last in ("", "half") else None
    if word == "half":
        if last == "":
            return 0.5, "half"
        return (current + 0.5, "half") if last == "a-" else None
    return None


def _vague(s: str, pos: int) -> _Term | None:
    match = _VAGUE.match(s, pos)
    if not match:
        return None
    if match["plural"]:
        plural = match["plural"].lower()
        if plural in ("tens", "scores") and not _OF.match(s, match.end()):
            return None
        value = _VAGUE_SCALES[plural] * (_VAGUE_SCALES[match["mult"].lower()] if match["mult"] else 1)
    else:
        scale = match["scale"].lower()
        value = _FEW[_key(match["few"])] * (12 if scale == "dozen" else 100 if scale == "hundred" else 1)
        value *= _BIG.get(scale, 1)
    return _Term(pos, match.end(), float(value), vague=True, scaled=True, plural=bool(match["plural"]))


def _fraction(s: str, pos: int) -> _Term | None:
    """ "half of", "a third of", "two-thirds", "one-fifth"; an ordinal ("a third round") is not one."""
    match = _FRACTION.match(s, pos)
    if not match:
        return None
    if _HALF_A.match(s, pos):
        return None
    den_word = match["den"].lower()
    plural = den_word.endswith("s") and den_word != "halves"
    den = _DENOMINATORS["half" if den_word.startswith("hal") else den_word.rstrip("s")]
    num_word = (match["num"] or "").lower()
    num = 1 if num_word in ("", "a", "one") else _ONES[num_word]
    follows = _NP_WORD.match(s, match.end())
    next_word = follows[1].lower() if follows else ""
    if num_word == "" and den != 2:
        return None
    if plural != (num > 1) and den != 2:
        return None
    if den == 2 and num_word in ("", "a") and next_word not in _AFTER_HALF:
        return None
    if match["sep"] != "-" and den != 2 and next_word != "of":
        return None
    if _previous_word(s, pos) in ("first", "second", "last", "latter", "former", "other", "top", "bottom"):
        return None
    return _Term(pos, match.end(), num / den, fraction=True)


def _previous_word(s: str, pos: int) -> str:
    match = _WORD_BEFORE2.search(s, max(0, pos - 20), pos)
    return match["w"].lower() if match else ""


def _second(
    s: str, first: _Term, rng: str | None, table: UnitTable, floor: int
) -> tuple[_Term | bool | None, int]:
    """The other end of a range after `first`; False when the pair is a score or an id, not a quantity."""
    if first.vague or first.fraction:
        return None, first.end
    connect = _CONNECT.match(s, first.end)
    if not connect:
        return None, first.end
    word = (connect["word"] or "").lower()
    if word == "and" and rng != "between":
        return None, first.end
    second = _term(s, connect.end(), table, vague=False)
    dash = bool(connect["dash"])
    if second is None or second.bad or second.fraction:
        return (False if dash else None), (second.end if second and dash else first.end)
    chained = _CONNECT.match(s, second.end)
    if dash and chained and chained["dash"]:
        return False, _bad(s, second.end).end
    if first.year or second.year:
        return (False, second.end) if dash or rng else (None, first.end)
    low, high = _range_values(first, second)
    units_differ = first.unit and second.unit and first.unit.name != second.unit.name
    if low is None or high is None or low >= high or units_differ:
        return (False, second.end) if dash else (None, first.end)
    if word == "to" and rng == "from" and _changing(s, first.start, floor):
        if first.unit is None and second.unit is not None:
            first.unit = second.unit
        return None, first.end
    return second, second.end


def _range_values(first: _Term, second: _Term) -> tuple[float | None, float | None]:
    low, high = first.value, second.value
    if second.scaled and not first.scaled and low < _unscaled(second):
        factor = second.value / _unscaled(second)
        low = low * factor
    return low, high


def _unscaled(term: _Term) -> float:
    value = term.value
    for scale in (10**12, 10**9, 10**7, 10**6, 10**5, 10**3, 100):
        if value >= scale and value % scale == 0 and value / scale < 1000:
            return value / scale
    return value


def _changing(s: str, start: int, floor: int) -> bool:
    """Whether the clause before "from X to Y" says something changes ("cut tariffs from 145% to 30%")."""
    window = s[max(floor, start - 70) : start]
    cut = [m.end() for m in _BOUNDARY.finditer(window)]
    return bool(_CHANGE.search(window[cut[-1] if cut else 0 :]))


def _compound(s: str, first: _Term, table: UnitTable) -> _Compound | None:
    """ "1,000-for-1,000", "five-nation", "5-km", "30-plus", "1,000-strong", or a duration ("30-day")."""
    if first.unit or first.vague or first.fraction:
        return None
    pair = _FOR_NUMBER.match(s, first.end)
    if pair:
        other = _term(s, pair.end(), table, vague=False)
        if other and not other.bad and not other.fraction and not other.unit:
            return _Compound(other.end, per=_number(other.value))
    match = _COMPOUND.match(s, first.end)
    if not match:
        return None
    word = _key(match[1])
    if word in table.durations or word.split("-")[0] in table.durations:
        return _Compound(match.end(), duration=True)
    if word in table.after:
        return _Compound(match.end(), unit=table.after[word])
    if word in _COMPOUND_HEDGES:
        return _Compound(match.end(), bound=_COMPOUND_HEDGES[word])
    return _Compound(match.end(), head=word)


def _counted(s: str, pos: int, plural: bool, table: UnitTable) -> tuple[str | Unit | None, int]:
    """What is counted after pos: a unit ("of dollars") or the head noun of a short noun phrase."""
    start = pos
    if plural:
        of = _OF.match(s, pos)
        if not of:
            return None, pos
        unit = table.unit_re.match(s, of.end())
        if unit and table.after[_key(unit["f"])].kind == "money" and unit["sp"]:
            return table.after[_key(unit["f"])], unit.end()
        pos = of.end()
    words, end = _noun_phrase(s, pos)
    if not words and not plural and (part := _OF_THE.match(s, pos)):
        words, end = _noun_phrase(s, part.end())
    if not words:
        return None, start
    return words[-1], end


def _noun_phrase(s: str, pos: int) -> tuple[list[str], int]:
    """Up to four words of a noun phrase from pos, stopping at function words, verbs and after a plural."""
    words: list[str] = []
    ends: list[int] = []
    while len(words) < 4:
        match = _NP_WORD.match(s, pos)
        if not match:
            break
        word = match[1]
        lower = word.lower()
        if lower in _MODIFIERS and not words and _NP_WORD.match(s, match.end()):
            following = _NP_WORD.match(s, match.end())
            if following and following[1].lower() not in _STOP:
                pos = match.end()
                continue
        if lower in _STOP:
            break
        if words and _verbish(lower):
            break
        words.append(word)
        ends.append(match.end())
        pos = match.end()
        if _ends_phrase(s, word, pos):
            break
    while words and (_verbish(words[-1].lower()) or words[-1].lower() in _MODIFIERS):
        words.pop()
        ends.pop()
    if not words:
        return [], pos
    return words, ends[-1]


def _verbish(word: str) -> bool:
    return (len(word) > 4 and word.endswith(("ed", "ing"))) or (len(word) > 5 and word.endswith("ly"))


def _ends_phrase(s: str, word: str, pos: int) -> bool:
    """A plural ends a counted noun phrase; a capitalised one only before no plural ("Hamas fighters")."""
    if not _plural(word.lower().rstrip("'’")):
        return False
    if not word[0].isupper():
        return True
    following = _NP_WORD.match(s, pos)
    if following is None:
        return True
    nxt = following[1]
    return not (nxt[0].islower() and _plural(nxt.lower()))


def _plural(word: str) -> bool:
    if word in _IRREGULAR_PLURALS:
        return True
    return len(word) > 2 and word.endswith("s") and not word.endswith(("ss", "us", "is"))


def _suffix(s: str, draft: _Draft) -> str | None:
    """ "8,000+", "15% or less", "an hour or so": a hedge written after the number."""
    plus = _PLUS.match(s, draft.end)
    if plus:
        draft.end = plus.end()
        return _LOWER
    match = _SUFFIX.match(s, draft.end)
    if match:
        draft.end = match.end()
        return _SUFFIX_HEDGES[_key(match["h"])]
    return None


def _per(s: str, draft: _Draft, table: UnitTable, after_noun: bool) -> str | None:
    """What the quantity is counted per: "for every living hostage", "per class", "for one", "an hour"."""
    adverb = _RATE_ADVERB.match(s, draft.end)
    if adverb:
        word = _key(adverb[1] or adverb[0]).split()[-1]
        if word in table.rates:
            draft.end = adverb.end()
            return table.rates[word]
    match = _PER.match(s, draft.end)
    if not match:
        return None
    connective = _key(match["w"])
    if connective in ("a", "an", "each", "every", "per"):
        rate = _NP_WORD.match(s, match.end() - 1)
        if rate and _key(rate[1]) in table.rates:
            draft.end = rate.end()
            return table.rates[_key(rate[1])]
        if connective != "per":
            return None
    if connective not in ("for", "in", "out of"):
        words, end = _noun_phrase(s, match.end() - 1)
        if words and _key(words[-1]) not in table.durations:
            draft.end = end
            return " ".join(words)
    elif after_noun and connective != "for":
        return None
    return _per_number(s, draft, match.end(), connective, table)


def _per_number(s: str, draft: _Draft, pos: int, connective: str, table: UnitTable) -> str | None:
    """ "one for one", "one in three", "three out of five": the number a ratio is counted against."""
    other = _term(s, pos, table, vague=False)
    if other is None or other.bad or other.fraction or other.year or other.unit:
        return None
    if connective in ("in", "out of") and not (draft.low is not None and draft.low < other.value):
        return None
    words, _ = _noun_phrase(s, other.end)
    if words and _key(words[-1]) in table.durations:
        return None
    draft.end = other.end
    return _number(other.value)


def _number(value: float) -> str:
    return str(int(value)) if value.is_integer() and abs(value) < 1e15 else repr(value)


def _labelled(s: str, first: _Term, table: UnitTable) -> bool:
    """Whether the word before a number makes it a name ("Article 5", "grades 4 to 6", "Image 1 of 2")."""
    match = _WORD_BEFORE.search(s, max(0, first.start - 30), first.start)
    if not match:
        return False
    if match["hash"]:
        return True
    word = match["w"]
    lower = word.lower()
    if match["dot"]:
        return lower in _ABBREVIATED_LABELS
    if lower in table.labels:
        return True
    if word.islower() or lower in _STOP or lower in _WEEKDAYS or lower in table.after:
        return False
    if lower in _HEDGE_WORDS or lower in _ONES or lower in _TEENS or lower in _TENS:
        return False
    if any(c.isupper() for c in word[1:]) or _OF_NUMBER.match(s, first.end):
        return True
    before = _WORD_BEFORE2.search(s, max(0, match.start() - 30), match.start())
    return bool(before and before["w"][0].islower())


def _skip_label(s: str, first: _Term, table: UnitTable) -> int:
    """The end of a labelled number with its range or total ("grades 4 to 6", "list 1 of 3")."""
    second, end = _second(s, first, "between", table, first.start)
    end = second.end if isinstance(second, _Term) else max(end, first.end)
    total = _OF_NUMBER.match(s, end)
    if total:
        other = _term(s, total.end() - 1, table, vague=False)
        if other and not other.bad:
            end = other.end
    return end


def _inherit(s: str, drafts: list[_Draft]) -> list[_Draft]:
    """A bare number takes the unit, kind and `per` of the quantity before it in the same sentence."""
    kept: list[_Draft] = []
    for draft in drafts:
        previous = kept[-1] if kept else None
        if (
            draft.bare
            and previous is not None
            and previous.unit is not None
            and previous.kind != "fraction"
            and draft.start - previous.end <= 150
            and not _BOUNDARY.search(s, previous.end, draft.start)
        ):
            draft.unit, draft.kind, draft.per = previous.unit, previous.kind, previous.per
            draft.needs_unit = False
        if draft.needs_unit:
            continue
        kept.append(draft)
    return kept
