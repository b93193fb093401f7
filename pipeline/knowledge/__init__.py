"""Knowledge shared by every stage: the files in models/ → cached lexicons, regex builders, the place
gazetteer and the organisation lexicon."""

from .lexicon import load_csv, load_toml

__all__ = ["load_csv", "load_toml"]
