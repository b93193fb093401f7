"""`newsfacts serve`: Datasette over the SQLite export, with labels, facets, canned queries and row links."""

from __future__ import annotations

import asyncio
import json
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from pipeline import load
from pipeline.explore.labels import plain, table_labels
from pipeline.explore.sqlite import DATABASE, write_sqlite
from pipeline.explore.web import FACETS, datasette, metadata
from pipeline.store.database import ALL_SCHEMAS, Tables

EXE = Path(sys.executable).with_name("newsfacts")
MORDOVIA = "807f6138de5be82e"  # the Russian sample page: Ulyanovsk Oblast and Mordovia


@pytest.fixture(scope="module")
def tables(sample_out: Path) -> Tables:
    return load(sample_out)


class Client:
    """Datasette's own test client, run on one event loop: path → (status, body)."""

    def __init__(self, path: Path) -> None:
        self.loop = asyncio.new_event_loop()
        self.instance = datasette(path)
        self.loop.run_until_complete(self.instance.invoke_startup())

    def get(self, path: str) -> tuple[int, str]:
        response = self.loop.run_until_complete(self.instance.client.get(path))
        return response.status_code, response.text

    def json(self, path: str) -> Any:
        status, body = self.get(path)
        assert status == 200, body[:500]
        return json.loads(body)


@pytest.fixture(scope="module")
def client(tables: Tables, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Client]:
    made = Client(write_sqlite(tables, tmp_path_factory.mktemp("web") / DATABASE))
    yield made
    made.loop.close()


@pytest.mark.parametrize(
    ("markdown", "text"),
    [
        ("`company`, `government`", "company, government"),
        ("see [the clean stage](rules.md#clean)", "see the clean stage"),
        (" plain ", "plain"),
    ],
    ids=["backticks", "link", "spaces"],
)
def test_plain(markdown: str, text: str) -> None:
    assert plain(markdown) == text


def test_every_column_is_labelled_from_the_tables_page() -> None:
    labels = table_labels()
    for name, schema in ALL_SCHEMAS.items():
        assert set(labels[name].columns) == set(schema.names), name
        assert all(labels[name].columns.values()), name
    assert labels["mentions"].description == "Every raw NER span."


@pytest.mark.parametrize("name", list(ALL_SCHEMAS))
def test_table_pages_show_labels_and_default_facets(client: Client, name: str) -> None:
    labels = table_labels()[name]
    status, page = client.get(f"/newsfacts/{name}")
    assert status == 200
    column, meaning = next(iter(labels.columns.items()))
    assert meaning.replace('"', "&#34;").replace("'", "&#39;") in page or meaning in page, column
    facets = client.json(f"/newsfacts/{name}.json")["facet_results"]
    assert set(facets) == {c for c in FACETS if c in ALL_SCHEMAS[name].names}


def test_facets_count_the_rows(client: Client, tables: Tables) -> None:
    facets = client.json("/newsfacts/articles.json")["facet_results"]
    counted = {row["value"]: row["count"] for row in facets["language"]["results"]}
    assert counted == tables.articles.language.value_counts().to_dict()


def test_full_text_search_from_the_json_api(client: Client, tables: Tables) -> None:
    rows = client.json("/newsfacts/articles.json?_search=Мордовия&_shape=array&_col=title")
    assert {row["article_id"] for row in rows} == set(
        tables.articles.article_id[tables.articles.text.str.contains("Мордовия", na=False)]
    )


def test_an_article_page_links_to_its_facts(client: Client, tables: Tables) -> None:
    status, page = client.get(f"/newsfacts/articles/{MORDOVIA}")
    assert status == 200
    for name in ("organisations", "officials", "regions", "amounts"):
        n = int((tables[name].article_id == MORDOVIA).sum())
        assert f'href="/newsfacts/{name}?article_id={MORDOVIA}"' in page and f"{n} row" in page, name


def test_a_fact_row_links_to_its_article(client: Client, tables: Tables) -> None:
    [row] = client.json(f"/newsfacts/officials.json?article_id={MORDOVIA}&_labels=on&_shape=array&_size=1")
    title = tables.articles.set_index("article_id").title[MORDOVIA]
    assert row["article_id"] == {"value": MORDOVIA, "label": title}


def query(client: Client, canned: str, **params: str) -> list[dict[str, Any]]:
    args = "&".join(f"{key}={value}" for key, value in params.items())
    return client.json(f"/newsfacts/{canned}.json?_shape=array&{args}")  # type: ignore[no-any-return]


@pytest.mark.parametrize("code", ["RU-VGG", "RU-MO", "RU-ULY"])
def test_officials_by_region(client: Client, tables: Tables, code: str) -> None:
    rows = query(client, "officials_by_region", code=code)
    officials = tables.officials[tables.officials.affiliation_code == code]
    assert {row["person"] for row in rows} == set(officials.person)
    assert sum(row["mentions"] for row in rows) == len(officials)


def test_the_largest_amounts_come_with_their_article_and_context(client: Client, tables: Tables) -> None:
    rows = query(client, "largest_amounts", currency="")
    values = [row["value"] for row in rows]
    money = tables.amounts[~tables.amounts.unit.isin(["percent", "count"])]
    assert values == sorted(money.value, reverse=True) and values
    for row in rows:
        assert row["as_written"] in row["context"] and row["title"]


@pytest.mark.parametrize("entity", ["Русских", "Aleksey Russkikh", "Pe2dfd37a259f"], ids=["cyrillic", "latin", "id"])
def test_an_entity_across_languages(client: Client, tables: Tables, entity: str) -> None:
    rows = query(client, "entity_across_languages", entity=entity)
    [entity_id] = {row["entity_id"] for row in rows}
    persons = tables.persons[tables.persons.entity_id == entity_id].merge(tables.articles, on="article_id")
    counted = {row["language"]: row["mentions"] for row in rows if row["fact"] == "person"}
    assert counted == persons.groupby("language", observed=True).size().to_dict() and counted


def test_an_entity_page_links_to_its_rows(client: Client, tables: Tables) -> None:
    entity_id = tables.posts.entity_id.iloc[0]
    status, page = client.get(f"/newsfacts/entities/{entity_id}")
    assert status == 200
    for name in ("persons", "officials", "posts"):
        assert f'href="/newsfacts/{name}?entity_id={entity_id}"' in page, name
    [row] = client.json(f"/newsfacts/posts.json?entity_id={entity_id}&_labels=on&_shape=array&_size=1")
    assert row["entity_id"]["value"] == entity_id


def test_what_an_organisation_and_a_region_share(client: Client, tables: Tables) -> None:
    organisation = tables.organisations.name.iloc[0]
    code = tables.regions[tables.regions.article_id == tables.organisations.article_id.iloc[0]].code.dropna().iloc[0]
    rows = query(client, "organisation_and_region", organisation=organisation, code=code)
    with_org = set(tables.organisations.article_id[tables.organisations.name.str.contains(organisation, regex=False)])
    expected = with_org & set(tables.regions.article_id[tables.regions.code == code])
    assert {row["article_id"] for row in rows} == expected and expected


def test_an_article_with_its_facts_in_text_order(client: Client, tables: Tables) -> None:
    rows = query(client, "article_facts", article_id=MORDOVIA)
    n = sum(int((tables[name].article_id == MORDOVIA).sum()) for name in ("organisations", "officials", "persons"))
    assert len([r for r in rows if r["fact"] in ("organisation", "official", "person")]) == n
    assert [r["start"] for r in rows] == sorted(r["start"] for r in rows)


def test_the_metadata_offers_every_query_with_its_title() -> None:
    queries = metadata()["databases"]["newsfacts"]["queries"]
    assert {"officials_by_region", "largest_amounts", "entity_across_languages", "organisation_and_region"} <= set(
        queries
    )
    assert all(q["title"] and q["description"] for q in queries.values())


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def fetch(url: str, tries: int = 120) -> bytes:
    for _ in range(tries):
        try:
            with urllib.request.urlopen(url, timeout=5) as response:  # noqa: S310 - loopback only
                return response.read()  # type: ignore[no-any-return]
        except OSError:
            time.sleep(0.5)
    raise AssertionError(f"no answer from {url}")


def test_serve_starts_datasette_on_loopback(sample_out: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    for name in ALL_SCHEMAS:
        (out / f"{name}.parquet").write_bytes((sample_out / f"{name}.parquet").read_bytes())
    port = free_port()
    command = [EXE, "serve", "--out", str(out), "--port", str(port)]
    with subprocess.Popen(command, stdout=subprocess.DEVNULL) as server:
        try:
            read_the_server(f"http://127.0.0.1:{port}", out)
        finally:
            server.terminate()


def read_the_server(base: str, out: Path) -> None:
    """A running server → its real pages and JSON API, checked."""
    versions = json.loads(fetch(f"{base}/-/versions.json"))
    assert versions["datasette"]["version"].startswith("0.")
    page = fetch(f"{base}/newsfacts/articles/{MORDOVIA}").decode()
    assert "Ульяновская область" in page and f"/newsfacts/regions?article_id={MORDOVIA}" in page
    rows = json.loads(fetch(f"{base}/newsfacts/regions.json?_shape=array&code=RU-MO"))
    assert rows and {row["code"] for row in rows} == {"RU-MO"}
    assert (out / "export" / DATABASE).exists()
