"""Assembling events: background sentences, elaborating sentences, confidence."""

from __future__ import annotations

from datetime import date

import pytest

from extractor.assemble import continues, event_confidence, is_background, merge
from extractor.models import Actor, Attribution, Count, Event, EventDate, Location, Source

TEXT = "JNIM attacked a camp in Boulkessi. JNIM claimed to have seized the camp."


def _event(start: int, end: int, type_: str = "armed_clash", **fields: object) -> Event:
    return Event(id="", type=type_, text=TEXT[start:end], span=(start, end), confidence=0.5,
                 **fields)  # type: ignore[arg-type]


def _actor(name: str) -> Actor:
    return Actor(text=name, span=(0, 4), name=name, kind="group", role="initiator")


def _date(value: str, end: str | None = None) -> EventDate:
    return EventDate(value=value, text="x", end=end, precision="month" if end else "day")


@pytest.mark.parametrize(
    ("when", "background"),
    [
        (None, False),
        (_date("2025-07-01"), False),
        (_date("2025-06-05"), False),
        (_date("2025-05-01"), True),
        (_date("2023-04-01", end="2023-04-30"), True),
        (_date("2025-06-01", end="2025-06-30"), False),
        (EventDate(value=None, text="on Tuesday"), False),
    ],
)
def test_background_is_dated_well_before_publication(when: EventDate | None, background: bool) -> None:
    event = _event(0, 34, date=when)
    assert is_background(event, date(2025, 7, 2), 31) is background
    assert is_background(event, None, 31) is False


def test_elaboration_without_place_or_date_continues_the_event() -> None:
    first = _event(0, 34, locations=[Location(text="Boulkessi", span=(24, 33), name="Boulkessi",
                                              kind="city")])
    second = _event(35, len(TEXT), actors=[_actor("JNIM")])
    assert continues(first, second)
    merged = merge(first, second, TEXT)
    assert merged.text == TEXT and merged.span == (0, len(TEXT))
    assert [a.name for a in merged.actors] == ["JNIM"]
    assert merged.locations == first.locations


@pytest.mark.parametrize(
    ("second", "expected"),
    [
        (_event(35, 70, "other"), True),
        (_event(35, 70, "attack"), True),  # no actor of its own: "Fatalities unknown."
        (_event(35, 70, "interception", actors=[_actor("Air Force")]), False),
        (_event(35, 70, "armed_clash", date=_date("2025-07-01")), False),
        (_event(35, 70, "armed_clash", locations=[
            Location(text="Gao", span=(35, 38), name="Gao", kind="city")]), False),
    ],
)
def test_new_happenings_do_not_continue(second: Event, expected: bool) -> None:
    assert continues(_event(0, 34), second) is expected


def test_merge_keeps_counts_and_attributions_of_both() -> None:
    count = Count(text="5", span=(0, 1), value=5, category="killed")
    att = Attribution(text="police said", span=(40, 51), source=Source(name="police", kind="government"),
                      verb="said")
    merged = merge(_event(0, 34, counts=[count]), _event(35, 70, attributions=[att]), TEXT)
    assert merged.counts == [count] and merged.attributions == [att]


def test_confidence_grows_with_elements_and_stays_in_range() -> None:
    assert event_confidence("other", [False] * 5) == 0.2
    assert event_confidence("attack", [True, False, False, False, False]) == 0.52
    assert event_confidence("attack", [True] * 5) == 1.0
