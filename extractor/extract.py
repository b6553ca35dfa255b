"""The library front: :class:`Extractor`, a thin layer over ``nlp.pipe``."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from . import __version__
from .config import Settings
from .models import Document, ErrorRecord, Event, Provenance
from .pipeline import cached_pipeline


@dataclass(frozen=True)
class Article:
    """One input article, or the reason it could not be read (``error`` set, ``text`` None)."""

    doc_id: str
    source: str
    text: str | None
    published: str | None = None
    title: str | None = None
    url: str | None = None
    error: ErrorRecord | None = None
    encoding: str | None = None


class Extractor:
    """Extracts events from article texts.

    Args:
        model: spaCy pipeline name or path (default: ``EXTRACTOR_MODEL`` or the
            pinned English pipeline).
        settings: full settings; ``model`` overrides its model.
        nlp: an already built pipeline (with ``extractor_events``) to use as it is.
    """

    def __init__(
        self, model: str | None = None, *, settings: Settings | None = None,
        nlp: Language | None = None,
    ):
        settings = settings or Settings()
        if model:
            settings = settings.model_copy(update={"model": model})
        self.settings = settings
        self._nlp = nlp

    @property
    def nlp(self) -> Language:
        """The spaCy pipeline, loaded on first use."""
        if self._nlp is None:
            self._nlp = cached_pipeline(self.settings)
        return self._nlp

    @property
    def provenance(self) -> Provenance:
        return Provenance(version=__version__, model=self.settings.model)

    def extract(
        self, text: str, published: str | None = None, doc_id: str = "doc",
        *, title: str | None = None, url: str | None = None, fallback_published: str | None = None,
    ) -> Document:
        """Extract the events of one text. ``published`` is the article's own date."""
        article = Article(doc_id, "-", text, published, title, url)
        return next(self.process([article], fallback_published=fallback_published))

    def extract_many(
        self, records: Iterable[dict[str, Any] | Article], *, published: str | None = None,
        batch_size: int | None = None, n_process: int = 1,
    ) -> Iterator[Document]:
        """Extract from records ``{"id", "text", "published"?, "title"?, "url"?}``, in order.

        ``published`` is the fallback date for records without their own.
        """
        articles = (r if isinstance(r, Article) else article_from_record(r, n) for n, r in
                    enumerate(records, 1))
        yield from self.process(
            articles, fallback_published=published, batch_size=batch_size, n_process=n_process
        )

    def process(
        self, articles: Iterable[Article], *, fallback_published: str | None = None,
        batch_size: int | None = None, n_process: int = 1,
    ) -> Iterator[Document]:
        """Documents for ``articles`` in input order; unreadable ones get their error record."""
        pending: list[Article] = []
        for article in articles:
            pending.append(article)
            if len(pending) >= (batch_size or self.settings.batch_size):
                yield from self._run_batch(pending, fallback_published, n_process)
                pending = []
        if pending:
            yield from self._run_batch(pending, fallback_published, n_process)

    def _run_batch(
        self, batch: list[Article], fallback: str | None, n_process: int
    ) -> Iterator[Document]:
        batch = [self._check(a) for a in batch]
        readable = [a for a in batch if a.error is None and a.text is not None]
        docs = self.nlp.pipe(
            (self._make_doc(a, fallback) for a in readable),
            batch_size=self.settings.batch_size,
            n_process=n_process,
        )
        parsed = {id(a): doc for a, doc in zip(readable, docs, strict=True)}
        for article in batch:
            doc = parsed.get(id(article))
            yield self._document(article, doc)

    def _check(self, article: Article) -> Article:
        """The article, or a copy with an error record when its text cannot be processed."""
        if article.error is not None or article.text is None:
            return article
        if not article.text.strip():
            error = ErrorRecord(type="empty", message="the document has no text")
        elif len(article.text) > self.settings.max_chars:
            error = ErrorRecord(
                type="too_large",
                message=f"{len(article.text)} characters, over the limit of "
                f"{self.settings.max_chars} (set max_chars to raise it)",
            )
        else:
            return article
        return replace(article, text=None, error=error)

    def _make_doc(self, article: Article, fallback: str | None) -> Doc:
        doc = self.nlp.make_doc(article.text or "")
        doc._.extractor_doc_id = article.doc_id
        doc._.extractor_record_published = article.published
        doc._.extractor_fallback_published = fallback
        return doc

    def _document(self, article: Article, doc: Doc | None) -> Document:
        base: dict[str, Any] = dict(
            doc_id=article.doc_id, source=article.source, title=article.title, url=article.url,
            extractor=self.provenance, encoding=article.encoding,
        )
        if doc is None:
            error = article.error or ErrorRecord(type="empty", message="no text")
            return Document(**base, error=error)
        return Document(
            **base,
            published=doc._.extractor_published,
            published_rule=doc._.extractor_published_rule,
            events=[Event.model_validate(e) for e in doc._.extractor_events or []],
        )


def article_from_record(record: dict[str, Any], number: int) -> Article:
    """An :class:`Article` from a record dict; a record without usable text gets an error."""
    doc_id = str(record.get("id") or f"record-{number}")
    text = record.get("text")
    error = None
    if not isinstance(text, str):
        error = ErrorRecord(type="missing_text", message="record has no string 'text' field")
        text = None
    return Article(
        doc_id=doc_id, source=str(record.get("source", "-")), text=text,
        published=_str_or_none(record.get("published")), title=_str_or_none(record.get("title")),
        url=_str_or_none(record.get("url")), error=error,
    )


def _str_or_none(value: Any) -> str | None:
    return value if isinstance(value, str) and value else None
