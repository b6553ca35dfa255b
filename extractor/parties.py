"""Noun-phrase resolution shared by actors and attributions: who a noun phrase names.

Given the head token of a noun phrase, :class:`PartyResolver` decides whether it names a
person (with title and affiliation), a knowledge-base entry, a country's institution
("Ukraine's Air Force", "the Ministry of Defence in Moscow"), an unnamed source ("an unnamed
official with Ukraine's Security Service"), civilians, an unnamed armed group or a targeted
installation, reading the dependency parse rather than word order.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import lru_cache, partial
from pathlib import Path
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from .actor_kb import ActorEntry, ActorKB, KBMatch, Lexicon, load_lexicon
from .models import ActorKind, Source, SourceKind
from .spans import (
    ParseLists,
    doc_like_num,
    doc_tokens,
    parse_lists,
    per_doc,
    span_text,
    text_of,
    tokens_of,
)
from .structure import dateline_length

# Dependency labels that stay inside a noun phrase (left and right).
_NP_LEFT = {
    "det",
    "amod",
    "compound",
    "poss",
    "nmod",
    "nummod",
    "case",
    "quantmod",
    "punct",
    "advmod",
    "predet",
    "npadvmod",
    "hyph",
}
_NP_RIGHT = {"prep", "appos", "case", "punct", "compound", "nummod", "amod"}
_PRONOUNS = {"he", "she", "they", "it", "we", "i"}
#: Tokens right of a head that a knowledge-base name covering it can reach (the longest KB
#: name, "United Nations Organization Stabilization Mission in the Democratic Republic of
#: the Congo", has 12, plus room).
_KB_REACH = 16
_NAME_PREPS = {"of", "in", "with", "at", "from", "for"}
#: Words left out of the name of an unnamed armed actor ("suspected jihadists" -> "jihadists").
_NAME_HEDGES = {"pro", "suspected", "alleged", "unidentified", "unknown", "presumed"}


def body_start(unit: Span) -> int:
    """The first token of ``unit`` after a wire dateline it opens with (else ``unit.start``).

    Places and agencies of a dateline are where and by whom the story was filed, never
    actors or sources of the event. Computed once per unit (the actor and speaker stages ask
    for each attribution).
    """
    known = per_doc(unit.doc, "parties.body_start", _new_cache)
    key = (unit.start, unit.end)
    found = known.get(key)
    if found is None:
        found = known[key] = _body_start(unit)
    return found


def _body_start(unit: Span) -> int:
    length = dateline_length(text_of(unit.doc)[unit.start_char : unit.end_char])
    if not length:
        return unit.start
    end_char = unit.start_char + length
    for token in tokens_of(unit):
        if token.idx >= end_char:
            return token.i
    return unit.start


def _new_cache(_: Doc) -> dict[Any, Any]:
    return {}


class _ResolveMemo:
    """The resolver's answers for one document (one cache entry, fetched once per question):
    noun-phrase ranges by (head, right), compound phrases by head, resolved parties by (head,
    phrase start, phrase end), and how many resolutions read the people known so far (those
    are not kept: another unit knows other people); the document's parse lists, text and
    knowledge-base hits beside them."""

    def __init__(self, doc: Doc, kb: ActorKB):
        self.lists = parse_lists(doc)
        self.text = text_of(doc)
        self.names = kb.names_of(doc)
        self.institutions = kb.institutions_of(doc)
        self.ranges: dict[tuple[int, bool], tuple[int, int]] = {}
        self.phrases: dict[int, str] = {}
        self.parties: dict[tuple[int, int, int], Party | None] = {}
        self.people_reads = 0

    def span_text(self, start: int, end: int) -> str:
        """``doc[start:end].text`` (:func:`span_text` without its two cache look-ups)."""
        if start >= end:
            return ""
        tokens = self.lists.tokens
        last = tokens[end - 1]
        return self.text[tokens[start].idx : last.idx + len(last.text)]




@dataclass(frozen=True)
class Party:
    """What a noun phrase names, with the token range of its words."""

    name: str | None
    kind: ActorKind | None
    start: int
    end: int
    rule: str
    country: str | None = None
    title: str | None = None
    affiliation: str | None = None
    entry_id: str | None = None
    anonymous: bool = False
    source_kind: SourceKind | None = None
    channel: str | None = None
    pronoun: bool = False


def speaker_parties(doc: Doc, speakers: list[Source]) -> list[Party]:
    """The article's named ``speakers`` as people the stages can refer back to ("he said",
    a surname alone), each made once per document (every unit asks again)."""
    known: dict[tuple[Any, ...], Party] = per_doc(doc, "parties.speakers", _new_dict)
    people: list[Party] = []
    for source in speakers:
        if not source.name:
            continue
        key = (source.name, source.title, source.affiliation, source.kind)
        party = known.get(key)
        if party is None:
            party = known[key] = Party(
                source.name, "person", 0, 0, "context",
                title=source.title, affiliation=source.affiliation, source_kind=source.kind,
            )
        people.append(party)
    return people


def _new_dict(_: Doc) -> dict[Any, Any]:
    return {}


class PartyResolver:
    """Resolves noun-phrase heads against the actor knowledge base and the vocabularies."""

    def __init__(self, nlp: Language, kb: ActorKB, lexicon: Lexicon):
        self.kb = kb
        self.lex = lexicon
        self.title_matcher = lexicon.matcher(nlp, ["TITLE"])
        self._title_words = lexicon.words("TITLE")
        self._has_suffix_once: Callable[[str, str], bool] = lru_cache(maxsize=16384)(self._has_suffix)
        self._new_memo: Callable[[Doc], _ResolveMemo] = partial(_ResolveMemo, kb=kb)

    def _memo(self, doc: Doc) -> _ResolveMemo:
        return per_doc(doc, "parties.resolve", self._new_memo)

    @classmethod
    def from_dir(cls, nlp: Language, patterns_dir: Path, fuzzy_threshold: float) -> PartyResolver:
        """Load the knowledge base and the two vocabulary files under ``patterns_dir``."""
        kb = ActorKB.from_dir(nlp, patterns_dir, fuzzy_threshold)
        lexicon = load_lexicon(
            [patterns_dir / "attributions" / "lexicon.jsonl", patterns_dir / "actors" / "roles.jsonl"]
        )
        return cls(nlp, kb, lexicon)

    # -- noun-phrase extent -------------------------------------------------------------

    def np_range(
        self, head: Token, right: bool = True, bounds: tuple[int, int] | None = None
    ) -> tuple[int, int]:
        """Token range [start, end) of the noun phrase headed by ``head``.

        Left modifiers are kept; on the right only prepositional phrases that name
        ("of Defence", "in Moscow", "with Ukraine's Security Service") and appositions.
        Computed once per head and direction in a document (the stages ask again), then
        cut to ``bounds``.
        """
        return self._np_range_once(self._memo(head.doc), head, right, bounds)

    def largest_first(self, heads: list[Token]) -> list[Token]:
        """``heads``, the one heading the largest noun phrase (:meth:`np_range`) first; ties
        keep their order."""
        if not heads:
            return heads
        memo = self._memo(heads[0].doc)
        sizes = {}
        for head in heads:
            start, end = self._np_range_once(memo, head, True, None)
            sizes[head.i] = end - start
        return sorted(heads, key=lambda head: sizes[head.i], reverse=True)

    def _np_range_once(
        self, memo: _ResolveMemo, head: Token, right: bool, bounds: tuple[int, int] | None
    ) -> tuple[int, int]:
        key = (head.i, right)
        found = memo.ranges.get(key)
        if found is None:
            found = memo.ranges[key] = self._np_range(memo.lists, head.i, right)
        if bounds is None:
            return found
        return max(found[0], bounds[0]), min(found[1], bounds[1])

    @staticmethod
    def _np_range(lists: ParseLists, i: int, right: bool) -> tuple[int, int]:
        tokens, deps, lowers = lists.tokens, lists.deps, lists.lowers
        children = lists.children[i]
        start = i
        for child in children:
            if child > i:
                break
            if deps[child] in _NP_LEFT:
                start = min(start, tokens[child].left_edge.i)
        end = i + 1
        if right:
            for child in children:
                if child < i:
                    continue
                dep = deps[child]
                if dep == "prep" and lowers[child] in _NAME_PREPS:
                    end = max(end, tokens[child].right_edge.i + 1)
                elif dep == "appos" or (dep in {"compound", "nummod"}):
                    end = max(end, tokens[child].right_edge.i + 1)
                elif dep == "punct":
                    if tokens[child].text == ")":
                        end = max(end, child + 1)
                else:
                    break
        for k in range(start, i):
            if deps[k] == "cc" or lowers[k] in {"and", "or"}:
                start = k + 1  # "Trump and Ukrainian President Zelenskyy": one conjunct only
        while start < i and (deps[start] == "det" or tokens[start].is_punct):
            start += 1
        while end - 1 > i and (tokens[end - 1].is_punct or deps[end - 1] == "cc"):
            if tokens[end - 1].text == ")" and any(t.text == "(" for t in tokens[start:end]):
                break
            end -= 1
        return start, end

    # -- helpers --------------------------------------------------------------------------

    def _person_chain(self, head: Token, lists: ParseLists) -> tuple[int, int] | None:
        """The proper-name tokens ending at ``head`` ("Alexander Brechalov"), else None."""
        pos = lists.pos
        if pos[head.i] != "PROPN":
            return None
        tokens, heads = lists.tokens, lists.heads
        start = head.i
        while start - 1 >= 0:
            prev = tokens[start - 1]
            if tokens[start].ent_iob_ == "I" and tokens[start].ent_type_ == "PERSON" and (
                pos[start - 1] == "PROPN" or (prev.text in {"-", "'"} and not prev.whitespace_)
            ):
                start -= 1  # inside one PERSON entity: "Israel Katz", "Jean-Noel Barrot"
                continue
            if pos[start - 1] != "PROPN" or heads[start - 1] < start - 1:
                break
            if prev.ent_type_ in {"GPE", "NORP", "DATE"} or self.kb.country(prev.text):
                break
            if self.is_title_word(prev) and not (
                prev.ent_type_ == "PERSON"
                and start - 2 >= 0
                and tokens[start - 2].ent_type_ == "PERSON"
                and pos[start - 2] == "PROPN"
                and not self.is_title_word(tokens[start - 2])
            ):
                break  # a title word inside a name ("Hassan Sheikh Mohamud") stays
            start -= 1
        return start, head.i + 1

    def is_title_word(self, token: Token) -> bool:
        """Whether ``token`` (as written or lower-cased: its ``lower_``) is a title word."""
        text = token.text
        return text in self._title_words or text.lower() in self._title_words

    def _titles(self, doc: Doc, start: int, end: int) -> list[tuple[int, int]]:
        """Token ranges of the titles in ``doc[start:end]``, the longest of overlapping ones."""
        if start >= end:
            return []
        hits = per_doc(doc, "parties.titles", self._title_hits)
        inside: set[tuple[int, int]] = set()
        for hit in hits[bisect_left(hits, (start, start)) :]:
            if hit[0] >= end:
                break
            if hit[1] <= end:
                inside.add(hit)
        spans = sorted(inside, key=lambda x: (x[0], -(x[1] - x[0])))
        out: list[tuple[int, int]] = []
        for s, e in spans:
            if out and s < out[-1][1]:
                if e - s > out[-1][1] - out[-1][0]:
                    out[-1] = (s, e)
                continue
            out.append((s, e))
        return out

    def _title_hits(self, doc: Doc) -> list[tuple[int, int]]:
        """Every title phrase in ``doc`` as sorted (start, end) pairs (matched once per document)."""
        return sorted((s, e) for _, _, s, e in self.lex.phrase_matches(self.title_matcher, doc))

    def country_of_range(self, doc: Doc, start: int, end: int) -> ActorEntry | None:
        """A country named, qualified or metonymised in ``doc[start:end]`` ("Ukraine's", "US")."""
        for match in self.kb.find(doc, start, end):
            if match.entry.kind == "country":
                return match.entry
            if match.entry.country and match.entry.kind in {"government", "military"}:
                return self.kb.country_by_iso(match.entry.country)
        return None

    def earlier_body(
        self, institution: str, names: list[str], countries: list[str] | None = None
    ) -> ActorEntry | None:
        """The body a definite generic institution refers back to ("the army", "the junta").

        Args:
            institution: the generic institution id without prefix ("armed_forces").
            names: names of bodies the article named before, most recent first; the first that
                is an institution of this type wins ("Israel Defense Forces" for "the military").
            countries: ISO codes of the article's places, most recent first: a country's
                named body of this type ("Malian Armed Forces"), when no name decides.
        """
        inst = self.kb.institutions.get(f"inst.{institution}")
        for name in names:
            entry = self.kb.lookup(name, fuzzy=False)
            if entry is not None and entry.institution == institution:
                return entry
            if entry is None and inst is not None and name.lower().endswith(inst.name.lower()):
                return ActorEntry(id=f"context.{institution}", name=name, kind=inst.kind)
        for iso in countries or []:
            named = self.kb.by_country_institution.get((iso, institution))
            if named:
                return self.kb.entries[named]
            break  # only the most recent country
        return None

    def _affiliation(self, doc: Doc, start: int, end: int, exclude: tuple[int, int]) -> ActorEntry | None:
        """The body named in ``doc[start:end]`` outside ``exclude``: KB entry, institution, country."""
        for inst_start, _inst_end, inst in self.kb.find_institutions(doc, start, end):
            if exclude[0] <= inst_start < exclude[1]:
                continue
            country = self.country_of_range(doc, start, end)
            return self.kb.national_body(country.country if country else None, inst)
        for match in self.kb.find(doc, start, end):
            if exclude[0] <= match.start < exclude[1]:
                continue
            if match.how == "capital":
                continue
            return match.entry
        return None

    # -- resolution -----------------------------------------------------------------------

    def resolve(
        self, head: Token, known_people: list[Party] | None = None, bounds: tuple[int, int] | None = None
    ) -> Party | None:
        """What the noun phrase headed by ``head`` names, or None if nothing we know.

        Args:
            head: the syntactic head of the noun phrase.
            known_people: people already named (in this unit or article), to expand surnames.
            bounds: token range of the unit; the phrase never reaches outside it.

        The bounds only cut the noun phrase: the answer for a head and its cut phrase is kept
        per document (the stages ask about the same phrases), unless it read ``known_people``
        (a lone name that may be a surname).
        """
        memo = self._memo(head.doc)
        start, end = self._np_range_once(memo, head, True, bounds)
        key = (head.i, start, end)
        if key in memo.parties:
            party = memo.parties[key]
        else:
            reads = memo.people_reads
            party = self._resolve(head, known_people, start, end, memo)
            if memo.people_reads == reads:
                memo.parties[key] = party
        if party is not None and bounds is not None:
            start = min(max(party.start, bounds[0]), head.i)
            end = max(min(party.end, bounds[1]), head.i + 1)
            if (start, end) != (party.start, party.end):
                party = replace(party, start=start, end=end)
        return party

    def _resolve(
        self, head: Token, known_people: list[Party] | None, start: int, end: int, memo: _ResolveMemo
    ) -> Party | None:
        doc = head.doc
        lists = memo.lists
        tokens, deps, pos = lists.tokens, lists.deps, lists.pos
        lower = lists.lowers[head.i]
        if pos[head.i] == "PRON":
            if lower in _PRONOUNS:
                return Party(None, None, head.i, head.i + 1, "party.pronoun", pronoun=True)
            return None
        # 1. appositions: "the UN nuclear watchdog, the IAEA" -> the one we know best
        appositions = [tokens[c] for c in lists.children[head.i] if c > head.i and deps[c] == "appos"]
        if not appositions and self.is_title_word(head):  # parser hung it lower
            appositions = [  # not the head itself: "the cargo ship Galaxy Leader" looped
                t for t in head.subtree if t.i != head.i and t.dep_ == "appos" and t.ent_type_ == "PERSON"
            ]
        for child in appositions:
            if child.dep_ == "appos":
                inner = self.resolve(child, known_people)
                if inner and inner.kind == "person" and inner.name and self.is_title_word(head):
                    titles = self._titles(doc, start, head.i + 1)
                    title = span_text(doc, *titles[-1]) if titles else head.text
                    aff = self._affiliation(doc, start, child.left_edge.i, (head.i, head.i + 1))
                    return replace(
                        inner,
                        start=start,
                        end=max(end, inner.end),
                        title=title,
                        affiliation=aff.name if aff else inner.affiliation,
                    )
                if inner and inner.entry_id and not inner.anonymous:
                    outer = self._resolve_plain(head, start, child.left_edge.i, known_people, memo)
                    if pos[head.i] == "NOUN" and pos[child.i] == "PROPN":
                        outer = None  # "the UN peacekeeping force in Lebanon, UNIFIL": the name
                    if outer is None or outer.entry_id is None or outer.anonymous:
                        if outer is not None and outer.anonymous:
                            return replace(outer, end=end, affiliation=inner.name)
                        return replace(inner, start=start, end=max(end, inner.end))
                    return replace(outer, end=end)
        return self._resolve_plain(head, start, end, known_people, memo)

    def _resolve_plain(
        self, head: Token, start: int, end: int, known_people: list[Party] | None, memo: _ResolveMemo
    ) -> Party | None:
        doc = head.doc
        lists = memo.lists
        deps, heads = lists.deps, lists.heads
        head_pos, lemma, lower = lists.pos[head.i], lists.lemmas[head.i], lists.lowers[head.i]
        ent_type = head.ent_type_
        # 2. a document noun: "A Kremlin statement", "a statement from the army"
        doc_entry = self.lex.get("DOC_NOUN", lemma) if head_pos == "NOUN" else None
        if doc_entry is not None:
            owner = self._owner_of_document(head)
            if owner is not None:
                return replace(owner, channel=doc_entry.name)
            return None
        # 3. a person: proper name ending at the head, titled or known to NER or the KB
        # the right edge can be the end of a 10,000-token list: look no further than the
        # longest knowledge-base name could reach (a KB lookup per head over the whole
        # subtree made long lists quadratic: 50k characters of place names took 96 s)
        wide_end = end
        if head_pos in {"NOUN", "PROPN"}:
            wide_end = max(end, min(head.right_edge.i + 1, head.i + _KB_REACH))
        if deps[head.i] in {"nmod", "compound", "amod", "poss"}:
            # sibling modifiers of one noun can form one name: "A Myanmar military airstrike"
            # ("Ethiopian military drone strikes": "military" modifies "drone")
            while (
                wide_end < len(doc)
                and wide_end < heads[head.i]
                and wide_end < heads[wide_end] <= heads[head.i]
                and deps[wide_end] in {"amod", "compound", "nmod"}
            ):
                wide_end += 1
        hits = self._name_hits(head, start, wide_end, ent_type, memo)
        # the hits and institutions at the head (most phrases hold none: no list is walked)
        covering = [m for m in hits if m.start <= head.i < m.end] if hits else []
        institutions = self.kb.institutions_in(memo.institutions, doc, start, end)
        inst_at_head = [i for i in institutions if i[0] <= head.i < i[1]] if institutions else []
        org_at_head = bool(covering) and any(m.entry.kind != "person" and m.how == "alias" for m in covering)
        # "Nasser Hospital", "Kyiv Polytechnic Institute": a name whose head is an organisation
        # noun names no person, whatever NER says
        org_named = head_pos == "PROPN" and self.lex.has("ORG_NOUN", lower)
        chain = None if org_at_head or inst_at_head or org_named else self._person_chain(head, lists)
        if chain is not None:
            person = self._person(head, chain, start, end, known_people, memo)
            if person is not None:
                return person
        # 4. a knowledge-base entry covering the head ("Ukraine's Security Service", "Pentagon")
        if covering and covering[0].end > end:
            end = covering[0].end
            institutions = self.kb.find_institutions(doc, start, end)
            inst_at_head = [i for i in institutions if i[0] <= head.i < i[1]]
        if not inst_at_head and head_pos == "NOUN" and self.lex.has("ORG_NOUN", lemma):
            inst_at_head = [i for i in institutions if heads[i[1] - 1] == head.i]
        # without a name hit in the phrase, no name can cover the head by its governor
        if not covering and not inst_at_head and hits and self.lex.has("ORG_NOUN", lemma):
            covering = [
                m
                for m in hits
                if heads[m.end - 1] == head.i and m.how == "alias" and m.entry.kind != "country"
            ]
        if (
            not covering
            and not inst_at_head
            and hits
            and head_pos in {"NOUN", "PROPN"}
            and self._is_armed_head(head)
        ):
            # "JNIM fighters", "Houthi rebels", "MONUSCO peacekeepers", "fighters from the PDF"
            governors = {head.i} | {c for c in lists.children[head.i] if deps[c] == "prep"}
            covering = [
                m
                for m in hits
                if m.how == "alias" and m.entry.kind != "country" and heads[m.end - 1] in governors
            ]
        if covering and not (covering[0].how in {"demonym", "capital"} and inst_at_head):
            match = covering[0]
            entry = match.entry
            if match.how == "capital" and not self._capital_as_actor(head):
                return None
            return self._from_entry(entry, start, max(end, match.end), f"party.kb.{match.how}")
        # 5. a country's institution: "Ukraine's Air Force", "the Ministry of Defence in Moscow";
        # also an adjective that names one before an attack noun ("a military airstrike")
        if inst_at_head and (head_pos in {"NOUN", "PROPN"} or self._modifies_attack(lists, head.i)):
            inst_start, inst_end, inst_id = inst_at_head[0]
            owning = self._owning_body(doc, start, inst_start)
            if owning is not None:  # "MONUSCO's rapid reaction forces", "the RSF's troops"
                return self._from_entry(owning, start, end, "party.institution.owner")
            country = self.country_of_range(doc, start, end)
            institution = self.kb.institutions[inst_id]
            if span_text(doc, inst_start, inst_end).lower() in institution.qualified_only and (
                self.country_of_range(doc, start, inst_start) is None
            ):
                return None  # "artillery", "units of X" alone are weapons or parts, not a party
            entry = self.kb.national_body(country.country if country else None, inst_id)
            return self._from_entry(entry, start, end, "party.institution")
        # 6a. blocs and leaders named by a common noun: "Western allies", "European leaders"
        phrase = self._phrase_once(memo, head.i)
        if (
            head_pos == "NOUN"
            and (self.has_suffix("BLOC_NOUN", phrase) or self.lex.has("BLOC_NOUN", lower))
            and not any(c.dep_ in {"compound", "poss"} and c.pos_ == "PROPN" for c in head.children)
        ):  # not "Machar allies": people allied to someone named
            s = self._modifier_start(head, start)
            return Party(span_text(doc, s, head.i + 1), "government", s, head.i + 1, "party.bloc_noun")
        # 6. an unnamed source or official: "an unnamed official with Ukraine's SBU"
        if (
            head_pos in {"NOUN", "PROPN"}
            and self.lex.has("ANON_NOUN", lower)
            or self.lex.has("ANON_NOUN", lemma)
        ):
            if not (self.lex.has("VICTIM_NOUN", lower) and deps[head.i] not in {"nsubj"}):
                return self._anonymous(head, start, end)
        # 7. civilians and other victim nouns
        if (
            self.lex.has("VICTIM_NOUN", phrase)
            or self.lex.has("VICTIM_NOUN", lower)
            or self.lex.has("VICTIM_NOUN", lemma)
        ):
            country = self.country_of_range(doc, start, head.i)
            name = phrase if self.lex.has("VICTIM_NOUN", phrase) else lower
            return Party(
                name if name != "civilian" else "civilians",
                "civilians",
                self._modifier_start(head, start),
                head.i + 1,
                "party.victim_noun",
                country=country.country if country else None,
            )
        if head_pos == "ADJ" and head.i + 1 < len(doc) and lists.pos[head.i + 1] == "PROPN":
            return None  # "the paramilitary Rapid Support Forces" parsed apart: the name's adjective
        # 8. unnamed armed actors: "gunmen", "suspected jihadists"
        if (
            self.has_suffix("ARMED_NOUN", phrase)
            or self.lex.has("ARMED_NOUN", lower)
            or self.lex.has("ARMED_NOUN", lemma)
        ):
            country = self.country_of_range(doc, start, head.i)
            s = self._modifier_start(head, start)
            pro = any(t.lower_ == "pro" for t in lists.tokens[s : head.i])
            words = [
                t.lower_
                for t in lists.tokens[s : head.i + 1]
                if t.i == head.i
                or not (self.kb.country(t.text) or t.is_punct or t.lower_ in _NAME_HEDGES)
            ]
            return Party(
                " ".join(words),
                "group",
                s,
                head.i + 1,
                "party.armed_noun",
                country=country.country if country and not pro else None,
            )
        # 9. a named organisation the KB does not hold, known to NER or by fuzzy match
        if head_pos == "PROPN" and (ent_type == "ORG" or org_named and ent_type == "PERSON"):
            text = span_text(doc, start, end)
            fuzzy_entry = self.kb.lookup(text)
            if fuzzy_entry is not None and fuzzy_entry.kind != "person":
                return self._from_entry(fuzzy_entry, start, end, "party.kb.fuzzy")
            ent = self.entity_at(head)
            if ent is not None and ent[1] == head.i + 1:
                ent_tokens = [
                    t for t in lists.tokens[ent[0] : ent[1]] if not (t.i == ent[0] and t.lower_ == "the")
                ]
                name = "".join(t.text_with_ws for t in ent_tokens).strip()
                country = self.country_of_range(doc, start, ent[0])
                if name and not self.kb.country(name):
                    return Party(
                        name,
                        "organization",
                        min(start, ent[0]),
                        max(end, ent[1]),
                        "party.ner.org",
                        country=country.country if country else None,
                        source_kind="organization",
                    )
        return None

    def _name_hits(
        self, head: Token, start: int, end: int, ent_type: str, memo: _ResolveMemo
    ) -> list[KBMatch]:
        """The knowledge-base hits in tokens ``start:end`` of ``head``'s document, less an
        organisation alias inside a longer person name at the head ("Therese Kayikwamba
        Wagner" is not the alias "Wagner")."""
        hits = self.kb.find_in(memo.names, head.doc, start, end)
        if not hits or ent_type != "PERSON":
            return hits
        person_ent = self.entity_at(head)
        if person_ent is None or person_ent[1] - person_ent[0] < 2:
            return hits
        return [
            m for m in hits
            if m.entry.kind == "person"
            or not (m.start <= head.i < m.end)
            or (m.start <= person_ent[0] and m.end >= person_ent[1])
        ]

    def _modifies_attack(self, lists: ParseLists, i: int) -> bool:
        """True for an adjective modifying an attack noun ("military" in "a military airstrike")."""
        gov = lists.heads[i]
        return (
            lists.pos[i] == "ADJ" and lists.deps[i] == "amod"
            and (self.lex.has("ATTACK_NOUN", lists.lemmas[gov])
                 or self.lex.has("ATTACK_NOUN", lists.lowers[gov]))
        )

    def _owning_body(self, doc: Doc, start: int, end: int) -> ActorEntry | None:
        """A named non-state body that owns the institution: "MONUSCO's forces" -> MONUSCO."""
        for match in self.kb.find(doc, start, end):
            if (
                match.how == "alias"
                and match.entry.kind in {"group", "organization"}
                and match.end < len(doc)
                and doc[match.end - 1].dep_ == "poss"
            ):
                return match.entry
        return None

    @staticmethod
    def entity_at(token: Token) -> tuple[int, int] | None:
        """Token range of the NER entity ``token`` is in, else None."""
        if not token.ent_type_:
            return None
        tokens = doc_tokens(token.doc)
        start = token.i
        while start > 0 and tokens[start].ent_iob_ == "I":
            start -= 1
        end = token.i + 1
        while end < len(tokens) and tokens[end].ent_iob_ == "I":
            end += 1
        return start, end

    def _is_armed_head(self, head: Token) -> bool:
        lists = parse_lists(head.doc)
        lemma, lower = lists.lemmas[head.i], lists.lowers[head.i]
        return (
            self.lex.has("ARMED_NOUN", lower)
            or self.lex.has("ARMED_NOUN", lemma)
            or lemma in {"force", "troop", "soldier", "unit", "officer", "personnel"}
            or self.has_suffix("ARMED_NOUN", self.compound_phrase(head))  # "armed groups within the PMF"
        )

    def _modifier_start(self, head: Token, start: int) -> int:
        deps, like_num = parse_lists(head.doc).deps, doc_like_num(head.doc)
        s = head.i
        while s - 1 >= start and deps[s - 1] in {"amod", "compound"} and not like_num[s - 1]:
            s -= 1
        return s

    def has_suffix(self, label: str, phrase: str) -> bool:
        """Whether ``phrase`` or one of its word suffixes carries ``label``
        ("suspected suicide bomber" -> "suicide bomber"); memoised, phrases recur."""
        return self._has_suffix_once(label, phrase)

    def _has_suffix(self, label: str, phrase: str) -> bool:
        words = phrase.split()
        return any(self.lex.has(label, " ".join(words[k:])) for k in range(len(words)))

    def compound_phrase(self, head: Token) -> str:
        """The lower-cased words of ``head`` with its compound and adjective modifiers."""
        return self._phrase_once(self._memo(head.doc), head.i)

    @staticmethod
    def _phrase_once(memo: _ResolveMemo, i: int) -> str:
        found = memo.phrases.get(i)
        if found is None:
            deps, heads = memo.lists.deps, memo.lists.heads
            s = i
            while s - 1 >= 0 and heads[s - 1] == i and deps[s - 1] in {"compound", "amod"}:
                s -= 1
            found = memo.phrases[i] = memo.span_text(s, i + 1).lower()
        return found

    def _capital_as_actor(self, head: Token) -> bool:
        node = head
        while node.dep_ == "conj" and node.head.i != node.i:
            node = node.head
        if node.dep_ == "pobj" and node.head.lower_ == "between":
            governor = node.head.head  # "talks between Moscow and Kyiv", not "the road between"
            return not (self.lex.has("PLACE_NOUN", governor.lemma_.lower()) or governor.ent_type_)
        if head.dep_ in {"dobj", "nsubjpass"} and self.lex.has("HARM_VERB", head.head.lemma_.lower()):
            return False  # "drones attacked Moscow", "Kyiv was shelled": the city is the place hit
        return head.dep_ in {"nsubj", "nsubjpass", "dobj", "poss"} or (
            head.dep_ == "pobj" and head.head.lower_ in {"by", "with", "from"}
        )

    def _from_entry(self, entry: ActorEntry, start: int, end: int, rule: str) -> Party:
        return Party(
            entry.name,
            entry.kind,
            start,
            end,
            rule,
            country=entry.country,
            title=entry.title,
            affiliation=entry.affiliation,
            entry_id=entry.id,
            source_kind=self.kb.source_kind(entry),
        )

    def _person(
        self,
        head: Token,
        chain: tuple[int, int],
        start: int,
        end: int,
        known_people: list[Party] | None,
        memo: _ResolveMemo,
    ) -> Party | None:
        doc = head.doc
        name_start, name_end = chain
        titles = self._titles(doc, start, name_start)
        if not titles and name_start > 0 and self.is_title_word(doc_tokens(doc)[name_start - 1]):
            # "..., the city's mayor Ihor Terekhov said": the parser hung the title elsewhere
            titles = self._titles(doc, name_start - 1, name_start)
        is_person_ner = head.ent_type_ == "PERSON"
        name = memo.span_text(name_start, name_end)
        entry = self.kb.lookup(name, fuzzy=False)
        if entry is not None and entry.kind != "person":
            return None
        if entry is None and not titles and not is_person_ner:
            return None
        title = span_text(doc, *titles[-1]) if titles else None
        affiliation_entry = None
        left_end = titles[-1][0] if titles else name_start
        if start < left_end:
            affiliation_entry = self._affiliation(doc, start, left_end, (name_start, name_end))
        if affiliation_entry is None and end > name_end:
            affiliation_entry = self._affiliation(doc, name_end, end, (name_start, name_end))
        # an apposition or 'the Kremlin spokesman' after the name
        lists = memo.lists
        tokens, deps = lists.tokens, lists.deps
        for child in lists.children[head.i]:
            if child > head.i and deps[child] == "appos" and title is None:
                a_start, a_end = self.np_range(tokens[child])
                a_titles = self._titles(doc, a_start, a_end)
                if a_titles:
                    title = span_text(doc, *a_titles[-1])
                    affiliation_entry = affiliation_entry or self._affiliation(
                        doc, a_start, a_end, a_titles[-1]
                    )
        canonical = name
        country = affiliation_entry.country if affiliation_entry else None
        if entry is None and name_end - name_start == 1:
            memo.people_reads += 1
        if entry is None and name_end - name_start == 1 and known_people:
            for person in reversed(known_people):
                if person.name and person.name.split()[-1] == name:
                    return replace(person, start=start, end=end, rule="party.person.surname")
        if entry is not None:
            canonical = entry.name
            title = title or entry.title
            country = country or entry.country
            if affiliation_entry is None:
                return Party(
                    canonical,
                    "person",
                    start,
                    end,
                    "party.person.kb",
                    country=country,
                    title=title,
                    affiliation=entry.affiliation,
                    entry_id=entry.id,
                    source_kind="person",
                )
        affiliation = affiliation_entry.name if affiliation_entry else None
        return Party(
            canonical,
            "person",
            start,
            end,
            "party.person.titled" if titles else "party.person.ner",
            country=country,
            title=title,
            affiliation=affiliation,
            entry_id=entry.id if entry else None,
            source_kind="person",
        )

    def _anonymous(self, head: Token, start: int, end: int) -> Party:
        doc = head.doc
        affiliation = self._affiliation(doc, start, end, (head.i, head.i + 1))
        title = None
        titles = self._titles(doc, start, head.i + 1)
        if titles and titles[-1][1] == head.i + 1:
            title = span_text(doc, *titles[-1])
        return Party(
            None,
            "person",
            start,
            end,
            "party.anonymous",
            country=affiliation.country if affiliation else None,
            title=title,
            affiliation=affiliation.name if affiliation else None,
            anonymous=True,
            source_kind="anonymous",
        )

    def _owner_of_document(self, head: Token) -> Party | None:
        for child in head.children:
            if child.dep_ in {"compound", "poss", "amod", "nmod"} and child.pos_ in {"PROPN", "NOUN", "ADJ"}:
                owner = self.resolve(child)
                if owner is not None:
                    return owner
                country = self.kb.country(child.text)
                if country is not None:
                    return self._from_entry(country, child.i, child.i + 1, "party.kb.demonym")
            if child.dep_ == "prep" and child.lower_ in {"from", "by", "of"}:
                for grandchild in child.children:
                    if grandchild.dep_ == "pobj":
                        owner = self.resolve(grandchild)
                        if owner is not None:
                            return owner
            if child.dep_ == "acl":  # "a statement issued by the army"
                for prep in child.children:
                    if prep.dep_ in {"agent", "prep"} and prep.lower_ in {"by", "from"}:
                        for pobj in prep.children:
                            if pobj.dep_ == "pobj":
                                owner = self.resolve(pobj)
                                if owner is not None:
                                    return owner
        return None
