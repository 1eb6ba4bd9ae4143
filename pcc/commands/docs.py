"""`pcc docs`: the dbt documentation site for the published warehouse.

dbt needs a writable database, and nothing may ever open the published file for writing, so
the site is generated against a temporary copy of it, removed once the site is built: the
site (index.html, manifest.json, catalog.json) stays in $PCC_DATA_DIR/build/docs.
"""

from __future__ import annotations

import shutil

from pcc.build.dbt_runner import run_dbt
from pcc.errors import NoWarehouseError, UsageError
from pcc.paths import DataPaths
from pcc.present.docs_links import DOCS_PORT

DOCS_FILES = ("index.html", "manifest.json", "catalog.json")


def run_docs(serve: bool, port: int = DOCS_PORT) -> int:
    if not 1 <= port <= 65535:
        raise UsageError(f"--port must be 1-65535, got {port}")
    data = DataPaths.from_env()
    if not data.warehouse.exists():
        raise NoWarehouseError(data.warehouse)
    docs_dir = data.build_dir / "docs"
    docs_dir.mkdir(parents=True, exist_ok=True)
    work = data.build_dir / "docs-work"
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    copy = work / "warehouse-docs.duckdb"
    try:
        # A refresh swaps the published file with os.replace, so copying it is always consistent.
        shutil.copyfile(data.warehouse, copy)
        run_dbt(["docs", "generate"], copy, data, target_path=work, echo=lambda line: None)
    finally:
        copy.unlink(missing_ok=True)
        copy.with_name(copy.name + ".wal").unlink(missing_ok=True)
    for name in DOCS_FILES:
        shutil.copyfile(work / name, docs_dir / name)
    shutil.rmtree(work, ignore_errors=True)
    shutil.rmtree(data.build_dir / "dbt" / copy.stem, ignore_errors=True)
    print(f"dbt docs: {docs_dir / 'index.html'}", flush=True)
    if serve:
        print(f"serving on http://127.0.0.1:{port} (Ctrl+C to stop)", flush=True)
        _serve(docs_dir, port)
    return 0


def _serve(docs_dir, port: int) -> None:
    """The static site, on this machine only (dbt docs serve would need a database again)."""
    import functools
    import http.server

    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(docs_dir))
    with http.server.ThreadingHTTPServer(("127.0.0.1", port), handler) as server:
        server.serve_forever()
