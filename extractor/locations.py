"""Finding place mentions in an event unit and resolving them against the gazetteer.

Mentions come from four places, in this order:

1. NER entities labelled GPE, LOC or FAC (exact alias match, then sub-spans, then fuzzy match
   under ``settings.place_fuzzy_threshold``; unresolvable ones are kept with
   ``geonames_id: null``);
2. NER entities with a wrong label (ORG, PERSON, NORP, ...) whose whole text is a prominent
   gazetteer name ('Crimea' tagged ORG, 'Rostov' tagged PERSON);
3. runs of proper nouns NER missed ('Donetsk' in "Ukraine's Donetsk region"), matched exactly;
4. capitalised names before an administrative noun ("Depayin township", "Danmusa LGA"),
   kept with the noun's kind when the gazetteer does not list them.

A following 'region'/'oblast'/'township'/... word (``patterns/places/vocab.json``) joins the
span and makes subdivisions preferred. A country in the possessive ("Russia's Rostov region")
qualifies the place it belongs to and is not emitted on its own; a country or region given as
a qualifier ("Izhevsk, in central Russia", "Mopti, Mali", "(Tillaberi, Niger)") qualifies the
place before it, decides among namesakes, and is a location too. Other countries are emitted
as places only where they are used as places (object of a preposition: "in Ukraine", "to
Ukraine"), never as actors ("Russia launched", "US envoy"). Demonyms ("Russian forces") are
never places.
"""

from __future__ import annotations

import logging
from bisect import bisect_left
from dataclasses import dataclass, field
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from .config import Settings
from .context import ArticleContext
from .gazetteer import TIER_ALT, Candidate, Gazetteer, Place, PlaceVocab, rank
from .models import Location, LocationKind
from .models import Span as CharSpan
from .spans import (
    ParseLists,
    TokenChars,
    doc_pos,
    doc_tokens,
    ents_within,
    lower_forms,
    parse_lists,
    per_doc,
    span_text,
    text_of,
    token_chars,
)
from .structure import dateline_length

logger = logging.getLogger(__name__)

PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
RELABEL_LABELS = frozenset({"ORG", "PERSON", "NORP", "EVENT", "PRODUCT", "WORK_OF_ART"})
#: A place found without NER as a place must be at least this populous (cities only).
MIN_POPULATION_WITHOUT_NER = 1000
#: A place NER mislabelled (e.g. as PERSON) must be at least this populous (cities only).
MIN_POPULATION_RELABEL = 20000
MAX_NGRAM = 6
_LINKERS = frozenset({",", "and", "or", "&"})
_POBJ_DEPS = frozenset({"pobj"})
#: Characters read from a line's start to find a dateline (the longest is under 100).
_DATELINE_REACH = 160
#: How the lower-case words between a name and a facility noun hang on it ("Kalma
#: displacement camp", "the Kirishi oil refinery").
_FACILITY_MODIFIER_DEPS = frozenset({"compound", "amod", "nmod"})


#: Parts of speech that never begin a place name, even capitalised at a sentence start.
_FUNCTION_POS = frozenset({"ADP", "DET", "CCONJ", "SCONJ", "PRON", "AUX"})
#: Hyphens that join the parts of one name ("Pétion-Ville").
_HYPHENS = frozenset({"-", "‐", "‑"})
#: kinds of place that are areas, not towns
_AREA_KINDS = frozenset({"country", "admin1", "admin2", "region"})


def _subdivision_or_its_seat(candidates: list[Candidate]) -> list[Candidate]:
    """For "the province of X": the subdivisions named X and the towns named X inside one of
    them (the provincial seat, as coders record it); all candidates when none is a subdivision."""
    regions = [c for c in candidates if c.place.kind in ("admin1", "admin2")]
    inside = {(c.place.country, c.place.admin1) for c in regions}
    seats = [c for c in candidates if c.place.kind == "city" and (c.place.country, c.place.admin1) in inside]
    return seats + regions if regions else candidates


def _listed_root(lists: ParseLists, last: int, end: int) -> int:
    """The word that places a name ending at token ``last`` (before token ``end``) in its
    sentence: the name's head, or the first of the names it is listed with ("the towns of X
    and Y"); read from the parse lists."""
    heads, deps = lists.heads, lists.deps
    node = last
    while deps[node] in ("compound", "flat") and heads[node] < end and heads[node] != node:
        node = heads[node]
    while deps[node] == "conj" and heads[node] != node:
        node = heads[node]
    return node


def _words(doc: Doc, chars: TokenChars, start: int, end: int) -> str:
    """``doc[start:end].text`` (``start < end``), read with the unit's :class:`TokenChars`."""
    return text_of(doc)[chars.starts[start] : chars.ends[end - 1]]


def _written_alike(tokens: list[Token], first: tuple[int, int], second: tuple[int, int]) -> bool:
    """True when two token ranges hold the same words ("Khartoum (Khartoum)")."""
    return [t.text for t in tokens[first[0] : first[1]]] == [t.text for t in tokens[second[0] : second[1]]]


def _inside_word(doc: Doc, start: int, end: int) -> bool:
    """True when ``doc[start:end]`` is joined by a hyphen to the token before or after it:
    part of one hyphenated name ("Ville" of "Pétion-Ville"), never a name of its own."""
    before = start > 0 and doc[start - 1].text in _HYPHENS and not doc[start - 1].whitespace_
    after = end < len(doc) and doc[end].text in _HYPHENS and not doc[end - 1].whitespace_
    return before or after


@dataclass
class _Mention:
    start: int  # token index of the name
    end: int  # exclusive, the name only
    rule: str
    candidates: list[Candidate]
    span_end: int = 0  # exclusive, including a suffix word
    suffix_kinds: tuple[str, ...] = ()
    label: str | None = None
    qualifier_countries: list[str] = field(default_factory=list)
    qualifier_admin1: list[tuple[str, str]] = field(default_factory=list)
    absorbed: bool = False
    descriptor: str | None = None
    control: str | None = None
    controlled_by: str | None = None
    fallback_kind: str = "place"
    chosen: Candidate | None = None
    named_by_phrase: bool = False  # "Kirishi oil refinery": the phrase is the name
    unlinked: bool = False  # its only link was a weak guess abroad (see _foreign_guess)
    region_first: bool = False  # "(Tillaberi, Niger)" after a place: the region, not the town
    #: the place named before the brackets this name is in ("Djibo (Soum, Sahel)")
    bracket_anchor: _Mention | None = None
    #: the countries the bracketed list this name is in can lie in (its last region's)
    list_countries: frozenset[str] = frozenset()
    #: (country, admin1) of an unlisted place: the one region its unit names
    region: tuple[str, str] | None = None
    #: the first-level region the place is said to be in ("X in the Dnipropetrovsk region")
    named_region: tuple[str, str] | None = None
    #: "the state of X": a subdivision, or the town that is its seat (the coder's convention)
    named_as_region: bool = False
    #: "the town of X": a populated place, not a region of that name
    named_as_town: bool = False
    #: a name linked only because of where it stands: kept when it lies in a country the
    #: article or unit names, dropped otherwise
    known_country_only: bool = False

    def __post_init__(self) -> None:
        self.span_end = self.span_end or self.end

    @property
    def top(self) -> Place | None:
        return self.candidates[0].place if self.candidates else None


def _foreign_guess(m: _Mention, best: Candidate, known: set[str]) -> bool:
    """True when ``best`` is a weak link to a country the article has not named while it
    names others: a fuzzy match, or a match on an alternate name ("Zeitoun" in Gaza is no
    Turkish village of that old name, "Mambasa" in Congo not Mombasa, Kenya). The curated
    names and GeoNames' main names of places abroad are linked as usual ("Moscow")."""
    country = best.place.country
    if not known or country is None or country in known:
        return False
    if m.rule == "places.fuzzy":
        return True
    return best.tier == TIER_ALT


@dataclass(frozen=True)
class _Positions:
    """Token indexes of a document where a mention can begin or end, found once per
    document so that each unit reads only its own from them (see :func:`_within`)."""

    proper_nouns: list[int]
    suffixes: list[int]  # an administrative noun ("region", "township"), any part of speech
    facility_heads: list[int]  # a facility or water noun ("refinery", "river"), any case


def _within(positions: list[int], start: int, end: int) -> list[int]:
    """The ``positions`` (sorted) in ``start:end``."""
    first = bisect_left(positions, start)
    return positions[first : bisect_left(positions, end, first)]


class LocationFinder:
    """Finds places in a unit and links them to gazetteer entries."""

    def __init__(self, gazetteer: Gazetteer, fuzzy_threshold: float = 90.0):
        self.gazetteer = gazetteer
        self.vocab: PlaceVocab = gazetteer.vocab
        self.fuzzy_threshold = fuzzy_threshold
        self._stop = frozenset(self.vocab.stop_names) | frozenset(self.vocab.demonyms)
        self._descriptors = frozenset(self.vocab.descriptors)
        self._place_nouns = frozenset(self.vocab.place_nouns)
        self._locative = frozenset(self.vocab.locative_prepositions)
        self._position_words = frozenset(self.vocab.english_positions)
        self._town_nouns = frozenset(self.vocab.town_nouns)
        self._facility_heads = frozenset(self.vocab.facility_heads)
        self._water_heads = frozenset(self.vocab.water_heads)
        self._head_kinds = {
            form: kind
            for kind, heads in (("water", self._water_heads), ("facility", self._facility_heads))
            for head in heads
            for form in (head.lower(), head.lower() + "s")
        }
        self._phrases = sorted(self.vocab.descriptor_phrases, key=len, reverse=True)
        self._longest_phrase = max(map(len, self._phrases), default=0)

    @classmethod
    def from_settings(cls, nlp: Language, settings: Settings) -> LocationFinder:
        """Open (building once if needed) the place index for these settings.

        Raises:
            PatternFileError: a file in ``patterns/places`` is malformed.
            GazetteerError: the index cannot be built or opened.
        """
        gazetteer = Gazetteer.open(settings.patterns_dir, settings.cache_dir)
        return cls(gazetteer, fuzzy_threshold=settings.place_fuzzy_threshold)

    # ------------------------------------------------------------------ public

    def extract(
        self, unit: Span, context: ArticleContext, exclude: list[CharSpan] | None = None
    ) -> list[Location]:
        """Places in ``unit`` (not inside ``exclude`` spans), in text order."""
        doc = unit.doc
        lists = parse_lists(doc)  # one look-up for the unit: the steps below read them all
        chars = token_chars(doc)  # and one for where the words are
        excluded = [tuple(e) for e in (exclude or [])]
        mentions = self._find(doc, unit, lists, chars)
        mentions = [
            m for m in mentions
            if not self._overlaps(chars, m, excluded) and not self._in_dateline(doc, m, lists.tokens)
            and not self._qualifies_non_place(doc, m, lists)
        ]
        if not mentions:
            return []
        self._attach_suffixes(unit, mentions, lists)
        self._attach_facilities(doc, unit, mentions, lists.tokens)
        mentions = self._add_bracket_items(unit, mentions, lists)
        self._mark_bracketed_regions(mentions, lists.tokens)
        self._attach_qualifiers(unit, mentions, lists)
        self._attach_place_nouns(mentions, lists)
        self._resolve(mentions, context)
        self._place_unlisted(mentions, context)
        self._drop_actor_countries(doc, mentions)
        for mention in mentions:
            self._describe(doc, unit, mention, lists, chars)
        return [
            self._location(doc, m, chars) for m in mentions
            if not m.absorbed and not (m.unlinked and m.label is None and not m.suffix_kinds)
        ]  # a weak guess abroad is dropped unless NER or an administrative noun says "place"

    def name_part(self, doc: Doc, span: CharSpan) -> CharSpan:
        """``span`` (an actor's words) up to a locative preposition inside it: "TTP militants"
        of "TTP militants in North Waziristan", whose place is the event's."""
        found = doc.char_span(span[0], span[1], alignment_mode="expand")
        if found is None:
            return span
        lowers = lower_forms(doc)
        for k in range(found.start + 1, found.end):
            if lowers[k] in self._locative:
                return (span[0], doc[k].idx)
        return span

    def resolve_name(
        self, text: str, *, countries: tuple[str, ...] = (), suffix: bool = False
    ) -> Candidate | None:
        """Resolve a bare place name (no sentence), e.g. for tests and other matchers."""
        candidates = self.gazetteer.lookup(text)
        if not candidates:
            candidates = self.gazetteer.fuzzy(text, self.fuzzy_threshold)
        ranked = rank(candidates, suffix=suffix, countries=countries)
        return ranked[0] if ranked else None

    # ------------------------------------------------------------------ finding

    def _find(self, doc: Doc, unit: Span, lists: ParseLists, chars: TokenChars) -> list[_Mention]:
        mentions: list[_Mention] = []
        blocked: set[int] = set()
        tokens, pos = lists.tokens, lists.pos
        for ent in ents_within(doc, unit.start, unit.end):
            start, end = self._trim(tokens, pos, ent.start, ent.end)
            if start >= end:
                continue
            blocked.update(range(ent.start, ent.end))
            label = ent.label_
            if label in PLACE_LABELS:
                mentions.extend(self._from_place_entity(doc, start, end, label, chars))
            elif label in RELABEL_LABELS:
                mention = None if self._named_as_place(lists, start, end) else (
                    self._from_other_entity(doc, start, end, label, chars)
                )
                if mention:
                    mentions.append(mention)
                elif self._named_as_place(lists, start, end):  # every name it may be
                    mentions.append(self._whole_place(doc, start, end))
                else:
                    mentions.extend(self._from_listed_entity(doc, start, end, lists))
        positions = per_doc(doc, "locations.positions", self._positions)
        mentions.extend(self._from_proper_nouns(doc, unit, blocked, positions.proper_nouns, lists))
        mentions.extend(self._from_suffixed_names(doc, unit, positions.suffixes, lists))
        mentions.extend(self._from_facility_phrases(doc, unit, positions.facility_heads, lists))
        mentions.sort(key=lambda m: m.start)
        return self._joined_names(doc, self._dedupe(mentions))

    def _joined_names(self, doc: Doc, mentions: list[_Mention]) -> list[_Mention]:
        """Two names joined by "and" that together are one listed name ("Jammu and Kashmir",
        "Bosnia and Herzegovina") are that one place."""
        lowers = lower_forms(doc)
        joined: list[_Mention] = []
        for mention in mentions:
            before = joined[-1] if joined else None
            if before is not None and mention.start == before.span_end + 1 and (
                lowers[before.span_end] in ("and", "&")
            ):
                found = self.gazetteer.lookup(span_text(doc, before.start, mention.end))
                if found:
                    joined[-1] = _Mention(before.start, mention.end, before.rule, found, label=before.label)
                    continue
            joined.append(mention)
        return joined

    def _positions(self, doc: Doc) -> _Positions:
        lowers = lower_forms(doc)
        suffixes, heads = self.vocab.region_suffixes, self._head_kinds
        return _Positions(
            proper_nouns=[i for i, tag in enumerate(doc_pos(doc)) if tag == "PROPN"],
            suffixes=[i for i, word in enumerate(lowers) if word in suffixes],
            facility_heads=[i for i, word in enumerate(lowers) if word in heads],
        )

    @staticmethod
    def _trim(tokens: list[Token], pos: list[str], start: int, end: int) -> tuple[int, int]:
        """The entity without a leading determiner, preposition ("In Sumy Oblast, ..." at a
        sentence start) or punctuation, and without a trailing possessive or punctuation."""
        while start < end and (
            pos[start] == "DET" or tokens[start].is_punct or (pos[start] == "ADP" and tokens[start].is_stop)
        ):
            start += 1
        while end > start and (tokens[end - 1].tag_ == "POS" or tokens[end - 1].is_punct
                               or tokens[end - 1].lower_ in ("'s", "’s")):
            end -= 1
        return start, end

    def _from_place_entity(
        self, doc: Doc, start: int, end: int, label: str, chars: TokenChars
    ) -> list[_Mention]:
        text = _words(doc, chars, start, end)
        if text in self._stop and not self._country_not_modifier(doc, end, text):
            return []
        found = self.gazetteer.lookup(text)
        if found:
            return [_Mention(start, end, "places.ner", found, label=label)]
        if end - start == 1 and doc[start].tag_ == "NNS":
            return []  # "Strikes hit ...": a plural common noun NER took for a place
        # a suffix word inside the entity: "Kursk Region", "Donetsk Oblast"
        last = doc[end - 1].lower_
        if end - start > 1 and last in self.vocab.region_suffixes:
            inner = self.gazetteer.lookup(span_text(doc, start, end - 1))
            if inner:
                mention = _Mention(start, end - 1, "places.ner", inner, span_end=end, label=label)
                mention.suffix_kinds = self.vocab.region_suffixes[last]
                return [mention]
        facility = self._facility_kind(doc[end - 1]) if end - start > 1 else None
        if facility is not None:  # "Erbil International Airport": one facility, not two places
            return [self._named_facility(doc, start, end, label, facility)]
        # a facility's words ("the Line of Control") hold no village of a foreign spelling
        least = MIN_POPULATION_RELABEL if label == "FAC" else 0
        subs = self._longest_matches(doc, start, end, min_population=least)
        if subs:
            for mention in subs:
                mention.label = label
            return subs
        fuzzy = self.gazetteer.fuzzy(text, self.fuzzy_threshold)
        if fuzzy:
            return [_Mention(start, end, "places.fuzzy", fuzzy, label=label)]
        if end - start > 1 and last in self.vocab.region_suffixes:  # "Ulang county": named Ulang
            mention = _Mention(start, end - 1, "places.unresolved", [], span_end=end, label=label)
            mention.suffix_kinds = self.vocab.region_suffixes[last]
            return [mention]
        head_named = doc[end - 1].text in self._facility_heads
        if label == "FAC" and not head_named and not self._in_place_slot(doc, start, end):
            return []  # "a faction led by Néstor Gregorio Vera": a name NER took for a building
        kind = "facility" if label == "FAC" or head_named else "place"
        return [_Mention(start, end, "places.unresolved", [], label=label, fallback_kind=kind)]

    def _country_not_modifier(self, doc: Doc, end: int, text: str) -> bool:
        """True for a country whose name is also its demonym ("Myanmar") where it modifies
        no noun ("(Rakhine, Myanmar)", not "Myanmar military troops")."""
        if text not in self.vocab.demonyms or doc[end - 1].dep_ in {"amod", "compound", "nmod"}:
            return False
        return any(c.place.kind == "country" for c in self.gazetteer.lookup(text))

    def _named_facility(self, doc: Doc, start: int, end: int, label: str, kind: str) -> _Mention:
        """A facility or water entity: listed as a whole, or named by the phrase and placed by
        the first listed name inside it ("Erbil International Airport" is in Erbil)."""
        listed = self._listed_facility(doc, start, end)
        if listed:
            return _Mention(start, end, "places.facility", listed, label=label, fallback_kind=kind)
        inner = self._longest_matches(doc, start, end - 1, min_population=0)
        mention = _Mention(start, end, "places.facility_phrase", inner[0].candidates if inner else [],
                           label=label, fallback_kind=kind)
        mention.named_by_phrase = bool(inner)
        return mention

    def _from_other_entity(
        self, doc: Doc, start: int, end: int, label: str, chars: TokenChars
    ) -> _Mention | None:
        text = _words(doc, chars, start, end)
        if text in self._stop:
            return None
        named = [c for c in self.gazetteer.lookup(text) if c.tier != TIER_ALT]
        found = [c for c in named if self._prominent(c.place, MIN_POPULATION_RELABEL)]
        if found:
            return _Mention(start, end, "places.ner_relabel", found, label=label)
        if named and self._in_place_slot(doc, start, end):
            # "near Zvirove, Myrnohrad and Udachne": a village NER took for a name; kept only
            # when it lies in a country the article is about (see _resolve)
            return _Mention(start, end, "places.ner_slot", named, known_country_only=True)
        if label == "ORG" and doc[end - 1].text in self._facility_heads and end - start > 1:
            return _Mention(start, end, "places.facility_pattern", [], label=label,
                            fallback_kind="facility")
        return None

    def _in_place_slot(self, doc: Doc, start: int, end: int) -> bool:
        """True when ``doc[start:end]`` (or the first of the names it is listed with) is the
        object of a locative preposition ("near Udachne", "in Nasir and Ulang county"), or
        the object of a verb placed by one ("struck Novopavlivka in the Dnipropetrovsk region")."""
        node = doc_tokens(doc)[_listed_root(parse_lists(doc), end - 1, end)]
        if node.dep_ == "pobj":
            return node.head.lower_ in self._locative
        if node.dep_ != "dobj":
            return False
        following = doc[node.i + 1] if node.i + 1 < len(doc) else None
        return following is not None and following.lower_ in self._locative and any(
            child.ent_type_ in ("GPE", "LOC") or child.lower_ in self.vocab.region_suffixes
            for child in following.subtree
        )

    def _attach_place_nouns(self, mentions: list[_Mention], lists: ParseLists) -> None:
        """What the place noun of "the ... of X" says: an administrative noun makes it a
        subdivision ("the western state of Jalisco" is no village of Chiapas; see
        :meth:`_resolve`), a demonym on it the country ("the southern Lebanese town of Bint
        Jbeil")."""
        for m in mentions:
            noun = self._place_noun_of(lists, m.start, m.end)
            if noun is None:
                continue
            kinds = self.vocab.region_suffixes.get(lists.lowers[noun])
            if lists.lowers[noun] in self._town_nouns or lists.lemmas[noun] in self._town_nouns:
                m.named_as_town = True
            elif kinds and "region" not in kinds:  # "the area of X" is vague
                m.named_as_region = True
            for child in lists.children[noun]:
                amod = lists.deps[child] == "amod"
                code = self.vocab.demonyms.get(lists.tokens[child].text) if amod else None
                if code and code not in m.qualifier_countries:
                    m.qualifier_countries.insert(0, code)

    def _place_noun_of(self, lists: ParseLists, start: int, end: int) -> int | None:
        """The index of the place noun of "the village of X" (X is tokens ``start:end``),
        else None."""
        heads = lists.heads
        node = _listed_root(lists, end - 1, end)
        if lists.deps[node] != "pobj" or lists.lowers[heads[node]] != "of":
            return None
        noun = heads[heads[node]]
        if lists.lowers[noun] in self._place_nouns or lists.lemmas[noun] in self._place_nouns:
            return noun
        return None

    def _named_as_place(self, lists: ParseLists, start: int, end: int) -> bool:
        """True for the name in "the village of X", "the towns of X and Y": a place, whatever
        NER took it for."""
        return self._place_noun_of(lists, start, end) is not None

    def _whole_place(self, doc: Doc, start: int, end: int) -> _Mention:
        """The place "the village of X" names, as a whole: listed, close to a listed name, or
        unresolved (never pieces of it: "Lin Ta Lu" is no "Lin" and "Ta Lu")."""
        text = span_text(doc, start, end)
        found = self.gazetteer.lookup(text)
        if found:
            return _Mention(start, end, "places.ner", found, label="GPE")
        fuzzy = self.gazetteer.fuzzy(text, self.fuzzy_threshold)
        if fuzzy:
            return _Mention(start, end, "places.fuzzy", fuzzy, label="GPE")
        return _Mention(start, end, "places.unresolved", [], label="GPE")

    def _from_listed_entity(self, doc: Doc, start: int, end: int, lists: ParseLists) -> list[_Mention]:
        """An entity NER ran across a list ("Sahel, Burkina Faso" as one ORG): its items
        that are prominent places; one it ran on past a locative preposition ("the ship
        Eternity C in the Red Sea"): the prominent places after it; a place owning a unit
        ("Odesa's Prymorskyi district"): the owner. Other mislabelled entities are names,
        not lists."""
        lowers, tokens = lists.lowers, lists.tokens
        after = next((t + 1 for t in range(start + 1, end - 1) if lowers[t] in self._locative), None)
        if after is not None:
            return self._longest_matches(doc, after, end, min_population=MIN_POPULATION_RELABEL)
        owner = next((t for t in range(start + 1, end - 1) if lowers[t] in ("'s", "’s")), None)
        suffixes = self.vocab.region_suffixes
        if owner is not None and (lowers[end - 1] in suffixes or end < len(doc) and lowers[end] in suffixes):
            # "Odesa's Prymorskyi district" as one ORG: the owner is a place (the district is
            # found by its administrative noun)
            return self._longest_matches(doc, start, owner, min_population=MIN_POPULATION_RELABEL)
        if not any(tokens[t].text in (",", "and", "(") for t in range(start, end)):
            return []  # ("Mirebalais (Centre" as one ORG: a list opened by a bracket)
        return self._longest_matches(doc, start, end, min_population=MIN_POPULATION_RELABEL)

    @staticmethod
    def _prominent(place: Place, min_population: int) -> bool:
        return place.curated or place.kind != "city" or place.population >= min_population

    def _longest_matches(
        self, doc: Doc, start: int, end: int, min_population: int
    ) -> list[_Mention]:
        """Greedy longest exact matches inside tokens [start, end)."""
        found: list[_Mention] = []
        tokens = doc_tokens(doc)
        i = start
        while i < end:
            if not tokens[i].text[:1].isupper():  # no name starts here, however long
                i += 1
                continue
            for j in range(min(end, i + MAX_NGRAM), i, -1):
                text = span_text(doc, i, j)
                if text in self._stop or _inside_word(doc, i, j):
                    continue
                if text in self._position_words:  # "North" of "North Waziristan" names nothing
                    continue
                candidates = [
                    c for c in self.gazetteer.lookup(text)
                    if self._prominent(c.place, min_population)
                ]
                if candidates:
                    found.append(_Mention(i, j, "places.phrase", candidates))
                    i = j
                    break
            else:
                i += 1
        return found

    def _from_proper_nouns(
        self, doc: Doc, unit: Span, blocked: set[int], proper_nouns: list[int], lists: ParseLists
    ) -> list[_Mention]:
        """Runs of proper nouns (joined by hyphens) outside the entities, each starting at
        one of the document's ``proper_nouns``."""
        mentions: list[_Mention] = []
        tokens, pos = lists.tokens, lists.pos
        j = unit.start  # where the last run ended
        for i in _within(proper_nouns, unit.start, unit.end):
            if i < j or i in blocked:
                continue
            j = i
            while j < unit.end and j not in blocked and (
                pos[j] == "PROPN" or (tokens[j].text == "-" and j + 1 < unit.end
                                      and pos[j + 1] == "PROPN")
            ):
                j += 1
            found = self._match_run(doc, i, j)
            if not found and self._named_as_place(lists, i, j):  # "the village of Qwertzovo"
                found = [self._whole_place(doc, i, j)]
            mentions.extend(found)
        return mentions

    def _from_suffixed_names(
        self, doc: Doc, unit: Span, suffixes: list[int], lists: ParseLists
    ) -> list[_Mention]:
        """Capitalised names before an administrative noun: "Depayin township", "Awi zone",
        "Danmusa LGA". The noun makes them places even when NER misses the name (or tags
        it as a verb) and the gazetteer does not list it; the noun gives the kind.
        ``suffixes``: the document's administrative nouns."""
        tokens, lowers, pos = lists.tokens, lists.lowers, lists.pos
        found: list[_Mention] = []
        for i in _within(suffixes, unit.start + 1, unit.end):
            kinds = self.vocab.region_suffixes.get(lowers[i])
            if not kinds or pos[i] not in ("NOUN", "PROPN"):
                continue
            start = self._name_start(lists, unit.start, i)
            if start == i or (start == unit.start and i - start == 1 and unit.start == tokens[i].sent.start):
                continue  # no name, or a lone sentence-initial capital ("Provincial ...")
            candidates = self.gazetteer.lookup(span_text(doc, start, i))
            mention = _Mention(start, i, "places.suffix", candidates, span_end=i + 1,
                               fallback_kind=kinds[0])
            mention.suffix_kinds = kinds
            found.append(mention)
            if lowers[i].endswith("s"):  # "the Sabra and Zeitoun neighbourhoods": each name
                found.extend(self._conjunct_names(doc, unit, lists, start, kinds))
        return found

    def _name_start(self, lists: ParseLists, lowest: int, end: int) -> int:
        """Where the capitalised name of up to three words ending before token ``end`` starts
        (``end`` when there is none); a function word opens none ("In Sumy Oblast" names Sumy)."""
        tokens, pos = lists.tokens, lists.pos
        start = end
        while start > lowest and end - start < 3 and self._name_word(tokens[start - 1]) and (
            pos[start - 1] not in _FUNCTION_POS
        ):
            start -= 1
        return start

    def _conjunct_names(
        self, doc: Doc, unit: Span, lists: ParseLists, first: int, kinds: tuple[LocationKind, ...]
    ) -> list[_Mention]:
        """The names listed before ``first`` with "and" or commas, which a plural
        administrative noun after them also governs."""
        lowers = lists.lowers
        found: list[_Mention] = []
        k = first
        while k - 1 > unit.start and lowers[k - 1] in ("and", ","):
            end = k - 1
            start = self._name_start(lists, unit.start, end)
            if start == end:
                break
            mention = _Mention(start, end, "places.suffix", self.gazetteer.lookup(span_text(doc, start, end)),
                               fallback_kind=kinds[0])
            mention.suffix_kinds = kinds
            found.append(mention)
            k = start
        return found

    def _from_facility_phrases(
        self, doc: Doc, unit: Span, heads: list[int], lists: ParseLists
    ) -> list[_Mention]:
        """A capitalised name, up to three lower-case words and a facility or water noun:
        "Kalma displacement camp", "Tawke field", "the Kirishi oil refinery". The phrase is
        the name unless the gazetteer lists it; the name, when listed, gives the country.
        ``heads``: the document's facility and water nouns."""
        tokens, lowers = lists.tokens, lists.lowers
        found: list[_Mention] = []
        for i in _within(heads, unit.start + 1, unit.end):
            kind = self._head_kinds.get(lowers[i])
            if kind is None or tokens[i].dep_ == "compound" or not tokens[i].is_lower:
                continue
            k = i
            while k > unit.start and i - k < 3 and tokens[k - 1].is_alpha and tokens[k - 1].is_lower \
                    and tokens[k - 1].dep_ in _FACILITY_MODIFIER_DEPS:
                k -= 1
            start = k
            lowest = max(unit.start, tokens[i].left_edge.i)  # the name is in the head's phrase:
            while start > lowest and k - start < 3 and self._facility_name_word(tokens[start - 1]):
                start -= 1  # not "Drones" of "Drones hit a fuel depot"
            if start == k:
                continue
            listed = self._listed_facility(doc, start, i + 1)
            if listed:
                found.append(_Mention(start, i + 1, "places.facility", listed, fallback_kind=kind))
                continue
            mention = _Mention(start, i + 1, "places.facility_phrase",
                               self.gazetteer.lookup(span_text(doc, start, k)), fallback_kind=kind)
            mention.named_by_phrase = True
            found.append(mention)
        return found

    def _facility_name_word(self, token: Token) -> bool:
        """A name word that is not an acronym, a people's name ("Kurdish") or a capitalised
        function word ("The main border crossing")."""
        return (
            self._name_word(token) and not token.is_upper and token.ent_type_ != "NORP"
            and token.pos_ in ("PROPN", "NOUN")
        )

    def _name_word(self, token: Token) -> bool:
        """A word that can be part of a place name: capitalised, not a stop name or demonym."""
        text = token.text
        return text[:1].isupper() and token.is_alpha and text not in self._stop

    def _match_run(self, doc: Doc, start: int, end: int) -> list[_Mention]:
        """A run of proper nouns: the whole run must be a name (or a name + facility head)."""
        text = span_text(doc, start, end)
        if text in self._stop:
            return []
        found = [
            c for c in self.gazetteer.lookup(text)
            if self._prominent(c.place, MIN_POPULATION_WITHOUT_NER)
        ]
        if found:
            return [_Mention(start, end, "places.phrase", found)]
        if end - start > 1 and doc[end - 1].text in self._facility_heads:
            return [_Mention(start, end, "places.facility_pattern", [], fallback_kind="facility")]
        return []

    @staticmethod
    def _dedupe(mentions: list[_Mention]) -> list[_Mention]:
        kept: list[_Mention] = []
        for mention in sorted(mentions, key=lambda m: (m.start, -(m.end - m.start))):
            if kept and mention.start < kept[-1].end:
                continue
            kept.append(mention)
        return kept

    def _qualifies_non_place(self, doc: Doc, mention: _Mention, lists: ParseLists) -> bool:
        """ "Moscow time", "Kyiv time": the name modifies a noun that is no place."""
        end = mention.span_end
        return (
            end < len(doc)
            and lists.deps[end - 1] == "compound"
            and lists.lowers[end] in self.vocab.non_place_heads
        )

    @staticmethod
    def _in_dateline(doc: Doc, mention: _Mention, tokens: list[Token]) -> bool:
        """A place inside the wire dateline opening its line ("MOSCOW, Aug 5 (Reuters) -",
        "KYIV (AP) —"): where the story was filed, not where anything happened."""
        text, start = text_of(doc), tokens[mention.start].idx
        line_start = text.rfind("\n", 0, start) + 1
        return start < line_start + dateline_length(text[line_start : line_start + _DATELINE_REACH])

    @staticmethod
    def _overlaps(chars: TokenChars, mention: _Mention, excluded: list[tuple[int, ...]]) -> bool:
        if not excluded:
            return False
        a, b = chars.starts[mention.start], chars.ends[mention.end - 1]
        return any(a < e[1] and e[0] < b for e in excluded)

    # ------------------------------------------------------------------ structure

    def _attach_suffixes(self, unit: Span, mentions: list[_Mention], lists: ParseLists) -> None:
        lowers, pos = lists.lowers, lists.pos
        for index, mention in enumerate(mentions):
            j = mention.end
            if mention.suffix_kinds or j >= unit.end:
                continue
            word = lowers[j]
            kinds = self.vocab.region_suffixes.get(word)
            if not kinds or pos[j] not in ("NOUN", "PROPN"):
                continue
            if mention.top is not None and mention.top.kind == "country":
                continue  # "Ukraine region" is not a subdivision
            mention.suffix_kinds = kinds
            mention.span_end = j + 1
            if word.endswith("s"):  # "Donetsk and Luhansk regions"
                k = index
                while k > 0 and all(
                    lowers[t] in _LINKERS for t in range(mentions[k - 1].end, mentions[k].start)
                ) and mentions[k - 1].end < mentions[k].start:
                    mentions[k - 1].suffix_kinds = kinds
                    k -= 1

    def _attach_facilities(self, doc: Doc, unit: Span, mentions: list[_Mention], tokens: list[Token]) -> None:
        """A place followed by a facility or water noun names that facility: "the Kirishi oil
        refinery", "Rylsk substation", "the Dnipro river". A listed name for the whole phrase
        is used when there is one; otherwise the phrase is the name and the place gives the
        country and region."""
        for index, m in enumerate(mentions):
            if m.absorbed or m.suffix_kinds or (m.top is not None and m.top.kind == "country"):
                continue
            limit = min(unit.end, m.span_end + 4)
            if index + 1 < len(mentions):
                limit = min(limit, mentions[index + 1].start)
            head = self._facility_head(tokens, m.span_end, limit)
            if head is None:
                continue
            j, m.fallback_kind = head
            m.span_end = m.end = j + 1
            listed = self._listed_facility(doc, m.start, j + 1)
            if listed:
                m.candidates, m.rule = listed, "places.facility"
            else:
                m.named_by_phrase, m.rule = True, "places.facility_phrase"

    def _facility_head(self, tokens: list[Token], start: int, limit: int) -> tuple[int, str] | None:
        """(index, kind) of the facility or water noun heading ``tokens[start:limit]`` after
        lower-case modifiers only ("oil refinery", "nuclear power plant"), else None."""
        for j in range(start, limit):
            kind = self._facility_kind(tokens[j])
            if kind is not None and tokens[j].dep_ != "compound":
                return j, kind
            if not (tokens[j].is_alpha and tokens[j].is_lower and tokens[j].dep_ in _FACILITY_MODIFIER_DEPS):
                return None  # not across "and a" ("near Kharkiv and a fuel depot")
        return None

    def _listed_facility(self, doc: Doc, start: int, end: int) -> list[Candidate]:
        """Gazetteer facilities and waters named by ``doc[start:end]`` ("Zaporizhzhia nuclear
        power plant", "Dnipro river")."""
        found = self.gazetteer.lookup(span_text(doc, start, end))
        return [c for c in found if c.place.kind in ("facility", "water")]

    def _facility_kind(self, token: Token) -> str | None:
        """ "facility" or "water" for a head noun of either (any case, singular or plural)."""
        return self._head_kinds.get(token.lower_)

    def _mark_bracketed_regions(self, mentions: list[_Mention], tokens: list[Token]) -> None:
        """ACLED-style "Banibangou (Tillaberi, Niger)", "(Kayes and Segou, Mali)": names in
        brackets after a name and before a country are its regions."""
        covered: set[int] = set()  # the tokens of the mentions before ``m``
        for index, m in enumerate(mentions):
            if index:
                covered.update(range(mentions[index - 1].start, mentions[index - 1].span_end))
            if m.top is None or m.top.kind == "country":
                continue
            k = m.start - 1  # back over the earlier items of the list to the bracket
            while k >= 0 and (tokens[k].text in (",", "and") or k in covered):
                k -= 1
            if k < 1 or tokens[k].text != "(":
                continue
            if tokens[k - 1].pos_ != "PROPN" and k - 1 not in covered:
                continue  # the brackets must follow a name
            m.bracket_anchor = next(
                (o for o in mentions[:index] if o.start <= k - 1 < o.span_end), None
            )
            close = next((t.i for t in tokens[m.span_end :] if t.text == ")"), None)
            if close is None:
                continue
            later = [o for o in mentions[index + 1 :] if o.end <= close]
            listed = any(tokens[j].text == "," for j in range(k + 1, m.start))
            anchor = m.bracket_anchor
            # "Khartoum (Khartoum)": the state of the town's name
            same_name = anchor is not None and _written_alike(
                tokens, (anchor.start, anchor.end), (m.start, m.end)
            )
            m.region_first = any(o.top is not None and o.top.kind == "country" for o in later) or (
                (listed or same_name) and not later  # "Tinzaouaten (Abeibara, Kidal)": the last is the region
            )
            if not later:
                self._mark_list_countries(mentions, index, k)

    @staticmethod
    def _mark_list_countries(mentions: list[_Mention], last: int, bracket: int) -> None:
        """The countries where the first-level region closing a bracketed list may lie, on
        every name of the list ("(Seytenga, Seno, Sahel)": Burkina Faso's Sahel region)."""
        countries = frozenset(
            c.place.country for c in mentions[last].candidates
            if c.place.kind in ("admin1", "country") and c.place.country
        )
        for m in mentions[: last + 1]:
            if m.start > bracket:
                m.list_countries = countries

    def _add_bracket_items(self, unit: Span, mentions: list[_Mention], lists: ParseLists) -> list[_Mention]:
        """ACLED-style "Djibo (Djibo, Soum, Sahel)": each name of a bracketed list after a place
        is a place, also one the gazetteer lacks ("Soum", a province), when another name of the
        list is listed."""
        tokens = lists.tokens
        added: list[_Mention] = []
        for k in range(unit.start + 1, unit.end - 1):
            if tokens[k].text != "(":
                continue
            items = self._name_list(lists, k + 1, unit.end)
            if len(items) < 2:
                continue
            inside = [m for m in mentions if k < m.start and m.span_end <= items[-1][1]]
            if not any(m.candidates for m in inside):
                continue
            anchor = next((m for m in mentions if m.span_end == k), None)
            if anchor is None:
                anchor = self._bracket_anchor(unit, lists, k, inside, mentions)
                if anchor is None:
                    continue
                added.append(anchor)
            for start, end in items:
                if any(m.start < end and start < m.span_end for m in inside):
                    continue
                # "Seytenga (Seytenga, Seno, Sahel)": the first is the town's own unit
                same = _written_alike(tokens, (anchor.start, anchor.end), (start, end))
                kind = anchor.fallback_kind if same else "admin2"
                added.append(_Mention(start, end, "places.bracket_item", [], fallback_kind=kind))
        return sorted(mentions + added, key=lambda m: m.start) if added else mentions

    def _bracket_anchor(
        self, unit: Span, lists: ParseLists, bracket: int, inside: list[_Mention], mentions: list[_Mention]
    ) -> _Mention | None:
        """The name before a bracketed list of regions that no step took for a place
        ("near Kyaukphyu (Rakhine, Myanmar)" with the town tagged a person): a place when the
        gazetteer lists it, or a close spelling, in the list's country ("Kyaukpyu"), or when it
        stands where places stand."""
        tokens, pos = lists.tokens, lists.pos
        start = bracket
        while start > unit.start and bracket - start < 4 and pos[start - 1] == "PROPN":
            start -= 1
        if start == bracket or any(m.start < bracket and start < m.span_end for m in mentions):
            return None
        countries = {
            c.place.country for m in inside for c in m.candidates
            if c.place.kind in ("country", "admin1") and c.place.country
        }
        text = span_text(unit.doc, start, bracket)
        found = [c for c in self.gazetteer.lookup(text) if c.place.country in countries]
        rule = "places.bracket_anchor"
        if not found:
            close = self.gazetteer.fuzzy(text, self.fuzzy_threshold)
            found = [c for c in close if c.place.country in countries]
            rule = "places.fuzzy" if found else rule
        if not found and not self._in_place_slot(unit.doc, start, bracket):
            return None
        return _Mention(start, bracket, rule, found, label=tokens[start].ent_type_ or None)

    @staticmethod
    def _name_list(lists: ParseLists, start: int, limit: int) -> list[tuple[int, int]]:
        """Token ranges of the comma-separated names from ``start`` to a closing bracket
        ("Djibo, Soum, Sahel)"); none unless every item is a capitalised name of 1-4 words."""
        tokens, pos = lists.tokens, lists.pos
        items: list[tuple[int, int]] = []
        item_start = start
        for k in range(start, min(limit, start + 25)):
            text = tokens[k].text
            if text in (",", ")"):
                if not 0 < k - item_start <= 4:
                    return []
                items.append((item_start, k))
                if text == ")":
                    return items
                item_start = k + 1
            elif not (pos[k] == "PROPN" or text[:1].isupper() and text.isalpha()
                      or text in _HYPHENS and k > item_start):
                return []
        return []

    def _attach_qualifiers(self, unit: Span, mentions: list[_Mention], lists: ParseLists) -> None:
        tokens, lowers = lists.tokens, lists.lowers
        for index, mention in enumerate(mentions):
            nxt = mentions[index + 1] if index + 1 < len(mentions) else None
            top = mention.top
            if top is None or nxt is None:
                continue
            # "Russia's Rostov region", "Pakistan's northwestern Kurram district": a possessive
            # country or region qualifies the next place
            if nxt.start > mention.end and lowers[mention.end] in ("'s", "’s", "'") and all(
                lowers[k] in self._descriptors for k in range(mention.end + 1, nxt.start)
            ):
                # ("Mogadishu's Hodan district": a city's part lies in its country and region)
                if top.kind in ("country", "admin1", "region", "city") and top.country:
                    nxt.qualifier_countries.append(top.country)
                    if top.kind == "country":
                        mention.absorbed = True
                    elif top.admin1:
                        nxt.qualifier_admin1.append((top.country, top.admin1))
                        if nxt.named_region is None:  # not a namesake in another region
                            nxt.named_region = (top.country, top.admin1)
            if nxt.start == mention.span_end + 1 and lowers[mention.span_end] == ",":
                self._qualify_by_comma_region(mention, nxt)
        starts = {m.start for m in mentions}
        for index, mention in enumerate(mentions):
            # "Pokrovsk, in Ukraine's Donetsk region" / "Izhevsk, in central Russia" /
            # "the village of Novoheorhiivka in the Dnipropetrovsk region"
            j = mention.span_end
            if j < unit.end and tokens[j].text == ",":
                j += 1
            if j + 1 >= unit.end or not (lowers[j] == "in" or lowers[j] == "of" and mention.suffix_kinds):
                continue  # "X in Y", "the X neighbourhood of Y"
            k = j + 2 if lowers[j + 1] == "the" else j + 1
            adjectives: list[str] = []
            while k < unit.end and lowers[k] in self._descriptors and k not in starts:
                adjectives.append(lowers[k])  # not the first word of a name ("South Sudan")
                k += 1
            if k + 1 < unit.end and lowers[k] in self.vocab.region_suffixes and lowers[k + 1] == "of":
                k += 2  # "Calamar, in the southern department of Guaviare"
            after = [m for m in mentions[index + 1:] if m.start == k]
            if not after or after[0].top is None:
                continue
            qualifier = after[0]
            if qualifier.absorbed:  # "in South Sudan's Upper Nile state": the region it owns
                owned = [m for m in mentions[index + 1 :] if qualifier.end < m.start <= qualifier.end + 3]
                qualifier = owned[0] if owned and owned[0].top is not None else qualifier
            mention.qualifier_countries.extend(qualifier.qualifier_countries)
            mention.qualifier_admin1.extend(qualifier.qualifier_admin1)
            place = qualifier.top
            if place is not None and place.country:
                mention.qualifier_countries.append(place.country)
                if place.kind == "country":  # a location too ("in central Russia")
                    if adjectives and mention.descriptor is None:
                        mention.descriptor = " ".join(adjectives)
                elif qualifier.suffix_kinds or place.kind in ("admin1", "region"):
                    ranked = rank(qualifier.candidates, suffix=True,
                                  countries=qualifier.qualifier_countries)
                    best = ranked[0].place
                    if best.country and best.admin1:
                        mention.qualifier_admin1.append((best.country, best.admin1))
                        if best.kind == "admin1":
                            mention.named_region = (best.country, best.admin1)
                elif place.admin1:  # "the Shejaiya neighbourhood of Gaza City": the city's region
                    mention.qualifier_admin1.append((place.country, place.admin1))

        for index in range(len(mentions) - 2, -1, -1):
            mention, nxt = mentions[index], mentions[index + 1]
            if mention.suffix_kinds and mention.suffix_kinds == nxt.suffix_kinds and not (
                mention.qualifier_countries or mention.qualifier_admin1
            ) and mention.span_end < nxt.start and all(
                lowers[k] in _LINKERS for k in range(mention.span_end, nxt.start)
            ):  # "the Sabra and Zeitoun neighbourhoods of Gaza City": both are the city's
                mention.qualifier_countries = list(nxt.qualifier_countries)
                mention.qualifier_admin1 = list(nxt.qualifier_admin1)

    @staticmethod
    def _qualify_by_comma_region(mention: _Mention, region_mention: _Mention) -> None:
        """ "Bara, North Kordofan": a first-level region after a comma qualifies the place.
        A name read as a city first makes a list ("Sumy, Kharkiv and Odesa"), as do regions of
        one country ("Amhara, Oromia and Tigray")."""
        if not region_mention.candidates or mention.top is None:
            return
        region = rank(region_mention.candidates, suffix=bool(region_mention.suffix_kinds))[0].place
        if region.kind != "admin1" or not region.country or not region.admin1:
            return
        if mention.top.kind == "admin1" and mention.top.country == region.country:
            return
        mention.qualifier_countries.append(region.country)
        mention.qualifier_admin1.append((region.country, region.admin1))

    def _resolve(self, mentions: list[_Mention], context: ArticleContext) -> None:
        if not any(m.candidates for m in mentions):
            return
        article_countries = {loc.country for loc in context.locations if loc.country}
        article_admin1 = {
            (loc.country, loc.admin1) for loc in context.locations if loc.country and loc.admin1
        }
        unit_countries = [
            m.top.country for m in mentions
            if m.top is not None and m.top.kind == "country" and m.top.country
        ]
        unit_admin1: list[tuple[str, str]] = []
        # the countries of the unit's names that can lie in one country only, by their own
        # name: "Gaza City" after "Sabra and Zeitoun" (no Turkish village of an old name)
        unit_sure = {
            m.candidates[0].place.country for m in mentions
            if m.candidates and m.candidates[0].place.country and m.candidates[0].tier != TIER_ALT
            and len({c.place.country for c in m.candidates}) == 1
        }
        for m in mentions:
            if m.suffix_kinds and m.candidates:  # read in the article too: no "Bara locality" abroad
                best = rank(m.candidates, suffix=True, countries=m.qualifier_countries,
                            article_countries=article_countries, article_admin1s=article_admin1)[0].place
                if best.country and best.admin1:
                    unit_admin1.append((best.country, best.admin1))
        for m in mentions:
            candidates = m.candidates
            if not candidates:
                continue
            if m.suffix_kinds:
                preferred = [c for c in candidates if c.place.kind in m.suffix_kinds]
                candidates = preferred or candidates
            elif m.region_first:
                preferred = [c for c in candidates if c.place.kind in ("admin1", "admin2", "region")]
                candidates = preferred or candidates
            elif m.named_as_region:
                candidates = _subdivision_or_its_seat(candidates)
            elif m.named_as_town:  # "the southern Lebanese town of Nabatieh"
                candidates = [c for c in candidates if c.place.kind not in _AREA_KINDS] or candidates
            anchor = m.bracket_anchor
            if anchor is not None and anchor.chosen is not None and anchor.chosen.place.country:
                # "Djibo (Soum, Sahel)": the regions of a place are in its country
                candidates = [c for c in candidates if c.place.country == anchor.chosen.place.country]
                if not candidates and m.list_countries:
                    m.fallback_kind = "admin2"  # a unit of a name list the gazetteer lacks
                    continue
                if not candidates:
                    m.unlinked = True
                    continue
            elif anchor is not None and m.list_countries:
                # "Seytenga (Seytenga, Seno, Sahel)": the names of the list lie in its region's
                # country; one listed only abroad is a unit the gazetteer lacks
                candidates = [c for c in candidates if c.place.country in m.list_countries]
                if not candidates:
                    m.fallback_kind = "admin2"
                    continue
            for code in m.qualifier_countries:
                same = [c for c in candidates if c.place.country == code]
                candidates = same or candidates
            for pair in m.qualifier_admin1:
                same = [c for c in candidates if (c.place.country, c.place.admin1) == pair]
                candidates = same or candidates
            if m.named_region is not None and not any(
                (c.place.country, c.place.admin1) == m.named_region for c in candidates
            ):  # "X in the Dnipropetrovsk region" with X listed elsewhere only: a namesake
                m.unlinked, m.region = not m.suffix_kinds, m.named_region
                continue
            ranked = rank(
                candidates,
                suffix=bool(m.suffix_kinds),
                countries=unit_countries,
                admin1s=unit_admin1,
                article_countries=article_countries,
                article_admin1s=article_admin1,
            )
            known = article_countries.union(unit_countries, m.qualifier_countries, unit_sure, {
                o.chosen.place.country for o in mentions if o.chosen and o.chosen.place.country
            })  # and the countries of the places linked before it in the unit
            if m.known_country_only and ranked[0].place.country not in known:
                m.unlinked = True
            elif _foreign_guess(m, ranked[0], known):
                m.unlinked = True  # the name stays a place when NER says so, unresolved
            else:
                m.chosen = ranked[0]

    @staticmethod
    def _place_unlisted(mentions: list[_Mention], context: ArticleContext) -> None:
        """A place the gazetteer lacks lies in the one first-level region its unit names
        ("the village of Lin Ta Lu in Sagaing region"); when the unit names none, in the one
        region of every place the article has named so far ("Irumu territory" in a report
        whose places all lie in Ituri)."""
        places = [m.chosen.place for m in mentions if m.chosen is not None]
        regions = {
            (place.country, place.admin1) for place in places
            if place.kind == "admin1" and place.country and place.admin1
        }
        placed = any(m.chosen is not None and m.chosen.place.kind != "country" for m in mentions)
        if not regions and not placed:
            regions = {
                (loc.country, loc.admin1) for loc in context.locations
                if loc.kind != "country" and loc.country is not None and loc.admin1 is not None
            }
        if len(regions) != 1:
            return
        country, admin1 = next(iter(regions))
        for m in mentions:
            if m.chosen is None and not m.unlinked and not m.absorbed and (
                not m.qualifier_countries or m.qualifier_countries[0] == country
            ):
                m.region = (country, admin1)

    def _drop_actor_countries(self, doc: Doc, mentions: list[_Mention]) -> None:
        """A country that is not the object of a preposition is an actor, not a place, unless
        it qualifies the place before it ("Mopti, Mali", "(Kayes and Segou, Mali)")."""
        for index, m in enumerate(mentions):
            if m.absorbed or m.chosen is None or m.chosen.place.kind != "country":
                continue
            if index and self._qualifies(doc, mentions[index - 1], m):
                continue
            head = doc[m.end - 1]
            while head.dep_ == "conj" and head.head.i != head.i:
                head = head.head
            if head.dep_ in _POBJ_DEPS:
                continue
            if head.dep_ == "compound" and head.head.lower_ in self._place_nouns:
                continue  # "the Ukraine border region"
            if head.dep_ == "poss" and head.head.lower_ in self._place_nouns and not any(
                other is not m and not other.absorbed for other in mentions
            ):
                continue  # "Ukraine's second-largest city" with the city unnamed
            m.absorbed = True

    @staticmethod
    def _qualifies(doc: Doc, before: _Mention, m: _Mention) -> bool:
        """``m`` follows the place ``before`` after a comma or an opening bracket only."""
        tokens = doc_tokens(doc)
        between = [tokens[t].text for t in range(before.span_end, m.start)]
        possessive = m.end < len(doc) and lower_forms(doc)[m.end] in ("'s", "’s")
        return (
            not before.absorbed
            and not possessive  # "Kharkiv, Ukraine's second-largest city"
            and bool(between)
            and between[-1] in (",", "(")
            and all(word in (",", "(", "and") for word in between)
        )

    # ------------------------------------------------------------------ description

    def _describe(self, doc: Doc, unit: Span, m: _Mention, lists: ParseLists, chars: TokenChars) -> None:
        tokens, lowers, pos = lists.tokens, lists.lowers, lists.pos
        i = m.start - 1
        while i >= unit.start and pos[i] == "DET":
            i -= 1
        # control: "Russian-occupied Crimea", "occupied Crimea", "RSF-held El Fasher"
        if i >= unit.start and lowers[i] in self.vocab.control_words:
            m.control = self.vocab.control_words[lowers[i]]
            if i - 2 >= unit.start and tokens[i - 1].text in ("-", "–"):
                m.controlled_by = self._controller(tokens[i - 2])
            i = i - 3 if m.controlled_by else i - 1
        # descriptor adjectives right before the name: "central Russia", "north-eastern Syria"
        words: list[str] = []
        while i >= unit.start and (lowers[i] in self._descriptors or (
            lowers[i] == "-" and i - 1 >= unit.start and lowers[i - 1] in self._descriptors
        )):
            words.insert(0, lowers[i])
            i -= 1
        if words and m.descriptor is None:
            m.descriptor = "".join(w if w == "-" else f" {w}" for w in words).replace(" -", "-")
            m.descriptor = m.descriptor.strip().replace("- ", "-")
        # "the southern port city of Odesa"
        j = m.start - 1
        if m.descriptor is None and j - 1 >= unit.start and lowers[j] == "of":
            k = j - 1
            if lowers[k] in self._place_nouns:
                k -= 1
                while k >= unit.start and (lowers[k] in self._place_nouns or pos[k] == "PROPN"):
                    k -= 1
                words = []
                while k >= unit.start and lowers[k] in self._descriptors:
                    words.insert(0, lowers[k])
                    k -= 1
                if words:
                    m.descriptor = " ".join(words)
        # "..., near the border with Russia"
        if m.descriptor is None:
            m.descriptor = self._phrase_after(doc, unit, chars.ends[m.span_end - 1])

    def _phrase_after(self, doc: Doc, unit: Span, k: int) -> str | None:
        """The descriptor phrase the unit goes on with after character ``k``, past spaces
        and commas (read no further than the longest phrase reaches)."""
        text, stop = text_of(doc), unit.end_char
        while k < stop and (text[k] == "," or text[k].isspace()):  # what ``^[\s,]+`` matches
            k += 1
        # one character more: lower-casing never changes the phrase's part then (a final sigma)
        tail = text[k : min(stop, k + self._longest_phrase + 1)].lower()
        for phrase in self._phrases:
            if tail.startswith(phrase):
                return phrase
        return None

    def _controller(self, token: Token) -> str | None:
        code = self.vocab.demonyms.get(token.text)
        if code:
            return code
        countries = self.gazetteer.lookup(token.text, kinds=("country",))
        if countries:
            return countries[0].place.country
        return token.text if token.text[:1].isupper() else None

    # ------------------------------------------------------------------ output

    @staticmethod
    def _unlisted_kind(m: _Mention) -> str:
        """The kind of a place the gazetteer lacks: what its administrative noun says when
        that names a second-level unit ("Ulang county", "Kalehe territory"), a town where a
        place noun says so ("the town of Nasir"), else its fallback."""
        if m.suffix_kinds and m.suffix_kinds[0] == "admin2":
            return "admin2"
        if m.named_as_town and m.fallback_kind == "place":
            return "city"  # "the town of Nasir"
        return m.fallback_kind

    def _location(self, doc: Doc, m: _Mention, chars: TokenChars) -> Location:
        start, end = chars.starts[m.start], chars.ends[m.span_end - 1]
        text = text_of(doc)[start:end]
        extras: dict[str, Any] = {"descriptor": m.descriptor, "control": m.control,
                                  "controlled_by": m.controlled_by}
        if m.chosen is None:
            country = m.qualifier_countries[0] if m.qualifier_countries else None
            admin1 = None
            if m.region is not None:
                country, admin1 = m.region
            elif m.qualifier_admin1 and m.qualifier_admin1[0][0] == country:
                admin1 = m.qualifier_admin1[0][1]  # "Mogadishu's Hodan district"
            return Location(text=text, span=(start, end), rule=m.rule, score=0.3,
                            name=doc[m.start:m.end].text, kind=self._unlisted_kind(m),  # type: ignore[arg-type]
                            country=country, admin1=admin1, **extras)
        place = m.chosen.place
        if m.named_by_phrase:
            return Location(
                text=text, span=(start, end), rule=m.rule, score=round(m.chosen.score * 0.8, 3),
                name=text, kind=m.fallback_kind,  # type: ignore[arg-type]
                country=place.country, admin1=place.admin1, **extras,
            )
        confidence = m.chosen.score * (0.9 if m.rule == "places.phrase" else 1.0)
        if len(m.candidates) > 1 and m.rule != "places.fuzzy":
            confidence *= 0.95
        if m.suffix_kinds and place.kind == "city" and "city" not in m.suffix_kinds:
            # "Kyauktaw township": the district named after the town, not the town itself
            written = doc[m.start : m.end].text
            return Location(
                text=text, span=(start, end), rule=m.rule, score=round(confidence * 0.9, 3),
                name=place.name if place.curated or m.rule == "places.fuzzy" else written,
                kind=m.suffix_kinds[0],  # type: ignore[arg-type]
                country=place.country, admin1=place.admin1, **extras,
            )
        return Location(
            text=text, span=(start, end), rule=m.rule, score=round(confidence, 3),
            name=place.name, kind=place.kind,  # type: ignore[arg-type]
            country=place.country, admin1=place.admin1, lat=place.lat, lon=place.lon,
            geonames_id=place.geonames_id, **extras,
        )
