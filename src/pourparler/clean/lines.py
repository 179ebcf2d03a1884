"""Line-level cleaning of pasted web text: which lines are article, which are page furniture, and why."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import cache

from pourparler.knowledge import BoilerplateRule, boilerplate_rules, function_words, known_outlet
from pourparler.model import Removal

SENTENCE_END = (".", "!", "?")
# What may close a line of prose: a sentence end, a closing quote or bracket, or a colon before a quote.
TERMINAL = (*SENTENCE_END, '"', "”", "’", "'", ")", "»", "…", ":")
INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"), None)

# A name in a byline: capitalised words, with the particles names carry.
_NAME_WORD = r"(?:[A-Z][\w'’.-]*|al|el|bin|ibn|de|da|di|du|van|von|der|den|la|le|dos|das|del)"
_NAME = rf"[A-Z][\w'’.-]*(?:\s+{_NAME_WORD}){{0,4}}"
_DESK = r"(?i:correspondent|editor|reporter|writer|journalist)"
_BYLINE = re.compile(
    rf"(?i:by|written\s+by|words\s+by|text\s+by|story\s+by|authors?:?)\s+"
    rf"(?:(?i:[a-z]+\s+){{0,3}}?{_DESK}\s+)?"  # "By state political reporter Liam Cordell"
    rf"(?P<names>{_NAME}(?:\s*(?:,|and|&|with)\s*{_NAME})*)"
    r"(?P<rest>\s*(?:[,|–—-]|\bfor\b|\bin\b)\s*[^.!?]{0,80})?",
)
_NOT_A_NAME = re.compile(
    r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|january|february|march|april|may|june"
    r"|july|august|september|october|november|december|the|this|then|now|today|tomorrow|yesterday)\b",
    re.IGNORECASE,
)
# "Miriam Oyelaran in Baku": the name alone, with its beat, or with where it was filed from
_NAME_LINE = re.compile(
    rf"(?P<name>[A-Z][\w'’-]+(?:\s+{_NAME_WORD}){{1,3}})"
    rf"(?:\s*[·|,–—-]\s*[\w .'’-]{{2,40}}|\s+in\s+[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){{0,2}})?"
)
# "Rachel Hart Education correspondent": a name run into its desk, with no separator
_NAME_AND_DESK = re.compile(rf"(?P<name>[A-Z][\w'’-]+\s+{_NAME_WORD})\s+(?:[\w-]+\s+){{0,3}}?{_DESK}")
_BEAT = re.compile(
    r"\b(correspondent|editor|reporter|writer|journalist|columnist|staff|bureau\s+chief|contributor)\b|@\w+",
    re.IGNORECASE,
)
# Words of page furniture that a name-shaped line may hold: "Plus Icon", "Copy URL", "WhatsApp Channel"
_FURNITURE = re.compile(
    r"\b(news|icon|count|channel|url|link|copy|subscribers?|homepage|edition|desk|team|staff|media|global)\b",
    re.IGNORECASE,
)
_BIO = re.compile(r"\s+(?:is|was|has\s+been|covers|reports|writes)\b")
_CREDITS = re.compile(
    r"\(?\s*(?:(?:additional\s+)?reporting|writing|editing|compiled|produced)\s+by\s+[^()]{2,300}\)?",
    re.IGNORECASE,
)
_CREDIT_NAMES = re.compile(r"(?:^|[(;]\s*)(?:reporting|writing)\s+by\s+([^;()]+)", re.IGNORECASE)


@dataclass(slots=True)
class CleanedText:
    """The article lines of a page, the title block, and what was removed."""

    paragraphs: list[str]
    removed: list[Removal]
    title: str | None = None
    subtitle: str | None = None
    byline: list[str] = field(default_factory=list)


def normalise_line(line: str) -> str:
    line = unicodedata.normalize("NFC", line).translate(INVISIBLE)
    return re.sub(r"[ \t\u00a0\u2007\u202f]+", " ", line).strip()


def word_count(line: str) -> int:
    return len(line.split())


def clean_lines(text: str, *, title: str | None = None) -> CleanedText:
    """Split pasted text into article paragraphs and recorded removals.

    `title`, when the source's metadata already gives one, is not looked for
    again and a line repeating it is dropped.
    """
    lines = [n for n in (normalise_line(raw) for raw in text.splitlines()) if n]
    kinds = _classify(lines)
    byline: list[str] = []
    for i, kind in enumerate(kinds):
        if kind == "byline":
            byline.extend(n for n in byline_names(lines[i]) if n not in byline)

    _mark_author_lines(lines, kinds, byline)
    found_title, subtitle = title, None
    kept = [i for i, k in enumerate(kinds) if k is None]
    while (
        len(kept) > 1
        and word_count(lines[kept[0]]) <= 3
        and not lines[kept[0]].endswith(SENTENCE_END)
        and _looks_like_heading(lines[kept[1]], max_words=60)
    ):
        kinds[kept[0]] = "navigation"
        kept = kept[1:]
    if title is not None:
        if kept and _same_text(lines[kept[0]], title):
            kinds[kept[0]] = "title"
            kept = kept[1:]
    elif kept and _looks_like_heading(lines[kept[0]], max_words=30):
        found_title = lines[kept[0]]
        kinds[kept[0]] = "title"
        kept = kept[1:]
    if found_title is not None and len(kept) > 1 and _looks_like_heading(lines[kept[0]], max_words=60):
        subtitle = lines[kept[0]]
        kinds[kept[0]] = "subtitle"

    removed = [
        Removal(text=line, reason=kind)
        for line, kind in zip(lines, kinds, strict=True)
        if kind not in (None, "title", "subtitle")
    ]
    paragraphs = _join_broken_lines([line for line, kind in zip(lines, kinds, strict=True) if kind is None])
    return CleanedText(paragraphs, removed, found_title if title is None else None, subtitle, byline)


def _mark_author_lines(lines: list[str], kinds: list[str | None], byline: list[str]) -> None:
    """Author furniture without "By": a name alone, the name's beat, the author's bio at the end."""
    first_prose = next(
        (i for i, k in enumerate(kinds) if k is None and word_count(lines[i]) > 25), len(lines)
    )
    kept = [i for i, k in enumerate(kinds) if k is None]
    footer = set(kept[-3:])
    for i in kept:
        if i >= first_prose and i not in footer:
            continue
        match = _NAME_LINE.fullmatch(lines[i]) or _NAME_AND_DESK.fullmatch(lines[i])
        if match and not _NOT_A_NAME.match(match["name"]) and not known_outlet(match["name"]):
            kinds[i] = "byline"
            name = _title_case(match["name"])
            if name not in byline and _may_be_name(name):
                byline.append(name)
    for i, kind in enumerate(kinds):
        near_author = any(kinds[j] == "byline" for j in (i - 1, i + 1) if 0 <= j < len(kinds))
        if (
            kind is None
            and near_author
            and word_count(lines[i]) <= 8
            and _BEAT.search(lines[i])
            and not lines[i].endswith(SENTENCE_END)
        ):
            kinds[i] = "byline"
    for i in kept[-4:]:
        if kinds[i] is None and any(
            lines[i].startswith(f"{name} ") and _BIO.match(lines[i][len(name) :]) for name in byline
        ):
            kinds[i] = "byline"


def _may_be_name(name: str) -> bool:
    """ "Transport Reporter", "Listen In English", "Local News": a line shaped like a name that is
    furniture, not an author."""
    words = name.lower().split()
    english = function_words().english
    return not (
        _BEAT.search(name)
        or _FURNITURE.search(name)
        or any(w in english and not re.fullmatch(_NAME_WORD, w) for w in words)
    )


def _title_case(name: str) -> str:
    return name.title() if name.isupper() else name


def byline_names(line: str) -> list[str]:
    """The authors a byline or a wire credit line names."""
    credits = _CREDIT_NAMES.findall(line)
    if credits:
        return [n for part in credits for n in _split_names(part.split(" in ")[0])]
    match = _BYLINE.fullmatch(line)
    return _split_names(match["names"]) if match else []


def _split_names(names: str) -> list[str]:
    parts = re.split(r"\s*(?:,|\band\b|\bwith\b|&)\s*", names.strip().rstrip(".;)"))
    return [
        _title_case(p)
        for p in parts
        if p and re.fullmatch(_NAME, p) and not _NOT_A_NAME.match(p) and not known_outlet(p)
    ]


def _classify(lines: list[str]) -> list[str | None]:
    rules = boilerplate_rules()
    main_script = _main_script(lines)
    kinds: list[str | None] = []
    for line in lines:
        kinds.append(_line_kind(line, rules, main_script))
    _mark_figures(lines, kinds)
    _mark_tails(lines, kinds, rules)
    return kinds


def _line_kind(line: str, rules: tuple[BoilerplateRule, ...], main_script: str) -> str | None:
    words = word_count(line)
    if words <= 16 and (_BYLINE.fullmatch(line) and byline_names(line)):
        return "byline"
    if _CREDITS.fullmatch(line) and byline_names(line):
        return "byline"
    for rule in rules:
        if rule.matches(line, words):
            return rule.kind
    if main_script and _script_of(line) not in ("", main_script):
        return "caption"
    if words >= 6 and _other_language(line):
        return "caption"
    return None


def _other_language(line: str) -> bool:
    """A line in another language than English (a caption or a note left untranslated)."""
    known = function_words()
    tokens = re.findall(r"[^\W\d_]+", line.lower())
    if not tokens:
        return False
    english = sum(t in known.english for t in tokens) / len(tokens)
    best = max(sum(t in words for t in tokens) for words in known.others.values()) / len(tokens)
    return best >= 0.25 and english < 0.1


def _mark_figures(lines: list[str], kinds: list[str | None]) -> None:
    """Captions: the unmarked lines of a figure block (gallery counter ... photo credit)."""
    for i, kind in enumerate(kinds):
        if kind == "gallery":
            block: list[int] = []
            for j in range(i + 1, min(i + 5, len(lines))):
                if kinds[j] in ("credit", "caption"):
                    for k in block:
                        kinds[k] = "caption"
                    break
                if kinds[j] is not None or word_count(lines[j]) > 40:
                    break
                block.append(j)
        elif kind == "credit" and not lines[i].lower().startswith("source"):
            # "Source: Al Jazeera and news agencies" closes the article; it credits no picture above it
            j = i - 1
            while j >= 0 and i - j <= 2 and kinds[j] is None and word_count(lines[j]) <= 25:
                kinds[j] = "caption"
                j -= 1


def _mark_tails(lines: list[str], kinds: list[str | None], rules: tuple[BoilerplateRule, ...]) -> None:
    """After a comments or related-links heading, the links and comments that follow it."""
    tail_kinds = {r.kind for r in rules if r.tail}
    article_chars = sum(len(line) for line, k in zip(lines, kinds, strict=True) if k is None)
    seen = 0
    for i, line in enumerate(lines):
        kind = kinds[i]
        if kind is None:
            seen += len(line)
            continue
        if kind not in tail_kinds or word_count(line) > 8:
            continue
        if kind == "comments" and seen >= 0.6 * article_chars:
            for j in range(i + 1, len(lines)):
                kinds[j] = kinds[j] or "comments"
            return
        for j in range(i + 1, len(lines)):
            if kinds[j] is not None:
                continue
            headline = word_count(lines[j]) <= 14 and lines[j].endswith("?")  # "Why are ferries late?"
            if word_count(lines[j]) > 20 or (lines[j].endswith(TERMINAL) and not headline):
                break
            kinds[j] = kind


def _join_broken_lines(lines: list[str]) -> list[str]:
    """Mend paragraphs a paste broke mid-sentence: a line without a sentence end before a lower-case one."""
    out: list[str] = []
    for line in lines:
        if out and line[:1].islower() and not out[-1].endswith(SENTENCE_END):
            out[-1] = f"{out[-1]} {line}"
        else:
            out.append(line)
    return out


def _looks_like_heading(line: str, *, max_words: int) -> bool:
    stripped = line.rstrip("\"”’' ")
    return word_count(line) <= max_words and not stripped.endswith((".", ":", ";", ","))


def _same_text(a: str, b: str) -> bool:
    def norm(s: str) -> str:
        return re.sub(r"\W+", " ", s).strip().lower()

    return norm(a) == norm(b)


def _script_of(text: str) -> str:
    """The writing system most of a text's letters belong to ("LATIN", "HEBREW", ...), or ""."""
    counts: dict[str, int] = {"LATIN": len(_ASCII_LETTER.findall(text))}
    for ch in _OTHER_LETTER.findall(text):
        script = _char_script(ch)
        counts[script] = counts.get(script, 0) + 1
    if not any(counts.values()):
        return ""
    script, n = max(counts.items(), key=lambda kv: kv[1])
    return script if n >= 0.6 * sum(counts.values()) else ""


_ASCII_LETTER = re.compile(r"[A-Za-z]")
_OTHER_LETTER = re.compile(r"[^\x00-\x7f\W\d_]")


@cache
def _char_script(ch: str) -> str:
    return unicodedata.name(ch, "").split(" ", 1)[0]


def _main_script(lines: list[str]) -> str:
    return _script_of(" ".join(lines)[:20000])
