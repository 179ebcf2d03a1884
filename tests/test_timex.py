"""Time expressions: found with exact offsets, resolved against the publication date by tense."""

import datetime as dt
import itertools
import re

import pytest
import spacy
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from spacy.language import Language

from pourparler.extract.timex import find_times
from pourparler.model import TimeExpression
from pourparler.nlp import parse, pipeline

VALUE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?(-W\d{2})?$")
THURSDAY = dt.date(2025, 5, 22)


@pytest.fixture(scope="module")
def nlp() -> Language:
    return pipeline()


@pytest.fixture(scope="module")
def blank() -> Language:
    return spacy.blank("en")


def times(nlp: Language, text: str, published: dt.date | None = THURSDAY) -> list[TimeExpression]:
    doc = next(parse([text]))
    found = find_times(doc, published)
    assert_well_formed(doc.text, found)
    return found


def values(nlp: Language, text: str, published: dt.date | None = THURSDAY) -> dict[str, str | None]:
    return {t.text: t.value for t in times(nlp, text, published)}


def assert_well_formed(text: str, found: list[TimeExpression]) -> None:
    for t in found:
        assert text[t.start : t.end] == t.text
        assert t.value is None or VALUE.match(t.value), t
        assert t.until is None or VALUE.match(t.until), t
    assert all(a.end <= b.start for a, b in itertools.pairwise(found))


def test_weekdays_of_past_clauses_look_back_and_the_day_itself_counts(nlp: Language) -> None:
    text = (
        "Israel on Thursday recalled its delegation. The team returned to Israel early Tuesday. "
        "Netanyahu's office announced Tuesday that Israel had accepted the proposal. "
        "The talks broke down late Monday, and the envoy said Wednesday that he was frustrated."
    )
    assert values(nlp, text) == {
        "on Thursday": "2025-05-22",
        "early Tuesday": "2025-05-20",
        "Tuesday": "2025-05-20",
        "late Monday": "2025-05-19",
        "Wednesday": "2025-05-21",
    }


def test_weekdays_of_clauses_that_look_ahead_take_the_coming_day(nlp: Language) -> None:
    text = (
        "The ministers will meet on Monday. The report is due on Friday. "
        "They agreed to meet again next Tuesday, and a deal is possible by Sunday."
    )
    assert values(nlp, text) == {
        "on Monday": "2025-05-26",
        "on Friday": "2025-05-23",
        "next Tuesday": "2025-05-27",
        "by Sunday": "2025-05-25",
    }


def test_last_and_since_weekdays(nlp: Language) -> None:
    text = "The coalition collapsed last Wednesday and pupils have been home since Monday."
    assert values(nlp, text, dt.date(2024, 11, 12)) == {
        "last Wednesday": "2024-11-06",
        "since Monday": "2024-11-11",
    }


def test_a_month_day_without_year_takes_the_year_its_tense_points_to(nlp: Language) -> None:
    winter = dt.date(2024, 12, 20)
    assert values(nlp, "The two sides will meet on January 3 in Cairo.", winter) == {
        "on January 3": "2025-01-03"
    }
    assert values(nlp, "They met on December 28 in Cairo.", dt.date(2025, 1, 5)) == {
        "on December 28": "2024-12-28"
    }
    assert values(nlp, "The deal was reached on Jan. 5.", dt.date(2025, 2, 5)) == {"on Jan. 5": "2025-01-05"}


def test_a_weekday_beside_a_month_day_fixes_its_year(nlp: Language) -> None:
    text = "Staff will strike on Friday 1 December and Saturday 2 December."
    assert values(nlp, text, dt.date(2023, 11, 16)) == {
        "on Friday 1 December": "2023-12-01",
        "Saturday 2 December": "2023-12-02",
    }


def test_explicit_dates_months_and_years(nlp: Language) -> None:
    text = (
        "The coup of October 25, 2021 followed the 2019 uprising. Prices rose in March 2024, "
        "the strike began on 5 January 2025 and the report is dated 2025-03-14. "
        "Talks have run since February 2022 and stalled in late May and mid-March; in 2023 they resumed."
    )
    found = values(nlp, text, dt.date(2025, 6, 10))
    assert found["October 25, 2021"] == "2021-10-25"
    assert found["2019"] == "2019"
    assert found["in March 2024"] == "2024-03"
    assert found["on 5 January 2025"] == "2025-01-05"
    assert found["2025-03-14"] == "2025-03-14"
    assert found["since February 2022"] == "2022-02"
    assert found["in late May"] == "2025-05"
    assert found["mid-March"] == "2025-03"
    assert found["in 2023"] == "2023"


def test_deadlines_at_the_end_of_a_period_name_its_last_day(nlp: Language) -> None:
    text = "Washington expects steps by the end of November. The war ended at the end of January."
    assert values(nlp, text, dt.date(2023, 10, 18)) == {
        "by the end of November": "2023-11-30",
        "at the end of January": "2023-01",
    }


def test_weeks_months_and_years_relative_to_publication(nlp: Language) -> None:
    text = (
        "The envoy said earlier this week that talks collapsed last week, will resume next week, "
        "and a decision is due next month. Trump returned to office last month, and elections are next year."
    )
    assert values(nlp, text) == {
        "earlier this week": "2025-W21",
        "last week": "2025-W20",
        "next week": "2025-W22",
        "next month": "2025-06",
        "last month": "2025-04",
        "next year": "2026",
    }


def test_deictic_words_and_days_ago(nlp: Language) -> None:
    text = (
        "Retailers were relieved this morning; the vote is tomorrow and the strike began yesterday. "
        "The talks started two days ago, three weeks ago the plan was rejected and five years ago it failed."
    )
    assert values(nlp, text) == {
        "this morning": "2025-05-22",
        "tomorrow": "2025-05-23",
        "yesterday": "2025-05-21",
        "two days ago": "2025-05-20",
        "three weeks ago": "2025-W18",
        "five years ago": "2020",
    }


def test_vague_expressions_are_found_without_a_value(nlp: Language) -> None:
    found = times(nlp, "A vote is expected in the coming weeks and talks resume in the coming days.")
    assert [(t.text, t.value) for t in found] == [("in the coming weeks", None), ("in the coming days", None)]


@pytest.mark.parametrize(
    ("text", "phrase", "duration"),
    [
        ("The tariffs were cut for 90 days.", "for 90 days", "P90D"),
        ("They reached a six-year contract.", "six-year", "P6Y"),
        ("A 72-hour ceasefire collapsed.", "72-hour", "PT72H"),
        ("The union wants a 4.5-day workweek.", "4.5-day", "P4DT12H"),
        (
            "They held more than two and a half hours of talks.",
            "more than two and a half hours of talks",
            "PT2H30M",
        ),
        ("Within a fortnight, duties had climbed.", "Within a fortnight", "P2W"),
        ("The talks lasted about an hour and 40 minutes.", "about an hour and 40 minutes", "PT1H40M"),
        ("After a day-long meeting, both sides left.", "day-long", "P1D"),
        ("The truce was extended by six months.", "by six months", "P6M"),
        ("It ended after two days of talks in Geneva.", "after two days of talks", "P2D"),
        ("More than a dozen years have passed.", "More than a dozen years", "P12Y"),
    ],
)
def test_durations(nlp: Language, text: str, phrase: str, duration: str) -> None:
    found = {t.text: t for t in times(nlp, text)}
    assert found[phrase].duration == duration
    assert found[phrase].value is None


def test_rates_ages_and_counts_are_not_times(nlp: Language) -> None:
    text = "Pay rises from $39 an hour, 2.6% a year; 150 soldiers and a 12-year-old boy came home."
    assert times(nlp, text) == []


def test_days_counted_from_an_anchor_event_are_dated(nlp: Language) -> None:
    hostages = "The families of the hostages said their pain has lasted 594 days and only grows worse."
    found = {t.text: t for t in times(nlp, hostages)}
    assert found["has lasted 594 days"].duration == "P594D"
    assert found["has lasted 594 days"].value == "2025-05-23"
    ukraine = "Ukraine freed 150 soldiers on Wednesday, the 1,078th day of Russia's full-scale invasion."
    found = {t.text: t for t in times(nlp, ukraine, dt.date(2025, 2, 5))}
    assert found["the 1,078th day of Russia's full-scale invasion"].value == "2025-02-05"


def test_ranges(nlp: Language) -> None:
    text = "A round scheduled for August 25-29 was put off; elections are set for the second half of 2024."
    found = {t.text: (t.value, t.until) for t in times(nlp, text, dt.date(2025, 9, 16))}
    assert found["for August 25-29"] == ("2025-08-25", "2025-08-29")
    assert found["for the second half of 2024"] == ("2024-07", "2024-12")
    flights = "Planes on Friday and Saturday carried detainees."
    found = {t.text: (t.value, t.until) for t in times(nlp, flights, dt.date(2023, 4, 16))}
    assert found == {"on Friday and Saturday": ("2023-04-14", "2023-04-15")}


def test_ranges_joined_by_between_and_from(nlp: Language) -> None:
    text = "Talks advanced between 2015 and 2018, and the envoys met from Monday until Wednesday."
    found = {t.text: (t.value, t.until, t.kind) for t in times(nlp, text)}
    assert found == {
        "between 2015 and 2018": ("2015", "2018", "range"),
        "from Monday until Wednesday": ("2025-05-19", "2025-05-21", "range"),
    }


def test_recurring_times_and_weekends(nlp: Language) -> None:
    text = "Negotiators meet every Tuesday, and the ministers met over the weekend."
    found = {t.text: (t.value, t.until, t.kind) for t in times(nlp, text)}
    assert found == {
        "every Tuesday": (None, None, "set"),
        "over the weekend": ("2025-05-17", "2025-05-18", "range"),
    }


def test_narrative_offsets_count_from_the_story_dates(nlp: Language) -> None:
    text = (
        "The deal was signed on November 2, 2022. The declaration followed ten days later. "
        "Shipments fell in August compared with a year earlier."
    )
    found = values(nlp, text, dt.date(2025, 9, 16))
    assert found["ten days later"] == "2022-11-12"
    assert found["a year earlier"] == "2024-08"


def test_a_clock_time_takes_the_day_beside_it(nlp: Language) -> None:
    found = times(nlp, "Commanders met at 7 a.m. on Tuesday.", dt.date(2025, 7, 29))
    assert [(t.text, t.value, t.kind) for t in found] == [("at 7 a.m. on Tuesday", "2025-07-29", "time")]


def test_without_a_publication_date_only_explicit_dates_resolve(nlp: Language) -> None:
    text = "On Thursday, talks that began on July 24 and in March 2024, last week and on October 7, 2023 resumed."
    assert values(nlp, text, None) == {
        "On Thursday": None,
        "on July 24": None,
        "in March 2024": "2024-03",
        "last week": None,
        "on October 7, 2023": "2023-10-07",
    }


def test_a_blank_pipeline_without_tags_or_sentences_still_works(blank: Language) -> None:
    doc = blank("Israel on Thursday recalled its team. Talks began on 5 January 2025 and lasted 3 hours.")
    found = find_times(doc, THURSDAY)
    assert_well_formed(doc.text, found)
    assert [(t.text, t.value, t.duration) for t in found] == [
        ("on Thursday", "2025-05-22", None),
        ("on 5 January 2025", "2025-01-05", None),
        ("3 hours", None, "PT3H"),
    ]


ADVERSARIAL = st.one_of(
    st.text(max_size=400),
    st.text(alphabet="0123456789-/.,: ", max_size=2000),
    st.lists(
        st.sampled_from(
            ["January", "May", "Monday", "1,078th", "day", "of", "the", "war", "and a half", "years", "ago",
             "2024-25", "late", "by", "end", "-", "on", "a", "an", "hour", "İ", "ﬁ", "\n", "9" * 40, ",", "Q3"]
        ),
        max_size=300,
    ).map(" ".join),
)  # fmt: skip


@settings(deadline=2000, max_examples=150, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    text=ADVERSARIAL, published=st.one_of(st.none(), st.dates(), st.sampled_from([dt.date.min, dt.date.max]))
)
def test_any_text_on_a_blank_pipeline_never_raises(
    blank: Language, text: str, published: dt.date | None
) -> None:
    doc = blank(text)
    assert_well_formed(doc.text, find_times(doc, published))


@settings(deadline=3000, max_examples=25, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=ADVERSARIAL)
def test_any_text_on_the_full_pipeline_never_raises(nlp: Language, text: str) -> None:
    doc = next(parse([text]))
    assert_well_formed(doc.text, find_times(doc, THURSDAY))


def test_long_pathological_documents_finish_quickly(blank: Language) -> None:
    for text in ("9" * 200_000, "January " * 20_000, "for two and a half " * 10_000, "a " * 100_000 + "day"):
        doc = blank(text)
        assert_well_formed(doc.text, find_times(doc, THURSDAY))
