"""The README documents what the data files hold: the taxonomy table lists every type."""

from __future__ import annotations

import json
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_readme_taxonomy_matches_patterns() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("### Event types", 1)[1].split("\n### ", 1)[0]
    documented = set(re.findall(r"^\| `([a-z_]+)` \|", section, flags=re.MULTILINE))
    data = json.loads((ROOT / "patterns" / "event_types.json").read_text(encoding="utf-8"))
    assert documented == {entry["id"] for entry in data["types"]}
