"""Outlet, cited sources and the whole clean step on pasted text and HTML."""

import datetime as dt

import pytest

from pourparler.clean import clean
from pourparler.clean.metadata import find_cited_sources, find_outlet
from pourparler.errors import InputError
from pourparler.model import RawDocument, Removal


def test_outlet_from_app_promotion_beats_photo_credit():
    removed = [Removal("(Photo: Reuters)", "credit"), Removal("Get the Daily Ledger app on iOS", "app")]
    assert find_outlet(removed, "Body.") == "Daily Ledger"


def test_known_outlet_names_are_normalised():
    removed = [Removal("© 2024 The Associated Press. All rights reserved.", "copyright")]
    assert find_outlet(removed, "Body.") == "Associated Press"


def test_outlet_from_a_self_report_in_the_body():
    body = "Both sides met on Monday, Baku Herald reports, citing foreign media."
    assert find_outlet([], body) == "Baku Herald"
    assert find_cited_sources(body, [], "Baku Herald") == ["foreign media"]


def test_outlet_from_the_url_domain():
    assert find_outlet([], "Body.", "https://www.theguardian.com/world/x") == "The Guardian"
    assert find_outlet([], "Body.", "https://news.example.org/x") == "news.example.org"


def test_cited_sources_are_media_not_people():
    body = (
        "The army pulled back, Interfax reported. A commander, citing security concerns, declined to comment. "
        "The talks stalled, according to Al Jazeera."
    )
    assert find_cited_sources(body, [], None) == ["Interfax", "Al Jazeera"]


def test_wire_credits_name_relayed_agencies():
    removed = [Removal("(Daily Ledger with AFP and Reuters)", "credits")]
    assert find_cited_sources("Body.", removed, "Daily Ledger") == ["AFP", "Reuters"]


def test_clean_pasted_text_fills_the_document():
    text = (
        "Port strike ends as union accepts 62% raise\nBy Ana Ruiz\n"
        "Dockworkers on Thursday accepted a six-year contract, union leaders said.\n"
        "Follow Harbor Times on Facebook\n"
    )
    doc = clean(RawDocument(source="x.txt", text=text), today=dt.date(2026, 1, 1))
    assert doc.title == "Port strike ends as union accepts 62% raise"
    assert doc.byline == ["Ana Ruiz"]
    assert doc.outlet == "Harbor Times"
    assert doc.body == "Dockworkers on Thursday accepted a six-year contract, union leaders said."
    assert doc.paragraphs == [(0, len(doc.body))]
    assert len(doc.id) == 64


def test_paragraph_offsets_index_the_body():
    text = "Title of the story here\nFirst paragraph.\nSecond paragraph.\n"
    doc = clean(RawDocument(source="x.txt", text=text))
    assert [doc.body[s:e] for s, e in doc.paragraphs] == ["First paragraph.", "Second paragraph."]


def test_given_date_wins_over_metadata_and_inference():
    raw = RawDocument(source="x", text="Talks resumed.\n", published="2024-01-02")
    assert clean(raw).published.basis == "metadata"
    given = clean(raw, published="2024-02-03").published
    assert (given.date, given.basis) == ("2024-02-03", "given")


def test_html_page_goes_through_extraction():
    paragraphs = "".join(
        f"<p>Negotiators from both sides met again in Geneva on day {i} and said progress was slow but real, "
        f"according to diplomats who attended the closed session.</p>"
        for i in range(1, 6)
    )
    html = (
        "<html><head><title>Talks inch forward | Geneva Post</title>"
        '<meta property="og:site_name" content="Geneva Post">'
        '<meta property="article:published_time" content="2024-05-06T10:00:00Z"></head>'
        f"<body><nav>Home | World</nav><article><h1>Talks inch forward</h1>{paragraphs}</article>"
        "<footer>Cookie settings</footer></body></html>"
    )
    doc = clean(RawDocument(source="page.html", html=html))
    assert doc.outlet == "Geneva Post"
    assert doc.published.date == "2024-05-06"
    assert doc.published.basis == "metadata"
    assert "Home" not in doc.body and doc.body.startswith("Negotiators from both sides")


def test_html_without_article_is_an_input_error():
    with pytest.raises(InputError, match="no article text"):
        clean(RawDocument(source="empty.html", html="<html><body><nav>Home</nav></body></html>"))
