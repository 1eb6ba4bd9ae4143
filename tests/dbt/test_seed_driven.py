"""The seeds drive the warehouse: a new flag measure is one row, the register reconciles by rule.

These tests build a copy of the project whose seeds have been edited as an analyst would.
"""

from __future__ import annotations

import csv
from datetime import date

import pytest

from pcc.build.dbt_runner import run_dbt
from pcc.commands.reconcile import run_reconcile
from pcc.errors import PccError
from pcc.paths import DataPaths
from pcc.present.numbers import round_half_up
from tests.dbt.conftest import FORCE, build_fixture_warehouse, copy_project

pytestmark = pytest.mark.heavy

REGISTER_COLUMNS = [
    "figure_id",
    "measure_id",
    "statistic",
    "period_start",
    "period_end",
    "comparison_start",
    "comparison_end",
    "value",
    "unit",
    "kind",
    "reconcile",
    "source",
    "note",
]


def append_csv_row(path, row: dict) -> None:
    with open(path, newline="", encoding="utf-8") as f:
        columns = next(csv.reader(f))
    with open(path, "a", newline="", encoding="utf-8") as f:
        csv.DictWriter(f, fieldnames=columns, lineterminator="\n").writerow(row)


def write_csv(path, columns, rows) -> None:
    with open(path, "w", newline="", encoding="utf-8") as f:
        writer = csv.DictWriter(f, fieldnames=columns, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def count_crimes(landing, predicate, first, last):
    return sum(
        1
        for c in landing.rows["crime_records"]
        if predicate(c)
        and first <= date(c["recorded_date"].year, c["recorded_date"].month, 1) <= last
    )


def figure(figure_id, measure_id, statistic, period, value, reconcile="yes", comparison=("", "")):
    return {
        "figure_id": figure_id,
        "measure_id": measure_id,
        "statistic": statistic,
        "period_start": period[0],
        "period_end": period[1],
        "comparison_start": comparison[0],
        "comparison_end": comparison[1],
        "value": value,
        "unit": "",
        "kind": "published",
        "reconcile": reconcile,
        "source": "test register",
        "note": "",
    }


@pytest.fixture(scope="module")
def edited(tmp_path_factory, landing):
    """A project copy with a new flag measure and a register computed from the fixture."""
    project = copy_project(tmp_path_factory.mktemp("project"))
    seeds = project / "dbt_project" / "seeds"
    append_csv_row(
        seeds / "measures.csv",
        {
            "measure_id": "hate_offences",
            "measure_name": "Hate crime offences",
            "framework": "Police and Crime Plan",
            "source": "crime_records",
            "kind": "count",
            "definition": "hate flag true",
            "polarity": "context_only",
            "unit": "offences",
            "priority": "Protecting People",
            "display_order": "999",
            "is_headline": "false",
            "date_basis": "recorded",
            "flag": "hate",
        },
    )
    year = (date(2020, 4, 1), date(2021, 3, 1))
    earlier = (date(2019, 4, 1), date(2020, 3, 1))
    robbery = count_crimes(landing, lambda c: c["offence_code"] in {"34A", "34B"}, *year)
    robbery_before = count_crimes(landing, lambda c: c["offence_code"] in {"34A", "34B"}, *earlier)
    hate = count_crimes(landing, lambda c: c["hate"], *year)
    robbery_pct = round_half_up((robbery - robbery_before) * 100, robbery_before, 1)
    slipped = str(robbery_pct - (1 if robbery_pct > 0 else -1) * round_half_up(1, 10, 1))
    y, e = ("2020-04", "2021-03"), ("2019-04", "2020-03")
    register = [
        figure("X01", "robbery", "count", y, str(robbery)),
        figure("X02", "robbery", "count", y, str(robbery + 1)),
        figure("X03", "hate_offences", "count", y, str(hate)),
        figure(
            "X04", "calls_999_within_10s_pct", "rate", ("2021-03", "2021-04"), "90.0", "lower_bound"
        ),
        figure("X05", "calls_101_abandoned_pct", "rate", y, "0.5", "upper_bound"),
        figure("X06", "serious_violence", "change", y, "-646", "no", e),
        figure("X07", "robbery", "pct_change", y, slipped, comparison=e),
        figure("X08", "robbery", "pct_change", y, slipped, comparison=e),
        figure("X09", "robbery", "count", ("2017-04", "2018-03"), "1"),
    ]
    write_csv(seeds / "published_figures.csv", REGISTER_COLUMNS, register)
    write_csv(
        seeds / "reconciliation_exceptions.csv",
        ["figure_id", "expected_computed_value", "requires_matching_figures", "explanation"],
        [
            {
                "figure_id": "X07",
                "expected_computed_value": str(robbery_pct),
                "requires_matching_figures": "X01",
                "explanation": "rounding slip in the source",
            },
            {
                "figure_id": "X08",
                "expected_computed_value": str(robbery_pct),
                "requires_matching_figures": "X02",
                "explanation": "would be a slip, but the count behind it does not match",
            },
        ],
    )
    data = build_fixture_warehouse(tmp_path_factory.mktemp("edited-data"), landing, project)
    return project, data, {"hate": hate}


def test_a_new_flag_measure_is_one_seed_row(edited, landing):
    _, data, expected = edited
    import duckdb

    con = duckdb.connect(str(data.warehouse), read_only=True)
    try:
        dim = con.execute(
            "select flag, has_solved_rate from marts.dim_measures where measure_id = 'hate_offences'"
        ).fetchall()
        value = con.execute(
            """
            select numerator from marts.fct_measure_windows
            where measure_id = 'hate_offences' and area_code = ? and window_months = 12
              and period_end = date '2021-03-01'
            """,
            [FORCE],
        ).fetchall()
        districts = con.execute(
            """
            select count(distinct area_code) from marts.fct_measure_monthly
            where measure_id = 'hate_offences'
            """
        ).fetchone()[0]
    finally:
        con.close()
    assert dim == [("hate", True)]
    assert value == [(expected["hate"],)]
    assert districts == 14  # the force and its 13 districts


def test_reconcile_statuses_follow_the_register(edited, monkeypatch, capsys):
    _, data, _ = edited
    monkeypatch.setenv("PCC_DATA_DIR", str(data.root))
    code = run_reconcile("csv")
    out = capsys.readouterr()
    statuses = {r["figure_id"]: r["status"] for r in csv.DictReader(out.out.splitlines())}
    assert statuses == {
        "X01": "match",
        "X02": "mismatch",
        "X03": "match",
        "X04": "bound met",
        "X05": "bound missed",
        "X06": "not reconciled",
        "X07": "known exception",
        "X08": "mismatch",
        "X09": "not covered",  # before the data starts: nothing to check it against
    }
    assert code == 1
    assert "9 figures: 2 match, 1 known exception, 1 bound met, 1 not reconciled" in out.err


def test_a_typo_in_the_measures_seed_fails_the_build(edited, tmp_path):
    project, data, _ = edited
    append_csv_row(
        project / "dbt_project" / "seeds" / "measures.csv",
        {
            "measure_id": "typo_offences",
            "measure_name": "Typo",
            "framework": "Police and Crime Plan",
            "source": "crime_records",
            "kind": "count",
            "definition": "offence_code = 34X",
            "polarity": "context_only",
            "unit": "offences",
            "priority": "Protecting People",
            "display_order": "1000",
            "is_headline": "false",
            "date_basis": "recorded",
            "offence_codes": "34X",
        },
    )
    scratch = DataPaths(tmp_path)
    build_file = tmp_path / "typo.duckdb"
    build_file.write_bytes(data.warehouse.read_bytes())
    with pytest.raises(PccError, match="assert_measure_rules_fit_their_source"):
        run_dbt(
            ["build", "--select", "measures", "int_measures__rules"],
            build_file,
            scratch,
            project_dir=project,
            echo=lambda line: None,
        )
