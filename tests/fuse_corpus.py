"""Hand-built article records for the fuse tests: several outlets on the Gaza talks, a wage dispute and
the Ukraine talks, with evidence offsets that index their bodies as the extractors' would."""

from __future__ import annotations

import hashlib
import re
from typing import Any

Record = dict[str, Any]
TRIGGER = re.compile(r"\b(?:recalled|withdrew|met|return|stalled)\b")


def value(low: float, unit: str, per: str | None = None, high: float | None = None) -> Record:
    return {"min": low, "max": low if high is None else high, "unit": unit, "per": per}


class Article:
    """One document and the records an extractor would have found in it."""

    def __init__(self, outlet: str, date: str | None, body: str, names: dict[str, str]) -> None:
        self.body, self.date = body, date
        self.id = hashlib.sha256(body.encode()).hexdigest()
        self.document = {
            "id": self.id,
            "source": f"{outlet.lower()}.txt",
            "outlet": outlet,
            "title": body.split(".")[0],
            "byline": [],
            "published": {"date": date, "basis": "given"},
            "body": body,
            "removed": [],
        }
        self.events: list[Record] = []
        self.positions: list[Record] = []
        self.quotes: list[Record] = []
        self.mentions = [
            {**self.span_at(m.start(), m.end()), "actor": actor}
            for surface, actor in names.items()
            for m in re.finditer(rf"\b{re.escape(surface)}\b", body)
        ]

    def span_at(self, start: int, end: int) -> Record:
        return {"doc": self.id, "start": start, "end": end, "text": self.body[start:end]}

    def span(self, text: str) -> Record:
        start = self.body.index(text)
        return self.span_at(start, start + len(text))

    def event(self, text: str, type: str, mode: str | None, actors: list[str], **fields: Any) -> Record:
        event = {
            **self.span(text),
            "id": f"{self.id[:12]}-e{len(self.events) + 1}",
            "type": type,
            "mode": mode,
            "trigger": self.span(TRIGGER.findall(text)[0]),
            "actors": actors,
            "targets": [],
            "location": None,
            "date": self.date,
            "date_basis": "clause",
            "negated": False,
            "hypothetical": False,
            "according_to": None,
            **fields,
        }
        self.events.append(event)
        return event

    def position(self, text: str, party: str, issue: str, stance: str, **fields: Any) -> Record:
        position = {
            **self.span(text),
            "id": f"{self.id[:12]}-p{len(self.positions) + 1}-{issue}",
            "party": party,
            "issue": issue,
            "stance": stance,
            "profile": "gaza-2023",
            "value": None,
            "object": None,
            "date": self.date,
            "date_basis": "publication",
            "according_to": None,
            "responds_to": [],
            **fields,
        }
        self.positions.append(position)
        return position

    def quote(self, text: str, speaker: str | None, speaker_text: str, **fields: Any) -> Record:
        quote = {
            **self.span(text),
            "kind": "direct",
            "cue": "said",
            "speaker": {
                "actor": speaker,
                "text": speaker_text,
                "anonymous": False,
                "country": None,
                **fields,
            },
            "via": [],
        }
        self.quotes.append(quote)
        return quote

    def record(self) -> Record:
        """This document's slice, as a story index takes it."""
        return {
            "document": self.document,
            "events": self.events,
            "positions": self.positions,
            "quotes": self.quotes,
            "mentions": self.mentions,
        }


def analysis_record(*articles: Article) -> Record:
    """The `analyze --json` shape of several articles."""
    return {
        "documents": [a.document for a in articles],
        "events": [e for a in articles for e in a.events],
        "positions": [p for a in articles for p in a.positions],
        "quotes": [q for a in articles for q in a.quotes],
        "mentions": [m for a in articles for m in a.mentions],
    }


GAZA_NAMES = {
    "Israel": "israel",
    "Israeli": "israel",
    "Hamas": "hamas",
    "Witkoff": "steve-witkoff",
    "Qatar": "qatar",
    "Netanyahu": "benjamin-netanyahu",
    "United States": "united-states",
    "US": "united-states",
    "Trump": "donald-trump",
}


def ynet_may() -> Article:
    a = Article(
        "Ynetnews",
        "2025-05-22",
        "Israel on Thursday recalled its remaining delegation from Doha after indirect negotiations with Hamas "
        "over a hostage deal stalled, an Israeli official said. Hamas has demanded that the United States "
        "provide guarantees for a permanent ceasefire. Israeli officials rejected those demands. Witkoff said: "
        "“Hamas must accept the framework now, there is no more time to waste.” Netanyahu said Israel "
        "accepted the Witkoff framework and that Qatar was informed.",
        GAZA_NAMES,
    )
    a.event(
        "Israel on Thursday recalled its remaining delegation from Doha",
        "SANCTION",
        "withdraw",
        ["israel"],
        location="Doha",
        according_to="anon-ynet0000-israeli-official",
    )
    a.position(
        "Hamas has demanded that the United States provide guarantees", "hamas", "guarantees", "demand"
    )
    a.position("Israeli officials rejected those demands", "israel", "guarantees", "reject")
    a.quote(
        "Hamas must accept the framework now, there is no more time to waste.", "steve-witkoff", "Witkoff"
    )
    return a


def toi_may() -> Article:
    a = Article(
        "Times of Israel",
        "2025-05-22",
        "Israel recalled its negotiating team from Doha on Thursday as talks with Hamas on a hostage and "
        "ceasefire deal stalled. Netanyahu said the team would return if Hamas accepts the proposal. Witkoff "
        "told reporters that “Hamas must accept the framework now; there is no more time to waste,” adding "
        "that the United States and Qatar would keep working with Israel.",
        GAZA_NAMES,
    )
    a.event(
        "Israel recalled its negotiating team from Doha on Thursday",
        "SANCTION",
        "withdraw",
        ["israel"],
        location="Doha",
    )
    a.event(
        "the team would return if Hamas accepts",
        "CONSULT",
        None,
        ["israel"],
        hypothetical=True,
        according_to="benjamin-netanyahu",
    )
    a.quote(
        "Hamas must accept the framework now; there is no more time to waste,", "steve-witkoff", "Witkoff"
    )
    return a


def caliber_july() -> Article:
    a = Article(
        "Caliber.Az",
        "2025-07-24",
        "The US and Israel withdrew their delegations from Doha on July 24, Witkoff said. Hamas reportedly "
        "demanded the release of 20 life-sentenced prisoners for every living Israeli hostage, while Israel "
        "offered 10. Palestinian sources said Hamas is willing to allow a buffer of 700–1,200 metres inside "
        "Gaza. Qatar said talks with Hamas would resume.",
        GAZA_NAMES,
    )
    a.event(
        "The US and Israel withdrew their delegations from Doha on July 24",
        "SANCTION",
        "withdraw",
        ["united-states", "israel"],
        location="Doha",
    )
    per = "living Israeli hostage"
    a.position(
        "Hamas reportedly demanded the release of 20 life-sentenced prisoners for every living Israeli hostage",
        "hamas",
        "prisoners_per_hostage",
        "demand",
        value=value(20, "prisoners", per),
        object="the release of 20 life-sentenced prisoners for every living Israeli hostage",
    )
    a.position(
        "while Israel offered 10",
        "israel",
        "prisoners_per_hostage",
        "offer",
        value=value(10, "prisoners", per),
        object="10",
    )
    a.position(
        "Hamas is willing to allow a buffer of 700–1,200 metres inside Gaza",
        "hamas",
        "buffer_zone",
        "willing",
        value=value(700, "metre", high=1200),
        according_to="anon-calib000-palestinian-sources",
    )
    return a


def teamsters_ups() -> Article:
    a = Article(
        "Reuters",
        "2025-07-20",
        "The Teamsters demanded a 6% pay rise over three years, while UPS offered 3.5%. The Teamsters said "
        "talks with UPS in Atlanta would resume next week, and UPS said it hoped for a deal before the "
        "contract expires.",
        {"Teamsters": "teamsters", "UPS": "ups"},
    )
    a.position(
        "The Teamsters demanded a 6% pay rise over three years",
        "teamsters",
        "pay",
        "demand",
        profile="generic",
        value=value(6, "percent"),
    )
    a.position("UPS offered 3.5%", "ups", "pay", "offer", profile="generic", value=value(3.5, "percent"))
    return a


def ukraine_talks() -> Article:
    a = Article(
        "Kyiv Independent",
        "2025-08-06",
        "Witkoff met Putin in Moscow on Wednesday as the United States pressed Russia and Ukraine toward a "
        "ceasefire. Trump said Russia must agree to a ceasefire within days. Russia demanded that Ukraine "
        "withdraw from four regions, and Ukraine rejected any ceasefire that cedes territory. Putin said "
        "Russia was ready to meet Zelensky.",
        {
            "Witkoff": "steve-witkoff",
            "Putin": "vladimir-putin",
            "United States": "united-states",
            "Russia": "russia",
            "Ukraine": "ukraine",
            "Trump": "donald-trump",
            "Zelensky": "volodymyr-zelensky",
        },
    )
    a.event("Witkoff met Putin in Moscow", "CONSULT", None, ["steve-witkoff"], location="Moscow")
    a.position(
        "Russia demanded that Ukraine withdraw from four regions",
        "russia",
        "withdrawal",
        "demand",
        profile="generic",
    )
    a.position(
        "Ukraine rejected any ceasefire that cedes territory",
        "ukraine",
        "ceasefire",
        "reject",
        profile="generic",
    )
    return a


def hamas_demand(figure: float, date: str, outlet: str = "Al Jazeera") -> Article:
    """A one-sentence report of a Hamas demand on prisoners per hostage, for comparisons over time."""
    a = Article(
        outlet, date, f"Hamas demanded {figure:g} prisoners for every living hostage, officials said.", {}
    )
    a.position(
        f"Hamas demanded {figure:g} prisoners for every living hostage",
        "hamas",
        "prisoners_per_hostage",
        "demand",
        value=value(figure, "prisoners", "living hostage"),
    )
    return a
