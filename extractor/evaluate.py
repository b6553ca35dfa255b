"""Scoring extracted documents against the annotated samples (``samples/*.gold.json``).

Pure functions over pydantic objects: :func:`load_gold` reads and validates one gold file,
:func:`score` compares ``(gold, predicted)`` pairs and returns a :class:`Report` with
precision, recall and F1 per field, micro-averaged over all documents. The matching rules
are documented in ``samples/README.md`` ("How the scores are computed"):

- Events: predicted to gold events by span overlap, greedily (largest overlap first), one to one.
- Mentions (actors, locations, counts, attributions) are matched within each document by span
  overlap plus a field test (same normalised name, same value, compatible source), greedily.
  Actor and source names also match when both are listed names of one actor knowledge-base
  entry ("JNIM" and "Jama'at Nusrat al-Islam wal-Muslimin"): see :func:`same_actor`.
  A mention nobody matched is a miss (gold) or spurious (predicted), whatever event it sits in.
- Attribute fields (types, roles, geonames_ids, admin1, count_categories, channels, quotes,
  dates) are scored on matched pairs only: equal values are true positives; a predicted
  value that is wrong or has no gold value is a false positive; a gold value that is wrong
  or missing in the prediction is a false negative. ``geonames_ids`` only scores locations
  whose gold id is known.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ConfigDict, Field, ValidationError
from rapidfuzz import fuzz

from .actor_kb import AliasIndex
from .errors import EvaluationError
from .models import Actor, Attribution, Count, Document, Event, Location
from .resources import load_json

T = TypeVar("T")
G = TypeVar("G")
P = TypeVar("P")

GOLD_SUFFIX = ".gold.json"

#: Fields in the order the table shows them.
FIELDS: tuple[str, ...] = (
    "events", "types", "dates",
    "actors", "roles",
    "locations", "geonames_ids", "admin1",
    "counts", "count_categories",
    "attributions", "channels", "quotes",
)

#: Minimum rapidfuzz ratio (0-100) for two normalised quotes to count as the same.
QUOTE_MIN_RATIO = 90.0


# --------------------------------------------------------------------------- gold models


class GoldEvent(Event):
    """An annotated event: the output Event, with id and confidence optional."""

    id: str | None = None  # type: ignore[assignment]
    confidence: float | None = None  # type: ignore[assignment]


class GoldDocument(BaseModel):
    """An annotated article: the output Document's doc_id, published, title and events."""

    model_config = ConfigDict(extra="forbid")

    doc_id: str
    published: str | None = None
    title: str | None = None
    url: str | None = None
    events: list[GoldEvent] = Field(default_factory=list)


def _mentions(event: Any) -> Iterable[tuple[str, Any]]:
    if event.date is not None and event.date.span is not None:
        yield "date", event.date
    for name in ("actors", "locations", "counts", "attributions"):
        for item in getattr(event, name):
            yield name, item


def check_spans(gold: GoldDocument, text: str) -> list[str]:
    """Every span of ``gold`` that does not read back its text from ``text``.

    Returns:
        One message per bad span (empty when all read back exactly).
    """
    problems: list[str] = []
    for number, event in enumerate(gold.events, 1):
        items: list[tuple[str, Any]] = [("event", event), *_mentions(event)]
        for kind, item in items:
            start, end = item.span
            if not 0 <= start <= end <= len(text) or text[start:end] != item.text:
                problems.append(
                    f"event {number} {kind} span {list(item.span)} reads "
                    f"{text[start:end]!r}, not {item.text!r}"
                )
        for attribution in event.attributions:
            if attribution.quote is not None and attribution.quote not in text:
                problems.append(f"event {number} quote {attribution.quote!r} not in the text")
    return problems


def gold_text_path(path: Path, gold: GoldDocument | None = None) -> Path:
    """The article a gold file annotates: ``<name>.gold.json`` -> ``<name>.txt`` (or doc_id)."""
    if gold is not None and (path.parent / gold.doc_id).is_file():
        return path.parent / gold.doc_id
    name = path.name.removesuffix(GOLD_SUFFIX)
    return path.parent / f"{name}.txt"


def load_gold(path: Path | str, *, verify_text: bool = True) -> GoldDocument:
    """Load and validate one gold annotation.

    Args:
        path: a ``*.gold.json`` file.
        verify_text: also read the annotated article next to it and check that every span
            reads back its text.

    Returns:
        The validated gold document.

    Raises:
        EvaluationError: the file is missing or not JSON, a field is invalid (the message names
            the field), or a span does not read back its text.
    """
    path = Path(path)
    gold = load_json(path, GoldDocument, error=EvaluationError)
    if verify_text:
        text_path = gold_text_path(path, gold)
        try:
            text = text_path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise EvaluationError(str(path), f"cannot read the article {text_path}: {exc}") from exc
        problems = check_spans(gold, text)
        if problems:
            raise EvaluationError(str(path), "; ".join(problems[:5]), field="span")
    return gold


def find_gold(paths: Iterable[Path | str]) -> list[Path]:
    """Expand folders to the ``*.gold.json`` files under them (sorted); keep files as given.

    Raises:
        EvaluationError: a path does not exist, or a folder holds no gold file.
    """
    found: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            inside = sorted(p for p in path.rglob(f"*{GOLD_SUFFIX}") if p.is_file())
            if not inside:
                raise EvaluationError(str(path), f"no *{GOLD_SUFFIX} file in this folder")
            found.extend(inside)
        elif path.is_file():
            found.append(path)
        else:
            raise EvaluationError(str(path), "no such file or folder")
    return found


# --------------------------------------------------------------------------- normalisation

_GENERIC_PLACE_WORDS = frozenset(
    "the region oblast province governorate state krai district republic of".split()
)


def normalise(text: str | None) -> str:
    """Casefold, strip diacritics and punctuation, collapse spaces, drop a leading 'the'."""
    if not text:
        return ""
    decomposed = unicodedata.normalize("NFKD", text.replace("\u2019", "'"))
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()
    plain = re.sub(r"[^\w\s]", " ", plain.replace("'s ", " ").replace("'", ""))
    words = plain.split()
    if words[:1] == ["the"]:
        words = words[1:]
    return " ".join(words)


def place_key(name: str | None) -> str:
    """A place name without generic words ("Rostov region" == "Rostov Oblast" == "Rostov")."""
    words = [w for w in normalise(name).split() if w not in _GENERIC_PLACE_WORDS]
    return " ".join(words) or normalise(name)


def same_name(gold: str | None, predicted: str | None) -> bool:
    """Equal normalised names, or one is the other's trailing words ("Peskov", "Dmitry Peskov")."""
    a, b = normalise(gold).split(), normalise(predicted).split()
    if not a or not b:
        return False
    short, long_ = (a, b) if len(a) <= len(b) else (b, a)
    return a == b or long_[-len(short):] == short and len(short[-1]) > 2


def same_quote(gold: str | None, predicted: str | None) -> bool:
    """Quotes equal up to case, punctuation and spacing (rapidfuzz ratio >= 90)."""
    a, b = normalise(gold), normalise(predicted)
    return bool(a and b) and (a == b or fuzz.ratio(a, b) >= QUOTE_MIN_RATIO)


# --------------------------------------------------------------------------- report


@dataclass
class FieldScore:
    """True positives, false positives and false negatives of one field."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        """tp / (tp + fp); 1.0 when nothing was predicted and nothing was expected."""
        if self.tp + self.fp == 0:
            return 1.0 if self.fn == 0 else 0.0
        return self.tp / (self.tp + self.fp)

    @property
    def recall(self) -> float:
        """tp / (tp + fn); 1.0 when nothing was expected and nothing was predicted."""
        if self.tp + self.fn == 0:
            return 1.0 if self.fp == 0 else 0.0
        return self.tp / (self.tp + self.fn)

    @property
    def f1(self) -> float:
        """Harmonic mean of precision and recall."""
        p, r = self.precision, self.recall
        return 0.0 if p + r == 0 else 2 * p * r / (p + r)

    def add(self, other: FieldScore) -> None:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn

    def to_json(self) -> dict[str, float | int]:
        return {
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
        }


@dataclass(frozen=True)
class Miss:
    """One error: a gold item not found, a spurious prediction, or a wrong attribute."""

    doc_id: str
    field: str
    kind: str  # "missed", "spurious" or "wrong"
    text: str
    span: tuple[int, int] | None = None
    expected: str | None = None
    predicted: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "doc_id": self.doc_id, "field": self.field, "kind": self.kind, "text": self.text,
            "span": list(self.span) if self.span else None,
            "expected": self.expected, "predicted": self.predicted,
        }

    def __str__(self) -> str:
        detail = f" expected {self.expected!r}, got {self.predicted!r}" if self.kind == "wrong" else ""
        return f"{self.doc_id} {self.field:<16} {self.kind:<8} {self.text!r}{detail}"


@dataclass
class Report:
    """Scores per field, micro-averaged over all documents, and the list of misses."""

    fields: dict[str, FieldScore] = field(default_factory=lambda: {f: FieldScore() for f in FIELDS})
    misses: list[Miss] = field(default_factory=list)
    documents: int = 0

    @property
    def overall(self) -> FieldScore:
        """Micro-average over every field (all true/false positives and negatives summed)."""
        total = FieldScore()
        for score_ in self.fields.values():
            total.add(score_)
        return total

    def table(self) -> str:
        """An aligned text table: one row per field plus an ``overall`` row."""
        rows = [("field", "precision", "recall", "f1", "tp", "fp", "fn")]
        for name, s in [*self.fields.items(), ("overall", self.overall)]:
            rows.append(
                (name, f"{s.precision:.3f}", f"{s.recall:.3f}", f"{s.f1:.3f}",
                 str(s.tp), str(s.fp), str(s.fn))
            )
        widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
        lines = []
        for n, row in enumerate(rows):
            cells = [row[0].ljust(widths[0])] + [c.rjust(w) for c, w in zip(row[1:], widths[1:], strict=True)]
            lines.append("  ".join(cells))
            if n == 0 or n == len(rows) - 2:
                lines.append("  ".join("-" * w for w in widths))
        return "\n".join(lines)

    def to_json(self) -> dict[str, Any]:
        """Scores, overall row, document count and misses as plain JSON data."""
        return {
            "documents": self.documents,
            "fields": {name: s.to_json() for name, s in self.fields.items()},
            "overall": self.overall.to_json(),
            "misses": [m.to_json() for m in self.misses],
        }

    def regressions(self, baseline: dict[str, Any], tolerance: float = 0.02) -> list[str]:
        """Fields whose F1 dropped by more than ``tolerance`` against a saved ``to_json()``.

        Returns:
            One message per regressed field (empty when none regressed).
        """
        drops = []
        old_fields = dict(baseline.get("fields", {}))
        if "overall" in baseline:
            old_fields["overall"] = baseline["overall"]
        current = {**self.fields, "overall": self.overall}
        for name, old in old_fields.items():
            if name in current and current[name].f1 < float(old["f1"]) - tolerance:
                drops.append(f"{name}: f1 {current[name].f1:.3f} < baseline {float(old['f1']):.3f}")
        return drops


# --------------------------------------------------------------------------- matching


def overlap(a: Sequence[int], b: Sequence[int]) -> int:
    """Number of characters two ``[start, end)`` spans share."""
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def greedy_match(
    gold: Sequence[G],
    predicted: Sequence[P],
    span_of: Callable[[Any], Sequence[int] | None],
    compatible: Callable[[G, P], bool] = lambda g, p: True,
) -> list[tuple[int, int]]:
    """One-to-one pairs ``(gold index, predicted index)``, largest span overlap first.

    Only pairs whose spans overlap and that ``compatible`` accepts are candidates; ties keep
    text order.
    """
    candidates = []
    for gi, g in enumerate(gold):
        g_span = span_of(g)
        for pi, p in enumerate(predicted):
            p_span = span_of(p)
            if g_span is None or p_span is None:
                continue
            size = overlap(g_span, p_span)
            if size > 0 and compatible(g, p):
                candidates.append((-size, gi, pi))
    candidates.sort()
    used_g: set[int] = set()
    used_p: set[int] = set()
    pairs = []
    for _, gi, pi in candidates:
        if gi not in used_g and pi not in used_p:
            used_g.add(gi)
            used_p.add(pi)
            pairs.append((gi, pi))
    return sorted(pairs)


def _span(item: Any) -> Sequence[int] | None:
    return item.span


@lru_cache(maxsize=4)
def alias_index(patterns_dir: Path | None = None) -> AliasIndex:
    """The actor alias index of ``patterns_dir`` (default: the packaged patterns), loaded once."""
    from .resources import default_patterns_dir

    return AliasIndex.from_dir(patterns_dir or default_patterns_dir())


def same_actor(gold: str | None, predicted: str | None, aliases: AliasIndex | None = None) -> bool:
    """:func:`same_name`, or both names are listed names of one knowledge-base entry.

    "JNIM" and "Jama'at Nusrat al-Islam wal-Muslimin", "Volodymyr Zelenskiy" and "Volodymyr
    Zelensky" are one actor when the actor knowledge base lists both for the same entry; a
    national body matches when its names differ only in demonym or country name
    ("Pakistani Armed Forces", "Pakistan Armed Forces").
    """
    if same_name(gold, predicted):
        return True
    if aliases is None:
        return False
    gold_id = aliases.resolve(gold)
    if gold_id is not None and gold_id == aliases.resolve(predicted):
        return True
    # one national body written with the demonym or the country ("Nigerien"/"Niger Ministry of Defence")
    return aliases.national_key(gold) == aliases.national_key(predicted)


def _location_match(g: Location, p: Location) -> bool:
    if g.geonames_id is not None and g.geonames_id == p.geonames_id:
        return True
    return place_key(g.name) == place_key(p.name)


def _count_match(g: Count, p: Count) -> bool:
    return g.value == p.value


class _Scorer:
    def __init__(self, aliases: AliasIndex | None = None) -> None:
        self.report = Report()
        self.aliases = aliases

    def _actor_match(self, g: Actor, p: Actor) -> bool:
        return same_actor(g.name, p.name, self.aliases)

    def _attribution_match(self, g: Attribution, p: Attribution) -> bool:
        if g.source.name is None or p.source.name is None:
            return g.source.kind == p.source.kind or (g.source.name is None and p.source.name is None)
        return same_actor(g.source.name, p.source.name, self.aliases)

    def _tally(
        self,
        doc_id: str,
        field_name: str,
        gold: Sequence[Any],
        predicted: Sequence[Any],
        compatible: Callable[[Any, Any], bool],
        describe: Callable[[Any], str] = lambda item: item.text,
    ) -> list[tuple[Any, Any]]:
        pairs = greedy_match(gold, predicted, _span, compatible)
        score_ = self.report.fields[field_name]
        score_.tp += len(pairs)
        matched_g = {gi for gi, _ in pairs}
        matched_p = {pi for _, pi in pairs}
        for gi, item in enumerate(gold):
            if gi not in matched_g:
                score_.fn += 1
                self.report.misses.append(
                    Miss(doc_id, field_name, "missed", describe(item), tuple(item.span))
                )
        for pi, item in enumerate(predicted):
            if pi not in matched_p:
                score_.fp += 1
                self.report.misses.append(
                    Miss(doc_id, field_name, "spurious", describe(item), tuple(item.span))
                )
        return [(gold[gi], predicted[pi]) for gi, pi in pairs]

    def _attribute(
        self,
        doc_id: str,
        field_name: str,
        pairs: Iterable[tuple[Any, Any]],
        value_of: Callable[[Any], Any],
        equal: Callable[[Any, Any], bool] = lambda a, b: a == b,
        gold_null_is_unknown: bool = False,
    ) -> None:
        score_ = self.report.fields[field_name]
        for g, p in pairs:
            gv, pv = value_of(g), value_of(p)
            if gv is None and (pv is None or gold_null_is_unknown):
                continue
            if gv is not None and pv is not None and equal(gv, pv):
                score_.tp += 1
                continue
            score_.fp += pv is not None
            score_.fn += gv is not None
            self.report.misses.append(
                Miss(doc_id, field_name, "wrong", g.text, tuple(g.span),
                     None if gv is None else str(gv), None if pv is None else str(pv))
            )

    def add(self, gold: GoldDocument, predicted: Document) -> None:
        doc_id = gold.doc_id
        self.report.documents += 1
        events = self._tally(doc_id, "events", gold.events, predicted.events, lambda g, p: True)
        self._attribute(doc_id, "types", events, lambda e: e.type)
        self._attribute(
            doc_id, "dates", events, lambda e: e.date.value if e.date is not None else None
        )

        def pool(doc: Any, name: str) -> list[Any]:
            return [item for event in doc.events for item in getattr(event, name)]

        actors = self._tally(
            doc_id, "actors", pool(gold, "actors"), pool(predicted, "actors"), self._actor_match,
            lambda a: f"{a.text} -> {a.name}",
        )
        self._attribute(doc_id, "roles", actors, lambda a: a.role)
        locations = self._tally(
            doc_id, "locations", pool(gold, "locations"), pool(predicted, "locations"),
            _location_match, lambda loc: f"{loc.text} -> {loc.name}",
        )
        self._attribute(
            doc_id, "geonames_ids", locations, lambda loc: loc.geonames_id,
            gold_null_is_unknown=True,
        )
        self._attribute(
            doc_id, "admin1", locations, lambda loc: loc.admin1,
            lambda a, b: place_key(a) == place_key(b),
        )
        counts = self._tally(
            doc_id, "counts", pool(gold, "counts"), pool(predicted, "counts"), _count_match,
            lambda c: f"{c.text} = {c.value}",
        )
        self._attribute(doc_id, "count_categories", counts, lambda c: c.category)
        attributions = self._tally(
            doc_id, "attributions", pool(gold, "attributions"), pool(predicted, "attributions"),
            self._attribution_match, lambda a: f"{a.text} -> {a.source.name or a.source.kind}",
        )
        self._attribute(
            doc_id, "channels", attributions, lambda a: a.channel,
            lambda a, b: normalise(a) == normalise(b),
        )
        self._attribute(doc_id, "quotes", attributions, lambda a: a.quote, same_quote)


def score(
    pairs: Iterable[tuple[GoldDocument | dict[str, Any], Document]],
    aliases: AliasIndex | None = None,
) -> Report:
    """Score predicted documents against their gold annotations.

    Args:
        pairs: ``(gold, predicted)`` per article; gold may be a :class:`GoldDocument` or its
            JSON dict (validated here).
        aliases: actor alias index used to match actor and source names (default: the one
            of the packaged patterns, :func:`alias_index`).

    Returns:
        The report: per-field counts and scores over all documents, and the misses.

    Raises:
        EvaluationError: a gold dict is invalid.
    """
    scorer = _Scorer(aliases if aliases is not None else alias_index())
    for gold, predicted in pairs:
        if not isinstance(gold, GoldDocument):
            try:
                gold = GoldDocument.model_validate(gold)
            except ValidationError as exc:
                first = exc.errors()[0]
                raise EvaluationError(
                    str(gold.get("doc_id", "<gold>")) if isinstance(gold, dict) else "<gold>",
                    str(first["msg"]),
                    field=".".join(str(part) for part in first["loc"]),
                ) from exc
        scorer.add(gold, predicted)
    return scorer.report


def evaluate_paths(paths: Iterable[Path | str], extractor: Any) -> Report:
    """Run ``extractor`` over the article of every gold file under ``paths`` and score it.

    Args:
        paths: gold files (``*.gold.json``) or folders holding them.
        extractor: an :class:`extractor.Extractor` (anything with ``process``).

    Raises:
        EvaluationError: no gold file was found, or one is invalid.
    """
    from .extract import Article

    golds = [(path, load_gold(path)) for path in find_gold(paths)]
    if not golds:
        raise EvaluationError(", ".join(str(p) for p in paths), "no *.gold.json files found")
    articles = [
        Article(doc_id=gold.doc_id, source=str(gold_text_path(path, gold)),
                text=gold_text_path(path, gold).read_text(encoding="utf-8"), published=gold.published)
        for path, gold in golds
    ]
    predicted = list(extractor.process(articles))
    settings = getattr(extractor, "settings", None)
    patterns_dir = getattr(settings, "patterns_dir", None)
    aliases = alias_index(Path(patterns_dir)) if patterns_dir else alias_index()
    return score(zip((gold for _, gold in golds), predicted, strict=True), aliases)
