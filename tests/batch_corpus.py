"""Small generated inputs for the batch and Spark tests: short negotiation articles as text files, a JSONL
export and a WARC of HTML responses, and a reader of a run's output tables."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from pourparler.tables import DOCUMENT_TABLES

# (title, body): pay disputes, trade talks and ceasefire talks, three to five sentences each.
ARTICLES = [
    (
        "Nurses reject 3% pay offer",
        "The Royal College of Nursing on Monday rejected a 3% pay offer from the health department. "
        "Union leaders demanded a rise of 10% for all nurses. "
        '"This offer does not keep up with inflation," the union\'s general secretary said. '
        "The government said it was willing to return to talks next week.",
    ),
    (
        "Dockworkers weigh port employers' new proposal",
        "Port employers on Tuesday offered dockworkers a 62% wage increase over six years. "
        "The International Longshoremen's Association insisted on a full ban on automated cranes. "
        "Talks are set to resume in Washington on Thursday, a federal mediator said.",
    ),
    (
        "Teachers strike enters second week",
        "Teachers in Chicago stayed off the job for a second week on Wednesday. "
        "The union demanded smaller class sizes and a 5% raise. "
        "City officials offered a 3% raise and rejected any cap on class sizes. "
        '"We will not go back without a fair deal," a union spokesperson said.',
    ),
    (
        "Airline pilots accept revised contract",
        "Pilots at Delta Air Lines on Friday accepted a revised contract that raises pay by 34% over four years. "
        "The union had rejected an earlier offer in March. "
        "The company said the agreement ends months of negotiation.",
    ),
    (
        "Rail unions threaten walkout",
        "Rail unions threatened on Monday to strike from next month if the operators do not improve their offer. "
        "The operators proposed a 4% rise tied to changes in working practices. "
        "Union negotiators rejected the link between pay and working practices.",
    ),
    (
        "EU and US resume tariff talks",
        "European Union and United States negotiators resumed tariff talks in Brussels on Tuesday. "
        "Washington demanded that the EU cut its tariff on cars to 2.5%. "
        "The European Commission offered to lower the tariff to 5% if the US dropped its steel duties. "
        '"We are ready to meet them halfway," the EU trade commissioner said.',
    ),
    (
        "Canada rejects dairy demand",
        "Canada on Wednesday rejected a US demand to open its dairy market to American producers. "
        "The US trade representative insisted on access for 10% of the market. "
        "Ottawa said it was willing to discuss other agricultural products.",
    ),
    (
        "UK and India close in on trade deal",
        "Britain and India said on Thursday they were close to a trade agreement after two years of talks. "
        "India demanded more visas for its workers, a British official said. "
        "London proposed to cut whisky tariffs from 150% to 75% over ten years.",
    ),
    (
        "China and Australia agree to lift barley duties",
        "China agreed on Friday to lift its duties on Australian barley after months of negotiation. "
        "Australia in turn suspended its complaint at the World Trade Organization. "
        "Both sides said talks on wine would follow.",
    ),
    (
        "Mercosur talks stall over beef quotas",
        "Talks between the European Union and Mercosur stalled on Monday over beef quotas. "
        "Brazil demanded a quota of 99,000 tonnes of beef a year. "
        "France rejected any increase in the quota, officials said.",
    ),
    (
        "Hamas rejects ceasefire proposal",
        "Hamas on Tuesday rejected an Israeli ceasefire proposal delivered by Egyptian mediators in Cairo. "
        "The group demanded a permanent ceasefire and a full Israeli withdrawal from Gaza. "
        "Israel offered a 45-day truce in exchange for the release of 10 hostages, an Israeli official said.",
    ),
    (
        "Witkoff proposes 60-day truce",
        "US envoy Steve Witkoff proposed a 60-day truce in Gaza on Wednesday. "
        "Under the plan Hamas would release 10 living hostages in two stages. "
        "Israel accepted the proposal, a senior Israeli official said. "
        "Hamas said it was studying the offer.",
    ),
    (
        "Qatar hosts new round of Gaza talks",
        "Negotiators from Israel and Hamas met in Doha on Thursday for a new round of indirect talks. "
        "Qatar and Egypt are mediating the negotiations. "
        "Hamas insisted on guarantees that the war would not resume after the first phase.",
    ),
    (
        "Russia and Ukraine agree to prisoner exchange",
        "Russia and Ukraine agreed on Friday to exchange 1,000 prisoners each after talks in Istanbul. "
        "Kyiv demanded an unconditional 30-day ceasefire. "
        "Moscow rejected the ceasefire and proposed a memorandum on a future peace settlement.",
    ),
    (
        "Sudan's warring parties reject truce plan",
        "The Sudanese army on Saturday rejected a humanitarian truce proposed by the United States and Saudi Arabia. "
        "The Rapid Support Forces said they were willing to accept a three-month truce. "
        "Mediators in Jeddah said talks would continue.",
    ),
]


def html_page(title: str, body: str) -> str:
    paragraphs = "".join(f"<p>{sentence.strip()}.</p>" for sentence in body.split(". ") if sentence.strip())
    return (
        f"<!DOCTYPE html><html><head><title>{title}</title></head><body>"
        f"<nav><a href='/'>Home</a> | <a href='/world'>World</a></nav>"
        f"<article><h1>{title}</h1>{paragraphs}</article>"
        "<footer>Copyright Example News. All rights reserved.</footer></body></html>"
    )


def write_folder(folder: Path, articles: list[tuple[str, str]]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for number, (title, body) in enumerate(articles, 1):
        (folder / f"article-{number:02d}.txt").write_text(f"{title}\n\n{body}\n", encoding="utf-8")
    return folder


def write_jsonl(path: Path, articles: list[tuple[str, str]], *, published: str = "2025-06-03") -> Path:
    lines = [
        json.dumps(
            {"title": title, "text": body, "url": f"https://example.org/news/{n}", "published": published}
        )
        for n, (title, body) in enumerate(articles, 1)
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def write_warc(path: Path, articles: list[tuple[str, str]]) -> Path:
    """A gzipped WARC with one HTML response per article, and a request record that readers skip."""
    with path.open("wb") as stream:
        writer = WARCWriter(stream, gzip=True)
        for number, (title, body) in enumerate(articles, 1):
            url = f"https://news.example.com/world/{number}"
            writer.write_record(
                writer.create_warc_record(url, "request", payload=io.BytesIO(b"GET / HTTP/1.1\r\n\r\n"))
            )
            headers = StatusAndHeaders(
                "200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1"
            )
            payload = io.BytesIO(html_page(title, body).encode("utf-8"))
            writer.write_record(
                writer.create_warc_record(url, "response", payload=payload, http_headers=headers)
            )
    return path


def make_corpus(top: Path) -> list[str]:
    """The inputs the tests give: a folder of five text files, a JSONL of five articles, a WARC of five."""
    folder = write_folder(top / "pasted", ARTICLES[:5])
    jsonl = write_jsonl(top / "export.jsonl", ARTICLES[5:10])
    warc = write_warc(top / "crawl.warc.gz", ARTICLES[10:])
    return [str(folder), str(jsonl), str(warc)]


TABLES = DOCUMENT_TABLES


def parquet_rows(folder: Path) -> list[dict[str, Any]]:
    """Every row of the Parquet files in a folder (a batch's part-N.parquet or Spark's part-*.parquet)."""
    import pyarrow.parquet as pq

    rows: list[dict[str, Any]] = []
    for path in sorted(folder.glob("*.parquet")):
        rows += pq.read_table(path).to_pylist()
    return rows


def jsonl_rows(folder: Path) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    for path in sorted(folder.glob("*.jsonl")):
        rows += [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return rows


def sorted_rows(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return sorted(rows, key=lambda row: json.dumps(row, sort_keys=True))


def tables(out: Path) -> dict[str, list[dict[str, Any]]]:
    """A run's Parquet rows per table, as sorted lists of dicts."""
    return {table: sorted_rows(parquet_rows(out / "parquet" / table)) for table in TABLES}
