"""The analyst's first questions as SQL over the SQLite export: Datasette shows each as a form with its answer.

Every `:name` in a query is a form field; an empty field means "any".
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Query:
    """A named question: a title, what it answers, its SQL, and the tables it needs."""

    title: str
    description: str
    sql: str
    needs: tuple[str, ...]


OFFICIALS_BY_REGION = Query(
    "Officials by region",
    "Each official whose post belongs to a region (ISO 3166-2 code, e.g. RU-VGG; empty for all),"
    " with the articles that name them.",
    """SELECT o.affiliation_code AS code, o.affiliation, o.person, o.position,
  count(*) AS mentions, count(DISTINCT o.article_id) AS articles,
  min(a.published) AS first_published, max(a.published) AS last_published
FROM officials o JOIN articles a ON a.article_id = o.article_id
WHERE o.affiliation_code IS NOT NULL AND (:code = '' OR o.affiliation_code = :code)
GROUP BY o.affiliation_code, o.affiliation, o.person, o.position
ORDER BY code, articles DESC, o.person""",
    ("officials", "articles"),
)

LARGEST_AMOUNTS = Query(
    "Largest amounts of money",
    "The largest sums (currency as ISO 4217, e.g. RUB; empty for any), with their article and the words around them.",
    """SELECT m.value, m.unit AS currency, m.qualifier, m.bound, m.text AS as_written,
  substr(a.text, max(1, m.start - 119), m."end" - max(0, m.start - 120) + 120) AS context,
  a.article_id, a.title, a.language, a.published
FROM amounts m JOIN articles a ON a.article_id = m.article_id
WHERE m.unit NOT IN ('percent', 'count') AND (:currency = '' OR m.unit = :currency)
ORDER BY m.value DESC
LIMIT 200""",
    ("amounts", "articles"),
)

ENTITY_ACROSS_LANGUAGES = Query(
    "An entity's mentions across languages",
    "A resolved person or organisation (its entity id, or part of a name or alias in either script):"
    " its rows per language of the article.",
    """WITH named AS (
  SELECT entity_id, article_id, 'person' AS fact FROM persons WHERE entity_id IS NOT NULL
  UNION ALL SELECT entity_id, article_id, 'official' FROM officials WHERE entity_id IS NOT NULL
  UNION ALL SELECT entity_id, article_id, 'organisation' FROM organisations WHERE entity_id IS NOT NULL
)
SELECT e.entity_id, e.kind, e.name_en, e.name_ru, a.language, n.fact,
  count(*) AS mentions, count(DISTINCT n.article_id) AS articles, group_concat(DISTINCT n.article_id) AS article_ids
FROM entities e JOIN named n ON n.entity_id = e.entity_id JOIN articles a ON a.article_id = n.article_id
WHERE e.entity_id = :entity OR e.name_en LIKE '%' || :entity || '%' OR e.name_ru LIKE '%' || :entity || '%'
  OR e.aliases LIKE '%' || :entity || '%'
GROUP BY e.entity_id, a.language, n.fact
ORDER BY e.entity_id, a.language, n.fact""",
    ("entities", "persons", "officials", "organisations", "articles"),
)

ORGANISATION_AND_REGION = Query(
    "What an organisation and a region share",
    "Articles that mention both an organisation (part of its name) and a region (ISO code), with"
    " the officials they name.",
    """SELECT a.article_id, a.title, a.language, a.published,
  (SELECT group_concat(DISTINCT o.name) FROM organisations o
    WHERE o.article_id = a.article_id AND o.name LIKE '%' || :organisation || '%') AS organisations,
  (SELECT group_concat(DISTINCT f.person || ' (' || f.position || ')') FROM officials f
    WHERE f.article_id = a.article_id) AS officials
FROM articles a
WHERE a.article_id IN (SELECT article_id FROM organisations WHERE name LIKE '%' || :organisation || '%')
  AND a.article_id IN (SELECT article_id FROM regions WHERE code = :code)
ORDER BY a.published DESC""",
    ("organisations", "regions", "officials", "articles"),
)

ARTICLE_FACTS = Query(
    "An article with its facts",
    "Every fact read from one article (its id), in the order of the text, with the value it was read as.",
    """SELECT f.fact, f.as_written, f.value, f.start, f."end"
FROM articles a JOIN (
  SELECT article_id, 'organisation' AS fact, text AS as_written, name || coalesce(' (' || kind || ')', '') AS value,
    start, "end" FROM organisations
  UNION ALL SELECT article_id, 'official', text, person || ', ' || position || coalesce(', ' || affiliation, ''),
    start, "end" FROM officials
  UNION ALL SELECT article_id, 'person', text, name, start, "end" FROM persons
  UNION ALL SELECT article_id, 'region', text, coalesce(code, '') || ' ' || coalesce(name_en, name), start, "end"
    FROM regions
  UNION ALL SELECT article_id, 'date', text, coalesce(value, date_from || ' – ' || date_to), start, "end" FROM dates
  UNION ALL SELECT article_id, 'amount', text, value || ' ' || unit, start, "end" FROM amounts
) f ON f.article_id = a.article_id
WHERE a.article_id = :article_id
ORDER BY f.start, f.fact""",
    ("organisations", "officials", "persons", "regions", "dates", "amounts", "articles"),
)

QUERIES = {
    "article_facts": ARTICLE_FACTS,
    "officials_by_region": OFFICIALS_BY_REGION,
    "largest_amounts": LARGEST_AMOUNTS,
    "entity_across_languages": ENTITY_ACROSS_LANGUAGES,
    "organisation_and_region": ORGANISATION_AND_REGION,
}
