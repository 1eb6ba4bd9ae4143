"""Home Office police recorded crime (PRC) open data, Police Force Area tables -> landing rows.

Reads the published workbook (.ods: one sheet per financial year named like 2019-20 or
2024_25; any other sheet is notes and is skipped) or a CSV export of one of its sheets. Both
vintages of the count column (`Number of Offences`, `Offence Count`) are accepted. Rows are kept
as published (force name variants and subgroup renames are resolved in dbt); a fault stops the
whole file with one line naming file, sheet, line, column and reason.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from pathlib import Path

import duckdb

from ingest.contracts import MAX_INTEGER
from ingest.paths import SEEDS_DIR
from ingest.public.cells import cell_text, normalise_name, unknown_note
from ingest.public.tables import PRC_OFFENCES, PRC_OUTCOMES, PRC_SUBSET_OUTCOMES, PUBLIC_TABLES
from ingest.sql_literal import literal
from ingest.violation import FileRejected, Violation

OFFENCE_COLUMNS = (
    "Financial Year",
    "Financial Quarter",
    "Force Name",
    "Offence Description",
    "Offence Group",
    "Offence Subgroup",
    "Offence Code",
)
COUNT_COLUMNS = ("Number of Offences", "Offence Count")  # older, newer vintage
# The crime outcomes tables add the outcome to the offence columns, and two counts: outcomes
# given (by publication) to offences recorded in the quarter, and outcomes of investigations
# closed in the quarter, whenever the offence was recorded. Names as public code reading the
# year ending March 2026 file spells them, then the variants other vintages and the drug
# subcode table use (docs/public_data.md: not checked against a file here).
OUTCOME_COLUMNS = ("Outcome Type", "Outcome Description", "Outcome Group")
OUTCOME_COUNTS = {
    "outcomes_for_offences_recorded": (
        "Outcomes for offences that were recorded in the quarter",
        "Number of Outcomes for offences that were recorded in the quarter",
        "Force outcomes for offences recorded in quarter",
    ),
    "outcomes_closed": (
        "Outcomes for investigations closed in the quarter",
        "Number of Outcomes for investigations that were closed in the quarter",
        "Force outcomes recorded in quarter",
    ),
}
EXPIRED = "Offence code expired"  # optional: 'x' where the code is no longer used


@dataclass(frozen=True)
class Layout:
    """One Home Office open data table of offences by force and quarter.

    counts maps each landing count column to the published names its vintages use; a layout
    with a `vintage` column records which name the file used.
    """

    table: str
    title: str  # in messages: "police recorded crime"
    required: tuple[str, ...]  # text columns, each landing as its snake-case name
    counts: dict[str, tuple[str, ...]]
    key: tuple[str, ...]  # one row per key
    vintage: str | None = None
    numbered: tuple[str, ...] = ()  # text columns whose values must be whole numbers
    optional: tuple[str, ...] = ()  # text columns a vintage may leave out (then empty)
    not_given: bool = False  # N/A counts land as NULL (not 0) instead of refusing the file


OFFENCES = Layout(
    PRC_OFFENCES,
    "police recorded crime",
    OFFENCE_COLUMNS,
    {"offences": COUNT_COLUMNS},
    ("Financial Year", "Financial Quarter", "Force Name", "Offence Code"),
    vintage="count_column",
)
OUTCOMES = Layout(
    PRC_OUTCOMES,
    "crime outcomes",
    OFFENCE_COLUMNS + OUTCOME_COLUMNS,
    OUTCOME_COUNTS,
    ("Financial Year", "Financial Quarter", "Force Name", "Offence Code", "Outcome Type"),
    numbered=("Outcome Type",),
    optional=(EXPIRED,),
    not_given=True,
)


def _landing_name(column: str) -> str:
    return column.lower().replace(" ", "_")


YEAR_SHEET = re.compile(r"^\s*(\d{4})\s*[-_/]\s*(\d{2})\s*$")
_FINANCIAL_YEAR = re.compile(r"^(\d{4})/(\d{2})$")
_QUARTER_MONTH = {1: 4, 2: 7, 3: 10, 4: 1}  # first calendar month of each financial quarter
_WHOLE = re.compile(r"-?[0-9]+")  # ASCII digits only: '²' is a digit to str.isdigit


@dataclass
class PrcRead:
    """Landing rows (without _file_sha256) as one Arrow table per sheet, and report notes."""

    parts: list = field(default_factory=list)  # pyarrow Tables
    notes: list[str] = field(default_factory=list)
    codes: set[str] = field(default_factory=set)
    layout: Layout | None = None  # the first sheet's; every later sheet must have the same
    subset: str | None = None  # an outcomes table of knife or firearm offences (offence_subset)

    @property
    def rows(self) -> int:
        return sum(part.num_rows for part in self.parts)

    @property
    def table(self) -> str:
        return PRC_SUBSET_OUTCOMES if self.subset else (self.layout or OFFENCES).table

    def add(self, layout: Layout, table, where: str) -> None:
        """One sheet's checked rows (a pyarrow Table, None for a sheet with no rows)."""
        if self.layout is None:
            self.layout = layout
        elif layout is not self.layout:
            reason = f"a {layout.title} sheet in a {self.layout.title} workbook"
            raise FileRejected(Violation(where, 1, None, reason))
        if table is None:
            return  # a sheet with a header and no rows
        self.codes.update(table.column("offence_code").unique().to_pylist())
        self.parts.append(table)


def is_prc_header(names: Iterable) -> bool:
    """The offence columns of a police recorded crime or crime outcomes table."""
    found = {normalise_name(n) for n in names}
    return {"forcename", "offencecode", "financialquarter"} <= found


def layout_of(header: Iterable) -> Layout:
    """The crime outcomes layout when the header has an outcome column, else recorded crime."""
    found = {normalise_name(n) for n in header}
    outcome = any(normalise_name(c) in found for c in OUTCOME_COLUMNS) or any(
        normalise_name(name) in found for names in OUTCOME_COUNTS.values() for name in names
    )
    return OUTCOMES if outcome else OFFENCES


def read_prc_workbook(path: Path, display: str) -> PrcRead:
    from python_calamine import CalamineError, CalamineWorkbook

    try:
        workbook = CalamineWorkbook.from_path(str(path))
    except (CalamineError, OSError, ValueError) as exc:
        reason = f"not a readable .ods workbook ({str(exc).splitlines()[0]})"
        raise FileRejected(Violation(display, None, None, reason)) from None
    result = PrcRead()
    skipped: list[str] = []
    year_sheets = 0
    for name in workbook.sheet_names:
        match = YEAR_SHEET.match(name)
        if match is None:
            skipped.append(name)
            continue
        year_sheets += 1
        where = f"{display} [sheet {name}]"
        expected_year = _sheet_year(match, where)
        # Keep empty leading rows so list index + 1 is the sheet's row number.
        rows = workbook.get_sheet_by_name(name).to_python(skip_empty_area=False)
        if not rows:
            raise FileRejected(Violation(where, None, None, "empty sheet: no header row"))
        lines = list(range(2, len(rows) + 1))
        layout = layout_of(rows[0])
        body = _text_table(rows[1:], lines, len(rows[0]))
        result.add(layout, _read_rows(layout, rows[0], body, where, name, expected_year), where)
        del rows  # one sheet in memory at a time
    if not year_sheets:
        reason = (
            "no financial-year sheets (named like 2019-20 or 2024_25) in the workbook; "
            f"sheets: {', '.join(workbook.sheet_names) or 'none'}"
        )
        raise FileRejected(Violation(display, None, None, reason))
    if skipped:
        result.notes.insert(
            0, f"skipped notes sheet{'s' if len(skipped) > 1 else ''}: " + ", ".join(skipped)
        )
    return _finish(result, display)


def read_prc_csv(text: str, display: str) -> PrcRead:
    result = PrcRead()
    reader = csv.reader(io.StringIO(text, newline=""))
    header = next(reader, None)
    if not header:
        raise FileRejected(Violation(display, None, None, "empty: no header row"))
    body = _arrow_csv(text, len(header)) if reader.line_num == 1 else None
    if body is None:  # a record over several lines, a blank line or a ragged row: ask the reader
        rows, lines = [], []
        for row in reader:
            rows.append(row)
            lines.append(reader.line_num)  # physical line where the record ends
        body = _text_table(rows, lines, len(header))
    layout = layout_of(header)
    result.add(layout, _read_rows(layout, header, body, display, None, None), display)
    return _finish(result, display)


def _arrow_csv(text: str, width: int):
    """The CSV's records past its header as text columns f0.. and _line, parsed by Arrow; None
    unless every line past the header is one record of `width` fields (so record i is on
    line i + 2)."""
    import pyarrow as pa
    import pyarrow.csv as pa_csv

    names = [f"f{i}" for i in range(width)]
    try:
        table = pa_csv.read_csv(
            io.BytesIO(text.encode()),
            read_options=pa_csv.ReadOptions(column_names=names, skip_rows=1),
            parse_options=pa_csv.ParseOptions(newlines_in_values=False, ignore_empty_lines=True),
            convert_options=pa_csv.ConvertOptions(
                column_types=dict.fromkeys(names, pa.string()),
                strings_can_be_null=False,
                quoted_strings_can_be_null=False,
            ),
        )
    except pa.ArrowInvalid:  # another number of fields than the header, or unparseable
        return None
    if table.num_rows + 1 != text.count("\n") + (not text.endswith("\n")):
        return None
    return table.append_column("_line", pa.array(range(2, table.num_rows + 2), pa.int64()))


def _text_table(rows: list[list], lines: list[int], width: int):
    """Sheet or CSV rows (cells of any type) as text columns f0.. and _line: blank rows ('' or
    None everywhere; a lone 0 is no row either) left out, short rows padded."""
    import pyarrow as pa

    cells, kept_lines = rows, lines
    if not all(map(any, rows)):
        kept = [(row, line) for row, line in zip(rows, lines, strict=True) if any(row)]
        cells, kept_lines = [row for row, _ in kept], [line for _, line in kept]
    if cells and min(map(len, cells)) < width:
        cells = [[*row, *([""] * (width - len(row)))] for row in cells]
    columns = list(zip(*cells, strict=False))  # longer rows: the cells past the header go
    arrays = {
        f"f{i}": pa.array(_texts(columns[i]) if columns else [], pa.string()) for i in range(width)
    }
    return pa.table({**arrays, "_line": pa.array(kept_lines, pa.int64())})


# --- rows -------------------------------------------------------------------------------------


def _sheet_year(match: re.Match, where: str) -> str:
    start, end = int(match.group(1)), int(match.group(2))
    if (start + 1) % 100 != end:
        reason = f"sheet name is not a financial year (expected {start}-{(start + 1) % 100:02d})"
        raise FileRejected(Violation(where, None, None, reason))
    return f"{start}/{end:02d}"


def _header_positions(
    layout: Layout, header: list, where: str
) -> tuple[dict[str, int], dict[str, tuple[int, str]]]:
    """{text column: index} and {landing count column: (index, the published name used)}."""
    names = [normalise_name(h) for h in header]
    positions: dict[str, int] = {}
    for column in layout.required:
        key = normalise_name(column)
        if key in names:
            positions[column] = names.index(key)
    missing = [c for c in layout.required if c not in positions]
    for column in layout.optional:
        if normalise_name(column) in names:
            positions[column] = names.index(normalise_name(column))
    if len(missing) == len(layout.required):
        shown = ", ".join(cell_text(h) for h in header if cell_text(h)) or "an empty row"
        reason = (
            f"unknown sheet layout: the first row is not the {layout.title} header (found {shown})"
        )
        raise FileRejected(Violation(where, 1, None, reason))
    if missing:
        reason = f"required column missing from the {layout.title} header"
        raise FileRejected(Violation(where, 1, ", ".join(missing), reason))
    counts: dict[str, tuple[int, str]] = {}
    for column, published in layout.counts.items():
        found = [c for c in published if normalise_name(c) in names]
        if not found:
            expected = " or ".join(repr(c) for c in published)
            raise FileRejected(
                Violation(
                    where, 1, " / ".join(published), f"count column missing (expected {expected})"
                )
            )
        if len(found) > 1:
            reason = "both count columns present: cannot tell which vintage this is"
            raise FileRejected(Violation(where, 1, ", ".join(found), reason))
        counts[column] = (names.index(normalise_name(found[0])), found[0])
    known = set(positions.values()) | {index for index, _ in counts.values()}
    unknown = [cell_text(h) for i, h in enumerate(header) if i not in known and cell_text(h)]
    if unknown:
        reason = f"unknown column in the {layout.title} header (not loaded, so the file is refused)"
        raise FileRejected(Violation(where, 1, ", ".join(unknown), reason))
    return positions, counts


def _read_rows(
    layout: Layout, header: list, body, where: str, sheet: str | None, expected_year: str | None
):
    """One sheet (or CSV), checked and typed in DuckDB: a pyarrow Table of landing columns, or
    None when it has no rows. body holds the text columns f0.. and each row's sheet row or
    CSV line (_line).

    Every check finds its first bad row; the earliest of those is reported, as a row-by-row
    reader would.
    """
    positions, count_at = _header_positions(layout, header, where)
    with duckdb.connect() as con:
        return _checked(con, layout, body, positions, count_at, where, sheet, expected_year)


def _checked(con, layout, body, positions, count_at, where, sheet, expected_year):
    """_read_rows on its own in-memory DuckDB connection."""
    absent = [column for column in layout.optional if column not in positions]
    width = body.num_columns - 1
    con.register("body", body)
    blank = " and ".join(f"(f{i} is null or f{i} = '')" for i in range(width))
    # trim() with a set of characters is slow: only values that start or end with one trim.
    stripped = ", ".join(
        f"case when regexp_matches(f{i}, $edge) then trim(f{i}, $ws) else coalesce(f{i}, '') end "
        f"as f{i}"
        for i in range(width)
    )
    con.execute(
        f"""
        create table rows as
        select row_number() over (order by _line) - 1 as _i, _line, {stripped}
        from body where not ({blank})
        """,
        {"ws": _WHITESPACE, "edge": _EDGE_SPACE},
    )
    con.unregister("body")
    n = con.execute("select count(*) from rows").fetchone()[0]
    if not n:
        return None
    ref = {column: f"f{index}" for column, index in positions.items()}
    line_of = {}

    def line(i: int) -> int:
        if i not in line_of:
            line_of[i] = con.execute("select _line from rows where _i = ?", [i]).fetchone()[0]
        return line_of[i]

    problems: list[tuple[int, Violation]] = []
    year, quarter = ref["Financial Year"], ref["Financial Quarter"]
    pairs = con.execute(
        f"select {year}, {quarter}, min(_i), min(_line) from rows group by all order by 3"
    ).fetchall()
    for fy, q, first, first_line in pairs:
        try:
            _quarter(fy, q, where, first_line, expected_year)
        except FileRejected as rejected:
            problems.append((first, rejected.violation))
            break

    # Per column: the first bad row and its value (None where every row is good).
    checks: list[tuple[str, str, str, str]] = []  # (kind, column, value SQL, bad value SQL)
    checks += [("empty", c, ref[c], f"{ref[c]} = ''") for c in layout.key[2:]]
    checks += [
        ("numbered", c, ref[c], f"{ref[c]} <> '' and not regexp_full_match({ref[c]}, '[0-9]+')")
        for c in layout.numbered
    ]
    for column, (index, _) in count_at.items():
        value = f"f{index}"
        checks.append(("count", column, value, f"not ({_count_ok(value, layout.not_given)})"))
    found = con.execute(
        "select "
        + ", ".join(
            f"min(_i) filter (where {bad}), arg_min({value}, _i) filter (where {bad})"
            for _, _, value, bad in checks
        )
        + " from rows"
    ).fetchone()
    for (kind, column, _, _), first, value in zip(checks, found[0::2], found[1::2], strict=True):
        if first is None:
            continue
        if kind == "empty":
            problems.append((first, Violation(where, line(first), column, "empty value")))
        elif kind == "numbered":
            reason = f"not a whole number: {value!r}"
            if re.fullmatch(r"[0-9]+[a-z]", value):
                reason += (
                    " (an alternate-offence outcome: that table holds subsets of types 1 to 3, "
                    "so loading it would count them twice; load the crime outcomes table)"
                )
            problems.append((first, Violation(where, line(first), column, reason)))
        else:
            name = count_at[column][1]
            reason = f"not a whole number: {repr(value) if value else 'empty'}"
            if _WHOLE.fullmatch(value):
                reason = f"implausible count {value} (at most {MAX_INTEGER:,} either way)"
            problems.append((first, Violation(where, line(first), name, reason)))
    keys = ", ".join(ref[c] for c in layout.key)
    twice = con.execute(
        f"""
        select _i, _line, first_line, {keys} from (
            select *, min(_line) over (partition by {keys}) as first_line,
                min(_i) over (partition by {keys}) as first_i
            from rows
        ) where _i > first_i order by _i limit 1
        """
    ).fetchone()
    if twice is not None:
        i, at, first_line, *key = twice
        shown = ", ".join(f"{c} {v}" for c, v in zip(layout.key, key, strict=True))
        reason = f"row delivered twice: {shown} (rows {first_line} and {at})"
        problems.append((i, Violation(where, at, layout.key[-1], reason)))
    if problems:
        raise FileRejected(min(problems, key=lambda p: p[0])[1])

    types = PUBLIC_TABLES[layout.table]
    # Financial Quarter lands as a number (below); every other text column as published.
    out = [
        f"{ref[column]} as {_landing_name(column)}"
        for column in positions
        if column != "Financial Quarter"
    ]
    out += [f"'' as {_landing_name(column)}" for column in absent]
    out += [
        f"cast({quarter} as {types['financial_quarter']}) as financial_quarter",
        f"make_date(cast(left({year}, 4) as integer) + ({quarter} = '4')::integer, "
        f"[4, 7, 10, 1][cast({quarter} as integer)], 1) as quarter_start",
    ]
    for column, (index, _) in count_at.items():
        value = f"f{index}"
        out.append(
            f"case when {_count_ok(value, False)} then cast({value} as {types[column]}) end "
            f"as {column}"
        )
    if layout.vintage:
        out.append(f"{literal(next(iter(count_at.values()))[1])} as {layout.vintage}")
    out += [f"{literal(sheet)}::varchar as _sheet", "_line as _line_number"]
    return con.sql(f"select {', '.join(out)} from rows order by _i").arrow().read_all()


def _count_ok(value: str, not_given: bool) -> str:
    """SQL: the stripped text is a whole count within bounds (or, with not_given, N/A)."""
    whole = (
        f"case when regexp_full_match({value}, '-?[0-9]+') and length({value}) <= 20 "
        f"then abs(cast({value} as hugeint)) <= {MAX_INTEGER} else false end"
    )
    if not not_given:
        return whole
    # A count the tables do not give: not applicable, the code expired, or none supplied.
    return f"({whole} or regexp_full_match({value}, '(?i)(na|n/a.*)'))"


# What Python's str.strip() strips: every character str.isspace() says is white space.
_WHITESPACE = "".join(chr(c) for c in range(0x110000) if chr(c).isspace())
_SPACE_CLASS = "[" + "".join(f"\\x{{{ord(c):x}}}" for c in _WHITESPACE) + "]"
_EDGE_SPACE = f"^{_SPACE_CLASS}|{_SPACE_CLASS}$"  # RE2: a value that strip() would change


def _texts(values: tuple) -> list[str]:
    kinds = set(map(type, values))
    if kinds <= {str}:
        return list(map(str.strip, values))
    if kinds <= {float}:  # a column of numbers in a workbook (as cell_text writes them)
        return [str(int(v)) if v.is_integer() else repr(v) for v in values]
    return [cell_text(v) for v in values]


def _quarter(
    fy: str, quarter: str, where: str, line: int, expected_year: str | None
) -> tuple[int, date]:
    match = _FINANCIAL_YEAR.match(fy)
    if not match or (int(match.group(1)) + 1) % 100 != int(match.group(2)):
        reason = f"not a financial year like 2017/18: {fy!r}"
        raise FileRejected(Violation(where, line, "Financial Year", reason))
    if expected_year is not None and fy != expected_year:
        reason = f"{fy} in the sheet for {expected_year}"
        raise FileRejected(Violation(where, line, "Financial Year", reason))
    if quarter not in ("1", "2", "3", "4"):
        reason = f"not a financial quarter 1-4: {quarter!r}"
        raise FileRejected(Violation(where, line, "Financial Quarter", reason))
    number = int(quarter)
    year = int(match.group(1)) + (1 if number == 4 else 0)
    return number, date(year, _QUARTER_MONTH[number], 1)


# Outcomes tables for a subset of offences share the layout of the table for all offences and
# are told apart by their file names ("Crime outcomes for offences involving knives or sharp
# instruments", "... involving firearms"): each lands as its own subset, so it never replaces the
# all-offence table's quarters, nor the other subset's.
SUBSETS = {
    "knives_or_sharp_instruments": re.compile(r"knife|knives|sharp", re.IGNORECASE),
    "firearms": re.compile(r"firearm", re.IGNORECASE),
}


def offence_subset(file_name: str) -> str | None:
    """The offence subset a PRC file is named for, None (all offences), or "ambiguous" (the
    name says both)."""
    found = [subset for subset, pattern in SUBSETS.items() if pattern.search(file_name)]
    return found[0] if len(found) == 1 else ("ambiguous" if found else None)


def _finish(result: PrcRead, display: str) -> PrcRead:
    if not result.rows:
        raise FileRejected(Violation(display, None, None, "no data rows"))
    subset = offence_subset(Path(display.split(" [sheet ")[0]).name)
    if result.table == PRC_OFFENCES and subset is not None:
        # Only the outcomes tables have a landing source per subset: loaded as the table of all
        # offences, a recorded crime table of knife or firearm offences would replace its quarters.
        reason = (
            "a recorded crime table of knife or firearm offences (by the file name) is not "
            "loaded: in the layout of the all-offence table it would replace that table's quarters"
        )
        raise FileRejected(Violation(display, None, None, reason))
    if result.table == PRC_OUTCOMES:
        if subset == "ambiguous":
            reason = (
                "the file name names both knives and firearms: which offences it counts is unclear"
            )
            raise FileRejected(Violation(display, None, None, reason))
        if subset is not None:
            import pyarrow as pa

            result.subset = subset
            result.parts = [
                part.add_column(
                    0, "offence_subset", pa.array([subset] * part.num_rows, pa.string())
                )
                for part in result.parts
            ]
    unknown = result.codes - known_offence_codes()
    if unknown:
        kept = "kept, counted by their published group"
        result.notes.append(unknown_note(unknown, "offence code", "offence_codes.csv", kept))
    return result


@cache
def known_offence_codes() -> frozenset[str]:
    """Open-data codes of the reference list (the combined homicide code included)."""
    with open(SEEDS_DIR / "offence_codes.csv", newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    return frozenset(r["open_data_code"] for r in rows) | frozenset(r["offence_code"] for r in rows)
