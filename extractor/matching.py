"""A token Matcher that runs only on spans that can hold a match.

spaCy's ``Matcher`` tries every pattern at every token and evaluates its set and regex
predicates in Python, so a unit without a single month name still costs the full
state machine. Each pattern has a required token that is rare in text (a month, a weekday,
"ago", a year-shaped number); when no token of a span can satisfy any pattern's anchor,
no pattern can match there and the matcher is skipped. Anchors are read from the patterns
themselves, so a new pattern is anchored without code changes; a pattern without a
usable anchor turns the shortcut off rather than losing matches.

Where a span does hold anchors, the matcher runs only on a window around each: as far left
and right of the anchor as any pattern can reach (its other tokens, and runs of the words
its repeated tokens allow). Every match contains an anchor token, so no match is lost, and
windows that overlap are merged, so the longest-match filter sees the same rivals.

What a window matches depends only on the attributes its patterns test, token by token
(the text and what the text decides, plus lemma, tag and the like where a pattern asks),
and news repeats its windows ("on Tuesday", "in 2022"): the matches of each window are
remembered by those attributes and reused for the next window that has the same.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from spacy.attrs import DEP, ENT_IOB, ENT_TYPE, LEMMA, MORPH, NORM, ORTH, POS, TAG
from spacy.lang.en.stop_words import STOP_WORDS
from spacy.matcher import Matcher
from spacy.tokens import Doc, Span

from .spans import parse_lists, per_doc

_TEXT_KEYS = ("LOWER", "ORTH", "TEXT")
_OPTIONAL = {"?", "*"}
#: A regex anchor ("^(19|20)[0-9]{2}$") is taken over a word set with two or more stop
#: words ("in", "during") but not over one with a single one ("May" among the months).
_REGEX_COST = 1.5
#: Token texts (and lemmas) whose verdict is remembered, at most (the memo is emptied past it).
_MAX_VERDICTS = 200_000
#: Windows whose matches are remembered at most (a window key is a few hundred bytes: 20,000
#: keep the memo under ~10 MB; repeated windows are mostly seen within the first thousands).
_MAX_WINDOWS = 20_000
#: Operators of a token matched once or not at all, and of a repeated token.
_SINGLE = {None, "?", "!", "1"}
_REPEATED = {"*", "+"}
#: How anchor words are compared: lemmas exactly, title-case words in title case.
_FOLDS: dict[str, Callable[[str], str]] = {"lemma": str, "title": str.capitalize}
#: Pattern keys whose value the token's text alone decides (attributes of its lexeme).
_LEXICAL = frozenset({
    "ORTH", "TEXT", "LOWER", "LENGTH", "SHAPE", "PREFIX", "SUFFIX", "IS_ALPHA", "IS_ASCII",
    "IS_DIGIT", "IS_LOWER", "IS_UPPER", "IS_TITLE", "IS_PUNCT", "IS_SPACE", "IS_STOP",
    "IS_BRACKET", "IS_QUOTE", "IS_LEFT_PUNCT", "IS_RIGHT_PUNCT", "IS_CURRENCY", "LIKE_NUM",
    "LIKE_URL", "LIKE_EMAIL",
})
#: Pattern keys that vary with the token in context, and the array attribute that holds them.
_CONTEXTUAL = {"LEMMA": LEMMA, "NORM": NORM, "POS": POS, "TAG": TAG, "DEP": DEP,
               "ENT_TYPE": ENT_TYPE, "ENT_IOB": ENT_IOB, "MORPH": MORPH}


@dataclass
class Reach:
    """How far a match can extend on one side of its anchor token: ``fixed`` tokens matched
    one each (with or without "?"), any run of tokens whose lower-case form is in
    ``repeated`` (tokens under "*" or "+"), or anything (``unbounded``)."""

    fixed: int = 0
    repeated: set[str] = field(default_factory=set)
    unbounded: bool = False

    def widen(self, tokens: list[dict[str, Any]]) -> None:
        """Let this reach cover ``tokens``, one side of a pattern's anchor."""
        fixed = 0
        for token in tokens:
            op = token.get("OP")
            if op in _REPEATED:
                words = _word_set(token)
                if words is None:
                    self.unbounded = True
                else:
                    self.repeated |= words
            elif op in _SINGLE:
                fixed += 1
            else:  # a counted quantifier ("{2,3}")
                self.unbounded = True
        self.fixed = max(self.fixed, fixed)

    def merge(self, other: Reach) -> None:
        """Let this reach cover ``other`` too."""
        self.fixed = max(self.fixed, other.fixed)
        self.repeated |= other.repeated
        self.unbounded = self.unbounded or other.unbounded


@dataclass
class Anchor:
    """The anchor of one pattern and how far that pattern reaches on either side of it."""

    kind: str  # "words", "title", "lemma" or "regex"
    words: set[str]  # lower case for "words" and "lemma", exact for "title"
    regex: re.Pattern[str] | None
    left: Reach
    right: Reach

    def admits(self, text: str, lemma: str) -> bool:
        """True when a token with this text and (lower-case) lemma satisfies the anchor."""
        if self.kind == "words":
            return text.lower() in self.words
        if self.kind == "title":
            return text in self.words
        if self.kind == "lemma":
            return lemma in self.words
        return self.regex is not None and self.regex.search(text) is not None


class Verdicts:
    """Which string ids (token texts) a test accepts, judged once each and kept
    for the next documents (both sets are emptied past :data:`_MAX_VERDICTS`)."""

    def __init__(self) -> None:
        self.seen: set[int] = set()
        self.accepted: set[int] = set()

    def judge(self, ids: list[int], strings: Any, test: Callable[[str], bool]) -> set[int]:
        """The accepted ids, after judging those of ``ids`` not seen before."""
        new = set(ids).difference(self.seen)
        if new:
            if len(self.seen) > _MAX_VERDICTS:
                self.seen, self.accepted = set(), set()
            self.seen |= new
            self.accepted.update(key for key in new if test(strings[key]))
        return self.accepted


@dataclass
class Anchors:
    """Words and lemmas (lower case) and regexes one of which every pattern needs somewhere,
    and how far a match reaches left and right of the token that satisfies it."""

    words: set[str] = field(default_factory=set)
    titles: set[str] = field(default_factory=set)  # exact forms: the token must be title-case
    lemmas: set[str] = field(default_factory=set)
    regexes: list[re.Pattern[str]] = field(default_factory=list)
    complete: bool = True  # False: some pattern has no anchor, so every span is matched
    left: Reach = field(default_factory=Reach)
    right: Reach = field(default_factory=Reach)
    _lower_lemmas: set[str] | None = field(default=None, repr=False)
    _verdicts: Verdicts = field(default_factory=Verdicts, repr=False)
    _each: list[Anchor] = field(default_factory=list, repr=False)  # one per pattern
    _reaches: dict[tuple[str, str], tuple[Reach, Reach]] = field(default_factory=dict, repr=False)

    def add(self, pattern: list[dict[str, Any]]) -> None:
        """Add the most selective required token of ``pattern`` as its anchor."""
        found = _anchor_at(pattern)
        if found is None:
            self.complete = False
            return
        position, anchor = found
        self._lower_lemmas = None
        self._verdicts = Verdicts()
        self._reaches.clear()
        left, right = Reach(), Reach()
        left.widen(pattern[:position])
        right.widen(pattern[position + 1 :])
        self.left.merge(left)
        self.right.merge(right)
        kind, value = anchor
        if pattern[position].get("OP") in _REPEATED:  # the anchor token itself may repeat
            _repeat_anchor(left, right, kind, value)
        if anchor[0] == "regex":
            self.regexes.append(re.compile(anchor[1]))  # type: ignore[arg-type]
            self._each.append(Anchor(kind, set(), self.regexes[-1], left, right))
            return
        words = {w.lower() for w in value} if kind == "lemma" else set(value)
        self._each.append(Anchor(kind, words, None, left, right))
        if anchor[0] == "lemma":  # the LEMMA predicate is case-sensitive
            self.lemmas |= anchor[1]  # type: ignore[arg-type]
        elif anchor[0] == "title":
            self.titles |= anchor[1]  # type: ignore[arg-type]
        else:
            self.words |= anchor[1]  # type: ignore[arg-type]

    def hits(self, doc: Doc) -> list[int]:
        """Indexes of the tokens of ``doc`` that satisfy some anchor, in order.

        Lemmas are compared in lower case (a few more hits, never fewer). Words and lemmas
        only are tested token by token; with title-case words or regexes, a token's text
        decides its word, title and regex anchors, so each distinct text (string id) is
        judged once, for this and the next documents (:class:`Verdicts`).
        """
        p = parse_lists(doc)
        keys = self._lemma_keys()
        if not (self.titles or self.regexes):
            words = self.words
            return [i for i, (lower, lemma) in enumerate(zip(p.lowers, p.lemmas, strict=True))
                    if lower in words or lemma in keys]
        orths = doc.to_array(ORTH).tolist()
        texts = self._verdicts.judge(orths, doc.vocab.strings, self._text_hits)
        if not keys:
            return [i for i, orth in enumerate(orths) if orth in texts]
        return [i for i, (orth, lemma) in enumerate(zip(orths, p.lemmas, strict=True))
                if orth in texts or lemma in keys]

    def reach_at(self, text: str, lemma: str) -> tuple[Reach, Reach]:
        """How far left and right a match can reach around a hit token with this text and
        (lower-case) lemma: the widest reach of the patterns whose anchor it satisfies
        (of every pattern, should it satisfy none)."""
        key = (text, lemma)
        found = self._reaches.get(key)
        if found is None:
            if len(self._reaches) > _MAX_VERDICTS:
                self._reaches.clear()
            left, right = Reach(), Reach()
            admitted = [anchor for anchor in self._each if anchor.admits(text, lemma)]
            for anchor in admitted:
                left.merge(anchor.left)
                right.merge(anchor.right)
            found = self._reaches[key] = (left, right) if admitted else (self.left, self.right)
        return found

    def _text_hits(self, text: str) -> bool:
        """True when a token with this text satisfies a word, title or regex anchor."""
        return (
            text.lower() in self.words
            or text in self.titles  # "May" the month, not "may"
            or any(r.search(text) for r in self.regexes)
        )

    def _lemma_keys(self) -> set[str]:
        if self._lower_lemmas is None:
            self._lower_lemmas = {lemma.lower() for lemma in self.lemmas}
        return self._lower_lemmas


def _repeat_anchor(left: Reach, right: Reach, kind: str, value: set[str] | str) -> None:
    """Let ``left`` and ``right`` take in more tokens satisfying a repeated anchor."""
    for reach in (left, right):
        if kind == "words" and isinstance(value, set):
            reach.repeated |= value
        else:
            reach.unbounded = True


def _best_anchor(pattern: list[dict[str, Any]]) -> tuple[str, set[str] | str] | None:
    """("words" | "title" | "lemma", set) or ("regex", source) for the rarest required token
    (see :func:`_anchor_at`)."""
    found = _anchor_at(pattern)
    return found[1] if found else None


def _anchor_at(pattern: list[dict[str, Any]]) -> tuple[int, tuple[str, set[str] | str]] | None:
    """The position and the anchor of the rarest required token of ``pattern``.

    Cost: the stop words and punctuation marks in a set (:func:`_cost`; ties: the smaller
    set), a regex :data:`_REGEX_COST`; tokens constrained otherwise (shape, part of speech)
    are no anchor; None when no token qualifies. Words are lower-cased, except lemmas (the
    LEMMA predicate is exact) and words that must be title-case ("May" of the months).
    """
    best: tuple[float, int, int, tuple[str, set[str] | str]] | None = None
    for position, token in enumerate(pattern):
        if token.get("OP") in _OPTIONAL:
            continue
        for key, value in token.items():
            candidate: tuple[float, int, int, tuple[str, set[str] | str]] | None = None
            kind = "lemma" if key == "LEMMA" else "title" if token.get("IS_TITLE") is True else "words"
            if key not in _TEXT_KEYS and key != "LEMMA":
                continue
            fold = _FOLDS.get(kind, str.lower)
            if isinstance(value, str):
                candidate = (_cost(value.lower()), 1, position, (kind, {fold(value)}))
            elif isinstance(value, dict) and isinstance(value.get("IN"), list):
                words = {fold(str(word)) for word in value["IN"]}
                candidate = (sum(_cost(w.lower()) for w in words), len(words), position, (kind, words))
            elif isinstance(value, dict) and isinstance(value.get("REGEX"), str) and key in ("ORTH", "TEXT"):
                candidate = (_REGEX_COST, 0, position, ("regex", value["REGEX"]))
            if candidate is not None and (best is None or candidate[:2] < best[:2]):
                best = candidate
    return (best[2], best[3]) if best else None


def _cost(word: str) -> float:
    """Stop words cost 1, punctuation marks 2 (a dash is commoner than any year)."""
    return 2.0 if not any(char.isalnum() for char in word) else float(word in STOP_WORDS)


def _word_set(token: dict[str, Any]) -> set[str] | None:
    """The lower-case words a token spec can match, when it is bounded by words at all."""
    for key in _TEXT_KEYS:
        value = token.get(key)
        if isinstance(value, str):
            return {value.lower()}
        if isinstance(value, dict) and isinstance(value.get("IN"), list):
            return {str(word).lower() for word in value["IN"]}
    return None


class AnchoredMatcher:
    """A spaCy ``Matcher`` plus the anchors of its patterns; call it on a span.

    Returns exactly what ``Matcher(span)`` returns (offsets relative to the span).
    """

    def __init__(self, matcher: Matcher, anchors: Anchors, key: str,
                 attrs: list[int] | None = None):
        self.matcher = matcher
        self.anchors = anchors
        self._hits_key = f"anchors.{key}"  # per-document cache names: one per matcher
        self._columns_key = f"anchors.{key}.columns"
        self.attrs = attrs  # what decides a window's matches (see :func:`_memo_attrs`)
        self._memo: dict[tuple[tuple[int, ...], ...], list[tuple[int, int, int]]] = {}

    @classmethod
    def build(
        cls, vocab: Any, entries: Iterable[tuple[str, list[dict[str, Any]]]], key: str
    ) -> AnchoredMatcher:
        """A validated matcher over ``(id, pattern)`` pairs, longest match per id."""
        matcher = Matcher(vocab, validate=True)
        anchors = Anchors()
        patterns = []
        for match_id, pattern in entries:
            matcher.add(match_id, [pattern], greedy="LONGEST")
            anchors.add(pattern)
            patterns.append(pattern)
        return cls(matcher, anchors, key, _memo_attrs(patterns))

    def __call__(self, span: Span) -> list[tuple[int, int, int]]:
        doc = span.doc
        if not self.anchors.complete:
            return list(self._match(doc, span.start, span.end))
        windows = self._windows(span)
        if not windows:
            return []
        if len(windows) == 1 and windows[0] == (span.start, span.end):
            return list(self._match(doc, span.start, span.end))
        found = list[tuple[int, int, int]]()
        for start, end in windows:
            found.extend((key, start - span.start + first, start - span.start + last)
                         for key, first, last in self._match(doc, start, end))
        return _in_matcher_order(found)

    def _match(self, doc: Doc, start: int, end: int) -> list[tuple[int, int, int]]:
        """What the matcher finds in tokens ``start:end`` (offsets relative to ``start``;
        do not change the list): remembered by the window's :attr:`attrs`, for this and the
        next documents (emptied past :data:`_MAX_WINDOWS` windows)."""
        if self.attrs is None:
            return list(self.matcher(doc[start:end]))
        columns = per_doc(doc, self._columns_key, self._columns)
        key = tuple(tuple(column[start:end]) for column in columns)
        found = self._memo.get(key)
        if found is None:
            if len(self._memo) > _MAX_WINDOWS:
                self._memo.clear()
            found = self._memo[key] = list(self.matcher(doc[start:end]))
        return found

    def _columns(self, doc: Doc) -> list[list[int]]:
        """The values of :attr:`attrs` for every token of ``doc``, one list per attribute."""
        return [doc.to_array(attr).tolist() for attr in self.attrs or ()]

    def _windows(self, span: Span) -> list[tuple[int, int]]:
        """Token ranges of ``span`` that hold every match it can have: around each anchor
        token, as far as the patterns it anchors reach (see :class:`Reach`,
        :meth:`Anchors.reach_at`); overlapping ones merged."""
        doc, first_token, end_token = span.doc, span.start, span.end
        hits = per_doc(doc, self._hits_key, self.anchors.hits)
        first = bisect_left(hits, first_token)
        if first == len(hits) or hits[first] >= end_token:
            return []  # most spans: no anchor at all
        p = parse_lists(doc)
        lowers, reach_at = p.lowers, self.anchors.reach_at
        around: list[tuple[int, int]] = []
        for k in range(first, len(hits)):
            hit = hits[k]
            if hit >= end_token:
                break
            left, right = reach_at(p.tokens[hit].text, p.lemmas[hit])
            around.append((_walk(lowers, hit, -1, first_token, left),
                           _walk(lowers, hit, 1, end_token - 1, right) + 1))
        around.sort()  # a later anchor can reach farther left than an earlier one
        windows: list[tuple[int, int]] = []
        for start, end in around:
            if windows and start < windows[-1][1]:
                windows[-1] = (windows[-1][0], max(end, windows[-1][1]))
            else:
                windows.append((start, end))
        return windows


def _memo_attrs(patterns: list[list[dict[str, Any]]]) -> list[int] | None:
    """The token attributes that decide what ``patterns`` match in a window: ORTH for every
    test the text decides (:data:`_LEXICAL`), plus each contextual one a pattern tests
    (:data:`_CONTEXTUAL`); None when a pattern tests anything else (an extension attribute,
    a sentence start), and matches are then not remembered."""
    attrs = {int(ORTH)}
    for pattern in patterns:
        for token in pattern:
            for name in (key.upper() for key in token):
                if name in _CONTEXTUAL:
                    attrs.add(int(_CONTEXTUAL[name]))
                elif name != "OP" and name not in _LEXICAL:
                    return None
    return sorted(attrs)


def _walk(lowers: list[str], hit: int, step: int, limit: int, reach: Reach) -> int:
    """The farthest token from ``hit`` (towards ``limit``, inclusive) a match can take in.

    Going token by token, one in ``reach.repeated`` is free and any other spends one of
    ``reach.fixed``: a match can never get farther, whichever tokens it takes as which.
    """
    if reach.unbounded:
        return limit
    position, budget = hit, reach.fixed
    while position != limit:
        if lowers[position + step] not in reach.repeated:
            if budget == 0:
                break
            budget -= 1
        position += step
    return position


def _in_matcher_order(found: list[tuple[int, int, int]]) -> list[tuple[int, int, int]]:
    """Matches in the order spaCy's greedy Matcher gives them: grouped by id in order of
    first appearance, longest first, then by start."""
    groups: dict[int, list[tuple[int, int, int]]] = {}
    for match in found:
        groups.setdefault(match[0], []).append(match)
    return [match for group in groups.values()
            for match in sorted(group, key=lambda m: (m[1] - m[2], m[1]))]
