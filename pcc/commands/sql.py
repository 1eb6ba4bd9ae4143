"""`pcc sql`: one read-only query against the published warehouse, as a table, CSV or JSON.

Three guards, each enough on its own for writes and files:
1. the statement is parsed by DuckDB (`extract_statements`, `tokenize`): exactly one query
   (SELECT, WITH, FROM, VALUES, TABLE, PIVOT, UNPIVOT, DESCRIBE, SHOW, SUMMARIZE, EXPLAIN), and
   no call of a built-in table function outside a list of pure ones (files, settings, dynamic
   SQL and the database's internals are refused with the reason);
2. the connection (pcc.read.warehouse) is read-only with external access off and its configuration
   locked, so DuckDB itself refuses any file, attach, extension or setting;
3. a timeout and a memory limit on the connection; printed rows are limited (10,000 by default
   for a table or a terminal) and everything is streamed, so memory stays flat.

Every value and column name is printed with control characters escaped, so data cannot send
escape sequences to the analyst's terminal.
"""

from __future__ import annotations

import csv
import datetime as dt
import decimal
import json
import math
import sys
import uuid
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any, TextIO

from pcc.errors import EXIT_OK, PccError
from pcc.read.query import UNSAFE_CHARACTERS, escape_text, stream_query

DEFAULT_MAX_ROWS = 10_000


def run_sql(query: str, fmt: str, max_rows: int | None = None) -> int:
    """Print the result of `query`; `max_rows` None: 10,000 for a table or a terminal.

    Refusals, failures and the timeout are PccError (one line, exit 1)."""
    if fmt not in WRITERS:
        raise PccError(f"unknown format {fmt!r}: use table, csv or json")
    limit = _row_limit(fmt, max_rows)
    stream_query(query, limit, lambda columns, rows: WRITERS[fmt](sys.stdout, columns, rows, limit))
    return EXIT_OK


def _row_limit(fmt: str, max_rows: int | None) -> int | None:
    if max_rows is not None:
        if max_rows < 0:
            raise PccError("--max-rows must be 0 (no limit) or more")
        return max_rows or None
    return DEFAULT_MAX_ROWS if fmt == "table" or sys.stdout.isatty() else None


def _limited(rows: Iterable[tuple], limit: int | None) -> tuple[Iterator[tuple], list[bool]]:
    """The first `limit` rows, and a flag set once a row beyond them was seen."""
    truncated = [False]

    def take() -> Iterator[tuple]:
        for i, row in enumerate(rows):
            if limit is not None and i >= limit:
                truncated[0] = True
                return
            yield row

    return take(), truncated


def _truncation_note(limit: int) -> str:
    return (
        f"pcc: showing the first {limit:,} rows; more were not shown "
        "(--max-rows 0 for all, or --format csv to a file)"
    )


# --- output -----------------------------------------------------------------------------------

_JSON_ESCAPES = {c: f"\\u{c:04x}" for c in UNSAFE_CHARACTERS}


def write_csv(out: TextIO, columns: Sequence[str], rows: Iterable[tuple], limit: int | None):
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow([escape_text(c) for c in columns])
    shown, truncated = _limited(rows, limit)
    for row in shown:
        writer.writerow(["" if v is None else escape_text(_text(v)) for v in row])
    if truncated[0]:
        print(_truncation_note(limit), file=sys.stderr)


def write_json(out: TextIO, columns: Sequence[str], rows: Iterable[tuple], limit: int | None):
    """A JSON array of objects, one per line; escapes keep it valid JSON."""
    out.write("[")
    shown, truncated = _limited(rows, limit)
    for i, row in enumerate(shown):
        record = dict(zip(columns, map(_json_value, row), strict=True))
        text = json.dumps(record, ensure_ascii=False).translate(_JSON_ESCAPES)
        out.write(("\n" if i == 0 else ",\n") + text)
    out.write("\n]\n")
    if truncated[0]:
        print(_truncation_note(limit), file=sys.stderr)


def write_table(out: TextIO, columns: Sequence[str], rows: Iterable[tuple], limit: int | None):
    """Aligned plain text: numbers right-aligned, NULL shown as empty."""
    shown, truncated = _limited(rows, limit)
    values = list(shown)
    formats = [_number_format([row[i] for row in values]) for i in range(len(columns))]
    cells = [
        ["" if v is None else escape_text(fmt(v)) for v, fmt in zip(row, formats, strict=True)]
        for row in values
    ]
    names = [escape_text(c) for c in columns]
    numeric = [
        all(
            isinstance(row[i], int | float | decimal.Decimal)
            for row in values
            if row[i] is not None
        )
        and any(row[i] is not None for row in values)
        for i in range(len(columns))
    ]
    widths = [max([len(c), *(len(row[i]) for row in cells)]) for i, c in enumerate(names)]

    def line(items: Sequence[str]) -> str:
        return "  ".join(
            v.rjust(w) if num else v.ljust(w)
            for v, w, num in zip(items, widths, numeric, strict=True)
        ).rstrip()

    lines = [line(names), line(["-" * w for w in widths]), *(line(row) for row in cells)]
    count = f"{len(values):,} row{'' if len(values) == 1 else 's'}"
    lines.append(f"({count}; more not shown)" if truncated[0] else f"({count})")
    out.write("\n".join(lines) + "\n")
    if truncated[0]:
        print(_truncation_note(limit), file=sys.stderr)


WRITERS = {"table": write_table, "csv": write_csv, "json": write_json}


TABLE_DECIMALS = 4  # floats in `table` output; csv and json keep full precision


def _number_format(column: list[Any]) -> Callable[[Any], str]:
    """How a `table` column prints: floats that are all whole as integers (a count summed as a
    double is still a count: 916, not 916.0), other floats to TABLE_DECIMALS places, aligned
    on the point; tiny ones keep TABLE_DECIMALS significant digits. Everything else as is."""
    floats = [v for v in column if isinstance(v, float) and math.isfinite(v)]
    if not floats:
        return _text
    if all(v.is_integer() and abs(v) < 2**53 for v in floats):
        return lambda v: f"{v:.0f}" if isinstance(v, float) and math.isfinite(v) else _text(v)

    def decimals(v: Any) -> str:
        if not isinstance(v, float) or not math.isfinite(v):
            return _text(v)
        if v and abs(v) < 10**-TABLE_DECIMALS:
            return f"{v:.{TABLE_DECIMALS}g}"
        return f"{v:.{TABLE_DECIMALS}f}"

    return decimals


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
