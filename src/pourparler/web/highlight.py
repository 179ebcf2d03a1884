"""An article body as HTML with its extracted items highlighted: text pieces escaped, every tag our own.

Items overlap freely (a quote holds a position, a position holds mentions, two sentences share words), so
the body is cut at every item boundary and each piece is wrapped in the items that cover it, outermost
first. When an item ends inside another that started later, the inner one is closed and reopened: it is
then drawn in fragments that share its `data-ref`; only the first fragment carries its `id`. No text is
lost or repeated, and stripping the tags gives back the body exactly.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from itertools import pairwise

from markupsafe import Markup, escape

# Drawing order when two items cover the same characters: the wider kind outside.
KIND_ORDER = {"evidence": 0, "quote": 1, "position": 2, "event": 3, "mention": 4}
TAGS = {"mention": "span"}  # everything else is a <mark>


@dataclass(frozen=True, slots=True)
class Span:
    """One item's evidence in the body: `ref` ("q-3") names it in the page."""

    start: int
    end: int
    ref: str
    kind: str
    data: Mapping[str, str] = field(default_factory=dict)  # more data-* attributes


def highlight(body: str, spans: Sequence[Span]) -> Markup:
    """The body with every span marked; spans outside the body are clipped, empty ones dropped."""
    kept = []
    for span in spans:
        start, end = max(0, span.start), min(len(body), span.end)
        if start < end:
            kept.append((start, end, span))
    kept.sort(key=lambda s: (s[0], -s[1], KIND_ORDER.get(s[2].kind, len(KIND_ORDER)), s[2].ref))
    cuts = sorted({0, len(body), *(s[0] for s in kept), *(s[1] for s in kept)})
    parts: list[str] = []
    opened: list[tuple[int, int, Span]] = []
    started: set[str] = set()
    for left, right in pairwise(cuts):
        covering = [s for s in kept if s[0] <= left and s[1] >= right]
        same = 0
        while same < min(len(opened), len(covering)) and opened[same] is covering[same]:
            same += 1
        for _ in opened[same:]:
            parts.append(_close(opened.pop()[2]))
        for item in covering[same:]:
            parts.append(_open(item[2], first=item[2].ref not in started))
            started.add(item[2].ref)
            opened.append(item)
        parts.append(str(escape(body[left:right])))
    parts += [_close(item[2]) for item in reversed(opened)]
    return Markup("".join(parts))


def _open(span: Span, *, first: bool) -> str:
    tag = TAGS.get(span.kind, "mark")
    classes = f"hl hl-{span.kind}" + ("" if first else " hl-more")
    attributes = {"class": classes, "data-ref": span.ref, "data-kind": span.kind}
    if first:
        attributes["id"] = span.ref
    attributes.update({f"data-{name}": value for name, value in span.data.items()})
    text = " ".join(f'{escape(name)}="{escape(value)}"' for name, value in attributes.items())
    return f"<{tag} {text}>"


def _close(span: Span) -> str:
    return f"</{TAGS.get(span.kind, 'mark')}>"
