"""Finds the time expressions of an article body and resolves each against its publication date."""

from __future__ import annotations

import bisect
import calendar
import datetime as dt
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from typing import Literal

from spacy.tokens import Doc, Span, Token

from pourparler.clean.dates import FUTURE, ISO_DATE, MONTH_DAY, MONTHS, NUMERIC_DATE, WEEKDAYS
from pourparler.knowledge import anchors
from pourparler.model import TimeExpression
from pourparler.nlp import text_of

Grain = Literal["day", "week", "month", "year"]
Tense = Literal["past", "pluperfect", "present", "future", "unknown"]

# Longer bodies are cut before matching so that one pathological document cannot stall a batch.
MAX_CHARS = 1_000_000
# A count of days from an anchor event names a day near publication; farther off it counts something else.
ANCHOR_SLACK = dt.timedelta(days=7)
# A narrative "ten days later" counts from an explicit date at most this many characters back.
NARRATIVE_REACH = 800
# Characters around a trigger word searched by the full pattern: enough for its longest modifiers.
WINDOW = (48, 24)

# --- vocabulary ------------------------------------------------------------------------------

FULL_MONTHS = {name: n for name, n in MONTHS.items() if (len(name) > 3 and name != "Sept") or name == "May"}
ABBREVIATED_MONTHS = [name for name in MONTHS if name not in FULL_MONTHS]
NUMBER_WORDS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30,
    "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
}  # fmt: skip
TENS = ("twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")
DIGIT_WORDS = ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine")
ORDINALS = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4}
# ISO 8601 designator and resolution grain of each unit of time.
UNITS: dict[str, tuple[str, Grain]] = {
    "second": ("S", "day"), "minute": ("MIN", "day"), "hour": ("H", "day"), "day": ("D", "day"),
    "week": ("W", "week"), "fortnight": ("W", "week"), "month": ("M", "month"), "year": ("Y", "year"),
    "decade": ("Y", "year"), "century": ("Y", "year"),
}  # fmt: skip
UNIT_RANK = ("Y", "M", "W", "D", "H", "MIN", "S")
UNIT_FACTOR = {"fortnight": 2, "decade": 10, "century": 100}
# Half a unit, spelled in the next smaller one: "two and a half hours" is PT2H30M.
HALF_OF = {"Y": (6.0, "M"), "W": (3.5, "D"), "D": (12.0, "H"), "H": (30.0, "MIN"), "MIN": (30.0, "S")}

DATE_PREPS = (
    "on", "in", "since", "by", "until", "till", "before", "after", "from", "for", "during", "through",
    "throughout", "to", "at", "as of", "as early as", "as late as", "as recently as", "no later than",
    "ahead of", "around", "into", "between", "starting", "over", "every", "each",
)  # fmt: skip
DURATION_PREPS = ("for", "within", "in", "over", "after", "during", "by", "throughout", "under", "past")
CLOCK_PREPS = ("at", "from", "by", "until", "till", "before", "after", "around", "since", "starting")
DEADLINE_PREPS = {"by", "before", "until", "till", "no later than"}
# Words that make a following to-infinitive look ahead ("agreed to meet", "is due to open").
FORWARD_HEADS = {
    "agree", "plan", "expect", "hope", "want", "aim", "intend", "decide", "promise", "pledge", "vow",
    "threaten", "seek", "propose", "prepare", "schedule", "set", "due", "likely", "ready", "going",
    "poised", "slate", "commit", "expected", "scheduled", "slated", "about", "need", "try", "ask",
}  # fmt: skip
NOT_A_LENGTH = re.compile(r"\b(?i:aged|every|each)\s+$")
HOLIDAYS = {
    ("christmas", None): (12, 25), ("christmas", "day"): (12, 25), ("christmas", "eve"): (12, 24),
    ("new year", "day"): (1, 1), ("new year", "eve"): (12, 31),
}  # fmt: skip
LOOKING_BACK_QUALIFIERS = {"more than", "less than", "fewer than", "over", "under", "at least", "at most"}
# Weekday names inside the name of a holiday or event ("Black Friday"), not dates.
NAMED_DAY_PREFIXES = {"Black", "Good", "Ash", "Palm", "Easter", "Super", "Cyber", "Bloody", "Holy", "Man"}

# --- pattern pieces ------------------------------------------------------------------------------


def _alternation(words: list[str] | tuple[str, ...]) -> str:
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True))


EDGE = r"(?:(?P<edge>(?i:(?:the\s+)?(?:very\s+)?(?:end|beginning|start|middle|close|turn))\s+of)\s+)?"
MOD = r"(?:(?P<mod>(?i:early|mid|late|the\s+middle\s+of))(?:-|\s+))?"
MONTH = rf"(?P<month>{_alternation(list(FULL_MONTHS))}|(?:{_alternation(ABBREVIATED_MONTHS)})\.?)"
YEAR = r"(?P<year>(?:19|20)\d{2})(?![\d%]|[.,]\d)"
REL_YEAR = r"(?:\s+(?:of\s+)?(?P<rel>(?i:this|last|next))\s+year\b)"
WEEKDAY_NAMES = "|".join(WEEKDAYS)
PART_OF_DAY = r"(?i:morning|afternoon|evening|night)"
NUMBER_WORD = (
    rf"(?:(?:{'|'.join(TENS)})(?:[- ](?:{'|'.join(DIGIT_WORDS)}))?"
    rf"|{_alternation([w for w in NUMBER_WORDS if w not in TENS])})"
)
NUMBER = (
    r"(?:(?<![\d.,])(?:\d{1,3}(?:,\d{3})+|\d{1,6}(?:\.\d{1,2})?)(?![\d,]\d)"
    rf"|\b(?i:{NUMBER_WORD}|a\s+dozen|a\s+single|half\s+an?|an?)\b)"
)
UNIT_WORDS = r"(?i:seconds?|minutes?|hours?|days?|weeks?|fortnights?|months?|years?|decades?|centur(?:y|ies))"
UNIT = UNIT_WORDS + r"\b"
FILLER = r"(?:(?i:more|additional|further|extra|straight|consecutive|full|whole|long|working|business)\s+)?"
QUALIFIER = (
    r"(?:(?P<qual>(?i:more\s+than|less\s+than|fewer\s+than|at\s+least|at\s+most|up\s+to|about|around"
    r"|nearly|almost|roughly|approximately|some|just\s+over|just\s+under|well\s+over|over|under|only|just"
    r"|barely|another|a\s+further|an\s+additional))\s+)?"
)
HALF = r"(?:\s+(?i:and\s+a\s+half)\b)?"
PART = rf"{NUMBER}{HALF}\s+{FILLER}{UNIT}{HALF}"
# "20 years, two months and three days" is one length; "a fortnight, a dozen years" is two.
DURATION = rf"(?P<dur>{PART.replace(NUMBER, f'(?P<n>{NUMBER})', 1)}(?:(?:,\s*{PART})?\s+(?i:and)\s+{PART})?)"
PERIOD_WORD = r"(?:(?P<period>(?i:the\s+(?:next|past|last|first|coming|following|previous|final)))\s+)?"

# --- patterns: each finds one shape; the prepositions before them are read separately ---------------

MONTH_DAY_RE = re.compile(
    MONTH_DAY.pattern
    + r"(?:\s*(?:[-–]|\s(?i:to|through)\s)\s*(?P<d_end>\d{1,2})(?![\d:%])"
    + r"(?:,?\s+(?P<y_end>(?:19|20)\d{2})\b)?)?"
    + REL_YEAR.replace("rel", "rel_md")
    + "?"
)
ISO_RE = ISO_DATE
NUMERIC_RE = NUMERIC_DATE
MONTH_RE = re.compile(
    r"\b(?:(?P<week>(?i:(?:the\s+)?(?:first|second|third|fourth|last|final)\s+week))\s+of\s+)?"
    rf"{EDGE}{MOD}(?:(?P<mrel>(?i:last|next|this))\s+)?{MONTH}(?:{REL_YEAR}|,?\s+(?:of\s+)?{YEAR})?"
    r"(?![\w-]|\s+\d{1,2}\b)"
)
YEAR_RE = re.compile(
    rf"(?<![\w$€£¥.,/-]){EDGE}{MOD}(?P<year>(?:19|20)\d{{2}})"
    r"(?:(?:[-–]|/|\s+to\s+)(?P<year_end>(?:19|20)\d{2}|\d{2})(?![\d/-]))?(?![\w%/-]|[.,]\d|[-–]\d)"
)
DECADE_RE = re.compile(rf"\b(?:(?i:the)\s+)?{MOD}(?P<decade>(?:1[89]|20)\d0)['’]?s\b")
HALF_RE = re.compile(
    r"\b(?i:the\s+)?(?P<ord>(?i:first|second|third|fourth|final|last|1st|2nd|3rd|4th))\s+"
    rf"(?P<part>(?i:half|quarter))\s+(?i:of\s+)(?:{YEAR}|(?P<rel>(?i:this|last|next|the))\s+(?i:year)\b)"
    r"|\b(?P<q>[QH][1-4])\s+(?P<qyear>(?:19|20)\d{2})\b"
)
HOLIDAY_RE = re.compile(
    r"\b(?P<holiday>(?i:christmas|new\s+year['’]?s?)(?:\s+(?P<which>(?i:day|eve)))?)\b(?![-'’])"
)
SEASON_RE = re.compile(
    r"\b(?:(?P<rel>(?i:this|last|next|the))\s+)?(?P<season>(?i:spring|summer|autumn|fall|winter))\b"
    rf"(?:\s+(?:of\s+)?{YEAR})?"
)
RELATIVE_RE = re.compile(
    rf"\b{EDGE}(?:(?i:earlier|later)\s+)?"
    r"(?P<rel>(?i:this|last|next|past|previous|coming|following|the))\s+"
    r"(?P<unit>(?i:week(?:end)?|month|year|decade))\b(?![-'’])"
)
DEICTIC_RE = re.compile(
    rf"\b(?P<word>(?i:(?:this|yesterday|tomorrow)\s+{PART_OF_DAY}|the\s+day\s+before\s+yesterday"
    r"|the\s+day\s+after\s+tomorrow|today|tonight|yesterday|tomorrow|last\s+night))\b"
)
WEEKDAY_RE = re.compile(
    rf"\b(?:(?P<mod>(?i:early|late|last|next|this|coming|early\s+on|late\s+on))\s+)?(?P<wd>{WEEKDAY_NAMES})"
    rf"(?P<poss>['’]s)?(?:\s+(?P<part>{PART_OF_DAY}))?"
    rf"(?:\s*(?:[-–]|\s(?P<join>(?i:and|to|through))\s)\s*(?P<wd_end>{WEEKDAY_NAMES})\b)?\b"
)
LENGTH_RE = re.compile(
    rf"\b{PERIOD_WORD}{QUALIFIER}{DURATION}"
    r"(?:\s+(?P<tail>(?i:ago|later|earlier|afterwards|after|before|prior\s+to|on(?=\s*[,.;])))\b)?(?!-)"
)
STORY_RE = re.compile(
    r"\b(?P<vague>(?i:hours|moments|minutes))\s+(?P<vtail>(?i:later|earlier))\b"
    r"|\b(?P<rel>(?i:the\s+(?:next|following|previous|same)|that|the\s+day\s+(?:before|after)))\b"
    r"(?:\s+(?P<runit>(?i:day|week|month|year))\b)?"
)
DURATION_RANGE_RE = re.compile(
    rf"\b(?i:between\s+)?(?P<lo>{NUMBER})\s*(?:[-–]|\s(?i:to|and|or)\s)\s*(?P<hi>{NUMBER})\s+{FILLER}{UNIT}"
)
COMPOUND_RE = re.compile(
    rf"(?<![\w.,-])(?:(?P<n>\d{{1,4}}(?:\.\d)?|(?i:{NUMBER_WORD}))"
    r"[- ](?P<unit>(?i:year|month|week|day|hour|minute))"
    r"(?:[- ](?i:long))?|(?P<long>(?i:year|month|week|day|hour))-(?i:long))(?![\w-])"
)
VAGUE_RE = re.compile(
    r"\b(?i:(?:in|over|during|within|for)\s+(?:the\s+)?(?:coming|upcoming|next\s+few|next\s+several|past\s+few"
    r"|last\s+few|recent|following)\s+(?:days|weeks|months|years|hours|period)"
    r"|(?:in|over|during)\s+the\s+(?:days|weeks|months|years)\s+ahead|in\s+the\s+near\s+future)\b"
)
CLOCK_RE = re.compile(
    r"(?:\b(?i:around|about|approximately|shortly\s+(?:before|after)|just\s+(?:before|after))\s+)?"
    r"(?:\b(?P<h>\d{1,2})(?::(?P<mi>\d{2}))?\s*(?P<ap>(?i:[ap]\.m\.|[ap]m\b))"
    r"|\b(?P<h2>[0-2]?\d)[:h](?P<mi2>[0-5]\d)(?![\d.,:])|\b(?P<named>(?i:midnight|noon|midday))\b)"
    r"(?:\s+(?P<zone>(?:local|[A-Z][a-z]+)\s+time|GMT|UTC|[A-Z]{2,4}T)\b)?"
)
# Triggers are plain alternations, searched in an ASCII-lowercased copy of the text: that is fast.
UNIT_TRIGGER = re.compile(
    r"\b(?:second|minute|hour|day|week|fortnight|month|year|decade|centur|period|future)"
)
MONTH_TRIGGER = re.compile(r"Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec")
WEEKDAY_TRIGGER = re.compile(r"(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day")
# Month and weekday names are capitalised: their triggers read the text as it is, which is more selective.
CASED_TRIGGERS = frozenset({MONTH_TRIGGER, WEEKDAY_TRIGGER})
RELATIVE_TRIGGER = re.compile(r"week|month|year|decade")
HOLIDAY_TRIGGER = re.compile(r"christmas|new year")
SEASON_TRIGGER = re.compile(r"spring|summer|autumn|fall|winter")
HALF_TRIGGER = re.compile(r"half|quarter|q[1-4]|h[12]")
YEAR_TRIGGER = re.compile(r"(?:1[89]|20)\d\d")
NUMERIC_TRIGGER = re.compile(r"\d[./]\d")
DEICTIC_TRIGGER = re.compile(r"today|tonight|yesterday|tomorrow|night|morning|afternoon|evening")
CLOCK_TRIGGER = re.compile(r"\d\s?[ap]\.?m|\d[:h][0-5]\d|midnight|noon|midday")
COUNT_TRIGGER = re.compile(r"\d(?:st|nd|rd|th)?\s+days?\b|day\s+\d")
# The anchors' count phrases ("has now been in captivity for 594 days of war") are longer than dates.
COUNT_WINDOW = (120, 80)
ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")
_SENTENCE_END = re.compile(r"[.!?]\s|\n")
_LOWER_WORD_NEXT = re.compile(r"\s+[a-z]")
_CAPITALISED_WORD_NEXT = re.compile(r"\s+(?P<word>[A-Z][a-z]+)")
_AGE_NEXT = re.compile(r"\s*(?:old|of\s+age)\b")
_QUANTITY_BEFORE = re.compile(r"[\d%$€£]\s*$|\b(?:once|twice|times)\s+$")
_OF_NOUN_NEXT = re.compile(r"\s+of\s+[a-z]")
_AND_GAP = re.compile(r"\s+and\s+")
_APPOSITION_GAP = re.compile(r"\s*[,—–-]\s*")


def _before_pattern(preps: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile(rf"(?<![\w-])(?P<prep>(?i:{_alternation(preps)}))\s+$")


# --- values -----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Point:
    """A resolved moment at a grain; the date is the first day of its week, month or year."""

    date: dt.date
    grain: Grain

    def iso(self) -> str:
        if self.grain == "year":
            return f"{self.date.year:04d}"
        if self.grain == "month":
            return f"{self.date.year:04d}-{self.date.month:02d}"
        if self.grain == "week":
            year, week, _ = self.date.isocalendar()
            return f"{year:04d}-W{week:02d}"
        return self.date.isoformat()


@dataclass(frozen=True, slots=True)
class Shift:
    """A narrative offset ("ten days later"), resolved once the expressions around it are known."""

    amount: float
    unit: str
    sign: int
    needs_neighbour: bool


@dataclass(frozen=True, slots=True)
class Found:
    """An expression found in the text, before it becomes a TimeExpression."""

    start: int
    end: int
    kind: str
    value: Point | None = None
    until: Point | None = None
    duration: str | None = None
    explicit: bool = False
    shift: Shift | None = None
    clock: bool = False
    prep: str | None = None

    def expression(self, text: str) -> TimeExpression:
        return TimeExpression(
            start=self.start,
            end=self.end,
            text=text[self.start : self.end],
            value=self.value.iso() if self.value else None,
            kind=self.kind,
            until=self.until.iso() if self.until else None,
            duration=self.duration,
        )


@dataclass(frozen=True, slots=True)
class Hit:
    """One pattern match with the preposition that introduces it, if the rule takes one."""

    m: re.Match[str]
    prep: str | None
    start: int

    @property
    def end(self) -> int:
        return self.m.end()

    def __getitem__(self, name: str) -> str | None:
        return self.m[name] if name in self.m.re.groupindex else None

    def lower(self, name: str) -> str | None:
        value = self[name]
        return " ".join(value.lower().split()) if value else None

    def found(
        self,
        kind: str,
        value: Point | None = None,
        *,
        until: Point | None = None,
        duration: str | None = None,
        explicit: bool = False,
        shift: Shift | None = None,
        clock: bool = False,
    ) -> Found:
        return Found(self.start, self.end, kind, value, until, duration, explicit, shift, clock, self.prep)


@dataclass(frozen=True, slots=True)
class Context:
    """What every handler may consult: the parse, the text and the publication date."""

    doc: Doc
    text: str
    published: dt.date | None
    parsed: bool

    def tense(self, start: int, end: int) -> Tense:
        """The tense of the clause that governs the characters start..end, from the parse."""
        if not self.parsed:
            return "unknown"
        span = self.doc.char_span(start, end, alignment_mode="expand")
        if span is None or len(span) == 0:
            return "unknown"
        found = _governing_tense(span)
        if found is not None:
            return found
        return "future" if FUTURE.search(self.text[_sentence_start(self.text, start) : start]) else "unknown"

    def token_at(self, offset: int) -> Token | None:
        span = self.doc.char_span(offset, min(len(self.text), offset + 1), alignment_mode="expand")
        return span[0] if span is not None and len(span) else None


def _sentence_start(text: str, offset: int) -> int:
    window = text[max(0, offset - 400) : offset]
    ends = [m.end() for m in _SENTENCE_END.finditer(window)]
    return offset - len(window) + (ends[-1] if ends else 0)


def _governing_tense(span: Span) -> Tense | None:
    token = span.root
    for _ in range(12):
        if token.pos_ in ("VERB", "AUX") or token.tag_.startswith("VB") or token.tag_ == "MD":
            tense = _verb_tense(token)
            if tense is not None:
                return tense
        if token.head.i == token.i:
            return None
        token = token.head
    return None


def _verb_tense(verb: Token) -> Tense | None:
    """The tense a verb gives its adverbials, or None when it is non-finite and its own head decides."""
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    words = {a.lower_ for a in auxes}
    if any(a.tag_ == "MD" for a in auxes):
        # "could have shut down shipping on Jan. 15" tells what did not happen: the date may lie either way.
        return "unknown" if "have" in words else "future"
    if "to" in words and verb.tag_ == "VB":
        head = verb.head
        return "future" if head.lemma_.lower() in FORWARD_HEADS or head.lower_ in FORWARD_HEADS else None
    if verb.tag_ == "VBN" and {"had", "'d"} & words:
        return "pluperfect"
    if verb.tag_ == "VBN" and {"has", "have", "'ve"} & words:
        return "past"
    if not auxes and verb.tag_ == "VBN" and verb.dep_ in ("acl", "advcl", "amod"):
        # "the accord, signed on Monday, says": done; "the vote scheduled for Sunday": its clause decides.
        return None if verb.lemma_.lower() in FORWARD_HEADS or verb.lower_ in FORWARD_HEADS else "past"
    finite = next((a for a in auxes if a.tag_ in ("VBD", "VBZ", "VBP")), None)
    tag = finite.tag_ if finite is not None else verb.tag_
    if tag == "VBD":
        return "past"
    if tag in ("VBZ", "VBP"):
        return "present"
    return None


# --- calendar arithmetic ---------------------------------------------------------------------------


def _safe_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _add_months(date: dt.date, months: int) -> dt.date | None:
    year, month = divmod(date.year * 12 + date.month - 1 + months, 12)
    if not 1 <= year <= 9999:
        return None
    return dt.date(year, month + 1, min(date.day, calendar.monthrange(year, month + 1)[1]))


def _shift(date: dt.date, amount: float, unit: str) -> dt.date | None:
    """The date moved by amount units (negative goes back), or None off the calendar."""
    designator = UNITS[unit][0]
    amount *= UNIT_FACTOR.get(unit, 1)
    try:
        if designator == "Y":
            return _add_months(date, round(amount * 12))
        if designator == "M":
            return _add_months(date, round(amount))
        if designator in ("W", "D"):
            return date + dt.timedelta(days=amount * (7 if designator == "W" else 1))
        return date + dt.timedelta(hours=amount) if designator == "H" else date
    except OverflowError:
        return None


def _grain_start(date: dt.date, grain: Grain) -> dt.date:
    if grain == "year":
        return date.replace(month=1, day=1)
    if grain == "month":
        return date.replace(day=1)
    if grain == "week":
        return date - dt.timedelta(days=date.weekday())
    return date


def _last_day(point: Point) -> Point:
    if point.grain == "year":
        return Point(dt.date(point.date.year, 12, 31), "day")
    if point.grain == "month":
        following = _add_months(point.date.replace(day=1), 1)
        return Point(following - dt.timedelta(days=1), "day") if following else point
    if point.grain == "week":
        return Point(_grain_start(point.date, "week") + dt.timedelta(days=6), "day")
    return point


def _pick(candidates: list[dt.date], published: dt.date, tense: Tense) -> dt.date | None:
    """The candidate the clause's tense points to: the latest past one, the next one, or the nearest."""
    past = [c for c in candidates if c <= published]
    future = [c for c in candidates if c >= published]
    if tense in ("past", "pluperfect") and past:
        return max(past)
    if tense == "future" and future:
        return min(future)
    # A present clause ("takes office Jan. 20", "expires in March") mostly names what is scheduled.
    ahead = 2 if tense == "present" else 1
    return min(
        candidates, key=lambda c: abs((c - published).days) / (ahead if c >= published else 1), default=None
    )


def _effective_tense(prep: str | None, tense: Tense) -> Tense:
    """Prepositions outrank the verb: "since" looks back, a deadline ("by Friday") ahead."""
    if prep == "since":
        return "past"
    if (
        prep in DEADLINE_PREPS
        and tense != "pluperfect"
        and not (prep in ("until", "till") and tense == "past")
    ):
        return "future"
    return tense


def _kind(grain: str) -> str:
    return {"week": "week", "month": "month", "year": "year"}.get(grain, "date")


# --- numbers and durations ---------------------------------------------------------------------------

PART_RE = re.compile(rf"(?P<n>{NUMBER})(?P<h1>{HALF})\s+{FILLER}(?P<unit>{UNIT})(?P<h2>{HALF})")


LENGTH_VALUE_RE = re.compile(
    rf"(?P<lo>{NUMBER})(?:\s*(?:[-–]|\s(?i:to|and|or)\s)\s*(?P<hi>{NUMBER}))?"
    rf"[- ]+{FILLER}(?P<unit>{UNIT_WORDS})"
)


def length(text: str) -> tuple[float, float, str] | None:
    """The length a duration's words give, as (low, high, unit): "between 10 and 14 days" -> (10, 14,
    "day"), "a 180-day truce" -> (180, 180, "day"). Positions put these on the table as values."""
    hit = LENGTH_VALUE_RE.search(text)
    if hit is None:
        return None
    low = _number(hit["lo"])
    high = _number(hit["hi"]) if hit["hi"] else low
    if low is None or high is None or low > high:
        return None
    return low, high, _unit_name(hit["unit"])


def _number(text: str) -> float | None:
    words = text.lower().replace("-", " ").split()
    phrase = " ".join(words)
    if phrase in ("a", "an", "a single"):
        return 1.0
    if phrase == "a dozen":
        return 12.0
    if phrase.startswith("half "):
        return 0.5
    digits = phrase.replace(",", "")
    if digits.replace(".", "", 1).isdigit():
        return float(digits)
    if words and all(w in NUMBER_WORDS for w in words):
        return float(sum(NUMBER_WORDS[w] for w in words))
    return None


def _unit_name(word: str) -> str:
    word = word.lower()
    return "century" if word.startswith("centur") else word.removesuffix("s")


def _duration_parts(text: str) -> tuple[list[tuple[float, str]], int] | None:
    """The (number, unit) parts of "two years, three months and a day", and where the last one ends.

    Parts must go from larger units to smaller: "a fortnight, a dozen years" is two lengths, not one.
    """
    parts: list[tuple[float, str]] = []
    end = 0
    for m in PART_RE.finditer(text):
        n, unit = _number(m["n"]), _unit_name(m["unit"])
        if n is None:
            return None
        if parts and UNIT_RANK.index(UNITS[unit][0]) <= UNIT_RANK.index(UNITS[parts[-1][1]][0]):
            break
        parts.append((n + (0.5 if m["h1"] or m["h2"] else 0), unit))
        end = m.end()
    return (parts, end) if parts else None


def _iso_period(parts: list[tuple[float, str]]) -> str | None:
    amounts: dict[str, float] = {}
    for n, unit in parts:
        designator = UNITS[unit][0]
        n *= UNIT_FACTOR.get(unit, 1)
        whole, fraction = int(n), n - int(n)
        if whole:
            amounts[designator] = amounts.get(designator, 0) + whole
        if fraction and designator in HALF_OF:
            size, smaller = HALF_OF[designator]
            amounts[smaller] = amounts.get(smaller, 0) + size * fraction * 2
        elif fraction:
            amounts[designator] = amounts.get(designator, 0) + fraction
    if not amounts:
        return None
    if set(amounts) == {"W"}:
        return f"P{_num(amounts['W'])}W"
    if "W" in amounts:
        amounts["D"] = amounts.get("D", 0) + amounts.pop("W") * 7
    date = "".join(f"{_num(amounts[k])}{k}" for k in ("Y", "M", "D") if k in amounts)
    time = "".join(f"{_num(amounts[k])}{k[0]}" for k in ("H", "MIN", "S") if k in amounts)
    return "P" + date + ("T" + time if time else "")


def _num(value: float) -> str:
    return str(int(value)) if value == int(value) else f"{value:g}"


# --- handlers: one per pattern ------------------------------------------------------------------------

Handler = Callable[[Hit, Context], "Found | None"]


def _month_day(hit: Hit, ctx: Context) -> Found | None:
    month = MONTHS[hit["m"] or hit["m2"] or ""]
    day = int(hit["d"] or hit["d2"] or 0)
    year = hit["y"] or hit["y_end"]
    value: dt.date | None = None
    if year:
        value = _safe_date(int(year), month, day)
        if value is None:
            return None
    elif ctx.published is not None:
        rel = hit.lower("rel_md")
        base = ctx.published.year + {"last": -1, "next": 1}.get(rel or "", 0)
        candidates = [
            d for y in ([base] if rel else [base - 1, base, base + 1]) if (d := _safe_date(y, month, day))
        ]
        if hit["wd"]:
            candidates = [d for d in candidates if WEEKDAYS[d.weekday()] == hit["wd"]] or candidates
        value = _pick(candidates, ctx.published, _effective_tense(hit.prep, ctx.tense(hit.start, hit.end)))
        if value is None:
            return None
    if not hit["d_end"]:
        return hit.found("date", Point(value, "day") if value else None, explicit=True)
    end_day = int(hit["d_end"])
    last = _safe_date(value.year, value.month, end_day) if value and end_day > day else None
    if value is not None and last is None:
        return None
    return hit.found(
        "range",
        Point(value, "day") if value else None,
        until=Point(last, "day") if last else None,
        explicit=True,
    )


def _holiday(hit: Hit, ctx: Context) -> Found | None:
    holiday = "christmas" if (hit.lower("holiday") or "").startswith("christmas") else "new year"
    which = hit.lower("which")
    if not (which or hit.prep) or (holiday, which) not in HOLIDAYS:
        return None  # "Christmas orders", "New Year celebrations"
    month, day = HOLIDAYS[holiday, which]
    if ctx.published is None:
        return hit.found("date")
    candidates = [dt.date(ctx.published.year + k, month, day) for k in (-1, 0, 1)]
    value = _pick(candidates, ctx.published, _effective_tense(hit.prep, ctx.tense(hit.start, hit.end)))
    return hit.found("date", Point(value, "day") if value else None, explicit=True)


def _iso_date(hit: Hit, ctx: Context) -> Found | None:
    value = _safe_date(int(hit["y"] or 0), int(hit["m"] or 0), int(hit["d"] or 0))
    return hit.found("date", Point(value, "day"), explicit=True) if value else None


def _numeric_date(hit: Hit, ctx: Context) -> Found | None:
    if len(hit["y"] or "") != 4:
        return None
    a, b, year = int(hit["a"] or 0), int(hit["b"] or 0), int(hit["y"] or 0)
    # Day first is the reading of most of the world; month first only where day first is impossible.
    value = _safe_date(year, b, a) or _safe_date(year, a, b)
    return hit.found("date", Point(value, "day"), explicit=True) if value else None


def _month(hit: Hit, ctx: Context) -> Found | None:
    name = (hit["month"] or "").rstrip(".")
    edge, mod, mrel, rel, year, week = (hit.lower(k) for k in ("edge", "mod", "mrel", "rel", "year", "week"))
    if name not in FULL_MONTHS and not year:
        return None
    if not (hit.prep or edge or mod or mrel or rel or year or week):
        return None  # a bare month name is as often a person ("April", "June") as a time
    if not (year or mod or edge or mrel or rel or week) and _is_person(ctx, hit.m.start("month")):
        return None
    value = _month_start(hit, ctx, MONTHS[name])
    if week and value is not None:
        ordinal = week.split()[-2]
        if ordinal in ("last", "final"):
            day = _last_day(Point(value, "month")).date
        else:
            day = value + dt.timedelta(days=7 * (ORDINALS[ordinal] - 1))
        return hit.found("week", Point(_grain_start(day, "week"), "week"), explicit=True)
    return _edged(hit, Point(value, "month") if value else None, edge, "week" if week else "month")


def _month_start(hit: Hit, ctx: Context, month: int) -> dt.date | None:
    """The first day of the month named: of the year given, or the one the clause's tense points to."""
    year, rel, mrel = hit["year"], hit.lower("rel"), hit.lower("mrel")
    if year:
        return dt.date(int(year), month, 1)
    if ctx.published is None:
        return None
    if rel:
        return dt.date(ctx.published.year + {"last": -1, "next": 1}.get(rel, 0), month, 1)
    current = ctx.published.replace(day=1)
    candidates = [dt.date(current.year + k, month, 1) for k in (-1, 0, 1)]
    if mrel == "last":
        return max(c for c in candidates if c < current)
    if mrel == "next":
        return min(c for c in candidates if c > current)
    if mrel == "this":
        return candidates[1]
    return _pick(candidates, current, _effective_tense(hit.prep, ctx.tense(hit.start, hit.end)))


def _is_person(ctx: Context, offset: int) -> bool:
    token = ctx.token_at(offset)
    return token is not None and token.ent_type_ == "PERSON"


def _edged(hit: Hit, point: Point | None, edge: str | None, kind: str) -> Found:
    """A period, or its last day when a deadline names its end ("by the end of November")."""
    if point is not None and edge and ("end" in edge or "close" in edge) and hit.prep in DEADLINE_PREPS:
        return hit.found("date", _last_day(point), explicit=True)
    return hit.found(kind, point, explicit=True)


def _year(hit: Hit, ctx: Context) -> Found | None:
    edge, mod = hit.lower("edge"), hit.lower("mod")
    year = int(hit["year"] or 0)
    if not (hit.prep or edge or mod) and not _counts_as_year(hit, ctx):
        return None
    point = Point(dt.date(year, 1, 1), "year")
    end = hit["year_end"]
    if not end:
        return _edged(hit, point, edge, "year")
    end_year = int(end) if len(end) == 4 else year // 100 * 100 + int(end)
    if not 0 < end_year - year <= 50:
        return None
    return hit.found("range", point, until=Point(dt.date(end_year, 1, 1), "year"), explicit=True)


def _counts_as_year(hit: Hit, ctx: Context) -> bool:
    """A bare four-digit number is a year unless it counts or names something ("2000 people")."""
    if not ctx.parsed:
        return not _LOWER_WORD_NEXT.match(ctx.text, hit.end, hit.end + 3)
    token = ctx.token_at(hit.m.start("year"))
    if token is None or token.ent_type_ in ("MONEY", "PERCENT", "QUANTITY", "CARDINAL", "ORDINAL"):
        return False
    if token.dep_ == "nummod" and token.head.tag_ in ("NNS", "NNPS"):
        return False
    # A number right after the noun it belongs to labels that noun ("Flight 2020", "Resolution 2254").
    return not (token.head.i == token.i - 1 and token.head.pos_ in ("NOUN", "PROPN"))


def _decade(hit: Hit, ctx: Context) -> Found | None:
    start = int(hit["decade"] or 0)
    first, last = Point(dt.date(start, 1, 1), "year"), Point(dt.date(start + 9, 1, 1), "year")
    return hit.found("range", first, until=last, explicit=True)


def _half(hit: Hit, ctx: Context) -> Found | None:
    if hit["q"]:
        quarter = hit["q"] or ""
        size, index, year = (3 if quarter[0] == "Q" else 6), int(quarter[1]), int(hit["qyear"] or 0)
    else:
        size = 6 if hit.lower("part") == "half" else 3
        ordinal = hit.lower("ord") or ""
        index = 12 // size if ordinal in ("final", "last") else ORDINALS[ordinal]
        if hit["year"]:
            year = int(hit["year"] or 0)
        elif ctx.published is not None:
            year = ctx.published.year + {"last": -1, "next": 1}.get(hit.lower("rel") or "", 0)
        else:
            return hit.found("range")
    if index > 12 // size:
        return None
    first, last = dt.date(year, (index - 1) * size + 1, 1), dt.date(year, index * size, 1)
    return hit.found("range", Point(first, "month"), until=Point(last, "month"), explicit=True)


def _season(hit: Hit, ctx: Context) -> Found | None:
    rel = hit.lower("rel")
    if hit["year"]:
        return hit.found("year", Point(dt.date(int(hit["year"] or 0), 1, 1), "year"), explicit=True)
    if rel in (None, "the"):
        return None  # "the summer" without a year: which one is anybody's guess
    if ctx.published is None:
        return hit.found("year")
    year = ctx.published.year + {"last": -1, "next": 1}.get(rel or "", 0)
    return hit.found("year", Point(dt.date(year, 1, 1), "year"))


def _relative(hit: Hit, ctx: Context) -> Found | None:
    rel, unit, edge = hit.lower("rel") or "", hit.lower("unit") or "", hit.lower("edge")
    if rel == "the" and unit == "weekend":
        return _weekend(hit, ctx, None)
    if rel == "the" and not edge:
        return None
    if rel in ("previous", "following"):
        step_unit = "year" if unit == "decade" else unit
        return hit.found(_kind(step_unit), shift=Shift(1, step_unit, 1 if rel == "following" else -1, False))
    if rel in ("past", "coming"):
        lengths = {"week": "P1W", "weekend": "P2D", "month": "P1M", "year": "P1Y", "decade": "P10Y"}
        return hit.found("duration", duration=lengths[unit])
    step = {"last": -1, "next": 1}.get(rel, 0)
    if unit == "weekend":
        return _weekend(hit, ctx, step)
    if ctx.published is None:
        return hit.found("range" if unit == "decade" else _kind(unit))
    if unit == "decade":
        start = ctx.published.year // 10 * 10 + 10 * step
        first, last = Point(dt.date(start, 1, 1), "year"), Point(dt.date(start + 9, 1, 1), "year")
        return hit.found("range", first, until=last)
    grain: Grain = "week" if unit == "week" else "month" if unit == "month" else "year"
    moved = _shift(ctx.published, step, unit)
    return _edged(hit, Point(_grain_start(moved, grain), grain), edge, _kind(grain)) if moved else None


def _weekend(hit: Hit, ctx: Context, step: int | None) -> Found | None:
    if ctx.published is None:
        return hit.found("range")
    saturday = ctx.published + dt.timedelta(days=5 - ctx.published.weekday())
    if step is None:
        tense = _effective_tense(hit.prep, ctx.tense(hit.start, hit.end))
        step = -1 if tense in ("past", "pluperfect", "unknown") and ctx.published.weekday() < 5 else 0
    saturday += dt.timedelta(days=7 * step)
    return hit.found("range", Point(saturday, "day"), until=Point(saturday + dt.timedelta(days=1), "day"))


def _deictic(hit: Hit, ctx: Context) -> Found | None:
    word = hit.lower("word") or ""
    if ctx.published is None:
        return hit.found("date")
    if word.startswith("the day"):
        offset = -2 if word.endswith("yesterday") else 2
    else:
        offset = (
            -1 if word.startswith(("yesterday", "last night")) else 1 if word.startswith("tomorrow") else 0
        )
    return hit.found("date", Point(ctx.published + dt.timedelta(days=offset), "day"))


def _weekday(hit: Hit, ctx: Context) -> Found | None:
    words_before = ctx.text[max(0, hit.m.start("wd") - 8) : hit.m.start("wd")].split()
    if not (hit["mod"] or hit.prep) and words_before and words_before[-1] in NAMED_DAY_PREFIXES:
        return None
    following = _CAPITALISED_WORD_NEXT.match(ctx.text, hit.end, hit.end + 40)
    if not (hit["poss"] or hit["part"] or hit["wd_end"]) and following and following["word"] not in MONTHS:
        return None  # "Sunday Times", "Saturday Night Live"
    end = _possessed_noun_end(hit, ctx) if hit["poss"] else hit.end
    mod = hit.lower("mod")
    if ctx.published is None:
        return Found(hit.start, end, "date", prep=hit.prep)
    weekday = WEEKDAYS.index(hit["wd"] or "")
    day = _resolve_weekday(ctx.published, weekday, mod, _effective_tense(hit.prep, ctx.tense(hit.start, end)))
    if hit["wd_end"]:
        last = day + dt.timedelta(days=(WEEKDAYS.index(hit["wd_end"] or "") - weekday) % 7)
        return Found(hit.start, end, "range", Point(day, "day"), Point(last, "day"), prep=hit.prep)
    return Found(hit.start, end, "date", Point(day, "day"), prep=hit.prep)


def _possessed_noun_end(hit: Hit, ctx: Context) -> int:
    """ "Wednesday's meeting" reads as one expression; "Sunday's final flights" stops at the weekday."""
    if not ctx.parsed:
        return hit.end
    token = ctx.token_at(hit.end + 1)
    if token is not None and token.idx > hit.end and token.tag_ in ("NN", "NNS") and token.text.islower():
        return token.idx + len(token.text)
    return hit.end


def _resolve_weekday(published: dt.date, weekday: int, mod: str | None, tense: Tense) -> dt.date:
    back = (published.weekday() - weekday) % 7
    ahead = (weekday - published.weekday()) % 7
    if mod == "last":
        return published - dt.timedelta(days=back or 7)
    if mod in ("next", "coming"):
        return published + dt.timedelta(days=ahead or 7)
    if mod == "this":
        return published + dt.timedelta(days=weekday - published.weekday())
    # News names the past week's days; a clause that looks ahead (or a present one, "happens on Sunday")
    # names the coming ones, and a plain future on the day itself means later that day.
    if tense == "future" or (tense == "present" and back):
        return published + dt.timedelta(days=ahead)
    return published - dt.timedelta(days=back)


def _length(hit: Hit, ctx: Context) -> Found | None:
    """A length of time, alone ("for 90 days"), back from publication ("two days ago") or in the story."""
    parsed = _duration_parts(hit["dur"] or "")
    if parsed is None:
        return None
    parts, length = parsed
    tail = (hit.lower("tail") or "").split()[0] if hit["tail"] else None
    if tail and length == len(hit["dur"] or "") and not (hit.prep and tail in ("after", "before", "prior")):
        return _ago(hit, ctx, parts) if tail == "ago" else _offset(hit, parts, tail)
    return _duration(hit, ctx, parts, hit.m.start("dur") + length)


def _ago(hit: Hit, ctx: Context, parts: list[tuple[float, str]]) -> Found | None:
    duration = _iso_period(parts)
    if ctx.published is None or hit.lower("qual") in LOOKING_BACK_QUALIFIERS or len(parts) != 1:
        return hit.found("date", duration=duration)
    amount, unit = parts[0]
    grain = UNITS[unit][1]
    moved = _shift(ctx.published, -amount, unit)
    point = Point(_grain_start(moved, grain), grain) if moved else None
    return hit.found(_kind(grain), point, duration=duration) if point else None


def _offset(hit: Hit, parts: list[tuple[float, str]], tail: str) -> Found | None:
    duration = _iso_period(parts)
    if tail == "on" or len(parts) != 1:
        return hit.found("duration", duration=duration)
    amount, unit = parts[0]
    sign = -1 if tail in ("earlier", "before", "prior") else 1
    # "later" counts from the story's last date; "after the deadline" only takes a date set beside it.
    shift = Shift(amount, unit, sign, needs_neighbour=tail in ("after", "before", "prior"))
    return hit.found("date", duration=duration, shift=shift)


def _story(hit: Hit, ctx: Context) -> Found | None:
    """Words that move along the story's own timeline: "hours later", "the next day", "that week"."""
    if hit["vague"]:
        return hit.found("date", shift=Shift(0, "day", 1, False))
    rel, unit = hit.lower("rel") or "", hit.lower("runit")
    if rel.startswith("the day "):
        sign = 1 if rel.endswith("after") else -1
        return None if unit else hit.found("date", shift=Shift(1, "day", sign, False))
    if not unit:
        return None
    sign = {"the next": 1, "the following": 1, "the previous": -1}.get(rel, 0)
    return hit.found(_kind(unit), shift=Shift(abs(sign), unit, sign or 1, False))


def _duration(hit: Hit, ctx: Context, parts: list[tuple[float, str]], end: int) -> Found | None:
    number = " ".join((hit["n"] or "").lower().split())
    if number in ("a", "an") and parts == [(1, "second")]:
        return None  # "a second round"
    if number in ("a", "an", "half a", "half an") and not (
        hit.prep or hit["qual"] or hit["period"] or _measures(hit, ctx)
    ):
        return None  # "$39 an hour", "2.6% a year" are rates, not lengths of time
    if _AGE_NEXT.match(ctx.text, end, end + 8) or NOT_A_LENGTH.search(
        ctx.text, max(0, hit.start - 8), hit.start
    ):
        return None
    if end == hit.m.end("dur"):
        end = _measured_activity_end(ctx, end)
    return Found(hit.start, end, "duration", duration=_iso_period(parts))


def _measures(hit: Hit, ctx: Context) -> bool:
    """ "lasted a fortnight", "waited an hour": the object of a verb, not a rate after a quantity."""
    if not ctx.parsed or _QUANTITY_BEFORE.search(ctx.text, max(0, hit.start - 8), hit.start):
        return False
    token = ctx.token_at(hit.m.start("dur"))
    unit = token.head if token is not None else None
    return unit is not None and unit.dep_ in ("dobj", "npadvmod") and unit.head.pos_ == "VERB"


def _measured_activity_end(ctx: Context, end: int) -> int:
    """ "after two days of talks": a length of time takes the activity it measures."""
    if not ctx.parsed or not _OF_NOUN_NEXT.match(ctx.text, end, end + 6):
        return end
    of = ctx.token_at(end + 1)
    if of is None or of.lower_ != "of":
        return end
    objects = [c for c in of.children if c.dep_ == "pobj" and c.tag_ in ("NN", "NNS") and c.text.islower()]
    if not objects or objects[0].i - of.i > 3:
        return end
    return objects[0].idx + len(objects[0].text)


def _duration_range(hit: Hit, ctx: Context) -> Found | None:
    low, high = _number(hit["lo"] or ""), _number(hit["hi"] or "")
    if low is None or high is None or low >= high:
        return None
    return hit.found("duration")


def _compound(hit: Hit, ctx: Context) -> Found | None:
    if hit["long"]:
        return hit.found("duration", duration=_iso_period([(1, hit.lower("long") or "")]))
    n = _number(hit["n"] or "")
    if not n:
        return None
    return hit.found("duration", duration=_iso_period([(n, hit.lower("unit") or "")]))


def _vague(hit: Hit, ctx: Context) -> Found | None:
    return hit.found("vague")


def _clock(hit: Hit, ctx: Context) -> Found | None:
    if (hit["h2"] or hit["named"]) and not (hit.prep or hit["zone"]):
        return None  # "21:45" alone may be a score or a verse; "at 21:45" is a time
    hour = int(hit["h"] or hit["h2"] or 0)
    if hour > (12 if hit["ap"] else 23):
        return None
    return hit.found("time", clock=True)


def _anchored(text: str, lowered: str, published: dt.date | None) -> Iterator[Found]:
    """Counts of days from the dated event an article is about ("the 1,078th day of the invasion")."""
    windows = _windows(COUNT_TRIGGER, lowered, COUNT_WINDOW)
    if not windows:
        return
    knowledge = anchors()
    counts = [
        (m, offset, kind)
        for patterns, offset, kind in ((knowledge.elapsed, 0, "duration"), (knowledge.ordinal, -1, "date"))
        for pattern in patterns
        for low, high in windows
        for m in pattern.finditer(text, low, high)
    ]
    if not counts:
        return
    scored = [(sum(len(p.findall(text)) for p in a.context), a) for a in knowledge.anchors]
    anchor = max(scored, key=lambda sa: sa[0])
    for m, offset, kind in counts:
        n = int(m["n"].replace(",", ""))
        date = anchor[1].date + dt.timedelta(days=n + offset)
        near = anchor[0] > 0 and (abs(date - published) <= ANCHOR_SLACK if published else n >= 100)
        start = m.start() - 3 if lowered[max(0, m.start() - 3) : m.start()] == "on " else m.start()
        duration = f"P{n}D" if kind == "duration" else None
        yield Found(start, m.end(), kind, Point(date, "day") if near else None, duration=duration)


@dataclass(frozen=True, slots=True)
class Rule:
    """A pattern, what it means, the prepositions it takes, and the cheap trigger that must be near."""

    pattern: re.Pattern[str]
    handler: Handler
    trigger: re.Pattern[str]
    before: re.Pattern[str] | None = None


DATE_BEFORE = _before_pattern(DATE_PREPS)
DURATION_BEFORE = _before_pattern(DURATION_PREPS)
RULES = (
    Rule(MONTH_DAY_RE, _month_day, MONTH_TRIGGER, DATE_BEFORE),
    Rule(ISO_RE, _iso_date, YEAR_TRIGGER, DATE_BEFORE),
    Rule(NUMERIC_RE, _numeric_date, NUMERIC_TRIGGER, DATE_BEFORE),
    Rule(HALF_RE, _half, HALF_TRIGGER, DATE_BEFORE),
    Rule(MONTH_RE, _month, MONTH_TRIGGER, DATE_BEFORE),
    Rule(DECADE_RE, _decade, YEAR_TRIGGER, DATE_BEFORE),
    Rule(YEAR_RE, _year, YEAR_TRIGGER, DATE_BEFORE),
    Rule(SEASON_RE, _season, SEASON_TRIGGER, DATE_BEFORE),
    Rule(HOLIDAY_RE, _holiday, HOLIDAY_TRIGGER, DATE_BEFORE),
    Rule(RELATIVE_RE, _relative, RELATIVE_TRIGGER, DATE_BEFORE),
    Rule(DEICTIC_RE, _deictic, DEICTIC_TRIGGER, DATE_BEFORE),
    Rule(WEEKDAY_RE, _weekday, WEEKDAY_TRIGGER, DATE_BEFORE),
    Rule(LENGTH_RE, _length, UNIT_TRIGGER, DURATION_BEFORE),
    Rule(STORY_RE, _story, UNIT_TRIGGER),
    Rule(DURATION_RANGE_RE, _duration_range, UNIT_TRIGGER, DURATION_BEFORE),
    Rule(COMPOUND_RE, _compound, UNIT_TRIGGER),
    Rule(VAGUE_RE, _vague, UNIT_TRIGGER),
    Rule(CLOCK_RE, _clock, CLOCK_TRIGGER, _before_pattern(CLOCK_PREPS)),
)


# --- the extractor ---------------------------------------------------------------------------------


def find_times(doc: Doc, published: dt.date | None) -> list[TimeExpression]:
    """Every time expression in doc.text, in text order, non-overlapping, with its value."""
    text = text_of(doc)[:MAX_CHARS]
    lowered = text.translate(ASCII_LOWER)
    ctx = Context(doc, text, published, doc.has_annotation("DEP"))
    candidates = list(_anchored(text, lowered, published))
    windows: dict[re.Pattern[str], list[tuple[int, int]]] = {}
    for rule in RULES:
        if rule.trigger not in windows:
            windows[rule.trigger] = _windows(
                rule.trigger, text if rule.trigger in CASED_TRIGGERS else lowered
            )
        for hit in _hits(rule, text, windows[rule.trigger]):
            try:
                found = rule.handler(hit, ctx)
            except (ValueError, OverflowError):  # arithmetic off the calendar's ends (year 1, year 9999)
                continue
            if found is not None and found.prep in ("every", "each"):
                found = replace(found, kind="set", value=None, until=None)  # "every Tuesday" recurs
            if found is not None and found.end > found.start:
                candidates.append(found)
    chosen = _non_overlapping(candidates)
    chosen = _with_clock_days(chosen, text, published)
    chosen = _with_ranges(chosen, text)
    chosen = _with_shifts(chosen, text)
    return [f.expression(text) for f in chosen]


def _windows(trigger: re.Pattern[str], text: str, around: tuple[int, int] = WINDOW) -> list[tuple[int, int]]:
    """The stretches of text around a rule's trigger words: only there can the rule match."""
    left, right = around
    spans: list[tuple[int, int]] = []
    for m in trigger.finditer(text):
        start, end = max(0, m.start() - left), min(len(text), m.end() + right)
        if spans and start <= spans[-1][1]:
            spans[-1] = (spans[-1][0], end)
        else:
            spans.append((start, end))
    return spans


def _hits(rule: Rule, text: str, windows: list[tuple[int, int]]) -> Iterator[Hit]:
    for low, high in windows:
        for m in rule.pattern.finditer(text, low, high):
            if m.end() == m.start():
                continue
            prep = rule.before.search(text, max(0, m.start() - 24), m.start()) if rule.before else None
            if prep is None:
                yield Hit(m, None, m.start())
            else:
                yield Hit(m, " ".join(prep["prep"].lower().split()), prep.start())


def _non_overlapping(candidates: list[Found]) -> list[Found]:
    """The longest expressions win; a shorter one that overlaps a kept one is dropped."""
    starts: list[int] = []
    kept: list[Found] = []
    for found in sorted(candidates, key=lambda f: (f.start - f.end, f.start)):
        i = bisect.bisect_left(starts, found.start)
        if (i < len(kept) and kept[i].start < found.end) or (i and kept[i - 1].end > found.start):
            continue
        starts.insert(i, found.start)
        kept.insert(i, found)
    return kept


def _with_clock_days(found: list[Found], text: str, published: dt.date | None) -> list[Found]:
    """A clock time takes the day beside it ("at 7 a.m. on Tuesday"), its sentence's, or publication's."""
    out: list[Found] = []
    i = 0
    while i < len(found):
        current = found[i]
        following = found[i + 1] if i + 1 < len(found) else None
        if following is not None and current.clock != following.clock:
            day = following if current.clock else current
            if not text[current.end : following.start].strip() and day.value and day.value.grain == "day":
                out.append(Found(current.start, following.end, "time", day.value))
                i += 2
                continue
        if current.clock:
            current = replace(current, value=_day_of_sentence(out, text, current.start, published))
        out.append(current)
        i += 1
    return out


def _with_ranges(found: list[Found], text: str) -> list[Found]:
    """ "between 2015 and 2018", "from March to May": two expressions that together close a range."""
    out: list[Found] = []
    for current in found:
        previous = out[-1] if out else None
        if previous is not None and _joined(previous, current, text):
            until = current.value
            out[-1] = Found(previous.start, current.end, "range", previous.value, until, prep=previous.prep)
        else:
            out.append(current)
    return out


def _joined(first: Found, second: Found, text: str) -> bool:
    if first.value is None or second.value is None or first.value.grain != second.value.grain:
        return False
    if first.until is not None or second.until is not None or first.value.date >= second.value.date:
        return False
    gap = text[first.end : second.start]
    if first.prep == "between":
        return bool(_AND_GAP.fullmatch(gap))
    return first.prep == "from" and (second.prep in ("to", "until", "till", "through") and not gap.strip())


def _day_of_sentence(before: list[Found], text: str, start: int, published: dt.date | None) -> Point | None:
    sentence = _sentence_start(text, start)
    for found in reversed(before):
        if found.end <= sentence:
            break
        if found.value is not None and found.value.grain == "day":
            return found.value
    return Point(published, "day") if published else None


def _with_shifts(found: list[Found], text: str) -> list[Found]:
    """Narrative offsets: a date set beside one is its value, else it counts from the story's last date."""
    out = list(found)
    story: Found | None = None
    for i, current in enumerate(out):
        if current.explicit and current.value is not None:
            story = current
        shift = current.shift
        if shift is None:
            continue
        value: Point | None = None
        neighbour = _neighbour(out, i, text)
        if neighbour is not None:
            value = neighbour.value
        elif (
            not shift.needs_neighbour
            and story
            and story.value
            and current.start - story.end <= NARRATIVE_REACH
        ):
            moved = _shift(story.value.date, shift.sign * shift.amount, shift.unit)
            value = Point(_grain_start(moved, story.value.grain), story.value.grain) if moved else None
        if value is not None:
            out[i] = replace(current, value=value, kind=_kind(value.grain))
    return out


def _apposed(text: str, left_end: int, right_start: int) -> bool:
    return right_start - left_end < 8 and bool(_APPOSITION_GAP.fullmatch(text, left_end, right_start))


def _neighbour(found: list[Found], i: int, text: str) -> Found | None:
    """A dated expression set beside this one ("on July 24, a day after ...", "Hours later, on Wednesday")."""
    if i and found[i - 1].value is not None and _apposed(text, found[i - 1].end, found[i].start):
        return found[i - 1]
    following = found[i + 1] if i + 1 < len(found) else None
    if (
        following is not None
        and following.value is not None
        and _apposed(text, found[i].end, following.start)
    ):
        return following
    return None
