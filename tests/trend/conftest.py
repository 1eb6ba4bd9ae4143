"""A warehouse of constructed series, with only the trend models built on top of it.

The marts the trend models read (dim_measures, dim_areas, fct_measure_monthly,
fct_measure_windows) are written directly with hand-made rows; `dbt seed` + `dbt run` then build
the trend intermediates and marts over them, so each test can check the SPC rules and the
significance interval against values worked out by hand.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

import duckdb
import pytest

from pcc.build.dbt_runner import run_dbt
from pcc.paths import DataPaths

AREA = "E23000032"
TREND_MODELS = "path:models/intermediate/trend path:models/marts/trend"


def month(i: int) -> date:
    """Month i of the constructed series: 0 = January 2018."""
    return date(2018 + i // 12, i % 12 + 1, 1)


def alternating(i: int, low: float, high: float) -> float:
    return low if i % 2 == 0 else high


def constructed_series() -> dict[str, list[float]]:
    """36 months, January 2018 - December 2020. The baseline (24 months ending December 2019)
    alternates 100, 104 in the XmR series: centre 102, every moving range 4, limits
    102 +/- 2.66 x 4 = 91.36 and 112.64; alternating values never make a run or a trend."""
    base = [alternating(i, 100, 104) for i in range(24)]
    series = {
        # flat: the same alternation all the way: no signal of any kind.
        "flat": base + [alternating(i, 100, 104) for i in range(24, 36)],
        # shift: 2020 alternates 96, 98 - inside the limits but below the centre line 12 times.
        "shift": base + [alternating(i, 96, 98) for i in range(24, 36)],
        # spike: flat, then December 2020 at 130 > 112.64.
        "spike": base + [alternating(i, 100, 104) for i in range(24, 35)] + [130],
        # trend: flat to May 2020 (104), then 98, 99, ..., 104 from June: 7 points, 6 rises;
        # 98-101 below, 102 on the line, 103-104 above, so no run of 8 and nothing outside.
        "trend": base
        + [alternating(i, 100, 104) for i in range(24, 28)]
        + [104, 98, 99, 100, 101, 102, 103, 104],
        # small: c-chart; baseline alternates 2, 6 (centre 4, limits 0 and 4 + 3 x 2 = 10),
        # then December 2020 at 11.
        "small": [alternating(i, 2, 6) for i in range(35)] + [11],
        # rare: baseline mean 0.5 (< 1 a month): not charted, so no signal even at 5.
        "rare": [alternating(i, 0, 1) for i in range(35)] + [5],
    }
    assert all(len(v) == 36 for v in series.values())
    return series


POLARITY = {
    "flat": "lower_is_better",
    "shift": "lower_is_better",
    "spike": "lower_is_better",
    "trend": "higher_is_better",
    "small": "lower_is_better",
    "rare": "lower_is_better",
}

# (numerator a, previous_numerator b, baseline_numerator) of 12-month windows ending Dec 2020.
WINDOWS = {
    "flat": (120, 100, 150),
    "shift": (150, 100, None),
    "spike": (0, 10, None),
    "trend": (0, 3, None),
    "small": (0, 0, None),
    "rare": (7, None, None),
}


def write_inputs(path: Path) -> None:
    con = duckdb.connect(str(path))
    try:
        con.execute("create schema marts")
        con.execute(
            """
            create table marts.dim_measures (
                measure_id varchar, measure_name varchar, kind varchar, polarity varchar,
                unit varchar, window_aggregation varchar, display_order integer
            )
            """
        )
        for order, (measure_id, polarity) in enumerate(POLARITY.items()):
            con.execute(
                "insert into marts.dim_measures values (?, ?, 'count', ?, 'offences', 'sum', ?)",
                [measure_id, f"{measure_id.capitalize()} measure", polarity, order],
            )
        con.execute(
            "create table marts.dim_areas as "
            "select 'E23000032' as area_code, 'Kent' as area_name, 'force' as area_type"
        )
        con.execute(
            """
            create table marts.fct_measure_monthly (
                measure_id varchar, area_code varchar, month_start date, numerator bigint,
                denominator bigint, value double, recorded_crimes bigint, solved_crimes bigint,
                solved_rate double
            )
            """
        )
        rows = [
            (measure_id, AREA, month(i), round(v), None, v, None, None, None)
            for measure_id, values in constructed_series().items()
            for i, v in enumerate(values)
        ]
        con.executemany(
            "insert into marts.fct_measure_monthly values (?, ?, ?, ?, ?, ?, ?, ?, ?)", rows
        )
        con.execute(
            """
            create table marts.fct_measure_windows (
                measure_id varchar, area_code varchar, window_months integer, period_start date,
                period_end date, numerator bigint, previous_numerator bigint,
                baseline_numerator bigint, pct_change double, pct_change_vs_baseline double
            )
            """
        )
        for measure_id, (a, b, base) in WINDOWS.items():
            con.execute(
                "insert into marts.fct_measure_windows values "
                "(?, ?, 12, date '2020-01-01', date '2020-12-01', ?, ?, ?, "
                "case when ? > 0 then (? - ?) * 100.0 / ? end, "
                "case when ? > 0 then (? - ?) * 100.0 / ? end)",
                [measure_id, AREA, a, b, base, b, a, b, b, base, a, base, base],
            )
    finally:
        con.close()


@dataclass(frozen=True)
class Built:
    path: Path

    def query(self, sql: str, params: list | None = None) -> list[tuple]:
        con = duckdb.connect(str(self.path), read_only=True)
        try:
            return con.execute(sql, params or []).fetchall()
        finally:
            con.close()


@pytest.fixture(scope="session")
def constructed(tmp_path_factory) -> Built:
    root = tmp_path_factory.mktemp("trend")
    data = DataPaths(root)
    data.build_dir.mkdir(parents=True, exist_ok=True)
    path = data.build_dir / "constructed.duckdb"
    write_inputs(path)
    quiet = {"echo": lambda line: None}
    run_dbt(["seed", "--select", "targets"], path, data, **quiet)
    run_dbt(["run", "--select", *TREND_MODELS.split()], path, data, **quiet)
    return Built(path)
