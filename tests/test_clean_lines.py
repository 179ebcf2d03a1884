"""The line cleaner on boilerplate shapes of several kinds of news page."""

from hypothesis import given, settings
from hypothesis import strategies as st

from pourparler.clean.lines import clean_lines

WIRE_PAGE = """\
World
Europe
Ceasefire monitors head to the front as talks resume in Geneva
Negotiators said the mission would begin within days
By Anna Kowalczyk and Pierre Dubois
Updated 14:05 GMT
Share
Advertisement
GENEVA, March 4 (Reuters) - Ceasefire monitors will deploy along the line of contact next week, the chief mediator told reporters on Tuesday after a third day of talks.
5 View gallery
Монитори на лінії фронту
(Photo: AFP)
The two delegations agreed on 120 observers, a senior diplomat said.
"We are not there yet," the mediator said. "But the direction is right."
The agreement still needs the approval of both
parliaments, officials said.
Sign up for our daily newsletter and get the news in your inbox
Follow World Desk on Facebook | Twitter | Telegram
Read more:
Talks stall over prisoner lists
Monitors: what they can and cannot do
(Reporting by Anna Kowalczyk; Editing by Mark Heinrich)
© 2025 Reuters. All rights reserved.
Comments
Readers' comments are moderated according to our community guidelines.
Great article!!
""
"""


def test_article_text_is_kept_in_order_and_furniture_removed():
    cleaned = clean_lines(WIRE_PAGE)
    assert cleaned.paragraphs == [
        "GENEVA, March 4 (Reuters) - Ceasefire monitors will deploy along the line of contact next week, "
        "the chief mediator told reporters on Tuesday after a third day of talks.",
        "The two delegations agreed on 120 observers, a senior diplomat said.",
        '"We are not there yet," the mediator said. "But the direction is right."',
        "The agreement still needs the approval of both parliaments, officials said.",
    ]


def test_every_removal_has_a_reason():
    reasons = {r.text: r.reason for r in clean_lines(WIRE_PAGE).removed}
    assert reasons["5 View gallery"] == "gallery"
    assert reasons["Монитори на лінії фронту"] == "caption"
    assert reasons["(Photo: AFP)"] == "credit"
    assert reasons["Sign up for our daily newsletter and get the news in your inbox"] == "newsletter"
    assert reasons["Follow World Desk on Facebook | Twitter | Telegram"] == "social"
    assert reasons["Talks stall over prisoner lists"] == "related"
    assert reasons["Great article!!"] == "comments"
    assert reasons['""'] == "stray"
    assert reasons["Advertisement"] == "advertisement"
    assert reasons["Updated 14:05 GMT"] == "dateline-meta"
    assert reasons["World"] == "navigation"


def test_title_subtitle_and_byline():
    cleaned = clean_lines(WIRE_PAGE)
    assert cleaned.title == "Ceasefire monitors head to the front as talks resume in Geneva"
    assert cleaned.subtitle == "Negotiators said the mission would begin within days"
    assert cleaned.byline == ["Anna Kowalczyk", "Pierre Dubois"]


def test_byline_at_the_end_and_name_only_byline():
    text = "Union rejects pay offer\nThe union rejected the offer on Monday.\nIt wants 7 percent.\nBy Maria Lopez\n"
    assert clean_lines(text).byline == ["Maria Lopez"]
    text = "Union rejects pay offer\nDaniel Okoro\nThe union rejected the offer on Monday, its leader said.\n"
    cleaned = clean_lines(text)
    assert cleaned.byline == ["Daniel Okoro"]
    assert cleaned.paragraphs == ["The union rejected the offer on Monday, its leader said."]


def test_a_body_without_title_keeps_its_first_sentence():
    text = "The talks resumed on Monday.\nBoth sides said progress was made.\n"
    cleaned = clean_lines(text)
    assert cleaned.title is None
    assert cleaned.paragraphs[0] == "The talks resumed on Monday."


def test_prose_that_mentions_furniture_words_is_kept():
    prose = [
        "In comments to reporters, the minister said the guidelines would be published next week.",
        "The union urged members to follow the talks closely, saying the vote would come on Friday.",
        "Copyright rules for streaming services were also on the table in the trade talks.",
        "Apple's App Store fees were part of the dispute between Brussels and Washington.",
        "Subscribers to the union's bulletin were told the strike would go ahead.",
    ]
    text = "Trade talks resume\n" + "\n".join(prose)
    assert clean_lines(text).paragraphs == prose


def test_share_bars_video_widgets_promotions_and_timestamps_are_removed():
    furniture = [
        "Share Article via LinkedIn",
        "watch now",
        "VIDEO2:4102:41",
        "Don't miss these insights from CNBC PRO",
        "Follow AP's coverage of Latin America at https://apnews.com/hub/latin-america",
        "Our Standards: The Thomson Reuters Trust Principles., opens new tab",
        "Published",
        "This article has been updated.",
    ]
    prose = [
        "Pilots at the carrier rejected the latest offer on Tuesday, the union said in a statement.",
        "The union said it would publish the full terms once members had voted on them.",
    ]
    text = "Pilots reject offer\n" + "\n".join([prose[0], *furniture, prose[1]])
    cleaned = clean_lines(text)
    assert cleaned.paragraphs == prose
    assert len(cleaned.removed) == len(furniture)


def test_newsletter_boxes_credited_captions_and_desk_bylines_are_removed():
    head = ["Ferry crews reject offer", "Amira Haddad Transport correspondent", "Wed 14 May 2025 17.02 BST"]
    furniture = [
        "Crew members picket the ferry terminal in Portsmouth. Photograph: Ben Walsh/Coastal News",
        "Deckhands at the quay in Dover. (Coastal News: Ben Walsh)",
        "skip past newsletter promotion",
        "Sign up to Transport Weekly",
        "A weekly look at the news that moves the country",
        "after newsletter promotion",
        "Have a confidential tip for our reporters? Get in touch",
        "Keep reading",
        "What is behind the ferry company's cost cutting?",
    ]
    prose = [
        "Ferry crews rejected a 2% pay offer on Tuesday and said they would vote on strike action next month.",
        "The operator said the offer was the most it could afford, and that it hoped talks would resume.",
    ]
    text = "\n".join([*head, prose[0], *furniture[:7], prose[1], *furniture[7:]])
    cleaned = clean_lines(text)
    assert cleaned.paragraphs == prose
    assert cleaned.byline == ["Amira Haddad"]
    assert len(cleaned.removed) == len(furniture) + 2


def test_a_line_offering_a_newsletter_between_paragraphs_is_removed():
    prose = [
        "Ferry crews rejected a 2% pay offer on Tuesday and said they would vote on strike action next month.",
        "The operator said the offer was the most it could afford, and that it hoped talks would resume.",
    ]
    text = "\n".join(
        ["Ferry crews reject offer", prose[0], "Get the Coastal News Transport newsletter", prose[1]]
    )
    assert clean_lines(text).paragraphs == prose


def test_a_closing_source_line_does_not_make_the_last_paragraph_a_caption():
    prose = [
        "Ferry crews rejected a 2% pay offer on Tuesday and said they would vote on strike action next month.",
        "The dispute has cost the operator an estimated £4m in lost sailings this year, the company said.",
    ]
    text = "\n".join(["Ferry crews reject offer", *prose, "Source: Coastal News and news agencies"])
    assert clean_lines(text).paragraphs == prose


def test_spanish_caption_in_english_article_is_removed():
    text = (
        "Talks resume in Havana\nThe government and the rebels met again on Monday, officials said.\n"
        "El jefe negociador del Gobierno y el comandante de la guerrilla en La Habana\n"
        "Both sides agreed to extend the ceasefire by six months.\n"
    )
    cleaned = clean_lines(text)
    assert [r.reason for r in cleaned.removed] == ["caption"]


COMMUNITY_PAGE = """\
This article is more than 2 years old
Opinion
Harbour pilots reject port authority's pay offer as strike looms
Sofia Marquez in Valparaíso
Last modified on Tue 4 Mar 2025 18.20 GMT
Copy article link
[1/3]Pilots gather outside the port authority's offices in Valparaíso on Monday. | PORT NEWS
Harbour pilots rejected a 3% pay offer from the port authority on Tuesday and set a strike date for next week.
Join our Coastal Times WhatsApp channel for the latest news
The pilots' association wants 6% and a cap on night shifts, its president told reporters.
Edited by: Tomás Ruiz
What's your reaction?
"""


def test_community_page_furniture_is_removed_and_the_byline_kept():
    cleaned = clean_lines(COMMUNITY_PAGE)
    assert cleaned.title == "Harbour pilots reject port authority's pay offer as strike looms"
    assert cleaned.paragraphs == [
        "Harbour pilots rejected a 3% pay offer from the port authority on Tuesday and set a strike date for "
        "next week.",
        "The pilots' association wants 6% and a cap on night shifts, its president told reporters.",
    ]
    assert cleaned.byline == ["Sofia Marquez"]
    reasons = {r.text: r.reason for r in cleaned.removed}
    assert reasons["Last modified on Tue 4 Mar 2025 18.20 GMT"] == "dateline-meta"
    assert reasons["Opinion"] == "navigation"
    assert reasons["Edited by: Tomás Ruiz"] == "credits"


def test_a_desk_or_a_button_shaped_like_a_name_is_no_author():
    cleaned = clean_lines(
        "Bus drivers walk out\nEllie Marsh\nTransport Reporter\nLocal News\n"
        "Bus drivers in the city walked out on Monday after talks on a 5% pay rise broke down, the union said.\n"
    )
    assert cleaned.byline == ["Ellie Marsh"]


def test_a_caption_that_ends_with_a_copyright_credit_is_removed():
    caption = "The president (centre) with Qatari officials at the signing ceremony in Doha. © Jane Roe, AFP"
    cleaned = clean_lines(
        f"Chad signs peace deal with rebels\n{caption}\n"
        "Chad's government signed a peace agreement in Doha on Sunday with 34 armed groups, officials said.\n"
    )
    assert {r.text: r.reason for r in cleaned.removed}[caption] == "caption"
    assert not any("Jane Roe" in p for p in cleaned.paragraphs)


@settings(max_examples=200, deadline=1000)
@given(st.text(max_size=3000))
def test_any_text_cleans_without_error_and_loses_no_article_characters(text):
    cleaned = clean_lines(text)
    kept = "".join(cleaned.paragraphs).replace(" ", "")
    assert all(p.strip() for p in cleaned.paragraphs)
    assert len(kept) <= len(text)
