"""Shared fixtures: the trained spaCy pipeline is loaded once per test session."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
import spacy
from spacy.language import Language

from extractor.config import DEFAULT_MODEL


@pytest.fixture(scope="session")
def nlp() -> Language:
    """The bare default spaCy pipeline (no extractor components)."""
    return spacy.load(DEFAULT_MODEL)


SAMPLES = Path(__file__).resolve().parents[1] / "samples"


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder of the sample articles plus inputs that must come out as error records, in place."""
    folder = tmp_path_factory.mktemp("corpus")
    for path in sorted(SAMPLES.glob("*.txt")):
        shutil.copy(path, folder / path.name)
    (folder / "b_empty.txt").write_text(" \n", encoding="utf-8")
    (folder / "c_binary.txt").write_bytes(b"\x7fELF\x02\x01\x01\x00\x00\x00")
    record = {"id": "rec-1", "text": "A drone struck Odesa on Monday, killing two people."}
    (folder / "d_records.jsonl").write_text(json.dumps(record) + "\n{broken\n", encoding="utf-8")
    return folder
