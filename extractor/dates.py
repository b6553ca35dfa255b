"""Dates: the article's publication date and each event's date, resolved against it."""

from __future__ import annotations

from datetime import date

from spacy.language import Language
from spacy.tokens import Span

from .config import Settings
from .models import EventDate


def find_publication_date(
    text: str, record_published: str | None, fallback: str | None
) -> tuple[date | None, str | None]:
    """The publication date and the rule that decided it. PLACEHOLDER (issue 6)."""
    for rule, value in (("record", record_published), ("fallback", fallback)):
        if value:
            return date.fromisoformat(value[:10]), rule
    return None, None


class DateResolver:
    """Resolves the date words of a unit. PLACEHOLDER (issue 6)."""

    @classmethod
    def from_settings(cls, nlp: Language, settings: Settings) -> DateResolver:
        return cls()

    def extract(self, unit: Span, published: date | None) -> EventDate | None:
        """The event date of ``unit``, or None when the unit names none."""
        return None
