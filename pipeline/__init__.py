"""newsfacts: English and Russian news articles → tables of organisations, officials, regions, dates and amounts."""

from .run import extract, run
from .store import Tables, load

__all__ = ["Tables", "extract", "load", "run"]
