"""Attributions: who says so, through which channel, and the quoted words."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Span

from .config import Settings
from .context import ArticleContext
from .models import Attribution


class AttributionExtractor:
    """Finds the sources a unit is attributed to. PLACEHOLDER (issue 5)."""

    @classmethod
    def from_settings(cls, nlp: Language, settings: Settings) -> AttributionExtractor:
        return cls()

    def extract(self, unit: Span, context: ArticleContext) -> list[Attribution]:
        """Attributions in ``unit``; follow-ups resolve to ``context.last_speaker``."""
        return []
