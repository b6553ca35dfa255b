"""Small helpers over spaCy docs shared by the stages.

They keep per-unit work proportional to the unit, not to the whole document: ``Doc.text``,
``Doc.ents`` and ``Span.ents`` are rebuilt from every token of the document on each access.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable, Sequence
from typing import TypeVar

import numpy as np
from spacy.attrs import ENT_TYPE, HEAD, IDX, IS_SPACE, LENGTH, LIKE_NUM, POS
from spacy.parts_of_speech import NAMES as POS_NAMES
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


def remember_text(doc: Doc, text: str) -> Doc:
    """``doc`` with ``text`` (its ``doc.text``, known to whoever made it) kept for
    :func:`text_of`, so it is never joined from the tokens."""
    doc.user_data[_TEXT_KEY] = text
    return doc


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
    if len(hits) < 2:
        return list(hits)
    ranked = sorted(hits, key=lambda hit: (hit[2] - hit[1], -hit[1]), reverse=True)
    taken: list[tuple[int, int, int]] = []
    used: set[int] = set()
    for hit in ranked:
        if hit[1] in used or hit[2] - 1 in used:
            continue
        taken.append(hit)
        used.update(range(hit[1], hit[2]))
    return sorted(taken, key=lambda hit: hit[1])


def hits_within(
    hits: Sequence[tuple[int, int, int]], start: int, end: int, starts: Sequence[int] | None = None
) -> list[tuple[int, int, int]]:
    """The (label, start, end) matcher ``hits`` (sorted by start) lying inside ``start:end``;
    ``starts``, their start tokens, when kept beside them, saves a key function per step."""
    if starts is None:
        first = bisect_left(hits, start, key=lambda hit: hit[1])
    else:
        first = bisect_left(starts, start)
    out = []
    for k in range(first, len(hits)):  # no slice: that would copy the document's later hits
        hit = hits[k]
        if hit[1] >= end:
            break
        if hit[2] <= end:
            out.append(hit)
    return out


def char_range(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """Document character offsets of tokens ``start:end`` (``doc[start:end]``'s)."""
    tokens = doc_tokens(doc)
    last = tokens[end - 1]
    return tokens[start].idx, last.idx + len(last.text)


def span_text(doc: Doc, start: int, end: int) -> str:
    """``doc[start:end].text``, sliced from the cached document text without building a Span."""
    if start >= end:
        return ""
    first, last = char_range(doc, start, end)
    return text_of(doc)[first:last]


def doc_lemmas(doc: Doc) -> list[str]:
    """``[token.lemma_.lower() for token in doc]``, built once per document."""
    return per_doc(doc, "lemmas", _lemmas)


def _lemmas(doc: Doc) -> list[str]:
    return [token.lemma_.lower() for token in doc_tokens(doc)]


def child_indexes(doc: Doc) -> ChildIndex:
    """``[[child.i for child in token.children] for token in doc]`` as a :class:`ChildIndex`,
    from :func:`head_indexes` once per document."""
    return per_doc(doc, "children", ChildIndex)


class ChildIndex:
    """The children of each token of a document by index, in text order.

    Kept as two flat lists of ints rather than a list per token: allocating thousands of
    containers per document sets off the garbage collector, which walks the whole heap.
    """

    __slots__ = ("_bounds", "_order")

    def __init__(self, doc: Doc):
        heads = np.asarray(head_indexes(doc), dtype=np.int64)
        tokens = np.arange(len(heads), dtype=np.int64)
        attached = heads != tokens  # a root is its own head, not its own child
        by_head = np.argsort(heads[attached], kind="stable")
        self._order: list[int] = tokens[attached][by_head].tolist()
        counts = np.bincount(heads[attached], minlength=len(heads))
        self._bounds: list[int] = np.concatenate(([0], np.cumsum(counts))).tolist()

    def __getitem__(self, i: int) -> list[int]:
        return self._order[self._bounds[i] : self._bounds[i + 1]]


def doc_deps(doc: Doc) -> list[str]:
    """``[token.dep_ for token in doc]``, built once per document."""
    return per_doc(doc, "deps", _deps)


def _deps(doc: Doc) -> list[str]:
    return [token.dep_ for token in doc_tokens(doc)]


def doc_pos(doc: Doc) -> list[str]:
    """``[token.pos_ for token in doc]``, built once per document."""
    return per_doc(doc, "pos", _pos)


def _pos(doc: Doc) -> list[str]:
    # from the array: ``Token.pos_`` costs twice as much per token
    return [POS_NAMES[pos] for pos in doc.to_array(POS).tolist()]


def doc_like_num(doc: Doc) -> list[bool]:
    """``[token.like_num for token in doc]``, read from the lexeme flags once per document."""
    return per_doc(doc, "like_num", _like_num)


def _like_num(doc: Doc) -> list[bool]:
    return doc.to_array(LIKE_NUM).astype(bool).tolist()


class ParseLists:
    """The per-document lists of :func:`doc_tokens`, :func:`head_indexes`,
    :func:`child_indexes`, :func:`doc_deps`, :func:`doc_pos`, :func:`doc_lemmas` and
    :func:`lower_forms` under one cache entry: a function reading several of them pays one
    :func:`per_doc` look-up instead of one per list."""

    __slots__ = ("children", "deps", "heads", "lemmas", "lowers", "pos", "tokens")

    def __init__(self, doc: Doc):
        self.tokens = doc_tokens(doc)
        self.heads = head_indexes(doc)
        self.children = child_indexes(doc)
        self.deps = doc_deps(doc)
        self.pos = doc_pos(doc)
        self.lemmas = doc_lemmas(doc)  # lower case
        self.lowers = lower_forms(doc)


def parse_lists(doc: Doc) -> ParseLists:
    """The :class:`ParseLists` of ``doc``, built once per document."""
    return per_doc(doc, "parse_lists", ParseLists)


def subtree_indexes(doc: Doc, i: int) -> list[int]:
    """The indexes of ``doc[i].subtree`` (the token and its descendants) in no particular
    order, from :func:`child_indexes`: no Token per word (``.subtree`` makes one for each,
    and a non-projective subtree is not always ``left_edge..right_edge``)."""
    children = child_indexes(doc)
    found = [i]
    for k in found:  # the list grows while it is read: breadth first
        found.extend(children[k])
    return found


def sentence_starts(doc: Doc) -> list[int]:
    """``[sent.start for sent in doc.sents]``, built once per document."""
    return per_doc(doc, "sentence_starts", _sentence_starts)


def _sentence_starts(doc: Doc) -> list[int]:
    return [sent.start for sent in doc.sents]


def sentence_range(doc: Doc, i: int) -> tuple[int, int]:
    """``(doc[i].sent.start, doc[i].sent.end)`` from :func:`sentence_starts`, without
    building the sentence (``Token.sent`` makes two Spans and walks to both ends)."""
    starts = sentence_starts(doc)
    k = bisect_right(starts, i) - 1
    return starts[k], starts[k + 1] if k + 1 < len(starts) else len(doc)


def ent_type_ids(doc: Doc) -> list[int]:
    """``[token.ent_type for token in doc]`` (string ids, 0 outside entities; compare with
    ``spacy.strings.get_string_id(label)``), read from the entity array once per document."""
    return per_doc(doc, "ent_type_ids", _ent_type_ids)


def _ent_type_ids(doc: Doc) -> list[int]:
    return doc.to_array(ENT_TYPE).tolist()


class TokenChars:
    """Where each token of a document lies in its text, read from the token arrays once:
    ``starts`` (``token.idx``), ``ends`` (``token.idx + len(token)``, no trailing space) and
    ``spaces`` (``token.is_space``), and the text's length; no Token per word."""

    __slots__ = ("ends", "length", "spaces", "starts")

    def __init__(self, doc: Doc):
        columns = doc.to_array([IDX, LENGTH, IS_SPACE]).astype(np.int64)
        self.starts: list[int] = columns[:, 0].tolist()
        self.ends: list[int] = (columns[:, 0] + columns[:, 1]).tolist()
        self.spaces: list[bool] = columns[:, 2].astype(bool).tolist()
        self.length = len(text_of(doc))


def token_chars(doc: Doc) -> TokenChars:
    """The :class:`TokenChars` of ``doc``, built once per document."""
    return per_doc(doc, "token_chars", TokenChars)


def expanded_range(doc: Doc, start: int, end: int) -> tuple[int, int] | None:
    """The token range of ``doc.char_span(start, end, alignment_mode="expand")`` (every
    token the characters ``start:end`` touch, a token's trailing space counting as its
    own), or None where that is None; without building the Span."""
    chars = token_chars(doc)
    if not (0 <= start < chars.length and 0 < end <= chars.length):
        return None
    first = bisect_right(chars.starts, start) - 1
    last = bisect_right(chars.starts, end - 1) - 1
    if start == chars.ends[first]:  # on the space after a token: the next one
        first += 1
    return first, last + 1
