"""How `pourparler eval` counts a position right: the same stance word, party, issue (or the generic issue
a profile's issue is a case of), stance and the numbers stated."""

from __future__ import annotations

from pathlib import Path

from pourparler.evaluate.gold import GoldArticle
from pourparler.evaluate.negotiation import score_negotiation
from pourparler.model import Document, Published

BODY = "Hamas demanded the release of at least 20 prisoners, while Israel offered up to 10."


def score(predicted: list[dict], gold: list[dict], actors: tuple[list, list] = ([], [])) -> dict:
    annotation = {"actors": actors[0], "events": [], "positions": gold}
    article = GoldArticle("t", Path("t.txt"), BODY, annotation)
    document = Document(
        source="t", body=BODY, paragraphs=[(0, len(BODY))], published=Published(None, "unknown")
    )
    record = {"actors": actors[1], "events": [], "positions": predicted}
    return score_negotiation([(article, document, record)])["positions"]


def predicted(party: str, trigger: str, issue: str, kind: str, low: float | None, high: float | None) -> dict:
    start = BODY.index(trigger)
    return {
        "party": party,
        "issue": issue,
        "kind": kind,
        "stance": "demand" if trigger == "demanded" else "offer",
        "trigger": {"start": start, "end": start + len(trigger), "text": trigger},
        "value": {"min": low, "max": high, "unit": "prisoners"},
        "text": BODY,
    }


def gold(party: str, trigger: str, issue: str, value: float) -> dict:
    stance = "demand" if trigger == "demanded" else "offer"
    return {
        "text": BODY,
        "trigger": trigger,
        "party": party,
        "issue": issue,
        "stance": stance,
        "min": value,
        "max": value,
    }


def test_a_profile_issue_counts_as_its_generic_kind_and_a_bound_as_the_number_it_states():
    tally = score(
        [
            predicted("hamas", "demanded", "prisoners_per_hostage", "release", 20, None),
            predicted("israel", "offered", "hostages", "release", None, 10),
        ],
        [gold("Hamas", "demanded", "release", 20), gold("Israel", "offered", "release", 10)],
    )
    assert (tally["tp"], tally["fp"], tally["fn"]) == (2, 0, 0)


def test_another_kind_or_another_number_is_no_match():
    tally = score(
        [
            predicted("hamas", "demanded", "buffer_zone", "withdrawal", 20, None),
            predicted("israel", "offered", "hostages", "release", 10, 12),
        ],
        [gold("Hamas", "demanded", "release", 20), gold("Israel", "offered", "release", 10)],
    )
    assert (tally["tp"], tally["fp"], tally["fn"]) == (0, 2, 2)


def test_a_government_annotated_as_a_state_is_that_state_and_no_other():
    annotated = [{"name": "Israeli government", "kind": "state", "country": "ISR"}]
    found = [{"id": "israel", "name": "Israel", "kind": "state", "country": "ISR"}]
    right = predicted("israel", "offered", "hostages", "release", None, 10)
    tally = score([right], [gold("Israeli government", "offered", "release", 10)], (annotated, found))
    assert (tally["tp"], tally["fp"], tally["fn"]) == (1, 0, 0)
    found = [{"id": "hamas", "name": "Hamas", "kind": "group", "country": "PSE"}]
    wrong = predicted("hamas", "offered", "hostages", "release", None, 10)
    tally = score([wrong], [gold("Israeli government", "offered", "release", 10)], (annotated, found))
    assert (tally["tp"], tally["fp"], tally["fn"]) == (0, 1, 1)


def test_a_number_annotated_in_the_scale_its_unit_names_is_the_same_number():
    scaled = {**gold("Israel", "offered", "release", 0.01), "unit": "thousand prisoners"}
    found = predicted("israel", "offered", "hostages", "release", None, 10)
    assert score([found], [scaled])["tp"] == 1
    unscaled = {**gold("Israel", "offered", "release", 0.01), "unit": "prisoners"}
    assert score([found], [unscaled])["tp"] == 0
