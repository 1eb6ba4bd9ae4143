"""Monthly crime counts per offence series and per calibrated flag, exact to the register."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from sample.calibrate import Constraint, calibrated_counts
from sample.flags import FLAG_SERIES
from sample.offences import (
    CALIBRATED,
    MEASURE_SERIES,
    OTHER_STATE_BASED,
    OTHER_VICTIM_BASED,
    OTHER_VICTIM_BASED_BLOCK,
    OffenceSeries,
)
from sample.reference import is_victim_based, legacy_codes, offence_groups
from sample.register import Figure, Window, figures_for, resolve_counts
from sample.shapes import monthly_series
from sample.timeline import window_mask

VICTIM_BASED_MEASURE = "victim_based_crime"


@dataclass(frozen=True)
class CrimeCounts:
    series: dict[str, np.ndarray]  # series name -> crimes recorded per month
    flags: dict[str, np.ndarray]  # flag -> flagged crimes per month (by recorded month)


def all_series() -> list[OffenceSeries]:
    return CALIBRATED + OTHER_VICTIM_BASED + OTHER_STATE_BASED


def check_offence_model() -> None:
    """Every current record-level code is modelled once, and series respect victim-based groups."""
    modelled = [c for s in all_series() for c in s.codes]
    expected = set(offence_groups()) - legacy_codes()
    if sorted(modelled) != sorted(expected):
        missing = sorted(expected - set(modelled))
        extra = sorted(set(modelled) - expected)
        raise ValueError(
            f"offence model codes differ from the seed: missing {missing}, extra {extra}"
        )
    for s in all_series():
        kinds = {is_victim_based(c) for c in s.codes}
        wanted = s not in OTHER_STATE_BASED and s.name not in MEASURE_SERIES["drug_offences"]
        if kinds != {wanted}:
            raise ValueError(f"series {s.name} mixes victim-based and other offence groups")


def _targets(
    figures: list[Figure], measure_id: str, bases: list[np.ndarray]
) -> list[tuple[np.ndarray, int]]:
    def base_sum(window: Window) -> float:
        mask = window_mask(*window)
        return float(sum(b[mask].sum() for b in bases))

    resolved = resolve_counts(figures_for(figures, measure_id), base_sum)
    return [(window_mask(*w), t) for w, t in sorted(resolved.items())]


def crime_counts(figures: list[Figure], rng: np.random.Generator) -> CrimeCounts:
    check_offence_model()
    base = {s.name: monthly_series(s.levels, s.season, s.lockdown) for s in all_series()}
    drawn: dict[str, np.ndarray] = {}

    def constraints_for(series_name: str) -> list[Constraint]:
        """Targets of every measure this series completes, less what its other series drew."""
        out: list[Constraint] = []
        for measure_id, members in MEASURE_SERIES.items():
            undrawn = [m for m in members if m not in drawn]
            if undrawn != [series_name]:
                continue
            for mask, target in _targets(figures, measure_id, [base[m] for m in members]):
                others = sum(int(drawn[m][mask].sum()) for m in members if m != series_name)
                out.append((mask, target - others))
        return out

    for s in CALIBRATED:
        drawn[s.name] = calibrated_counts(base[s.name], constraints_for(s.name), rng)

    # Victim-based crime is completed by the other victim-based series taken as one block; its
    # targets come from the smooth shape of all victim-based series together.
    block = OTHER_VICTIM_BASED_BLOCK
    base[block] = sum(base[s.name] for s in OTHER_VICTIM_BASED)
    calibrated_vb = [s.name for s in CALIBRATED if is_victim_based(next(iter(s.codes)))]
    whole = _targets(figures, VICTIM_BASED_MEASURE, [base[n] for n in calibrated_vb + [block]])
    block_constraints = [
        (mask, target - sum(int(drawn[n][mask].sum()) for n in calibrated_vb))
        for mask, target in whole
    ]
    block_counts = calibrated_counts(base[block], block_constraints, rng)
    shares = np.array([base[s.name] for s in OTHER_VICTIM_BASED])
    shares /= shares.sum(axis=0)
    split = np.array([rng.multinomial(n, shares[:, m]) for m, n in enumerate(block_counts)]).T
    for s, counts in zip(OTHER_VICTIM_BASED, split, strict=True):
        drawn[s.name] = counts

    for s in OTHER_STATE_BASED:
        drawn[s.name] = calibrated_counts(base[s.name], [], rng)

    flags = {}
    for flag, (measure_id, levels, season_name, lockdown_effect) in FLAG_SERIES.items():
        flag_base = monthly_series(levels, season_name, lockdown_effect)
        constraints = _targets(figures, measure_id, [flag_base])
        flags[flag] = calibrated_counts(flag_base, constraints, rng)
    return CrimeCounts(series=drawn, flags=flags)
