"""`pcc sample --scale national`: extracts that ingest under the same contracts, one file a month."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from ingest.pipeline import ingest_paths
from pcc.paths import DataPaths
from sample.errors import SampleUsageError
from sample.national import run_national

ROOT = Path(__file__).resolve().parents[2]
SEED = 20250930


@pytest.fixture(scope="module")
def national(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("national") / "raw"
    assert run_national(out, forces=2, years=1, seed=SEED) == 0
    return out


@pytest.mark.heavy  # generates and ingests a two-force national data set
def test_every_file_passes_ingest_and_each_month_holds_every_force(national, tmp_path):
    report = ingest_paths([national], DataPaths(tmp_path))
    assert report.rejected == []
    crime_files = sorted(p.name for p in (national / "crime_records").iterdir())
    assert crime_files == [f"crime_records_{m}.csv.gz" for m in _months("2024-10", 12)]
    con = duckdb.connect(str(tmp_path / "landing" / "landing.duckdb"), read_only=True)
    forces_per_month = con.execute(
        """
        select count(distinct split_part(crime_id, '-', 1))
        from crime_records group by date_trunc('month', recorded_date)
        """
    ).fetchall()
    assert forces_per_month == [(2,)] * 12
    rows, ids = con.execute(
        "select count(*), count(distinct crime_id) from crime_records"
    ).fetchone()
    assert rows == ids  # force-prefixed references stay unique


def test_refuses_to_overwrite_the_committed_sample_or_go_beyond_the_history():
    with pytest.raises(SampleUsageError, match="committed sample"):
        run_national(ROOT / "data" / "raw", forces=1, years=1, seed=SEED)
    with pytest.raises(SampleUsageError, match="--years"):
        run_national(Path("/nonexistent"), forces=1, years=8, seed=SEED)
    with pytest.raises(SampleUsageError, match="--forces"):
        run_national(Path("/nonexistent"), forces=44, years=1, seed=SEED)


def _months(first: str, count: int) -> list[str]:
    year, month = map(int, first.split("-"))
    out = []
    for _ in range(count):
        out.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return out
