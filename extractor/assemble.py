"""Assembling events: event units from the document structure, and one Event per unit.

The stages run per unit in a fixed order (attributions, actors, locations, counts, date,
type); each reads only what earlier stages produced. The article context carries places and
speakers forward to later units.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

from spacy.language import Language
from spacy.tokens import Doc, Span

from .actors import ActorExtractor
from .attributions import AttributionExtractor
from .config import Settings
from .context import ArticleContext
from .counts import CountExtractor
from .dates import DateResolver
from .event_types import EventTyper
from .locations import LocationFinder
from .models import Event
from .spans import text_of
from .structure import Block


@dataclass(frozen=True)
class Unit:
    """A stretch of text that may report one event: a bullet, or a sentence of prose."""

    span: Span
    kind: str
    section: str | None


def read_units(doc: Doc, blocks: list[Block]) -> Iterator[Unit]:
    """Event units in text order: whole bullets, and the sentences of prose lines.

    Headings set the section of the units after them; preambles yield nothing.
    """
    section: str | None = None
    for block in blocks:
        if block.kind == "heading":
            section = text_of(doc)[block.start : block.end]
        elif block.kind == "bullet":
            span = doc.char_span(block.start, block.end, alignment_mode="expand")
            if span is not None and len(span):
                yield Unit(span, "bullet", section)
        elif block.kind == "prose":
            for sent in _sentences_within(doc, block.start, block.end):
                yield Unit(sent, "prose", section)


def _sentences_within(doc: Doc, start: int, end: int) -> Iterator[Span]:
    region = doc.char_span(start, end, alignment_mode="expand")
    if region is None:
        return
    for sent in region.sents:
        lo, hi = max(sent.start, region.start), min(sent.end, region.end)
        while lo < hi and doc[lo].is_space:
            lo += 1
        while hi > lo and doc[hi - 1].is_space:
            hi -= 1
        if hi > lo:
            yield doc[lo:hi]


@dataclass(frozen=True)
class Stages:
    """Every matcher and resolver, built once per pipeline."""

    attributions: AttributionExtractor
    actors: ActorExtractor
    locations: LocationFinder
    counts: CountExtractor
    dates: DateResolver
    types: EventTyper

    @classmethod
    def from_settings(cls, nlp: Language, settings: Settings) -> Stages:
        """Build every stage from the settings' patterns folder."""
        return cls(
            attributions=AttributionExtractor.from_settings(nlp, settings),
            actors=ActorExtractor.from_settings(nlp, settings),
            locations=LocationFinder.from_settings(nlp, settings),
            counts=CountExtractor.from_settings(nlp, settings),
            dates=DateResolver.from_settings(nlp, settings),
            types=EventTyper.from_settings(nlp, settings),
        )


def build_event(
    stages: Stages, unit: Unit, context: ArticleContext, event_id: str
) -> Event | None:
    """Run every stage over ``unit``; None when a prose sentence reports no happening."""
    span = unit.span
    attributions = stages.attributions.extract(span, context)
    actors = stages.actors.extract(span, context, attributions)
    not_places = [actor.span for actor in actors] + [att.span for att in attributions]
    locations = stages.locations.extract(span, context, exclude=not_places)
    counts = stages.counts.extract(span, locations)
    when = stages.dates.extract(span, context.published)
    event_type = stages.types.classify(span, counts, actors)
    context.remember_locations(locations)
    for attribution in attributions:
        context.remember_speaker(attribution.source)
    if unit.kind == "prose" and event_type.id == "other" and not counts:
        return None
    found = [bool(actors), bool(locations), bool(counts), bool(attributions), when is not None]
    return Event(
        id=event_id,
        type=event_type.id,
        text=span.text,
        span=(span.start_char, span.end_char),
        date=when,
        actors=actors,
        locations=locations,
        counts=counts,
        attributions=attributions,
        confidence=event_confidence(event_type.id, found),
        section=unit.section,
        acled=event_type.acled,
        plover=event_type.plover,
    )


def event_confidence(type_id: str, found: list[bool]) -> float:
    """A simple, documented score: 0.4 for a typed event, plus 0.12 per element kind found."""
    base = 0.4 if type_id != "other" else 0.2
    return round(min(1.0, base + 0.12 * sum(found)), 2)


def extract_events(
    doc: Doc, blocks: list[Block], stages: Stages, doc_id: str, published: date | None
) -> list[Event]:
    """All events of ``doc``, numbered ``<doc_id>#<n>`` from 1 in text order."""
    context = ArticleContext(doc_id=doc_id, published=published)
    events: list[Event] = []
    for unit in read_units(doc, blocks):
        context.section = unit.section
        event = build_event(stages, unit, context, f"{doc_id}#{len(events) + 1}")
        if event is not None:
            events.append(event)
    return events
