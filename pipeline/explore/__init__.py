"""After the run: the output tables → views, plots, highlighted articles and exports (CSV, XLSX).

`explore.top(tables, ...)` and the other views are here; `explore.plots`, `explore.highlight` and
`explore.export` are modules of their own."""

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
    "Key",
    "amounts_by_organisation",
    "article_counts",
    "between",
    "co_mentions",
    "in_language",
    "mentions_per_period",
    "money",
    "officials_by_region",
    "region_heat",
    "subset",
    "top",
]
