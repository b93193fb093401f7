"""The folders are the architecture: stages in order, no stage importing a later one, no import cycles."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "pipeline"

# The order of the stages in run.py; a module may import its own layer and the ones before it.
LAYERS = (
    ("records", "settings", "knowledge", "models", "faults"),
    ("read",),
    ("crawl",),  # fetching uses the read stage's decoding, nothing after it
    ("clean",),
    ("detect",),
    ("ner",),
    ("facts",),
    ("store",),
    ("entities",),  # corpus-level, over the store once the per-article stages have written it
    ("explore", "quality"),
    ("engines", "run", "warm"),  # warm: what the fork server loads before it forks the workers
    ("nightly",),
    ("cli", "__init__"),
)
LAYER = {name: n for n, names in enumerate(LAYERS) for name in names}


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" and len(parts) > 1 else parts)


def modules() -> dict[str, Path]:
    return {module_name(path): path for path in sorted(PACKAGE.rglob("*.py"))}


def imported(name: str, path: Path, known: set[str]) -> set[str]:
    """Every pipeline module a module imports, at any depth of its code (function-level imports too)."""
    package = name.split(".") if path.name == "__init__.py" else name.split(".")[:-1]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.level:
            base = package[: len(package) - node.level + 1]
            target = ".".join([*base, node.module] if node.module else base)
            for alias in node.names:  # `from . import views` names a module
                child = f"{target}.{alias.name}".strip(".")
                found.add(child if child in known else target)
        elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith("pipeline"):
            found.add(node.module.removeprefix("pipeline").strip(".") or "__init__")
    return {module for module in found if module and module != name}


def graph() -> dict[str, set[str]]:
    found = modules()
    known = set(found)
    return {name: imported(name, path, known) & known for name, path in found.items()}


def layer_of(name: str) -> int:
    return LAYER[name.split(".")[0]]


def test_every_module_has_a_layer() -> None:
    assert {name.split(".")[0] for name in modules()} <= set(LAYER)


@pytest.mark.parametrize("name", sorted(graph()))
def test_no_module_imports_a_later_stage(name: str) -> None:
    later = sorted(m for m in graph()[name] if layer_of(m) > layer_of(name))
    assert not later, f"{name} imports later stages: {later}"


def test_no_import_cycles() -> None:
    edges = graph()
    state: dict[str, int] = {}  # 1: on the current path, 2: done

    def visit(node: str, path: list[str]) -> None:
        state[node] = 1
        for nxt in sorted(edges[node]):
            if state.get(nxt) == 1:
                raise AssertionError("import cycle: " + " → ".join([*path[path.index(nxt) :], nxt]))
            if nxt not in state:
                visit(nxt, [*path, nxt])
        state[node] = 2

    for node in sorted(edges):
        if node not in state:
            visit(node, [node])


@pytest.mark.parametrize("package", sorted(p.parent for p in PACKAGE.rglob("__init__.py")))
def test_each_package_says_what_goes_in_and_out(package: Path) -> None:
    docstring = ast.get_docstring(ast.parse((package / "__init__.py").read_text(encoding="utf-8")))
    assert docstring and ("→" in docstring or package == PACKAGE), f"{package} needs a docstring: input → output"


def test_the_layer_rule_sees_a_violation() -> None:
    """The checker itself: the NER stage importing the facts stage would be reported."""
    assert layer_of("facts.regions") > layer_of("ner.repair")
    assert "read.ids" in graph()["read.warc"]
