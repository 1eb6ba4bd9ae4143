"""One dbt build of the synthetic landing fixture per test session, published to a temp data dir."""

from __future__ import annotations

import fcntl
import shutil
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pytest

from pcc.build.dbt_runner import run_dbt
from pcc.paths import PROJECT_ROOT, DataPaths
from tests.conftest import shared_root
from tests.dbt.landing_fixture import Landing, generate, write_landing_file

FORCE = "E23000032"


@dataclass(frozen=True)
class Built:
    data: DataPaths
    landing: Landing

    def query(self, sql: str, params: list | None = None) -> list[tuple]:
        con = duckdb.connect(str(self.data.warehouse), read_only=True)
        try:
            return con.execute(sql, params or []).fetchall()
        finally:
            con.close()


def build_fixture_warehouse(
    root: Path, landing: Landing, project_dir: Path = PROJECT_ROOT
) -> DataPaths:
    """Landing fixture -> dbt build -> published warehouse.duckdb under root.

    The unit tests are left out: they check model logic on fixed inputs, whatever the landing
    data, and the sample refresh of the same session (its full build) runs them.
    """
    data = DataPaths(root)
    data.build_dir.mkdir(parents=True, exist_ok=True)
    build_file = data.build_dir / "fixture-build.duckdb"
    write_landing_file(build_file, landing)
    run_dbt(
        ["build", "--exclude-resource-type", "unit_test"],
        build_file,
        data,
        project_dir=project_dir,
        echo=lambda line: None,
    )
    shutil.copyfile(build_file, data.warehouse)
    return data


@pytest.fixture(scope="session")
def landing() -> Landing:
    return generate()


@pytest.fixture(scope="session")
def built(tmp_path_factory, landing) -> Built:
    """Built once per test run: under pytest-xdist the first worker to need it builds it while
    holding a lock, and the others wait for it and read the same (read-only) folder."""
    root = shared_root(tmp_path_factory)
    data = DataPaths(root / "dbt-fixture")
    done = root / "dbt-fixture.done"
    with open(root / "dbt-fixture.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not done.exists():
            shutil.rmtree(data.root, ignore_errors=True)
            build_fixture_warehouse(data.root, landing)
            done.touch()
    return Built(data=data, landing=landing)


@pytest.fixture
def published(built, monkeypatch) -> Built:
    """The session build as the published warehouse of PCC_DATA_DIR."""
    monkeypatch.setenv("PCC_DATA_DIR", str(built.data.root))
    return built


def copy_project(destination: Path) -> Path:
    """The dbt project (config, models, seeds, macros, tests, profile) copied for editing."""
    shutil.copy2(PROJECT_ROOT / "dbt_project.yml", destination / "dbt_project.yml")
    shutil.copytree(PROJECT_ROOT / "models", destination / "models")
    shutil.copytree(
        PROJECT_ROOT / "dbt_project",
        destination / "dbt_project",
        ignore=shutil.ignore_patterns("target", "logs", "__pycache__"),
    )
    return destination
