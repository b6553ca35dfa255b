"""Number and quantity parsing (pure, no spaCy): a table of the forms news uses."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from extractor.errors import PatternFileError
from extractor.numbers import NumberVocabulary, parse_number, parse_quantity, split_words
from extractor.resources import default_patterns_dir

NUMBERS = [
    ("35", 35), ("1,500", 1500), ("1,021,000", 1021000), ("thirty-five", 35),
    ("Thirty-five", 35), ("thirty five", 35), ("two hundred and twelve", 212),
    ("one hundred twenty", 120), ("one", 1), ("eleven", 11), ("a hundred", 100),
    ("a thousand", 1000), ("two thousand", 2000), ("1.5 million", 1500000),
    ("40 thousand", 40000), ("two dozen", 24), ("fifteen hundred", 1500),
    ("5.8", None), ("first", None), ("1st", None), ("155mm", None), ("hello", None),
    ("dozens", None), ("a", None),
]


@pytest.mark.parametrize(("text", "expected"), NUMBERS)
def test_parse_number(text: str, expected: int | None) -> None:
    assert parse_number(text) == expected


# text -> (value, min, max, approximate, kind)
QUANTITIES = [
    ("1,500", (1500, None, None, False, "number")),
    ("a", (1, None, None, False, "article")),
    ("an", (1, None, None, False, "article")),
    ("one", (1, None, None, False, "number")),
    ("a dozen", (12, None, None, False, "vague")),
    ("half a dozen", (6, None, None, False, "vague")),
    ("a couple", (2, None, None, False, "vague")),
    ("both", (2, None, None, False, "vague")),
    ("twice", (2, None, None, False, "vague")),
    ("dozens", (12, 12, None, True, "vague")),
    ("scores", (20, 20, None, True, "vague")),
    ("hundreds", (100, 100, None, True, "vague")),
    ("thousands", (1000, 1000, None, True, "vague")),
    ("tens of thousands", (10000, 10000, None, True, "vague")),
    ("hundreds of thousands", (100000, 100000, None, True, "vague")),
    ("at least 3", (3, 3, None, False, "number")),
    ("at least one", (1, 1, None, False, "number")),
    ("more than 40", (40, 40, None, False, "number")),
    ("over 100", (100, 100, None, False, "number")),
    ("upwards of 2,000", (2000, 2000, None, False, "number")),
    ("nearly 50", (50, None, 50, True, "number")),
    ("almost 1,000", (1000, None, 1000, True, "number")),
    ("close to 70", (70, None, 70, True, "number")),
    ("about 50", (50, None, None, True, "number")),
    ("around 20", (20, None, None, True, "number")),
    ("some 300", (300, None, None, True, "number")),
    ("roughly 2,000", (2000, None, None, True, "number")),
    ("an estimated 400", (400, None, None, True, "number")),
    ("about a dozen", (12, None, None, True, "vague")),
    ("up to 30", (30, None, 30, False, "number")),
    ("as many as 15", (15, None, 15, False, "number")),
    ("fewer than 20", (20, None, 20, False, "number")),
    ("between 10 and 15", (10, 10, 15, True, "range")),
    ("10-15", (10, 10, 15, True, "range")),
    ("10 \u2013 15", (10, 10, 15, True, "range")),
    ("10 to 15", (10, 10, 15, True, "range")),
    ("two or three", (2, 2, 3, True, "range")),
    ("from five to seven", (5, 5, 7, True, "range")),
    ("up to 10-15", (10, 10, 15, True, "range")),
    ("several hundred", (100, None, None, True, "number")),
]


@pytest.mark.parametrize(("text", "expected"), QUANTITIES)
def test_parse_quantity(text: str, expected: tuple[object, ...]) -> None:
    q = parse_quantity(text)
    assert q is not None
    assert (q.value, q.min, q.max, q.approximate, q.kind) == expected


@pytest.mark.parametrize("text", ["several", "a few", "many", "people", "15 people", "15 to 10", ""])
def test_not_a_quantity(text: str) -> None:
    assert parse_quantity(text) is None


def test_split_words() -> None:
    assert split_words("Thirty-five") == ["thirty", "-", "five"]
    assert split_words("10-15,") == ["10", "-", "15"]
    assert split_words("1,500 people.") == ["1,500", "people"]


def test_requires_predicate_flags() -> None:
    both = parse_quantity("both")
    article = parse_quantity("a")
    assert both is not None and both.requires_predicate
    assert article is not None and article.requires_predicate
    twice = parse_quantity("twice")
    assert twice is not None and twice.adverbial


def test_hedge_span_and_rule() -> None:
    q = parse_quantity("at least 35")
    assert q is not None
    assert (q.start, q.number_start, q.end, q.hedge) == (0, 2, 3, "hedge_at_least")


def test_every_counts_pattern_file_loads() -> None:
    from extractor.config import Settings
    from extractor.counts import CountExtractor

    base = default_patterns_dir() / "counts"
    assert sorted(p.name for p in base.iterdir()) == [
        "hedges.jsonl", "items.json", "noncount.json", "number_grammar.json",
        "predicates.jsonl", "structure.json", "vague.jsonl",
    ]
    NumberVocabulary.load()
    import spacy

    CountExtractor.from_settings(spacy.blank("en"), Settings())


def test_broken_hedge_file_names_file_line_and_field(tmp_path: Path) -> None:
    counts = tmp_path / "counts"
    counts.mkdir()
    src = default_patterns_dir() / "counts"
    for name in ("vague.jsonl", "number_grammar.json"):
        (counts / name).write_text((src / name).read_text(encoding="utf-8"), encoding="utf-8")
    bad = {"id": "hedge_x", "pattern": "at least", "bound": "lower"}
    (counts / "hedges.jsonl").write_text("// c\n" + json.dumps(bad) + "\n", encoding="utf-8")
    with pytest.raises(PatternFileError, match=r"hedges\.jsonl, line 2.*field 'bound'"):
        NumberVocabulary.load(tmp_path)
