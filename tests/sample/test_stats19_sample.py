"""The committed synthetic STATS19 files are reproducible and are what road_casualties came from."""

from __future__ import annotations

import gzip

from ingest.public.stats19 import extract_bytes, kent_casualties
from sample.roads import FILES, STATS19_DIR, road_casualties_extract, synthetic_files
from tests.sample.conftest import RAW

SEED = 20250930


def test_committed_stats19_files_regenerate_byte_for_byte():
    for name, data in synthetic_files(SEED).items():
        assert gzip.decompress((STATS19_DIR / name).read_bytes()) == data, name


def test_road_casualties_extract_is_the_loader_output_of_the_committed_files():
    rows = kent_casualties(
        [STATS19_DIR / c for c, _ in FILES.values()], [STATS19_DIR / k for _, k in FILES.values()]
    )
    committed = gzip.decompress((RAW / "road_casualties.csv.gz").read_bytes())
    assert extract_bytes(rows) == committed == road_casualties_extract(SEED)[1]
    assert {r["collision_date"][:4] for r in rows} >= {"2018", "2021", "2022", "2025"}
