"""Bytes of an extract -> an all-text DuckDB table, or the first structural fault.

Structural faults are the ones that stop a file being read as a table: not gzip, empty,
not UTF-8, wrong delimiter, ragged rows, blank lines and line breaks inside values. The
values themselves are checked later (ingest.validate) against the contract.
"""

from __future__ import annotations

import csv
import gzip
import hashlib
import io
import re
import zlib
from dataclasses import dataclass
from pathlib import Path

import duckdb

from ingest.sql_literal import literal
from ingest.violation import FileRejected, Violation

GZIP_MAGIC = b"\x1f\x8b"
UTF8_BOM = b"\xef\xbb\xbf"
# Empty fields read as '' rather than NULL so NULL can only mean "this row had fewer fields".
NULL_SENTINEL = "\x01"
_LINE_END = re.compile(rb"\r\n|\n|\r")
_NON_SPACE = re.compile(rb"\S")
_DELIMITER_NAMES = {";": "semicolon", "\t": "tab", "|": "pipe"}


@dataclass(frozen=True)
class SourceFile:
    path: Path
    display: str  # how the file is named in messages
    original: bytes  # the bytes on disk: hashed and archived
    sha256: str
    gzipped: bool
    text: bytes  # decompressed, UTF-8 BOM removed

    @property
    def archive_suffix(self) -> str:
        return ".csv.gz" if self.gzipped else ".csv"


@dataclass(frozen=True)
class Staged:
    """The file as a table, in file order.

    Rows before `issue` (if any) are intact and row `rowid` is on line rowid + 2.
    """

    table: str  # qualified name
    rows: int
    issue: Violation | None  # the first structural fault, if any

    @property
    def clean_rows(self) -> int:
        """How many leading rows are intact (and so have trustworthy line numbers)."""
        if self.issue is None:
            return self.rows
        return 0 if self.issue.line is None else min(self.rows, self.issue.line - 2)


def file_sha256(original: bytes) -> str:
    """The content fingerprint of a file's bytes as they arrived (the manifest's file_sha256)."""
    return hashlib.sha256(original).hexdigest()


def read_source(path: Path, display: str, original: bytes | None = None) -> SourceFile:
    """The file's bytes (`original` if already read), decompressed and checked non-empty."""
    original = path.read_bytes() if original is None else original
    if not original:
        raise FileRejected(Violation(display, None, None, "empty file (0 bytes)"))
    gzipped = original.startswith(GZIP_MAGIC)
    text = original
    if gzipped:
        try:
            text = gzip.decompress(original)
        except (OSError, EOFError, zlib.error) as exc:
            raise FileRejected(
                Violation(display, None, None, f"not a readable gzip file ({exc})")
            ) from None
    elif path.name.lower().endswith(".gz"):
        raise FileRejected(Violation(display, None, None, "not a gzip file despite the .gz suffix"))
    if text.startswith(UTF8_BOM):
        text = text[len(UTF8_BOM) :]
    if _NON_SPACE.search(text) is None:
        raise FileRejected(Violation(display, None, None, "empty file (no header)"))
    return SourceFile(path, display, original, file_sha256(original), gzipped, text)


def read_header(source: SourceFile) -> list[str]:
    """The header fields; rejects a header that is not UTF-8 or not comma-separated."""
    end = _LINE_END.search(source.text)
    first = source.text[: end.start() if end else len(source.text)]
    try:
        line = first.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise FileRejected(_encoding_violation(source, exc, [])) from None
    fields = next(csv.reader([line]))
    if len(fields) == 1:
        for delimiter, name in _DELIMITER_NAMES.items():
            if delimiter in line:
                reason = f"wrong delimiter: expected comma, found {name}"
                raise FileRejected(Violation(source.display, 1, None, reason))
    if end is None or _NON_SPACE.search(source.text, end.end()) is None:
        raise FileRejected(Violation(source.display, None, None, "header only: no data rows"))
    return fields


def stage(
    con: duckdb.DuckDBPyConnection,
    source: SourceFile,
    header: list[str],
    columns: list[str],
    table: str,
) -> Staged:
    """Read the file into `table` (created) and find its first structural fault.

    Every field is read as text (c0..c<n>); `columns` are the select expressions over those
    fields that make the table's columns (the typed contract columns). `_ragged` marks rows
    with fewer or more fields than the header.
    """
    n = len(header)
    issues: list[Violation] = []
    encoding = _first_encoding_error(source, header)
    if encoding is not None:
        issues.append(encoding)

    select = f"{', '.join(columns)}, c{n - 1} is null or c{n} is not null as _ragged"
    # Most files are sound: read them without DuckDB's reject bookkeeping (faster), and
    # read again recording rejected lines only when that first read fails.
    try:
        _read(con, source, n, select, table, rejects=False)
        first_reject, rejected_lines = None, 0
    except duckdb.Error:
        try:
            _read(con, source, n, select, table, rejects=True)
        except duckdb.Error as exc:
            # DuckDB's parallel reader gives up on line breaks inside quotes: find the line.
            anomaly = _first_line_anomaly(source) or Violation(
                source.display, None, None, f"unreadable CSV: {str(exc).splitlines()[0]}"
            )
            raise FileRejected(min([anomaly, *issues], key=lambda v: v.line or 0)) from None
        first_reject = con.execute(
            "select line, error_type, error_message from temp.read_rejects order by line limit 1"
        ).fetchone()
        rejected_lines = con.execute(
            "select count(distinct line) from temp.read_rejects"
        ).fetchone()[0]
    if first_reject is not None:
        issues.append(_reject_violation(source, n, *first_reject))

    rows = con.execute(f"select count(*) from {table}").fetchone()[0]
    if rows + rejected_lines != _expected_records(source.text):
        anomaly = _first_line_anomaly(source)
        if anomaly is not None:
            issues.append(anomaly)
        elif not issues:
            reason = "could not number the lines (line endings should be LF or CRLF)"
            issues.append(Violation(source.display, None, None, reason))

    # After a skipped line rowids shift, so on a tie the earlier-listed fault wins.
    # Rows with fewer fields are padded with NULL; rows with one field too many fill c<n>.
    ragged = con.execute(f"select min(rowid) from {table} where _ragged").fetchone()[0]
    if ragged is not None:
        issues.append(_field_count_violation(source, n, ragged + 2))

    issue = min(issues, key=lambda v: v.line or 0) if issues else None
    return Staged(table=table, rows=rows, issue=issue)


def _read(
    con: duckdb.DuckDBPyConnection,
    source: SourceFile,
    n: int,
    select: str,
    table: str,
    rejects: bool,
) -> None:
    """Every field as text (c0..c<n>; c<n> catches a field too many), empty fields as ''."""
    fields = ", ".join(f"'c{i}': 'VARCHAR'" for i in range(n + 1))
    store = ""
    if rejects:
        con.execute("drop table if exists temp.read_rejects; drop table if exists temp.read_scans")
        store = (
            ", store_rejects = true, rejects_table = 'read_rejects', rejects_scan = 'read_scans'"
        )
    con.execute(
        f"""
        create or replace table {table} as
        select {select}
        from read_csv(
            {literal(str(source.path))}, columns = {{{fields}}}, header = false, skip = 1,
            delim = ',', quote = '"', escape = '"', auto_detect = false,
            compression = {literal("gzip" if source.gzipped else "none")}, null_padding = true,
            nullstr = {literal(NULL_SENTINEL)}, strict_mode = true{store}
        )
        """
    )


def _expected_records(text: bytes) -> int:
    """Data records if every physical line after the header is one record (trailing blanks ok)."""
    end = len(text)
    while end and text[end - 1] in b"\r\n":
        end -= 1
    newline = b"\n" if text.find(b"\n", 0, end) >= 0 else b"\r"
    return text.count(newline, 0, end)


def _first_encoding_error(source: SourceFile, header: list[str]) -> Violation | None:
    if source.text.isascii():
        return None
    try:
        source.text.decode("utf-8")
    except UnicodeDecodeError as exc:
        return _encoding_violation(source, exc, header)
    return None


def _encoding_violation(
    source: SourceFile, exc: UnicodeDecodeError, header: list[str]
) -> Violation:
    text = source.text
    position = exc.start
    line = text.count(b"\n", 0, position) + 1
    line_start = text.rfind(b"\n", 0, position) + 1
    prefix = text[line_start:position].decode("utf-8", errors="replace")
    field_index = len(next(csv.reader([prefix]), [""])) - 1 if prefix else 0
    column = header[field_index] if 0 <= field_index < len(header) else None
    hint = ""
    line_end = text.find(b"\n", position)
    try:
        text[line_start : None if line_end < 0 else line_end].decode("cp1252")
        hint = "; Windows-1252?"
    except UnicodeDecodeError:
        pass
    reason = f"not UTF-8 (byte 0x{text[position]:02X} at line {line}{hint})"
    return Violation(source.display, line, column, reason)


def line_fields(source: SourceFile, line: int) -> list[str]:
    """The fields of one physical line, parsed again in Python (to word a message)."""
    return next(csv.reader([_physical_line(source.text, line)]), [])


def _physical_line(text: bytes, line: int) -> str:
    start = 0
    for _ in range(line - 1):
        start = text.find(b"\n", start) + 1
        if start == 0:
            return ""
    end = text.find(b"\n", start)
    raw = text[start : None if end < 0 else end]
    return raw.rstrip(b"\r").decode("utf-8", errors="replace")


def _field_count_violation(source: SourceFile, expected: int, line: int) -> Violation:
    text = _physical_line(source.text, line)
    found = len(next(csv.reader([text]), []))
    if found == 1:
        for delimiter, name in _DELIMITER_NAMES.items():
            if delimiter in text:
                reason = f"wrong delimiter: expected comma, found {name}"
                return Violation(source.display, line, None, reason)
    reason = f"ragged row: {found} fields, the header has {expected}"
    return Violation(source.display, line, None, reason)


def _reject_violation(
    source: SourceFile, expected: int, line: int, error_type: str, message: str
) -> Violation:
    if error_type in ("TOO MANY COLUMNS", "MISSING COLUMNS"):
        return _field_count_violation(source, expected, line)
    if error_type == "UNQUOTED VALUE":
        return Violation(source.display, line, None, "unterminated or stray quote")
    if error_type == "LINE SIZE OVER MAXIMUM":
        return Violation(source.display, line, None, "line too long")
    return Violation(source.display, line, None, message.splitlines()[0])


def _first_line_anomaly(source: SourceFile) -> Violation | None:
    """First blank line or line break inside a quoted value (slow: only run when lines don't add up)."""
    text = source.text.rstrip(b"\r\n").decode("utf-8", errors="replace")
    reader = csv.reader(io.StringIO(text, newline=""))
    previous_end = 0
    for record in reader:
        start = previous_end + 1
        if not record:
            return Violation(source.display, start, None, "blank line inside the data")
        if reader.line_num > start:
            reason = "line break inside a quoted value"
            return Violation(source.display, start, None, reason)
        previous_end = reader.line_num
    return None
