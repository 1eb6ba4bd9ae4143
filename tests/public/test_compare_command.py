"""`pcc compare` on the shipped sample: Kent's rank among the forces in the loaded 999 data and
stop and search files, checked against the rank worked out here from the sample's
published-format files."""

from __future__ import annotations

import csv
import functools
import os
import subprocess
import sys
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

import duckdb
import pytest

from pcc.paths import PROJECT_ROOT

PUBLIC = PROJECT_ROOT / "data" / "raw" / "public"


def _pcc(data_dir, *args):
    return subprocess.run(
        [sys.executable, "-m", "pcc", *args],
        env={**os.environ, "PCC_DATA_DIR": str(data_dir)},
        capture_output=True,
        text=True,
        cwd=PROJECT_ROOT,
    )


def _published(month: str, *columns: str) -> dict[str, tuple[str, ...]]:
    """The given columns of each force's row for month in the newer-vintage sample file."""
    (path,) = PUBLIC.glob("calls_999_synthetic_2023-04_*.csv")
    with open(path, newline="") as f:
        return {
            r["Force"]: tuple(r[c] for c in columns)
            for r in csv.DictReader(f)
            if r["Month"] == month
        }


def _compare(data_dir, measure: str, period_end: str, *options: str) -> subprocess.CompletedProcess:
    result = _pcc(data_dir, "compare", "--measure", measure, "--period-end", period_end, *options)
    assert result.returncode == 0, result.stderr
    return result


def _counts(month: str) -> dict[str, tuple[int, int]]:
    """(answered in under 10 s, calls) per force in the newer-vintage sample file, for month."""
    published = _published(month, "Calls answered in under 10 seconds", "Total calls")
    return {force: (int(fast), int(calls)) for force, (fast, calls) in published.items()}


def _kent_ranked_and_board(
    warehouse, measure_id: str, ranked: str, board: str | None = None
) -> list[tuple]:
    """(ranking.ranked, board.board) for every window Kent's ranking and board share."""
    with duckdb.connect(str(warehouse / "warehouse.duckdb"), read_only=True) as con:
        return con.execute(
            f"""
            select ranking.{ranked}, board.{board or ranked}
            from marts.fct_force_ranking as ranking
            inner join (
                select distinct window_months, period_end, {board or ranked}
                from marts.fct_measure_board
                where measure_id = '{measure_id}' and source = 'extract' and area_name = 'Kent'
            ) as board using (window_months, period_end)
            where ranking.measure_id = '{measure_id}' and ranking.is_kent
            """
        ).fetchall()


def _pct(fraction: Fraction) -> Decimal:
    exact = Decimal(fraction.numerator * 100) / Decimal(fraction.denominator)
    return exact.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def test_compare_prints_kents_rank_among_the_forces_in_the_999_data(sample_warehouse):
    result = _compare(sample_warehouse, "calls_999_within_10s_pct", "2024-03")
    counts = _counts("2024-03")
    assert len(counts) == 43
    shares = {force: Fraction(*pair) for force, pair in counts.items()}
    rank = 1 + sum(1 for share in shares.values() if share > shares["Kent"])
    assert f"Kent: {_pct(shares['Kent'])}%, rank {rank} of 43" in result.stdout
    # National: every force's calls pooled, not a mean of the 43 shares.
    national = Fraction(sum(u for u, _ in counts.values()), sum(c for _, c in counts.values()))
    assert f"National (43 forces): {_pct(national)}%" in result.stdout
    table = [line.split() for line in result.stdout.splitlines() if line[:6].strip().isdigit()]
    assert len(table) == 43
    assert [int(cells[0]) for cells in table] == sorted(int(cells[0]) for cells in table)
    # No cited most similar group is shipped: the output says so instead of showing one.
    assert "Most similar group: not loaded" in result.stdout


def test_compare_refuses_an_unknown_measure_or_month_with_one_line(sample_warehouse):
    unknown = _pcc(sample_warehouse, "compare", "--measure", "nope", "--period-end", "2024-03")
    assert unknown.returncode != 0
    assert unknown.stderr.count("\n") == 1 and "unknown --measure 'nope'" in unknown.stderr
    early = _pcc(
        sample_warehouse, "compare", "--measure", "calls_999_within_10s_pct", "--period-end",
        "2019-03",
    )  # fmt: skip
    assert early.returncode != 0
    assert "choose a period end from 2021-11 to 2025-09" in early.stderr


def test_kents_ranked_999_share_is_its_own_board_figure(sample_warehouse):
    """The sample's 999 files carry Kent's own call-handling counts, so the national ranking and
    Kent's board show one figure for every window they share."""
    pairs = _kent_ranked_and_board(sample_warehouse, "calls_999_within_10s_pct", "value_rounded")
    assert len(pairs) > 40  # every 3- and 12-month window from November 2021 on
    assert [ranked for ranked, _ in pairs] == [board for _, board in pairs]


def _averages(month: str) -> dict[str, tuple[Decimal, int]]:
    """(published average answer time, calls) per force in the newer-vintage sample file."""
    published = _published(month, "Average time to answer (seconds)", "Total calls")
    return {force: (Decimal(avg), int(calls)) for force, (avg, calls) in published.items()}


def test_compare_ranks_the_average_answer_time_with_the_nation_weighted_by_calls(
    sample_warehouse,
):
    result = _compare(sample_warehouse, "calls_999_avg_answer_seconds", "2024-03")
    averages = _averages("2024-03")
    kent = averages["Kent"][0]
    rank = 1 + sum(1 for seconds, _ in averages.values() if seconds < kent)  # lower is better
    assert f"Kent: {kent.quantize(Decimal('0.1'))} s, rank {rank} of 43" in result.stdout
    # The national average is total seconds over total calls, not a mean of 43 averages.
    pooled = sum(s * c for s, c in averages.values()) / sum(c for _, c in averages.values())
    shown = pooled.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    assert f"National (43 forces): {shown} s" in result.stdout


def test_kents_ranked_average_answer_time_is_its_board_figure_within_the_published_rounding(
    sample_warehouse,
):
    """The ranking weighs the published monthly averages (to 0.1 s) by calls; Kent's board
    figure is its extract's total seconds over calls. They differ by at most the rounding."""
    pairs = _kent_ranked_and_board(
        sample_warehouse, "calls_999_avg_answer_seconds", "exact_value", "value"
    )
    gaps = [abs(ranked - board) for ranked, board in pairs]
    assert len(gaps) > 40
    assert max(gaps) <= 0.05


def test_kents_recorded_crime_in_the_sample_public_table_is_its_own_extracts(sample_warehouse):
    """The sample's police recorded crime table counts Kent's own crime records, so a board
    member sees one figure per measure and window from the extract and the public table."""
    with duckdb.connect(str(sample_warehouse / "warehouse.duckdb"), read_only=True) as con:
        pairs = con.execute(
            """
            select windows.measure_id, windows.offences, board.value_rounded
            from marts.fct_force_measure_windows as windows
            inner join (
                select distinct measure_id, window_months, period_end, value_rounded
                from marts.fct_measure_board
                where source = 'extract' and area_name = 'Kent'
            ) as board using (measure_id, window_months, period_end)
            where windows.force_name = 'Kent'
            """
        ).fetchall()
        ranked = con.execute(
            "select count(distinct force_name) from marts.fct_force_ranking "
            "where value_unit = 'rate_per_1000'"
        ).fetchone()[0]
    assert len({m for m, *_ in pairs}) >= 15 and len(pairs) > 500
    assert [offences for _, offences, _ in pairs] == [board for *_, board in pairs]
    assert ranked == 43  # every territorial force ranked per 1,000 residents


def _stop_searches(first: str, last: str) -> dict[str, tuple[int, int]]:
    """(arrests, searches) per police.uk force id in the sample archive, months first..last."""
    import zipfile

    (path,) = PUBLIC.glob("police_uk_stop_search_synthetic_*.zip")
    counts: dict[str, list[int]] = {}
    with zipfile.ZipFile(path) as archive:
        for name in archive.namelist():
            month, file_name = name.split("/")
            if not first <= month <= last:
                continue
            force_id = file_name.removeprefix(f"{month}-").removesuffix("-stop-and-search.csv")
            tally = counts.setdefault(force_id, [0, 0])
            for row in csv.DictReader(archive.read(name).decode().splitlines()):
                tally[0] += row["Outcome"] in ("Arrest", "Suspect arrested")
                tally[1] += 1
    return {force_id: (arrests, searches) for force_id, (arrests, searches) in counts.items()}


def test_compare_ranks_stop_and_search_arrests_from_the_sample_archive(sample_warehouse):
    result = _compare(
        sample_warehouse, "stop_search_arrest_pct", "2025-09", "--window-months", "12"
    )
    counts = _stop_searches("2024-10", "2025-09")
    assert len(counts) == 43
    shares = {force_id: Fraction(*pair) for force_id, pair in counts.items()}
    rank = 1 + sum(1 for share in shares.values() if share > shares["kent"])  # higher is better
    assert f"Kent: {_pct(shares['kent'])}%, rank {rank} of 43" in result.stdout
    national = Fraction(sum(a for a, _ in counts.values()), sum(s for _, s in counts.values()))
    assert f"National (43 forces): {_pct(national)}%" in result.stdout


def test_stop_and_search_per_1000_is_sorted_highest_first_and_never_ranked(sample_warehouse):
    result = _compare(sample_warehouse, "stop_search_per_1000", "2025-09", "--window-months", "12")
    assert "(context only: sorted, not ranked)" in result.stdout
    table = [line.split() for line in result.stdout.splitlines() if line.startswith("     –")]
    assert len(table) == 43  # every force listed, none with a rank
    # Highest first, in dbt's order: the values printed never rise down the table.
    values = [Decimal(cells[-5]) for cells in table]
    assert values == sorted(values, reverse=True)
    with duckdb.connect(str(sample_warehouse / "warehouse.duckdb"), read_only=True) as con:
        searches, residents = con.execute(
            """
            select sum(searches), any_value(population)
            from marts.fct_stop_search_monthly
            inner join reference.force_population using (force_name)
            where force_name = 'Kent' and month_start between '2024-10-01' and '2025-09-01'
            """
        ).fetchone()
    kent = (Decimal(int(searches) * 1000) / Decimal(residents)).quantize(
        Decimal("0.01"), rounding=ROUND_HALF_UP
    )
    assert f"Kent: {kent} per 1,000" in result.stdout


@functools.cache
def _residents_and_searches_by_ethnicity():
    """(residents, searches) per (force, ethnic group): the committed 2011 residents and the
    sample archive's searches by officer-defined ethnicity, 12 months to September 2025."""
    import zipfile

    residents: dict[tuple[str, str], int] = {}
    with open(
        PROJECT_ROOT / "dbt_project" / "seeds" / "public" / "force_population_ethnicity.csv"
    ) as f:
        for r in csv.DictReader(f):
            residents[r["force_name"], r["ethnic_group"]] = int(r["residents"])
    from sample.stop_search_national import force_id

    ids = {force_id(force): force for force, _ in residents}
    searched: dict[tuple[str, str], int] = {}
    (path,) = PUBLIC.glob("police_uk_stop_search_synthetic_*.zip")
    with zipfile.ZipFile(path) as archive:
        for name in archive.namelist():
            month, file_name = name.split("/")
            if "2024-10" <= month <= "2025-09":
                force = ids[
                    file_name.removeprefix(f"{month}-").removesuffix("-stop-and-search.csv")
                ]
                for row in csv.DictReader(archive.read(name).decode().splitlines()):
                    key = (force, row["Officer-defined ethnicity"])
                    searched[key] = searched.get(key, 0) + 1
    return residents, searched


@pytest.mark.parametrize("group", ["Black", "Asian", "Mixed", "Other"])
def test_group_against_white_search_rates_pool_the_nations_four_parts(sample_warehouse, group):
    """The ratio of the search rates of each census group and White residents, worked out here
    from the sample archive's officer-defined ethnicity and the committed 2011 residents."""
    residents, searched = _residents_and_searches_by_ethnicity()
    forces = {force for force, _ in residents}

    def ratio(forces) -> Decimal:
        parts = [sum(table.get((f, g), 0) for f in forces) for table, g in (
            (searched, group), (residents, group), (searched, "White"), (residents, "White"),
        )]  # fmt: skip
        exact = Fraction(parts[0] * parts[3], parts[1] * parts[2])
        return (Decimal(exact.numerator) / Decimal(exact.denominator)).quantize(
            Decimal("0.1"), rounding=ROUND_HALF_UP
        )

    result = _pcc(
        sample_warehouse, "compare", "--measure", f"stop_search_{group.lower()}_white_ratio",
        "--period-end", "2025-09", "--window-months", "12",
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert f"Kent: {ratio(['Kent'])} times" in result.stdout
    assert f"National (43 forces): {ratio(forces)} times" in result.stdout


def test_kents_solved_rate_from_the_outcomes_tables_is_its_own_board_figure(sample_warehouse):
    """The sample's crime outcomes table counts Kent's own crime records by recorded quarter and
    outcome, so the national ranking and Kent's board show one solved rate per window."""
    pairs = _kent_ranked_and_board(sample_warehouse, "solved_rate_victim_based", "value_rounded")
    assert len(pairs) >= 15  # 3- and 12-month windows, June 2023 to September 2025
    assert [ranked for ranked, _ in pairs] == [board for _, board in pairs]


def _victim_based(table: str, count: str, quarters: set[tuple[str, str]], keep=None):
    """Per force, the sum of `count` over the victim-based rows of a sample table (gzipped
    CSV) in the given (financial year, quarter)s; `keep` filters rows further."""
    import gzip

    with open(PROJECT_ROOT / "dbt_project" / "seeds" / "measures.csv", newline="") as f:
        (rule,) = [r for r in csv.DictReader(f) if r["measure_id"] == "victim_based_crime"]
    excluded = set(rule["offence_group_exclude"].split("|"))
    (path,) = PUBLIC.glob(f"{table}_synthetic_*.csv.gz")
    totals: dict[str, int] = {}
    with gzip.open(path, "rt", newline="") as f:
        for r in csv.DictReader(f):
            if (r["Financial Year"], r["Financial Quarter"]) in quarters and (
                r["Offence Group"] not in excluded and (keep is None or keep(r))
            ):
                totals[r["Force Name"]] = totals.get(r["Force Name"], 0) + int(r[count])
    return totals


def test_compare_ranks_the_charge_rate_pooled_from_the_sample_tables(sample_warehouse):
    result = _compare(
        sample_warehouse, "charge_rate_victim_based", "2025-09", "--window-months", "12"
    )
    quarters = {("2024/25", "3"), ("2024/25", "4"), ("2025/26", "1"), ("2025/26", "2")}
    charged = _victim_based(
        "prc_outcomes", "Outcomes for offences that were recorded in the quarter", quarters,
        keep=lambda r: r["Outcome Type"] == "1",
    )  # fmt: skip
    recorded = _victim_based("prc_pfa", "Offence Count", quarters)
    assert len(recorded) == 43
    rates = {force: Fraction(charged.get(force, 0), recorded[force]) for force in recorded}
    rank = 1 + sum(1 for rate in rates.values() if rate > rates["Kent"])  # higher is better
    assert f"Kent: {_pct(rates['Kent'])}%, rank {rank} of 43" in result.stdout
    national = Fraction(sum(charged.values()), sum(recorded.values()))
    assert f"National (43 forces): {_pct(national)}%" in result.stdout


def _subset_offences(subset: str, quarters: set[tuple[str, str]], keep=None) -> dict[str, int]:
    """Per force, the offences recorded in the given quarters in the sample's outcomes table of
    an offence subset: the outcomes for them summed over every outcome type (0 included)."""
    import gzip

    (path,) = PUBLIC.glob(f"prc_outcomes_{subset}_synthetic_*.csv.gz")
    totals: dict[str, int] = {}
    with gzip.open(path, "rt", newline="") as f:
        for r in csv.DictReader(f):
            if (r["Financial Year"], r["Financial Quarter"]) in quarters and (
                keep is None or keep(r)
            ):
                count = int(r["Outcomes for offences that were recorded in the quarter"])
                totals[r["Force Name"]] = totals.get(r["Force Name"], 0) + count
    return totals


def _residents() -> dict[str, int]:
    with open(PROJECT_ROOT / "dbt_project" / "seeds" / "public" / "force_population.csv") as f:
        return {r["force_name"]: int(r["population"]) for r in csv.DictReader(f)}


YEAR_TO_SEPTEMBER_2025 = {("2024/25", "3"), ("2024/25", "4"), ("2025/26", "1"), ("2025/26", "2")}


def test_compare_ranks_knife_crime_per_100000_residents_lowest_first(sample_warehouse):
    result = _compare(
        sample_warehouse, "knife_offences_per_100k", "2025-09", "--window-months", "12"
    )
    offences = _subset_offences("knives_or_sharp_instruments", YEAR_TO_SEPTEMBER_2025)
    residents = _residents()
    assert len(residents) == 43
    rates = {force: Fraction(offences.get(force, 0) * 100_000, n) for force, n in residents.items()}
    rank = 1 + sum(1 for rate in rates.values() if rate < rates["Kent"])  # lower is better
    kent = Decimal(rates["Kent"].numerator) / Decimal(rates["Kent"].denominator)
    kent_text = kent.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    assert f"Kent: {kent_text} per 100,000, rank {rank} of 43" in result.stdout
    # National: the forces' offences over their residents, not a mean of 43 rates.
    national = Fraction(
        sum(offences.get(f, 0) for f in residents) * 100_000, sum(residents.values())
    )
    exact = Decimal(national.numerator) / Decimal(national.denominator)
    national_text = exact.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    assert f"National (43 forces): {national_text} per 100,000" in result.stdout


def test_compare_ranks_the_firearm_charge_rate_among_forces_that_recorded_any(sample_warehouse):
    result = _compare(sample_warehouse, "firearm_charge_rate", "2025-09", "--window-months", "12")
    offences = _subset_offences("firearms", YEAR_TO_SEPTEMBER_2025)
    charged = _subset_offences(
        "firearms", YEAR_TO_SEPTEMBER_2025, keep=lambda r: r["Outcome Type"] == "1"
    )
    territorial = _residents()
    rates = {
        f: Fraction(charged.get(f, 0), n) for f, n in offences.items() if n and f in territorial
    }
    rank = 1 + sum(1 for rate in rates.values() if rate > rates["Kent"])  # higher is better
    assert f"Kent: {_pct(rates['Kent'])}%, rank {rank} of {len(rates)}" in result.stdout
    national = Fraction(sum(charged.get(f, 0) for f in rates), sum(offences[f] for f in rates))
    assert f"National ({len(rates)} forces): {_pct(national)}%" in result.stdout


def test_kents_knife_crime_in_the_national_ranking_is_its_own_board_count(sample_warehouse):
    """The sample's knife outcomes table counts Kent's own flagged crime records, so the
    ranking's numerator is the board's knife crime count for every window they share."""
    with duckdb.connect(str(sample_warehouse / "warehouse.duckdb"), read_only=True) as con:
        rows = con.execute(
            """
            select ranking.numerator, board.numerator
            from marts.fct_force_ranking as ranking
            inner join (
                select distinct window_months, period_end, numerator from marts.fct_measure_board
                where measure_id = 'knife_offences' and source = 'extract' and area_name = 'Kent'
            ) as board using (window_months, period_end)
            where ranking.measure_id = 'knife_offences_per_100k' and ranking.is_kent
            """
        ).fetchall()
    assert len(rows) >= 10  # 3- and 12-month windows, June 2024 to September 2025
    assert [ranked for ranked, _ in rows] == [board * 100_000 for _, board in rows]


def test_every_ranked_unit_has_a_chart_axis_title_and_a_written_unit(sample_warehouse):
    """A unit dbt ranks in must be one the shared formatter names: its chart axis title and
    the value written with its unit (a new unit would otherwise show as a bare number)."""
    from pcc.present.format import UNIT_TITLES as AXIS_TITLES
    from pcc.present.ranking import value_text
    from pcc.read.ranking import RankingRow

    with duckdb.connect(str(sample_warehouse / "warehouse.duckdb"), read_only=True) as con:
        units = {
            u
            for (u,) in con.execute(
                "select distinct value_unit from marts.fct_force_ranking"
            ).fetchall()
        }
    assert units >= {"percent", "seconds", "rate_per_1000", "rate_per_100000", "times"}
    assert units <= set(AXIS_TITLES)
    fields = {name: None for name in RankingRow.__dataclass_fields__}
    for unit in units:
        row = RankingRow(**{**fields, "value_unit": unit, "value_decimals": 1})
        assert value_text(row, Decimal("12.3")) != "12.3", unit
