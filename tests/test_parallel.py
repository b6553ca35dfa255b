"""--workers N: the same output as one process, one pipeline per worker, fork-safe gazetteer."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from extractor.cli import app
from extractor.config import Settings
from extractor.extract import Extractor
from extractor.gazetteer import Gazetteer
from extractor.io import iter_articles
from extractor.parallel import ChunkResult, process_in_pool

runner = CliRunner()


def _run(corpus: Path, out: Path, *options: str) -> list[str]:
    args = ["run", str(corpus), "-o", str(out), "-q", "--published", "2025-07-02", *options]
    result = runner.invoke(app, args)
    assert result.exit_code == 1, result.output  # 1: the corpus holds unreadable inputs
    return out.read_text(encoding="utf-8").splitlines()


def test_two_workers_write_exactly_what_one_process_writes(corpus: Path, tmp_path: Path) -> None:
    one = _run(corpus, tmp_path / "one.jsonl")
    # --batch-size 2: many small chunks, so both workers take part and order is exercised.
    two = _run(corpus, tmp_path / "two.jsonl", "--workers", "2", "--batch-size", "2")
    assert len(one) == len(list(iter_articles([str(corpus)], max_bytes=10_000_000)))
    assert two == one  # byte for byte: order, event ids, error records
    docs = [json.loads(line) for line in two]
    errors = {d["doc_id"]: d["error"]["type"] for d in docs if d["error"]}
    assert errors == {"b_empty.txt": "empty", "c_binary.txt": "binary",
                      "d_records.jsonl:2": "json_error"}
    assert sum(len(d["events"]) for d in docs) > 20


def test_each_worker_builds_its_pipeline_once(corpus: Path) -> None:
    results: list[ChunkResult] = []
    articles = list(iter_articles([str(corpus)], max_bytes=10_000_000))
    documents = list(process_in_pool(Settings(), articles, n_process=2, chunk_size=2,
                                     on_chunk=results.append))
    assert [d.doc_id for d in documents] == [a.doc_id for a in articles]
    assert len(results) == (len(articles) + 1) // 2
    assert {r.pipelines_built for r in results} == {1}
    assert 1 <= len({r.pid for r in results}) <= 2
    assert os.getpid() not in {r.pid for r in results}
    assert all(0 < r.peak_rss_mb < 2000 for r in results)


def test_a_prebuilt_pipeline_cannot_go_to_workers(nlp: object) -> None:
    extractor = Extractor(nlp=nlp)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="n_process > 1"):
        list(extractor.extract_many([{"id": "a", "text": "Shelling hit Kherson."}], n_process=2))


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs os.fork")
def test_gazetteer_opens_its_own_connection_in_a_forked_child() -> None:
    settings = Settings()
    gazetteer = Gazetteer.open(settings.patterns_dir, settings.cache_dir)
    expected = [c.place.id for c in gazetteer.lookup("Kharkiv")]
    assert expected
    parent_connection = id(gazetteer._connection)
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: report and leave without running pytest's teardown
        try:
            found = [c.place.id for c in gazetteer._lookup("Kharkiv")]  # bypass the memo
            ok = found == expected and id(gazetteer._connection) != parent_connection
            os.write(write, b"ok" if ok else b"bad")
        finally:
            os._exit(0)
    os.close(write)
    os.waitpid(pid, 0)
    assert os.read(read, 10) == b"ok"
    os.close(read)
    assert id(gazetteer._connection) == parent_connection  # the parent keeps its own
    assert [c.place.id for c in gazetteer._lookup("Kharkiv")] == expected
