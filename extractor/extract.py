"""The library front: :class:`Extractor`, a thin layer over ``nlp.pipe``.

Nothing is lost and nothing crashes a run: an article that cannot be read keeps its error
record, and an exception while one document is processed becomes that document's
``internal_error`` record (its batch is retried one document at a time) while every other
document of the batch is processed as usual.
"""

from __future__ import annotations

import logging
import re
import traceback
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from . import __version__
from .config import Settings
from .models import Document, ErrorRecord, Event, Provenance
from .pipeline import cached_pipeline
from .spans import remember_text

log = logging.getLogger(__name__)

#: A lone UTF-16 surrogate (JSON "\\ud800", or an undecodable file name): not encodable as
#: UTF-8, so it could never be written out.
_SURROGATE = re.compile("[\ud800-\udfff]")
_MESSAGE_CHARS = 300
#: spaCy's tokenizer strips prefixes and suffixes one at a time, searching the rest of the
#: word each time: quadratic in the length of a run without whitespace made of punctuation
#: or symbols (5,000 "$" take 9 s, 50,000 would take 15 minutes). Runs longer than
#: ``MAX_RUN`` characters are therefore tokenized in pieces of ``RUN_PIECE`` characters,
#: which bounds the cost at linear; ordinary words, numbers and URLs are far shorter. Such a
#: run made only of punctuation and symbols would still give one token per character (and
#: the parser 50,000 tokens for 50,000 quotes): its pieces are single tokens instead.
MAX_RUN = 200
RUN_PIECE = 100
_LONG_RUN = re.compile(rf"\S{{{MAX_RUN + 1},}}")
_SYMBOL_RUN = re.compile(rf"[^\w\s]{{{MAX_RUN + 1},}}")


def clean_surrogates(text: str) -> str:
    """``text`` with every lone surrogate replaced by U+FFFD: one character for one, so
    character offsets stay true."""
    return _SURROGATE.sub("\ufffd", text) if _SURROGATE.search(text) else text


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
    warnings: tuple[str, ...] = ()  # about the input itself (a repeated id), kept in the output


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
        self._prebuilt = nlp is not None

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
        """Documents for ``articles`` in input order; unreadable ones get their error record.

        With ``n_process`` > 1 the articles go to a pool of worker processes (see
        :mod:`extractor.parallel`), each building its own pipeline from :attr:`settings` once;
        the output is identical to a one-process run.

        Raises:
            ValueError: ``n_process`` > 1 with a pipeline given as ``nlp=`` (it cannot be
                shipped to other processes: give settings instead).
        """
        if n_process > 1:
            yield from self._process_in_pool(articles, fallback_published, batch_size, n_process)
            return
        pending: list[Article] = []
        for article in articles:
            pending.append(article)
            if len(pending) >= (batch_size or self.settings.batch_size):
                yield from self._run_batch(pending, fallback_published, n_process)
                pending = []
        if pending:
            yield from self._run_batch(pending, fallback_published, n_process)

    def _process_in_pool(
        self, articles: Iterable[Article], fallback: str | None, batch_size: int | None,
        n_process: int,
    ) -> Iterator[Document]:
        from .parallel import DEFAULT_CHUNK_SIZE, process_in_pool

        if self._prebuilt:
            raise ValueError("n_process > 1 needs an Extractor built from settings, not from nlp=")
        yield from process_in_pool(
            self.settings, articles, fallback_published=fallback, n_process=n_process,
            chunk_size=min(batch_size or self.settings.batch_size, DEFAULT_CHUNK_SIZE),
        )

    def _run_batch(
        self, batch: list[Article], fallback: str | None, n_process: int
    ) -> Iterator[Document]:
        batch = [self._check(a) for a in batch]
        readable = [a for a in batch if a.error is None and a.text is not None]
        nlp = self.nlp  # loading errors (model, pattern files) stop the run: outside the net
        parsed: dict[int, Doc | ErrorRecord] = {}
        try:
            docs = nlp.pipe(
                ((self._make_doc(a, fallback), n) for n, a in enumerate(readable)),
                as_tuples=True,
                batch_size=self.settings.batch_size,
                n_process=n_process,
            )
            for doc, n in docs:
                parsed[id(readable[n])] = doc
        except Exception as exc:  # one bad document must not cost the others
            log.warning(
                "a batch failed after %d of %d documents (%s); retrying the rest one by one",
                len(parsed), len(readable), _describe(exc),
            )
        for article in readable:
            if id(article) not in parsed:
                parsed[id(article)] = self._parse_one(article, fallback)
        for article in batch:
            yield self._safe_document(article, parsed.get(id(article)))

    def _parse_one(self, article: Article, fallback: str | None) -> Doc | ErrorRecord:
        """One document through the pipeline on its own; an exception becomes its error."""
        try:
            return self.nlp(self._make_doc(article, fallback))
        except Exception as exc:
            return _internal_error(article, exc)

    def _safe_document(self, article: Article, doc: Doc | ErrorRecord | None) -> Document:
        if isinstance(doc, ErrorRecord):
            return self._document(replace(article, text=None, error=doc), None)
        try:
            return self._document(article, doc)
        except Exception as exc:  # e.g. a stage produced an event the model rejects
            failed = replace(article, text=None, error=_internal_error(article, exc))
            return self._document(failed, None)

    def _check(self, article: Article) -> Article:
        """The article, or a copy with an error record when its text cannot be processed.

        Lone surrogates (from JSON escapes such as "\\ud800") are replaced by U+FFFD in the
        text and the fields written out, so the output is always valid UTF-8; every other
        character, control characters included, is kept, so offsets stay true.
        """
        article = without_surrogates(article)
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
        doc = make_doc_bounded(self.nlp, article.text or "")
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
            return Document(**base, error=error, warnings=list(article.warnings))
        if not article.title and doc._.extractor_title:
            base["title"] = doc._.extractor_title
        return Document(
            **base,
            published=doc._.extractor_published,
            published_rule=doc._.extractor_published_rule,
            warnings=[*article.warnings, *(doc._.extractor_warnings or [])],
            events=[Event.model_validate(e) for e in doc._.extractor_events or []],
        )


def make_doc_bounded(nlp: Language, text: str) -> Doc:
    """``nlp.make_doc(text)``, with runs over :data:`MAX_RUN` non-space characters tokenized
    in pieces of :data:`RUN_PIECE` characters (so in linear time). ``doc.text == text``."""
    runs = list(_LONG_RUN.finditer(text))
    if not runs:
        return remember_text(nlp.make_doc(text), text)
    docs: list[Doc] = []
    position = 0
    for run in runs:
        if run.start() > position:
            docs.append(nlp.make_doc(text[position : run.start()]))
        start = run.start()
        for symbols in _SYMBOL_RUN.finditer(text, run.start(), run.end()):
            docs.extend(_pieces(nlp, text, start, symbols.start()))
            words = _chunks(text, symbols.start(), symbols.end())
            docs.append(Doc(nlp.vocab, words=words, spaces=[False] * len(words)))
            start = symbols.end()
        docs.extend(_pieces(nlp, text, start, run.end()))
        position = run.end()
    if position < len(text):
        docs.append(nlp.make_doc(text[position:]))
    doc = Doc.from_docs(docs, ensure_whitespace=False)
    if doc.text != text:  # never expected; offsets must stay true whatever happens
        raise ValueError("bounded tokenization changed the text")
    return remember_text(doc, text)


def _chunks(text: str, start: int, end: int) -> list[str]:
    return [text[i : min(i + RUN_PIECE, end)] for i in range(start, end, RUN_PIECE)]


def _pieces(nlp: Language, text: str, start: int, end: int) -> list[Doc]:
    return [nlp.make_doc(chunk) for chunk in _chunks(text, start, end)]


def without_surrogates(article: Article) -> Article:
    """``article`` with lone surrogates replaced in every string field (see
    :func:`clean_surrogates`)."""
    fields = ("doc_id", "source", "text", "published", "title", "url", "encoding")
    changes: dict[str, Any] = {}
    for name in fields:
        value = getattr(article, name)
        if isinstance(value, str):
            cleaned = clean_surrogates(value)
            if cleaned is not value:
                changes[name] = cleaned
    return replace(article, **changes) if changes else article


def _describe(exc: BaseException) -> str:
    """``Type: message (module.py:line in function)``, the innermost frame in our package."""
    where = ""
    for frame in reversed(traceback.extract_tb(exc.__traceback__)):
        if Path(frame.filename).parent.name in ("extractor", "components"):
            where = f" ({Path(frame.filename).name}:{frame.lineno} in {frame.name})"
            break
    message = clean_surrogates(str(exc))[:_MESSAGE_CHARS]
    return f"{type(exc).__name__}: {message}{where}"


def _internal_error(article: Article, exc: BaseException) -> ErrorRecord:
    described = _describe(exc)
    log.warning("%s: internal error: %s", article.source, described)
    log.debug("traceback of the internal error in %s", article.source, exc_info=exc)
    return ErrorRecord(type="internal_error", message=described)


def article_from_record(record: dict[str, Any], number: int) -> Article:
    """An :class:`Article` from a record dict; a record without usable text gets an error."""
    doc_id = usable_id(record.get("id")) or f"record-{number}"
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


def usable_id(value: Any) -> str | None:
    """A record's ``id`` as a string when it is a non-blank string or an integer, else None."""
    if isinstance(value, str) and value.strip():
        return value
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    return None


def _str_or_none(value: Any) -> str | None:
    return value if isinstance(value, str) and value else None
