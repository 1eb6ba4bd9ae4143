"""The extract contracts as documentation: markdown tables for docs/contracts.md and the column
docs of the dbt sources in models/staging/landing/_landing__sources.yml (tests keep both in sync).

    python -m ingest.contract_docs                 # print the markdown tables
    python -m ingest.contract_docs --dbt-sources   # rewrite the landing sources' table docs
"""

from __future__ import annotations

import sys
from pathlib import Path

import yaml

from ingest.contracts import CONTRACTS, Contract
from ingest.paths import REPO_ROOT

LANDING_SOURCES = REPO_ROOT / "models" / "staging" / "landing" / "_landing__sources.yml"
# Columns the landing store adds to every extract's rows (ingest/landing.py): their lineage.
LINEAGE_COLUMNS = (
    ("_file_sha256", "SHA-256 of the file the row was loaded from"),
    ("_line_number", "Line of the row in its source file (header = line 1)"),
)

_LIST_LIMIT = 8  # longer allowed-value lists are summarised, not printed in full

_FORMATS = {
    "date": "ISO date `YYYY-MM-DD`, not in the future",
    "datetime": "ISO `YYYY-MM-DDTHH:MM[:SS]`, not in the future",
    "month": "`YYYY-MM`",
    "boolean": "`true`/`false` or `1`/`0`",
    "integer": "whole number",
}


def _allowed_text(allowed) -> str:
    if allowed is None:
        return ""
    if isinstance(allowed, str):
        return f"reference list `{allowed}` (dbt seed)"
    return ", ".join(f"`{v}`" for v in allowed[:_LIST_LIMIT]) + (
        " ..." if len(allowed) > _LIST_LIMIT else ""
    )


def contract_markdown(contract: Contract) -> str:
    lines = [
        f"#### `{contract.source}`",
        "",
        f"{contract.description} Grain: {contract.grain}. "
        f"Primary key: {', '.join(f'`{k}`' for k in contract.primary_key)}. "
        f"Months covered are taken from `{contract.month_column}`.",
        "",
        "| column | type | required | allowed values / format | description |",
        "| --- | --- | --- | --- | --- |",
    ]
    for col in contract.columns:
        rule = _allowed_text(col.allowed) or _FORMATS.get(col.type, "")
        if col.non_negative:
            rule = "non-negative whole number"
        lines.append(
            f"| `{col.name}` | {col.type} | {'yes' if col.required else 'no'} | {rule} | {col.description} |"
        )
    if contract.row_rules:
        rules = "; ".join(f"`{r.predicate}`" for r in contract.row_rules)
        lines += ["", f"Row rules: {rules}."]
    return "\n".join(lines)


def all_contracts_markdown() -> str:
    return "\n\n".join(contract_markdown(c) for c in CONTRACTS.values())


def source_table(contract: Contract) -> dict:
    """A landing source table as dbt documents it: the contract's description, grain and columns."""
    columns = [(c.name, c.description) for c in contract.columns] + list(LINEAGE_COLUMNS)
    return {
        "name": contract.source,
        "description": f"{contract.description} Grain: {contract.grain}.",
        "columns": [{"name": name, "description": text} for name, text in columns],
    }


class _IndentedDumper(yaml.SafeDumper):
    """Lists indented under their key, as the project's other dbt YAML files are written."""

    def increase_indent(self, flow=False, indentless=False):
        return super().increase_indent(flow, False)


def landing_sources_yaml(text: str) -> str:
    """The sources file with every contract's table documented from its contract; the tables that
    are not extracts (load_manifest, month_owner, changed_months) are kept as they are."""
    document = yaml.safe_load(text)
    (landing,) = (s for s in document["sources"] if s["name"] == "landing")
    landing["tables"] = [
        source_table(CONTRACTS[t["name"]]) if t["name"] in CONTRACTS else t
        for t in landing["tables"]
    ]
    for table in landing["tables"]:
        table["description"] = table["description"].strip()
    documented = {t["name"] for t in landing["tables"]}
    missing = [name for name in CONTRACTS if name not in documented]
    landing["tables"][:0] = [source_table(CONTRACTS[name]) for name in missing]
    return yaml.dump(
        document, Dumper=_IndentedDumper, sort_keys=False, width=110, allow_unicode=True
    )


if __name__ == "__main__":
    if sys.argv[1:] == ["--dbt-sources"]:
        path = Path(LANDING_SOURCES)
        path.write_text(landing_sources_yaml(path.read_text()))
        print(f"wrote {path}")
    else:
        print(all_contracts_markdown())
