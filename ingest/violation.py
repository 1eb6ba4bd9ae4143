"""The one-line reason a file is rejected."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Violation:
    """Where and why a file broke its contract: `<file>:<line>: column <col>: <reason>`.

    line and column are None only when they mean nothing (an empty file, a gzip error).
    """

    file: str
    line: int | None
    column: str | None
    reason: str

    def __str__(self) -> str:
        where = self.file if self.line is None else f"{self.file}:{self.line}"
        if self.column is not None:
            return f"{where}: column {self.column}: {self.reason}"
        return f"{where}: {self.reason}"


class FileRejected(Exception):
    """Raised inside the ingest of one file to stop at its first violation."""

    def __init__(self, violation: Violation) -> None:
        super().__init__(str(violation))
        self.violation = violation
