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
import itertools
import json
import math
import re
import sys
import uuid
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any, TextIO

import duckdb

from pcc.errors import EXIT_OK, PccError
from pcc.read.warehouse import connect_published

MAX_QUERY_CHARS = 100_000
DEFAULT_MAX_ROWS = 10_000
FETCH_ROWS = 2_048

# The first word of a query; "(" opens a parenthesised one, e.g. (select 1) union (select 2).
QUERY_WORDS = frozenset(
    ("select", "with", "from", "values", "table", "pivot", "unpivot", "describe", "show")
    + ("summarize", "explain", "(")
)
QUERY_TYPES = frozenset((duckdb.StatementType.SELECT, duckdb.StatementType.EXPLAIN))

# Built-in table functions that compute rows from their arguments or describe the catalog.
# Every other built-in table function is refused (user-defined macros in the warehouse are not
# built in, so they run).
PURE_TABLE_FUNCTIONS = frozenset(
    {
        "range",
        "generate_series",
        "unnest",
        "repeat",
        "repeat_row",
        "json_each",
        "json_tree",
        "duckdb_columns",
        "duckdb_constraints",
        "duckdb_databases",
        "duckdb_dependencies",
        "duckdb_functions",
        "duckdb_indexes",
        "duckdb_keywords",
        "duckdb_schemas",
        "duckdb_sequences",
        "duckdb_tables",
        "duckdb_types",
        "duckdb_views",
        "pragma_table_info",
        "table_info",
        "pragma_show",
        "show",
        "show_tables",
        "show_tables_expanded",
        "show_databases",
        "pragma_version",
        "version",
        "summary",
        "histogram",
        "histogram_values",
        "pg_timezone_names",
        "icu_calendar_names",
        "collations",
        "pragma_collations",
    }
)
# Scalar functions that reveal the process's environment or settings.
REFUSED_SCALARS = {
    "getenv": "reads the environment",
    "current_setting": "reads the connection's settings",
}
FILE_FUNCTIONS = re.compile(
    r"^(read_|parquet_|glob$|sniff_csv$|import_database$|copy_database$|.*_scan(_dumb)?$)"
)
SQL_STRING_FUNCTIONS = frozenset({"query", "query_table", "json_execute_serialized_sql"})
_NAME = re.compile(rb'"((?:[^"]|"")*)"|([^\s(."]+)')
_WORD_KINDS = (duckdb.token_type.identifier, duckdb.token_type.keyword)


def run_sql(query: str, fmt: str, max_rows: int | None = None) -> int:
    """Print the result of `query`; `max_rows` None: 10,000 for a table or a terminal.

    Refusals, failures and the timeout are PccError (one line, exit 1)."""
    if fmt not in WRITERS:
        raise PccError(f"unknown format {fmt!r}: use table, csv or json")
    limit = _row_limit(fmt, max_rows)
    with connect_published() as con:
        check_query(con, query)
        try:
            cursor = con.execute(query)
            columns = [d[0] for d in cursor.description or []]
            rows = _fetch(cursor, limit)
            WRITERS[fmt](sys.stdout, columns, rows, limit)
        except duckdb.PermissionException:
            raise PccError(_refusal("the query reads a file or changes a setting")) from None
        except duckdb.InterruptException:
            raise
        except duckdb.Error as exc:
            raise PccError(f"query failed: {_one_line(exc)}") from None
    return EXIT_OK


def check_query(con: duckdb.DuckDBPyConnection, query: str) -> None:
    """Refuse, with a one-line reason, anything but one read-only query that touches no file,
    setting or dynamic SQL. Parsed on the hardened connection itself (some statements, such as
    IMPORT DATABASE, read files while they are parsed)."""
    if len(query) > MAX_QUERY_CHARS:
        raise PccError(f"the query is {len(query):,} characters; the limit is {MAX_QUERY_CHARS:,}")
    try:
        words = _words(query)
        if words and words[0] not in QUERY_WORDS:
            raise PccError(_refusal(f"{words[0].upper()} is not a query"))
        statements = con.extract_statements(query)
    except duckdb.Error as exc:
        raise PccError(f"query failed: {_one_line(exc)}") from None
    if not statements or not words:
        raise PccError("the query is empty")
    # PIVOT without an IN list is planned as CREATE TYPE statements DuckDB writes itself
    # (their text is empty) followed by the SELECT; anything a user wrote has text.
    written = [s for s in statements if s.query.strip() or s.type != duckdb.StatementType.CREATE]
    if len(written) != 1:
        raise PccError(f"expected one SQL statement, got {len(written)}")
    if written[0].type not in QUERY_TYPES:
        raise PccError(_refusal(f"{written[0].type.name} is not a query"))
    if words[0] == "explain":
        explained = [w for w in words[1:] if w != "analyze"]
        if not explained or explained[0] not in QUERY_WORDS - {"explain"}:
            raise PccError(_refusal("EXPLAIN is only allowed around a query"))
    check_functions(query, built_in_table_functions(con))


def built_in_table_functions(con: duckdb.DuckDBPyConnection) -> frozenset[str]:
    rows = con.execute(
        """
        select distinct function_name from duckdb_functions()
        where internal and function_type in ('table', 'table_macro', 'pragma')
        """
    ).fetchall()
    return frozenset(r[0] for r in rows)


def check_functions(query: str, table_functions: frozenset[str]) -> None:
    for name in called_functions(query):
        reason = _function_refusal(name, table_functions)
        if reason:
            raise PccError(_refusal(f"{name}() {reason}"))


def _function_refusal(name: str, table_functions: frozenset[str]) -> str | None:
    if name in REFUSED_SCALARS:
        return REFUSED_SCALARS[name]
    if name not in table_functions or name in PURE_TABLE_FUNCTIONS:
        return None
    if FILE_FUNCTIONS.match(name):
        return "reads files"
    if name in SQL_STRING_FUNCTIONS:
        return "runs SQL from a string"
    return "changes or reveals the database's settings or state"


def called_functions(query: str) -> Iterator[str]:
    """Names (lower case, schema dropped) written just before "(" outside strings and comments."""
    tokens = _tokens(query)
    for (word, kind), (next_word, _) in itertools.pairwise(tokens):
        if kind in _WORD_KINDS and next_word == "(":
            yield word


def _words(query: str) -> list[str]:
    """The query's keywords, identifiers and "(" in order (comments and strings skipped)."""
    return [word for word, kind in _tokens(query) if kind in _WORD_KINDS or word == "("]


def _tokens(query: str) -> list[tuple[str, object]]:
    """DuckDB's tokens: the name at each (unquoted, lower case) or its first character."""
    data = query.encode()  # DuckDB's offsets count UTF-8 bytes
    tokens = []
    for start, kind in duckdb.tokenize(query):
        match = _NAME.match(data, start) if kind in _WORD_KINDS else None
        if match:
            quoted, bare = match.groups()
            word = (bare if quoted is None else quoted.replace(b'""', b'"')).decode().lower()
        else:
            word = data[start : start + 1].decode(errors="replace")
        tokens.append((word, kind))
    return tokens


def _refusal(reason: str) -> str:
    return f"refused: {reason}; pcc sql runs one read-only query on the published marts"


def _row_limit(fmt: str, max_rows: int | None) -> int | None:
    if max_rows is not None:
        if max_rows < 0:
            raise PccError("--max-rows must be 0 (no limit) or more")
        return max_rows or None
    return DEFAULT_MAX_ROWS if fmt == "table" or sys.stdout.isatty() else None


def _fetch(cursor: duckdb.DuckDBPyConnection, limit: int | None) -> Iterator[tuple]:
    """The rows, streamed in batches; at most limit + 1 (the extra one says "there is more")."""
    fetched = 0
    while limit is None or fetched <= limit:
        batch = cursor.fetchmany(FETCH_ROWS if limit is None else min(FETCH_ROWS, limit + 1))
        if not batch:
            return
        for row in batch:
            fetched += 1
            yield row
            if limit is not None and fetched > limit:
                return


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

# Control characters (C0, DEL, C1), bidirectional overrides and line separators: escaped in
# every format so that no value can move the cursor or recolour the analyst's terminal.
_UNSAFE = [*range(0x00, 0x20), *range(0x7F, 0xA0), 0x200E, 0x200F, *range(0x202A, 0x202F)]
_UNSAFE += [*range(0x2066, 0x206A), 0x2028, 0x2029]
_TEXT_ESCAPES = {c: (f"\\x{c:02x}" if c < 0x100 else f"\\u{c:04x}") for c in _UNSAFE}
_JSON_ESCAPES = {c: f"\\u{c:04x}" for c in _UNSAFE}


def escape_text(text: str) -> str:
    return text.translate(_TEXT_ESCAPES)


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


def _one_line(exc: Exception) -> str:
    """DuckDB's message on one line: its first line and its hint ("Did you mean ...?")."""
    lines = str(exc).split("\n")
    kept = [lines[0], *(line for line in lines[1:] if line.startswith("Did you mean"))]
    return escape_text(" ".join(" ".join(kept).split()))
