"""Stories, timeline, positions, quotes and search through the CLI, over a small store of real analyses."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from pourparler.cli import app
from pourparler.store import Store

GULF_COURIER = """\
Israel recalls negotiators from Doha as prisoner talks stall
Published: 2025-07-24
Israel recalled its negotiating team from Doha on Thursday, Prime Minister Benjamin Netanyahu's office said.
Hamas demands the release of 20 Palestinian prisoners per living Israeli hostage, according to Egyptian mediators.
Israel offered 10 prisoners per living Israeli hostage.
"We will not accept a deal that crosses our red line on the withdrawal maps," a Hamas official said.
Qatar and Egypt said mediation would continue.
Follow Gulf Courier on Twitter
"""

LEVANT_LEDGER = """\
Netanyahu pulls team out of Qatar talks
Published: 2025-07-24
Israel recalled its negotiating team from Doha on Thursday after talks with Hamas stalled over prisoners.
Hamas demands 20 prisoners per living Israeli hostage, mediators said, while Israel offered 10 prisoners per living Israeli hostage.
Qatar's foreign ministry said the mediators would keep working with both sides.
Follow Levant Ledger on Twitter
"""

HARBOR_TIMES = """\
Dockworkers reject port contract as strike deadline nears
Published: 2025-07-22
The International Longshoremen's Association on Tuesday rejected the latest offer from port employers, union leaders said.
The union demands a 40 percent pay rise over six years and a ban on automated cranes.
"We are not going to accept automation that takes our jobs," the union's president Harold Daggett said.
Follow Harbor Times on Twitter
"""

ARTICLES = {"gulf.txt": GULF_COURIER, "levant.txt": LEVANT_LEDGER, "harbor.txt": HARBOR_TIMES}
runner = CliRunner()


def cli(*args: str) -> Result:
    # Wide enough that no table cell wraps, so one entry is one line.
    return runner.invoke(app, list(args), env={"NO_COLOR": "1", "COLUMNS": "400"}, catch_exceptions=False)


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    folder = tmp_path_factory.mktemp("fuse-store")
    paths = []
    for name, text in ARTICLES.items():
        (folder / name).write_text(text, encoding="utf-8")
        paths.append(str(folder / name))
    store = str(folder / "store.db")
    result = cli("ingest", "--db", store, *paths)
    assert result.exit_code == 0, result.output
    assert "3 stored, 0 already known, 0 failed" in result.stderr
    yield store


def stories_by_outlet(db: str) -> dict[str, str]:
    with Store(db) as store:
        return {record["document"]["outlet"]: record["story"] for record in store.analyses()}


def lines_with(output: str, text: str) -> list[str]:
    return [line for line in output.splitlines() if text in line]


def test_ingest_puts_one_negotiation_in_one_story_and_the_labour_dispute_apart(db: str) -> None:
    stories = stories_by_outlet(db)
    assert stories["Gulf Courier"] == stories["Levant Ledger"]
    assert stories["Harbor Times"] != stories["Gulf Courier"]
    again = cli("ingest", "--db", db, *(str(Path(db).parent / name) for name in ARTICLES))
    assert "0 stored, 3 already known, 0 failed" in again.stderr


def test_stories_lists_label_documents_outlets_and_dates(db: str) -> None:
    gaza = stories_by_outlet(db)["Gulf Courier"]
    result = cli("stories", "--db", db)
    assert result.exit_code == 0, result.output
    (row,) = lines_with(result.stdout, f" {gaza} ")
    assert "Gaza" in row and " 2 " in row and "Gulf Courier, Levant Ledger" in row and "2025-07-24" in row


def test_timeline_lists_an_event_two_outlets_report_once_with_both_sources(db: str) -> None:
    gaza = stories_by_outlet(db)["Gulf Courier"]
    result = cli("timeline", "--db", db, "--story", gaza)
    assert result.exit_code == 0, result.output
    (recall,) = lines_with(result.stdout, "Israel recalled its negotiating team from Doha")
    assert "SANCTION" in recall and "Gulf Courier, Levant Ledger" in recall
    assert not lines_with(result.stdout, "Longshoremen")


def test_timeline_filters_by_actor_and_dates(db: str) -> None:
    union = cli("timeline", "--db", db, "--actor", "International Longshoremen's Association")
    assert lines_with(union.stdout, "rejected the latest offer") and not lines_with(union.stdout, "Doha")
    later = cli("timeline", "--db", db, "--since", "2025-07-23")
    assert lines_with(later.stdout, "Doha") and not lines_with(later.stdout, "Longshoremen")
    earlier = cli("timeline", "--db", db, "--until", "2025-07-23")
    assert lines_with(earlier.stdout, "Longshoremen") and not lines_with(earlier.stdout, "Doha")


def test_positions_show_both_parties_on_an_issue_with_the_gap(db: str) -> None:
    result = cli("positions", "--db", db, "--issue", "prisoners_per_hostage")
    assert result.exit_code == 0, result.output
    header = lines_with(result.stdout, "issue")[0]
    assert "Hamas" in header and "Israel" in header
    (row,) = lines_with(result.stdout, "prisoners per hostage")
    assert "demand 20 prisoners" in row and "offer 10 prisoners" in row
    assert ": 10 prisoners per living Israeli hostage" in row


def test_quotes_by_speaker_with_sources(db: str) -> None:
    result = cli("quotes", "--db", db, "--speaker", "Harold Daggett")
    assert result.exit_code == 0, result.output
    (row,) = lines_with(result.stdout, "We are not going to accept automation")
    assert "Harold Daggett" in row and "Harbor Times" in row
    assert not lines_with(result.stdout, "mediation")


def test_search_finds_a_phrase_with_a_snippet(db: str) -> None:
    result = cli("search", "--db", db, '"red line"')
    assert result.exit_code == 0, result.output
    (row,) = lines_with(result.stdout, "red line on the withdrawal maps")
    assert "Gulf Courier" in row and "Israel recalls negotiators" in row
    assert "crosses our red line" in row
    none = cli("search", "--db", db, '"red lines drawn"')
    assert not lines_with(none.stdout, "Gulf Courier")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ("timeline", "--story", "story-99"),
            "there is no story 'story-99'; `pourparler stories` lists them",
        ),
        (("timeline", "--since", "July"), "--since 'July' is not a date; write it as YYYY-MM-DD"),
        (("timeline", "--actor", "Atlantis"), "no stored actor matches 'Atlantis'"),
        (("positions", "--issue", "fishing"), "no positions on the issue 'fishing'"),
        (("quotes", "--speaker", "Atlantis"), "no stored quote has a speaker matching 'Atlantis'"),
        (("stories", "rename", "story-99", "x"), "there is no story 'story-99'"),
        (("search", '"red line'), "cannot search for '\"red line'"),
    ],
)
def test_bad_input_is_one_sentence_and_exit_1(db: str, args: tuple[str, ...], message: str) -> None:
    result = cli(*args, "--db", db)
    assert result.exit_code == 1
    assert result.stderr.startswith(f"pourparler: {message}")
    assert len(result.stderr.strip().splitlines()) == 1


def test_stories_rename_then_merge(db: str) -> None:
    stories = stories_by_outlet(db)
    gaza, docks = stories["Gulf Courier"], stories["Harbor Times"]
    renamed = cli("stories", "rename", gaza, "Doha hostage talks", "--db", db)
    assert renamed.exit_code == 0, renamed.output
    (row,) = lines_with(cli("stories", "--db", db).stdout, f" {gaza} ")
    assert "Doha hostage talks" in row

    merged = cli("stories", "merge", gaza, docks, "--db", db)
    assert merged.exit_code == 0, merged.output
    assert f"{gaza} (Doha hostage talks) now holds 3 documents" in merged.stdout
    assert set(stories_by_outlet(db).values()) == {gaza}
    listing = cli("stories", "--db", db).stdout
    assert lines_with(listing, "Harbor Times, Levant Ledger") and not lines_with(listing, f" {docks} ")
    # the absorbed id now stands for the story it went into
    assert "Doha" in cli("timeline", "--story", docks, "--db", db).stdout
    itself = cli("stories", "merge", gaza, docks, "--db", db)
    assert itself.exit_code == 1 and "into itself" in itself.stderr
