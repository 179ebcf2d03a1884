"""Cleaning: from a RawDocument to a Document with a clean body, metadata and a publication date."""

from __future__ import annotations

import datetime as dt

from pourparler.clean.dates import infer_publication_date, published_from_line
from pourparler.clean.html import extract_page
from pourparler.clean.lines import clean_lines
from pourparler.clean.metadata import find_cited_sources, find_outlet
from pourparler.errors import InputError
from pourparler.knowledge import known_outlet
from pourparler.model import Document, Published, RawDocument, Removal

PARAGRAPH_BREAK = "\n\n"


def clean(raw: RawDocument, *, published: str | None = None, today: dt.date | None = None) -> Document:
    """Clean one article. `published` is a date the user gives, which wins over everything else."""
    text, title, sitename, authors, page_date = raw.text or "", raw.title, None, [], None
    if raw.html is not None:
        page = extract_page(raw.html, raw.url)
        if page is None:
            raise InputError("no article text found in the HTML page")
        text, title = page.text, raw.title or page.title
        sitename, authors, page_date = page.sitename, page.authors, page.date

    cleaned = clean_lines(text, title=title)
    if not cleaned.paragraphs:
        raise InputError("no article text left after removing boilerplate")
    body = PARAGRAPH_BREAK.join(cleaned.paragraphs)
    paragraphs, start = [], 0
    for paragraph in cleaned.paragraphs:
        paragraphs.append((start, start + len(paragraph)))
        start += len(paragraph) + len(PARAGRAPH_BREAK)

    outlet = raw.outlet or sitename
    if outlet:
        outlet = getattr(known_outlet(outlet), "name", outlet)
    else:
        outlet = find_outlet(cleaned.removed, body, raw.url)

    return Document(
        source=raw.source,
        body=body,
        title=cleaned.title or title,
        subtitle=cleaned.subtitle,
        byline=cleaned.byline or authors,
        outlet=outlet,
        cites=find_cited_sources(body, cleaned.removed, outlet),
        url=raw.url,
        published=_published(raw, published, page_date, cleaned.removed, body, today),
        paragraphs=paragraphs,
        removed=cleaned.removed,
        warnings=list(raw.warnings),
    )


def _published(
    raw: RawDocument,
    given: str | None,
    page_date: str | None,
    removed: list[Removal],
    body: str,
    today: dt.date | None,
) -> Published:
    if given:
        return Published(given, "given", "given by the user")
    if raw.published:
        return Published(raw.published[:10], "metadata", "the source's metadata")
    if page_date:
        return Published(page_date, "metadata", "the page's metadata")
    for removal in removed:
        if removal.reason == "dateline-meta":
            date = published_from_line(removal.text, body)
            if date:
                return Published(date, "metadata", removal.text)
    return infer_publication_date(body, today=today)
