"""Regression gate: scores on samples/ may not drop by more than 0.02 against the baseline.

The baseline is `tests/eval_baseline.json`, written by `make baseline` when a change improves
the scores on purpose (commit it with the change).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from extractor import Extractor
from extractor.evaluate import Report, evaluate_paths

SAMPLES = Path(__file__).resolve().parents[1] / "samples"
TOLERANCE = 0.02


@pytest.fixture(scope="module")
def report() -> Report:
    return evaluate_paths([SAMPLES], Extractor())


def test_no_field_drops_against_the_baseline(report: Report) -> None:
    baseline = json.loads((Path(__file__).with_name("eval_baseline.json")).read_text(encoding="utf-8"))
    assert report.regressions(baseline, tolerance=TOLERANCE) == []
    assert report.documents == baseline["documents"], "samples were added: run make baseline"


def test_count_scores_meet_the_issue_bar(report: Report) -> None:
    counts = report.fields["counts"]
    assert counts.precision >= 0.95 and counts.recall >= 0.95
