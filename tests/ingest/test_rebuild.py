"""A landing store rebuilt from its archive alone ends where the store was, table for table."""

from __future__ import annotations

import hashlib

import duckdb

from ingest.contracts import CONTRACTS
from ingest.pipeline import ingest_paths
from ingest.rebuild import archived_loads, rebuild_landing
from pcc.paths import DataPaths
from tests.ingest.extract_factory import valid_rows, write_extract
from tests.ingest.test_revisions import _later

REPLAYED = [*CONTRACTS, "month_owner"]
# What a replay cannot know: when, and what a person said when accepting.
MANIFEST = "select * exclude (loaded_at, note) from load_manifest order by load_id"


def _state(data) -> dict[str, list[tuple]]:
    with duckdb.connect(str(data.landing_db), read_only=True) as con:
        state = {t: con.execute(f"select * from {t} order by all").fetchall() for t in REPLAYED}
        state["load_manifest"] = con.execute(MANIFEST).fetchall()
    return state


def _revision_sorting_first(files, rows, original_sha: str):
    """The revision's rows, in a file whose SHA-256 sorts before the original's."""
    for n in range(1000):
        candidate = rows[n % len(rows) :] + rows[: n % len(rows)]  # same rows, other order
        path = write_extract(files / f"crime_2025-09_rev{n}.csv", candidate)
        if hashlib.sha256(path.read_bytes()).hexdigest() < original_sha:
            return path
        path.unlink()
    raise AssertionError("no ordering of the rows gave a smaller hash")


def test_rebuild_replays_loads_revisions_quarantines_and_reinstatements_in_order(
    files, data, tmp_path
):
    crime = valid_rows("crime_records", ("2025-08", "2025-09"), per_month=100)
    original = write_extract(files / "crime_2025-08_09.csv", crime)
    calls = write_extract(files / "calls.csv", valid_rows("call_handling", ("2025-09",)))
    ingest_paths([original, calls], data)
    september = [r for r in crime if r["recorded_date"].startswith("2025-09")]
    sha = hashlib.sha256(original.read_bytes()).hexdigest()
    revision = _revision_sorting_first(files, september[:97], sha)
    assert hashlib.sha256(revision.read_bytes()).hexdigest() < sha
    truncated = write_extract(files / "crime_2025-09_cut.csv", september[:40])
    held = write_extract(files / "crime_2025-09_cut_more.csv", september[:10])

    steps = [
        ingest_paths([revision], data),  # superseded 1 month
        ingest_paths([truncated], data),  # quarantined
        ingest_paths([], data, accept=(truncated,)),  # superseded, accepted
    ]
    _later(original)
    steps.append(ingest_paths([original], data))  # reinstated (both months)
    steps.append(ingest_paths([held], data))  # quarantined, never accepted
    actions = [r.action for step in steps for r in step.files]
    assert actions == ["superseded", "quarantined", "superseded", "reinstated", "quarantined"]
    before = _state(data)

    target = DataPaths(tmp_path / "rebuilt")
    report = rebuild_landing(data, target)

    assert [r.action for r in report.files] == [
        "loaded",
        "loaded",
        "superseded",
        "quarantined",
        "superseded",
        "reinstated",
        "quarantined",
    ]
    assert [load_id for load_id, _, _ in archived_loads(data)] == list(range(1, 8))
    assert _state(target) == before
    with duckdb.connect(str(target.landing_db), read_only=True) as con:
        assert con.execute(
            "select count(*) from crime_records where recorded_date >= '2025-09-01'"
        ).fetchone() == (100,)
