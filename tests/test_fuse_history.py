"""Position history: each party's figures on an issue over time, the gap between them and its trend."""

from __future__ import annotations

from fuse_corpus import Article, caliber_july, hamas_demand, value
from pourparler.fuse.history import position_history

PER = "living Israeli hostage"


def issue(history: list[dict], name: str) -> dict:
    found = [h for h in history if h["issue"] == name]
    assert found, [h["issue"] for h in history]
    return found[0]


def later_offer(figure: float, date: str = "2025-08-05", outlet: str = "Haaretz") -> Article:
    a = Article(
        outlet, date, f"Israel offered {figure:g} prisoners for every living hostage, {outlet} reports.", {}
    )
    a.position(
        f"Israel offered {figure:g} prisoners for every living hostage",
        "israel",
        "prisoners_per_hostage",
        "offer",
        value=value(figure, "prisoners", "living hostage"),
    )
    return a


def test_hamas_20_against_israel_10_per_hostage_is_a_gap_of_10_with_no_trend_yet():
    prisoners = issue(position_history(caliber_july().positions), "prisoners_per_hostage")
    [gap] = prisoners["gaps"]
    assert gap["between"] == ["hamas", "israel"]
    assert (gap["value"], gap["unit"], gap["per"]) == (10, "prisoners", PER)
    assert gap["previous"] is None and gap["trend"] is None


def test_a_later_israeli_offer_of_15_narrows_the_gap_to_5():
    caliber, haaretz = caliber_july(), later_offer(15)
    prisoners = issue(position_history(caliber.positions + haaretz.positions), "prisoners_per_hostage")
    [gap] = prisoners["gaps"]
    assert (gap["value"], gap["previous"], gap["trend"]) == (5, 10, "narrows")
    assert gap["date"] == "2025-08-05"
    assert [(s["date"], s["value"]) for s in gap["series"]] == [("2025-07-24", 10), ("2025-08-05", 5)]
    israel = next(p for p in prisoners["parties"] if p["party"] == "israel")
    assert [(s["date"], s["value"]["min"], s["sources"]) for s in israel["steps"]] == [
        ("2025-07-24", 10, [caliber.id]),
        ("2025-08-05", 15, [haaretz.id]),
    ]


def test_a_raised_hamas_demand_widens_the_gap_and_an_unchanged_one_holds_it():
    caliber = caliber_july()
    widened = issue(
        position_history(caliber.positions + hamas_demand(25, "2025-08-05").positions),
        "prisoners_per_hostage",
    )
    assert (widened["gaps"][0]["value"], widened["gaps"][0]["trend"]) == (15, "widens")
    held = issue(
        position_history(caliber.positions + hamas_demand(20, "2025-08-05").positions),
        "prisoners_per_hostage",
    )
    assert (held["gaps"][0]["value"], held["gaps"][0]["trend"]) == (10, "holds")


def test_the_same_offer_reported_by_two_outlets_is_one_step_with_two_sources():
    first, second = later_offer(15, outlet="Haaretz"), later_offer(15, outlet="Ynetnews")
    prisoners = issue(position_history(first.positions + second.positions), "prisoners_per_hostage")
    [israel] = prisoners["parties"]
    [step] = israel["steps"]
    assert step["sources"] == [first.id, second.id]
    assert len(step["evidence"]) == 2


def test_a_buffer_range_against_a_deeper_figure_gives_the_distance_to_the_range():
    caliber = caliber_july()
    israel = Article("i24", "2025-07-24", "Israel insists on a buffer of 1,500 metres.", {})
    israel.position(
        "Israel insists on a buffer of 1,500 metres",
        "israel",
        "buffer_zone",
        "insist",
        value=value(1500, "metre"),
    )
    buffer = issue(position_history(caliber.positions + israel.positions), "buffer_zone")
    assert buffer["gaps"][0]["value"] == 300


def test_figures_in_different_units_give_no_gap():
    caliber = caliber_july()
    days = Article("i24", "2025-07-24", "Israel offered a 60-day truce.", {})
    days.position(
        "Israel offered a 60-day truce", "israel", "prisoners_per_hostage", "offer", value=value(60, "day")
    )
    prisoners = issue(position_history([caliber.positions[0], *days.positions]), "prisoners_per_hostage")
    assert prisoners["gaps"] == []
