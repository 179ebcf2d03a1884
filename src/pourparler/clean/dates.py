"""Publication dates: read from a page's date line, or inferred from what the text says, with evidence."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

from pourparler.knowledge import actors, anchors
from pourparler.model import Published

MONTHS = {
    name: i + 1
    for i, names in enumerate(
        [
            ("January", "Jan"),
            ("February", "Feb"),
            ("March", "Mar"),
            ("April", "Apr"),
            ("May",),
            ("June", "Jun"),
            ("July", "Jul"),
            ("August", "Aug"),
            ("September", "Sep", "Sept"),
            ("October", "Oct"),
            ("November", "Nov"),
            ("December", "Dec"),
        ]
    )
    for name in names
}
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")

_MONTH = r"(?P<m>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_WEEKDAY = r"(?:(?P<wd>" + "|".join(WEEKDAYS) + r"),?\s+(?:the\s+)?)?"
_YEAR = r"(?:,?\s+(?P<y>(?:19|20)\d{2}))?"
MONTH_DAY = re.compile(
    rf"\b{_WEEKDAY}(?:{_MONTH}\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\b|(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?"
    + _MONTH.replace("?P<m>", "?P<m2>")
    + rf"\b){_YEAR}(?![\d:])"
)
ISO_DATE = re.compile(r"\b(?P<y>(?:19|20)\d{2})-(?P<m>\d{2})-(?P<d>\d{2})(?!\d)")
NUMERIC_DATE = re.compile(r"\b(?P<a>\d{1,2})[./](?P<b>\d{1,2})[./](?P<y>(?:19|20)?\d{2})\b")
WEEKDAY_MENTION = re.compile(
    r"\b(?P<mod>(?:last|next|this|coming|on|early|late|since|until|by)\s+)?(?P<wd>"
    + "|".join(WEEKDAYS)
    + r")\b"
)
FUTURE = re.compile(
    r"\b(?:will|won't|shall|is\s+(?:set|due|expected|scheduled)\s+to|are\s+(?:set|due|expected|scheduled)\s+to|"
    r"scheduled\s+for|planned\s+for|deadline|upcoming|next)\b",
    re.IGNORECASE,
)
_BEFORE_DEADLINE = re.compile(r"\b(?:by|until|before|from|starting)\s+$", re.IGNORECASE)
_SENTENCE = re.compile(r"[^.!?\n]+(?:[.!?]+[\"”’']?|\n|$)")
_DATELINE = re.compile(rf"^[A-Z][A-Z .'’-]{{2,40}},\s+{_MONTH}\s+(?P<d>\d{{1,2}})\b", re.MULTILINE)
_FORMER = re.compile(r"\b(?:former|ex-|then-|late|previous|erstwhile)\s*$", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Mention:
    """A date-like phrase of the body, where it stands, and whether its clause looks ahead."""

    text: str
    start: int
    future: bool


def published_from_line(line: str, body: str = "") -> str | None:
    """The date a page's own "Published: ..." line gives, as ISO, if it gives a whole one.

    A numeric date that reads both ways (11/12/2024) takes the reading whose weekday the body uses.
    """
    match = ISO_DATE.search(line)
    if match:
        return _iso(int(match["y"]), int(match["m"]), int(match["d"]))
    match = MONTH_DAY.search(line)
    if match and match["y"]:
        month = MONTHS[match["m"] or match["m2"]]
        return _iso(int(match["y"]), month, int(match["d"] or match["d2"]))
    match = NUMERIC_DATE.search(line)
    if match:
        a, b, year = int(match["a"]), int(match["b"]), int(match["y"])
        year = year + 2000 if year < 100 else year
        day_first, month_first = _iso(year, b, a), _iso(year, a, b)
        if day_first and month_first and day_first != month_first and body:
            named = set(_past_weekdays(body, list(_sentences(body))).values())
            if dt.date.fromisoformat(month_first).strftime("%A") in named - {
                dt.date.fromisoformat(day_first).strftime("%A")
            }:
                return month_first
        return day_first or month_first
    return None


def infer_publication_date(body: str, *, today: dt.date | None = None) -> Published:
    """Infer when an undated article was published, from what it says.

    Evidence, strongest first: a wire dateline ("KYIV, March 3 (Reuters) -"),
    counts of days from dated anchor events ("594 days" of captivity), dates
    the text gives for recent events, the terms of office of the people it
    names in a role (which fix the year), and the weekdays it uses. Without
    a date-bearing clue it says `unknown` rather than guess.
    """
    today = today or dt.date.today()
    sentences = list(_sentences(body))
    allowed, role_evidence = _role_constraints(body)
    allowed = _intersect(allowed, [(None, today)])
    full_dates, month_days = _explicit_dates(body, sentences)
    lower = max((d for d, m in full_dates if not m.future), default=None)
    if lower is not None:
        allowed = _intersect(allowed, [(lower, None)]) or allowed
    weekdays = _past_weekdays(body, sentences)
    reasons = list(role_evidence)

    estimate = _from_anchors(body, allowed)
    if estimate is not None:
        date, phrase, anchor_label = estimate
        reasons.insert(0, f"“{phrase}” counted from {anchor_label}")
        date, weekday_phrase = _snap_to_weekday(date, weekdays, window=(-2, 1))
        if weekday_phrase:
            reasons.append(f"“{weekday_phrase}”")
        return Published(date.isoformat(), "inferred", "; ".join(reasons))

    dateline = _DATELINE.search(body[:1500])
    candidates = [(m, day, mention) for m, day, wd, mention in month_days if not mention.future]
    if dateline:
        mention = Mention(dateline.group(0), 0, False)
        candidates = [(MONTHS[dateline["m"]], int(dateline["d"]), mention)]
    if candidates:
        month, day, mention = max(candidates, key=lambda c: (c[0], c[1]))
        weekday = next((wd for m, d, wd, x in month_days if (m, d) == (month, day) and wd), None)
        year = _year_for(month, day, weekday, allowed, today)
        if year is not None:
            date = dt.date(year, month, day)
            reasons.insert(0, f"“{mention.text.strip()}”")
            # Weekdays name the past week's events; a date the text's weekdays do not reach is older news.
            if dateline or not weekdays or date.strftime("%A") in weekdays.values():
                return Published(date.isoformat(), "inferred", "; ".join(reasons))
            return Published(None, "unknown", f"not before {date.isoformat()}: " + "; ".join(reasons))

    recent = [(d, m) for d, m in full_dates if not m.future and d.strftime("%A") in weekdays.values()]
    if recent:
        date, mention = max(recent, key=lambda x: x[0])
        reasons.insert(0, f"“{mention.text.strip()}” and the weekday the text uses")
        return Published(date.isoformat(), "inferred", "; ".join(reasons))
    return Published(None, "unknown", None)


def _sentences(body: str) -> Iterator[tuple[int, int, bool]]:
    for match in _SENTENCE.finditer(body):
        if match.group(0).strip():
            yield match.start(), match.end(), bool(FUTURE.search(match.group(0)))


def _is_future(start: int, sentences: list[tuple[int, int, bool]], body: str) -> bool:
    if _BEFORE_DEADLINE.search(body[max(0, start - 12) : start]):
        return True
    return next((future for s, e, future in sentences if s <= start < e), False)


def _explicit_dates(
    body: str, sentences: list[tuple[int, int, bool]]
) -> tuple[list[tuple[dt.date, Mention]], list[tuple[int, int, str | None, Mention]]]:
    full: list[tuple[dt.date, Mention]] = []
    partial: list[tuple[int, int, str | None, Mention]] = []
    for match in MONTH_DAY.finditer(body):
        month = MONTHS[match["m"] or match["m2"]]
        day = int(match["d"] or match["d2"])
        mention = Mention(match.group(0), match.start(), _is_future(match.start(), sentences, body))
        if match["y"]:
            iso = _iso(int(match["y"]), month, day)
            if iso:
                full.append((dt.date.fromisoformat(iso), mention))
        elif 1 <= day <= 31:
            partial.append((month, day, match["wd"], mention))
    for match in ISO_DATE.finditer(body):
        iso = _iso(int(match["y"]), int(match["m"]), int(match["d"]))
        if iso:
            full.append((dt.date.fromisoformat(iso), Mention(match.group(0), match.start(), False)))
    return full, partial


def _past_weekdays(body: str, sentences: list[tuple[int, int, bool]]) -> dict[str, str]:
    """Weekdays the text names for things that already happened: phrase -> weekday."""
    found: dict[str, str] = {}
    for match in WEEKDAY_MENTION.finditer(body):
        mod = (match["mod"] or "").strip().lower()
        if mod in ("next", "coming", "until", "by", "last", "since"):
            continue
        if _is_future(match.start(), sentences, body):
            continue
        found.setdefault(match.group(0), match["wd"])
    return found


def _snap_to_weekday(
    date: dt.date, weekdays: dict[str, str], window: tuple[int, int]
) -> tuple[dt.date, str | None]:
    """The latest day near an estimate that is a weekday the text names as today's news."""
    for offset in range(window[1], window[0] - 1, -1):
        candidate = date + dt.timedelta(days=offset)
        for phrase, weekday in weekdays.items():
            if candidate.strftime("%A") == weekday:
                return candidate, phrase
    return date, None


def _from_anchors(
    body: str, allowed: list[tuple[dt.date | None, dt.date | None]]
) -> tuple[dt.date, str, str] | None:
    knowledge = anchors()
    scored = [(sum(len(p.findall(body)) for p in a.context), a) for a in knowledge.anchors]
    scored = [(s, a) for s, a in scored if s > 0]
    if not scored:
        return None
    anchor = max(scored, key=lambda sa: sa[0])[1]
    found: list[tuple[dt.date, str]] = []
    for patterns, offset in ((knowledge.elapsed, 0), (knowledge.ordinal, -1)):
        for pattern in patterns:
            for match in pattern.finditer(body):
                n = int(match["n"].replace(",", ""))
                if n < 7:
                    continue
                date = anchor.date + dt.timedelta(days=n + offset)
                if _within(date, allowed):
                    found.append((date, match.group(0)))
    if not found:
        return None
    date, phrase = max(found)
    return date, phrase, f"{anchor.date.isoformat()} ({anchor.label})"


@dataclass(frozen=True, slots=True)
class _RoleCue:
    cue: str
    ranges: list[tuple[dt.date | None, dt.date | None]]
    before: re.Pattern[str]
    after: re.Pattern[str]


@cache
def _role_cues() -> tuple[re.Pattern[str], dict[str, tuple[str, list[_RoleCue]]]]:
    """One pattern for every name of a person with dated roles, and each name's role cues."""
    by_name: dict[str, tuple[str, list[_RoleCue]]] = {}
    for actor in actors():
        dated = [r for r in actor.roles if r.cues and (r.start or r.end)]
        if not dated:
            continue
        cues = []
        for cue in sorted({c for r in dated for c in r.cues}, key=len, reverse=True):
            cue_re = re.escape(cue).replace(r"\ ", r"\s+")
            cues.append(
                _RoleCue(
                    cue,
                    [(r.start, r.end) for r in dated if cue in r.cues],
                    re.compile(rf"\b{cue_re}\s+(?:[A-Z][\w.'’-]*\s+){{0,2}}$"),
                    re.compile(rf"^(?:’s|'s)?,\s+(?:the\s+)?(?:[\w.'’-]+\s+){{0,6}}?{cue_re}\b"),
                )
            )
        for name in (actor.name, *actor.aliases):
            by_name.setdefault(name, (actor.id, cues))
    names = sorted(by_name, key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(re.escape(n) for n in names) + r")\b"), by_name


def _role_constraints(body: str) -> tuple[list[tuple[dt.date | None, dt.date | None]], list[str]]:
    """Date ranges implied by people named in a role ("President Donald Trump"), with the words."""
    allowed: list[tuple[dt.date | None, dt.date | None]] = [(None, None)]
    evidence: list[str] = []
    pattern, by_name = _role_cues()
    done: set[str] = set()
    for match in pattern.finditer(body):
        actor_id, cues = by_name[match.group(0)]
        if actor_id in done:
            continue
        for cue in cues:
            phrase = _role_phrase(body, match, cue)
            if phrase is None:
                continue
            done.add(actor_id)
            narrowed = _intersect(allowed, cue.ranges)
            if narrowed and narrowed != allowed:
                allowed = narrowed
                evidence.append(f"“{phrase}” ({_describe(cue.ranges)})")
            break
    return allowed, evidence


def _role_phrase(body: str, match: re.Match[str], cue: _RoleCue) -> str | None:
    head = body[max(0, match.start() - 80) : match.start()]
    found = cue.before.search(head)
    if found and not _FORMER.search(head[: found.start()]):
        return (head[found.start() :] + match.group(0)).strip()
    tail = body[match.end() : match.end() + 120].split("\n", 1)[0]
    found = cue.after.match(tail)
    if found and not re.search(r"\b(?:former|ex-|then-)", found.group(0), re.IGNORECASE):
        return (match.group(0) + found.group(0)).strip()
    return None


def _describe(ranges: list[tuple[dt.date | None, dt.date | None]]) -> str:
    def one(start: dt.date | None, end: dt.date | None) -> str:
        if start and end:
            return f"{start.isoformat()} to {end.isoformat()}"
        return f"from {start.isoformat()}" if start else f"until {end.isoformat() if end else '?'}"

    return "role held " + " or ".join(one(s, e) for s, e in ranges)


def _intersect(
    a: list[tuple[dt.date | None, dt.date | None]], b: list[tuple[dt.date | None, dt.date | None]]
) -> list[tuple[dt.date | None, dt.date | None]]:
    out = []
    for s1, e1 in a:
        for s2, e2 in b:
            start = max((d for d in (s1, s2) if d), default=None)
            end = min((d for d in (e1, e2) if d), default=None)
            if start is None or end is None or start <= end:
                out.append((start, end))
    return out


def _within(date: dt.date, allowed: list[tuple[dt.date | None, dt.date | None]]) -> bool:
    return any((s is None or s <= date) and (e is None or date <= e) for s, e in allowed)


def _year_for(
    month: int,
    day: int,
    weekday: str | None,
    allowed: list[tuple[dt.date | None, dt.date | None]],
    today: dt.date,
) -> int | None:
    """The year of a month-day the text gives without one, when the other evidence fixes it."""
    candidates = []
    for year in range(today.year - 40, today.year + 1):
        iso = _iso(year, month, day)
        if not iso:
            continue
        date = dt.date.fromisoformat(iso)
        if _within(date, allowed) and (weekday is None or date.strftime("%A") == weekday):
            candidates.append(year)
    # Open-ended evidence (a role held since 2025, a weekday) fixes a year only when few remain.
    if not candidates or len(candidates) > (2 if weekday is None else 6):
        return None
    return candidates[0] if weekday is None else candidates[-1]


def _iso(year: int, month: int, day: int) -> str | None:
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return None
