"""What a delivered file means for the months it covers: its content, completeness and losses.

A file replaces the (source, month)s it covers. Its identity is a fingerprint of its parsed
rows (not its bytes), so the same rows re-gzipped, gunzipped or with CRLF line ends are the
same content. A daily source must cover every day of each month, except the current month
up to its latest day (a month-to-date file). A revision that would remove more than a share
of a month's rows, or a whole breakdown value (district, channel, service, survey), is held
back for a person to confirm.
"""

from __future__ import annotations

import hashlib
from datetime import date, timedelta

import duckdb

from ingest.contracts import Contract
from ingest.sql_literal import literal
from ingest.violation import Violation

DEFAULT_MAX_REMOVED_SHARE = 0.10  # of a month's rows a revision may remove without a person
SHOWN_VALUES = 3  # removed breakdown values named in a reason


def month_sql(contract: Contract) -> str:
    return f"date_trunc('month', \"{contract.month_column}\")::date"


def fingerprint(
    con: duckdb.DuckDBPyConnection, label: str, columns: tuple[str, ...], table: str
) -> str:
    """SHA-256 over a file's typed rows, independent of bytes, compression and line ends.

    Each row's text (these columns, NULL marked) is hashed with MD5; the sums and xor of the
    hashes over all rows (order-free) and the row count are what the SHA-256 covers.
    """
    cells = ", ".join(f'coalesce("{c}"::varchar, chr(0))' for c in columns)
    summary = con.execute(
        f"""
        select count(*), sum((h >> 64)::hugeint), sum((h & 18446744073709551615)::hugeint), bit_xor(h)
        from (select md5_number(concat_ws(chr(31), {cells})) as h from {table})
        """
    ).fetchone()
    text = "|".join([label, *columns, *map(str, summary)])
    return hashlib.sha256(text.encode()).hexdigest()


def missing_days(
    con: duckdb.DuckDBPyConnection, contract: Contract, table: str, display: str, today: date
) -> Violation | None:
    """For a daily source: the days missing from the months the file covers, if any."""
    if not contract.daily:
        return None
    day = f'"{contract.month_column}"'
    current = today.replace(day=1)
    missing = con.execute(
        f"""
        with covered as (
            select {month_sql(contract)} as month, max({day}) as latest
            from {table} group by all
        ),
        expected as (
            select cast(unnest(generate_series(
                month,
                case when month = {literal(current)} then latest
                     else month + interval 1 month - interval 1 day end,
                interval 1 day)) as date) as day
            from covered
        )
        select day from expected
        except
        select {day} from {table}
        order by day
        """
    ).fetchall()
    if not missing:
        return None
    days = [d for (d,) in missing]
    months = sorted({d.strftime("%Y-%m") for d in days})
    reason = (
        f"missing {len(days)} day(s) of {', '.join(months)}: {day_ranges(days)} "
        "(a daily extract covers whole months; only the current month may end at its latest day)"
    )
    return Violation(display, None, contract.month_column, reason)


def day_ranges(days: list[date]) -> str:
    """'2025-09-01..2025-09-14, 2025-09-16..2025-09-30' from sorted days."""
    ranges: list[list[date]] = []
    for d in days:
        if ranges and d - ranges[-1][1] == timedelta(days=1):
            ranges[-1][1] = d
        else:
            ranges.append([d, d])
    return ", ".join(str(a) if a == b else f"{a}..{b}" for a, b in ranges)


def losses(
    con: duckdb.DuckDBPyConnection, contract: Contract, table: str, max_share: float
) -> list[str]:
    """Why the file may not replace what the store holds for its months (empty: it may).

    `table` is the staged file; the store's rows are in main.<source>. A month loses the rows
    whose primary key the file no longer has, and any breakdown value the file no longer has.
    """
    month = month_sql(contract)
    key = ", ".join(f'"{c}"' for c in contract.primary_key)
    breakdown = f'"{contract.breakdown}"'
    held = f"(select * from main.{contract.source} where {month} in (select {month} from {table}))"
    removed = con.execute(
        f"""
        with now as (select {month} as month, count(*) as rows from {held} group by all),
        gone as (
            select month, count(*) as rows
            from (
                select {month} as month, {key} from {held}
                except
                select {month}, {key} from {table}
            )
            group by all
        )
        select now.month, gone.rows, now.rows from now join gone using (month)
        where gone.rows > {max_share} * now.rows
        order by now.month
        """
    ).fetchall()
    dropped = con.execute(
        f"""
        with
        was as (select distinct {month} as month, {breakdown} as value from {held}),
        kept as (select distinct {month} as month, {breakdown} as value from {table})
        select month, list(value order by value)
        from (select * from was except select * from kept)
        group by month order by month
        """
    ).fetchall()
    reasons = [
        f"it would remove {gone:,} of the {now:,} rows of {m:%Y-%m} ({gone / now:.0%}, "
        f"more than {max_share:.0%})"
        for m, gone, now in removed
    ]
    for m, values in dropped:
        shown = ", ".join(map(str, values[:SHOWN_VALUES]))
        more = f" and {len(values) - SHOWN_VALUES} more" if len(values) > SHOWN_VALUES else ""
        reasons.append(
            f"it would remove every row of {contract.breakdown} {shown}{more} from {m:%Y-%m}"
        )
    return reasons
