"""`pcc sample --scale national`: synthetic crime extracts at the volume of England and Wales.

For benchmarks only (not committed). The crime_records contract has no force column and its
district_code must be one of Kent's 13 districts, so a national extract cannot say which
force a crime belongs to. Each synthetic force is therefore a resampled copy of the synthetic
Kent crime records: the same districts, LSOAs, offence mix and outcomes, scaled by a force
size factor, with force-prefixed crime references (F07-1-K24001234). The warehouse treats
every force's crimes as Kent's, so area totals are national-sized: this measures volume, it
is not a multi-force model (that would need a force column in the contract and the districts
of all 43 forces in the districts seed).

All forces' crimes for one month go in one file (crime_records_YYYY-MM.csv.gz), because the
landing store replaces a whole (source, month) when a file covering it is loaded: one file per
force and month would supersede the other forces. The small extracts (calls, s136, victim
services) are Kent's, written as `pcc sample` writes them.
"""

from __future__ import annotations

import gzip
import shutil
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import duckdb
import numpy as np
import polars as pl

from ingest.contracts import CONTRACTS
from ingest.paths import REPO_ROOT
from sample.errors import SampleUsageError

FORCES = 43  # territorial forces of England and Wales
MAX_YEARS = 7  # the Kent sample has 7.5 years of history to resample
CRIMES_PER_YEAR = 6_500_000  # recorded crime in England and Wales, roughly
WRITERS = 2  # months written at once (gzip is one thread per file)
README = """\
# National-scale extracts: SYNTHETIC DATA, for benchmarks only

**These files are synthetic** and must not be committed. Written by
`pcc sample --scale national --forces {forces} --years {years} --seed {seed}`.

- {forces} synthetic forces, {first} to {last}: {rows:,} crime records
  (national scale is 43 forces and about {per_year:,} crimes a year).
- Each force is a resampled copy of the synthetic Kent crime records (see
  `sample/national.py`): the contract has no force column and only Kent's districts are
  valid, so every force reuses Kent's districts and the warehouse counts all forces' crimes
  as Kent's. Crime references are prefixed with the force (F07-1-K24001234).
- One crime file per month holding every force, since a loaded file replaces whole months.
- Call handling, s136 detentions and victim services are the Kent sample's.
"""


def force_factors(forces: int, seed: int) -> np.ndarray:
    """Size of each force relative to Kent: uneven like real forces, summing to national."""
    rng = np.random.Generator(np.random.PCG64(np.random.SeedSequence([seed, 43])))
    weights = rng.lognormal(0.0, 0.6, FORCES)
    return weights[:forces] / weights.sum()  # times the national/Kent ratio (set later)


def _kent_frames(seed: int) -> tuple[pl.DataFrame, dict[str, pl.DataFrame]]:
    """The Kent sample in memory: crime records and the small extracts."""
    from sample import calls, referrals, s136, satisfaction
    from sample.coverage import check_register
    from sample.crime_counts import crime_counts
    from sample.crime_records import build_crime_records
    from sample.register import load_register
    from sample.streams import stream

    figures = load_register()
    check_register(figures)
    counts = crime_counts(figures, stream(seed, "crime_counts"))
    crimes = build_crime_records(counts, figures, stream(seed, "crime_records"))
    small = {
        "call_handling": calls.build_call_handling(figures, stream(seed, "calls")),
        "s136_detentions": s136.build_s136(figures, stream(seed, "s136")),
        "victim_referrals": referrals.build_victim_referrals(figures, stream(seed, "referrals")),
        "victim_satisfaction": satisfaction.build_victim_satisfaction(
            figures, stream(seed, "satisfaction")
        ),
    }
    return crimes, small


def _month_sql(month: str, target: Path) -> str:
    """COPY one month of every force to gzip CSV in contract column order.

    Force f keeps floor(factor) copies of each Kent crime, plus one more with probability
    frac(factor), drawn by a hash of (crime, force, copy) so the output is reproducible.
    """
    columns = [c for c in CONTRACTS["crime_records"].column_names if c != "crime_id"]
    select = ", ".join(f"k.{c}" for c in columns)
    path = str(target).replace("'", "''")
    return f"""
        copy (
            select printf('F%02d-%d-%s', f.force, c.copy, k.crime_id) as crime_id, {select}
            from kent as k
            cross join forces as f
            join copies as c on c.copy <= ceil(f.factor)
            where k.month = '{month}'
                and (c.copy <= floor(f.factor)
                    or hash(k.crime_id, f.force, c.copy) % 1000000 < (f.factor - floor(f.factor)) * 1e6)
            order by f.force, c.copy, k.row_number
        ) to '{path}' (format csv, header true, nullstr '', dateformat '%Y-%m-%d')
    """


def _gzip_fast(plain: Path, target: Path) -> None:
    """gzip level 1 (DuckDB's own gzip writer is several times slower), then drop the CSV."""
    temp = target.with_name(f".tmp-{target.name}")
    with (
        open(plain, "rb") as src,
        open(temp, "wb") as raw,
        gzip.GzipFile("", "wb", compresslevel=1, fileobj=raw, mtime=0) as dst,
    ):
        shutil.copyfileobj(src, dst, 1 << 20)
    temp.replace(target)
    plain.unlink()


def generate_national(out: Path, forces: int, years: int, seed: int) -> tuple[int, int]:
    """Write the extracts; returns (crime records, crime files)."""
    from ingest.extract_file import write_gzip
    from sample.timeline import MONTHS
    from sample.writer import csv_bytes

    crimes, small = _kent_frames(seed)
    months = MONTHS[-12 * years :]
    kent_per_year = crimes.height * 12 / len(MONTHS)
    factors = force_factors(forces, seed) * (CRIMES_PER_YEAR / kent_per_year)

    crime_dir = out / "crime_records"
    crime_dir.mkdir(parents=True, exist_ok=True)
    con = duckdb.connect()
    kent = crimes.with_row_index("row_number").with_columns(
        month=pl.col("recorded_date").dt.strftime("%Y-%m")
    )
    con.register("kent_frame", kent)
    con.execute("create table kent as select * from kent_frame")
    con.unregister("kent_frame")
    con.execute("create table forces (force integer, factor double)")
    con.executemany("insert into forces values (?, ?)", list(enumerate(factors.tolist(), 1)))
    copies = int(np.ceil(factors.max()))
    con.execute(f"create table copies as select range::integer as copy from range(1, {copies + 1})")

    def write_month(month: str) -> int:
        target = crime_dir / f"crime_records_{month}.csv.gz"
        plain = target.with_name(f".tmp-{month}.csv")
        cursor = con.cursor()
        try:
            written = cursor.execute(_month_sql(month, plain)).fetchone()[0]
        finally:
            cursor.close()
        _gzip_fast(plain, target)
        return written

    with ThreadPoolExecutor(WRITERS) as pool:
        rows = sum(pool.map(write_month, months))
    con.close()

    for source, frame in small.items():
        write_gzip(out / f"{source}.csv.gz", csv_bytes(frame, source))
    (out / "README.md").write_text(
        README.format(
            forces=forces,
            years=years,
            seed=seed,
            first=months[0],
            last=months[-1],
            rows=rows,
            per_year=CRIMES_PER_YEAR,
        ),
        encoding="utf-8",
    )
    return rows, len(months)


def run_national(out: Path, forces: int, years: int, seed: int) -> int:
    if not 1 <= forces <= FORCES:
        raise SampleUsageError(f"--forces must be 1 to {FORCES}, not {forces}")
    if not 1 <= years <= MAX_YEARS:
        raise SampleUsageError(f"--years must be 1 to {MAX_YEARS}, not {years}")
    if out.resolve() == (REPO_ROOT / "data" / "raw").resolve():
        raise SampleUsageError(
            "national extracts are for benchmarks and must not replace the committed sample; "
            "choose another --out (e.g. /tmp/pcc-national/raw)"
        )
    started = time.perf_counter()
    rows, files = generate_national(out, forces, years, seed)
    print(
        f"wrote {files} synthetic national crime files ({forces} forces, {years} years, "
        f"{rows:,} crime records) and Kent's other extracts to {out} "
        f"in {time.perf_counter() - started:.0f}s"
    )
    return 0
