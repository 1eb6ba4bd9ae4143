"""SYNTHETIC Home Office 999 answer-time files for every territorial force (the sample).

Two files in two assumed published vintages (ingest/public/calls_999.py, docs/public_data.md):
November 2021 to March 2023 with the older names (`Force name`, `Mar-22`, a percentage column,
force name variants such as `Kent Police`), and April 2023 onwards with the newer ones. Kent's
rows are the 999 rows of the synthetic call_handling extract (calls answered, the three bands,
the average of total_answer_seconds), so Kent's rank is computed from the same counts as its
own measure. Every other force is modelled: a size relative to Kent and a typical share
answered within 10 seconds, with monthly noise. None of it is a real force's figure.
"""

from __future__ import annotations

import csv
import io
from datetime import date
from pathlib import Path

import numpy as np
import polars as pl

from ingest.paths import SEEDS_DIR

FIRST_MONTH = date(2021, 11, 1)  # the data are published from November 2021
VINTAGE_SPLIT = date(2023, 4, 1)  # first month of the newer column names
OLD_HEADER = (
    "Force name", "Month", "Number of calls", "Under 10 seconds", "% under 10 seconds",
    "Between 10 and 60 seconds", "60 seconds or more", "Average answer time",
)  # fmt: skip
NEW_HEADER = (
    "Force", "Month", "Total calls", "Calls answered in under 10 seconds",
    "Calls answered in 10 to under 60 seconds", "Calls answered in 60 seconds or more",
    "Average time to answer (seconds)",
)  # fmt: skip
OLD_NAMES = {"Kent": "Kent Police", "Avon and Somerset": "Avon & Somerset"}
STREAM = 999  # its own random stream: the other sample files keep their bytes


def territorial_forces() -> list[str]:
    with open(SEEDS_DIR / "public" / "forces.csv") as f:
        return [r["force_name"] for r in csv.DictReader(f) if r["is_territorial"] == "true"]


def _kent(call_handling: pl.DataFrame) -> pl.DataFrame:
    return (
        call_handling.filter(pl.col("channel") == "999")
        .with_columns(month=pl.col("date").dt.truncate("1mo"))
        .group_by("month")
        .agg(
            calls=pl.col("calls_answered").sum(),
            under_10=pl.col("answered_within_10s").sum(),
            from_10=pl.col("answered_10_to_60s").sum(),
            over_60=pl.col("answered_over_60s").sum(),
            seconds=pl.col("total_answer_seconds").sum(),
        )
        .filter(pl.col("month") >= FIRST_MONTH)
        .sort("month")
    )


def build_rows(call_handling: pl.DataFrame, seed: int) -> list[tuple]:
    """(force, month, calls, under 10 s, 10 to 60 s, 60 s or more, total seconds) per row."""
    rng = np.random.Generator(np.random.PCG64(np.random.SeedSequence([seed, STREAM])))
    kent = _kent(call_handling)
    forces = territorial_forces()
    size = rng.lognormal(0.0, 0.7, len(forces))
    typical = rng.uniform(0.55, 0.96, len(forces))
    slow = rng.uniform(0.1, 0.4, len(forces))  # share of the rest answered in 60 s or more
    rows = []
    for month, calls, under_10, from_10, over_60, seconds in kent.iter_rows():
        for i, force in enumerate(forces):
            if force == "Kent":
                rows.append((force, month, calls, under_10, from_10, over_60, seconds))
                continue
            n = max(int(round(calls * size[i] * rng.uniform(0.93, 1.07))), 1)
            share = float(np.clip(typical[i] + rng.normal(0, 0.03), 0.02, 0.99))
            fast = int(rng.binomial(n, share))
            late = int(rng.binomial(n - fast, slow[i]))
            middle = n - fast - late
            total = int(round(fast * 4.5 + middle * 24 + late * 95))
            rows.append((force, month, n, fast, middle, late, total))
    return rows


def _average(seconds: int, calls: int) -> str:
    return f"{seconds / calls:.1f}" if calls else ""


def _old(rows: list[tuple]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(OLD_HEADER)
    for force, month, calls, fast, middle, late, seconds in rows:
        share = f"{fast * 100 / calls:.1f}" if calls else ""
        name = OLD_NAMES.get(force, force)
        writer.writerow(
            (name, f"{month:%b-%y}", calls, fast, share, middle, late, _average(seconds, calls))
        )
    return out.getvalue().encode()


def _new(rows: list[tuple]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(NEW_HEADER)
    for force, month, calls, fast, middle, late, seconds in rows:
        writer.writerow(
            (force, f"{month:%Y-%m}", calls, fast, middle, late, _average(seconds, calls))
        )
    return out.getvalue().encode()


def write_calls_999(call_handling: pl.DataFrame, seed: int, out: Path) -> dict[str, tuple]:
    """Write both vintages under out/public/; {relative path: (rows, bytes)}."""
    rows = build_rows(call_handling, seed)
    old = [r for r in rows if r[1] < VINTAGE_SPLIT]
    new = [r for r in rows if r[1] >= VINTAGE_SPLIT]
    last = max(r[1] for r in rows)
    written = {}
    for name, part, render in (
        (f"calls_999_synthetic_{FIRST_MONTH:%Y-%m}_to_2023-03.csv", old, _old),
        (f"calls_999_synthetic_{VINTAGE_SPLIT:%Y-%m}_to_{last:%Y-%m}.csv", new, _new),
    ):
        path = out / "public" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        data = render(part)
        path.write_bytes(data)
        written[f"public/{name}"] = (len(part), len(data))
    return written
