"""Property-based tests: generated texts and records never break the extractor.

Whatever is thrown at it (news-like fragments mixed with bullets, quotes, numbers, unicode
and control characters; records whose fields have any JSON type), the extractor:

- raises nothing and reports no ``internal_error`` (the safety net is a last resort; a
  generated input that reaches it is a bug to fix);
- returns one document per record, in order, that round-trips through the contract model;
- gives every event and element a span inside the text that reads back its ``text``;
- numbers events ``<doc_id>#1..n``, unique.

Profiles (select with ``HYPOTHESIS_PROFILE``): ``ci`` (default, 100 examples per test, 200
in all) and ``long`` (10,000 per test; see docs/reliability.md for the command and the last
measured run).
"""

from __future__ import annotations

import json
import os
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from extractor import Document, Extractor
from extractor.extract import clean_surrogates

settings.register_profile(
    "ci", max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.register_profile(
    "long", max_examples=10_000, deadline=None, suppress_health_check=list(HealthCheck)
)
PROFILE = settings.get_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

EXTRACTOR = Extractor()


WORDS = [
    "Russian", "Ukrainian", "Israeli", "Hamas", "RSF", "army", "forces", "drone", "drones",
    "missile", "strike", "strikes", "attack", "shelling", "killed", "injured", "wounded",
    "missing", "detained", "displaced", "launched", "intercepted", "shot down", "said",
    "told", "reported", "according to", "officials", "governor", "the", "of", "in", "on",
    "near", "and", "at least", "more than", "about", "dozens", "hundreds", "two", "three",
    "people", "civilians", "soldiers", "children", "Kyiv", "Kharkiv", "Odesa", "Donetsk",
    "Gaza City", "Rafah", "Khan Younis", "El Fasher", "Khartoum", "Goma", "Sana'a",
    "Myanmar", "Sagaing", "Mali", "Bamako", "Ukraine's", "region", "oblast", "village",
    "Monday", "on Tuesday", "overnight", "yesterday", "last week", "July 2", "2 July",
    "2025-07-02", "day 1,224 of the war", "Telegram", "Reuters", "AP", "Al Jazeera",
    "President", "Volodymyr Zelensky", "Dmitry Peskov", "Oleh Syniehubov", "IDF", "UN",
]
NUMBERS = ["1", "12", "1,200", "3.5", "40 of 52", "10-15", "between 5 and 7", "1e9",
           "99999999999999999999", "0", "-3", "½", "\u0663\u0664", "twenty-one", "a dozen"]
MARKUP = ["\n- ", "\n* ", "\n\u2022 ", "\n1. ", "\n2) ", "\n\n", "\nFighting\n", "\nDiplomacy\n",
          "Here are the key events on day 1,224:\n", ": ", "; ", ", ", ". ", "! ", "? ", "...",
          "\u2014", " - ", "(", ")", "[", "]", "<p>", "</li>", "**", "# ", "> ", "|", "\t"]
QUOTES = ['"', "\u201c", "\u201d", "'", "\u2018", "\u2019", "\u00ab", "\u00bb"]
ODD = ["\x00", "\x1b[31m", "\x07", "\x0b", "\x0c", "\r", "\r\n", "\x85", "\u2028", "\u2029",
       "\u200b", "\u200d", "\u202e", "\u202c", "\ufeff", "\ufffd", "\ud800", "\udfff",
       "\U0001f6a8", "\u0301", "\u00a0", "\u3000", "\u0627\u0644\u062d\u0631\u0628", "\u6218\u4e89",
       "\u0412\u0456\u0439\u043d\u0430", "  ", "\n" * 5, " " * 40, "-" * 30, "'" * 20, "$" * 15]

fragments = st.one_of(
    st.sampled_from(WORDS), st.sampled_from(NUMBERS), st.sampled_from(MARKUP),
    st.sampled_from(QUOTES), st.sampled_from(ODD), st.text(max_size=12),
    st.integers(min_value=-10**6, max_value=10**12).map(str),
)


@st.composite
def texts(draw: st.DrawFn) -> str:
    parts = draw(st.lists(fragments, min_size=0, max_size=60))
    seps = draw(st.lists(st.sampled_from([" ", "", " ", "\n", ", "]), min_size=len(parts),
                         max_size=len(parts)))
    return "".join(p + s for p, s in zip(parts, seps, strict=True))


json_scalars = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True), st.text(max_size=20)
)
json_values = st.recursive(
    json_scalars, lambda inner: st.lists(inner, max_size=3) | st.dictionaries(
        st.text(max_size=5), inner, max_size=3), max_leaves=6,
)
published_values = st.one_of(
    st.none(), st.sampled_from([
        "2025-07-02", "2025-07-02T10:30:00Z", "2025-07-02T10:30:00+03:00", "not a date",
        "2025-02-30", "9999-12-31", "1900-01-01", "", "   ", "July 2, 2025", "0",
    ]), st.dates().map(lambda d: d.isoformat()), json_values,
)


@st.composite
def records(draw: st.DrawFn) -> dict[str, Any]:
    record: dict[str, Any] = {}
    if draw(st.booleans()):
        record["id"] = draw(st.one_of(st.text(max_size=15), st.integers(), json_values))
    record["text"] = draw(st.one_of(texts(), texts(), texts(), json_values))
    for field, values in (("published", published_values), ("title", json_values),
                          ("url", json_values)):
        if draw(st.booleans()):
            record[field] = draw(values)
    return record


def check_document(document: Document, text: str | None) -> None:
    """The contract holds for one output document of input ``text``."""
    assert Document.model_validate(json.loads(document.model_dump_json())) == document
    if document.error is not None:
        assert document.error.type != "internal_error", document.error.message
        assert not document.events
        return
    assert isinstance(text, str)
    text = clean_surrogates(text)
    ids = [event.id for event in document.events]
    assert ids == [f"{document.doc_id}#{n}" for n in range(1, len(ids) + 1)]
    for event in document.events:
        _check_span(text, event.span, event.text)
        for element in [*event.actors, *event.locations, *event.counts, *event.attributions]:
            _check_span(text, element.span, element.text)
        if event.date is not None and event.date.span is not None:
            _check_span(text, event.date.span, event.date.text)
        assert 0 <= event.confidence <= 1


def _check_span(text: str, span: tuple[int, int], words: str) -> None:
    start, end = span
    assert 0 <= start <= end <= len(text), (span, len(text))
    assert text[start:end] == words, (span, words)


@settings(PROFILE)
@given(text=texts(), published=published_values)
def test_any_text(text: str, published: Any) -> None:
    published = published if isinstance(published, str) else None
    document = EXTRACTOR.extract(text, published=published, doc_id="fuzz")
    check_document(document, text)
    if not text.strip():
        assert document.error is not None and document.error.type == "empty"


@settings(PROFILE)
@given(batch=st.lists(records(), min_size=1, max_size=6), batch_size=st.integers(1, 4))
def test_any_records(batch: list[dict[str, Any]], batch_size: int) -> None:
    documents = list(EXTRACTOR.extract_many(batch, batch_size=batch_size))
    assert len(documents) == len(batch)
    for record, document in zip(batch, documents, strict=True):
        text = record.get("text")
        check_document(document, text if isinstance(text, str) else None)
        if not isinstance(text, str):
            assert document.error is not None and document.error.type == "missing_text"
