"""Sentence boundaries from document structure: every bullet, heading and line starts one.

Runs before the parser, which keeps the boundaries set here and adds its own inside lines.
"""

from __future__ import annotations

from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc

from ..resources import default_patterns_dir
from ..structure import StructureReader


class StructureSegmenter:
    """Marks the first token of every block as a sentence start."""

    def __init__(self, reader: StructureReader):
        self.reader = reader

    def __call__(self, doc: Doc) -> Doc:
        starts = {block.start for block in self.reader.blocks(doc.text)}
        after_line_break = False
        for token in doc:
            if after_line_break or token.idx in starts:
                token.is_sent_start = True
            after_line_break = token.is_space and "\n" in token.text
        return doc


def make_segmenter(nlp: Language, name: str, *, patterns_dir: str | None) -> StructureSegmenter:
    """Factory for ``extractor_segmenter``."""
    folder = Path(patterns_dir) if patterns_dir else default_patterns_dir()
    return StructureSegmenter(StructureReader.from_dir(folder))
