"""The CLI surface users rely on: help everywhere, fast startup, one-line errors."""

import json
import os
import re
import shutil
import subprocess
import sys

import duckdb
import pytest

from pcc.cli import app

COMMANDS = sorted(cmd.name or cmd.callback.__name__ for cmd in app.registered_commands)


def _pcc(*args, env=None):
    return subprocess.run(
        [sys.executable, "-m", "pcc", *args], capture_output=True, text=True, env=env, timeout=120
    )


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help(command):
    result = _pcc(command, "--help")
    assert result.returncode == 0, result.stderr
    assert "Usage" in result.stdout


def test_help_does_not_import_heavy_libraries():
    # `pcc --help` must stay instant: dbt, Great Expectations and Streamlit are imported lazily.
    code = (
        "import sys, json\n"
        "from typer.testing import CliRunner\n"
        "from pcc.cli import app\n"
        "CliRunner().invoke(app, ['--help'])\n"
        "print(json.dumps(sorted(m for m in sys.modules if m.split('.')[0] in "
        "('dbt', 'great_expectations', 'streamlit', 'polars', 'altair'))))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == []


def test_errors_are_one_line_without_traceback(tmp_path):
    env = {"PCC_DATA_DIR": str(tmp_path), "PATH": "/usr/bin:/bin"}
    result = _pcc("sql", "select 1", env=env)
    assert result.returncode == 3
    assert result.stderr.strip().count("\n") == 0
    assert "Traceback" not in result.stderr
    assert "pcc refresh" in result.stderr


def _one_line_error(result, code: int) -> str:
    assert result.returncode == code, (result.returncode, result.stderr)
    assert result.stderr.startswith("pcc: error: ") and result.stderr.count("\n") == 1, (
        result.stderr
    )
    assert "Traceback" not in result.stderr and "╭" not in result.stderr
    return result.stderr


@pytest.mark.parametrize(
    "args",
    [
        ("measures", "--period-end", "2024-13"),
        ("measures", "--bogus"),
        ("nosuch",),
        ("sql", "--format", "xml", "select 1"),
        ("refresh", "--verbose", "--quiet"),
    ],
)
def test_usage_errors_are_one_line_on_stderr_with_exit_2(args, tmp_path):
    result = _pcc(*args, env={**os.environ, "PCC_DATA_DIR": str(tmp_path)})
    _one_line_error(result, 2)
    assert result.stdout == ""


def test_version_and_short_help():
    version = _pcc("--version")
    assert version.returncode == 0 and version.stdout.startswith("pcc ")
    assert _pcc("-h").stdout == _pcc("--help").stdout
    assert _pcc("measures", "-h").returncode == 0


@pytest.mark.parametrize("command", COMMANDS)
def test_help_has_no_type_or_choice_artefacts(command):
    text = _pcc(command, "--help").stdout
    assert not re.search(r"<[a-z\[\]|]+>", text), text  # typer's <bool>, <str>, <list[Path]>
    assert "{" not in text and "╭" not in text
    assert text.startswith(f"Usage: pcc {command} ")


def test_period_end_defaults_to_the_latest_complete_month(sample_warehouse):
    env = {**os.environ, "PCC_DATA_DIR": str(sample_warehouse)}
    result = _pcc("measures", "-f", "json", env=env)
    assert result.returncode == 0, result.stderr
    assert {row["period_end"] for row in json.loads(result.stdout)} == {"2025-09"}


def test_data_dir_option_means_pcc_data_dir(sample_warehouse, tmp_path):
    env = {**os.environ, "PCC_DATA_DIR": str(tmp_path)}  # empty: no warehouse there
    assert _pcc("sql", "select 1", env=env).returncode == 3
    result = _pcc("--data-dir", str(sample_warehouse), "sql", "select 42 as x", env=env)
    assert result.returncode == 0, result.stderr
    assert "42" in result.stdout


def test_public_measures_without_public_data_exit_3(sample_warehouse, tmp_path):
    """A warehouse without Home Office open data: no data of the kind asked for."""
    data_dir = tmp_path / "data"
    shutil.copytree(
        sample_warehouse, data_dir, ignore=shutil.ignore_patterns("build", "landing", "quality")
    )
    with duckdb.connect(str(data_dir / "warehouse.duckdb")) as con:
        con.execute("delete from marts.fct_measure_board where source = 'prc'")
    env = {**os.environ, "PCC_DATA_DIR": str(data_dir)}
    _one_line_error(_pcc("measures", "--source", "prc", "--period-end", "2025-09", env=env), 3)
