"""The knowledge cache: built once, read back, rebuilt when its inputs change or it is unreadable."""

from pathlib import Path

import pytest

from pipeline.knowledge import cache


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("NEWSFACTS_CACHE", str(tmp_path))
    return tmp_path


def test_a_value_is_built_once_then_read(folder: Path) -> None:
    calls: list[int] = []

    def make() -> dict[str, int]:
        calls.append(1)
        return {"places": len(calls)}

    assert cache.cached("thing", "k1", make) == {"places": 1}
    assert cache.cached("thing", "k1", make) == {"places": 1}
    assert len(calls) == 1 and (folder / "thing-k1.pickle").is_file()


def test_an_unreadable_cache_is_rebuilt(folder: Path) -> None:
    (folder / "thing-k2.pickle").write_bytes(b"not a pickle")
    assert cache.cached("thing", "k2", lambda: 42) == 42
    assert cache.cached("thing", "k2", lambda: 0) == 42


def test_the_key_follows_file_contents_and_package_versions(tmp_path: Path) -> None:
    source = tmp_path / "regions.csv"
    source.write_text("a", encoding="utf-8")
    first = cache.key([source], ["pycountry"])
    source.write_text("b", encoding="utf-8")
    assert cache.key([source], ["pycountry"]) != first
    assert cache.key([source], ["pycountry", "babel"]) != cache.key([source], ["pycountry"])
