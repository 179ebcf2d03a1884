"""A writer killed mid-run loses nothing it committed and leaves a readable store."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from pourparler.store import Store

WRITER = """
import sys
from pourparler.model import Document
from pourparler.store import Store

store = Store(sys.argv[1])
n = 0
while True:
    if store.add(Document(source=f"doc-{n}", body=f"document {n} " + "word " * 300)):
        print(n, flush=True)
    n += 1
"""


@pytest.mark.slow
def test_killed_writer_keeps_every_committed_document(tmp_path: Path) -> None:
    db = tmp_path / "store.db"
    writer = subprocess.Popen(
        [sys.executable, "-c", WRITER, str(db)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert writer.stdout is not None
    reported = 0
    deadline = time.monotonic() + 20
    try:
        while reported < 40 and time.monotonic() < deadline:
            if not writer.stdout.readline():
                break
            reported += 1
        os.kill(writer.pid, signal.SIGKILL)
        rest, errors = writer.communicate(timeout=10)
    finally:
        if writer.poll() is None:
            writer.kill()
    assert reported == 40, errors
    assert writer.returncode == -signal.SIGKILL
    reported += len(rest.split())
    assert Path(f"{db}-wal").exists(), "the writer did not leave a write-ahead log to recover from"

    with Store(str(db)) as reopened:
        # The one in flight may have committed without living to report it.
        assert reported <= reopened.count() <= reported + 1
    with sqlite3.connect(db) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchone() == ("ok",)
