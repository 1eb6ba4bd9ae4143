"""One read-only query on the published warehouse, refused unless it is safe (`pcc sql`).

The first and third guards of pcc.commands.sql (the statement parsed by DuckDB; rows streamed
under the connection's timeout and memory limit) live here, on the hardened connection
(pcc.read.warehouse) that is the second. Messages are one line with control characters
escaped.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Iterator, Sequence

import duckdb

from pcc.errors import PccError
from pcc.read.warehouse import connect_published

MAX_QUERY_CHARS = 100_000
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


def stream_query(
    query: str, limit: int | None, write: Callable[[Sequence[str], Iterator[tuple]], None]
) -> None:
    """Check `query`, run it and hand its column names and (at most limit + 1) rows to `write`.

    Refusals, failures and the timeout are PccError (one line, exit 1)."""
    with connect_published() as con:
        check_query(con, query)
        try:
            cursor = con.execute(query)
            write([d[0] for d in cursor.description or []], fetch(cursor, limit))
        except duckdb.PermissionException:
            raise PccError(_refusal("the query reads a file or changes a setting")) from None
        except duckdb.InterruptException:
            raise
        except duckdb.Error as exc:
            raise PccError(f"query failed: {_one_line(exc)}") from None


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
    # followed by the SELECT: before DuckDB 2 as separate statements whose text is empty (anything
    # a user wrote has text), from DuckDB 2 as one MULTI statement with the user's text. DuckDB
    # makes a MULTI otherwise only of ALTER and TRUNCATE, whose first word is refused above.
    written = [s for s in statements if s.query.strip() or s.type != duckdb.StatementType.CREATE]
    if len(written) != 1:
        raise PccError(f"expected one SQL statement, got {len(written)}")
    pivot = written[0].type == duckdb.StatementType.MULTI and "pivot" in words
    if written[0].type not in QUERY_TYPES and not pivot:
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


def fetch(cursor: duckdb.DuckDBPyConnection, limit: int | None) -> Iterator[tuple]:
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


# Control characters (C0, DEL, C1), bidirectional overrides and line separators: escaped in
# every format so that no value can move the cursor or recolour the analyst's terminal.
UNSAFE_CHARACTERS = [*range(0x00, 0x20), *range(0x7F, 0xA0), 0x200E, 0x200F, *range(0x202A, 0x202F)]
UNSAFE_CHARACTERS += [*range(0x2066, 0x206A), 0x2028, 0x2029]
_TEXT_ESCAPES = {c: (f"\\x{c:02x}" if c < 0x100 else f"\\u{c:04x}") for c in UNSAFE_CHARACTERS}


def escape_text(text: str) -> str:
    return text.translate(_TEXT_ESCAPES)


def _one_line(exc: Exception) -> str:
    """DuckDB's message on one line: its first line and its hint ("Did you mean ...?")."""
    lines = str(exc).split("\n")
    kept = [lines[0], *(line for line in lines[1:] if line.startswith("Did you mean"))]
    return escape_text(" ".join(" ".join(kept).split()))
