"""The hostile corpus end to end: ``extractor run`` over everything that can go wrong.

``tests/hostile/`` holds the small cases (written by ``tests/hostile/make_corpus.py``); the
big and file-system-special ones are made here, in a copy of the folder: a file over
``--max-bytes``, a 50,000-character sentence, a 100,000-character token, 50,000 quotes and
50,000 newlines (the inputs that made the tokenizer and a date regex quadratic), symlink
loops, a dangling link, a FIFO and a file name that is not UTF-8.

The run must not crash (no traceback), must write exactly one document per input document
in input order with the expected error types, exit with status 1, and every document
without an error must be valid and have spans that read back their text.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from extractor import Document, Extractor
from extractor.config import Settings
from extractor.extract import Article, clean_surrogates
from extractor.io import decode, iter_articles, safe_output_path
from tests.helpers import assert_spans_read_back

HOSTILE = Path(__file__).resolve().parent / "hostile"
MAX_BYTES = 1_000_000
NEWS = (
    "A Russian drone attack on the southern city of Odesa killed two people and injured "
    "nine others overnight, regional Governor Oleh Kiper said on Telegram on Monday.\n"
)
BAD_NAME = os.fsdecode(b"bad_\xff_name.txt")

#: (doc_id, error type or None) for every document, in the order the run must write them.
EXPECTED: list[tuple[str, str | None]] = [
    ("bad_\ufffd_name.txt", None),
    ("big_over_limit.txt", "too_large"),
    ("binary_elf.txt", "binary"),
    ("binary_png.md", "binary"),
    ("binary_random.txt", "binary"),
    ("broken_bom_utf16.txt", "decode_error"),
    ("control_chars.txt", None),
    ("cp1251_ukrainian.txt", None),
    ("cp1252.txt", None),
    ("dangling.txt", "read_error"),
    ("deep.json", "json_error"),
    ("empty.txt", "empty"),
    ("empty_list.json", "empty"),
    ("empty_records.jsonl", "empty"),
    ("fifo.txt", "read_error"),
    ("garbage_no_nul.txt", "binary"),
    ("html_noise.txt", None),
    ("invalid_utf8.txt", None),
    ("latin1.txt", None),
    ("long_newlines.txt", None),
    ("long_quotes.txt", None),
    ("long_sentence.txt", None),
    ("long_token.txt", None),
    ("many_quotes.txt", None),
    ("markdown_noise.md", None),
    ("numbers_noise.txt", None),
    ("good", None),
    ("records.jsonl:2", "json_error"),
    ("records.jsonl:3", "record_error"),
    ("records.jsonl:4", "record_error"),
    ("records.jsonl:5", "record_error"),
    ("no-text", "missing_text"),
    ("text-int", "missing_text"),
    ("text-null", "missing_text"),
    ("text-list", "missing_text"),
    ("text-empty", "empty"),
    ("text-blank", "empty"),
    ("published-int", None),
    ("records.jsonl:13", None),  # "id": null: the line gives the id
    ("7", None),
    ("records.jsonl:15", None),  # "id": {...}: not an id
    ("not-a-date", None),
    ("feb-30", None),
    ("far-future", None),
    ("far-future-time", None),
    ("year-one", None),
    ("nan-published", None),
    ("nul-inside", None),
    ("ansi", None),
    ("bidi", None),
    ("lone-surrogate", None),
    ("paired-surrogates", None),
    ("surrogate-\ufffd-id", None),
    ("u2028", None),
    ("records.jsonl:29", "json_error"),  # a 5,000-digit number
    ("records.jsonl:30", "json_error"),  # nested 3,000 deep
    ("records.jsonl:31", "json_error"),  # trailing comma
    ("../../../etc/passwd", None),
    ("dup", None),
    ("dup~2", None),  # the same id again: renamed, so event ids stay unique
    ("bom-line", None),
    ("list-1", None),
    ("records_list.json#2", "record_error"),
    ("records_list.json#3", "record_error"),
    ("records_list.json#4", "missing_text"),
    ("list-5", None),
    ("scalar.json", "record_error"),
    ("self_loop.txt", "read_error"),
    ("truncated.json", "json_error"),
    ("utf16_bom.txt", None),
    ("utf16be_nobom.txt", None),
    ("utf16le_nobom.txt", None),
    ("utf32_bom.txt", None),
    ("utf8_bom.txt", None),
    ("whitespace_only.txt", "empty"),
]

#: Documents that reach the safety net (``internal_error``) because of a bug elsewhere;
#: empty since publication dates outside 1800-2200 are ignored (they overflowed).
KNOWN_BUGS: dict[str, str] = {}

ENCODINGS = {
    "cp1252.txt": "cp1252", "cp1251_ukrainian.txt": "cp1251", "latin1.txt": "cp1252",
    "utf16_bom.txt": "utf-16", "utf16le_nobom.txt": "utf-16-le",
    "utf16be_nobom.txt": "utf-16-be", "utf32_bom.txt": "utf-32", "utf8_bom.txt": "utf-8-sig",
    "invalid_utf8.txt": "utf-8 (4 invalid byte sequences replaced by U+FFFD)",
    "good": None, "control_chars.txt": None,
}


def build_corpus(folder: Path) -> Path:
    """A copy of tests/hostile plus the generated big and special cases."""
    shutil.copytree(HOSTILE, folder, ignore=shutil.ignore_patterns("*.py", "__pycache__"))
    sentence = " ".join(["Russian forces shelled villages near the border killing civilians"] * 800)
    (folder / "big_over_limit.txt").write_text("Shelling hit Kyiv. " * 65_000)
    (folder / "long_sentence.txt").write_text(sentence[:50_000])
    (folder / "long_token.txt").write_text("Kyiv " + "a" * 100_000 + " was hit.")
    (folder / "long_quotes.txt").write_text('Kyiv said "' + '"' * 50_000 + "\n")
    (folder / "long_newlines.txt").write_text("\n" * 50_000 + NEWS)
    (folder / "loop").symlink_to(".", target_is_directory=True)
    (folder / "sub").mkdir()
    (folder / "sub" / "up").symlink_to("..", target_is_directory=True)
    (folder / "self_loop.txt").symlink_to("self_loop.txt")
    (folder / "dangling.txt").symlink_to("missing/nowhere.txt")
    os.mkfifo(folder / "fifo.txt")
    (folder / BAD_NAME).write_text(NEWS)
    return folder


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_corpus(tmp_path_factory.mktemp("hostile") / "in")


@pytest.fixture(scope="module")
def run(corpus: Path) -> dict[str, Any]:
    out = corpus.parent / "out" / "events.jsonl"
    started = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-m", "extractor", "run", str(corpus), "-o", str(out),
         "--max-bytes", str(MAX_BYTES)],
        capture_output=True, text=True, timeout=600,
    )
    documents = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    return {"result": result, "documents": documents, "seconds": time.perf_counter() - started}


def test_run_ends_cleanly_with_status_1(run: dict[str, Any]) -> None:
    result = run["result"]
    assert result.returncode == 1, result.stderr[-3000:]
    assert "Traceback" not in result.stderr
    assert f"{len(EXPECTED)} documents" in result.stderr
    errors = sum(1 for _, error in EXPECTED if error)
    assert any(f"{n} errors" in result.stderr for n in range(errors, errors + len(KNOWN_BUGS) + 1))


def test_one_document_per_input_in_order_with_the_expected_errors(run: dict[str, Any]) -> None:
    got = [(d["doc_id"], d["error"]["type"] if d["error"] else None) for d in run["documents"]]
    got = [(i, None if i in KNOWN_BUGS and e == "internal_error" else e) for i, e in got]
    assert got == EXPECTED


def test_no_internal_errors_and_every_document_is_valid(run: dict[str, Any]) -> None:
    for document in run["documents"]:
        parsed = Document.model_validate(document)
        if parsed.doc_id not in KNOWN_BUGS:
            assert parsed.error is None or parsed.error.type != "internal_error", parsed.error
        if parsed.error is not None:
            assert not parsed.events and parsed.error.message


def test_spans_read_back_in_every_document(run: dict[str, Any], corpus: Path) -> None:
    texts = _texts(corpus)
    for document in run["documents"]:
        if document["error"] is None:
            text = texts[(document["source"], document["doc_id"])]
            assert_spans_read_back(document, text)
            ids = [event["id"] for event in document["events"]]
            assert ids == [f"{document['doc_id']}#{n}" for n in range(1, len(ids) + 1)]


def _texts(corpus: Path) -> dict[tuple[str, str], str]:
    """The text of every readable document, by (source, doc_id), as the library reads it."""
    return {
        (a.source, a.doc_id): clean_surrogates(a.text)
        for a in iter_articles([str(corpus)], max_bytes=MAX_BYTES) if a.text is not None
    }


def test_encodings_are_detected_and_recorded(run: dict[str, Any]) -> None:
    by_id = {d["doc_id"]: d for d in run["documents"]}
    for doc_id, encoding in ENCODINGS.items():
        assert by_id[doc_id]["encoding"] == encoding, doc_id
    for doc_id in ("utf16_bom.txt", "utf16le_nobom.txt", "utf16be_nobom.txt", "utf32_bom.txt"):
        assert by_id[doc_id]["events"], f"{doc_id} decodes to the news text: an event"


@pytest.mark.parametrize(
    ("name", "words"),
    [("cp1252.txt", "\u201cWe were shelled all night,\u201d"), ("latin1.txt", "arm\u00e9es ont frapp\u00e9"),
     ("cp1251_ukrainian.txt", "\u041e\u0431\u0441\u0442\u0440\u0456\u043b \u0425\u0430\u0440\u043a\u043e\u0432\u0430"),
     ("utf16le_nobom.txt", "A Russian drone attack"), ("invalid_utf8.txt", "\ufffd( broken \ufffd\ufffd bytes \ufffd here")],
)
def test_legacy_encodings_decode_to_the_right_text(name: str, words: str) -> None:
    text, _ = decode((HOSTILE / name).read_bytes())
    assert words in text


def test_big_inputs_stay_fast(run: dict[str, Any]) -> None:
    """50k-character sentences, tokens, quote and newline runs: seconds, not minutes."""
    assert run["seconds"] < 120, run["seconds"]


def test_symlinks_are_not_followed_and_never_hang(corpus: Path) -> None:
    ids = [a.doc_id for a in iter_articles([str(corpus)], max_bytes=MAX_BYTES)]
    assert not any(i.startswith(("loop/", "sub/")) for i in ids)


# --- the library: limits and the per-document safety net -----------------------------------


def test_max_chars_gives_too_large() -> None:
    ex = Extractor(settings=Settings(max_chars=500))
    [short, long] = ex.extract_many([{"id": "s", "text": NEWS}, {"id": "l", "text": NEWS * 10}])
    assert short.error is None and long.error is not None and long.error.type == "too_large"


def test_an_exception_in_one_document_costs_only_that_document(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    ex = Extractor()
    stages = ex.nlp.get_pipe("extractor_events").stages
    original = stages.counts.extract

    def explode(span: Any, *args: Any, **kwargs: Any) -> Any:
        if "BOOM" in span.text:
            raise ZeroDivisionError("a stage failed")
        return original(span, *args, **kwargs)

    monkeypatch.setattr(stages.counts, "extract", explode)
    records = [{"id": f"r{n}", "text": NEWS.replace("Odesa", "BOOM") if n in (1, 4) else NEWS}
               for n in range(6)]
    docs = list(ex.extract_many(records, batch_size=3))
    assert [d.doc_id for d in docs] == [f"r{n}" for n in range(6)]
    errors = [d.error.type if d.error else None for d in docs]
    assert errors == [None, "internal_error", None, None, "internal_error", None]
    assert "ZeroDivisionError: a stage failed" in docs[1].error.message  # type: ignore[union-attr]
    assert all(d.events for d in docs if d.error is None)


def test_lone_surrogates_become_replacement_characters() -> None:
    doc = Extractor().extract("Drones \ud800 hit Sumy, injuring 3 people.", doc_id="x\udc80")
    assert doc.doc_id == "x\ufffd"
    json.loads(doc.model_dump_json())  # encodable
    assert all("\ufffd" in e.text for e in doc.events)


def test_articles_from_stdin_are_bounded() -> None:
    import io

    [article] = iter_articles(["-"], max_bytes=10, stdin=io.BytesIO(b"x" * 11))
    assert isinstance(article, Article) and article.error is not None
    assert article.error.type == "too_large"


# --- paths -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "expected"),
    [("a1", "a1"), ("sub/a.txt", "sub/a.txt"), ("../../etc/passwd", "etc/passwd"),
     ("/etc/passwd", "etc/passwd"), ("..", "_"), ("", "_"), ("./././x", "x"),
     ("a\\..\\..\\b", "a_.._.._b"), ("C:\\Windows", "C__Windows"), ("CON", "_CON"),
     ("nul.txt", "_nul.txt"), ("x\x00y\ny", "x_y_y"), ("bad\udcffname", "bad\ufffdname"),
     ("a//b", "a/b"), (" .. / x ", "x")],
)
def test_safe_output_path_stays_inside(tmp_path: Path, name: str, expected: str) -> None:
    path = safe_output_path(tmp_path, name)
    assert path == tmp_path / expected
    assert path.resolve().is_relative_to(tmp_path.resolve())


def test_safe_output_path_long_parts_and_links(tmp_path: Path) -> None:
    long_a, long_b = "a" * 300 + "1", "a" * 300 + "2"
    pa, pb = safe_output_path(tmp_path, long_a), safe_output_path(tmp_path, long_b)
    assert pa != pb and len(pa.name) < 150
    assert safe_output_path(tmp_path, "x", suffix=".jsonl").name == "x.jsonl"
    (tmp_path / "out").symlink_to("/", target_is_directory=True)
    with pytest.raises(ValueError, match="leads out"):
        safe_output_path(tmp_path, "out/etc/passwd")
