"""`pourparler batch` at scale: 2 workers against 1 on the same articles, and peak memory while streaming.

    python bench/batch_scale.py [--docs 400] [--stream 10000]

Articles are the gold set's bodies, each made unique by a numbered first line, written to one JSONL
file. The speed-up is the time of `batch --workers 1` over `batch --workers 2` on the same file (target:
at least 1.7). Peak memory is the largest total resident set of the batch process and its workers,
sampled every 0.2 s while `batch --workers 2` streams `--stream` articles (target: at most 1.5 GB);
`--stream 0` skips it. Each run is a subprocess, as a user runs it.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psutil

GOLD = Path(__file__).resolve().parents[1] / "tests" / "gold"


def write_corpus(path: Path, n: int) -> None:
    texts = [p.read_text(encoding="utf-8") for p in sorted(GOLD.glob("*.txt"))]
    with path.open("w", encoding="utf-8") as out:
        for i in range(n):
            text = texts[i % len(texts)]
            record = {"text": f"Dispatch {i}\n{text}", "url": f"https://example.org/news/{i}"}
            out.write(json.dumps(record) + "\n")


def run_batch(corpus: Path, out: Path, workers: int) -> tuple[float, int]:
    """Seconds taken and the peak total RSS (bytes) of the process tree."""
    command = [sys.executable, "-m", "pourparler", "batch", str(corpus), "--out", str(out)]
    command += ["--workers", str(workers)]
    started = time.perf_counter()
    process = psutil.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    peak = 0
    while process.poll() is None:
        try:
            tree = [process, *process.children(recursive=True)]
            peak = max(peak, sum(p.memory_info().rss for p in tree if p.is_running()))
        except psutil.Error:
            pass
        time.sleep(0.2)
    elapsed = time.perf_counter() - started
    if process.returncode != 0:
        raise SystemExit(f"batch failed with exit status {process.returncode}")
    return elapsed, peak


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=400)
    parser.add_argument("--stream", type=int, default=10_000)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        corpus = root / "articles.jsonl"
        write_corpus(corpus, args.docs)
        one, _ = run_batch(corpus, root / "one", 1)
        two, _ = run_batch(corpus, root / "two", 2)
        print(f"{args.docs} articles")
        print(f"  batch --workers 1   {one:7.1f} s  {args.docs / one:6.2f} articles/s")
        print(f"  batch --workers 2   {two:7.1f} s  {args.docs / two:6.2f} articles/s")
        print(f"  speed-up {one / two:.2f} (target >= 1.70)")
        if args.stream:
            big = root / "stream.jsonl"
            write_corpus(big, args.stream)
            seconds, peak = run_batch(big, root / "stream", 2)
            print(f"{args.stream} articles streamed with 2 workers in {seconds:.0f} s")
            print(f"  peak resident memory {peak / 1e9:.2f} GB (target <= 1.5 GB)")


if __name__ == "__main__":
    main()
