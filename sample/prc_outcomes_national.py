"""SYNTHETIC crime outcomes open data for every territorial force (the sample).

One CSV in the layout ingest/public/prc.py reads for the Home Office's *crime outcomes open
data tables* (the offence columns of the police recorded crime tables, then `Outcome Type,
Outcome Description, Outcome Group` and two counts), gzipped, for the financial quarters
April 2023 to September 2025: enough for two years of 12-month windows.

Kent's rows are the synthetic Kent crime records: per quarter recorded, offence code and outcome
type, the crimes given that outcome by the extract (`Outcomes for offences that were recorded
in the quarter`), and per quarter of the outcome date, the outcomes given in it (`Outcomes for
investigations closed in the quarter`; for the offence codes recorded in that quarter). So Kent's solved rate from the public tables is its board figure. Every
other force is modelled from its own synthetic recorded crime rows (sample/prc_national.py):
Kent's share of each outcome for the same offence code and quarter, with the solving outcomes
scaled by a force factor, drawn for the force's offences. None of it is a real force's figure.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import numpy as np
import polars as pl

from ingest.extract_file import write_gzip
from ingest.paths import SEEDS_DIR
from ingest.public.prc import OFFENCE_COLUMNS, OUTCOME_COLUMNS, OUTCOME_COUNTS
from sample.prc_national import financial_quarter

COLUMNS = (*OFFENCE_COLUMNS, *OUTCOME_COLUMNS, *(names[0] for names in OUTCOME_COUNTS.values()))
STREAM = 138_000  # its own random stream: the other sample files keep their bytes
FIRST_YEAR = "2023/24"
FILE = "public/prc_outcomes_synthetic_2023-24_to_2025-26.csv.gz"
_KEY = ("financial_year", "financial_quarter", "open_data_code")


def _outcome_types() -> pl.DataFrame:
    return pl.read_csv(SEEDS_DIR / "outcome_types.csv", infer_schema_length=0).with_columns(
        pl.col("outcome_code").cast(pl.Int64), is_solved=pl.col("is_solved") == "true"
    )


def kent_outcomes(crimes: pl.DataFrame, last: tuple[str, int]) -> pl.DataFrame:
    """Kent's two counts per financial quarter, open-data offence code and outcome type."""
    to_open = pl.read_csv(SEEDS_DIR / "offence_codes.csv", infer_schema_length=0).select(
        "offence_code", "open_data_code"
    )
    given = crimes.filter(pl.col("outcome_code").is_not_null()).join(
        to_open, on="offence_code", how="left", validate="m:1"
    )

    def counted(date_column: str, name: str) -> pl.DataFrame:
        return (
            given.with_columns(**financial_quarter(date_column))
            .group_by(*_KEY, "outcome_code")
            .agg(pl.len().alias(name))
        )

    both = counted("recorded_date", "for_recorded").join(
        counted("outcome_date", "in_quarter"), on=[*_KEY, "outcome_code"], how="full", coalesce=True
    )
    in_range = (pl.col("financial_year") >= FIRST_YEAR) & (
        (pl.col("financial_year") < last[0])
        | ((pl.col("financial_year") == last[0]) & (pl.col("financial_quarter") <= last[1]))
    )
    return both.filter(in_range).fill_null(0).sort(*_KEY, "outcome_code")


def build_rows(crimes: pl.DataFrame, prc_rows: list[tuple], seed: int) -> list[tuple]:
    """The outcome rows of every force; rows whose two counts are both 0 are left out."""
    rng = np.random.Generator(np.random.PCG64(np.random.SeedSequence([seed, STREAM])))
    types = _outcome_types()
    names = {r["outcome_code"]: r for r in types.to_dicts()}
    solved = {r["outcome_code"] for r in types.to_dicts() if r["is_solved"]}
    last = max((r[0], r[1]) for r in prc_rows)
    kent = kent_outcomes(crimes, last)
    by_key: dict[tuple, list[tuple[int, int, int]]] = {}
    for r in kent.iter_rows(named=True):
        key = (r["financial_year"], r["financial_quarter"], r["open_data_code"])
        by_key.setdefault(key, []).append((r["outcome_code"], r["for_recorded"], r["in_quarter"]))
    kent_offences = {(r[0], r[1], r[6]): r[7] for r in prc_rows if r[2] == "Kent"}
    forces = sorted({r[2] for r in prc_rows})
    factor = dict(zip(forces, rng.lognormal(0.0, 0.2, len(forces)), strict=True))
    rows = []
    for fy, quarter, force, description, group, subgroup, code, offences in prc_rows:
        outcomes = by_key.get((fy, quarter, code))
        if fy < FIRST_YEAR or not outcomes:
            continue
        if force == "Kent":
            counts = [(t, for_recorded, in_quarter) for t, for_recorded, in_quarter in outcomes]
        else:
            counts = _modelled(rng, outcomes, kent_offences[(fy, quarter, code)], offences,
                               factor[force], solved)  # fmt: skip
        rows.extend(published_rows((fy, quarter, force, description, group, subgroup, code),
                                   counts, names))  # fmt: skip
    return rows


def published_rows(offence: tuple, counts, names: dict) -> list[tuple]:
    """An offence's published rows, one per outcome type with a count (the tables leave out
    rows whose two counts are both 0): the offence's columns, the type's, the two counts."""
    return [
        (*offence, t, names[t]["outcome_description"], names[t]["outcome_group"], recorded, closed)
        for t, recorded, closed in counts
        if recorded or closed
    ]


def _modelled(rng, outcomes, kent_offences: int, offences: int, factor: float, solved: set):
    """Kent's outcome shares for the code and quarter, solving ones times the force's factor,
    drawn for the force's offences (the rest still open); outcomes given in the quarter
    Poisson around Kent's, scaled the same way."""
    codes = [t for t, _, _ in outcomes]
    shares = np.array([n / kent_offences for _, n, _ in outcomes], dtype=float)
    shares *= np.array([factor if t in solved else 1.0 for t in codes])
    if shares.sum() > 1:
        shares /= shares.sum()
    drawn = rng.multinomial(offences, [*shares, max(0.0, 1 - shares.sum())])[:-1]
    scale = offences / kent_offences
    given = rng.poisson([n * scale * (factor if t in solved else 1.0) for t, _, n in outcomes])
    return [(t, int(d), int(g)) for t, d, g in zip(codes, drawn, given, strict=True)]


def write_outcomes(crimes: pl.DataFrame, prc_rows: list[tuple], seed: int, out: Path):
    """Write the file under out/public/; {relative path: (rows, bytes)}."""
    rows = build_rows(crimes, prc_rows, seed)
    text = io.StringIO()
    writer = csv.writer(text, lineterminator="\n")
    writer.writerow(COLUMNS)
    writer.writerows(rows)
    return {FILE: (len(rows), write_gzip(out / FILE, text.getvalue().encode()))}
