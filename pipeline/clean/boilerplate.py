"""Pages of one site → the text blocks its template repeats, learnt from raw HTML alone.

A paragraph that appears on many pages of the same host (menus, footers, "subscribe" boxes,
legal notices) is template, not article. `BoilerplateModel.learn` counts, for each normalised
block, on how many of a host's pages it appears; `strip` drops those lines from extracted text.
"""

from __future__ import annotations

import json
import logging
import re
from collections import Counter, deque
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from ..read.files import read
from ..records import Page, Skip
from ..settings import Settings
from .htmltree import text_blocks

log = logging.getLogger(__name__)

_SPACES = re.compile(r"\s+")
_MIN_CHARS = 3  # shorter blocks ("|", "»") say nothing about a template


def block_key(text: str) -> str:
    """Block text → the key two pages share when they show the same block (case, spaces folded)."""
    return _SPACES.sub(" ", text).strip().casefold()


def host_of(url: str | None) -> str | None:
    """URL → lower-case host without "www.", or None."""
    host = urlsplit(url).hostname if url else None
    return host.removeprefix("www.") if host else None


@dataclass(frozen=True)
class BoilerplateModel:
    """The template blocks of one host, learnt from `pages` of its HTML pages."""

    host: str
    pages: int
    blocks: frozenset[str]

    @classmethod
    def learn(
        cls, host: str, pages: Iterable[str | bytes], min_pages: int = 2, min_share: float = 0.5
    ) -> BoilerplateModel:
        """Raw HTML pages of one host → the blocks found on at least min_pages and min_share of them."""
        counts: Counter[str] = Counter()
        total = 0
        for html in pages:
            total += 1
            counts.update({block_key(b) for b in text_blocks(html) if len(b) >= _MIN_CHARS})
        floor = max(min_pages, min_share * total)
        blocks = frozenset(key for key, n in counts.items() if n >= floor)
        log.info("%s: %d template blocks from %d pages", host, len(blocks), total)
        return cls(host, total, blocks)

    def strip(self, text: str) -> str:
        """Extracted text → its lines that are not template blocks of this host."""
        return "\n".join(line for line in text.splitlines() if block_key(line) not in self.blocks)

    def to_json(self) -> str:
        return json.dumps(
            {"host": self.host, "pages": self.pages, "blocks": sorted(self.blocks)}, ensure_ascii=False, indent=0
        )

    @classmethod
    def from_json(cls, text: str) -> BoilerplateModel:
        data = json.loads(text)
        return cls(data["host"], int(data["pages"]), frozenset(data["blocks"]))

    def save(self, path: Path) -> None:
        path.write_text(self.to_json(), encoding="utf-8")

    @classmethod
    def load(cls, path: Path) -> BoilerplateModel:
        return cls.from_json(path.read_text(encoding="utf-8"))


def learn_sites(
    pages: Iterable[tuple[str, str | bytes]], min_pages: int = 2, min_share: float = 0.5
) -> dict[str, BoilerplateModel]:
    """(host, raw HTML) pairs → one model per host that has at least min_pages pages."""
    by_host: dict[str, list[str | bytes]] = {}
    for host, html in pages:
        by_host.setdefault(host, []).append(html)
    return {
        host: BoilerplateModel.learn(host, htmls, min_pages, min_share)
        for host, htmls in by_host.items()
        if len(htmls) >= min_pages
    }


def learn_store(
    pages: Iterable[Page | Skip], min_pages: int = 2, min_share: float = 0.5, per_host: int = 200
) -> dict[str, BoilerplateModel]:
    """Pages read from a raw store (WARC records carry their URL) → one model per host, learnt from
    its `per_host` latest HTML pages (the store is read oldest first): templates change, and a few
    hundred pages show every block the current one repeats."""
    latest: dict[str, deque[str | bytes]] = {}
    for page in pages:
        if isinstance(page, Page) and page.kind == "html" and (host := host_of(page.url)):
            latest.setdefault(host, deque(maxlen=per_host)).append(page.content)
    return learn_sites(((host, html) for host, htmls in latest.items() for html in htmls), min_pages, min_share)


def recent_crawl_files(raw: str | Path, days: int) -> list[Path]:
    """The WARC files in the newest `days` crawl folders (RAW/crawl/YYYY-MM-DD), oldest first."""
    folders = sorted(p for p in (Path(raw) / "crawl").glob("*") if p.is_dir())[-days:] if days > 0 else []
    return sorted(path for folder in folders for path in folder.rglob("*.warc*") if path.is_file())


def learn_boilerplate(paths: Iterable[str | Path], settings: Settings, to: str | Path | None = None) -> list[Path]:
    """Raw files (the crawl's WARC files) → a model per host, saved in `to` or the `clean.sites`
    folder of the settings; returns the files written."""
    clean = settings.clean
    models = learn_store(read(paths, settings.read), clean.boilerplate_min_pages, clean.boilerplate_min_share,
                         clean.boilerplate_per_host)  # fmt: skip
    folder = to or clean.sites
    if not folder:
        raise ValueError("no folder for the boilerplate models: set [clean] sites or pass one")
    return save_sites(models, folder)


def save_sites(models: Mapping[str, BoilerplateModel], folder: str | Path) -> list[Path]:
    """Models → FOLDER/HOST.json, one file per host (a host's older file is replaced); returns the paths."""
    target = Path(folder)
    if models:
        target.mkdir(parents=True, exist_ok=True)
    paths = []
    for host, model in sorted(models.items()):
        path = target / f"{host}.json"
        tmp = path.with_suffix(".json.tmp")
        model.save(tmp)
        tmp.replace(path)
        paths.append(path)
    return paths


def load_sites(folder: str | Path) -> dict[str, BoilerplateModel]:
    """FOLDER/*.json → models by host ({} when the folder does not exist)."""
    paths = sorted(Path(folder).glob("*.json")) if folder and Path(folder).is_dir() else []
    models = (BoilerplateModel.load(path) for path in paths)
    return {model.host: model for model in models}


def model_for(url: str | None, models: Mapping[str, BoilerplateModel]) -> BoilerplateModel | None:
    """A page's URL → the model learnt for its host, if any."""
    host = host_of(url)
    return models.get(host) if host else None
