"""Extraction on several processes: a process pool with one pipeline per worker.

``Extractor.process(..., n_process=N)`` with N > 1 lands here. The articles are cut into
chunks in input order; each chunk goes to a worker process that runs the very same
single-process path (:meth:`Extractor.process`), so documents, error records and event ids are
identical to a one-process run. Results are yielded in input order, and at most
``2 * n_process`` chunks are in flight, so memory stays bounded however long the input.

Each worker builds its pipeline once, on its first chunk, and keeps it in a module-level
variable: this module must stay importable (never define the worker function in ``__main__``)
so that workers look it up by name instead of receiving it by value.

Workers are started with ``forkserver`` where the platform has it, else ``spawn``: never with a
plain ``fork`` of a parent that may run threads (the progress bar does) and may hold open
SQLite connections. As with any ``multiprocessing`` code, a script that calls this must guard
its entry point with ``if __name__ == "__main__":``.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from itertools import islice
from typing import TYPE_CHECKING

from .config import Settings
from .errors import ExtractorError

try:
    import resource
except ImportError:  # Windows
    resource = None  # type: ignore[assignment]

if TYPE_CHECKING:
    from .extract import Article, Extractor
    from .models import Document

#: Articles per task when the caller does not say: small enough to balance the load on a few
#: hundred documents, large enough for ``nlp.pipe`` batching and to make IPC negligible.
DEFAULT_CHUNK_SIZE = 16


@dataclass(frozen=True)
class ChunkResult:
    """What a worker sends back for one chunk."""

    pid: int
    pipelines_built: int  # how many times this worker process has built its pipeline
    documents: list[Document]
    #: The worker's peak resident memory so far. Workers are children of the fork server,
    #: not of this process, so ``RUSAGE_CHILDREN`` here does not see them: read it here.
    peak_rss_mb: float = 0.0


class _WorkerState:
    extractor: Extractor | None = None
    settings: Settings | None = None
    builds = 0


_STATE = _WorkerState()


def worker_extractor(settings: Settings) -> Extractor:
    """The extractor of this process for ``settings``, built on first use and then reused."""
    from .extract import Extractor

    if _STATE.extractor is None or _STATE.settings != settings:
        extractor = Extractor(settings=settings)
        extractor.nlp  # noqa: B018  (load the model and the pattern files now, once)
        _STATE.extractor, _STATE.settings = extractor, settings
        _STATE.builds += 1
    return _STATE.extractor


def extract_chunk(settings: Settings, articles: list[Article], fallback: str | None) -> ChunkResult:
    """Run in a worker: the documents of ``articles``, in order, with error records."""
    try:
        extractor = worker_extractor(settings)
        documents = list(extractor.process(articles, fallback_published=fallback, n_process=1))
    except ExtractorError as exc:
        # Our error classes take several constructor arguments and would not unpickle in the
        # parent (which would then report a broken pool); send the message instead.
        raise ExtractorError(str(exc)) from None
    peak_rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024 if resource else 0.0
    return ChunkResult(os.getpid(), _STATE.builds, documents, peak_rss_mb)


def _init_worker() -> None:
    """Ctrl-C is for the parent, which stops the pool; workers would only print tracebacks."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def start_context() -> multiprocessing.context.BaseContext:
    """``forkserver`` where available, else ``spawn``."""
    method = "forkserver" if "forkserver" in multiprocessing.get_all_start_methods() else "spawn"
    return multiprocessing.get_context(method)


def process_in_pool(
    settings: Settings,
    articles: Iterable[Article],
    *,
    fallback_published: str | None = None,
    n_process: int = 2,
    chunk_size: int = DEFAULT_CHUNK_SIZE,
    on_chunk: Callable[[ChunkResult], None] | None = None,
) -> Iterator[Document]:
    """Documents for ``articles`` in input order, extracted by ``n_process`` worker processes.

    Args:
        settings: what every worker builds its pipeline from.
        articles: the input, consumed lazily.
        fallback_published: the ``--published`` date.
        n_process: worker processes.
        chunk_size: articles per task.
        on_chunk: called in this process with each chunk's result, in order (for tests and
            statistics).

    Raises:
        ExtractorError: a worker could not build its pipeline, or died (e.g. out of memory).
    """
    chunks = _chunks(iter(articles), chunk_size)
    pool = ProcessPoolExecutor(
        max_workers=n_process, mp_context=start_context(), initializer=_init_worker
    )
    pending: deque[Future[ChunkResult]] = deque()
    finished = False
    try:
        for chunk in chunks:
            pending.append(pool.submit(extract_chunk, settings, chunk, fallback_published))
            while len(pending) >= 2 * n_process:
                yield from _collect(pending.popleft(), on_chunk)
        while pending:
            yield from _collect(pending.popleft(), on_chunk)
        finished = True
    finally:
        # On an early exit (an error, or the consumer stopped) do not wait for queued chunks.
        pool.shutdown(wait=finished, cancel_futures=not finished)


def _collect(future: Future[ChunkResult], on_chunk: Callable[[ChunkResult], None] | None) -> list[Document]:
    try:
        result = future.result()
    except BrokenProcessPool as exc:
        raise ExtractorError(f"a worker process died ({exc}); out of memory? try fewer --workers") from exc
    if on_chunk is not None:
        on_chunk(result)
    return result.documents


def _chunks(articles: Iterator[Article], size: int) -> Iterator[list[Article]]:
    while chunk := list(islice(articles, size)):
        yield chunk
