"""Our spaCy components, all registered here with ``@Language.factory``.

Importing this module registers the factories ``extractor_segmenter`` and
``extractor_events`` and declares the ``doc._.extractor_*`` extensions; nothing heavy runs.
"""

from __future__ import annotations

from typing import Any

from spacy.language import Language

from ..config import Settings
from .events import EventExtractor
from .extensions import register_extensions
from .segmenter import StructureSegmenter, make_segmenter

register_extensions()


@Language.factory("extractor_segmenter", default_config={"patterns_dir": None})
def create_segmenter(nlp: Language, name: str, patterns_dir: str | None) -> StructureSegmenter:
    """Sentence starts at bullets, headings and line breaks (place before the parser)."""
    return make_segmenter(nlp, name, patterns_dir=patterns_dir)


@Language.factory("extractor_events", default_config={"settings": {}})
def create_event_extractor(nlp: Language, name: str, settings: dict[str, Any]) -> EventExtractor:
    """Events with actors, locations, counts, attributions and dates (place last).

    ``settings`` holds any :class:`extractor.config.Settings` fields to override
    (``patterns_dir``, thresholds); unknown keys are errors.
    """
    return EventExtractor(nlp, Settings(**settings))
