"""Shared fixtures: the real models, loaded once per test session, and the sample data."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from pipeline import extract, run
from pipeline.ner.recognise import Models
from pipeline.settings import Settings, load_settings
from pipeline.store.database import Tables

ROOT = Path(__file__).resolve().parent.parent
RAW = ROOT / "data" / "raw"
SAMPLES = RAW / "samples"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session")
def settings() -> Settings:
    """The shipped settings, without the site boilerplate models a local crawl may have learnt."""
    shipped = load_settings()
    return dataclasses.replace(shipped, clean=dataclasses.replace(shipped.clean, sites=""))


@pytest.fixture(scope="session")
def models(settings: Settings) -> Models:
    return Models(settings.ner)


@pytest.fixture(scope="session")
def sample_tables(models: Models, settings: Settings) -> Tables:
    """The three sample articles through the whole pipeline, in memory."""
    items = [{"title": p.stem, "text": p.read_text(encoding="utf-8")} for p in sorted(SAMPLES.glob("*.txt"))]
    return extract(items, models=models, settings=settings)


@pytest.fixture(scope="session")
def sample_out(tmp_path_factory: pytest.TempPathFactory, models: Models, settings: Settings) -> Path:
    """An output folder with what `make run` writes: data/raw through the whole pipeline. Do not modify."""
    out = tmp_path_factory.mktemp("sample_out")
    run([RAW], out, models=models, settings=settings)
    return out
