"""After the run: the output tables → views, plots, highlighted articles and exports (CSV, XLSX).

`explore.top(tables, ...)` and the other views are here, and `explore.entity(tables, "Makhonin")`;
`explore.plots`, `explore.highlight` and `explore.export` are modules of their own."""

from .entity import EntityView, UnknownEntity, entity, find_entities
from .views import (
    Key,
    amounts_by_organisation,
    article_counts,
    between,
    co_mentions,
    in_language,
    mentions_per_period,
    money,
    officials_by_region,
    region_heat,
    subset,
    top,
)

__all__ = [
    "EntityView",
    "Key",
    "UnknownEntity",
    "amounts_by_organisation",
    "article_counts",
    "between",
    "co_mentions",
    "entity",
    "find_entities",
    "in_language",
    "mentions_per_period",
    "money",
    "officials_by_region",
    "region_heat",
    "subset",
    "top",
]
