"""Text -> typed values: the SQL that turns each contract column's text into its landing type.

A value that is given but does not cast becomes NULL with its `_given_<column>` flag TRUE,
which is how validation tells "empty" from "not a valid date". Text is not trimmed: spaces
around a value are an error, not something to guess about.
"""

from __future__ import annotations

from ingest.contracts import LANDING_TYPES, MAX_INTEGER, Column
from ingest.detect import Detected

# Full-match pattern and the wording of the expected format, per contract type.
FORMATS = {
    "date": (r"\d{4}-\d{2}-\d{2}", "YYYY-MM-DD"),
    "datetime": (r"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2})?", "YYYY-MM-DDTHH:MM[:SS]"),
    "month": (r"\d{4}-\d{2}", "YYYY-MM"),
    "integer": (r"-?\d+", "a whole number"),
}
_CASTS = {
    "date": "try_cast({r} as date)",
    "datetime": "try_cast(replace({r}, 'T', ' ') as timestamp)",
    "month": "try_cast({r} || '-01' as date)",
    # Beyond MAX_INTEGER is not a plausible value: NULL, reported as out of range.
    "integer": f"case when abs(try_cast({{r}} as hugeint)) <= {MAX_INTEGER} "
    "then try_cast({r} as bigint) end",
}


def given_flag(name: str) -> str:
    return f'"_given_{name}"'


def typed_columns(detected: Detected) -> list[str]:
    """Select expressions over the text fields c0..cN: each contract column typed, plus flags."""
    exprs = []
    for column in detected.contract.columns:
        position = detected.positions.get(column.name)
        if position is None:  # an optional column the file leaves out
            exprs.append(f'null::{LANDING_TYPES[column.type]} as "{column.name}"')
            if column.type != "string":
                exprs.append(f"false as {given_flag(column.name)}")
            continue
        raw = f"c{position}"
        exprs.append(f'{typed_value(column, raw)} as "{column.name}"')
        if column.type != "string":
            exprs.append(f"{raw} <> '' as {given_flag(column.name)}")
    return exprs


def typed_value(column: Column, raw: str) -> str:
    """NULL when the text is empty or not a valid value of the column's type."""
    if column.type == "string":
        return f"nullif({raw}, '')"
    if column.type == "boolean":
        return (
            f"case lower({raw}) when 'true' then true when '1' then true "
            f"when 'false' then false when '0' then false end"
        )
    pattern, _ = FORMATS[column.type]
    cast = _CASTS[column.type].format(r=raw)
    return f"case when regexp_full_match({raw}, '{pattern}') then {cast} end"
