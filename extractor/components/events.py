"""The event extraction component: reads units, runs every stage, stores events on the Doc."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from ..assemble import Stages, extract_events
from ..config import Settings
from ..dates import resolve_publication_date
from ..spans import forget_text, text_of
from ..structure import StructureReader


class EventExtractor:
    """Sets ``doc._.extractor_events`` (Event dicts), ``extractor_published`` and its rule."""

    def __init__(self, nlp: Language, settings: Settings):
        self.settings = settings
        self.reader = StructureReader.from_dir(settings.patterns_dir)
        self.stages = Stages.from_settings(nlp, settings)

    def __call__(self, doc: Doc) -> Doc:
        text = text_of(doc)
        publication = resolve_publication_date(
            text, doc._.extractor_record_published, doc._.extractor_fallback_published,
            patterns_dir=self.settings.patterns_dir,
        )
        published, rule = publication.value, publication.rule
        doc._.extractor_warnings = list(publication.warnings)
        doc._.extractor_published = published.isoformat() if published else None
        doc._.extractor_published_rule = rule
        blocks = self.reader.blocks(text)
        titles = [b for b in blocks if b.kind == "title"]
        doc._.extractor_title = text[titles[0].start : titles[0].end] if titles else None
        events = extract_events(
            doc, blocks, self.stages, doc._.extractor_doc_id, published,
            background_days=self.settings.background_days,
        )
        doc._.extractor_events = [event.model_dump(mode="json") for event in events]
        forget_text(doc)
        return doc
