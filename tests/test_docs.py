"""The README and docs/ stay true: column lists match the schemas, examples run, names and links resolve."""

from __future__ import annotations

import dataclasses
import importlib
import re
import shutil
from pathlib import Path
from typing import Any

import pyarrow as pa
import pytest
import typer

from pipeline.cli import app
from pipeline.crawl.report import CRAWL_RUNS
from pipeline.settings import Settings
from pipeline.store import ALL_SCHEMAS

from .conftest import RAW, ROOT

PAGES = sorted([ROOT / "README.md", *(ROOT / "docs").glob("*.md")])
DOCS = {path.name if path.parent == ROOT else f"docs/{path.name}": path for path in PAGES}
TYPES = {"string": pa.string(), "int": pa.int32(), "float": pa.float64(), "date": pa.date32(), "bool": pa.bool_()}
TYPES |= {"list": pa.list_(pa.string()), "timestamp": pa.timestamp("s")}


def column_tables(text: str) -> dict[str, list[tuple[str, str]]]:
    """A page → for each heading followed by a `| column | type | meaning |` table, its (column, type) rows."""
    found: dict[str, list[tuple[str, str]]] = {}
    for section in re.split(r"^#+ ", text, flags=re.M)[1:]:
        heading, _, body = section.partition("\n")
        rows = [r for r in re.findall(r"^\| ([a-z_]+) \| ([a-z]+) \| .* \|$", body, flags=re.M) if r[0] != "column"]
        if "| column | type | meaning |" in body:
            found[heading.strip()] = rows
    return found


def documented_type(kind: pa.DataType) -> str:
    return "int" if pa.types.is_integer(kind) else next(name for name, t in TYPES.items() if t == kind)


def test_every_output_table_is_documented_column_by_column() -> None:
    documented = column_tables(DOCS["docs/tables.md"].read_text(encoding="utf-8"))
    assert set(ALL_SCHEMAS) <= set(documented)
    for name, schema in ALL_SCHEMAS.items():
        assert documented[name] == [(f.name, documented_type(f.type)) for f in schema], name


def test_the_crawl_runs_table_is_documented_column_by_column() -> None:
    documented = column_tables(DOCS["docs/crawl.md"].read_text(encoding="utf-8"))["crawl_runs"]
    assert documented == [(f.name, documented_type(f.type)) for f in CRAWL_RUNS]


def python_blocks(path: Path) -> list[str]:
    return re.findall(r"^```python\n(.*?)^```", path.read_text(encoding="utf-8"), flags=re.M | re.S)


@pytest.fixture(scope="module")
def workplace(tmp_path_factory: pytest.TempPathFactory, sample_out: Path) -> Path:
    """A folder laid out as a checkout after `make run`: data/raw and data/out."""
    place = tmp_path_factory.mktemp("docs")
    shutil.copytree(RAW, place / "data" / "raw")
    shutil.copytree(sample_out, place / "data" / "out")
    return place


@pytest.mark.parametrize("page", [name for name, path in DOCS.items() if python_blocks(path)])
def test_the_python_examples_run(page: str, workplace: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(workplace)
    namespace: dict[str, Any] = {"__name__": "__main__"}  # run() spawns workers: the guard they need
    for block in python_blocks(DOCS[page]):
        exec(compile(block, f"{page} example", "exec"), namespace)  # noqa: S102 - the docs' own code


def command_lines() -> list[tuple[str, str]]:
    """(page, line) for every newsfacts command shown in a code block of the docs."""
    lines = []
    for page, path in DOCS.items():
        for block in re.findall(r"^```\n(.*?)^```", path.read_text(encoding="utf-8"), flags=re.M | re.S):
            lines += [(page, line) for line in block.splitlines() if re.match(r"(\.venv/bin/)?newsfacts ", line)]
    return lines


def options_of(command: Any) -> set[str]:
    return {opt for param in command.params for opt in (*param.opts, *param.secondary_opts)}


@pytest.mark.parametrize(("page", "line"), command_lines())
def test_the_commands_shown_exist_with_their_options(page: str, line: str) -> None:
    cli = typer.main.get_command(app)
    words = line.split("#")[0].split()[1:]
    names = [w for w in words if not w.startswith(("-", "[", "."))]
    flags = {w.strip("[]").split("=")[0] for w in words if w.strip("[").startswith("--")}
    flags = {f for flag in flags for f in flag.split("/")}  # --color/--no-color
    command = cli.commands.get(names[0]) if names else None  # type: ignore[attr-defined]
    known = options_of(cli) | (options_of(command) if command else set())
    assert command or not names or names[0].isupper() or names[0] == "...", f"{page}: no command {names[0]!r}"
    assert flags <= known, f"{page}: {line!r} shows options the CLI does not have: {sorted(flags - known)}"


def dotted_names() -> list[tuple[str, str]]:
    """(page, name) for every `pipeline.x.y` reference in backticks."""
    found = set()
    for page, path in DOCS.items():
        for ref in re.findall(r"`(pipeline(?:\.\w+)+)", path.read_text(encoding="utf-8")):
            found.add((page, ref))
    return sorted(found)


@pytest.mark.parametrize(("page", "name"), dotted_names())
def test_the_python_names_mentioned_exist(page: str, name: str) -> None:
    parts = name.split(".")
    for cut in range(len(parts), 0, -1):
        try:
            target: Any = importlib.import_module(".".join(parts[:cut]))
        except ModuleNotFoundError:
            continue
        for attribute in parts[cut:]:
            assert hasattr(target, attribute), f"{page}: {name} does not exist"
            target = getattr(target, attribute)
        return
    raise AssertionError(f"{page}: {name} does not exist")


SECTIONS = {f.name: type(f.default) for f in dataclasses.fields(Settings) if dataclasses.is_dataclass(f.default)}


def setting_names() -> list[tuple[str, str]]:
    pattern = r"`(" + "|".join(SECTIONS) + r")\.([a-z_]+)`"
    return sorted({(page, ".".join(m)) for page, p in DOCS.items() for m in re.findall(pattern, p.read_text())})


@pytest.mark.parametrize(("page", "name"), setting_names())
def test_the_settings_mentioned_exist(page: str, name: str) -> None:
    section, key = name.split(".")
    assert key in {f.name for f in dataclasses.fields(SECTIONS[section])}, f"{page}: no setting {name}"


def local_paths() -> list[tuple[str, str]]:
    """(page, path) for every backticked path into the project's folders."""
    folders = "pipeline|models|bench|tests|docs|notebooks|deploy|data"
    pattern = rf"`((?:{folders})/[\w./-]*)`"
    return sorted({(page, m) for page, p in DOCS.items() for m in re.findall(pattern, p.read_text(encoding="utf-8"))})


@pytest.mark.parametrize(("page", "path"), local_paths())
def test_the_files_mentioned_exist(page: str, path: str) -> None:
    generated = ("data/out", "data/boilerplate", "data/crawl", "data/raw/crawl", "data/nightly")
    if path.startswith(generated) or "NAME" in path or "YYYY" in path:
        return
    assert (ROOT / path).exists(), f"{page}: {path} does not exist"


def links() -> list[tuple[str, str]]:
    return sorted(
        {
            (page, target)
            for page, p in DOCS.items()
            for target in re.findall(r"\]\(([^)#:]+(?:#[^)]*)?)\)", p.read_text())
        }
    )


def anchors(path: Path) -> set[str]:
    """GitHub's anchors: headings lower-cased, punctuation dropped, spaces as hyphens."""
    headings = re.findall(r"^#+ (.+)$", path.read_text(encoding="utf-8"), flags=re.M)
    return {re.sub(r"[^\w\- ]", "", h.lower()).replace(" ", "-") for h in headings}


@pytest.mark.parametrize(("page", "target"), links())
def test_the_links_between_pages_resolve(page: str, target: str) -> None:
    file, _, anchor = target.partition("#")
    path = (DOCS[page].parent / file).resolve() if file else DOCS[page]
    assert path.exists(), f"{page}: broken link {target}"
    assert not anchor or anchor in anchors(path), f"{page}: no heading for #{anchor} in {file or page}"
