"""Spreadsheet and CSV cells -> text, the same way whichever format a value came from."""

from __future__ import annotations

from datetime import date, datetime


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
