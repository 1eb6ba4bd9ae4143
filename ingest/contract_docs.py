"""Markdown tables of the extract contracts, for docs/contracts.md (a test keeps them in sync)."""

from __future__ import annotations

from ingest.contracts import CONTRACTS, Contract

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


if __name__ == "__main__":
    print(all_contracts_markdown())
