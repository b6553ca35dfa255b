"""A token Matcher that runs only on spans that can hold a match.

spaCy's ``Matcher`` tries every pattern at every token and evaluates its set and regex
predicates in Python, so a unit without a single month name still costs the full
state machine. Each pattern has a required token that is rare in text (a month, a weekday,
"ago", a year-shaped number); when no token of a span can satisfy any pattern's anchor,
no pattern can match there and the matcher is skipped. Anchors are read from the patterns
themselves, so a new pattern is anchored without code changes; a pattern without a
usable anchor turns the shortcut off rather than losing matches.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from spacy.attrs import LEMMA, LOWER, ORTH
from spacy.lang.en.stop_words import STOP_WORDS
from spacy.matcher import Matcher
from spacy.tokens import Doc, Span

from .spans import per_doc

_TEXT_KEYS = ("LOWER", "ORTH", "TEXT")
_OPTIONAL = {"?", "*"}
#: A regex anchor ("^(19|20)[0-9]{2}$") is taken over a word set with two or more stop
#: words ("in", "during") but not over one with a single one ("May" among the months).
_REGEX_COST = 1.5
#: How anchor words are compared: lemmas exactly, title-case words in title case.
_FOLDS: dict[str, Callable[[str], str]] = {"lemma": str, "title": str.capitalize}


@dataclass
class Anchors:
    """Words and lemmas (lower case) and regexes one of which every pattern needs somewhere."""

    words: set[str] = field(default_factory=set)
    titles: set[str] = field(default_factory=set)  # exact forms: the token must be title-case
    lemmas: set[str] = field(default_factory=set)
    regexes: list[re.Pattern[str]] = field(default_factory=list)
    complete: bool = True  # False: some pattern has no anchor, so every span is matched

    def add(self, pattern: list[dict[str, Any]]) -> None:
        """Add the most selective required token of ``pattern`` as its anchor."""
        anchor = _best_anchor(pattern)
        if anchor is None:
            self.complete = False
        elif anchor[0] == "regex":
            self.regexes.append(re.compile(anchor[1]))  # type: ignore[arg-type]
        elif anchor[0] == "lemma":  # the LEMMA predicate is case-sensitive
            self.lemmas |= anchor[1]  # type: ignore[arg-type]
        elif anchor[0] == "title":
            self.titles |= anchor[1]  # type: ignore[arg-type]
        else:
            self.words |= anchor[1]  # type: ignore[arg-type]

    def hits(self, doc: Doc) -> list[int]:
        """Indexes of the tokens of ``doc`` that satisfy some anchor, in order.

        Compared as hashes over the document's attribute arrays; a regex is run once per
        distinct token text, not once per token.
        """
        strings = doc.vocab.strings
        lowers, lemmas, orths = doc.to_array([LOWER, LEMMA, ORTH]).T
        mask = np.isin(lowers, [strings.add(word) for word in self.words])
        if self.titles:  # "May" the month, not "may" the verb
            mask |= np.isin(orths, [strings.add(title) for title in self.titles])
        if self.lemmas:
            mask |= np.isin(lemmas, [strings.add(lemma) for lemma in self.lemmas])
        if self.regexes:
            shapes = [key for key in np.unique(orths).tolist()
                      if any(regex.search(strings[key]) for regex in self.regexes)]
            mask |= np.isin(orths, shapes)
        return np.flatnonzero(mask).tolist()


def _best_anchor(pattern: list[dict[str, Any]]) -> tuple[str, set[str] | str] | None:
    """("words" | "title" | "lemma", set) or ("regex", source) for the rarest required token.

    Cost: the stop words and punctuation marks in a set (:func:`_cost`; ties: the smaller
    set), a regex :data:`_REGEX_COST`; tokens constrained otherwise (shape, part of speech)
    are no anchor; None when no token qualifies. Words are lower-cased, except lemmas (the
    LEMMA predicate is exact) and words that must be title-case ("May" of the months).
    """
    best: tuple[float, int, tuple[str, set[str] | str]] | None = None
    for token in pattern:
        if token.get("OP") in _OPTIONAL:
            continue
        for key, value in token.items():
            candidate: tuple[float, int, tuple[str, set[str] | str]] | None = None
            kind = "lemma" if key == "LEMMA" else "title" if token.get("IS_TITLE") is True else "words"
            if key not in _TEXT_KEYS and key != "LEMMA":
                continue
            fold = _FOLDS.get(kind, str.lower)
            if isinstance(value, str):
                candidate = (_cost(value.lower()), 1, (kind, {fold(value)}))
            elif isinstance(value, dict) and isinstance(value.get("IN"), list):
                words = {fold(str(word)) for word in value["IN"]}
                candidate = (sum(_cost(w.lower()) for w in words), len(words), (kind, words))
            elif isinstance(value, dict) and isinstance(value.get("REGEX"), str) and key in ("ORTH", "TEXT"):
                candidate = (_REGEX_COST, 0, ("regex", value["REGEX"]))
            if candidate is not None and (best is None or candidate[:2] < best[:2]):
                best = candidate
    return best[2] if best else None


def _cost(word: str) -> float:
    """Stop words cost 1, punctuation marks 2 (a dash is commoner than any year)."""
    return 2.0 if not any(char.isalnum() for char in word) else float(word in STOP_WORDS)


class AnchoredMatcher:
    """A spaCy ``Matcher`` plus the anchors of its patterns; call it on a span.

    Returns exactly what ``Matcher(span)`` returns (offsets relative to the span).
    """

    def __init__(self, matcher: Matcher, anchors: Anchors, key: str):
        self.matcher = matcher
        self.anchors = anchors
        self.key = key  # per-document cache name: one per matcher

    @classmethod
    def build(
        cls, vocab: Any, entries: Iterable[tuple[str, list[dict[str, Any]]]], key: str
    ) -> AnchoredMatcher:
        """A validated matcher over ``(id, pattern)`` pairs, longest match per id."""
        matcher = Matcher(vocab, validate=True)
        anchors = Anchors()
        for match_id, pattern in entries:
            matcher.add(match_id, [pattern], greedy="LONGEST")
            anchors.add(pattern)
        return cls(matcher, anchors, key)

    def __call__(self, span: Span) -> list[tuple[int, int, int]]:
        if self.anchors.complete and not self._anchored(span):
            return []
        return list(self.matcher(span))

    def _anchored(self, span: Span) -> bool:
        hits = per_doc(span.doc, f"anchors.{self.key}", self.anchors.hits)
        first = bisect_left(hits, span.start)
        return first < len(hits) and hits[first] < span.end
