from pathlib import Path

import pytest

from pipeline.clean.boilerplate import BoilerplateModel, block_key, host_of, learn_sites, model_for
from pipeline.clean.htmltree import text_blocks

from .conftest import FIXTURES

CLEAN = FIXTURES / "clean"


@pytest.fixture(scope="module")
def model() -> BoilerplateModel:
    pages = [(CLEAN / name).read_text(encoding="utf-8") for name in ("site_a.html", "site_b.html")]
    return BoilerplateModel.learn("news.example", pages)


@pytest.mark.parametrize(
    ("url", "host"),
    [
        pytest.param("http://www.Example.ru/a/b", "example.ru", id="www and case dropped"),
        pytest.param("https://news.example.ru", "news.example.ru", id="subdomain kept"),
        pytest.param(None, None, id="no url"),
    ],
)
def test_host_of(url: str | None, host: str | None) -> None:
    assert host_of(url) == host


def test_text_blocks_split_at_block_elements() -> None:
    blocks = text_blocks("<html><body><div>One <b>bold</b> line</div><p>Two</p><script>x=1</script></body></html>")
    assert blocks == ["One bold line", "Two"]


def test_blocks_shared_by_the_pages_are_template(model: BoilerplateModel) -> None:
    assert block_key("Подпишитесь на нашу рассылку и получайте новости первыми") in model.blocks
    assert block_key("© 2011 Новости области. Все права защищены.") in model.blocks
    assert not any("школу" in block or "мост" in block for block in model.blocks)


def test_strip_drops_template_lines_only(model: BoilerplateModel) -> None:
    text = "Губернатор открыл школу.\nПОДПИШИТЕСЬ на нашу рассылку  и получайте новости первыми"
    assert model.strip(text) == "Губернатор открыл школу."


def test_model_round_trips_through_json(model: BoilerplateModel, tmp_path: Path) -> None:
    model.save(tmp_path / "model.json")
    assert BoilerplateModel.load(tmp_path / "model.json") == model


def test_learn_sites_needs_enough_pages() -> None:
    html = (CLEAN / "site_a.html").read_text(encoding="utf-8")
    models = learn_sites([("a.ru", html), ("a.ru", html), ("b.ru", html)], min_pages=2)
    assert set(models) == {"a.ru"}
    assert model_for("http://www.a.ru/x", models) is models["a.ru"]
    assert model_for("http://b.ru/x", models) is None
