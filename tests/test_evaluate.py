"""Scoring against gold annotations: arithmetic, matching rules, and the samples themselves."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest

from extractor.actor_kb import AliasIndex
from extractor.errors import EvaluationError
from extractor.evaluate import (
    FIELDS,
    GoldDocument,
    alias_index,
    check_spans,
    find_gold,
    gold_text_path,
    load_gold,
    normalise,
    same_actor,
    same_name,
    score,
)
from extractor.models import Document

SAMPLES = Path(__file__).resolve().parent.parent / "samples"

TEXT = (
    "A Ukrainian drone attack on Izhevsk killed three people and injured 35 others overnight, "
    "Governor Alexander Brechalov said on Telegram.\n"
    "Russia launched 52 drones at Kharkiv, the mayor said."
)


def _span(snippet: str, n: int = 1) -> list[int]:
    pos = -1
    for _ in range(n):
        pos = TEXT.index(snippet, pos + 1)
    return [pos, pos + len(snippet)]


def _gold() -> dict[str, Any]:
    first, second = TEXT.split("\n")
    return {
        "doc_id": "t.txt",
        "published": "2025-07-02",
        "title": None,
        "events": [
            {
                "type": "air_drone_strike",
                "text": first,
                "span": _span(first),
                "date": {"value": "2025-07-01", "text": "overnight", "span": _span("overnight"),
                         "precision": "day"},
                "actors": [{"text": "Ukrainian", "span": _span("Ukrainian"), "name": "Ukraine",
                            "kind": "country", "country": "UA", "role": "initiator"}],
                "locations": [{"text": "Izhevsk", "span": _span("Izhevsk"), "name": "Izhevsk",
                               "kind": "city", "country": "RU", "admin1": "Udmurtia",
                               "geonames_id": 554840}],
                "counts": [
                    {"text": "three people", "span": _span("three people"), "value": 3,
                     "category": "killed", "item": "person", "location": "Izhevsk"},
                    {"text": "35 others", "span": _span("35 others"), "value": 35,
                     "category": "injured", "item": "person", "location": "Izhevsk"},
                ],
                "attributions": [{
                    "text": "Governor Alexander Brechalov said on Telegram",
                    "span": _span("Governor Alexander Brechalov said on Telegram"),
                    "source": {"name": "Alexander Brechalov", "kind": "person",
                               "title": "Governor", "affiliation": None},
                    "verb": "said", "channel": "Telegram", "via": None, "quote": None,
                }],
            },
            {
                "type": "air_drone_strike",
                "text": second,
                "span": _span(second),
                "date": None,
                "actors": [{"text": "Russia", "span": _span("Russia"), "name": "Russia",
                            "kind": "country", "country": "RU", "role": "initiator"}],
                "locations": [{"text": "Kharkiv", "span": _span("Kharkiv"), "name": "Kharkiv",
                               "kind": "city", "country": "UA", "admin1": "Kharkiv",
                               "geonames_id": 706483}],
                "counts": [{"text": "52 drones", "span": _span("52 drones"), "value": 52,
                            "category": "launched", "item": "drone"}],
                "attributions": [{
                    "text": "the mayor said", "span": _span("the mayor said"),
                    "source": {"name": None, "kind": "anonymous", "title": "mayor"},
                    "verb": "said",
                }],
            },
        ],
    }


def _predicted(gold: dict[str, Any]) -> Document:
    """A predicted Document carrying exactly the gold events (ids and confidence added)."""
    events = copy.deepcopy(gold["events"])
    for n, event in enumerate(events):
        event["id"] = f"t.txt#{n}"
        event["confidence"] = 0.9
    return Document.model_validate({
        "doc_id": gold["doc_id"], "source": "t.txt", "published": gold["published"],
        "events": events, "extractor": {"version": "test", "model": "none"},
    })


def _edit(pred: Document, **changes: Any) -> Document:
    data = pred.model_dump()
    for path, value in changes.items():
        target: Any = data
        *parents, last = path.split(".")
        for key in parents:
            target = target[int(key)] if key.isdigit() else target[key]
        if value is _DELETE:
            del target[int(last)]
        else:
            target[int(last) if last.isdigit() else last] = value
    return Document.model_validate(data)


_DELETE = object()


def test_gold_spans_of_the_synthetic_document_read_back() -> None:
    assert check_spans(GoldDocument.model_validate(_gold()), TEXT) == []


def test_perfect_prediction_scores_one_everywhere() -> None:
    gold = _gold()
    report = score([(gold, _predicted(gold))])
    assert report.documents == 1
    for name in FIELDS:
        s = report.fields[name]
        assert (s.precision, s.recall, s.f1) == (1.0, 1.0, 1.0), name
    assert report.overall.f1 == 1.0
    assert report.misses == []


def test_missing_count_lowers_recall_only() -> None:
    gold = _gold()
    pred = _edit(_predicted(gold), **{"events.0.counts.1": _DELETE})
    counts = score([(gold, pred)]).fields["counts"]
    assert (counts.tp, counts.fp, counts.fn) == (2, 0, 1)
    assert counts.precision == 1.0
    assert counts.recall == pytest.approx(2 / 3)


def test_spurious_count_lowers_precision_only() -> None:
    gold = _gold()
    pred = _predicted(gold)
    extra = {"text": "Izhevsk", "span": _span("Izhevsk"), "value": 1, "category": "other"}
    pred = _edit(pred, **{"events.0.counts": [*pred.model_dump()["events"][0]["counts"], extra]})
    report = score([(gold, pred)])
    counts = report.fields["counts"]
    assert (counts.tp, counts.fp, counts.fn) == (3, 1, 0)
    assert counts.recall == 1.0
    assert counts.precision == pytest.approx(3 / 4)
    assert [(m.field, m.kind, m.doc_id) for m in report.misses] == [("counts", "spurious", "t.txt")]


def test_count_with_wrong_value_is_a_miss_and_a_spurious() -> None:
    gold = _gold()
    pred = _edit(_predicted(gold), **{"events.1.counts.0.value": 25})
    counts = score([(gold, pred)]).fields["counts"]
    assert (counts.tp, counts.fp, counts.fn) == (2, 1, 1)


def test_wrong_category_is_scored_on_the_matched_count() -> None:
    gold = _gold()
    pred = _edit(_predicted(gold), **{"events.0.counts.0.category": "injured"})
    report = score([(gold, pred)])
    assert report.fields["counts"].f1 == 1.0
    cats = report.fields["count_categories"]
    assert (cats.tp, cats.fp, cats.fn) == (2, 1, 1)
    wrong = [m for m in report.misses if m.field == "count_categories"]
    assert wrong[0].expected == "killed" and wrong[0].predicted == "injured"


def test_overlapping_spans_match_even_when_not_exact() -> None:
    gold = _gold()
    pred = _edit(
        _predicted(gold),
        **{
            "events.0.span": [0, 40],  # only part of the sentence
            "events.0.text": TEXT[0:40],
            "events.0.counts.0.span": _span("three"),
            "events.0.counts.0.text": "three",
            "events.0.locations.0.span": [_span("Izhevsk")[0], _span("Izhevsk")[1] + 7],
            "events.0.locations.0.text": TEXT[_span("Izhevsk")[0]:_span("Izhevsk")[1] + 7],
        },
    )
    report = score([(gold, pred)])
    for name in ("events", "counts", "locations"):
        assert report.fields[name].f1 == 1.0, name


def test_events_match_by_largest_overlap_one_to_one() -> None:
    gold = _gold()
    pred = _predicted(gold)
    data = pred.model_dump()
    first = data["events"][0]
    # split the first gold event into two predicted events: one matches, one is spurious
    half = dict(first, id="t.txt#9", span=[first["span"][0], first["span"][0] + 10],
                text=TEXT[first["span"][0]:first["span"][0] + 10], actors=[], locations=[],
                counts=[], attributions=[], date=None)
    data["events"].insert(0, half)
    events = score([(gold, Document.model_validate(data))]).fields["events"]
    assert (events.tp, events.fp, events.fn) == (2, 1, 0)


def test_no_prediction_gives_zero_recall() -> None:
    gold = _gold()
    pred = _edit(_predicted(gold), events=[])
    report = score([(gold, pred)])
    assert report.fields["events"].recall == 0.0
    assert report.fields["counts"].fn == 3
    assert report.overall.recall == 0.0


@pytest.mark.parametrize(
    ("path", "value", "field_name", "expected"),
    [
        ("events.0.type", "attack", "types", (1, 1, 1)),
        ("events.0.actors.0.role", "target", "roles", (1, 1, 1)),
        ("events.0.locations.0.admin1", None, "admin1", (1, 0, 1)),
        ("events.0.locations.0.geonames_id", 1, "geonames_ids", (1, 1, 1)),
        ("events.0.attributions.0.channel", "Facebook", "channels", (0, 1, 1)),
        ("events.0.date", None, "dates", (0, 0, 1)),
        ("events.1.date", {"value": "2025-07-02", "text": "x"}, "dates", (1, 1, 0)),
    ],
)
def test_attribute_fields(path: str, value: Any, field_name: str, expected: tuple[int, int, int]) -> None:
    gold = _gold()
    s = score([(gold, _edit(_predicted(gold), **{path: value}))]).fields[field_name]
    assert (s.tp, s.fp, s.fn) == expected


def test_unknown_gold_geonames_id_is_not_held_against_the_prediction() -> None:
    gold = _gold()
    gold["events"][1]["locations"][0]["geonames_id"] = None
    s = score([(gold, _edit(_predicted(_gold())))]).fields["geonames_ids"]
    assert (s.tp, s.fp, s.fn) == (1, 0, 0)


def test_names_are_normalised_for_matching() -> None:
    gold = _gold()
    pred = _edit(
        _predicted(gold),
        **{
            "events.0.attributions.0.source.name": "Brechalov",
            "events.0.locations.0.name": "IZHEVSK",
            "events.1.locations.0.name": "Kharkiv Oblast",
            "events.1.locations.0.geonames_id": None,
        },
    )
    report = score([(gold, pred)])
    assert report.fields["attributions"].f1 == 1.0
    assert report.fields["locations"].f1 == 1.0


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("Dmitry Peskov", "Peskov", True),
        ("Zaporizhzhia", "ZAPORIZHZHIA", True),
        ("Khān Yūnis", "Khan Yunis", True),
        ("the Kremlin", "Kremlin", True),
        ("Ukraine", "Ukraine Defense Contact Group", False),
        ("Russia", "Ukraine", False),
    ],
)
def test_same_name(a: str, b: str, same: bool) -> None:
    assert same_name(a, b) is same


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("JNIM", "Jama'at Nusrat al-Islam wal-Muslimin", True),
        ("al-Shabaab", "al-Shabab", True),
        ("Volodymyr Zelenskiy", "Volodymyr Zelensky", True),
        ("IDF", "Israel Defense Forces", True),
        ("Ukrainian Armed Forces", "Armed Forces of Ukraine", True),
        ("Therese Kayikwamba Wagner", "Wagner Group", False),
        ("Hamas", "Hezbollah", False),
        ("Rapid Support Forces", "Sudanese Armed Forces", False),
        ("Some Unlisted Militia", "Another Unlisted Militia", False),
    ],
)
def test_same_actor_through_the_knowledge_base(a: str, b: str, same: bool) -> None:
    assert same_actor(a, b, alias_index()) is same
    assert same_actor(b, a, alias_index()) is same


def test_actor_and_source_names_match_through_the_knowledge_base() -> None:
    gold = _gold()
    gold["events"][1]["actors"][0]["name"] = "Russian Federation"
    gold["events"][0]["attributions"][0]["source"] = {
        "name": "IDF", "kind": "government", "title": None, "affiliation": None}
    pred = _edit(
        _predicted(_gold()),
        **{"events.0.attributions.0.source.name": "Israel Defense Forces",
           "events.0.attributions.0.source.kind": "government"},
    )
    report = score([(gold, pred)])
    assert report.fields["actors"].f1 == 1.0
    assert report.fields["attributions"].f1 == 1.0
    # without the index the different spellings are different actors
    plain = score([(gold, pred)], aliases=AliasIndex([]))
    assert plain.fields["actors"].fn == 1
    assert plain.fields["attributions"].fn == 1


def test_normalise_strips_diacritics_and_punctuation() -> None:
    assert normalise("  The Kupol  Plant’s ") == "kupol plant"


def test_micro_average_sums_over_documents() -> None:
    gold = _gold()
    perfect = (gold, _predicted(gold))
    missing = (gold, _edit(_predicted(gold), **{"events.0.counts.1": _DELETE}))
    counts = score([perfect, missing]).fields["counts"]
    assert (counts.tp, counts.fp, counts.fn) == (5, 0, 1)


def test_table_and_json_show_every_field_and_overall() -> None:
    gold = _gold()
    report = score([(gold, _edit(_predicted(gold), **{"events.0.counts.1": _DELETE}))])
    table = report.table()
    for name in (*FIELDS, "overall"):
        assert name in table
    data = report.to_json()
    assert set(data["fields"]) == set(FIELDS)
    assert data["fields"]["counts"]["recall"] == pytest.approx(0.6667, abs=1e-4)
    assert data["misses"][0]["text"] == "35 others = 35"
    json.dumps(data)


def test_regressions_against_a_baseline() -> None:
    gold = _gold()
    baseline = score([(gold, _predicted(gold))]).to_json()
    worse = score([(gold, _edit(_predicted(gold), **{"events.0.counts.1": _DELETE}))])
    drops = worse.regressions(baseline, tolerance=0.02)
    assert any(d.startswith("counts:") for d in drops)
    assert worse.regressions(worse.to_json()) == []


def test_load_gold_rejects_a_bad_field(tmp_path: Path) -> None:
    gold = _gold()
    gold["events"][0]["counts"][0]["category"] = "exploded"
    path = tmp_path / "t.gold.json"
    path.write_text(json.dumps(gold), encoding="utf-8")
    with pytest.raises(EvaluationError, match=r"t\.gold\.json.*events\.0\.counts\.0\.category"):
        load_gold(path, verify_text=False)


def test_load_gold_rejects_a_misaligned_span(tmp_path: Path) -> None:
    gold = _gold()
    gold["events"][0]["locations"][0]["span"] = [0, 7]
    (tmp_path / "t.txt").write_text(TEXT, encoding="utf-8")
    path = tmp_path / "t.gold.json"
    path.write_text(json.dumps(gold), encoding="utf-8")
    with pytest.raises(EvaluationError, match="reads 'A Ukrai'"):
        load_gold(path)


def test_load_gold_rejects_bad_json(tmp_path: Path) -> None:
    path = tmp_path / "t.gold.json"
    path.write_text("{", encoding="utf-8")
    with pytest.raises(EvaluationError, match="not JSON"):
        load_gold(path)


def test_find_gold_expands_folders(tmp_path: Path) -> None:
    (tmp_path / "a.gold.json").write_text("{}", encoding="utf-8")
    (tmp_path / "a.txt").write_text("", encoding="utf-8")
    assert find_gold([tmp_path]) == [tmp_path / "a.gold.json"]
    with pytest.raises(EvaluationError, match="no such file"):
        find_gold([tmp_path / "missing"])


GOLD_FILES = sorted(SAMPLES.glob("*.gold.json"))


def test_there_are_annotated_samples() -> None:
    assert len(GOLD_FILES) >= 12


@pytest.mark.parametrize("path", GOLD_FILES, ids=lambda p: p.name)
def test_every_sample_loads_and_its_spans_read_back(path: Path) -> None:
    gold = load_gold(path)  # validates the fields and checks every span against the .txt
    text = gold_text_path(path, gold).read_text(encoding="utf-8")
    assert gold.doc_id == gold_text_path(path, gold).name
    assert check_spans(gold, text) == []
    assert 5 <= len(gold.events) <= 15
    starts = [event.span[0] for event in gold.events]
    assert starts == sorted(starts)
    for event in gold.events:
        for item in [*event.actors, *event.locations, *event.counts, *event.attributions]:
            assert event.span[0] <= item.span[0] and item.span[1] <= event.span[1], item.text
