"""Command line: a thin layer over pipeline.run."""

from __future__ import annotations

import importlib.util
import logging
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated

import typer
from tqdm import tqdm

from .clean.boilerplate import BoilerplateModel, learn_boilerplate, recent_crawl_files
from .crawl import CrawlLocked, crawl
from .crawl.report import format_reports
from .engines import ENGINES
from .explore.entity import UnknownEntity, entity
from .explore.export import Format, export
from .explore.highlight import UnknownArticle, highlight
from .explore.sqlite import DATABASE, is_current, write_sqlite
from .explore.views import article_counts
from .explore.web import PORT, serve
from .nightly import nightly
from .run import Summary, run
from .settings import DEFAULT_SETTINGS, load_settings, version
from .store.database import StoreBusy, Tables, load

app = typer.Typer(add_completion=False, help="English and Russian news → tables of facts.")


def _print_version(value: bool) -> None:
    if value:
        typer.echo(f"newsfacts {version()}")
        raise typer.Exit()


@app.callback()
def _main(
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Log progress details.")] = False,
    show_version: Annotated[
        bool, typer.Option("--version", callback=_print_version, is_eager=True, help="Print the version and exit.")
    ] = False,
) -> None:
    logging.basicConfig(
        level=logging.INFO if verbose else logging.WARNING, format="%(levelname)s %(name)s: %(message)s"
    )


@app.command("run")
def run_command(
    paths: Annotated[list[Path] | None, typer.Argument(help="Files or folders to process.")] = None,
    out: Annotated[Path, typer.Option("--out", help="Output folder for the tables.")] = Path("data/out"),
    settings: Annotated[Path, typer.Option("--settings", help="Settings TOML.")] = DEFAULT_SETTINGS,
    workers: Annotated[int | None, typer.Option("--workers", help="Worker processes (default: one per core).")] = None,
    engine: Annotated[str | None, typer.Option("--engine", help="local (default) or dask.")] = None,
    scheduler: Annotated[str | None, typer.Option("--scheduler", help="Dask scheduler, tcp://HOST:PORT.")] = None,
    force: Annotated[bool, typer.Option("--force", help="Process inputs already in --out again.")] = False,
) -> None:
    """Process articles (HTML, text, JSON Lines, WARC) into tables in --out."""
    inputs = paths or [Path("data/raw")]
    missing = [str(p) for p in inputs if not p.exists()]
    if missing:
        raise typer.BadParameter(f"no such file or folder: {', '.join(missing)}", param_hint="PATHS")
    if engine not in (None, *ENGINES):
        raise typer.BadParameter(f"unknown engine {engine!r}; available: {', '.join(ENGINES)}", param_hint="--engine")
    with tqdm(unit=" articles", desc="newsfacts", disable=not sys.stderr.isatty()) as bar, _busy_exits():
        summary = run(
            inputs,
            out,
            settings=load_settings(settings),
            progress=bar.update,
            workers=workers,
            engine=engine,
            scheduler=scheduler,
            force=force,
        )
    typer.echo(format_summary(summary))


BUSY = 3  # the exit code when another process is writing to --out


@contextmanager
def _busy_exits() -> Iterator[None]:
    """StoreBusy → its one line on stderr and exit code 3 (a cron job or a monitor sees it)."""
    try:
        yield
    except StoreBusy as err:
        typer.echo(f"newsfacts: {err}", err=True)
        raise typer.Exit(BUSY) from None


def format_summary(summary: Summary) -> str:
    """Summary → the lines the CLI prints."""
    lines = [f"Articles (language, status) → {summary.out}"]
    lines += [f"  {lang:<4} {status:<8} {n:>6}" for (lang, status), n in sorted(summary.articles.items())]
    if summary.reasons:
        lines.append("Skipped or failed, by reason:")
        lines += [f"  {n:>6}  {reason}" for reason, n in sorted(summary.reasons.items())]
    if summary.unchanged:
        lines.append(f"Unchanged since the last run (skipped; --force to redo): {summary.unchanged}")
    lines.append("Rows written:")
    lines += [f"  {name:<14} {n:>6}" for name, n in summary.rows.items()]
    return "\n".join(lines)


SourcesOption = Annotated[Path, typer.Option("--sources", help="Sources TOML (feeds, sitemaps, politeness).")]
RawOption = Annotated[Path, typer.Option("--raw", help="Raw store; WARC files go to RAW/crawl/DATE/.")]
StateOption = Annotated[Path, typer.Option("--state", help="Crawl state database.")]
LOCKED_EXIT = 75  # EX_TEMPFAIL: another crawl holds the lock; try again later


@app.command("crawl")
def crawl_command(
    sources: SourcesOption = Path("sources.toml"),
    raw: RawOption = Path("data/raw"),
    state: StateOption = Path("data/crawl.db"),
) -> None:
    """Fetch new and changed articles from the sources into WARC files."""
    try:
        result = crawl(sources, raw=raw, state=state)
    except CrawlLocked as err:
        typer.echo(str(err), err=True)
        raise typer.Exit(LOCKED_EXIT) from None
    typer.echo(format_reports(list(result.reports)))


@app.command("nightly")
def nightly_command(
    sources: SourcesOption = Path("sources.toml"),
    raw: RawOption = Path("data/raw"),
    state: StateOption = Path("data/crawl.db"),
    out: Annotated[Path, typer.Option("--out", help="Output folder for the tables.")] = Path("data/out"),
    settings: Annotated[Path, typer.Option("--settings", help="Settings TOML.")] = DEFAULT_SETTINGS,
) -> None:
    """Crawl, learn each site's boilerplate, then extract the newly fetched pages into --out."""
    try:
        with _busy_exits():
            result, summary = nightly(sources, raw=raw, state=state, out=out, settings=load_settings(settings))
    except CrawlLocked as err:
        typer.echo(str(err), err=True)
        raise typer.Exit(LOCKED_EXIT) from None
    typer.echo(format_reports(list(result.reports)))
    typer.echo(format_summary(summary) if summary else "No new pages to extract.")


@app.command("learn-boilerplate")
def learn_boilerplate_command(
    paths: Annotated[list[Path] | None, typer.Argument(help="WARC files or folders (default: recent crawls).")] = None,
    raw: RawOption = Path("data/raw"),
    to: Annotated[Path | None, typer.Option("--to", help="Folder for the models (default: clean.sites).")] = None,
    settings: Annotated[Path, typer.Option("--settings", help="Settings TOML.")] = DEFAULT_SETTINGS,
) -> None:
    """Learn each site's template blocks from its crawled pages; runs then remove them."""
    config = load_settings(settings)
    inputs = paths or recent_crawl_files(raw, config.clean.boilerplate_days)
    try:
        written = learn_boilerplate(inputs, config, to)
    except ValueError as err:
        raise typer.BadParameter(str(err), param_hint="--to") from err
    typer.echo(f"{len(written)} site models in {to or config.clean.sites}")
    for path in written:
        model = BoilerplateModel.load(path)
        typer.echo(f"  {model.host:<30} {model.pages:>5} pages {len(model.blocks):>5} template blocks")


OutOption = Annotated[Path, typer.Option("--out", help="Output folder of a run.")]


def _tables(out: Path) -> Tables:
    try:
        return load(out)
    except FileNotFoundError as err:
        raise typer.BadParameter(str(err), param_hint="--out") from err


@app.command("show")
def show_command(
    article_id: Annotated[str | None, typer.Argument(help="Article id, or a unique prefix of one.")] = None,
    out: OutOption = Path("data/out"),
    mentions: Annotated[bool, typer.Option("--mentions", help="Raw NER mentions instead of facts.")] = False,
    color: Annotated[bool | None, typer.Option("--color/--no-color", help="Default: when stdout is a tty.")] = None,
    entity_query: Annotated[
        str | None, typer.Option("--entity", help="A person or organisation (id or name) instead of an article.")
    ] = None,
) -> None:
    """Print an article's cleaned text with its entities marked by kind, or one entity across the corpus."""
    if entity_query is not None:
        try:
            typer.echo(str(entity(_tables(out), entity_query)))
        except UnknownEntity as err:
            raise typer.BadParameter(str(err), param_hint="--entity") from err
        return
    if article_id is None:
        raise typer.BadParameter("give an article id, or --entity NAME_OR_ID", param_hint="ARTICLE_ID")
    try:
        marked = highlight(_tables(out), article_id, "mentions" if mentions else "facts")
    except UnknownArticle as err:
        raise typer.BadParameter(str(err), param_hint="ARTICLE_ID") from err
    colour = sys.stdout.isatty() if color is None else color
    typer.echo(marked.to_ansi() if colour else str(marked), color=colour)


@app.command("stats")
def stats_command(
    out: OutOption = Path("data/out"),
    ids: Annotated[bool, typer.Option("--ids", help="List the articles: id, language, status, title.")] = False,
) -> None:
    """Print rows per table and articles per language and status."""
    tables = _tables(out)
    typer.echo(format_ids(tables) if ids else format_stats(tables, out))


def format_stats(tables: Tables, out: Path) -> str:
    """Tables → the lines `newsfacts stats` prints."""
    lines = [f"Rows per table in {out}"] + [f"  {name:<14} {n:>6}" for name, n in tables.counts().items()]
    lines.append("Articles (language, status):")
    lines += [f"  {r.language:<4} {r.status:<8} {r.articles:>6}" for r in article_counts(tables).itertuples()]
    return "\n".join(lines)


def format_ids(tables: Tables) -> str:
    """Tables → one line per article: id, language, status, title (or source)."""
    articles = tables.articles
    columns = (articles.article_id, articles.language.astype("string").fillna("-"), articles.status)
    titles = articles.title.fillna(articles.source)
    lines = zip(*columns, titles, strict=True)
    return "\n".join(f"{article_id}  {lang:<3} {status:<8} {title}" for article_id, lang, status, title in lines)


@app.command("export")
def export_command(
    format: Annotated[Format, typer.Option("--format", help="File format.")] = Format.CSV,
    out: OutOption = Path("data/out"),
    to: Annotated[
        Path | None, typer.Option("--to", help="Folder for the files (for ftm, or a FILE); default OUT/export.")
    ] = None,
) -> None:
    """Write the tables as a CSV per table, an Excel workbook, a SQLite file (Datasette) or FtM JSON Lines."""
    paths = export(_tables(out), to or out / "export", format)
    typer.echo("\n".join(str(path) for path in paths))


@app.command("serve")
def serve_command(
    out: OutOption = Path("data/out"),
    port: Annotated[int, typer.Option("--port", help="Port on 127.0.0.1.")] = PORT,
) -> None:
    """Browse the tables in Datasette on 127.0.0.1 (OUT/export/newsfacts.sqlite, rewritten when older)."""
    if importlib.util.find_spec("datasette") is None:
        raise typer.BadParameter("Datasette is not installed: pip install 'newsfacts[web]'", param_hint="serve")
    path = out / "export" / DATABASE
    if not is_current(path, out):
        write_sqlite(_tables(out), path)
    typer.echo(f"Serving {path} on http://127.0.0.1:{port}/ (Ctrl-C to stop)")
    serve(path, port)


def main() -> None:
    """The `newsfacts` command: an error no input should cause is one line, its traceback only with -v."""
    try:
        app()
    except Exception as err:  # noqa: BLE001 - the last line of defence: no traceback for the user
        logging.getLogger("newsfacts").info("traceback", exc_info=True)
        typer.echo(f"newsfacts: error: {type(err).__name__}: {err}", err=True)
        sys.exit(1)
