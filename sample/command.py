"""`pcc sample`: write the synthetic Kent extracts (April 2018 to September 2025)."""

from __future__ import annotations

import time
from pathlib import Path

import polars as pl

from ingest.extract_file import write_gzip
from sample import asb, calls, referrals, roads, s136, satisfaction
from sample.calls_999_national import write_calls_999
from sample.coverage import check_register
from sample.crime_counts import crime_counts
from sample.crime_records import build_crime_records
from sample.errors import SampleError, SampleUsageError
from sample.prc_national import build_rows as build_prc_rows
from sample.prc_national import write_prc
from sample.prc_outcomes_national import write_outcomes
from sample.prc_subset_outcomes import write_subset_outcomes
from sample.readme import write_readme
from sample.register import load_register
from sample.stop_search_national import write_stop_search
from sample.streams import stream
from sample.writer import csv_bytes


def generate(seed: int, out: Path) -> dict[str, tuple[int, int]]:
    """Write every extract; returns {relative path: (rows, bytes)}."""
    figures = load_register()
    check_register(figures)
    written: dict[str, tuple[int, int]] = {}

    def put(relative: str, frame: pl.DataFrame, source: str) -> None:
        written[relative] = (frame.height, write_gzip(out / relative, csv_bytes(frame, source)))

    counts = crime_counts(figures, stream(seed, "crime_counts"))
    crimes = build_crime_records(counts, figures, stream(seed, "crime_records"))
    by_month = crimes.with_columns(_month=pl.col("recorded_date").dt.strftime("%Y-%m"))
    for (month,), frame in sorted(by_month.partition_by("_month", as_dict=True).items()):
        put(f"crime_records/crime_records_{month}.csv.gz", frame.drop("_month"), "crime_records")
    # Public data: police recorded crime and crime outcomes tables (all offences, knives,
    # firearms) for every force (Kent's from the above).
    prc_rows = build_prc_rows(crimes, seed)
    written |= write_prc(prc_rows, out)
    written |= write_outcomes(crimes, prc_rows, seed, out)
    written |= write_subset_outcomes(crimes, prc_rows, seed, out)
    call_handling = calls.build_call_handling(figures, stream(seed, "calls"))
    put("call_handling.csv.gz", call_handling, "call_handling")
    # Public data: the Home Office 999 answer-time files for every force (Kent's from the above).
    written |= write_calls_999(call_handling, seed, out)
    put("s136_detentions.csv.gz", s136.build_s136(figures, stream(seed, "s136")), "s136_detentions")
    put(
        "victim_referrals.csv.gz",
        referrals.build_victim_referrals(figures, stream(seed, "referrals")),
        "victim_referrals",
    )
    put(
        "victim_satisfaction.csv.gz",
        satisfaction.build_victim_satisfaction(figures, stream(seed, "satisfaction")),
        "victim_satisfaction",
    )
    put("asb_incidents.csv.gz", asb.build_asb_incidents(stream(seed, "asb")), "asb_incidents")
    # Public data: data.police.uk stop and search files for every force (all modelled).
    written |= write_stop_search(seed, out)
    # Road casualties go through the STATS19 loader, from synthetic files in the DfT format.
    rows, data = roads.road_casualties_extract(seed)
    written["road_casualties.csv.gz"] = (rows, write_gzip(out / "road_casualties.csv.gz", data))
    return written


def run_sample(
    seed: int, out: Path | None, scale: str = "kent", forces: int = 43, years: int = 7
) -> int:
    if scale == "national":
        from sample.national import run_national

        if out is None:
            raise SampleUsageError("--scale national needs --out (the extracts are not committed)")
        return run_national(out, forces, years, seed)
    out = out or Path("data/raw")
    started = time.perf_counter()
    try:
        written = generate(seed, out)
    except ValueError as exc:  # a target the model cannot reach: say which, without a traceback
        raise SampleError(f"sample generation failed: {exc}") from None
    write_readme(out, seed, written)
    total = sum(size for _, size in written.values())
    crimes = sum(rows for path, (rows, _) in written.items() if path.startswith("crime_records/"))
    print(
        f"wrote {len(written)} synthetic extract files to {out} "
        f"({crimes:,} crime records, {total / 1e6:.1f} MB) in {time.perf_counter() - started:.0f}s"
    )
    return 0
