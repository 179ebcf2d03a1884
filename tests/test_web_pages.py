"""The analysts' pages: what each shows, that every item links to its evidence, and that article text stays text."""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from html.parser import HTMLParser
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from fastapi.testclient import TestClient
from hypothesis import given
from hypothesis import strategies as st

from pourparler.store import MATCH_END, MATCH_START, Store
from pourparler.web import create_app
from pourparler.web.charts import issue_chart
from pourparler.web.highlight import Span, highlight
from pourparler.web.pages import snippet_markup
from web_fixtures import HOSTILE, NURSES

# A second outlet on the dock strike that puts the union's demand higher: the story gets a contradiction.
QUAYSIDE_POST = """\
Port strike looms as union hardens pay demand
Published: 2025-07-22
The International Longshoremen's Association demands a 60 percent pay rise over six years, union leaders said on Tuesday.
Port employers said talks would resume next week.
Follow Quayside Post on Twitter
"""


VOID = {"br", "img", "input", "meta", "link", "hr", "source", "wbr", "area", "base", "col", "embed", "track"}


class Parsed(HTMLParser):
    """A page's tags with their attributes, and the text and tags inside the element with id="body"."""

    def __init__(self, page: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.body: list[str] = []
        self.body_tags: list[str] = []
        self.scripts: list[str] = []
        self._depth = 0
        self._in_script = False
        self.feed(page)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        self.tags.append((tag, found))
        self._in_script = tag == "script"
        if self._depth:
            self.body_tags.append(tag)
            if tag not in VOID:
                self._depth += 1
        elif found.get("id") == "body":
            self._depth = 1

    def handle_endtag(self, tag: str) -> None:
        self._in_script = False
        if self._depth:
            self._depth -= 1

    def handle_data(self, data: str) -> None:
        if self._depth:
            self.body.append(data)
        if self._in_script:
            self.scripts.append(data)

    @property
    def body_text(self) -> str:
        return "".join(self.body)

    def with_attr(self, name: str, value: str | None = None) -> list[dict[str, str | None]]:
        return [a for _, a in self.tags if name in a and (value is None or a[name] == value)]


def assert_inert(page: str) -> None:
    """No markup from article text reached the page: only our script, no handlers, no images."""
    parsed = Parsed(page)
    for tag, attrs in parsed.tags:
        assert not [a for a in attrs if a.startswith("on")], (tag, attrs)
        assert tag != "img", attrs
        if tag == "script":
            assert attrs.get("src") == "/static/pourparler.js"
        for name in ("href", "src", "action"):
            assert not (attrs.get(name) or "").strip().lower().startswith("javascript:"), attrs
    assert not "".join(parsed.scripts).strip()
    assert "<script>window.__pwned" not in page
    assert 'onerror="window' not in page


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    from pourparler.pipeline import analyse_one, documents
    from web_fixtures import build_store

    folder = tmp_path_factory.mktemp("pages")
    path = build_store(folder)
    (folder / "quayside.txt").write_text(QUAYSIDE_POST, encoding="utf-8")
    with Store(path) as store:
        for document in documents([str(folder / "quayside.txt")]):
            store.add(document, analyse_one(document))  # type: ignore[arg-type]
    return path


@pytest.fixture(scope="module")
def client(db: str) -> Iterator[TestClient]:
    with TestClient(create_app(db)) as client:
        yield client


@pytest.fixture(scope="module")
def ids(db: str) -> dict[str, str]:
    """Document ids by outlet (the hostile article has none: "hostile")."""
    with Store(db) as store:
        return {d.outlet or "hostile": d.id for d in store.documents()}


@pytest.fixture(scope="module")
def stories(db: str) -> dict[str, str]:
    """Story ids by the outlet of one of their articles."""
    with Store(db) as store:
        return {r["document"]["outlet"] or "hostile": r["story"] for r in store.analyses()}


def body_of(db: str, doc_id: str) -> str:
    with Store(db) as store:
        found = store.get(doc_id)
        assert found is not None
        return found.body


def rows_with(page: str, text: str) -> list[str]:
    return [row for row in re.findall(r"<tr[^>]*>.*?</tr>", page, re.S) if text in row]


# Home, stories ------------------------------------------------------------------------------------------


def test_home_lists_stories_with_counts_outlets_and_dates(
    client: TestClient, stories: dict[str, str]
) -> None:
    page = client.get("/")
    assert page.status_code == 200
    doha = rows_with(page.text, f'data-story="{stories["Gulf Courier"]}"')[0]
    assert re.search(r'class="num">2<', doha)
    assert "Gulf Courier, Levant Ledger" in doha
    assert "2025-07-24" in doha
    assert f'href="/stories/{stories["Gulf Courier"]}"' in doha
    assert "Netanyahu pulls team out of Qatar talks" in page.text  # recent articles
    assert 'action="/search"' in page.text
    assert 'href="/analyze"' in page.text
    for label in ("Stories", "Contradictions", "Search", "Analyse an article"):
        assert f">{label}</a>" in page.text
    assert "Content-Security-Policy" in page.headers


def test_story_timeline_entry_names_both_outlets_and_links_to_their_evidence(
    client: TestClient, db: str, stories: dict[str, str], ids: dict[str, str]
) -> None:
    page = client.get(f"/stories/{stories['Gulf Courier']}").text
    row = rows_with(page, "Israel recalled its negotiating team from Doha")[0]
    assert "2025-07-24" in row and "SANCTION" in row
    links = dict(re.findall(r'<a class="source" href="([^"]+)"[^>]*>([^<]+)</a>', row))
    assert sorted(links.values()) == ["Gulf Courier", "Levant Ledger"]
    for href, outlet in links.items():
        target = urlsplit(href.replace("&amp;", "&"))
        assert target.path == f"/documents/{ids[outlet]}" and target.fragment == "evidence"
        start, end = (int(parse_qs(target.query)[k][0]) for k in ("start", "end"))
        assert body_of(db, ids[outlet])[start:end].startswith("Israel recalled its negotiating team")
        article = client.get(f"{target.path}?{target.query}").text
        marked = re.search(
            r'<mark class="hl hl-evidence" data-ref="evidence" data-kind="evidence" id="evidence">', article
        )
        assert marked, "the followed evidence is marked in the article"


def test_story_positions_matrix_shows_each_partys_latest_stance_gap_and_chart(
    client: TestClient, stories: dict[str, str]
) -> None:
    page = client.get(f"/stories/{stories['Gulf Courier']}").text
    row = rows_with(page, 'data-issue="prisoners_per_hostage"')[0]
    assert "demand" in row and "20 prisoners per living Israeli hostage" in row
    assert "offer" in row and "10 prisoners per living Israeli hostage" in row
    assert "Israel – Hamas" in row and "<strong>10 prisoners per living Israeli hostage</strong>" in row
    assert "first reading" in row
    assert row.count('href="/documents/') >= 4  # both cells and both sides of the gap link to evidence
    svg = re.search(r'<svg[^>]*aria-label="Figures on prisoners per hostage[^"]*".*?</svg>', page, re.S)
    assert svg, "a chart for the issue"
    chart = svg.group(0)
    assert chart.count("<circle") == 2
    assert {"Israel", "Hamas"} <= set(re.findall(r'class="legend">([^<]+)<', chart))
    colours = re.findall(r'<circle [^>]*fill="(#[0-9A-Fa-f]{6})"', chart)
    assert len(set(colours)) == 2, "one colour per party"
    assert ">2025-07-24</text>" in chart and ">prisoners</text>" in chart  # axis labels
    assert chart.count('<a href="/documents/') == 2  # each point links to its evidence


def test_story_contradictions_show_both_sides_linking_to_their_articles(
    client: TestClient, stories: dict[str, str], ids: dict[str, str]
) -> None:
    page = client.get(f"/stories/{stories['Harbor Times']}").text
    section = page[page.index('id="contradictions"') :]
    first = section[: section.index("</article>")]
    assert "demands 40 percent" in first and "demands 60 percent" in first
    assert re.findall(r"<figcaption>([^<]+)</figcaption>", first) == ["Harbor Times", "Quayside Post"]
    assert "The union demands a 40 percent pay rise" in first
    assert "demands a 60 percent pay rise over six years" in first
    assert (
        f"/documents/{ids['Harbor Times']}?start=" in first
        and f"/documents/{ids['Quayside Post']}?start=" in first
    )


def test_contradictions_page_lists_all_with_their_story(client: TestClient, stories: dict[str, str]) -> None:
    page = client.get("/contradictions").text
    assert page.count("data-contradiction") >= 1
    assert f'href="/stories/{stories["Harbor Times"]}"' in page
    assert "Quayside Post that it demands 60 percent" in page


def test_unknown_ids_get_a_404_page_that_says_what_to_do(client: TestClient) -> None:
    for path, words in [
        ("/stories/story-99", "There is no story 'story-99'"),
        ("/documents/abcdef0123", "No stored document has the id"),
        ("/documents/ab", "give at least 6 characters"),
        ("/documents/not-hex-at-all", "No stored document has the id"),
        ("/actors/nobody-at-all", "No stored article names an actor"),
    ]:
        page = client.get(path)
        assert page.status_code == 404, path
        assert words in html.unescape(page.text), path
        assert "<nav" in page.text and 'href="/"' in page.text


# The article view -----------------------------------------------------------------------------------------


def test_article_body_text_is_exactly_the_document_body(
    client: TestClient, db: str, ids: dict[str, str]
) -> None:
    for doc_id in ids.values():
        parsed = Parsed(client.get(f"/documents/{doc_id}").text)
        assert parsed.body_text == body_of(db, doc_id)
        assert set(parsed.body_tags) <= {"mark", "span"}


def test_every_listed_item_has_its_evidence_span_in_the_body(
    client: TestClient, db: str, ids: dict[str, str]
) -> None:
    doc_id = ids["Gulf Courier"]
    page = client.get(f"/documents/{doc_id}").text
    parsed = Parsed(page)
    with Store(db) as store:
        record = next(r for r in store.analyses() if r["document"]["id"] == doc_id)
    for kind, prefix, key in (
        ("quote", "q", "quotes"),
        ("position", "p", "positions"),
        ("event", "e", "events"),
    ):
        items = parsed.with_attr(f"data-{kind}")
        assert len(items) == len(record[key]) > 0, kind
        for n in range(1, len(record[key]) + 1):
            assert items[n - 1]["data-targets"] == f"{prefix}-{n}"
            spans = parsed.with_attr("id", f"{prefix}-{n}")
            assert len(spans) == 1 and spans[0]["data-ref"] == f"{prefix}-{n}"
            assert f'href="#{prefix}-{n}"' in page
    quote = next(q for q in record["quotes"] if q["text"].startswith("We will not accept"))
    n = record["quotes"].index(quote) + 1
    text = re.search(
        rf'<mark class="hl hl-quote" data-ref="q-{n}" data-kind="quote" id="q-{n}">(.*?)</mark>', page, re.S
    )
    assert text and re.sub(r"<[^>]+>", "", text.group(1)).startswith("We will not accept")
    details = page[page.index(f'data-item="q-{n}"') :]
    details = details[: details.index("</li>")]
    assert "a Hamas official" in details and "direct" in details
    actors = parsed.with_attr("data-actor")
    assert any("m-" in (a["data-targets"] or "") for a in actors)
    assert 'href="/actors/hamas"' in page


def test_positions_list_shows_party_stance_issue_figure_and_source(
    client: TestClient, ids: dict[str, str]
) -> None:
    page = client.get(f"/documents/{ids['Levant Ledger']}").text
    items = re.findall(r"<li [^>]*data-position.*?</li>", page, re.S)
    hamas = next(i for i in items if "<dd>demand</dd>" in i)
    assert '<a href="/actors/hamas">Hamas</a>' in hamas
    assert "20 prisoners per living Israeli hostage" in hamas and "prisoners per hostage" in hamas


def test_evidence_outside_the_body_is_ignored(client: TestClient, db: str, ids: dict[str, str]) -> None:
    doc_id = ids["Gulf Courier"]
    for query in ("start=5&end=2", "start=0&end=999999", "start=-3&end=4", "start=x&end=4", "start=1"):
        page = client.get(f"/documents/{doc_id}?{query}")
        assert page.status_code == 200
        assert 'id="evidence"' not in page.text
        assert Parsed(page.text).body_text == body_of(db, doc_id)


def test_overlapping_items_nest_and_an_item_cut_in_two_keeps_one_id() -> None:
    body = "Hamas demands twenty prisoners, mediators said."
    spans = [
        Span(0, 30, "p-1", "position"),
        Span(6, 40, "q-1", "quote"),  # crosses the end of the position
        Span(0, 5, "m-1", "mention", {"actor-id": "hamas"}),
        Span(32, 41, "m-2", "mention"),
    ]
    marked = str(highlight(body, spans))
    assert re.sub(r"<[^>]+>", "", marked) == body
    assert marked.count('id="q-1"') == 1 and marked.count('data-ref="q-1"') == 2
    assert 'data-actor-id="hamas"' in marked
    assert marked.startswith('<mark class="hl hl-position" data-ref="p-1" data-kind="position" id="p-1">')


@given(
    st.text(alphabet="ab<>&\"' \n", max_size=40),
    st.lists(
        st.tuples(st.integers(-3, 45), st.integers(-3, 45), st.sampled_from(["quote", "event", "mention"]))
    ),
)
def test_highlighting_keeps_every_character_once_and_balances_its_tags(
    body: str, raw: list[tuple[int, int, str]]
) -> None:
    spans = [Span(a, b, f"x-{n}", kind) for n, (a, b, kind) in enumerate(raw)]
    marked = str(highlight(body, spans))
    parsed = Parsed(f'<div id="body">{marked}</div>')
    assert parsed.body_text == body
    depth = 0
    for tag in re.findall(r"</?(?:mark|span)\b", marked):
        depth += -1 if tag.startswith("</") else 1
        assert depth >= 0
    assert depth == 0
    for n, (a, b, _) in enumerate(raw):
        ids = marked.count(f'id="x-{n}"')
        assert ids == (1 if max(0, a) < min(len(body), b) else 0)


def _step(
    date: str, stance: str, low: float, high: float | None = None, unit: str = "prisoners"
) -> dict[str, Any]:
    value = {"min": low, "max": low if high is None else high, "unit": unit, "per": None}
    span = {"doc": "d" * 64, "start": 0, "end": 1, "text": "x"}
    return {"date": date, "stance": stance, "value": value, "evidence": [span], "ref": f"{date}-{stance}"}


def test_chart_draws_each_partys_figures_in_date_order_on_one_scale() -> None:
    issue = {
        "issue": "prisoners_per_hostage",
        "parties": [
            {
                "party": "hamas",
                "name": "Hamas",
                "steps": [_step("2025-05-01", "demand", 50), _step("2025-07-24", "demand", 20)],
            },
            {
                "party": "israel",
                "name": "Israel",
                "steps": [
                    _step("2025-05-01", "offer", 5, 8),
                    _step("2025-07-24", "offer", 10),
                    _step("2025-07-25", "reject", 20),  # the other side's figure: not Israel's
                    _step("2025-07-26", "offer", 3, unit="days"),
                ],
            },
        ],
    }
    colours: dict[str, str] = {}
    chart = issue_chart(issue, lambda step: f"/evidence/{step['ref']}", colours)
    assert chart is not None
    assert chart.unit == "prisoners" and chart.left_out == 1
    hamas, israel = chart.series
    assert [p.label for p in hamas.points] == ["50", "20"]
    assert [p.label for p in israel.points] == ["5–8", "10"]
    assert israel.points[0].low > israel.points[0].high  # a range is drawn as a whisker
    assert hamas.points[0].x < hamas.points[1].x and hamas.points[0].y < hamas.points[1].y
    assert hamas.points[1].href == "/evidence/2025-07-24-demand"
    assert set(colours) == {"hamas", "israel"} and len(set(colours.values())) == 2
    assert chart.y_ticks[0].label == "0" and float(chart.y_ticks[-1].label) > 50
    assert [t.label for t in chart.x_ticks] == ["2025-05-01", "2025-07-24"]
    assert [name.name for _, _, name in chart.legend] == ["Hamas", "Israel"]
    no_figures = {
        "issue": "deal",
        "parties": [{"party": "ila", "name": "ILA", "steps": [_step("2025-07-22", "reject", 1)]}],
    }
    assert issue_chart(no_figures, str, {}) is None


# Actors ---------------------------------------------------------------------------------------------------


def test_actor_page_shows_roles_quotes_and_positions_across_documents(client: TestClient) -> None:
    daggett = client.get("/actors/harold-daggett").text
    assert "President of the International Longshoremen&#39;s Association" in daggett
    assert "We are not going to accept automation that takes our jobs" in daggett
    hamas = client.get("/actors/hamas").text
    positions = re.findall(r"<tr data-position>.*?</tr>", hamas, re.S)
    demands = [p for p in positions if "demand" in p]
    assert len(demands) >= 2
    assert all("20 prisoners per living Israeli hostage" in p for p in demands)
    assert any("red line on the withdrawal maps" in p for p in positions if p not in demands)
    assert {"Gulf Courier", "Levant Ledger"} <= set(re.findall(r'title="[^"]*">([^<]+)</a></td>', hamas))
    assert "Articles naming Hamas" in hamas


# Search ---------------------------------------------------------------------------------------------------


def test_search_shows_snippets_with_bold_matches(client: TestClient, ids: dict[str, str]) -> None:
    page = client.get("/search", params={"q": "Doha"})
    assert page.status_code == 200
    assert page.text.count("data-hit") == 2
    assert "from <b>Doha</b> on Thursday" in page.text
    assert f'href="/documents/{ids["Gulf Courier"]}"' in page.text


def test_search_escapes_article_text_and_the_query(client: TestClient) -> None:
    page = client.get("/search", params={"q": "pwned"}).text
    assert "&lt;img src=x onerror=&#34;window.__<b>pwned</b> = true&#34;&gt;" in page  # the snippet
    assert "progress &lt;script&gt;window.__pwned = true&lt;/script&gt; in Nairobi" in page  # the title
    assert_inert(page)
    echoed = client.get("/search", params={"q": '"><script>window.__pwned = true</script>'})
    assert "&lt;script&gt;" in echoed.text
    assert_inert(echoed.text)


def test_a_bad_search_says_why(client: TestClient) -> None:
    page = client.get("/search", params={"q": '"unterminated'})
    assert page.status_code == 400
    assert "put phrases in double quotes" in page.text


def test_snippet_markup_escapes_before_bolding() -> None:
    snippet = f"a <img src=x onerror=alert(1)> {MATCH_START}red & line{MATCH_END} {MATCH_END}b{MATCH_START}c"
    assert (
        str(snippet_markup(snippet)) == "a &lt;img src=x onerror=alert(1)&gt; <b>red &amp; line</b> b<b>c</b>"
    )


# Hostile text -----------------------------------------------------------------------------------------------


def test_hostile_article_is_shown_as_text_on_every_page(
    client: TestClient, db: str, ids: dict[str, str], stories: dict[str, str]
) -> None:
    doc_id = ids["hostile"]
    page = client.get(f"/documents/{doc_id}").text
    assert "&lt;script&gt;window.__pwned = true&lt;/script&gt;" in page
    assert "&lt;img src=x onerror=&#34;window.__pwned = true&#34;&gt;" in page
    assert "&lt;b&gt;conditions&lt;/b&gt;" in page
    assert_inert(page)
    assert Parsed(page).body_text == body_of(db, doc_id)
    for path in (
        "/",
        f"/stories/{stories['hostile']}",
        "/contradictions",
        "/actors/kenya",
        "/search?q=Nairobi",
    ):
        assert_inert(client.get(path).text)


# Analysing an article ----------------------------------------------------------------------------------------


def test_analyze_form_offers_paste_upload_and_url(client: TestClient) -> None:
    page = client.get("/analyze").text
    assert '<textarea id="text" name="text"' in page
    assert 'type="file" name="file"' in page and 'type="url" name="url"' in page
    assert 'enctype="multipart/form-data"' in page
    assert 'name="token"' not in page  # loopback: no token needed


def test_analyze_without_an_article_says_what_to_give(client: TestClient) -> None:
    page = client.post("/analyze", files={"text": (None, "   ")})
    assert page.status_code == 422
    assert "Paste an article&#39;s text, choose a file or give a URL." in page.text


def test_analyze_refuses_a_bad_date_and_keeps_the_pasted_text_as_text(client: TestClient) -> None:
    page = client.post("/analyze", files={"text": (None, HOSTILE), "published": (None, "last Tuesday")})
    assert page.status_code == 422
    assert "&#39;last Tuesday&#39; is not a date; write it as YYYY-MM-DD." in page.text
    assert "&lt;script&gt;window.__pwned = true&lt;/script&gt;" in page.text  # back in the textarea
    assert_inert(page.text)


def test_analyze_an_unreadable_upload_rerenders_the_form_with_the_reason(client: TestClient) -> None:
    binary = bytes(range(256)) * 8
    page = client.post("/analyze", files={"file": ("notes.pdf", binary, "application/pdf")})
    assert page.status_code == 422
    assert "This article cannot be read:" in page.text
    assert '<textarea id="text"' in page.text


def test_analyze_pasted_article_lands_on_its_positions(client: TestClient) -> None:
    sent = client.post("/analyze", files={"text": (None, NURSES)}, follow_redirects=False)
    assert sent.status_code == 303
    location = sent.headers["location"]
    assert re.fullmatch(r"/documents/[0-9a-f]{64}", location)
    page = client.get(location).text
    positions = re.findall(r"<li [^>]*data-position.*?</li>", page, re.S)
    demand = next(p for p in positions if "Riverside Nurses Union" in p)
    assert "<dd>demand</dd>" in demand and "12 percent" in demand
    offer = next(p for p in positions if "St Mary&#39;s Hospital" in p)
    assert "<dd>offer</dd>" in offer and "5 percent" in offer


def test_analyze_pasted_hostile_article_stays_text(client: TestClient) -> None:
    sent = client.post("/analyze", files={"text": (None, HOSTILE)})  # follows the redirect
    assert sent.status_code == 200
    assert "&lt;script&gt;window.__pwned" in sent.text
    assert_inert(sent.text)


def test_analyze_too_large_gets_a_413_page(db: str) -> None:
    with TestClient(create_app(db, max_upload_bytes=1_000)) as small:
        pasted = small.post("/analyze", files={"text": (None, "x" * 2_000)})
        assert pasted.status_code == 413
        assert "larger than the" in pasted.text
        uploaded = small.post("/analyze", files={"file": ("big.txt", b"y" * 200_000, "text/plain")})
        assert uploaded.status_code == 413


def test_analyze_on_a_guarded_server_needs_the_token(db: str) -> None:
    with TestClient(create_app(db, guarded=True, token="s3cret")) as guarded:
        assert 'name="token"' in guarded.get("/analyze").text
        refused = guarded.post("/analyze", files={"text": (None, NURSES), "token": (None, "wrong")})
        assert refused.status_code == 403
        assert "token" in refused.text
        # The right token passes the guard (the bad date then stops it before any analysis).
        form = {"text": (None, NURSES), "token": (None, "s3cret"), "published": (None, "soon")}
        assert guarded.post("/analyze", files=form).status_code == 422
        header = {"X-Pourparler-Token": "s3cret"}
        form = {"text": (None, "x"), "published": (None, "soon")}
        assert guarded.post("/analyze", files=form, headers=header).status_code == 422
    with TestClient(create_app(db, guarded=True)) as closed:
        page = closed.get("/analyze").text
        assert "Analysing is disabled" in page and 'id="analyze-submit" disabled' in page
        refused = closed.post("/analyze", files={"text": (None, NURSES)})
        assert refused.status_code == 403
        assert "changes are disabled" in refused.text
