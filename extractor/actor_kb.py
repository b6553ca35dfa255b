"""Actor knowledge base: entries from ``patterns/actors/``, an alias index and a fuzzy linker.

Shared by :mod:`extractor.actors` and :mod:`extractor.attributions`. Entries carry an id, a
canonical name, aliases (acronyms and long forms resolve to the same entry), a kind from the
contract and an ISO country. Countries also list demonyms ("Ukrainian") and capitals used as
metonyms ("Moscow said"). Generic national institutions ("air force", "Ministry of Defence")
combine with a country into "<demonym> <institution>" unless a named entry has the same country
and institution ("Israel's military" -> Israel Defense Forces).
"""

from __future__ import annotations

import logging
import re
import unicodedata
from bisect import bisect_left
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal

from pydantic import Field
from rapidfuzz import fuzz, process
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span

from .models import ActorKind, SourceKind
from .resources import PatternModel, load_jsonl
from .spans import longest_first, per_doc

logger = logging.getLogger(__name__)

ISO2 = r"^[A-Z]{2}$"


class ActorEntry(PatternModel):
    """One actor in ``patterns/actors/{countries,organizations,people}.jsonl``."""

    id: str = Field(min_length=1)
    name: str = Field(min_length=1)
    kind: ActorKind
    country: str | None = Field(default=None, pattern=ISO2)
    aliases: list[str] = Field(default_factory=list)
    demonyms: list[str] = Field(default_factory=list)
    capitals: list[str] = Field(default_factory=list)
    title: str | None = None
    affiliation: str | None = None
    institution: str | None = Field(
        default=None, description="Generic institution type this named body instantiates."
    )
    source_kind: SourceKind | None = Field(
        default=None, description="Kind when quoted as a source, if not derived from kind."
    )


class InstitutionEntry(PatternModel):
    """A generic national institution in ``patterns/actors/institutions.jsonl``."""

    id: str = Field(pattern=r"^inst\.[a-z_]+$")
    name: str
    kind: ActorKind
    aliases: list[str] = Field(min_length=1)
    generic: str = Field(description="Name used when no country qualifies the institution.")
    qualified_only: list[str] = Field(
        default_factory=list,
        description="Aliases that name the institution only with a country or body before them "
        "('Russian artillery', not 'artillery').",
    )


LexiconLabel = Literal[
    "REPORT_VERB",
    "APPEAL_VERB",
    "ACCUSE_VERB",
    "AUDIENCE",
    "CHANNEL",
    "DOC_NOUN",
    "ANON_NOUN",
    "TITLE",
    "ATTACK_NOUN",
    "HARM_VERB",
    "VICTIM_NOUN",
    "ARMED_NOUN",
    "TARGET_NOUN",
    "TRANSFER_NOUN",
    "PLACE_NOUN",
    "ORG_NOUN",
    "PROTEST_NOUN",
    "CLASH_WORD",
    "ADDRESS_VERB",
    "CONDEMN_VERB",
    "REPEL_VERB",
    "SUPPORT_VERB",
    "INTERCEPT_VERB",
    "RECEIVE_VERB",
    "BACKGROUND_MARK",
    "BLOC_NOUN",
    "LOSS_NOUN",
    "DEPLOY_VERB",
    "RECORD_VERB",
    "NON_ORG_NOUN",
    "DENY_VERB",
    "CAPTURE_VERB",
    "AGENT_NOUN",
    "STATE_WORD",
    "UNIT_NOUN",
    "GENERIC_PERSON",
    "SUFFER_VERB",
    "QUANTITY_NOUN",
    "PERSON_HARM_VERB",
    "COMPASS_WORD",
    "WEAPON_NOUN",
    "VESSEL_NOUN",
]


class LexiconEntry(PatternModel):
    """A vocabulary item: a lemma or a lower-case phrase with a label and a stable id."""

    id: str = Field(min_length=1)
    label: LexiconLabel
    pattern: str = Field(min_length=1)
    name: str | None = Field(default=None, description="Canonical form (channels).")
    priority: int = 0
    case_sensitive: bool = False


SOURCE_KIND_OF: dict[str, SourceKind] = {
    "country": "government",
    "military": "government",
    "government": "government",
    "organization": "organization",
    "group": "organization",
    "media": "media",
    "person": "person",
    "civilians": "anonymous",
}

_QUOTES = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"'})
# (?<!\s): a match starts only where a space run does, so a long run costs linear time
_STRIP = re.compile(r"^(the|a|an)\s+|(?<!\s)\s+(news agency|agency|news service|newspaper|daily)$")


@lru_cache(maxsize=16384)
def normalise(text: str) -> str:
    """Fold case, quotes, accents and a leading article, for alias look-up (memoised: the
    stages fold the same names again and again)."""
    text = unicodedata.normalize("NFKD", text.translate(_QUOTES))
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = re.sub(r"\s+", " ", text.strip().lower())
    text = re.sub(r"(?<!\s)\s*'\s*s\b", "'s", text)
    previous = None
    while previous != text:
        previous, text = text, _STRIP.sub("", text).strip()
    return text


_SHORT_ACRONYM = re.compile(r"\b(UN|US|EU|UK)\b(?=\s)")


def dotted_acronyms(alias: str) -> str:
    """ "UN humanitarian office" -> "U.N. humanitarian office" (the AP/Reuters spelling)."""
    return _SHORT_ACRONYM.sub(lambda m: ".".join(m.group(1)) + ".", alias)


def _is_acronym(alias: str) -> bool:
    letters = [ch for ch in alias if ch.isalpha()]
    return bool(letters) and len(alias) <= 6 and sum(ch.isupper() for ch in letters) >= 2


@dataclass(frozen=True)
class KBMatch:
    """A knowledge-base hit in a document: token range, entry and how it matched."""

    start: int
    end: int
    entry: ActorEntry
    how: Literal["alias", "demonym", "capital"]


_NO_ENTRIES: dict[str, LexiconEntry] = {}
#: The shared answers of :meth:`ActorKB.find` and :meth:`ActorKB.find_institutions` for a
#: range without hits (their answers are shared: callers never change them).
_NO_MATCHES: list[KBMatch] = []
_NO_INSTITUTIONS: list[tuple[int, int, str]] = []


class Lexicon:
    """Vocabulary by label; phrases are matched on lower-case text or lemmas."""

    def __init__(self, entries: Iterable[LexiconEntry]):
        self.entries = list(entries)
        self.by_label: dict[str, dict[str, LexiconEntry]] = {}
        for entry in self.entries:
            key = entry.pattern if entry.case_sensitive else entry.pattern.lower()
            self.by_label.setdefault(entry.label, {}).setdefault(key, entry)
        self._joined: dict[tuple[str, ...], frozenset[str]] = {}

    def has(self, label: str, word: str) -> bool:
        """Whether ``word`` (a lemma or lower-case phrase) carries ``label``."""
        table = self.by_label.get(label, _NO_ENTRIES)
        return word in table or word.lower() in table

    def words(self, *labels: str) -> frozenset[str]:
        """The vocabulary of ``labels`` joined, built once per set of labels."""
        words = self._joined.get(labels)
        if words is None:
            words = frozenset(key for label in labels for key in self.by_label.get(label, _NO_ENTRIES))
            self._joined[labels] = words
        return words

    def has_any(self, labels: tuple[str, ...], word: str) -> bool:
        """Whether ``word`` carries one of ``labels`` (one look-up in their joined vocabulary)."""
        words = self.words(*labels)
        return word in words or word.lower() in words

    def get(self, label: str, word: str) -> LexiconEntry | None:
        table = self.by_label.get(label, _NO_ENTRIES)
        return table.get(word) or table.get(word.lower())

    def matcher(self, nlp: Language, labels: Iterable[str]) -> tuple[PhraseMatcher, PhraseMatcher]:
        """Phrase matchers (lower-case, exact-case) for the phrases of ``labels``."""
        matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        exact = PhraseMatcher(nlp.vocab, attr="ORTH")
        for label in labels:
            for key, entry in self.by_label.get(label, {}).items():
                target = exact if entry.case_sensitive else matcher
                target.add(f"{label}|{key}", [nlp.make_doc(entry.pattern)])
        return matcher, exact

    def phrase_matches(
        self, matchers: tuple[PhraseMatcher, PhraseMatcher], doc: Doc | Span
    ) -> list[tuple[str, str, int, int]]:
        """(label, key, start, end) for every phrase hit, exact-case ones included."""
        out = []
        for m in list(matchers[0](doc)) + list(matchers[1](doc)):
            label, key = doc.vocab.strings[m[0]].split("|", 1)
            out.append((label, key, m[1], m[2]))
        return out


def load_lexicon(paths: Iterable[Path]) -> Lexicon:
    """Load and validate lexicon files."""
    entries: list[LexiconEntry] = []
    for path in paths:
        entries.extend(load_jsonl(path, LexiconEntry))
    return Lexicon(entries)


class AliasIndex:
    """Name -> entry id over the actor entries, without spaCy (used to score actor names).

    Acronyms match exactly ("JNIM"), other names after :func:`normalise` ("the Houthis" ->
    "Houthis"). No fuzzy matching: two names are the same actor only when both are listed
    names of one entry.
    """

    def __init__(self, entries: Iterable[ActorEntry]):
        self.acronyms: dict[str, str] = {}
        self.names: dict[str, str] = {}
        self.country_of_word: dict[str, str] = {}
        entries = list(entries)
        for entry in entries:
            for alias in (entry.name, *entry.aliases):
                if _is_acronym(alias):
                    self.acronyms.setdefault(alias, entry.id)
                self.names.setdefault(normalise(alias), entry.id)
            if entry.kind == "country":
                for word in (entry.name, *entry.aliases, *entry.demonyms):
                    self.country_of_word.setdefault(normalise(word), normalise(entry.name))

    def national_key(self, name: str | None) -> str:
        """``name`` normalised with country words folded to the country's name.

        "Pakistani Armed Forces", "Pakistan's armed forces" and "Pakistan Armed Forces" give
        one key: the same national body written with a demonym or the country name.
        """
        if not name:
            return ""
        words = normalise(name).replace("'s ", " ").split()
        out = []
        i = 0
        while i < len(words):
            for size in (3, 2, 1):
                phrase = " ".join(words[i : i + size])
                if len(words[i : i + size]) == size and phrase in self.country_of_word:
                    out.append(self.country_of_word[phrase])
                    i += size
                    break
            else:
                out.append(words[i])
                i += 1
        return " ".join(out)

    @classmethod
    def from_dir(cls, patterns_dir: Path) -> AliasIndex:
        """Read ``patterns_dir/actors/{countries,organizations,people}.jsonl`` (validated)."""
        folder = patterns_dir / "actors"
        entries: list[ActorEntry] = []
        for name in ("countries.jsonl", "organizations.jsonl", "people.jsonl"):
            entries.extend(load_jsonl(folder / name, ActorEntry))
        return cls(entries)

    def resolve(self, name: str | None) -> str | None:
        """The id of the entry ``name`` is a listed name of, or None."""
        if not name:
            return None
        stripped = name.strip().strip(",.;:")
        if stripped in self.acronyms:
            return self.acronyms[stripped]
        return self.names.get(normalise(stripped))


class _DocHits:
    """The (label, start, end) matcher hits of one document in text order, their starts (for
    bisection) and the answers already given for token ranges (the stages ask about the same
    phrases again): one cache entry per document and matcher."""

    __slots__ = ("answers", "hits", "matches", "starts")

    def __init__(self, hits: list[tuple[int, int, int]]):
        self.hits = sorted(hits, key=lambda hit: hit[1])
        self.starts = [hit[1] for hit in self.hits]
        self.answers: dict[tuple[int, int], Any] = {}
        self.matches: dict[tuple[int, int, int], KBMatch] = {}  # one per hit, shared by the answers

    def longest_within(self, start: int, end: int) -> list[tuple[int, int, int]]:
        """The longest non-overlapping hits lying inside tokens ``start:end``, in text order
        (:func:`longest_first`'s choice; most ranges hold no overlapping hits, kept as found)."""
        hits, starts = self.hits, self.starts
        inside: list[tuple[int, int, int]] = []
        reach = -1  # the end of the hits kept so far
        overlap = False
        for k in range(bisect_left(starts, start), len(starts)):
            hit = hits[k]
            if hit[1] >= end:
                break
            if hit[2] <= end:
                overlap = overlap or hit[1] < reach
                reach = max(reach, hit[2])
                inside.append(hit)
        return longest_first(inside) if overlap else inside

    def none_start_within(self, start: int, end: int) -> bool:
        """Whether no hit starts inside tokens ``start:end`` (most phrases asked about hold
        none: answered without building or keeping an answer)."""
        first = bisect_left(self.starts, start)
        return first == len(self.starts) or self.starts[first] >= end


class ActorKB:
    """Alias index, phrase matcher and fuzzy linker over the actor entries."""

    def __init__(
        self,
        nlp: Language,
        entries: list[ActorEntry],
        institutions: list[InstitutionEntry],
        fuzzy_threshold: float = 90.0,
    ):
        self.entries = {entry.id: entry for entry in entries}
        self.institutions = {inst.id: inst for inst in institutions}
        self.fuzzy_threshold = fuzzy_threshold
        self.alias_index: dict[str, str] = {}
        self.acronyms: dict[str, str] = {}
        self.country_words: dict[str, tuple[str, str]] = {}
        self.by_country_institution: dict[tuple[str, str], str] = {}
        self.demonym_of: dict[str, str] = {}
        self.matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.exact_matcher = PhraseMatcher(nlp.vocab, attr="ORTH")
        self.institution_matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        for entry in entries:
            self._index(nlp, entry)
        for inst in institutions:
            for alias in inst.aliases:
                self.institution_matcher.add(inst.id, [nlp.make_doc(alias)])
        self._fuzzy_keys = [key for key in self.alias_index if len(key) >= 5]
        self._label_parts: dict[int, tuple[str, str]] = {}
        self._national_body_once: Callable[[str | None, str], ActorEntry] = lru_cache(maxsize=4096)(
            self._national_body
        )
        self._lookup_once: Callable[[str, bool], ActorEntry | None] = lru_cache(maxsize=8192)(self._lookup)

    @classmethod
    def from_dir(cls, nlp: Language, patterns_dir: Path, fuzzy_threshold: float) -> ActorKB:
        """Load ``patterns_dir/actors/*.jsonl`` (validated) and build the indexes."""
        folder = patterns_dir / "actors"
        entries: list[ActorEntry] = []
        for name in ("countries.jsonl", "organizations.jsonl", "people.jsonl"):
            entries.extend(load_jsonl(folder / name, ActorEntry))
        institutions = load_jsonl(folder / "institutions.jsonl", InstitutionEntry)
        return cls(nlp, entries, institutions, fuzzy_threshold)

    def _index(self, nlp: Language, entry: ActorEntry) -> None:
        names = [entry.name, *entry.aliases]
        names += [alias.replace("'", "’") for alias in names if "'" in alias]
        names += [dotted for alias in names if (dotted := dotted_acronyms(alias)) != alias]
        for alias in names:
            if _is_acronym(alias):
                self.acronyms.setdefault(alias, entry.id)
                self.exact_matcher.add(f"alias|{entry.id}", [nlp.make_doc(alias)])
            else:
                self.alias_index.setdefault(normalise(alias), entry.id)
                self.matcher.add(f"alias|{entry.id}", [nlp.make_doc(alias)])
        for demonym in entry.demonyms:
            self.matcher.add(f"demonym|{entry.id}", [nlp.make_doc(demonym)])
            self.country_words.setdefault(demonym.lower(), (entry.id, "demonym"))
        if entry.demonyms:
            self.demonym_of[entry.id] = entry.demonyms[0]
        for capital in entry.capitals:
            self.matcher.add(f"capital|{entry.id}", [nlp.make_doc(capital)])
            self.country_words.setdefault(capital.lower(), (entry.id, "capital"))
        if entry.kind == "country":
            for alias in names:
                self.country_words.setdefault(alias.lower(), (entry.id, "alias"))
        if entry.institution and entry.country:
            self.by_country_institution.setdefault((entry.country, entry.institution), entry.id)

    # -- look-up ------------------------------------------------------------------------

    def get(self, entry_id: str) -> ActorEntry | None:
        return self.entries.get(entry_id)

    def lookup(self, text: str, fuzzy: bool = True) -> ActorEntry | None:
        """The entry for a name: acronym, exact alias, else the best fuzzy alias.

        Memoised per name: the stages look the same names up again and again.

        Args:
            text: a candidate name ("the Associated Press news agency").
            fuzzy: also try rapidfuzz against aliases above the threshold.
        """
        return self._lookup_once(text, fuzzy)

    def _lookup(self, text: str, fuzzy: bool) -> ActorEntry | None:
        stripped = text.strip().strip(",.;:")
        if stripped in self.acronyms:
            return self.entries[self.acronyms[stripped]]
        key = normalise(stripped)
        if key in self.alias_index:
            return self.entries[self.alias_index[key]]
        if not fuzzy or len(key) < 5:
            return None
        best = process.extractOne(key, self._fuzzy_keys, scorer=fuzz.ratio, score_cutoff=self.fuzzy_threshold)
        return self.entries[self.alias_index[best[0]]] if best else None

    def country(self, word: str) -> ActorEntry | None:
        """The country a name, demonym or capital refers to ("Ukrainian" -> Ukraine)."""
        hit = self.country_words.get(word.strip().lower().translate(_QUOTES))
        if hit is None and word.lower().endswith("'s"):
            hit = self.country_words.get(word.lower()[:-2])
        return self.entries[hit[0]] if hit else None

    def country_by_iso(self, iso: str) -> ActorEntry | None:
        return self.entries.get(f"country.{iso.lower()}")

    def national_body(self, iso: str | None, institution_id: str) -> ActorEntry:
        """A country's institution: the named entry if one exists, else a composed entry
        (composed once per country and institution)."""
        return self._national_body_once(iso, institution_id)

    def _national_body(self, iso: str | None, institution_id: str) -> ActorEntry:
        inst = self.institutions[institution_id]
        short = institution_id.split(".", 1)[1]
        if iso:
            named = self.by_country_institution.get((iso, short))
            if named:
                return self.entries[named]
            country = self.country_by_iso(iso)
            demonym = self.demonym_of.get(country.id, country.name) if country else iso
            return ActorEntry(
                id=f"{iso.lower()}.{short}",
                name=f"{demonym} {inst.name}",
                kind=inst.kind,
                country=iso,
            )
        return ActorEntry(id=f"generic.{short}", name=inst.generic, kind=inst.kind)

    def find(self, doc: Doc, start: int, end: int) -> list[KBMatch]:
        """Longest non-overlapping knowledge-base hits in ``doc[start:end]``.

        Computed once per range and document (the stages ask about the same phrases again):
        the list is shared, callers must not change it.
        """
        return self.find_in(per_doc(doc, "kb.names", self._name_hits), doc, start, end)

    def names_of(self, doc: Doc) -> _DocHits:
        """The document's name hits (:meth:`find_in` answers from them), matched once per document."""
        return per_doc(doc, "kb.names", self._name_hits)

    def find_in(self, names: _DocHits, doc: Doc, start: int, end: int) -> list[KBMatch]:
        """:meth:`find` with the document's hits (:meth:`names_of`) in hand."""
        if names.none_start_within(start, end):
            return _NO_MATCHES
        found: list[KBMatch] | None = names.answers.get((start, end))
        if found is None:
            found = names.answers[start, end] = [
                self._match(doc, names, hit) for hit in names.longest_within(start, end)
            ]
        return found

    def _match(self, doc: Doc, names: _DocHits, hit: tuple[int, int, int]) -> KBMatch:
        """The :class:`KBMatch` of a matcher hit, made once per hit and document."""
        match = names.matches.get(hit)
        if match is None:
            label, s, e = hit
            parts = self._label_parts.get(label)
            if parts is None:
                how, entry_id = doc.vocab.strings[label].split("|", 1)
                parts = self._label_parts[label] = (how, entry_id)
            match = names.matches[hit] = KBMatch(s, e, self.entries[parts[1]], parts[0])  # type: ignore[arg-type]
        return match

    def find_institutions(self, doc: Doc, start: int, end: int) -> list[tuple[int, int, str]]:
        """(start, end, institution id) for generic institution words in ``doc[start:end]``.

        Computed once per range and document, like :meth:`find` (the list is shared).
        """
        return self.institutions_in(per_doc(doc, "kb.institutions", self._institution_hits), doc, start, end)

    def institutions_of(self, doc: Doc) -> _DocHits:
        """The document's institution hits (:meth:`institutions_in` answers from them)."""
        return per_doc(doc, "kb.institutions", self._institution_hits)

    def institutions_in(
        self, institutions: _DocHits, doc: Doc, start: int, end: int
    ) -> list[tuple[int, int, str]]:
        """:meth:`find_institutions` with the document's hits (:meth:`institutions_of`) in hand."""
        if institutions.none_start_within(start, end):
            return _NO_INSTITUTIONS
        found: list[tuple[int, int, str]] | None = institutions.answers.get((start, end))
        if found is None:
            hits = institutions.longest_within(start, end)
            found = [(s, e, doc.vocab.strings[label]) for label, s, e in hits]
            institutions.answers[start, end] = found
        return found

    def _name_hits(self, doc: Doc) -> _DocHits:
        """Every alias, demonym and capital hit in ``doc`` (matched once per document)."""
        return _DocHits([*self.matcher(doc), *self.exact_matcher(doc)])

    def _institution_hits(self, doc: Doc) -> _DocHits:
        return _DocHits(list(self.institution_matcher(doc)))

    def source_kind(self, entry: ActorEntry) -> SourceKind:
        """How an entry is typed when it is quoted as a source."""
        return entry.source_kind or SOURCE_KIND_OF[entry.kind]
