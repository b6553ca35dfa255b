"""Reading articles (files, folders, JSON, JSON Lines, stdin) and writing JSON Lines.

Every input document yields exactly one :class:`Article`, in input order: a file or line
that cannot be read becomes an Article with its ``error`` set, never an exception.
"""

from __future__ import annotations

import json
import logging
import os
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from types import TracebackType
from typing import IO, Any

from charset_normalizer import from_bytes

from .errors import InputError
from .extract import Article, article_from_record
from .models import Document, ErrorRecord

log = logging.getLogger(__name__)

ARTICLE_SUFFIXES = (".txt", ".md", ".json", ".jsonl")
GOLD_SUFFIX = ".gold.json"
_BOMS = (
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe\x00\x00", "utf-32"),
    (b"\x00\x00\xfe\xff", "utf-32"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
)
_MAX_CHAOS = 0.2


def decode(data: bytes) -> tuple[str, str | None]:
    """Decode article bytes: BOMs first, then UTF-8, then a detected encoding.

    Returns:
        The text and the encoding assumed when it was not plain UTF-8 (else None).

    Raises:
        InputError: the bytes are binary or in no encoding that can be told.
    """
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(codec), codec
            except UnicodeDecodeError as exc:
                raise InputError("decode_error", f"invalid {codec} after its BOM: {exc}") from exc
    if b"\x00" in data:
        raise InputError("binary", "the file holds NUL bytes: binary, not text")
    try:
        return data.decode("utf-8"), None
    except UnicodeDecodeError:
        pass
    best = from_bytes(data).best()
    if best is None or best.chaos > _MAX_CHAOS:
        raise InputError("decode_error", "not UTF-8, and no other encoding fits the bytes")
    return str(best), best.encoding


def iter_articles(inputs: list[str], *, max_bytes: int, stdin: IO[bytes] | None = None) -> Iterator[Article]:
    """Articles from every input in order: ``-`` (stdin), files, and folders (recursively)."""
    for given in inputs:
        if given == "-":
            stream = stdin or sys.stdin.buffer
            yield from _articles_from_bytes(stream.read(), "-", "-", ".txt")
            continue
        root = Path(given)
        if root.is_dir():
            for path in walk_folder(root):
                yield from read_file(path, path.relative_to(root).as_posix(), max_bytes)
        else:
            yield from read_file(root, root.name, max_bytes)


def walk_folder(root: Path) -> Iterator[Path]:
    """Article files under ``root`` in sorted order; symlinked folders are not followed."""
    for folder, subdirs, files in os.walk(root, followlinks=False):
        subdirs.sort()
        for name in sorted(files):
            if name.endswith(ARTICLE_SUFFIXES) and not name.endswith(GOLD_SUFFIX):
                yield Path(folder) / name


def read_file(path: Path, doc_id: str, max_bytes: int) -> Iterator[Article]:
    """The articles of one file: one for text, one per record for JSON and JSON Lines."""
    source = str(path)
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise InputError("too_large", f"{size} bytes, over the limit of {max_bytes}")
        data = path.read_bytes()
    except InputError as exc:
        yield _failed(doc_id, source, exc.kind, str(exc))
        return
    except OSError as exc:
        yield _failed(doc_id, source, "read_error", f"cannot read {source}: {exc.strerror}")
        return
    yield from _articles_from_bytes(data, doc_id, source, path.suffix.lower())


def _articles_from_bytes(data: bytes, doc_id: str, source: str, suffix: str) -> Iterator[Article]:
    try:
        text, encoding = decode(data)
    except InputError as exc:
        yield _failed(doc_id, source, exc.kind, str(exc))
        return
    if suffix == ".jsonl":
        yield from _jsonl_articles(text, doc_id, source)
    elif suffix == ".json":
        yield from _json_articles(text, doc_id, source)
    else:
        yield Article(doc_id=doc_id, source=source, text=text, encoding=encoding)


def _json_articles(text: str, doc_id: str, source: str) -> Iterator[Article]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        yield _failed(doc_id, source, "json_error", f"line {exc.lineno}: {exc.msg}")
        return
    records = data if isinstance(data, list) else [data]
    for number, record in enumerate(records, 1):
        where = source if len(records) == 1 else f"{source}#{number}"
        yield _record_article(record, f"{doc_id}#{number}" if len(records) > 1 else doc_id, where)


def _jsonl_articles(text: str, doc_id: str, source: str) -> Iterator[Article]:
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        where = f"{source}:{number}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            yield _failed(f"{doc_id}:{number}", where, "json_error", exc.msg)
            continue
        yield _record_article(record, f"{doc_id}:{number}", where)


def _record_article(record: Any, fallback_id: str, source: str) -> Article:
    if not isinstance(record, dict):
        return _failed(fallback_id, source, "record_error", "a record must be a JSON object")
    record = {"id": fallback_id, **record, "source": source}
    return article_from_record(record, 0)


def _failed(doc_id: str, source: str, kind: str, message: str) -> Article:
    log.warning("%s: %s", source, message)
    return Article(doc_id=doc_id, source=source, text=None,
                   error=ErrorRecord(type=kind, message=message))


class JsonlWriter:
    """Writes documents as JSON Lines to stdout, or atomically to a file (temp + rename)."""

    def __init__(self, path: Path | None):
        self.path = path
        self._tmp: Path | None = None
        self._stream: IO[str] = sys.stdout

    def __enter__(self) -> JsonlWriter:
        if self.path is not None:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            fd, name = tempfile.mkstemp(prefix=f".{self.path.name}.", dir=self.path.parent)
            self._tmp = Path(name)
            self._stream = os.fdopen(fd, "w", encoding="utf-8")
        return self

    def write(self, document: Document) -> None:
        self._stream.write(document.model_dump_json() + "\n")

    def flush(self) -> None:
        self._stream.flush()

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        if self._tmp is None:
            self._stream.flush()
            return
        self._stream.close()
        if kind is None and self.path is not None:
            os.replace(self._tmp, self.path)
        else:
            self._tmp.unlink(missing_ok=True)
