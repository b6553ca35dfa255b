"""The library API: Extractor over nlp.pipe, and the component in a user's own pipeline."""

from __future__ import annotations

import spacy
from spacy.language import Language

from extractor import Document, Extractor
from extractor.config import DEFAULT_MODEL
from tests.helpers import assert_spans_read_back

TEXT = (
    "KYIV, July 2 (Reuters) - A Russian drone attack on the southern city of Odesa killed "
    "two people and wounded nine others overnight, Governor Oleh Kiper said on Wednesday.\n"
    "Ukraine's air force said it had shot down 40 of 52 drones launched by Russia.\n"
)


def test_extract_returns_a_validated_document() -> None:
    ex = Extractor()
    doc = ex.extract(TEXT, published="2025-07-02", doc_id="a1")
    assert isinstance(doc, Document)
    assert doc.doc_id == "a1" and doc.published == "2025-07-02" and doc.error is None
    assert [e.id for e in doc.events] == [f"a1#{n}" for n in range(1, len(doc.events) + 1)]
    assert doc.events, "a report of a strike yields at least one event"
    assert_spans_read_back(doc.model_dump(mode="json"), TEXT)
    assert Document.model_validate_json(doc.model_dump_json()) == doc


def test_extract_many_keeps_order_and_reports_bad_records() -> None:
    ex = Extractor()
    records = [{"id": "x", "text": TEXT}, {"id": "y"}, {"id": "z", "text": ""},
               {"id": "w", "text": TEXT, "published": "2025-06-30"}]
    docs = list(ex.extract_many(records, published="2025-07-02", batch_size=2))
    assert [d.doc_id for d in docs] == ["x", "y", "z", "w"]
    assert [d.error.type if d.error else None for d in docs] == [None, "missing_text", "empty", None]
    assert docs[0].published == "2025-07-02" and docs[3].published == "2025-06-30"


def test_component_can_be_added_to_a_users_pipeline() -> None:
    import extractor.components  # noqa: F401  registers the factories

    nlp: Language = spacy.load(DEFAULT_MODEL)
    nlp.add_pipe("extractor_segmenter", before="parser")
    nlp.add_pipe("extractor_events")
    doc = nlp("- Israeli strikes killed 12 people in Gaza City on Tuesday, medics said.\n")
    events = doc._.extractor_events
    assert isinstance(events, list) and len(events) == 1
    assert events[0]["text"].startswith("Israeli strikes")
    assert spacy.util.get_lang_class("en").has_factory("extractor_events")


def test_a_war_day_counter_that_contradicts_the_date_is_flagged() -> None:
    text = "Here are the key events on day 1,000 of Russia's war on Ukraine.\n- Russia launched 52 drones.\n"
    doc = Extractor().extract(text, published="2025-07-02", doc_id="w")
    assert doc.published == "2025-07-02" and doc.published_rule == "record"
    assert any("1,000" in w or "counter" in w for w in doc.warnings), doc.warnings
    clean = Extractor().extract(text.replace("1,000", "1,224"), published="2025-07-02")
    assert clean.warnings == []
