"""Small helpers over spaCy docs shared by the stages.

They keep per-unit work proportional to the unit, not to the whole document: ``Doc.text``,
``Doc.ents`` and ``Span.ents`` are rebuilt from every token of the document on each access.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable, Sequence
from typing import TypeVar

import numpy as np
from spacy.attrs import HEAD
from spacy.tokens import Doc, Span, Token

_PREFIX = "extractor."
_TEXT_KEY = _PREFIX + "text"
T = TypeVar("T")


def per_doc(doc: Doc, key: str, compute: Callable[[Doc], T]) -> T:
    """``compute(doc)``, computed once per Doc and kept in ``doc.user_data`` until
    :func:`forget_text`. For results that several units of one document reuse (matcher
    hits over the whole document, its entities)."""
    full = _PREFIX + key
    cached = doc.user_data.get(full)
    if cached is None:
        cached = doc.user_data[full] = compute(doc)
    return cached


def text_of(doc: Doc) -> str:
    """The document text, computed once per Doc.

    ``Doc.text`` joins every token on each access, so slicing it once per mention is
    quadratic in the document length; this caches it in ``doc.user_data``. The event
    component removes the entry with :func:`forget_text` when it is done with the Doc.
    """
    cached = doc.user_data.get(_TEXT_KEY)
    if cached is None:
        cached = doc.user_data[_TEXT_KEY] = doc.text
    return cached


def doc_tokens(doc: Doc) -> list[Token]:
    """The tokens of ``doc`` as a list built once: ``doc[i]`` and iterating a span create a
    new Token object on every access, and the stages walk each unit several times."""
    return per_doc(doc, "tokens", list)


def tokens_of(span: Span) -> list[Token]:
    """The tokens of ``span``, from :func:`doc_tokens`."""
    return doc_tokens(span.doc)[span.start : span.end]


def head_indexes(doc: Doc) -> list[int]:
    """``[token.head.i for token in doc]``, read from the parse array once per document."""
    return per_doc(doc, "heads", _heads)


def lower_forms(doc: Doc) -> list[str]:
    """``[token.lower_ for token in doc]``, built once per document."""
    return per_doc(doc, "lowers", _lowers)


def _lowers(doc: Doc) -> list[str]:
    return [token.lower_ for token in doc_tokens(doc)]


def _heads(doc: Doc) -> list[int]:
    relative = doc.to_array([HEAD]).astype(np.int64).reshape(-1)
    return (np.arange(len(doc), dtype=np.int64) + relative).tolist()


def forget_text(doc: Doc) -> None:
    """Drop the cached text and every other per-document result, so serialised Docs do
    not carry them."""
    for key in [k for k in doc.user_data if isinstance(k, str) and k.startswith(_PREFIX)]:
        del doc.user_data[key]


def ents_within(doc: Doc, start: int, end: int) -> list[Span]:
    """The entities lying wholly inside tokens ``start:end`` of ``doc``, in order.

    The same entities as ``doc[start:end].ents`` (an entity crossing either edge is left
    out), without rebuilding them: ``Span.ents`` builds every entity of the document on
    each call, which made 600 bullets take 20 s. The document's entities are built once.
    """
    ents, starts = per_doc(doc, "ents", _entities)
    found: list[Span] = []
    for ent in ents[bisect_left(starts, start) :]:
        if ent.start >= end:
            break
        if ent.end <= end:
            found.append(ent)
    return found


def unit_ents(unit: Span) -> list[Span]:
    """``unit.ents`` without rebuilding the document's entities (see :func:`ents_within`)."""
    return ents_within(unit.doc, unit.start, unit.end)


def _entities(doc: Doc) -> tuple[Sequence[Span], list[int]]:
    ents = doc.ents
    return ents, [ent.start for ent in ents]


def longest_first(hits: Sequence[tuple[int, int, int]]) -> list[tuple[int, int, int]]:
    """The longest non-overlapping (label, start, end) hits in text order: what
    ``spacy.util.filter_spans`` keeps (ties go to the earlier start, then to input order),
    without building a Span per hit."""
    ranked = sorted(hits, key=lambda hit: (hit[2] - hit[1], -hit[1]), reverse=True)
    taken: list[tuple[int, int, int]] = []
    used: set[int] = set()
    for hit in ranked:
        if hit[1] in used or hit[2] - 1 in used:
            continue
        taken.append(hit)
        used.update(range(hit[1], hit[2]))
    return sorted(taken, key=lambda hit: hit[1])


def hits_within(hits: Sequence[tuple[int, int, int]], start: int, end: int) -> list[tuple[int, int, int]]:
    """The (label, start, end) matcher ``hits`` (sorted by start) lying inside ``start:end``."""
    first = bisect_left(hits, start, key=lambda hit: hit[1])
    out = []
    for hit in hits[first:]:
        if hit[1] >= end:
            break
        if hit[2] <= end:
            out.append(hit)
    return out


def span_text(doc: Doc, start: int, end: int) -> str:
    """``doc[start:end].text``, sliced from the cached document text without building a Span."""
    if start >= end:
        return ""
    tokens = doc_tokens(doc)
    last = tokens[end - 1]
    return text_of(doc)[tokens[start].idx : last.idx + len(last.text)]
