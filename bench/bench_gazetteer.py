"""Benchmark the place gazetteer: index load time, memory (RSS delta) and resolutions/second.

Run: ``.venv/bin/python bench/bench_gazetteer.py [--rebuild]``. ``--rebuild`` builds the index
into a temporary cache dir first and reports the first-build time too.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from extractor.config import Settings
from extractor.gazetteer import Gazetteer, build_index, index_fingerprint, rank

NAMES = [
    "Kyiv", "Kiev", "Kharkiv", "Pokrovsk", "Donetsk", "Izhevsk", "Crimea", "Rostov", "London",
    "Odessa", "Zaporozhye", "Rafah", "Khan Younis", "El Fasher", "Goma", "Sagaing", "Bamako",
    "Gaza", "Beirut", "Sanaa", "Mandalay", "Kursk", "Belgorod", "Moscow", "Washington",
    "Zaporizhzhia Nuclear Power Plant", "Black Sea", "Artemivsk", "Jenin", "Aleppo",
]
TYPOS = ["Zaporizzhia", "Kramatorksk", "Mykolaev", "Kharkiw", "Pokrovks"]


def rss_kb() -> int:
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rebuild", action="store_true", help="time a first build in a temp dir")
    parser.add_argument("--rounds", type=int, default=200)
    args = parser.parse_args()
    settings = Settings()
    cache_dir = settings.cache_dir
    if args.rebuild:
        cache_dir = Path(tempfile.mkdtemp(prefix="extractor-bench-"))
        target = cache_dir / f"places-{index_fingerprint(settings.patterns_dir)}.sqlite"
        print(f"first build: {build_index(settings.patterns_dir, target):.1f} s")
    else:
        Gazetteer.open(settings.patterns_dir, cache_dir).close()  # make sure it exists
    before = rss_kb()
    started = time.perf_counter()
    gazetteer = Gazetteer.open(settings.patterns_dir, cache_dir)
    load = time.perf_counter() - started
    print(f"index: {gazetteer.path} ({gazetteer.path.stat().st_size / 1e6:.0f} MB on disk)")
    print(f"load: {load * 1000:.0f} ms, RSS delta {(rss_kb() - before) / 1024:.1f} MB")
    started = time.perf_counter()
    for name in NAMES:  # cold: every lookup hits SQLite
        rank(gazetteer.lookup(name))
    cold = len(NAMES) / (time.perf_counter() - started)
    started = time.perf_counter()
    for _ in range(args.rounds):
        for name in NAMES:
            rank(gazetteer.lookup(name))
    warm = args.rounds * len(NAMES) / (time.perf_counter() - started)
    started = time.perf_counter()
    for _ in range(20):
        for typo in TYPOS:
            rank(gazetteer.fuzzy(typo, settings.place_fuzzy_threshold))
    fuzzy = 20 * len(TYPOS) / (time.perf_counter() - started)
    print(f"exact resolutions/s: cold {cold:,.0f}, cached {warm:,.0f}; fuzzy/s: {fuzzy:,.0f}")
    print(f"RSS after queries: delta {(rss_kb() - before) / 1024:.1f} MB")


if __name__ == "__main__":
    main()
