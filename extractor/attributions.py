"""Attributions: who says so, through which channel and outlet, and the quoted words.

Read from the dependency parse of each unit:

* a reporting verb (``patterns/attributions/lexicon.jsonl``, label REPORT_VERB) with a speaker
  subject and something reported: a clausal complement, a quotation, a colon, or a
  parenthetical position ("..., police said.");
* "according to X" (and "according to X, citing Y": Y speaks, X is ``via``);
* "citing X" after a reporting verb;
* a passive verb of saying with its agent ("Fatalities reported by the health ministry").

The speaker of a trailing or appositive clause is read from the comma-separated noun phrases
before the verb ("..., the head of the city's military administration, Tymur Tkachenko,
said") when the parse gives no subject, an unnamed one, or one further left. Coordinated
speakers ("police and witnesses said") give one attribution each. An institution or person
the text leaves unnamed ("the regional military administration said", "the cleric said")
takes its kind from ``patterns/attributions/bodies.jsonl``, or the earlier named body whose
names hold the noun ("The Mission" after "MONUSCO"); a noun that cannot speak ("The agreement
calls for") is no source.

Conventions (documented for annotators):

* The *source* is whoever the words come from. When an outlet reports citing someone ("Reuters
  reported, citing two unnamed sources"), the cited party is the source and the outlet is
  ``via``; an outlet reporting on its own account is the source (kind media).
* ``via`` is the outlet the words were given to ("told the Associated Press news agency").
* ``channel`` is the medium: a platform ("Telegram", "X", "social media") or a format
  ("statement", "televised address", "news conference"); a platform wins over a format.
* ``quote`` is the first quoted fragment tied to the verb, without the quote marks.
* ``text``/``span`` cover the attribution clause (speaker, verb, audience, channel, citing),
  never the reported content.
* Pronouns and bare surnames ("he said", "Peskov added") resolve to earlier speakers in the
  unit, then to ``context.speakers``; an outlet reporting after another source of the sentence
  ("..., the Interfax news agency reported") is that source's ``via``.
* ``verb`` is written in past form ("says" -> "said", "holds ... responsible" -> "held").
"""

from __future__ import annotations

import logging
import re
from bisect import bisect_left
from dataclasses import replace
from functools import lru_cache
from pathlib import Path
from typing import Any

from pydantic import Field
from spacy.language import Language
from spacy.strings import get_string_id
from spacy.tokens import Doc, Span, Token

from .config import Settings
from .context import ArticleContext
from .models import Attribution, Source, SourceKind
from .parties import Party, PartyResolver, speaker_parties
from .resources import PatternModel, load_jsonl
from .spans import (
    ParseLists,
    doc_tokens,
    ent_type_ids,
    ents_within,
    parse_lists,
    per_doc,
    sentence_range,
    span_text,
    subtree_indexes,
    text_of,
    unit_ents,
)

logger = logging.getLogger(__name__)

_OPEN_CLOSE = {"“": "”", '"': '"', "«": "»", "‘": "’"}
#: Marks that can open a quotation (a straight quote only where no word runs into it).
_OPENING_MARK = re.compile('[“«"]')
_CONTENT_DEPS = {"ccomp", "parataxis"}
_VERB_POS = {"VERB", "AUX"}
#: Entity types (as the parse arrays hold them) of date words.
_DATE_TYPES = {get_string_id("DATE"), get_string_id("TIME")}
#: Relations of a participle that continues a statement ("..., adding that ...").
_PARTICIPLE_DEPS = {"advcl", "xcomp", "conj"}
_SUBJ_DEPS = {"nsubj", "nsubjpass", "expl"}
_OPENER_DEPS = {"advmod", "npadvmod", "prep", "advcl"}  # "Separately,", "On Monday,", "As ...,"
_SPAN_DEPS = {
    "nsubj",
    "nsubjpass",
    "aux",
    "auxpass",
    "neg",
    "dobj",
    "dative",
    "prep",
    "advmod",
    "npadvmod",
    "prt",
    "agent",
    "advcl",
    "attr",
    "oprd",
}
#: Verb tags of a finite clause (a participle never opens a reporting clause of its own).
_FINITE_TAGS = {"VBD", "VBZ", "VBP"}
#: Tokens that end a noun phrase of an apposition chain, walking left from the verb.
_CHAIN_STOPS = {",", ":", ";", "(", ")", "—", "–", "“", "”", '"', "‘", "’"}
_NON_NP_OPENERS = {"ADP", "SCONJ", "CCONJ", "ADV", "VERB", "AUX", "PART", "INTJ"}
#: Kinds of knowledge-base entries that have bodies of their own ("the UN Joint Human Rights
#: Office", "the EU's naval mission"); outlets and armed groups are described, not divided.
_UMBRELLA_KINDS = {"organization", "government"}
_UNIT_SPEAKER = "unit.speaker"
_MAX_CHAIN = 3
_MAX_NP = 14
_NAME_JOINERS = {"-", "'"}  # inside one name: "SPLM-N", "O'Brien"
_RESOLVER_CACHE: dict[tuple[int, str, float], PartyResolver] = {}


def _new_memo(_: Doc) -> dict[Any, Any]:
    return {}


class BodyNoun(PatternModel):
    """A noun naming an institution the text leaves unnamed (``patterns/attributions/bodies.jsonl``)."""

    id: str = Field(pattern=r"^body\.[a-z_.]+$")
    pattern: str = Field(min_length=1, description="Lemma of the head noun.")
    kind: SourceKind


def load_bodies(path: Path) -> dict[str, SourceKind]:
    """Head-noun lemma -> source kind, from ``bodies.jsonl``."""
    return {entry.pattern.lower(): entry.kind for entry in load_jsonl(path, BodyNoun)}


def _has_word(text: str, word: str) -> bool:
    """Whether ``word`` is one of the words of ``text`` (case-insensitive)."""
    return word.lower() in _words(text)


@lru_cache(maxsize=4096)
def _words(text: str) -> frozenset[str]:
    """The lower-case words of ``text``: the names asked about are the knowledge base's, so
    each is split once."""
    return frozenset(re.split(r"[^\w'-]+", text.lower()))


def _under(heads: list[int], verb: int, roots: set[int], k: int) -> bool:
    """Whether token ``k`` lies in the subtree of one of ``roots``, children of ``verb``:
    found by walking up the ``heads`` from ``k``, cheaper than listing whole clauses for the
    few words asked about."""
    while heads[k] != verb:
        if heads[k] == k:
            return False
        k = heads[k]
    return k in roots


def get_resolver(nlp: Language, settings: Settings) -> PartyResolver:
    """One :class:`PartyResolver` per pipeline and settings (shared with actors)."""
    key = (id(nlp), str(settings.patterns_dir), settings.actor_fuzzy_threshold)
    if key not in _RESOLVER_CACHE:
        _RESOLVER_CACHE[key] = PartyResolver.from_dir(
            nlp, settings.patterns_dir, settings.actor_fuzzy_threshold
        )
    return _RESOLVER_CACHE[key]


def find_quotes(unit: Span) -> list[tuple[int, int]]:
    """Character ranges [start, end) of quoted words in ``unit`` (marks excluded)."""
    text = text_of(unit.doc)[unit.start_char : unit.end_char]
    base = unit.start_char
    out: list[tuple[int, int]] = []
    i = 0
    while (mark := _OPENING_MARK.search(text, i)) is not None:
        i = mark.start()
        ch = text[i]
        if ch != '"' or i == 0 or not text[i - 1].isalnum():
            close = _OPEN_CLOSE[ch]
            j = text.find(close, i + 1)
            if j == -1 and ch == "“":
                j = text.find('"', i + 1)
            if j > i + 1:
                start, end = i + 1, j
                while start < end and text[start].isspace():
                    start += 1
                quoted = text[start:end].rstrip()
                quoted = quoted.rstrip(",.;: \t\n")  # the guidelines drop closing punctuation
                if quoted:
                    out.append((base + start, base + start + len(quoted)))
                i = j + 1
                continue
        i += 1
    return out


class AttributionExtractor:
    """Finds the sources a unit is attributed to."""

    def __init__(self, nlp: Language, resolver: PartyResolver, bodies: dict[str, SourceKind] | None = None):
        self.resolver = resolver
        self.lex = resolver.lex
        self.kb = resolver.kb
        self.bodies = bodies or {}
        self.channel_matchers = self.lex.matcher(nlp, ["CHANNEL"])
        #: verbs that open a verdict phrase of the lexicon ("hold" of "hold responsible")
        appeals = self.lex.by_label.get("APPEAL_VERB", {})
        self.verdict_verbs = {key.split()[0] for key in appeals if " " in key}
        self._reporting_lemmas: dict[str, bool] = {}

    def _may_report(self, lemma: str) -> bool:
        """A verb of saying, an appeal, or the first word of a verdict phrase."""
        return (
            self.lex.has("REPORT_VERB", lemma) or self.lex.has("APPEAL_VERB", lemma)
            or lemma in self.verdict_verbs
        )

    @classmethod
    def from_settings(cls, nlp: Language, settings: Settings) -> AttributionExtractor:
        """Load the vocabularies and the actor knowledge base once per pipeline."""
        bodies = load_bodies(settings.patterns_dir / "attributions" / "bodies.jsonl")
        return cls(nlp, get_resolver(nlp, settings), bodies)

    # -- public -------------------------------------------------------------------------

    def extract(self, unit: Span, context: ArticleContext) -> list[Attribution]:
        """Attributions in ``unit``; follow-ups resolve to earlier speakers and ``context``."""
        doc = unit.doc
        tokens, openers = doc_tokens(doc), self._openers(doc)
        candidates = openers[bisect_left(openers, unit.start) : bisect_left(openers, unit.end)]
        if not candidates:
            return []  # nothing can open an attribution: no need for the quotes either
        quotes = find_quotes(unit)
        found: list[tuple[Token, Attribution]] = []
        people: list[Party] = []
        started = False  # people and the unit's own speakers, set up at its first candidate
        for i in candidates:
            token = tokens[i]
            according = (
                token.lower_ == "according" and token.i + 1 < unit.end and doc[token.i + 1].lower_ == "to"
            )
            if not according and not self._is_reporting(token, unit, quotes):
                continue
            if not started:  # most units report nothing and need neither
                context = replace(context, speakers=list(context.speakers))  # "..., it added." in this unit
                people, started = self._people_in(unit, context), True
            if according:
                att = self._according_to(token, unit, context, people)
                if att is not None:
                    found.append((token, att))
                continue
            att = self._from_verb(token, unit, context, people, quotes)
            if att is not None:
                found.append((token, att))
                found.extend((token, other) for other in self._conjoined(token, att, context, people))
                context.remember_speaker(att.source)
                if att.source.kind == "person" and att.source.name:
                    people.append(self._speaker_party(att.source, token))
        found = [(verb, self._stray_citing(verb, att, unit, context, people)) for verb, att in found]
        found = self._outlets_as_via(found)
        # quotes no verb claimed go to the only attribution of the unit
        if len(found) == 1 and found[0][1].quote is None and quotes:
            verb, att = found[0]
            found[0] = (verb, att.model_copy(update={"quote": text_of(doc)[quotes[0][0] : quotes[0][1]]}))
        found.sort(key=lambda pair: pair[1].span[0])
        return [att for _, att in found]

    # -- detection ----------------------------------------------------------------------

    def _openers(self, doc: Doc) -> list[int]:
        """Indexes of the tokens that can open an attribution ("according", a verb that may
        report), read from the parse lists once per document."""
        return per_doc(doc, "attributions.openers", self._find_openers)

    def _find_openers(self, doc: Doc) -> list[int]:
        lists = parse_lists(doc)  # the later stages read these lists too
        lowers, lemmas = lists.lowers, lists.lemmas
        return [
            i
            for i, pos in enumerate(lists.pos)
            if lowers[i] == "according" or (pos in _VERB_POS and self._may_report_lemma(lemmas[i]))
        ]

    def _may_report_lemma(self, lemma: str) -> bool:
        """:meth:`_may_report` for a lower-case lemma, once per lemma."""
        known = self._reporting_lemmas.get(lemma)
        if known is None:
            known = self._reporting_lemmas[lemma] = self._may_report(lemma)
        return known

    def _is_appeal(self, token: Token) -> bool:
        """ "X urged Y to ...", "X called for/on ...", "X condemned the attack": a statement."""
        lemma = token.lemma_.lower()
        if token.pos_ != "VERB":
            return False
        complement = self._verdict(token)
        if not self.lex.has("APPEAL_VERB", lemma) and complement is None:
            return False
        modifier = token.dep_ in {"amod", "acl", "relcl", "compound", "pcomp", "xcomp"}
        if modifier and not (self._misparsed_main(token) or self._relative_speaker(token)):
            return False
        lists = parse_lists(token.doc)
        kids, deps, lowers = lists.children[token.i], lists.deps, lists.lowers
        kid_deps = {deps[c] for c in kids}
        passive = token.tag_ == "VBN" and "auxpass" in kid_deps
        if passive and self._agent(token) is None:
            return False  # "was condemned" without "by" names no speaker
        if "neg" in kid_deps or self._subject(token) is None:
            return False
        if lemma == "deny" and (
            "dative" in kid_deps
            or any(lowers[p] == "to" for c in kids if deps[c] == "dobj" for p in lists.children[c])
        ):
            return False  # "denied entry to journalists", "denied them access": a refusal, not a denial
        if complement is not None:
            return True  # "The Ministry holds armed groups responsible"
        if lemma == "call":  # "called on/for ...", "called the attack 'abhorrent'"
            return any(
                deps[c] in {"prep", "prt"} and lowers[c] in {"on", "for", "upon"} for c in kids
            ) or "oprd" in kid_deps
        return passive or not kid_deps.isdisjoint({"dobj", "xcomp", "ccomp"})

    def _verdict(self, verb: Token) -> Token | None:
        """The complement of a verdict phrase in the lexicon ("hold ... responsible"), else None."""
        lemma = verb.lemma_.lower()
        if lemma not in self.verdict_verbs:
            return None
        for tok in verb.subtree:
            if tok.i <= verb.i or not self.lex.has("APPEAL_VERB", f"{lemma} {tok.lemma_.lower()}"):
                continue
            if tok.head.i != verb.i and tok.i < tok.head.i:
                continue  # "the responsible village" describes; "groups ... responsible for" judges
            node = tok.head  # in the verb's own clause, even when hung on its object
            while node.i != verb.i and node.pos_ not in {"VERB", "AUX"} and node.head.i != node.i:
                node = node.head
            if node.i == verb.i:
                return tok
        return None

    @staticmethod
    def _relative_speaker(verb: Token) -> bool:
        """ "..., US Secretary of State Marco Rubio, who condemned them": a new attribution."""
        return verb.dep_ == "relcl" and any(
            c.dep_ == "nsubj" and c.lower_ in {"who", "which"} for c in verb.children
        )

    def _continues_statement(self, token: Token) -> bool:
        """ "..., adding that ...", "..., saying ..." after a statement verb: the same attribution."""
        return self._statement_head(token) is not None

    @staticmethod
    def _asyndetic(verb: Token) -> bool:
        """A verb parsed as a conjunct with no conjunction before it: "..., the NRC, an aid group, said"."""
        return verb.dep_ == "conj" and not any(
            t.dep_ == "cc" and t.i < verb.i for t in list(verb.children) + list(verb.head.children)
        )

    def _coordinated_saying(self, token: Token) -> bool:
        """ "X accused Y of ... and said ...": a second verb of the same clause, one attribution."""
        if token.dep_ != "conj" or any(c.dep_ in _SUBJ_DEPS for c in token.children):
            return False
        head = token.head
        lemma = head.lemma_.lower()
        return head.pos_ in {"VERB", "AUX"} and (
            self.lex.has("REPORT_VERB", lemma) or self.lex.has("APPEAL_VERB", lemma)
        )

    def _statement_head(self, token: Token) -> Token | None:
        """The statement verb a subjectless participle continues ("urged X to ..., saying")."""
        if token.tag_ != "VBG" or token.dep_ not in _PARTICIPLE_DEPS or token.head.i == token.i:
            return None
        if any(child.dep_ in _SUBJ_DEPS for child in token.children):
            return None
        gov = token.head
        while True:  # "said it had conducted a strike ..., adding that": the nearest saying above
            lemma = gov.lemma_.lower()
            if gov.pos_ in {"VERB", "AUX"} and (
                self.lex.has("REPORT_VERB", lemma) or self.lex.has("APPEAL_VERB", lemma)
            ):
                return gov
            first, end = sentence_range(gov.doc, gov.i)
            if gov.head.i == gov.i or not first <= gov.head.i < end:
                return None
            gov = gov.head

    @staticmethod
    def _participles(verb: Token) -> list[Token]:
        """The participles among ``verb``'s words that may continue its statement (see
        :meth:`_statement_head`), in text order; the other words never do."""
        doc = verb.doc
        tokens, deps = doc_tokens(doc), parse_lists(doc).deps
        return [
            tokens[k]
            for k in range(verb.left_edge.i, verb.right_edge.i + 1)
            if deps[k] in _PARTICIPLE_DEPS and k != verb.i and tokens[k].tag_ == "VBG"
        ]

    def _is_reporting(self, token: Token, unit: Span, quotes: list[tuple[int, int]]) -> bool:
        lists = parse_lists(token.doc)
        if lists.pos[token.i] not in _VERB_POS or not self._may_report_lemma(lists.lemmas[token.i]):
            return False  # the cheap test first: only these lemmas can pass below
        if self._continues_statement(token) or self._coordinated_saying(token):
            return False
        if self._is_appeal(token):
            return True
        lemma = token.lemma_.lower()
        if not self.lex.has("REPORT_VERB", lemma):
            return False
        if lemma == "cite" and token.dep_ in {"advcl", "xcomp", "conj"}:
            return False  # "..., citing X" belongs to the verb it hangs on
        kids, deps = lists.children[token.i], lists.deps
        kid_deps = {deps[c] for c in kids}
        if "neg" in kid_deps:
            return False
        if token.dep_ in {"amod", "acl", "relcl", "compound", "pcomp"} and not (
            self._syntactic_subject(token) or self._misparsed_main(token)
        ):
            return False
        subject = self._subject(token)
        if subject is None:
            return False
        if self.lex.has("ACCUSE_VERB", lemma) or self._agent(token) is not None:
            return True
        if not kid_deps.isdisjoint(_CONTENT_DEPS):
            return True
        active = subject.dep_ == "nsubj" and "auxpass" not in kid_deps
        lowers = lists.lowers
        if active and any(  # "claimed to have killed 80 assailants": a perfect infinitive reports
            deps[c] == "xcomp" and any(deps[a] == "aux" and lowers[a] == "have" for a in lists.children[c])
            for c in kids
        ):
            return True
        if any(deps[c] == "advcl" and lists.lemmas[c] in {"cite", "say"} for c in kids):
            return True
        if any(deps[c] == "prep" and self._that_clause_under(lists, c) is not None for c in kids):
            return True  # "claimed in a statement that ...": the parser hung the clause on the noun
        if lemma in {"report", "confirm", "record", "document"} and "dobj" in kid_deps:
            return True
        if lemma == "tell" and any(
            deps[c] in {"dobj", "dative"} and self._outlet(lists.tokens[c]) for c in kids
        ):
            return True
        if token.dep_ in {"parataxis"}:
            return True
        if self._quotes_under(token, quotes, unit):
            return True
        nxt = token.doc[token.i + 1] if token.i + 1 < len(token.doc) else None
        if nxt is not None and nxt.text == ":":
            return True
        # parenthetical: "..., regional Governor X said in a post on Telegram."
        chain = self._speaker_chain(token)
        first = chain[-1][0] if chain and subject.i < token.i else subject.left_edge.i
        left = token.doc[first - 1] if first > unit.start else None
        if left is not None and left.text in {",", "—", "–", "”", '"'}:
            sent_start, sent_stop = sentence_range(token.doc, token.i)
            if self._own_opener(token, first - 1, max(unit.start, sent_start)):
                return False
            sent_end = min(sent_stop, unit.end)
            right_edge = max(token.right_edge.i + 1, token.i + 1)
            if right_edge >= sent_end - 1 or token.doc[right_edge].text in {",", ";", ".", "—"}:
                return True
        return False

    @staticmethod
    def _that_clause_under(lists: ParseLists, prep: int) -> int | None:
        """The head of a clause opened by "that" that the object of ``prep`` governs, else None."""
        deps, lowers, children = lists.deps, lists.lowers, lists.children
        for obj in children[prep]:
            if deps[obj] != "pobj":
                continue
            for clause in children[obj]:
                if deps[clause] in {"acl", "relcl", "ccomp"} and any(
                    deps[m] == "mark" and lowers[m] == "that" for m in children[clause]
                ):
                    return clause
        return None

    @staticmethod
    def _own_opener(verb: Token, comma: int, start: int) -> bool:
        """True when what comes before ``comma`` is a modifier of ``verb`` itself that opens
        the sentence ("Separately, X claimed ...", "On Monday, ...", "As the fighting went on,
        ..."): then the comma does not close a reported clause."""
        if comma <= start:
            return False
        node = verb.doc[comma - 1]
        while node.head.i != verb.i:
            if node.head.i == node.i:
                return False
            node = node.head
        return node.dep_ in _OPENER_DEPS and node.left_edge.i <= start

    def _subject(self, verb: Token) -> Token | None:
        found = self._syntactic_subject(verb)
        if found is None and verb.tag_ in _FINITE_TAGS and (
            verb.dep_ not in {"conj", "amod", "compound"} or self._asyndetic(verb)
        ):
            chain = self._speaker_chain(verb)
            if chain:  # "..., regional governor Oleh Syniehubov said." parsed without a subject
                return chain[0][2]
        return found

    def _syntactic_subject(self, verb: Token) -> Token | None:
        agent = self._agent(verb)
        if agent is not None:
            return agent
        lists = parse_lists(verb.doc)
        tokens, deps, children = lists.tokens, lists.deps, lists.children
        for c in children[verb.i]:
            if deps[c] in _SUBJ_DEPS and deps[c] != "expl":
                return tokens[c]
        head = lists.heads[verb.i]
        if deps[verb.i] == "advcl" and verb.tag_ == "VBG" and head != verb.i:
            return next((tokens[c] for c in children[head] if deps[c] == "nsubj"), None)
        if deps[verb.i] == "conj" and lists.pos[head] in _VERB_POS:
            if self.lex.has("REPORT_VERB", lists.lemmas[head]):
                return self._subject(tokens[head])
        return None

    @staticmethod
    def _agent(verb: Token) -> Token | None:
        """The speaker of a passive verb of saying: "Fatalities (were) reported by the ministry"."""
        if verb.tag_ != "VBN":
            return None
        lists = parse_lists(verb.doc)
        deps, children = lists.deps, lists.children
        for c in children[verb.i]:
            if deps[c] == "agent":
                return next((lists.tokens[p] for p in children[c] if deps[p] == "pobj"), None)
        return None

    def _speaker_chain(self, verb: Token) -> list[tuple[int, int, Token]]:
        """Comma-separated noun phrases right before ``verb``, nearest first: (start, end, root).

        "..., the head of the city's military administration, Tymur Tkachenko, said" gives
        "Tymur Tkachenko" then "the head of the city's military administration"; the walk stops
        at a clause (a finite verb), a preposition or conjunction opening a phrase, or a quote.
        Read once per verb in a document (the verb's analysis asks several times).
        """
        known = per_doc(verb.doc, "attributions.chains", _new_memo)
        chain = known.get(verb.i)
        if chain is None:
            chain = known[verb.i] = self._read_chain(verb)
        return chain

    def _read_chain(self, verb: Token) -> list[tuple[int, int, Token]]:
        lists = parse_lists(verb.doc)
        tokens, words = lists.tokens, lists.lowers  # the stops are marks: lower case is the text
        floor = sentence_range(verb.doc, verb.i)[0]
        i = verb.i - 1
        if i >= floor and words[i] == ",":
            i -= 1
        chain: list[tuple[int, int, Token]] = []
        while i >= floor and len(chain) < _MAX_CHAIN:
            end = i + 1
            while i >= floor and words[i] not in _CHAIN_STOPS and end - i <= _MAX_NP + 1:
                i -= 1
            start = i + 1
            while start < end and (tokens[start].is_punct or tokens[start].is_space):
                start += 1
            relative = start < end and tokens[start].tag_ in {"WP", "WDT", "WP$"}
            if relative and i >= floor and words[i] == ",":
                i -= 1  # "officials in Kyiv, who asked not to be named, said": describes the next
                continue
            # "a villager who helped recover the bodies told AFP": the phrase before its clause
            clause = next((k for k in range(start + 1, end) if tokens[k].tag_ in {"WP", "WDT"}), end)
            root = self._np_root(verb.doc, start, clause)
            if root is None or (chain and self._is_list(verb.doc[start:end])):
                break
            chain.append((start, end, root))
            if i < floor or words[i] != ",":
                break
            i -= 1
        return chain

    def _is_list(self, span: Span) -> bool:
        """A coordination of names ("Ras Isa and Salif") rather than a title ("Resident and Coordinator")."""
        return any(t.pos_ == "CCONJ" for t in span) and self._title_in(span) is None

    @staticmethod
    def _np_root(doc: Doc, start: int, end: int) -> Token | None:
        """The head of ``doc[start:end]`` when it is a bare noun phrase, else None."""
        if not 0 < end - start <= _MAX_NP:
            return None
        lists, ents = parse_lists(doc), ent_type_ids(doc)
        pos, deps, heads = lists.pos, lists.deps, lists.heads
        words = range(start, min(end, len(doc)))
        if pos[start] in _NON_NP_OPENERS and not ents[start]:
            return None
        for k in words:
            if pos[k] in {"VERB", "AUX"} and deps[k] not in {"amod", "compound"} and not ents[k]:
                return None
        if not any(pos[k] in {"NOUN", "PROPN"} for k in words):
            return None
        roots = [k for k in words if not start <= heads[k] < end or heads[k] == k]
        nouns = [k for k in roots if pos[k] in {"NOUN", "PROPN"}]
        return lists.tokens[(nouns or roots or [words[-1]])[-1]]

    def _chain_source(
        self, verb: Token, context: ArticleContext, people: list[Party]
    ) -> tuple[Source, Party | None, int] | None:
        """The best-named speaker of the apposition chain before ``verb`` and where its words start.

        A named person beats a named body, which beats an unnamed source; the phrase nearest
        the verb wins a tie. The words start at the speaker's phrase, or further left at
        phrases that give its title ("Congo's foreign minister, Therese Kayikwamba Wagner, called").
        """
        chain = self._speaker_chain(verb)
        best: tuple[int, int, Source, Party | None] | None = None
        for n, (start, end, root) in enumerate(chain):
            source, party = self._segment_source(root, start, end, context, people)
            if source is None:
                continue
            rank = 3 if source.kind == "person" and source.name else 2 if source.name else 1
            if best is None or rank > best[0]:
                best = (rank, n, source, party)
        if best is None:
            return None
        _, n, source, party = best
        first, title = self._described_from(chain, n)
        for _start, _end, root in chain[:n]:  # "Khaing Thukha, a spokesman for ..., told"
            title = title or self._title_in(root.doc[_start:_end])
        if title and source.kind == "person" and source.title is None:
            source = source.model_copy(update={"title": title})
        return source, party, first

    def _described_from(self, chain: list[tuple[int, int, Token]], n: int) -> tuple[int, str | None]:
        """Where the speaker's words start: phrase ``n`` of the chain, or further left over
        phrases that describe it ("a police officer, Abdi Hassan"), with the title they give."""
        doc = chain[n][2].doc
        first, title = chain[n][0], None
        for start, end, root in chain[n + 1 :]:
            found = self._title_in(doc[start:end])
            if found is None and not (
                self.lex.has("ANON_NOUN", root.lower_) or self.lex.has("ANON_NOUN", root.lemma_.lower())
            ):
                break
            first, title = start, title or found or root.lower_
        return first, title

    def _chain_override(
        self,
        verb: Token,
        subject: Token,
        source: Source,
        party: Party | None,
        context: ArticleContext,
        people: list[Party],
    ) -> tuple[Source, Party | None, int] | None:
        """The apposition chain's speaker when it names the source better than the parsed subject.

        The parser often hangs a trailing "..., the National Unity Government, the country's
        main opposition group, said" on the last noun of the reported clause; the chain is
        read instead when the subject is missing or unnamed, or when it names a person the
        subject does not.
        """
        if subject.i > verb.i or verb.tag_ not in _FINITE_TAGS:
            return None
        chain = self._speaker_chain(verb)
        if not chain:
            return None
        in_chain = any(start <= subject.i < end for start, end, _ in chain)
        parsed = in_chain and self._syntactic_subject(verb) is not None
        named = party is not None and party.kind != "civilians" and not party.pronoun
        if parsed and named and source.kind == "person":
            return None  # the parsed subject names a person: the chain can name no better
        found = self._chain_source(verb, context, people)
        if found is None:
            return None
        new, _, _ = found
        if not parsed:
            return found  # no subject, or one the parser found further left than the speaker
        if new.kind == "person" and new.name and source.kind != "person":
            return found  # "The UN coordinator for Sudan, Denise Brown, called"
        if new.name and not named:
            return found  # the parsed subject names nobody: "about 50 people, the NUG, ..., said"
        return None

    def _misparsed_main(self, verb: Token) -> bool:
        """A finite verb the parser hung on the speaker ("Congo's foreign minister, X, called for")."""
        return (
            verb.tag_ == "VBD"
            and verb.dep_ in {"acl", "relcl"}
            and self._syntactic_subject(verb) is None
            and any(start <= verb.head.i < end for start, end, _ in self._speaker_chain(verb))
        )

    def _conjoined(
        self, verb: Token, att: Attribution, context: ArticleContext, people: list[Party]
    ) -> list[Attribution]:
        """One more attribution per source coordinated with the first ("police and witnesses said").

        Each starts at its own mention and ends with the first's words; the speaker words must be
        a plain coordination (no commas) whose later conjuncts name a source of their own.
        """
        if "&" not in att.text and "and" not in att.text.lower():
            return []  # no conjunction among the speaker words (they lie inside the text)
        doc = verb.doc
        start = doc.char_span(att.span[0], att.span[1], alignment_mode="expand")
        if start is None or start.start >= verb.i:
            return []
        words = doc[start.start : verb.i]
        if any(t.text in _CHAIN_STOPS for t in words):
            return []
        out: list[Attribution] = []
        for cc in (t for t in words if t.pos_ == "CCONJ" and t.lower_ in {"and", "&"}):
            end = next((t.i for t in doc[cc.i + 1 : verb.i] if t.pos_ == "CCONJ"), verb.i)
            first = cc.i + 1
            root = self._np_root(doc, first, end)
            if root is None:
                continue
            source, _party = self._segment_source(root, first, end, context, people)
            if source is None:
                continue
            begin = doc[first].idx
            out.append(
                att.model_copy(
                    update={
                        "text": text_of(doc)[begin : att.span[1]],
                        "span": (begin, att.span[1]),
                        "source": source,
                        "quote": None,
                        "rule": "attribution.verb.conjoined",
                    }
                )
            )
        return out

    def _title_in(self, span: Span) -> str | None:
        """The longest title words in ``span`` ("head", "foreign minister"), else None."""
        hits = self.lex.phrase_matches(self.resolver.title_matcher, span)
        if not hits:
            return None
        _, _, s, e = max(hits, key=lambda hit: (hit[3] - hit[2], hit[2]))
        return span.doc[s:e].text

    def _segment_source(
        self, root: Token, start: int, end: int, context: ArticleContext, people: list[Party]
    ) -> tuple[Source | None, Party | None]:
        """Who one noun phrase of a chain names; named entities when the resolver knows none."""
        party = self.resolver.resolve(root, people, (start, end))
        if party is not None and not party.pronoun and (party.name or party.anonymous):
            if self._speaking_head(root) is root:  # the party above speaks: no second resolution
                source, party = self._source_for(root, party, context, people)
            else:
                source, party = self._source_of(root, context, people, (start, end))
            return (None, party) if self._names_a_thing(root, party, source) else (source, party)
        if root.pos_ == "NOUN" and not self._can_speak(root):
            return None, party  # "The UN resolution": a thing, whatever names modify it
        ents = ents_within(root.doc, start, end)
        for ent in ents:
            if ent.label_ == "PERSON" and len(ent) >= 2:
                entry = self.kb.lookup(ent.text, fuzzy=False)
                return Source(name=entry.name if entry else ent.text, kind="person"), None
        for ent in ents:
            if ent.label_ == "ORG":
                words = [t for t in ent if not (t.i == ent.start and t.lower_ == "the")]
                name = "".join(t.text_with_ws for t in words).strip()
                entry = self.kb.lookup(name)
                if entry is not None and entry.kind != "person":
                    return Source(name=entry.name, kind=self.kb.source_kind(entry)), None
                return Source(name=name, kind="organization"), None
        return None, party

    def _quotes_under(self, verb: Token, quotes: list[tuple[int, int]], unit: Span) -> list[tuple[int, int]]:
        """Quotes whose nearest reporting-verb ancestor is ``verb``."""
        doc = verb.doc
        mine = []
        for q_start, q_end in quotes:
            span = doc.char_span(q_start, q_end, alignment_mode="expand")
            if span is None or len(span) == 0:
                continue
            token = span[0]
            owner = self._owner_verb(token, span)
            if owner is not None and owner.i == verb.i:
                mine.append((q_start, q_end))
        return mine

    def _owner_verb(self, token: Token, quote: Span) -> Token | None:
        # climb from the quote's root to the first reporting verb outside the quote
        root = quote.root
        node = root
        while True:
            if (
                not (quote.start <= node.i < quote.end)
                and node.pos_ in {"VERB", "AUX"}
                and (
                    self.lex.has("REPORT_VERB", node.lemma_.lower())
                    or self.lex.has("APPEAL_VERB", node.lemma_.lower())
                )
            ):
                while self._coordinated_saying(node):  # "condemned X and said: '...'"
                    node = node.head
                return node
            if node.head.i == node.i:
                break
            node = node.head
        # the quote holds its own clause and the reporting verb follows: '"...," he said'
        if root.head.i == root.i or quote.start <= root.head.i < quote.end:
            first, end = sentence_range(root.doc, root.i)
            for tok in doc_tokens(root.doc)[first:end]:
                if tok.head.i == tok.i and self.lex.has("REPORT_VERB", tok.lemma_.lower()):
                    return tok
        return None

    # -- building ---------------------------------------------------------------------

    @staticmethod
    def _speaker_party(source: Source, verb: Token) -> Party:
        """A person who spoke in this unit, placed at the verb, for a later "he said"."""
        return Party(
            source.name,
            "person",
            verb.i,
            verb.i + 1,
            _UNIT_SPEAKER,
            title=source.title,
            affiliation=source.affiliation,
            source_kind="person",
        )

    def _people_in(self, unit: Span, context: ArticleContext) -> list[Party]:
        people = speaker_parties(unit.doc, context.speakers)
        for ent in unit_ents(unit):
            if ent.label_ in {"PERSON", "ORG"}:
                party = self.resolver.resolve(ent.root, people)
                if party is not None and party.kind == "person" and party.name:
                    people.append(party)
        return people

    def _source_of(
        self, head: Token, context: ArticleContext, people: list[Party], bounds: tuple[int, int] | None = None
    ) -> tuple[Source, Party | None]:
        head = self._speaking_head(head)
        return self._source_for(head, self.resolver.resolve(head, people, bounds), context, people)

    @staticmethod
    def _speaking_head(head: Token) -> Token:
        """``head``, or the antecedent of a relative pronoun ("the IOM, which said ...")."""
        if head.lower_ in {"which", "who", "that"} and head.head.dep_ in {"relcl", "acl"}:
            return head.head.head
        return head

    def _source_for(
        self, head: Token, party: Party | None, context: ArticleContext, people: list[Party]
    ) -> tuple[Source, Party | None]:
        """Who speaks through ``head``, given what the resolver made of it (``party``)."""
        if party is None or party.pronoun:
            return self._follow_up(head, context, people), party
        sub_body = self._sub_body(head, party, context)
        if sub_body is not None:
            return sub_body, party
        if party.rule == "party.ner.org" and party.name and party.name.lower() in self.bodies:
            body = self._unnamed_body(head, context)  # "The Ministry holds": no name, a body
            if body is not None:
                return body, party
        if party.entry_id and party.entry_id.startswith("generic."):
            earlier = self._earlier_body(party.entry_id.split(".", 1)[1], context)
            if earlier is not None:  # "the military said" after "the Israeli military said"
                return earlier, party
            definite = any(t.dep_ == "det" and t.lower_ == "the" for t in head.subtree if t.i < head.i)
            if party.country is None and definite:
                # "the Prosecutor General's Office said": whose office the text does not say
                return Source(name=None, kind=party.source_kind or "government"), party
        if party.anonymous and party.affiliation:
            outlet = self.kb.lookup(party.affiliation, fuzzy=False)
            if outlet is not None and self.kb.source_kind(outlet) == "media":
                return Source(name=outlet.name, kind="media"), party  # "AFP correspondents reported"
        if (
            party.anonymous
            and any(c.lower_ == "the" for c in head.children)
            and party.affiliation is None
            and context.speakers
        ):
            for speaker in reversed(context.speakers):
                if speaker.title and head.lemma_.lower() in speaker.title.lower():
                    return speaker.model_copy(), party
        if party.anonymous:
            return Source(
                name=None, kind="anonymous", title=party.title, affiliation=party.affiliation
            ), party
        if party.name is None or party.kind is None:
            return Source(name=None, kind="anonymous"), party
        if party.kind == "civilians":
            return Source(name=None, kind="anonymous", title=head.lower_), party
        kind = "person" if party.kind == "person" else (party.source_kind or "organization")
        return Source(
            name=party.name,
            kind=kind,
            title=party.title if party.kind == "person" else None,
            affiliation=party.affiliation if party.kind == "person" else None,
        ), party

    def _earlier_body(self, institution: str, context: ArticleContext) -> Source | None:
        """The body a definite generic institution refers back to (see ``PartyResolver.earlier_body``).

        "the military said" after "the Israeli military said" -> Israel Defense Forces.
        """
        names = [s.name for s in reversed(context.speakers) if s.name and s.kind != "person"]
        names += [a.name for a in reversed(context.actors) if a.kind != "person"]
        countries = [loc.country for loc in reversed(context.locations) if loc.country]
        entry = self.resolver.earlier_body(institution, names, countries)
        if entry is None:
            return None
        return Source(name=entry.name, kind=self.kb.source_kind(entry))

    def _follow_up(self, head: Token, context: ArticleContext, people: list[Party]) -> Source:
        lower = head.lower_
        if head.pos_ == "PRON" and lower in {"he", "she"}:
            # the last speaker of this unit, else the last person named before, else of the article
            named = [p for p in people if p.name and (p.rule == "context" or p.start < head.i)]
            ranked = (
                [p for p in named if p.rule == _UNIT_SPEAKER]
                or [p for p in named if p.rule != "context"]
                or named
            )
            if ranked:
                person = ranked[-1]
                return Source(
                    name=person.name, kind="person", title=person.title, affiliation=person.affiliation
                )
            return Source(name=None, kind="person")
        if head.pos_ == "PRON" and lower in {"it", "they", "we"}:
            for speaker in reversed(context.speakers):
                if speaker.kind != "person":
                    return speaker.model_copy()
            return Source(name=None, kind="organization")
        # "the ministry said", "the governor added": the last speaker of that description
        for speaker in reversed(context.speakers):
            words = f"{speaker.name or ''} {speaker.title or ''}".lower()
            if head.lemma_.lower() in words or lower in words:
                return speaker.model_copy()
        body = self._unnamed_body(head, context)
        if body is not None:
            return body
        definite = any(c.dep_ in {"det", "poss"} and c.lower_ not in {"a", "an"} for c in head.children)
        if head.pos_ == "NOUN" and definite and self.lex.has("TITLE", lower):
            return Source(name=None, kind="government", title=lower)  # "the regional governor said"
        organisation = self._organisation_named_at(head)
        if organisation is not None:  # "according to the Democratic Voice of Burma"
            return Source(name=organisation, kind="organization")
        if head.pos_ == "PROPN":
            return self._unknown_name(head)
        return Source(name=None, kind="anonymous", title=head.lower_ if head.pos_ == "NOUN" else None)

    @staticmethod
    def _unknown_name(head: Token) -> Source:
        """A proper name no resolver knows: an acronym names a group ("the SPLM-N said"), a
        plain name is a surname not seen before ("Ahmed said")."""
        doc, start = head.doc, head.i
        while start > 0 and (
            doc[start - 1].pos_ == "PROPN" and doc[start - 1].head.i >= start
            or doc[start - 1].text in _NAME_JOINERS and not doc[start - 1].whitespace_
        ):
            start -= 1
        while start < head.i and doc[start].text in _NAME_JOINERS:
            start += 1
        name = doc[start : head.i + 1].text
        if any(len(t.text) > 1 and t.text.isupper() for t in doc[start : head.i + 1]):
            return Source(name=name, kind="organization")
        return Source(name=name, kind="person")

    @staticmethod
    def _organisation_named_at(head: Token) -> str | None:
        """The name of the organisation NER finds around ``head`` (two words or more, without
        "the"), else None: no resolver knew it, and a word of it is no surname."""
        found = PartyResolver.entity_at(head) if head.ent_type_ == "ORG" else None
        if found is None:
            return None
        start, end = found
        if head.doc[start].lower_ == "the":
            start += 1
        return head.doc[start:end].text if end - start > 1 else None

    def _sub_body(self, head: Token, party: Party, context: ArticleContext) -> Source | None:
        """A body of a known one: "the UN Joint Human Rights Office", "the U.N. mission",
        "the European Union's naval mission Aspides" speak for themselves, not for the UN or EU.

        Read when the head noun is none of the entry's names: a proper name is the body's
        name; an institution noun is the body an earlier mention names, else an unnamed one.
        """
        if not party.entry_id or not party.rule.startswith("party.kb") or party.kind == "person":
            return None
        entry = self.kb.get(party.entry_id)
        if entry is None or head.pos_ not in {"NOUN", "PROPN"} or entry.kind not in _UMBRELLA_KINDS:
            return None  # "the Reuters news agency", "the Houthi movement": the entry itself
        names = " ".join([entry.name, *entry.aliases]).replace(".", "")
        if _has_word(names, head.lower_.replace(".", "")) or head.ent_type_ in {"GPE", "NORP"}:
            return None
        if head.pos_ == "PROPN":
            doc = head.doc
            start = head.i
            while start - 1 >= party.start and doc[start - 1].pos_ == "PROPN":
                start -= 1
            return Source(name=doc[start : head.i + 1].text, kind=self.kb.source_kind(entry))
        if head.lemma_.lower() in self.bodies:
            return self._unnamed_body(head, context)
        return None

    def _past(self, verb: Token) -> str:
        """The verb in past form, as the guidelines write it ("says", "saying" -> "said")."""
        if verb.tag_ in {"VBD", "VBN"}:
            return verb.text.lower()
        lemma = verb.lemma_.lower()
        entry = self.lex.get("REPORT_VERB", lemma) or self.lex.get("APPEAL_VERB", lemma)
        complement = self._verdict(verb)
        if complement is not None:
            entry = self.lex.get("APPEAL_VERB", f"{lemma} {complement.lemma_.lower()}")
        if entry is not None and entry.name:
            return entry.name
        if lemma.endswith("e"):
            return lemma + "d"
        if lemma.endswith("y") and len(lemma) > 1 and lemma[-2] not in "aeiou":
            return lemma[:-1] + "ied"
        return lemma + "ed"

    def _names_a_thing(self, head: Token, party: Party | None, source: Source) -> bool:
        """A common noun that cannot speak heads the subject: "The agreement calls for",
        "The UN resolution demands" (the UN is only its modifier)."""
        if head.pos_ != "NOUN" or self._can_speak(head):
            return False
        if party is None:
            return source.name is None
        if party.kind == "person" or not party.entry_id or self.lex.has("DOC_NOUN", head.lemma_.lower()):
            return False
        entry = self.kb.get(party.entry_id)
        return entry is not None and not _has_word(" ".join([entry.name, *entry.aliases]), head.lower_)

    def _can_speak(self, head: Token) -> bool:
        """Whether a noun no resolver knew can still be a source: a name, a pronoun, an
        unnamed person ("residents"), an institution ("the city council") or an office."""
        lemma = head.lemma_.lower()
        return (
            head.pos_ in {"PROPN", "PRON"}
            or self.lex.has("ANON_NOUN", head.lower_)
            or self.lex.has("ANON_NOUN", lemma)
            or lemma in self.bodies
            or self.lex.has("TITLE", head.lower_)
        )

    def _unnamed_body(self, head: Token, context: ArticleContext) -> Source | None:
        """ "the regional military administration said", "the mission said": an institution.

        An earlier named body whose names hold the noun ("The Mission" after "MONUSCO") is
        the source; else the body stays unnamed with the kind its noun implies.
        """
        lemma = head.lemma_.lower()
        kind = self.bodies.get(lemma) or self.bodies.get(head.lower_)
        if kind is None or head.pos_ not in {"NOUN", "PROPN"}:
            return None
        if not any(c.dep_ in {"det", "poss"} for c in head.children) and head.tag_ not in {"NNS", "NNPS"}:
            return None  # "a group of" or a bare noun is no definite institution
        names = [s for s in reversed(context.speakers) if s.name and s.kind != "person"]
        names += [
            Source(name=a.name, kind="organization")
            for a in reversed(context.actors)
            if a.kind not in {"person", "country", "civilians"}
        ]
        for earlier in names:
            entry = self.kb.lookup(earlier.name or "", fuzzy=False)
            words = [earlier.name or ""] + (entry.aliases if entry is not None else [])
            if any(_has_word(w, lemma) for w in words):
                if entry is not None:
                    return Source(name=entry.name, kind=self.kb.source_kind(entry))
                return earlier.model_copy()
        group = self._group_named_before(head, lemma, context)
        if group is not None:
            return group
        return Source(name=None, kind=kind, title=head.lower_ if kind == "anonymous" else None)

    def _group_named_before(self, head: Token, lemma: str, context: ArticleContext) -> Source | None:
        """"the militant group claimed ..." after "Al-Shabaab militants attacked ...": the armed
        group the article named last, when no other organisation has spoken in it."""
        if lemma != "group" or not any(c.lower_ == "the" for c in head.children):
            return None
        if any(s.name and s.kind == "organization" for s in context.speakers):
            return None  # "the group" may be the rights group that spoke
        group = next((a for a in reversed(context.actors) if a.kind == "group" and a.id), None)
        if group is None:
            return None
        entry = self.kb.lookup(group.name, fuzzy=False)
        return Source(name=group.name, kind=self.kb.source_kind(entry) if entry else "organization")

    def _from_verb(
        self,
        verb: Token,
        unit: Span,
        context: ArticleContext,
        people: list[Party],
        quotes: list[tuple[int, int]],
    ) -> Attribution | None:
        doc = verb.doc
        subject = self._subject(verb)
        if subject is None:
            return None
        source, party = self._source_of(subject, context, people, (unit.start, unit.end))
        if self._names_a_thing(subject, party, source):
            # "The agreement calls for", "The report said": a document or thing, no speaker, unless
            # it is the statement of the last body that spoke ("The statement added that ...")
            earlier = next((s for s in reversed(context.speakers) if s.kind != "person"), None)
            if earlier is None or not self.lex.has("DOC_NOUN", subject.lemma_.lower()):
                rescue = self._chain_source(verb, context, people) if self._speaker_chain(verb) else None
                if rescue is None or rescue[0].name is None:
                    return None
            else:
                source = earlier.model_copy()
        span_tokens: set[int] = {verb.i}
        chained = self._chain_override(verb, subject, source, party, context, people)
        if chained is None and subject.i < verb.i:  # "a police officer, Abdi Hassan, told Reuters"
            chain = self._speaker_chain(verb)
            n = next((k for k, (s, e, _) in enumerate(chain) if s <= subject.i < e), None)
            if n is not None and n + 1 < len(chain):
                first, title = self._described_from(chain, n)
                if first < chain[n][0]:
                    if source.kind == "person" and source.title is None and title:
                        source = source.model_copy(update={"title": title})
                    chained = (source, party, first)
        if chained is not None:
            source, party, chain_start = chained
            span_tokens.update(range(max(chain_start, unit.start), verb.i))
        else:
            span_tokens.update(k for k in subtree_indexes(doc, subject.i) if unit.start <= k < unit.end)
        channel = party.channel if party is not None else None
        via = None
        excluded: set[int] = set()  # children of the verb whose words are left out
        appeal = self._is_appeal(verb)
        lists = parse_lists(doc)
        tokens, deps = lists.tokens, lists.deps
        lemma = lists.lemmas[verb.i]
        for k in lists.children[verb.i]:
            child, dep = tokens[k], deps[k]
            if chained is not None and dep in _SUBJ_DEPS:
                continue  # the chain replaced the parsed subject
            if dep in {"nsubjpass", "auxpass"} and self._agent(verb) is not None:
                excluded.add(k)  # "The attack was claimed by ISWAP"
                continue
            if appeal and dep in {"dobj", "dative", "prt"}:
                in_object = [self._channel_in(p) for p in child.children if p.dep_ == "prep"]
                found_in = next((f for f in in_object if f is not None), None)
                if found_in is not None and channel is None:  # "condemned the attack in a post on X"
                    channel = found_in[0]
                    span_tokens.update(subtree_indexes(doc, k))
                    continue
                excluded.add(k)
                continue
            if dep in _CONTENT_DEPS or dep in {"mark", "cc", "conj", "xcomp"}:
                excluded.add(k)
                continue
            if dep == "advcl" and lists.lemmas[k] == "cite":
                cited = self._cited(child)
                if cited is not None and source.kind == "media":  # an outlet citing its source
                    cited_source, _ = self._source_of(cited, context, people)
                    via = source.name
                    source = cited_source
                span_tokens.update(subtree_indexes(doc, k))
                continue
            if dep == "advcl":
                excluded.add(k)
                continue
            if dep in {"dobj", "dative"} and lemma in {"tell", "inform"}:
                outlet = self._outlet(child)
                if outlet is not None:
                    via = outlet
                # not the outlet's own name: "told Radio Free Asia" was by no radio
                found = self._channel_in(child) if outlet is None else self._channel_after(child)
                if found is not None and channel is None:
                    channel = found[0]
                span_tokens.update(subtree_indexes(doc, k))
                continue
            if k > verb.i and self._is_date_phrase(child):
                excluded.add(k)  # "officials said (on) Saturday"
                continue
            if dep == "prep":
                found = self._channel_in(child)
                if appeal and found is None:  # "called for sanctions": what is demanded
                    excluded.add(k)
                    continue
                if found is None and self._sets_the_scene(child, subject):
                    excluded.add(k)
                    continue
                if found is not None and (channel is None or found[1] >= self._priority(channel)):
                    channel = found[0]
                outlet = self._outlet_in_prep(child)
                if outlet is not None:
                    via = via or outlet
                words = set(subtree_indexes(doc, k))
                clause = self._that_clause_under(lists, k)
                if clause is not None:  # "in a statement that ...": not the reported words
                    words.difference_update(subtree_indexes(doc, clause))
                span_tokens.update(words)
                continue
            if dep in _SPAN_DEPS and not self.lex.has("ACCUSE_VERB", lemma):
                span_tokens.update(subtree_indexes(doc, k))
            elif dep == "agent" or (
                dep in {"aux", "auxpass", "neg", "nsubj", "dobj", "advmod"} and k < verb.i
            ):
                span_tokens.update(subtree_indexes(doc, k))
        # "..., saying on X that ...": a participle that continues this statement names its channel
        participles = self._participles(verb) if channel is None else []
        if participles:  # of several, the last in the subtree's own order names the channel
            for token in participles if len(participles) == 1 else verb.subtree:
                head = self._statement_head(token) if token.i != verb.i else None
                if head is not None and head.i == verb.i:
                    for prep in token.children:
                        found = self._channel_in(prep) if prep.dep_ == "prep" else None
                        if found is not None:
                            channel = found[0]
        # the reported clause's subtree may swallow the chain
        kept = range(chained[2], verb.i) if chained is not None else range(0)
        start, end = self._contiguous(verb, span_tokens, excluded, kept, unit, quotes)
        if channel is None:  # "The junta leader, in a televised speech, said"
            for prep in (tokens[k] for k in range(start, end) if deps[k] == "prep"):
                found = self._channel_in(prep)
                if found is not None:
                    channel = found[0]
                    break
        mine = self._quotes_under(verb, quotes, unit)
        quote = text_of(doc)[mine[0][0] : mine[0][1]] if mine else None
        text = span_text(doc, start, end)
        return Attribution(
            text=text,
            span=(doc[start].idx, doc[start].idx + len(text)),
            rule=f"attribution.verb.{party.rule if party else 'follow_up'}",
            score=0.9 if party is not None and not party.pronoun else 0.7,
            source=source,
            verb=self._past(verb),
            channel=channel,
            via=via,
            quote=quote,
        )

    def _according_to(
        self, token: Token, unit: Span, context: ArticleContext, people: list[Party]
    ) -> Attribution | None:
        doc = token.doc
        to = doc[token.i + 1]
        pobj = next((c for c in to.children if c.dep_ == "pobj"), None)
        if pobj is None:
            pobj = next((c for c in token.children if c.dep_ == "pobj"), None)
        if pobj is None:
            for tok in doc[to.i + 1 : unit.end]:
                if tok.pos_ in {"NOUN", "PROPN"} and tok.head.i < tok.i or tok.dep_ == "pobj":
                    pobj = tok
                    break
        if pobj is None:
            return None
        source, party = self._source_of(pobj, context, people)
        channel = party.channel if party else None
        via = None
        end = max(self.resolver.np_range(pobj)[1], pobj.i + 1)  # no relative clause
        citing = [c for c in pobj.rights if c.dep_ == "acl" and c.lemma_.lower() == "cite"]
        nxt = doc[end + 1] if end + 1 < unit.end and doc[end].text == "," else None
        if not citing and nxt is not None and nxt.lemma_.lower() == "cite" and nxt.tag_ == "VBG":
            citing = [nxt]  # "according to Al Jazeera, citing local health officials"
        for child in citing:
            cited = self._cited(child)
            if cited is not None:
                cited_source, _ = self._source_of(cited, context, people)
                if source.kind == "media":
                    via = source.name
                source = cited_source
                end = max(end, cited.right_edge.i + 1)
        if party is None:
            owned = self._unnamed_owner(pobj, context)
            if owned is not None:  # "according to a statement from the regional administration"
                source, channel, owner_end = owned
                end = max(end, owner_end)
            elif not self._can_speak(pobj):
                return None  # "According to preliminary information": no source
        while end - 1 > pobj.i and doc[end - 1].is_punct:
            end -= 1
        end = min(end, unit.end)
        text = span_text(doc, token.i, end)
        return Attribution(
            text=text,
            span=(token.idx, token.idx + len(text)),
            rule="attribution.according_to",
            score=0.9,
            source=source,
            verb="according to",
            channel=channel,
            via=via,
            quote=None,
        )

    def _unnamed_owner(self, noun: Token, context: ArticleContext) -> tuple[Source, str, int] | None:
        """The unnamed body that issued a document ("a statement from the regional
        administration"), the document's channel name and where the body's words end, else None."""
        entry = self.lex.get("DOC_NOUN", noun.lemma_.lower())
        if entry is None:
            return None
        for prep in noun.children:
            if prep.dep_ == "prep" and prep.lower_ in {"from", "by", "of"}:
                owner = next((c for c in prep.children if c.dep_ == "pobj"), None)
                body = self._unnamed_body(owner, context) if owner is not None else None
                if owner is not None and body is not None and body.kind != "anonymous":
                    return body, entry.name or entry.pattern, owner.right_edge.i + 1
        return None

    # -- pieces ---------------------------------------------------------------------------

    @staticmethod
    def _outlets_as_via(found: list[tuple[Token, Attribution]]) -> list[tuple[Token, Attribution]]:
        """ "Ushakov said ..., the Interfax news agency reported": the outlet carried his words.

        An outlet reporting after another source of the same unit becomes that source's
        ``via`` (and hands it a quote it took), not an attribution of its own.
        """
        out: list[tuple[Token, Attribution]] = []
        for verb, att in sorted(found, key=lambda pair: pair[1].span[0]):
            earlier = out[-1][1] if out else None
            if (
                earlier is not None
                and att.source.kind == "media"
                and att.source.name
                and earlier.source.kind != "media"
                and earlier.via is None
                and earlier.span[1] <= att.span[0]
                and sentence_range(verb.doc, out[-1][0].i) == sentence_range(verb.doc, verb.i)
            ):
                update: dict[str, object] = {"via": att.source.name}
                if earlier.quote is None and att.quote is not None:
                    update["quote"] = att.quote
                out[-1] = (out[-1][0], earlier.model_copy(update=update))
                continue
            out.append((verb, att))
        return out

    def _stray_citing(
        self, verb: Token, att: Attribution, unit: Span, context: ArticleContext, people: list[Party]
    ) -> Attribution:
        """'Axios reported, citing two sources, that ...' where the parser hung 'citing' elsewhere."""
        if att.source.kind != "media" or att.via is not None:
            return att
        first, end = sentence_range(verb.doc, verb.i)
        for token in doc_tokens(verb.doc)[first:end]:
            if (
                token.lemma_.lower() == "cite"
                and token.dep_ == "advcl"
                and token.head.i != verb.i
                and unit.start <= token.i < unit.end
                and abs(token.i - verb.i) <= 3
            ):
                cited = self._cited(token)
                if cited is not None:
                    source, _ = self._source_of(cited, context, people)
                    return att.model_copy(update={"source": source, "via": att.source.name})
        return att

    def _cited(self, citing: Token) -> Token | None:
        for child in citing.children:
            if child.dep_ in {"dobj", "pobj", "attr"}:
                return child
        return None

    def _outlet(self, token: Token) -> str | None:
        party = self.resolver.resolve(token)
        if party is not None and party.source_kind == "media":
            return party.name
        return self._described_outlet(token)

    def _described_outlet(self, token: Token) -> str | None:
        """An outlet the knowledge base does not know, named next to a media noun:
        "told state broadcaster RTS", "told the Kommersant newspaper"."""
        phrase = [t for t in token.subtree if t.i <= token.i or t.dep_ in {"appos", "compound"}]
        if not any(self.bodies.get(t.lemma_.lower()) == "media" for t in phrase):
            return None
        names = [t for t in phrase if t.pos_ == "PROPN"]
        if not names:
            return None
        run = [names[-1]]
        for t in reversed(names[:-1]):
            if t.i != run[0].i - 1:
                break
            run.insert(0, t)
        return token.doc[run[0].i : run[-1].i + 1].text

    def _outlet_in_prep(self, prep: Token) -> str | None:
        for tok in prep.subtree:
            if tok.dep_ == "pobj" and tok.head.lower_ in {"with", "to"}:
                outlet = self._outlet(tok)
                if outlet:
                    return outlet
        return None

    def _priority(self, channel: str) -> int:
        best = 0
        for entry in self.lex.by_label.get("CHANNEL", {}).values():
            if entry.name == channel:
                best = max(best, entry.priority)
        return best

    def _sets_the_scene(self, prep: Token, subject: Token) -> bool:
        """True for a phrase opening the sentence before the speaker that is no channel,
        outlet or date: the setting of what is reported ("In Russia's Belgorod region, a
        drone attack injured three, the governor said"; "In Kyiv, the mayor said")."""
        return (
            prep.right_edge.i < subject.left_edge.i
            and self._outlet_in_prep(prep) is None
            and not self._is_date_phrase(prep)
        )

    def _channel_after(self, outlet: Token) -> tuple[str, int] | None:
        """A channel in a phrase attached to the outlet's name ("told Reuters in an interview"
        parsed under "Reuters")."""
        for child in outlet.children:
            if child.i > outlet.i and child.dep_ == "prep":
                found = self._channel_in(child)
                if found is not None:
                    return found
        return None

    def _channel_in(self, prep: Token) -> tuple[str, int] | None:
        doc = prep.doc
        span = doc[prep.left_edge.i : prep.right_edge.i + 1]
        best: tuple[str, int] | None = None
        best_len = 0
        for _label, key, s, e in self.lex.phrase_matches(self.channel_matchers, span):
            entry = self.lex.get("CHANNEL", key)
            if entry is None:
                continue
            root = doc[s:e].root
            if root.dep_ not in {"pobj", "dobj", "compound", "appos", "conj"} and entry.priority < 2:
                continue
            name = entry.name or entry.pattern
            # a platform beats a format, the first platform named ("Telegram messaging app") the
            # rest; of two formats the longer ("televised statement") wins
            longer = entry.priority < 2 and e - s > best_len
            if best is None or entry.priority > best[1] or (entry.priority == best[1] and longer):
                best, best_len = (name, entry.priority), e - s
        if best is None or best[1] < 2:
            for tok in span:
                if tok.text in {"X", "X."} and tok.dep_ == "pobj" and tok.head.lower_ == "on":
                    return ("X", 2)
        if best is None:
            named = self._named_channel(span)
            if named is not None:
                return (named, 2)
        return best

    def _named_channel(self, span: Span) -> str | None:
        """ "on its Az-Zallaqa media channel": the proper name of an outlet of the speaker's own."""
        for tok in span:
            if tok.dep_ != "pobj" or not self.lex.has("ORG_NOUN", tok.lemma_.lower()):
                continue
            if not any(c.dep_ == "poss" and c.pos_ == "PRON" for c in tok.children):
                continue
            names = [t for t in span.doc[tok.left_edge.i : tok.i] if t.pos_ == "PROPN"]
            if names:
                return span.doc[names[0].i : names[-1].i + 1].text
        return None

    @staticmethod
    def _is_date_phrase(child: Token) -> bool:
        """ "on Tuesday", "Saturday", "late on Sunday": date words, not part of the clause's words."""
        if child.dep_ not in {"prep", "npadvmod", "advmod", "tmod"}:
            return False
        doc = child.doc
        lists, ents = parse_lists(doc), ent_type_ids(doc)
        words = [k for k in subtree_indexes(doc, child.i) if not (k == child.i and lists.deps[k] == "prep")]
        if not any(ents[k] in _DATE_TYPES for k in words):
            return False
        tokens, pos = lists.tokens, lists.pos
        return all(ents[k] in _DATE_TYPES or tokens[k].is_punct or pos[k] in {"ADV", "ADP"} for k in words)

    @staticmethod
    def _crosses(doc: Doc, punct: int) -> bool:
        """Whether the clause's words go on past punctuation after the verb: only into
        "..., citing X" (never into an apposition: "said, the first time ...")."""
        if doc[punct].text != ",":
            return not doc[punct].is_space and doc[punct].text not in {".", ";", ":", "—", "–"}
        return punct + 1 < len(doc) and doc[punct + 1].lemma_.lower() == "cite"

    def _contiguous(
        self,
        verb: Token,
        tokens: set[int],
        excluded: set[int],
        kept: range,
        unit: Span,
        quotes: list[tuple[int, int]],
    ) -> tuple[int, int]:
        """The clause's words around ``verb``: ``tokens`` (and marks between them) up to a
        quote or a word under one of the ``excluded`` children of the verb, unless ``kept``."""
        doc = verb.doc
        quoted: set[int] = set()
        for q_start, q_end in quotes:
            span = doc.char_span(q_start, q_end, alignment_mode="expand")
            if span is not None:
                quoted.update(range(span.start, span.end))
        heads = parse_lists(doc).heads

        def blocked(k: int) -> bool:
            return k in quoted or (k not in kept and _under(heads, verb.i, excluded, k))

        start = verb.i
        while start - 1 >= unit.start and not blocked(start - 1) and (
            (start - 1) in tokens
            or (doc[start - 1].is_punct and start - 2 in tokens and not blocked(start - 2))
        ):
            start -= 1
        end = verb.i + 1
        while (
            end < unit.end
            and not blocked(end)
            and (end in tokens or (doc[end].is_punct and end + 1 in tokens and self._crosses(doc, end)))
        ):
            end += 1
        while end - 1 > verb.i and (
            doc[end - 1].is_punct or doc[end - 1].dep_ == "cc" or doc[end - 1].pos_ == "ADP"
        ):
            end -= 1
        while start < verb.i and doc[start].is_punct:
            start += 1
        return start, end


def remember(context: ArticleContext, attributions: list[Attribution]) -> None:
    """Record named speakers of ``attributions`` in ``context`` (what the assembler does)."""
    for att in attributions:
        context.remember_speaker(att.source)


__all__ = ["AttributionExtractor", "find_quotes", "get_resolver", "remember", "Doc"]
