"""Load the ONS rural-urban classification of LSOAs into the seed rural crime is counted from.

    python -m ingest.public.rural_urban ONS_FILE [--seed PATH]

ONS_FILE is the ONS lookup "Rural Urban Classification (2011) of Lower Layer Super Output Areas
in England and Wales" as published (CSV, columns LSOA11CD, LSOA11NM, RUC11CD, RUC11; a UTF-8
byte-order mark and extra columns are allowed). The rows of Kent's LSOAs - those whose LSOA11NM
starts with the name of a district in dbt_project/seeds/districts.csv (or its former name,
e.g. Shepway) - are written to dbt_project/seeds/rural_urban_lsoa.csv, with is_rural taken from
the published name (RUC11 beginning "Rural"). Nothing is typed in by hand: the seed is this
function of the ONS file. See dbt_project/seeds/README.md.
"""

from __future__ import annotations

import argparse
import csv
import io
import re
import sys
from dataclasses import dataclass
from pathlib import Path

from ingest.errors import DownloadError
from ingest.paths import SEEDS_DIR

ONS_COLUMNS = ("LSOA11CD", "LSOA11NM", "RUC11CD", "RUC11")
SEED_PATH = SEEDS_DIR / "rural_urban_lsoa.csv"
SEED_COLUMNS = ("lsoa_code", "lsoa_name", "district_code", "ruc_code", "ruc_name", "is_rural")
LSOA_CODE = re.compile(r"^[EW]01\d{6}$")
RUC_CODE = re.compile(r"^[A-F][12]$")


@dataclass(frozen=True)
class Classified:
    lsoa_code: str
    lsoa_name: str
    district_code: str
    ruc_code: str
    ruc_name: str

    @property
    def is_rural(self) -> bool:
        return self.ruc_name.strip().lower().startswith("rural")


def _district_names() -> dict[str, str]:
    """Every name an LSOA11NM can start with for a Kent district -> its district code."""
    with open(SEEDS_DIR / "districts.csv", newline="", encoding="utf-8") as f:
        names = {}
        for row in csv.DictReader(f):
            names[row["district_name"]] = row["district_code"]
            for other in (row["former_or_alternative_names"] or "").split(";"):
                if other.strip():
                    names[other.strip()] = row["district_code"]
    return names


def read_ons_lookup(path: Path) -> list[Classified]:
    """The Kent rows of an ONS RUC11 LSOA lookup; DownloadError naming file, line and column."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise DownloadError(f"{path}: cannot read the file ({exc.__class__.__name__})") from None
    reader = csv.DictReader(io.StringIO(text))
    header = [h.strip() for h in reader.fieldnames or []]
    missing = [c for c in ONS_COLUMNS if c not in header]
    if missing:
        raise DownloadError(
            f"{path}:1: column {missing[0]}: missing from the header (expected the ONS columns "
            f"{', '.join(ONS_COLUMNS)})"
        )
    reader.fieldnames = header
    districts = _district_names()
    # Longest names first, so "Tonbridge and Malling" is not taken for a shorter prefix.
    prefixes = sorted(districts, key=len, reverse=True)
    out: dict[str, Classified] = {}
    for line, row in enumerate(reader, start=2):
        code, name = (row["LSOA11CD"] or "").strip(), (row["LSOA11NM"] or "").strip()
        ruc_code, ruc_name = (row["RUC11CD"] or "").strip(), (row["RUC11"] or "").strip()
        district = next((p for p in prefixes if name.startswith(p + " ")), None)
        if district is None:
            continue  # not a Kent LSOA
        if not LSOA_CODE.match(code):
            raise DownloadError(f"{path}:{line}: column LSOA11CD: {code!r} is not an LSOA code")
        if not RUC_CODE.match(ruc_code):
            raise DownloadError(f"{path}:{line}: column RUC11CD: {ruc_code!r} is not a RUC11 code")
        if not ruc_name:
            raise DownloadError(f"{path}:{line}: column RUC11: empty")
        if code in out:
            raise DownloadError(f"{path}:{line}: column LSOA11CD: {code} appears twice")
        out[code] = Classified(code, name, districts[district], ruc_code, ruc_name)
    if not out:
        raise DownloadError(f"{path}: no LSOA of a Kent district (LSOA11NM such as 'Ashford 001A')")
    return sorted(out.values(), key=lambda c: c.lsoa_code)


def seed_text(rows: list[Classified]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(SEED_COLUMNS)
    for r in rows:
        writer.writerow(
            [r.lsoa_code, r.lsoa_name, r.district_code, r.ruc_code, r.ruc_name,
             "true" if r.is_rural else "false"]
        )  # fmt: skip
    return buffer.getvalue()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m ingest.public.rural_urban", description=__doc__
    )
    parser.add_argument("ons_file", type=Path)
    parser.add_argument("--seed", type=Path, default=SEED_PATH)
    args = parser.parse_args(argv)
    try:
        rows = read_ons_lookup(args.ons_file)
    except DownloadError as exc:
        print(f"pcc: error: {exc}", file=sys.stderr)
        return 1
    args.seed.write_text(seed_text(rows), encoding="utf-8")
    rural = sum(r.is_rural for r in rows)
    print(f"wrote {len(rows)} Kent LSOAs ({rural} rural) to {args.seed}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
