"""Counts: figures with what is counted, what happened to it, and where."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Span

from .config import Settings
from .models import Count, Location


class CountExtractor:
    """Extracts typed, bounded counts from a unit. PLACEHOLDER (issue 3)."""

    @classmethod
    def from_settings(cls, nlp: Language, settings: Settings) -> CountExtractor:
        return cls()

    def extract(self, unit: Span, locations: list[Location]) -> list[Count]:
        """Counts in ``unit`` in text order; ``location`` names come from ``locations``."""
        return []
