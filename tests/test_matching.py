"""The anchored matcher skips spans that cannot match and otherwise equals spaCy's Matcher;
the per-document caches give what the per-span spaCy calls give."""

from __future__ import annotations

import pytest
from spacy.language import Language
from spacy.matcher import Matcher
from spacy.tokens import Span
from spacy.util import filter_spans

from extractor.dates import load_date_patterns
from extractor.event_types import load_taxonomy
from extractor.matching import AnchoredMatcher, Anchors, Reach, _best_anchor
from extractor.resources import default_patterns_dir
from extractor.spans import ents_within, forget_text, hits_within, longest_first

MONTH = {"LOWER": {"IN": ["may", "june", "july"]}, "IS_TITLE": True}
DAY = {"TEXT": {"REGEX": "^[0-9]{1,2}$"}}
YEAR = {"TEXT": {"REGEX": "^(19|20)[0-9]{2}$"}}


@pytest.mark.parametrize(
    "pattern, anchor",
    [
        # a set with one stop word ("may") beats a regex for any small number; the month
        # must be title-case, so only "May" anchors, not the verb "may"
        ([MONTH, DAY], ("title", {"May", "June", "July"})),
        ([{"LOWER": {"IN": ["june", "july"]}}, DAY], ("words", {"june", "july"})),
        # a set of stop words loses to a regex
        ([{"LOWER": {"IN": ["in", "during"]}}, YEAR], ("regex", "^(19|20)[0-9]{2}$")),
        # punctuation loses to a regex
        ([YEAR, {"ORTH": "-"}, DAY], ("regex", "^(19|20)[0-9]{2}$")),
        # optional tokens are never anchors; of two clean sets the smaller wins
        ([{"LOWER": "early", "OP": "?"}, {"LOWER": {"IN": ["days", "weeks"]}}, {"LOWER": "ago"}],
         ("words", {"ago"})),
        ([{"LEMMA": "shoot"}, {"LOWER": "down"}], ("lemma", {"shoot"})),
        ([{"POS": "VERB"}, {"IS_DIGIT": True}], None),
    ],
)
def test_anchor_is_the_rarest_required_token(pattern, anchor):
    assert _best_anchor(pattern) == anchor


TEXTS = [
    "On Monday, June 3, 2025, a drone hit Kharkiv.",
    "Officials may meet in May; talks began 3 days ago.",
    "Two drones were shot down over the sea on 2024-05-06.",
    "Nothing here has a date at all, only 35 people.",
    "Troops took control of the village and held it until July 14.",
    # anchors far apart in one span: the matcher runs on one window around each
    "Early on Monday, three weeks after talks in June 2024 collapsed, a few days ago and "
    "then again late last Friday night, drones hit the port; the report of 2024-05-06 said so.",
    # anchors of different reach side by side: a year right before a month name, ranges, and
    # windows that overlap only through one anchor's wider reach
    "Losses from 24.02.22 to 28.07.25 rose; in 2023 June 4 and from 3 to 5 July 2024 took full "
    "control, then between late May and early June last year the front held until 14 August.",
]


def _same_as_matcher(nlp: Language, entries: list[tuple[str, list[dict]]], key: str) -> None:
    anchored = AnchoredMatcher.build(nlp.vocab, entries, key=key)
    plain = Matcher(nlp.vocab)
    for match_id, pattern in entries:
        plain.add(match_id, [pattern], greedy="LONGEST")
    found_any = False
    for doc in nlp.pipe(TEXTS):
        for span in [doc[:], *doc.sents, doc[2:7]]:
            expected = plain(span)
            assert anchored(span) == expected, span.text  # the same matches, in the same order
            found_any = found_any or bool(expected)
    assert found_any  # the texts exercise the patterns


def test_date_patterns_give_what_the_plain_matcher_gives(nlp):
    from extractor.dates import DateResolver

    patterns = load_date_patterns(default_patterns_dir())
    resolver = DateResolver(nlp, patterns)
    assert resolver.matcher.anchors.complete  # every shipped date pattern has an anchor
    entries = [(entry.id, resolver._expand(entry.pattern)) for entry in patterns.candidates]
    _same_as_matcher(nlp, entries, "test.dates")


def test_event_type_phrases_give_what_the_plain_matcher_gives(nlp):
    taxonomy = load_taxonomy(default_patterns_dir())
    entries = [(phrase.id, phrase.pattern) for entry in taxonomy.types for phrase in entry.phrases]
    _same_as_matcher(nlp, entries, "test.types")


@pytest.mark.parametrize(
    "pattern, left, right",
    [
        # "last"/"next" may repeat before the weekday; one optional word after it
        ([{"LOWER": {"IN": ["last", "next"]}, "OP": "*"}, {"LOWER": "friday"},
          {"LOWER": "night", "OP": "?"}], Reach(0, {"last", "next"}), Reach(1)),
        ([DAY, {"LOWER": "of", "OP": "?"}, {"LOWER": "june"}, YEAR], Reach(2), Reach(1)),
        # a repeated token not bounded by words reaches to the end of the span
        ([{"LOWER": "ago"}, {"IS_DIGIT": True, "OP": "+"}], Reach(), Reach(unbounded=True)),
    ],
)
def test_reach_around_the_anchor(pattern, left, right):
    anchors = Anchors()
    anchors.add(pattern)
    assert (anchors.left, anchors.right) == (left, right)


def test_matches_far_apart_are_found_in_separate_windows(nlp):
    pattern = [{"LOWER": {"IN": ["last", "this"]}, "OP": "*"}, {"LOWER": "friday"}]
    anchored = AnchoredMatcher.build(nlp.vocab, [("weekday", pattern)], key="t.windows")
    doc = nlp("Last Friday the army said that, as on this Friday, the town was quiet.")
    assert anchored._windows(doc[:]) == [(0, 2), (9, 11)]
    assert [(s, e) for _, s, e in anchored(doc[:])] == [(0, 2), (9, 11)]
    assert sorted((s, e) for _, s, e in anchored(doc[1:])) == [(0, 1), (8, 10)]  # span offsets


def test_a_pattern_without_anchor_is_still_matched(nlp):
    anchored = AnchoredMatcher.build(nlp.vocab, [("num", [{"IS_DIGIT": True}])], key="test.digits")
    assert not anchored.anchors.complete
    doc = nlp("It killed 35 people.")
    assert [(s, e) for _, s, e in anchored(doc[:])] == [(2, 3)]


def test_spans_without_an_anchor_skip_the_matcher(nlp):
    pattern = [{"IS_DIGIT": True}, {"LOWER": "days"}, {"LOWER": "ago"}]
    anchored = AnchoredMatcher.build(nlp.vocab, [("ago", pattern)], key="t.ago")
    doc = nlp("Nothing happened then. It began 3 days ago.")
    first, second = list(doc.sents)
    assert anchored(first) == []
    assert [(s, e) for _, s, e in anchored(second)] == [(2, 5)]
    assert doc.user_data["extractor.anchors.t.ago"] == [7]  # "days": the one anchor token


def test_cached_entities_equal_span_ents(nlp):
    doc = nlp("Russian President Vladimir Putin met Recep Tayyip Erdogan in Ankara on Monday.")
    for start in range(len(doc)):
        for end in range(start, len(doc) + 1):
            assert ents_within(doc, start, end) == list(doc[start:end].ents)
    forget_text(doc)
    assert not [k for k in doc.user_data if isinstance(k, str) and k.startswith("extractor.")]


def test_longest_first_keeps_what_filter_spans_keeps(nlp):
    doc = nlp("the Armed Forces of Ukraine and the Ukrainian Air Force said on Telegram")
    hits = [(1, 0, 3), (2, 1, 3), (3, 1, 5), (4, 5, 8), (5, 6, 8), (6, 7, 8), (7, 6, 9), (8, 6, 9)]
    expected = filter_spans([Span(doc, s, e, label=label) for label, s, e in hits])
    assert longest_first(hits) == [(sp.label, sp.start, sp.end) for sp in expected]
    ordered = sorted(hits, key=lambda hit: hit[1])
    assert hits_within(ordered, 1, 5) == [(2, 1, 3), (3, 1, 5)]
    assert hits_within(ordered, 6, 9) == [(5, 6, 8), (7, 6, 9), (8, 6, 9), (6, 7, 8)]


def test_a_title_case_anchor_ignores_the_lower_case_word(nlp):
    anchored = AnchoredMatcher.build(nlp.vocab, [("month_day", [MONTH, DAY])], key="t.month")
    doc = nlp("Officials may meet soon. Talks began on May 3.")
    assert doc.user_data.get("extractor.anchors.t.month") is None
    first, second = list(doc.sents)
    assert anchored(first) == []
    assert len(anchored(second)) == 1
    assert doc.user_data["extractor.anchors.t.month"] == [8]  # "May", not "may"


def test_window_matches_are_remembered_by_what_the_patterns_test(nlp):
    anchored = AnchoredMatcher.build(nlp.vocab, [("verb", [{"LOWER": "attack", "POS": "VERB"}])], key="t.memo")
    assert anchored.attrs is not None and len(anchored.attrs) == 2  # the text and the part of speech
    verb, noun = nlp("They attack at dawn."), nlp("The attack came at dawn.")
    assert (verb[1].pos_, noun[1].pos_) == ("VERB", "NOUN")
    for _ in range(2):  # the second round reads remembered windows: same answers
        assert [(s, e) for _, s, e in anchored(verb[:])] == [(1, 2)]
        assert anchored(noun[:]) == []  # same word, other part of speech: not the verb's answer


def test_patterns_testing_the_sentence_start_are_not_remembered(nlp):
    pattern = [{"IS_SENT_START": True}, {"LOWER": "attack"}]
    anchored = AnchoredMatcher.build(nlp.vocab, [("start", pattern)], key="t.nomemo")
    assert anchored.attrs is None
    assert [(s, e) for _, s, e in anchored(nlp("Then attack.")[:])] == [(0, 2)]
