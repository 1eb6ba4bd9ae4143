"""`pcc explore`: serve the Streamlit explorer on the published warehouse."""

from __future__ import annotations

import os
import subprocess
import sys

from pcc.paths import PROJECT_ROOT, DataPaths

APP_ENTRY = PROJECT_ROOT / "app" / "streamlit_app.py"


def streamlit_command(port: int) -> list[str]:
    return [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        str(APP_ENTRY),
        "--server.port",
        str(port),
        "--server.headless",
        "true",
        "--browser.gatherUsageStats",
        "false",
    ]


def run_explore(port: int) -> int:
    data = DataPaths.from_env()
    env = {**os.environ, "PCC_DATA_DIR": str(data.root)}
    print(
        f"Explorer: http://localhost:{port}  (warehouse: {data.warehouse}; Ctrl+C to stop)",
        flush=True,
    )
    return subprocess.call(streamlit_command(port), env=env)
