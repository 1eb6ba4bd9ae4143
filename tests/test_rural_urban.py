"""The ONS rural-urban LSOA loader, on files written here in the ONS format (not real data)."""

from __future__ import annotations

import csv

import pytest

from ingest.public.rural_urban import SEED_PATH, main, read_ons_lookup, seed_text
from sample.rural import synthetic_seed_text

HEADER = "LSOA11CD,LSOA11NM,RUC11CD,RUC11"


def write(tmp_path, text: str, bom: bool = False):
    path = tmp_path / "RUC11_LSOA11_EW.csv"
    path.write_bytes(("\ufeff" if bom else "").encode("utf-8") + text.encode("utf-8"))
    return path


def test_keeps_kent_lsoas_maps_former_names_and_reads_rural_from_the_published_name(tmp_path):
    path = write(
        tmp_path,
        "FID," + HEADER + "\n"
        "1,E01900003,Ashford 001A,E1,Rural village and dispersed\n"
        "2,E01900002,Shepway 004B,C1,Urban city and town\n"
        "3,E01900001,Tonbridge and Malling 010C,D1,Rural town and fringe\n"
        "4,E01900009,Elsewhere 001A,A1,Urban major conurbation\n",
        bom=True,
    )
    rows = read_ons_lookup(path)
    assert [(r.lsoa_code, r.district_code, r.is_rural) for r in rows] == [
        ("E01900001", "E07000115", True),
        ("E01900002", "E07000112", False),
        ("E01900003", "E07000105", True),
    ]
    seed = tmp_path / "seed.csv"
    assert main([str(path), "--seed", str(seed)]) == 0
    lines = list(csv.reader(seed.read_text().splitlines()))
    assert lines[0] == [
        "lsoa_code",
        "lsoa_name",
        "district_code",
        "ruc_code",
        "ruc_name",
        "is_rural",
    ]
    assert lines[2] == [
        "E01900002",
        "Shepway 004B",
        "E07000112",
        "C1",
        "Urban city and town",
        "false",
    ]


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("LSOA11CD,LSOA11NM,RUC11\nE01900001,Ashford 001A,Urban city and town\n",
         "RUC11_LSOA11_EW.csv:1: column RUC11CD: missing from the header"),
        (HEADER + "\nE01900001,Ashford 001A,Z9,Urban city and town\n",
         "RUC11_LSOA11_EW.csv:2: column RUC11CD: 'Z9' is not a RUC11 code"),
        (HEADER + "\nE01900001,Ashford 001A,C1,Urban city and town\nE0190001,Ashford 002A,C1,x\n",
         "RUC11_LSOA11_EW.csv:3: column LSOA11CD: 'E0190001' is not an LSOA code"),
        (HEADER + "\nE01900001,Ashford 001A,C1,Urban\nE01900001,Ashford 001B,C1,Urban\n",
         "RUC11_LSOA11_EW.csv:3: column LSOA11CD: E01900001 appears twice"),
        (HEADER + "\nE01900001,Ashford 001A,C1,\n", "RUC11_LSOA11_EW.csv:2: column RUC11: empty"),
        (HEADER + "\nE01900009,Elsewhere 001A,A1,Urban major conurbation\n",
         "no LSOA of a Kent district"),
    ],
)  # fmt: skip
def test_bad_files_are_refused_with_one_line_naming_file_line_and_column(
    tmp_path, capsys, body, message
):
    seed = tmp_path / "seed.csv"
    assert main([str(write(tmp_path, body)), "--seed", str(seed)]) == 1
    err = capsys.readouterr().err.strip()
    assert "\n" not in err and message in err
    assert not seed.exists()


def test_committed_seed_is_the_loader_output_of_the_synthetic_lookup():
    """The committed rows are synthetic and reproducible; they keep the unissued E019 marker."""
    assert SEED_PATH.read_text(encoding="utf-8") == synthetic_seed_text()
    codes = [row["lsoa_code"] for row in csv.DictReader(SEED_PATH.open(encoding="utf-8"))]
    assert codes and all(code.startswith("E019") for code in codes)
    assert seed_text([]).count("\n") == 1
