"""An interrupted run, resumed, writes the same output as an uninterrupted one."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

SAMPLES = Path(__file__).resolve().parents[1] / "samples"


def _corpus(folder: Path, copies: int) -> Path:
    folder.mkdir()
    texts = sorted(SAMPLES.glob("*.txt"))
    for n in range(copies):
        source = texts[n % len(texts)]
        (folder / f"{n:03d}_{source.name}").write_text(source.read_text(encoding="utf-8"), encoding="utf-8")
    return folder


def _run(*args: str) -> subprocess.Popen[bytes]:
    command = [sys.executable, "-m", "extractor", "run", *args, "--published", "2025-07-02", "-q"]
    return subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def test_killed_run_resumes_to_the_uninterrupted_output(tmp_path: Path) -> None:
    corpus = _corpus(tmp_path / "corpus", copies=40)
    whole = tmp_path / "whole.jsonl"
    assert _run(str(corpus), "-o", str(whole)).wait(timeout=600) == 0

    resumed = tmp_path / "resumed.jsonl"
    partial = tmp_path / "resumed.jsonl.partial"
    victim = _run(str(corpus), "-o", str(resumed), "--batch-size", "2")
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline:
        if partial.exists() and partial.read_bytes().count(b"\n") >= 5:
            break
        time.sleep(0.02)
    os.kill(victim.pid, signal.SIGKILL)
    victim.wait(timeout=60)
    assert not resumed.exists(), "the output appears only when a run completes"
    done = partial.read_bytes().count(b"\n")
    assert 5 <= done < 40

    assert _run(str(corpus), "-o", str(resumed), "--resume").wait(timeout=600) == 0
    assert not partial.exists()
    assert resumed.read_bytes() == whole.read_bytes()
