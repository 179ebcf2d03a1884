"""PLOVER events: the type and mode a coder would give, who acts on whom, where, when, and how sure."""

from __future__ import annotations

import pytest

from pourparler.model import Document, Published
from pourparler.pipeline import analyse


def events_of(*paragraphs: str, date: str = "2025-03-14") -> list[dict]:
    body = "\n\n".join(paragraphs)
    spans, start = [], 0
    for p in paragraphs:
        spans.append((start, start + len(p)))
        start += len(p) + 2
    document = Document(source="test", body=body, paragraphs=spans, published=Published(date, "given"))
    record = analyse([document]).to_json()
    for event in record["events"]:
        assert body[event["start"] : event["end"]] == event["text"]
        trigger = event["trigger"]
        assert body[trigger["start"] : trigger["end"]] == trigger["text"]
    return record["events"]


def event_at(events: list[dict], trigger: str) -> dict:
    found = [e for e in events if e["trigger"]["text"] == trigger]
    assert found, f"no event on {trigger!r}: {[(e['trigger']['text'], e['type']) for e in events]}"
    return found[0]


def test_a_recalled_delegation_is_a_withdrawal_from_talks_with_its_place_and_own_date():
    events = events_of("Russia on Wednesday recalled its negotiators from Istanbul after the talks stalled.")
    e = event_at(events, "recalled")
    assert (e["type"], e["mode"]) == ("SANCTION", "withdraw")
    assert e["actors"] == ["russia"]
    assert e["location"] == "Istanbul"
    assert (e["date"], e["date_basis"]) == ("2025-03-12", "clause")


def test_a_delegation_leaving_a_capital_named_by_its_demonym_is_located_in_that_capital():
    events = events_of(
        "Talks stalled after Ukrainian and Turkish negotiators disagreed.",
        "Both delegations left the Turkish capital on March 3.",
    )
    e = event_at(events, "left")
    assert (e["type"], e["mode"]) == ("SANCTION", "withdraw")
    assert e["location"] == "Ankara"
    assert e["date"] == "2025-03-03"
    assert set(e["actors"]) == {"ukraine", "turkey"}


@pytest.mark.parametrize(
    ("sentence", "trigger", "kind", "mode"),
    [
        ("The union demanded the release of 40 detained workers.", "demanded", "REQUEST", "yield"),
        ("Sudan's army rejected the proposal for talks in Jeddah.", "rejected", "REJECT", "meet"),
        ("Kyiv and Moscow signed a prisoner exchange agreement in Abu Dhabi.", "signed", "AGREE", None),
        ("Ukraine and Russia exchanged 150 prisoners of war on Tuesday.", "exchanged", "RETREAT", "release"),
        ("Washington imposed new tariffs on Chinese steel.", "imposed", "SANCTION", "restrict"),
        ("The two sides announced a 30-day ceasefire.", "announced", "CONCEDE", "ceasefire"),
        ("Dockworkers went on strike at 36 ports.", "went", "PROTEST", "strike"),
        ("The foreign minister praised Qatar for its mediation.", "praised", "SUPPORT", None),
        ("The government accused the rebels of violating the truce.", "accused", "ACCUSE", "disapprove"),
    ],
)
def test_verbs_take_the_plover_type_and_mode_of_the_lexicon(sentence, trigger, kind, mode):
    e = event_at(events_of(sentence), trigger)
    assert (e["type"], e["mode"]) == (kind, mode)


def test_a_condition_and_a_future_are_hypothetical_and_a_failure_to_respond_is_negated():
    events = events_of(
        "Hamas has not responded to the proposal. If Hamas accepts the proposal, "
        "the delegation will return to Doha."
    )
    assert event_at(events, "responded")["negated"] is True
    assert event_at(events, "accepts")["hypothetical"] is True
    assert event_at(events, "return")["hypothetical"] is True
    assert event_at(events, "responded")["hypothetical"] is False


def test_an_event_reported_by_an_anonymous_source_is_its_side_s_with_the_source_in_according_to():
    events = events_of("Israeli officials rejected the demands, an Israeli official said.")
    e = event_at(events, "rejected")
    assert e["actors"] == ["israel"]
    assert e["according_to"] and "official" in e["according_to"]


def test_an_event_inside_a_statement_takes_the_statement_s_date_when_it_has_none():
    events = events_of("The ministry announced on Monday that Armenia had accepted the draft treaty.")
    e = event_at(events, "accepted")
    assert e["type"] == "AGREE"
    assert (e["date"], e["date_basis"]) == ("2025-03-10", "report")


def test_what_is_only_named_is_not_an_event():
    events = events_of("The decision to withdraw the delegation surprised the mediators.")
    assert not [e for e in events if e["trigger"]["text"] == "withdraw"]


def test_a_refusal_is_a_rejection_not_a_negated_agreement():
    events = events_of(
        "Iran said it would not negotiate over its missile programme. Serbia did not accept the plan."
    )
    assert (event_at(events, "negotiate")["type"], event_at(events, "negotiate")["mode"]) == (
        "REJECT",
        "meet",
    )
    accepted = event_at(events, "accept")
    assert accepted["type"] == "REJECT" and accepted["negated"] is False


def test_a_refusal_in_the_future_tense_is_made_now_and_a_conditional_one_stays_hypothetical():
    events = events_of(
        '"We will not accept a deal that crosses our red line," a Hamas official said.',
        "If the maps stay as they are, Hamas will not accept the plan.",
    )
    stated, conditional = (e for e in events if e["trigger"]["text"] == "accept")
    assert (stated["type"], stated["hypothetical"]) == ("REJECT", False)
    assert (conditional["type"], conditional["hypothetical"]) == ("REJECT", True)


def test_words_about_a_source_are_not_events():
    events = events_of(
        "A Colombian official, who spoke on condition of anonymity because he was not authorized to discuss "
        "the talks, said the ELN had agreed to free two soldiers. A second official, who asked not to be "
        "named, confirmed it. The army declined to comment."
    )
    assert [e["trigger"]["text"] for e in events] == ["agreed"]


def test_participles_that_say_who_did_it_or_that_a_text_was_signed_are_events():
    events = events_of(
        "The exchange, brokered by Qatar, followed an accord between Ethiopia and Eritrea signed in Jeddah "
        "in 2018."
    )
    assert event_at(events, "brokered")["type"] == "CONSULT"
    assert event_at(events, "signed")["type"] == "AGREE"


@pytest.mark.parametrize(
    "sentence, trigger, kind",
    [
        ("Talks between the union and the hospital broke down on Sunday.", "broke", "SANCTION"),
        ("Shelling overnight killed 12 civilians in Kherson.", "killed", "ASSAULT"),
        ("The RSF seized Wad Madani in December.", "seized", "COERCE"),
        ("The Kremlin denied the report.", "denied", "REJECT"),
        ("Putin warned that Moscow would respond.", "warned", "THREATEN"),
        ("Antony Blinken flew to Riyadh on Monday.", "flew", "CONSULT"),
    ],
)
def test_more_verbs_of_the_lexicon(sentence, trigger, kind):
    assert event_at(events_of(sentence), trigger)["type"] == kind


def test_both_sides_and_coordinated_subjects_are_every_actor_of_the_event():
    events = events_of(
        "Kosovo and Serbia held a fourth round of talks in Brussels on Monday.",
        "Both sides agreed to meet again in September, a spokesperson said. Pakistan and India "
        "signed a water accord on Friday.",
    )
    assert set(event_at(events, "agreed")["actors"]) == {"kosovo", "serbia"}
    assert set(event_at(events, "signed")["actors"]) == {"pakistan", "india"}


def test_an_arrest_with_no_agent_is_by_the_state_where_it_happened():
    events = events_of(
        "Iran and Belgium are negotiating the release of two Belgian aid workers.",
        "One of them was arrested at Tehran's airport in September 2024.",
    )
    e = event_at(events, "arrested")
    assert (e["type"], e["actors"]) == ("COERCE", ["iran"])
