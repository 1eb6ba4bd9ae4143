"""Data access for the explorer: every query the pages run, and nothing else.

Each call opens a short-lived read-only connection (pcc.read.warehouse.connect_published) and closes
it, so `pcc refresh` can swap a new warehouse in with os.replace at any time. Results are cached
with st.cache_data keyed on the warehouse file's modification time (passed in as `stamp`), so a
new publish shows up on the next rerun without restarting the server; every cache is bounded
(max_entries). User choices reach SQL only as `?` parameters.

Queries are thin SELECTs of display rows: the board (marts.fct_measure_board) through
pcc.read.board, monthly chart values from marts.fct_measure_monthly_board, the force comparison
from marts.fct_force_comparison_board. Every figure is computed and rounded in dbt.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import UTC, date

import pandas as pd
import streamlit as st

from pcc.paths import DataPaths
from pcc.read import board as board_reader
from pcc.read import ranking as ranking_reader
from pcc.read.board import BoardRow
from pcc.read.warehouse import connect_published

NATIONAL = "National Crime and Policing Measures"  # the framework of the national measures
FLAGS = {
    "Domestic abuse": "is_domestic_abuse",
    "Violence against women and girls": "is_vawg",
    "Knife or sharp instrument": "is_knife_or_sharp_instrument",
    "Hate crime": "is_hate",
    "Online": "is_online",
    "Firearm": "is_firearm",
}
OFFENCE_LEVELS = {
    "Offence group": "offence_group",
    "Offence subgroup": "offence_subgroup",
    "Offence code": "offence_code",
}
CACHE_ENTRIES = 64  # per cached function: a few warehouses x the choices users make
DQ_RUNS = "dq_validation_runs"
DQ_RESULTS = "dq_validation_results"


def warehouse_stamp() -> int | None:
    """Modification time of the published file (ns), or None when nothing is published."""
    try:
        return os.stat(DataPaths.from_env().warehouse).st_mtime_ns
    except FileNotFoundError:
        return None


_DATE_COLUMNS = (
    "month_start",
    "period_start",
    "period_end",
    "first_month",
    "last_month",
    "latest_month",
)


def _frame(sql: str, params: list | None = None) -> pd.DataFrame:
    with connect_published() as con:
        frame = con.execute(sql, params or []).df()
    # DuckDB hands DATEs to pandas as datetime64; pages compare months with datetime.date.
    for column in _DATE_COLUMNS:
        if column in frame.columns:
            frame[column] = frame[column].dt.date
    return frame


def _rows(sql: str, params: list | None = None) -> list[tuple]:
    with connect_published() as con:
        return con.execute(sql, params or []).fetchall()


# --- warehouse facts --------------------------------------------------------------------------


@dataclass(frozen=True)
class RefreshInfo:
    refreshed_at: object
    data_as_at: date | None
    synthetic: bool


@st.cache_data(show_spinner=False, max_entries=CACHE_ENTRIES)
def refresh_info(stamp: int) -> RefreshInfo:
    with connect_published() as con:
        row = con.execute("select refreshed_at, data_as_at from meta.refresh_info").fetchone()
        # The sample's LSOA codes come from a range ONS has never issued (E019xxxxx, see
        # data/raw/README.md): a real extract cannot contain them, so they mark synthetic data.
        synthetic = con.execute(
            "select exists (select 1 from landing.crime_records where lsoa_code like ?)",
            ["E019%"],
        ).fetchone()[0]
    refreshed = row[0].astimezone(UTC) if row[0] is not None else None
    return RefreshInfo(refreshed, row[1], bool(synthetic))


@st.cache_data(show_spinner=False, max_entries=CACHE_ENTRIES)
def areas(stamp: int) -> pd.DataFrame:
    return _frame(
        """
        select area_code, area_name, area_type, population_2011_census as population, sort_order
        from marts.dim_areas
        order by sort_order
        """
    )


@st.cache_data(show_spinner=False, max_entries=CACHE_ENTRIES)
def measure_dim(stamp: int) -> pd.DataFrame:
    return _frame(
        """
        select
            measure_id, measure_name, framework, priority, source, source_name, kind, definition,
            polarity, unit, display_order, is_headline, has_district_breakdown, is_about_people,
            plain_definition
        from marts.dim_measures
        order by display_order
        """
    )


@st.cache_data(show_spinner=False, max_entries=CACHE_ENTRIES)
def force_code(stamp: int) -> str:
    """ONS code of the force area (dim_areas), the default area of every page."""
    return _rows("select area_code from marts.dim_areas where area_type = ?", ["force"])[0][0]


@st.cache_data(show_spinner=False, max_entries=CACHE_ENTRIES)
def period_ends(
    stamp: int, window_months: int, area_code: str, measure_id: str | None = None
) -> list[date]:
    """Month-ends with a complete window for the area (of measure_id, if given) on the board,
    newest first."""
    with connect_published() as con:
        return board_reader.period_ends(con, area_code, window_months, measure_id=measure_id)


# --- the board (same rows as `pcc measures`) ---------------------------------------------------


@st.cache_data(show_spinner=False, max_entries=CACHE_ENTRIES)
def board(stamp: int, area_code: str, window_months: int, period_end: date) -> list[BoardRow]:
    """The board for one area and window at the build's baseline: `pcc measures`, row by row."""
    with connect_published() as con:
        return board_reader.read_board(con, area_code, window_months, period_end)


@st.cache_data(show_spinner=False, max_entries=CACHE_ENTRIES)
def board_row(
    stamp: int, measure_id: str, area_code: str, window_months: int, period_end: date
) -> BoardRow | None:
    """One measure's board row, or None when the board has no such window."""
    found = [
        r for r in board(stamp, area_code, window_months, period_end) if r.measure_id == measure_id
    ]
    return found[0] if found else None


@st.cache_data(show_spinner=False, max_entries=CACHE_ENTRIES)
def board_series(
    stamp: int, area_code: str, window_months: int, measure_ids: tuple[str, ...]
) -> pd.DataFrame:
    """The board's rounded value of the measures at every period end (for trend charts), with
    its disclosure flag, at the build's baseline."""
    return _frame(
        f"""
        select measure_id, period_end, value_rounded, value_suppressed
        from {board_reader.BOARD}
        where area_code = ? and window_months = ? and is_default_baseline
            and measure_id in (select unnest(?::varchar[]))
        order by measure_id, period_end
        """,
        [area_code, window_months, list(measure_ids)],
    )


@st.cache_data(show_spinner=False, max_entries=CACHE_ENTRIES)
def monthly_board(stamp: int, area_code: str, measure_ids: tuple[str, ...]) -> pd.DataFrame:
    """Monthly values of the measures as charts show them: rounded, with disclosure flags and,
    for a measure with a standard, the standard and whether each month met it."""
    return _frame(
        """
        select measure_id, month_start, value_rounded, value_suppressed, standard, meets_standard
        from marts.fct_measure_monthly_board
        where area_code = ? and measure_id in (select unnest(?::varchar[]))
        order by measure_id, month_start
        """,
        [area_code, list(measure_ids)],
    )


def _withheld_join(table: str, month: str) -> str:
    """The join that brings a month's disclosure flag (marts.fct_measure_monthly_board's
    value_suppressed, as `shown`) to rows of `table` keyed by measure, area and `month`."""
    return f"""
        left join marts.fct_measure_monthly_board as shown
            on
                {table}.measure_id = shown.measure_id and {table}.area_code = shown.area_code
                and {table}.{month} = shown.month_start
    """


@st.cache_data(show_spinner=False, max_entries=CACHE_ENTRIES)
def measure_monthly(stamp: int, measure_id: str, area_code: str) -> pd.DataFrame:
    """A measure's monthly values, and whether disclosure control withholds each month."""
    return _frame(
        f"""
        select
            monthly.month_start, monthly.numerator, monthly.denominator, monthly.value,
            coalesce(shown.value_suppressed, false) as value_suppressed
        from marts.fct_measure_monthly as monthly
        {_withheld_join("monthly", "month_start")}
        where monthly.measure_id = ? and monthly.area_code = ?
        order by monthly.month_start
        """,
        [measure_id, area_code],
    )


# --- crime ------------------------------------------------------------------------------------


@st.cache_data(show_spinner=False, max_entries=CACHE_ENTRIES)
def offence_choices(stamp: int, level: str) -> dict[str, str]:
    """The offences of a level that have crimes, each with its label: an offence code with
    its Home Office description beside it (reference.offence_codes), a group by its name."""
    column = OFFENCE_LEVELS[level]  # a key of a fixed dict, never user text
    label = "codes.offence_description" if column == "offence_code" else "null"
    rows = _rows(
        f"""
        select distinct crimes.{column}, {label}
        from marts.fct_crime_monthly as crimes
        left join reference.offence_codes as codes
            on crimes.offence_code = codes.offence_code
        where crimes.{column} is not null
        order by 1
        """
    )
    return {value: f"{value} {name}" if name else value for value, name in rows}


def _crime_filter(
    level: str, offences: tuple[str, ...], flag: str | None, districts: tuple[str, ...]
) -> tuple[str, list]:
    clauses, params = ["true"], []
    if offences:
        clauses.append(f"{OFFENCE_LEVELS[level]} in (select unnest(?::varchar[]))")
        params.append(list(offences))
    if flag:
        clauses.append(FLAGS[flag])
    if districts:
        clauses.append("district_code in (select unnest(?::varchar[]))")
        params.append(list(districts))
    return " and ".join(clauses), params


# Free selections cannot be held in a mart, so their sums are taken here and rounded by the
# warehouse's own macro (marts.round_half_up, created by dbt from macros/round_half_up.sql).


@st.cache_data(show_spinner=False, max_entries=CACHE_ENTRIES)
def crime_monthly(
    stamp: int, level: str, offences: tuple[str, ...], flag: str | None, districts: tuple[str, ...]
) -> pd.DataFrame:
    """Monthly crimes and solved crimes for the selection, every month of the data, with the
    12 months ending each month (null until 12 months exist) and their solved rate (%)."""
    where, params = _crime_filter(level, offences, flag, districts)
    return _frame(
        f"""
        with months as (
            select distinct month_start from marts.fct_crime_monthly
        ),
        picked as (
            select month_start, sum(crimes) as crimes, sum(solved_crimes) as solved_crimes
            from marts.fct_crime_monthly
            where {where}
            group by month_start
        ),
        series as (
            select
                months.month_start,
                coalesce(picked.crimes, 0)::bigint as crimes,
                coalesce(picked.solved_crimes, 0)::bigint as solved_crimes
            from months
            left join picked on months.month_start = picked.month_start
        ),
        rolling as (
            select
                *,
                count(*) over year as months_in_year,
                sum(crimes) over year as year_crimes,
                sum(solved_crimes) over year as year_solved
            from series
            window year as (order by month_start rows between 11 preceding and current row)
        )
        select
            month_start,
            crimes,
            solved_crimes,
            case when months_in_year = 12 then year_crimes end::bigint as rolling_12_months,
            case when months_in_year = 12 then year_solved end::bigint
                as rolling_12_months_solved,
            case when months_in_year = 12
                then marts.round_half_up(year_solved * 100, year_crimes, 1) end::decimal(38, 1)
                as rolling_solved_rate_pct
        from rolling
        order by month_start
        """,
        params,
    )


@st.cache_data(show_spinner=False, max_entries=CACHE_ENTRIES)
def crime_window(
    stamp: int,
    level: str,
    offences: tuple[str, ...],
    flag: str | None,
    districts: tuple[str, ...],
    window: tuple[date, date],
    previous: tuple[date, date],
) -> tuple:
    """(crimes, solved crimes, solved rate %, crimes a year earlier) of the selection over a
    window; the year-earlier count is None unless the data holds all of its months."""
    where, params = _crime_filter(level, offences, flag, districts)
    return _rows(
        f"""
        with picked as (
            select month_start, crimes, solved_crimes from marts.fct_crime_monthly
            where {where}
        ),
        now as (
            select coalesce(sum(crimes), 0)::bigint as crimes,
                coalesce(sum(solved_crimes), 0)::bigint as solved
            from picked where month_start between ? and ?
        ),
        before as (
            select coalesce(sum(crimes), 0)::bigint as crimes from picked
            where month_start between ? and ?
        ),
        covered as (
            select count(distinct month_start) = datediff('month', ?::date, ?::date) + 1 as whole
            from marts.fct_crime_monthly where month_start between ? and ?
        )
        select
            now.crimes,
            now.solved,
            marts.round_half_up(now.solved * 100, now.crimes, 1)::decimal(38, 1),
            case when covered.whole then before.crimes end
        from now, before, covered
        """,
        [*params, *window, *previous, *previous, *previous],
    )[0]


@st.cache_data(show_spinner=False, max_entries=CACHE_ENTRIES)
def crime_by_district(
    stamp: int,
    level: str,
    offences: tuple[str, ...],
    flag: str | None,
    first_month: date,
    last_month: date,
) -> pd.DataFrame:
    """Crimes per district over a window, with every district present (0 if none)."""
    where, params = _crime_filter(level, offences, flag, ())
    return _frame(
        f"""
        with picked as (
            select district_code, sum(crimes) as crimes, sum(solved_crimes) as solved_crimes
            from marts.fct_crime_monthly
            where {where} and month_start between ? and ?
            group by district_code
        )
        select
            areas.area_code as district_code,
            areas.area_name as district,
            areas.population_2011_census as population,
            coalesce(picked.crimes, 0)::bigint as crimes,
            coalesce(picked.solved_crimes, 0)::bigint as solved_crimes,
            marts.round_half_up(coalesce(picked.crimes, 0) * 1000, areas.population_2011_census, 1)
                ::decimal(38, 1) as per_1000_residents,
            marts.round_half_up(picked.solved_crimes * 100, picked.crimes, 1)::decimal(38, 1)
                as solved_rate_pct
        from marts.dim_areas as areas
        left join picked on areas.area_code = picked.district_code
        where areas.area_type = 'district'
        order by areas.sort_order
        """,
        [*params, first_month, last_month],
    )


# --- s.136 and victims breakdowns (publishable: withheld cells flagged in dbt) --------------


@st.cache_data(show_spinner=False, max_entries=CACHE_ENTRIES)
def s136_breakdowns(
    stamp: int, area_code: str, window_months: int, period_end: date
) -> pd.DataFrame:
    """Every s.136 breakdown of the area's window as published (marts.fct_s136_breakdowns)."""
    return _frame(
        """
        select
            dimension, dimension_label, category, category_label, category_order, detentions,
            share_rounded, detentions_suppressed
        from marts.fct_s136_breakdowns
        where area_code = ? and window_months = ? and period_end = ?
        order by dimension, category_order, category
        """,
        [area_code, window_months, period_end],
    )


@st.cache_data(show_spinner=False, max_entries=CACHE_ENTRIES)
def victim_breakdowns(stamp: int, window_months: int, period_end: date) -> pd.DataFrame:
    """Referrals, contacts and support by service and by crime category as published
    (marts.fct_victim_service_breakdowns: exact counts and the cells disclosure withholds)."""
    return _frame(
        """
        select
            breakdown, category, referrals_received, referrals_received_suppressed, contacted,
            contacted_suppressed, supported, supported_suppressed
        from marts.fct_victim_service_breakdowns
        where window_months = ? and period_end = ?
        order by breakdown, referrals_received desc, category
        """,
        [window_months, period_end],
    )


# --- data quality and definitions --------------------------------------------------------------


@st.cache_data(show_spinner=False, max_entries=CACHE_ENTRIES)
def load_manifest(stamp: int) -> pd.DataFrame:
    return _frame(
        """
        select
            load_id, file_name, source, rows, first_month, last_month, loaded_at, action
        from landing.load_manifest
        order by load_id
        """
    )


@st.cache_data(show_spinner=False, max_entries=CACHE_ENTRIES)
def source_freshness(stamp: int) -> pd.DataFrame:
    """Files, months and freshness per source. The freshness (months since the latest month,
    months overdue, status) is the one the refresh's freshness check judged
    (marts.dq_source_freshness, written with the check's results); NULL before a check ran."""
    present = _rows(
        "select count(*) from information_schema.tables "
        "where table_schema = 'marts' and table_name = 'dq_source_freshness'"
    )[0][0]
    freshness = (
        "marts.dq_source_freshness"
        if present
        else "(select null::varchar as source, null::integer as expected_lag_months, "
        "null::integer as months_since, null::integer as months_overdue, "
        "null::varchar as status, null::boolean as is_overdue, null::timestamp as checked_at "
        "where false)"
    )
    return _frame(
        f"""
        select manifest.source, min(manifest.first_month) as first_month,
            max(manifest.last_month) as latest_month, count(*) as files,
            any_value(fresh.expected_lag_months) as expected_lag_months,
            any_value(fresh.months_since) as months_since,
            any_value(fresh.months_overdue) as months_overdue,
            any_value(fresh.status) as status,
            any_value(fresh.is_overdue) as is_overdue,
            any_value(fresh.checked_at) as checked_at
        from landing.load_manifest as manifest
        left join {freshness} as fresh on manifest.source = fresh.source
        group by manifest.source
        order by manifest.source
        """
    )


@st.cache_data(show_spinner=False, max_entries=CACHE_ENTRIES)
def refresh_steps(stamp: int) -> str | None:
    return _rows("select steps_json from meta.refresh_info")[0][0]


@st.cache_data(show_spinner=False, max_entries=CACHE_ENTRIES)
def dq_tables_present(stamp: int) -> bool:
    found = _rows(
        """
        select count(*) from information_schema.tables
        where table_schema = 'marts' and table_name in (?, ?)
        """,
        [DQ_RUNS, DQ_RESULTS],
    )[0][0]
    return found == 2


@st.cache_data(show_spinner=False, max_entries=CACHE_ENTRIES)
def dq_results(stamp: int) -> pd.DataFrame:
    """Every quality-check result behind the published data: the extract suites of each file
    it comes from (run at ingest) and this build's mart suites (run at refresh)."""
    return _frame(
        f"""
        select
            stage, rule, suite, target, expectation, column_name, severity, success,
            observed_value, details, run_at
        from marts.{DQ_RESULTS}
        order by success, severity, stage desc, suite, target, expectation
        """
    )


@st.cache_data(show_spinner=False, max_entries=CACHE_ENTRIES)
def reconciliation(stamp: int) -> pd.DataFrame:
    return _frame(
        """
        select
            figure_id, measure_id, statistic, period, comparison_period, unit, reconcile,
            published_value, published_decimals, computed_value, difference, status,
            explanation, published_in
        from marts.fct_reconciliation
        order by figure_id
        """
    )


@st.cache_data(show_spinner=False, max_entries=CACHE_ENTRIES)
def offence_codes(stamp: int, search: str) -> pd.DataFrame:
    pattern = f"%{search.strip()}%"
    return _frame(
        """
        select offence_code, offence_description, offence_group, offence_subgroup, open_data_code
        from reference.offence_codes
        where ? = '%%'
            or offence_code ilike ? or offence_description ilike ?
            or offence_group ilike ? or offence_subgroup ilike ?
        order by offence_group, offence_subgroup, offence_code
        """,
        [pattern, pattern, pattern, pattern, pattern],
    )


# --- force comparison (public police recorded crime data) --------------------------------------


@st.cache_data(show_spinner=False, max_entries=CACHE_ENTRIES)
def comparison_choices(stamp: int) -> pd.DataFrame:
    """Measures, window lengths and quarter ends with a force ranking; empty with no public data."""
    present = _rows(
        """
        select count(*) from information_schema.tables
        where table_schema = 'marts' and table_name = 'fct_force_comparison'
        """
    )[0][0]
    if not present:
        return pd.DataFrame(
            columns=["measure_id", "measure_name", "display_order", "window_months", "period_end"]
        )
    return _frame(
        """
        select distinct
            comparison.measure_id, measures.measure_name, measures.display_order,
            comparison.window_months, comparison.period_end
        from marts.fct_force_comparison as comparison
        inner join marts.dim_measures as measures on comparison.measure_id = measures.measure_id
        order by measures.display_order, comparison.window_months desc, comparison.period_end desc
        """
    )


@st.cache_data(show_spinner=False, max_entries=CACHE_ENTRIES)
def ranking_choices(stamp: int) -> list[tuple]:
    """(measure_id, measure_name, window_months, period_end) of marts.fct_force_ranking."""
    with connect_published() as con:
        return ranking_reader.ranking_choices(con)


@st.cache_data(show_spinner=False, max_entries=CACHE_ENTRIES)
def force_ranking(
    stamp: int, measure_id: str, window_months: int, period_end: date
) -> tuple[list[ranking_reader.RankingRow], str | None]:
    """Every territorial force ranked on one measure and window (as `pcc compare`), and the
    source of Kent's most similar group (None while none is loaded)."""
    with connect_published() as con:
        rows = ranking_reader.read_ranking(con, measure_id, window_months, period_end)
        return rows, ranking_reader.msg_source(con)


@st.cache_data(show_spinner=False, max_entries=CACHE_ENTRIES)
def force_comparison(
    stamp: int, measure_id: str, window_months: int, period_end: date
) -> pd.DataFrame:
    """Every territorial force for one measure and window, with counts, changes and ranks."""
    return _frame(
        """
        select
            force_name, is_kent, is_peer, offences, previous_offences, baseline_offences,
            pct_change_rounded, pct_change_vs_baseline_rounded, rank_vs_previous_year,
            forces_ranked_vs_previous_year, rank_vs_baseline, forces_ranked_vs_baseline,
            peer_rank_vs_previous_year, peer_rank_vs_baseline, population, rate_per_1000_rounded,
            period_start, period_end
        from marts.fct_force_comparison_board
        where measure_id = ? and window_months = ? and period_end = ?
        order by force_name
        """,
        [measure_id, window_months, period_end],
    )


# --- trend and trajectory (marts/trend) --------------------------------------------------------

TREND_TABLES = (
    "fct_spc_monthly",
    "fct_spc_signals",
    "fct_measure_change_significance",
    "fct_target_trajectory",
    "fct_measure_projection",
)


@st.cache_data(show_spinner=False, max_entries=CACHE_ENTRIES)
def trend_tables_present(stamp: int) -> bool:
    """A warehouse published before the trend marts existed has none of them."""
    found = _rows(
        f"""
        select count(*) from information_schema.tables
        where table_schema = 'marts' and table_name in ({", ".join("?" for _ in TREND_TABLES)})
        """,
        list(TREND_TABLES),
    )[0][0]
    return found == len(TREND_TABLES)


@st.cache_data(show_spinner=False, max_entries=CACHE_ENTRIES)
def spc_series(stamp: int, measure_id: str, area_code: str) -> pd.DataFrame:
    """The SPC chart of one measure and area: values, centre line, limits and signal flags,
    and whether disclosure control withholds the month (marts.fct_measure_monthly_board)."""
    return _frame(
        f"""
        select
            spc.month_start, spc.value, spc.chart_type, spc.baseline_start, spc.baseline_end,
            spc.centre, spc.lower_limit, spc.upper_limit, spc.is_outside_limits,
            spc.is_run_signal, spc.is_trend_signal, spc.is_signal,
            coalesce(shown.value_suppressed, false) as value_suppressed
        from marts.fct_spc_monthly as spc
        {_withheld_join("spc", "month_start")}
        where spc.measure_id = ? and spc.area_code = ?
        order by spc.month_start
        """,
        [measure_id, area_code],
    )


@st.cache_data(show_spinner=False, max_entries=CACHE_ENTRIES)
def spc_readings(stamp: int, area_code: str) -> pd.DataFrame:
    """One Making Data Count reading (variation and assurance icons) per charted measure of an
    area, at the series' latest month (marts.fct_spc_summary); empty before that mart existed."""
    present = _rows(
        "select count(*) from information_schema.tables "
        "where table_schema = 'marts' and table_name = 'fct_spc_summary'"
    )[0][0]
    if not present:
        return pd.DataFrame(
            columns=["measure_id", "measure_name", "reading_month", "has_provisional_months"]
            + ["variation", "direction", "assurance", "target_value", "phase_start"]
            + ["months_outside_limits", "months_run_signal", "months_trend_signal"]
        )
    return _frame(
        """
        select
            summary.measure_id, summary.measure_name, summary.reading_month,
            summary.has_provisional_months, summary.variation, summary.direction,
            summary.assurance, summary.target_value, summary.phase_start,
            summary.months_outside_limits, summary.months_run_signal, summary.months_trend_signal
        from marts.fct_spc_summary as summary
        inner join marts.dim_measures as measures on summary.measure_id = measures.measure_id
        where summary.area_code = ?
        order by measures.display_order
        """,
        [area_code],
    )


@st.cache_data(show_spinner=False, max_entries=CACHE_ENTRIES)
def spc_signals(stamp: int, area_code: str | None = None) -> pd.DataFrame:
    """Signals live at the latest month, for one area or (area_code None) every area."""
    return _frame(
        """
        select
            signals.measure_id, signals.area_code, signals.signal_type, signals.measure_name,
            signals.area_name, signals.latest_month, signals.since_month, signals.points,
            signals.direction, signals.assessment, signals.reading, areas.sort_order,
            measures.display_order
        from marts.fct_spc_signals as signals
        inner join marts.dim_areas as areas on signals.area_code = areas.area_code
        inner join marts.dim_measures as measures on signals.measure_id = measures.measure_id
        where ? is null or signals.area_code = ?
        order by areas.sort_order, measures.display_order, signals.signal_type
        """,
        [area_code, area_code],
    )


@st.cache_data(show_spinner=False, max_entries=CACHE_ENTRIES)
def target_trajectories(stamp: int) -> pd.DataFrame:
    """Every target's glide path and actual values, with the seed's source and notes."""
    return _frame(
        """
        select
            trajectory.target_id, trajectory.measure_id, trajectory.measure_name,
            trajectory.area_code, trajectory.period_end, trajectory.months_elapsed,
            trajectory.glide_path, trajectory.start_value, trajectory.target_value,
            trajectory.path_value, trajectory.actual_value, trajectory.gap, trajectory.gap_pct,
            trajectory.status, trajectory.is_latest_actual, targets.target_kind,
            targets.target_amount, targets.start_period_end, targets.target_period_end,
            targets.source, targets.notes
        from marts.fct_target_trajectory as trajectory
        inner join reference.targets as targets on trajectory.target_id = targets.target_id
        order by trajectory.target_id, trajectory.period_end
        """
    )


@st.cache_data(show_spinner=False, max_entries=CACHE_ENTRIES)
def projection(stamp: int, measure_id: str, area_code: str) -> pd.DataFrame:
    """The 12-month seasonal naive projection of one measure and area, with its intervals; a
    projection repeats its basis month, so it is withheld where that month is (disclosure)."""
    return _frame(
        f"""
        select
            projection.month_start, projection.horizon, projection.basis_month,
            projection.projected_value, projection.lower_80, projection.upper_80,
            projection.lower_95, projection.upper_95, projection.error_sd, projection.error_months,
            coalesce(shown.value_suppressed, false) as projected_suppressed
        from marts.fct_measure_projection as projection
        {_withheld_join("projection", "basis_month")}
        where projection.measure_id = ? and projection.area_code = ?
        order by projection.month_start
        """,
        [measure_id, area_code],
    )
