"""One timeline across outlets: one entry per event however many report it, with every source's evidence."""

from __future__ import annotations

from fuse_corpus import Article, caliber_july, toi_may, ynet_may
from pourparler.fuse.timeline import merge_quotes, timeline


def entries_of(*articles: Article) -> list[dict]:
    return timeline([e for a in articles for e in a.events], [p for a in articles for p in a.positions])


def withdrawals(entries: list[dict]) -> list[dict]:
    return [e for e in entries if e["kind"] == "event" and e["type"] == "SANCTION"]


def assert_evidence_is_the_body(entry: dict, *articles: Article) -> None:
    bodies = {a.id: a.body for a in articles}
    for span in entry["evidence"]:
        assert bodies[span["doc"]][span["start"] : span["end"]] == span["text"]


def test_one_recall_reported_by_two_outlets_is_one_entry_with_both_sources_and_both_sentences():
    ynet, toi = ynet_may(), toi_may()
    [recall] = withdrawals(entries_of(ynet, toi))
    assert recall["date"] == "2025-05-22"
    assert recall["sources"] == [ynet.id, toi.id]
    assert [s["text"] for s in recall["evidence"]] == [
        "Israel on Thursday recalled its remaining delegation from Doha",
        "Israel recalled its negotiating team from Doha on Thursday",
    ]
    assert recall["members"] == [ynet.events[0]["id"], toi.events[0]["id"]]
    assert_evidence_is_the_body(recall, ynet, toi)


def test_the_may_and_july_withdrawals_from_doha_stay_two_entries():
    ynet, caliber = ynet_may(), caliber_july()
    entries = withdrawals(entries_of(ynet, caliber))
    assert [(e["date"], e["sources"]) for e in entries] == [
        ("2025-05-22", [ynet.id]),
        ("2025-07-24", [caliber.id]),
    ]


def test_a_report_dated_only_by_its_publication_joins_the_event_and_the_clause_date_leads():
    ynet = ynet_may()
    late = Article("Al-Monitor", "2025-05-23", "Israel recalled its delegation from Doha.", {})
    late.event(
        "Israel recalled its delegation from Doha",
        "SANCTION",
        "withdraw",
        ["israel"],
        location="Doha",
        date_basis="publication",
    )
    [recall] = withdrawals(entries_of(late, ynet))
    assert recall["date"] == "2025-05-22"
    assert recall["ref"] == ynet.events[0]["id"]
    assert recall["sources"] == [ynet.id, late.id]


def test_the_same_kind_of_event_in_another_city_the_same_day_is_another_entry():
    ynet = ynet_may()
    cairo = Article("Ahram", "2025-05-22", "Israel on Thursday recalled its team from Cairo.", {})
    cairo.event(
        "Israel on Thursday recalled its team from Cairo",
        "SANCTION",
        "withdraw",
        ["israel"],
        location="Cairo",
    )
    assert len(withdrawals(entries_of(ynet, cairo))) == 2


def test_hypothetical_and_negated_events_are_not_on_the_timeline():
    toi = toi_may()
    toi.event(
        "talks with Hamas on a hostage and ceasefire deal stalled", "CONSULT", None, ["hamas"], negated=True
    )
    entries = entries_of(toi)
    assert [e["type"] for e in entries if e["kind"] == "event"] == ["SANCTION"]


def test_dated_positions_are_entries_and_the_timeline_runs_in_date_order():
    ynet, caliber = ynet_may(), caliber_july()
    entries = entries_of(caliber, ynet)
    assert [e["date"] for e in entries] == sorted(e["date"] for e in entries)
    offer = next(e for e in entries if e["kind"] == "position" and e.get("stance") == "offer")
    assert offer["summary"] == "Israel offers 10 (prisoners per hostage)"
    assert offer["sources"] == [caliber.id]
    assert offer["ref"] == caliber.positions[1]["id"]


def test_a_quote_repeated_by_two_outlets_is_one_quote_with_two_sources():
    ynet, toi = ynet_may(), toi_may()
    quotes = merge_quotes(ynet.quotes + toi.quotes)
    assert len(quotes) == 1
    [quote] = quotes
    assert quote["speaker"] == "steve-witkoff"
    assert quote["sources"] == [ynet.id, toi.id]
    assert [s["doc"] for s in quote["evidence"]] == [ynet.id, toi.id]
    assert quote["members"] == [
        f"{ynet.id[:12]}-q{ynet.quotes[0]['start']}",
        f"{toi.id[:12]}-q{toi.quotes[0]['start']}",
    ]


def test_a_quote_cut_short_by_one_outlet_is_still_the_same_quote():
    ynet = ynet_may()
    short = Article("N12", "2025-05-22", "Witkoff said “Hamas must accept the framework now”.", {})
    short.quote("Hamas must accept the framework now", "steve-witkoff", "Witkoff")
    [quote] = merge_quotes(ynet.quotes + short.quotes)
    assert quote["sources"] == [ynet.id, short.id]
    assert quote["text"] == ynet.quotes[0]["text"]


def test_the_same_words_from_another_speaker_are_another_quote():
    ynet = ynet_may()
    other = Article(
        "N12",
        "2025-05-22",
        "Trump said: “Hamas must accept the framework now, there is no more time to waste.”",
        {},
    )
    other.quote(
        "Hamas must accept the framework now, there is no more time to waste.", "donald-trump", "Trump"
    )
    assert [q["sources"] for q in merge_quotes(ynet.quotes + other.quotes)] == [[ynet.id], [other.id]]
