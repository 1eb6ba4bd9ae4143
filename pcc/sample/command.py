"""`pcc sample`: write the synthetic Kent extracts (April 2018 to September 2025)."""

from __future__ import annotations

import time
from pathlib import Path

import numpy as np
import polars as pl

from pcc.errors import PccError, UsageError
from pcc.sample import asb, calls, referrals, roads, s136, satisfaction
from pcc.sample.calls_999_national import write_calls_999
from pcc.sample.crime_counts import VICTIM_BASED_MEASURE, crime_counts
from pcc.sample.crime_records import build_crime_records
from pcc.sample.flags import FLAG_SERIES
from pcc.sample.offences import MEASURE_SERIES
from pcc.sample.outcome_calibration import COMMUNITY_RESOLUTIONS_MEASURE, OUT_OF_COURT_MEASURE
from pcc.sample.readme import write_readme
from pcc.sample.register import Figure, load_register
from pcc.sample.writer import csv_bytes, write_gzip

# One independent random stream per part, so that changing one part leaves the others' bytes.
STREAMS = (
    "crime_counts", "crime_records", "calls", "s136", "referrals", "satisfaction", "asb",
)  # fmt: skip
CALL_MEASURES = (
    "calls_999_within_10s_pct", "calls_999_avg_answer_seconds", "calls_999_abandoned_pct",
    "calls_999_months_meeting_standard", "calls_101_answered_pct", "calls_101_avg_answer_seconds",
    "calls_101_abandoned_pct", "calls_for_service",
)  # fmt: skip
SATISFACTION_MEASURES = (
    "satisfaction_domestic_abuse", "satisfaction_hate_crime", "satisfaction_rape_dignity",
    "satisfaction_rape_fairness",
)  # fmt: skip


def modelled_measures() -> set[str]:
    return (
        set(MEASURE_SERIES)
        | {VICTIM_BASED_MEASURE, COMMUNITY_RESOLUTIONS_MEASURE, OUT_OF_COURT_MEASURE, s136.MEASURE}
        | {measure for measure, *_ in FLAG_SERIES.values()}
        | set(CALL_MEASURES)
        | set(SATISFACTION_MEASURES)
        | set(referrals.MEASURES)
    )


def check_register(figures: list[Figure]) -> None:
    """Refuse to write a sample that would silently miss a published figure."""
    unknown = sorted(
        {(f.figure_id, f.measure_id) for f in figures if f.measure_id not in modelled_measures()}
    )
    if unknown:
        figure_id, measure_id = unknown[0]
        raise PccError(
            f"published_figures.csv {figure_id}: measure {measure_id} is not modelled by the sample "
            "generator (add it to pcc/sample, or set reconcile = no)"
        )


def _stream(seed: int, name: str) -> np.random.Generator:
    return np.random.Generator(np.random.PCG64(np.random.SeedSequence([seed, STREAMS.index(name)])))


def generate(seed: int, out: Path) -> dict[str, tuple[int, int]]:
    """Write every extract; returns {relative path: (rows, bytes)}."""
    figures = load_register()
    check_register(figures)
    written: dict[str, tuple[int, int]] = {}

    def put(relative: str, frame: pl.DataFrame, source: str) -> None:
        written[relative] = (frame.height, write_gzip(out / relative, csv_bytes(frame, source)))

    counts = crime_counts(figures, _stream(seed, "crime_counts"))
    crimes = build_crime_records(counts, figures, _stream(seed, "crime_records"))
    by_month = crimes.with_columns(_month=pl.col("recorded_date").dt.strftime("%Y-%m"))
    for (month,), frame in sorted(by_month.partition_by("_month", as_dict=True).items()):
        put(f"crime_records/crime_records_{month}.csv.gz", frame.drop("_month"), "crime_records")
    call_handling = calls.build_call_handling(figures, _stream(seed, "calls"))
    put("call_handling.csv.gz", call_handling, "call_handling")
    # Public data: the Home Office 999 answer-time files for every force (Kent's from the above).
    written |= write_calls_999(call_handling, seed, out)
    put(
        "s136_detentions.csv.gz", s136.build_s136(figures, _stream(seed, "s136")), "s136_detentions"
    )
    put(
        "victim_referrals.csv.gz",
        referrals.build_victim_referrals(figures, _stream(seed, "referrals")),
        "victim_referrals",
    )
    put(
        "victim_satisfaction.csv.gz",
        satisfaction.build_victim_satisfaction(figures, _stream(seed, "satisfaction")),
        "victim_satisfaction",
    )
    put("asb_incidents.csv.gz", asb.build_asb_incidents(_stream(seed, "asb")), "asb_incidents")
    # Road casualties go through the STATS19 loader, from synthetic files in the DfT format.
    rows, data = roads.road_casualties_extract(seed)
    written["road_casualties.csv.gz"] = (rows, write_gzip(out / "road_casualties.csv.gz", data))
    return written


def run_sample(
    seed: int, out: Path | None, scale: str = "kent", forces: int = 43, years: int = 7
) -> int:
    if scale == "national":
        from pcc.sample.national import run_national

        if out is None:
            raise UsageError("--scale national needs --out (the extracts are not committed)")
        return run_national(out, forces, years, seed)
    out = out or Path("data/raw")
    started = time.perf_counter()
    try:
        written = generate(seed, out)
    except ValueError as exc:  # a target the model cannot reach: say which, without a traceback
        raise PccError(f"sample generation failed: {exc}") from None
    write_readme(out, seed, written)
    total = sum(size for _, size in written.values())
    crimes = sum(rows for path, (rows, _) in written.items() if path.startswith("crime_records/"))
    print(
        f"wrote {len(written)} synthetic extract files to {out} "
        f"({crimes:,} crime records, {total / 1e6:.1f} MB) in {time.perf_counter() - started:.0f}s"
    )
    return 0
