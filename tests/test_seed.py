"""The seed bulletin end to end: the figures, places and sources a user checks first."""

from __future__ import annotations

from pathlib import Path

import pytest

from extractor import Document, Extractor
from extractor.models import Event
from tests.helpers import assert_spans_read_back

SEED = Path(__file__).resolve().parents[1] / "samples" / "seed_key_events_2025-07-02.txt"


@pytest.fixture(scope="module")
def seed() -> Document:
    text = SEED.read_text(encoding="utf-8")
    return Extractor().extract(text, doc_id=SEED.name)


def _event(doc: Document, words: str) -> Event:
    [event] = [e for e in doc.events if words in e.text]
    return event


def test_publication_date_from_the_header(seed: Document) -> None:
    assert seed.published == "2025-07-02"


def test_bullets_are_events_with_sections(seed: Document) -> None:
    assert len(seed.events) == 13
    assert seed.events[0].section == "Fighting" and seed.events[-1].section == "Politics and diplomacy"
    assert_spans_read_back(seed.model_dump(mode="json"), SEED.read_text(encoding="utf-8"))


def test_izhevsk_strike(seed: Document) -> None:
    event = _event(seed, "Izhevsk")
    counts = {(c.category, c.value) for c in event.counts}
    assert {("killed", 3), ("injured", 35)} <= counts
    [izhevsk] = [loc for loc in event.locations if loc.name == "Izhevsk"]
    assert izhevsk.country == "RU" and "Udmurt" in (izhevsk.admin1 or "")
    assert any(a.country == "UA" and a.role == "initiator" for a in event.actors)
    [source] = [a for a in event.attributions if a.source.name == "Alexander Brechalov"]
    assert source.channel == "Telegram"


def test_sbu_official_via_associated_press(seed: Document) -> None:
    event = _event(seed, "Kupol")
    [att] = event.attributions
    assert att.source.kind == "anonymous" and att.source.name is None
    assert att.via == "Associated Press"


def test_pokrovsk_is_the_donetsk_one(seed: Document) -> None:
    event = _event(seed, "Pokrovsk")
    [pokrovsk] = [loc for loc in event.locations if loc.name == "Pokrovsk"]
    assert pokrovsk.country == "UA" and pokrovsk.admin1 is not None and "Donetsk" in pokrovsk.admin1
    assert {("killed", 1), ("injured", 1)} <= {(c.category, c.value) for c in event.counts}


def test_drones_downed_with_parts_by_region(seed: Document) -> None:
    event = _event(seed, "60 Ukrainian drones")
    by_value = {c.value: c for c in event.counts}
    assert by_value[60].category == "intercepted" and by_value[60].item == "drone"
    assert "Crimea" in (by_value[17].location or "")
    assert "Rostov" in (by_value[16].location or "")
    assert "Saratov" in (by_value[4].location or "")
    assert all(by_value[v].category == "intercepted" for v in (17, 16, 4))


def test_peskov_quote(seed: Document) -> None:
    event = _event(seed, "Peskov added")
    [att] = event.attributions
    assert att.source.name == "Dmitry Peskov"
    assert att.quote is not None and att.quote.startswith("We are naturally in favour")
