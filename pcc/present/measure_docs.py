"""docs/measures.md: the measure list by priority, in the board's order, from measures.csv.

    python -m pcc.present.measure_docs      # rewrite docs/measures.md

Generated so it cannot drift from the seed (tests/test_measure_docs.py checks it).
"""

from __future__ import annotations

import csv
import sys

from pcc.paths import PROJECT_ROOT, SEEDS_DIR

DOC = PROJECT_ROOT / "docs" / "measures.md"
PRIORITIES = ("Protecting People", "Protecting Places", "Protecting Property",
              "Productive Partnerships")  # fmt: skip

INTRO = """\
# Measures by priority

Every measure the warehouse computes, grouped by the Police and Crime Plan 2025-29 priority it
is reported under, in the order the Performance and Delivery Board of 16 September 2025 read
them (its notes: `../shared/seeds/002_...`); measures the board did not discuss follow. The
list is generated from `dbt_project/seeds/measures.csv` (`python -m pcc.present.measure_docs`): a new
seed row is a new measure in every output and here.

- **Source**: the force extract (contracts in `ingest/contracts.py`) or public file it is
  computed from; **codes**: Home Office Counting Rules offence codes
  (`dbt_project/seeds/offence_codes.csv`), outcome types (`outcome_types.csv`), crime record
  flags, or the extract column.
- Every crime count measure also has a solved rate (`solved_rate` in `marts.fct_measure_windows`);
  the ones the board reads are measures of their own. `marts.fct_outcome_groups_windows` breaks
  each solved rate into the board's outcome groups (seed `outcome_groups.csv`).
- Not reconcilable with the board's own figures, and why: burglary of a home (the reference
  codes cannot separate a home from other residential buildings: register F150, F155, F156),
  serious violence (Kent's definition is unpublished: F153, F154), rural crime (a location
  definition; Kent's is offence-based), the 101 standard (not stated in the board notes; the
  streak threshold is a setting in the seed).
- The sample data behind the committed figures is synthetic (`data/raw/README.md`); the ASB,
  road casualty and rural-urban inputs are modelled, not calibrated (`dbt_project/seeds/README.md`).
- District rates per 1,000 residents still use the 2011 census populations
  (`districts.csv`): no recent ONS mid-year estimate with a citable table could be found from
  this machine, so no newer population seed was added.
"""


def _rows() -> list[dict[str, str]]:
    with open(SEEDS_DIR / "measures.csv", newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def render() -> str:
    rows = _rows()
    parts = [INTRO]
    for priority in PRIORITIES:
        chosen = sorted((r for r in rows if r["priority"] == priority),
                        key=lambda r: int(r["display_order"]))  # fmt: skip
        parts.append(f"\n## {priority}\n")
        parts.append("| measure | id | definition | polarity | source |")
        parts.append("|---|---|---|---|---|")
        for r in chosen:
            source = r.get("source_reference") or r["source"]
            parts.append(
                f"| {_cell(r['measure_name'])} | `{r['measure_id']}` | {_cell(r['definition'])} "
                f"| {r['polarity'].replace('_', ' ')} | {_cell(source)} |"
            )
    return "\n".join(parts) + "\n"


if __name__ == "__main__":
    DOC.write_text(render(), encoding="utf-8")
    print(f"wrote {DOC}")
    sys.exit(0)
