"""A landing store rebuilt from its archive alone ends where the store was, table for table."""

from __future__ import annotations

import hashlib

import duckdb

from ingest.contracts import CONTRACTS
from ingest.pipeline import ingest_paths
from ingest.rebuild import archived_loads, rebuild_landing
from pcc.paths import DataPaths
from tests.ingest.extract_factory import valid_rows, write_extract
from tests.ingest.test_ingest_cli import pcc_ingest
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


def test_a_lost_landing_store_is_never_recreated_over_its_archive_and_rebuilds(files, data):
    crime = valid_rows("crime_records", ("2025-08",), per_month=40)
    path = write_extract(files / "crime.csv", crime)
    ingest_paths([path], data)
    ingest_paths([write_extract(files / "crime_rev.csv", crime[:38])], data)
    before = _state(data)
    data.landing_db.unlink()  # lost
    archive = sorted(p.name for p in data.archive_dir.iterdir())

    refused = pcc_ingest(path, data_dir=data.root)
    assert refused.returncode == 1
    assert refused.stderr.startswith("pcc: error: the landing store ")
    assert "run `pcc ingest --rebuild`" in refused.stderr
    assert sorted(p.name for p in data.archive_dir.iterdir()) == archive  # nothing deleted

    rebuilt = pcc_ingest(data_dir=data.root, extra=["--rebuild"])
    assert rebuilt.returncode == 0, rebuilt.stderr
    assert rebuilt.stdout.splitlines()[-1] == f"rebuilt {data.landing_db} from {data.archive_dir}"
    assert _state(data) == before
    assert sorted(p.name for p in data.archive_dir.iterdir()) == archive
