"""Article text and page metadata out of an HTML page (trafilatura and htmldate)."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(slots=True)
class ExtractedPage:
    text: str
    title: str | None = None
    sitename: str | None = None
    authors: list[str] = field(default_factory=list)
    date: str | None = None


def extract_page(html: str, url: str | None = None) -> ExtractedPage | None:
    """The main text of a page, one paragraph per line, with its metadata; None if it has no article."""
    import trafilatura

    # htmldate's extensive search turns a bare "(c) 2025" footer into 2025-01-01.
    result = trafilatura.bare_extraction(
        html,
        url=url,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        date_extraction_params={"extensive_search": False, "original_date": True},
    )
    if result is None or isinstance(result, dict) or not (result.text or "").strip():
        return None
    authors = [a.strip() for a in (result.author or "").split(";") if a.strip()]
    return ExtractedPage(
        text=result.text or "",
        title=result.title or None,
        sitename=result.sitename or None,
        authors=authors,
        date=(result.date or None) and str(result.date)[:10],
    )
