"""A rich progress bar on stderr for long runs: documents, documents/s, elapsed and ETA."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    ProgressColumn,
    Task,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.text import Text


class RateColumn(ProgressColumn):
    """Documents per second."""

    def render(self, task: Task) -> Text:
        speed = task.finished_speed or task.speed
        return Text(f"{speed:.1f} docs/s" if speed else "-- docs/s", style="progress.data.speed")


@contextmanager
def progress_bar(enabled: bool, total: int | None, completed: int = 0) -> Iterator[Callable[[], None]]:
    """Yield a function that advances the bar by one document; a no-op when not enabled."""
    if not enabled:
        yield lambda: None
        return
    columns = (
        TextColumn("extracting"), BarColumn(), MofNCompleteColumn(), RateColumn(),
        TimeElapsedColumn(), TimeRemainingColumn(),
    )
    with Progress(*columns, console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task("extracting", total=total, completed=completed)
        yield lambda: bar.advance(task)
