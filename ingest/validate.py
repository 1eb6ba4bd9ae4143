"""Contract rules over the staged table -> the first violation in file order.

Every rule is a SQL predicate over the whole typed table (vectorised in DuckDB); only the
failing line is parsed again in Python to word the message with its text. Order: lowest
line first, then contract column order, then the order of checks on a column (empty, type,
range, allowed values, sign, row rules, duplicate key).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

import duckdb

from ingest.cast import FORMATS, given_flag
from ingest.contracts import MAX_INTEGER, Column, Contract, allowed_values
from ingest.detect import Detected
from ingest.read import SourceFile, Staged, line_fields
from ingest.sql_literal import literal
from ingest.violation import Violation

EARLIEST = date(2000, 1, 1)  # nothing in these extracts predates 2000: earlier dates are errors
# RE2 classes: control characters (never in text), and spaces that look like ASCII ones but
# make two ids differ (never in a key).
CONTROL = r"[\x00-\x1f\x7f]"
ODD_SPACE = r"[\x{00A0}\x{1680}\x{2000}-\x{200B}\x{2028}\x{2029}\x{202F}\x{205F}\x{3000}\x{FEFF}]"

Values = dict[str, str]  # contract column -> text of the failing line


@dataclass(frozen=True)
class _Check:
    column: str
    fails: str  # SQL predicate over `staged`: TRUE means the row breaks the rule
    message: Callable[[Values], str]  # words the reason from the failing line's text


def first_violation(
    con: duckdb.DuckDBPyConnection,
    source: SourceFile,
    detected: Detected,
    staged: Staged,
    today: date,
) -> Violation | None:
    """The first violation: a value rule among the intact leading rows, or the structural fault."""
    checks = _checks(detected.contract, today)
    # (line, rank) orders candidates; rank is the check's position, structural faults first.
    candidates: list[tuple[int, float, Violation]] = []

    # Cheap pass first (any rule broken?), then which rule, on that one row only.
    broken = " or ".join(f"({c.fails})" for c in checks)
    row = con.execute(
        f"select min(rowid) from {staged.table} where rowid < {staged.clean_rows} and ({broken})"
    ).fetchone()[0]
    if row is not None:
        case = " ".join(f"when {c.fails} then {i}" for i, c in enumerate(checks))
        check_id = con.execute(
            f"select case {case} end from {staged.table} where rowid = {row}"
        ).fetchone()[0]
        line, check = row + 2, checks[check_id]
        values = _line_values(source, detected, line)
        violation = Violation(source.display, line, check.column, check.message(values))
        candidates.append((line, check_id, violation))

    duplicate = _first_duplicate(con, source, detected, staged)
    if duplicate is not None:
        candidates.append((duplicate.line, _duplicate_rank(detected.contract, checks), duplicate))

    if staged.issue is not None:
        candidates.append((staged.issue.line or 0, -1, staged.issue))
    return min(candidates, key=lambda c: (c[0], c[1]))[2] if candidates else None


def _checks(contract: Contract, today: date) -> list[_Check]:
    checks: list[_Check] = []
    for column in contract.columns:
        checks.extend(_column_checks(column, today, column.name in contract.primary_key))
        for rule in contract.row_rules:
            if rule.column == column.name:
                checks.append(_row_rule_check(contract, rule.predicate, rule.column, rule.message))
    return checks


def _column_checks(column: Column, today: date, key: bool = False) -> list[_Check]:
    name = column.name
    typed = f'"{name}"'

    def text(values: Values) -> str:
        return values.get(name, "")

    checks: list[_Check] = []
    if column.type == "string":
        empty = f"{typed} is null"
        # Prefix and suffix LIKE are cheap; trim() on every value is not.
        invalid = f"({typed} like ' %' or {typed} like '% ')"
        type_message = lambda v: f"value has leading or trailing spaces '{text(v)}'"  # noqa: E731
    else:
        flag = f"coalesce({given_flag(name)}, false)"
        empty, invalid = f"not {flag}", f"{flag} and {typed} is null"
        type_message = lambda v: _type_message(column, text(v))  # noqa: E731
    if column.required:
        checks.append(_Check(name, empty, lambda v: "required value is empty"))
    checks.append(_Check(name, invalid, type_message))
    if column.type == "string":
        for pattern, what in ((CONTROL, "control character"), (ODD_SPACE, "non-ASCII space")):
            if pattern is ODD_SPACE and not key:
                continue
            checks.append(
                _Check(
                    name,
                    f"regexp_matches({typed}, {literal(pattern)})",
                    lambda v, p=pattern, w=what: _odd_character(text(v), p, w),
                )
            )

    if column.type in ("date", "datetime", "month"):
        kind = _kind(column)
        checks.append(
            _Check(
                name,
                f"{typed}::date < date '{EARLIEST}'",
                lambda v: f"impossible {kind} '{text(v)}' (before {EARLIEST})",
            )
        )
        latest = today.replace(day=1) if column.type == "month" else today
        checks.append(
            _Check(
                name,
                f"{typed}::date > date '{latest}'",
                lambda v: f"{kind} in the future '{text(v)}' (today is {today})",
            )
        )

    allowed = allowed_values(column)
    if allowed is not None:
        listed = sorted(allowed, key=int) if column.type == "integer" else sorted(allowed)
        # A cast to an ENUM is a hash lookup; a long IN list is compared item by item.
        enum = f"enum({', '.join(literal(a) for a in listed)})"
        fails = f"{typed} is not null and try_cast({typed}::varchar as {enum}) is null"
        if isinstance(column.allowed, str):
            where = f"not in the {column.allowed} reference list"
        else:
            where = f"allowed: {', '.join(listed)}"
        checks.append(_Check(name, fails, lambda v: f"unknown {name} '{text(v)}' ({where})"))

    if column.non_negative:
        checks.append(
            _Check(name, f"{typed} < 0", lambda v: f"negative count {text(v)} (must be 0 or more)")
        )
    return checks


def _odd_character(value: str, pattern: str, what: str) -> str:
    """'control character U+0007 at position 4 of ...' for the first such character."""
    found = re.search(pattern.replace("\\x{", "\\u").replace("}", ""), value)
    position = found.start() + 1 if found else 0
    code = f"U+{ord(found.group()):04X}" if found else "?"
    return f"{what} {code} at character {position} of {value!r}"


def _row_rule_check(contract: Contract, predicate: str, column: str, message: str) -> _Check:
    used = [c for c in contract.column_names if re.search(rf"\b{re.escape(c)}\b", predicate)]

    def word(values: Values) -> str:
        shown = ", ".join(f"{c}={values.get(c) or 'empty'}" for c in used)
        return f"{message} ({shown})"

    # A NULL predicate passes: empty optional values are not reported twice.
    return _Check(column, f"not coalesce(({predicate}), true)", word)


def _type_message(column: Column, value: str) -> str:
    if column.type == "boolean":
        return f"not a boolean '{value}' (expected true/false/1/0)"
    pattern, expected = FORMATS[column.type]
    if column.type == "integer":
        if re.fullmatch(pattern, value):
            return f"integer out of range '{value}' (at most {MAX_INTEGER:,})"
        return f"not an integer '{value}' (expected {expected})"
    if re.fullmatch(pattern, value):
        return f"impossible {_kind(column)} '{value}'"
    return f"not a {_kind(column)} '{value}' (expected {expected})"


def _kind(column: Column) -> str:
    return {"date": "date", "datetime": "date-time", "month": "month"}[column.type]


def _line_values(source: SourceFile, detected: Detected, line: int) -> Values:
    fields = line_fields(source, line)
    return {
        name: fields[position]
        for name, position in detected.positions.items()
        if position < len(fields)
    }


def _first_duplicate(
    con: duckdb.DuckDBPyConnection, source: SourceFile, detected: Detected, staged: Staged
) -> Violation | None:
    key = detected.contract.primary_key
    columns = ", ".join(f'"{k}"' for k in key)
    found = con.execute(
        f"""
        with k as (
            select rowid as _row, {columns} from {staged.table} where rowid < {staged.clean_rows}
        ),
        d as (select {columns}, min(_row) as first_row from k group by all having count(*) > 1)
        select k._row, d.first_row
        from k join d using ({columns})
        where k._row > d.first_row
        order by k._row
        limit 1
        """,
    ).fetchone()
    if found is None:
        return None
    line, first_line = found[0] + 2, found[1] + 2
    values = _line_values(source, detected, line)
    if len(key) == 1:
        shown = f"{key[0]} '{values[key[0]]}'"
    else:
        shown = f"({', '.join(key)}) = ({', '.join(values[k] for k in key)})"
    reason = f"duplicate primary key {shown} (lines {first_line} and {line})"
    return Violation(source.display, line, key[0], reason)


def _duplicate_rank(contract: Contract, checks: list[_Check]) -> float:
    """Rank a duplicate key after every check on its first key column (contract order)."""
    later = contract.column_names[contract.column_names.index(contract.primary_key[0]) + 1 :]
    return next((i for i, c in enumerate(checks) if c.column in later), len(checks)) - 0.5
