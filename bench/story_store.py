"""Cost of storing one more analysed document, story and all, with 100 documents stored and with 10,000.

    python bench/story_store.py [--docs 10000] [--probe 100]

The generated documents of `story_assign.py` (no spaCy: their analysis slices are made up) go through
`Store.add` into a store of 100 documents and one of `--docs`, each in SQLite files in a temporary folder;
the median time of `Store.add` is measured on `--probe` more documents given to both stores in turn.
"""

from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

from pourparler.model import Document, Published
from pourparler.store import Store
from story_assign import NEGOTIATIONS, SMALL, document, negotiation


def stored(n: int, record: dict[str, Any]) -> tuple[Document, dict[str, Any]]:
    """The article behind a generated record and its analysis slice, as `Store.add` takes them."""
    date = record["document"]["published"]["date"]
    article = Document(
        source=f"doc-{n}.txt",
        body=record["document"]["body"],
        title=f"Document {n}",
        outlet=f"Outlet {n % 20}",
        published=Published(date=date, basis="metadata"),
    )
    actors = sorted({m["actor"] for m in record["mentions"]})
    part = {
        **{key: record[key] for key in ("events", "positions", "quotes", "mentions")},
        "actors": [{"id": actor, "name": actor} for actor in actors],
    }
    return article, part


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--docs", type=int, default=10_000)
    parser.add_argument("--probe", type=int, default=100)
    args = parser.parse_args()
    rng = random.Random(7)
    talks = [negotiation(n, rng) for n in range(NEGOTIATIONS)]
    articles = [
        stored(n, document(n, talks[rng.randrange(NEGOTIATIONS)], rng)) for n in range(args.docs + args.probe)
    ]

    with tempfile.TemporaryDirectory() as folder:
        small, large = Store(str(Path(folder) / "small.db")), Store(str(Path(folder) / "large.db"))
        for article, part in articles[:SMALL]:
            small.add(article, part)
        started = time.perf_counter()
        for article, part in articles[: args.docs]:
            large.add(article, part)
        print(f"stored {args.docs:,} documents in {time.perf_counter() - started:.1f} s")

        # Both stores take the same probe documents in turn, so that machine noise falls on both alike.
        spent: dict[int, list[float]] = {SMALL: [], args.docs: []}
        for article, part in articles[args.docs :]:
            for size, store in ((SMALL, small), (args.docs, large)):
                started = time.perf_counter()
                store.add(article, part)
                spent[size].append((time.perf_counter() - started) * 1000)
        for size, times in spent.items():
            print(f"Store.add with {size:>6,} stored: median {statistics.median(times):.2f} ms per document")
        print(f"ratio: {statistics.median(spent[args.docs]) / statistics.median(spent[SMALL]):.2f}")
        print(f"{len(large.stories())} stories in the large store for {NEGOTIATIONS} negotiations")
        small.close()
        large.close()


if __name__ == "__main__":
    main()
