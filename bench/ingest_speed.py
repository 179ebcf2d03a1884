"""Ingest throughput, measured against baselines run in the same process on the same texts.

    python bench/ingest_speed.py [--docs 400]

Pasted text: our read + clean + date + store path, against the floor of reading the same
files, hashing them and inserting them into SQLite with nothing else. HTML: our clean step,
against trafilatura's extraction alone on the same pages.
"""

from __future__ import annotations

import argparse
import hashlib
import sqlite3
import tempfile
import time
from pathlib import Path

from pourparler.clean import clean
from pourparler.ingest import ReadOptions
from pourparler.model import Document, RawDocument
from pourparler.pipeline import documents
from pourparler.store import Store

GOLD = Path(__file__).resolve().parents[1] / "tests" / "gold"


def write_corpus(folder: Path, n: int) -> list[Path]:
    texts = [p.read_text(encoding="utf-8") for p in sorted(GOLD.glob("*.txt"))]
    paths = []
    for i in range(n):
        path = folder / f"doc{i:05d}.txt"
        # A distinct sentence per copy, so every document is new to the store.
        path.write_text(texts[i % len(texts)] + f"\nThe talks will resume on day {i}, officials said.\n")
        paths.append(path)
    return paths


def bench_text(paths: list[Path], folder: Path) -> tuple[float, float]:
    started = time.perf_counter()
    con = sqlite3.connect(folder / "baseline.db")
    con.execute("create table documents (id text primary key, body text)")
    for path in paths:
        body = path.read_bytes().decode("utf-8")
        with con:
            con.execute(
                "insert or ignore into documents values (?, ?)",
                (hashlib.sha256(body.encode()).hexdigest(), body),
            )
    con.close()
    baseline = len(paths) / (time.perf_counter() - started)

    started = time.perf_counter()
    with Store(str(folder / "ours.db")) as store:
        for item in documents([str(p) for p in paths], ReadOptions()):
            assert isinstance(item, Document), item
            store.add(item)
    ours = len(paths) / (time.perf_counter() - started)
    return ours, baseline


def bench_html(n: int) -> tuple[float, float]:
    import trafilatura

    pages = []
    for i, path in enumerate(sorted(GOLD.glob("*.txt"))[: max(1, n)]):
        paragraphs = "".join(
            f"<p>{line}</p>" for line in path.read_text(encoding="utf-8").splitlines() if line
        )
        pages.append(
            f"<html><head><title>Story {i}</title></head><body><nav>Home | World</nav>"
            f"<article>{paragraphs}</article><footer>© 2025 Example</footer></body></html>"
        )
    started = time.perf_counter()
    for page in pages:
        trafilatura.bare_extraction(
            page,
            with_metadata=True,
            include_comments=False,
            date_extraction_params={"extensive_search": False},
        )
    baseline = len(pages) / (time.perf_counter() - started)
    started = time.perf_counter()
    for i, page in enumerate(pages):
        clean(RawDocument(source=f"page{i}.html", html=page))
    ours = len(pages) / (time.perf_counter() - started)
    return ours, baseline


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--docs", type=int, default=400)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        paths = write_corpus(folder, args.docs)
        ours, baseline = bench_text(paths, folder)
        print(
            f"pasted text, {len(paths)} documents: pourparler ingest {ours:.0f} docs/s; "
            f"read+hash+insert baseline {baseline:.0f} docs/s; ratio {ours / baseline:.3f}"
        )
    ours, baseline = bench_html(20)
    print(
        f"HTML, 20 pages: pourparler clean {ours:.0f} docs/s; trafilatura alone {baseline:.0f} docs/s; "
        f"ratio {ours / baseline:.3f}"
    )


if __name__ == "__main__":
    main()
