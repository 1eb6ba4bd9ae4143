"""`pcc explore`: serve the Streamlit explorer on the published warehouse.

By default it listens on 127.0.0.1 only: Streamlit has no login, so serving the network is a
choice (`--host 0.0.0.0`) made behind the organisation's single sign-on (README). The toolbar
is in viewer mode (no Deploy, rerun or clear-cache), errors show their type only, and the pages
read through the same hardened connections as `pcc sql` (pcc.read.warehouse).
"""

from __future__ import annotations

import ipaddress
import os
import subprocess
import sys

from pcc.errors import UsageError
from pcc.paths import PROJECT_ROOT, DataPaths

APP_ENTRY = PROJECT_ROOT / "app" / "streamlit_app.py"

# Streamlit settings for serving users (see `streamlit config show`).
SERVER_OPTIONS = {
    "server.headless": "true",
    "server.fileWatcherType": "none",
    "server.runOnSave": "false",
    "server.enableCORS": "true",
    "server.enableXsrfProtection": "true",
    "client.toolbarMode": "viewer",
    "client.showErrorDetails": "type",
    "browser.gatherUsageStats": "false",
}


def streamlit_command(port: int, host: str = "127.0.0.1") -> list[str]:
    options = {**SERVER_OPTIONS, "server.port": str(port), "server.address": host}
    command = [sys.executable, "-m", "streamlit", "run", str(APP_ENTRY)]
    for name, value in options.items():
        command += [f"--{name}", value]
    return command


def check_address(port: int, host: str) -> None:
    if not 1 <= port <= 65535:
        raise UsageError(f"--port must be between 1 and 65535, not {port}")
    if host != "localhost":
        try:
            ipaddress.ip_address(host)
        except ValueError:
            raise UsageError(
                f"--host must be an IP address such as 127.0.0.1 or 0.0.0.0, not {host!r}"
            ) from None


def run_explore(port: int, host: str = "127.0.0.1") -> int:
    check_address(port, host)
    data = DataPaths.from_env()
    env = {**os.environ, "PCC_DATA_DIR": str(data.root)}
    shown = "localhost" if host in ("127.0.0.1", "localhost") else host
    print(
        f"Explorer: http://{shown}:{port}  (warehouse: {data.warehouse}; Ctrl+C to stop)",
        flush=True,
    )
    try:
        return subprocess.call(streamlit_command(port, host), env=env)
    except KeyboardInterrupt:
        return 0
