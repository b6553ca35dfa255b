"""Loading and validating the data files in ``patterns/``.

Every file is validated with a pydantic model (``extra="forbid"``) as it loads; a broken file
raises :class:`PatternFileError` naming the file, line and field.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from importlib import resources
from pathlib import Path
from typing import Annotated, TypeVar

from pydantic import AfterValidator, BaseModel, ConfigDict, ValidationError

from .errors import PatternFileError

T = TypeVar("T", bound=BaseModel)


def _compiles(value: str) -> str:
    try:
        re.compile(value)
    except re.error as exc:
        raise ValueError(f"not a regular expression: {exc}") from exc
    return value


#: A pattern-file field holding a regular expression, checked to compile when it loads.
Regex = Annotated[str, AfterValidator(_compiles)]


class PatternModel(BaseModel):
    """Base of every pattern-file record: unknown keys are errors, not silently ignored."""

    model_config = ConfigDict(extra="forbid", frozen=True)


def default_patterns_dir() -> Path:
    """Return the ``patterns/`` folder: the source tree's, else the installed package data."""
    source_tree = Path(__file__).resolve().parent.parent / "patterns"
    if source_tree.is_dir():
        return source_tree
    return Path(str(resources.files("extractor") / "patterns"))


def _message_of(error: ValidationError) -> str:
    """Every problem pydantic found, as ``field 'a.b': message; ...``."""
    parts = []
    for problem in error.errors():
        where = ".".join(str(part) for part in problem["loc"])
        parts.append(f"field '{where}': {problem['msg']}" if where else str(problem["msg"]))
    return "; ".join(parts)


def load_jsonl(path: Path, model: type[T]) -> list[T]:
    """Load a JSON Lines file, one record per non-blank line not starting with ``//``.

    Args:
        path: the file.
        model: the pydantic model each line must satisfy.

    Returns:
        The validated records in file order.

    Raises:
        PatternFileError: the file is missing, a line is not JSON, or a record is invalid.
    """
    return list(_iter_jsonl(path, model))


def _iter_jsonl(path: Path, model: type[T]) -> Iterator[T]:
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise PatternFileError(str(path), f"cannot read: {exc}") from exc
    for number, line in enumerate(lines, 1):
        stripped = line.strip()
        if not stripped or stripped.startswith("//"):
            continue
        try:
            data = json.loads(stripped)
        except json.JSONDecodeError as exc:
            raise PatternFileError(str(path), f"not JSON: {exc.msg}", line=number) from exc
        try:
            yield model.model_validate(data)
        except ValidationError as exc:
            raise PatternFileError(str(path), _message_of(exc), line=number) from exc


def load_json(path: Path, model: type[T], *, error: type[PatternFileError] = PatternFileError) -> T:
    """Load one JSON document and validate it.

    Args:
        path: the file.
        model: the pydantic model the document must satisfy.
        error: the error class to raise (a :class:`PatternFileError` or a subclass).

    Raises:
        PatternFileError: (or ``error``) the file is missing, not JSON, or invalid.
    """
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise error(str(path), f"cannot read: {exc}") from exc
    except json.JSONDecodeError as exc:
        raise error(str(path), f"not JSON: {exc.msg}", line=exc.lineno) from exc
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        raise error(str(path), _message_of(exc)) from exc
