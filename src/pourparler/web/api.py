"""The HTTP API: the store's documents, actors, quotes, events, positions, stories, timeline, contradictions
and search as JSON, and analysing a new article; every item keeps the offsets of its evidence."""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Callable, Coroutine, Iterable, Sequence
from enum import StrEnum
from typing import Annotated, Any, Generic, TypeVar

from fastapi import APIRouter, HTTPException, Path, Query, Request, Response, Security
from fastapi.concurrency import run_in_threadpool
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from fastapi.routing import APIRoute
from fastapi.security import APIKeyHeader
from pydantic import BaseModel, ConfigDict, Field, ValidationError
from starlette.datastructures import UploadFile

from pourparler import views
from pourparler.errors import BadInput, InputError, PourparlerError
from pourparler.fuse.records import Record, date_order
from pourparler.store import MATCH_END, MATCH_START, MIN_PREFIX, Store
from pourparler.web.common import TOKEN_ENV, TOKEN_HEADER, analyse_article, check_token, settings, store

__all__ = ["router"]

DEFAULT_LIMIT = 50
MAX_LIMIT = 500
# FTS5 ranks every match; a search pages through at most this many of the best.
SEARCH_CAP = 1000
# Room in a request for the JSON or multipart framing around an article of the largest allowed size.
FRAMING_BYTES = 64_000
SLICE_KINDS = ("quotes", "events", "positions", "mentions", "times", "quantities", "actors")


class EventType(StrEnum):
    """The 16 PLOVER event types."""

    AGREE = "AGREE"
    CONSULT = "CONSULT"
    SUPPORT = "SUPPORT"
    CONCEDE = "CONCEDE"
    COOPERATE = "COOPERATE"
    AID = "AID"
    RETREAT = "RETREAT"
    REQUEST = "REQUEST"
    ACCUSE = "ACCUSE"
    REJECT = "REJECT"
    THREATEN = "THREATEN"
    PROTEST = "PROTEST"
    SANCTION = "SANCTION"
    MOBILIZE = "MOBILIZE"
    COERCE = "COERCE"
    ASSAULT = "ASSAULT"


class Stance(StrEnum):
    """A party's stance on an issue (knowledge.negotiation.STANCES)."""

    demand = "demand"
    insist = "insist"
    offer = "offer"
    propose = "propose"
    accept = "accept"
    reject = "reject"
    willing = "willing"


class ActorKind(StrEnum):
    """What an actor is (knowledge.ACTOR_KINDS)."""

    person = "person"
    organization = "organization"
    state = "state"
    group = "group"
    anonymous = "anonymous"


class _UserErrors(APIRoute):
    """Errors meant for users become {"detail": sentence}: a filter the store cannot use is 400, an
    article that cannot be read 422, a store that cannot be read 500; other routers keep their own."""

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        handle = super().get_route_handler()

        async def handle_user_errors(request: Request) -> Response:
            try:
                return await handle(request)
            except BadInput as error:
                return JSONResponse({"detail": str(error)}, status_code=400)
            except InputError as error:
                return JSONResponse({"detail": str(error)}, status_code=422)
            except PourparlerError as error:
                return JSONResponse({"detail": str(error)}, status_code=500)

        return handle_user_errors


class Problem(BaseModel):
    detail: str = Field(description="One sentence saying what went wrong and what to do.")


def _problems(*codes: int) -> dict[int | str, dict[str, Any]]:
    said = {
        400: "A filter or query the store cannot use (unknown story or actor, bad date).",
        403: f"The server is guarded and the {TOKEN_HEADER} header is missing or wrong.",
        404: "No such item in the store.",
        413: "The article or upload is larger than the server accepts.",
        415: "The body is neither JSON nor a multipart form.",
        422: "A parameter or body field is invalid, or the article cannot be read.",
    }
    return {code: {"model": Problem, "description": said[code]} for code in codes}


router = APIRouter(prefix="/api", route_class=_UserErrors, responses=_problems(400))

# -- response shapes ---------------------------------------------------------------------------------

ItemT = TypeVar("ItemT")


class Open(BaseModel):
    """A stored record: the fields below are always there, any others pass through unchanged."""

    model_config = ConfigDict(extra="allow")


class Page(BaseModel, Generic[ItemT]):
    total: int = Field(description="How many items match the filters, before paging.")
    limit: int
    offset: int
    items: list[ItemT]


class StoryRef(BaseModel):
    id: str
    label: str


class PublishedDate(Open):
    date: str | None = Field(description="ISO date, month or year; null when unknown.")
    basis: str = Field(description="How the date is known: metadata, given, inferred or unknown.")


class Span(Open):
    doc: str = Field(description="The document id; `start`/`end` index its body.")
    start: int
    end: int
    text: str = Field(description="body[start:end], the evidence.")


class DocumentItem(BaseModel):
    id: str
    source: str
    outlet: str | None
    title: str | None
    published: PublishedDate
    words: int
    ingested_at: dt.datetime
    story: StoryRef | None


class DocumentRef(BaseModel):
    id: str
    source: str
    outlet: str | None
    title: str | None
    published: PublishedDate
    story: str | None


class Article(Open):
    id: str
    source: str
    url: str | None
    outlet: str | None
    title: str | None
    subtitle: str | None
    byline: list[str]
    published: PublishedDate
    body: str = Field(description="The cleaned text; every offset indexes it. Plain text, never HTML.")
    paragraphs: list[list[int]]
    words: int


class Actor(Open):
    id: str
    name: str
    kind: str
    country: str | None = None
    sector: str | None = None
    roles: list[str] = []
    aliases: list[str] = []


class Speaker(Open):
    actor: str | None
    text: str | None
    anonymous: bool = False


class Quote(Span):
    kind: str
    cue: str | None = None
    speaker: Speaker
    via: list[str] = []


class Event(Span):
    id: str
    type: str = Field(description="PLOVER type.")
    mode: str | None
    actors: list[str]
    targets: list[str]
    location: str | None = None
    date: str | None = None
    negated: bool = False
    hypothetical: bool = False
    according_to: str | None = None
    story: str | None = None


class Position(Span):
    id: str
    party: str
    issue: str
    kind: str | None = None
    stance: str
    value: dict[str, Any] | None = None
    object: str | None = None
    date: str | None = None
    according_to: str | None = None
    story: str | None = None


class Mention(Span):
    actor: str | None


class TimeExpression(Span):
    value: str | None


class Quantity(Span):
    min: float | None
    max: float | None
    unit: str | None = None


class DocumentDetail(BaseModel):
    document: Article
    story: StoryRef | None
    analysed: bool = Field(description="False for a document stored without an analysis (older versions).")
    quotes: list[Quote]
    events: list[Event]
    positions: list[Position]
    mentions: list[Mention]
    times: list[TimeExpression]
    quantities: list[Quantity]
    actors: list[Actor]


class ActorCounts(BaseModel):
    documents: int
    quotes: int = Field(description="Quotes it spoke.")
    positions: int = Field(description="Positions it holds.")
    events: int = Field(description="Events it acts in or is the target of.")


class ActorItem(Actor):
    counts: ActorCounts


class ActorDetail(ActorItem):
    documents: list[DocumentRef]
    quotes: list[Quote]
    positions: list[Position]
    events: list[Event]


class MergedQuote(Open):
    ref: str
    speaker: str | None = Field(description="The speaker's actor id, if resolved.")
    speaker_name: str | None
    speaker_text: str | None = Field(description="The words that name the speaker.")
    text: str
    kind: str
    sources: list[str] = Field(description="Ids of every document that reports it.")
    outlets: list[str]
    evidence: list[Span]


class TimelineEntry(Open):
    date: str
    kind: str = Field(description="event or position.")
    ref: str
    summary: str
    sources: list[str]
    outlets: list[str]
    evidence: list[Span]
    story: str | None


class IssueHistory(Open):
    issue: str
    parties: list[dict[str, Any]] = Field(description="Each party's positions on the issue in date order.")
    gaps: list[dict[str, Any]] = Field(description="The gaps between parties' figures and their trend.")


class StoryItem(BaseModel):
    id: str
    label: str
    documents: int
    outlets: list[str]
    first: str | None = Field(description="The earliest publication date of its documents.")
    last: str | None


class StoryDetail(BaseModel):
    id: str
    label: str
    outlets: list[str]
    first: str | None
    last: str | None
    documents: list[DocumentRef]
    positions: list[IssueHistory] = Field(description="Per issue, where each party stands and the gaps.")


class Contradiction(Open):
    a: str
    b: str
    kind: str = Field(description="value, stance, date, place or attribution.")
    why: str
    evidence: list[Span]
    sources: list[str]
    story: str | None


class SnippetPiece(BaseModel):
    text: str
    match: bool = Field(description="True for words that match the query.")


class SearchHit(BaseModel):
    id: str
    outlet: str | None
    title: str | None
    published_date: str | None
    text: str = Field(description="The snippet as plain text.")
    snippet: list[SnippetPiece] = Field(description="The snippet cut into matching and other pieces.")


class ArticleInput(BaseModel):
    """One of `text`, `html` or `url`, and optionally the publication date."""

    model_config = ConfigDict(extra="forbid")
    text: str | None = Field(None, description="The article as pasted text.")
    html: str | None = Field(None, description="The article's HTML page.")
    url: str | None = Field(None, description="A public http(s) URL to fetch.")
    published: str | None = Field(None, description="The publication date, YYYY-MM-DD, if the page lacks it.")


class RenameInput(BaseModel):
    label: str = Field(min_length=1, max_length=300, description="The story's new label.")


class MergeInput(BaseModel):
    absorb: str = Field(min_length=1, description="The story whose documents move into this one.")


# -- parameters --------------------------------------------------------------------------------------

Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT, description="At most this many items.")]
Offset = Annotated[int, Query(ge=0, description="Skip this many items first.")]
StoryFilter = Annotated[str | None, Query(description="Only this story (an id from /api/stories).")]
Since = Annotated[str | None, Query(description="From this date (YYYY-MM-DD, YYYY-MM or YYYY).")]
Until = Annotated[str | None, Query(description="Up to this date (YYYY-MM-DD, YYYY-MM or YYYY).")]
ActorFilter = Annotated[str | None, Query(description="Only items naming this actor (a name or an id).")]
Token = Annotated[
    str | None,
    Security(
        APIKeyHeader(
            name=TOKEN_HEADER,
            auto_error=False,
            description=f"The server's ${TOKEN_ENV}; needed for changes when it listens beyond loopback.",
        )
    ),
]


# -- documents ---------------------------------------------------------------------------------------


@router.get("/documents", summary="List stored documents", response_model=Page[DocumentItem])
def list_documents(
    request: Request,
    story: StoryFilter = None,
    outlet: Annotated[str | None, Query(description="Only this outlet (any case).")] = None,
    since: Since = None,
    until: Until = None,
    limit: Limit = DEFAULT_LIMIT,
    offset: Offset = 0,
) -> dict[str, Any]:
    """Stored documents, newest ingested first, with their story. Dates filter on publication."""
    target = store(request)
    start, end = _bounds(since, until)
    chosen = _story_id(target, story) if story else None
    labels = {row.id: row.label for row in target.stories()}
    stories = {r["document"]["id"]: r["story"] for r in target.analyses()}
    items = []
    for row in target.documents():
        story_id = stories.get(row.id)
        if chosen and story_id != chosen:
            continue
        if outlet and (row.outlet or "").casefold() != outlet.strip().casefold():
            continue
        if (start or end) and not views.within(row.published_date, start, end):
            continue
        items.append(
            {
                "id": row.id,
                "source": row.source,
                "outlet": row.outlet,
                "title": row.title,
                "published": {"date": row.published_date, "basis": row.published_basis},
                "words": row.words,
                "ingested_at": row.ingested_at,
                "story": _story_ref(story_id, labels),
            }
        )
    return _page(items, limit, offset)


@router.get(
    "/documents/{doc_id}",
    summary="One document with its body and analysis",
    response_model=DocumentDetail,
    responses=_problems(404),
)
def get_document(
    request: Request,
    doc_id: Annotated[str, Path(description=f"A document id, or its first {MIN_PREFIX}+ characters.")],
) -> dict[str, Any]:
    """The document (body included: every offset indexes it) and everything found in it: quotes, events,
    positions, actor mentions, time expressions, quantities, actors, and its story."""
    return _document_detail(store(request), doc_id)


# -- actors ------------------------------------------------------------------------------------------


@router.get("/actors", summary="List actors across documents", response_model=Page[ActorItem])
def list_actors(
    request: Request,
    q: Annotated[str | None, Query(description="Only actors whose name, alias or id contains this.")] = None,
    kind: Annotated[ActorKind | None, Query(description="Only actors of this kind.")] = None,
    story: StoryFilter = None,
    limit: Limit = DEFAULT_LIMIT,
    offset: Offset = 0,
) -> dict[str, Any]:
    """Every actor the stored articles name or quote, most documents first, with how often it appears."""
    records = _records(store(request), story)
    needle = (q or "").strip().casefold()
    items = [
        actor
        for actor in _actors(records).values()
        if (kind is None or actor["kind"] == kind.value)
        and (
            not needle
            or any(needle in text.casefold() for text in (actor["id"], actor["name"], *actor["aliases"]))
        )
    ]
    items.sort(key=lambda a: (-a["counts"]["documents"], a["name"].casefold()))
    return _page(items, limit, offset)


@router.get(
    "/actors/{actor_id}",
    summary="One actor: its quotes, positions and events",
    response_model=ActorDetail,
    responses=_problems(404),
)
def get_actor(
    request: Request, actor_id: Annotated[str, Path(description="An actor id from /api/actors.")]
) -> dict[str, Any]:
    """The actor with its roles and aliases, the quotes it spoke, the positions it holds and the events it
    acts in or is the target of, across every stored document, each with its evidence offsets."""
    target = store(request)
    records = target.analyses(naming=[actor_id, *target.actor_ids(actor_id.strip())])
    actors = _actors(records)
    found = actors.get(actor_id) or next(
        (a for a in actors.values() if a["id"].casefold() == actor_id.strip().casefold()), None
    )
    if found is None:
        raise HTTPException(404, f"there is no actor {actor_id!r}; GET /api/actors?q=NAME finds actor ids")
    wanted = found["id"]
    quotes, positions, events, documents = [], [], [], []
    for record in records:
        spoke = [q for q in record["quotes"] if q["speaker"].get("actor") == wanted]
        holds = [p for p in record["positions"] if p.get("party") == wanted]
        acts = [e for e in record["events"] if wanted in (*e["actors"], *e["targets"])]
        named = any(m.get("actor") == wanted for m in record.get("mentions", []))
        story = {"story": record["story"]}
        quotes += [{**q, **story} for q in spoke]
        positions += [{**p, **story} for p in holds]
        events += [{**e, **story} for e in acts]
        if named or spoke or holds or acts:
            documents.append(_document_ref(record))
    return {**found, "documents": documents, "quotes": quotes, "positions": positions, "events": events}


# -- quotes, events, positions -----------------------------------------------------------------------


@router.get("/quotes", summary="Who said what, across outlets", response_model=Page[MergedQuote])
def list_quotes(
    request: Request,
    story: StoryFilter = None,
    speaker: Annotated[
        str | None, Query(description="Only quotes of this speaker (name, id or words).")
    ] = None,
    limit: Limit = DEFAULT_LIMIT,
    offset: Offset = 0,
) -> dict[str, Any]:
    """Quotes merged across outlets: one item per utterance, with every document that reports it."""
    records = _records(store(request), story)
    names, outlets = views.names(records), views.outlets(records)
    items = [
        {
            **quote,
            "speaker_name": names.get(quote["speaker"] or ""),
            "outlets": _outlets(quote["sources"], outlets),
        }
        for quote in views.quotes(records, speaker)
    ]
    return _page(items, limit, offset)


@router.get("/events", summary="PLOVER events, as each document reports them", response_model=Page[Event])
def list_events(
    request: Request,
    story: StoryFilter = None,
    type: Annotated[EventType | None, Query(description="Only this PLOVER type.")] = None,
    actor: ActorFilter = None,
    since: Since = None,
    until: Until = None,
    limit: Limit = DEFAULT_LIMIT,
    offset: Offset = 0,
) -> dict[str, Any]:
    """Events in date order (undated last), each from one document with its evidence offsets; `actor`
    matches the events' actors and targets. /api/timeline merges what several outlets report."""
    start, end = _bounds(since, until)
    records = _records(store(request), story)
    wanted = views.actors_matching(actor, records) if actor else None
    items = [
        {**event, "story": record["story"]}
        for record in records
        for event in record["events"]
        if (type is None or event["type"] == type.value)
        and (wanted is None or wanted & {*event["actors"], *event["targets"]})
        and (not (start or end) or views.within(event.get("date"), start, end))
    ]
    return _page(_by_date(items), limit, offset)


@router.get(
    "/positions",
    summary="Negotiation positions, as each document reports them",
    response_model=Page[Position],
)
def list_positions(
    request: Request,
    story: StoryFilter = None,
    issue: Annotated[str | None, Query(description="Only this issue (e.g. ceasefire, pay).")] = None,
    party: ActorFilter = None,
    stance: Annotated[Stance | None, Query(description="Only this stance.")] = None,
    limit: Limit = DEFAULT_LIMIT,
    offset: Offset = 0,
) -> dict[str, Any]:
    """Each party's stance on each issue, with its value, in date order, each with its evidence offsets.
    /api/stories/{id} gives the same positions as per-issue tables with the gaps between parties."""
    records = _records(store(request), story)
    wanted = views.actors_matching(party, records) if party else None
    items = [
        {**position, "story": record["story"]}
        for record in records
        for position in record["positions"]
        if (issue is None or position["issue"] == issue.strip())
        and (wanted is None or position.get("party") in wanted)
        and (stance is None or position["stance"] == stance.value)
    ]
    return _page(_by_date(items), limit, offset)


# -- stories, timeline, contradictions ---------------------------------------------------------------


@router.get("/stories", summary="List stories", response_model=Page[StoryItem])
def list_stories(request: Request, limit: Limit = DEFAULT_LIMIT, offset: Offset = 0) -> dict[str, Any]:
    """Stories (the documents about one negotiation or event), oldest first, with their outlets and dates."""
    items = [_story_item(row) for row in store(request).stories()]
    return _page(items, limit, offset)


@router.get(
    "/stories/{story_id}",
    summary="One story: its documents and position tables",
    response_model=StoryDetail,
    responses=_problems(404),
)
def get_story(
    request: Request, story_id: Annotated[str, Path(description="A story id (story-3, or just 3).")]
) -> dict[str, Any]:
    """The story's label and documents, and per issue where each party stands, how it moved and the gap
    between the parties. A story merged into another answers with that one."""
    target = store(request)
    found, label = _story_or_404(target, story_id)
    row = next(row for row in target.stories() if row.id == found)
    records = target.analyses(found)
    tables = dict(views.position_tables(records, [found]))
    return {
        "id": found,
        "label": label,
        "outlets": row.outlets,
        "first": row.first,
        "last": row.last,
        "documents": [_document_ref(r) for r in records],
        "positions": tables.get(found, []),
    }


@router.get("/timeline", summary="One timeline across outlets", response_model=Page[TimelineEntry])
def get_timeline(
    request: Request,
    story: StoryFilter = None,
    since: Since = None,
    until: Until = None,
    actor: ActorFilter = None,
    limit: Limit = DEFAULT_LIMIT,
    offset: Offset = 0,
) -> dict[str, Any]:
    """Dated events and positions by date, story by story; what several outlets report is one entry with
    every source."""
    start, end = _bounds(since, until)
    records = _records(store(request), story)
    outlets = views.outlets(records)
    entries = views.timeline_entries(records, since=start, until=end, actor=actor)
    items = [{**entry, "outlets": _outlets(entry["sources"], outlets)} for entry in entries]
    return _page(items, limit, offset)


@router.get("/contradictions", summary="Where outlets disagree", response_model=Page[Contradiction])
def list_contradictions(
    request: Request, story: StoryFilter = None, limit: Limit = DEFAULT_LIMIT, offset: Offset = 0
) -> dict[str, Any]:
    """Pairs of reports from different documents that cannot both be right (figures, stances, dates,
    places) or that attribute the same thing differently, each with a sentence and both pieces of evidence."""
    target = store(request)
    found = views.contradictions(_records(target, story)) if story else target.contradictions()
    return _page(found, limit, offset)


# -- search ------------------------------------------------------------------------------------------


@router.get("/search", summary="Full-text search of titles and bodies", response_model=Page[SearchHit])
def search(
    request: Request,
    q: Annotated[
        str,
        Query(
            min_length=1, description='Words; "red line" in double quotes is a phrase; AND, OR, NOT, pre*.'
        ),
    ],
    limit: Limit = DEFAULT_LIMIT,
    offset: Offset = 0,
) -> dict[str, Any]:
    """Documents matching the query, best first, each with a snippet cut into pieces that match or not
    (never markup). Pages through the best 1000 matches."""
    hits = store(request).search(q, limit=SEARCH_CAP)
    items = []
    for hit in hits:
        pieces = _snippet(hit.snippet)
        items.append(
            {
                "id": hit.id,
                "outlet": hit.outlet,
                "title": hit.title,
                "published_date": hit.published_date,
                "text": "".join(p["text"] for p in pieces),
                "snippet": pieces,
            }
        )
    return _page(items, limit, offset)


# -- changes: analyse an article, rename and merge stories -------------------------------------------

_FILE_FORM = {
    "type": "object",
    "properties": {
        "file": {"type": "string", "format": "binary", "description": "An article: text, HTML, ..."},
        "published": {"type": "string", "description": "The publication date, YYYY-MM-DD."},
    },
    "required": ["file"],
}


@router.post(
    "/analyze",
    summary="Analyse and store an article",
    response_model=DocumentDetail,
    responses=_problems(403, 413, 415, 422),
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {
                "application/json": {"schema": ArticleInput.model_json_schema()},
                "multipart/form-data": {"schema": _FILE_FORM},
            },
        }
    },
)
async def analyze(request: Request, token: Token = None) -> dict[str, Any]:
    """Read a pasted article (JSON `text` or `html`), fetch a public `url`, or read an uploaded `file`
    (multipart), then clean, analyse and store it like `pourparler ingest`. Answers like
    GET /api/documents/{id}: the document with its body and everything found in it. A server that
    listens beyond loopback needs its token in the X-Pourparler-Token header."""
    check_token(request, token)
    current = settings(request)
    largest = current.max_upload_bytes
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > largest + FRAMING_BYTES:
        raise HTTPException(413, _too_large(largest))
    body = await _read_body(request, largest + FRAMING_BYTES, largest)
    media_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if media_type == "multipart/form-data":
        data, url, label, published = await _from_form(request, body, largest)
    elif media_type in ("application/json", ""):
        data, url, label, published = _from_json(body, largest)
    else:
        raise HTTPException(
            415,
            f'send JSON ({{"text": ...}}, {{"html": ...}} or {{"url": ...}}) or a file in a multipart form, '
            f"not {media_type}",
        )
    target = store(request)
    document, _ = await run_in_threadpool(
        analyse_article, current, target, data=data, url=url, label=label, published=published
    )
    return await run_in_threadpool(_document_detail, target, document.id)


@router.post(
    "/stories/{story_id}/rename",
    summary="Rename a story",
    response_model=StoryItem,
    responses=_problems(403, 404),
)
def rename_story(
    request: Request,
    story_id: Annotated[str, Path(description="A story id.")],
    change: RenameInput,
    token: Token = None,
) -> dict[str, Any]:
    """Give a story your own label; it is kept as documents join the story."""
    check_token(request, token)
    target = store(request)
    label = change.label.strip()
    if not label:
        raise HTTPException(422, "give the story a label that is not blank")
    found, _ = _story_or_404(target, story_id)
    target.rename_story(found, label)
    return _story_item(next(row for row in target.stories() if row.id == found))


@router.post(
    "/stories/{story_id}/merge",
    summary="Merge another story into this one",
    response_model=StoryItem,
    responses=_problems(403, 404),
)
def merge_story(
    request: Request,
    story_id: Annotated[str, Path(description="The story that keeps its id.")],
    change: MergeInput,
    token: Token = None,
) -> dict[str, Any]:
    """Move every document of story `absorb` into this story; `absorb`'s id then stands for this one."""
    check_token(request, token)
    target = store(request)
    keep, _ = _story_or_404(target, story_id)
    absorb, _ = _story_or_404(target, change.absorb)
    target.merge_stories(keep, absorb, settings(request).labels)
    return _story_item(next(row for row in target.stories() if row.id == keep))


# -- helpers -----------------------------------------------------------------------------------------


def _page(items: Sequence[Any], limit: int, offset: int) -> dict[str, Any]:
    return {
        "total": len(items),
        "limit": limit,
        "offset": offset,
        "items": list(items[offset : offset + limit]),
    }


def _bounds(since: str | None, until: str | None) -> tuple[dt.date | None, dt.date | None]:
    return views.date_bound("since", since), views.date_bound("until", until, end=True)


def _by_date(items: list[Record]) -> list[Record]:
    return sorted(items, key=lambda i: (date_order(i.get("date")), i["doc"], i["start"]))


def _story_or_404(target: Store, story_id: str) -> tuple[str, str]:
    try:
        return target.story_label(story_id)
    except BadInput:
        raise HTTPException(404, f"there is no story {story_id!r}; GET /api/stories lists them") from None


def _story_id(target: Store, story_id: str) -> str:
    """The current id of a story given as a filter; an unknown one is a bad filter (400)."""
    try:
        return target.story_label(story_id)[0]
    except BadInput:
        raise BadInput(f"there is no story {story_id!r}; GET /api/stories lists them") from None


def _records(target: Store, story: str | None) -> list[Record]:
    return target.analyses(_story_id(target, story)) if story else target.analyses()


def _story_ref(story_id: str | None, labels: dict[str, str]) -> dict[str, str] | None:
    return {"id": story_id, "label": labels.get(story_id, story_id)} if story_id else None


def _story_item(row: Any) -> dict[str, Any]:
    return {
        "id": row.id,
        "label": row.label,
        "documents": row.documents,
        "outlets": row.outlets,
        "first": row.first,
        "last": row.last,
    }


def _document_ref(record: Record) -> dict[str, Any]:
    return {**record["document"], "story": record["story"]}


def _outlets(doc_ids: Iterable[str], outlets: dict[str, str]) -> list[str]:
    return list(dict.fromkeys(outlets.get(d, d[:12]) for d in doc_ids))


def _document_detail(target: Store, doc_id: str) -> dict[str, Any]:
    key = doc_id.strip()
    if len(key) < MIN_PREFIX:
        raise BadInput(f"give at least {MIN_PREFIX} characters of a document id (got {key!r})")
    try:
        document = target.get(key)
    except PourparlerError as error:
        if "more than one" in str(error):
            raise BadInput(str(error)) from None
        raise
    if document is None:
        raise HTTPException(404, f"there is no document {key!r}; GET /api/documents lists them")
    # The store keeps slices per document but reads them all at once; fine for an analyst's store.
    record = next(iter(target.analyses(document_id=document.id)), None)
    labels = {row.id: row.label for row in target.stories()} if record and record["story"] else {}
    return {
        "document": {**document.to_json(), "words": document.words},
        "story": _story_ref(record["story"], labels) if record else None,
        "analysed": record is not None,
        **{kind: (record or {}).get(kind, []) for kind in SLICE_KINDS},
    }


def _actors(records: Iterable[Record]) -> dict[str, Record]:
    """Every actor of the records once, roles and aliases from every document, with how many documents
    name it and how many quotes it spoke, positions it holds and events it is in."""
    actors: dict[str, Record] = {}
    for record in records:
        roles: dict[str, Counter[str]] = {
            "quotes": Counter(q["speaker"].get("actor") for q in record["quotes"]),
            "positions": Counter(p.get("party") for p in record["positions"]),
            "events": Counter(a for e in record["events"] for a in {*e["actors"], *e["targets"]}),
        }
        for actor in record.get("actors", []):
            known = actors.get(actor["id"])
            if known is None:
                known = actors[actor["id"]] = {
                    **actor,
                    "roles": list(actor.get("roles", [])),
                    "aliases": list(actor.get("aliases", [])),
                    "counts": {"documents": 0, "quotes": 0, "positions": 0, "events": 0},
                }
            else:
                known["roles"] += [r for r in actor.get("roles", []) if r not in known["roles"]]
                known["aliases"] += [a for a in actor.get("aliases", []) if a not in known["aliases"]]
            known["counts"]["documents"] += 1
            for kind, counted in roles.items():
                known["counts"][kind] += counted[actor["id"]]
    return actors


def _snippet(snippet: str) -> list[dict[str, Any]]:
    """FTS5's snippet with its match marks turned into pieces; runs of whitespace become one space."""
    pieces = []
    for i, piece in enumerate(snippet.replace(MATCH_END, MATCH_START).split(MATCH_START)):
        text = re.sub(r"\s+", " ", piece)
        if text:
            pieces.append({"text": text, "match": i % 2 == 1})
    return pieces


def _too_large(largest: int) -> str:
    return f"the article is larger than this server's limit of {largest:,} bytes; send a shorter one"


async def _read_body(request: Request, cap: int, largest: int) -> bytes:
    """The request body, refused (413) as soon as it grows past `cap` whatever Content-Length said."""
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > cap:
            raise HTTPException(413, _too_large(largest))
        chunks.append(chunk)
    return b"".join(chunks)


Read = tuple[bytes | None, str | None, str, str | None]


def _from_json(body: bytes, largest: int) -> Read:
    """data, url, label and publication date from a JSON body."""
    try:
        given = ArticleInput.model_validate_json(body or b"{}")
    except ValidationError as error:
        raise RequestValidationError(error.errors(include_url=False, include_context=False)) from None
    chosen = [name for name in ("text", "html", "url") if getattr(given, name) is not None]
    if len(chosen) != 1:
        raise HTTPException(
            422,
            "give exactly one of text, html or url"
            + (f" (got {' and '.join(chosen)})" if chosen else "")
            + ", or upload a file as multipart form data",
        )
    published = _published(given.published)
    if given.url is not None:
        return None, given.url.strip(), given.url.strip(), published
    data = (given.text if given.text is not None else given.html or "").encode("utf-8")
    if len(data) > largest:
        raise HTTPException(413, _too_large(largest))
    return data, None, "<pasted>", published


async def _from_form(request: Request, body: bytes, largest: int) -> Read:
    """data, label and publication date from a multipart form with a `file` (and `published`)."""

    async def replay() -> dict[str, Any]:
        return {"type": "http.request", "body": body, "more_body": False}

    # The body was read already (to bound its size); the form parser reads it again from here.
    async with Request(request.scope, receive=replay).form(max_files=1, max_fields=5) as form:
        upload, published = form.get("file"), form.get("published")
        if not isinstance(upload, UploadFile):
            raise HTTPException(422, "upload the article as the form field `file`")
        data = await upload.read(largest + 1)
        label = upload.filename or "<upload>"
    if len(data) > largest:
        raise HTTPException(413, _too_large(largest))
    return data, None, label, _published(published if isinstance(published, str) and published else None)


def _published(value: str | None) -> str | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value.strip()).isoformat()
    except ValueError:
        raise HTTPException(422, f"published {value!r} is not a date; write it as YYYY-MM-DD") from None
