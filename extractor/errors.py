"""Error classes. Library code raises these; only ``cli.py`` turns them into exit codes."""

from __future__ import annotations


class ExtractorError(Exception):
    """Base class of every error the extractor raises on purpose."""


class PatternFileError(ExtractorError):
    """A file in ``patterns/`` is missing or malformed.

    The message names the file, the line (for JSON Lines) and the field at fault.
    """

    def __init__(self, path: str, message: str, line: int | None = None, field: str | None = None):
        self.path, self.line, self.field = path, line, field
        where = path + (f", line {line}" if line is not None else "")
        where += f", field '{field}'" if field else ""
        super().__init__(f"{where}: {message}")


class ModelNotFoundError(ExtractorError):
    """The spaCy pipeline named by the settings is not installed."""


class InputError(ExtractorError):
    """An input document could not be read or decoded."""

    def __init__(self, kind: str, message: str):
        self.kind = kind
        super().__init__(message)


class EvaluationError(PatternFileError):
    """A gold annotation (``samples/*.gold.json``) is missing, malformed or misaligned.

    The message names the file, and the line or field at fault when known.
    """
