"""No regular expression in the project can be driven into catastrophic backtracking.

Every regex is collected from three places, so that none is missed:

1. the data files: every ``"regex"`` / ``"REGEX"`` string anywhere in ``patterns/`` (spaCy
   token patterns included);
2. the loaded code: every compiled pattern held by a module of ``extractor`` or by the built
   pipeline components (this catches the patterns built from templates, such as the
   publication-date lines filled with month names);
3. the source: every ``re.<function>(...)`` call in ``extractor/``; a literal pattern is
   compiled and tested, and a pattern that is not a literal must be listed in
   ``DATA_DRIVEN`` (it is then one of those found by 1 or 2).

Each is run (``finditer``, consumed to the end: the worst case of search, sub and findall)
over long adversarial strings (50,000 characters) with a time bound per string enforced by
``SIGALRM`` (Python's regex engine checks for signals, so a runaway match is interrupted, not
waited for). Over ``LIMIT_SECONDS`` (0.5 s) a pattern fails unless it is merely linear with
a large constant (a long alternation tried at every line start): it then passes if a string a
quarter as long takes more than a quarter of the time (quadratic would take 1/16th), and
never past ``HARD_LIMIT_SECONDS``.
"""

from __future__ import annotations

import ast
import importlib
import json
import pkgutil
import re
import signal
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import extractor
from extractor.config import Settings
from extractor.pipeline import cached_pipeline

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "extractor"
PATTERNS = ROOT / "patterns"
LENGTH = 50_000
LIMIT_SECONDS = 0.5
HARD_LIMIT_SECONDS = 3.0
#: Time ratio between the full string and one a quarter as long above which the cost is
#: superlinear (linear: 4, quadratic: 16).
SUPERLINEAR_RATIO = 8.0

#: ``re`` calls whose pattern is neither a literal nor built from module constants: where
#: the pattern comes from (the collection from data files or loaded objects covers those).
#: Keyed by (file, pattern expression).
DATA_DRIVEN = {
    ("resources.py", "value"): "the Regex field validator: compiles pattern-file regexes",
    ("structure.py", "r.regex"): "patterns/structure.json, held by the segmenter",
    ("dates.py", "regex"): "patterns/dates/publication.json filled templates, held by the stage",
    ("dates.py", "p.regex"): "patterns/dates/war_counters.json, held by the stage",
    ("matching.py", "anchor[1]"): "REGEX predicates of Matcher patterns in patterns/, held as anchors",
}

Source = tuple[str, str, int]  # where it was found, pattern text, flags


# --- collection --------------------------------------------------------------------------


def _data_regexes() -> Iterator[Source]:
    for path in sorted(PATTERNS.rglob("*.json*")):
        rel = path.relative_to(ROOT).as_posix()
        if path.suffix == ".jsonl":
            lines = path.read_text(encoding="utf-8").splitlines()
            values = [json.loads(line) for line in lines
                      if line.strip() and not line.strip().startswith("//")]
        else:
            values = [json.loads(path.read_text(encoding="utf-8"))]
        for value in values:
            for regex in _regex_values(value):
                yield rel, regex, 0


def _regex_values(value: Any) -> Iterator[str]:
    if isinstance(value, dict):
        for key, item in value.items():
            if key.lower() == "regex" and isinstance(item, str):
                yield item
            else:
                yield from _regex_values(item)
    elif isinstance(value, list):
        for item in value:
            yield from _regex_values(item)


def _held_patterns(obj: Any, where: str, seen: set[int], depth: int = 0) -> Iterator[Source]:
    """Compiled patterns reachable from ``obj`` through attributes and containers."""
    if id(obj) in seen or depth > 6:
        return
    seen.add(id(obj))
    if isinstance(obj, re.Pattern):
        yield where, obj.pattern, obj.flags & ~re.UNICODE
        return
    if isinstance(obj, dict):
        items = list(obj.items())[:5000]
        for key, item in items:
            yield from _held_patterns(item, f"{where}[{key!r}]", seen, depth + 1)
    elif isinstance(obj, (list, tuple, set, frozenset)):
        for n, item in enumerate(list(obj)[:5000]):
            yield from _held_patterns(item, f"{where}[{n}]", seen, depth + 1)
    elif hasattr(obj, "__dict__") and type(obj).__module__.startswith("extractor"):
        for name, item in vars(obj).items():
            yield from _held_patterns(item, f"{where}.{name}", seen, depth + 1)
    elif hasattr(type(obj), "__slots__") and type(obj).__module__.startswith("extractor"):
        for name in type(obj).__slots__:
            yield from _held_patterns(getattr(obj, name, None), f"{where}.{name}", seen, depth + 1)


def _modules() -> list[Any]:
    names = [m.name for m in pkgutil.walk_packages(extractor.__path__, "extractor.")]
    return [importlib.import_module(name) for name in sorted(names) if not name.endswith("__main__")]


def _module_regexes() -> Iterator[Source]:
    for module in _modules():
        for name, value in vars(module).items():
            if isinstance(value, (re.Pattern, list, tuple, dict)):
                yield from _held_patterns(value, f"{module.__name__}.{name}", set())
            elif isinstance(value, str) and name.endswith("_RE"):
                yield f"{module.__name__}.{name}", value, 0


def _pipeline_regexes() -> Iterator[Source]:
    nlp = cached_pipeline(Settings())
    seen: set[int] = set()
    for name, component in nlp.pipeline:
        if name.startswith("extractor"):
            yield from _held_patterns(component, name, seen)


_RE_FUNCTIONS = {"compile", "search", "match", "fullmatch", "sub", "subn", "findall",
                 "finditer", "split"}


def _source_calls() -> Iterator[tuple[str, int, str, Source | None]]:
    """(file, line, pattern expression, the literal Source or None) for every re call."""
    for path in sorted(PACKAGE.rglob("*.py")):
        module = importlib.import_module(
            "extractor." + path.relative_to(PACKAGE).with_suffix("").as_posix().replace("/", ".")
        ) if path.name != "__main__.py" else None
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not (
                isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                and isinstance(node.func.value, ast.Name) and node.func.value.id == "re"
                and node.func.attr in _RE_FUNCTIONS and node.args
            ):
                continue
            expr = ast.unparse(node.args[0])
            literal: Source | None = None
            value = _static_value(node.args[0], module)
            if isinstance(value, str):
                literal = (f"{path.name}:{node.lineno}", value, _flags_of(node, module))
            yield path.name, node.lineno, expr, literal


def _static_value(node: ast.expr, module: Any) -> object:
    """The value of a literal, or of an expression of literals and module-level constants
    (``"..." + _MONTH + "..."``, ``f"\\S{{{MAX_RUN + 1},}}"``); None otherwise."""
    names = {n.id for n in ast.walk(node) if isinstance(n, ast.Name)}
    calls = [n for n in ast.walk(node) if isinstance(n, (ast.Call, ast.Attribute))]
    if calls or module is None:
        return None
    constants = {k: v for k, v in vars(module).items() if isinstance(v, (str, int))}
    if not names <= set(constants):
        return None
    try:
        return eval(compile(ast.Expression(node), "<pattern>", "eval"), {}, constants)  # noqa: S307
    except Exception:  # noqa: BLE001
        return None


def _flags_of(node: ast.Call, module: Any) -> int:
    flags = node.args[2] if node.func.attr in ("sub", "subn") and len(node.args) > 4 else None
    if node.func.attr in ("compile", "search", "match", "fullmatch", "findall", "finditer"):
        flags = node.args[1] if len(node.args) > 1 else None
    for keyword in node.keywords:
        if keyword.arg == "flags":
            flags = keyword.value
    if flags is None or module is None:
        return 0
    try:
        return int(eval(compile(ast.Expression(flags), "<flags>", "eval"), vars(module)))  # noqa: S307
    except Exception:  # noqa: BLE001
        return 0


def collect() -> dict[tuple[str, int], str]:
    """Every distinct (pattern, flags) in the project, with where it was first found."""
    found: dict[tuple[str, int], str] = {}
    sources = [*_data_regexes(), *_module_regexes(), *_pipeline_regexes()]
    sources += [literal for *_, literal in _source_calls() if literal is not None]
    for where, pattern, flags in sources:
        found.setdefault((pattern, flags), where)
    return found


# --- adversarial strings -----------------------------------------------------------------


def _repeat(unit: str, length: int = LENGTH) -> str:
    return (unit * (length // len(unit) + 1))[:length]


BASE_UNITS = ["a", "A", " ", "\n", "\t ", "-", "1", "1,", "12 ", "'", '"', ".", ", ", "a ",
              "A.", "a'", "\u2019", "\u2014", "aA1 -,.'\"\n", ":", "("]
#: After the run: nothing, or a character that makes most patterns fail at the very end.
ENDINGS = ["", "!"]


def adversarial_strings(pattern: str) -> Iterator[tuple[str, str]]:
    """(label, text): long runs of short units, and near-matches from the pattern's words."""
    for unit in BASE_UNITS:
        for ending in ENDINGS:
            yield f"{unit!r}*{LENGTH // len(unit)}+{ending!r}", _repeat(unit) + ending
    words = sorted(set(re.findall(r"(?<![\\?])[A-Za-z]{2,}", pattern)), key=len, reverse=True)
    for word in words[:4]:
        yield f"({word!r} ) repeated", _repeat(word + " ") + "!"
        yield f"{word!r} then spaces", word + _repeat(" ") + "!"
        yield f"{word!r} then newlines", word + _repeat("\n") + "!"
        yield f"({word!r}, 1) repeated", _repeat(f"{word}, 1 ") + "!"


class _Timeout(Exception):
    pass


def _on_alarm(signum: int, frame: Any) -> None:
    raise _Timeout


def time_pattern(regex: re.Pattern[str], text: str, limit: float = LIMIT_SECONDS) -> float | None:
    """Seconds ``finditer`` takes over ``text`` to the end, or None past ``limit``."""
    previous = signal.signal(signal.SIGALRM, _on_alarm)
    signal.setitimer(signal.ITIMER_REAL, limit)
    started = time.perf_counter()
    try:
        for _ in regex.finditer(text):
            pass
        return time.perf_counter() - started
    except _Timeout:
        return None
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def is_fast(regex: re.Pattern[str], text: str, hard_limit: float = HARD_LIMIT_SECONDS) -> bool:
    """Under LIMIT_SECONDS, or linear and under ``hard_limit`` (see the module doc)."""
    seconds = time_pattern(regex, text, limit=hard_limit)
    if seconds is None:
        return False
    if seconds <= LIMIT_SECONDS:
        return True
    # Slow: measure again (the best of two absorbs a busy machine), and a quarter as long.
    again = time_pattern(regex, text, limit=hard_limit)
    seconds = min(seconds, again if again is not None else seconds)
    if seconds <= LIMIT_SECONDS:
        return True
    quarters = [time_pattern(regex, text[: len(text) // 4], limit=hard_limit) for _ in range(2)]
    quarter = min((q for q in quarters if q is not None), default=None)
    return quarter is not None and seconds / max(quarter, 1e-3) < SUPERLINEAR_RATIO


# --- tests ---------------------------------------------------------------------------------

ALL = collect()


def test_the_collection_finds_the_known_kinds_of_regex() -> None:
    places = set(ALL.values())
    assert any(w.startswith("patterns/structure.json") for w in places)
    assert any(w.startswith("patterns/dates/candidates.jsonl") for w in places)  # token REGEX
    assert any(w.startswith("extractor.numbers.") for w in places)
    assert any("publication" in w for w in places), "templated patterns held by the stages"
    assert len(ALL) >= 40


def test_every_re_call_in_the_source_is_covered() -> None:
    """A pattern that is not a literal must come from data or a module constant (listed)."""
    unknown = [
        f"{file}:{line}: re call with pattern {expr}"
        for file, line, expr, literal in _source_calls()
        if literal is None and (file, expr) not in DATA_DRIVEN
    ]
    assert not unknown, "new non-literal regexes: add them to DATA_DRIVEN\n" + "\n".join(unknown)


@pytest.mark.parametrize(("pattern", "flags"), sorted(ALL), ids=lambda v: str(v)[:40])
def test_no_catastrophic_backtracking(pattern: str, flags: int) -> None:
    regex = re.compile(pattern, flags)
    slow = []
    for label, text in adversarial_strings(pattern):
        if not is_fast(regex, text):
            slow.append(label)
            if len(slow) >= 3:  # enough to show; do not wait out every string
                break
    where = ALL[(pattern, flags)]
    assert not slow, f"{where}: over {LIMIT_SECONDS} s on {slow[:5]} ({len(slow)} strings)"


def test_the_time_bound_catches_a_catastrophic_pattern() -> None:
    assert time_pattern(re.compile(r"^(a+)+$"), "a" * 40 + "!", limit=0.2) is None
    assert not is_fast(re.compile(r"^(a+)+$"), "a" * 40 + "!", hard_limit=1.0)
    assert not is_fast(re.compile(r"\s+$"), " " * LENGTH + "x", hard_limit=1.0)
    assert is_fast(re.compile(r"(?<!\s)\s+$"), " " * LENGTH + "x")
