"""Each kind of broken file is rejected with a one-line message naming file, line, column."""

from __future__ import annotations

import gzip

import duckdb

from tests.ingest.extract_factory import to_csv, valid_rows, write_bytes, write_extract


def rejected(result):
    assert result.action == "rejected", result
    return result.violation


def test_empty_file_is_rejected(files, ingest_one):
    path = write_bytes(files / "empty.csv", b"")
    violation = rejected(ingest_one(path))
    assert str(violation) == f"{path}: empty file (0 bytes)"


def test_header_only_is_rejected(files, ingest_one):
    text = to_csv(valid_rows("call_handling")).split("\n")[0] + "\n\n"
    violation = rejected(ingest_one(write_bytes(files / "header.csv", text.encode())))
    assert violation.line is None
    assert "header only: no data rows" in violation.reason


def test_unrecognised_header_is_rejected(files, ingest_one):
    path = write_bytes(files / "other.csv", b"name,age,town\nAnn,41,Dover\n")
    violation = rejected(ingest_one(path))
    assert (violation.line, violation.column) == (1, None)
    assert violation.reason.startswith("unrecognised header")


def test_missing_required_column_is_named(files, ingest_one):
    rows = valid_rows("call_handling")
    for row in rows:
        del row["calls_abandoned"]
    violation = rejected(ingest_one(write_extract(files / "calls.csv", rows)))
    assert (violation.line, violation.column) == (1, "calls_abandoned")
    assert "required column missing from the call_handling header" in violation.reason


def test_unknown_extra_column_is_named(files, ingest_one):
    rows = valid_rows("victim_satisfaction")
    for row in rows:
        row["comments"] = "fine"
    violation = rejected(ingest_one(write_extract(files / "sat.csv", rows)))
    assert (violation.line, violation.column) == (1, "comments")
    assert "unknown column" in violation.reason


def test_duplicate_header_column_is_rejected(files, ingest_one):
    text = to_csv(valid_rows("victim_satisfaction"))
    header, body = text.split("\n", 1)
    path = write_bytes(files / "sat.csv", f"{header},Satisfied\n{body}".encode())
    violation = rejected(ingest_one(path))
    assert (violation.line, violation.column) == (1, "Satisfied")
    assert "duplicate column" in violation.reason


def test_semicolon_and_tab_files_get_wrong_delimiter(files, ingest_one):
    rows = valid_rows("call_handling")
    for delimiter, name in ((";", "semicolon"), ("\t", "tab")):
        path = write_bytes(files / f"calls_{name}.csv", to_csv(rows, delimiter=delimiter).encode())
        violation = rejected(ingest_one(path))
        assert str(violation) == f"{path}:1: wrong delimiter: expected comma, found {name}"


def test_semicolon_data_under_a_comma_header_is_wrong_delimiter_on_its_line(files, ingest_one):
    rows = valid_rows("victim_satisfaction")
    header, *lines = to_csv(rows).splitlines()
    lines[1] = lines[1].replace(",", ";")
    path = write_bytes(files / "sat.csv", "\n".join([header, *lines, ""]).encode())
    violation = rejected(ingest_one(path))
    assert (violation.line, violation.reason) == (
        3,
        "wrong delimiter: expected comma, found semicolon",
    )


def test_windows_1252_bytes_are_rejected_with_byte_and_line(files, ingest_one):
    rows = valid_rows("victim_referrals", per_month=4)
    rows[2]["provider"] = "Caf\u00e9 Support"
    path = write_bytes(files / "ref.csv", to_csv(rows).encode("cp1252"))
    violation = rejected(ingest_one(path))
    assert (violation.line, violation.column) == (4, "provider")
    assert violation.reason == "not UTF-8 (byte 0xE9 at line 4; Windows-1252?)"


def test_utf8_bom_is_accepted_and_utf8_text_kept(files, data, ingest_one):
    rows = valid_rows("victim_referrals", per_month=2)
    rows[0]["provider"] = "Caf\u00e9 Support"
    path = write_bytes(files / "ref.csv", b"\xef\xbb\xbf" + to_csv(rows).encode("utf-8"))
    assert ingest_one(path).action == "loaded"
    with duckdb.connect(str(data.landing_db), read_only=True) as con:
        providers = con.execute("select provider from victim_referrals order by 1").fetchall()
    assert providers == [("Caf\u00e9 Support",), ("Victim Support",)]


def test_ragged_rows_name_their_line(files, ingest_one):
    rows = valid_rows("s136_detentions", per_month=6)
    header, *lines = to_csv(rows).splitlines()
    cases = {
        "fewer": (2, lines[2].rsplit(",", 1)[0], "8 fields, the header has 9"),
        "one_more": (4, lines[4] + ",extra", "10 fields, the header has 9"),
        "trailing_comma": (1, lines[1] + ",", "10 fields, the header has 9"),
        "many_more": (3, lines[3] + ",a,b,c", "12 fields, the header has 9"),
    }
    for name, (index, broken, expected) in cases.items():
        body = [*lines]
        body[index] = broken
        path = write_bytes(files / f"{name}.csv", "\n".join([header, *body, ""]).encode())
        violation = rejected(ingest_one(path))
        assert (violation.line, violation.column) == (index + 2, None), name
        assert violation.reason == f"ragged row: {expected}", name


def test_blank_line_and_line_break_in_a_value_are_rejected(files, ingest_one):
    rows = valid_rows("victim_referrals", per_month=4)
    header, *lines = to_csv(rows).splitlines()
    blank = write_bytes(
        files / "blank.csv", "\n".join([header, lines[0], "", *lines[1:], ""]).encode()
    )
    violation = rejected(ingest_one(blank))
    assert (violation.line, violation.reason) == (3, "blank line inside the data")

    rows[1]["provider"] = "Victim\nSupport"
    broken = write_extract(files / "newline.csv", rows)
    violation = rejected(ingest_one(broken))
    assert (violation.line, violation.reason) == (3, "line break inside a quoted value")


def test_trailing_blank_lines_are_harmless(files, ingest_one):
    text = to_csv(valid_rows("victim_satisfaction")) + "\n\n"
    assert ingest_one(write_bytes(files / "sat.csv", text.encode())).action == "loaded"


def test_unterminated_quote_is_rejected_on_its_line(files, ingest_one):
    rows = valid_rows("victim_referrals", per_month=3)
    header, *lines = to_csv(rows).splitlines()
    lines[2] = lines[2].replace("Victim Support", '"Victim Support')
    path = write_bytes(files / "quote.csv", "\n".join([header, *lines, ""]).encode())
    violation = rejected(ingest_one(path))
    assert violation.line == 4


def test_gzip_is_decompressed_and_a_broken_gzip_rejected(files, ingest_one):
    good = write_extract(files / "good.csv.gz", valid_rows("victim_satisfaction"), gz=True)
    assert ingest_one(good).action == "loaded"

    data = gzip.compress(to_csv(valid_rows("victim_satisfaction", months=("2024-02",))).encode())
    truncated = write_bytes(files / "truncated.csv.gz", data[: len(data) // 2])
    violation = rejected(ingest_one(truncated))
    assert violation.line is None and violation.reason.startswith("not a readable gzip file")

    fake = write_bytes(files / "fake.csv.gz", b"crime_id,recorded_date\n")
    assert rejected(ingest_one(fake)).reason == "not a gzip file despite the .gz suffix"
