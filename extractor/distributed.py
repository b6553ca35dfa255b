"""Extraction on a Dask cluster: ``extractor run --engine dask [--scheduler ADDRESS] -o OUTDIR``.

Needs the optional extra: ``pip install "newsevents-extractor[dask]"``.

How it works:

* This process reads the inputs with the same readers as a local run
  (:func:`extractor.io.iter_articles`), streaming, so unreadable inputs become the very same
  error records. Workers therefore need no access to the input files.
* The articles are cut, in input order, into partitions of ``partition_size`` articles, held
  in a Dask bag of article records (one bag per window of partitions, so the corpus is never
  held in memory); each partition goes through :func:`extract_partition` on a worker.
* Each worker process builds the pipeline once (:func:`worker_extractor`, a module-level cache
  in this importable module, so it is looked up by name on the worker, never shipped by value)
  and runs the local code path, :meth:`Extractor.process`, on its partitions.
* Partition ``i`` is written by this process as ``OUTDIR/part-{i:05d}.jsonl`` (atomically:
  a temporary file renamed into place), so ``cat OUTDIR/part-*.jsonl`` is exactly the output
  of a local run, in input order. File names are generated, never taken from the input.
* ``resume=True`` skips the partitions whose file exists. Partitioning is deterministic (same
  inputs, same ``partition_size``), which ``OUTDIR/_extractor_run.json`` records and checks.

Without a scheduler address a :class:`distributed.LocalCluster` of ``workers`` processes with
one thread each is started. On a cluster of your own, run workers with ``--nthreads 1`` and as
many processes as cores (``dask worker ADDRESS --nworkers auto --nthreads 1``): a pipeline is
not shared across threads (partitions on the same worker process take turns).
"""

from __future__ import annotations

import json
import logging
import os
import re
import threading
from collections import deque
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache
from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .config import Settings
from .errors import ExtractorError

if TYPE_CHECKING:
    from .extract import Article, Extractor

log = logging.getLogger(__name__)

PART_NAME = "part-{:05d}.jsonl"
PART_PATTERN = re.compile(r"part-\d{5,}\.jsonl")
MANIFEST = "_extractor_run.json"
INSTALL_HINT = 'the Dask engine needs the optional extra: pip install "newsevents-extractor[dask]"'

#: (JSON line of one document, its number of events, 1 if it is an error record else 0)
Row = tuple[str, int, int]


@dataclass
class DaskSummary:
    """What a Dask run did."""

    documents: int = 0
    events: int = 0
    failed: int = 0
    partitions: int = 0
    skipped_partitions: int = 0
    skipped_documents: int = 0


# ------------------------------------------------------------------------ on the workers

_PIPELINE_LOCK = threading.Lock()


@lru_cache(maxsize=2)
def worker_extractor(settings: Settings) -> Extractor:
    """The extractor for ``settings`` in this (worker) process: built once, then reused."""
    from .extract import Extractor

    extractor = Extractor(settings=settings)
    extractor.nlp  # noqa: B018  (load the model and pattern files now)
    return extractor


def extract_partition(
    articles: Iterable[Article], settings: Settings, fallback_published: str | None
) -> list[Row]:
    """Run on a worker: one row per article, in order (the local code path, unchanged)."""
    try:
        with _PIPELINE_LOCK:  # worker threads share the process's pipeline: one at a time
            extractor = worker_extractor(settings)
            documents = list(extractor.process(articles, fallback_published=fallback_published))
    except ExtractorError as exc:
        # Our error classes take several constructor arguments and would not unpickle on the
        # client; send the message.
        raise ExtractorError(str(exc)) from None
    return [(d.model_dump_json(), len(d.events), int(d.error is not None)) for d in documents]


# ------------------------------------------------------------------------ on the client


def run_dask(
    articles: Iterable[Article],
    outdir: Path,
    *,
    settings: Settings,
    fallback_published: str | None = None,
    partition_size: int = 32,
    workers: int = 2,
    scheduler: str | None = None,
    resume: bool = False,
    inputs: list[str] | None = None,
) -> DaskSummary:
    """Extract ``articles`` on a Dask cluster into ``outdir/part-NNNNN.jsonl``.

    Args:
        articles: the input, in order (e.g. from :func:`extractor.io.iter_articles`).
        outdir: the output folder (created).
        settings: what every worker builds its pipeline from.
        fallback_published: the ``--published`` date.
        partition_size: articles per partition (and per output file).
        workers: worker processes of the LocalCluster started when ``scheduler`` is None.
        scheduler: address of a running Dask scheduler, e.g. ``tcp://10.0.0.5:8786``.
        resume: keep the part files already in ``outdir`` and compute only the missing ones.
        inputs: the input names, recorded in the manifest (to refuse resuming other inputs).

    Raises:
        ExtractorError: Dask is not installed, ``outdir`` holds another run's output, or a
            worker failed (model missing, pattern file broken, worker killed).
    """
    dask_bag = _import_dask()
    outdir.mkdir(parents=True, exist_ok=True)
    _check_manifest(outdir, partition_size, settings, inputs, resume)
    summary = DaskSummary()
    with _client(scheduler, workers) as client:
        in_flight = max(4, 2 * sum(client.nthreads().values()))  # partitions at a time
        pending: deque[tuple[int, Any]] = deque()
        for first, window in _windows(articles, partition_size, in_flight):
            parts = [window[i : i + partition_size] for i in range(0, len(window), partition_size)]
            summary.partitions += len(parts)
            wanted = []
            for number, part in enumerate(parts, first):
                if resume and (outdir / PART_NAME.format(number)).exists():
                    summary.skipped_partitions += 1
                    summary.skipped_documents += len(part)
                else:
                    wanted.append(number)
            if wanted:
                bag = dask_bag.from_sequence(window, partition_size=partition_size)
                delayed = bag.map_partitions(extract_partition, settings, fallback_published).to_delayed()
                for number in wanted:
                    pending.append((number, client.compute(delayed[number - first])))
            while len(pending) > in_flight:
                _write_part(outdir, *pending.popleft(), summary)
        while pending:
            _write_part(outdir, *pending.popleft(), summary)
    return summary


def _import_dask() -> Any:
    try:
        import dask.bag
        import distributed  # noqa: F401
    except ImportError as exc:
        raise ExtractorError(f"{INSTALL_HINT} ({exc})") from None
    return dask.bag


@contextmanager
def _client(scheduler: str | None, workers: int) -> Iterator[Any]:
    from distributed import Client, LocalCluster

    if scheduler:
        try:
            client = Client(scheduler, timeout="30s")
        except OSError as exc:
            raise ExtractorError(f"cannot reach the Dask scheduler at {scheduler}: {exc}") from None
        with client:
            yield client
        return
    with LocalCluster(
        n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=":0",
        silence_logs=logging.ERROR,
    ) as cluster, Client(cluster) as client:
        yield client


def _windows(
    articles: Iterable[Article], partition_size: int, partitions: int
) -> Iterator[tuple[int, list[Article]]]:
    """(number of the window's first partition, its articles), ``partitions`` at a time."""
    iterator = iter(articles)
    first = 0
    while window := list(islice(iterator, partition_size * partitions)):
        yield first, window
        first += -(-len(window) // partition_size)


def _write_part(outdir: Path, number: int, future: Any, summary: DaskSummary) -> None:
    from distributed import KilledWorker

    try:
        rows: list[Row] = future.result()
    except KilledWorker as exc:
        raise ExtractorError(f"Dask workers died on partition {number} (out of memory?): {exc}") from None
    final = outdir / PART_NAME.format(number)
    temporary = final.with_name(final.name + ".tmp")
    with open(temporary, "w", encoding="utf-8") as stream:
        stream.writelines(line + "\n" for line, _, _ in rows)
        stream.flush()
        os.fsync(stream.fileno())
    os.replace(temporary, final)
    future.release()
    summary.documents += len(rows)
    summary.events += sum(events for _, events, _ in rows)
    summary.failed += sum(failed for _, _, failed in rows)


def _check_manifest(
    outdir: Path, partition_size: int, settings: Settings, inputs: list[str] | None, resume: bool
) -> None:
    """Refuse to mix runs in one folder; record this run's partitioning."""
    manifest = outdir / MANIFEST
    wanted = {"partition_size": partition_size, "model": settings.model, "inputs": inputs}
    parts = sorted(p.name for p in outdir.iterdir() if PART_PATTERN.fullmatch(p.name))
    if resume and manifest.exists():
        try:
            found = json.loads(manifest.read_text(encoding="utf-8"))
        except (OSError, json.JSONDecodeError) as exc:
            raise ExtractorError(f"cannot read {manifest}: {exc}") from None
        changed = [key for key, value in wanted.items() if found.get(key) != value]
        if changed:
            raise ExtractorError(
                f"cannot resume in {outdir}: its run had another {', '.join(changed)} "
                f"({', '.join(f'{k}={found.get(k)!r}' for k in changed)})"
            )
        return
    if parts and resume:
        raise ExtractorError(f"cannot resume in {outdir}: it has part files but no {MANIFEST}")
    if parts:
        raise ExtractorError(
            f"{outdir} already holds {len(parts)} part files: use --resume to continue that run, "
            f"or an empty folder"
        )
    manifest.write_text(json.dumps(wanted, indent=2) + "\n", encoding="utf-8")
