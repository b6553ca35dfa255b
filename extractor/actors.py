"""Actors: who acted and who was acted upon, normalised to entries in patterns/."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Span

from .config import Settings
from .context import ArticleContext
from .models import Actor, Attribution


class ActorExtractor:
    """Finds actors and their roles in a unit. PLACEHOLDER (issue 5)."""

    @classmethod
    def from_settings(cls, nlp: Language, settings: Settings) -> ActorExtractor:
        return cls()

    def extract(
        self, unit: Span, context: ArticleContext, attributions: list[Attribution]
    ) -> list[Actor]:
        """Actors in ``unit`` in text order; speakers of ``attributions`` are not actors."""
        return []
