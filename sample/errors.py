"""The sample generator's own errors, which the `pcc` CLI reports as one line with an exit code."""

from __future__ import annotations


class SampleError(Exception):
    """The sample cannot be written as asked (a published figure it does not model, a target
    it cannot reach): exit code 1."""


class SampleUsageError(SampleError):
    """Bad arguments (e.g. --forces out of range): exit code 2."""
