"""The quality gate's own error: an expected failure, reported by the caller in one line."""

from __future__ import annotations


class QualityError(Exception):
    """A suite cannot run (missing or stale committed suite, a bad threshold setting)."""
