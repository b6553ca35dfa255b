"""extractor: structured, normalised events from news text.

Public API: :class:`Extractor`, the output models :class:`Document` and :class:`Event`, and
``__version__``. Nothing heavy happens at import: the spaCy pipeline loads when an
``Extractor`` is first used.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"
__all__ = ["Document", "Event", "Extractor", "__version__"]

if TYPE_CHECKING:
    from .extract import Extractor
    from .models import Document, Event


def __getattr__(name: str) -> Any:
    if name == "Extractor":
        from .extract import Extractor

        return Extractor
    if name in ("Document", "Event"):
        from . import models

        return getattr(models, name)
    raise AttributeError(f"module 'extractor' has no attribute {name!r}")
