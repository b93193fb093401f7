"""sources.toml: the shipped example loads; mistakes are refused with the alternatives named."""

from __future__ import annotations

import tomllib

import pytest

from pipeline.crawl import load_sources
from pipeline.crawl.sources import parse_sources

from .conftest import ROOT


def test_the_shipped_example_loads() -> None:
    sources = load_sources(ROOT / "sources.toml")
    assert [s.name for s in sources.sources] == ["ulpressa", "example-en"]
    assert sources.crawl.allow_loopback is False
    assert sources.delay_for(sources.sources[0]) == 2.0 and sources.delay_for(sources.sources[1]) == 1.0


@pytest.mark.parametrize(
    ("text", "message"),
    [
        pytest.param("[crawl]\ndelay = 1", r"unknown key\(s\) \['delay'\]", id="crawl key"),
        pytest.param("[[source]]\nname = 'a'\nfeed = []", r"unknown key\(s\) \['feed'\]", id="source key"),
        pytest.param("[[source]]\nname = 'a b'", "use letters, digits", id="name"),
        pytest.param("[[source]]\nname = 'a'\n[[source]]\nname = 'a'", "duplicate source name", id="duplicate"),
        pytest.param("[[source]]\nname = 'a'\ninclude = ['(']", "bad pattern", id="regex"),
        pytest.param("[sources]", r"unknown table\(s\)", id="table"),
        pytest.param("[crawl]\nallow_private = true", "replaced by allow_loopback", id="old allow_private"),
    ],
)
def test_mistakes_are_refused(text: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        parse_sources(tomllib.loads(text))
