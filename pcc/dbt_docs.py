"""`pcc docs`: the dbt documentation site for the published warehouse.

dbt needs a writable database, and nothing may ever open the published file for writing, so
the site is generated against a copy of it in build/docs/.
"""

from __future__ import annotations

import shutil

from pcc.dbt_runner import run_dbt
from pcc.errors import NoWarehouseError
from pcc.paths import DataPaths


def run_docs(serve: bool) -> int:
    data = DataPaths.from_env()
    if not data.warehouse.exists():
        raise NoWarehouseError(data.warehouse)
    docs_dir = data.build_dir / "docs"
    docs_dir.mkdir(parents=True, exist_ok=True)
    copy = docs_dir / "warehouse-docs.duckdb"
    copy.unlink(missing_ok=True)
    # A refresh swaps the published file with os.replace, so copying it is always consistent.
    shutil.copyfile(data.warehouse, copy)
    run_dbt(["docs", "generate"], copy, data, target_path=docs_dir)
    print(f"dbt docs: {docs_dir / 'index.html'}", flush=True)
    if serve:
        run_dbt(["docs", "serve", "--no-browser"], copy, data, target_path=docs_dir)
    return 0
