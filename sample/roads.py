"""Synthetic DfT STATS19 collision and casualty files for Kent (not real data).

Written in the published formats: the older `accident_*` vintage for 2018-2021 and the newer
`collision_*` vintage for 2022 onwards (published column names; a subset of the columns). Not
calibrated to any published figure: the levels, the fall during the 2020-21 lockdowns and the
summer peak are modelled. `pcc sample` turns them into data/raw/road_casualties.csv.gz with the
same loader a real download goes through (ingest.public.stats19); the files themselves are committed in
data/stats19/ (`python -m sample.roads` rewrites them).
"""

from __future__ import annotations

import csv
import io
import sys
import tempfile
from pathlib import Path

import numpy as np

from ingest.extract_file import write_gzip
from ingest.paths import REPO_ROOT
from ingest.public.stats19 import extract_bytes, kent_casualties
from sample.reference import districts
from sample.shapes import monthly_series, yearly
from sample.timeline import DAYS_IN_MONTH, MONTH_START, MONTHS

STATS19_DIR = REPO_ROOT / "data" / "stats19"
# Collisions with casualties per year (synthetic), and a share outside Kent (other districts
# appear in a national file and must be dropped by the loader).
LEVELS = yearly(4200, 4100, 3300, 3700, 3800, 3700, 3600, 3550)
OUTSIDE_KENT = "E99999999"  # a placeholder district outside Kent (as in a national file)
OUTSIDE_SHARE = 0.05
CASUALTIES_PER_COLLISION = (0.72, 0.18, 0.07, 0.03)  # 1, 2, 3, 4 casualties
SEVERITY_SHARE = (0.012, 0.16, 0.828)  # casualty_severity 1, 2, 3 (synthetic)
NEW_VINTAGE_FROM = "2022"
FILES = {
    "accident": ("synthetic-accident-2018-2021.csv.gz", "synthetic-casualty-2018-2021.csv.gz"),
    "collision": ("synthetic-collision-2022-2025.csv.gz", "synthetic-casualty-2022-2025.csv.gz"),
}


def _headers(vintage: str) -> tuple[list[str], list[str]]:
    ref = "accident_reference" if vintage == "accident" else "collision_ref_no"
    base = [f"{vintage}_index", f"{vintage}_year", ref]
    collision = [*base, "date", "time", "local_authority_ons_district",
                 f"{vintage}_severity", "number_of_casualties"]  # fmt: skip
    casualty = [*base, "vehicle_reference", "casualty_reference", "casualty_severity"]
    return collision, casualty


def synthetic_files(seed: int) -> dict[str, bytes]:
    """{file name: CSV bytes} of the two vintages, the same for the same seed."""
    rng = np.random.Generator(np.random.PCG64(np.random.SeedSequence([seed, 77])))
    counts = rng.poisson(monthly_series(LEVELS, "cycle", 0.35))
    dist = districts()
    w = np.array([d.population for d in dist], dtype=float)
    codes = [d.code for d in dist]
    out: dict[str, tuple[io.StringIO, io.StringIO, csv.writer, csv.writer]] = {}
    for vintage in FILES:
        col_buf, cas_buf = io.StringIO(), io.StringIO()
        col_w = csv.writer(col_buf, lineterminator="\n")
        cas_w = csv.writer(cas_buf, lineterminator="\n")
        col_h, cas_h = _headers(vintage)
        col_w.writerow(col_h)
        cas_w.writerow(cas_h)
        out[vintage] = (col_buf, cas_buf, col_w, cas_w)
    for m, n in enumerate(counts):
        year = MONTHS[m][:4]
        vintage = "collision" if year >= NEW_VINTAGE_FROM else "accident"
        _, _, col_w, cas_w = out[vintage]
        days = np.sort(rng.integers(0, DAYS_IN_MONTH[m], size=n))
        for k in range(n):
            day = MONTH_START[m] + int(days[k])
            ref = f"{MONTHS[m][5:]}{k:04d}"
            index = f"{year}SYN{ref}"
            outside = rng.random() < OUTSIDE_SHARE
            district = OUTSIDE_KENT if outside else codes[rng.choice(len(codes), p=w / w.sum())]
            n_cas = 1 + rng.choice(4, p=CASUALTIES_PER_COLLISION)
            severities = 1 + rng.choice(3, size=n_cas, p=SEVERITY_SHARE)
            d = str(day)
            col_w.writerow([index, year, ref, f"{d[8:10]}/{d[5:7]}/{d[:4]}",
                            f"{rng.integers(0, 24):02d}:{rng.integers(0, 60):02d}", district,
                            int(severities.min()), n_cas])  # fmt: skip
            for c, severity in enumerate(severities, start=1):
                cas_w.writerow([index, year, ref, 1, c, int(severity)])
    files = {}
    for vintage, (col_name, cas_name) in FILES.items():
        col_buf, cas_buf, _, _ = out[vintage]
        files[col_name] = col_buf.getvalue().encode("utf-8")
        files[cas_name] = cas_buf.getvalue().encode("utf-8")
    return files


def road_casualties_extract(seed: int) -> tuple[int, bytes]:
    """(rows, CSV bytes) of data/raw/road_casualties.csv.gz, via the STATS19 loader."""
    with tempfile.TemporaryDirectory() as tmp:
        paths = {}
        for name, data in synthetic_files(seed).items():
            paths[name] = Path(tmp) / name
            write_gzip(paths[name], data)
        rows = kent_casualties(
            [paths[c] for c, _ in FILES.values()], [paths[k] for _, k in FILES.values()]
        )
    return len(rows), extract_bytes(rows)


if __name__ == "__main__":
    seed = int(sys.argv[1]) if len(sys.argv) > 1 else 20250930
    for name, data in synthetic_files(seed).items():
        write_gzip(STATS19_DIR / name, data)
    print(f"wrote the synthetic STATS19 files to {STATS19_DIR}")
