"""The HTML pages for analysts: stories, articles with evidence, actors, contradictions, search, analysing.

Article text is untrusted: templates escape everything (autoescape on), and the only markup built here
(highlighted bodies, bold search matches) escapes each piece of text before joining it with our own tags.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlsplit

import jinja2
from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from markupsafe import Markup, escape
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.formparsers import MultiPartException
from starlette.templating import Jinja2Templates

from pourparler import views
from pourparler.errors import BadInput, InputError, PourparlerError
from pourparler.fuse.records import Record, date_range, is_anonymous, name_of, shorten, value_text
from pourparler.fuse.timeline import speaker_key
from pourparler.ingest.registry import describe_limit
from pourparler.store import MATCH_END, MATCH_START, Store
from pourparler.web import common
from pourparler.web.charts import Chart, issue_chart
from pourparler.web.highlight import Span, highlight

__all__ = ["router"]

TEMPLATES = Path(__file__).parent / "templates"
RECENT_DOCUMENTS = 20
SEARCH_RESULTS = 50
LIST_TEXT_CHARS = 140
FORM_OVERHEAD_BYTES = 64_000  # multipart boundaries and the small fields around an upload
# Defence in depth behind the escaping: no inline script, nothing loaded from elsewhere.
HEADERS = {
    "Content-Security-Policy": "default-src 'self'; script-src 'self'; style-src 'self'; "
    "img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
}

environment = jinja2.Environment(
    loader=jinja2.FileSystemLoader(TEMPLATES),
    autoescape=True,
    undefined=jinja2.StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
)
templates = Jinja2Templates(env=environment)
router = APIRouter(include_in_schema=False)


def evidence_url(span: Mapping[str, Any]) -> str:
    """The article view scrolled to a span of its body, which it marks."""
    return f"/documents/{span['doc']}?start={int(span['start'])}&end={int(span['end'])}#evidence"


def actor_url(actor: str) -> str:
    return f"/actors/{quote(actor, safe='')}"


def date_span(first: str | None, last: str | None) -> str:
    if not first and not last:
        return "undated"
    if first == last or not last:
        return str(first)
    return f"{first} – {last}" if first else str(last)


environment.globals.update(evidence_url=evidence_url, actor_url=actor_url, date_span=date_span)
environment.filters.update(value_text=value_text, shorten=shorten, nice=lambda s: str(s).replace("_", " "))


def page(request: Request, name: str, context: dict[str, Any], status: int = 200) -> HTMLResponse:
    return templates.TemplateResponse(request, name, context, status_code=status, headers=HEADERS)


def not_found(request: Request, sentence: str) -> HTMLResponse:
    return problem(request, 404, "Not found", sentence)


def problem(request: Request, status: int, heading: str, sentence: str) -> HTMLResponse:
    return page(request, "error.html", {"heading": heading, "sentence": sentence, "status": status}, status)


# Home ----------------------------------------------------------------------------------------------------


@router.get("/", response_class=HTMLResponse)
def home(request: Request) -> HTMLResponse:
    store = common.store(request)
    return page(
        request,
        "home.html",
        {
            "stories": store.stories(),
            "documents": store.documents(limit=RECENT_DOCUMENTS),
            "total": store.count(),
        },
    )


# Stories -------------------------------------------------------------------------------------------------


@dataclass(slots=True)
class IssueRow:
    """One row of a story's positions matrix: each party's latest step, the gaps, the chart."""

    issue: str
    cells: dict[str, Record]
    gaps: list[Record]
    chart: Chart | None


@router.get("/stories/{story_id}", response_class=HTMLResponse)
def story(request: Request, story_id: str) -> HTMLResponse:
    store = common.store(request)
    try:
        story_id, label = store.story_label(story_id)
    except BadInput:
        return not_found(
            request, f"There is no story {story_id!r}. The home page lists the stories in this store."
        )
    records = store.analyses(story_id)
    row = next((s for s in store.stories() if s.id == story_id), None)
    outlets = views.outlets(records)
    names = views.names(records)
    history = next((h for sid, h in views.position_tables(records, [story_id]) if sid == story_id), [])
    parties, rows = _matrix(history, names)
    return page(
        request,
        "story.html",
        {
            "story": row,
            "label": label,
            "records": records,
            "outlets": outlets,
            "timeline": views.timeline_entries(records),
            "parties": parties,
            "rows": rows,
            "contradictions": views.contradictions(records),
        },
    )


def _matrix(history: list[Record], names: Mapping[str, str]) -> tuple[list[tuple[str, str]], list[IssueRow]]:
    """The parties (id, name) across a story's issues, and a row per issue."""
    parties: dict[str, str] = {}
    colours: dict[str, str] = {}
    rows = []
    for issue in history:
        cells = {}
        steps: dict[str, Record] = {}
        for party in issue["parties"]:
            parties.setdefault(party["party"], party["name"])
            cells[party["party"]] = party["steps"][-1]
            steps.update({step["ref"]: step for step in party["steps"]})
        gaps = [_gap(gap, steps, names) for gap in issue["gaps"]]
        chart = issue_chart(issue, lambda step: evidence_url(step["evidence"][0]), colours)
        rows.append(IssueRow(issue=issue["issue"], cells=cells, gaps=gaps, chart=chart))
    return list(parties.items()), rows


def _gap(gap: Record, steps: Mapping[str, Record], names: Mapping[str, str]) -> Record:
    figure = {"min": gap["value"], "max": gap["value"], "unit": gap["unit"], "per": gap["per"]}
    if gap["trend"] is None:
        trend = "first reading"
    elif gap["trend"] == "holds":
        trend = "holds"
    else:
        trend = f"{gap['trend']} (was {gap['previous']:g})"
    return {
        "between": [name_of(p, names) for p in gap["between"]],
        "figure": value_text(figure),
        "date": gap["date"],
        "trend": trend,
        "evidence": [steps[ref]["evidence"][0] for ref in gap["latest"] if ref in steps],
    }


# Articles ------------------------------------------------------------------------------------------------


@dataclass(slots=True)
class Item:
    """An extracted item as the article view lists it; `targets` are the refs of its spans in the body."""

    ref: str
    kind: str
    lead: str
    text: str
    details: list[tuple[str, str, str | None]]  # label, value, link
    targets: list[str] = field(default_factory=list)
    lead_href: str | None = None


@router.get("/documents/{doc_id}", response_class=HTMLResponse)
def document(request: Request, doc_id: str, start: str = "", end: str = "") -> HTMLResponse:
    """The article with its items marked; `start` and `end` (offsets into the body) mark the evidence followed
    from another page, and are ignored when they do not fit the body."""
    store = common.store(request)
    try:
        found = store.get(doc_id)
    except PourparlerError as error:
        return not_found(request, f"{error}. The home page lists recent documents.")
    if found is None:
        return not_found(
            request,
            f"No stored document has the id {doc_id!r}. The home page lists recent documents, "
            "and search finds them by their words.",
        )
    record = next(iter(store.analyses(document_id=found.id)), None)
    body = found.body
    spans: list[Span] = []
    evidence = None
    if start.isdigit() and end.isdigit() and int(start) < int(end) <= len(body):
        spans.append(Span(int(start), int(end), "evidence", "evidence"))
        evidence = body[int(start) : int(end)]
    lists = _items(record, spans) if record else {}
    story_label = None
    if record and record["story"]:
        story_label = store.story_label(record["story"])[1]
    return page(
        request,
        "document.html",
        {
            "doc": found,
            "record": record,
            "story_label": story_label,
            "body": highlight(body, spans),
            "lists": lists,
            "source_link": _public_link(found.url or found.source),
            "evidence": evidence,
        },
    )


def _public_link(address: str | None) -> str | None:
    """A source worth linking to: http(s) only, so a stored `javascript:` address never becomes a link."""
    if not address:
        return None
    return address if urlsplit(address).scheme in ("http", "https") else None


def _items(record: Record, spans: list[Span]) -> dict[str, list[Item]]:
    """The article's quotes, positions, events and actors as list items; their spans join `spans`."""
    actors = {a["id"]: a for a in record.get("actors", [])}
    names = {key: a["name"] for key, a in actors.items()}

    def who(actor: str | None, text: str | None = None) -> tuple[str, str | None]:
        if actor and actor in actors:
            return names[actor], actor_url(actor)
        if actor:
            return name_of(actor, names), None
        return text or "unknown", None

    def said_by(value: str | None) -> tuple[str, str | None]:
        if not value:
            return "", None
        return who(value) if value in actors or is_anonymous(value) else (value, None)

    quotes = []
    for n, q in enumerate(record.get("quotes", []), 1):
        speaker = q.get("speaker") or {}
        name, href = who(speaker.get("actor"), speaker.get("text"))
        via = ", ".join(q.get("via") or [])
        details = [
            ("Speaker", name, href),
            ("As written", speaker.get("text") or "", None),
            ("Kind", q.get("kind") or "", None),
            ("Cue", q.get("cue") or "", None),
            ("Via", via, None),
        ]
        quotes.append(_item(f"q-{n}", "quote", name, q, details, href, spans))
    positions = []
    for n, p in enumerate(record.get("positions", []), 1):
        name, href = who(p.get("party"))
        source, source_href = said_by(p.get("according_to"))
        details = [
            ("Party", name, href),
            ("Stance", p.get("stance") or "", None),
            ("Issue", str(p.get("issue") or "").replace("_", " "), None),
            ("Figure", value_text(p.get("value")) if p.get("value") else "", None),
            ("On", p.get("object") or "", None),
            ("Date", p.get("date") or "", None),
            ("According to", source, source_href),
        ]
        positions.append(_item(f"p-{n}", "position", name, p, details, href, spans))
    events = []
    for n, e in enumerate(record.get("events", []), 1):
        kind = "/".join(k for k in (e.get("type"), e.get("mode")) if k)
        flags = ", ".join(flag for flag in ("negated", "hypothetical") if e.get(flag))
        source, source_href = said_by(e.get("according_to"))
        details = [
            ("Type", kind, None),
            ("Actors", ", ".join(who(a)[0] for a in e.get("actors", [])), None),
            ("Targets", ", ".join(who(a)[0] for a in e.get("targets", [])), None),
            ("Where", e.get("location") or "", None),
            ("Date", " ".join(x for x in (e.get("date") or "", _quoted(e.get("date_text"))) if x), None),
            ("Note", flags, None),
            ("According to", source, source_href),
        ]
        events.append(_item(f"e-{n}", "event", kind, e, details, None, spans))
    mentions: dict[str, list[str]] = {}
    for n, m in enumerate(record.get("mentions", []), 1):
        ref = f"m-{n}"
        spans.append(Span(m["start"], m["end"], ref, "mention", {"actor-id": m.get("actor") or ""}))
        mentions.setdefault(m.get("actor") or "", []).append(ref)
    people = []
    for n, (key, actor) in enumerate(actors.items(), 1):
        roles = "; ".join(actor.get("roles") or [])
        details = [
            ("Kind", actor.get("kind") or "", None),
            ("Country", actor.get("country") or "", None),
            ("Roles", roles, None),
            ("Mentions", str(len(mentions.get(key, []))), None),
        ]
        item = Item(
            f"a-{n}", "actor", actor["name"], "", _filled(details), mentions.get(key, []), actor_url(key)
        )
        people.append(item)
    return {"quote": quotes, "position": positions, "event": events, "actor": people}


def _item(
    ref: str,
    kind: str,
    lead: str,
    found: Record,
    details: list[tuple[str, str, str | None]],
    href: str | None,
    spans: list[Span],
) -> Item:
    spans.append(Span(found["start"], found["end"], ref, kind))
    text = shorten(found.get("text") or "", LIST_TEXT_CHARS)
    return Item(ref, kind, lead, text, _filled(details), [ref], href)


def _filled(details: Iterable[tuple[str, str, str | None]]) -> list[tuple[str, str, str | None]]:
    return [d for d in details if d[1]]


def _quoted(text: str | None) -> str:
    return f"(“{text}”)" if text else ""


# Actors --------------------------------------------------------------------------------------------------


@router.get("/actors/{actor_id}", response_class=HTMLResponse)
def actor(request: Request, actor_id: str) -> HTMLResponse:
    store = common.store(request)
    records = _analyses_naming(store, actor_id)
    found = [a for r in records for a in r.get("actors", []) if a["id"] == actor_id]
    if not found:
        return not_found(
            request,
            f"No stored article names an actor with the id {actor_id!r}. "
            "Actors are linked from the articles that name them.",
        )
    outlets = views.outlets(records)
    roles = list(dict.fromkeys(role for a in found for role in a.get("roles") or []))
    aliases = list(dict.fromkeys(alias for a in found for alias in a.get("aliases") or []))
    documents = [
        r["document"] for r in records if any(m.get("actor") == actor_id for m in r.get("mentions", []))
    ]
    quotes = [q for q in views.quotes(records) if q["speaker"] == actor_id]
    positions = [
        {**p, "story": r["story"]}
        for r in records
        for p in r.get("positions", [])
        if p.get("party") == actor_id
    ]
    events = [
        e
        for r in records
        for e in r.get("events", [])
        if actor_id in e.get("actors", []) or actor_id in e.get("targets", [])
    ]
    return page(
        request,
        "actor.html",
        {
            "actor": found[-1],
            "roles": roles,
            "aliases": aliases,
            "documents": documents,
            "quotes": quotes,
            "positions": positions,
            "events": events,
            "outlets": outlets,
            "stories": store.story_labels(p["story"] for p in positions if p["story"]),
        },
    )


def _analyses_naming(store: Store, actor_id: str) -> list[Record]:
    """What an actor's page reads: the analyses naming the actor, and when it is an anonymous source, every
    analysis quoting an anonymous source of its country (their quotes merge with its own)."""
    records = store.analyses(naming=[actor_id])
    speakers = {
        speaker_key(q)
        for r in records
        for q in r.get("quotes", [])
        if (q.get("speaker") or {}).get("actor") == actor_id
    }
    others = {key for key in speakers if key and key != actor_id}
    return store.analyses(naming=[actor_id, *others]) if others else records


# Contradictions and search -------------------------------------------------------------------------------


@router.get("/contradictions", response_class=HTMLResponse)
def contradictions(request: Request) -> HTMLResponse:
    store = common.store(request)
    found = store.contradictions()
    return page(
        request,
        "contradictions.html",
        {
            "contradictions": found,
            "outlets": store.outlets(span["doc"] for c in found for span in c["evidence"]),
            "stories": store.story_labels(c["story"] for c in found if c["story"]),
        },
    )


@router.get("/search", response_class=HTMLResponse)
def search(request: Request, q: str = "") -> HTMLResponse:
    hits, error = [], None
    if q.strip():
        try:
            hits = common.store(request).search(q, limit=SEARCH_RESULTS)
        except PourparlerError as found:
            error = str(found)
    context = {"q": q, "hits": hits, "error": error, "snippet": snippet_markup}
    return page(request, "search.html", context, 400 if error else 200)


def snippet_markup(snippet: str) -> Markup:
    """A search snippet with its matches in bold: the text is escaped, then our <b> tags join it."""
    parts, bold = [], False
    for piece in re.split(f"([{MATCH_START}{MATCH_END}])", snippet):
        if piece == MATCH_START and not bold:
            parts.append("<b>")
            bold = True
        elif piece == MATCH_END and bold:
            parts.append("</b>")
            bold = False
        elif piece not in (MATCH_START, MATCH_END):
            parts.append(str(escape(piece)))
    if bold:
        parts.append("</b>")
    return Markup("".join(parts))


# Analysing an article ------------------------------------------------------------------------------------


@router.get("/analyze", response_class=HTMLResponse)
def analyze_form(request: Request) -> HTMLResponse:
    return _form(request, {})


@router.post("/analyze", response_model=None)
async def analyze(request: Request) -> Response:
    current = common.settings(request)
    limit = current.max_upload_bytes
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit + FORM_OVERHEAD_BYTES:
        return _too_large(request, limit)
    try:
        form = await request.form(max_files=1, max_fields=10, max_part_size=limit + 1)
    except (MultiPartException, StarletteHTTPException) as error:
        # Starlette reports a part over max_part_size as a 400 with this wording.
        reason = str(getattr(error, "detail", None) or getattr(error, "message", error))
        if "exceeded maximum size" in reason:
            return _too_large(request, limit)
        return _form(request, {}, f"The form could not be read ({reason}); send it again.", 400)
    fields = {key: value for key, value in form.items() if isinstance(value, str)}
    upload = form.get("file")
    try:
        common.check_token(request, fields.get("token") or request.headers.get(common.TOKEN_HEADER))
    except HTTPException as refused:
        return problem(request, refused.status_code, "Not allowed", str(refused.detail))
    data, label = None, "<pasted>"
    if isinstance(upload, UploadFile) and upload.filename:
        data, label = await upload.read(limit + 1), upload.filename
    elif fields.get("text", "").strip():
        data = fields["text"].encode("utf-8")
    url = (fields.get("url") or "").strip() or None
    published = (fields.get("published") or "").strip() or None
    if data is not None and len(data) > limit:
        return _too_large(request, limit)
    if data is None and url is None:
        return _form(request, fields, "Paste an article's text, choose a file or give a URL.", 422)
    if published and (len(published) not in (7, 10) or date_range(published) is None):
        return _form(request, fields, f"{published!r} is not a date; write it as YYYY-MM-DD.", 422)
    try:
        found, _ = await run_in_threadpool(
            common.analyse_article,
            current,
            common.store(request),
            data=data,
            url=None if data is not None else url,
            label=label,
            published=published,
        )
    except InputError as error:
        return _form(request, fields, f"This article cannot be read: {error}.", 422)
    return RedirectResponse(f"/documents/{found.id}", status_code=303)


def _form(
    request: Request, fields: Mapping[str, str], error: str | None = None, status: int = 200
) -> HTMLResponse:
    current = common.settings(request)
    context = {
        "fields": fields,
        "error": error,
        "guarded": current.guarded,
        "disabled": current.guarded and not current.token,
        "limit": describe_limit(current.max_upload_bytes),
    }
    return page(request, "analyze.html", context, status)


def _too_large(request: Request, limit: int) -> HTMLResponse:
    return problem(
        request,
        413,
        "Too large",
        f"This article is larger than the {describe_limit(limit)} this server accepts; "
        "send a shorter text or a smaller file.",
    )
