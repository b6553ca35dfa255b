"""State carried from one event unit to the next while an article is read.

Matchers read it to disambiguate (places named earlier, the last named speaker) and the
assembler updates it after each unit. It holds only plain values, never spaCy objects.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from .models import Actor, Location, Source


@dataclass
class ArticleContext:
    """What an article has established so far, in reading order."""

    doc_id: str = ""
    published: date | None = None
    section: str | None = None
    locations: list[Location] = field(default_factory=list)
    speakers: list[Source] = field(default_factory=list)
    previous_type: str | None = None  # type of the last event kept (event_types context rule)
    actors: list[Actor] = field(default_factory=list)  # named bodies, for "the army" later on

    def remember_locations(self, found: list[Location]) -> None:
        """Add resolved places so later namesakes can be decided by them."""
        self.locations.extend(found)

    def remember_actors(self, found: list[Actor]) -> None:
        """Add actors, so a later "the army" or "the junta" resolves to the body named before."""
        self.actors.extend(found)

    def remember_speaker(self, source: Source) -> None:
        """Record a named speaker, for follow-ups such as 'he said' or 'Peskov added'."""
        if source.name:
            self.speakers.append(source)

    @property
    def last_speaker(self) -> Source | None:
        return self.speakers[-1] if self.speakers else None
