"""SYNTHETIC police recorded crime open data for every territorial force (the sample).

One CSV in the newer layout of the Home Office's *police recorded crime open data Police Force
Area tables* (ingest/public/prc.py: `Financial Year, Financial Quarter, Force Name, Offence
Description, Offence Group, Offence Subgroup, Offence Code, Offence Count`), gzipped, with every
complete financial quarter of the Kent sample (April 2018 to September 2025).

Kent's rows are the synthetic Kent crime records counted by the quarter of their recorded date
and their offence code in the open-data form (offence_codes.csv: homicide as 1/4.1/4.10/4.2),
so Kent's figures from the public tables are those of its own extract. Every other force is
modelled: Kent's counts scaled by the force's 2011 Census residents over Kent's
(force_population.csv), times a force crime level, a force mix per offence code, a yearly
trend and Poisson noise. None of it is a real force's figure; zero counts are left out, as
the published tables leave them out.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import numpy as np
import polars as pl

from ingest.extract_file import write_gzip
from ingest.paths import SEEDS_DIR

COLUMNS = (
    "Financial Year", "Financial Quarter", "Force Name", "Offence Description", "Offence Group",
    "Offence Subgroup", "Offence Code", "Offence Count",
)  # fmt: skip
STREAM = 136_000  # its own random stream: the other sample files keep their bytes
FILE = "public/prc_pfa_synthetic_2018-19_to_2025-26.csv.gz"


def _seed(name: str) -> pl.DataFrame:
    return pl.read_csv(SEEDS_DIR / name, infer_schema_length=0)


def financial_quarter(column: str) -> dict[str, pl.Expr]:
    """financial_year (2019/20) and financial_quarter (1 = April to June) of a date column."""
    month = pl.col(column).dt.month()
    year = pl.col(column).dt.year()
    start = pl.when(month >= 4).then(year).otherwise(year - 1)
    return {
        "financial_year": pl.format("{}/{}", start, ((start + 1) % 100).cast(pl.Utf8).str.zfill(2)),
        "financial_quarter": ((month + 8) % 12) // 3 + 1,
    }


def kent_quarters(crimes: pl.DataFrame) -> pl.DataFrame:
    """Kent's crimes per financial year, quarter and open-data offence code (complete quarters)."""
    codes = (
        _seed("offence_codes.csv")
        .group_by("open_data_code")
        .agg(
            pl.col("offence_code").min().alias("first_code"),
            pl.col("offence_description").first(),
            pl.col("offence_group").first(),
            pl.col("offence_subgroup").first(),
        )
    )
    to_open = _seed("offence_codes.csv").select("offence_code", "open_data_code")
    counted = (
        crimes.join(to_open, on="offence_code", how="left", validate="m:1")
        .with_columns(**financial_quarter("recorded_date"))
        .group_by("financial_year", "financial_quarter", "open_data_code")
        .agg(pl.len().alias("offences"))
    )
    missing = counted.filter(pl.col("open_data_code").is_null())
    if missing.height:
        raise ValueError("a sample offence code is not in offence_codes.csv")
    months = crimes.select(pl.col("recorded_date").dt.truncate("1mo").alias("m")).unique().height
    if months % 3:
        raise ValueError("the sample's crime months are not whole quarters")
    return counted.join(codes, on="open_data_code").sort(
        "financial_year", "financial_quarter", "open_data_code"
    )


def build_rows(crimes: pl.DataFrame, seed: int) -> list[tuple]:
    """(fy, quarter, force, description, group, subgroup, code, count) rows, zeros left out."""
    rng = np.random.Generator(np.random.PCG64(np.random.SeedSequence([seed, STREAM])))
    kent = kent_quarters(crimes)
    residents = {
        r["force_name"]: int(r["population"])
        for r in _seed("public/force_population.csv").to_dicts()
    }
    forces = sorted(residents)
    codes = sorted(set(kent["open_data_code"]))
    years = sorted(set(kent["financial_year"]))
    level = dict(zip(forces, rng.lognormal(0.0, 0.25, len(forces)), strict=True))
    mix = {f: dict(zip(codes, rng.lognormal(0.0, 0.3, len(codes)), strict=True)) for f in forces}
    trend = {f: rng.normal(0.0, 0.04) for f in forces}
    rows = []
    for r in kent.iter_rows(named=True):
        grown = years.index(r["financial_year"])
        for force in forces:
            if force == "Kent":
                count = int(r["offences"])
            else:
                scale = residents[force] / residents["Kent"] * level[force]
                mean = r["offences"] * scale * mix[force][r["open_data_code"]]
                count = int(rng.poisson(mean * (1 + trend[force]) ** grown))
            if count:
                rows.append(
                    (
                        r["financial_year"], r["financial_quarter"], force,
                        r["offence_description"], r["offence_group"], r["offence_subgroup"],
                        r["open_data_code"], count,
                    )
                )  # fmt: skip
    return rows


def write_prc(rows: list[tuple], out: Path) -> dict[str, tuple[int, int]]:
    """Write build_rows' rows under out/public/; {relative path: (rows, bytes)}."""
    text = io.StringIO()
    writer = csv.writer(text, lineterminator="\n")
    writer.writerow(COLUMNS)
    writer.writerows(rows)
    return {FILE: (len(rows), write_gzip(out / FILE, text.getvalue().encode()))}
