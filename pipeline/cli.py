"""Command line: a thin layer over pipeline.run."""

from __future__ import annotations

import logging
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Annotated

import typer
from tqdm import tqdm

from .records import Facts, Skip
from .run import Summary, run
from .settings import DEFAULT_SETTINGS, load_settings

app = typer.Typer(add_completion=False, help="English and Russian news → tables of facts.")


@app.callback()
def _main(verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Log progress details.")] = False) -> None:
    logging.basicConfig(
        level=logging.INFO if verbose else logging.WARNING, format="%(levelname)s %(name)s: %(message)s"
    )


def _progress(items: Iterable[Facts | Skip]) -> Iterable[Facts | Skip]:
    return tqdm(items, unit=" articles", desc="newsfacts", disable=not sys.stderr.isatty())


@app.command("run")
def run_command(
    paths: Annotated[list[Path] | None, typer.Argument(help="Files or folders to process.")] = None,
    out: Annotated[Path, typer.Option("--out", help="Output folder for the tables.")] = Path("data/out"),
    settings: Annotated[Path, typer.Option("--settings", help="Settings TOML.")] = DEFAULT_SETTINGS,
) -> None:
    """Process articles (HTML, text, JSON Lines) into tables in --out."""
    inputs = paths or [Path("data/raw")]
    missing = [str(p) for p in inputs if not p.exists()]
    if missing:
        raise typer.BadParameter(f"no such file or folder: {', '.join(missing)}", param_hint="PATHS")
    summary = run(inputs, out, settings=load_settings(settings), progress=_progress)
    typer.echo(format_summary(summary))


def format_summary(summary: Summary) -> str:
    """Summary → the lines the CLI prints."""
    lines = [f"Articles (language, status) → {summary.out}"]
    lines += [f"  {lang:<4} {status:<8} {n:>6}" for (lang, status), n in sorted(summary.articles.items())]
    if summary.reasons:
        lines.append("Skipped or failed, by reason:")
        lines += [f"  {n:>6}  {reason}" for reason, n in sorted(summary.reasons.items())]
    lines.append("Rows written:")
    lines += [f"  {name:<14} {n:>6}" for name, n in summary.rows.items()]
    return "\n".join(lines)


def main() -> None:
    app()
