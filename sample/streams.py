"""One independent random stream per part of the sample, so that changing one part leaves the
others' bytes."""

from __future__ import annotations

import numpy as np

STREAMS = (
    "crime_counts", "crime_records", "calls", "s136", "referrals", "satisfaction", "asb",
)  # fmt: skip


def stream(seed: int, name: str) -> np.random.Generator:
    return np.random.Generator(np.random.PCG64(np.random.SeedSequence([seed, STREAMS.index(name)])))
