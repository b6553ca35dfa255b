"""The custom attributes our components read and write, declared in one place.

All hold plain, serialisable values (strings, dicts, lists), so ``n_process`` and ``DocBin``
keep working.
"""

from __future__ import annotations

from spacy.tokens import Doc

DOC_EXTENSIONS: dict[str, object] = {
    "extractor_doc_id": "",  # input: the document id used in event ids
    "extractor_record_published": None,  # input: the record's own publication date
    "extractor_fallback_published": None,  # input: --published
    "extractor_published": None,  # output: YYYY-MM-DD used to resolve dates
    "extractor_published_rule": None,  # output: which rule decided it
    "extractor_title": None,  # output: the headline read from the text, if any
    "extractor_events": None,  # output: list of Event dicts
    "extractor_warnings": None,  # output: list of strings
}


def register_extensions() -> None:
    """Declare the ``doc._.extractor_*`` attributes (idempotent)."""
    for name, default in DOC_EXTENSIONS.items():
        Doc.set_extension(name, default=default, force=True)
