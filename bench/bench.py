"""Speed benchmark: extractor against bare spaCy on the same text, in the same run.

Builds a corpus of news text (the samples and generated variations of them: lines shuffled
across articles, figures changed), then measures:

- the extractor against bare spaCy ``nlp.pipe`` with the same model and trained components,
  on one process (see below),
- each in a fresh process: bare spaCy, the extractor on 1 process and on N worker processes
  (the N-process time includes starting the workers and loading their pipelines), with the
  peak RSS per process, and the cold start (import, model and gazetteer load, first document).

The ratio is measured in one process holding the extractor's pipeline: batch by batch, bare
spaCy (the same ``nlp`` with the extractor's components disabled, so the same model, weights
and trained components) and the extractor run on the same documents back to back, their order
alternating. On a shared machine the speed drifts by 10-30% within minutes; timing both sides
within seconds of each other, on the same documents and in the same process, pairs that drift
away. The extractor's own components are timed as they run too (their share of its time).

Each separate-process kind also runs ``--repeat`` times (default 2) in interleaved rounds; the
ratio of those runs (median of the rounds, each round two runs back to back) is printed beside
the paired one. Words/s, RSS and the workers' speed-up are the fastest runs'.

Usage: python bench/bench.py [--words 200000] [--workers 2] [--repeat 2] [--json out/bench.json]
"""

from __future__ import annotations

import argparse
import json
import random
import re
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
NUMBER = re.compile(r"\b\d{1,3}\b")


def build_corpus(words: int, seed: int = 7) -> list[str]:
    """Articles of at least ``words`` words in total, from samples/ and variations of them."""
    rng = random.Random(seed)
    sources = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "samples").glob("*.txt"))]
    lines = [line for text in sources for line in text.splitlines() if len(line.split()) > 4]
    corpus = list(sources)
    total = sum(len(t.split()) for t in corpus)
    while total < words:
        picked = rng.sample(lines, k=min(12, len(lines)))
        text = "\n".join(NUMBER.sub(lambda _: str(rng.randint(1, 120)), line) for line in picked)
        corpus.append(text + "\n")
        total += len(text.split())
    return corpus


def measure(kind: str, corpus_path: Path, workers: int) -> dict[str, float]:
    """Run inside a child process: one timed pass over the corpus."""
    texts = json.loads(corpus_path.read_text(encoding="utf-8"))
    words = sum(len(t.split()) for t in texts)
    if kind == "bare":
        import spacy

        from extractor.config import Settings
        from extractor.pipeline import NEEDED

        nlp = spacy.load(Settings().model)
        nlp.disable_pipes(*[n for n in nlp.pipe_names if n not in NEEDED])
        nlp("Warm-up: a drone hit Kyiv.")  # as the extractor below: both are timed warm
        start = time.perf_counter()
        for _ in nlp.pipe(texts, batch_size=Settings().batch_size, n_process=workers):
            pass
    elif workers == 1:
        from extractor import Extractor

        extractor = Extractor()
        extractor.extract("Warm-up: a drone hit Kyiv.")
        ours = time_our_components(extractor.nlp)
        start = time.perf_counter()
        records = ({"id": str(n), "text": t} for n, t in enumerate(texts))
        for _ in extractor.extract_many(records):
            pass
    else:
        from extractor.config import Settings
        from extractor.extract import Article
        from extractor.parallel import ChunkResult, process_in_pool

        def note(chunk: ChunkResult) -> None:
            worker_rss[chunk.pid] = max(worker_rss.get(chunk.pid, 0.0), chunk.peak_rss_mb)

        worker_rss: dict[int, float] = {}
        start = time.perf_counter()
        articles = (Article(str(n), "-", t) for n, t in enumerate(texts))
        for _ in process_in_pool(Settings(), articles, n_process=workers, on_chunk=note):
            pass
    seconds = time.perf_counter() - start
    return {
        "words": words, "seconds": seconds, "words_per_s": words / seconds,
        "our_components_s": sum(ours.values()) if kind != "bare" and workers == 1 else 0.0,
        "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "worker_rss_mb": max(worker_rss.values()) if workers > 1 and kind != "bare" else 0.0,
    }


def measure_paired(corpus_path: Path) -> dict[str, float]:
    """Run inside a child process: bare spaCy and the extractor on each batch, back to back.

    Bare spaCy is the extractor's own ``nlp`` with the extractor's components disabled; the
    order of the two alternates from batch to batch, so neither always runs first.
    """
    from extractor import Extractor

    texts = json.loads(corpus_path.read_text(encoding="utf-8"))
    extractor = Extractor()
    extractor.extract("Warm-up: a drone hit Kyiv.")
    nlp, size = extractor.nlp, extractor.settings.batch_size
    ours = [name for name in nlp.pipe_names if name.startswith("extractor_")]
    spent = time_our_components(nlp)

    def bare(batch: list[str]) -> None:
        with nlp.select_pipes(disable=ours):
            for _ in nlp.pipe(batch, batch_size=size):
                pass

    def extract(batch: list[str]) -> None:
        for _ in extractor.extract_many({"id": str(n), "text": t} for n, t in enumerate(batch)):
            pass

    seconds = {bare: 0.0, extract: 0.0}
    for number, first in enumerate(range(0, len(texts), size)):
        batch = texts[first : first + size]
        for run in (bare, extract) if number % 2 == 0 else (extract, bare):
            start = time.perf_counter()
            run(batch)
            seconds[run] += time.perf_counter() - start
    return {
        "words": sum(len(t.split()) for t in texts), "bare_s": seconds[bare],
        "extractor_s": seconds[extract], "ratio": seconds[bare] / seconds[extract],
        "our_components_s": sum(spent.values()),
    }


def time_our_components(nlp: Any) -> dict[str, float]:
    """Seconds spent inside the extractor's own pipeline components, filled as they run.

    The time left over is spaCy's (and the reading and output), in the same process on the
    same documents, so this share is far less noisy than a ratio of two runs.
    """
    spent: dict[str, float] = {}
    for name in nlp.pipe_names:
        if not name.startswith("extractor_"):
            continue
        kind = type(nlp.get_pipe(name))
        call = kind.__call__

        def timed(self: Any, doc: Any, _call: Any = call, _name: str = name) -> Any:
            began = time.perf_counter()
            try:
                return _call(self, doc)
            finally:
                spent[_name] = spent.get(_name, 0.0) + time.perf_counter() - began

        kind.__call__ = timed  # type: ignore[method-assign]
    return spent


def cold_start() -> float:
    """Seconds from a new interpreter to the first extracted document (caches warm)."""
    code = "from extractor import Extractor; Extractor().extract('A drone hit Kyiv on Monday.')"
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", code], check=True, cwd=ROOT)
    return time.perf_counter() - start


def child(kind: str, corpus: Path, workers: int = 1) -> dict[str, float]:
    out = subprocess.run(
        [sys.executable, __file__, "--measure", kind, "--corpus", str(corpus),
         "--workers", str(workers)],
        check=True, capture_output=True, text=True, cwd=ROOT,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--words", type=int, default=200_000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--json", type=Path, default=None)
    parser.add_argument("--repeat", type=int, default=2, help="rounds (see the module docstring)")
    parser.add_argument("--measure", choices=["bare", "extractor", "paired"], help=argparse.SUPPRESS)
    parser.add_argument("--corpus", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure == "paired":
        print(json.dumps(measure_paired(args.corpus)))
        return
    if args.measure:
        print(json.dumps(measure(args.measure, args.corpus, args.workers)))
        return
    corpus = build_corpus(args.words)
    corpus_path = ROOT / "out" / "bench_corpus.json"
    corpus_path.parent.mkdir(exist_ok=True)
    corpus_path.write_text(json.dumps(corpus), encoding="utf-8")
    words = sum(len(t.split()) for t in corpus)
    print(f"corpus: {len(corpus)} articles, {words} words", flush=True)
    cold = cold_start()
    paired_run = child("paired", corpus_path)
    print(f"  paired, one process: bare {paired_run['bare_s']:.1f} s, "
          f"extractor {paired_run['extractor_s']:.1f} s", flush=True)
    rounds: dict[str, list[dict[str, float]]] = {"bare": [], "one": [], "many": []}
    for number in range(args.repeat):  # interleaved, so a slow spell of the machine hits all kinds
        pair = ("bare", "one") if number % 2 == 0 else ("one", "bare")
        for kind in pair:
            rounds[kind].append(child("bare" if kind == "bare" else "extractor", corpus_path, 1))
        rounds["many"].append(child("extractor", corpus_path, args.workers))
    for kind, runs in rounds.items():
        print(f"  {kind}: " + ", ".join(f"{r['words_per_s']:.0f}" for r in runs) + " words/s", flush=True)
    rounds_ratio = [one["words_per_s"] / bare["words_per_s"]
                    for bare, one in zip(rounds["bare"], rounds["one"], strict=True)]
    bare, one, many = (max(rounds[k], key=lambda r: r["words_per_s"]) for k in ("bare", "one", "many"))
    share = paired_run["our_components_s"] / paired_run["extractor_s"]
    results = {
        "words": words, "cold_start_s": cold, "bare_1": bare, "extractor_1": one,
        f"extractor_{args.workers}": many,
        "ratio_extractor_to_bare": paired_run["ratio"],
        "paired_one_process": paired_run,
        "our_components_share": share,
        "ratio_separate_processes": statistics.median(rounds_ratio),
        "ratio_per_round": rounds_ratio,
        "speedup_workers": many["words_per_s"] / one["words_per_s"],
    }
    rows = [
        ("bare spaCy nlp.pipe, 1 process", bare, bare["rss_mb"]),
        ("extractor, 1 process", one, one["rss_mb"]),
        (f"extractor, {args.workers} processes", many, many["worker_rss_mb"]),
    ]
    print(f"{'run':<34} {'words/s':>9} {'seconds':>8} {'peak RSS/process':>17}")
    for name, r, rss in rows:
        print(f"{name:<34} {r['words_per_s']:>9.0f} {r['seconds']:>8.1f} {rss:>14.0f} MB")
    print(f"extractor / bare spaCy (1 process, paired batch by batch): {paired_run['ratio']:.2f}x "
          f"(bare {words / paired_run['bare_s']:.0f}, extractor "
          f"{words / paired_run['extractor_s']:.0f} words/s; the extractor's own components: "
          f"{share:.0%} of its time)")
    print(f"extractor / bare spaCy (separate processes, median of rounds): "
          f"{results['ratio_separate_processes']:.2f}x "
          f"(rounds: {', '.join(f'{r:.2f}' for r in rounds_ratio)})")
    print(f"{args.workers} processes / 1 process: {results['speedup_workers']:.2f}x")
    print(f"cold start (import, load, first document): {cold:.1f} s")
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
