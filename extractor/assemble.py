"""Assembling events: event units from the document structure, and one Event per unit.

The stages run per unit in a fixed order (attributions, actors, locations, counts, date,
type); each reads only what earlier stages produced. The article context carries places and
speakers forward to later units.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta

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
from .models import Actor, Event
from .spans import text_of
from .structure import Block

#: The rule stages cost more than linear time in a unit's length (entity-by-entity lookups
#: over the unit), so a unit longer than this many tokens (no news sentence or bullet is;
#: flattened tables and lists without punctuation are) is read as consecutive pieces of at
#: most this many tokens. See docs/reliability.md.
MAX_UNIT_TOKENS = 200


@dataclass(frozen=True)
class Unit:
    """A stretch of text that may report one event: a bullet, or a sentence of prose."""

    span: Span
    kind: str
    section: str | None
    block: int = 0


def read_units(doc: Doc, blocks: list[Block]) -> Iterator[Unit]:
    """Event units in text order: whole bullets, and the sentences of prose lines.

    Headings set the section of the units after them; preambles yield nothing.
    """
    section: str | None = None
    for number, block in enumerate(blocks):
        if block.kind == "heading":
            section = text_of(doc)[block.start : block.end]
        elif block.kind == "bullet":
            span = doc.char_span(block.start, block.end, alignment_mode="expand")
            if span is not None and len(span):
                for piece in bounded_pieces(span):
                    yield Unit(piece, "bullet", section, number)
        elif block.kind == "prose":
            for sent in _sentences_within(doc, block.start, block.end):
                for piece in bounded_pieces(sent):
                    yield Unit(piece, "prose", section, number)


def bounded_pieces(span: Span, limit: int | None = None) -> Iterator[Span]:
    """``span`` itself, or when longer than ``limit`` tokens (default
    :data:`MAX_UNIT_TOKENS`), consecutive pieces of at most ``limit`` tokens, each without
    leading or trailing whitespace tokens."""
    limit = limit or MAX_UNIT_TOKENS
    if len(span) <= limit:
        yield span
        return
    for start in range(span.start, span.end, limit):
        piece = _trimmed(span.doc, start, min(start + limit, span.end))
        if piece is not None:
            yield piece


def _sentences_within(doc: Doc, start: int, end: int) -> Iterator[Span]:
    region = doc.char_span(start, end, alignment_mode="expand")
    if region is None:
        return
    for sent in region.sents:
        piece = _trimmed(doc, max(sent.start, region.start), min(sent.end, region.end))
        if piece is not None:
            yield piece


def _trimmed(doc: Doc, lo: int, hi: int) -> Span | None:
    """``doc[lo:hi]`` without leading and trailing whitespace tokens; None when empty."""
    while lo < hi and doc[lo].is_space:
        lo += 1
    while hi > lo and doc[hi - 1].is_space:
        hi -= 1
    return doc[lo:hi] if hi > lo else None


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


def build_event(stages: Stages, unit: Unit, context: ArticleContext) -> Event:
    """Run every stage over ``unit`` and update the article context."""
    span = unit.span
    attributions = stages.attributions.extract(span, context)
    actors = stages.actors.extract(span, context, attributions)
    not_places = [actor.span for actor in actors] + [att.span for att in attributions]
    locations = stages.locations.extract(span, context, exclude=not_places)
    counts = stages.counts.extract(span, locations)
    when = stages.dates.extract(span, context.published)
    event_type = stages.types.classify(span, counts, actors, previous=context.previous_type)
    entry = stages.types.types.get(event_type.id)
    if entry is not None and entry.speaker_is_actor:  # statements: the speaker acts
        actors = with_speakers(actors, stages.actors.speakers(span, context, attributions))
    context.remember_locations(locations)
    context.remember_actors(actors)
    for attribution in attributions:
        context.remember_speaker(attribution.source)
    found = [bool(actors), bool(locations), bool(counts), bool(attributions), when is not None]
    return Event(
        id="",
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


def with_speakers(actors: list[Actor], speakers: list[Actor]) -> list[Actor]:
    """``actors`` plus the speakers not already among them (same name), in text order."""
    names = {actor.name for actor in actors}
    added: list[Actor] = []
    for speaker in speakers:
        if speaker.name not in names:
            names.add(speaker.name)
            added.append(speaker)
    return sorted([*actors, *added], key=lambda actor: actor.span[0]) if added else actors


def event_confidence(type_id: str, found: list[bool]) -> float:
    """A simple, documented score: 0.4 for a typed event, plus 0.12 per element kind found."""
    base = 0.4 if type_id != "other" else 0.2
    return round(min(1.0, base + 0.12 * sum(found)), 2)


def is_background(event: Event, published: date | None, background_days: int) -> bool:
    """True when the event's date ends more than ``background_days`` before publication.

    Prose often recalls earlier history ("The war broke out in April 2023 and has killed
    tens of thousands"); such sentences are context, not news of the day.
    """
    if event.date is None or published is None:
        return False
    last = event.date.end or event.date.value
    return last is not None and date.fromisoformat(last) < published - timedelta(days=background_days)


def continues(previous: Event, event: Event) -> bool:
    """True when a prose sentence elaborates the previous one's happening rather than a new one.

    It must add no place and no date of its own, and either have the same type or no actor
    ("JNIM claimed to have seized the camp.", "Fatalities unknown.").
    """
    if event.locations or event.date is not None:
        return False
    return event.type in (previous.type, "other") or not event.actors


def merge(previous: Event, event: Event, text: str) -> Event:
    """One event covering both sentences, with the elements of both."""
    start, end = previous.span[0], event.span[1]
    found = [bool(previous.actors or event.actors), bool(previous.locations),
             bool(previous.counts or event.counts),
             bool(previous.attributions or event.attributions), previous.date is not None]
    return previous.model_copy(update={
        "text": text[start:end],
        "span": (start, end),
        "actors": previous.actors + event.actors,
        "counts": previous.counts + event.counts,
        "attributions": previous.attributions + event.attributions,
        "confidence": event_confidence(previous.type, found),
    })


def extract_events(
    doc: Doc, blocks: list[Block], stages: Stages, doc_id: str, published: date | None,
    *, background_days: int = 31,
) -> list[Event]:
    """All events of ``doc``, numbered ``<doc_id>#<n>`` from 1 in text order.

    Every bullet is an event. A prose sentence is one when it reports a happening (a typed
    event or a count) that is not background (:func:`is_background`); a sentence that only
    elaborates the previous one in the same paragraph is merged into it (:func:`continues`).
    """
    context = ArticleContext(doc_id=doc_id, published=published)
    events: list[Event] = []
    last_block: int | None = None
    for unit in read_units(doc, blocks):
        context.section = unit.section
        context.previous_type = events[-1].type if events else None
        event = build_event(stages, unit, context)
        if unit.kind == "bullet":
            events.append(event)
            last_block = None
            continue
        if is_background(event, published, background_days):
            continue
        if events and unit.block == last_block and continues(events[-1], event):
            events[-1] = merge(events[-1], event, text_of(doc))
            continue
        if event.type == "other" and not event.counts:
            continue
        events.append(event)
        last_block = unit.block
    return [event.model_copy(update={"id": f"{doc_id}#{n}"}) for n, event in enumerate(events, 1)]
