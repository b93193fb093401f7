"""Natasha's news embedding (navec, 250,000 lower-cased words of Russian news, Latin-script names
among them) → the kind of an organisation its name's words lie closest to.

The embedding's vectors stay product-quantised (about 25 MB of codes): only the words asked about
are decoded, each once, and the seed names of models/org_kind_seeds.toml once. The look-ups read
the vectors and the vocabulary that Natasha's morphology tagger holds (`news_taggers`, the taggers
pipeline.ner.russian runs), so they cost no memory of their own: the NewsEmbedding the taggers are
built from is let go once they are (kept, its own vocabulary would add about 80 MB).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Any

import numpy as np
from natasha import NewsEmbedding, NewsMorphTagger, NewsNERTagger

from .lexicon import load_toml

_WORD = re.compile(r"[^\W\d_][\w&-]*(?:\.[^\W\d_]+)*")
_POSSESSIVE = re.compile(r"['’]s\b")


@cache
def news_taggers() -> tuple[NewsMorphTagger, NewsNERTagger]:
    """Natasha's morphology and NER taggers, built once per process from one NewsEmbedding: they
    share its quantised vectors, each with its own copy of the vocabulary."""
    embedding = NewsEmbedding()
    return NewsMorphTagger(embedding), NewsNERTagger(embedding)


@cache
def _vectors() -> tuple[Mapping[str, int], Callable[[np.ndarray], np.ndarray]]:
    """The morphology tagger's word → row and its embedding layer (rows → vectors, as navec decodes them)."""
    infer = news_taggers()[0].infer
    return infer.encoder.words_vocab.item_ids, infer.model.emb.word


@lru_cache(maxsize=20_000)
def word_vector(word: str) -> np.ndarray | None:
    """A word (any case) → its unit vector, None when the embedding lacks it. Ё is tried as е too, and
    a Latin word the embedding lacks in Cyrillic letters ("Mossad" → «моссад»: Russian news writes
    most foreign names so)."""
    rows, decode = _vectors()
    lower = word.lower()
    forms = (lower, lower.replace("ё", "е"), cyrillic(lower) if lower.isascii() else lower)
    for form in dict.fromkeys(forms):
        if (row := rows.get(form)) is not None and not form.startswith("<"):  # not <unk>, <pad>
            vector = np.asarray(decode(np.array([row]))[0], dtype=np.float32)
            norm = float(np.linalg.norm(vector))
            return vector / norm if norm else None
    return None


@cache
def _letters() -> tuple[re.Pattern[str], dict[str, str]]:
    table: dict[str, str] = _table()["latin_to_cyrillic"]
    spellings = sorted(table, key=len, reverse=True)  # longer spellings first: "sh" before "s"
    return re.compile("|".join(map(re.escape, spellings))), table


def cyrillic(word: str) -> str:
    """A lower-case Latin word → Cyrillic letters by models/org_kind_seeds.toml's [latin_to_cyrillic]
    ("pentagon" → «пентагон»); a "c" before e, i or y reads as "s"."""
    pattern, table = _letters()
    return pattern.sub(lambda m: table[m.group(0)], re.sub(r"c(?=[eiy])", "s", word))


def name_vector(name: str) -> np.ndarray | None:
    """A name → the unit mean of its words' vectors ("Alibaba's": alibaba), None when the embedding
    lacks any of them: a name half unknown ("Allman Brothers") would be judged by its common words."""
    found = [word_vector(w) for w in _WORD.findall(_POSSESSIVE.sub("", name))]
    vectors = [v for v in found if v is not None]
    if not vectors or len(vectors) < len(found):
        return None
    mean = np.mean(vectors, axis=0)
    norm = float(np.linalg.norm(mean))
    return mean / norm if norm else None


@dataclass(frozen=True)
class Seeds:
    kinds: tuple[str, ...]  # the kind of each row
    vectors: np.ndarray  # one unit row per seed name the embedding has words for
    neighbours: int  # how many nearest seeds vote
    min_similarity: float  # the nearest seed's cosine below which no kind is told


@cache
def _table() -> dict[str, Any]:
    return load_toml("org_kind_seeds")


@cache
def seeds() -> Seeds:
    """models/org_kind_seeds.toml → the seed names' vectors, decoded once."""
    table = _table()
    kinds, rows, seen = [], [], set()
    for kind, names in table["kinds"].items():
        for name in names:
            vector = name_vector(name)
            # a name in both scripts may reach one word ("mossad" through «моссад»): it votes once
            if vector is not None and vector.tobytes() not in seen:
                seen.add(vector.tobytes())
                kinds.append(kind)
                rows.append(vector)
    return Seeds(tuple(kinds), np.vstack(rows), int(table["neighbours"]), float(table["min_similarity"]))


def prepare() -> None:
    """Load the embedding and decode the seeds before the first article, unless the look-up is off."""
    if _table()["enabled"]:
        seeds()


def nearest_kind(name: str) -> tuple[str, float] | None:
    """A name → (the kind its nearest seeds vote for, the nearest one's similarity), None when the
    embedding lacks any of its words (`name_vector`). Each of the k nearest seeds votes with its similarity."""
    vector = name_vector(name)
    if vector is None:
        return None
    table = seeds()
    similarity = table.vectors @ vector
    nearest = np.argsort(-similarity)[: table.neighbours]
    votes: dict[str, float] = {}
    for row in nearest:
        votes[table.kinds[row]] = votes.get(table.kinds[row], 0.0) + float(similarity[row])
    return max(votes, key=votes.__getitem__), float(similarity[nearest[0]])


def embedding_kind(name: str) -> str | None:
    """A name → its seeds' kind when the nearest seed is close enough, else None (always None when
    models/org_kind_seeds.toml's `enabled` is false: the embedding is then never loaded)."""
    if not _table()["enabled"]:
        return None
    found = nearest_kind(name)
    return found[0] if found and found[1] >= seeds().min_similarity else None
