"""Measures for every force from the public tables: `pcc measures --source prc`, the comparison
mart's ranking of the territorial forces, and the police.uk marts (one refreshed warehouse)."""

from __future__ import annotations

import csv
import io
import os
import subprocess
import sys
from fractions import Fraction

import duckdb
import pytest

from pcc.paths import PROJECT_ROOT
from tests.public import fixtures as fx

pytestmark = [pytest.mark.heavy, pytest.mark.slow]

CODES = {
    "homicide": {"1/4.1/4.10/4.2"},
    "violence_with_injury": {"5D", "8N", "4.8"},
    "robbery": {"34A", "34B"},
    "robbery_personal": {"34B"},
    "neighbourhood_crime": {"28E", "34B", "39", "45", "48", "126"},
    "drug_offences": {"92A", "92C", "92D", "92E"},
    "victim_based_crime": {c for c, *_ in fx.OFFENCES} - {"92A", "92C", "92D", "92E", "10A", "9A"},
}


def quarters(*fy_quarters: tuple[int, list[int]]) -> set[tuple[str, int]]:
    return {(fx.financial_year(start), q) for start, qs in fy_quarters for q in qs}


YEAR_TO_MARCH_2024 = quarters((2023, [1, 2, 3, 4]))
YEAR_TO_MARCH_2023 = quarters((2022, [1, 2, 3, 4]))
YEAR_TO_DECEMBER_2019 = quarters((2018, [4]), (2019, [1, 2, 3]))


def pcc_measures(data_dir, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "pcc", "measures", *args],
        env={**os.environ, "PCC_DATA_DIR": str(data_dir)},
        capture_output=True,
        text=True,
        cwd=PROJECT_ROOT,
    )


def board(public_warehouse, *args: str) -> dict[str, dict]:
    result = pcc_measures(public_warehouse["data_dir"], "--source", "prc", "-f", "csv", *args)
    assert result.returncode == 0, result.stderr
    return {r["measure_id"]: r for r in csv.DictReader(io.StringIO(result.stdout))}


def test_kent_measures_from_the_tables_for_the_year_to_march_2024(public_warehouse):
    rows = public_warehouse["rows"]
    shown = board(public_warehouse, "--area", "Kent", "--period-end", "2024-03")
    assert set(CODES) <= set(shown)
    for measure_id, codes in CODES.items():
        now = fx.total(rows, "Kent", codes, YEAR_TO_MARCH_2024)
        then = fx.total(rows, "Kent", codes, YEAR_TO_MARCH_2023)
        base = fx.total(rows, "Kent", codes, YEAR_TO_DECEMBER_2019)
        record = shown[measure_id]
        assert int(record["value"]) == now, measure_id
        assert int(record["previous_value"]) == then, measure_id
        assert int(record["baseline_value"]) == base, measure_id
        assert record["period_start"] == "2023-04" and record["baseline_end"] == "2019-12"
        if then:
            pct = Fraction((now - then) * 100, then)
            assert abs(Fraction(record["pct_change"]) - pct) <= Fraction(1, 20), measure_id


def test_measures_the_tables_cannot_support_are_omitted_not_zero(public_warehouse):
    shown = board(public_warehouse, "--area", "Kent", "--period-end", "2024-03")
    # Flags, victim types and outcomes are not in the open data tables.
    for measure_id in ("firearms_offences", "knife_offences", "domestic_abuse_offences"):
        assert measure_id not in shown
    assert "calls_999_within_10s_pct" not in shown


def test_a_force_published_under_two_names_is_one_force(public_warehouse):
    rows = public_warehouse["rows"]
    shown = board(public_warehouse, "--area", "London, City of", "--period-end", "2023-03")
    # 2022/23 comes from the newer file ("City of London"), 2021/22 from the older one.
    codes = CODES["robbery"]
    assert int(shown["robbery"]["value"]) == fx.total(
        rows, "City of London", codes, YEAR_TO_MARCH_2023
    )
    assert int(shown["robbery"]["previous_value"]) == fx.total(
        rows, "London, City of", codes, quarters((2021, [1, 2, 3, 4]))
    )
    assert shown["robbery"]["area"] == "City of London"


def test_period_end_must_be_a_quarter_end(public_warehouse):
    result = pcc_measures(
        public_warehouse["data_dir"], "--source", "prc", "--area", "Kent", "--period-end", "2024-02"
    )
    assert result.returncode == 2
    assert "must be a quarter end" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_window_outside_the_data_is_refused_not_zero(public_warehouse):
    result = pcc_measures(
        public_warehouse["data_dir"], "--source", "prc", "--area", "Kent", "--period-end", "2018-12"
    )
    assert result.returncode == 2
    assert "no complete 12-month window ends 2018-12" in result.stderr


def test_comparison_ranks_every_territorial_force_and_no_other(public_warehouse):
    rows = public_warehouse["rows"]
    with duckdb.connect(
        str(public_warehouse["data_dir"] / "warehouse.duckdb"), read_only=True
    ) as con:
        ranked = con.execute(
            """
            select force_name, rank_vs_previous_year, forces_ranked_vs_previous_year, is_kent
            from marts.fct_force_comparison
            where measure_id = 'victim_based_crime' and window_months = 12
                and period_end = date '2024-03-01'
            """
        ).fetchall()
    names = {"London, City of": "City of London"}
    territorial = {names.get(f, f) for f in fx.FORCES}
    assert {r[0] for r in ranked} == territorial  # no Action Fraud, no BTP
    codes = CODES["victim_based_crime"]

    def pct(force: str) -> Fraction:
        now = fx.total(rows, force, codes, YEAR_TO_MARCH_2024)
        then = sum(
            fx.total(rows, published, codes, YEAR_TO_MARCH_2023)
            for published in {force, *(k for k, v in names.items() if v == force)}
        )
        return Fraction(now - then, then)

    expected_order = sorted(territorial, key=pct)
    assert [r[0] for r in sorted(ranked, key=lambda r: r[1])] == expected_order
    assert {r[2] for r in ranked} == {len(territorial)}
    assert [r[0] for r in ranked if r[3]] == ["Kent"]


def test_force_ranking_ranks_crime_per_1000_residents_with_the_nation_pooled_by_population(
    public_warehouse,
):
    """Hand-worked from the test tables and the 2011 Census seed: each force's offences x 1,000
    / residents, lowest first; the nation is all offences over all residents."""
    with open(PROJECT_ROOT / "dbt_project/seeds/public/force_population.csv", newline="") as f:
        residents = {r["force_name"]: int(r["population"]) for r in csv.DictReader(f)}
    names = {"London, City of": "City of London"}
    codes = CODES["victim_based_crime"]
    offences = {
        force: sum(
            fx.total(public_warehouse["rows"], published, codes, YEAR_TO_MARCH_2024)
            for published in {force, *(k for k, v in names.items() if v == force)}
        )
        for force in {names.get(f, f) for f in fx.FORCES}
    }
    rate = {force: Fraction(n * 1000, residents[force]) for force, n in offences.items()}
    with duckdb.connect(
        str(public_warehouse["data_dir"] / "warehouse.duckdb"), read_only=True
    ) as con:
        ranked = con.execute(
            """
            select force_name, force_rank, numerator, denominator, national_numerator,
                national_denominator, value_unit
            from marts.fct_force_ranking
            where measure_id = 'victim_based_crime' and window_months = 12
                and period_end = date '2024-03-01'
            order by force_rank, force_name
            """
        ).fetchall()
    assert {r[6] for r in ranked} == {"rate_per_1000"}
    assert {r[0]: Fraction(r[2], r[3]) for r in ranked} == rate
    ranks = {r[0]: r[1] for r in ranked}
    assert all(ranks[f] == 1 + sum(1 for v in rate.values() if v < rate[f]) for f in rate)
    pooled = Fraction(ranked[0][4], ranked[0][5])
    assert pooled == Fraction(sum(offences.values()) * 1000, sum(residents[f] for f in offences))


def test_street_crime_mart_counts_every_row_including_anti_social_behaviour(public_warehouse):
    written = public_warehouse["police_uk"]
    street = []
    for name, text in written.items():
        if name.endswith("-street.csv"):
            street += list(csv.reader(io.StringIO(text)))[1:]
    with duckdb.connect(
        str(public_warehouse["data_dir"] / "warehouse.duckdb"), read_only=True
    ) as con:
        total, asb = con.execute(
            """
            select sum(crimes), sum(crimes) filter (where crime_type = 'Anti-social behaviour')
            from marts.fct_street_crime_monthly
            """
        ).fetchone()
        districts = {
            r[0]
            for r in con.execute(
                "select distinct district_name from marts.fct_street_crime_monthly"
            ).fetchall()
        }
    assert total == len(street)
    assert asb == sum(r[9] == "Anti-social behaviour" for r in street)
    assert {"Ashford", "Folkestone and Hythe", "Basildon"} <= districts


def test_prc_measures_do_not_import_pandas_polars_or_dbt(public_warehouse):
    code = (
        "import sys, json\n"
        "from pcc.commands.prc_measures import run_prc_measures\n"
        "run_prc_measures('2024-03', 12, 'Kent', None, 'json')\n"
        "heavy = sorted({m.split('.')[0] for m in sys.modules} & "
        "{'dbt', 'great_expectations', 'streamlit', 'pandas', 'polars', 'altair'})\n"
        "print('HEAVY=' + json.dumps(heavy), file=sys.stderr)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "PCC_DATA_DIR": str(public_warehouse["data_dir"])},
        cwd=PROJECT_ROOT,
    )
    assert result.returncode == 0, result.stderr
    assert "HEAVY=[]" in result.stderr
    assert '"measure_id": "homicide"' in result.stdout
