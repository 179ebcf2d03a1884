"""Who published a page and whom it relays: the outlet from the page's own words, and cited sources."""

from __future__ import annotations

import re
from collections import Counter
from urllib.parse import urlsplit

from pourparler.knowledge import known_outlet, outlet_for_domain
from pourparler.model import Removal

_WORD = r"[A-Z0-9][\w&'’-]*(?:\.[\w&'’-]+)*"
_OUTLET = rf"(?P<o>(?-i:{_WORD}(?:\s+{_WORD}){{0,3}}))"
_NETWORKS = (
    r"(?:facebook|twitter|x|instagram|telegram|whatsapp|youtube"
    r"|linkedin|threads|bluesky|tiktok|google\s+news)"
)

# Where a page names itself, strongest first; each shape is read from one kind of line.
_SELF_REFERENCES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("app", re.compile(rf"(?:get|download|install|try)\s+(?:the\s+|our\s+)?{_OUTLET}\s+app\b", re.I)),
    ("social", re.compile(rf"follow\s+{_OUTLET}\s+on\s+{_NETWORKS}\b", re.I)),
    ("byline", re.compile(rf"(?:[,|–—-]|\bfor\b)\s*{_OUTLET}\s*$")),
    (
        "copyright",
        re.compile(rf"(?:©|\(c\)|copyright)\s*(?:\d{{4}}(?:\s*[-–]\s*\d{{4}})?)?\s*{_OUTLET}", re.I),
    ),
    ("comments", re.compile(rf"(?:privacy\s+policy|terms\s+of\s+(?:use|service))\s+of\s+{_OUTLET}", re.I)),
    ("navigation", re.compile(rf"(?:why\s+you\s+can\s+trust|about)\s+{_OUTLET}", re.I)),
    ("newsletter", re.compile(rf"support\s+{_OUTLET}\s+(?:or|and|by)\b", re.I)),
)
# Furniture that names the page's own outlet; photo credits, captions and related links name others.
_FURNITURE = {
    "app",
    "social",
    "comments",
    "navigation",
    "newsletter",
    "copyright",
    "byline",
    "credits",
    "share",
    "cookie",
    "link",
}
_KNOWN_NAME = re.compile(r"[A-Z][\w.&'’-]*(?:\s+[A-Z0-9][\w.&'’-]*){0,3}|[A-Z]{2,}\s*\d*", re.I)
_MEDIA_WORDS = re.compile(
    r"\b(?:media|agency|agencies|press|television|tv|radio|newspaper|daily|broadcaster|outlet|channel|news)\b",
    re.IGNORECASE,
)
_RELAYED = re.compile(
    r"(?:according\s+to|told|reported\s+by|cited\s+by|quoted\s+by|in\s+an\s+interview\s+with)\s+"
    r"(?:the\s+)?(?:\w+\s+){0,2}?(?P<v>(?-i:[A-Z][\w.&'’-]*(?:[\s-][A-Z0-9][\w.&'’-]*){0,3}))"
    r"|(?P<w>(?-i:[A-Z][\w.&'’-]*(?:[\s-][A-Z0-9][\w.&'’-]*){0,3}))\s+(?:reported|reports|said|quoted|cited)\b",
    re.IGNORECASE,
)
_CREDIT_SOURCES = re.compile(
    r"(?:with\s+(?:files|inputs|reporting|additional\s+reporting)\s+from|\bwith)\s+(?P<v>[^()]+?)\)?\.?$"
    r"|^[a-z]{1,4}(?:/[a-z]{1,4})+\s*\((?P<w>[^()]+)\)",
    re.IGNORECASE,
)
_SELF_REPORT = re.compile(
    rf"{_OUTLET}\s+(?:reports|reported|writes|wrote|has\s+learned),\s+(?:citing|quoting)\b"
)
_WIRE_DATELINE = re.compile(
    r"^[A-Z][A-Z .'’-]+(?:,\s+[A-Z][a-z]+\.?\s+\d{1,2}(?:,\s+\d{4})?)?\.?\s*"
    r"(?:\((?P<o>[A-Za-z][A-Za-z .-]{1,30})\)|/(?P<o2>[A-Za-z-]{2,20})/)\.?\s*[-–—]?"
)
_CITING = re.compile(
    r"\b(?:reports?|reported|writes|wrote|said|says|has\s+learned),?\s+(?:citing|quoting)\s+"
    r"(?P<v>(?:the\s+)?[^,.;:()\"“”]{2,60}?)(?=\s*(?:[,.;:()\"“”]|\bas\b|\bwho\b|\bthat\b|$))",
)
_NOT_OUTLETS = {"us", "the", "our", "this", "it", "we"}


def find_outlet(removed: list[Removal], body: str, url: str | None = None) -> str | None:
    """The outlet that published the page, by the strongest of its self-references."""
    votes: Counter[str] = Counter()
    for rank, (kind, pattern) in enumerate(_SELF_REFERENCES):
        weight = 10 ** (len(_SELF_REFERENCES) - rank)
        for removal in removed:
            if removal.reason != kind:
                continue
            for match in pattern.finditer(removal.text):
                name = _outlet_name(match["o"], require_known=kind == "byline")
                if name:
                    votes[name] += weight
    for removal in removed:
        if removal.reason in _FURNITURE:
            for match in _KNOWN_NAME.finditer(removal.text):
                known = _longest_known(match.group(0))
                if known:
                    votes[known] += 1
    if votes:
        return votes.most_common(1)[0][0]
    for match in _SELF_REPORT.finditer(body):
        name = _outlet_name(match["o"], require_known=False)
        if name:
            return name
    first = body[:200]
    dateline = _WIRE_DATELINE.match(first)
    if dateline:
        name = _outlet_name(dateline["o"] or dateline["o2"], require_known=True)
        if name:
            return name
    if url:
        host = urlsplit(url).hostname or ""
        outlet = outlet_for_domain(host)
        if outlet:
            return outlet.name
        if host:
            return host.removeprefix("www.")
    return None


def find_cited_sources(body: str, removed: list[Removal], outlet: str | None) -> list[str]:
    """Media the outlet relays ("…, citing foreign media", "Interfax reported", "with files from AFP")."""
    cites: list[str] = []

    def add(source: str, *, media_only: bool) -> None:
        source = re.sub(r"^the\s+", "", source.strip(" .,;:()"), flags=re.IGNORECASE)
        known = _longest_known(source)
        if known:
            source = known
        elif media_only and not _MEDIA_WORDS.search(source):
            return
        if source and source != outlet and source not in cites:
            cites.append(source)

    for match in _CITING.finditer(body):
        add(match["v"], media_only=True)
    for match in _RELAYED.finditer(body):
        name = match["v"] or match["w"]
        known = _longest_known(name)
        if known:
            add(known, media_only=True)
    for removal in removed:
        if removal.reason == "credits":
            credit = _CREDIT_SOURCES.search(removal.text)
            if credit:
                for part in re.split(r"\s*(?:,|\band\b|&)\s*", credit["v"] or credit["w"]):
                    add(part, media_only=False)
    return cites


def _longest_known(text: str) -> str | None:
    """The outlet a phrase names, trying its longest leading run of words first."""
    words = text.split()
    for n in range(min(len(words), 4), 0, -1):
        known = known_outlet(" ".join(words[:n]))
        if known:
            return known.name
    return None


def _outlet_name(label: str | None, *, require_known: bool) -> str | None:
    if not label:
        return None
    label = label.strip(" .,:;|-")
    known = known_outlet(label)
    if known:
        return known.name
    starts_like_a_name = label[:1].isupper() or label[:1].isdigit()
    if require_known or label.lower() in _NOT_OUTLETS or not starts_like_a_name:
        return None
    return label
