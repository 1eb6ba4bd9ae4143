"""The explorer serves this machine only unless asked, in viewer mode, on hardened connections."""

from __future__ import annotations

import ipaddress
from pathlib import Path

import pytest

from pcc.commands.explore import check_address, streamlit_command
from pcc.errors import UsageError
from tests.app import browser


def listening_addresses(port: int) -> set[str]:
    """Local addresses of the sockets listening on `port` (from /proc/net/tcp and tcp6)."""
    found = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        path = Path(table)
        if not path.exists():
            continue
        for line in path.read_text().splitlines()[1:]:
            local, state = line.split()[1], line.split()[3]
            address, port_hex = local.split(":")
            if state != "0A" or int(port_hex, 16) != port:  # 0A: LISTEN
                continue
            raw = bytes.fromhex(address)
            # The kernel prints each 32-bit word in host (little-endian) order.
            raw = b"".join(raw[i : i + 4][::-1] for i in range(0, len(raw), 4))
            found.add(str(ipaddress.ip_address(raw)))
    return found


@pytest.mark.slow
def test_default_listens_on_loopback_only(tmp_path):
    with browser.running_explorer(tmp_path) as url:
        port = int(url.rsplit(":", 1)[1])
        addresses = listening_addresses(port)
    assert addresses == {"127.0.0.1"}


@pytest.mark.slow
def test_host_option_serves_the_network(tmp_path):
    with browser.running_explorer(tmp_path, 60, "--host", "0.0.0.0") as url:
        port = int(url.rsplit(":", 1)[1])
        addresses = listening_addresses(port)
    assert "0.0.0.0" in addresses


def test_streamlit_runs_in_viewer_mode_without_deploy_or_watcher():
    command = " ".join(streamlit_command(8501))
    for option in (
        "--server.address 127.0.0.1",
        "--client.toolbarMode viewer",
        "--server.fileWatcherType none",
        "--browser.gatherUsageStats false",
    ):
        assert option in command


@pytest.mark.parametrize(
    ("port", "host"), [(0, "127.0.0.1"), (99999, "127.0.0.1"), (8501, "example.org")]
)
def test_bad_port_or_host_is_a_usage_error(port, host):
    with pytest.raises(UsageError) as bad:
        check_address(port, host)
    assert "\n" not in str(bad.value)
