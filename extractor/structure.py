"""Document structure: lines read as a title, bullets, headings, preambles or prose.

A pure, spaCy-free pass over the text. Its output, a list of :class:`Block`, drives both the
sentence-boundary component (every block starts a sentence) and the choice of event units.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from .resources import PatternModel, Regex, load_json

BlockKind = Literal["title", "bullet", "heading", "preamble", "prose"]
_TERMINAL = (".", "!", "?", "\u201d", '"', ":", ";", ",")


class _RegexRule(PatternModel):
    id: str
    regex: Regex


class StructureRules(PatternModel):
    """The contents of ``patterns/structure.json``."""

    description: str | None = None
    bullet_markers: list[_RegexRule]
    preambles: list[_RegexRule]
    heading_max_words: int = 6
    title_max_words: int = 25


@dataclass(frozen=True)
class Block:
    """One line of the document, classified, with the character range of its content."""

    kind: BlockKind
    start: int
    end: int
    rule: str | None = None


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
        return found

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
