"""Errors the CLI reports as one line on stderr, with a documented exit code."""

from __future__ import annotations

from expectations.errors import QualityError
from ingest.errors import IngestError
from sample.errors import SampleError, SampleUsageError

# Exit codes (documented in README, "Commands").
EXIT_OK = 0
EXIT_FAILED = 1  # the command ran but found a problem: rejected file, failed check, mismatch
EXIT_USAGE = 2  # bad arguments (typer's own code for usage errors)
EXIT_NO_WAREHOUSE = 3  # nothing has been published yet, or no data of the kind asked for


class PccError(Exception):
    """An expected failure, reported to the user without a traceback."""

    exit_code = EXIT_FAILED


# The libraries' own errors: expected failures too, reported the same way with exit code 1.
EXPECTED_ERRORS = (PccError, IngestError, QualityError, SampleError)


def exit_code(exc: Exception) -> int:
    if isinstance(exc, SampleUsageError):
        return EXIT_USAGE
    return getattr(exc, "exit_code", EXIT_FAILED)


class UsageError(PccError):
    exit_code = EXIT_USAGE


class NoWarehouseError(PccError):
    exit_code = EXIT_NO_WAREHOUSE

    def __init__(self, path) -> None:
        super().__init__(f"no published warehouse at {path}: run `pcc refresh` first")


class NoDataError(PccError):
    """The warehouse holds no data of the kind asked for (e.g. no public data loaded)."""

    exit_code = EXIT_NO_WAREHOUSE
