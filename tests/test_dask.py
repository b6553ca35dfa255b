"""--engine dask: partitioned output equal to the local run's, on a LocalCluster of 2 workers."""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from extractor.cli import app

distributed = pytest.importorskip(
    "distributed", reason='the Dask engine is optional: pip install -e ".[dask]"'
)

runner = CliRunner()


@pytest.fixture(scope="module")
def scheduler() -> Iterator[str]:
    with distributed.LocalCluster(
        n_workers=2, processes=True, threads_per_worker=1, dashboard_address=":0"
    ) as cluster:
        yield cluster.scheduler_address


@pytest.fixture(scope="module")
def local_lines(corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    out = tmp_path_factory.mktemp("local") / "events.jsonl"
    result = runner.invoke(app, ["run", str(corpus), "-o", str(out), "-q", "--published", "2025-07-02"])
    assert result.exit_code == 1, result.output  # 1: the corpus holds unreadable inputs
    return out.read_text(encoding="utf-8").splitlines()


def _dask_run(corpus: Path, outdir: Path, *options: str, code: int = 1) -> list[str]:
    args = ["run", str(corpus), "-o", str(outdir), "--published", "2025-07-02", "--engine", "dask",
            "--batch-size", "4", *options]
    result = runner.invoke(app, args)
    assert result.exit_code == code, result.output
    return result.output


def _parts(outdir: Path) -> list[Path]:
    return sorted(outdir.glob("part-*.jsonl"))


def _concatenated(outdir: Path) -> list[str]:
    return [line for part in _parts(outdir) for line in part.read_text(encoding="utf-8").splitlines()]


@pytest.fixture(scope="module")
def dask_run(corpus: Path, scheduler: str, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """One Dask run of the corpus: (output folder, summary line). Tests copy the folder."""
    outdir = tmp_path_factory.mktemp("dask") / "out"
    return outdir, _dask_run(corpus, outdir, "--scheduler", scheduler)


def test_partitions_concatenate_to_the_local_output(
    dask_run: tuple[Path, str], local_lines: list[str]
) -> None:
    outdir, output = dask_run
    assert _concatenated(outdir) == local_lines  # same order, ids, events and error records
    assert [p.name for p in _parts(outdir)][:2] == ["part-00000.jsonl", "part-00001.jsonl"]
    assert len(_parts(outdir)) == -(-len(local_lines) // 4)
    assert not list(outdir.glob("*.tmp"))
    errors = [json.loads(line)["error"]["type"] for line in _concatenated(outdir)
              if json.loads(line)["error"]]
    assert errors == ["empty", "binary", "json_error"]
    assert f"{len(local_lines)} documents" in output and "3 errors" in output


def test_resume_recomputes_only_missing_partitions(
    corpus: Path, scheduler: str, dask_run: tuple[Path, str], local_lines: list[str], tmp_path: Path
) -> None:
    outdir = shutil.copytree(dask_run[0], tmp_path / "out")
    last = _parts(outdir)[-1]  # the error records are in the first partitions: exit 0
    lost = len(last.read_text(encoding="utf-8").splitlines())
    last.unlink()
    output = _dask_run(corpus, outdir, "--scheduler", scheduler, "--resume", code=0)
    assert _concatenated(outdir) == local_lines
    assert f"{lost} documents" in output and f"{len(local_lines) - lost} already done" in output


def test_refuses_to_mix_runs_in_one_folder(
    corpus: Path, dask_run: tuple[Path, str], tmp_path: Path
) -> None:
    outdir = shutil.copytree(dask_run[0], tmp_path / "out")
    nowhere = ["--scheduler", "tcp://127.0.0.1:9"]  # refused before any connection
    output = _dask_run(corpus, outdir, *nowhere, code=2)
    assert "already holds" in output and "--resume" in output
    output = _dask_run(corpus, outdir, *nowhere, "--resume", "--batch-size", "5", code=2)
    assert "partition_size" in output
    output = _dask_run(corpus, tmp_path / "out" / "part-00000.jsonl", *nowhere, code=2)
    assert "is a file" in output


def test_starts_a_local_cluster_without_scheduler(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    text = "Shelling hit Kherson on Sunday, killing three civilians, the regional governor said.\n"
    for name in ("a.txt", "b.txt", "c.txt"):
        (folder / name).write_text(text, encoding="utf-8")
    outdir = tmp_path / "out"
    _dask_run(folder, outdir, "--workers", "1", "--batch-size", "2", code=0)
    docs = [json.loads(line) for line in _concatenated(outdir)]
    assert [d["doc_id"] for d in docs] == ["a.txt", "b.txt", "c.txt"]
    assert all(d["events"] for d in docs)
