"""Synthetic public data files for the tests, written in the published layouts.

SYNTHETIC: every number here is invented (a deterministic function of force, quarter and
code). These are not copies of real Home Office or data.police.uk downloads; they only have
the published shapes: the police recorded crime (PRC) Police Force Area workbook (.ods, one
sheet per financial year, a notes sheet) and its CSV exports in both count-column vintages, the
crime outcomes tables in the layout ingest/public/prc.py assumes, and
police.uk street/outcomes and stop and search CSVs in monthly folders and zip archives.
"""

from __future__ import annotations

import csv
import hashlib
import io
import zipfile
from pathlib import Path

from tests.public.ods import write_ods

PRC_COLUMNS = [
    "Financial Year",
    "Financial Quarter",
    "Force Name",
    "Offence Description",
    "Offence Group",
    "Offence Subgroup",
    "Offence Code",
]
OLD_COUNT, NEW_COUNT = "Number of Offences", "Offence Count"
# Territorial forces in the files; "London, City of" is the older vintage's name.
FORCES = ["Kent", "Essex", "Sussex", "Surrey", "London, City of", "Metropolitan Police"]
NEW_NAMES = {"London, City of": "City of London"}
# (code, description, group, subgroup): a slice of offence_codes.csv covering every measure.
OFFENCES = [
    ("1/4.1/4.10/4.2", "Homicide", "Violence against the person", "Homicide"),
    (
        "5D",
        "Assault with intent to cause serious harm",
        "Violence against the person",
        "Violence with injury",
    ),
    ("8N", "Assault with injury", "Violence against the person", "Violence with injury"),
    (
        "4.8",
        "Causing death or serious injury by dangerous driving",
        "Violence against the person",
        "Violence with injury",
    ),
    ("3A", "Conspiracy to murder", "Violence against the person", "Violence without injury"),
    ("34A", "Robbery of business property", "Robbery", "Robbery of business property"),
    ("34B", "Robbery of personal property", "Robbery", "Robbery of personal property"),
    ("39", "Theft from the person", "Theft offences", "Theft from the person"),
    ("45", "Theft from a vehicle", "Theft offences", "Theft from a vehicle"),
    (
        "48",
        "Theft or unauthorised taking of a motor vehicle",
        "Theft offences",
        "Theft of a motor vehicle",
    ),
    ("126", "Interfering with a motor vehicle", "Theft offences", "Vehicle interference"),
    ("28E", "Burglary - residential (dwelling)", "Theft offences", "Domestic burglary"),
    ("30C", "Burglary - business and community", "Theft offences", "Non-domestic burglary"),
    ("46", "Shoplifting", "Theft offences", "Shoplifting"),
    ("58A", "Criminal damage to a dwelling", "Criminal damage and arson", "Criminal damage"),
    ("92A", "Trafficking in controlled drugs", "Drug offences", "Trafficking of drugs"),
    ("92C", "Other drug offences", "Drug offences", "Possession of drugs"),
    (
        "92D",
        "Possession of controlled drugs (excluding cannabis)",
        "Drug offences",
        "Possession of drugs",
    ),
    ("92E", "Possession of controlled drugs (cannabis)", "Drug offences", "Possession of drugs"),
    (
        "10A",
        "Possession of firearms with intent",
        "Possession of weapons offences",
        "Possession of weapons offences",
    ),
    ("9A", "Public fear, alarm or distress", "Public order offences", "Public order offences"),
]
NEW_SUBGROUPS = {
    "Domestic burglary": "Residential burglary",
    "Non-domestic burglary": "Non-residential burglary",
}
FRAUD = ("AF", "Fraud: action fraud", "Fraud offences", "Fraud: action fraud")


def financial_year(start: int) -> str:
    return f"{start}/{(start + 1) % 100:02d}"


def offences(force: str, fy: str, quarter: int, code: str, revision: int = 0) -> int:
    """Invented count; homicide is often 0 (and then, as in the published tables, no row)."""
    digest = hashlib.sha256(f"{force}|{fy}|{quarter}|{code}|{revision}".encode()).digest()
    if code.startswith("1/"):
        return digest[0] % 3
    return 1 + int.from_bytes(digest[:2], "big") % 400


def prc_rows(
    years: list[int],
    *,
    new_vintage: bool = False,
    revision: int = 0,
    forces: list[str] = FORCES,
    extra: list[list] | None = None,
) -> list[list]:
    """Rows [fy, quarter, force, description, group, subgroup, code, count], zero counts omitted.

    new_vintage uses the later names (City of London, Residential burglary). Also a row for
    Action Fraud and British Transport Police (non-territorial) per quarter.
    """
    rows = []
    for start in years:
        fy = financial_year(start)
        for quarter in (1, 2, 3, 4):
            for force in forces:
                name = NEW_NAMES.get(force, force) if new_vintage else force
                for code, description, group, subgroup in OFFENCES:
                    if new_vintage:
                        subgroup = NEW_SUBGROUPS.get(subgroup, subgroup)
                    count = offences(force, fy, quarter, code, revision)
                    if count:
                        rows.append([fy, quarter, name, description, group, subgroup, code, count])
            code, description, group, subgroup = FRAUD
            count = offences("Action Fraud", fy, quarter, code, revision)
            rows.append([fy, quarter, "Action Fraud", description, group, subgroup, code, count])
            code, description, group, subgroup = OFFENCES[7]
            count = offences("BTP", fy, quarter, code, revision)
            rows.append(
                [fy, quarter, "British Transport Police", description, group, subgroup, code, count]
            )
    return rows + (extra or [])


def sheet_name(start: int, separator: str = "-") -> str:
    return f"{start}{separator}{(start + 1) % 100:02d}"


NOTES = [
    ["Notes"],
    ["SYNTHETIC test data in the layout of the police recorded crime open data tables."],
    ["Counts are invented; this is not a Home Office publication."],
]


def write_prc_workbook(
    path: Path,
    years: list[int],
    *,
    count_column: str = OLD_COUNT,
    separator: str = "-",
    notes: bool = True,
    **row_options,
) -> list[list]:
    """One sheet per financial year (plus a notes sheet first); returns the data rows written."""
    rows = prc_rows(years, **row_options)
    header = [*PRC_COLUMNS, count_column]
    sheets = [("Notes", NOTES)] if notes else []
    for start in years:
        fy = financial_year(start)
        sheets.append((sheet_name(start, separator), [header, *(r for r in rows if r[0] == fy)]))
    write_ods(path, sheets)
    return rows


def write_prc_csv(path: Path, years: list[int], *, count_column: str = NEW_COUNT, **row_options):
    rows = prc_rows(years, **row_options)
    with open(path, "w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f)
        writer.writerow([*PRC_COLUMNS, count_column])
        writer.writerows(rows)
    return rows


def total(rows: list[list], force: str, codes: set[str], quarters: set[tuple[str, int]]) -> int:
    """Sum of the written counts for a force over (financial year, quarter) pairs."""
    return sum(r[7] for r in rows if r[2] == force and r[6] in codes and (r[0], r[1]) in quarters)


# --- crime outcomes open data -----------------------------------------------------------------

OUTCOME_COLUMNS = ["Outcome Description", "Outcome Group", "Outcome Type"]
OUTCOME_COUNTS = [
    "Outcomes for offences that were recorded in the quarter",
    "Outcomes for investigations closed in the quarter",
]
OUTCOME_HEADER = [*PRC_COLUMNS, *OUTCOME_COLUMNS, *OUTCOME_COUNTS]
# Other vintages' names of the two counts (the drug subcode table's, and "Number of ...").
OUTCOME_COUNT_VINTAGES = [
    ["Force outcomes for offences recorded in quarter", "Force outcomes recorded in quarter"],
    [
        "Number of Outcomes for offences that were recorded in the quarter",
        "Number of Outcomes for investigations that were closed in the quarter",
    ],
]
# (type, description, group): a slice of the Home Office outcome types.
OUTCOMES = [
    (1, "Charged/Summonsed", "Charge/Summons"),
    (3, "Caution - adults", "Out-of-court (formal)"),
    (8, "Community Resolution", "Out-of-court (informal)"),
    (18, "Investigation complete - no suspect identified", "No suspect identified"),
]


def outcome_counts(force: str, fy: str, quarter: int, code: str, kind: int, revision: int = 0):
    """(outcomes for offences recorded in the quarter, outcomes recorded in it): invented."""
    digest = hashlib.sha256(f"{force}|{fy}|{quarter}|{code}|{kind}|{revision}".encode()).digest()
    return digest[0] % 40, digest[1] % 40


def crime_outcome_rows(years: list[int], *, revision: int = 0, extra: list[list] | None = None):
    """Rows [fy, quarter, force, description, group, subgroup, code, outcome description,
    outcome group, outcome type, for offences recorded, recorded], both-zero rows omitted."""
    rows = []
    for start in years:
        fy = financial_year(start)
        for quarter in (1, 2, 3, 4):
            for force in FORCES:
                for code, description, group, subgroup in OFFENCES:
                    for kind, outcome, outcome_group in OUTCOMES:
                        counts = outcome_counts(force, fy, quarter, code, kind, revision)
                        if any(counts):
                            rows.append(
                                [fy, quarter, force, description, group, subgroup, code,
                                 outcome, outcome_group, kind, *counts]
                            )  # fmt: skip
    return rows + (extra or [])


def write_outcomes_csv(path: Path, rows: list[list], header: list[str] = OUTCOME_HEADER) -> None:
    with open(path, "w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f)
        writer.writerow(header)
        writer.writerows(rows)


def write_outcomes_workbook(path: Path, years: list[int], **row_options) -> list[list]:
    """One sheet per financial year after a notes sheet; returns the data rows written."""
    rows = crime_outcome_rows(years, **row_options)
    sheets = [("Notes", NOTES)]
    for start in years:
        fy = financial_year(start)
        sheets.append((sheet_name(start), [OUTCOME_HEADER, *(r for r in rows if r[0] == fy)]))
    write_ods(path, sheets)
    return rows


# --- data.police.uk ---------------------------------------------------------------------------

STREET_HEADER = [
    "Crime ID",
    "Month",
    "Reported by",
    "Falls within",
    "Longitude",
    "Latitude",
    "Location",
    "LSOA code",
    "LSOA name",
    "Crime type",
    "Last outcome category",
    "Context",
]
OUTCOMES_HEADER = [*STREET_HEADER[:9], "Outcome type"]
POLICE_UK_FORCES = {"kent": "Kent Police", "essex": "Essex Police"}
LSOAS = {
    "kent": [("E01023999", "Ashford 001A"), ("E01024544", "Folkestone and Hythe 014B")],
    "essex": [("E01021477", "Basildon 001A")],
}
CRIME_TYPES = ["Anti-social behaviour", "Burglary", "Violence and sexual offences", "Shoplifting"]
OUTCOME_TYPES = ["Investigation complete; no suspect identified", "Offender given a caution"]


def street_rows(slug: str, month: str) -> list[list]:
    """Invented rows; anti-social behaviour rows have no Crime ID, as on police.uk."""
    force = POLICE_UK_FORCES[slug]
    rows = []
    for i, (lsoa_code, lsoa_name) in enumerate(LSOAS[slug]):
        for j, crime_type in enumerate(CRIME_TYPES):
            for k in range(1 + (i + j + int(month[-2:])) % 3):
                asb = crime_type == "Anti-social behaviour"
                crime_id = (
                    "" if asb else hashlib.sha256(f"{slug}{month}{i}{j}{k}".encode()).hexdigest()
                )
                outcome = "" if asb else "Under investigation"
                rows.append(
                    [
                        crime_id,
                        month,
                        force,
                        force,
                        "0.87",
                        "51.1",
                        "On or near Synthetic Street",
                        lsoa_code,
                        lsoa_name,
                        crime_type,
                        outcome,
                        "",
                    ]
                )
    rows.append(
        ["", month, force, force, "", "", "No location", "", "", "Anti-social behaviour", "", ""]
    )
    return rows


def outcome_rows(slug: str, month: str) -> list[list]:
    force = POLICE_UK_FORCES[slug]
    rows = []
    for i, (lsoa_code, lsoa_name) in enumerate(LSOAS[slug]):
        for j, outcome in enumerate(OUTCOME_TYPES):
            for k in range(1 + (i + j) % 2):
                crime_id = hashlib.sha256(f"o{slug}{month}{i}{j}{k}".encode()).hexdigest()
                rows.append(
                    [
                        crime_id,
                        month,
                        force,
                        force,
                        "0.87",
                        "51.1",
                        "On or near Synthetic Street",
                        lsoa_code,
                        lsoa_name,
                        outcome,
                    ]
                )
    return rows


STOP_SEARCH_HEADER = [
    "Type",
    "Date",
    "Part of a policing operation",
    "Policing operation",
    "Latitude",
    "Longitude",
    "Gender",
    "Age range",
    "Self-defined ethnicity",
    "Officer-defined ethnicity",
    "Legislation",
    "Object of search",
    "Outcome",
    "Outcome linked to object of search",
    "Removal of more than just outer clothing",
]
# (outcome, linked to the object): arrests, another outcome, no further action, old wording.
STOP_OUTCOMES = [
    ("Arrest", "True"),
    ("A no further action disposal", ""),
    ("Community resolution", "False"),
    ("A no further action disposal", ""),
    ("Suspect arrested", "True"),
]


def stop_search_rows(slug: str, month: str) -> list[list]:
    """Invented searches: Kent 2 + the month's number, Essex 3 + it; outcomes cycle as above."""
    count = {"kent": 2, "essex": 3}[slug] + int(month[-2:])
    rows = []
    for i in range(count):
        outcome, linked = STOP_OUTCOMES[i % len(STOP_OUTCOMES)]
        rows.append(
            [
                "Person search",
                f"{month}-{1 + i % 28:02d}T1{i % 10}:15:00+00:00",
                "False",
                "",
                "" if i % 4 == 0 else "51.27",
                "" if i % 4 == 0 else "1.08",
                "Male",
                "18-24",
                "White - English/Welsh/Scottish/Northern Irish/British",
                "White" if i % 3 else "Black",
                "Misuse of Drugs Act 1971 (section 23)",
                "Controlled drugs",
                outcome,
                linked,
                "False",
            ]
        )
    return rows


def _csv_text(header: list[str], rows: list[list]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue()


def police_uk_files(months: list[str]) -> dict[str, str]:
    """{'2023-01/2023-01-kent-street.csv': text, ...} for every force and month."""
    files = {}
    for month in months:
        for slug in POLICE_UK_FORCES:
            files[f"{month}/{month}-{slug}-street.csv"] = _csv_text(
                STREET_HEADER, street_rows(slug, month)
            )
            files[f"{month}/{month}-{slug}-outcomes.csv"] = _csv_text(
                OUTCOMES_HEADER, outcome_rows(slug, month)
            )
    return files


def write_police_uk_zip(path: Path, months: list[str], stop_and_search: bool = True) -> dict:
    files = police_uk_files(months)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in files.items():
            archive.writestr(name, text)
        if stop_and_search:
            for month in months:
                for slug in POLICE_UK_FORCES:
                    name = f"{month}/{month}-{slug}-stop-and-search.csv"
                    files[name] = _csv_text(STOP_SEARCH_HEADER, stop_search_rows(slug, month))
                    archive.writestr(name, files[name])
    return files


def write_police_uk_folders(root: Path, months: list[str]) -> dict:
    files = police_uk_files(months)
    for name, text in files.items():
        target = root / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    return files
