"""Reading articles (files, folders, JSON, JSON Lines, stdin) and writing JSON Lines.

Every input document yields exactly one :class:`Article`, in input order: a file or line
that cannot be read becomes an Article with its ``error`` set, never an exception.
"""

from __future__ import annotations

import json
import logging
import os
import shutil
import sys
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
#: Files in a folder that describe it rather than hold an article (README.md, README.txt).
FOLDER_NOTES = ("readme",)
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


def count_documents(inputs: list[str]) -> int | None:
    """How many documents ``inputs`` hold (JSON Lines counted by line); None when unknown."""
    total = 0
    for given in inputs:
        if given == "-":
            return None
        root = Path(given)
        for path in walk_folder(root) if root.is_dir() else [root]:
            if path.suffix.lower() != ".jsonl":
                total += 1
                continue
            try:
                with path.open("rb") as stream:
                    total += sum(1 for line in stream if line.strip())
            except OSError:
                total += 1
    return total


def walk_folder(root: Path) -> Iterator[Path]:
    """Article files under ``root`` in sorted order; symlinked folders are not followed."""
    for folder, subdirs, files in os.walk(root, followlinks=False):
        subdirs.sort()
        for name in sorted(files):
            if _is_article_name(name):
                yield Path(folder) / name


def _is_article_name(name: str) -> bool:
    stem = name.split(".", 1)[0].lower()
    return (
        name.endswith(ARTICLE_SUFFIXES) and not name.endswith(GOLD_SUFFIX)
        and stem not in FOLDER_NOTES
    )


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


def document_key(source: str, doc_id: str) -> str:
    """What identifies a document across runs, for ``--resume``."""
    return f"{source}\t{doc_id}"


class JsonlWriter:
    """Writes documents as JSON Lines to stdout, or to a file, safely.

    A file is written to ``OUT.partial``, flushed after every document and synced to disk
    every ``sync_every`` documents; when the run ends without an exception it is renamed to
    ``OUT`` in one step, so ``OUT`` is never half-written. After a crash the partial file stays
    and ``resume=True`` continues it: its last, possibly cut, line is dropped, and
    :attr:`done` holds the keys of the documents already written.
    """

    def __init__(self, path: Path | None, *, resume: bool = False, sync_every: int = 64):
        self.path = path
        self.resume = resume
        self.sync_every = sync_every
        self.done: set[str] = set()
        self._stream: IO[str] = sys.stdout
        self._unsynced = 0

    @property
    def partial(self) -> Path | None:
        return self.path.with_name(self.path.name + ".partial") if self.path else None

    def __enter__(self) -> JsonlWriter:
        if self.path is None or self.partial is None:
            return self
        self.path.parent.mkdir(parents=True, exist_ok=True)
        if self.resume:
            self._prepare_resume(self.path, self.partial)
        mode = "a" if self.resume else "w"
        self._stream = open(self.partial, mode, encoding="utf-8")  # noqa: SIM115
        return self

    def _prepare_resume(self, final: Path, partial: Path) -> None:
        if not partial.exists() and final.exists():
            shutil.copyfile(final, partial)
        if not partial.exists():
            return
        data = partial.read_bytes()
        complete = data[: data.rfind(b"\n") + 1]
        if len(complete) != len(data):
            partial.write_bytes(complete)
        for line in complete.decode("utf-8", errors="replace").splitlines():
            try:
                record = json.loads(line)
                self.done.add(document_key(record["source"], record["doc_id"]))
            except (json.JSONDecodeError, KeyError, TypeError):
                continue

    def is_done(self, source: str, doc_id: str) -> bool:
        """True when a resumed output already holds this document."""
        return document_key(source, doc_id) in self.done

    def write(self, document: Document) -> None:
        self._stream.write(document.model_dump_json() + "\n")
        self._stream.flush()
        self._unsynced += 1
        if self.path is not None and self._unsynced >= self.sync_every:
            os.fsync(self._stream.fileno())
            self._unsynced = 0

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self._stream.flush()
        if self.path is None or self.partial is None:
            return
        os.fsync(self._stream.fileno())
        self._stream.close()
        if kind is None:
            os.replace(self.partial, self.path)
