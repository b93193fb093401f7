"""Stage 4, ner: `Article` → `Analysis` (tokens and mentions in one label set).

English through spaCy, Russian through Natasha, then one document-level repair for both."""

from .recognise import Models, recognise

__all__ = ["Models", "recognise"]
