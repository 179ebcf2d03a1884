"""Cost of assigning one more document to a story, with 100 documents stored and with 10,000.

    python bench/story_assign.py [--docs 10000] [--probe 100]

Generated documents from a few hundred negotiations (their own parties and actors, shared envoys and
organisations, a topic vocabulary, positions under their profile) go into one StoryIndex; the mean time
of `assign` is measured on `--probe` more documents given in turn to an index holding 100 documents and
to one holding `--docs`. Also prints how pure the stories are (documents of one negotiation per story).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import statistics
import time
from collections import Counter
from typing import Any

from pourparler.fuse.stories import StoryIndex

NEGOTIATIONS = 300
SMALL = 100
SHARED_ACTORS = ["united-states", "united-nations", "donald-trump", "qatar", "egypt", "european-union"]
COMMON_WORDS = [
    "the",
    "a",
    "of",
    "to",
    "in",
    "and",
    "said",
    "on",
    "talks",
    "officials",
    "deal",
    "government",
    "minister",
    "after",
    "would",
]


def negotiation(n: int, rng: random.Random) -> dict[str, Any]:
    return {
        "parties": [f"party-{n}-a", f"party-{n}-b"],
        "actors": [f"actor-{n}-{i}" for i in range(8)],
        "words": [f"topic{n}w{i}" for i in range(40)],
        "profile": f"profile-{n % 40}" if n % 3 else "generic",
        "issues": [f"issue-{n % 17}", f"issue-{(n + 5) % 17}"],
        "start": 738000 + rng.randrange(700),  # a day ordinal in 2021-2023
    }


def document(n: int, talks: dict[str, Any], rng: random.Random) -> dict[str, Any]:
    doc_id = hashlib.sha256(f"doc {n}".encode()).hexdigest()
    words = [rng.choice(talks["words"] if rng.random() < 0.3 else COMMON_WORDS) for _ in range(300)]
    actors = talks["parties"] * 3 + rng.sample(talks["actors"], 4) + rng.sample(SHARED_ACTORS, 2)
    actors += [f"passer-by-{rng.randrange(50_000)}" for _ in range(3)]
    day = talks["start"] + rng.randrange(120)
    date = f"{2021 + (day - 738000) // 365:04d}-{1 + rng.randrange(12):02d}-{1 + rng.randrange(28):02d}"
    positions = [
        {"doc": doc_id, "party": party, "issue": rng.choice(talks["issues"]), "profile": talks["profile"]}
        for party in talks["parties"]
    ]
    return {
        "document": {"id": doc_id, "body": " ".join(words), "published": {"date": date}},
        "mentions": [{"doc": doc_id, "actor": a, "text": a} for a in actors],
        "positions": positions,
        "events": [],
        "quotes": [],
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--docs", type=int, default=10_000)
    parser.add_argument("--probe", type=int, default=200)
    args = parser.parse_args()
    rng = random.Random(7)
    talks = [negotiation(n, rng) for n in range(NEGOTIATIONS)]
    truth: dict[str, int] = {}
    records = []
    for n in range(args.docs + args.probe):
        which = rng.randrange(NEGOTIATIONS)
        records.append(document(n, talks[which], rng))
        truth[records[-1]["document"]["id"]] = which

    small, large = StoryIndex(), StoryIndex()
    for record in records[:SMALL]:
        small.assign(record)
    started = time.perf_counter()
    for record in records[: args.docs]:
        large.assign(record)
    print(f"stored {args.docs:,} documents in {time.perf_counter() - started:.1f} s")

    # The two indexes take the same probe documents in turn, so that machine noise falls on both alike.
    spent: dict[int, list[float]] = {SMALL: [], args.docs: []}
    for record in records[args.docs :]:
        for size, index in ((SMALL, small), (args.docs, large)):
            started = time.perf_counter()
            index.assign(record)
            spent[size].append((time.perf_counter() - started) * 1000)
    for size, times in spent.items():
        print(f"assign with {size:>6,} stored: median {statistics.median(times):.2f} ms per document")
    print(f"ratio: {statistics.median(spent[args.docs]) / statistics.median(spent[SMALL]):.2f}")

    # The store saves the index state with every ingested document: what that costs as the index grows.
    saved: dict[int, float] = {}
    for size, index in ((SMALL, small), (args.docs, large)):
        runs = []
        for _ in range(5):
            started = time.perf_counter()
            text = json.dumps(index.state())
            runs.append((time.perf_counter() - started) * 1000)
        saved[size] = statistics.median(runs)
        print(f"state with {size:>6,} stored: {len(text) / 1e6:.2f} MB, saved in {saved[size]:.1f} ms")
    print(f"state save ratio: {saved[args.docs] / saved[SMALL]:.1f}")

    purity = sum(
        Counter(truth[d] for d in story["documents"]).most_common(1)[0][1] for story in large.stories()
    ) / len(truth)
    print(f"{len(large.stories())} stories for {NEGOTIATIONS} negotiations; purity {purity:.3f}")


if __name__ == "__main__":
    main()
