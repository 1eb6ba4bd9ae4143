"""python -m pcc.commands.reference_seeds: a published most-similar-group list or population table into
its seed, names matched with forces.csv's variants, a malformed file refused with one line."""

from __future__ import annotations

import csv

import pytest

from pcc.commands.reference_seeds import main, read_ethnicity, read_msg, read_population
from pcc.errors import PccError
from pcc.paths import SEEDS_DIR

SOURCE = "Test publisher, test table, 1 January 2000"


def _write(path, lines: list[str]):
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_msg_list_becomes_one_row_per_force_and_similar_force(tmp_path):
    published = _write(
        tmp_path / "msg.csv",
        ["Force,MSG force 1,MSG force 2", "Kent Police,Essex,Avon & Somerset", "Essex,Kent,"],
    )
    seed = tmp_path / "most_similar_groups.csv"
    assert main(["msg", str(published), "--source", SOURCE, "--seed", str(seed)]) == 0
    with open(seed, newline="") as f:
        rows = list(csv.reader(f))
    assert rows == [
        ["force_name", "similar_force_name", "group_source"],
        ["Essex", "Kent", SOURCE],
        ["Kent", "Avon and Somerset", SOURCE],  # the variant resolved to the seed's name
        ["Kent", "Essex", SOURCE],
    ]


@pytest.mark.parametrize(
    ("lines", "message"),
    [
        (["Force,MSG 1", "Kent,Atlantis"], "msg.csv:2: column MSG 1: unknown force 'Atlantis'"),
        (["Force,MSG 1", "Kent,Kent Police"], "msg.csv:2: column MSG 1: Kent listed as similar"),
        (["Force,MSG 1,MSG 2", "Kent,Essex,Essex"], "msg.csv:2: column MSG 2: Essex listed twice"),
        (["Group,MSG 1", "Kent,Essex"], "msg.csv:1: column Group: the first column must be"),
    ],
    ids=["unknown", "itself", "twice", "no-force-column"],
)
def test_a_malformed_msg_list_is_refused_with_one_line(tmp_path, lines, message):
    with pytest.raises(PccError) as refused:
        read_msg(_write(tmp_path / "msg.csv", lines), SOURCE)
    assert message in str(refused.value) and "\n" not in str(refused.value)


def test_population_table_skips_non_force_rows_only_when_asked(tmp_path):
    published = _write(
        tmp_path / "pop.csv",
        ["Code,Name,Geography,All ages", "X1,England,Country,100", 'X2,Kent,PFA,"1,234"'],
    )
    assert read_population(published, 2000, SOURCE, only_forces=True) == [
        ("Kent", 1234, 2000, SOURCE)
    ]
    with pytest.raises(PccError, match=r"pop.csv:2: column Name: unknown force 'England'"):
        read_population(published, 2000, SOURCE)


CENSUS_HEADER = (
    "PFA16NM,Ethnic Group: All categories: Ethnic group; measures: Value,"
    "Ethnic Group: White; measures: Value"
)


def test_population_reads_the_census_layout_by_police_force_area(tmp_path):
    """The layout the committed seed was loaded from: ONS's PFA16NM name and nomis's total."""
    published = _write(
        tmp_path / "census.csv",
        [CENSUS_HEADER, "Avon & Somerset,1000,900", "Metropolitan,2000,1500"],
    )
    assert read_population(published, 2011, SOURCE) == [
        ("Avon and Somerset", 1000, 2011, SOURCE),  # name variants resolved
        ("Metropolitan Police", 2000, 2011, SOURCE),
    ]
    bad = _write(tmp_path / "bad.csv", [CENSUS_HEADER, "Kent,n/a,1"])
    with pytest.raises(PccError) as refused:
        read_population(bad, 2011, SOURCE)
    message = str(refused.value)
    assert "bad.csv:2: column Ethnic Group: All categories" in message
    assert "not a population: 'n/a'" in message and "\n" not in message


def _seed(name: str) -> list[dict[str, str]]:
    with open(SEEDS_DIR / name, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def test_committed_population_covers_every_territorial_force_and_agrees_with_the_districts():
    """Kent's force population and its districts' come from one census: a board member sees the
    same rate per 1,000 for Kent on the force and district pages."""
    population = {r["force_name"]: r for r in _seed("public/force_population.csv")}
    territorial = {
        r["force_name"] for r in _seed("public/forces.csv") if r["is_territorial"] == "true"
    }
    assert set(population) == territorial and len(territorial) == 43
    districts = sum(int(r["population_2011_census"]) for r in _seed("districts.csv"))
    assert int(population["Kent"]["population"]) == districts
    assert {r["population_year"] for r in population.values()} == {"2011"}
    assert all("QS201EW" in r["population_source"] for r in population.values())


def test_committed_ethnicity_groups_sum_to_each_forces_population():
    population = {
        r["force_name"]: int(r["population"]) for r in _seed("public/force_population.csv")
    }
    groups: dict[str, int] = {}
    for r in _seed("public/force_population_ethnicity.csv"):
        groups[r["force_name"]] = groups.get(r["force_name"], 0) + int(r["residents"])
    assert groups == population


def test_ethnicity_table_is_refused_when_its_groups_do_not_sum_to_the_total(tmp_path):
    header = [
        "PFA16NM",
        "Ethnic Group: All categories: Ethnic group; measures: Value",
        *(
            f"Ethnic Group: {g}; measures: Value"
            for g in ("White", "Mixed", "Asian", "Black", "Other")
        ),
    ]
    good = tmp_path / "good.csv"
    good.write_text(",".join(header) + "\nKent Police,100,90,2,4,3,1\n")
    assert read_ethnicity(good, 2011, SOURCE) == [
        ("Kent", group, count, 2011, SOURCE)
        for group, count in zip(
            ("White", "Mixed", "Asian", "Black", "Other"), (90, 2, 4, 3, 1), strict=True
        )
    ]
    bad = tmp_path / "bad.csv"
    bad.write_text(",".join(header) + "\nKent Police,100,90,2,4,3,2\n")
    with pytest.raises(PccError) as refused:
        read_ethnicity(bad, 2011, SOURCE)
    message = str(refused.value)
    assert message.startswith(f"{bad}:2: column Ethnic Group: All categories")
    assert "the five groups sum to 101, not the total 100" in message and "\n" not in message
