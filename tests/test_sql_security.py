"""Read access cannot escape: `pcc sql` (and every reader) sees the published marts and nothing else.

Each refused case asserts a one-line reason, exit code 1, that nothing outside the warehouse was
read (the secret's text never reaches the output) and that no file was created anywhere under
the test's folder. Each harmless case asserts that it runs.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

from pcc.commands.sql import run_sql
from pcc.errors import PccError
from pcc.paths import DataPaths
from pcc.read.warehouse import connect_published

PCC = Path(sys.executable).parent / "pcc"
SECRET = "SECRET-TEXT-7f3a91"


@pytest.fixture
def world(tmp_path, monkeypatch):
    """A published warehouse, a landing store with person-level rows, and files beside them."""
    data = DataPaths(tmp_path / "data")
    monkeypatch.setenv("PCC_DATA_DIR", str(data.root))
    data.landing_dir.mkdir(parents=True)
    with duckdb.connect(str(data.warehouse)) as con:
        con.execute("create schema marts")
        con.execute(
            "create table marts.demo as select * from (values (1, 'Dover'), (2, 'Swale')) "
            "as t (id, district)"
        )
    with duckdb.connect(str(data.landing_db)) as con:
        con.execute(f"create table s136_detentions as select '{SECRET}' as person_id")
    secret = tmp_path / "secret.csv"
    secret.write_text(f"a,b\n{SECRET},1\n")
    (tmp_path / "secret.json").write_text(json.dumps({"a": SECRET}))
    return {
        "tmp": tmp_path,
        "secret": secret,
        "secret_json": tmp_path / "secret.json",
        "landing": data.landing_db,
        "out": tmp_path / "out.csv",
        "outdir": tmp_path / "export",
    }


def _files(root: Path) -> set[Path]:
    return {p for p in root.rglob("*")}


# fmt: off
REFUSED = {
    # reading, listing and scanning files
    "read_text": "select content from read_text('{secret}')",
    "read_blob": "select * from read_blob('{secret}')",
    "glob": "select * from glob('{tmp}/**')",
    "read_csv": "select * from read_csv('{secret}')",
    "read_csv_auto": "select * from read_csv_auto('{secret}')",
    "read_json": "select * from read_json('{secret_json}')",
    "read_json_objects": "select * from read_json_objects('{secret_json}')",
    "read_parquet": "select * from read_parquet('{secret}')",
    "parquet_metadata": "select * from parquet_metadata('{secret}')",
    "sniff_csv": "select * from sniff_csv('{secret}')",
    "replacement scan": "select * from '{secret}'",
    "replacement scan joined": "select * from marts.demo, '{secret}'",
    "read_duckdb landing": "select * from read_duckdb('{landing}', table_name='s136_detentions')",
    "quoted name": "select * from \"read_text\"('{secret}')",
    "schema-qualified": "select * from main.read_text('{secret}')",
    "catalog-qualified": "select * from system.main.read_text('{secret}')",
    "upper case": "SELECT * FROM READ_TEXT('{secret}')",
    "comment before (": "select * from read_text /* hidden */ ('{secret}')",
    "list of files": "select * from read_text(['{secret}'])",
    "in a CTE": "with x as (select * from read_text('{secret}')) select * from x",
    "in a scalar subquery": "select (select content from read_text('{secret}')) as c",
    "in a lateral join": "select * from marts.demo, lateral (select * from read_csv('{secret}'))",
    "in FROM-first syntax": "from read_text('{secret}')",
    "summarize a file": "summarize select * from read_text('{secret}')",
    "describe a file": "describe select * from read_csv('{secret}')",
    "explain a file read": "explain select * from read_text('{secret}')",
    "pivot over a file": "pivot (select * from read_csv('{secret}')) on a using count(*)",
    "union with a file": "select 'x' union all select content from read_text('{secret}')",
    # settings, profiling, logging, the database's state
    "enable_profiling": "select * from enable_profiling(save_location='{out}', format='json')",
    "enable_logging": "select * from enable_logging()",
    "checkpoint()": "select * from checkpoint()",
    "force_checkpoint()": "select * from force_checkpoint()",
    "duckdb_settings": "select * from duckdb_settings()",
    "duckdb_secrets": "select * from duckdb_secrets()",
    "which_secret": "select * from which_secret('s3://bucket/x', 's3')",
    "duckdb_temporary_files": "select * from duckdb_temporary_files()",
    "current_setting": "select current_setting('temp_directory')",
    "getenv": "select getenv('HOME')",
    # SQL from strings
    "json_execute_serialized_sql":
        "select * from json_execute_serialized_sql(json_serialize_sql('select 1'))",
    "query()": "select * from query('select * from read_text(''{secret}'')')",
    "query_table()": "select * from query_table('marts.demo')",
    # statements that are not queries
    "COPY table": "copy marts.demo to '{out}'",
    "COPY query": "copy (select 1) to '{out}'",
    "EXPORT": "export database '{outdir}'",
    "IMPORT": "import database '{tmp}'",
    "ATTACH landing": "attach '{landing}' as landing_store",
    "ATTACH read-only": "attach '{landing}' as l (read_only)",
    "DETACH": "detach marts",
    "USE": "use memory",
    "INSTALL": "install httpfs",
    "LOAD": "load httpfs",
    "FORCE INSTALL": "force install httpfs",
    "SET": "set threads = 1",
    "SET search_path": "set search_path = 'main'",
    "SET profiling": "set enable_profiling = 'json'",
    "RESET": "reset threads",
    "PRAGMA": "pragma enable_profiling",
    "PRAGMA version": "pragma version",
    "CALL": "call checkpoint()",
    "CHECKPOINT": "checkpoint",
    "VACUUM": "vacuum",
    "CREATE": "create table marts.x as select 1",
    "CREATE TEMP": "create temp table x as select 1",
    "CREATE MACRO": "create macro leak(x) as x",
    "INSERT": "insert into marts.demo values (3, 'Thanet')",
    "UPDATE": "update marts.demo set id = 5",
    "DELETE": "delete from marts.demo",
    "DROP": "drop table marts.demo",
    "ALTER": "alter table marts.demo rename to gone",
    "BEGIN": "begin transaction",
    "PREPARE": "prepare p as select 1",
    "EXECUTE": "execute p",
    "CTE around INSERT": "with x as (select 1, 'a') insert into marts.demo select * from x",
    "EXPLAIN ANALYZE of a write": "explain analyze create table marts.y as select 1",
    # more than one statement, or statements hidden in comments
    "two queries": "select 1; select 2",
    "query then write": "select 1; drop table marts.demo",
    "pivot then write": "pivot marts.demo on district using count(*); drop table marts.demo",
    "write after a block comment": "/* select 1 */ drop table marts.demo",
    "write after a line comment": "-- select 1\ndrop table marts.demo",
    # unicode look-alikes and size
    "full-width SELECT": "\uff53\uff45\uff4c\uff45\uff43\uff54 1",
    "Cyrillic e in read_text": "select * from r\u0435ad_text('{secret}')",
    "Greek question mark": "select 1\u037e drop table marts.demo",
    "very long": "select " + "1+" * 60_000 + "1",
    "empty": "",
    "only a comment": "-- nothing to run",
    "only a semicolon": ";",
}
# fmt: on

HARMLESS = {
    "pivot": "pivot marts.demo on district using count(*)",
    "pivot with IN": "from marts.demo pivot (count(*) for district in ('Dover', 'Swale'))",
    "unpivot": "unpivot (select 1 as a, 2 as b) on a, b into name k value v",
    "values": "values (1), (2)",
    "table": "table marts.demo",
    "table, unqualified": "table demo",
    "select, unqualified": "select * from demo order by id",
    "show tables": "show tables",
    "describe": "describe marts.demo",
    "summarize": "summarize marts.demo",
    "from first": "from marts.demo",
    "range": "select * from range(3)",
    "generate_series": "select * from generate_series(1, 3)",
    "unnest": "select unnest([1, 2, 3])",
    "catalog": "select table_name from duckdb_tables()",
    "information_schema": "select table_name from information_schema.tables",
    "explain": "explain select * from marts.demo",
    "explain analyze": "explain analyze select * from marts.demo",
    "parenthesised union": "(select 1) union (select 2)",
    "recursive CTE": "with recursive r(n) as (select 1 union all select n + 1 from r where n < 3) "
    "select * from r",
    "function name in a string": "select 'read_text(''/etc/passwd'')' as s",
    "write in a trailing comment": "select 1 -- ; drop table marts.demo",
    "comment first": "-- the board's table\nselect count(*) from marts.demo",
    "trailing semicolon": "select 1;",
    "a long list under the limit": "select " + ", ".join(["1"] * 5_000),
}


@pytest.mark.parametrize("query", REFUSED.values(), ids=REFUSED.keys())
def test_refused_with_a_one_line_reason_and_nothing_touched(world, capsys, query):
    sql = query.format(**world)
    before = _files(world["tmp"])
    with pytest.raises(PccError) as refused:
        run_sql(sql, "csv")
    message = str(refused.value)
    assert refused.value.exit_code == 1
    assert message and "\n" not in message
    assert message.startswith(("refused:", "expected one SQL statement", "query failed:", "the "))
    printed = capsys.readouterr()
    assert SECRET not in printed.out + printed.err + message
    assert _files(world["tmp"]) == before
    with duckdb.connect(str(world["tmp"] / "data" / "warehouse.duckdb"), read_only=True) as con:
        assert con.execute("select count(*) from marts.demo").fetchone()[0] == 2


@pytest.mark.parametrize(
    ("query", "reason"),
    [
        ("select content from read_text('{secret}')", "refused: read_text() reads files"),
        ("select * from '{secret}'", "refused: the query reads a file"),
        ("select * from query('select 1')", "refused: query() runs SQL from a string"),
        ("select * from enable_profiling()", "refused: enable_profiling() changes or reveals"),
        ("attach '{landing}' as l", "refused: ATTACH is not a query"),
        ("copy marts.demo to '{out}'", "refused: COPY is not a query"),
        ("set threads = 1", "refused: SET is not a query"),
        ("pragma version", "refused: PRAGMA is not a query"),
        ("select 1; select 2", "expected one SQL statement, got 2"),
        ("select " + "1+" * 60_000 + "1", "the query is 120,008 characters; the limit is 100,000"),
    ],
)
def test_the_reason_says_what_was_refused(world, query, reason):
    with pytest.raises(PccError) as refused:
        run_sql(query.format(**world), "table")
    assert str(refused.value).startswith(reason)


@pytest.mark.parametrize("query", HARMLESS.values(), ids=HARMLESS.keys())
def test_harmless_queries_run(world, capsys, query):
    before = _files(world["tmp"])
    assert run_sql(query, "csv") == 0
    assert capsys.readouterr().out.strip()
    assert _files(world["tmp"]) == before


def test_duckdb_itself_refuses_files_and_settings_on_every_reader(world):
    """The second guard: statements that skip pcc.commands.sql's parser meet a locked connection."""
    with connect_published() as con:
        for statement in (
            f"select * from read_text('{world['secret']}')",
            f"attach '{world['landing']}' as l",
            f"copy marts.demo to '{world['out']}'",
            "set enable_external_access = true",
            "set lock_configuration = false",
            "set memory_limit = '100GB'",
            "load httpfs",
        ):
            with pytest.raises(duckdb.Error):
                con.execute(statement)
    assert not world["out"].exists()


def test_control_characters_are_escaped_in_every_format(world, capsys):
    text = "Dover\x1b[2J\x07\u202eevil\x9b31m\nline"
    query = f"select '{text}' as \"name\x1b[31m\""
    run_sql(query, "table")
    table = capsys.readouterr().out
    run_sql(query, "csv")
    csv_out = capsys.readouterr().out
    run_sql(query, "json")
    json_out = capsys.readouterr().out
    for out in (table, csv_out, json_out):
        assert not any(ch in out for ch in "\x1b\x07\x9b\u202e")
    assert "Dover\\x1b[2J\\x07\\u202eevil\\x9b31m\\x0aline" in table
    assert "Dover\\x1b[2J" in csv_out
    assert json.loads(json_out) == [{"name\x1b[31m": text}]  # JSON escapes round-trip


def test_table_output_is_limited_with_a_note(world, capsys):
    run_sql("select * from range(10_005)", "table")
    out, err = capsys.readouterr()
    assert out.splitlines()[-1] == "(10,000 rows; more not shown)"
    assert len(out.splitlines()) == 10_003
    assert "showing the first 10,000 rows" in err and "--max-rows 0" in err
    run_sql("select * from range(10_005)", "table", max_rows=0)
    assert capsys.readouterr().out.splitlines()[-1] == "(10,005 rows)"
    run_sql("select * from range(10_005)", "csv")  # not a terminal: every row
    assert len(capsys.readouterr().out.splitlines()) == 10_006
    run_sql("select * from range(10)", "json", max_rows=3)
    assert json.loads(capsys.readouterr().out) == [{"range": i} for i in range(3)]


def test_duckdb_hint_is_kept(world):
    with pytest.raises(PccError) as failed:
        run_sql("select * from demoo", "table")
    assert 'Did you mean "' in str(failed.value) and "\n" not in str(failed.value)


def _cli(args: list[str], data_root: Path, **env: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(PCC), "sql", *args],
        env={**os.environ, "PCC_DATA_DIR": str(data_root), **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_runaway_query_stops_at_the_timeout(world):
    started = time.monotonic()
    result = _cli(
        ["select count(*) from range(10000000000000::bigint)"],
        world["tmp"] / "data",
        PCC_SQL_TIMEOUT="1",
    )
    assert result.returncode == 1
    assert result.stderr == (
        "pcc: error: query stopped after 1 s (the limit is PCC_SQL_TIMEOUT, 0 for none)\n"
    )
    assert time.monotonic() - started < 60


def test_a_bad_setting_is_one_line(world):
    result = _cli(["select 1"], world["tmp"] / "data", PCC_SQL_TIMEOUT="abc")
    assert result.returncode == 2
    assert result.stderr == (
        "pcc: error: PCC_SQL_TIMEOUT must be a number of seconds (0 for no limit), not 'abc'\n"
    )


def test_query_from_stdin_and_query_starting_with_a_comment(world):
    data_root = world["tmp"] / "data"
    commented = _cli(
        ["-- the board's table\nselect count(*) as n from demo", "-f", "csv"], data_root
    )
    assert (commented.returncode, commented.stdout) == (0, "n\n2\n"), commented.stderr
    piped = subprocess.run(
        [str(PCC), "sql", "--format", "csv"],
        input="select id from marts.demo order by id",
        env={**os.environ, "PCC_DATA_DIR": str(data_root)},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert (piped.returncode, piped.stdout) == (0, "id\n1\n2\n"), piped.stderr


def test_non_ascii_result_on_an_ascii_terminal_is_escaped(world):
    result = _cli(
        ["select 'Folkestone – Hythe' as name", "-f", "csv"],
        world["tmp"] / "data",
        PYTHONIOENCODING="ascii",
    )
    assert result.returncode == 0 and "Traceback" not in result.stderr
    assert result.stdout == "name\nFolkestone \\u2013 Hythe\n"


def test_corrupt_warehouse_is_one_line(world):
    warehouse = world["tmp"] / "data" / "warehouse.duckdb"
    warehouse.write_bytes(warehouse.read_bytes()[:5000])
    result = _cli(["select 1"], world["tmp"] / "data")
    assert result.returncode == 1
    assert result.stderr.startswith("pcc: error: the published warehouse ")
    assert "cannot be opened" in result.stderr and len(result.stderr.splitlines()) == 1


def _peak_rss_mb(pid: int) -> float:
    """The process's own high-water RSS (VmHWM). Not wait4's ru_maxrss: a forked child carries
    over its parent's peak (here pytest's), so that would measure the test runner."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return 0.0
    for line in status.splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return 0.0


@pytest.mark.heavy
@pytest.mark.slow
def test_five_million_row_csv_export_streams_in_flat_memory(world, tmp_path):
    """5M rows as CSV to a file: RSS of the whole `pcc sql` process stays under 500 MB."""
    out = tmp_path / "big.csv"
    peak = 0.0
    with out.open("w") as sink:
        process = subprocess.Popen(
            [
                str(PCC),
                "sql",
                "select i, i * 2 as twice, 'district ' || (i % 13) as district "
                "from range(5000000) t(i)",
                "--format",
                "csv",
            ],
            env={**os.environ, "PCC_DATA_DIR": str(world["tmp"] / "data"), "PCC_SQL_TIMEOUT": "0"},
            stdout=sink,
            stderr=subprocess.PIPE,
        )
        while process.poll() is None:
            peak = max(peak, _peak_rss_mb(process.pid))
            time.sleep(0.05)
    assert process.returncode == 0, process.stderr.read()
    with out.open() as lines:
        assert sum(1 for _ in lines) == 5_000_001
    assert 0 < peak < 500, f"peak RSS {peak:.0f} MB"


def test_concurrent_and_nested_readers_in_one_process(world):
    """The explorer serves many sessions from one process: readers opened at the same time (or
    one inside another) share one locked configuration instead of failing."""
    import threading

    failures: list[str] = []

    def read() -> None:
        try:
            for _ in range(10):
                with connect_published() as con:
                    assert con.execute("select count(*) from demo").fetchone()[0] == 2
        except Exception as exc:  # noqa: BLE001 - reported below
            failures.append(str(exc))

    threads = [threading.Thread(target=read) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert failures == []
    with connect_published() as outer, connect_published() as inner:
        assert inner.execute("select 1").fetchone() == outer.execute("select 1").fetchone()
