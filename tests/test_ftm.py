"""The FollowTheMoney export: every line a valid entity, references that resolve, stable ids, and the `ftm` tools."""

from __future__ import annotations

import json
import subprocess
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from followthemoney import EntityProxy, model, registry

from pipeline import load
from pipeline.explore.export import export
from pipeline.explore.ftm import FILE, article_ftm_id, entity_ftm_id
from pipeline.store.database import Tables

BIN = Path(sys.executable).parent


@pytest.fixture(scope="module")
def tables(sample_out: Path) -> Tables:
    return load(sample_out)


@pytest.fixture(scope="module")
def exported(tables: Tables, tmp_path_factory: pytest.TempPathFactory) -> Path:
    [path] = export(tables, tmp_path_factory.mktemp("ftm"), "ftm")
    assert path.name == FILE
    return path


@pytest.fixture(scope="module")
def lines(exported: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in exported.read_text(encoding="utf-8").splitlines()]


@pytest.fixture(scope="module")
def proxies(lines: list[dict[str, Any]]) -> dict[str, EntityProxy]:
    return {line["id"]: model.get_proxy(line, cleaned=False) for line in lines}


def test_every_line_is_a_valid_entity_that_cleaning_leaves_as_it_is(
    lines: list[dict[str, Any]], proxies: dict[str, EntityProxy]
) -> None:
    assert len(proxies) == len(lines)  # ids are unique
    for line in lines:
        again = proxies[line["id"]].to_dict()
        assert again["properties"] == line["properties"], line["id"]  # no value was dropped or changed


def test_every_reference_resolves_to_an_entity_of_the_right_schema(proxies: dict[str, EntityProxy]) -> None:
    checked = 0
    for proxy in proxies.values():
        for prop, value in proxy.itervalues():
            if prop.type == registry.entity:
                assert value in proxies, f"{proxy.id}.{prop.name} → {value}"
                assert proxies[value].schema.is_a(prop.range), f"{proxy.id}.{prop.name}"  # type: ignore[arg-type]
                checked += 1
    assert checked > 0


def test_one_document_per_article_read(proxies: dict[str, EntityProxy], tables: Tables) -> None:
    ok = tables.articles[tables.articles.status == "ok"]
    documents = {p.id: p for p in proxies.values() if p.schema.is_a("Document")}
    assert set(documents) == {article_ftm_id(a) for a in ok.article_id}
    for row in ok.itertuples():
        document = documents[article_ftm_id(row.article_id)]
        assert document.first("bodyText") == row.text and document.first("title") == row.title
        assert document.get("language") == [{"en": "eng", "ru": "rus"}[row.language]]


@pytest.mark.parametrize(
    ("kind", "schemas"), [("person", {"Person"}), ("organisation", {"Company", "PublicBody", "Organization"})]
)
def test_one_legal_entity_per_resolved_entity(
    proxies: dict[str, EntityProxy], tables: Tables, kind: str, schemas: set[str]
) -> None:
    entities = tables.entities[tables.entities.kind == kind]
    assert len(entities) > 0
    for row in entities.itertuples():
        proxy = proxies[entity_ftm_id(row.entity_id)]
        assert proxy.schema.name in schemas
        names = set(proxy.get("name")) | set(proxy.get("alias"))
        assert names >= {n for n in (row.name_en, row.name_ru, *row.aliases) if isinstance(n, str)}


def test_names_in_both_scripts(proxies: dict[str, EntityProxy], tables: Tables) -> None:
    both = tables.entities.dropna(subset=["name_en", "name_ru"])
    assert len(both) > 0
    for row in both.itertuples():
        assert set(proxies[entity_ftm_id(row.entity_id)].get("name")) == {row.name_en, row.name_ru}


def test_a_companys_kind_decides_its_schema(proxies: dict[str, EntityProxy], tables: Tables) -> None:
    rows = tables.organisations.dropna(subset=["entity_id"])
    for entity_id, kinds in rows.groupby("entity_id", observed=True).kind:
        if set(kinds.astype(str)) == {"company"}:
            assert proxies[entity_ftm_id(entity_id)].schema.name == "Company", entity_id


def test_each_post_is_a_position_with_an_occupancy(proxies: dict[str, EntityProxy], tables: Tables) -> None:
    occupancies = [p for p in proxies.values() if p.schema.name == "Occupancy"]
    assert len(occupancies) == len(tables.posts) > 0
    held = Counter((o.first("holder"), proxies[o.first("post")].first("name")) for o in occupancies)  # type: ignore[index]
    for row in tables.posts.itertuples():
        name = f"{row.position}, {row.affiliation}" if isinstance(row.affiliation, str) else row.position
        assert held[(entity_ftm_id(row.entity_id), name)] >= 1, name
    regional = [proxies[o.first("post")] for o in occupancies if proxies[o.first("post")].get("subnationalArea")]  # type: ignore[index]
    assert regional and all(p.get("country") == ["ru"] for p in regional)


def test_mentions_tie_a_document_to_the_resolved_entity(proxies: dict[str, EntityProxy], tables: Tables) -> None:
    mentions = [p for p in proxies.values() if p.schema.name == "Mention"]
    assert mentions
    for mention in mentions:
        resolved = proxies[mention.first("resolved")]  # type: ignore[index]
        assert mention.get("detectedSchema") == [resolved.schema.name]
        assert mention.first("name") in proxies[mention.first("document")].first("bodyText")  # type: ignore[index,operator]
    named = tables.persons.dropna(subset=["entity_id"])
    assert {(m.first("document"), m.first("resolved"), m.first("name")) for m in mentions} >= {
        (article_ftm_id(a), entity_ftm_id(e), t)
        for a, e, t in zip(named.article_id, named.entity_id, named.text, strict=True)
    }


def test_a_re_export_gives_the_same_file(tables: Tables, exported: Path, tmp_path: Path) -> None:
    [again] = export(tables, tmp_path / "again.ftm.json", "ftm")
    assert again == tmp_path / "again.ftm.json"
    assert again.read_bytes() == exported.read_bytes()


def ftm(*args: str | Path) -> None:
    done = subprocess.run([BIN / "ftm", *map(str, args)], capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr


def read(path: Path) -> dict[str, dict[str, Any]]:
    return {line["id"]: line for line in map(json.loads, path.read_text(encoding="utf-8").splitlines())}


def test_ftm_validate_keeps_every_entity(exported: Path, tmp_path: Path) -> None:
    ftm("validate", "-i", exported, "-o", tmp_path / "valid.json")
    valid = read(tmp_path / "valid.json")
    assert {k: v["properties"] for k, v in valid.items()} == {k: v["properties"] for k, v in read(exported).items()}


def test_ftm_aggregate_merges_a_re_export_into_the_same_entities(exported: Path, tmp_path: Path) -> None:
    twice = tmp_path / "twice.json"
    twice.write_text(exported.read_text(encoding="utf-8") * 2, encoding="utf-8")
    ftm("aggregate", "-i", twice, "-o", tmp_path / "aggregated.json")
    aggregated, once = read(tmp_path / "aggregated.json"), read(exported)
    assert set(aggregated) == set(once)
    for key, entity in once.items():
        assert {p: sorted(v) for p, v in aggregated[key]["properties"].items()} == {
            p: sorted(v) for p, v in entity["properties"].items()
        }


def test_the_cli_writes_the_file_named(sample_out: Path, tmp_path: Path) -> None:
    target = tmp_path / "investigation.ftm.json"
    done = subprocess.run(
        [BIN / "newsfacts", "export", "--format", "ftm", "--out", sample_out, "--to", target],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == str(target) and len(read(target)) > 0


def test_a_person_is_in_the_countries_of_their_posts(proxies: dict[str, EntityProxy], tables: Tables) -> None:
    placed = tables.posts.dropna(subset=["affiliation_code"])
    assert len(placed) > 0
    for entity_id, codes in placed.groupby("entity_id", observed=True).affiliation_code:
        expected = {str(code).split("-")[0].lower() for code in codes}
        assert set(proxies[entity_ftm_id(entity_id)].get("country")) == expected, entity_id
