"""Reading the refresh log (one JSON line per `pcc refresh` attempt, written by
pcc.build.refresh): the latest attempt, which the refresh and the pack's gate judge."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class RefreshAttempt:
    started_at: str
    status: str
    message: str
    failed_step: str | None


def latest_refresh_attempt(log: Path) -> RefreshAttempt | None:
    """The last well-formed line of refresh_log.jsonl (None if there is no log yet)."""
    if not log.exists():
        return None
    last = None
    for line in log.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        try:
            last = json.loads(line)
        except json.JSONDecodeError:
            continue  # a torn line from a killed refresh is not an attempt we can judge
    if not isinstance(last, dict):
        return None
    failed = [s.get("step") for s in last.get("steps") or [] if s.get("status") == "failed"]
    return RefreshAttempt(
        started_at=str(last.get("started_at", "")),
        status=str(last.get("status", "")),
        message=str(last.get("message", "")),
        failed_step=failed[-1] if failed else None,
    )
