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

from spacy.language import Language
from spacy.tokens import Span, Token

from .attributions import get_resolver
from .config import Settings
from .context import ArticleContext
from .models import Actor, ActorRole, Attribution
from .parties import Party, PartyResolver
from .spans import text_of, unit_ents

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
_SUBJECT_PRONOUNS = {"it", "they", "we"}
_PERSON_HARM = {
    "kill",
    "wound",
    "injure",
    "abduct",
    "kidnap",
    "detain",
    "arrest",
    "execute",
    "murder",
    "shoot",
    "torture",
    "rape",
    "behead",
    "slaughter",
    "massacre",
}


class ActorExtractor:
    """Finds actors and their roles in a unit."""

    def __init__(self, resolver: PartyResolver):
        self.resolver = resolver
        self.lex = resolver.lex
        self.kb = resolver.kb

    @classmethod
    def from_settings(cls, nlp: Language, settings: Settings) -> ActorExtractor:
        """Load the knowledge base and vocabularies once per pipeline (shared with attributions)."""
        return cls(get_resolver(nlp, settings))

    # -- public -------------------------------------------------------------------------

    def extract(self, unit: Span, context: ArticleContext, attributions: list[Attribution]) -> list[Actor]:
        """Actors in ``unit`` in text order; speakers of ``attributions`` are not actors."""
        doc = unit.doc
        people = [
            Party(s.name, "person", 0, 0, "context", title=s.title, affiliation=s.affiliation)
            for s in context.speakers
            if s.name and s.kind == "person"
        ]
        taken: set[int] = set()
        found: list[tuple[Party, Token, ActorRole]] = []
        for head in self._candidates(unit):
            if head.i in taken:
                continue
            party = self.resolver.resolve(head, people, bounds=(unit.start, unit.end))
            if party is None or party.pronoun or party.anonymous or not party.name or not party.kind:
                continue
            span_tokens = set(range(party.start, party.end))
            if span_tokens & taken:
                continue
            taken |= span_tokens
            if party.kind == "person":
                people.append(party)
            role = self._role(head, party)
            if role is None:
                continue
            if self._is_speaker_only(head, party, attributions):
                continue
            found.append((party, head, role))
        found.extend(self._targets(unit, taken))
        found.extend(self._acting_speakers(unit, attributions))
        actors: list[Actor] = []
        seen: set[tuple[str, str]] = set()
        for party, head, role in sorted(found, key=lambda item: item[0].start):
            key = (party.name or "", role)
            if key in seen:
                continue
            seen.add(key)
            start_char = doc[party.start].idx
            end_char = doc[party.end - 1].idx + len(doc[party.end - 1].text)
            actors.append(
                Actor(
                    text=text_of(doc)[start_char:end_char],
                    span=(start_char, end_char),
                    rule=f"actor.{role}.{party.rule}",
                    score=0.9 if party.entry_id else 0.7,
                    name=party.name or "",
                    kind=party.kind or "organization",
                    country=party.country,
                    role=role,
                    id=party.entry_id,
                    title=party.title,
                    affiliation=party.affiliation,
                )
            )
        return actors

    # -- candidates -------------------------------------------------------------------

    def _candidates(self, unit: Span) -> list[Token]:
        doc = unit.doc
        heads: dict[int, Token] = {}
        for match in self.kb.find(doc, unit.start, unit.end):
            root = doc[match.start : match.end].root
            heads[root.i] = self._np_head(root)
            heads.setdefault(-root.i - 1, root)
        for start, end, _ in self.kb.find_institutions(doc, unit.start, unit.end):
            root = doc[start:end].root
            heads[root.i] = root
        for ent in unit_ents(unit):
            if ent.label_ in {"PERSON", "ORG", "NORP", "GPE"}:
                heads[ent.root.i] = self._np_head(ent.root)
        for token in unit:
            if token.pos_ not in {"NOUN", "PROPN"}:
                continue
            lower, lemma = token.lower_, token.lemma_.lower()
            for label in ("VICTIM_NOUN", "ARMED_NOUN"):
                if self.lex.has(label, lower) or self.lex.has(label, lemma):
                    heads[token.i] = token
            if token.pos_ == "PROPN" and token.dep_ in {"nsubj", "nsubjpass"}:
                heads[token.i] = self._np_head(token)
        unique = {tok.i: tok for tok in heads.values()}
        ranked = sorted(unique.values(), key=lambda t: self._np_size(t), reverse=True)
        return ranked

    def _np_head(self, token: Token) -> Token:
        """Climb compounds and flat names to the head of the noun phrase."""
        node = token
        while (
            node.dep_ in {"compound", "flat"}
            and node.head.i != node.i
            and node.head.pos_ in {"PROPN", "NOUN"}
        ):
            if node.head.pos_ == "NOUN" and not (
                self.lex.has("TITLE", node.head.lower_)
                or self.lex.has("ANON_NOUN", node.head.lower_)
                or self.lex.has("ORG_NOUN", node.head.lemma_.lower())
                or self.kb.find_institutions(node.doc, node.head.i, node.head.i + 1)
            ):
                break
            node = node.head
        return node

    def _np_size(self, token: Token) -> int:
        start, end = self.resolver.np_range(token)
        return end - start

    # -- roles --------------------------------------------------------------------------

    def _patient(self, party: Party, verb_lemma: str | None = None) -> ActorRole:
        if party.kind == "civilians":
            return "victim"
        if party.kind == "person" and (verb_lemma is None or verb_lemma in _PERSON_HARM):
            return "victim"
        return "target"

    def _is_attack_noun(self, token: Token) -> bool:
        return (token.pos_ in {"NOUN", "PROPN"} or token.tag_ == "VBG") and (
            self.lex.has("ATTACK_NOUN", token.lower_) or self.lex.has("ATTACK_NOUN", token.lemma_.lower())
        )

    def _is_harm_verb(self, token: Token) -> bool:
        return token.pos_ in {"VERB", "AUX"} and self.lex.has("HARM_VERB", token.lemma_.lower())

    def _role(self, head: Token, party: Party) -> ActorRole | None:
        """The role the parse gives ``head``, or None when it only locates or qualifies."""
        node = head
        while node.dep_ in {"conj", "appos"} and node.head.i != node.i:
            node = node.head
        dep, gov = node.dep_, node.head
        is_victim_noun = party.kind == "civilians"
        if dep in _MODIFIER_DEPS:
            if party.entry_id and party.entry_id.startswith("generic."):
                return None
            if self._is_attack_noun(gov):
                return "initiator"
            if is_victim_noun:
                return "victim"
            return None
        if dep == "nsubj":
            if is_victim_noun and not self._is_harm_verb(gov):
                return "victim"
            if gov.lemma_ in {"die", "perish", "flee", "suffer"}:
                return self._patient(party)
            return "initiator"
        if dep == "nsubjpass":
            return self._patient(party, gov.lemma_.lower())
        if dep in {"dobj", "dative", "attr", "oprd"}:
            if self._is_harm_verb(gov) or self.lex.has("ACCUSE_VERB", gov.lemma_.lower()):
                return self._patient(party, gov.lemma_.lower())
            return "victim" if is_victim_noun else "other"
        if dep == "pobj":
            prep = gov
            prep_word = prep.lower_
            governor = prep.head
            if prep_word == "by" and (
                prep.dep_ == "agent" or self._is_attack_noun(governor) or governor.tag_ == "VBN"
            ):
                return "initiator"
            if prep_word in _PATIENT_PREPS and (
                self._is_attack_noun(governor) or self._is_harm_verb(governor)
            ):
                return self._patient(party, governor.lemma_.lower() if governor.pos_ == "VERB" else None)
            if prep_word == "of" and self._is_attack_noun(governor):
                return self._patient(party)
            if is_victim_noun:
                return "victim"
            if prep_word == "to" and (
                self.lex.has("TRANSFER_NOUN", governor.lemma_.lower())
                or self.lex.has("TRANSFER_NOUN", governor.lower_)
                or governor.lemma_.lower()
                in {"send", "deliver", "supply", "give", "provide", "transfer", "sell", "pledge"}
            ):
                return "other"
            if prep_word in _LOCATIVE or prep_word == "to" or party.kind == "country" and prep_word == "of":
                return None
            if prep_word == "between" and self._is_attack_noun(governor):
                return "initiator"
            return "other"
        if dep in {"ROOT", "conj", "appos"}:
            return "other" if party.kind != "country" else None
        return "other" if party.kind != "country" else None

    def _is_speaker_only(self, head: Token, party: Party, attributions: list[Attribution]) -> bool:
        doc = head.doc
        start_char = doc[party.start].idx
        end_char = doc[party.end - 1].idx + len(doc[party.end - 1].text)
        for att in attributions:
            if att.span[0] <= start_char and end_char <= att.span[1]:
                verb = head.head
                if head.dep_ == "nsubj" and self.lex.has("ACCUSE_VERB", verb.lemma_.lower()):
                    return False
                if head.dep_ in {"dobj"} and self.lex.has("ACCUSE_VERB", verb.lemma_.lower()):
                    return False
                return True
        return False

    # -- extra actors -------------------------------------------------------------------

    def _targets(self, unit: Span, taken: set[int]) -> list[tuple[Party, Token, ActorRole]]:
        """Installations named as the object of an attack ("an attack on an industrial plant")."""
        out = []
        for token in unit:
            if token.i in taken or token.pos_ != "NOUN":
                continue
            phrase = self.resolver._compound_phrase(token)
            if not (self.lex.has("TARGET_NOUN", token.lemma_.lower()) or self.lex.has("TARGET_NOUN", phrase)):
                continue
            dep, gov = token.dep_, token.head
            is_target = (
                dep == "pobj"
                and gov.lower_ in _PATIENT_PREPS
                and (self._is_attack_noun(gov.head) or self._is_harm_verb(gov.head))
            ) or (dep in {"dobj", "nsubjpass"} and self._is_harm_verb(gov))
            if not is_target:
                continue
            start = self.resolver._modifier_start(token, self.resolver.np_range(token, right=False)[0])
            name = " ".join(
                t.lemma_.lower() if t.i == token.i else t.lower_ for t in unit.doc[start : token.i + 1]
            )
            party = Party(name, "organization", start, token.i + 1, "party.target_noun")
            out.append((party, token, "target"))
        return out

    def _acting_speakers(
        self, unit: Span, attributions: list[Attribution]
    ) -> list[tuple[Party, Token, ActorRole]]:
        """'The army said it killed 20 militants': the speaker acts through a pronoun."""
        out = []
        doc = unit.doc
        for token in unit:
            if token.lower_ not in _SUBJECT_PRONOUNS or token.dep_ != "nsubj":
                continue
            verb = token.head
            if (
                verb.pos_ not in {"VERB", "AUX"}
                or self.lex.has("REPORT_VERB", verb.lemma_.lower())
                or verb.lemma_.lower() in {"be", "have"}
            ):
                continue
            node = verb
            while node.head.i != node.i and not self.lex.has("REPORT_VERB", node.lemma_.lower()):
                node = node.head
            if not self.lex.has("REPORT_VERB", node.lemma_.lower()):
                continue
            for att in attributions:
                if att.span[0] <= node.idx < att.span[1] and att.source.name and att.source.kind != "person":
                    entry = self.kb.lookup(att.source.name, fuzzy=False)
                    kind = (
                        entry.kind
                        if entry
                        else ("government" if att.source.kind == "government" else "organization")
                    )
                    party = Party(
                        att.source.name,
                        kind,
                        token.i,
                        token.i + 1,
                        "party.speaker_pronoun",
                        country=entry.country if entry else None,
                        entry_id=entry.id if entry else None,
                    )
                    out.append((party, token, "initiator"))
        del doc
        return out
