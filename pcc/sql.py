"""`pcc sql`: one read-only query against the published warehouse, as a table, CSV or JSON.

The connection is read-only, so DuckDB itself refuses writes; the statement is also checked
up front so that anything but a single query is refused with a clear message.
"""

from __future__ import annotations

import csv
import datetime as dt
import decimal
import io
import json
import re
import sys
import uuid
from collections.abc import Sequence
from typing import Any

import duckdb

from pcc.errors import EXIT_OK, PccError
from pcc.warehouse import connect_published

QUERY_KEYWORDS = ("select", "with", "from", "describe", "show", "summarize", "explain")
# Statement types a read-only query may parse to (DESCRIBE, SHOW and SUMMARIZE parse as SELECT).
QUERY_TYPES = {duckdb.StatementType.SELECT, duckdb.StatementType.EXPLAIN}
_COMMENTS = re.compile(r"--[^\n]*|/\*.*?\*/", re.DOTALL)


def run_sql(query: str, fmt: str) -> int:
    check_read_only(query)
    with connect_published() as con:
        try:
            cursor = con.execute(query)
            columns = [d[0] for d in cursor.description or []]
            rows = cursor.fetchall()
        except duckdb.Error as exc:
            raise PccError(f"query failed: {_one_line(exc)}") from None
    sys.stdout.write(render(columns, rows, fmt))
    return EXIT_OK


def check_read_only(query: str) -> None:
    """Refuse anything that is not exactly one query (SELECT, WITH, FROM, DESCRIBE, ...)."""
    try:
        statements = duckdb.extract_statements(query)
    except duckdb.Error as exc:
        raise PccError(f"query failed: {_one_line(exc)}") from None
    if len(statements) != 1:
        raise PccError(f"expected one SQL statement, got {len(statements)}")
    words = _COMMENTS.sub(" ", query).split()
    first = words[0].lower().lstrip("(") if words else ""
    if statements[0].type not in QUERY_TYPES or first not in QUERY_KEYWORDS:
        raise PccError(
            "only read-only queries are allowed (SELECT, WITH, FROM, DESCRIBE, SHOW, SUMMARIZE, "
            f"EXPLAIN); refused {first.upper() or statements[0].type.name}"
        )
    if first == "explain":
        # EXPLAIN ANALYZE runs its statement: only ever explain a query.
        rest = [w.lower().lstrip("(") for w in words[1:] if w.lower() != "analyze"]
        if not rest or rest[0] not in QUERY_KEYWORDS:
            raise PccError("EXPLAIN is only allowed around a read-only query")


def render(columns: Sequence[str], rows: Sequence[tuple], fmt: str) -> str:
    if fmt == "csv":
        return _csv(columns, rows)
    if fmt == "json":
        records = [dict(zip(columns, map(_json_value, row), strict=True)) for row in rows]
        return json.dumps(records, ensure_ascii=False, indent=2) + "\n"
    if fmt == "table":
        return _table(columns, rows)
    raise PccError(f"unknown format {fmt!r}: use table, csv or json")


def _csv(columns: Sequence[str], rows: Sequence[tuple]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(columns)
    writer.writerows([["" if v is None else _text(v) for v in row] for row in rows])
    return out.getvalue()


def _table(columns: Sequence[str], rows: Sequence[tuple]) -> str:
    """Aligned plain text: numbers right-aligned, NULL shown as empty."""
    cells = [["" if v is None else _text(v) for v in row] for row in rows]
    numeric = [
        all(isinstance(row[i], int | float | decimal.Decimal) for row in rows if row[i] is not None)
        and any(row[i] is not None for row in rows)
        for i in range(len(columns))
    ]
    widths = [max([len(c), *(len(row[i]) for row in cells)]) for i, c in enumerate(columns)]

    def line(values: Sequence[str]) -> str:
        return "  ".join(
            v.rjust(w) if num else v.ljust(w)
            for v, w, num in zip(values, widths, numeric, strict=True)
        ).rstrip()

    lines = [line(columns), line(["-" * w for w in widths]), *(line(row) for row in cells)]
    lines.append(f"({len(rows)} row{'' if len(rows) == 1 else 's'})")
    return "\n".join(lines) + "\n"


def _text(value: Any) -> str:
    if isinstance(value, dt.date | dt.datetime | dt.time):
        return value.isoformat()
    return str(value)


def _json_value(value: Any) -> Any:
    if isinstance(value, dt.date | dt.datetime | dt.time):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, dt.timedelta | uuid.UUID):
        return str(value)
    if isinstance(value, bytes):
        return value.hex()
    if isinstance(value, list | tuple):
        return [_json_value(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _json_value(v) for k, v in value.items()}
    return value


def _one_line(exc: Exception) -> str:
    return " ".join(str(exc).split("\n")[0].split())
