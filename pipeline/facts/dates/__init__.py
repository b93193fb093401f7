"""Dates: a text (and its publication date) → `DateValue` rows, from a grammar merged with the NER's DATE spans."""

from .find import find_dates, prepare

__all__ = ["find_dates", "prepare"]
