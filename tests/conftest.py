"""Shared fixtures: the trained spaCy pipeline is loaded once per test session."""

from __future__ import annotations

import pytest
import spacy
from spacy.language import Language

from extractor.config import DEFAULT_MODEL


@pytest.fixture(scope="session")
def nlp() -> Language:
    """The bare default spaCy pipeline (no extractor components)."""
    return spacy.load(DEFAULT_MODEL)
