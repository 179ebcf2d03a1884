"""Quotes and speakers: what an analyst checks first — who said it, in which words, from which characters."""

from __future__ import annotations

import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pourparler.extract.actors import find_actors
from pourparler.extract.quotes import find_quotes, quoted_spans
from pourparler.model import Document, Published, Quote
from pourparler.nlp import parse


def analyse(*paragraphs: str, date: str = "2025-03-14") -> tuple[Document, list[Quote], dict]:
    body = "\n\n".join(paragraphs)
    spans, start = [], 0
    for p in paragraphs:
        spans.append((start, start + len(p)))
        start += len(p) + 2
    document = Document(source="test", body=body, paragraphs=spans, published=Published(date, "given"))
    sp = next(parse([body]))
    cast = find_actors(sp, document)
    return document, find_quotes(sp, document, cast), cast.actors


def quote_with(quotes: list[Quote], fragment: str) -> Quote:
    found = [q for q in quotes if fragment in q.text]
    assert found, f"no quote contains {fragment!r}: {[q.text for q in quotes]}"
    return found[0]


def test_direct_quote_with_trailing_cue_names_the_speaker_and_its_offsets():
    doc, quotes, _ = analyse(
        "“We will not sign anything that gives away our land,” Ukrainian Foreign Minister Andrii Sybiha said."
    )
    q = quote_with(quotes, "We will not sign")
    assert q.kind == "direct"
    assert q.speaker.actor == "andrii-sybiha"
    assert doc.body[q.start : q.end] == q.text
    assert q.cue == "said"


def test_split_quote_and_floating_paragraph_keep_the_speaker():
    _, quotes, _ = analyse(
        "“The offer is an insult,” said Mick Lynch, the union's general secretary, “and our members know it.”",
        "“We are ready to strike for as long as it takes.”",
    )
    assert quote_with(quotes, "The offer is an insult").speaker.text.startswith("Mick Lynch")
    assert quote_with(quotes, "and our members know it").speaker.actor == "mick-lynch"
    assert quote_with(quotes, "ready to strike").speaker.actor == "mick-lynch"


def test_anonymous_source_and_the_official_refer_to_the_same_actor():
    _, quotes, actors = analyse(
        "Talks in Muscat ended without a date for a new round, a senior Iranian official said. "
        "“Nobody walked out,” the official said."
    )
    first = quote_with(quotes, "Talks in Muscat ended")
    second = quote_with(quotes, "Nobody walked out")
    assert first.kind == "indirect"
    assert first.speaker.anonymous and second.speaker.anonymous
    assert first.speaker.actor == second.speaker.actor
    assert actors[first.speaker.actor].country == "IRN"


def test_according_to_and_that_clauses_are_indirect_speech():
    _, quotes, _ = analyse(
        "According to the union, more than 9,000 teachers walked off the job on Monday. "
        "The province said that its offer was fair and that talks could resume next week."
    )
    union = quote_with(quotes, "more than 9,000 teachers")
    assert union.kind == "indirect" and union.cue == "according to" and "union" in union.speaker.text
    assert quote_with(quotes, "its offer was fair").kind == "indirect"
    assert quote_with(quotes, "talks could resume next week").kind == "indirect"


def test_quoted_phrase_inside_reported_speech_is_a_mixed_quote():
    _, quotes, _ = analyse(
        "Kenyan President William Ruto called the agreement “a turning point” for the region. "
        'Sudan\'s army said the truce was "unacceptable in its current form" and would not be signed.'
    )
    ruto = quote_with(quotes, "a turning point")
    assert ruto.kind == "mixed" and ruto.speaker.actor == "william-ruto"
    army = quote_with(quotes, "unacceptable in its current form")
    assert army.kind == "mixed"


def test_pronoun_follows_the_subject_of_the_previous_sentence():
    _, quotes, _ = analyse(
        "Opposition negotiator Gerardo Blyde was more cautious. "
        "He said the agreement was only a first step toward a free vote."
    )
    assert "Blyde" in quote_with(quotes, "first step").speaker.text


def test_possessive_office_is_the_office_not_the_person():
    _, quotes, actors = analyse(
        "Prime Minister Keir Starmer’s office said the talks with Brussels had been constructive. "
        "Finance Minister Ivan Petrov's office said the budget was ready."
    )
    known = quote_with(quotes, "the talks with Brussels")
    assert known.speaker.actor == "downing-street"  # the office knowledge names for the UK prime minister
    unknown = quote_with(quotes, "the budget was ready")
    assert unknown.speaker.actor != "ivan-petrov"
    assert actors[unknown.speaker.actor].kind == "organization"


def test_a_short_form_in_brackets_and_a_hyphenated_title_stay_with_their_owner():
    _, quotes, actors = analyse(
        "Members of the Belgian Transport Union (BTB) walked off the job on Tuesday. "
        "The BTB is demanding a 6% pay rise.",
        '"Our members compete with cheaper ports," CEPA director-general Sophie Martens said.',
    )
    unions = [a for a in actors.values() if "BTB" in (a.name, *a.aliases)]
    assert [a.name for a in unions] == ["Belgian Transport Union"]
    speaker = quote_with(quotes, "cheaper ports").speaker.actor
    assert actors[speaker].roles == ["CEPA director-general"]


def test_names_the_tagger_splits_or_mislabels_are_mended():
    _, quotes, actors = analyse(
        "Air Canada and the union met on Monday.",
        '"We offered a fair deal," SEPTA spokesperson Kimberly Ruiz said.',
        '"We will not lease an inch," Foreign Minister Abdirahman Sheikh Nur said.',
        '"We have moved significantly," CEO Greg Castellano told analysts.',
    )
    assert "canada" not in actors and actors["air-canada"].kind == "organization"
    assert actors[quote_with(quotes, "fair deal").speaker.actor].roles == ["SEPTA spokesperson"]
    assert actors[quote_with(quotes, "an inch").speaker.actor].name == "Abdirahman Sheikh Nur"
    assert actors[quote_with(quotes, "moved").speaker.actor].roles == ["CEO"]


def test_a_title_set_before_a_name_and_a_short_form_the_article_spells_out_are_its_own():
    _, quotes, actors = analyse(
        "The Nigeria Labour Congress (NLC) and the Trade Union Congress (TUC) met the government.",
        '"We cannot pay more," the Minister of Labour and Employment, Muhammad Dingyadi, said.',
        '"We will strike," the TUC said.',
    )
    assert "tuc" not in actors  # Britain's Trades Union Congress, in the knowledge under the same letters
    assert actors[quote_with(quotes, "strike").speaker.actor].name == "Trade Union Congress"
    assert actors[quote_with(quotes, "pay more").speaker.actor].roles == [
        "the Minister of Labour and Employment"
    ]


def test_a_legal_form_a_bilingual_short_form_and_a_title_joined_by_and_name_one_actor():
    _, quotes, actors = analyse(
        "Workers at Hanwha Ocean Co. Ltd and the Quebec Nurses Union (QNU/SIQ) rejected the offer.",
        '"We need nurses," the SIQ said. "We have no money," Hanwha Ocean said.',
        '"Talk again," Labour and Immigration Minister Paul Arsenault said.',
    )
    assert actors[quote_with(quotes, "need nurses").speaker.actor].name == "Quebec Nurses Union"
    company = actors[quote_with(quotes, "no money").speaker.actor]
    assert (company.name, company.sector) == ("Hanwha Ocean", "BUS")
    assert actors[quote_with(quotes, "Talk again").speaker.actor].roles == ["Labour and Immigration Minister"]


def test_a_double_barrelled_name_and_a_person_whose_team_is_named_first_are_one_person():
    _, quotes, actors = analyse(
        "Treasury Board President Mélanie Gagnon-Roy met the union. Economy Minister Luis Caputo's team met "
        "the IMF on Monday.",
        "“Our offer is fair,” Gagnon-Roy said. “We will not print pesos,” Caputo said.",
    )
    fair = actors[quote_with(quotes, "offer is fair").speaker.actor]
    assert (fair.name, fair.roles) == ("Mélanie Gagnon-Roy", ["Treasury Board President"])
    pesos = actors[quote_with(quotes, "print pesos").speaker.actor]
    assert (pesos.name, pesos.kind, pesos.roles) == ("Luis Caputo", "person", ["Economy Minister"])


def test_a_name_the_text_calls_a_union_is_a_body_and_ids_are_written_without_accents():
    _, quotes, actors = analyse(
        "Industri Energi, the largest offshore union, accepted the deal on Sunday. The Lederne union did not.",
        "“We secured the best deal,” union leader Lise Mjøsrønneberg said.",
    )
    assert actors["industri-energi"].kind == actors["lederne"].kind == "organization"
    assert quote_with(quotes, "best deal").speaker.actor == "lise-mjosronneberg"


def test_a_short_form_of_a_name_with_words_in_lower_case_is_the_same_body():
    _, quotes, actors = analyse(
        "Maintenance workers will stay off the job until the Société de transport de Montréal drops its demand.",
        "“Our offer is fair,” the STM said in a statement.",
    )
    assert (
        actors[quote_with(quotes, "offer is fair").speaker.actor].name == "Société de transport de Montréal"
    )


def test_a_name_after_a_word_for_a_body_is_that_body_and_a_law_or_a_lone_surname_is_no_person():
    _, quotes, actors = analyse(
        "The Swedish metalworkers' union IF Metall rejected the offer, and the cleaners' union Fastighets "
        "joined the Lederne and SAFE unions in a blockade under the Trucking Transport Business Act.",
        "Lederne won the vote on Tuesday. “We will not sign,” Northvolt said. “Talk to us,” the union President "
        "Sara Nelson said.",
    )
    assert actors["if-metall"].kind == actors["fastighets"].kind == "organization"
    assert actors["lederne"].sector == actors["if-metall"].sector == "LAB"
    assert not any("act" in a.split("-") for a in actors)
    assert actors[quote_with(quotes, "not sign").speaker.actor].kind == "organization"
    assert quote_with(quotes, "Talk to us").speaker.actor == "sara-nelson"


def test_names_cut_by_a_demonym_or_written_as_mixed_case_initials_stay_one_body():
    _, quotes, actors = analyse(
        "Tube drivers will strike unless Transport for London agrees to a shorter week. The National "
        "Association of Nigerian Students and the Nigeria Labour Congress backed the lecturers. Bangladesh "
        "Garment Manufacturers and Exporters Association (BGMEA) President Rezwan Kabir Majumder spoke.",
        "“Our offer is fair,” TfL said. The National Education, Health and Allied Workers' Union (NEHAWU) "
        "general secretary Zola Mabandla spoke on Monday. “We will not accept it,” says Mabandla.",
    )
    assert actors[quote_with(quotes, "offer is fair").speaker.actor].name == "Transport for London"
    assert {
        "National Association of Nigerian Students",
        "Nigeria Labour Congress",
        "Bangladesh Garment Manufacturers and Exporters Association",
    } <= {a.name for a in actors.values()}
    assert actors[quote_with(quotes, "will not accept").speaker.actor].roles == ["NEHAWU general secretary"]


def test_outlet_citing_a_source_attributes_to_the_source_and_keeps_the_chain():
    _, quotes, _ = analyse(
        "Reuters reported, citing two diplomats briefed on the talks, that a draft had been circulated."
    )
    q = quote_with(quotes, "a draft had been circulated")
    assert "diplomats" in q.speaker.text and q.speaker.anonymous
    assert "Reuters" in q.via


def test_a_quoted_name_is_not_speech():
    _, quotes, _ = analyse("Troops pulled back from the so-called “Philadelphi Corridor” on Sunday.")
    assert quotes == []


def test_quote_marks_pair_within_paragraphs_and_an_open_quote_runs_to_the_end():
    body = "He said: “First part.\n\n“Second part.”"
    spans = list(quoted_spans(body, [(0, 21), (23, len(body))]))
    assert [body[s.start : s.end] for s in spans] == ["First part.", "Second part."]


@pytest.fixture(scope="module")
def sp_pipeline():
    from pourparler.nlp import pipeline

    return pipeline()


text_pieces = st.sampled_from(
    [
        "“",
        "”",
        '"',
        "‘",
        "’",
        " said ",
        " he ",
        "According to ",
        "officials",
        ", ",
        ". ",
        "\n\n",
        "Hamas",
        "the statement",
        "one source",
        "that ",
        "Witkoff",
        ":",
        "We will",
        " called it ",
    ]
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.one_of(text_pieces, st.text(max_size=30)), max_size=60))
def test_quote_finder_never_crashes_and_keeps_offsets_valid(sp_pipeline, pieces):
    body = "".join(pieces)
    paragraphs, start = [], 0
    for part in body.split("\n\n"):
        paragraphs.append((start, start + len(part)))
        start += len(part) + 2
    document = Document(source="fuzz", body=body, paragraphs=paragraphs)
    began = time.perf_counter()
    sp = next(parse([body]))
    quotes = find_quotes(sp, document, find_actors(sp, document))
    assert time.perf_counter() - began < 5
    for q in quotes:
        assert 0 <= q.start < q.end <= len(body)
        assert body[q.start : q.end] == q.text


def test_the_junta_is_its_state_and_an_ambassador_named_after_the_title_is_a_person():
    _, quotes, actors = analyse(
        "Niger's military rulers demanded that French troops leave by December 31. Jihadist groups linked to "
        "al-Qaeda attacked a convoy near the border.",
        "The standoff over France's ambassador, Laurent Dufresne, lasted weeks. “The route through Benin is "
        "closed,” the junta said.",
    )
    assert quote_with(quotes, "route through Benin").speaker.actor == "niger"
    assert actors["laurent-dufresne"].kind == "person"
