"""Document structure: bullets, headings, preambles and prose, as character blocks."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from extractor.resources import default_patterns_dir
from extractor.structure import HappeningCues, StructureReader

SEED_LIKE = (
    "Here are the key events on day 1,224 of Russia's war on Ukraine.\n"
    "Here is how things stand on Wednesday, July 2:\n"
    "Fighting\n"
    "- A drone attack killed three people, the governor said.\n"
    "- Russia launched 52 drones overnight.\n"
    "Politics and diplomacy\n"
    "* Macron called for a ceasefire.\n"
)


@pytest.fixture(scope="module")
def reader() -> StructureReader:
    return StructureReader.from_dir(default_patterns_dir())


def test_bullets_headings_and_preambles(reader: StructureReader) -> None:
    blocks = reader.blocks(SEED_LIKE)
    kinds = [b.kind for b in blocks]
    assert kinds == ["preamble", "preamble", "heading", "bullet", "bullet", "heading", "bullet"]
    texts = [SEED_LIKE[b.start : b.end] for b in blocks]
    assert texts[3] == "A drone attack killed three people, the governor said."
    assert texts[5] == "Politics and diplomacy"
    assert texts[6] == "Macron called for a ceasefire."


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        ("1. Israeli strikes killed 12 people in Gaza City.", "bullet"),
        ("\u2022 Sudan's RSF shelled El Fasher.", "bullet"),
        ("  - indented bullet about a strike.", "bullet"),
        ("Weapons", "heading"),
        ("Middle East latest", "heading"),
        ("KYIV, July 2 (Reuters) - Russia launched drones.", "prose"),
        ("At least 20 people were killed in Khartoum on Monday.", "prose"),
        ("Shelling continues", "heading"),
        ("What we know so far:", "preamble"),
        ("Day 500 of the war", "prose"),
        ("-", "prose"),
    ],
)
def test_line_kinds(reader: StructureReader, line: str, kind: str) -> None:
    blocks = reader.blocks(line + "\n")
    assert [b.kind for b in blocks] == [kind]


def test_offsets_survive_crlf_and_blank_lines(reader: StructureReader) -> None:
    text = "Fighting\r\n\r\n- One strike hit Kharkiv.\r\n- Another hit Odesa.\r\n"
    bullets = [b for b in reader.blocks(text) if b.kind == "bullet"]
    assert [text[b.start : b.end] for b in bullets] == ["One strike hit Kharkiv.", "Another hit Odesa."]


@pytest.mark.parametrize(
    ("text", "kinds"),
    [
        ("Israeli strikes kill dozens in Gaza\n\nGAZA, July 15 (AP) - Strikes killed 43.\n",
         ["title", "prose"]),
        ("Statement of the Ministry of Defence of the Russian Federation\n\nAir defence systems "
         "destroyed 93 drones.\n", ["title", "prose"]),
        ("Fighting\n\n- A strike hit Odesa.\n", ["heading", "bullet"]),
        ("KYIV, July 2 (Reuters) - Russia launched drones.\nMore followed.\n", ["prose", "prose"]),
        ("A strike hit Sumy\n", ["heading"]),
        ("Strike hits Sumy\nThree people were killed.\n(Reporting by Reuters; Editing by A. B.)\n",
         ["title", "prose", "preamble"]),
    ],
)
def test_title_and_credit_lines(reader: StructureReader, text: str, kinds: list[str]) -> None:
    assert [b.kind for b in reader.blocks(text)] == kinds


def test_happening_rules_are_optional(tmp_path: Path) -> None:
    """An older structure.json without ``happenings`` still loads: no cue cuts a bullet."""
    rules = json.loads((default_patterns_dir() / "structure.json").read_text(encoding="utf-8"))
    assert rules["happenings"]["clause_joints"]
    del rules["happenings"]
    (tmp_path / "structure.json").write_text(json.dumps(rules), encoding="utf-8")
    cues = HappeningCues.from_dir(tmp_path)
    assert cues.joints == () and not cues.opens_separate("Separately, gunmen attacked.")


@pytest.mark.parametrize(
    ("text", "kinds"),
    [
        # live-blog entry: timestamp and entry headline, then the entry
        ("Live: strikes on Odesa\n\n09:41 BST\nRussian drones hit port infrastructure in Odesa\n"
         "Russian drones struck the port of Izmail overnight, injuring two workers.\n",
         ["title", "prose", "headline", "prose"]),
        # a headline over a date line: a press release
        ("Ministry of Interior\nStatement on the drone attacks on oil fields in the region\n"
         "17 July 2025\n\nAt 06:10 on Thursday, a drone struck the Sarsang oil field.\n",
         ["title", "headline", "headline", "prose"]),
        # news feed: a headline over each item, the last item without one
        ("News Feed, Friday, October 24, 2025\n\nEU adopts 19th sanctions package on Russian LNG\n"
         "The EU adopted its 19th package of sanctions on Thursday.\n"
         "Ukrainian drones struck an oil depot in Belgorod overnight.\n",
         ["title", "headline", "prose", "prose"]),
        # a press-release title over bullets
        ("MONUSCO condemns deadly attack on church in Komanda\n- The attack killed 43 people.\n"
         "- The mission sent a patrol.\n",
         ["headline", "bullet", "bullet"]),
        # a hard-wrapped sentence goes on in lower case: still prose
        ("Odesa update\n\nRussian drones struck the port of Izmail overnight, injuring two\n"
         "workers, the governor said.\nPolice said the fire was put out.\n",
         ["title", "prose", "prose", "prose"]),
        # closing punctuation, a bracket, a last line, or too many words: prose
        ("Odesa update\n\nRussian drones struck the port of Izmail (Odesa region)\nThe port was closed.\n"
         "Police said the fire was put out\n",
         ["title", "prose", "prose", "prose"]),
        ("Odesa update\n\n" + " ".join(["word"] * 30) + "\nThe port was closed.\n",
         ["title", "prose", "prose"]),
        # a list of unpunctuated lines (markers lost in scraping) has no headlines
        ("Key developments\n\nRussian forces captured the village of Novoselivka\n"
         "Ukrainian drones struck an oil depot in Belgorod\nTrump spoke to Putin by phone on Monday\n",
         ["title", "prose", "prose", "prose"]),
    ],
)
def test_entry_headlines_report_no_event(reader: StructureReader, text: str, kinds: list[str]) -> None:
    assert [block.kind for block in reader.blocks(text)] == kinds
