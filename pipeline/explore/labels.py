"""docs/tables.md → what each table holds and what each column means, for tools that show the tables."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from importlib import resources

_CELL = re.compile(r"^\| ([a-z_]+) \| [a-z]+ \| (.*) \|$", flags=re.M)


@dataclass(frozen=True)
class TableLabel:
    """A table's one-line description and a meaning for each column."""

    description: str = ""
    columns: dict[str, str] = field(default_factory=dict)


def tables_doc() -> str:
    """The text of docs/tables.md (package data `pipeline.docs`, which in a checkout is docs/)."""
    return (resources.files("pipeline.docs") / "tables.md").read_text(encoding="utf-8")


def table_labels(text: str | None = None) -> dict[str, TableLabel]:
    """A tables page → {table: its label} for every `### name` section with a column table."""
    labels = {}
    for section in re.split(r"^### ", text if text is not None else tables_doc(), flags=re.M)[1:]:
        heading, _, body = section.partition("\n")
        if "| column | type | meaning |" not in body:
            continue
        intro = body.split("| column |")[0]
        columns = {name: plain(meaning) for name, meaning in _CELL.findall(body) if name != "column"}
        labels[heading.strip()] = TableLabel(plain(" ".join(intro.split())), columns)
    return labels


def plain(markdown: str) -> str:
    """Markdown → plain text: no backticks, no link targets."""
    return re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", markdown).replace("`", "").strip()
