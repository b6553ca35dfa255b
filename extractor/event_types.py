"""Event types: the taxonomy in patterns/event_types.json and a classifier over units."""

from __future__ import annotations

from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Span

from .config import Settings
from .models import Actor, Count


@dataclass(frozen=True)
class EventType:
    """A taxonomy entry and its mappings."""

    id: str
    acled: dict[str, str] | None = None
    plover: str | None = None


class EventTyper:
    """Assigns a taxonomy type to a unit. PLACEHOLDER (issue 6)."""

    @classmethod
    def from_settings(cls, nlp: Language, settings: Settings) -> EventTyper:
        return cls()

    def classify(self, unit: Span, counts: list[Count], actors: list[Actor]) -> EventType:
        """The type of the event read from ``unit``."""
        return EventType(id="other")
