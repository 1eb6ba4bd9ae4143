"""data.police.uk stop and search files, one per force and month -> landing rows.

A file is `YYYY-MM-<force>-stop-and-search.csv` (on its own, in a monthly folder or in a zip
of monthly folders, as police.uk hands them out). The force is named only by the file name:
its police.uk force id (`kent`, `avon-and-somerset`), resolved to a force in dbt.

Columns (data.police.uk's archive layout): Type, Date, Part of a policing operation, Policing
operation, Latitude, Longitude, Gender, Age range, Self-defined ethnicity, Officer-defined
ethnicity, Legislation, Object of search, Outcome, Outcome linked to object of search, Removal
of more than just outer clothing. The last two are ASSUMED to be absent from older files (they
load as empty). Names compare ignoring case, spaces and punctuation, and the police.uk API's
field names (`datetime`, `operation`, `operation_name`, `removal_of_more_than_outer_clothing`,
as in a CSV written from the API) are accepted for theirs; any other missing or unknown column
stops the file, never a silent drop.
Values are kept as published: outcomes are grouped by the stop_search_outcomes seed in dbt.
"""

from __future__ import annotations

import csv
import io
import re
from datetime import date

from ingest.public.cells import coordinate, data_rows
from ingest.violation import FileRejected, Violation

# Landing column -> published column, in the published order.
COLUMNS = {
    "search_type": "Type",
    "searched_at": "Date",
    "part_of_policing_operation": "Part of a policing operation",
    "policing_operation": "Policing operation",
    "latitude": "Latitude",
    "longitude": "Longitude",
    "gender": "Gender",
    "age_range": "Age range",
    "self_defined_ethnicity": "Self-defined ethnicity",
    "officer_defined_ethnicity": "Officer-defined ethnicity",
    "legislation": "Legislation",
    "object_of_search": "Object of search",
    "outcome": "Outcome",
    "outcome_linked_to_object": "Outcome linked to object of search",
    "removal_of_outer_clothing": "Removal of more than just outer clothing",
}
OPTIONAL = ("outcome_linked_to_object", "removal_of_outer_clothing")
SEARCH_TYPES = ("Person search", "Vehicle search", "Person and Vehicle search")
_FLAGS = ("part_of_policing_operation", "outcome_linked_to_object", "removal_of_outer_clothing")
_FLAG_VALUES = {"true": "True", "false": "False"}
# The police.uk API's names where they are not the archive's words (data.police.uk/docs).
API_NAMES = {
    "searched_at": "datetime",
    "part_of_policing_operation": "operation",
    "policing_operation": "operation_name",
    "removal_of_outer_clothing": "removal_of_more_than_outer_clothing",
}


def _key(name) -> str:
    return "".join(c for c in str(name).lower() if c.isalnum())


_BY_NAME = {_key(published): column for column, published in COLUMNS.items()} | {
    _key(api): column for column, api in API_NAMES.items()
}
_FILE = re.compile(r"(?:^|/)(\d{4})-(\d{2})-([a-z0-9-]+?)-stop-and-search\.csv(?:\.gz)?$")
# 2024-03-01T09:58:14+00:00 as published; a date alone is accepted too.
_WHEN = re.compile(
    r"^(\d{4})-(\d{2})-(\d{2})(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?(?:Z|[+-]\d{2}:?\d{2})?$"
)


def is_stop_search_header(header: list[str]) -> bool:
    """The columns only a stop and search file has: Object of search, Officer-defined ethnicity."""
    found = {_BY_NAME.get(_key(h)) for h in header}
    return {"object_of_search", "officer_defined_ethnicity"} <= found


def is_stop_search_member(name: str) -> bool:
    return name.lower().endswith(("-stop-and-search.csv", "-stop-and-search.csv.gz"))


def read_stop_search(text: str, where: str, member: str, cols: dict[str, list]) -> tuple[str, date]:
    """Append the rows of one file to cols (landing column -> values), or FileRejected; returns
    the (force id, month) the file covers, which a file without searches covers too."""
    force_id, file_month = _force_and_month(member, where)
    reader = csv.reader(io.StringIO(text, newline=""))
    header = next(reader, None)
    if not header:
        raise FileRejected(Violation(where, None, None, "empty: no header row"))
    positions = _positions(header, where)
    for line, row in data_rows(reader, len(header), where):
        values = {
            c: (row[i].strip() or None) if i is not None else None for c, i in positions.items()
        }
        if values["search_type"] not in SEARCH_TYPES:
            reason = f"{values['search_type']!r} is not a search type ({', '.join(SEARCH_TYPES)})"
            raise FileRejected(Violation(where, line, "Type", reason))
        month = _month(values["searched_at"], where, line)
        if month != file_month:
            reason = f"{values['searched_at']} is not in {file_month:%Y-%m}, the month the file is named for"
            raise FileRejected(Violation(where, line, "Date", reason))
        for flag in _FLAGS:
            if values[flag] is not None:
                known = _FLAG_VALUES.get(values[flag].lower())
                if known is None:
                    reason = f"{values[flag]!r} is not True, False or empty"
                    raise FileRejected(Violation(where, line, COLUMNS[flag], reason))
                values[flag] = known
        values["latitude"] = coordinate(row[positions["latitude"]], where, line, "Latitude")
        values["longitude"] = coordinate(row[positions["longitude"]], where, line, "Longitude")
        cols["force_id"].append(force_id)
        cols["month"].append(month)
        for column in COLUMNS:
            cols[column].append(values[column])
        cols["_member"].append(member)
        cols["_line_number"].append(line)
    return force_id, file_month


def _force_and_month(member: str, where: str) -> tuple[str, date]:
    match = _FILE.search(member.lower())
    if not match:
        reason = (
            "cannot tell the force: a police.uk stop and search file is named "
            "YYYY-MM-<force>-stop-and-search.csv"
        )
        raise FileRejected(Violation(where, None, None, reason))
    year, month, force_id = int(match.group(1)), int(match.group(2)), match.group(3)
    if not 1 <= month <= 12:
        raise FileRejected(
            Violation(where, None, None, f"no month {match.group(2)} in the file name")
        )
    return force_id, date(year, month, 1)


def _positions(header: list[str], where: str) -> dict[str, int | None]:
    positions: dict[str, int | None] = {}
    for index, name in enumerate(header):
        column = _BY_NAME.get(_key(name))
        if column is None:
            expected = ", ".join(COLUMNS.values())
            reason = (
                f"unknown column {name.strip()!r} in a stop and search file (expected {expected})"
            )
            raise FileRejected(Violation(where, 1, name.strip(), reason))
        if column in positions:
            raise FileRejected(Violation(where, 1, name.strip(), "column given twice"))
        positions[column] = index
    missing = [COLUMNS[c] for c in COLUMNS if c not in positions and c not in OPTIONAL]
    if missing:
        reason = f"missing column{'s' * (len(missing) > 1)} {', '.join(missing)}"
        raise FileRejected(Violation(where, 1, None, reason))
    return {c: positions.get(c) for c in COLUMNS}


def _month(text: str | None, where: str, line: int) -> date:
    match = _WHEN.match(text or "")
    if not match or not 1 <= int(match.group(2)) <= 12 or not 1 <= int(match.group(3)) <= 31:
        reason = f"not a date and time as YYYY-MM-DDThh:mm:ss+00:00: {text!r}"
        raise FileRejected(Violation(where, line, "Date", reason))
    return date(int(match.group(1)), int(match.group(2)), 1)
