"""Finding place mentions in an event unit and resolving them against the gazetteer."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Span

from .config import Settings
from .context import ArticleContext
from .models import Location, Span as CharSpan


class LocationFinder:
    """Finds places in a unit and links them to gazetteer entries. PLACEHOLDER (issue 4)."""

    @classmethod
    def from_settings(cls, nlp: Language, settings: Settings) -> LocationFinder:
        return cls()

    def extract(
        self, unit: Span, context: ArticleContext, exclude: list[CharSpan] | None = None
    ) -> list[Location]:
        """Places in ``unit`` (not inside ``exclude`` spans), in text order."""
        return []
