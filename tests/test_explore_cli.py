"""`newsfacts show`, `stats` and `export` through the installed entry point, on the sample output."""

import re
import subprocess
import sys
from pathlib import Path

import pytest

EXE = Path(sys.executable).with_name("newsfacts")
METAFRAX = "79cbf3f2d218215f"


def newsfacts(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([EXE, *map(str, args)], capture_output=True, text=True, timeout=120, check=False)


def _plain(text: str) -> str:
    """Typer's boxed error text → its words on one line."""
    return " ".join(re.sub(r"[│╭╮╰╯─]", " ", text).split())


@pytest.mark.parametrize(
    ("args", "shown"),
    [
        ((METAFRAX,), "[Dmitry Makhonin|PER]"),
        ((METAFRAX[:8],), "Metafrax will strengthen industrial cooperation"),
        ((METAFRAX, "--mentions"), "[XI Perm Engineering|MISC]"),
        ((METAFRAX, "--color"), "\x1b[1;35mDmitry Makhonin\x1b[0m"),
    ],
    ids=["brackets", "prefix", "mentions", "forced-colour"],
)
def test_show(sample_out: Path, args: tuple[str, ...], shown: str) -> None:
    result = newsfacts("show", *args, "--out", sample_out)
    assert result.returncode == 0, result.stderr
    assert shown in result.stdout


@pytest.mark.parametrize(
    ("query", "shown"),
    [
        ("Русских", "губернатор, Ульяновская область"),
        ("Metafrax", "JSC Metafrax Chemicals"),
        ("Махонин", "governor, Perm Krai"),
    ],
)
def test_show_entity(sample_out: Path, query: str, shown: str) -> None:
    result = newsfacts("show", "--entity", query, "--out", sample_out)
    assert result.returncode == 0, result.stderr
    assert shown in result.stdout


def test_show_is_plain_text_when_not_on_a_terminal(sample_out: Path) -> None:
    assert "\x1b[" not in newsfacts("show", METAFRAX, "--out", sample_out).stdout


@pytest.mark.parametrize(
    ("command", "message"),
    [
        (("show", "0000nope"), "no article with id '0000nope'; list ids with `newsfacts stats --ids`"),
        (("stats",), "has no articles"),
        (("export",), "run `newsfacts run` first"),
    ],
)
def test_errors_exit_with_2(sample_out: Path, tmp_path: Path, command: tuple[str, ...], message: str) -> None:
    out = sample_out if command[0] == "show" else tmp_path / "empty"
    result = newsfacts(*command, "--out", out)
    assert result.returncode == 2
    assert message in _plain(result.stderr)


def test_stats_counts_tables_languages_and_statuses(sample_out: Path) -> None:
    result = newsfacts("stats", "--out", sample_out)
    assert result.returncode == 0, result.stderr
    assert re.search(r"^  articles +9$", result.stdout, re.M)
    assert re.search(r"^  en +ok +4$", result.stdout, re.M) and re.search(r"^  de +skipped +1$", result.stdout, re.M)


def test_stats_lists_the_ids(sample_out: Path) -> None:
    lines = newsfacts("stats", "--ids", "--out", sample_out).stdout.splitlines()
    assert len(lines) == 9
    assert f"{METAFRAX}  en  ok       Metafrax will strengthen" in "\n".join(lines)


@pytest.mark.parametrize(("fmt", "files"), [("csv", 11), ("xlsx", 1)])  # eight article tables, three entity tables
def test_export(sample_out: Path, tmp_path: Path, fmt: str, files: int) -> None:
    result = newsfacts("export", "--format", fmt, "--out", sample_out, "--to", tmp_path / "x")
    assert result.returncode == 0, result.stderr
    written = [Path(line) for line in result.stdout.splitlines()]
    assert len(written) == files and all(p.exists() and p.suffix == f".{fmt}" for p in written)


def test_export_refuses_an_unknown_format(sample_out: Path, tmp_path: Path) -> None:
    result = newsfacts("export", "--format", "pdf", "--out", sample_out, "--to", tmp_path)
    assert result.returncode == 2 and "'pdf' is not one of 'csv', 'xlsx'" in _plain(result.stderr)
