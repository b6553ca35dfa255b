"""The command line: thin wrappers over plain functions, mapping errors to exit codes.

Exit status: 0 all documents processed, 1 at least one document has an error record,
2 usage error (bad option, missing path, model not installed, broken pattern file).
"""

from __future__ import annotations

import json
import sys
import time
from datetime import date
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer

from .config import Settings
from .errors import ExtractorError
from .models import Document

app = typer.Typer(
    name="extractor", no_args_is_help=True, add_completion=False,
    help="Turn news text into structured, normalised events (JSON Lines).",
)

USAGE_ERROR = 2


def _fail(message: str, code: int = USAGE_ERROR) -> typer.Exit:
    typer.echo(f"extractor: {message}", err=True)
    return typer.Exit(code)


def _check_date(value: str | None) -> str | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value).isoformat()
    except ValueError:
        raise typer.BadParameter(f"{value!r} is not a YYYY-MM-DD date") from None


OutputOpt = Annotated[Path | None, typer.Option("-o", "--output", help="JSONL file (default or -: stdout).")]
PublishedOpt = Annotated[
    str | None,
    typer.Option(help="Fallback publication date, YYYY-MM-DD.", callback=_check_date),
]
ModelOpt = Annotated[str | None, typer.Option(help="spaCy pipeline (or EXTRACTOR_MODEL).")]
PatternsOpt = Annotated[
    Path | None,
    typer.Option("--patterns", help="A patterns folder to use instead of the shipped one.",
                 envvar="EXTRACTOR_PATTERNS"),
]
MaxBytesOpt = Annotated[int, typer.Option(min=1, help="Larger input files get an error record.")]


class Engine(str, Enum):
    local = "local"
    dask = "dask"


EngineOpt = Annotated[Engine, typer.Option(
    help="local: processes on this machine. dask: a Dask cluster (extra [dask]); -o is then a "
    "folder of part-NNNNN.jsonl files, one per --batch-size documents, in input order.")]
SchedulerOpt = Annotated[str | None, typer.Option(
    help="Dask scheduler address (default: a LocalCluster of --workers processes).")]


@app.command()
def run(
    inputs: Annotated[list[str], typer.Argument(help="Files, folders, or - for stdin.")],
    output: OutputOpt = None,
    published: PublishedOpt = None,
    workers: Annotated[int, typer.Option(min=1, help="Worker processes, one pipeline each.")] = 1,
    model: ModelOpt = None,
    patterns: PatternsOpt = None,
    batch_size: Annotated[int, typer.Option(min=1, help="Documents per nlp.pipe batch.")] = 32,
    max_bytes: MaxBytesOpt = 10_000_000,
    resume: Annotated[bool, typer.Option(help="Skip documents already in -o OUT (or OUT.partial).")] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar or summary.")] = False,
    engine: EngineOpt = Engine.local,
    scheduler: SchedulerOpt = None,
) -> None:
    """Extract events from articles and write one document object per article."""
    from .extract import Extractor
    from .io import JsonlWriter, count_documents, iter_articles
    from .progress import progress_bar

    if output == Path("-"):
        output = None  # the Unix convention for standard output

    missing = [name for name in inputs if name != "-" and not Path(name).exists()]
    if missing:
        raise _fail(f"no such file or folder: {', '.join(missing)}")
    if resume and output is None:
        raise _fail("--resume needs -o OUT")
    if engine is Engine.dask or scheduler:
        _run_dask(inputs, output, _settings(model, patterns, batch_size=batch_size), published, workers,
                  max_bytes, resume, quiet, scheduler)
        return
    extractor = Extractor(settings=_settings(model, patterns, batch_size=batch_size))
    show_progress = not quiet and sys.stderr.isatty()
    summary = RunSummary()
    try:
        with JsonlWriter(output, resume=resume, sync_every=batch_size) as writer:
            articles = iter_articles(inputs, max_bytes=max_bytes)
            if resume:
                articles = (a for a in articles if not writer.is_done(a.source, a.doc_id))
                summary.skipped = len(writer.done)
            total = count_documents(inputs) if show_progress else None
            with progress_bar(show_progress, total, summary.skipped) as advance:
                for document in extractor.process(
                    articles, fallback_published=published, n_process=workers
                ):
                    writer.write(document)
                    summary.add(document)
                    advance()
    except ExtractorError as exc:
        raise _fail(str(exc)) from None
    if not quiet:
        typer.echo(summary.line(), err=True)
    if summary.failed:
        raise typer.Exit(1)


def _run_dask(
    inputs: list[str], output: Path | None, settings: Settings, published: str | None,
    workers: int, max_bytes: int, resume: bool, quiet: bool, scheduler: str | None,
) -> None:
    """``run --engine dask``: the work is in :func:`extractor.distributed.run_dask`."""
    from .distributed import run_dask
    from .io import iter_articles

    if output is None:
        raise _fail("--engine dask needs -o OUTDIR (a folder for part-NNNNN.jsonl files)")
    if output.exists() and not output.is_dir():
        raise _fail(f"--engine dask writes a folder, and {output} is a file")
    summary = RunSummary()
    try:
        done = run_dask(
            iter_articles(inputs, max_bytes=max_bytes), output, settings=settings,
            fallback_published=published, partition_size=settings.batch_size, workers=workers,
            scheduler=scheduler, resume=resume,
            inputs=[n if n == "-" else str(Path(n).resolve()) for n in inputs],
        )
    except ExtractorError as exc:
        raise _fail(str(exc)) from None
    summary.documents, summary.events, summary.failed = done.documents, done.events, done.failed
    summary.skipped = done.skipped_documents
    if not quiet:
        typer.echo(f"{summary.line()}; {done.partitions} partitions in {output}", err=True)
    if summary.failed:
        raise typer.Exit(1)


class RunSummary:
    """Running totals of a run, for the closing summary line."""

    def __init__(self) -> None:
        self.started = time.perf_counter()
        self.documents = self.events = self.failed = self.skipped = 0

    def add(self, document: Document) -> None:
        self.documents += 1
        self.events += len(document.events)
        self.failed += document.error is not None

    def line(self) -> str:
        seconds = time.perf_counter() - self.started
        rate = self.documents / seconds if seconds > 0 else 0.0
        skipped = f", {self.skipped} already done" if self.skipped else ""
        return (
            f"{self.documents} documents, {self.events} events, {self.failed} errors"
            f"{skipped} in {seconds:.1f} s ({rate:.1f} documents/s)"
        )


@app.command()
def show(
    inputs: Annotated[list[str], typer.Argument(help="Files, folders, or - for stdin.")],
    output: Annotated[Path, typer.Option("-o", "--output", help="HTML file to write.")] = Path(
        "report.html"
    ),
    published: PublishedOpt = None,
    model: ModelOpt = None,
    patterns: PatternsOpt = None,
    max_bytes: MaxBytesOpt = 10_000_000,
    title: Annotated[str, typer.Option(help="Page title.")] = "extractor report",
) -> None:
    """Write a self-contained HTML page of the articles with every extracted span highlighted."""
    from .extract import Extractor
    from .io import iter_articles
    from .report import write_report

    missing = [name for name in inputs if name != "-" and not Path(name).exists()]
    if missing:
        raise _fail(f"no such file or folder: {', '.join(missing)}")
    try:
        articles = list(iter_articles(inputs, max_bytes=max_bytes))
        documents = Extractor(settings=_settings(model, patterns)).process(
            articles, fallback_published=published
        )
        pairs = [(a.text, d) for a, d in zip(articles, documents, strict=True)]
    except ExtractorError as exc:
        raise _fail(str(exc)) from None
    write_report(output, pairs, title=title)
    typer.echo(f"{output}: {len(pairs)} articles, {sum(len(d.events) for _, d in pairs)} events",
               err=True)


@app.command()
def schema() -> None:
    """Print the JSON Schema of the document object."""
    from .models import Document

    typer.echo(json.dumps(Document.model_json_schema(), indent=2))


GoldArg = Annotated[list[Path], typer.Argument(help="Gold files (*.gold.json) or folders of them.")]
JsonOpt = Annotated[Path | None, typer.Option("--json", help="Write the scores as JSON.")]
FailUnderOpt = Annotated[float | None, typer.Option(help="Exit 1 if overall F1 is below this.")]
MissesOpt = Annotated[bool, typer.Option("--misses/--no-misses", help="List missed and spurious items.")]
BaselineOpt = Annotated[
    Path | None,
    typer.Option(help="Saved scores (--json output); exit 1 if any field's F1 drops by more than 0.02."),
]


@app.command("eval")
def evaluate(
    gold: GoldArg,
    json_out: JsonOpt = None,
    fail_under: FailUnderOpt = None,
    model: ModelOpt = None,
    patterns: PatternsOpt = None,
    show_misses: MissesOpt = False,
    baseline: BaselineOpt = None,
) -> None:
    """Score extraction against annotated samples: precision, recall and F1 per field."""
    from .evaluate import evaluate_paths
    from .extract import Extractor

    missing = [str(p) for p in gold if not p.exists()]
    if missing:
        raise _fail(f"no such file or folder: {', '.join(missing)}")
    try:
        report = evaluate_paths(gold, Extractor(settings=_settings(model, patterns)))
    except ExtractorError as exc:
        raise _fail(str(exc)) from None
    typer.echo(report.table())
    if show_misses:
        for miss in report.misses:
            typer.echo(str(miss))
    if json_out is not None:
        json_out.parent.mkdir(parents=True, exist_ok=True)
        json_out.write_text(json.dumps(report.to_json(), indent=2) + "\n", encoding="utf-8")
    if baseline is not None:
        drops = report.regressions(json.loads(baseline.read_text(encoding="utf-8")))
        for drop in drops:
            typer.echo(f"regression: {drop}", err=True)
        if drops:
            raise typer.Exit(1)
    if fail_under is not None and report.overall.f1 < fail_under:
        raise _fail(f"overall F1 {report.overall.f1:.3f} is below {fail_under}", code=1)


def _settings(model: str | None, patterns: Path | None = None, **overrides: object) -> Settings:
    """Settings from the command line; a missing patterns folder is a usage error."""
    if patterns is not None:
        if not patterns.is_dir():
            raise _fail(f"--patterns {patterns} is not a folder")
        overrides["patterns_dir"] = patterns
    settings = Settings(**overrides)  # type: ignore[arg-type]
    return settings.model_copy(update={"model": model}) if model else settings


def main() -> None:
    """Console-script entry point."""
    app(prog_name="extractor")


if __name__ == "__main__":
    main()
