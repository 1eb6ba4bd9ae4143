"""Bad ASB extracts, road casualty extracts and STATS19 files: refused, one line each, nothing lands.

`pcc ingest` on the command line: exit code 1, one stderr line per rejected file naming file,
line, column and reason, and the landing tables keep exactly the rows they had. The STATS19
loader (python -m ingest.public.stats19): exit code 1, one line naming file, line and column, and the
output extract left as it was.
"""

from __future__ import annotations

import gzip

import duckdb
import pytest

from ingest.public import stats19
from tests.ingest.extract_factory import to_csv, valid_rows, write_bytes, write_extract
from tests.ingest.test_ingest_cli import pcc_ingest


def landing_counts(data) -> dict[str, int]:
    with duckdb.connect(str(data.landing_db), read_only=True) as con:
        return {
            t: con.execute(f"select count(*) from {t}").fetchone()[0]
            for t in ("asb_incidents", "road_casualties", "load_manifest")
        }


def asb(months=("2024-01",)):
    return valid_rows("asb_incidents", months)


def road(months=("2024-01",)):
    return valid_rows("road_casualties", months, per_month=6)


def _set(rows, index, column, value):
    rows[index][column] = value
    return rows


def _without(rows, column):
    for row in rows:
        del row[column]
    return rows


# (file name, rows, line, column, words in the reason)
BAD_EXTRACTS = [
    ("asb_category.csv", lambda: _set(asb(), 2, "category", "rowdy"), 4, "category", "rowdy"),
    ("asb_date.csv", lambda: _set(asb(), 0, "reported_date", "2024-13-01"), 2, "reported_date", ""),
    ("asb_district.csv", lambda: _set(asb(), 5, "district_code", "E07999999"), 7, "district_code",
     "E07999999"),
    ("asb_repeat.csv", lambda: _set(asb(), 1, "repeat_incident", "maybe"), 3, "repeat_incident",
     "maybe"),
    ("asb_empty_id.csv", lambda: _set(asb(), 3, "incident_id", ""), 5, "incident_id", ""),
    ("asb_duplicate_id.csv", lambda: _set(asb(), 4, "incident_id", "ASB-2024-01-000000"), 6,
     "incident_id", "duplicate"),
    ("asb_no_category.csv", lambda: _without(asb(), "category"), 1, "category", "missing"),
    ("road_severity.csv", lambda: _set(road(), 2, "casualty_severity", "4"), 4,
     "casualty_severity", "4"),
    ("road_negative.csv", lambda: _set(road(), 1, "casualty_reference", "-1"), 3,
     "casualty_reference", ""),
    ("road_duplicate.csv", lambda: _set(_set(road(), 1, "casualty_reference", "1"), 1,
     "collision_index", "2024SYN010000"), 3, "", "duplicate"),
    ("road_date.csv", lambda: _set(road(), 0, "collision_date", "05/01/2024"), 2,
     "collision_date", ""),
]  # fmt: skip


def test_bad_asb_and_road_extracts_are_refused_and_nothing_lands(files, data):
    good = [
        write_extract(files / "good_asb.csv", asb(("2023-12",))),
        write_extract(files / "good_road.csv", road(("2023-12",))),
    ]
    assert pcc_ingest(*good, data_dir=data.root).returncode == 0
    before = landing_counts(data)
    assert before["asb_incidents"] > 0 and before["road_casualties"] > 0

    bad = {name: write_extract(files / name, make()) for name, make, *_ in BAD_EXTRACTS}
    result = pcc_ingest(*bad.values(), data_dir=data.root)

    assert result.returncode == 1
    lines = result.stderr.splitlines()
    assert len(lines) == len(BAD_EXTRACTS), result.stderr
    by_file = {line.split(":", 1)[0]: line for line in lines}
    for name, _, line, column, words in BAD_EXTRACTS:
        message = by_file[str(bad[name])]
        assert message.startswith(f"{bad[name]}:{line}: "), message
        if column:
            assert f"column {column}" in message or column in message, message
        assert words in message, message
        assert len(message.split(": ", 2)[-1]) > 5, message  # a reason, not just a place
    assert landing_counts(data) == before


def test_a_gzipped_asb_file_cut_short_is_refused(files, data):
    payload = gzip.compress(to_csv(asb()).encode("utf-8"), mtime=0)
    path = write_bytes(files / "asb.csv.gz", payload[: len(payload) // 2])
    result = pcc_ingest(path, data_dir=data.root)
    assert result.returncode == 1
    assert len(result.stderr.splitlines()) == 1 and str(path) in result.stderr


COLLISION = "collision_index,collision_year,collision_ref_no,date,time,local_authority_ons_district"
CASUALTY = "collision_index,collision_year,collision_ref_no,vehicle_reference,casualty_reference,casualty_severity"
OLD_COLLISION = "accident_index,accident_year,accident_reference,date,local_authority_ons_district"
OLD_CASUALTY = (
    "accident_index,accident_year,accident_reference,casualty_reference,casualty_severity"
)


def test_stats19_loader_reads_both_vintages_and_keeps_only_kent(tmp_path):
    new_col = write_bytes(tmp_path / "col.csv", (
        COLLISION + "\nC1,2024,1,05/01/2024,08:30,E07000105\nC2,2024,2,06/01/2024,09:00,E99999999\n"
    ).encode())  # fmt: skip
    new_cas = write_bytes(tmp_path / "cas.csv", (
        CASUALTY + "\nC1,2024,1,1,1,2\nC1,2024,1,1,2,3\nC2,2024,2,1,1,1\n"
    ).encode())  # fmt: skip
    old_col = write_bytes(tmp_path / "old_col.csv.gz", (
        OLD_COLLISION + "\nA1,2019,1,31/12/2019,E06000035\n").encode(), gz=True)  # fmt: skip
    old_cas = write_bytes(tmp_path / "old_cas.csv", (OLD_CASUALTY + "\nA1,2019,1,1,1\n").encode())
    out = tmp_path / "road_casualties.csv.gz"
    code = stats19.main(
        ["--collisions", str(new_col), str(old_col), "--casualties", str(new_cas), str(old_cas),
         "--out", str(out)]
    )  # fmt: skip
    assert code == 0
    assert gzip.decompress(out.read_bytes()).decode().splitlines() == [
        "collision_index,casualty_reference,collision_date,district_code,casualty_severity",
        "A1,1,2019-12-31,E06000035,1",
        "C1,1,2024-01-05,E07000105,2",
        "C1,2,2024-01-05,E07000105,3",
    ]


@pytest.mark.parametrize(
    ("collisions", "casualties", "where", "words"),
    [
        ("index,date,local_authority_ons_district\n1,05/01/2024,E07000105\n", CASUALTY + "\n",
         "col.csv:1: column collision_index", "not a STATS19 file"),
        (COLLISION.replace(",local_authority_ons_district", "") + "\nC1,2024,1,05/01/2024,08:30\n",
         CASUALTY + "\n", "col.csv:1: column local_authority_ons_district", "missing"),
        (COLLISION + "\nC1,2024,1,2024-01-05,08:30,E07000105\n", CASUALTY + "\n",
         "col.csv:2: column date", "DD/MM/YYYY"),
        (COLLISION + "\nC1,2024,1,05/01/2024,08:30,E07000105\nC1,2024,1,05/01/2024,08:30,E07000105\n",
         CASUALTY + "\n", "col.csv:3: column collision_index", "twice"),
        (COLLISION + "\nC1,2024,1,05/01/2024,08:30,E07000105\n", CASUALTY + "\nC1,2024,1,1,1,9\n",
         "cas.csv:2: column casualty_severity", "not 1, 2 or 3"),
        (COLLISION + "\nC1,2024,1,05/01/2024,08:30,E07000105\n", CASUALTY + "\nC9,2024,9,1,1,3\n",
         "cas.csv:2: column collision_index", "not in the collision files"),
        (COLLISION + "\nC1,2024,1,05/01/2024,08:30,E07000105\n",
         CASUALTY + "\nC1,2024,1,1,1,3\nC1,2024,1,1,1,2\n",
         "cas.csv:3: column casualty_reference", "appears twice"),
        (COLLISION + "\nC1,2024,1,05/01/2024,08:30,E07000105\n", CASUALTY + "\nC1,2024,1,1,x,3\n",
         "cas.csv:2: column casualty_reference", "not a number"),
    ],
)  # fmt: skip
def test_stats19_loader_refuses_bad_files_and_leaves_the_output(
    tmp_path, capsys, collisions, casualties, where, words
):
    col = write_bytes(tmp_path / "col.csv", collisions.encode())
    cas = write_bytes(tmp_path / "cas.csv", casualties.encode())
    out = write_bytes(tmp_path / "road_casualties.csv.gz", b"previous extract")
    code = stats19.main(["--collisions", str(col), "--casualties", str(cas), "--out", str(out)])
    err = capsys.readouterr().err.strip()
    assert code == 1
    assert len(err.splitlines()) == 1 and where in err and words in err, err
    assert out.read_bytes() == b"previous extract"
