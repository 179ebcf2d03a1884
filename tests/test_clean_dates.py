"""Publication dates: from page lines, and inferred from anchors, month-days, roles and weekdays."""

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from pourparler.clean.dates import infer_publication_date, published_from_line

TODAY = dt.date(2026, 11, 22)


def test_page_date_lines():
    assert published_from_line("Published: March 14, 2025 10:32") == "2025-03-14"
    assert published_from_line("Updated 2024-02-03T10:00Z") == "2024-02-03"
    assert published_from_line("Issued on: 18/10/2023 - 21:03") == "2023-10-18"
    assert published_from_line("Posted 5 hours ago") is None


def test_ambiguous_numeric_date_follows_the_weekdays_of_the_text():
    assert published_from_line("11/12/2024") == "2024-12-11"
    assert (
        published_from_line("11/12/2024", "Workers walked out early Tuesday, the union said.") == "2024-11-12"
    )


def test_days_counted_from_an_anchor_snap_to_the_weekday_the_text_names():
    body = (
        "The army said on Wednesday that the hostages had been moved. "
        "Their families said the ordeal has lasted 400 days."
    )
    published = infer_publication_date(body, today=TODAY)
    # 2023-10-07 + 400 days is Sunday 2024-11-10; no Wednesday lies within the counting slack around it.
    assert published.basis == "inferred"
    assert published.date == "2024-11-10"
    assert "400 days" in (published.evidence or "")


def test_ordinal_day_of_the_war():
    body = "On day 1,000 of the war, Kyiv said talks with Russia were not on the agenda, Ukrainian officials said."
    published = infer_publication_date(body, today=TODAY)
    assert published.date == "2024-11-19"


def test_month_day_takes_its_year_from_a_role_with_a_recent_start():
    body = (
        "Negotiators left Muscat on March 3 after talks mediated by Steve Witkoff, "
        "President Donald Trump's special envoy, officials said."
    )
    published = infer_publication_date(body, today=TODAY)
    assert published.date == "2025-03-03"
    assert "Witkoff" in (published.evidence or "")


def test_month_day_without_year_evidence_is_unknown():
    body = "The talks opened on March 3 in Geneva, the ministry said."
    assert infer_publication_date(body, today=TODAY).basis == "unknown"


def test_former_office_holders_give_no_role_evidence():
    body = (
        "Negotiators met on June 2 in Istanbul. Former President Donald Trump's envoy was not present, "
        "officials said."
    )
    assert infer_publication_date(body, today=TODAY).date is None


def test_future_dates_are_not_publication_evidence():
    body = "Steve Witkoff, President Donald Trump's envoy, said the two sides will meet again on December 12."
    assert infer_publication_date(body, today=TODAY).date is None


def test_wire_dateline_is_the_article_date():
    body = (
        "KYIV, Feb 5 (Reuters) - Ukraine and Russia swapped prisoners on Wednesday, "
        "U.S. President Donald Trump's envoy Keith Kellogg said."
    )
    published = infer_publication_date(body, today=TODAY)
    assert published.date == "2025-02-05"


def test_nothing_to_go_on_is_unknown():
    published = infer_publication_date("The talks continue, officials said on Monday.", today=TODAY)
    assert (published.date, published.basis) == (None, "unknown")


@settings(max_examples=200, deadline=2000)
@given(st.text(max_size=2000))
def test_any_text_gives_a_date_or_unknown(text):
    published = infer_publication_date(text, today=TODAY)
    assert published.basis in ("inferred", "unknown")
    if published.date:
        assert dt.date.fromisoformat(published.date) <= TODAY
