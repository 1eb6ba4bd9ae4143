"""SYNTHETIC crime outcomes open data for offences involving knives or sharp instruments and for
offences involving firearms, for every territorial force (the sample).

Two CSVs in the all-offence outcomes layout (sample/prc_outcomes_national.py; the Home Office
publishes these subsets as tables of the same layout), gzipped, named for their subset, April
2023 to September 2025. Unlike the all-offence sample they carry outcome type 0 (not yet
assigned an outcome), so every offence recorded in a quarter has one row count: the subset's
offences are the sum over the types.

Kent's rows are the synthetic Kent crime records flagged `knife_or_sharp_instrument` or
`firearm`, so Kent's knife and firearm offences from these tables are its board figures. Every
other force is modelled: per quarter and offence code, Kent's subset offences scaled by the
force's offences of that code (sample/prc_national.py) and a force factor, then Kent's outcome
shares drawn for them, its charges scaled by a second factor. None of it is a real force's
figure.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import numpy as np
import polars as pl

from ingest.extract_file import write_gzip
from ingest.paths import SEEDS_DIR
from sample.prc_national import financial_quarter
from sample.prc_outcomes_national import COLUMNS, FIRST_YEAR, published_rows

STREAM = 139_000  # its own random stream: the other sample files keep their bytes
SUBSETS = {  # file -> the crime records flag it counts
    "public/prc_outcomes_knives_or_sharp_instruments_synthetic_2023-24_to_2025-26.csv.gz": (
        "knife_or_sharp_instrument"
    ),
    "public/prc_outcomes_firearms_synthetic_2023-24_to_2025-26.csv.gz": "firearm",
}
NOT_YET = (0, "Not yet assigned an outcome", "Not yet assigned an outcome")
_KEY = ("financial_year", "financial_quarter", "open_data_code")


def kent_subset(crimes: pl.DataFrame, flag: str, last: tuple[str, int]) -> pl.DataFrame:
    """Kent's flagged crimes: per quarter, open-data code and outcome type (0 = none yet), the
    crimes recorded in the quarter given it, and the outcomes given in the quarter."""
    to_open = pl.read_csv(SEEDS_DIR / "offence_codes.csv", infer_schema_length=0).select(
        "offence_code", "open_data_code"
    )
    flagged = (
        crimes.filter(pl.col(flag) == 1)
        .join(to_open, on="offence_code", how="left", validate="m:1")
        .with_columns(pl.col("outcome_code").fill_null(0))
    )
    recorded = (
        flagged.with_columns(**financial_quarter("recorded_date"))
        .group_by(*_KEY, "outcome_code")
        .agg(pl.len().alias("for_recorded"))
    )
    closed = (
        flagged.filter(pl.col("outcome_code") > 0)
        .with_columns(**financial_quarter("outcome_date"))
        .group_by(*_KEY, "outcome_code")
        .agg(pl.len().alias("in_quarter"))
    )
    both = recorded.join(closed, on=[*_KEY, "outcome_code"], how="full", coalesce=True)
    in_range = (pl.col("financial_year") >= FIRST_YEAR) & (
        (pl.col("financial_year") < last[0])
        | ((pl.col("financial_year") == last[0]) & (pl.col("financial_quarter") <= last[1]))
    )
    return both.filter(in_range).fill_null(0).sort(*_KEY, "outcome_code")


def build_subset_rows(crimes, prc_rows: list[tuple], flag: str, rng) -> list[tuple]:
    types = pl.read_csv(SEEDS_DIR / "outcome_types.csv", infer_schema_length=0)
    names = {int(r["outcome_code"]): r for r in types.to_dicts()}
    names[0] = dict(
        zip(("outcome_code", "outcome_description", "outcome_group"), NOT_YET, strict=True)
    )
    last = max((r[0], r[1]) for r in prc_rows)
    by_key: dict[tuple, list[tuple[int, int, int]]] = {}
    for r in kent_subset(crimes, flag, last).iter_rows(named=True):
        key = (r["financial_year"], r["financial_quarter"], r["open_data_code"])
        by_key.setdefault(key, []).append((r["outcome_code"], r["for_recorded"], r["in_quarter"]))
    kent_offences = {(r[0], r[1], r[6]): r[7] for r in prc_rows if r[2] == "Kent"}
    forces = sorted({r[2] for r in prc_rows})
    level = dict(zip(forces, rng.lognormal(0.0, 0.35, len(forces)), strict=True))
    charging = dict(zip(forces, rng.lognormal(0.0, 0.2, len(forces)), strict=True))
    rows = []
    for fy, quarter, force, description, group, subgroup, code, offences in prc_rows:
        outcomes = by_key.get((fy, quarter, code))
        if not outcomes or not kent_offences.get((fy, quarter, code)):
            continue
        if force == "Kent":
            counts = outcomes
        else:
            scale = offences / kent_offences[(fy, quarter, code)] * level[force]
            counts = _modelled(rng, outcomes, scale, charging[force])
        rows.extend(published_rows((fy, quarter, force, description, group, subgroup, code),
                                   counts, names))  # fmt: skip
    return rows


def _modelled(rng, outcomes, scale: float, charging: float):
    """The force's subset offences, Poisson around Kent's scaled; Kent's outcome shares drawn
    for them, charges (type 1) times the force's factor; outcomes given in the quarter Poisson
    around Kent's scaled the same way."""
    codes = [t for t, _, _ in outcomes]
    weights = np.array([n * (charging if t == 1 else 1.0) for t, n, _ in outcomes], dtype=float)
    offences = int(rng.poisson(sum(n for _, n, _ in outcomes) * scale))
    drawn = (
        rng.multinomial(offences, weights / weights.sum()) if weights.sum() else [0] * len(codes)
    )
    given = rng.poisson([n * scale * (charging if t == 1 else 1.0) for t, _, n in outcomes])
    return [(t, int(d), int(g)) for t, d, g in zip(codes, drawn, given, strict=True)]


def write_subset_outcomes(crimes: pl.DataFrame, prc_rows: list[tuple], seed: int, out: Path):
    """Write both files under out/public/; {relative path: (rows, bytes)}."""
    rng = np.random.Generator(np.random.PCG64(np.random.SeedSequence([seed, STREAM])))
    written = {}
    for file, flag in SUBSETS.items():
        rows = build_subset_rows(crimes, prc_rows, flag, rng)
        text = io.StringIO()
        writer = csv.writer(text, lineterminator="\n")
        writer.writerow(COLUMNS)
        writer.writerows(rows)
        written[file] = (len(rows), write_gzip(out / file, text.getvalue().encode()))
    return written
