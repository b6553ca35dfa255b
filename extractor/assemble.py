"""Assembling events: event units from the document structure, and one Event per unit.

The stages run per unit in a fixed order (attributions, actors, locations, counts, date,
type); each reads only what earlier stages produced. The article context carries places and
speakers forward to later units.

A bullet is one event unless it reports separate happenings: it is read as pieces (its
sentences and independent clauses), and a piece that is a separate happening
(:func:`separate_happening`) starts a new event; the others stay with the one before.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterator
from copy import copy
from dataclasses import dataclass, field, fields, replace
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
from .models import Actor, Event, Location
from .spans import TokenChars, expanded_range, sentence_starts, text_of, token_chars
from .structure import Block, HappeningCues

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
            found = expanded_range(doc, block.start, block.end)
            if found is not None and found[1] > found[0]:
                for piece in bounded_pieces(doc[found[0] : found[1]]):
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
    """The sentences of the characters ``start:end``; a sentence break the parser puts
    after words that end no sentence, before words that go on in lower case or with a
    comma ("Ukraine | and Russia exchanged ...", "on Sunday | , the agency said."), is
    ignored."""
    region = expanded_range(doc, start, end)
    if region is None:
        return
    chars = token_chars(doc)
    pending: tuple[int, int] | None = None
    for first, last in _sentence_ranges(doc, *region):
        piece = _trimmed_range(chars.spaces, max(first, region[0]), min(last, region[1]))
        if piece is None:
            continue
        if pending is not None and _goes_on(doc, chars, pending, piece):
            pending = (pending[0], piece[1])
            continue
        if pending is not None:
            yield doc[pending[0] : pending[1]]
        pending = piece
    if pending is not None:
        yield doc[pending[0] : pending[1]]


def _sentence_ranges(doc: Doc, lo: int, hi: int) -> Iterator[tuple[int, int]]:
    """The token ranges of ``doc[lo:hi].sents`` (from the sentence holding token ``lo`` to
    the first that ends at or after ``hi``), read from :func:`sentence_starts`."""
    starts = sentence_starts(doc)
    for k in range(max(bisect_right(starts, lo) - 1, 0), len(starts)):
        last = starts[k + 1] if k + 1 < len(starts) else len(doc)
        yield starts[k], last
        if last >= hi:
            return


#: Last characters of a sentence: final punctuation, or a closing quote or bracket after it.
_SENTENCE_END = (".", "!", "?", "\u2026", ":", ";")
_AFTER_END = ("\u201d", '"', "'", "\u2019", ")", "]")


def _goes_on(doc: Doc, chars: TokenChars, before: tuple[int, int], after: tuple[int, int]) -> bool:
    """True when the words of token range ``after`` go on the sentence of ``before``."""
    first = text_of(doc)[chars.starts[after[0]]]
    return not _ends_sentence(doc, chars, before) and (first.islower() or first in _FRAGMENT)


def _ends_sentence(doc: Doc, chars: TokenChars, words: tuple[int, int]) -> bool:
    text = text_of(doc)[chars.starts[words[0]] : chars.ends[words[1] - 1]].rstrip()
    while text.endswith(_AFTER_END):
        text = text[:-1].rstrip()
    return text.endswith(_SENTENCE_END)


def _trimmed(doc: Doc, lo: int, hi: int) -> Span | None:
    """``doc[lo:hi]`` without leading and trailing whitespace tokens; None when empty."""
    found = _trimmed_range(token_chars(doc).spaces, lo, hi)
    return doc[found[0] : found[1]] if found is not None else None


def _trimmed_range(spaces: list[bool], lo: int, hi: int) -> tuple[int, int] | None:
    """Tokens ``lo:hi`` without leading and trailing whitespace tokens (``spaces``: which
    tokens are whitespace); None when empty."""
    while lo < hi and spaces[lo]:
        lo += 1
    while hi > lo and spaces[hi - 1]:
        hi -= 1
    return (lo, hi) if hi > lo else None


@dataclass(frozen=True)
class Stages:
    """Every matcher and resolver, built once per pipeline."""

    attributions: AttributionExtractor
    actors: ActorExtractor
    locations: LocationFinder
    counts: CountExtractor
    dates: DateResolver
    types: EventTyper
    cues: HappeningCues = field(default_factory=HappeningCues)

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
            cues=HappeningCues.from_dir(settings.patterns_dir),
        )


#: Actors whose words may end with where they are ("TTP militants in North Waziristan",
#: "President el-Sisi in Cairo"): that place is the event's. An institution's seat is part of its
#: name ("the Ministry of Defence in Moscow").
_LOCATED_KINDS = frozenset({"military", "group", "civilians", "person"})


def build_event(stages: Stages, unit: Unit, context: ArticleContext) -> Event:
    """Run every stage over ``unit`` and update the article context."""
    span = unit.span
    attributions = stages.attributions.extract(span, context)
    actors = stages.actors.extract(span, context, attributions)
    not_places = [
        stages.locations.name_part(span.doc, actor.span) if actor.kind in _LOCATED_KINDS else actor.span
        for actor in actors
    ] + [att.span for att in attributions]
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
        text=text_of(span.doc)[span.start_char : span.end_char],
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


def continues(previous: Event, event: Event, cues: HappeningCues | None = None) -> bool:
    """True when a sentence elaborates the previous one's happening rather than a new one.

    It must add no place (:func:`new_places`) and no date of its own (:func:`new_date`), and
    either have the same type or none (``other``), or be an outcome of the previous type
    (``cues.outcomes``: drones of a strike shot down, arrests at a protest), or refer back to
    it (``cues.back_references``: "The strike also ...", "The PDF reported the figures."), or
    have no initiator the previous one does not name (:func:`new_initiators`: "JNIM claimed
    to have seized the camp.", "Two civilians were killed.").
    """
    if new_places(previous, event) or new_date(previous, event):
        return False
    if event.type in (previous.type, "other"):
        return True
    if cues is not None and (cues.is_outcome(event.type, previous.type) or cues.refers_back(event.text)):
        return True  # "The strike also destroyed ...", "The PDF reported the figures."
    return not new_initiators(previous, event)


def new_places(previous: Event, event: Event) -> list[Location]:
    """The places of ``event`` that are not those of ``previous``, nor contain or lie in
    one of them (its first-level region or its country). A facility is another place only
    when it lies in a first-level region none of them is in ("the army's headquarters" is
    not; "the Kirishi refinery" in Leningrad after a strike on Kharkiv is)."""
    return [loc for loc in event.locations
            if not any(_same_area(loc, seen) for seen in previous.locations)
            and not (loc.kind == "facility" and _unplaced_or_near(loc, previous.locations))]


def _same_area(one: Location, other: Location) -> bool:
    if one.name.casefold() == other.name.casefold():
        return True
    for inner, outer in ((one, other), (other, one)):
        if inner.admin1 and inner.admin1.casefold() == outer.name.casefold():
            return True
        if outer.kind == "country" and outer.country and inner.country == outer.country:
            return True
    return False


def _unplaced_or_near(facility: Location, places: list[Location]) -> bool:
    if facility.admin1 is None:
        return True
    region = facility.admin1.casefold()
    return any(region in (place.name.casefold(), (place.admin1 or "").casefold())
               for place in places)


def new_date(previous: Event, event: Event) -> bool:
    """True when ``event`` has date words resolving to another day than ``previous``'s."""
    if event.date is None:
        return False
    return previous.date is None or event.date.value != previous.date.value


def new_initiators(previous: Event, event: Event) -> list[Actor]:
    """The initiators of ``event`` (who acts, or speaks in a statement) that ``previous``
    does not name."""
    return [actor for actor in new_actors(previous, event) if actor.role == "initiator"]


def new_actors(previous: Event, event: Event) -> list[Actor]:
    """The actors of ``event`` whose name ``previous`` does not have."""
    names = {actor.name for actor in previous.actors}
    return [actor for actor in event.actors if actor.name not in names]


def merge(previous: Event, event: Event, text: str) -> Event:
    """One event covering both sentences, with the elements of both (an actor or a place
    named again is kept once, at its first mention)."""
    start, end = previous.span[0], event.span[1]
    places = {loc.name for loc in previous.locations}
    locations = previous.locations + [loc for loc in event.locations if loc.name not in places]
    found = [bool(previous.actors or event.actors), bool(locations),
             bool(previous.counts or event.counts),
             bool(previous.attributions or event.attributions), previous.date is not None]
    return previous.model_copy(update={
        "text": text[start:end],
        "span": (start, end),
        "actors": previous.actors + new_actors(previous, event),
        "locations": locations,
        "counts": previous.counts + event.counts,
        "attributions": previous.attributions + event.attributions,
        "confidence": event_confidence(previous.type, found),
    })


def separate_happening(
    current: Event, event: Event, piece: str, cues: HappeningCues, *,
    quoted_only: bool = False,
) -> bool:
    """True when ``event``, read from a later piece of a bullet, is a happening of its own.

    It must report a happening (a type or a count, and none of ``cues.not_happenings``:
    "did not respond to a request for comment"), and be neither only a quote and its
    reporting clause (``quoted_only``) nor a fragment left by a sentence break (", the
    agency said."). Then a connective of separation ("Separately,", "Meanwhile,") decides yes, a
    reference back to the happening ("The strike also ...", "Of these, ...", also after a
    reporting clause: "the army said it was intercepted") decides no, and otherwise it is
    separate unless it :func:`continues` ``current`` (a new place, a new date, or another
    type with an initiator of its own).
    """
    if (event.type == "other" and not event.counts) or quoted_only or piece[:1] in _FRAGMENT:
        return False
    if cues.reports_nothing(piece):
        return False
    if cues.opens_separate(piece):
        return True
    if any(cues.refers_back(clause) for clause in (piece, *reported_clauses(event, piece))):
        return False
    return not continues(current, event, cues)


def reported_clauses(event: Event, piece: str) -> list[str]:
    """What ``piece`` (the text of ``event``) reports after a reporting clause it opens with
    ("The military said [the drone fell in an open area]")."""
    start = event.span[0]
    clauses = []
    for attribution in event.attributions:
        if attribution.span[0] == start:
            rest = piece[attribution.span[1] - start :].lstrip(" ,:\u201c\"")
            clauses.append(rest[5:] if rest.lower().startswith("that ") else rest)
    return clauses


def happening_pieces(
    span: Span, cues: HappeningCues, quoted: list[tuple[int, int]] | None = None
) -> list[Span]:
    """The sentences of ``span``, each cut at the clause joints (``cues.joints``: "; ",
    ", while") that stand between two clauses with a subject and verb of their own,
    outside quotation marks (``quoted``: the :func:`quoted_ranges` of ``span``, when known)."""
    doc = span.doc
    if quoted is None:
        quoted = quoted_ranges(text_of(doc), span.start_char, span.end_char)
    pieces: list[Span] = []
    for sent in _sentences_within(doc, span.start_char, span.end_char):
        pieces.extend(_clauses(sent, cues, quoted))
    return pieces or [span]


def _clauses(sent: Span, cues: HappeningCues, quoted: list[tuple[int, int]]) -> Iterator[Span]:
    doc, chars = sent.doc, token_chars(sent.doc)
    text = text_of(doc)[chars.starts[sent.start] : chars.ends[sent.end - 1]]
    joints = sorted(
        (sent.start_char + found.start(), sent.start_char + found.end())
        for pattern in cues.joints for found in pattern.finditer(text)
    )
    start = sent.start
    for first, last in joints:
        if _inside(first, quoted):
            continue
        cut = bisect_left(chars.starts, first, start, sent.end)  # the first token from there
        resume = bisect_left(chars.starts, last, start, sent.end)
        left, right = _trimmed(doc, start, cut), _trimmed(doc, resume, sent.end)
        if left is not None and right is not None and _is_clause(left) and _is_clause(right):
            yield left
            start = resume
    rest = _trimmed(doc, start, sent.end)
    if rest is not None:
        yield rest


def _is_clause(span: Span) -> bool:
    """True when the first verb of ``span`` has a subject before it in ``span`` ("the IDF
    said ...", "two people were killed"; not "cut power to the city, the mayor said")."""
    for token in span:
        if token.pos_ in ("VERB", "AUX"):
            verb = token.head if token.dep_ in ("aux", "auxpass") else token
            return any(child.dep_ in _SUBJECTS and span.start <= child.i < verb.i
                       for child in verb.children)
    return False


_SUBJECTS = ("nsubj", "nsubjpass", "expl", "csubj")
_FRAGMENT = (",", ";", ":", ")", "]")


_OPENING, _CLOSING, _STRAIGHT = "\u201c", "\u201d", '"'
_QUOTE_MARKS = re.compile(f"[{_OPENING}{_CLOSING}{_STRAIGHT}]")


def quoted_ranges(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Character ranges of ``text[start:end]`` inside quotation marks (curly or straight,
    marks included); a quotation left open runs to ``end``."""
    ranges: list[tuple[int, int]] = []
    opened: int | None = None
    for mark in _QUOTE_MARKS.finditer(text, start, end):  # other characters change nothing
        i, ch = mark.start(), mark.group()
        if opened is None and ch in (_OPENING, _STRAIGHT):
            opened = i
        elif opened is not None and (ch == _CLOSING or (ch == _STRAIGHT and text[opened] == _STRAIGHT)):
            ranges.append((opened, i + 1))
            opened = None
    if opened is not None:
        ranges.append((opened, end))
    return ranges


def _inside(char: int, ranges: list[tuple[int, int]]) -> bool:
    return any(lo <= char < hi for lo, hi in ranges)


def only_quoted(event: Event, quoted: list[tuple[int, int]], text: str) -> bool:
    """True when ``event`` is quoted words and their reporting clause only ("“We will
    rebuild,” he said."): it has quoted words, and no letter outside quotation marks and
    attributions."""
    covered = quoted + [attribution.span for attribution in event.attributions]
    start, end = event.span
    if not any(lo < end and start < hi for lo, hi in quoted):
        return False
    return not any(text[i].isalpha() and not _inside(i, covered) for i in range(start, end))


def bullet_segments(stages: Stages, unit: Unit, context: ArticleContext) -> list[Span]:
    """``unit`` (a bullet) cut where a piece reports a separate happening; one segment
    when it reports one happening.

    Every piece is read on a copy of ``context`` and merged (:func:`merge`) into the
    happening before it unless :func:`separate_happening`. A bullet of one piece costs
    nothing more; one of several is read twice (as pieces, then as events).
    """
    doc, text = unit.span.doc, text_of(unit.span.doc)
    quoted = quoted_ranges(text, unit.span.start_char, unit.span.end_char)
    pieces = happening_pieces(unit.span, stages.cues, quoted)
    if len(pieces) < 2:
        return [unit.span]
    probe = _scratch_copy(context)
    groups: list[list[Span]] = []
    current: Event | None = None
    for piece in pieces:
        probe.previous_type = current.type if current is not None else context.previous_type
        event = build_event(stages, replace(unit, span=piece), probe)
        if current is None or separate_happening(
            current, event, piece.text, stages.cues, quoted_only=only_quoted(event, quoted, text)
        ):
            groups.append([piece])
            current = event
        else:
            groups[-1].append(piece)
            current = merge(current, event, text)
    if len(groups) == 1:
        return [unit.span]
    return [doc[group[0].start : group[-1].end] for group in groups]


def _dated_from_previous(stages: Stages, span: Span, event: Event, events: list[Event]) -> Event:
    """``event``, dated by days counted from the previous event ("A day earlier, ...") when
    it names no date of its own."""
    if event.date is not None or not events:
        return event
    when = stages.dates.counted_from_previous(span, events[-1].date)
    return event if when is None else event.model_copy(update={"date": when})


def _scratch_copy(context: ArticleContext) -> ArticleContext:
    """A copy of ``context`` whose lists and mappings can be updated without touching it."""
    return replace(context, **{
        item.name: copy(getattr(context, item.name)) for item in fields(context)
        if item.init and isinstance(getattr(context, item.name), (list, dict, set))
    })


def extract_events(
    doc: Doc, blocks: list[Block], stages: Stages, doc_id: str, published: date | None,
    *, background_days: int = 31,
) -> list[Event]:
    """All events of ``doc``, numbered ``<doc_id>#<n>`` from 1 in text order.

    A bullet is one event, or one per separate happening it reports
    (:func:`bullet_segments`). A prose sentence is one when it reports a happening (a typed
    event or a count) that is not background (:func:`is_background`) and, for violence with no
    count, that does not only state how things are (:meth:`EventTyper.states_only`: "has been
    fighting for 15 years", "does not comment"); a sentence that only elaborates the previous
    one in the same paragraph is merged into it (:func:`continues`).
    """
    context = ArticleContext(doc_id=doc_id, published=published)
    events: list[Event] = []
    last_block: int | None = None
    for unit in read_units(doc, blocks):
        context.section = unit.section
        context.previous_type = events[-1].type if events else None
        if unit.kind == "bullet":
            for segment in bullet_segments(stages, unit, context):
                event = build_event(stages, replace(unit, span=segment), context)
                events.append(_dated_from_previous(stages, segment, event, events))
                context.previous_type = events[-1].type
            last_block = None
            continue
        event = _dated_from_previous(stages, unit.span, build_event(stages, unit, context), events)
        if is_background(event, published, background_days):
            continue
        if events and unit.block == last_block and continues(events[-1], event, stages.cues):
            events[-1] = merge(events[-1], event, text_of(doc))
            continue
        if event.type == "other" and not event.counts:
            continue
        if not event.counts and stages.types.is_violence(event.type) and stages.types.states_only(unit.span):
            continue  # "The attacks were the deadliest in years": how things are, no happening
        events.append(event)
        last_block = unit.block
    for n, event in enumerate(events, 1):  # each event is this list's own: no copy needed
        event.id = f"{doc_id}#{n}"
    return events
