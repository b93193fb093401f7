"""Amounts: a text → `Amount` rows (money in ISO 4217, percentages, counts), numbers in digits or words."""

from .find import find_amounts

__all__ = ["find_amounts"]
