"""Crime records: one row per recorded crime, from the calibrated monthly counts."""

from __future__ import annotations

import numpy as np
import polars as pl

from sample import flags as fl
from sample.crime_counts import CrimeCounts, all_series
from sample.offences import DISTRICT_CRIME_RATE
from sample.outcome_calibration import calibrate_outcomes
from sample.outcomes import (
    NO_COMMUNITY_RESOLUTION_PROFILES,
    SERIOUS_VIOLENCE_CODES,
    draw_outcomes,
)
from sample.reference import districts, is_victim_based, offence_groups
from sample.register import Figure
from sample.timeline import DAYS_IN_MONTH, EXTRACT_DATE, MONTH_START, N_MONTHS

UNKNOWN_LOCATION_SHARE = 0.03  # crimes with no LSOA (location not geocoded)
# Synthetic LSOA-format codes: ONS has never issued E019xxxxx, so they cannot be mistaken for
# real areas. Each district gets as many as it has 2011 LSOAs.
LSOA_PREFIX = "E019"


def _code_table(codes: list[str], table: dict[str, float]) -> np.ndarray:
    return np.array([table.get(c, 0.0) for c in codes])


def _victim_shares(codes: list[str]) -> tuple[np.ndarray, np.ndarray]:
    """(organisation share, no-victim share) per code."""
    groups = offence_groups()
    org, none = np.zeros(len(codes)), np.zeros(len(codes))
    for i, c in enumerate(codes):
        if groups[c] in fl.STATE_BASED_GROUPS:
            none[i] = 1.0
        elif groups[c] == "Miscellaneous crimes":
            person, organisation = fl.MISCELLANEOUS_VICTIMS.get(c, (0.0, 0.0))
            org[i], none[i] = organisation, 1.0 - person - organisation
        else:
            org[i] = fl.ORGANISATION_SHARE.get(c, 0.0)
    return org, none


def _lsoa_codes(district_idx: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """An LSOA per crime: within its district, a few LSOAs (town centres) take far more."""
    lsoa = np.full(len(district_idx), "", dtype=object)
    offset = 1
    for d, district in enumerate(districts()):
        rows = np.flatnonzero(district_idx == d)
        weight = 1 / (np.arange(district.lsoa_count) + 4.0) ** 0.8
        weight = rng.permutation(weight)
        pick = rng.choice(district.lsoa_count, size=len(rows), p=weight / weight.sum())
        names = np.array([f"{LSOA_PREFIX}{offset + i:05d}" for i in range(district.lsoa_count)])
        lsoa[rows] = names[pick]
        offset += district.lsoa_count
    lsoa[rng.random(len(lsoa)) < UNKNOWN_LOCATION_SHARE] = ""
    return lsoa


def build_crime_records(
    counts: CrimeCounts, figures: list[Figure], rng: np.random.Generator
) -> pl.DataFrame:
    series = all_series()
    codes = sorted({c for s in series for c in s.codes})
    code_index = {c: i for i, c in enumerate(codes)}
    dist = districts()

    # Rows: series -> month -> offence code.
    months, code_idx, series_idx = [], [], []
    for si, s in enumerate(series):
        shares = np.array(list(s.codes.values()), dtype=float)
        shares /= shares.sum()
        per_code = np.array([rng.multinomial(n, shares) for n in counts.series[s.name]])
        for j, c in enumerate(s.codes):
            m = np.repeat(np.arange(N_MONTHS), per_code[:, j])
            months.append(m)
            code_idx.append(np.full(len(m), code_index[c]))
            series_idx.append(np.full(len(m), si))
    month = np.concatenate(months)
    code_i = np.concatenate(code_idx)
    series_i = np.concatenate(series_idx)
    code = np.array(codes, dtype=object)[code_i]
    n = len(month)

    recorded = MONTH_START[month] + (rng.random(n) * DAYS_IN_MONTH[month]).astype(int)

    district_i = np.zeros(n, dtype=int)
    population = np.array([d.population * DISTRICT_CRIME_RATE[d.name] for d in dist])
    for si, s in enumerate(series):
        rows = np.flatnonzero(series_i == si)
        w = population * np.array([s.district_tilt.get(d.name, 1.0) for d in dist])
        district_i[rows] = rng.choice(len(dist), size=len(rows), p=w / w.sum())
    lsoa = _lsoa_codes(district_i, rng)

    org_share, none_share = _victim_shares(codes)
    u = rng.random(n)
    is_org = u < org_share[code_i]
    is_none = ~is_org & (u < org_share[code_i] + none_share[code_i])
    is_person = ~is_org & ~is_none
    victim_type = np.where(is_org, "organisation", np.where(is_none, "none", "person"))

    hate = rng.random(n) < _code_table(codes, fl.HATE_SHARE)[code_i]
    online = (rng.random(n) < _code_table(codes, fl.ONLINE_SHARE)[code_i]) & ~is_org

    def table(t: dict[str, float]) -> np.ndarray:
        return _code_table(codes, t)[code_i]

    domestic = fl.select_per_month(
        month, table(fl.DOMESTIC_ABUSE_WEIGHT) * is_person, counts.flags["domestic_abuse"], rng
    )
    male_victim = np.isin(code, fl.MALE_VICTIM_CODES)
    vawg_weight = np.where(domestic & ~male_victim, fl.VAWG_DOMESTIC_WEIGHT, table(fl.VAWG_WEIGHT))
    vawg = fl.select_per_month(month, vawg_weight * is_person, counts.flags["vawg"], rng)
    knife = fl.select_per_month(month, table(fl.KNIFE_WEIGHT), counts.flags["knife"], rng)
    firearm = fl.select_per_month(
        month, table(fl.FIREARM_WEIGHT) * ~knife, counts.flags["firearm"], rng
    )
    online_org = fl.select_per_month(
        month,
        table(fl.ONLINE_ORGANISATION_WEIGHT) * is_org,
        counts.flags["online_organisation"],
        rng,
    )
    online |= online_org

    outcome = np.zeros(n, dtype=np.int64)
    lag = np.zeros(n, dtype=np.int64)
    profiles = np.array([s.outcomes for s in series], dtype=object)[series_i]
    for profile in sorted(set(profiles)):
        rows = np.flatnonzero(profiles == profile)
        outcome[rows], lag[rows] = draw_outcomes(profile, month[rows], rng)
    outcome_date = recorded + lag
    is_open = outcome_date > np.datetime64(EXTRACT_DATE)
    outcome = np.where(is_open, 0, outcome)
    victim_based = np.array([is_victim_based(c) for c in codes])[code_i]
    no_informal = np.isin(profiles, NO_COMMUNITY_RESOLUTION_PROFILES) | np.isin(
        code, SERIOUS_VIOLENCE_CODES
    )
    calibrate_outcomes(outcome, outcome_date, victim_based, ~no_informal, figures, rng)

    # Crime references number crimes in recording order within each calendar year.
    order = np.lexsort((rng.random(n), recorded))
    year = recorded.astype("datetime64[Y]").astype(int) + 1970
    sorted_year = year[order]
    seq = np.arange(n) - np.searchsorted(sorted_year, sorted_year, side="left") + 1
    crime_id = np.char.add(
        np.char.add("K", np.char.zfill((sorted_year % 100).astype(str), 2)),
        np.char.zfill(seq.astype(str), 6),
    )
    o = order
    frame = pl.DataFrame(
        {
            "crime_id": crime_id,
            "recorded_date": recorded[o],
            "offence_code": code[o].astype(str),
            "district_code": np.array([d.code for d in dist])[district_i[o]],
            "lsoa_code": lsoa[o].astype(str),
            "domestic_abuse": domestic[o].astype(np.int8),
            "knife_or_sharp_instrument": knife[o].astype(np.int8),
            "firearm": firearm[o].astype(np.int8),
            "online": online[o].astype(np.int8),
            "hate": hate[o].astype(np.int8),
            "vawg": vawg[o].astype(np.int8),
            "victim_type": victim_type[o],
            "outcome_code": outcome[o],
            "outcome_date": outcome_date[o],
        }
    )
    closed = pl.col("outcome_code") > 0
    return frame.with_columns(
        pl.when(pl.col("lsoa_code") != "").then(pl.col("lsoa_code")).alias("lsoa_code"),
        pl.when(closed).then(pl.col("outcome_code")).alias("outcome_code"),
        pl.when(closed).then(pl.col("outcome_date")).alias("outcome_date"),
    )
