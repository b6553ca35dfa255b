"""Small helpers over spaCy docs shared by the stages."""

from __future__ import annotations

from spacy.tokens import Doc

_TEXT_KEY = ("extractor", "text")


def text_of(doc: Doc) -> str:
    """The document text, computed once per Doc.

    ``Doc.text`` joins every token on each access, so slicing it once per mention is
    quadratic in the document length; this caches it in ``doc.user_data``. The event
    component removes the entry with :func:`forget_text` when it is done with the Doc.
    """
    cached = doc.user_data.get(_TEXT_KEY)
    if cached is None:
        cached = doc.user_data[_TEXT_KEY] = doc.text
    return cached


def forget_text(doc: Doc) -> None:
    """Drop the cached text, so serialised Docs do not carry it twice."""
    doc.user_data.pop(_TEXT_KEY, None)
