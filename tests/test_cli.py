"""The CLI surface users rely on: help everywhere, fast startup, one-line errors."""

import json
import subprocess
import sys

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
