"""`pcc sql`: read-only queries on the published warehouse in three formats; writes refused."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from pcc.commands.sql import run_sql
from pcc.errors import NoWarehouseError, PccError
from pcc.paths import DataPaths

PCC = Path(sys.executable).parent / "pcc"
QUERY = "select * from marts.demo order by id"


@pytest.fixture
def warehouse(tmp_path, monkeypatch) -> DataPaths:
    data = DataPaths(tmp_path / "data")
    monkeypatch.setenv("PCC_DATA_DIR", str(data.root))
    data.root.mkdir()
    with duckdb.connect(str(data.warehouse)) as con:
        con.execute("create schema marts")
        con.execute(
            """
            create table marts.demo as
            select * from (values
                (1, 'Dover, Kent', date '2024-03-01', 12.50::decimal(5, 2), null::varchar),
                (2, 'Swale', date '2024-04-01', 7.00::decimal(5, 2), 'note')
            ) as t (id, district, month, rate, comment)
            """
        )
    return data


def test_table_format_is_aligned_text(warehouse, capsys):
    assert run_sql(QUERY, "table") == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split() == ["id", "district", "month", "rate", "comment"]
    assert lines[2].split() == ["1", "Dover,", "Kent", "2024-03-01", "12.50"]
    assert lines[3].split() == ["2", "Swale", "2024-04-01", "7.00", "note"]
    assert lines[-1] == "(2 rows)"
    # Columns line up: every value starts where its heading starts (numbers end where it ends).
    start = lines[0].index("month")
    assert lines[2][start:].startswith("2024-03-01") and lines[3][start:].startswith("2024-04-01")


NUMBERS = """
    select * from (values
        (1, 916::double, -39.49801849405548::double, 0.000012345678::double),
        (2, 1200::double, 2.5::double, null)
    ) as t (id, offences, change_pct, tiny)
"""


def test_table_numbers_are_formatted_by_type_and_csv_json_keep_full_precision(warehouse, capsys):
    run_sql(NUMBERS, "table")
    lines = capsys.readouterr().out.splitlines()
    assert lines[2].split() == ["1", "916", "-39.4980", "1.235e-05"]
    assert lines[3].split() == ["2", "1200", "2.5000"]
    assert lines[2].index("-39.4980") + len("-39.4980") == lines[3].index("2.5000") + 6
    run_sql(NUMBERS, "csv")
    assert "1,916.0,-39.49801849405548,1.2345678e-05" in capsys.readouterr().out
    run_sql(NUMBERS, "json")
    first = json.loads(capsys.readouterr().out)[0]
    assert first["change_pct"] == -39.49801849405548 and first["offences"] == 916.0


def test_csv_format_has_header_and_quoted_rows(warehouse, capsys):
    run_sql(QUERY, "csv")
    rows = list(csv.reader(io.StringIO(capsys.readouterr().out)))
    assert rows == [
        ["id", "district", "month", "rate", "comment"],
        ["1", "Dover, Kent", "2024-03-01", "12.50", ""],
        ["2", "Swale", "2024-04-01", "7.00", "note"],
    ]


def test_json_format_is_a_list_of_objects_with_iso_dates(warehouse, capsys):
    run_sql(QUERY, "json")
    assert json.loads(capsys.readouterr().out) == [
        {"id": 1, "district": "Dover, Kent", "month": "2024-03-01", "rate": 12.5, "comment": None},
        {"id": 2, "district": "Swale", "month": "2024-04-01", "rate": 7, "comment": "note"},
    ]


@pytest.mark.parametrize(
    "query",
    [
        "describe marts.demo",
        "show tables",
        "summarize marts.demo",
        "from marts.demo",
        "with x as (select 1 as a) select * from x",
        "explain select * from marts.demo",
        "-- a comment first\nselect 1;",
    ],
)
def test_other_read_only_statements_run(warehouse, capsys, query):
    assert run_sql(query, "csv") == 0
    assert capsys.readouterr().out


@pytest.mark.parametrize(
    "query",
    [
        "create table marts.x as select 1",
        "insert into marts.demo (id) values (3)",
        "drop table marts.demo",
        "attach 'other.duckdb' as other",
        "copy marts.demo to 'out.csv'",
        "update marts.demo set id = 5",
        "select 1; drop table marts.demo",
        "with x as (select 1) insert into marts.demo (id) select * from x",
        "explain analyze create table marts.y as select 1",
        "pragma version",
        "set threads = 1",
    ],
)
def test_writes_and_other_statements_are_refused(warehouse, query):
    with pytest.raises(PccError) as refused:
        run_sql(query, "table")
    assert refused.value.exit_code == 1
    assert "\n" not in str(refused.value)
    with duckdb.connect(str(warehouse.warehouse), read_only=True) as con:
        assert con.execute("select count(*) from marts.demo").fetchone()[0] == 2


def test_query_errors_become_one_line(warehouse):
    with pytest.raises(PccError, match=r"^query failed: Catalog Error: .*no_such_table") as failed:
        run_sql("select * from no_such_table", "table")
    assert "\n" not in str(failed.value)


def test_no_warehouse_exits_3(tmp_path, monkeypatch):
    monkeypatch.setenv("PCC_DATA_DIR", str(tmp_path / "empty"))
    with pytest.raises(NoWarehouseError) as missing:
        run_sql("select 1", "table")
    assert missing.value.exit_code == 3


def run_cli(*args: str, data_dir: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "PCC_DATA_DIR": str(data_dir)}
    return subprocess.run([str(PCC), *args], env=env, capture_output=True, text=True, timeout=120)


def test_cli_exit_codes_and_one_line_errors(warehouse, tmp_path):
    ok = run_cli("sql", QUERY, "--format", "csv", data_dir=warehouse.root)
    assert (ok.returncode, ok.stdout.splitlines()[0]) == (0, "id,district,month,rate,comment")

    refused = run_cli("sql", "drop table marts.demo", data_dir=warehouse.root)
    assert refused.returncode == 1
    assert refused.stderr.startswith("pcc: error: refused: DROP is not a query")
    assert len(refused.stderr.splitlines()) == 1 and "Traceback" not in refused.stderr

    missing = run_cli("sql", "select 1", data_dir=tmp_path / "nothing")
    assert missing.returncode == 3
    assert missing.stderr.startswith("pcc: error: no published warehouse at")
    assert len(missing.stderr.splitlines()) == 1
