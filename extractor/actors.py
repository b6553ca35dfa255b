"""Actors: who acted and who was acted upon, normalised to entries in ``patterns/actors/``.

Candidates are knowledge-base hits (countries, demonyms, bodies, groups, media, people),
generic national institutions ("Ukraine's Air Force"), named people, victim nouns
("civilians") and unnamed armed actors ("gunmen"); :class:`~extractor.parties.PartyResolver`
turns each noun phrase into one party, the largest phrase winning ("Kremlin spokesman Dmitry
Peskov" is one person, not also the Kremlin). Roles come from the dependency parse:

* subject of a verb, agent of a passive ("by"), modifier of an attack noun ("a Ukrainian drone
  attack", "Russia's war") -> initiator;
* object of a harming verb, passive subject, object of "on/against" after an attack noun
  -> victim (civilians, people) or target (everything else);
* "X accused Y of ..." -> X initiator, Y target;
* other arguments ("talks with Putin", "shipments to Ukraine") -> other;
* countries that only locate or qualify ("in Ukraine", "Ukraine's Donetsk region",
  "Ukrainian territory") are not actors.

Speakers of the unit's attributions are not actors unless they also act ("X accused Y").
"""

from __future__ import annotations

import logging
import re
from bisect import bisect_left
from collections.abc import Callable
from dataclasses import replace
from functools import lru_cache

import numpy as np
from spacy.attrs import DEP, POS
from spacy.language import Language
from spacy.parts_of_speech import NOUN, PROPN
from spacy.tokens import Doc, Span, Token

from .actor_kb import ActorEntry, normalise
from .attributions import get_resolver
from .config import Settings
from .context import ArticleContext
from .gazetteer import Gazetteer, rank
from .models import Actor, ActorRole, Attribution
from .parties import Party, PartyResolver, body_start, speaker_parties
from .spans import (
    ParseLists,
    char_range,
    doc_like_num,
    ents_within,
    parse_lists,
    per_doc,
    subtree_indexes,
    text_of,
    tokens_of,
    unit_ents,
)

logger = logging.getLogger(__name__)

_LOCATIVE = {
    "in",
    "near",
    "over",
    "across",
    "into",
    "from",
    "at",
    "inside",
    "outside",
    "around",
    "within",
    "throughout",
    "towards",
    "toward",
    "along",
    "through",
    "off",
    "under",
    "beyond",
    "onto",
    "via",
    "outskirts",
    "after",
    "since",
    "during",
    "before",
}
_PATIENT_PREPS = {"on", "against", "targeting", "at"}
_MODIFIER_DEPS = {"amod", "compound", "poss", "nmod", "npadvmod"}
#: Labels of the nouns that name a party by themselves ("civilians", "gunmen", "allies").
_PARTY_NOUNS = ("VICTIM_NOUN", "ARMED_NOUN", "BLOC_NOUN")
#: Labels of the phrases that name a party with their modifiers ("armed men", "European leaders").
_GROUP_PHRASES = ("ARMED_NOUN", "BLOC_NOUN")
_SUBJECT_PRONOUNS = {"it", "they", "we"}
_POSSESSIVE_PRONOUNS = {"its", "their", "our"}
#: Rules of parties named only by NER or as written: they may be places the model mislabels.
_UNVERIFIED_RULES = {"party.person.ner", "party.ner.org"}
_RELATIVE_TAGS = {"WDT", "WP", "WP$"}
_MODALS = {"would", "will", "could", "may", "might", "should", "must", "can", "'ll"}


_QUOTE_PAIRS = {"“": "”", '"': '"', "«": "»"}


_OPENING_QUOTE = re.compile('[“"«]')  # the keys of _QUOTE_PAIRS


def _quoted_ranges(unit: Span) -> list[tuple[int, int]]:
    """Character ranges of the quoted words in ``unit`` (document offsets)."""
    text, base = text_of(unit.doc)[unit.start_char : unit.end_char], unit.start_char
    out: list[tuple[int, int]] = []
    opening = _OPENING_QUOTE.search(text)
    while opening is not None:  # from one opening mark to the next, not character by character
        i = opening.start()
        end = text.find(_QUOTE_PAIRS[text[i]], i + 1)
        if end < 0:
            break
        out.append((base + i + 1, base + end))
        opening = _OPENING_QUOTE.search(text, end + 1)
    return out


def _nouns(doc: Doc) -> list[int]:
    """Indexes of the nouns and proper nouns of ``doc`` (from the part-of-speech array: no
    step per token)."""
    tags = doc.to_array(POS)
    return np.flatnonzero((tags == NOUN) | (tags == PROPN)).tolist()


def _subjects(doc: Doc) -> list[int]:
    """Indexes of the nominal subjects (``nsubj``) of ``doc``, from the dependency array."""
    return np.flatnonzero(doc.to_array(DEP) == doc.vocab.strings["nsubj"]).tolist()


def _nouns_within(doc: Doc, start: int, end: int) -> list[int]:
    """Indexes of the nouns and proper nouns in tokens ``start:end`` (the document's are
    listed once: the candidates and the speakers' mentions are nouns)."""
    nouns = per_doc(doc, "actors.nouns", _nouns)
    first = bisect_left(nouns, start)
    return nouns[first : bisect_left(nouns, end, first)]


def _root_index(doc: Doc, heads: list[int], start: int, end: int) -> int:
    """The index of ``doc[start:end].root`` (``heads``: the document's head indexes), read
    from the head indexes when the span has one sentence root or one word governed from
    outside it (spaCy's answer then); other spans ask spaCy."""
    if end - start == 1:
        return start
    outside = -1
    for k in range(start, end):
        head = heads[k]
        if head == k:
            return k  # the first sentence root inside the span
        if not start <= head < end:
            if outside >= 0:
                return doc[start:end].root.i  # several: spaCy picks the one nearest the root
            outside = k
    return outside if outside >= 0 else doc[start:end].root.i


def _owned_by_pronoun(lists: ParseLists, i: int) -> bool:
    """Whether token ``i`` has a possessive pronoun ("its forces", "their fighters")."""
    return any(lists.deps[c] == "poss" and lists.lowers[c] in _POSSESSIVE_PRONOUNS for c in lists.children[i])


def _by_frequency(values: list[str]) -> list[str]:
    """Distinct ``values``, most frequent first (ties: the most recent first)."""
    seen: dict[str, tuple[int, int]] = {}
    for position, value in enumerate(values):
        seen[value] = (seen.get(value, (0, 0))[0] + 1, position)
    return sorted(seen, key=lambda value: seen[value], reverse=True)


class ActorExtractor:
    """Finds actors and their roles in a unit."""

    def __init__(self, resolver: PartyResolver, gazetteer: Gazetteer | None = None):
        self.resolver = resolver
        self.lex = resolver.lex
        self.kb = resolver.kb
        self.gazetteer = gazetteer
        #: Last words of the group phrases ("armed men", "European leaders"): a compound phrase
        #: can end in one of them only if its last word is one.
        self._group_last_words = frozenset(
            key.split()[-1]
            for label in _GROUP_PHRASES
            for key in self.lex.by_label.get(label, {})
            if key.split()
        )
        self._is_party_noun_once: Callable[[str, str], bool] = lru_cache(maxsize=16384)(self._is_party_noun)
        self._generic_persons = self.lex.words("GENERIC_PERSON")
        self._suffer_verbs = self.lex.words("SUFFER_VERB")
        self._quantity_nouns = self.lex.words("QUANTITY_NOUN")
        self._person_harm_verbs = self.lex.words("PERSON_HARM_VERB")
        self._compass_words = self.lex.words("COMPASS_WORD")

    @classmethod
    def from_settings(cls, nlp: Language, settings: Settings) -> ActorExtractor:
        """Load the knowledge base and vocabularies once per pipeline (shared with attributions).

        The place gazetteer (the locations stage's index) tells names that NER took for
        people or organisations but that are places ("Goma", "Novaya Tavolzhanka").
        """
        try:
            gazetteer = Gazetteer.open(settings.patterns_dir, settings.cache_dir)
        except Exception as exc:  # noqa: BLE001 - actors work without it, less precisely
            logger.warning("actors: no place gazetteer (%s); NER names are not checked", exc)
            gazetteer = None
        return cls(get_resolver(nlp, settings), gazetteer)

    # -- public -------------------------------------------------------------------------

    def extract(self, unit: Span, context: ArticleContext, attributions: list[Attribution]) -> list[Actor]:
        """Actors in ``unit`` in text order; speakers of ``attributions`` are not actors."""
        people = speaker_parties(unit.doc, [s for s in context.speakers if s.kind == "person"])
        lo = body_start(unit)
        bounds = (lo, unit.end)
        taken: set[int] = set()
        found: list[tuple[Party, Token, ActorRole]] = []
        quoted = _quoted_ranges(unit)
        for head in self._candidates(unit, lo):
            if head.i in taken:
                continue
            if quoted and any(a <= head.idx < b for a, b in quoted):
                continue  # names inside quoted words are not actors (guidelines)
            party = self.resolver.resolve(head, people, bounds=bounds)
            if party is None or party.pronoun or party.anonymous or not party.name or not party.kind:
                continue
            span_tokens = set(range(party.start, party.end))
            if span_tokens & taken:
                continue
            taken |= span_tokens
            if (
                party.entry_id
                and party.entry_id.startswith("generic.")
                and not self._has_pronoun_owner(head, party)
            ):
                party = self._specific(party, context, head, lo)
            if party.kind == "person":
                people.append(party)
            if self._is_place(head, party) or self._has_pronoun_owner(head, party):
                continue
            role = self._role(head, party)
            if role is None:
                continue
            if self._is_vague(head, party, role):
                continue
            if self._is_speaker_only(head, party, attributions, role):
                continue
            if (
                (
                    head.tag_ in {"NNS", "NNPS"}
                    or party.kind == "civilians"
                    or self._is_demonym_noun(head, party)
                )
                and not self._names_a_group(head, party)
                and self._is_counted(head)
                and (role != "initiator" or head.lower_ in self._generic_persons)
            ):
                continue  # "killing 30 soldiers", "including women and children": counts
            if party.source_kind == "media" and role not in {"target", "victim"}:
                continue  # outlets report; they take part only when attacked
            found.append((party, head, role))
        found.extend(self._acting_speakers(unit, attributions, people))
        found = self._speaker_first(unit, attributions, people, found)
        actors: list[Actor] = []
        seen: set[str] = set()
        for party, _head, role in sorted(found, key=lambda item: item[0].start):
            if (party.name or "") in seen:  # one actor once, at its first mention
                continue
            seen.add(party.name or "")
            actors.append(self._actor(unit, party, role, party.rule))
        return actors

    # -- candidates -------------------------------------------------------------------

    def _candidates(self, unit: Span, lo: int) -> list[Token]:
        """Heads that may name a party in ``unit`` from token ``lo`` on (after a dateline),
        largest noun phrase first (kept as token indexes until then: no Token or Span is
        made for a hit or an entity)."""
        doc = unit.doc
        lists = parse_lists(doc)
        heads: dict[int, int] = {}
        for match in self.kb.find(doc, unit.start, unit.end):
            root = _root_index(doc, lists.heads, match.start, match.end)
            heads[root] = self._np_head(doc, root, lists)
            heads.setdefault(-root - 1, root)
        for start, end, _ in self.kb.find_institutions(doc, unit.start, unit.end):
            root = _root_index(doc, lists.heads, start, end)
            heads[root] = root
        for ent in unit_ents(unit):
            if ent.label_ in {"PERSON", "ORG", "NORP", "GPE"}:
                root = _root_index(doc, lists.heads, ent.start, ent.end)
                heads[root] = self._np_head(doc, root, lists)
        tokens, pos, deps, lemmas, lowers = lists.tokens, lists.pos, lists.deps, lists.lemmas, lists.lowers
        for i in _nouns_within(doc, unit.start, unit.end):
            tag = pos[i]
            if self._is_party_noun_once(lemmas[i], lowers[i]):
                heads[i] = i
            if (
                tag == "NOUN"
                and i > unit.start
                and deps[i - 1] in _MODIFIER_DEPS
                and self._may_end_group_phrase(tokens, lowers, i)
            ):
                phrase = self.resolver.compound_phrase(tokens[i])  # "armed men", "European leaders"
                if any(self.resolver.has_suffix(label, phrase) for label in _GROUP_PHRASES):
                    heads[i] = i
            if tag == "PROPN" and deps[i] in {"nsubj", "nsubjpass"}:
                heads[i] = self._np_head(doc, i, lists)
        unique = dict.fromkeys(i for i in heads.values() if i >= lo)
        return self.resolver.largest_first([tokens[i] for i in unique])

    def _is_party_noun(self, lemma: str, lower: str) -> bool:
        """Whether a noun (lemma, lower-case form) names a party by itself (memoised: nouns recur)."""
        return self.lex.has_any(_PARTY_NOUNS, lemma) or self.lex.has_any(_PARTY_NOUNS, lower)

    def _may_end_group_phrase(self, tokens: list[Token], lowers: list[str], i: int) -> bool:
        """Whether a compound phrase headed by ``tokens[i]`` may end in a group phrase: its last
        word must be the last word of one (known without building the phrase when a space
        comes before the head, which is then the phrase's last word)."""
        if not tokens[i - 1].whitespace_:
            return True  # "pro-government militias": the last word starts before the head
        words = lowers[i].split()
        return not words or words[-1] in self._group_last_words

    def _np_head(self, doc: Doc, i: int, lists: ParseLists) -> int:
        """Climb compounds and flat names from token ``i`` to the head of the noun phrase."""
        deps, heads, pos = lists.deps, lists.heads, lists.pos
        node = i
        while deps[node] in {"compound", "flat"}:
            gov = heads[node]
            if gov == node or pos[gov] not in {"PROPN", "NOUN"}:
                break
            if pos[gov] == "NOUN" and not (
                self.lex.has("TITLE", lists.lowers[gov])
                or self.lex.has("ANON_NOUN", lists.lowers[gov])
                or self.lex.has("ORG_NOUN", lists.lemmas[gov])
                or self.kb.find_institutions(doc, gov, gov + 1)
            ):
                break
            node = gov
        return node

    # -- roles --------------------------------------------------------------------------

    def _patient(self, party: Party, verb_lemma: str | None = None) -> ActorRole:
        if party.kind == "civilians":
            return "victim"
        if party.kind == "person" and (verb_lemma is None or verb_lemma in self._person_harm_verbs):
            return "victim"
        return "target"

    def _is_attack_noun(self, token: Token) -> bool:
        if not (token.pos_ in {"NOUN", "PROPN"} or token.tag_ == "VBG"):
            return False
        if self.lex.has("ATTACK_NOUN", token.lower_) or self.lex.has("ATTACK_NOUN", token.lemma_.lower()):
            return True
        lists = parse_lists(token.doc)
        lefts = (c for c in lists.children[token.i] if c < token.i)
        return any(lists.deps[c] in {"amod", "compound"} for c in lefts) and self.resolver.has_suffix(
            "ATTACK_NOUN", self.resolver.compound_phrase(token)
        )  # "unmanned aerial vehicles", "kamikaze drones"

    def _is_harm_verb(self, token: Token) -> bool:
        return token.pos_ in {"VERB", "AUX"} and self.lex.has("HARM_VERB", token.lemma_.lower())

    def _role(self, head: Token, party: Party) -> ActorRole | None:
        """The role the parse gives ``head``, or None when it only locates or qualifies.

        The role is read in the party's own clause; a would-be initiator of a background
        clause ("as Russian drones struck ...", "where soldiers were resisting") is other.
        """
        node = head
        conjunct = False
        while node.dep_ in {"conj", "appos"} and node.head.i != node.i:
            conjunct = conjunct or node.dep_ == "conj"
            node = node.head
        lists = parse_lists(head.doc)
        quantity = self._partitive_of(node, lists)
        if quantity is not None:  # "Dozens of settlers torched ...": the quantity's role
            node = quantity
        if party.kind == "country" and self._is_place_country(head, lists):
            return None
        if self._in_descriptive_clause(node, lists):
            return None  # "Fano, who have been fighting the federal government": background
        role = self._clause_role(node, party, conjunct)
        if role == "initiator" and self._in_background_clause(node, lists):
            return "other"
        return role

    def _clause_role(self, node: Token, party: Party, conjunct: bool) -> ActorRole | None:
        dep, gov = node.dep_, node.head
        lemma = gov.lemma_.lower()
        if party.kind == "civilians":
            return self._victim_role(node)
        if dep == "pobj" and gov.lower_ == "of" and self._is_place_noun(gov.head):
            return None  # "the village of X", "the ports of Hodeidah"
        if dep in _MODIFIER_DEPS:
            if party.entry_id and party.entry_id.startswith("generic."):
                return None
            if party.rule in {"party.context", "party.institution"} and self.resolver.is_title_word(gov):
                return None  # "a deputy army chief": a qualifier inside a title
            if gov.dep_ == "dobj" and self._has(("CONDEMN_VERB",), gov.head):
                return "target"  # "condemned Israel's approval of ...": the accused
            if self._is_attack_noun(gov):
                return self._attack_author(gov)
            if party.kind == "country" and self._has(("AGENT_NOUN",), gov):
                return self._role(gov, party)  # "mediators from Egypt", "Egyptian and Qatari mediators"
            if party.kind in {"group", "military", "organization"} and gov.pos_ == "NOUN" and (
                self._in_patient_phrase(gov)
            ):
                return "target"  # "killed two Hezbollah members": the named group is hit
            if (
                party.entry_id
                and party.kind in {"group", "military", "organization", "government"}
                and gov.pos_ == "NOUN"
                and gov.dep_ == "nsubj"
                and gov.head.pos_ == "VERB"
                and not self.lex.has("REPORT_VERB", gov.head.lemma_.lower())
            ):
                if self._under_attack(gov.head):
                    return "target"  # "A UN helicopter came under fire": the body is hit
                return "initiator"  # "A WFP convoy reached Dilling": the body acts through it
            return None
        if dep == "nsubj":
            if gov.pos_ == "ADJ" and self._has(("ADDRESS_VERB", "CONDEMN_VERB"), gov.head):
                return "target"  # "hold the Houthis accountable"
            if conjunct and self._is_reciprocal(gov):
                return "target"  # "A and B exchanged fire": B is engaged by A
            if lemma in {"die", "perish", "flee", "suffer", "lose"}:  # "the enemy lost 220 servicemen"
                return self._patient(party)
            if self._under_attack(gov):
                return self._patient(party)  # "A UN helicopter came under fire"
            if self._has(("RECEIVE_VERB",), gov):
                return "target"  # "Ukraine received two Patriot systems": the recipient
            return "initiator"
        if dep == "nsubjpass":
            if self._has(("DEPLOY_VERB",), gov):
                return "initiator"  # "MONUSCO's forces were deployed to Komanda"
            return self._patient(party, lemma)
        if dep in {"dobj", "dative", "attr", "oprd"}:
            if self._is_harm_verb(gov) or self.lex.has("ACCUSE_VERB", lemma):
                return self._patient(party, lemma)
            if self._has(("ADDRESS_VERB", "CONDEMN_VERB"), gov):
                return "target"  # "urged the Security Council to ...", "condemned Hamas"
            return "other"
        if dep == "pobj":
            return self._prep_role(node, party, conjunct)
        return "other" if party.kind != "country" else None

    def _prep_role(self, node: Token, party: Party, conjunct: bool) -> ActorRole | None:
        """Role of the object of a preposition, read from the preposition and its governor."""
        prep = node.head
        prep_word = prep.lower_
        governor = prep.head
        gov_lemma = governor.lemma_.lower()
        if prep_word == "by" and self._has(("REPEL_VERB",), governor) and any(
            c.dep_ == "dobj" and self._is_attack_noun(c) for c in governor.children
        ):
            return "target"  # "repelled six counterattacks by assault groups of ..."
        if prep_word == "by" and (
            prep.dep_ == "agent" or self._is_attack_noun(governor) or governor.tag_ == "VBN"
        ):
            if self.lex.has("REPORT_VERB", gov_lemma):
                return None  # "fatalities reported by the health ministry": a source
            if self._has(("SUPPORT_VERB", "INTERCEPT_VERB"), governor):
                return "other"  # "rebels backed by Rwanda", "intercepted by the air force"
            if self._is_attack_noun(governor):
                return self._attack_author(governor)
            if governor.dep_ == "acl" and not self._is_attack_noun(governor.head):
                return "other"  # "a proposal put forward by Egyptian mediators" (not "a bomb dropped by")
            return "initiator"
        if prep_word == "to" and gov_lemma in {"belong", "link", "affiliate", "tie"}:
            # "targets belonging to the Houthi regime": the owner of what is hit
            if governor.pos_ == "VERB" and self._in_patient_phrase(governor):
                return "target"
            return "other"  # "suspected of links to Fano"
        if prep_word == "to" and gov_lemma == "attribute":
            return "initiator"  # "attacks attributed to the RSF"
        if prep_word == "against":
            return "target"  # "sanctions against Russia", "a campaign against the Houthis"
        if prep_word in {"on", "upon"} and self._has(("ADDRESS_VERB", "CONDEMN_VERB"), governor):
            return "target"  # "called on allies to ...", "blamed the attack on the EMC"
        if prep_word in _PATIENT_PREPS and (self._is_attack_noun(governor) or self._is_harm_verb(governor)):
            if party.kind == "country" and prep_word == "at":
                return None  # "launched 40 drones at Ukraine": the place aimed at
            return self._patient(party, gov_lemma if governor.pos_ == "VERB" else None)
        if prep_word in {"of", "within", "from", "among"} and self._is_unit_noun(governor):
            # "units of the Yug Battlegroup", "groups within the PMF", "artillery of the army"
            return self._role(governor, party)
        if prep_word == "of" and (self._is_attack_noun(governor) or self._has(("LOSS_NOUN",), governor)):
            return self._patient(party)  # "the shelling of Kharkiv", "the losses of the enemy"
        if prep_word in {"on", "upon"} and self._has(("LOSS_NOUN",), governor):
            return self._patient(party)  # "inflicted heavy losses on Russian units"
        if prep_word == "of" and self._has(("TARGET_NOUN",), governor) and self._in_patient_phrase(governor):
            return "target"  # "attacked the embassies of Rwanda", "struck a depot of the Russian army"
        if prep_word == "with" and self._is_clash_word(governor):
            return "target"  # "clashed with Wazalendo militia", "fighting with government troops"
        if prep_word == "between" and (self._is_clash_word(governor) or self._is_attack_noun(governor)):
            return "target" if conjunct else "initiator"
        if prep_word == "from" and self._has(("SUPPORT_VERB",), governor):
            return "other"  # "backed by Kenyan officers from the MSS mission"
        if prep_word == "from" and self._has(("CAPTURE_VERB",), governor) and party.kind != "country":
            return "target"  # "recaptured the town from al Shabaab"
        if prep_word == "from" and (
            self._has(("RECEIVE_VERB",), governor)
            or (governor.dep_ == "dobj" and self._has(("RECEIVE_VERB",), governor.head))
        ):
            return "initiator"  # "received two Patriot systems from Germany"
        if prep_word == "to" and (
            self.lex.has("TRANSFER_NOUN", gov_lemma)
            or self.lex.has("TRANSFER_NOUN", governor.lower_)
            or gov_lemma in {"send", "deliver", "supply", "give", "provide", "transfer", "sell", "pledge"}
        ):
            return "target"  # the recipient of aid or shipments (guidelines)
        if prep_word == "of" and party.kind == "country" and self._has(("TITLE",), governor):
            return "other"  # "a summit of the leaders of Congo and Rwanda"
        if prep_word in _LOCATIVE or prep_word == "to" or party.kind == "country" and prep_word == "of":
            return None
        return "other"

    # -- role helpers -------------------------------------------------------------------

    def _has(self, labels: tuple[str, ...], token: Token) -> bool:
        """Whether the lemma (or lower-case form) of ``token`` carries one of ``labels``."""
        return self.lex.has_any(labels, token.lemma_.lower()) or self.lex.has_any(labels, token.lower_)

    def _names_a_vessel(self, head: Token) -> bool:
        """True for a name in apposition to a ship noun or with one before it ("the bulk
        carrier Eternity C", "the tanker Sounion")."""
        if head.dep_ == "appos" and self._has(("VESSEL_NOUN",), head.head):
            return True
        return any(
            c.dep_ == "compound" and c.i < head.i and self._has(("VESSEL_NOUN",), c) for c in head.children
        )

    def _under_attack(self, verb: Token) -> bool:
        """True when ``verb`` is said to be "under" an attack ("came under fire", "was under
        attack"): its subject is hit."""
        return any(
            prep.dep_ == "prep" and prep.lower_ == "under"
            and any(obj.dep_ == "pobj" and self._is_attack_noun(obj) for obj in prep.children)
            for prep in verb.children
        )

    def _attack_author(self, attack: Token) -> ActorRole:
        """Who made ``attack`` is its initiator, or the target when it was repelled or came
        under attack itself ("A UN helicopter came under fire")."""
        if attack.dep_ in {"dobj", "nsubjpass"} and self._has(("REPEL_VERB",), attack.head):
            return "target"  # "repelled an RSF assault", "halted an advance by Russian groups"
        if attack.dep_ == "nsubj" and self._under_attack(attack.head):
            return "target"
        return "initiator"

    def _is_clash_word(self, token: Token) -> bool:
        return token.pos_ in {"NOUN", "VERB"} and self._has(("CLASH_WORD",), token) and (
            token.lemma_.lower() != "exchange" or self._is_reciprocal(token)
        )

    def _is_reciprocal(self, verb: Token) -> bool:
        """A verb whose conjoined subjects act on each other: "clashed", "exchanged fire"."""
        if not self._has(("CLASH_WORD",), verb):
            return False
        if verb.lemma_.lower() == "exchange":
            return any(c.dep_ == "dobj" and self._is_attack_noun(c) for c in verb.children)
        return True

    def _is_unit_noun(self, token: Token) -> bool:
        """ "units", "elements", "assault groups", "fighters" of a named body."""
        return token.pos_ == "NOUN" and (
            self._is_armed_noun(token) or self.lex.has("UNIT_NOUN", token.lemma_.lower())
        )

    def _is_armed_noun(self, token: Token) -> bool:
        return self.lex.has("ARMED_NOUN", token.lower_) or self.lex.has("ARMED_NOUN", token.lemma_.lower())

    def _in_background_clause(self, node: Token, lists: ParseLists) -> bool:
        """``node`` sits in an "as/while" adverbial clause or a "where" relative clause."""
        heads, deps, lowers = lists.heads, lists.deps, lists.lowers
        i = node.i
        for _ in range(8):
            if heads[i] == i:
                return False
            if lists.pos[i] in {"VERB", "AUX"} and deps[i] in {"advcl", "relcl"}:
                return any(
                    (deps[c] == "mark" and self.lex.has("BACKGROUND_MARK", lowers[c]))
                    or (deps[c] == "advmod" and lowers[c] == "where" and deps[i] == "relcl")
                    for c in lists.children[i]
                )
            i = heads[i]
        return False

    @staticmethod
    def _in_descriptive_clause(node: Token, lists: ParseLists) -> bool:
        """``node`` is inside a relative clause whose relative pronoun is its subject ("the
        plant, which produces drones for the Russian military"): a description, not the event."""
        heads, deps = lists.heads, lists.deps
        i = node.i
        for _ in range(8):
            if heads[i] == i:
                return False
            if deps[i] == "relcl":
                if i == node.i:
                    return False
                tokens = lists.tokens
                relatives = [
                    t for t in subtree_indexes(node.doc, i) if t < i and tokens[t].tag_ in _RELATIVE_TAGS
                ]
                return any(
                    lists.lowers[t] != "that" or deps[t] in {"nsubj", "nsubjpass"} for t in relatives
                )
            i = heads[i]
        return False

    def _is_place_country(self, head: Token, lists: ParseLists) -> bool:
        """A country written as a place: "western Ukraine", "(Centre, Haiti)"."""
        tokens, deps, lowers = lists.tokens, lists.deps, lists.lowers
        if any(deps[c] == "amod" and lowers[c] in self._compass_words for c in lists.children[head.i]):
            return True
        if deps[head.i] == "appos" and tokens[lists.heads[head.i]].ent_type_ in {"GPE", "LOC"}:
            return True
        for i in range(head.i - 1, max(head.i - 8, 0) - 1, -1):  # "attacked Mirebalais (Centre, Haiti)"
            if tokens[i].text == ")":
                return False
            if tokens[i].text == "(":
                if i == 0:
                    return False
                return tokens[i - 1].ent_type_ in {"GPE", "LOC", "FAC"} or lists.pos[i - 1] == "PROPN"
        return False

    def _is_vague(self, head: Token, party: Party, role: ActorRole) -> bool:
        """An unresolved generic body ("the government" of no known country) that is only a
        participant, or that a source mentions in its reported words, names no party; so does
        a name NER took for an organisation that is a title or a thing ("Humanitarian
        Coordinator", "Response Plan")."""
        if party.rule == "party.ner.org" and self._has(("TITLE", "NON_ORG_NOUN"), head):
            return True
        if party.rule == "party.ner.org" and head.dep_ in {"compound", "nmod", "amod"} and self._has(
            ("WEAPON_NOUN",), head.head
        ):
            return True  # "two Iskander-M ballistic missiles": a weapon's model
        if party.entry_id is None and self._names_a_vessel(head):
            return True  # "the bulk carrier Eternity C": a ship, not a party
        if party.rule == "party.armed_noun" and head.dep_ == "compound" and self._is_counted(head.head):
            return True  # "killed eight gang members": counted people, not a named group
        if party.rule == "party.context" and role == "other":
            return True  # "to equip the police", "deploy more troops": a generic word, only a participant
        if not (party.entry_id or "").startswith("generic."):
            return False
        if role == "other":
            return True
        node = head
        for _ in range(8):
            if node.head.i == node.i:
                return False
            if (
                node.dep_ == "ccomp"
                and node.i > node.head.i  # "X said the government would ...", not "..., X said"
                and self.lex.has("REPORT_VERB", node.head.lemma_.lower())
            ):  # a stance, an intention or a denied act ("was open to talks", "would spend")
                return node.lemma_ == "be" or self._has(("DENY_VERB",), node.head) or any(
                    c.dep_ == "aux" and c.lower_ in _MODALS for c in node.children
                )
            node = node.head
        return False

    def _names_source(self, party: Party, att: Attribution) -> bool:
        """Whether ``party`` is the source of ``att`` (same name or same entry)."""
        if not att.source.name or not party.name:
            return False
        if normalise(att.source.name) == normalise(party.name):
            return True
        entry = self.kb.lookup(att.source.name, fuzzy=False)
        return entry is not None and entry.id == party.entry_id

    def _is_demonym_noun(self, head: Token, party: Party) -> bool:
        """A demonym used as a person noun: "a 17-year-old Palestinian", "two Ukrainians"."""
        return party.rule == "party.kb.demonym" and head.pos_ in {"NOUN", "PROPN"} and party.end == head.i + 1

    def _is_speaker_only(
        self, head: Token, party: Party, attributions: list[Attribution], role: ActorRole | None = None
    ) -> bool:
        if not attributions:
            return False
        start_char, end_char = char_range(head.doc, party.start, party.end)
        node = head
        while node.dep_ == "conj" and node.head.i != node.i:  # "Saudi Arabia and Qatar called"
            node = node.head
        for att in attributions:
            if att.span[0] <= start_char and end_char <= att.span[1]:
                if role == "target" and not self._names_source(party, att):
                    return False  # "Islamabad blamed the bombing on the TTP": the TTP is no speaker
                head = node
                verb = head.head
                if head.dep_ == "nsubj" and (
                    self.lex.has("ACCUSE_VERB", verb.lemma_.lower())
                    or self.lex.has("APPEAL_VERB", verb.lemma_.lower())
                ):
                    return False  # "X accused Y", "X called for a truce": the statement is the act
                if head.dep_ in {"dobj"} and self.lex.has("ACCUSE_VERB", verb.lemma_.lower()):
                    return False
                if head.dep_ == "nsubj" and any(
                    c.dep_ == "xcomp" and c.pos_ in {"VERB", "AUX"} and not self._has(("REPORT_VERB",), c)
                    for c in verb.children
                ):
                    return False  # "FAMa claimed to have killed 80 assailants": the source acts
                return True
        return False

    # -- extra actors -------------------------------------------------------------------

    def _victim_role(self, node: Token) -> ActorRole | None:
        """Civilians named as a group are actors only when they act or are harmed.

        "Protesters attacked ..." -> initiator; "residents fled", "civilians were killed",
        "an attack on a vehicle evacuating civilians" -> victim; civilians who are only
        addressed, protected or described ("warnings to residents", "a refugee camp",
        "called for children to be protected") are not actors.
        """
        if any(child.lower_ in {"no", "none"} for child in node.children):
            return None
        dep, gov = node.dep_, node.head
        lemma = gov.lemma_.lower()
        if dep == "nsubj":
            if self._is_harm_verb(gov) or self.lex.has("PROTEST_NOUN", node.lower_):
                return "initiator"  # "Protesters stormed ...", "demonstrators blocked the road"
            if lemma == "be":  # "Children were among those killed"
                return "victim" if any(self._is_harm_verb(t) for t in gov.subtree if t.i != gov.i) else None
            return "victim" if gov.pos_ in {"VERB", "AUX"} and lemma != "have" else None
        if dep == "nsubjpass":
            return "victim" if self._is_harm_verb(gov) or lemma in self._suffer_verbs else None
        if self._in_patient_phrase(node):
            return "victim"
        return None

    def _in_patient_phrase(self, token: Token, depth: int = 4) -> bool:
        """``token`` is, or lies inside, what a harm verb or an attack noun is aimed at."""
        node = token
        for _ in range(depth):
            dep, gov = node.dep_, node.head
            if gov.i == node.i:
                return False
            if dep in {"dobj", "nsubjpass"} and (
                self._is_harm_verb(gov) or gov.lemma_.lower() in self._suffer_verbs
            ):
                return True
            if (
                dep == "pobj"
                and gov.lower_ in _PATIENT_PREPS
                and (self._is_attack_noun(gov.head) or self._is_harm_verb(gov.head))
            ):
                return True
            if dep == "pobj" and gov.lower_ == "of" and self._is_attack_noun(gov.head):
                return True
            if dep not in {"dobj", "pobj", "prep", "acl", "relcl", "conj", "appos"}:
                return False
            node = gov
        return False

    def _names_a_group(self, head: Token, party: Party) -> bool:
        """A named group inside a counted phrase ("four EMC fighters", "a Hezbollah member")
        is an actor; a demonym of counted people ("58 Pakistani soldiers") is not."""
        if not party.entry_id or party.entry_id.startswith("generic.") or party.kind == "country":
            return False
        return any(
            t.pos_ == "PROPN" and t.ent_type_ not in {"NORP", "GPE"} and not self.kb.country(t.text)
            for t in parse_lists(head.doc).tokens[party.start : party.end]
        )

    def _partitive_of(self, node: Token, lists: ParseLists) -> Token | None:
        """The quantity word of "dozens of X" / "hundreds of the X" when ``node`` is X."""
        if lists.deps[node.i] != "pobj":
            return None
        heads, lowers = lists.heads, lists.lowers
        gov = heads[node.i]
        if lowers[gov] == "of":
            quantity = heads[gov]
            numeric = doc_like_num(node.doc)[quantity] or lists.pos[quantity] == "NUM"
            if numeric or lowers[quantity] in self._quantity_nouns:
                return lists.tokens[quantity]
        return None

    def _is_counted(self, head: Token) -> bool:
        """People given as a figure: "30 soldiers", "dozens of settlers", "a 61-year-old woman"
        as a casualty, "including women and children" after a count, their conjuncts."""
        node = head
        while node.dep_ in {"conj", "appos"} and node.head.i != node.i:
            node = node.head
        for child in node.children:
            if child.dep_ in {"nummod", "quantmod"} or (child.dep_ == "amod" and child.like_num):
                return True
            if (
                child.dep_ == "det"
                and child.lower_ in {"a", "an", "one"}
                and node.dep_ in {"dobj", "nsubjpass"}
            ):
                return self._is_harm_verb(node.head)
        gov = node.head
        if (
            node.dep_ == "pobj"
            and gov.lower_ == "of"
            and (
                gov.head.like_num
                or gov.head.lower_ in self._quantity_nouns
                or gov.head.pos_ == "NUM"
                or any(c.dep_ == "nummod" for c in gov.head.children)
            )
        ):
            return True
        if node.dep_ == "pobj" and gov.lower_ in {"including", "among"}:
            owner = gov.head
            return (
                owner.pos_ in {"NUM", "VERB"}
                or owner.like_num
                or self._is_counted(owner)
                or (owner.lower_ in self._generic_persons)
            )
        if node.dep_ in {"attr", "appos"} and gov.lower_ in {"them", "whom"}:
            return True
        if any(  # "most of them women and children fleeing ...": a part of a counted group
            c.i != node.i and c.lower_ in self._quantity_nouns and any(p.lower_ == "of" for p in c.children)
            for c in [*node.children, *gov.children]
        ):
            return True
        return False

    def _is_place_noun(self, token: Token) -> bool:
        return token.pos_ in {"NOUN", "PROPN", "ADV"} and (
            self.lex.has("PLACE_NOUN", token.lower_)
            or self.lex.has("PLACE_NOUN", token.lemma_.lower())
            or token.lemma_.lower()
            in {
                "port",
                "centre",
                "center",
                "edge",
                "outskirts",
                "settlement",
                "market",
                "suburb",
                "neighbourhood",
                "neighborhood",
                "camp",
                "heart",
            }
        )

    def _is_place(self, head: Token, party: Party) -> bool:
        """A name NER took for a person or organisation that is a place ("the village of X")."""
        if party.entry_id or party.title or party.rule not in _UNVERIFIED_RULES:
            return False
        node = head
        while node.dep_ in {"conj", "appos"} and node.head.i != node.i:
            node = node.head
        if node.dep_ == "pobj" and node.head.lower_ in _LOCATIVE | {"of", "to"}:
            return True
        first = head.doc[party.start]  # "in al-Mawasi" parsed with "Mawasi" as the subject
        if first.dep_ == "pobj" and first.head.i == party.start - 1 and first.head.lower_ in _LOCATIVE:
            return True
        if head.dep_ == "compound" and head.head.pos_ == "NOUN":
            return True  # "the Sarsang oil field", "the Askar refugee camp": a named thing
        if self.gazetteer is not None and party.name:
            return bool(self.gazetteer.lookup(party.name))
        return False

    def _has_pronoun_owner(self, head: Token, party: Party) -> bool:
        """ "its forces", "their fighters": a pronoun mention (the speaker may act through it)."""
        if party.entry_id and not party.entry_id.startswith("generic."):
            return False
        return _owned_by_pronoun(parse_lists(head.doc), head.i)

    def _specific(self, party: Party, context: ArticleContext, head: Token, lo: int) -> Party:
        """ "the army", "the junta", "troops": the body of that type the article named before,
        else that of the country the article's places are most often in.

        Without an earlier body or place, the country named closest before ``head`` in the
        unit decides ("Israel struck the Syrian Defence Ministry and targeted government
        forces"); "the enemy" is the armed forces of the side the article last saw attack.
        """
        institution = (party.entry_id or "").split(".", 1)[1]
        if institution == "enemy":
            entry = self._enemy(context)
        else:
            names = [a.name for a in reversed(context.actors) if a.kind != "person"]
            names += [s.name for s in reversed(context.speakers) if s.name and s.kind != "person"]
            countries = _by_frequency([loc.country for loc in context.locations if loc.country])
            if not countries:
                countries = self._countries_before(head, lo)
            lowers = parse_lists(head.doc).lowers
            if any(self.lex.has("STATE_WORD", lowers[k]) for k in range(party.start, party.end)):
                # "government forces", "federal troops": those of the country where it happens,
                # the unit's own first ("... in Amhara region after fighting with federal troops")
                countries = self._unit_countries(head, lo) or countries
                names = [n for n in names if countries and self._country_of_name(n) == countries[0]]
            entry = self.resolver.earlier_body(institution, names, countries)
        if entry is None:
            return party
        return replace(
            party,
            name=entry.name,
            kind=entry.kind,
            country=entry.country,
            entry_id=entry.id,
            rule="party.context",
        )

    def _unit_countries(self, head: Token, lo: int) -> list[str]:
        """ISO codes of what ``head``'s unit names: its countries, demonyms and bodies
        (:meth:`_countries_before`), else the countries of the places NER finds in it."""
        named = self._countries_before(head, lo)
        if named or self.gazetteer is None:
            return named
        end = head.sent.end if head.sent.end > head.i else len(head.doc)
        found = []
        for ent in ents_within(head.doc, lo, end):
            if ent.label_ in {"GPE", "LOC"}:
                ranked = rank(self.gazetteer.lookup(ent.text))
                if ranked and ranked[0].place.country:
                    found.append(ranked[0].place.country)
        return _by_frequency(found)

    def _country_of_name(self, name: str) -> str | None:
        entry = self.kb.lookup(name, fuzzy=False)
        return entry.country if entry else None

    def _countries_before(self, head: Token, lo: int) -> list[str]:
        """ISO codes of the knowledge-base names in ``head``'s unit: those before it, nearest
        first, then those after it."""
        doc = head.doc
        end = head.sent.end if head.sent.end > head.i else len(doc)
        before = [m.entry.country for m in self.kb.find(doc, lo, head.i) if m.entry.country]
        after = [m.entry.country for m in self.kb.find(doc, head.i + 1, end) if m.entry.country]
        return list(reversed(before)) + after

    def _enemy(self, context: ArticleContext) -> ActorEntry | None:
        """ "The enemy": the armed forces of the country the article has most often seen
        attacking (ties: the most recent)."""
        attackers = _by_frequency([
            actor.country
            for actor in context.actors
            if actor.role == "initiator" and actor.kind in {"country", "military"} and actor.country
        ])
        if not attackers:
            return None
        best = attackers[0]
        return self.kb.national_body(best, "inst.armed_forces")

    # -- speakers -----------------------------------------------------------------------

    def speakers(self, unit: Span, context: ArticleContext, attributions: list[Attribution]) -> list[Actor]:
        """Named speakers of ``attributions`` as initiators, spanning their name in the clause.

        For statement events (the type says so), where saying is the happening: "Kremlin
        spokesman Dmitry Peskov told reporters ..." -> Dmitry Peskov, initiator. Outlets,
        unnamed sources and pronouns ("he said") are left out; so are documents ("a Kremlin
        statement said") whose words stand for someone the sentence names.
        """
        if not attributions:
            return []
        people = speaker_parties(unit.doc, [s for s in context.speakers if s.kind == "person"])
        out: list[Actor] = []
        for att in attributions:
            if not att.source.name or att.source.kind in {"media", "anonymous"}:
                continue
            if self._document_speaks(unit, att):
                continue  # "a Kremlin statement said": the document speaks for someone else
            mention = self._speaker_mention(unit, att, people)
            if mention is None:
                continue
            party, _head = mention
            out.append(self._actor(unit, party, "initiator", rule="speaker"))
        return out

    def _document_speaks(self, unit: Span, att: Attribution) -> bool:
        """Whether a document noun ("statement") is a subject in ``att``'s clause."""
        lists = parse_lists(unit.doc)
        deps, lemmas, tokens = lists.deps, lists.lemmas, lists.tokens
        return any(
            deps[i] == "nsubj"
            and self.lex.has("DOC_NOUN", lemmas[i])
            and att.span[0] <= tokens[i].idx < att.span[1]
            for i in range(unit.start, unit.end)
        )

    def _speaker_mention(
        self, unit: Span, att: Attribution, people: list[Party]
    ) -> tuple[Party, Token] | None:
        """The source's own mention inside the attribution clause, resolved."""
        doc = unit.doc
        lo = body_start(unit)
        wanted = normalise(att.source.name) if att.source.name else None
        tokens = parse_lists(doc).tokens
        for i in _nouns_within(doc, lo, unit.end):
            token = tokens[i]
            if not (att.span[0] <= token.idx < att.span[1]):
                continue
            party = self.resolver.resolve(token, people, bounds=(lo, unit.end))
            if party is None or party.pronoun or not (party.start <= token.i < party.end):
                continue
            if wanted is None:
                if party.kind == "group" and not party.anonymous:  # "resistance fighters said"
                    return party, token
                continue
            if party.anonymous or not party.name:
                continue
            name = normalise(party.name)
            if name == wanted or (party.kind == "person" and name.split()[-1:] == wanted.split()[-1:]):
                return party, token
            entry = self.kb.lookup(att.source.name, fuzzy=False) if att.source.name else None
            if party.entry_id and entry is not None and party.entry_id == entry.id:
                return party, token
        del doc
        return None

    def _actor(self, unit: Span, party: Party, role: ActorRole, rule: str) -> Actor:
        doc = unit.doc
        start_char, end_char = char_range(doc, party.start, party.end)
        return Actor(
            text=text_of(doc)[start_char:end_char],
            span=(start_char, end_char),
            rule=f"actor.{role}.{rule}",
            score=0.9 if party.entry_id else 0.7,
            name=party.name or "",
            kind=party.kind or "organization",
            country=party.country,
            role=role,
            id=party.entry_id,
            title=party.title,
            affiliation=party.affiliation,
        )

    def _speaker_first(
        self,
        unit: Span,
        attributions: list[Attribution],
        people: list[Party],
        found: list[tuple[Party, Token, ActorRole]],
    ) -> list[tuple[Party, Token, ActorRole]]:
        """An actor that is also the source named earlier takes the source's mention: "the
        army said soldiers had killed ..." -> the army (an actor is annotated at its first
        mention)."""
        out = list(found)
        for att in attributions:
            if not att.source.name or att.source.kind in {"media", "anonymous"}:
                continue
            same = [
                k for k, (party, _h, role) in enumerate(out)
                if role == "initiator"
                and party.name
                and self._names_source(party, att)
                and unit.doc[party.start].idx > att.span[0]
            ]
            if not same:
                continue
            actor = out[same[0]][0]
            mention = self._speaker_mention(unit, att, people) or self._generic_mention(unit, att, actor)
            if mention is None or mention[0].start >= out[same[0]][0].start:
                continue
            party, head = mention
            k = same[0]
            out[k] = (replace(out[k][0], start=party.start, end=party.end), head, out[k][2])
        return out

    def _generic_mention(self, unit: Span, att: Attribution, actor: Party) -> tuple[Party, Token] | None:
        """ "the army" in the reporting clause, standing for the body ``actor`` resolved to."""
        entry = self.kb.get(actor.entry_id or "")
        if entry is None or entry.institution is None:
            return None
        for token in tokens_of(unit):
            if not (att.span[0] <= token.idx < att.span[1]) or token.pos_ != "NOUN":
                continue
            party = self.resolver.resolve(token, bounds=(unit.start, unit.end))
            if party is not None and party.entry_id == f"generic.{entry.institution}":
                return party, token
        return None

    def _acts_for_its_owner(self, lists: ParseLists, i: int) -> bool:
        """ "its fighters", "their forces", "its drones", "its air force": a noun through
        which a body acts; not "their vehicle" (the soldiers' own, hit by a landmine)."""
        lemma, lower = lists.lemmas[i], lists.lowers[i]
        start = i  # with its compound words: "its air force"
        while start > 0 and lists.deps[start - 1] == "compound" and lists.heads[start - 1] == i:
            start -= 1
        return (
            self._is_party_noun_once(lemma, lower)
            or self.lex.has_any(("UNIT_NOUN", "ATTACK_NOUN"), lemma)
            or any(end == i + 1 for _, end, _ in self.kb.find_institutions(lists.tokens[i].doc, start, i + 1))
        )

    def _acting_speakers(
        self, unit: Span, attributions: list[Attribution], people: list[Party]
    ) -> list[tuple[Party, Token, ActorRole]]:
        """'The army said it killed 20 militants', 'the RSF said its fighters took the town':
        the speaker acts through a pronoun; the actor spans the speaker's own name."""
        out: list[tuple[Party, Token, ActorRole]] = []
        if all(att.source.kind in {"person", "media"} for att in attributions):
            return out  # no attribution such a speaker could be found in
        lists = parse_lists(unit.doc)
        lowers, pos = lists.lowers, lists.pos
        subjects = per_doc(unit.doc, "actors.subjects", _subjects)
        first = bisect_left(subjects, unit.start)
        for i in subjects[first : bisect_left(subjects, unit.end, first)]:
            if not (
                lowers[i] in _SUBJECT_PRONOUNS
                or (pos[i] in {"NOUN", "PROPN"} and _owned_by_pronoun(lists, i)
                    and self._acts_for_its_owner(lists, i))
            ):
                continue
            subject = lists.tokens[i]
            verb = subject.head
            if (
                verb.pos_ not in {"VERB", "AUX"}
                or self._has(("REPORT_VERB", "RECORD_VERB"), verb)
                or verb.lemma_.lower() in {"be", "have"}
            ):
                continue
            if verb.lemma_.lower() in {"die", "suffer", "lose"} and subject.lower_ not in _SUBJECT_PRONOUNS:
                continue
            node = verb
            while node.head.i != node.i and not self.lex.has("REPORT_VERB", node.lemma_.lower()):
                node = node.head
            if not self.lex.has("REPORT_VERB", node.lemma_.lower()):
                continue
            for att in attributions:
                if not (att.span[0] <= node.idx < att.span[1]) or att.source.kind in {"person", "media"}:
                    continue
                mention = self._speaker_mention(unit, att, people)
                if mention is not None:
                    out.append((mention[0], mention[1], "initiator"))
                break
        return out
