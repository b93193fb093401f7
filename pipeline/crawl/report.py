"""A crawl run's fetches → per-source report rows (the crawl_runs table), printed and exported."""

from __future__ import annotations

import json
import os
from collections import Counter
from dataclasses import asdict, dataclass, field
from datetime import datetime
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from .state import State, now


@dataclass(frozen=True)
class SourceReport:
    """One crawl_runs row: what one run did for one source (counts are article URLs)."""

    run_id: str
    source: str
    status: str
    started_at: str
    finished_at: str | None
    discovered: int | None
    fetched: int
    not_modified: int
    skipped: int
    failed: int
    bytes: int
    duration_s: float | None
    reasons: dict[str, int] = field(default_factory=dict)


def build_reports(
    state: State, run_id: str, started_at: str, discovered: dict[str, int] | None, status: str = "finished"
) -> list[SourceReport]:
    """The fetches of `run_id` → one SourceReport per source (every configured source when `discovered` names it)."""
    rows = state.query("SELECT source, kind, outcome, bytes, reason FROM fetches WHERE run_id = ?", (run_id,))
    sources = sorted({row[0] for row in rows} | set(discovered or {}))
    finished = now()
    duration = (datetime.fromisoformat(finished) - datetime.fromisoformat(started_at)).total_seconds()
    return [_report(run_id, s, status, started_at, finished, duration, discovered, rows) for s in sources]


def _report(
    run_id: str,
    source: str,
    status: str,
    started: str,
    finished: str,
    duration: float,
    discovered: dict[str, int] | None,
    rows: list[tuple[str, str, str, int, str | None]],
) -> SourceReport:
    mine = [row for row in rows if row[0] == source]
    outcomes = Counter(outcome for _, kind, outcome, _, _ in mine if kind == "article")
    reasons = Counter(_reason(kind, reason) for _, kind, _, _, reason in mine if reason)
    return SourceReport(
        run_id,
        source,
        status,
        started,
        finished,
        (discovered or {}).get(source),
        fetched=outcomes["fetched"],
        not_modified=outcomes["not_modified"],
        skipped=outcomes["skipped"],
        failed=outcomes["failed"],
        bytes=sum(row[3] for row in mine),
        duration_s=round(duration, 3),
        reasons=dict(reasons),
    )


def _reason(kind: str, reason: str) -> str:
    return reason if kind == "article" else f"{kind}: {reason}"


def save(state: State, reports: list[SourceReport]) -> None:
    for report in reports:
        state.write_report(asdict(report))


def format_reports(reports: list[SourceReport]) -> str:
    """Reports → the lines the CLI prints."""
    lines = ["Crawl (source: discovered / fetched / not modified / skipped / failed, bytes, seconds)"]
    for r in reports:
        lines.append(
            f"  {r.source:<16} {_n(r.discovered):>6} {r.fetched:>6} {r.not_modified:>6} {r.skipped:>6} {r.failed:>6}"
            f" {r.bytes:>10} {r.duration_s or 0:>8.1f}  {r.status}"
        )
        lines += [f"      {n:>4}  {reason}" for reason, n in sorted(r.reasons.items())]
    return "\n".join(lines)


def _n(value: int | None) -> str:
    return "-" if value is None else str(value)


CRAWL_RUNS = pa.schema(
    [
        ("run_id", pa.string()),
        ("source", pa.string()),
        ("status", pa.string()),
        ("started_at", pa.string()),
        ("finished_at", pa.string()),
        ("discovered", pa.int64()),
        ("fetched", pa.int64()),
        ("not_modified", pa.int64()),
        ("skipped", pa.int64()),
        ("failed", pa.int64()),
        ("bytes", pa.int64()),
        ("duration_s", pa.float64()),
        ("reasons", pa.string()),
    ]
)


def export_runs(state: State, out: str | Path) -> Path:
    """The whole crawl_runs table → out/crawl_runs.parquet."""
    columns = CRAWL_RUNS.names
    rows = state.query(f"SELECT {', '.join(columns)} FROM crawl_runs ORDER BY started_at, source")
    table = pa.Table.from_pylist([dict(zip(columns, row, strict=True)) for row in rows], schema=CRAWL_RUNS)
    target = Path(out) / "crawl_runs.parquet"
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(f".{target.name}.tmp")  # a reader never sees a half-written file
    pq.write_table(table, tmp)
    os.replace(tmp, target)
    return target


def reasons_of(row: str) -> dict[str, int]:
    return dict(json.loads(row))
