"""Event types: the taxonomy in patterns/event_types.json and a classifier over units.

The classifier reads the dependency parse of a unit (a bullet or a sentence):

1. **Main predicates**: the root of each sentence, or, when the root is a reporting verb
   ("said", "told") with a complement clause, the head of that clause ("The ministry said
   that 60 drones *were downed*"). Conjoined verbs of a main predicate are main too.
2. **Role weights**: a trigger on a main predicate counts 3, on one of its arguments 2
   (through a preposition or compound too), deeper 1, and inside the reporting frame 0.5.
3. **Triggers** (lemma + POS, optionally ``requires`` a lemma within three dependency steps
   below, a child's dependency label or a child word, and multi-word phrases) add
   ``role weight x trigger weight`` to their type.
4. **Violence** ("attack", "struck", "killed", "launched ... drones") is one family resolved
   by cues: the weapon (drone -> air/drone strike, missile/artillery -> shelling, IED ->
   explosion), else direct family triggers ("clashes"), else the target (civilians ->
   attack, troops -> armed clash), else ``attack``.
5. **Counts and actors** passed in add evidence (a count with category "intercepted" means
   air defence; a "detained" count an arrest; civilian victims an attack).
6. Below ``min_score`` the unit is a ``statement`` when it is framed by a reporting verb,
   else ``other``.
"""

from __future__ import annotations

import logging
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from pydantic import Field
from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from .config import Settings
from .errors import PatternFileError
from .matching import AnchoredMatcher
from .models import Actor, Count
from .resources import PatternModel, default_patterns_dir, load_json
from .spans import ParseLists, doc_tokens, parse_lists, per_doc, sentence_starts

logger = logging.getLogger(__name__)

VIOLENCE = "violence"


# --------------------------------------------------------------------------- pattern file


class Trigger(PatternModel):
    """Lemmas that signal a type, with the parts of speech they must have."""

    id: str
    lemmas: list[str] = Field(min_length=1)
    pos: list[str] = Field(min_length=1)
    weight: float = Field(default=1.0, gt=0)
    requires: list[str] | None = Field(
        default=None,
        description="Lemmas one of which must sit within three steps below; 'dep:LABEL' a "
        "child with that dependency label; 'child:word' that word as a child.",
    )
    plover: str | None = Field(default=None, description="PLOVER category when this fires.")
    acled: dict[str, str] | None = Field(default=None, description="ACLED mapping override.")
    not_modifying: list[str] = Field(
        default_factory=list,
        description="Lemmas of nouns the trigger does not fire on as their compound modifier "
        "('aid workers', 'aid agency': people and bodies, not aid).",
    )


class Phrase(PatternModel):
    """A multi-word trigger in spaCy Matcher shape."""

    id: str
    pattern: list[dict[str, Any]] = Field(min_length=1)
    weight: float = Field(default=1.5, gt=0)
    plover: str | None = None
    acled: dict[str, str] | None = None


class TypeEntry(PatternModel):
    """One type of the taxonomy."""

    id: str
    label: str
    description: str
    acled: dict[str, str] | None = None
    plover: str | None = None
    family: str | None = None
    cues: list[str] = Field(default_factory=list)
    triggers: list[Trigger] = Field(default_factory=list)
    phrases: list[Phrase] = Field(default_factory=list)
    reversal_verbs: list[str] = Field(default_factory=list)
    reversal_plover: str | None = None
    speaker_is_actor: bool = Field(
        default=False,
        description="Statement types: the named speaker of the unit is also an actor (initiator).",
    )


class ViolenceFamily(PatternModel):
    """Generic violence triggers, resolved to a family type by cues."""

    multiplier: float = Field(gt=0)
    triggers: list[Trigger]
    civilian_cues: list[str]
    military_cues: list[str]
    default: str
    trigger_defaults: dict[str, str] = Field(
        default_factory=dict, description="Family type for a trigger word when no cue decides."
    )
    cue_modifiers: dict[str, dict[str, str]] = Field(
        default_factory=dict,
        description="A cue noun whose modifier names another family type ('guided bomb' -> air).",
    )
    target_verbs: list[str] = Field(
        default_factory=list,
        description="Verbs whose object is a target, so weapon words in it are not the weapon "
        "('struck ... rocket launchers').",
    )
    protest_agents: list[str] = Field(
        default_factory=list,
        description="Agents that make violence a violent demonstration ('protesters attacked').",
    )
    protest_type: str | None = None
    protest_rule: str | None = Field(
        default=None, description="Trigger id whose ACLED/PLOVER mapping the riot takes."
    )
    shipping_cues: list[str] = Field(
        default_factory=list, description="Targets that make violence an attack on shipping."
    )


class ContextRule(PatternModel):
    """When a unit's own violence words are generic, the previous event's type decides."""

    inherit_types: list[str]
    anaphor_nouns: list[str]
    anaphor_dets: list[str]
    casualty_verbs: list[str]


class AggregateToll(PatternModel):
    """A running toll of a whole war is not a happening of its own ('other')."""

    toll_nouns: list[str]
    period_nouns: list[str]
    type: str


class CountBoost(PatternModel):
    """A count category that is evidence for a type (or for the violence family)."""

    category: str
    type: str
    weight: float = Field(gt=0)


class RoleWeights(PatternModel):
    main: float
    argument: float
    clause: float
    frame: float


class Taxonomy(PatternModel):
    """patterns/event_types.json."""

    doc: str = Field(default="", alias="_doc")
    default_type: str
    fallback_type: str
    min_score: float = Field(ge=0)
    role_weights: RoleWeights
    reporting_verbs: list[str]
    violence: ViolenceFamily
    count_boosts: list[CountBoost]
    types: list[TypeEntry] = Field(min_length=1)
    skip_entities: list[str] = Field(
        default_factory=list, description="Tokens in these entities are never triggers ('March')."
    )
    irrealis_modals: list[str] = Field(
        default_factory=list, description="Modals that make a trigger unreal ('must be freed')."
    )
    irrealis_factor: float = Field(default=1.0, ge=0)
    irrealis_exempt: list[str] = Field(default_factory=list)
    request_verbs: list[str] = Field(
        default_factory=list,
        description="Verbs whose complement is asked for, not reported ('urged X to deploy').",
    )
    later_sentence_factor: float = Field(
        default=1.0, ge=0, description="Weight of evidence in a unit's second and later sentences."
    )
    claim_nouns: list[str] = Field(
        default_factory=list,
        description="Objects of a claim whose 'for' phrase is what is reported ('claimed "
        "responsibility for the bombing': the bombing is a main predicate).",
    )
    context: ContextRule | None = None
    aggregate_toll: AggregateToll | None = None
    natural_causes: list[str] = Field(
        default_factory=list,
        description="Diseases and disasters: deaths they cause ('cholera has killed 2,400', "
        "'died of hunger') are no violence; such a unit is the default type.",
    )


def _agentless_passive(p: ParseLists, i: int) -> bool:
    """True for a passive verb no one is said to do ("No injuries were reported"): no
    party speaks through it."""
    deps = {p.deps[c] for c in p.children[i]}
    return "auxpass" in deps and "agent" not in deps


@lru_cache(maxsize=8)
def load_taxonomy(patterns_dir: Path | None = None) -> Taxonomy:
    """Load and check ``patterns/event_types.json`` (cached per folder).

    Raises:
        PatternFileError: the file is invalid or refers to an unknown type.
    """
    path = (patterns_dir or default_patterns_dir()) / "event_types.json"
    taxonomy = load_json(path, Taxonomy)
    ids = [t.id for t in taxonomy.types]
    if len(ids) != len(set(ids)):
        raise PatternFileError(str(path), "duplicate type id", field="types")
    known = set(ids) | {VIOLENCE}
    for name in (taxonomy.default_type, taxonomy.fallback_type, taxonomy.violence.default):
        if name not in known:
            raise PatternFileError(str(path), f"unknown type {name!r}")
    for boost in taxonomy.count_boosts:
        if boost.type not in known:
            raise PatternFileError(str(path), f"unknown type {boost.type!r}", field="count_boosts")
    return taxonomy


# --------------------------------------------------------------------------- result


@dataclass(frozen=True)
class EventType:
    """A taxonomy entry and its mappings."""

    id: str
    acled: dict[str, str] | None = None
    plover: str | None = None
    label: str | None = None
    score: float = 0.0
    rule: str | None = None
    evidence: tuple[str, ...] = field(default_factory=tuple)


# --------------------------------------------------------------------------- classifier


@lru_cache(maxsize=256)
def _requirement(words: tuple[str, ...]) -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    """A trigger's ``requires`` as (words and lemmas within three steps below, dependency
    labels of a child from "dep:...", words of a child from "child:...")."""
    return (
        frozenset(w for w in words if not w.startswith(("dep:", "child:"))),
        frozenset(w[4:] for w in words if w.startswith("dep:")),
        frozenset(w[6:] for w in words if w.startswith("child:")),
    )


class EventTyper:
    """Assigns a taxonomy type to a unit from its parse, counts and actors."""

    def __init__(self, nlp: Language, taxonomy: Taxonomy):
        self.taxonomy = taxonomy
        self.types = {t.id: t for t in taxonomy.types}
        self.order = {t.id: i for i, t in enumerate(taxonomy.types)}
        self.reporting = set(taxonomy.reporting_verbs)
        self.family_types = [t for t in taxonomy.types if t.family == VIOLENCE]
        self.family_cues = {t.id: frozenset(t.cues) for t in self.family_types}
        self.civilian = set(taxonomy.violence.civilian_cues)
        self.military = set(taxonomy.violence.military_cues)
        # every word _cue_scores looks at: any other token adds nothing there
        self.cue_words = frozenset().union(
            *self.family_cues.values(), self.civilian, self.military,
            taxonomy.violence.cue_modifiers,
        )
        self.boosts = taxonomy.count_boosts
        self.boosts_by_category: dict[str, list[CountBoost]] = {}
        for boost in self.boosts:
            self.boosts_by_category.setdefault(boost.category, []).append(boost)
        self.claim_nouns = frozenset(taxonomy.claim_nouns)
        self.target_verbs = frozenset(taxonomy.violence.target_verbs)
        self.protest_agents = frozenset(taxonomy.violence.protest_agents)
        self.shipping = frozenset(taxonomy.violence.shipping_cues)
        self.request_verbs = frozenset(taxonomy.request_verbs)
        self.skip_entities = frozenset(taxonomy.skip_entities)
        self.modals = frozenset(taxonomy.irrealis_modals)
        self.irrealis_exempt = frozenset(taxonomy.irrealis_exempt)
        # (type id, trigger) indexed by lemma
        self.by_lemma: dict[str, list[tuple[str, Trigger]]] = {}
        for entry in taxonomy.types:
            for trig in entry.triggers:
                for lemma in trig.lemmas:
                    self.by_lemma.setdefault(lemma.lower(), []).append((entry.id, trig))
        for trig in taxonomy.violence.triggers:
            for lemma in trig.lemmas:
                self.by_lemma.setdefault(lemma.lower(), []).append((VIOLENCE, trig))
        self.overrides: dict[str, tuple[str | None, dict[str, str] | None]] = {}
        for entry in taxonomy.types:
            items: list[Trigger | Phrase] = [*entry.triggers, *entry.phrases]
            for item in items:
                if item.plover or item.acled:
                    self.overrides[item.id] = (item.plover, item.acled)
        self.phrases: dict[str, tuple[str, Phrase]] = {
            phrase.id: (entry.id, phrase) for entry in taxonomy.types for phrase in entry.phrases
        }
        self.matcher = AnchoredMatcher.build(
            nlp.vocab, ((pid, phrase.pattern) for pid, (_, phrase) in self.phrases.items()), key="types"
        )
        self.toll_nouns = frozenset(taxonomy.aggregate_toll.toll_nouns if taxonomy.aggregate_toll else ())
        self.anaphor_nouns = frozenset(taxonomy.context.anaphor_nouns if taxonomy.context else ())
        # every word a loop over a unit's tokens tests: any other token fails each such test
        self.natural_causes = frozenset(taxonomy.natural_causes)
        self.words = frozenset().union(
            self.by_lemma, self.cue_words, self.toll_nouns, self.anaphor_nouns,
            self.protest_agents, self.shipping, taxonomy.violence.trigger_defaults, self.natural_causes,
        )
        self._ranked: dict[tuple[str, str], list[tuple[str, Trigger]]] = {}

    BACKGROUND_MARKS = frozenset({"after", "before", "as", "while", "since", "when", "until"})

    @classmethod
    def from_settings(cls, nlp: Language, settings: Settings) -> EventTyper:
        """Load the taxonomy and compile its phrases once per pipeline."""
        return cls(nlp, load_taxonomy(settings.patterns_dir))

    # ---- word look-ups

    def _listed(self, doc: Doc) -> list[int]:
        """Indexes of the tokens of ``doc`` whose lemma or lower form is in :attr:`words`."""
        p = parse_lists(doc)
        words = self.words
        return [i for i, (lemma, lower) in enumerate(zip(p.lemmas, p.lowers, strict=True))
                if lemma in words or lower in words]

    def _word_tokens(self, unit: Span) -> list[int]:
        """The tokens of ``unit`` a word test can pass (see :attr:`words`), in order; found
        once per document, so the unit loops skip the other tokens without reading them."""
        listed = per_doc(unit.doc, "types.words", self._listed)
        first = bisect_left(listed, unit.start)
        return listed[first : bisect_left(listed, unit.end, first)]

    def _triggers_of(self, lemma: str, lower: str) -> list[tuple[str, Trigger]]:
        """The (type id, trigger) pairs of a word, strongest (most specific) first; among
        equals, in :attr:`by_lemma` order: the first that applies is the one to take."""
        key = (lemma, lower)
        ranked = self._ranked.get(key)
        if ranked is None:
            hits = [h for word in {lemma, lower} for h in self.by_lemma.get(word, [])]
            ranked = self._ranked[key] = sorted(
                hits, key=lambda h: (h[1].weight, h[1].requires is not None), reverse=True
            )
        return ranked

    # ---- structure

    def _content_heads(self, p: ParseLists, i: int) -> set[int]:
        if p.lemmas[i] in self.reporting:
            clauses = [c for c in p.children[i] if p.deps[c] in ("ccomp", "parataxis")]
            if clauses:
                heads: set[int] = set()
                for clause in clauses:
                    heads |= self._content_heads(p, clause)
                if self._specific_trigger(p, i):
                    heads.add(i)  # "the attack showed that Moscow had no intention ..."
                for child in p.children[i]:  # "said that ... and warned Damascus to ..."
                    if p.deps[child] == "conj" and p.pos[child] == "VERB":
                        heads |= self._content_heads(p, child)
                return heads
        heads = {i} | self._claimed(p, i)
        for child in p.children[i]:
            if p.deps[child] == "conj" and p.pos[child] in ("VERB", "AUX"):
                heads.add(child)
            # "X fired missiles; both were intercepted": a clause left of its head is co-main
            if p.deps[child] in ("ccomp", "parataxis") and child < i and p.pos[child] == "VERB":
                heads |= self._content_heads(p, child)
        if p.pos[i] in ("NOUN", "PROPN"):
            # misparsed predicate: "The minister, X, called for ... and accused ..." (acl)
            for node in p.tokens[i].subtree:
                if node.dep_ == "acl" and node.pos_ == "VERB" and node.i > i:
                    heads |= self._content_heads(p, node.i)
                    break
        return heads

    def _claimed(self, p: ParseLists, i: int) -> set[int]:
        """What the verb ``i`` claims or denies responsibility for: the objects of "for"
        under its object when that is a claim noun ("took responsibility for the attack")."""
        found: set[int] = set()
        for obj in p.children[i]:
            if p.deps[obj] != "dobj" or p.lemmas[obj] not in self.claim_nouns:
                continue
            for prep in p.children[obj]:
                if p.deps[prep] == "prep" and p.lowers[prep] == "for":
                    found.update(c for c in p.children[prep] if p.deps[c] == "pobj")
        return found

    def _specific_trigger(self, p: ParseLists, i: int) -> bool:
        """A reporting-like verb that is itself a trigger with its ``requires`` met."""
        return any(
            trig.requires and p.pos[i] in trig.pos and self._requires_ok(p, i, trig)
            for key in {p.lemmas[i], p.lowers[i]}
            for type_id, trig in self.by_lemma.get(key, [])
            if type_id != VIOLENCE
        )

    def structure(self, unit: Span) -> tuple[set[int], bool]:
        """Main predicate token indexes, and whether a reporting frame surrounds them
        (computed once per unit: scoring and the violence cues both need them)."""
        memo: dict[tuple[int, int], tuple[set[int], bool]] = per_doc(
            unit.doc, "types.structure", lambda _: {}
        )
        key = (unit.start, unit.end)
        if key not in memo:
            memo[key] = self._structure(unit)
        return memo[key]

    def _structure(self, unit: Span) -> tuple[set[int], bool]:
        mains: set[int] = set()
        framed = False
        p = parse_lists(unit.doc)
        start, end = unit.start, unit.end
        roots = [i for i, head in enumerate(p.heads[start:end], start)
                 if head == i or not start <= head < end]
        for i in roots:
            heads = self._content_heads(p, i)
            framed = framed or heads != {i} and i not in heads
            framed = framed or p.lemmas[i] in self.reporting and not _agentless_passive(p, i)
            mains |= heads
        return mains, framed

    def is_violence(self, type_id: str) -> bool:
        """True for the types of the violence family (strikes, clashes, attacks)."""
        return type_id in self.family_cues

    def states_only(self, unit: Span) -> bool:
        """True when every main predicate of ``unit`` states how things are rather than
        reporting a happening: a negation ("No group claimed responsibility", "Ukraine does
        not comment"), the simple present ("Al-Shabaab controls much of the south"; a present
        copula may still name one: "This attack is an act of cruelty") or the perfect
        progressive ("has been fighting for 15 years")."""
        mains, _ = self.structure(unit)
        p = parse_lists(unit.doc)
        return bool(mains) and all(self._is_state(p, i) for i in mains)

    @staticmethod
    def _is_state(p: ParseLists, i: int) -> bool:
        deps, lowers, kids = p.deps, p.lowers, p.children[i]
        kid_deps = {deps[c] for c in kids}
        if "expl" in kid_deps:
            return False  # "There were clashes in ...": a happening
        if "neg" in kid_deps or any(
            deps[c] in ("nsubj", "nsubjpass") and any(
                deps[d] == "det" and lowers[d] == "no" for d in p.children[c]
            )
            for c in kids
        ):
            return True
        tag = p.tokens[i].tag_
        if tag in ("VBZ", "VBP") and not (p.lemmas[i] == "be" and kid_deps & {"attr", "acomp"}):
            return True
        return tag == "VBG" and any(lowers[c] == "been" for c in kids) and bool(kid_deps & {"aux"})

    def role_weight(self, token: Token, mains: set[int], unit: Span) -> float:
        """How central ``token`` is to the unit's main predicates."""
        return self._role_weight(parse_lists(unit.doc), token.i, mains, unit)

    def _role_weight(self, p: ParseLists, i: int, mains: set[int], unit: Span) -> float:
        weights = self.taxonomy.role_weights
        path = [i]
        current = i
        while current not in mains:
            head = p.heads[current]
            if head == current or not (unit.start <= head < unit.end):
                return weights.frame
            current = head
            path.append(current)
            if len(path) > 12:
                return weights.frame
        steps = len(path) - 1
        if steps == 0:
            return weights.main
        deps = p.deps
        for node in path[:-1]:
            dep = deps[node]
            if dep == "advcl" and any(
                deps[c] == "mark" and p.lowers[c] in self.BACKGROUND_MARKS
                for c in p.children[node]
            ):  # "..., after X accused Y", "as drones struck ...": circumstances
                return weights.frame
            if dep in ("xcomp", "ccomp") and p.lemmas[p.heads[node]] in self.request_verbs:
                return weights.frame  # "urged the government to deploy troops": asked for
        if steps == 1:
            return weights.argument
        if steps == 2 and (p.pos[path[1]] == "ADP" or p.deps[i] in ("compound", "amod", "nmod")):
            return weights.argument
        return weights.clause

    @staticmethod
    def _below(p: ParseLists, i: int, depth: int = 2) -> list[int]:
        found: list[int] = []
        frontier = [i]
        for _ in range(depth):
            nxt = [c for t in frontier for c in p.children[t]]
            found.extend(nxt)
            frontier = nxt
        return found

    def _requires_ok(self, p: ParseLists, i: int, trig: Trigger) -> bool:
        if not trig.requires:
            return True
        need, deps, child_words = _requirement(tuple(trig.requires))
        if deps and any(p.deps[c] in deps for c in p.children[i]):
            return True  # "warned Damascus to ...": an addressee
        if child_words and any(p.lowers[c] in child_words for c in p.children[i]):
            return True  # "called on Israel to ...", not "called the attack on the camp ..."
        for other in self._below(p, i, 3):
            if p.lemmas[other] in need or p.lowers[other] in need:
                return True
            if "propn" in need and p.pos[other] == "PROPN":
                return True
        # a noun trigger's modifiers can sit above it ("the village's capture")
        head = p.heads[i]
        if head != i and (p.lemmas[head] in need or p.lowers[head] in need):
            return True
        return False

    # ---- scoring

    def scores(
        self, unit: Span, counts: list[Count] | None = None, actors: list[Actor] | None = None
    ) -> tuple[dict[str, float], dict[str, list[str]], bool]:
        """Evidence per type (violence pooled under ``"violence"``), the rules, and framing."""
        mains, framed = self.structure(unit)
        score: dict[str, float] = {}
        evidence: dict[str, list[str]] = {}

        def add(type_id: str, value: float, rule: str) -> None:
            score[type_id] = score.get(type_id, 0.0) + value
            evidence.setdefault(type_id, []).append(rule)

        consumed: set[int] = set()
        doc = unit.doc
        p = parse_lists(doc)
        first_end = self._first_sentence_end(unit)
        later = self.taxonomy.later_sentence_factor
        for match_id, start, end in self.matcher(doc[unit.start : unit.end]):
            phrase_id = doc.vocab.strings[match_id]
            type_id, phrase = self.phrases[phrase_id]
            first, last = unit.start + start, unit.start + end
            weight = max(self._role_weight(p, i, mains, unit) for i in range(first, last))
            if first >= first_end:
                weight *= later
            add(type_id, weight * phrase.weight, phrase_id)
            if phrase.weight >= 1.0:
                consumed.update(range(first, last))

        for i in self._word_tokens(unit):
            hits = self._triggers_of(p.lemmas[i], p.lowers[i])
            if not hits or i in consumed:
                continue
            pos = p.pos[i]
            if not any(pos in trig.pos for _, trig in hits):
                continue  # no trigger of the word has this part of speech
            if p.tokens[i].ent_type_ in self.skip_entities or self._negated(p, i):
                continue  # "no sanctions could force ...", "no civilians were hurt"
            chosen = next(
                (
                    (type_id, trig) for type_id, trig in hits
                    if pos in trig.pos and self._requires_ok(p, i, trig)
                    and not (trig.not_modifying and p.deps[i] == "compound"
                             and p.lemmas[p.heads[i]] in trig.not_modifying)
                ),
                None,
            )
            if chosen is not None:  # one trigger per token: the strongest (most specific) one
                type_id, trig = chosen
                weight = self._role_weight(p, i, mains, unit) * trig.weight
                if type_id not in self.irrealis_exempt and self._irrealis(p, i):
                    weight *= self.taxonomy.irrealis_factor
                if i >= first_end:
                    weight *= later
                add(type_id, weight, trig.id)

        if counts:
            later_char = self._char_of(unit, first_end)
            for count in counts:
                factor = later if count.span[0] >= later_char else 1.0
                for boost in self.boosts_by_category.get(count.category, ()):
                    add(boost.type, boost.weight * factor, f"count.{count.category}")
        return score, evidence, framed

    @staticmethod
    def _first_sentence_end(unit: Span) -> int:
        """Token index where the unit's first sentence ends (a bullet may hold two)."""
        starts = sentence_starts(unit.doc)
        k = bisect_right(starts, unit.start)
        return starts[k] if k < len(starts) and starts[k] < unit.end else unit.end

    @staticmethod
    def _char_of(unit: Span, token_i: int) -> int:
        tokens = doc_tokens(unit.doc)
        return tokens[token_i].idx if token_i < len(tokens) else unit.end_char

    @classmethod
    def _negated(cls, p: ParseLists, i: int) -> bool:
        """ "no sanctions", "did not attack", "no civilians were hurt", and a noun under a
        negated verb: "did not respond to a request for comment"."""
        if cls._negates(p, i, nouns=True):
            return True
        verb = cls._clause_verb(p, i)
        return verb is not None and verb != i and cls._negates(p, verb, nouns=False)

    @staticmethod
    def _negates(p: ParseLists, i: int, *, nouns: bool) -> bool:
        """True when a child of ``i`` negates it ("not", "no" before a noun, a subject
        with "no")."""
        for child in p.children[i]:
            dep = p.deps[child]
            if dep == "neg" or (nouns and dep == "det" and p.lowers[child] == "no"):
                return True
            if dep in ("nsubj", "nsubjpass") and any(
                p.deps[g] == "det" and p.lowers[g] == "no" for g in p.children[child]
            ):
                return True
        return False

    @staticmethod
    def _clause_verb(p: ParseLists, i: int) -> int | None:
        """The verb of the clause ``i`` is in: ``i`` itself if a verb, else the nearest verb
        above it (None at the root without one)."""
        node = i
        for _ in range(12):
            if p.pos[node] in ("VERB", "AUX"):
                return node
            if p.heads[node] == node:
                return None
            node = p.heads[node]
        return None

    def _irrealis(self, p: ParseLists, i: int) -> bool:
        """A trigger under a modal ("captives must be freed", "should withdraw")."""
        node = i
        for _ in range(3):
            if any(p.deps[c] == "aux" and p.lowers[c] in self.modals for c in p.children[node]):
                return True
            if p.pos[node] in ("VERB", "AUX") or p.heads[node] == node:
                return False
            node = p.heads[node]
        return False

    def _trigger_default(self, unit: Span) -> str | None:
        defaults = self.taxonomy.violence.trigger_defaults
        p = parse_lists(unit.doc)
        for i in self._word_tokens(unit):
            for key in (p.lemmas[i], p.lowers[i]):
                if key in defaults and p.pos[i] in ("VERB", "NOUN"):
                    return defaults[key]
        return None

    def _on_target_side(self, p: ParseLists, i: int, unit: Span) -> bool:
        """A weapon word inside the object of a strike verb is a target ("struck ... weapons
        depots and rocket launchers"), not the weapon used."""
        current = i
        for _ in range(12):
            head = p.heads[current]
            if head == current or not (unit.start <= head < unit.end):
                return False
            if p.deps[current] in ("dobj", "nsubjpass") and p.lemmas[head] in self.target_verbs:
                return True
            if p.pos[head] in ("VERB", "AUX") and p.deps[head] != "prep":  # "including" is a prep
                return False
            current = head
        return False

    def _agent_words(self, unit: Span, words: frozenset[str]) -> bool:
        """A subject (or agent) of a unit predicate is one of ``words`` ("Protesters attacked");
        ``words`` is one of the lists in :attr:`words`."""
        p = parse_lists(unit.doc)
        for i in self._word_tokens(unit):
            if p.lemmas[i] in words and p.deps[i] in ("nsubj", "agent", "pobj"):
                if p.deps[i] == "pobj" and p.deps[p.heads[i]] != "agent":
                    continue
                return True
        return False

    def _patient_words(self, unit: Span, mains: set[int], words: frozenset[str]) -> bool:
        """A unit word in ``words`` (one of the lists in :attr:`words`) off the agent side."""
        p = parse_lists(unit.doc)
        return any(
            p.lemmas[i] in words and not self._agent_side(p, i, mains, unit)
            for i in self._word_tokens(unit)
        )

    @staticmethod
    def _agent_side(p: ParseLists, i: int, mains: set[int], unit: Span) -> bool:
        current = i
        for _ in range(12):
            if current in mains:
                return False
            if p.deps[current] in ("nsubj", "agent", "poss"):
                return True
            head = p.heads[current]
            if head == current or not (unit.start <= head < unit.end):
                return False
            current = head
        return False

    def _cue_scores(
        self, unit: Span, mains: set[int], actors: list[Actor] | None
    ) -> tuple[dict[str, float], float, float]:
        weapon: dict[str, float] = {}
        civilian = military = 0.0
        modifiers = self.taxonomy.violence.cue_modifiers
        p = parse_lists(unit.doc)
        for i in self._word_tokens(unit):
            if p.lemmas[i] not in self.cue_words and p.lowers[i] not in self.cue_words:
                continue
            keys = {p.lemmas[i], p.lowers[i]}
            if p.pos[i] not in ("NOUN", "PROPN", "ADJ", "X"):
                continue
            anchor = p.heads[i] if p.deps[i] in ("compound", "amod") else i
            weight = self._role_weight(p, anchor, mains, unit)
            by_modifier = next(
                (modifiers[k][p.lowers[c]] for k in keys if k in modifiers
                 for c in p.children[i] if c < i and p.lowers[c] in modifiers[k]),
                None,
            )
            if by_modifier is not None:  # "a guided bomb", "glide bombs": dropped from the air
                weapon[by_modifier] = max(weapon.get(by_modifier, 0.0), weight)
            elif not self._on_target_side(p, i, unit):
                for type_id, cues in self.family_cues.items():
                    if keys & cues:
                        weapon[type_id] = max(weapon.get(type_id, 0.0), weight)
            if keys & self.civilian and not self._agent_side(p, i, mains, unit):
                civilian = max(civilian, weight)
            if keys & self.military and not self._agent_side(p, i, mains, unit):
                military = max(military, weight)
        for actor in actors or []:
            if actor.role in ("victim", "target"):
                if actor.kind == "civilians":
                    civilian = max(civilian, 2.0)
                elif actor.kind in ("military", "group"):
                    military = max(military, 2.0)
        return weapon, civilian, military

    def classify(
        self,
        unit: Span,
        counts: list[Count] | None = None,
        actors: list[Actor] | None = None,
        *,
        previous: str | None = None,
    ) -> EventType:
        """The type of the event read from ``unit``.

        Args:
            unit: the bullet or sentence, a span of the full (parsed) document.
            counts: counts found in the unit (their categories are evidence).
            actors: actors found in the unit (civilian victims point to an attack).
            previous: type of the article's previous event; a unit whose own violence words
                are generic ("the attack also wounded 50", "two people were killed") takes it
                when it is a weapon type (``context`` in the taxonomy).

        Returns:
            The :class:`EventType` with its ACLED/PLOVER mappings, score and evidence.
        """
        score, evidence, framed = self.scores(unit, counts, actors)
        violence = score.pop(VIOLENCE, 0.0)
        violence_rules = evidence.pop(VIOLENCE, [])
        toll = self.taxonomy.aggregate_toll
        if toll is not None and self._aggregate_toll(unit, toll):
            return self._result(toll.type, violence, "aggregate_toll", ("aggregate_toll",))
        if self._natural_deaths(unit):
            return self._result(self.taxonomy.default_type, violence, "natural_causes", ("natural_causes",))
        if violence > 0:
            mains, _ = self.structure(unit)
            weapon, civilian, military = self._cue_scores(unit, mains, actors)
            family_direct = {t.id: score.get(t.id, 0.0) for t in self.family_types}
            fam = self.taxonomy.violence
            if fam.protest_type and self._agent_words(unit, self.protest_agents):
                # ACLED: a violent demonstration ("Protesters attacked the embassies")
                target, rule = fam.protest_type, fam.protest_rule or "violence.agent.protest"
            elif self._patient_words(unit, mains, self.shipping):
                target, rule = "attack", "violence.target.shipping"
            elif self._inherits(unit, mains, previous, weapon, family_direct):
                target, rule = previous or "", "violence.context.previous"
            elif weapon:
                target = max(weapon, key=lambda k: (weapon[k], -self.order[k]))
                rule = f"violence.cue.{target}"
            elif any(family_direct.values()):
                target = max(family_direct, key=lambda k: (family_direct[k], -self.order[k]))
                rule = f"violence.direct.{target}"
            elif self._trigger_default(unit):
                target = self._trigger_default(unit) or ""
                rule = f"violence.word.{target}"
            elif military > civilian:
                target, rule = "armed_clash", "violence.target.military"
            elif civilian > 0:
                target, rule = "attack", "violence.target.civilian"
            else:
                target, rule = self.taxonomy.violence.default, "violence.default"
            if target == fam.protest_type and fam.protest_rule:
                violence_rules = [rule, *violence_rules]
            score[target] = score.get(target, 0.0) + violence * self.taxonomy.violence.multiplier
            evidence.setdefault(target, []).extend(violence_rules + [rule])

        best_id, best = None, 0.0
        for type_id, value in score.items():
            if value > best or (
                value == best and best_id is not None and self.order[type_id] < self.order[best_id]
            ):
                best_id, best = type_id, value
        if best_id is None or best < self.taxonomy.min_score:
            fallback = self.taxonomy.default_type
            if (framed and not counts) or score.get(self.taxonomy.fallback_type, 0.0) > 0:
                fallback = self.taxonomy.fallback_type
            return self._result(fallback, best, "fallback.framed" if framed else "fallback", ())
        fam = self.taxonomy.violence
        if (
            fam.protest_type
            and best_id in ("armed_clash", "attack")
            and self._agent_words(unit, self.protest_agents)
        ):  # "Demonstrators stormed the parliament": a violent demonstration (ACLED Riots)
            best_id = fam.protest_type
            evidence.setdefault(best_id, []).insert(0, fam.protest_rule or "violence.agent.protest")
        rules = tuple(evidence.get(best_id, []))
        result = self._result(best_id, best, rules[0] if rules else None, rules)
        for rule_id in rules:
            if rule_id in self.overrides:
                plover, acled = self.overrides[rule_id]
                result = EventType(
                    id=result.id, acled=acled or result.acled, plover=plover or result.plover,
                    label=result.label, score=result.score, rule=rule_id,
                    evidence=result.evidence,
                )
                break
        entry = self.types[best_id]
        if entry.reversal_verbs and entry.reversal_plover:
            mains, _ = self.structure(unit)
            lemmas = parse_lists(unit.doc).lemmas
            if any(lemmas[i] in entry.reversal_verbs for i in mains):
                result = EventType(
                    id=result.id, acled=result.acled, plover=entry.reversal_plover,
                    label=result.label, score=result.score, rule=f"{result.rule}.reversal",
                    evidence=result.evidence,
                )
        return result

    def _inherits(
        self,
        unit: Span,
        mains: set[int],
        previous: str | None,
        weapon: dict[str, float],
        direct: dict[str, float],
    ) -> bool:
        """The previous event's weapon type applies: this unit names no weapon and no specific
        kind of violence, and either refers back to an attack ("the attack", "the strike") or
        only reports agentless casualties ("two people were killed")."""
        rule = self.taxonomy.context
        if rule is None or previous not in rule.inherit_types or weapon or any(direct.values()):
            return False
        p = parse_lists(unit.doc)
        for i in self._word_tokens(unit):
            if p.lemmas[i] in self.anaphor_nouns and any(
                p.deps[c] == "det" and p.lowers[c] in rule.anaphor_dets for c in p.children[i]
            ):
                return True
        verbs = [p.tokens[i] for i in mains]
        if not verbs:
            return False
        for verb in verbs:
            if verb.pos_ not in ("VERB", "AUX", "ADJ"):
                return False
            lemma = p.lemmas[verb.i]
            if lemma in self.reporting:
                continue
            if lemma not in rule.casualty_verbs:
                return False
            reduced = verb.tag_ == "VBN" and not any(
                c.dep_ == "aux" and p.lemmas[c.i] == "have" for c in verb.children
            )
            agent = any(
                c.dep_ == "agent"
                or (c.dep_ == "nsubj" and c.pos_ != "NUM" and not reduced)
                for c in verb.children
            )  # "23 injured" is a reduced passive, not an agent
            if agent and lemma not in ("die", "rise", "climb"):
                return False
        return True

    def _natural_deaths(self, unit: Span) -> bool:
        """True when a disease or disaster is what kills: "cholera has killed 2,400 people",
        "children died of malnutrition"."""
        if not self.natural_causes:
            return False
        p = parse_lists(unit.doc)
        for i in self._word_tokens(unit):
            if p.lemmas[i] not in self.natural_causes:
                continue
            head = p.heads[i]
            if p.deps[i] == "nsubj" and p.lemmas[head] in ("kill", "claim"):
                return True
            if p.deps[i] == "pobj" and p.lowers[head] in ("of", "from") and p.lemmas[p.heads[head]] == "die":
                return True
        return False

    def _aggregate_toll(self, unit: Span, toll: AggregateToll) -> bool:
        """ "The death toll from Israel's war on Gaza has risen to ...": a war's running total."""
        p = parse_lists(unit.doc)
        for i in self._word_tokens(unit):
            if p.lemmas[i] not in self.toll_nouns:
                continue
            for prep in p.children[i]:
                if p.deps[prep] == "prep" and p.lowers[prep] in ("from", "in", "of", "since"):
                    if any(
                        p.lemmas[c] in toll.period_nouns for c in p.children[prep]
                        if p.deps[c] == "pobj"
                    ):
                        return True
        return False

    def _result(
        self, type_id: str, value: float, rule: str | None, rules: tuple[str, ...]
    ) -> EventType:
        entry = self.types[type_id]
        return EventType(
            id=entry.id,
            acled=dict(entry.acled) if entry.acled else None,
            plover=entry.plover,
            label=entry.label,
            score=round(value, 3),
            rule=rule,
            evidence=rules,
        )
