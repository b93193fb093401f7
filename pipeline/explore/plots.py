"""Pictures of the output tables: mentions per week by region, top organisations, a region heat table.

Plots return matplotlib Axes (pass `ax=` to draw into an existing figure); the heat table is a pandas
Styler, which a notebook shows as a coloured HTML table. pyplot is imported only when a figure has to
be made, so a backend chosen by the caller (`matplotlib.use("Agg")`) is respected.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from ..store.database import Tables
from . import views

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.axis import Axis
    from pandas.io.formats.style import Styler


def _axes(ax: Axes | None, size: tuple[float, float]) -> Axes:
    if ax is not None:
        return ax
    import matplotlib.pyplot as plt

    _, new = plt.subplots(figsize=size, layout="constrained")
    return new


def mentions_per_week(tables: Tables, regions: int = 8, ax: Axes | None = None) -> Axes:
    """Region mentions per week (dated articles only), one line per region for the `regions` most mentioned."""
    weekly = views.mentions_per_period(tables, "regions", "week")
    ax = _axes(ax, (9, 4))
    if weekly.empty:
        return _empty(ax, "no dated articles mention a region")
    top = weekly.sum().sort_values(ascending=False).index[:regions]
    weeks = pd.date_range(weekly.index.min(), weekly.index.max(), freq="W-MON")
    full = weekly[top].reindex(weeks, fill_value=0)  # weeks without mentions count as 0, not as gaps
    for code in full.columns:
        ax.plot(full.index, full[code], marker="o" if len(full) < 3 else None, label=code)
    week = pd.Timedelta(days=7)
    ax.set(title="Region mentions per week", xlabel="week", ylabel="mentions", ylim=(0, None))
    ax.set_xlim(weeks[0] - week, weeks[-1] + week)
    _integer_ticks(ax.yaxis)
    ax.legend(title="region", loc="upper left", fontsize="small")
    return ax


def top_organisations(tables: Tables, n: int = 10, ax: Axes | None = None) -> Axes:
    """A horizontal bar per organisation: mentions of the `n` most mentioned, most mentioned on top."""
    top = views.top(tables, "organisations", n)
    ax = _axes(ax, (8, 0.4 * max(len(top), 3) + 1))
    if top.empty:
        return _empty(ax, "no organisations")
    names = top.name.astype(str).map(lambda s: s if len(s) <= 40 else s[:39] + "…")
    ax.barh(names[::-1], top.mentions[::-1])
    ax.set(title=f"Top {len(top)} organisations", xlabel="mentions")
    _integer_ticks(ax.xaxis)
    return ax


def heat_table(frame: pd.DataFrame, cmap: str = "Oranges") -> Styler:
    """A table of counts → the same table with each cell coloured by its count."""
    return frame.style.background_gradient(cmap=cmap, axis=None).format("{:d}")


def region_heat(tables: Tables, period: views.Period = "month") -> Styler:
    """Regions × month (or week, year, language): mentions, as a coloured table."""
    return heat_table(views.region_heat(tables, period))


def _integer_ticks(axis: Axis) -> None:
    from matplotlib.ticker import MaxNLocator

    axis.set_major_locator(MaxNLocator(integer=True))


def _empty(ax: Axes, message: str) -> Axes:
    ax.text(0.5, 0.5, message, ha="center", va="center", transform=ax.transAxes)
    ax.set_axis_off()
    return ax
