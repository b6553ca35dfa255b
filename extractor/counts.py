"""Counts: figures with what is counted, what happened to it, and where.

For each event unit the extractor

1. scans the tokens for quantity phrases (:mod:`extractor.numbers`: digits, number words,
   hedges, ranges, vague quantities, "a"/"an", "both");
2. drops figures that are not counts (years, dates, times, ages, labels such as "day 1,224",
   calibres, distances, percentages, money, model names such as "Shahed-136");
3. finds the counted noun (``item``) and the predicate that governs it in the dependency parse,
   which gives the ``category`` (active and passive verbs, participles, relative clauses,
   adjectives such as "dead"/"missing", nominals such as "deaths" and tolls);
4. links structure: parts of a total ("including 17 over Crimea"), "45 of 52", coordinated
   counts, "35 others"; and ties each count to a :class:`Location` given by the caller when a
   location preposition attaches the place to the figure or to its predicate.

Every vocabulary lives in ``patterns/counts/``; this module holds only the mechanism.
"""

from __future__ import annotations

import logging
from bisect import bisect_left
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Literal

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from .config import Settings
from .models import Count, CountCategory, Location
from .numbers import NumberVocabulary, Quantity, match_quantity
from .resources import PatternModel, load_json, load_jsonl
from .spans import doc_like_num, head_indexes, lower_forms, per_doc, text_of, tokens_of

logger = logging.getLogger(__name__)

_NOMINAL_POS = frozenset({"NOUN", "PROPN", "PRON"})
_VERBAL_POS = frozenset({"VERB", "AUX", "ADJ"})
_CASUALTY = frozenset({"killed", "injured", "missing", "detained", "captured", "evacuated",
                       "displaced"})
_PATIENT_ROLES = frozenset({"dobj", "nsubjpass", "nsubj_reduced", "adverbial", "oprd"})
_SUBJECT_ROLES = frozenset({"nsubj", "nsubj_reduced", "nsubjpass"})
_MAX_CLIMB = 7


# --- pattern-file records -------------------------------------------------------------------


class PredicateRule(PatternModel):
    """A count predicate: lemmas that say what happened to what is counted."""

    id: str
    lemmas: list[str]
    category: CountCategory
    frame: Literal["transitive", "intransitive", "adjective", "nominal"]
    particle: str | None = None
    with_word: list[str] = []
    item_classes: list[str] = []
    prep: str | None = None
    item: str | None = None
    in_air: bool = False
    #: nouns whose participle modifier the rule does not read: "sanctions targeting 45 companies"
    not_describing: list[str] = []


class AirContext(PatternModel):
    """What makes a destroy verb mean shot down in the air."""

    subject_words: list[str]
    over_preps: list[str]
    air_preps: list[str]
    air_nouns: list[str]
    place_nouns: list[str]
    intercept_verbs: list[str]


class ItemVocabulary(PatternModel):
    """Nouns: aliases to the recorded item, item classes, nouns that are never event counts."""

    description: str = ""
    aliases: dict[str, str]
    inherit: list[str]
    classes: dict[str, list[str]]
    attribution: list[str]
    event_nouns: list[str]
    not_items: list[str]
    person_suffixes: list[str] = []
    not_person: list[str] = []
    modifier_aliases: dict[str, dict[str, str]] = {}


class NonCountVocabulary(PatternModel):
    """Words around a figure that make it a measure, date, label or money."""

    description: str = ""
    units_after: list[str]
    words_before: list[str]
    currency_before: list[str]
    not_one_before: list[str]
    not_one_after: list[str]
    entity_labels: list[str]
    year_range: tuple[int, int]


class StructureVocabulary(PatternModel):
    """Words that relate counts: parts, totals, tolls, reporting verbs, location prepositions."""

    description: str = ""
    part_markers: list[str]
    total_category: dict[str, CountCategory]
    cumulative_verbs: list[str]
    toll_nouns: list[str]
    toll_compounds: dict[str, CountCategory]
    reporting_verbs: list[str]
    location_preps: list[str]
    container_preps: list[str]
    location_pass_preps: list[str]
    definite_dets: list[str]
    article_categories: list[CountCategory]
    default_item: dict[str, str]
    munition_agent_category: CountCategory
    air_context: AirContext
    partitive_pronouns: list[str] = []
    through_nouns: list[str] = []


# --- working state --------------------------------------------------------------------------


@dataclass
class _Match:
    category: CountCategory
    rule: str
    predicate: Token | None = None
    cumulative: bool = False
    item: str | None = None
    score: float = 0.9


@dataclass
class _Cand:
    q: Quantity
    tokens: list[Token]
    anchor: Token
    noun: Token | None = None
    carrier: Token | None = None
    item: str | None = None
    inherit_item: bool = False
    match: _Match | None = None
    part_marker: Token | None = None
    total: _Cand | None = None
    of_total: bool = False
    location: str | None = None
    location_hops: int = 99
    end_token: Token | None = None
    dropped: str | None = None
    parts: list[_Cand] = field(default_factory=list)
    partitive: bool = False

    @property
    def category(self) -> CountCategory:
        return self.match.category if self.match else "other"


_PART = _Match(category="other", rule="part")


class CountExtractor:
    """Extracts typed, bounded counts from a unit (issue 3).

    Build once with :meth:`from_settings`; call :meth:`extract` per event unit.
    """

    def __init__(
        self,
        numbers: NumberVocabulary,
        predicates: Sequence[PredicateRule],
        items: ItemVocabulary,
        noncount: NonCountVocabulary,
        structure: StructureVocabulary,
    ) -> None:
        self.numbers = numbers
        self.items = items
        self.noncount = noncount
        self.structure = structure
        self._verb_rules: dict[str, list[PredicateRule]] = {}
        self._adjective_rules: dict[str, PredicateRule] = {}
        self._nominal_rules: dict[str, PredicateRule] = {}
        for rule in predicates:
            for lemma in rule.lemmas:
                if rule.frame == "nominal":
                    self._nominal_rules.setdefault(lemma, rule)
                elif rule.frame == "adjective":
                    self._adjective_rules.setdefault(lemma, rule)
                else:
                    self._verb_rules.setdefault(lemma, []).append(rule)
        self._aliases = items.aliases
        self._inherit = frozenset(items.inherit)
        self._classes = {name: frozenset(words) for name, words in items.classes.items()}
        self._attribution = frozenset(items.attribution)
        self._event_nouns = frozenset(items.event_nouns)
        self._not_items = frozenset(items.not_items)
        self._persons = frozenset(items.classes.get("person", ()))
        self._person_suffixes = tuple(items.person_suffixes)
        self._not_person = frozenset(items.not_person)
        self._units = frozenset(noncount.units_after)
        self._before = frozenset(noncount.words_before)
        self._currency = frozenset(noncount.currency_before)
        self._not_one_before = frozenset(noncount.not_one_before)
        self._not_one_after = frozenset(noncount.not_one_after)
        self._ent_labels = frozenset(noncount.entity_labels)
        self._parts = frozenset(structure.part_markers)
        self._cumulative = frozenset(structure.cumulative_verbs)
        self._tolls = frozenset(structure.toll_nouns)
        self._reporting = frozenset(structure.reporting_verbs)
        self._loc_preps = frozenset(structure.location_preps)
        self._pass_preps = frozenset(structure.location_pass_preps)
        self._containers = frozenset(structure.container_preps)
        self._definite = frozenset(structure.definite_dets)
        self._article_categories = frozenset(structure.article_categories)
        starters = {w[0] for w in numbers.hedges} | {w[0] for w in numbers.vague}
        starters |= set(numbers.range_frames) | set(numbers.articles)
        self._starters = frozenset(starters)

    @classmethod
    def from_settings(cls, nlp: Language, settings: Settings) -> CountExtractor:
        """Load and validate every vocabulary in ``patterns/counts/`` once.

        Raises:
            PatternFileError: a pattern file is missing or invalid.
        """
        base = settings.patterns_dir / "counts"
        return cls(
            NumberVocabulary.load(settings.patterns_dir),
            load_jsonl(base / "predicates.jsonl", PredicateRule),
            load_json(base / "items.json", ItemVocabulary),
            load_json(base / "noncount.json", NonCountVocabulary),
            load_json(base / "structure.json", StructureVocabulary),
        )

    # --- public -----------------------------------------------------------------------------

    def extract(self, unit: Span, locations: list[Location]) -> list[Count]:
        """Counts in ``unit`` in text order; ``location`` names come from ``locations``.

        Args:
            unit: the event unit (a sentence or bullet) as a span of the full document.
            locations: places already found in the unit; a count takes the ``name`` of the one
                the text ties it to.

        Returns:
            The counts, in text order. ``part_of`` is the index of the total in this list.
        """
        cands = self._scan(unit)
        if not cands:
            return []
        for cand in cands:
            self._find_noun(cand)
        self._link_of_totals(cands)
        for cand in cands:
            if not cand.dropped:
                self._classify(cand)
        self._link_parts(cands)
        self._fill_items(cands)
        for cand in cands:
            if not cand.dropped:
                self._final_filter(cand)
        kept = [c for c in cands if not c.dropped]
        if locations and kept:
            self._tie_locations(unit, kept, locations)
        return self._to_counts(unit, kept)

    # --- scanning ---------------------------------------------------------------------------

    def _scan(self, unit: Span) -> list[_Cand]:
        doc = unit.doc
        starts = per_doc(doc, "counts.starts", self._starts)
        first = bisect_left(starts, unit.start)
        if first == len(starts) or starts[first] >= unit.end:
            return []
        tokens = tokens_of(unit)
        words = lower_forms(doc)[unit.start : unit.end]
        heads = head_indexes(doc)
        cands: list[_Cand] = []
        i = 0
        for index in starts[first : bisect_left(starts, unit.end, first)]:
            start = index - unit.start
            if start < i:
                continue
            q = match_quantity(words, start, self.numbers)
            if q is None:
                continue
            span_tokens = tokens[q.start : q.end]
            reason = self._noncount_reason(tokens, words, q)
            if reason is None:
                anchor = self._anchor(span_tokens, q, heads)
                cands.append(_Cand(q=q, tokens=span_tokens, anchor=anchor))
            elif logger.isEnabledFor(logging.DEBUG):
                logger.debug("not a count (%s): %s", reason, " ".join(words[q.start : q.end]))
            i = q.end
        return cands

    def _starts(self, doc: Doc) -> list[int]:
        """Indexes of the tokens of ``doc`` a quantity can start at: numbers and the first
        words of hedges and vague quantities (of the longer ones, only when the next word
        continues one: "in excess of", not "in Kyiv")."""
        starters = self._starters
        words = lower_forms(doc)
        may_start_at = self.numbers.may_start_at
        return [
            i for i, (word, number) in enumerate(zip(words, doc_like_num(doc), strict=True))
            if number or (word in starters and may_start_at(words, i))
        ]

    @staticmethod
    def _anchor(span_tokens: list[Token], q: Quantity, heads: list[int]) -> Token:
        """The token of the phrase whose head lies outside it (the last such)."""
        inside = {t.i for t in span_tokens}
        body = span_tokens[q.number_start - q.start :] or span_tokens
        best = body[-1]
        for tok in body:
            if heads[tok.i] not in inside:
                best = tok
        return best

    def _noncount_reason(self, tokens: list[Token], words: list[str], q: Quantity) -> str | None:
        n = len(tokens)
        before = words[q.start - 1] if q.start > 0 else ""
        # the word after the figure, skipping hyphens ("12-year-old", "30-day")
        j = q.end
        while j < n and words[j] in ("-", "\u2013"):
            j += 1
        after = words[j] if j < n else ""
        if after in self._units:
            return f"unit {after}"
        if after == "per" and j + 1 < n and words[j + 1] == "cent":
            return "percent"
        if before in (":", "/") and tokens[q.start - 1].whitespace_:
            pass  # a list after a colon ("93 drones: 27 over Bryansk"), not "07:00" or "1/2"
        elif before.rstrip(".") in self._before or before in self._before:
            return f"label {before}"
        if q.start > 0:
            prev = tokens[q.start - 1]
            if before in self._currency or prev.tag_ == "$" or prev.is_currency:
                return "money"
        if q.kind == "number" and q.end - q.start == 1:
            tok = tokens[q.start]
            text = tok.text
            low, high = self.noncount.year_range
            if text.isdigit() and len(text) == 4 and low <= q.value <= high:
                head = tok.head
                if tok.ent_type_ == "DATE" or not (
                    tok.dep_ == "nummod" and head.pos_ == "NOUN" and head.i > tok.i
                ):
                    return "year"
            if words[q.start] == "one" and (
                before in self._not_one_before or after in self._not_one_after
            ):
                return "pronoun one"
            if text.isdigit() and q.start >= 2 and words[q.start - 1] in ("-", "/"):
                prev2 = tokens[q.start - 2]
                if not tokens[q.start - 1].whitespace_ and not prev2.whitespace_:
                    if prev2.is_alpha and not self.numbers.is_number_word(prev2.lower_):
                        return "model designation"
        if j < n and words[j] in ("-",) and j + 1 < n:
            pass
        if q.end < n and tokens[q.end - 1].whitespace_ == "" and words[q.end] == "-":
            nxt = words[q.end + 1] if q.end + 1 < n else ""
            if nxt.isalpha() and not self.numbers.is_number_word(nxt) and nxt in self._units:
                return f"unit {nxt}"
        for tok in tokens[q.start : q.end]:
            if tok.ent_type_ == "ORDINAL" or tok.tag_ == "JJ" and tok.like_num and not tok.is_alpha:
                return "ordinal"
        return None

    # --- nouns and items --------------------------------------------------------------------

    def _find_noun(self, cand: _Cand) -> None:
        anchor = cand.anchor
        head = anchor.head
        inside = {t.i for t in cand.tokens}
        noun: Token | None = None
        if cand.q.kind == "article" or cand.q.rule == "vague_both":
            if anchor.dep_ in ("det", "predet", "nummod", "quantmod") and head.pos_ in (
                "NOUN", "PROPN"
            ):
                noun = head
        elif head.i not in inside and anchor.dep_ in ("nummod", "quantmod", "det", "amod") and (
            head.pos_ in ("NOUN", "PROPN") or head.tag_ in ("NNS", "NNPS", "NN")
        ):
            noun = head
        if noun is None and (
            anchor.pos_ in ("NOUN", "NUM", "PRON")
            or anchor.pos_ == "PROPN" and cand.q.kind == "vague"  # "Dozens of ..." opening a line
        ):
            # "dozens of people", "a couple of civilians", "one of the drones"
            for child in anchor.children:
                if child.dep_ == "prep" and child.lower_ == "of":
                    pobj = [g for g in child.children if g.dep_ == "pobj"]
                    if pobj and pobj[0].lower_ in self.structure.partitive_pronouns:
                        cand.partitive = True  # "21 of them": a part of the figure before
                    if pobj and pobj[0].pos_ in ("NOUN", "PROPN"):
                        noun = pobj[0]
                        cand.carrier = anchor
        if noun is None and cand.q.kind != "article":
            # "12 injured", "23 dead": the word after the figure is a casualty adjective
            nxt_i = cand.tokens[-1].i + 1
            doc = anchor.doc
            if nxt_i < len(doc):
                nxt = doc[nxt_i]
                if nxt.lower_ in self._adjective_rules or nxt.lower_ in self._nominal_rules:
                    following = doc[nxt_i + 1] if nxt_i + 1 < len(doc) else None
                    if following is None or following.pos_ not in ("NOUN", "PROPN"):
                        cand.match = self._nominal_match(nxt)
                        cand.end_token = nxt
        if noun is not None:
            noun = self._head_noun(noun, cand.q.value)
        if noun is not None and noun.lower_ in self._units:
            cand.dropped = "unit noun"
            return
        cand.noun = noun
        if cand.carrier is None:
            cand.carrier = noun if noun is not None and noun.i > anchor.i else anchor
            if noun is not None and noun.i < anchor.i:
                cand.carrier = noun
        if noun is not None:
            item = self._item_of(noun)
            if item in self._inherit:
                cand.inherit_item = True
            else:
                cand.item = item
            if noun.i > cand.tokens[-1].i and noun.i - cand.tokens[-1].i <= 8:
                cand.end_token = noun

    @staticmethod
    def _head_noun(noun: Token, value: int) -> Token:
        """The noun that heads the counted phrase ("Kh-101 cruise missiles" -> "missiles")."""
        for _ in range(3):
            head = noun.head
            if noun.dep_ in ("compound", "nmod") and head.i > noun.i and head.pos_ == "NOUN":
                noun = head
            else:
                break
        if value > 1 and noun.tag_ == "NN":
            # "took 15 Russian soldiers prisoner": the plural modifier is what is counted
            for child in noun.children:
                if child.dep_ in ("compound", "nmod") and child.tag_ == "NNS":
                    return child
        return noun

    def _item_of(self, noun: Token) -> str:
        lemma = noun.lemma_.lower()
        by_modifier = self.items.modifier_aliases.get(lemma)
        if by_modifier:
            for child in noun.children:
                if child.i < noun.i and child.lower_ in by_modifier:
                    return by_modifier[child.lower_]
        low = noun.lower_
        if low in self._aliases:
            return self._aliases[low]
        lemma = noun.lemma_.lower()
        if lemma in self._aliases:
            return self._aliases[lemma]
        if noun.tag_ in ("NNPS",) or (noun.pos_ != "NOUN" and lemma == low and low.endswith("s")):
            lemma = _singular(low)
        return self._aliases.get(lemma, lemma)

    def _in_class(self, item: str | None, classes: Iterable[str]) -> bool:
        if item is None:
            return False
        return any(
            self._is_person(item) if name == "person" else item in self._classes.get(name, ())
            for name in classes
        )

    def _is_person(self, item: str | None, noun: Token | None = None) -> bool:
        """A noun for people: listed, or a person ending ("militiaman", "activist",
        "detainee"), a nationality ("a Palestinian"), or aged ("a 74-year-old")."""
        if noun is not None:
            if noun.ent_type_ == "NORP":
                return True
            if any(c.lower_ == "old" or c.lower_.endswith("-old") for c in noun.subtree
                   if c.i < noun.i):
                return True
        if not item:
            return False
        last = item.split()[-1]
        if last in self._persons or item in self._persons:
            return True
        if last in self._not_person or last in self._classes.get("munition", ()):
            return False
        return len(last) > 4 and last.endswith(self._person_suffixes)

    # --- "45 of 52" -------------------------------------------------------------------------

    def _link_of_totals(self, cands: list[_Cand]) -> None:
        for a, b in zip(cands, cands[1:], strict=False):
            if a.dropped or b.dropped:
                continue
            if a.noun is not None and (b.noun is None or a.noun.i != b.noun.i):
                continue
            gap = [t for t in a.anchor.doc[a.tokens[-1].i + 1 : b.tokens[0].i]]
            words = [t.lower_ for t in gap]
            if words and words[0] == "of" and all(w in ("of", "the", "these", "those") for w in words):
                a.total = b
                a.of_total = True

    # --- categories -------------------------------------------------------------------------

    def _classify(self, cand: _Cand) -> None:
        item = cand.item
        if item is None and cand.total is not None:
            item = cand.total.item
        if cand.match is not None:
            return
        carrier = cand.carrier or cand.anchor
        found = self._climb(carrier, item)
        if found is _PART:
            cand.part_marker = self._marker_of(carrier)
            return
        if found is None and cand.noun is not None:
            found = self._from_modifiers(cand.noun, item)
            if found is None and cand.noun.lemma_.lower() in self._nominal_rules:
                found = self._nominal_match(cand.noun)
                if found is not None and found.item is not None:
                    cand.item = found.item
        if found is None and cand.noun is not None:
            for sibling in cand.noun.conjuncts:
                found = self._from_modifiers(sibling, item)
                if found is not None:
                    break
        if found is None and cand.carrier is not None and cand.carrier != cand.noun:
            found = self._from_modifiers(cand.carrier, item)
        if found is None:
            found = self._misparsed_object(cand, item)
        cand.match = found

    def _misparsed_object(self, cand: _Cand, item: str | None) -> _Match | None:
        """ "killing at least four people, police said": the parser makes the figure's noun
        the subject of the reporting verb; the verb right before the figure, with no object
        of its own, is its predicate."""
        noun = cand.noun
        if noun is None or noun.dep_ != "nsubj" or noun.head.lemma_.lower() not in self._reporting:
            return None
        first = cand.tokens[0]
        if first.i == 0:
            return None
        verb = first.doc[first.i - 1]
        if verb.pos_ != "VERB" or any(c.dep_ in ("dobj", "nsubjpass") for c in verb.children):
            return None
        return self._match_verb(verb, "dobj", noun, item)

    def _climb(self, start: Token, item: str | None) -> _Match | None:
        node = start
        for _ in range(_MAX_CLIMB):
            head = node.head
            if head == node:
                return None
            dep = node.dep_
            if node.lower_ in self._parts and dep in ("prep", "acl", "advcl", "conj"):
                return _PART
            if dep == "conj" and head.pos_ in ("NOUN", "PROPN", "NUM", "PRON", "ADJ"):
                if head.pos_ == "ADJ" and head.lower_ in self._adjective_rules:
                    return self._nominal_match(head)
                node = head
                continue
            if dep in ("appos", "nummod", "quantmod", "compound", "npadvmod", "amod") and (
                head.pos_ in ("NOUN", "PROPN", "NUM")
            ):
                node = head
                continue
            if dep == "pobj":
                prep = head
                if prep.lower_ in self._parts:
                    return _PART
                if prep.lower_ in self._containers:
                    return None  # "were among the 15 killed": the figure is a total
                gov = prep.head
                if gov == prep:
                    return None
                if prep.lower_ == "of" and gov.lower_ == "out" and gov.head != gov:
                    # "13 missiles were intercepted out of 17": the figure is the total
                    found = self._match_verb(gov.head, "nsubjpass", node, item)
                    mapped = self.structure.total_category.get(found.category) if found else None
                    if found is None or mapped is None:
                        return None
                    return _Match(category=mapped, rule=f"total_of_{found.rule}", score=0.8)
                if prep.dep_ == "agent":
                    role = "agent"
                else:
                    role = "prep:" + prep.lower_
                if gov.pos_ in _VERBAL_POS:
                    return self._match_verb(gov, role, node, item)
                if gov.pos_ == "NUM" or gov.lower_ in self._parts:
                    node = gov
                    continue
                if prep.lower_ == "of" and gov.lemma_ in self.structure.through_nouns:
                    node = gov  # "a total of 38 Palestinians were killed": the total's verb
                    continue
                if gov.pos_ in ("NOUN", "PROPN") and prep.lower_ in self._loc_preps:
                    node = gov
                    continue
                return None
            if dep in ("prep",) and node.head.pos_ in ("NOUN", "NUM"):
                node = head
                continue
            if head.pos_ in _VERBAL_POS:
                found = self._object_of_misread_participle(node, head, item)
                if found is not None:
                    return found
                if head.pos_ == "ADJ" and dep in ("nsubj", "npadvmod", "nummod"):
                    if head.lower_ in self._adjective_rules or head.lemma_ in self._adjective_rules:
                        return self._nominal_match(head)
                return self._match_verb(head, self._role(node, head), node, item)
            return None
        return None

    def _object_of_misread_participle(
        self, node: Token, participle: Token, item: str | None
    ) -> _Match | None:
        """ "killed 18 people sheltering there" parsed with the figure as the subject of
        "sheltering": the figure is the object of the verb before it, which has none."""
        verb = participle.head
        if not (
            node.dep_ == "nsubj" and participle.tag_ == "VBG" and participle.dep_ in ("advcl", "acl")
            and verb.pos_ == "VERB" and verb.i < node.i < participle.i
            and not any(c.dep_ == "dobj" for c in verb.children)
        ):
            return None
        return self._match_verb(verb, "dobj", node, item)

    def _marker_of(self, start: Token) -> Token | None:
        node = start
        for _ in range(_MAX_CLIMB + 2):
            if node.lower_ in self._parts:
                return node
            if node.head == node:
                return None
            node = node.head
        return None

    def _role(self, node: Token, verb: Token) -> str:
        dep = node.dep_
        if dep == "nsubj":
            no_aux = not any(
                c.dep_ in ("aux", "auxpass") and c.lemma_ in ("have", "be") for c in verb.children
            )
            if verb.tag_ == "VBN" and no_aux:
                return "nsubj_reduced"
            # "one was killed and four others wounded": a gapped passive in a coordination
            if (
                verb.tag_ == "VBD"
                and no_aux
                and verb.dep_ == "conj"
                and not any(c.dep_ == "dobj" for c in verb.children)
                and any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.head.children)
            ):
                return "nsubj_reduced"
            return "nsubj"
        if dep == "conj" and verb.pos_ in ("VERB", "AUX"):
            # "two were killed in Kherson and one in Nikopol": the figure stands for the argument
            for child in verb.children:
                if child.dep_ in ("nsubjpass", "dobj"):
                    return "nsubjpass" if child.dep_ == "nsubjpass" else "dobj"
                if child.dep_ == "nsubj":
                    return self._role(child, verb)
            return "conj"
        if dep in ("dobj", "dative", "oprd"):
            return "dobj"
        if dep in ("advmod", "npadvmod"):
            return "adverbial"
        return dep

    def _match_verb(self, verb: Token, role: str, node: Token, item: str | None) -> _Match | None:
        # running totals: "the death toll rose to 23", "bringing the total to 45", "the toll is 23"
        vlemma = verb.lemma_.lower()
        if vlemma in self._cumulative or vlemma == "be":
            if role in ("prep:to", "prep:at", "dobj", "attr", "prep:above", "prep:past"):
                for child in verb.children:
                    if child == node or child.dep_ not in ("nsubj", "dobj", "nsubjpass"):
                        continue
                    toll = self._toll_category(child)
                    if toll is not None:
                        return _Match(
                            category=toll[0], rule=toll[1], predicate=verb, cumulative=True,
                            item="person" if toll[0] in _CASUALTY else None,
                        )
        rules = self._verb_rules.get(vlemma, []) + (
            self._verb_rules.get(verb.lower_, []) if verb.lower_ != vlemma else []
        )
        for rule in rules:
            if not self._rule_applies(rule, verb, role, node, item):
                continue
            return _Match(category=rule.category, rule=rule.id, predicate=verb, item=rule.item,
                          score=0.9 if role in ("dobj", "nsubjpass", "nsubj") else 0.85)
        # agent munitions: "three missiles killed five people" -> the missiles hit
        if role == "nsubj" and self._in_class(item, ["munition"]) and any(
            r.frame == "transitive" for r in rules
        ):
            return _Match(category=self.structure.munition_agent_category,
                          rule="munition_agent", predicate=verb, score=0.7)
        # "was among those killed", "were among the dead", "Among the dead were two children"
        if role in _SUBJECT_ROLES or (role == "attr" and verb.lemma_ == "be"):
            for child in verb.children:
                if child.dep_ != "prep" or child.lower_ != "among":
                    continue
                for pobj in child.children:
                    if pobj.dep_ != "pobj":
                        continue
                    found = self._nominal_match(pobj) or self._from_modifiers(pobj, item)
                    if found is not None:
                        return found
        # copula or linking verb with a predicate adjective: "are missing", "left five dead"
        if role in _SUBJECT_ROLES | {"dobj"}:
            for child in verb.children:
                if child == node or child.dep_ not in ("acomp", "oprd", "xcomp", "attr"):
                    continue
                if child.pos_ not in ("ADJ", "VERB"):
                    continue
                adjective = self._adjective_rules.get(child.lower_) or self._adjective_rules.get(
                    child.lemma_.lower()
                )
                if adjective is not None:
                    return _Match(category=adjective.category, rule=adjective.id,
                                  predicate=child, item=adjective.item, score=0.85)
        return None

    def _rule_applies(
        self, rule: PredicateRule, verb: Token, role: str, node: Token, item: str | None
    ) -> bool:
        if rule.item_classes and not self._in_class(item, rule.item_classes):
            return False
        if rule.not_describing and verb.dep_ == "acl" and verb.head.lemma_.lower() in rule.not_describing:
            return False
        if rule.particle is not None and not any(
            c.dep_ in ("prt", "advmod", "prep") and c.lower_ == rule.particle for c in verb.children
        ):
            return False
        if rule.with_word and not self._has_word(verb, node, rule.with_word):
            return False
        if rule.in_air and not self._in_air(verb, node):
            return False
        if rule.prep is not None:
            if rule.prep == "by" and role == "agent":
                return True
            return role == f"prep:{rule.prep}"
        if role.startswith("prep:") or role == "agent":
            return False
        if rule.frame == "transitive":
            return role in _PATIENT_ROLES
        return role in _SUBJECT_ROLES

    def _in_air(self, verb: Token, node: Token) -> bool:
        """The verb is said of something in the air: an air-defence subject or agent ("air
        defence systems destroyed ..."), "over <place>" or "in the air" on the verb or the
        figure, or a coordinated intercept verb ("intercepted and destroyed")."""
        air = self.structure.air_context
        verbs = [verb, *verb.conjuncts]
        if any(v.lemma_.lower() in air.intercept_verbs for v in verbs if v is not verb):
            return True
        for v in verbs:
            for child in v.children:
                if child.dep_ in ("nsubj", "agent") and any(
                    t.lower_ in air.subject_words for t in child.subtree
                ):
                    return True
        for holder in [*verbs, node]:
            for child in holder.children:
                if child.dep_ != "prep":
                    continue
                for pobj in child.children:
                    if pobj.dep_ != "pobj" or pobj.ent_type_ in ("DATE", "TIME"):
                        continue
                    if child.lower_ in air.air_preps and pobj.lower_ in air.air_nouns:
                        return True
                    if child.lower_ in air.over_preps and (
                        pobj.pos_ == "PROPN"
                        or pobj.ent_type_ in ("GPE", "LOC")
                        or pobj.lemma_.lower() in air.place_nouns
                    ):
                        return True
        return False

    @staticmethod
    def _has_word(verb: Token, node: Token, words: list[str]) -> bool:
        wanted = set(words)
        for child in verb.children:
            if child.lower_ in wanted or child.lemma_.lower() in wanted:
                return True
            if child.dep_ in ("xcomp", "prep", "oprd", "dobj", "ccomp", "advcl"):
                for grand in child.children:
                    if grand.lower_ in wanted or grand.lemma_.lower() in wanted:
                        return True
        return False

    def _toll_category(self, noun: Token) -> tuple[CountCategory, str] | None:
        lemma = noun.lemma_.lower()
        compounds = self.structure.toll_compounds
        if lemma in self._tolls:
            for child in noun.children:
                clem = child.lemma_.lower()
                if child.dep_ in ("compound", "amod", "nmod") and (
                    clem in compounds or child.lower_ in compounds
                ):
                    return compounds.get(clem) or compounds[child.lower_], f"toll_{lemma}"
                if child.dep_ == "prep" and child.lower_ == "of":
                    for pobj in child.children:
                        if pobj.dep_ != "pobj":
                            continue
                        plem = pobj.lemma_.lower()
                        if plem in compounds or pobj.lower_ in compounds:
                            return compounds.get(plem) or compounds[pobj.lower_], f"toll_{lemma}"
                        found = self._from_modifiers(pobj, "person")
                        if found is not None:
                            return found.category, f"toll_{lemma}"
            if lemma == "toll":
                return "killed", "toll_toll"
            return None
        if lemma in compounds and noun.pos_ == "NOUN":
            return compounds[lemma], f"toll_{lemma}"
        return None

    def _from_modifiers(self, noun: Token, item: str | None) -> _Match | None:
        """Participles and relative clauses on the counted noun: "3 people killed", "who died"."""
        for child in noun.children:
            if child.dep_ == "acl" and child.pos_ in ("VERB", "ADJ"):
                role = "nsubjpass" if child.tag_ == "VBN" else "nsubj"
                found = self._match_verb(child, role, noun, item)
                if found is not None and found.rule != "munition_agent":
                    found.score = 0.85
                    return found
            elif child.dep_ == "relcl":
                if any(c.dep_ == "aux" and c.lower_ == "had" for c in child.children):
                    continue  # "24 girls who had been kidnapped": an earlier happening
                role = "nsubj"
                for grand in child.children:
                    if grand.lower_ in ("who", "that", "which", "whom") and grand.dep_ in (
                        "nsubj", "nsubjpass", "dobj"
                    ):
                        role = self._role(grand, child) if grand.dep_ == "nsubj" else (
                            "dobj" if grand.dep_ == "dobj" else "nsubjpass"
                        )
                found = self._match_verb(child, role, noun, item)
                if found is not None and found.rule != "munition_agent":
                    found.score = 0.85
                    return found
            elif child.dep_ == "amod" and child.i < noun.i:
                rule = self._adjective_rules.get(child.lower_)
                if rule is not None:
                    return _Match(category=rule.category, rule=rule.id, predicate=child,
                                  item=rule.item, score=0.8)
        return None

    def _nominal_match(self, tok: Token) -> _Match | None:
        rule = (
            self._nominal_rules.get(tok.lower_)
            or self._nominal_rules.get(tok.lemma_.lower())
            or self._adjective_rules.get(tok.lower_)
        )
        if rule is None:
            return None
        return _Match(category=rule.category, rule=rule.id, predicate=tok, item=rule.item,
                      score=0.85)

    # --- structure --------------------------------------------------------------------------

    def _link_parts(self, cands: list[_Cand]) -> None:
        by_noun = {c.noun.i: c for c in cands if c.noun is not None and not c.dropped}
        for cand in cands:
            # "Two journalists were among the 15 people killed"
            carrier = cand.carrier or cand.anchor
            if cand.dropped or carrier.dep_ not in ("nsubj", "nsubjpass"):
                continue
            for prep in carrier.head.children:
                if prep.dep_ == "prep" and prep.lower_ in self._containers:
                    for pobj in prep.children:
                        total = by_noun.get(pobj.i)
                        if total is not None and total is not cand:
                            cand.total = total
        for k, cand in enumerate(cands):
            if cand.dropped:
                continue
            if cand.partitive and cand.total is None and cand.part_marker is None:
                previous = [c for c in cands[:k] if not c.dropped and c.total is None]
                if previous:
                    cand.total = previous[-1]
                    if cand.match is None and cand.total.match is not None:
                        whole = cand.total.match
                        cand.match = _Match(category=whole.category, rule="part_of_total",
                                            predicate=whole.predicate, item=whole.item,
                                            score=0.85)
                continue
            if cand.of_total and cand.total is not None:
                total = cand.total
                if cand.match is not None and (
                    total.match is None
                    or total.match.predicate is None
                    or cand.match.predicate is None
                    or total.match.predicate.i == cand.match.predicate.i
                ):
                    mapped = self.structure.total_category.get(cand.match.category, "other")
                    total.match = _Match(category=mapped, rule=f"total_of_{cand.match.rule}",
                                         predicate=None, score=0.8)
                continue
            if cand.part_marker is None:
                continue
            marker_i = cand.part_marker.i
            total = None
            for prev in reversed(cands[:k]):
                if prev.dropped or prev.part_marker is not None or prev.of_total:
                    continue
                if prev.tokens[0].i < marker_i:
                    total = prev
                    break
            if total is None:
                cand.part_marker = None
                continue
            cand.total = total
            if total.match is not None:
                cand.match = _Match(category=total.match.category, rule="part_of_total",
                                    predicate=total.match.predicate,
                                    cumulative=total.match.cumulative, item=total.match.item,
                                    score=0.85)

    def _fill_items(self, cands: list[_Cand]) -> None:
        previous: _Cand | None = None
        for cand in cands:
            if cand.dropped:
                continue
            if cand.item is None:
                if cand.total is not None and cand.total.item is not None:
                    cand.item = cand.total.item
                elif cand.inherit_item or cand.noun is None:
                    same_group = previous is not None and previous.item is not None and (
                        (previous.category in _CASUALTY) == (cand.category in _CASUALTY)
                    )
                    if same_group and previous is not None:
                        cand.item = previous.item
                    elif cand.match is not None and cand.match.item is not None:
                        cand.item = cand.match.item
                    elif cand.category in self.structure.default_item:
                        cand.item = self.structure.default_item[cand.category]
            if (cand.item is not None or cand.match is not None) and cand.total is None:
                previous = cand

    def _final_filter(self, cand: _Cand) -> None:
        q = cand.q
        if self._misparsed_speaker(cand.noun):
            cand.dropped = "speaker coordinated with the object by the parser"
            return
        other = cand.match is None or cand.category == "other"
        if q.kind == "article":
            if cand.noun is None or cand.category not in self._article_categories:
                cand.dropped = "article without a casualty predicate"
            elif cand.noun.tag_ in ("NNS", "NNPS") or cand.noun.lemma_ in self._event_nouns:
                cand.dropped = "article on a plural or event noun"
            elif not self._is_person(cand.item, cand.noun):
                # "captured a police station", "a claim": one only for a person noun
                cand.dropped = "article on a noun that is not a person"
            elif cand.noun.lemma_ in self.structure.through_nouns:
                cand.dropped = "article on a noun the figure is given through"  # "a family of six"
            return
        if q.requires_predicate and other:
            cand.dropped = "needs a count predicate"
            return
        if cand.total is not None and not cand.of_total:
            return  # a part: inherits from its total
        if not other:
            return
        if cand.of_total:
            return
        if cand.noun is None:
            cand.dropped = "bare figure without a predicate"
            return
        if self._describes_other_count(cand):
            cand.dropped = "describes another counted noun"
            return
        if cand.noun.tag_ not in ("NNS", "NNPS") and any(
            t.ent_type_ in self._ent_labels for t in cand.tokens
        ):
            cand.dropped = "entity label"
            return
        if cand.item in self._attribution or cand.noun.lemma_.lower() in self._not_items:
            cand.dropped = "attribution noun or not an item"
            return
        if any(c.dep_ in ("det", "poss") and c.lower_ in self._definite for c in cand.noun.children):
            cand.dropped = "definite reference"
            return
        if self._is_speaker(cand.noun):
            cand.dropped = "speaker of a reporting verb"

    def _misparsed_speaker(self, noun: Token | None) -> bool:
        """ "killing nine people, residents and a local official said": the parser joins the
        speakers to the object; a conjunct right before a subjectless reporting verb speaks."""
        if noun is None or noun.dep_ != "conj":
            return False
        after = noun.doc[noun.i + 1] if noun.i + 1 < len(noun.doc) else None
        return (
            after is not None
            and after.lemma_.lower() in self._reporting
            and after.pos_ == "VERB"
            and not any(c.dep_ in ("nsubj", "nsubjpass") for c in after.children)
        )

    def _describes_other_count(self, cand: _Cand) -> bool:
        """ "seven members of one family": a figure in an of-phrase of a noun that carries a
        figure of its own describes that noun; it is not a count."""
        noun = cand.noun
        if noun is None or noun.dep_ != "pobj" or noun.head.lower_ != "of":
            return False
        owner = noun.head.head
        return owner.pos_ in ("NOUN", "PROPN") and any(
            c.dep_ == "nummod" or c.like_num for c in owner.children
        )

    def _is_speaker(self, noun: Token) -> bool:
        node = noun
        for _ in range(3):
            head = node.head
            if head == node:
                return False
            if node.dep_ == "conj":
                node = head
                continue
            if node.dep_ == "pobj" and head.lower_ in ("to", "by") and head.head.lower_ in (
                "according", "accord"
            ):
                return True
            if head.pos_ == "VERB":
                return head.lemma_.lower() in self._reporting and node.dep_ in (
                    "nsubj", "dobj", "nsubjpass"
                )
            return False
        return False

    # --- locations --------------------------------------------------------------------------

    def _tie_locations(self, unit: Span, cands: list[_Cand], locations: list[Location]) -> None:
        doc = unit.doc
        owners: dict[int, list[_Cand]] = {}
        for cand in cands:
            keys = {t.i for t in cand.tokens} | {cand.anchor.i}
            if cand.noun is not None:
                keys.add(cand.noun.i)
            if cand.carrier is not None:
                keys.add(cand.carrier.i)
            for key in keys:
                owners.setdefault(key, []).append(cand)
        verb_owners: dict[int, list[_Cand]] = {}
        for cand in cands:
            if cand.match is not None and cand.match.predicate is not None and cand.total is None:
                verb_owners.setdefault(cand.match.predicate.i, []).append(cand)
        for loc in locations:
            start, end = loc.span
            if start < unit.start_char or end > unit.end_char:
                continue
            span = doc.char_span(start, end, alignment_mode="expand")
            if span is None or len(span) == 0:
                continue
            self._tie_one(loc.name, span.root, owners, verb_owners)
        # parts without their own place keep none; a total keeps none of its parts' places

    def _tie_one(
        self,
        name: str,
        node: Token,
        owners: dict[int, list[_Cand]],
        verb_owners: dict[int, list[_Cand]],
    ) -> None:
        """Walk up from a place through location prepositions to a figure or its predicate."""
        hops = 0
        preps = 0
        for _ in range(10):
            if preps and node.i in owners:
                for cand in owners[node.i]:
                    if hops < cand.location_hops:
                        cand.location, cand.location_hops = name, hops
                return
            if preps and node.i in verb_owners and node.pos_ in _VERBAL_POS:
                verbs = [node, *node.conjuncts]
                for verb in verbs:
                    for cand in verb_owners.get(verb.i, []):
                        cost = hops + 10 + (0 if verb == node else 5)
                        if cost < cand.location_hops:
                            cand.location, cand.location_hops = name, cost
                return
            head = node.head
            if head == node:
                return
            if node.dep_ == "pobj":
                allowed = self._loc_preps if preps == 0 else self._pass_preps
                if head.lower_ not in allowed or head.head == head:
                    return
                preps += 1
                hops += 0 if preps == 1 else 1
                node = head.head
                continue
            if node.dep_ in ("compound", "poss", "amod", "appos", "nmod", "conj", "npadvmod"):
                hops += 1
                node = head
                continue
            if preps and node.dep_ in ("acl", "relcl", "advcl"):
                return
            return

    # --- output -----------------------------------------------------------------------------

    def _to_counts(self, unit: Span, cands: list[_Cand]) -> list[Count]:
        doc_text = text_of(unit.doc)
        out: list[dict[str, object]] = []  # each Count's fields, built once part_of is known
        index: dict[int, int] = {}
        seen: dict[tuple[object, ...], int] = {}
        seen_figures: dict[tuple[object, ...], int] = {}
        for cand in cands:
            q = cand.q
            first = cand.tokens[0]
            last = cand.tokens[-1]
            if cand.end_token is not None and cand.end_token.i > last.i:
                last = cand.end_token
            start, end = first.idx, last.idx + len(last.text)
            category = cand.category
            key = (q.value, category, cand.item, cand.location, cand.total is not None)
            if key in seen and cand.total is None and not cand.parts:
                index[id(cand)] = seen[key]
                continue
            said_before = (q.value, cand.item)
            if category == "other" and said_before in seen_figures and cand.total is None:
                index[id(cand)] = seen_figures[said_before]
                continue
            match = cand.match
            rule = match.rule if match else "count_noun"
            score = match.score if match else 0.6
            if q.kind == "article":
                score = min(score, 0.75)
            if q.approximate:
                score -= 0.05
            out.append(
                {
                    "text": doc_text[start:end],
                    "span": (start, end),
                    "rule": rule,
                    "score": round(max(0.0, min(1.0, score)), 2),
                    "value": q.value,
                    "min": q.min,
                    "max": q.max,
                    "approximate": q.approximate,
                    "category": category,
                    "item": cand.item,
                    "location": cand.location,
                    "cumulative": bool(match and match.cumulative),
                }
            )
            index[id(cand)] = len(out) - 1
            seen[key] = len(out) - 1
            seen_figures.setdefault((q.value, cand.item), len(out) - 1)
        for cand in cands:
            if cand.total is not None and id(cand) in index and id(cand.total) in index:
                own, total = index[id(cand)], index[id(cand.total)]
                if own != total and "part_of" not in out[own]:
                    out[own]["part_of"] = total
        return [Count.model_validate(fields) for fields in out]


def _singular(word: str) -> str:
    """Singular of a plural proper noun or demonym ("Palestinians" -> "palestinian")."""
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word
