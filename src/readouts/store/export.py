"""``readouts export``: a table of the store as JSONL, CSV or Parquet.

Tables: ``events`` (one row per merged event), ``contacts`` (one per report,
with its event id), ``statements``, ``disputes``, ``agreements``, ``actors``,
``articles`` (metadata, without the text) and ``analyses`` (one article a row
with its full analysis JSON, what ``readouts analyze --format jsonl`` prints,
plus the store's ids). JSON-valued columns become JSON text in CSV and Parquet.
"""
from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from typing import IO, Any

import sqlalchemy as sa

from readouts.errors import InputError, StoreError
from readouts.store import schema
from readouts.store.db import Store

TABLES = ("events", "contacts", "statements", "disputes", "agreements", "actors", "articles", "analyses")
FORMATS = ("jsonl", "csv", "parquet")


def export_rows(store: Store, table: str = "events") -> Iterator[dict[str, Any]]:
    """The rows of ``table`` as plain dicts, in a stable order."""
    if table not in TABLES:
        raise InputError("--table", f"not a table ({', '.join(TABLES)}): {table!r}")
    if table == "analyses":
        t = schema.articles
        query = sa.select(t.c.id, t.c.source, t.c.analysis).order_by(t.c.published.nulls_last(), t.c.id)
    elif table == "articles":
        t = schema.articles
        query = sa.select(*[c for c in t.c if c.name not in ("text", "analysis")]).order_by(
            t.c.published.nulls_last(), t.c.id)
    else:
        t = schema.metadata.tables[table]
        query = sa.select(t).order_by(*t.primary_key.columns)
    try:
        with store.engine.connect() as conn:
            for row in conn.execute(query.execution_options(yield_per=500)):
                out = dict(row._mapping)
                if table == "analyses":
                    out = {"article_id": out["id"], "source": out["source"], **out["analysis"]}
                yield out
    except sa.exc.SQLAlchemyError as err:
        raise StoreError(f"{store.name}: {str(getattr(err, 'orig', err)).splitlines()[0]}") from err


def columns(table: str) -> list[str]:
    """The column names of ``table``'s rows: the header of a CSV export, also when the table is empty."""
    if table == "analyses":
        return ["article_id", "source"]
    t = schema.metadata.tables[table]
    return [c.name for c in t.c if not (table == "articles" and c.name in ("text", "analysis"))]


def _flat(row: dict[str, Any]) -> dict[str, Any]:
    return {k: json.dumps(v, ensure_ascii=False) if isinstance(v, (list, dict)) else v for k, v in row.items()}


def write_jsonl(rows, out: IO[str]) -> int:
    n = 0
    for row in rows:
        out.write(json.dumps(row, ensure_ascii=False) + "\n")
        n += 1
    return n


def write_csv(rows, out: IO[str], header: list[str] | None = None) -> int:
    """Rows as CSV; with no rows, ``header`` alone (an empty table still has its columns)."""
    n = 0
    writer = None
    for row in rows:
        flat = _flat(row)
        if writer is None:
            writer = csv.DictWriter(out, fieldnames=list(flat))
            writer.writeheader()
        writer.writerow(flat)
        n += 1
    if writer is None and header:
        csv.writer(out).writerow(header)
    return n


def write_parquet(rows, path: str) -> int:
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError as err:
        raise InputError("--format parquet", "needs pyarrow: pip install 'readouts[parquet]'") from err
    flat = [_flat(r) for r in rows]
    try:
        pq.write_table(pa.Table.from_pylist(flat), path)
    except OSError as err:
        raise InputError(path, f"cannot write: {err}") from err
    return len(flat)


def export(store: Store, table: str, fmt: str, out: IO[str] | None = None, path: str | None = None) -> int:
    """Write ``table`` in ``fmt`` to ``out`` (a text stream) or ``path``; returns the row count."""
    if fmt not in FORMATS:
        raise InputError("--format", f"not an export format ({', '.join(FORMATS)}): {fmt!r}")
    rows = export_rows(store, table)
    if fmt == "parquet":
        if not path:
            raise InputError("--format parquet", "writes a file: give --output FILE")
        return write_parquet(rows, path)
    if path:
        try:
            with open(path, "w", encoding="utf-8", newline="") as fh:
                return write_jsonl(rows, fh) if fmt == "jsonl" else write_csv(rows, fh, columns(table))
        except OSError as err:
            raise InputError(path, f"cannot write: {err.strerror or err}") from err
    return write_jsonl(rows, out) if fmt == "jsonl" else write_csv(rows, out, columns(table))


VOLATILE = ("ingested_at",)  # when it was stored: differs between two runs that store the same
# Surrogate keys numbered in the order rows were written: an event's search row is rewritten
# whenever a report joins it, so two ingests that batch the same articles differently (the
# Dask and the local one) number the same rows differently.
SURROGATE = {"search_docs": ("id",)}


def snapshot(store: Store) -> dict[str, list[tuple]]:
    """Every row of every table, the search index's rows included, minus timestamps, sorted.

    ``snapshot(store) -> {table: [row, ...]}``, each value as JSON text: two stores holding
    the same articles, records, contacts, events and points give equal snapshots (what the
    Dask and parallel-ingest tests and benchmarks compare).
    """
    out = {}
    with store.engine.connect() as conn:
        for table in (*schema.DATA_TABLES, schema.event_facet_counts, schema.search_docs):
            cols = [c for c in table.columns
                    if c.name not in VOLATILE and c.name not in SURROGATE.get(table.name, ())]
            out[table.name] = sorted(tuple(json.dumps(v, sort_keys=True, default=str) for v in row)
                                     for row in conn.execute(sa.select(*cols)))
    return out
