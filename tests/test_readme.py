"""The README is the users' manual: short, the two commands first, and every command in it runs
as written. The contract tables, in docs/contracts.md, match the enforced contracts."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from ingest.contract_docs import LANDING_SOURCES, all_contracts_markdown, landing_sources_yaml
from pcc.paths import PROJECT_ROOT

README = PROJECT_ROOT / "README.md"
# Commands that do not end by themselves (servers) or run the whole suite: not run here.
NOT_RUN = ("make run", "make test", "pcc explore", "pcc docs --serve")
_FENCE = re.compile(r"^\s*```(\w*)\s*$")


def readme_commands(text: str) -> list[str]:
    """Every command line of the README's bash code blocks, in order."""
    commands, language = [], None
    for line in text.splitlines():
        fence = _FENCE.match(line)
        if fence:
            language = None if language is not None else fence.group(1)
        elif language in ("bash", "sh", "shell") and line.strip()[:1] not in ("", "#"):
            commands.append(line.strip())
    return commands


def test_readme_is_a_short_user_guide_starting_with_the_two_commands():
    text = README.read_text(encoding="utf-8")
    assert len(text.splitlines()) <= 300
    assert readme_commands(text)[:2] == ["make run", "make test"]
    quickstart = text.split("## Quickstart", 1)[1].split("\n## ", 1)[0]
    assert "blocks" in quickstart and "PORT=" in quickstart and "Ctrl+C" in quickstart
    for link in re.findall(r"\]\((docs/[^)#]+)", text):
        assert (PROJECT_ROOT / link).is_file(), f"README links to missing {link}"


def test_docs_contract_tables_match_the_enforced_contracts():
    doc = (PROJECT_ROOT / "docs" / "contracts.md").read_text(encoding="utf-8")
    match = re.search(r"<!-- contracts:start -->\n(.*?)\n<!-- contracts:end -->", doc, re.S)
    assert match, "docs/contracts.md lost its contracts section markers"
    assert match.group(1).strip() == all_contracts_markdown().strip(), (
        "docs/contracts.md tables are stale: regenerate with `python -m ingest.contract_docs`"
    )


def test_dbt_landing_source_docs_are_generated_from_the_contracts():
    """What dbt docs say of each landing table and column is the contract ingest enforces."""
    committed = LANDING_SOURCES.read_text(encoding="utf-8")
    assert committed == landing_sources_yaml(committed), (
        "models/staging/landing/_landing__sources.yml is stale: regenerate with "
        "`python -m ingest.contract_docs --dbt-sources`"
    )


@pytest.fixture(scope="module")
def user_shell(sample_warehouse, tmp_path_factory) -> dict:
    """A user's working folder after `make run`: .venv present, PCC_DATA_DIR a private copy of
    the synthetic sample's data folder."""
    home = tmp_path_factory.mktemp("readme-user")
    data = home / "data"
    shutil.copytree(sample_warehouse, data, ignore=shutil.ignore_patterns("build"))
    (home / ".venv").symlink_to(Path(sys.prefix))
    env = {
        **os.environ,
        "PCC_DATA_DIR": str(data),
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}",
    }
    return {"cwd": home, "env": env}


@pytest.mark.parametrize(
    "command",
    [c for c in readme_commands(README.read_text(encoding="utf-8")) if not c.startswith(NOT_RUN)],
)
def test_every_readme_command_runs_as_written(command, user_shell):
    result = subprocess.run(
        ["bash", "-c", command],
        cwd=user_shell["cwd"],
        env=user_shell["env"],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, f"{command}\n{result.stdout[-1500:]}\n{result.stderr[-1500:]}"
    assert "Traceback" not in result.stderr
