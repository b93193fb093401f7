"""Stage 5, facts: `Analysis` → `Facts`: organisations, officials, persons, regions, dates and amounts."""

from .normalise import normalise, prepare

__all__ = ["normalise", "prepare"]
