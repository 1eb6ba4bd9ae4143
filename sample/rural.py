"""A synthetic ONS rural-urban lookup for the sample's placeholder LSOAs (not real data).

The sample's LSOA codes come from a range ONS has never issued (E019xxxxx), so no published
classification covers them. This writes a lookup in the ONS file format (columns LSOA11CD,
LSOA11NM, RUC11CD, RUC11) that classifies each placeholder LSOA by a modelled rural share per
district, and the seed dbt_project/seeds/rural_urban_lsoa.csv is made from it by the same
loader that reads the real ONS file (ingest.public.rural_urban):

    python -m sample.rural            # rewrite the committed seed from the synthetic lookup

Replace the seed with the real one by running the loader on the ONS file (see
dbt_project/seeds/README.md); the sample's E019 codes then have no classification.
"""

from __future__ import annotations

import csv
import io
import sys
import tempfile
from pathlib import Path

import numpy as np

from ingest.public.rural_urban import SEED_PATH, read_ons_lookup, seed_text
from sample.crime_records import LSOA_PREFIX
from sample.reference import districts

SEED = 20250930
# Modelled share of each district's placeholder LSOAs that are rural (synthetic).
RURAL_SHARE = {"Ashford": 0.35, "Maidstone": 0.3, "Sevenoaks": 0.4, "Tonbridge and Malling": 0.35,
               "Tunbridge Wells": 0.3, "Swale": 0.25, "Canterbury": 0.2, "Dover": 0.3,
               "Folkestone and Hythe": 0.3, "Dartford": 0.05, "Gravesham": 0.1, "Medway": 0.05,
               "Thanet": 0.05}  # fmt: skip
# ONS RUC11 categories used (code, name); a rural LSOA is a village one in this share.
URBAN = ("C1", "Urban city and town")
RURAL_TOWN = ("D1", "Rural town and fringe")
RURAL_VILLAGE = ("E1", "Rural village and dispersed")
VILLAGE_SHARE = 0.45


def synthetic_ons_lookup() -> str:
    """The lookup as CSV text in the ONS format, the same every time."""
    rng = np.random.Generator(np.random.PCG64(np.random.SeedSequence([SEED, 99])))
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["LSOA11CD", "LSOA11NM", "RUC11CD", "RUC11"])
    offset = 1  # as sample.crime_records numbers them
    for district in districts():
        rural = rng.random(district.lsoa_count) < RURAL_SHARE[district.name]
        village = rng.random(district.lsoa_count) < VILLAGE_SHARE
        for i in range(district.lsoa_count):
            code, name = (RURAL_VILLAGE if village[i] else RURAL_TOWN) if rural[i] else URBAN
            lsoa = f"{LSOA_PREFIX}{offset + i:05d}"
            writer.writerow([lsoa, f"{district.name} S{i + 1:03d}", code, name])
        offset += district.lsoa_count
    return out.getvalue()


def synthetic_seed_text() -> str:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "synthetic_ruc11_lsoa.csv"
        path.write_text(synthetic_ons_lookup(), encoding="utf-8")
        return seed_text(read_ons_lookup(path))


if __name__ == "__main__":
    SEED_PATH.write_text(synthetic_seed_text(), encoding="utf-8")
    print(f"wrote {SEED_PATH} from the synthetic lookup")
    sys.exit(0)
