"""Reading articles (files, folders, JSON, JSON Lines, stdin) and writing JSON Lines.

Every input document yields exactly one :class:`Article`, in input order: a file or line
that cannot be read becomes an Article with its ``error`` set, never an exception.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import re
import shutil
import stat
import sys
from collections.abc import Iterable, Iterator
from dataclasses import replace
from pathlib import Path
from types import TracebackType
from typing import IO, Any

from charset_normalizer import from_bytes

from .errors import InputError
from .extract import (
    Article,
    article_from_record,
    clean_surrogates,
    usable_id,
    without_surrogates,
)
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
#: Among detected encodings that read the bytes equally well, the ones preferred (the
#: commonest legacy encodings of news text; WHATWG reads latin-1 as windows-1252 too).
_PREFERRED_LEGACY = ("cp1252", "cp1251", "cp1250")
_CHAOS_TIE = 0.01
#: Share of UTF-16 code units whose high byte is 0 above which NUL-holding bytes are read
#: as UTF-16 without a BOM (Latin-script text has nearly all of them 0; binaries do not
#: show the strict alternation that the low byte is then never 0).
_UTF16_HIGH_ZEROS = 0.5
_UTF16_LOW_ZEROS = 0.01
#: At most this share of invalid UTF-8 sequences (U+FFFD after decoding) is repaired.
_MAX_REPLACED = 0.01
#: Text in which more than this share of characters are C0 controls (other than tab, line
#: and page breaks) or DEL is binary, whatever its encoding.
_MAX_CONTROL = 0.1
_CONTROL = re.compile("[\x00-\x08\x0e-\x1f\x7f]")


def decode(data: bytes) -> tuple[str, str | None]:
    """Decode article bytes: BOMs first, then UTF-8, UTF-16 without BOM, then detection.

    Decoded text that is mostly control characters is binary after all (see
    :func:`_decode`, which does the rest).

    Returns:
        The text and the encoding assumed when it was not plain UTF-8 (else None).

    Raises:
        InputError: the bytes are binary or in no encoding that can be told.
    """
    text, encoding = _decode(data)
    if len(_CONTROL.findall(text)) > _MAX_CONTROL * len(text):
        raise InputError("binary", "mostly control characters: binary, not text")
    return text, encoding


def _decode(data: bytes) -> tuple[str, str | None]:
    """Decode article bytes: BOMs first, then UTF-8, UTF-16 without BOM, then detection.

    The order: a BOM (UTF-8/16/32) decides; bytes holding NUL are UTF-16 without a BOM when
    every other byte is 0 in the way Latin-script UTF-16 is, else binary; valid UTF-8 is
    UTF-8; UTF-8 with a few broken sequences (at most twice as many as the valid multi-byte
    characters around them) is UTF-8 with each broken sequence replaced by U+FFFD; anything
    else is detected by ``charset-normalizer`` (ties go to windows-1252, -1251, -1250).
    """
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(codec), codec
            except UnicodeDecodeError as exc:
                raise InputError("decode_error", f"invalid {codec} after its BOM: {exc}") from exc
    if b"\x00" in data:
        utf16 = _utf16_without_bom(data)
        if utf16 is None:
            raise InputError("binary", "the file holds NUL bytes: binary, not text")
        return utf16
    try:
        return data.decode("utf-8"), None
    except UnicodeDecodeError:
        pass
    repaired = data.decode("utf-8", errors="replace")
    broken = repaired.count("\ufffd") - data.count("\ufffd".encode())
    valid_multibyte = len(repaired) - len(repaired.encode("ascii", "ignore")) - broken
    replaced = (repaired, f"utf-8 ({broken} invalid byte sequences replaced by U+FFFD)")
    if valid_multibyte and broken <= 2 * valid_multibyte:
        return replaced
    detected = _detect(data)
    if detected is not None:
        return detected
    if broken <= _MAX_REPLACED * len(repaired) and not _CONTROL.search(repaired):
        return replaced
    raise InputError("decode_error", "not UTF-8, and no other encoding fits the bytes")


def _utf16_without_bom(data: bytes) -> tuple[str, str] | None:
    """UTF-16 text without a BOM (LE or BE), told by where its zero bytes are; else None."""
    if len(data) < 4 or len(data) % 2:
        return None
    even, odd = data[0::2], data[1::2]
    even_zeros, odd_zeros = even.count(0) / len(even), odd.count(0) / len(odd)
    for codec, low_zeros, high_zeros in (
        ("utf-16-le", even_zeros, odd_zeros), ("utf-16-be", odd_zeros, even_zeros)
    ):
        if high_zeros < _UTF16_HIGH_ZEROS or low_zeros > _UTF16_LOW_ZEROS:
            continue
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            return None
        if len(_CONTROL.findall(text)) <= _UTF16_LOW_ZEROS * len(text):
            return text, codec
    return None


def _detect(data: bytes) -> tuple[str, str] | None:
    """The legacy encoding ``charset-normalizer`` finds best, preferring common ones on ties."""
    matches = list(from_bytes(data))
    if not matches or matches[0].chaos > _MAX_CHAOS:
        return None
    best = matches[0]
    tied = [m for m in matches if m.chaos <= best.chaos + _CHAOS_TIE]
    for codec in _PREFERRED_LEGACY:
        for match in tied:
            if codec in match.could_be_from_charset:
                try:
                    return data.decode(codec), codec
                except UnicodeDecodeError:
                    break
    return str(best), best.encoding


def iter_articles(inputs: list[str], *, max_bytes: int, stdin: IO[bytes] | None = None) -> Iterator[Article]:
    """Articles from every input in order: ``-`` (stdin), files, and folders (recursively),
    each with an id no earlier one has (:func:`unique_ids`)."""
    return unique_ids(_read_inputs(inputs, max_bytes, stdin))


def unique_ids(articles: Iterable[Article]) -> Iterator[Article]:
    """``articles`` with a repeated ``doc_id`` renamed ``<id>~2``, ``<id>~3``, ... (and a
    warning saying so), so that event ids (``<doc_id>#<n>``) stay unique in the output.

    The renaming depends only on the input order, so a resumed run names alike.
    """
    seen: set[str] = set()
    for article in articles:
        doc_id, copy = article.doc_id, 1
        while doc_id in seen:
            copy += 1
            doc_id = f"{article.doc_id}~{copy}"
        seen.add(doc_id)
        if doc_id != article.doc_id:
            warning = f"id {article.doc_id!r} was used by an earlier document: renamed {doc_id!r}"
            log.warning("%s: %s", article.source, warning)
            article = replace(article, doc_id=doc_id, warnings=(*article.warnings, warning))
        yield article


def _read_inputs(inputs: list[str], max_bytes: int, stdin: IO[bytes] | None) -> Iterator[Article]:
    for given in inputs:
        if given == "-":
            stream = stdin or sys.stdin.buffer
            data = stream.read(max_bytes + 1)
            if len(data) > max_bytes:
                yield _failed("-", "-", "too_large", f"standard input is over {max_bytes} bytes")
                continue
            yield from _articles_from_bytes(data, "-", "-", ".txt")
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
            if path.suffix.lower() != ".jsonl" or not path.is_file():
                total += 1
                continue
            try:
                with path.open("rb") as stream:
                    total += max(1, sum(1 for line in stream if line.strip()))
            except OSError:
                total += 1
    return total


def walk_folder(root: Path) -> Iterator[Path]:
    """Article files under ``root`` in sorted order; symlinked folders are not followed."""
    for folder, subdirs, files in os.walk(root, followlinks=False, onerror=_walk_error):
        subdirs.sort()
        for name in sorted(files):
            if _is_article_name(name):
                yield Path(folder) / name


def _walk_error(exc: OSError) -> None:
    log.warning("cannot list %s: %s", exc.filename, exc.strerror)


def _is_article_name(name: str) -> bool:
    stem = name.split(".", 1)[0].lower()
    return (
        name.endswith(ARTICLE_SUFFIXES) and not name.endswith(GOLD_SUFFIX)
        and stem not in FOLDER_NOTES
    )


def read_file(path: Path, doc_id: str, max_bytes: int) -> Iterator[Article]:
    """The articles of one file: one for text, one per record for JSON and JSON Lines.

    Only regular files (or links to them) are read, and never more than ``max_bytes + 1``
    bytes of them, so a FIFO, a device or a growing file cannot hang or exhaust the run.
    Names that are not valid UTF-8 are kept with U+FFFD for the bad bytes.
    """
    source = clean_surrogates(str(path))
    doc_id = clean_surrogates(doc_id)
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):
            raise InputError("read_error", f"{source} is not a regular file")
        if info.st_size > max_bytes:
            raise InputError("too_large", f"{info.st_size} bytes, over the limit of {max_bytes}")
        with path.open("rb") as stream:
            data = stream.read(max_bytes + 1)
        if len(data) > max_bytes:
            raise InputError("too_large", f"over the limit of {max_bytes} bytes")
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
    except (ValueError, RecursionError) as exc:  # nested too deeply, a 5,000-digit number
        yield _failed(doc_id, source, "json_error", _json_problem(exc))
        return
    records = data if isinstance(data, list) else [data]
    if not records:
        yield _failed(doc_id, source, "empty", "the JSON list holds no records")
    for number, record in enumerate(records, 1):
        where = source if len(records) == 1 else f"{source}#{number}"
        yield _record_article(record, f"{doc_id}#{number}" if len(records) > 1 else doc_id, where)


def _jsonl_articles(text: str, doc_id: str, source: str) -> Iterator[Article]:
    found = False
    # Only "\n" ends a line: str.splitlines() would also cut at U+2028, U+0085 or \x0c,
    # which JSON allows raw inside strings.
    for number, line in enumerate(text.split("\n"), 1):
        if not line.strip():
            continue
        found = True
        where = f"{source}:{number}"
        try:  # a BOM inside the file: files with BOMs concatenated with cat
            record = json.loads(line.removeprefix("\ufeff"))
        except json.JSONDecodeError as exc:
            yield _failed(f"{doc_id}:{number}", where, "json_error", exc.msg)
            continue
        except (ValueError, RecursionError) as exc:
            yield _failed(f"{doc_id}:{number}", where, "json_error", _json_problem(exc))
            continue
        yield _record_article(record, f"{doc_id}:{number}", where)
    if not found:  # every input file is accounted for in the output
        yield _failed(doc_id, source, "empty", "the JSON Lines file holds no records")


def _json_problem(exc: Exception) -> str:
    if isinstance(exc, RecursionError):
        return "JSON nested too deeply"
    return f"unreadable JSON value: {str(exc)[:200]}"


def _record_article(record: Any, fallback_id: str, source: str) -> Article:
    if not isinstance(record, dict):
        return _failed(fallback_id, source, "record_error", "a record must be a JSON object")
    record = {**record, "source": source}
    if usable_id(record.get("id")) is None:
        record["id"] = fallback_id
    return without_surrogates(article_from_record(record, 0))


def _failed(doc_id: str, source: str, kind: str, message: str) -> Article:
    log.warning("%s: %s", source, message)
    return Article(doc_id=doc_id, source=source, text=None,
                   error=ErrorRecord(type=kind, message=message))


_UNSAFE_CHARS = re.compile(r'[\x00-\x1f\x7f\\:*?"<>|]')
_RESERVED_NAMES = {"con", "prn", "aux", "nul", *(f"com{n}" for n in range(10)),
                   *(f"lpt{n}" for n in range(10))}
_MAX_PART = 120


def safe_output_path(root: Path, name: str, suffix: str = "") -> Path:
    """A path inside ``root`` for an output named after input (a doc_id, a source path).

    ``name`` is read as ``/``-separated parts. Parts that are empty, ``.`` or ``..`` are
    dropped, so ``../../etc/passwd`` and ``/etc/passwd`` both land at ``root/etc/passwd``;
    control characters, backslashes and characters Windows forbids become ``_``; a part
    over 120 characters is cut and given a hash of the whole (so distinct names stay
    distinct); device names (``CON``, ``NUL``...) get a leading ``_``.

    Raises:
        ValueError: the result would still lie outside ``root`` (a symlink inside ``root``
            that points out of it).
    """
    parts = []
    for part in clean_surrogates(name).split("/"):
        part = _UNSAFE_CHARS.sub("_", part).strip()
        if part in ("", ".", ".."):
            continue
        if len(part) > _MAX_PART:
            digest = hashlib.sha1(part.encode("utf-8")).hexdigest()[:12]
            part = f"{part[:_MAX_PART]}-{digest}"
        if part.split(".", 1)[0].lower() in _RESERVED_NAMES:
            part = "_" + part
        parts.append(part)
    if not parts:
        parts = ["_"]
    parts[-1] += suffix
    target = root.joinpath(*parts)
    base = root.resolve()
    if not target.resolve().is_relative_to(base):
        raise ValueError(f"{name!r} leads out of {root} (through a symbolic link)")
    return target


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
