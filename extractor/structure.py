"""Document structure: lines read as a title, bullets, headings, preambles or prose.

A pure, spaCy-free pass over the text. Its output, a list of :class:`Block`, drives both the
sentence-boundary component (every block starts a sentence) and the choice of event units.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from .resources import PatternModel, Regex, load_json

BlockKind = Literal["title", "bullet", "heading", "headline", "preamble", "prose"]
_TERMINAL = (".", "!", "?", "\u201d", '"', ":", ";", ",")
#: A line ending with one of these (or a closing bracket or quote) is a sentence, not a headline.
_CLOSING = (*_TERMINAL, "\u2026", ")", "]", "'", "\u2019")
_QUOTES = ("\u201c", '"', "'", "\u2018")


class _RegexRule(PatternModel):
    id: str
    regex: Regex


class HappeningRules(PatternModel):
    """How a bullet reporting more than one happening is cut into events (``happenings``)."""

    description: str | None = None
    clause_joints: list[_RegexRule] = []
    separators: list[_RegexRule] = []
    back_references: list[_RegexRule] = []
    not_happenings: list[_RegexRule] = []
    outcomes: dict[str, list[str]] = {}


class StructureRules(PatternModel):
    """The contents of ``patterns/structure.json``."""

    description: str | None = None
    bullet_markers: list[_RegexRule]
    preambles: list[_RegexRule]
    heading_max_words: int = 6
    title_max_words: int = 25
    happenings: HappeningRules = HappeningRules()


@dataclass(frozen=True)
class Block:
    """One line of the document, classified, with the character range of its content."""

    kind: BlockKind
    start: int
    end: int
    rule: str | None = None


@dataclass(frozen=True)
class HappeningCues:
    """The compiled ``happenings`` rules: the words that cut a bullet into happenings.

    ``joints`` find the boundary between two clauses; ``separators`` open a piece that
    reports a separate happening ("Separately, ..."); ``back_references`` open one that
    goes on about the previous happening ("The attack also ...", "Of these, ...");
    ``not_happenings`` are found in pieces that report none ("did not respond to a request
    for comment"); ``outcomes`` maps a type to the types it can be the outcome of (an
    interception of a strike's drones, arrests at a protest).
    """

    joints: tuple[re.Pattern[str], ...] = ()
    separators: tuple[re.Pattern[str], ...] = ()
    back_references: tuple[re.Pattern[str], ...] = ()
    not_happenings: tuple[re.Pattern[str], ...] = ()
    outcomes: dict[str, tuple[str, ...]] = field(default_factory=dict)

    @classmethod
    def from_rules(cls, rules: HappeningRules) -> HappeningCues:
        """Compile ``rules`` (case-insensitive)."""
        def compiled(items: list[_RegexRule]) -> tuple[re.Pattern[str], ...]:
            return tuple(re.compile(r.regex, re.IGNORECASE) for r in items)

        return cls(
            joints=compiled(rules.clause_joints),
            separators=compiled(rules.separators),
            back_references=compiled(rules.back_references),
            not_happenings=compiled(rules.not_happenings),
            outcomes={key: tuple(value) for key, value in rules.outcomes.items()},
        )

    @classmethod
    def from_dir(cls, patterns_dir: Path) -> HappeningCues:
        """Load the rules from ``patterns_dir/structure.json``."""
        return cls.from_rules(load_json(patterns_dir / "structure.json", StructureRules).happenings)

    def opens_separate(self, text: str) -> bool:
        """True when ``text`` opens with a connective of separation ("Meanwhile, ...")."""
        return any(pattern.match(text) for pattern in self.separators)

    def refers_back(self, text: str) -> bool:
        """True when ``text`` opens by referring back to a happening ("The strike also ...")."""
        return any(pattern.match(text) for pattern in self.back_references)

    def reports_nothing(self, text: str) -> bool:
        """True when ``text`` says that nothing happened or was said ("did not comment")."""
        return any(pattern.search(text) for pattern in self.not_happenings)

    def is_outcome(self, type_id: str, of_type: str) -> bool:
        """True when a ``type_id`` happening can be the outcome of an ``of_type`` one."""
        return of_type in self.outcomes.get(type_id, ())


class StructureReader:
    """Splits a text into blocks according to ``patterns/structure.json``."""

    def __init__(self, rules: StructureRules):
        self._bullets = [(r.id, re.compile(r.regex)) for r in rules.bullet_markers]
        self._preambles = [(r.id, re.compile(r.regex, re.IGNORECASE)) for r in rules.preambles]
        self._heading_max_words = rules.heading_max_words
        self._title_max_words = rules.title_max_words

    @classmethod
    def from_dir(cls, patterns_dir: Path) -> StructureReader:
        """Load the rules from ``patterns_dir/structure.json``."""
        return cls(load_json(patterns_dir / "structure.json", StructureRules))

    def blocks(self, text: str) -> list[Block]:
        """Classify every non-blank line of ``text``, in order.

        The first line is the ``title`` when it reads as a headline: not a bullet or
        preamble, no closing full stop, at most ``title_max_words`` words, and followed by
        a blank line or by prose (a short line followed by bullets is a heading).
        """
        found: list[Block] = []
        offset = 0
        blank_after_first = False
        for line in text.splitlines(keepends=True):
            block = self._classify(line, offset)
            if block is not None:
                found.append(block)
            elif len(found) == 1:
                blank_after_first = True
            offset += len(line)
        if found and self._is_title(text, found, blank_after_first):
            found[0] = Block("title", found[0].start, found[0].end, "title_first_line")
        return [self._as_headline(text, block, found[number + 1 : number + 3])
                for number, block in enumerate(found)]

    def _as_headline(self, text: str, block: Block, after: list[Block]) -> Block:
        """``block`` as a ``headline`` when it is a prose line that reads as the headline of
        the entry below it (a live-blog or news-feed entry, a press release): no closing
        punctuation, at most ``title_max_words`` words, and followed by a prose line or a
        bullet that starts with a capital, a digit or a quotation mark (a hard-wrapped
        sentence goes on in lower case) and ends with closing punctuation, or by a short
        line (a date, a timestamp) and then such a line. In a list of unpunctuated lines
        none is a headline."""
        if block.kind != "prose" or not after or after[0].kind not in ("prose", "bullet"):
            return block
        body, following = text[block.start : block.end], text[after[0].start : after[0].end]
        if body.endswith(_CLOSING) or len(body.split()) > self._title_max_words:
            return block
        if not (following[:1].isupper() or following[:1].isdigit() or following[:1] in _QUOTES):
            return block
        if following.endswith(_CLOSING):
            return Block("headline", block.start, block.end, "headline_unpunctuated")
        if len(following.split()) <= self._heading_max_words and len(after) > 1:
            entry = text[after[1].start : after[1].end]
            if after[1].kind in ("prose", "bullet") and entry.endswith(_CLOSING):
                return Block("headline", block.start, block.end, "headline_unpunctuated")
        return block

    def _is_title(self, text: str, blocks: list[Block], blank_after: bool) -> bool:
        first = blocks[0]
        body = text[first.start : first.end]
        if first.kind not in ("heading", "prose") or len(blocks) < 2:
            return False
        if body.endswith((".", ":", ";", ",")) or len(body.split()) > self._title_max_words:
            return False
        return blocks[1].kind != "bullet" and (blank_after or blocks[1].kind == "prose")

    def _classify(self, line: str, offset: int) -> Block | None:
        content = line.rstrip()
        lead = len(content) - len(content.lstrip())
        body = content.strip()
        if not body:
            return None
        for rule_id, pattern in self._bullets:
            marker = pattern.match(content)
            if marker and marker.end() < len(content):
                return Block("bullet", offset + marker.end(), offset + len(content), rule_id)
        start, end = offset + lead, offset + len(content)
        for rule_id, pattern in self._preambles:
            if pattern.search(body):
                return Block("preamble", start, end, rule_id)
        if self._is_heading(body):
            return Block("heading", start, end, "heading_short_line")
        return Block("prose", start, end)

    def _is_heading(self, body: str) -> bool:
        words = body.split()
        return (
            len(words) <= self._heading_max_words
            and not body.endswith(_TERMINAL)
            and body[0].isupper()
            and not any(ch.isdigit() for ch in body)
        )


_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?"
#: A wire dateline opening a unit: "MOSCOW, Aug 5 (Reuters) - ", "DEIR AL-BALAH, Gaza Strip (AP)
#: — ", "BAMAKO, June 3 - ", "May 13 (AP) — ". The city is in capitals; an agency alone will do.
_DATELINE = re.compile(
    r"^\s{0,3}(?:(?P<city>[A-Z][A-Z .'\-/]{1,40}[A-Z])"
    r"(?:,\s{1,2}[A-Z][\w.'\-]{0,30}(?: [A-Z][\w.'\-]{0,30}){0,3})?)?"
    r"(?P<date>,?\s{0,2}(?:" + _MONTH + r"\s{1,2}\d{1,2}(?:,\s{1,2}\d{4})?"
    r"|\d{1,2}\s{1,2}" + _MONTH + r"(?:,?\s{1,2}\d{4})?))?"
    r"\s{0,2}(?:\((?P<agency>[A-Za-z][A-Za-z .]{1,20})\))?\s{0,2}[-–—]\s"
)


def dateline_length(text: str) -> int:
    """Characters of the wire dateline ``text`` opens with (a city with a date, or an
    agency), 0 when it opens with none."""
    match = _DATELINE.match(text)
    if match is None or not (match.group("agency") or (match.group("city") and match.group("date"))):
        return 0
    return match.end()
