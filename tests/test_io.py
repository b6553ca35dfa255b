"""Reading articles: every input yields exactly one Article, in order, error or not."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from extractor.errors import InputError
from extractor.io import JsonlWriter, count_documents, decode, iter_articles
from extractor.models import Document, Provenance

MB = 1_000_000


@pytest.mark.parametrize(
    ("data", "text", "encoding"),
    [
        (b"Kyiv was hit.", "Kyiv was hit.", None),
        ("\ufeffKyiv".encode(), "Kyiv", "utf-8-sig"),
        ("Odesa, Ukraine".encode("utf-16"), "Odesa, Ukraine", "utf-16"),
        ("Zaporizhzhia \u2014 shelling".encode("utf-32"), "Zaporizhzhia \u2014 shelling", "utf-32"),
    ],
)
def test_decode_known_encodings(data: bytes, text: str, encoding: str | None) -> None:
    assert decode(data) == (text, encoding)


def test_decode_detects_legacy_encoding() -> None:
    text = "Les forces armées ont frappé la région de Donetsk à l'aube, selon l'état-major."
    decoded, encoding = decode(text.encode("cp1252"))
    assert decoded == text
    assert encoding is not None


def test_decode_rejects_binary() -> None:
    with pytest.raises(InputError, match="binary"):
        decode(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00")


def _write(folder: Path, name: str, data: bytes | str) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data if isinstance(data, bytes) else data.encode())
    return path


def test_folder_walk_order_ids_and_errors(tmp_path: Path) -> None:
    _write(tmp_path, "b.txt", "Second article.")
    _write(tmp_path, "a.txt", "First article.")
    _write(tmp_path, "a.gold.json", "{}")
    _write(tmp_path, "notes.csv", "ignored")
    _write(tmp_path, "README.md", "# About this folder")
    _write(tmp_path, "sub/c.md", "Third article.")
    _write(tmp_path, "sub/d.jsonl", '{"id": "r1", "text": "One."}\nnot json\n\n{"id": "r3"}\n[1]\n')
    _write(tmp_path, "sub/e.json", '[{"id": "x", "text": "A", "published": "2025-07-02"}, {"text": "B"}]')
    _write(tmp_path, "sub/f.txt", b"\x00\x01\x02binary")
    articles = list(iter_articles([str(tmp_path)], max_bytes=MB))
    ids = [a.doc_id for a in articles]
    assert ids == ["a.txt", "b.txt", "sub/c.md", "r1", "sub/d.jsonl:2", "r3", "sub/d.jsonl:5",
                   "x", "sub/e.json#2", "sub/f.txt"]
    errors = {a.doc_id: a.error.type for a in articles if a.error}
    assert errors == {"sub/d.jsonl:2": "json_error", "r3": "missing_text",
                      "sub/d.jsonl:5": "record_error", "sub/f.txt": "binary"}
    assert articles[3].source.endswith("d.jsonl:1")
    assert articles[7].published == "2025-07-02"


def test_size_limit_gives_error_record(tmp_path: Path) -> None:
    path = _write(tmp_path, "big.txt", "word " * 1000)
    [article] = iter_articles([str(path)], max_bytes=100)
    assert article.error is not None and article.error.type == "too_large"
    assert article.doc_id == "big.txt"


def test_symlink_loop_does_not_hang(tmp_path: Path) -> None:
    _write(tmp_path, "x/a.txt", "Text.")
    (tmp_path / "x" / "loop").symlink_to(tmp_path, target_is_directory=True)
    assert [a.doc_id for a in iter_articles([str(tmp_path)], max_bytes=MB)] == ["x/a.txt"]


def _document(doc_id: str) -> Document:
    return Document(doc_id=doc_id, source="-", extractor=Provenance(version="t", model="m"))


def test_writer_renames_only_a_complete_output(tmp_path: Path) -> None:
    target = tmp_path / "out" / "events.jsonl"
    with JsonlWriter(target) as writer:
        writer.write(_document("a"))
        assert not target.exists()
    assert [json.loads(line)["doc_id"] for line in target.read_text().splitlines()] == ["a"]
    with pytest.raises(RuntimeError), JsonlWriter(target) as writer:
        writer.write(_document("b"))
        raise RuntimeError("crash mid-run")
    assert json.loads(target.read_text())["doc_id"] == "a"
    assert (tmp_path / "out" / "events.jsonl.partial").read_text().count("\n") == 1


def test_resume_drops_a_cut_line_and_knows_what_is_done(tmp_path: Path) -> None:
    target = tmp_path / "events.jsonl"
    partial = tmp_path / "events.jsonl.partial"
    partial.write_text(_document("a").model_dump_json() + "\n" + '{"doc_id": "b", "sou')
    with JsonlWriter(target, resume=True) as writer:
        assert writer.is_done("-", "a") and not writer.is_done("-", "b")
        writer.write(_document("b"))
    assert [json.loads(line)["doc_id"] for line in target.read_text().splitlines()] == ["a", "b"]
    assert not partial.exists()


def test_count_documents(tmp_path: Path) -> None:
    _write(tmp_path, "a.txt", "x")
    _write(tmp_path, "b.jsonl", '{"text": "1"}\n\n{"text": "2"}\n')
    assert count_documents([str(tmp_path)]) == 3
    assert count_documents(["-"]) is None


def test_the_samples_folder_reads_as_articles_only() -> None:
    samples = Path(__file__).resolve().parents[1] / "samples"
    articles = list(iter_articles([str(samples)], max_bytes=MB))
    assert [a.error for a in articles if a.error] == []
    assert len(articles) == len(list(samples.glob("*.txt")))


def test_repeated_record_ids_are_renamed_in_input_order(tmp_path: Path) -> None:
    records = [{"id": "a", "text": "One."}, {"id": "a", "text": "Two."}, {"id": "a~2", "text": "Three."},
               {"id": "a", "text": "Four."}]
    _write(tmp_path, "wire.jsonl", "\n".join(json.dumps(r) for r in records) + "\n")
    _write(tmp_path, "z.json", json.dumps({"id": "a", "text": "Five."}))
    articles = list(iter_articles([str(tmp_path)], max_bytes=MB))
    assert [a.doc_id for a in articles] == ["a", "a~2", "a~2~2", "a~3", "a~4"]
    assert articles[0].warnings == ()
    assert "'a' was used by an earlier document" in articles[1].warnings[0]
    assert [a.text for a in articles] == ["One.", "Two.", "Three.", "Four.", "Five."]
