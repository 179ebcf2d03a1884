"""Our whole analysis against bare spaCy on the same texts, in the same process.

    python bench/pipeline_speed.py [--docs 200] [--profile]

Baseline: `spacy.load(MODEL).pipe(texts)`, the statistical pipeline alone. Ours: what `batch` runs for
each document, `pipeline.document_record`: the same model plus our entity ruler and paragraph rule, then
every extractor (times, quantities, actors, quotes, clauses, events, positions) and the per-document
fusion. The ratio printed is bare time / our time (target: at least 0.8, i.e. our work adds at most a
quarter). `--profile` prints where our time goes (cProfile, top functions by own time).
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import time
from pathlib import Path

import spacy

from pourparler.model import Document, RawDocument
from pourparler.nlp import MODEL, pipeline
from pourparler.pipeline import document_record, prepare

GOLD = Path(__file__).resolve().parents[1] / "tests" / "gold"


def corpus(n: int) -> list[Document]:
    raws = [p.read_text(encoding="utf-8") for p in sorted(GOLD.glob("*.txt"))]
    base = [prepare(RawDocument(source=f"gold{i}", text=t)) for i, t in enumerate(raws)]
    return [base[i % len(base)] for i in range(n)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=200)
    parser.add_argument("--profile", action="store_true")
    args = parser.parse_args()

    docs = corpus(args.docs)
    texts = [d.body for d in docs]
    words = sum(len(t.split()) for t in texts)
    bare = spacy.load(MODEL)
    pipeline()  # load ours before timing, as the baseline's load is outside its timing too
    list(bare.pipe(texts[:5]))
    document_record(docs[0])

    started = time.perf_counter()
    for _ in bare.pipe(texts, batch_size=32):
        pass
    baseline = time.perf_counter() - started

    profiler = cProfile.Profile() if args.profile else None
    started = time.perf_counter()
    if profiler:
        profiler.enable()
    for document in docs:
        document_record(document)
    if profiler:
        profiler.disable()
    ours = time.perf_counter() - started

    print(f"{len(docs)} documents, {words} words, one process")
    print(f"  bare spaCy nlp.pipe        {baseline:7.2f} s  {words / baseline:8.0f} words/s")
    print(f"  ours: document_record      {ours:7.2f} s  {words / ours:8.0f} words/s")
    print(f"  ratio bare/ours {baseline / ours:.2f} (target >= 0.80)")
    if profiler:
        pstats.Stats(profiler).sort_stats("tottime").print_stats(25)


if __name__ == "__main__":
    main()
