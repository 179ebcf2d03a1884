"""Contradictions: sources that cannot both be right, or that differ on who vouches for a fact."""

from __future__ import annotations

from fuse_corpus import Article, caliber_july, hamas_demand, toi_may, value, ynet_may
from pourparler.fuse.contradictions import find_contradictions

NAMES = {"hamas": "Hamas", "israel": "Israel", "anon-ynet0000-israeli-official": "an Israeli official"}


def contradictions_of(*articles: Article) -> list[dict]:
    outlets = {a.id: a.document["outlet"] for a in articles}
    return find_contradictions(
        [e for a in articles for e in a.events],
        [p for a in articles for p in a.positions],
        outlets=outlets,
        names=NAMES,
    )


def of_kind(found: list[dict], kind: str) -> list[dict]:
    return [c for c in found if c["kind"] == kind]


def assert_both_sides_have_their_evidence(item: dict, a: Article, b: Article) -> None:
    assert [s["doc"] for s in item["evidence"]] == [a.id, b.id]
    for span, article in zip(item["evidence"], (a, b), strict=True):
        assert article.body[span["start"] : span["end"]] == span["text"]


def test_two_outlets_giving_hamas_different_figures_in_one_week_contradict_each_other():
    caliber, jazeera = caliber_july(), hamas_demand(30, "2025-07-26")
    [item] = of_kind(contradictions_of(caliber, jazeera), "value")
    assert (item["a"], item["b"]) == (caliber.positions[0]["id"], jazeera.positions[0]["id"])
    assert_both_sides_have_their_evidence(item, caliber, jazeera)
    assert "Caliber.Az" in item["why"] and "Al Jazeera" in item["why"]
    assert "20 prisoners" in item["why"] and "30 prisoners" in item["why"]


def test_the_same_figure_or_a_figure_weeks_later_is_no_contradiction():
    assert contradictions_of(caliber_july(), hamas_demand(20, "2025-07-25")) == []
    assert contradictions_of(caliber_july(), hamas_demand(30, "2025-08-20")) == []


def test_acceptance_and_rejection_of_one_issue_by_one_party_in_one_week_contradict():
    ynet = ynet_may()
    other = Article("Maariv", "2025-05-24", "Israel accepted the Hamas demand for US guarantees.", {})
    other.position("Israel accepted the Hamas demand for US guarantees", "israel", "guarantees", "accept")
    [item] = of_kind(contradictions_of(ynet, other), "stance")
    assert (item["a"], item["b"]) == (ynet.positions[1]["id"], other.positions[0]["id"])
    assert_both_sides_have_their_evidence(item, ynet, other)


def test_one_outlet_stating_as_fact_what_another_has_from_an_anonymous_official_is_an_attribution_difference():
    ynet, toi = ynet_may(), toi_may()
    [item] = of_kind(contradictions_of(ynet, toi), "attribution")
    assert (item["a"], item["b"]) == (toi.events[0]["id"], ynet.events[0]["id"])
    assert_both_sides_have_their_evidence(item, toi, ynet)
    assert item["why"].startswith("Times of Israel states as fact")
    assert item["why"].endswith("Ynetnews attributes it to an Israeli official.")


def test_the_same_recall_placed_in_two_cities_contradicts():
    ynet = ynet_may()
    cairo = Article(
        "Ahram", "2025-05-22", "Israel on Thursday recalled its remaining delegation from Cairo.", {}
    )
    cairo.event(
        "Israel on Thursday recalled its remaining delegation from Cairo",
        "SANCTION",
        "withdraw",
        ["israel"],
        location="Cairo",
    )
    [item] = of_kind(contradictions_of(ynet, cairo), "place")
    assert "Doha" in item["why"] and "Cairo" in item["why"]
    assert_both_sides_have_their_evidence(item, ynet, cairo)


def test_the_same_recall_dated_a_day_apart_contradicts_but_two_months_apart_are_two_events():
    ynet = ynet_may()
    wrong_day = Article("Walla", "2025-05-23", "Israel on Friday recalled its delegation from Doha.", {})
    wrong_day.event(
        "Israel on Friday recalled its delegation from Doha",
        "SANCTION",
        "withdraw",
        ["israel"],
        location="Doha",
        date="2025-05-23",
    )
    [item] = of_kind(contradictions_of(ynet, wrong_day), "date")
    assert "2025-05-22" in item["why"] and "2025-05-23" in item["why"]
    assert contradictions_of(ynet, caliber_july()) == []


def test_one_article_disagreeing_with_itself_is_not_two_sources():
    caliber = caliber_july()
    caliber.position(
        "Hamas reportedly demanded",
        "hamas",
        "prisoners_per_hostage",
        "demand",
        value=value(30, "prisoners", "living Israeli hostage"),
    )
    assert of_kind(contradictions_of(caliber), "value") == []
