"""Spreadsheet and CSV cells -> text, the same way whichever format a value came from."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime

from ingest.violation import FileRejected, Violation


def cell_text(value) -> str:
    """A cell as text: numbers stored as numbers lose any '.0' (offence code 2, not 2.0)."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, datetime | date):
        return value.isoformat()
    return str(value).strip()


def normalise_name(name) -> str:
    """Column names compare ignoring case, spaces and underscores (as the extract contracts)."""
    return cell_text(name).lower().replace(" ", "").replace("_", "")


def unknown_note(unknown: set[str], noun: str, seed: str, kept: str) -> str:
    """The report note for published values a reference seed lacks: kept, never dropped."""
    plural = "s" if len(unknown) > 1 else ""
    return f"{len(unknown)} {noun}{plural} not in {seed} ({kept}): {', '.join(sorted(unknown))}"


# Longitude and latitude of the UK and its waters (police.uk leaves unknown places empty).
UK_BOUNDS = {"Longitude": (-8.7, 1.8), "Latitude": (49.8, 60.9)}


def coordinate(text: str, where: str, line: int, column: str) -> float | None:
    text = text.strip()
    if not text:
        return None
    try:
        value = float(text)
    except ValueError:
        raise FileRejected(Violation(where, line, column, f"not a number: {text!r}")) from None
    low, high = UK_BOUNDS[column]
    if not low <= value <= high:  # also NaN and infinities
        reason = f"{text} is not a {column.lower()} in the UK ({low} to {high})"
        raise FileRejected(Violation(where, line, column, reason))
    return value


def data_rows(reader, width: int, where: str) -> Iterator[tuple[int, list[str]]]:
    """(line, fields) of each non-blank row of a csv.reader past its header; a row with another
    number of fields than the header refuses the file."""
    for row in reader:
        if not any(field.strip() for field in row):
            continue
        if len(row) != width:
            reason = f"{len(row)} fields, the header has {width}"
            raise FileRejected(Violation(where, reader.line_num, None, reason))
        yield reader.line_num, row
