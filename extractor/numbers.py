"""Numbers and quantities: "1,500", "thirty-five", "at least 12", "between 10 and 15", "dozens".

A pure resolver (no spaCy): it reads lower-cased words and returns a :class:`Quantity` with the
best single figure, its bounds and whether it is approximate. Number words are parsed by the
maintained ``text2num`` package; hedges, vague quantities and range words are data in
``patterns/counts/`` (``hedges.jsonl``, ``vague.jsonl``, ``number_grammar.json``).

Conventions (documented in ``docs/counts.md``):

* a hedge with ``bound: "min"`` ("at least 3", "more than 40") gives ``min = value``; one with
  ``bound: "max"`` ("up to 30", "nearly 50") gives ``max = value``;
* a range ("between 10 and 15", "10-15", "10 to 15", "two or three") gives ``value = min`` (the
  conservative figure), ``min``/``max`` the two ends, ``approximate = True``;
* vague plurals follow ACLED: "dozens" = 12, "hundreds" = 100, "thousands" = 1000, approximate.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path
from typing import Literal

from text_to_num import text2num

from .resources import PatternModel, default_patterns_dir, load_json, load_jsonl

QuantityKind = Literal["number", "range", "vague", "article"]

_DIGITS = re.compile(r"\d{1,3}(?:,\d{3})+|\d+")
_DECIMAL = re.compile(r"(?<!\d)\d+\.\d+")  # lookbehind: linear on long digit runs
_SPLIT = re.compile(r"\s+|([\-\u2013\u2014])")
_TRIM = ".,;:!?()[]\"'\u2018\u2019\u201c\u201d"


# --- pattern-file records -------------------------------------------------------------------


class HedgeRule(PatternModel):
    """A hedge before a figure ("at least", "nearly") and how it bounds the figure."""

    id: str
    pattern: str
    bound: Literal["min", "max"] | None = None
    approximate: bool = False


class VagueRule(PatternModel):
    """A vague or idiomatic quantity ("dozens", "a couple", "both", "a")."""

    id: str
    pattern: str
    value: int
    min: int | None = None
    max: int | None = None
    approximate: bool = True
    enabled: bool = True
    requires_predicate: bool = False
    scale: bool = False
    adverbial: bool = False
    article: bool = False


class NumberGrammar(PatternModel):
    """Words that join numbers into ranges and compounds."""

    description: str = ""
    range_joiners: list[str]
    range_frames: list[tuple[str, str]]
    compound_joiners: list[str]
    article_before_scale: list[str]
    scale_words: list[str]


# --- result ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Quantity:
    """A parsed figure.

    Attributes:
        value: the best single figure.
        min: lower bound, or None.
        max: upper bound, or None.
        approximate: the figure is not exact ("about", ranges, vague quantities).
        kind: "number", "range", "vague" or "article".
        rule: id of the hedge or vague rule that shaped it, else None.
        start: index of the first word of the phrase in the words given.
        end: index one past its last word.
        requires_predicate: only a count when a count predicate governs it ("both", "a").
        adverbial: a frequency adverb ("twice").
        hedge: id of the hedge, if any.
        core_start: index of the first word after the hedge, when there is a hedge.
    """

    value: int
    min: int | None = None
    max: int | None = None
    approximate: bool = False
    kind: QuantityKind = "number"
    rule: str | None = None
    start: int = 0
    end: int = 0
    requires_predicate: bool = False
    adverbial: bool = False
    hedge: str | None = None
    core_start: int | None = None

    @property
    def number_start(self) -> int:
        """Index of the first word after the hedge (the figure itself)."""
        return self.start if self.core_start is None else self.core_start


# --- vocabulary -----------------------------------------------------------------------------


class NumberVocabulary:
    """Hedges, vague quantities and range grammar, indexed by their word sequences."""

    def __init__(
        self, hedges: Sequence[HedgeRule], vague: Sequence[VagueRule], grammar: NumberGrammar
    ) -> None:
        self.hedges: dict[tuple[str, ...], HedgeRule] = {
            tuple(split_words(h.pattern)): h for h in hedges
        }
        self.vague: dict[tuple[str, ...], VagueRule] = {
            tuple(split_words(v.pattern)): v for v in vague if v.enabled and not v.scale
        }
        self.scales: dict[str, VagueRule] = {
            v.pattern: v for v in vague if v.enabled and v.scale
        }
        self.grammar = grammar
        self.range_joiners = frozenset(grammar.range_joiners)
        self.range_frames = {a: b for a, b in grammar.range_frames}
        self.compound_joiners = frozenset(grammar.compound_joiners)
        self.articles = frozenset(grammar.article_before_scale)
        self.scale_words = frozenset(grammar.scale_words)
        self._max_hedge = max((len(k) for k in self.hedges), default=0)
        self._max_vague = max((len(k) for k in self.vague), default=0)
        # Plural scale words ("hundreds") are vague quantities, never plain numbers.
        self._vague_words = frozenset(k[0] for k in self.vague if len(k) == 1)
        # first words, so a word that starts no hedge or vague quantity is dismissed at once
        self._hedge_starts = frozenset(k[0] for k in self.hedges)
        self._vague_starts = frozenset(k[0] for k in self.vague)
        self._second_words = self._openers()

    def _openers(self) -> dict[str, frozenset[str]]:
        """Words that open only hedges and vague quantities of two words or more ("in" of
        "in excess of"), with the second words those can have; a word that is also a phrase
        of its own, a range frame, an article, a number or a digit is none."""
        seconds: dict[str, set[str]] = {}
        alone: set[str] = set()
        for key in [*self.hedges, *self.vague]:
            if len(key) == 1:
                alone.add(key[0])
            else:
                seconds.setdefault(key[0], set()).add(key[1])
        return {
            word: frozenset(after) for word, after in seconds.items()
            if word not in alone and word not in self.range_frames and word not in self.articles
            and not word[:1].isdigit() and not self.is_number_word(word)
        }

    def may_start_at(self, words: Sequence[str], i: int) -> bool:
        """False when :func:`match_quantity` at ``words[i]`` (or at ``i`` of any run of words
        ``words`` begins) finds nothing for sure: the word opens only phrases of several words
        and the next word continues none of them ("in Kyiv"; "in excess of" may)."""
        after = self._second_words.get(words[i])
        return after is None or (i + 1 < len(words) and words[i + 1] in after)

    @classmethod
    def load(cls, patterns_dir: Path | None = None) -> NumberVocabulary:
        """Load and validate the vocabulary from ``patterns/counts/``.

        Raises:
            PatternFileError: a file is missing or invalid.
        """
        base = (patterns_dir or default_patterns_dir()) / "counts"
        return cls(
            load_jsonl(base / "hedges.jsonl", HedgeRule),
            load_jsonl(base / "vague.jsonl", VagueRule),
            load_json(base / "number_grammar.json", NumberGrammar),
        )

    def hedge_at(self, words: Sequence[str], i: int) -> tuple[int, HedgeRule] | None:
        """The longest hedge starting at ``words[i]``, as (end index, rule)."""
        if i >= len(words) or words[i] not in self._hedge_starts:
            return None
        for size in range(min(self._max_hedge, len(words) - i), 0, -1):
            rule = self.hedges.get(tuple(words[i : i + size]))
            if rule is not None:
                return i + size, rule
        return None

    def vague_at(self, words: Sequence[str], i: int) -> tuple[int, VagueRule] | None:
        """The longest vague quantity starting at ``words[i]``, as (end index, rule)."""
        if i >= len(words) or words[i] not in self._vague_starts:
            return None
        for size in range(min(self._max_vague, len(words) - i), 0, -1):
            rule = self.vague.get(tuple(words[i : i + size]))
            if rule is not None:
                return i + size, rule
        return None

    def is_number_word(self, word: str) -> bool:
        """True for a word text2num reads on its own ("five", "hundred"), not "hundreds"."""
        return word not in self._vague_words and _word_value(word) is not None


@lru_cache(maxsize=1)
def default_vocabulary() -> NumberVocabulary:
    """The vocabulary in the default ``patterns/`` folder, loaded once."""
    return NumberVocabulary.load()


# --- words ----------------------------------------------------------------------------------


def split_words(text: str) -> list[str]:
    """Lower-case words of ``text``; hyphens and dashes become words of their own.

    "Thirty-five" -> ["thirty", "-", "five"]; "10-15" -> ["10", "-", "15"]; "1,500," -> ["1,500"].
    """
    words = []
    for part in _SPLIT.split(text.lower()):
        if not part:
            continue
        stripped = part if part in "-\u2013\u2014" else part.strip(_TRIM)
        if stripped:
            words.append(stripped)
    return words


@lru_cache(maxsize=4096)
def _word_value(word: str) -> int | None:
    if not word.isalpha():
        return None
    try:
        return int(text2num(word, "en"))
    except ValueError:
        return None


@lru_cache(maxsize=4096)
def _digit_reading(word: str) -> tuple[bool, int] | None:
    """(decimal, value) of a word of digits ("1,500" -> (False, 1500), "2.5" -> (True, 0): a
    decimal's value needs its scale), or None (memoised: news repeats its figures)."""
    if _DECIMAL.fullmatch(word):
        return True, 0
    value = _digits_value(word)
    return None if value is None else (False, value)


def _digits_value(word: str) -> int | None:
    if _DIGITS.fullmatch(word):
        return int(word.replace(",", ""))
    return None


# --- parsing --------------------------------------------------------------------------------


def number_at(
    words: Sequence[str], i: int, vocab: NumberVocabulary | None = None
) -> tuple[int, int] | None:
    """Parse one plain number starting at ``words[i]``.

    Handles digits ("35", "1,500"), digits with a scale ("1.5 million", "40 thousand"),
    number words and compounds via text2num ("thirty - five", "two hundred and twelve"),
    "a hundred", and "two dozen" (a scale from ``vague.jsonl``).

    Returns:
        (end index, value), or None when no number starts at ``i``.
    """
    vocab = vocab or default_vocabulary()
    n = len(words)
    if i >= n:
        return None
    word = words[i]
    value: int | None
    reading = _digit_reading(word) if word[:1].isdigit() else None
    if reading is not None:
        decimal, value = reading
        j = i + 1
        scale = _word_value(words[j]) if j < n and words[j] in vocab.scale_words else None
        if decimal:
            if scale is None:
                return None  # "5.8 magnitude", "2.5 tonnes": a measure, not a count
            return j + 1, round(float(word) * scale)
        if scale is not None:
            return j + 1, value * scale
        return _apply_scale(words, j, value, vocab)
    if word in vocab.articles and i + 1 < n and words[i + 1] in vocab.scale_words:
        parsed = _words_number(["one", *words[i + 1 :]], vocab)
        if parsed is not None:
            return i + parsed[0], parsed[1]
    if not vocab.is_number_word(word):
        return None
    parsed = _words_number(words[i:], vocab)
    if parsed is None:
        return None
    return _apply_scale(words, i + parsed[0], parsed[1], vocab)


def _apply_scale(
    words: Sequence[str], j: int, value: int, vocab: NumberVocabulary
) -> tuple[int, int]:
    if j < len(words) and words[j] in vocab.scales:
        return j + 1, value * vocab.scales[words[j]].value
    return j, value


def _words_number(words: Sequence[str], vocab: NumberVocabulary) -> tuple[int, int] | None:
    """Longest run of number words at the start of ``words`` that text2num reads."""
    run: list[str] = []
    for k, word in enumerate(words):
        if vocab.is_number_word(word):
            run.append(word)
            continue
        if (
            word in vocab.compound_joiners
            and run
            and k + 1 < len(words)
            and vocab.is_number_word(words[k + 1])
        ):
            run.append(word)
            continue
        break
    for size in range(len(run), 0, -1):
        if run[size - 1] in vocab.compound_joiners:
            continue
        value = _text_value(" ".join(w for w in run[:size] if w != "-"))
        if value is not None:
            return size, value
    return None


@lru_cache(maxsize=4096)
def _text_value(text: str) -> int | None:
    """text2num's reading of a run of number words, or None (memoised: news repeats them)."""
    try:
        return int(text2num(text, "en"))
    except ValueError:
        return None


def match_quantity(
    words: Sequence[str], i: int, vocab: NumberVocabulary | None = None
) -> Quantity | None:
    """The longest quantity phrase starting at ``words[i]``: hedge? (range | vague | number).

    Args:
        words: lower-cased words (see :func:`split_words`).
        i: where the phrase must start.
        vocab: the vocabulary; the default ``patterns/`` one if None.

    Returns:
        The quantity, with ``start``/``end`` word indices, or None.
    """
    vocab = vocab or default_vocabulary()
    hedge_match = vocab.hedge_at(words, i)
    if hedge_match is not None:
        core = _core_at(words, hedge_match[0], vocab)
        if core is not None:
            return _hedged(core, hedge_match[1], i)
    return _core_at(words, i, vocab)


def _hedged(core: Quantity, hedge: HedgeRule, start: int) -> Quantity:
    low, high = core.min, core.max
    if hedge.bound == "min" and core.kind != "range":
        low = core.value if low is None else low
    elif hedge.bound == "max":
        high = core.max if core.kind == "range" else core.value
    return replace(
        core,
        min=low,
        max=high,
        approximate=core.approximate or hedge.approximate,
        start=start,
        core_start=core.start,
        hedge=hedge.id,
        rule=core.rule or hedge.id,
    )


def _core_at(words: Sequence[str], i: int, vocab: NumberVocabulary) -> Quantity | None:
    n = len(words)
    if i >= n:
        return None
    # "between 10 and 15", "from 10 to 15"
    closer = vocab.range_frames.get(words[i])
    if closer is not None:
        first = number_at(words, i + 1, vocab)
        if first is not None and first[0] < n and words[first[0]] == closer:
            second = number_at(words, first[0] + 1, vocab)
            if second is not None and second[1] > first[1]:
                return Quantity(
                    value=first[1], min=first[1], max=second[1], approximate=True,
                    kind="range", rule=f"range_{words[i]}", start=i, end=second[0],
                )
    vague = vocab.vague_at(words, i)
    number = number_at(words, i, vocab)
    if vague is not None and (number is None or vague[0] > number[0]):
        end, rule = vague
        return Quantity(
            value=rule.value, min=rule.min, max=rule.max, approximate=rule.approximate,
            kind="article" if rule.article else "vague", rule=rule.id, start=i, end=end,
            requires_predicate=rule.requires_predicate, adverbial=rule.adverbial,
        )
    if number is None:
        return None
    end, value = number
    # "10-15", "10 to 15", "two or three"
    if end + 1 < n and words[end] in vocab.range_joiners:
        second = number_at(words, end + 1, vocab)
        if second is not None and second[1] > value:
            return Quantity(
                value=value, min=value, max=second[1], approximate=True, kind="range",
                rule="range_joined", start=i, end=second[0],
            )
    return Quantity(value=value, start=i, end=end)


def parse_number(text: str, vocab: NumberVocabulary | None = None) -> int | None:
    """Parse a plain number: "1,500" -> 1500, "thirty-five" -> 35, "1.5 million" -> 1500000.

    Returns:
        The value, or None if ``text`` is not exactly one number.
    """
    words = split_words(text)
    parsed = number_at(words, 0, vocab) if words else None
    if parsed is None or parsed[0] != len(words):
        return None
    return parsed[1]


def parse_quantity(text: str, vocab: NumberVocabulary | None = None) -> Quantity | None:
    """Parse a whole quantity phrase: "at least 35", "between 10 and 15", "dozens", "a dozen".

    Returns:
        The quantity, or None if ``text`` is not exactly one quantity phrase.
    """
    words = split_words(text)
    quantity = match_quantity(words, 0, vocab) if words else None
    if quantity is None or quantity.end != len(words):
        return None
    return quantity
