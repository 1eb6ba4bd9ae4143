"""The README is the users' manual: its contract tables must match the enforced contracts."""

import re

from ingest.contract_docs import all_contracts_markdown
from pcc.paths import PROJECT_ROOT


def test_readme_contract_tables_match_the_enforced_contracts():
    readme = (PROJECT_ROOT / "README.md").read_text(encoding="utf-8")
    match = re.search(r"<!-- contracts:start -->\n(.*?)\n<!-- contracts:end -->", readme, re.S)
    assert match, "README lost its contracts section markers"
    assert match.group(1).strip() == all_contracts_markdown().strip(), (
        "README contract tables are stale: regenerate with `python -m ingest.contract_docs`"
    )


def test_readme_starts_with_the_two_commands():
    readme = (PROJECT_ROOT / "README.md").read_text(encoding="utf-8")
    quickstart = readme.split("## Quickstart", 1)[1].split("##", 1)[0]
    assert "make run" in quickstart and "make test" in quickstart
