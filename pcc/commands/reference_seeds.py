"""Load a published most-similar-group list or population table into its seed.

    python -m pcc.commands.reference_seeds msg FILE --source "HMICFRS, <table>, <date>" [--seed PATH]
    python -m pcc.commands.reference_seeds population FILE --year 2023 --source "ONS, <table>, <date>"
    python -m pcc.commands.reference_seeds ethnicity FILE --year 2011 --source "ONS, <table>, <date>"

No citable MSG list could be found from this machine (dbt_project/seeds/README.md), so its
layout below is the documented format the loader accepts, not a copy of a file seen here:

- msg: a CSV whose first column is the force (`Force` or `Force name`) and whose other columns
  each hold one of its most similar forces (any header, e.g. `MSG force 1`; empty cells
  allowed). Written to most_similar_groups.csv as one row per force and similar force.
- population: a CSV with a police force area name column (`Name`, `Police force area`,
  `Force`, `Force name`, or ONS's geography name `PFA<yy>NM`) and the residents (`All ages`,
  `Population`, `Persons`, or a census table's total `<Topic>: All categories: <topic>; measures:
  Value` as nomis publishes it); rows that are no police force area (England, Wales, regions)
  are skipped when `--only-forces` is set, otherwise refused. Written to force_population.csv.
  The committed seed was loaded this way from the 2011 Census (dbt_project/seeds/README.md).
- ethnicity: the same layout with nomis's census columns of the five top-level ethnic groups,
  `Ethnic Group: White; measures: Value` (and Mixed, Asian, Black, Other) beside the total
  `Ethnic Group: All categories: Ethnic group; measures: Value`; the five must sum to the total.
  Written to force_population_ethnicity.csv, one row per force and group.

Force names are matched to forces.csv with its name variants. A malformed file is refused with
one line naming file, line and column; the seed is left as it was. --source must name the
publisher, the table and its date: the seed carries it into the explorer.
"""

from __future__ import annotations

import argparse
import csv
import io
import re
import sys
from pathlib import Path

from pcc.errors import PccError
from pcc.paths import SEEDS_DIR

MSG_SEED = SEEDS_DIR / "public" / "most_similar_groups.csv"
POPULATION_SEED = SEEDS_DIR / "public" / "force_population.csv"
ETHNICITY_SEED = SEEDS_DIR / "public" / "force_population_ethnicity.csv"
ETHNIC_GROUPS = ("White", "Mixed", "Asian", "Black", "Other")  # census top-level groups
FORCE_COLUMNS = ("force", "forcename", "name", "policeforcearea", "policeforce")
POPULATION_COLUMNS = ("allages", "population", "persons")
ONS_AREA_NAME = re.compile(r"pfa[0-9]{2}nm")  # ONS geography names: PFA16NM, PFA23NM, ...
CENSUS_TOTAL = re.compile(r".*:allcategories:.*")  # nomis: "Ethnic Group: All categories: ..."
_WHOLE = re.compile(r"[0-9]+")


def _key(name: str) -> str:
    return "".join(c for c in name.strip().lower() if c.isalnum())


def force_names() -> dict[str, str]:
    """Every published name of a force in forces.csv (lower-cased) -> its force_name."""
    with open(SEEDS_DIR / "public" / "forces.csv", newline="", encoding="utf-8") as f:
        out = {}
        for row in csv.DictReader(f):
            for name in [row["force_name"], *(row["name_variants"] or "").split(";")]:
                if name.strip():
                    out[name.strip().lower()] = row["force_name"]
    return out


def _rows(path: Path) -> tuple[list[str], list[tuple[int, list[str]]]]:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise PccError(f"{path}: cannot read the file ({exc.__class__.__name__})") from None
    reader = csv.reader(io.StringIO(text, newline=""))
    header = next(reader, None)
    if not header:
        raise PccError(f"{path}: empty: no header row")
    body = [(reader.line_num, row) for row in reader if any(c.strip() for c in row)]
    if not body:
        raise PccError(f"{path}: no data rows")
    return [h.strip() for h in header], body


def _column(
    header: list[str], keys: tuple[str, ...], path: Path, what: str, pattern: re.Pattern
) -> int:
    found = [
        i
        for i, h in enumerate(header)
        if _key(h) in keys or pattern.fullmatch(h.strip().lower().replace(" ", ""))
    ]
    if not found:
        raise PccError(f"{path}:1: no {what} column (expected one of: {', '.join(keys)})")
    return found[0]


def _force(cell: str, names: dict[str, str], path: Path, line: int, column: str) -> str:
    force = names.get(cell.strip().lower())
    if force is None:
        raise PccError(
            f"{path}:{line}: column {column}: unknown force {cell.strip()!r} (not in forces.csv)"
        )
    return force


def read_msg(path: Path, source: str) -> list[tuple[str, str, str]]:
    """(force, similar force, source) rows of a published MSG list; PccError if malformed."""
    header, body = _rows(path)
    if _key(header[0]) not in FORCE_COLUMNS:
        raise PccError(f"{path}:1: column {header[0] or '1'}: the first column must be the force")
    names = force_names()
    out: dict[tuple[str, str], int] = {}
    for line, row in body:
        force = _force(row[0], names, path, line, header[0])
        for index, cell in enumerate(row[1:], start=1):
            if not cell.strip():
                continue
            column = header[index] if index < len(header) else str(index + 1)
            similar = _force(cell, names, path, line, column)
            if similar == force:
                raise PccError(
                    f"{path}:{line}: column {column}: {force} listed as similar to itself"
                )
            if (force, similar) in out:
                reason = (
                    f"{similar} listed twice for {force} (lines {out[force, similar]} and {line})"
                )
                raise PccError(f"{path}:{line}: column {column}: {reason}")
            out[force, similar] = line
    return [(force, similar, source) for force, similar in sorted(out)]


def read_population(
    path: Path, year: int, source: str, only_forces: bool = False
) -> list[tuple[str, int, int, str]]:
    """(force, population, year, source) rows of a published population table."""
    header, body = _rows(path)
    name_at = _column(header, FORCE_COLUMNS, path, "police force area name", ONS_AREA_NAME)
    count_at = _column(header, POPULATION_COLUMNS, path, "population", CENSUS_TOTAL)
    names = force_names()
    out: dict[str, tuple[int, int]] = {}
    for line, row in body:
        cell = row[name_at] if name_at < len(row) else ""
        if only_forces and cell.strip().lower() not in names:
            continue
        force = _force(cell, names, path, line, header[name_at])
        value = (row[count_at] if count_at < len(row) else "").strip().replace(",", "")
        if not _WHOLE.fullmatch(value) or int(value) == 0:
            raise PccError(f"{path}:{line}: column {header[count_at]}: not a population: {value!r}")
        if force in out:
            raise PccError(
                f"{path}:{line}: column {header[name_at]}: {force} appears twice (line {out[force][1]})"
            )
        out[force] = (int(value), line)
    return [(force, count, year, source) for force, (count, _) in sorted(out.items())]


def read_ethnicity(path: Path, year: int, source: str) -> list[tuple[str, str, int, int, str]]:
    """(force, ethnic group, residents, year, source) rows of a census table by ethnic group."""
    header, body = _rows(path)
    name_at = _column(header, FORCE_COLUMNS, path, "police force area name", ONS_AREA_NAME)
    total_at = _column(header, (), path, "all categories total", CENSUS_TOTAL)
    keys = [_key(h) for h in header]
    groups = {}
    for group in ETHNIC_GROUPS:
        wanted = _key(f"Ethnic Group: {group}; measures: Value")
        if wanted not in keys:
            raise PccError(f"{path}:1: no column 'Ethnic Group: {group}; measures: Value'")
        groups[group] = keys.index(wanted)
    names = force_names()
    out: dict[str, list[int]] = {}
    for line, row in body:
        cell = row[name_at] if name_at < len(row) else ""
        force = _force(cell, names, path, line, header[name_at])
        counts = {}
        for group, index in (*groups.items(), ("total", total_at)):
            value = (row[index] if index < len(row) else "").strip().replace(",", "")
            if not _WHOLE.fullmatch(value):
                raise PccError(f"{path}:{line}: column {header[index]}: not a count: {value!r}")
            counts[group] = int(value)
        if sum(counts[g] for g in ETHNIC_GROUPS) != counts["total"]:
            reason = (
                f"the five groups sum to {sum(counts[g] for g in ETHNIC_GROUPS)}, not the total"
            )
            raise PccError(f"{path}:{line}: column {header[total_at]}: {reason} {counts['total']}")
        if force in out:
            raise PccError(f"{path}:{line}: column {header[name_at]}: {force} appears twice")
        out[force] = [counts[g] for g in ETHNIC_GROUPS]
    return [
        (force, group, count, year, source)
        for force, counts in sorted(out.items())
        for group, count in zip(ETHNIC_GROUPS, counts, strict=True)
    ]


def write_seed(path: Path, columns: tuple[str, ...], rows: list[tuple]) -> None:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(columns)
    writer.writerows(rows)
    path.write_text(buffer.getvalue(), encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m pcc.commands.reference_seeds", description=__doc__
    )
    parser.add_argument("kind", choices=("msg", "population", "ethnicity"))
    parser.add_argument("file", type=Path)
    parser.add_argument("--source", required=True, help="publisher, table and date")
    parser.add_argument("--year", type=int, help="year of the population estimate")
    parser.add_argument("--only-forces", action="store_true", help="skip non-force rows")
    parser.add_argument("--seed", type=Path)
    args = parser.parse_args(argv)
    try:
        if not args.source.strip():
            raise PccError("--source must name the publisher, the table and its date")
        if args.kind == "msg":
            rows = read_msg(args.file, args.source.strip())
            seed, columns = (
                args.seed or MSG_SEED,
                ("force_name", "similar_force_name", "group_source"),
            )
        elif args.year is None:
            raise PccError(f"{args.kind} needs --year (the year of the estimate)")
        elif args.kind == "ethnicity":
            rows = read_ethnicity(args.file, args.year, args.source.strip())
            seed = args.seed or ETHNICITY_SEED
            columns = (
                "force_name", "ethnic_group", "residents", "population_year", "population_source",
            )  # fmt: skip
        else:
            rows = read_population(args.file, args.year, args.source.strip(), args.only_forces)
            seed = args.seed or POPULATION_SEED
            columns = ("force_name", "population", "population_year", "population_source")
    except PccError as exc:
        print(f"pcc: error: {exc}", file=sys.stderr)
        return 1
    write_seed(seed, columns, rows)
    print(f"wrote {len(rows)} rows to {seed}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
