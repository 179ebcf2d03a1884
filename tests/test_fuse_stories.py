"""Stories: documents about one negotiation join one story as they arrive; other negotiations do not."""

from __future__ import annotations

import json

from fuse_corpus import Article, caliber_july, teamsters_ups, toi_may, ukraine_talks, ynet_may
from pourparler.fuse.stories import MAX_POSTING, StoryIndex, merge_stories, rename_story

LABELS = {"gaza-2023": "Gaza ceasefire and hostage talks (2023–2025)"}


def gaza_index() -> tuple[StoryIndex, str]:
    index = StoryIndex(labels=LABELS)
    story = index.assign(ynet_may().record())
    return index, story


def test_reports_of_the_same_talks_two_months_apart_join_one_story_named_by_the_profile():
    index, may = gaza_index()
    july = index.assign(caliber_july().record())
    assert july == may
    [story] = index.stories()
    assert story["label"] == LABELS["gaza-2023"]
    assert story["documents"] == [ynet_may().id, caliber_july().id]


def test_a_wage_dispute_opens_its_own_story_named_by_its_parties():
    index, gaza = gaza_index()
    labour = index.assign(teamsters_ups().record())
    assert labour != gaza
    assert {s["id"]: s["label"] for s in index.stories()}[labour] == "Teamsters – UPS"


def test_ukraine_talks_with_the_same_us_envoy_do_not_join_the_gaza_story():
    index, gaza = gaza_index()
    index.assign(caliber_july().record())
    assert index.assign(ukraine_talks().record()) != gaza


def test_an_article_without_positions_joins_by_its_actors():
    index, gaza = gaza_index()
    bare = toi_may()
    bare.positions.clear()
    assert index.assign(bare.record()) == gaza


def test_a_wire_copy_with_no_extracted_records_joins_by_its_text():
    index, gaza = gaza_index()
    original = ynet_may()
    copy = Article("Wire", None, original.body + " More follows.", {})
    assert index.assign(copy.record()) == gaza


def test_assigning_a_stored_document_again_returns_its_story():
    index, gaza = gaza_index()
    index.assign(teamsters_ups().record())
    assert index.assign(ynet_may().record()) == gaza
    assert len(index.stories()) == 2


def test_state_round_trips_through_json_and_the_restored_index_assigns_alike():
    index, _ = gaza_index()
    index.assign(teamsters_ups().record())
    saved = json.loads(json.dumps(index.state()))
    restored = StoryIndex(saved, labels=LABELS)
    assert restored.state() == index.state()
    assert restored.assign(caliber_july().record()) == index.assign(caliber_july().record())
    assert restored.state() == index.state()


def test_a_renamed_story_keeps_its_name_as_documents_join():
    index, gaza = gaza_index()
    state = rename_story(index.state(), gaza, "Doha round")
    assert index.stories()[0]["label"] != "Doha round"  # the pure operation leaves the old state alone
    renamed = StoryIndex(state, labels=LABELS)
    renamed.assign(caliber_july().record())
    assert renamed.stories()[0]["label"] == "Doha round"


def test_merged_stories_hold_all_documents_and_the_absorbed_id_leads_to_the_kept_one():
    index, gaza = gaza_index()
    labour = index.assign(teamsters_ups().record())
    state = merge_stories(index.state(), gaza, labour)
    merged = StoryIndex(state, labels=LABELS)
    [story] = merged.stories()
    assert story["id"] == gaza
    assert set(story["documents"]) == {ynet_may().id, teamsters_ups().id}
    assert merged.story_of(teamsters_ups().id) == gaza
    follow_up = Article(
        "AP",
        "2025-07-27",
        "The Teamsters said UPS must raise its offer before the strike vote.",
        {"Teamsters": "teamsters", "UPS": "ups"},
    )
    assert merged.assign(follow_up.record()) == gaza


def test_posting_lists_stay_bounded_however_many_stories_share_an_actor():
    index = StoryIndex()
    for n in range(MAX_POSTING + 20):
        body = f"Union{n} demanded a raise from Company{n}. Union{n} and Company{n} met the United States mediator."
        article = Article(
            "Wire",
            "2025-07-01",
            body,
            {f"Union{n}": f"union-{n}", f"Company{n}": f"company-{n}", "United States": "united-states"},
        )
        index.assign(article.record())
    assert len(index.stories()) == MAX_POSTING + 20
    assert len(index.state()["postings"]["actor"]["united-states"]) == MAX_POSTING
