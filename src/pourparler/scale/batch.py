"""Batch runs: many articles through the pipeline with N processes into Parquet and JSONL, resumable.

The inputs (folders expanded to their files, see `ingest.input_files`) are read in order as one stream
of items (a document or a failure to read one). Item number `p` of that stream belongs to chunk
`p // chunk_size`; each chunk is cleaned and analysed by one worker process, which writes the chunk's
files (each to a temporary name, then renamed) and last a marker `_chunks/part-NNNNN.json`. A chunk is
done when its marker exists. A rerun of the same command skips done chunks, and skips reading an input
whose items all lie in done chunks, so an interrupted run resumes at chunk granularity and ends with
exactly the files an uninterrupted run writes (a chunk that was half written is written again, whole).

Layout of an output folder (README, "Running at scale"), for each table of `tables.DOCUMENT_TABLES`:

    _pourparler_batch.json             the run (sources, options, input files and how many items each has)
    parquet/<table>/part-NNNNN.parquet rows with the columns of `tables.COLUMNS`
    jsonl/<table>/part-NNNNN.jsonl     the same rows as JSON lines
    records/part-NNNNN.jsonl           each document's whole record (`pipeline.document_record`), which
                                       `pourparler ingest DIR` stores without analysing again
    failures/part-NNNNN.jsonl          {"source", "reason"} for each input that failed
    _chunks/part-NNNNN.json            the chunk's marker: its items, documents and failures
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pourparler import __version__
from pourparler.errors import PourparlerError
from pourparler.ingest import ReadOptions, input_files, read_sources
from pourparler.model import Failure, RawDocument
from pourparler.tables import DOCUMENT_TABLES, document_rows, write_jsonl, write_parquet

if TYPE_CHECKING:
    from rich.console import Console

Record = dict[str, Any]

MANIFEST = "_pourparler_batch.json"
FORMAT = 1
# Small enough that every worker stays busy to the end of a run (100 left one of two idle for a
# fifth of a 120-article run), large enough that 10,000 articles make 400 files per table.
DEFAULT_CHUNK_SIZE = 25
# What a batch writes into its output folder; --fresh removes these and nothing else.
OUTPUT_PARTS = (MANIFEST, "parquet", "jsonl", "records", "failures", "_chunks")
# Seconds between rewrites of the manifest while a run goes on (it also is written at the end).
MANIFEST_EVERY = 5.0


@dataclass(slots=True)
class Outcome:
    """What one item of input gives: its record and table rows, or the failure that stopped it."""

    record: Record | None = None
    rows: dict[str, list[Record]] = field(default_factory=dict)
    failure: Failure | None = None


def process(
    item: RawDocument | Failure, *, published: str | None = None, profile_dirs: tuple[Path, ...] = ()
) -> Outcome:
    """The per-document step of every batch runner (batch processes and Spark partitions alike): clean the
    article, analyse it, and flatten its record into table rows. Bad input becomes a failure, not an error.
    """
    from pourparler.pipeline import document_record, prepared

    document = prepared(item, published=published)
    if isinstance(document, Failure):
        return Outcome(failure=document)
    try:
        record = document_record(document, profile_dirs)
    except PourparlerError:
        raise  # the model or the profiles are missing: every document would fail the same way
    except Exception as exc:  # one broken article must not stop a batch
        reason = f"could not be analysed ({type(exc).__name__}: {exc}); please report this"
        return Outcome(failure=Failure(document.source, reason))
    return Outcome(record=record, rows=document_rows(record))


# -- the run: which chunks to do, in which processes -----------------------------------------------


@dataclass(frozen=True, slots=True)
class Job:
    """What every chunk of a run shares: where to write and how to analyse."""

    out: Path
    published: str | None
    profile_dirs: tuple[Path, ...]


@dataclass(slots=True)
class Chunk:
    """Consecutive items of the input stream, `number` being their position // chunk size."""

    number: int
    items: list[RawDocument | Failure] = field(default_factory=list)


@dataclass(slots=True)
class ChunkResult:
    number: int
    documents: int
    failures: list[Failure]


def run_batch(
    sources: Sequence[str],
    out: Path,
    *,
    workers: int = 1,
    options: ReadOptions | None = None,
    published: str | None = None,
    profile_dirs: tuple[Path, ...] = (),
    console: Console | None = None,
    fresh: bool = False,
    chunk_size: int = DEFAULT_CHUNK_SIZE,
) -> int:
    """Analyse every input into `out` with `workers` processes; the number of inputs that failed, in this
    run and in the earlier runs it resumes. Rerunning the same command resumes an interrupted run; with
    `fresh`, an earlier batch output in `out` is replaced."""
    from rich.console import Console

    console = console or Console(stderr=True)
    options = options or ReadOptions()
    if chunk_size < 1:
        raise PourparlerError("--chunk-size must be at least 1")
    # A folder given as input may hold the output folder: what the batch writes is not its input.
    inputs = [i for i in input_files(sources) if isinstance(i, Failure) or not _inside(i, out)]
    run = {
        "sources": list(sources),
        "published": published,
        "profiles": [str(p) for p in profile_dirs],
        "max_bytes": options.max_bytes,
        "allow_private": options.allow_private,
        "chunk_size": chunk_size,
        "pourparler": __version__,
    }
    manifest = _open_output(out, run, [_describe(i) for i in inputs], fresh=fresh)
    done = _done_chunks(out)
    earlier = {"chunks": len(done), "documents": 0, "failed": 0}
    for marker in done.values():
        earlier["documents"] += marker["documents"]
        earlier["failed"] += marker["failures"]
    counts: dict[int, int] = {}
    chunks = _chunks(inputs, manifest["inputs"], options, set(done), chunk_size, counts)
    job = Job(out=out, published=published, profile_dirs=profile_dirs)
    progress = _Progress(console, earlier["chunks"])
    last_saved = time.monotonic()

    def finished(result: ChunkResult) -> None:
        nonlocal last_saved
        progress.add(result)
        if time.monotonic() - last_saved > MANIFEST_EVERY:
            _save_manifest(out, manifest, counts)
            last_saved = time.monotonic()

    with progress:
        try:
            if workers == 1:
                for chunk in chunks:
                    finished(run_chunk(job, chunk))
            else:
                _run_in_processes(job, chunks, workers, finished, progress)
        finally:
            _save_manifest(out, manifest, counts)  # the item counts learnt so far spare a resumed run reading
    manifest["complete"] = True
    _save_manifest(out, manifest, counts)
    failed = earlier["failed"] + progress.failed
    total = earlier["documents"] + progress.documents
    resumed = (
        f"; resumed: {_count(earlier['chunks'], 'chunk')} with {_count(earlier['documents'], 'document')} "
        "were done before"
        if earlier["chunks"]
        else ""
    )
    console.print(
        f"{_count(total, 'document')}, {failed} failed, written to {out} "
        f"(this run: {progress.summary()}{resumed})",
        highlight=False,
        soft_wrap=True,
    )
    return failed


def _run_in_processes(
    job: Job,
    chunks: Iterator[Chunk],
    workers: int,
    finished: Callable[[ChunkResult], None],
    progress: _Progress,
) -> None:
    """Chunks to a pool of `workers` processes, each loading the pipeline once; a few chunks ahead only,
    so that reading never runs far ahead of analysing."""
    import multiprocessing
    from concurrent.futures.process import BrokenProcessPool

    context = multiprocessing.get_context("spawn")  # a forked spaCy pipeline is not safe to share
    pool = ProcessPoolExecutor(
        workers, mp_context=context, initializer=_start_worker, initargs=(os.getpid(),)
    )
    pending: dict[Future[ChunkResult], int] = {}

    def collect() -> None:
        done, _ = wait(pending, return_when=FIRST_COMPLETED)
        for future in sorted(done, key=pending.__getitem__):
            del pending[future]
            finished(future.result())

    try:
        for chunk in chunks:
            while len(pending) >= 2 * workers:
                collect()
            pending[pool.submit(run_chunk, job, chunk)] = chunk.number
        while pending:
            collect()
    except BrokenProcessPool:
        pool.shutdown(wait=False, cancel_futures=True)
        raise PourparlerError(
            "a worker process stopped unexpectedly (out of memory?); run the same command again to resume"
        ) from None
    except BaseException as exc:
        if isinstance(exc, KeyboardInterrupt):
            progress.note("interrupted: finishing the chunks under way; run the same command again to resume")
        pool.shutdown(wait=True, cancel_futures=True)
        raise
    pool.shutdown(wait=True)


def _start_worker(parent: int) -> None:
    """In each worker: leave Ctrl-C to the parent, end when the parent is gone, load the pipeline."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)

    def watch() -> None:
        while True:
            time.sleep(0.5)
            if os.getppid() != parent:
                os._exit(1)  # the parent was killed: nobody waits for our chunks

    threading.Thread(target=watch, daemon=True).start()
    try:
        from pourparler.nlp import pipeline

        pipeline()
    except PourparlerError:
        pass  # the first chunk raises it again, and the parent reports it


def run_chunk(job: Job, chunk: Chunk) -> ChunkResult:
    """Process one chunk and write its files, then its marker (the chunk is done once that exists)."""
    outcomes = [process(item, published=job.published, profile_dirs=job.profile_dirs) for item in chunk.items]
    name = f"part-{chunk.number:05d}"
    written = []
    for table in DOCUMENT_TABLES:
        rows = [row for outcome in outcomes for row in outcome.rows.get(table, [])]
        written.append(job.out / "parquet" / table / f"{name}.parquet")
        write_parquet(written[-1], table, rows)
        written.append(job.out / "jsonl" / table / f"{name}.jsonl")
        write_jsonl(written[-1], rows, table)
    records = [outcome.record for outcome in outcomes if outcome.record is not None]
    failures = [outcome.failure for outcome in outcomes if outcome.failure is not None]
    written.append(job.out / "records" / f"{name}.jsonl")
    write_jsonl(written[-1], records)
    written.append(job.out / "failures" / f"{name}.jsonl")
    write_jsonl(written[-1], [{"source": f.source, "reason": f.reason} for f in failures])
    for path in written:  # on disk before the marker says they are there, even if the power goes
        _sync(path)
    marker = {
        "chunk": chunk.number,
        "items": len(chunk.items),
        "documents": len(records),
        "failures": len(failures),
    }
    _write_json(job.out / "_chunks" / f"{name}.json", marker)
    return ChunkResult(chunk.number, len(records), failures)


def _chunks(
    inputs: list[str | Failure],
    known: list[Record],
    options: ReadOptions,
    done: set[int],
    size: int,
    counts: dict[int, int],
) -> Iterator[Chunk]:
    """The chunks not done yet, in order. An input whose item count is known (`known[i]["items"]`) and
    whose items all lie in done chunks is not read again; `counts` learns the count of each input read."""
    position = 0
    current: Chunk | None = None
    for index, source in enumerate(inputs):
        items = known[index].get("items")
        if items == 0 or (
            items is not None
            and all(n in done for n in range(position // size, (position + items - 1) // size + 1))
        ):
            position += items
            continue
        count = 0
        for item in [source] if isinstance(source, Failure) else read_sources([source], options):
            number = position // size
            if current is not None and current.number != number:
                yield current
                current = None
            if number not in done:
                current = current or Chunk(number)
                current.items.append(item)
            position += 1
            count += 1
        counts[index] = count
    if current is not None:
        yield current


# -- the output folder -----------------------------------------------------------------------------


def _inside(source: str, folder: Path) -> bool:
    try:
        return Path(source).resolve().is_relative_to(folder.resolve())
    except (OSError, ValueError):
        return False


def _describe(source: str | Failure) -> Record:
    """What identifies an input between a run and its resumption: for a file, its size and time."""
    if isinstance(source, Failure):
        return {"input": source.source, "failure": source.reason}
    try:
        status = Path(source).stat()
    except (OSError, ValueError):
        return {"input": source}
    return {"input": source, "size": status.st_size, "mtime_ns": status.st_mtime_ns}


def _open_output(out: Path, run: Record, inputs: list[Record], *, fresh: bool) -> Record:
    """The manifest of the output folder: the earlier one to resume, or a new one for a new run."""
    path = out / MANIFEST
    if path.is_file():
        try:
            manifest: Record = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise PourparlerError(f"cannot read {path} ({exc}); add --fresh to start the batch over") from exc
        same = (
            manifest.get("format") == FORMAT
            and manifest.get("run") == run
            and [{k: v for k, v in i.items() if k != "items"} for i in manifest.get("inputs", [])] == inputs
        )
        if same and not fresh:
            _remove_temporary(out)
            return manifest
        if not fresh:
            raise PourparlerError(
                f"{out} holds the output of another batch run (other inputs or options, or the inputs "
                "changed since); add --fresh to replace it, or choose another --out"
            )
        for part in OUTPUT_PARTS:
            target = out / part
            if target.is_dir():
                shutil.rmtree(target)
            elif target.exists():
                target.unlink()
    elif out.exists() and (not out.is_dir() or any(out.iterdir())):
        raise PourparlerError(f"{out} is not empty and holds no batch output; choose a new or empty folder")
    manifest = {
        "format": FORMAT,
        "run": run,
        "inputs": [{**i, "items": None} for i in inputs],
        "complete": False,
    }
    for table in DOCUMENT_TABLES:
        (out / "parquet" / table).mkdir(parents=True, exist_ok=True)
        (out / "jsonl" / table).mkdir(parents=True, exist_ok=True)
    for part in ("records", "failures", "_chunks"):
        (out / part).mkdir(parents=True, exist_ok=True)
    _save_manifest(out, manifest, {})
    return manifest


def _save_manifest(out: Path, manifest: Record, counts: dict[int, int]) -> None:
    for index, count in counts.items():
        manifest["inputs"][index]["items"] = count
    _write_json(out / MANIFEST, manifest)


def _done_chunks(out: Path) -> dict[int, Record]:
    done = {}
    for path in sorted((out / "_chunks").glob("part-*.json")):
        marker = json.loads(path.read_text(encoding="utf-8"))
        done[int(marker["chunk"])] = marker
    return done


def _remove_temporary(out: Path) -> None:
    """Files an interrupted run was writing (they are written again, whole)."""
    for part in OUTPUT_PARTS[1:]:
        for path in (out / part).rglob(".*.tmp"):
            path.unlink(missing_ok=True)


def _write_json(path: Path, value: Record) -> None:
    """A JSON file written whole or not at all: to a hidden temporary name, flushed to disk, renamed."""
    temporary = path.with_name(f".{path.name}.tmp")
    temporary.write_text(json.dumps(value, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    _sync(temporary)
    os.replace(temporary, path)


def _sync(path: Path) -> None:
    with path.open("rb") as stream:
        os.fsync(stream.fileno())


# -- reading a batch output back (`pourparler ingest DIR`) ---------------------------------------


def batch_manifest(source: str | Path) -> Record | None:
    """The manifest of a batch output folder, or None when `source` is not one."""
    path = Path(source) / MANIFEST
    try:
        if not path.is_file():
            return None
        manifest: Record = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return manifest if manifest.get("format") == FORMAT else None


def batch_records(out: str | Path) -> Iterator[Record]:
    """The whole records of every done chunk of a batch output, in input order."""
    out = Path(out)
    for number in sorted(_done_chunks(out)):
        with (out / "records" / f"part-{number:05d}.jsonl").open(encoding="utf-8") as stream:
            for line in stream:
                if line.strip():
                    yield json.loads(line)


# -- progress ------------------------------------------------------------------------------------


class _Progress:
    """Documents per second and failures on stderr while a batch runs; each failure as one line."""

    def __init__(self, console: Console, done_before: int) -> None:
        from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

        self.documents = 0
        self.failed = 0
        self.chunks = 0
        self._started = time.perf_counter()
        self._bar = Progress(
            SpinnerColumn(),
            TextColumn("[bold]batch[/]"),
            TextColumn("{task.fields[documents]} documents · {task.fields[rate]} documents/s"),
            TextColumn("· {task.fields[failed]} failed · {task.fields[chunks]} chunks"),
            TimeElapsedColumn(),
            console=console,
            transient=True,
        )
        self._task = self._bar.add_task(
            "batch", total=None, documents=0, rate="–", failed=0, chunks=done_before
        )
        self._done_before = done_before

    def __enter__(self) -> _Progress:
        if self._bar.console.is_terminal:  # in a log file, only the failures and the summary
            self._bar.start()
        return self

    def __exit__(self, *exc: object) -> None:
        if self._bar.live.is_started:
            self._bar.stop()

    def add(self, result: ChunkResult) -> None:
        self.documents += result.documents
        self.failed += len(result.failures)
        self.chunks += 1
        for failure in result.failures:
            self.note(f"pourparler: {failure}")
        self._bar.update(
            self._task,
            documents=self.documents,
            rate=f"{self.rate():.1f}",
            failed=self.failed,
            chunks=self._done_before + self.chunks,
        )

    def note(self, line: str) -> None:
        self._bar.console.print(line, markup=False, highlight=False, soft_wrap=True)

    def rate(self) -> float:
        return self.documents / max(time.perf_counter() - self._started, 1e-9)

    def summary(self) -> str:
        elapsed = time.perf_counter() - self._started
        return (
            f"{_count(self.documents, 'document')}, {self.failed} failed, {_count(self.chunks, 'chunk')} "
            f"in {elapsed:.1f} s, "
            f"{self.rate():.1f} documents/s"
        )


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"
