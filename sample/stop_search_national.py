"""SYNTHETIC data.police.uk stop and search files for every territorial force (the sample).

One zip of monthly folders, as police.uk hands out its archives: `2025-09/2025-09-kent-stop-
and-search.csv` for each of the 43 territorial forces and each of the 24 months to September
2025, in the archive's layout (ingest/public/stop_search.py). Nothing here is a real force's
figure, Kent's included (no Kent extract has searches): each force's monthly searches are
Poisson around its 2011 Census residents (force_population.csv) times a force level, and each
search's type, person, power, object and outcome are drawn from fixed shares, with a force
arrest share, and the officer-defined ethnicity from the force's 2011 residents by ethnic group
leaned by made-up weights (SEARCH_WEIGHTS). Locations are left empty, as police.uk leaves a search it cannot place.
"""

from __future__ import annotations

import csv
import io
import zipfile
from pathlib import Path

import numpy as np
import polars as pl

from ingest.paths import SEEDS_DIR
from ingest.public.stop_search import COLUMNS

STREAM = 137_000  # its own random stream: the other sample files keep their bytes
FIRST, LAST = (2023, 10), (2025, 9)
FILE = "public/police_uk_stop_search_synthetic_2023-10_to_2025-09.zip"
SEARCHES_PER_1000_A_MONTH = 0.05
# police.uk force ids are the force's words, but for the Met.
_IDS = {"Metropolitan Police": "metropolitan"}

TYPES = (("Person search", 0.85), ("Person and Vehicle search", 0.10), ("Vehicle search", 0.05))
GENDERS = (("Male", 0.88), ("Female", 0.11), ("Other", 0.01))
AGES = (("10-17", 0.17), ("18-24", 0.33), ("25-34", 0.27), ("over 34", 0.22), ("under 10", 0.01))
# Officer-defined ethnicity: each group's 2011 residents in the force
# (force_population_ethnicity.csv) weighted by a made-up factor, so searches lean to some groups
# as real ones do; one search in 20 has none recorded.
SEARCH_WEIGHTS = {"White": 1.0, "Black": 3.0, "Asian": 1.3, "Mixed": 1.5, "Other": 1.0}
NOT_RECORDED = 0.05
SELF_ETHNICITY = {
    "White": "White - English/Welsh/Scottish/Northern Irish/British",
    "": "Other ethnic group - Not stated",
}
POWERS = (
    ("Misuse of Drugs Act 1971 (section 23)", "Controlled drugs", 0.60),
    ("Police and Criminal Evidence Act 1984 (section 1)", "Offensive weapons", 0.15),
    ("Police and Criminal Evidence Act 1984 (section 1)", "Stolen goods", 0.13),
    ("Police and Criminal Evidence Act 1984 (section 1)", "Article for use in theft", 0.07),
    ("Police and Criminal Evidence Act 1984 (section 1)", "Anything to threaten or harm anyone", 0.05),
)  # fmt: skip
# Outcomes other than arrest and no further action, and their shares of all searches.
OTHER_OUTCOMES = (
    ("Community resolution", 0.08),
    ("Khat or Cannabis warning", 0.04),
    ("Summons / charged by post", 0.03),
    ("Caution (simple or conditional)", 0.01),
    ("Penalty Notice for Disorder", 0.01),
)


def _months() -> list[tuple[int, int]]:
    out, (year, month) = [], FIRST
    while (year, month) <= LAST:
        out.append((year, month))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return out


def force_id(force_name: str) -> str:
    return _IDS.get(force_name, force_name.lower().replace(" ", "-"))


def _pick(rng, choices, n: int) -> list:
    values = [c[0] for c in choices]
    shares = np.array([c[-1] for c in choices], dtype=float)
    return [values[i] for i in rng.choice(len(values), size=n, p=shares / shares.sum())]


def _rows(
    rng, n: int, year: int, month: int, arrest_share: float, ethnicity: tuple
) -> list[list[str]]:
    days = rng.integers(1, 29, size=n)
    minutes = rng.integers(0, 24 * 60, size=n)
    powers = rng.choice(len(POWERS), size=n, p=np.array([p[2] for p in POWERS]))
    other = [(name, share) for name, share in OTHER_OUTCOMES]
    outcome_choices = [
        ("Arrest", arrest_share),
        *other,
        ("A no further action disposal", 1 - arrest_share - sum(s for _, s in other)),
    ]
    outcomes = _pick(rng, outcome_choices, n)
    officer = _pick(rng, ethnicity, n)
    types, genders, ages = _pick(rng, TYPES, n), _pick(rng, GENDERS, n), _pick(rng, AGES, n)
    linked = rng.random(n) < 0.7
    removal = rng.random(n) < 0.02
    rows = []
    for i in range(n):
        found = outcomes[i] != "A no further action disposal"
        legislation, object_of_search, _ = POWERS[powers[i]]
        rows.append(
            [
                types[i],
                f"{year:04d}-{month:02d}-{days[i]:02d}T{minutes[i] // 60:02d}:{minutes[i] % 60:02d}:00+00:00",
                "False", "", "", "",
                genders[i], ages[i],
                SELF_ETHNICITY.get(officer[i], ""), officer[i],
                legislation, object_of_search, outcomes[i],
                ("True" if linked[i] else "False") if found else "",
                "True" if removal[i] else "False",
            ]
        )  # fmt: skip
    rows.sort(key=lambda r: r[1])
    return rows


def build_files(seed: int) -> dict[str, str]:
    """{member path in the zip: CSV text}, in force and month order."""
    rng = np.random.Generator(np.random.PCG64(np.random.SeedSequence([seed, STREAM])))
    residents = {
        r["force_name"]: int(r["population"])
        for r in pl.read_csv(SEEDS_DIR / "public" / "force_population.csv").to_dicts()
    }
    groups: dict[str, list[tuple[str, float]]] = {}
    for r in pl.read_csv(SEEDS_DIR / "public" / "force_population_ethnicity.csv").to_dicts():
        weight = r["residents"] * SEARCH_WEIGHTS[r["ethnic_group"]]
        groups.setdefault(r["force_name"], []).append((r["ethnic_group"], weight))
    ethnicity = {}
    for force, weights in groups.items():
        total = sum(w for _, w in weights)
        shares = [(g, (1 - NOT_RECORDED) * w / total) for g, w in weights]
        ethnicity[force] = (*shares, ("", NOT_RECORDED))
    forces = sorted(residents)
    level = dict(zip(forces, rng.lognormal(0.0, 0.4, len(forces)), strict=True))
    arrests = dict(zip(forces, rng.uniform(0.08, 0.2, len(forces)), strict=True))
    files = {}
    for year, month in _months():
        for force in forces:
            mean = residents[force] / 1000 * SEARCHES_PER_1000_A_MONTH * level[force]
            rows = _rows(rng, int(rng.poisson(mean)), year, month, arrests[force], ethnicity[force])
            text = io.StringIO()
            writer = csv.writer(text, lineterminator="\n")
            writer.writerow(COLUMNS.values())
            writer.writerows(rows)
            tag = f"{year:04d}-{month:02d}"
            files[f"{tag}/{tag}-{force_id(force)}-stop-and-search.csv"] = text.getvalue()
    return files


def write_stop_search(seed: int, out: Path) -> dict[str, tuple[int, int]]:
    """Write the zip under out/public/ (same bytes for the same seed); {path: (rows, bytes)}."""
    files = build_files(seed)
    path = out / FILE
    path.parent.mkdir(parents=True, exist_ok=True)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for name, text in files.items():
            info = zipfile.ZipInfo(name, date_time=(2025, 10, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, text, compresslevel=9)
    path.write_bytes(buffer.getvalue())
    rows = sum(text.count("\n") - 1 for text in files.values())
    return {FILE: (rows, len(buffer.getvalue()))}
