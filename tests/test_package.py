"""The package installs anywhere: a wheel built from the sources works in a fresh environment outside the checkout."""

from __future__ import annotations

import os
import subprocess
import sys
import sysconfig
import tarfile
import zipfile
from pathlib import Path

import pytest

from pipeline.settings import MODELS_DIR, Settings, fingerprint, version

from .conftest import ROOT, SAMPLES

# Blocks every connection that does not go to loopback, in the installed environment's interpreter.
NO_NETWORK = """
import ipaddress, socket
_connect = socket.socket.connect
def _loopback_only(self, address):
    host = address[0] if isinstance(address, tuple) else None
    if host is not None and not (host == "localhost" or ipaddress.ip_address(host).is_loopback):
        raise OSError(f"network refused in this test: {address}")
    return _connect(self, address)
socket.socket.connect = _loopback_only
"""


def tracked_files() -> list[Path]:
    listed = subprocess.run(["git", "ls-files"], cwd=ROOT, capture_output=True, text=True, check=False)
    if listed.returncode:
        pytest.skip("not a git checkout: the sources to build from are not known")
    return [Path(line) for line in listed.stdout.splitlines() if (ROOT / line).is_file()]


@pytest.fixture(scope="module")
def dist(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The tracked sources copied out of the checkout, built into a wheel and an sdist (offline)."""
    base = tmp_path_factory.mktemp("package")
    source = base / "source"
    for name in tracked_files():
        (source / name).parent.mkdir(parents=True, exist_ok=True)
        (source / name).write_bytes((ROOT / name).read_bytes())
    command = [sys.executable, "-m", "build", "--no-isolation", "--outdir", str(base / "dist"), str(source)]
    subprocess.run(command, check=True, capture_output=True)
    return base / "dist"


def sub_packages() -> set[str]:
    inits = (ROOT / "pipeline").rglob("__init__.py")
    return {str(p.parent.relative_to(ROOT)) for p in inits if "__pycache__" not in p.parts}


def knowledge_files() -> set[str]:
    return {p.name for p in MODELS_DIR.iterdir() if p.suffix in (".toml", ".csv", ".md")}


def test_the_wheel_has_every_sub_package_and_knowledge_file(dist: Path) -> None:
    names = set(zipfile.ZipFile(next(dist.glob("*.whl"))).namelist())
    assert {f"{package}/__init__.py" for package in sub_packages()} <= names
    assert {f"pipeline/models/{name}" for name in knowledge_files()} <= names


def test_the_sdist_has_the_sources_and_the_repository_models_folder(dist: Path) -> None:
    with tarfile.open(next(dist.glob("*.tar.gz"))) as sdist:
        names = {name.split("/", 1)[1] for name in sdist.getnames() if "/" in name}
    assert {f"{package}/__init__.py" for package in sub_packages()} <= names
    assert {f"models/{name}" for name in knowledge_files()} <= names


@pytest.fixture(scope="module")
def installed(dist: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh virtual environment with only the wheel installed; its dependencies are this one's."""
    env = tmp_path_factory.mktemp("installed") / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(env)], check=True)
    python = env / "bin" / "python"
    wheel = next(dist.glob("*.whl"))
    pip = [sys.executable, "-m", "pip", "--python", str(python), "install", "--no-deps", "--no-index", "-q"]
    subprocess.run([*pip, str(wheel)], check=True, capture_output=True)
    site = Path(
        subprocess.check_output(
            [python, "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"], text=True
        ).strip()
    )
    # the dependencies (spaCy, Natasha, ...) come from this environment; its .pth files (the
    # editable install of the checkout among them) are not read, as it is not a site directory here
    (site / "zz_dependencies.pth").write_text(sysconfig.get_path("purelib") + "\n")
    (site / "sitecustomize.py").write_text(NO_NETWORK)
    return env


def in_env(env: Path, *args: str, cwd: Path) -> str:
    variables = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    done = subprocess.run(args, cwd=cwd, env=variables, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_the_installed_package_is_the_wheel_not_the_checkout(installed: Path, tmp_path: Path) -> None:
    location = in_env(
        installed, str(installed / "bin/python"), "-c", "import pipeline; print(pipeline.__file__)", cwd=tmp_path
    )
    assert Path(location).resolve().is_relative_to(installed.resolve())


def test_version_and_fingerprint_from_the_wheel(installed: Path, tmp_path: Path) -> None:
    assert (
        in_env(installed, str(installed / "bin/newsfacts"), "--version", cwd=tmp_path).strip()
        == f"newsfacts {version()}"
    )
    script = "from pipeline.settings import Settings, fingerprint; print(fingerprint(Settings()))"
    assert in_env(installed, str(installed / "bin/python"), "-c", script, cwd=tmp_path).strip() == fingerprint(
        Settings()
    )


def test_newsfacts_run_on_a_sample_outside_the_checkout(installed: Path, tmp_path: Path) -> None:
    sample = tmp_path / "article.txt"
    sample.write_bytes((SAMPLES / "en_metafrax_roadmap.txt").read_bytes())
    in_env(
        installed,
        str(installed / "bin/newsfacts"),
        "run",
        "article.txt",
        "--out",
        "out",
        "--workers",
        "1",
        cwd=tmp_path,
    )
    script = "import pipeline; t = pipeline.load('out'); print(t.articles.status.iloc[0], len(t.officials))"
    status, officials = in_env(installed, str(installed / "bin/python"), "-c", script, cwd=tmp_path).split()
    assert status == "ok" and int(officials) > 0


def test_extract_from_python_outside_the_checkout(installed: Path, tmp_path: Path) -> None:
    script = (
        "import pipeline; t = pipeline.extract(['Губернатор Пермского края Дмитрий Махонин подписал соглашение.']);"
        " print(sorted(t.regions.code.astype(str)))"
    )
    assert "RU-PER" in in_env(installed, str(installed / "bin/python"), "-c", script, cwd=tmp_path)


def test_the_table_labels_come_with_the_wheel(installed: Path, tmp_path: Path) -> None:
    script = "from pipeline.explore.labels import table_labels; print(table_labels()['articles'].columns['article_id'])"
    assert (
        in_env(installed, str(installed / "bin/python"), "-c", script, cwd=tmp_path).strip()
        == "stable hash of the input bytes"
    )
    script = "from pipeline.explore.labels import tables_doc; import pipeline.docs as d; print(d.__file__)"
    assert Path(in_env(installed, str(installed / "bin/python"), "-c", script, cwd=tmp_path).strip()).is_relative_to(
        installed.resolve()
    )
