"""Pattern files: every shipped file loads; a broken user file names file, line and field."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from spacy.language import Language

from extractor.assemble import Stages
from extractor.config import Settings
from extractor.errors import PatternFileError
from extractor.resources import PatternModel, default_patterns_dir, load_json, load_jsonl
from extractor.structure import StructureReader


class Alias(PatternModel):
    id: str
    name: str


def test_every_shipped_pattern_file_loads(nlp: Language) -> None:
    settings = Settings()
    Stages.from_settings(nlp, settings)
    StructureReader.from_dir(settings.patterns_dir)


def test_jsonl_error_names_file_line_and_field(tmp_path: Path) -> None:
    path = tmp_path / "aliases.jsonl"
    path.write_text('{"id": "a", "name": "Kyiv"}\n// comment\n{"id": "b", "nmae": "Kiev"}\n')
    with pytest.raises(PatternFileError, match=r"aliases.jsonl, line 3: .*field 'nmae': Extra inputs"):
        load_jsonl(path, Alias)


def test_jsonl_reports_bad_json_line(tmp_path: Path) -> None:
    path = tmp_path / "aliases.jsonl"
    path.write_text('{"id": "a", "name": "Kyiv"}\n{"id": \n')
    with pytest.raises(PatternFileError, match=r"line 2: not JSON"):
        load_jsonl(path, Alias)


def test_missing_file_is_a_pattern_error(tmp_path: Path) -> None:
    with pytest.raises(PatternFileError, match="cannot read"):
        load_json(tmp_path / "nope.json", Alias)


def test_broken_structure_file_in_a_user_patterns_dir(tmp_path: Path) -> None:
    user = tmp_path / "patterns"
    shutil.copytree(default_patterns_dir(), user)
    (user / "structure.json").write_text('{"bullet_markers": [{"id": "x"}], "preambles": []}')
    with pytest.raises(PatternFileError, match=r"structure.json: field 'bullet_markers.0.regex': Field required"):
        StructureReader.from_dir(user)
