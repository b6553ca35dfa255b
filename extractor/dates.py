"""Dates: the article's publication date and each event's date, resolved against it.

Two jobs:

* **Publication date** (:func:`resolve_publication_date`, :func:`find_publication_date`): the
  record's ``published``, else a header or date line in the first lines of the text
  ("Here is how things stand on Wednesday, July 2"; "KYIV, July 2 (Reuters) -"), else a
  war-day counter ("day 1,224 of Russia's war on Ukraine"), else the caller's fallback.
  A header without a year gets the most recent year, not after the reference date (the
  fallback, else today), in which that month-day falls on the named weekday. Contradictions
  (record vs header, header vs counter, wrong weekday) are returned as warnings.
* **Event dates** (:class:`DateResolver`): candidate date spans are found with token and phrase
  patterns from ``patterns/dates/`` (plus the NER's DATE/TIME entities when they contain a date
  word), then resolved against the publication date. Relative words, weekdays and vague
  periods are resolved by rule (dateparser gets them wrong: a weekday equal to the publication
  weekday comes back a week early, "overnight" is not parsed); absolute dates go through
  dateparser (``languages=["en"]``, ``PREFER_DATES_FROM="past"``, ``RELATIVE_BASE`` = the
  publication date), and only ever on candidate spans, never on bare numbers.

Conventions (documented in ``patterns/dates/vocabulary.json``): a weekday named in a report is
the most recent such day (the publication day itself when it is that weekday), or the next one
when the verb is in the future tense; "overnight"/"last night" is the night before publication,
dated to the day it began (publication - 1); a month-day without a year that lies at most
``future_window_days`` after publication is in the publication year; "since 2022", "until
June", "by Friday" are not event dates.
"""

from __future__ import annotations

import calendar
import logging
import re
from bisect import bisect_left
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal, cast

from dateparser.date import DateDataParser
from pydantic import Field, field_validator
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span, Token

from .config import Settings
from .errors import PatternFileError
from .matching import AnchoredMatcher
from .models import EventDate
from .resources import PatternModel, Regex, default_patterns_dir, load_json, load_jsonl
from .spans import (
    child_indexes,
    doc_deps,
    doc_lemmas,
    ents_within,
    head_indexes,
    hits_within,
    lower_forms,
    parse_lists,
    per_doc,
    text_of,
)

logger = logging.getLogger(__name__)

Precision = Literal["day", "week", "month", "year"]

DAY_RE = r"(?:0?[1-9]|[12][0-9]|3[01])(?:st|nd|rd|th)?(?![0-9])"
YEAR_RE = r"(?:19|20)[0-9]{2}"
RANGE_WORDS = ("-", "–", "—", "to", "and", "through", "until", "till")
#: a day number that ends a dateline's text before the month NER took as the date
_DAY_AT_END = re.compile(r"\b\d{1,2}\s*$")


# --------------------------------------------------------------------------- pattern files


class WeekdayModifier(PatternModel):
    """Words before a weekday that move it ("last Friday", "next Monday")."""

    id: str
    words: list[str]
    direction: Literal["strict_past", "strict_future"]


class RelativeDay(PatternModel):
    """Phrases that name a day relative to publication ("yesterday": -1)."""

    id: str
    phrases: list[str] = Field(min_length=1)
    offset: int


class Period(PatternModel):
    """Vague periods kept with their precision ("last week", "earlier this month")."""

    id: str
    phrases: list[str] = Field(min_length=1)
    unit: Literal["weekend", "week", "month", "year", "rolling"]
    offset: int = Field(description="Periods back (+ forward); days back for 'rolling'.")
    precision: Precision
    to_publication: bool = Field(description="The period ends at publication (this week so far).")


class DateVocabulary(PatternModel):
    """patterns/dates/vocabulary.json."""

    doc: str = Field(default="", alias="_doc")
    future_window_days: int = Field(ge=0, le=60)
    weekdays: dict[str, int]
    weekday_full_names: list[str]
    months: dict[str, int]
    weekday_modifiers: list[WeekdayModifier]
    day_parts: list[str]
    relative_days: list[RelativeDay]
    periods: list[Period]
    ago_units: dict[str, Precision]
    since_doc: str = Field(default="", alias="_since")
    future_doc: str = Field(default="", alias="_future")
    period_heads: list[str]
    overnight_links: dict[str, int]
    hypothetical_marks: list[str]
    non_event_prepositions: list[str]
    leading_words: list[str]
    future_markers: list[str]
    reporting_verbs: list[str]
    unit_words: list[str]
    reason_doc: str = Field(default="", alias="_reason")
    reason_prepositions: list[str] = []
    duration_nouns: list[str] = []
    anaphoric_doc: str = Field(default="", alias="_anaphoric")
    anaphoric_days: dict[str, int] = {}

    @field_validator("weekdays")
    @classmethod
    def _weekday_numbers(cls, value: dict[str, int]) -> dict[str, int]:
        if any(not 0 <= n <= 6 for n in value.values()):
            raise ValueError("weekday numbers must be 0 (Monday) .. 6 (Sunday)")
        return value

    @field_validator("months")
    @classmethod
    def _month_numbers(cls, value: dict[str, int]) -> dict[str, int]:
        if any(not 1 <= n <= 12 for n in value.values()):
            raise ValueError("month numbers must be 1 .. 12")
        return value


class CandidatePattern(PatternModel):
    """One Matcher pattern in patterns/dates/candidates.jsonl."""

    label: str
    id: str
    pattern: list[dict[str, Any]] = Field(min_length=1)


class CounterPattern(PatternModel):
    """A regex with named groups ``n`` (the day number) and ``tail`` (what war)."""

    id: str
    regex: Regex


class War(PatternModel):
    """A war whose days are counted; day 1 is ``day_one``."""

    id: str
    name: str
    day_one: date
    tolerance_days: int = Field(ge=0)
    keywords: list[str] = Field(min_length=1)


class WarCounters(PatternModel):
    """patterns/dates/war_counters.json."""

    doc: str = Field(default="", alias="_doc")
    patterns: list[CounterPattern]
    wars: list[War]


class PublicationPattern(PatternModel):
    """A header or date line; placeholders {WEEKDAY} {MONTH} {DAY} {YEAR}."""

    id: str
    rule: Literal["header", "dateline"]
    regex: str


class PublicationPatterns(PatternModel):
    """patterns/dates/publication.json."""

    doc: str = Field(default="", alias="_doc")
    search_chars: int = Field(ge=1)
    patterns: list[PublicationPattern]


@dataclass(frozen=True)
class DatePatterns:
    """Everything in patterns/dates/, validated and compiled."""

    vocab: DateVocabulary
    candidates: list[CandidatePattern]
    counters: WarCounters
    counter_regexes: list[tuple[str, re.Pattern[str]]]
    publication: list[tuple[PublicationPattern, re.Pattern[str]]]
    search_chars: int

    def weekday(self, word: str) -> int | None:
        """Weekday number (Monday 0) of a word, or None."""
        return self.vocab.weekdays.get(word.lower().rstrip("."))

    def month(self, word: str) -> int | None:
        """Month number of a word ("Sept.", "July"), or None."""
        return self.vocab.months.get(word.lower().rstrip("."))


def _alternation(words: Iterable[str]) -> str:
    ordered = sorted(set(words), key=len, reverse=True)
    return "(?:" + "|".join(re.escape(w) for w in ordered) + ")"


@lru_cache(maxsize=8)
def load_date_patterns(patterns_dir: Path | None = None) -> DatePatterns:
    """Load and validate ``patterns/dates/`` (cached per folder).

    Args:
        patterns_dir: the ``patterns/`` folder; the default one when None.

    Returns:
        The compiled date patterns.

    Raises:
        PatternFileError: a file is missing or invalid.
    """
    folder = (patterns_dir or default_patterns_dir()) / "dates"
    vocab = load_json(folder / "vocabulary.json", DateVocabulary)
    candidates = load_jsonl(folder / "candidates.jsonl", CandidatePattern)
    counters = load_json(folder / "war_counters.json", WarCounters)
    publication = load_json(folder / "publication.json", PublicationPatterns)
    month_words = [m for m in vocab.months] + [m.title() for m in vocab.months]
    fills = {
        "{WEEKDAY}": _alternation(list(vocab.weekdays) + [w.title() for w in vocab.weekdays]),
        "{MONTH}": _alternation(month_words),
        "{DAY}": DAY_RE,
        "{YEAR}": YEAR_RE,
    }
    compiled: list[tuple[PublicationPattern, re.Pattern[str]]] = []
    for pattern in publication.patterns:
        regex = pattern.regex
        for key, value in fills.items():
            regex = regex.replace(key, value)
        try:
            compiled.append((pattern, re.compile(regex)))
        except re.error as exc:
            raise PatternFileError(
                str(folder / "publication.json"), f"{pattern.id}: bad regex: {exc}", field="regex"
            ) from exc
    counter_regexes = [(p.id, re.compile(p.regex, re.IGNORECASE)) for p in counters.patterns]
    return DatePatterns(
        vocab=vocab,
        candidates=candidates,
        counters=counters,
        counter_regexes=counter_regexes,
        publication=compiled,
        search_chars=publication.search_chars,
    )


# --------------------------------------------------------------------------- calendar helpers


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def infer_year(
    month: int,
    day: int,
    weekday: int | None,
    reference: date,
    window_days: int = 14,
    hint: date | None = None,
) -> date | None:
    """The date of ``month``/``day`` in the most plausible year.

    The most recent year whose date is not later than ``reference + window_days`` and, when a
    weekday is given, falls on it. A ``hint`` (e.g. from a war-day counter) within three days
    of a candidate wins over recency.

    Args:
        month: 1..12.
        day: 1..31.
        weekday: 0 (Monday) .. 6, or None.
        reference: the date the text cannot be later than (fallback or today).
        window_days: tolerance for dates slightly after the reference.
        hint: an independent estimate of the date.

    Returns:
        The date, or None when no year in the last 60 fits.
    """
    latest = reference + timedelta(days=window_days)
    if hint is not None:
        near = _safe_date(hint.year, month, day)
        if near and abs((near - hint).days) <= 3 and (weekday is None or near.weekday() == weekday):
            return near
    for year in range(latest.year, latest.year - 60, -1):
        candidate = _safe_date(year, month, day)
        if candidate is None or candidate > latest:
            continue
        if weekday is None or candidate.weekday() == weekday:
            return candidate
    return None


def _monday(day: date) -> date:
    return day - timedelta(days=day.weekday())


def _add_months(day: date, months: int) -> date:
    index = day.year * 12 + day.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def _month_end(day: date) -> date:
    return date(day.year, day.month, calendar.monthrange(day.year, day.month)[1])


def period_bounds(period: Period, published: date) -> tuple[date, date]:
    """First and last day of a vague period relative to ``published``."""
    if period.unit == "rolling":
        return published + timedelta(days=period.offset), published
    if period.unit == "week":
        start = _monday(published) + timedelta(weeks=period.offset)
        end = published if period.to_publication else start + timedelta(days=6)
    elif period.unit == "weekend":
        back = (published.weekday() - 5) % 7
        start = published - timedelta(days=back)
        if period.offset > 0 and start < published:
            start += timedelta(days=7)
        end = min(start + timedelta(days=1), max(published, start))
    elif period.unit == "month":
        start = _add_months(published.replace(day=1), period.offset)
        end = published if period.to_publication else _month_end(start)
    else:
        start = date(published.year + period.offset, 1, 1)
        end = published if period.to_publication else date(start.year, 12, 31)
    return start, end


# --------------------------------------------------------------------------- publication date


@dataclass(frozen=True)
class WarCounter:
    """A "day N of <war>" mention and the date it implies."""

    war_id: str
    day_number: int
    implied: date
    tolerance_days: int
    text: str
    span: tuple[int, int]


@dataclass(frozen=True)
class PublicationDate:
    """The publication date, the rule that decided it, and any contradictions found."""

    value: date | None
    rule: str | None
    rule_id: str | None = None
    text: str | None = None
    span: tuple[int, int] | None = None
    warnings: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class _HeaderDate:
    pattern_id: str
    rule: str
    month: int
    day: int
    year: int | None
    weekday: int | None
    text: str
    span: tuple[int, int]


def find_war_counters(text: str, patterns_dir: Path | None = None) -> list[WarCounter]:
    """War-day counters in ``text`` with the dates they imply (day 1 = the war's day_one).

    Args:
        text: the document text.
        patterns_dir: the ``patterns/`` folder (default when None).

    Returns:
        The counters in text order; counters naming no known war are skipped.
    """
    patterns = load_date_patterns(patterns_dir)
    found: list[WarCounter] = []
    for _rule_id, regex in patterns.counter_regexes:
        for match in regex.finditer(text):
            tail = match.group("tail").lower()
            war = next(
                (w for w in patterns.counters.wars if any(k in tail for k in w.keywords)), None
            )
            if war is None:
                continue
            number = int(match.group("n").replace(",", ""))
            if number < 1:
                continue
            found.append(
                WarCounter(
                    war_id=war.id,
                    day_number=number,
                    implied=war.day_one + timedelta(days=number - 1),
                    tolerance_days=war.tolerance_days,
                    text=match.group(0).rstrip(),
                    span=(match.start(), match.start() + len(match.group(0).rstrip())),
                )
            )
    found.sort(key=lambda c: c.span[0])
    return found


def _find_header(text: str, patterns: DatePatterns) -> list[_HeaderDate]:
    head = text[: patterns.search_chars]
    found: list[_HeaderDate] = []
    for pattern, regex in patterns.publication:
        for match in regex.finditer(head):
            groups = match.groupdict()
            if groups.get("iso"):
                iso = date.fromisoformat(groups["iso"])
                month, day, weekday = iso.month, iso.day, None
                year: int | None = iso.year
            else:
                month_word = groups.get("month") or groups.get("month2")
                day_word = groups.get("day") or groups.get("day2")
                if not month_word or not day_word:
                    continue
                month_n = patterns.month(month_word)
                if month_n is None:
                    continue
                month = month_n
                day = int(re.sub(r"\D", "", day_word))
                year = int(groups["year"]) if groups.get("year") else None
                weekday = patterns.weekday(groups["weekday"]) if groups.get("weekday") else None
            found.append(
                _HeaderDate(
                    pattern_id=pattern.id,
                    rule=pattern.rule,
                    month=month,
                    day=day,
                    year=year,
                    weekday=weekday,
                    text=match.group(0).strip(),
                    span=(match.start(), match.end()),
                )
            )
    found.sort(key=lambda h: h.span[0])
    return found


#: Publication dates outside these years are ignored: date arithmetic on them overflows
#: (0001-01-01 minus a day) and no news archive reaches them.
PLAUSIBLE_YEARS = (1800, 2200)


def _parse_iso(value: str | None, label: str, warnings: list[str]) -> date | None:
    if not value:
        return None
    try:
        parsed = date.fromisoformat(value.strip()[:10])
    except ValueError:
        warnings.append(f"{label} date {value!r} is not YYYY-MM-DD; ignored")
        return None
    if not PLAUSIBLE_YEARS[0] <= parsed.year <= PLAUSIBLE_YEARS[1]:
        warnings.append(f"{label} date {value!r} is outside {PLAUSIBLE_YEARS}; ignored")
        return None
    return parsed


def resolve_publication_date(
    text: str,
    record_published: str | None,
    fallback: str | None,
    *,
    today: date | None = None,
    patterns_dir: Path | None = None,
) -> PublicationDate:
    """The publication date, where it came from, and contradictions between the sources.

    Order: the record's ``published`` ("record"), a header or date line in the text
    ("header"/"dateline"), a war-day counter ("counter"), the fallback ("fallback").

    Args:
        text: the document text.
        record_published: the record's ``published`` (YYYY-MM-DD or ISO datetime), or None.
        fallback: the caller's fallback date (``--published``), or None.
        today: the reference for year inference when there is no fallback (default: today).
        patterns_dir: the ``patterns/`` folder (default when None).

    Returns:
        A :class:`PublicationDate`; ``value`` is None when no source gives a date.
    """
    patterns = load_date_patterns(patterns_dir)
    warnings: list[str] = []
    record = _parse_iso(record_published, "record published", warnings)
    fallback_date = _parse_iso(fallback, "fallback published", warnings)
    reference = record or fallback_date or today or date.today()
    counters = find_war_counters(text, patterns_dir)
    hint = counters[0].implied if counters else None
    window = patterns.vocab.future_window_days

    header_value: date | None = None
    header: _HeaderDate | None = None
    for candidate in _find_header(text, patterns):
        if candidate.year is not None:
            value = _safe_date(candidate.year, candidate.month, candidate.day)
            if value and candidate.weekday is not None and value.weekday() != candidate.weekday:
                warnings.append(
                    f"header {candidate.text!r}: {value.isoformat()} is a "
                    f"{calendar.day_name[value.weekday()]}, not a "
                    f"{calendar.day_name[candidate.weekday]}"
                )
        else:
            value = infer_year(
                candidate.month, candidate.day, candidate.weekday, reference, window, hint
            )
            if value is not None and record is None and fallback_date is None and (
                candidate.weekday is None and hint is None
            ):
                warnings.append(
                    f"header {candidate.text!r} has no year: took {value.year}, the latest not "
                    f"after {reference.isoformat()} (give the publication date to be sure)"
                )
        if value is not None:
            header_value, header = value, candidate
            break

    if record is not None:
        result = PublicationDate(record, "record", "record", None, None, warnings)
    elif header is not None and header_value is not None:
        result = PublicationDate(
            header_value, header.rule, header.pattern_id, header.text, header.span, warnings
        )
    elif counters:
        first = counters[0]
        result = PublicationDate(
            first.implied, "counter", f"counter.{first.war_id}", first.text, first.span, warnings
        )
    elif fallback_date is not None:
        result = PublicationDate(fallback_date, "fallback", "fallback", None, None, warnings)
    else:
        result = PublicationDate(None, None, None, None, None, warnings)

    if result.value is not None:
        if header_value is not None and result.rule == "record" and header_value != result.value:
            warnings.append(
                f"record published {result.value.isoformat()} contradicts the header "
                f"{header.text if header else ''!r} ({header_value.isoformat()})"
            )
        warnings.extend(_counter_warnings(counters, result.value))
    return result


def _counter_warnings(counters: list[WarCounter], published: date) -> list[str]:
    messages = []
    for counter in counters:
        gap = (published - counter.implied).days
        if abs(gap) > counter.tolerance_days:
            messages.append(
                f"{counter.text!r} implies {counter.implied.isoformat()} "
                f"({counter.war_id}, day 1 = day_one), {gap:+d} days from the publication "
                f"date {published.isoformat()}"
            )
    return messages


def publication_warnings(
    text: str, published: date | str | None, *, patterns_dir: Path | None = None
) -> list[str]:
    """Contradictions between ``published`` and the dates the text itself gives.

    Checks war-day counters (beyond each war's tolerance) and a dated header.

    Args:
        text: the document text.
        published: the publication date in use.
        patterns_dir: the ``patterns/`` folder (default when None).

    Returns:
        Human-readable warnings, empty when everything agrees.
    """
    if published is None:
        return []
    if isinstance(published, str):
        published = date.fromisoformat(published[:10])
    patterns = load_date_patterns(patterns_dir)
    warnings = _counter_warnings(find_war_counters(text, patterns_dir), published)
    for header in _find_header(text, patterns)[:1]:
        value = (
            _safe_date(header.year, header.month, header.day)
            if header.year
            else infer_year(header.month, header.day, header.weekday, published,
                            patterns.vocab.future_window_days)
        )
        if value is not None and value != published:
            warnings.append(
                f"header {header.text!r} gives {value.isoformat()}, "
                f"publication date is {published.isoformat()}"
            )
    return warnings


def find_publication_date(
    text: str, record_published: str | None, fallback: str | None
) -> tuple[date | None, str | None]:
    """The publication date and the rule that decided it.

    Args:
        text: the document text.
        record_published: the record's ``published``, or None.
        fallback: the fallback date (``--published``), or None.

    Returns:
        ``(date, rule)`` with rule one of "record", "header", "dateline", "counter",
        "fallback"; ``(None, None)`` when nothing gives a date. See
        :func:`resolve_publication_date` for the span and warnings.
    """
    result = resolve_publication_date(text, record_published, fallback)
    return result.value, result.rule


# --------------------------------------------------------------------------- event dates


#: Two days of a month joined by a dash ("12-14"), one token.
_DAY_SPAN = re.compile(r"\d{1,2}[-–]\d{1,2}")


@dataclass
class _Candidate:
    span: Span
    rule_id: str
    kind: str  # "relative", "period", "pattern", "ner"


def _is_dated(cand: _Candidate | EventDate | None) -> bool:
    """A candidate naming a date or weekday itself (a pattern or NER date), not a relative word."""
    return isinstance(cand, _Candidate) and cand.kind in ("pattern", "ner")


class DateResolver:
    """Finds the date words of a unit and resolves them against the publication date."""

    def __init__(self, nlp: Language, patterns: DatePatterns):
        self.patterns = patterns
        vocab = patterns.vocab
        self.matcher = AnchoredMatcher.build(
            nlp.vocab, ((e.id, self._expand(e.pattern)) for e in patterns.candidates), key="dates"
        )
        self.phrases = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.relative = {r.id: r for r in vocab.relative_days}
        self.periods = {p.id: p for p in vocab.periods}
        for rel in vocab.relative_days:
            self.phrases.add(rel.id, [nlp.make_doc(p) for p in rel.phrases])
        for period in vocab.periods:
            self.phrases.add(period.id, [nlp.make_doc(p) for p in period.phrases])
        self.modifiers = {w: m.direction for m in vocab.weekday_modifiers for w in m.words}
        self.non_event = set(vocab.non_event_prepositions)
        self.leading = set(vocab.leading_words) - {"early", "late", "mid", "earlier", "later"}
        self.reporting = set(vocab.reporting_verbs)
        self.future = set(vocab.future_markers)
        self.period_heads = set(vocab.period_heads)
        self.hypothetical_marks = set(vocab.hypothetical_marks)
        self.reason_preps = frozenset(vocab.reason_prepositions)
        self.durations = frozenset(vocab.duration_nouns)
        # the phrase must end its clause: "the day before the vote" counts from the vote
        regex = r"(?i)\b(" + _alternation(vocab.anaphoric_days) + r")\b(?=\s*(?:[,;.:)]|$))"
        self._anaphoric = re.compile(regex) if vocab.anaphoric_days else None
        self._parsers: dict[tuple[date, bool], DateDataParser] = {}
        self._parsed: dict[tuple[date, bool, str], tuple[datetime | None, str | None]] = {}

    def counted_from_previous(self, unit: Span, previous: EventDate | None) -> EventDate | None:
        """The date of a unit that counts days from the previous event ("A day earlier,
        ...", "... two days later."), when that event has a day's date; else None."""
        if self._anaphoric is None or previous is None or previous.value is None:
            return None
        if previous.precision != "day":
            return None
        text = text_of(unit.doc)
        found = self._anaphoric.search(text, unit.start_char, unit.end_char)
        if found is None:
            return None
        offset = self.patterns.vocab.anaphoric_days[found.group(1).lower()]
        value = date.fromisoformat(previous.value) + timedelta(days=offset)
        return EventDate(value=value.isoformat(), text=found.group(0), span=(found.start(), found.end()),
                         precision="day", rule="date.anaphoric")

    @classmethod
    def from_settings(cls, nlp: Language, settings: Settings) -> DateResolver:
        """Load and compile the date patterns once per pipeline."""
        return cls(nlp, load_date_patterns(settings.patterns_dir))

    def _expand(self, pattern: list[dict[str, Any]]) -> list[dict[str, Any]]:
        vocab = self.patterns.vocab
        lists: dict[str, list[str]] = {
            "@months": [m for m in vocab.months] + [m + "." for m in vocab.months],
            "@weekdays": list(vocab.weekdays),
            "@weekday_full_names": vocab.weekday_full_names,
            "@day_parts": vocab.day_parts,
            "@ago_units": list(vocab.ago_units),
            "@unit_words": vocab.unit_words,
        }
        expanded = []
        for token in pattern:
            new = dict(token)
            for key, value in token.items():
                if isinstance(value, dict) and isinstance(value.get("IN"), str):
                    name = value["IN"]
                    if name not in lists:
                        raise PatternFileError("dates/candidates.jsonl", f"unknown list {name}")
                    new[key] = {**value, "IN": lists[name]}
            expanded.append(new)
        return expanded

    # ---- candidates

    def candidates(self, unit: Span) -> list[_Candidate]:
        """Candidate date spans in ``unit``, trimmed, non-overlapping, in text order."""
        doc = unit.doc
        found: list[_Candidate] = []
        hits, starts = per_doc(doc, "dates.phrases", self._phrase_hits)
        for match_id, start, end in hits_within(hits, unit.start, unit.end, starts):
            rule = doc.vocab.strings[match_id]
            kind = "relative" if rule in self.relative else "period"
            found.append(_Candidate(doc[start:end], rule, kind))
        for match_id, start, end in self.matcher(doc[unit.start : unit.end]):
            span = doc[unit.start + start : unit.start + end]
            found.append(_Candidate(span, doc.vocab.strings[match_id], "pattern"))
        day_ents, day_starts = per_doc(doc, "dates.day_entities", self._day_entities)
        for k in range(bisect_left(day_starts, unit.start), len(day_ents)):
            ent = day_ents[k]
            if ent.start >= unit.end:
                break
            if ent.end <= unit.end:  # wholly inside the unit, as unit_ents gives them
                found.append(_Candidate(ent, "ner.date", "ner"))
        trimmed = [
            c for c in (self._trim(self._cut_dash(c)) for c in found)
            if c is not None and not self._is_dateline(c.span)
        ]
        # longest first, then phrase/pattern before NER
        order = {"pattern": 0, "relative": 1, "period": 1, "ner": 2}
        trimmed.sort(key=lambda c: (-(c.span.end - c.span.start), order[c.kind], c.span.start))
        taken: list[_Candidate] = []
        used: set[int] = set()
        for cand in trimmed:
            indexes = set(range(cand.span.start, cand.span.end))
            if indexes & used:
                continue
            used |= indexes
            taken.append(cand)
        taken.sort(key=lambda c: c.span.start)
        return taken

    def _phrase_hits(self, doc: Doc) -> tuple[list[tuple[int, int, int]], list[int]]:
        """The relative-day and period phrases of ``doc`` in text order, and their starts:
        the phrase matcher run once per document finds, inside a unit, what it finds run
        on the unit."""
        hits = list(self.phrases(doc))
        return hits, [start for _, start, _ in hits]

    def _day_entities(self, doc: Doc) -> tuple[list[Span], list[int]]:
        """The DATE and TIME entities of ``doc`` with a word naming a month or a weekday
        (:meth:`_names_day`), in text order, and their starts: asked once per document
        rather than of every entity of every unit."""
        lowers = lower_forms(doc)
        found = [
            ent for ent in ents_within(doc, 0, len(doc))
            if ent.label_ in ("DATE", "TIME")
            and any(self._names_day(lowers[i]) for i in range(ent.start, ent.end))
        ]
        return found, [ent.start for ent in found]

    def _names_day(self, lower: str) -> bool:
        """A month or a weekday's full name (a token's lower-case form)."""
        return lower.rstrip(".") in self.patterns.vocab.months or (
            lower in self.patterns.vocab.weekday_full_names
        )

    @staticmethod
    def _cut_dash(cand: _Candidate) -> _Candidate:
        """NER spans such as "June 3 - Fighters" end at a dash followed by a word."""
        span = cand.span
        p = parse_lists(span.doc)
        lowers, tokens = p.lowers, p.tokens
        for i in range(span.start, span.end - 1):
            if lowers[i] in ("-", "–", "—") and tokens[i + 1].is_alpha:
                return _Candidate(span.doc[span.start : i], cand.rule_id, cand.kind)
        return cand

    @staticmethod
    def _is_dateline(span: Span) -> bool:
        """ "BAMAKO, June 3 - ...", "May 13 (AP) — ...": the report's dateline, not an event date."""
        if len(span) == 0:
            return True
        text = text_of(span.doc)
        line_start = text.rfind("\n", 0, span.start_char) + 1
        # "MOGADISHU, 2 September 2025 —": NER may leave the day out of the date
        prefix = _DAY_AT_END.sub("", text[line_start : span.start_char])
        if len(prefix) > 45 or (prefix.strip() and not prefix.rstrip().endswith(",")):
            return False
        if prefix.strip() and prefix.strip(" ,").upper() != prefix.strip(" ,"):
            return False  # a dateline city is written in capitals
        after = text[span.end_char : span.end_char + 4].lstrip(" ,")
        return after[:1] in ("-", "–", "—", "(") or after[:4].isdigit()

    def _trim(self, cand: _Candidate) -> _Candidate | None:
        span = cand.span
        start, end = span.start, span.end
        doc = span.doc
        p = parse_lists(doc)
        tokens, lowers = p.tokens, p.lowers
        phrase = cand.kind in ("relative", "period")
        while start < end and (
            (phrase and lowers[start] in ("in", "on", "at"))
            or (not phrase and lowers[start] in self.leading)
            or (not phrase and lowers[start] in self.non_event)
            or tokens[start].is_punct
        ):
            start += 1
        while end > start and tokens[end - 1].is_punct and lowers[end - 1] not in ("-", "–"):
            end -= 1
        if start >= end:
            return None
        if (start, end) == (span.start, span.end):
            return cand  # nothing trimmed: the same words
        return _Candidate(doc[start:end], cand.rule_id, cand.kind)

    # ---- exclusion and context

    def _governing_preposition(self, span: Span) -> int | None:
        """Index of the word before ``span``, skipping period heads ("the end of"), or None."""
        if span.start == 0:
            return None
        lowers = lower_forms(span.doc)
        skipped = self.period_heads
        index = span.start - 1
        while lowers[index] in skipped and index > 0:
            index -= 1
        return index

    def is_excluded(self, span: Span) -> bool:
        """True for spans that are not event dates: "since 2022", "until June", "by Friday"."""
        doc = span.doc
        p = parse_lists(doc)
        lowers, tokens = p.lowers, p.tokens
        found = self._governing_preposition(span)
        before = lowers[found] if found is not None else None
        is_range = any(lowers[i] in RANGE_WORDS for i in range(span.start + 1, span.end - 1)) or any(
            _DAY_SPAN.fullmatch(tokens[i].text) for i in range(span.start, span.end)
        )
        if before in ("from", "between") and is_range:
            return False
        if found is not None and before == "since":
            # "have fled since Sunday": the period start; "first call since 2022": not a date
            return p.pos[p.heads[found]] not in ("VERB", "AUX")
        if before is not None and before in self.non_event:
            return True
        head = p.heads[span.root.i]
        return p.pos[head] == "ADP" and lowers[head] in self.non_event and head < span.start

    def _is_hypothetical(self, span: Span) -> bool:
        doc = span.doc
        p = parse_lists(doc)
        heads, children, deps, lowers = p.heads, p.children, p.deps, p.lowers
        marks = self.hypothetical_marks
        token = span.root.i
        for _ in range(12):
            if any(deps[c] == "mark" and lowers[c] in marks for c in children[token]):
                return True
            if heads[token] == token:
                return False
            token = heads[token]
        return False

    @staticmethod
    def _drop_modifiers(cands: list[_Candidate | EventDate]) -> list[_Candidate | EventDate]:
        """A relative phrase right before a date only modifies it ("Earlier on Thursday",
        "late on June 3"): the date decides. "overnight" is linked, not dropped."""
        kept: list[_Candidate | EventDate] = []
        for index, cand in enumerate(cands):
            nxt = cands[index + 1] if index + 1 < len(cands) else None
            if (
                isinstance(cand, _Candidate) and cand.kind == "relative"
                and cand.rule_id != "relative.overnight"
                and isinstance(nxt, _Candidate) and _is_dated(nxt)
                and nxt.span.start - cand.span.end <= 1
            ):
                continue
            kept.append(cand)
        return kept

    def _link_overnight(
        self, cands: list[_Candidate | EventDate], published: date | None
    ) -> list[_Candidate | EventDate]:
        """ "overnight on Monday" -> Monday; "overnight into Tuesday" -> Monday; "overnight
        from 26 to 27 July" -> 26 July."""
        links = self.patterns.vocab.overnight_links
        out: list[_Candidate | EventDate] = []
        skip = -1
        for index, cand in enumerate(cands):
            if index == skip:
                continue
            nxt = cands[index + 1] if index + 1 < len(cands) else None
            if (
                isinstance(cand, _Candidate) and isinstance(nxt, _Candidate) and _is_dated(nxt)
                and cand.rule_id == "relative.overnight"
                and nxt.span.start - cand.span.end == 1
                and cand.span.doc[cand.span.end].lower_ in links
            ):
                day = self.resolve(nxt, published)
                if day is not None:
                    offset = links[cand.span.doc[cand.span.end].lower_]
                    value = (
                        (date.fromisoformat(day.value) + timedelta(days=offset)).isoformat()
                        if day.value else None
                    )
                    joined = cand.span.doc[cand.span.start : nxt.span.end]
                    out.append(EventDate(
                        value=value, text=joined.text, span=(joined.start_char, joined.end_char),
                        precision="day", rule="relative.overnight_date",
                    ))
                    skip = index + 1
                    continue
            out.append(cand)
        return out

    def _is_future(self, span: Span) -> bool:
        doc = span.doc
        p = parse_lists(doc)
        heads, children, deps, lowers, pos = p.heads, p.children, p.deps, p.lowers, p.pos
        token = span.root.i
        for _ in range(6):
            if pos[token] in ("VERB", "AUX") or lowers[token] in self.future:
                break
            if heads[token] == token:
                break
            token = heads[token]
        if lowers[token] in self.future:
            return True
        return any(
            lowers[child] in self.future
            and deps[child] in ("aux", "auxpass", "acomp", "amod", "xcomp")
            for child in children[token]
        )

    # ---- resolution

    def _parser(self, published: date, relative: bool = False) -> DateDataParser:
        key = (published, relative)
        parser = self._parsers.get(key)
        if parser is None:
            if len(self._parsers) > 256:
                self._parsers.clear()
            settings: dict[str, Any] = {
                "RELATIVE_BASE": datetime(published.year, published.month, published.day),
                "PREFER_DATES_FROM": "past",
                "RETURN_AS_TIMEZONE_AWARE": False,
            }
            if not relative:  # "in June" -> June 1, not June <publication day>
                settings["PREFER_DAY_OF_MONTH"] = "first"
            parser = DateDataParser(languages=["en"], settings=settings)
            self._parsers[key] = parser
        return parser

    def _event_date(
        self, cand: _Candidate, value: date | None, precision: Precision | None,
        end: date | None = None, rule: str | None = None,
    ) -> EventDate:
        span = cand.span
        return EventDate(
            value=value.isoformat() if value else None,
            text=span.text,
            span=(span.start_char, span.end_char),
            precision=precision,
            end=end.isoformat() if end else None,
            rule=rule or cand.rule_id,
        )

    def resolve(self, cand: _Candidate, published: date | None) -> EventDate | None:
        """Resolve one candidate span; value None when there is no publication date."""
        if cand.kind == "relative":
            rel = self.relative[cand.rule_id]
            value = published + timedelta(days=rel.offset) if published else None
            return self._event_date(cand, value, "day")
        if cand.kind == "period":
            period = self.periods[cand.rule_id]
            if published is None:
                return self._event_date(cand, None, period.precision)
            start, end = period_bounds(period, published)
            return self._event_date(cand, start, period.precision, end)
        return self._resolve_words(cand, published)

    def _resolve_words(self, cand: _Candidate, published: date | None) -> EventDate | None:
        if cand.rule_id == "date.iso":
            try:
                return self._event_date(cand, date.fromisoformat(cand.span.text), "day")
            except ValueError:
                return None
        tokens = list(cand.span)
        words = [t.lower_.rstrip(".") for t in tokens]
        months = [
            m for t in tokens
            if (t.is_alpha or t.text.endswith(".")) and (m := self.patterns.month(t.text))
        ]
        weekday_tokens = [t for t in tokens if t.lower_ in self.patterns.vocab.weekday_full_names]
        years = [int(t.text) for t in tokens if re.fullmatch(YEAR_RE, t.text)]
        days = [
            int(d)
            for t in tokens
            for d in re.findall(r"\d+", t.text)
            if re.fullmatch(DAY_RE + r"|\d{1,2}[-–]\d{1,2}", t.text) and not re.fullmatch(YEAR_RE, t.text)
        ]
        if weekday_tokens and not months:
            return self._resolve_weekday(cand, weekday_tokens[0], words, published)
        if published is None and not years:
            return self._event_date(cand, None, "day" if days else None)
        if months and len(days) >= 2:
            return self._resolve_range(cand, months, days, years, published)
        if months and days:
            weekday = self.patterns.weekday(weekday_tokens[0].text) if weekday_tokens else None
            return self._resolve_month_day(cand, months[0], days[0], years, weekday, published)
        if not months and not years and "ago" not in words and not cand.rule_id == "date.iso":
            return None  # never hand bare numbers or words to dateparser
        offset = self._year_offset(words) if months and not days and not years else None
        if offset is not None and published is not None:  # "July last year", "in March this year"
            start = date(published.year + offset, months[0], 1)
            return self._event_date(cand, start, "month", end=_month_end(start))
        return self._resolve_dateparser(cand, published, years)

    def _year_offset(self, words: list[str]) -> int | None:
        """The years a month named with "last year"/"this year"/"next year" lies from the
        publication year (the year periods of the vocabulary), else None."""
        text = " ".join(words)
        for period in self.periods.values():
            if period.unit == "year" and any(text.endswith(" " + phrase) for phrase in period.phrases):
                return period.offset
        return None

    def _resolve_weekday(
        self, cand: _Candidate, token: Token, words: list[str], published: date | None
    ) -> EventDate:
        weekday = self.patterns.weekday(token.text)
        if published is None or weekday is None:
            return self._event_date(cand, None, "day")
        direction = "past"
        before = " ".join(words[: words.index(token.lower_)]) if token.lower_ in words else ""
        for phrase, move in self.modifiers.items():
            if before.endswith(phrase):
                direction = move
        if direction == "past" and self._is_future(cand.span):
            direction = "future"
        if direction in ("past", "strict_past"):
            delta = (published.weekday() - weekday) % 7
            if delta == 0 and direction == "strict_past":
                delta = 7
            value = published - timedelta(days=delta)
        else:
            delta = (weekday - published.weekday()) % 7
            if delta == 0 and direction == "strict_future":
                delta = 7
            value = published + timedelta(days=delta)
        return self._event_date(cand, value, "day", rule=f"{cand.rule_id}.{direction}")

    def _year_for(self, month: int, day: int, weekday: int | None, published: date,
                  future: bool) -> date | None:
        if future:
            for year in (published.year, published.year + 1):
                value = _safe_date(year, month, day)
                if value and value >= published - timedelta(days=1):
                    if weekday is None or value.weekday() == weekday:
                        return value
        return infer_year(month, day, weekday, published, self.patterns.vocab.future_window_days)

    def _resolve_month_day(
        self, cand: _Candidate, month: int, day: int, years: list[int], weekday: int | None,
        published: date | None,
    ) -> EventDate:
        """A month and day read from the tokens ("June 3", "3rd of June"), the year given or
        inferred from the publication date (no dateparser call: the numbers are known)."""
        if years:
            value = _safe_date(years[0], month, day)
            return self._event_date(cand, value, "day")
        if published is None:
            return self._event_date(cand, None, "day")
        value = self._year_for(month, day, weekday, published, self._is_future(cand.span))
        if value is None and weekday is not None:  # weekday and date disagree: trust the date
            value = self._year_for(month, day, None, published, self._is_future(cand.span))
        return self._event_date(cand, value, "day")

    def _resolve_range(
        self, cand: _Candidate, months: list[int], days: list[int], years: list[int],
        published: date | None,
    ) -> EventDate:
        first_month, last_month = months[0], months[-1]
        if published is None and not years:
            return self._event_date(cand, None, "day")
        if years:
            start = _safe_date(years[0], first_month, days[0])
            end = _safe_date(years[-1], last_month, days[-1])
        else:
            assert published is not None
            future = self._is_future(cand.span)
            start = self._year_for(first_month, days[0], None, published, future)
            end = _safe_date(start.year, last_month, days[-1]) if start else None
            if start and end and end < start:
                end = _safe_date(start.year + 1, last_month, days[-1])
        return self._event_date(cand, start, "day", end=end, rule=cand.rule_id)

    def _impossible_day(self, cleaned: str) -> bool:
        """A month with a number that can be neither its day nor a year: "62 June 2025",
        "September 90, 2025", "114 July" (no date; a two-digit number without a year may
        still be one: "Oct. 69")."""
        words = cleaned.split()
        if not any(self.patterns.month(word) for word in words):
            return False
        numbers = [int(n) for n in re.findall(r"\d+", cleaned)]
        has_year = any(re.fullmatch(YEAR_RE, word) for word in words)
        return any(100 <= n <= 999 or (has_year and 31 < n < 100) for n in numbers)

    def _parse(self, base: date, relative: bool, cleaned: str) -> tuple[datetime | None, str | None]:
        """dateparser's (date, period) for ``cleaned``, memoised: news repeats its date words."""
        key = (base, relative, cleaned)
        found = self._parsed.get(key)
        if found is None:
            if len(self._parsed) > 4096:
                self._parsed.clear()
            data = self._parser(base, relative=relative).get_date_data(cleaned)
            found = self._parsed[key] = (data.date_obj, data.period)
        return found

    def _resolve_dateparser(
        self, cand: _Candidate, published: date | None, years: list[int]
    ) -> EventDate | None:
        base = published or date.today()
        heads = set(self.patterns.vocab.period_heads) | {"end", "of", "the"}
        cleaned = " ".join(t.text for t in cand.span if t.lower_ not in heads)
        if not re.search(r"[A-Za-z]", cleaned) and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", cleaned):
            if years and re.fullmatch(YEAR_RE, cleaned.strip()):
                cleaned = str(years[0])
            else:
                return None
        ago = "ago" in cleaned.lower()
        if not ago and self._impossible_day(cleaned):
            return self._event_date(cand, None, None)  # what dateparser answers, 5-10 ms sooner
        date_obj, found_period = self._parse(base, ago, cleaned)
        if date_obj is None:
            return self._event_date(cand, None, None)
        if ago:
            period = found_period if found_period in ("day", "week", "month", "year") else "day"
            return self._event_date(cand, date_obj.date(), cast(Precision, period))
        value = date_obj.date()
        period = found_period or "day"
        if period == "year" and years and "ago" not in cleaned.lower():
            start = date(years[0], 1, 1)
            return self._event_date(cand, start, "year", end=date(years[0], 12, 31))
        if period == "month" and "ago" not in cleaned.lower():
            start = value.replace(day=1)
            if years:
                start = start.replace(year=years[0])
            elif published and self._is_future(cand.span) and start < published.replace(day=1):
                start = start.replace(year=start.year + 1)
            return self._event_date(cand, start, "month", end=_month_end(start))
        precision = cast(Precision, period if period in ("day", "week", "month", "year") else "day")
        return self._event_date(cand, value, precision)

    # ---- selection

    def _main_predicates(self, unit: Span) -> set[int]:
        mains: set[int] = set()
        head_of = head_indexes(unit.doc)
        for i in range(unit.start, unit.end):
            if head_of[i] == i or not (unit.start <= head_of[i] < unit.end):
                mains |= self._content_heads(unit.doc, i)
        return mains

    def _content_heads(self, doc: Doc, root: int) -> set[int]:
        if doc_lemmas(doc)[root] in self.reporting:
            deps = doc_deps(doc)
            clauses = [c for c in child_indexes(doc)[root] if deps[c] in ("ccomp", "parataxis", "xcomp")]
            if clauses:
                heads: set[int] = set()
                for clause in clauses:
                    heads |= self._content_heads(doc, clause)
                return heads
        return {root}

    def _dates_the_reason(self, span: Span, mains: set[int]) -> bool:
        """True for a date inside the reason a main predicate gives ("sentenced him for
        setting fire to an office in 2023", "arrested over the killing of three people in
        May"): it dates what he did before, not the sentence or the arrest."""
        doc = span.doc
        p = parse_lists(doc)
        heads, lowers, lemmas = p.heads, p.lowers, p.lemmas
        root = token = span.root.i
        for _ in range(12):
            head = heads[token]
            if head == token:
                return False
            if head in mains:  # not the preposition's own object, nor a span of time in it
                return (  # ("for three days", "for a week in June")
                    lowers[token] in self.reason_preps and token != root and heads[root] != token
                    and not any(lemmas[c] in self.durations for c in p.children[token])
                )
            token = head
        return False

    def _rank(self, cand: _Candidate, mains: set[int], unit: Span) -> tuple[int, int, int]:
        p = parse_lists(unit.doc)
        heads = p.heads
        token = cand.span.root.i
        steps = 0
        while token not in mains and heads[token] != token and unit.start <= heads[token] < unit.end:
            token = heads[token]
            steps += 1
        in_main = 1 if token in mains else 0
        if in_main:
            deps = p.deps
            reporter = heads[token]
            subjects = [c for c in p.children[token] if deps[c] in ("nsubj", "nsubjpass", "expl")]
            if (
                subjects and deps[token] in ("ccomp", "parataxis")
                and p.lemmas[reporter] in self.reporting
                and reporter < cand.span.start
                and cand.span.end <= p.tokens[subjects[0]].left_edge.i
            ):  # "said on Wednesday it had sunk": the date belongs to the report
                in_main = 0
        return (in_main, -steps, -cand.span.start)

    def extract_all(self, unit: Span, published: date | None) -> list[EventDate]:
        """Every event date in ``unit`` (excluded spans dropped), in text order."""
        results = []
        for cand in self._merge_ranges(self.candidates(unit), published):
            if isinstance(cand, EventDate):
                results.append(cand)
                continue
            if self.is_excluded(cand.span):
                continue
            resolved = self.resolve(cand, published)
            if resolved is not None:
                results.append(resolved)
        return results

    def _merge_ranges(
        self, cands: list[_Candidate], published: date | None
    ) -> list[_Candidate | EventDate]:
        """Join "between X and Y" / "from X to Y" into one ranged EventDate."""
        out: list[_Candidate | EventDate] = []
        index = 0
        while index < len(cands):
            cand = cands[index]
            nxt = cands[index + 1] if index + 1 < len(cands) else None
            doc = cand.span.doc
            lowers = lower_forms(doc)
            before = lowers[max(0, cand.span.start - 6) : cand.span.start]
            gap = lowers[cand.span.end : nxt.span.start] if nxt is not None else []
            if (
                nxt is not None
                and any(word in ("between", "from") for word in before)
                and 1 <= len(gap) <= 6
                and any(word in ("and", "to", "until", "till", "-", "–") for word in gap)
                and cand.kind == nxt.kind == "pattern"
            ):
                first = self.resolve(cand, published)
                last = self.resolve(nxt, published)
                if first and last and first.value and last.value:
                    joined = doc[cand.span.start : nxt.span.end]
                    start_v, end_v = first.value, last.value
                    if end_v < start_v and last.precision == "day" and not re.search(YEAR_RE, nxt.span.text):
                        end_v = date.fromisoformat(end_v).replace(
                            year=int(end_v[:4]) + 1).isoformat()
                    out.append(EventDate(
                        value=start_v, text=joined.text, span=(joined.start_char, joined.end_char),
                        precision="day", end=end_v, rule="date.range",
                    ))
                    index += 2
                    continue
            out.append(cand)
            index += 1
        return out

    def extract(self, unit: Span, published: date | None) -> EventDate | None:
        """The event date of ``unit``, or None when the unit names none.

        When several dates appear, the one attached closest to the main event predicate wins
        over one attached to a reporting verb ("said on Tuesday that ... overnight" ->
        "overnight").

        Args:
            unit: the bullet or sentence, a span of the full document.
            published: the publication date (relative dates stay unresolved without it).

        Returns:
            The :class:`EventDate`, or None.
        """
        cands = [
            c for c in self._merge_ranges(self.candidates(unit), published)
            if isinstance(c, EventDate) or not self.is_excluded(c.span)
        ]
        if not cands:
            return None
        mains = self._main_predicates(unit)
        doc = unit.doc
        p = parse_lists(doc)
        deps, lowers, children = p.deps, p.lowers, p.children
        perfect = any(
            deps[c] == "aux" and lowers[c] in ("had", "'d") for i in mains for c in children[i]
        )
        kept: list[_Candidate | EventDate] = []
        for cand in cands:
            if isinstance(cand, _Candidate):
                if self._is_future(cand.span) or self._is_hypothetical(cand.span):
                    continue
                if self._dates_the_reason(cand.span, mains):
                    continue
                if perfect and self._rank(cand, mains, unit)[0] == 0:
                    continue  # "said on Wednesday it had sunk ...": the report's date
            kept.append(cand)
        cands = self._link_overnight(self._drop_modifiers(kept), published)
        if not cands:
            return None

        def rank(item: _Candidate | EventDate) -> tuple[int, int, int]:
            if isinstance(item, EventDate):
                assert item.span is not None
                span = doc.char_span(item.span[0], item.span[1])
                if span is None:
                    return (0, -99, 0)
                return self._rank(_Candidate(span, "range", "pattern"), mains, unit)
            return self._rank(item, mains, unit)

        for item in sorted(cands, key=rank, reverse=True):
            resolved = item if isinstance(item, EventDate) else self.resolve(item, published)
            if resolved is not None:
                return resolved
        return None
