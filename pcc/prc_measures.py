"""`pcc measures --source prc`: the board table for any force from the public PRC tables.

The Home Office police recorded crime open data tables are quarterly, so windows end at a
quarter end and are summed from marts.fct_force_measure_quarterly at query time (a window
counts only if every quarter of it is in the data). Measures the tables cannot support, and
measures whose current window the data does not cover, are omitted rather than shown as 0.
Like pcc.measures, no pandas, polars, dbt or Streamlit import.
"""

from __future__ import annotations

from datetime import date

from pcc.errors import UsageError
from pcc.measures import (
    WINDOW_CHOICES,
    Area,
    MeasureRow,
    Window,
    add_months,
    bind,
    board_order,
    board_records,
    month_text,
    parse_month,
    present,
    render_csv,
    render_json,
    render_table,
)
from pcc.warehouse import connect_published

SOURCE_NOTE = (
    "Source: Home Office police recorded crime open data tables (Police Force Area, quarterly)."
)


def _quarter_end(month: date, option: str) -> date:
    if month.month % 3:
        raise UsageError(
            f"{option} must be a quarter end (YYYY-03, -06, -09 or -12) with --source prc, "
            f"got {month_text(month)}"
        )
    return month


def _has_public_marts(con) -> bool:
    sql = """
        select count(*) from information_schema.tables
        where table_schema = 'marts' and table_name in ('fct_force_measure_quarterly', 'dim_forces')
    """
    return con.execute(sql).fetchone()[0] == 2


def resolve_force(con, wanted: str) -> Area:
    rows = con.execute(
        """
        select force_name, coalesce(name_variants, ''), has_prc_data
        from marts.dim_forces
        order by force_name
        """
    ).fetchall()
    loaded = con.execute(
        "select distinct force_name from marts.fct_force_measure_quarterly order by 1"
    ).fetchall()
    key = wanted.strip().casefold()
    names = {name.casefold(): name for (name,) in loaded}
    for name, variants, _ in rows:
        aliases = {name.casefold()} | {v.strip().casefold() for v in variants.split(";") if v}
        if key in aliases:
            names[key] = name
    if key not in names:
        choices = ", ".join(name for (name,) in loaded) or "none: no public data is loaded"
        raise UsageError(f"unknown force {wanted!r} in the public data: choose one of {choices}")
    name = names[key]
    if (name,) not in loaded:
        raise UsageError(f"no police recorded crime open data is loaded for {name}")
    return Area(name, name, "force", ("prc",))


_BOARD_SQL = """
with

quarterly as (

    select * from marts.fct_force_measure_quarterly where force_name = $force

),

sums as (

    select
        measure_id,
        sum(offences) filter (where quarter_start between $start and $end_quarter) as current_n,
        count(*) filter (where quarter_start between $start and $end_quarter) as current_q,
        sum(offences) filter (where quarter_start between $previous_start and $previous_end_quarter)
            as previous_n,
        count(*) filter (where quarter_start between $previous_start and $previous_end_quarter)
            as previous_q,
        sum(offences) filter (where quarter_start between $baseline_start and $baseline_end_quarter)
            as baseline_n,
        count(*) filter (where quarter_start between $baseline_start and $baseline_end_quarter)
            as baseline_q
    from quarterly
    group by measure_id

)

select
    measures.measure_id,
    measures.measure_name,
    measures.framework,
    measures.priority,
    measures.unit,
    sums.current_n,
    case when sums.previous_q = $quarters then sums.previous_n end,
    case when sums.baseline_q = $quarters then sums.baseline_n end,
    measures.display_order
from sums
inner join marts.dim_measures as measures on sums.measure_id = measures.measure_id
where sums.current_q = $quarters
"""


def read_force_board(
    con, area: Area, window_months: int, period_end: date, baseline_end: date
) -> list[MeasureRow]:
    start = add_months(period_end, 1 - window_months)
    params = {
        "force": area.code,
        "quarters": window_months // 3,
        "start": start,
        "end_quarter": add_months(period_end, -2),
        "previous_start": add_months(start, -12),
        "previous_end_quarter": add_months(period_end, -14),
        "baseline_start": add_months(baseline_end, 1 - window_months),
        "baseline_end_quarter": add_months(baseline_end, -2),
    }
    rows = con.execute(bind(_BOARD_SQL, params)).fetchall()
    board = [
        MeasureRow(
            measure_id=r[0],
            measure_name=r[1],
            framework=r[2],
            priority=r[3],
            kind="count",
            unit=r[4],
            multiplier=1,
            current=Window(r[5], None),
            previous=Window(r[6], None),
            baseline=Window(r[7], None),
            display_order=r[8],
        )
        for r in rows
    ]
    return sorted(board, key=board_order)


def _build_baseline_end(con) -> date | None:
    sql = "select max(baseline_end) from marts.fct_force_measure_windows"
    return con.execute(sql).fetchone()[0]


def _available(con, area: Area, window_months: int) -> str:
    first, last = con.execute(
        bind(
            "select min(period_end), max(period_end) from marts.fct_force_measure_windows "
            "where force_name = $force and window_months = $window_months",
            {"force": area.code, "window_months": window_months},
        )
    ).fetchone()
    if first is None:
        return "the data has no complete window of that length"
    return f"choose a quarter end from {month_text(first)} to {month_text(last)}"


def run_prc_measures(
    period_end: str, window_months: int, area: str, baseline_end: str | None, fmt: str
) -> int:
    end = _quarter_end(parse_month(period_end, "--period-end"), "--period-end")
    if window_months not in WINDOW_CHOICES:
        raise UsageError(f"--window-months must be 12 or 3, got {window_months}")
    wanted_baseline = (
        _quarter_end(parse_month(baseline_end, "--baseline-end"), "--baseline-end")
        if baseline_end
        else None
    )
    with connect_published() as con:
        if not _has_public_marts(con):
            raise UsageError(
                "this warehouse has no public-data marts: run `pcc refresh` with a police "
                "recorded crime open data workbook"
            )
        force = resolve_force(con, area)
        base_end = wanted_baseline or _build_baseline_end(con) or date(2019, 12, 1)
        rows = read_force_board(con, force, window_months, end, base_end)
        if not rows:
            raise UsageError(
                f"no complete {window_months}-month window ends {month_text(end)} for "
                f"{force.name} in the public data: {_available(con, force, window_months)}"
            )
    period = (add_months(end, 1 - window_months), end)
    baseline = (add_months(base_end, 1 - window_months), base_end)
    presented = [present(r) for r in rows]
    if fmt == "table":
        table = render_table(presented, force, window_months, period, baseline)
        print(table + SOURCE_NOTE + "\n", end="")
        return 0
    records = board_records(presented, force, period, baseline)
    print(render_csv(records) if fmt == "csv" else render_json(records), end="")
    return 0
