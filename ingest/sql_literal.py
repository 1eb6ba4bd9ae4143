"""Python values as SQL literals.

Ingest writes values into its SQL text instead of binding parameters: DuckDB's Python client
imports pandas, NumPy and pyarrow on the first bound parameter, half a second per run.
"""

from __future__ import annotations

import datetime as dt


def literal(value: object) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, dt.datetime):
        return f"timestamp '{value.isoformat(sep=' ')}'"
    if isinstance(value, dt.date):
        return f"date '{value.isoformat()}'"
    if isinstance(value, list | tuple):
        return f"[{', '.join(literal(v) for v in value)}]"
    return "'" + str(value).replace("'", "''") + "'"
