"""Data-quality gating: the latest refresh attempt and the quality-check results.

The pack refuses to present figures from a warehouse whose latest refresh failed its critical
quality checks, unless the user explicitly asks for a DRAFT. The check results themselves come
from marts.dq_validation_runs / marts.dq_validation_results once the Great Expectations gate
publishes them; until then the pack says so.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from pcc.build.refresh_log import RefreshAttempt
from pcc.errors import PccError

DRAFT_STAMP = "DRAFT - data quality checks failed"
NOT_AVAILABLE = "Quality checks: not yet available"


def checks_failed(attempt: RefreshAttempt | None) -> bool:
    return attempt is not None and attempt.status == "failed" and attempt.failed_step == "check"


def gate(attempt: RefreshAttempt | None, allow_failed_checks: bool) -> bool:
    """True if the pack must be stamped DRAFT; raises if it must not be produced at all."""
    if not checks_failed(attempt):
        return False
    if not allow_failed_checks:
        raise PccError(
            "the latest refresh failed its critical data-quality checks: no pack produced "
            "(fix the data, or pass --allow-failed-checks for a DRAFT)"
        )
    return True


@dataclass(frozen=True)
class QualitySummary:
    available: bool
    run_at: str = ""
    expectations: int = 0
    failed: int = 0
    failed_critical: int = 0
    failures: list[tuple[str, str, str, str, str]] = field(default_factory=list)

    def headline(self) -> str:
        if not self.available:
            return NOT_AVAILABLE
        if not self.expectations:
            return "Quality checks: no results recorded"
        warnings = self.failed - self.failed_critical
        if self.failed_critical:
            status = f"{self.failed_critical} critical failed"
        else:
            status = "every critical expectation passed"
        if warnings:
            status += f", {warnings} warning{'s' if warnings != 1 else ''}"
        return f"Quality checks ({self.run_at}): {self.expectations:,} expectations, {status}"


def _table_exists(con, name: str) -> bool:
    row = con.execute(
        "select count(*) from information_schema.tables "
        f"where table_schema = 'marts' and table_name = '{name}'"
    ).fetchone()
    return bool(row[0])


def read_quality_summary(con) -> QualitySummary:
    """Summarise the latest validation run's results, if the quality gate has published them."""
    if not (
        _table_exists(con, "dq_validation_runs") and _table_exists(con, "dq_validation_results")
    ):
        return QualitySummary(available=False)
    # The table holds exactly the results behind this publication (extract and mart suites).
    latest = con.execute("select max(run_at) from marts.dq_validation_results").fetchone()[0]
    if latest is None:
        return QualitySummary(available=True)
    rows = con.execute(
        """
        select suite, target, expectation, coalesce(column_name, ''), severity, success
        from marts.dq_validation_results
        order by suite, target, expectation, column_name
        """
    ).fetchall()
    failures = [(r[0], r[1], r[2], r[3], r[4]) for r in rows if not r[5]]
    return QualitySummary(
        available=True,
        run_at=f"{latest:%Y-%m-%d %H:%M}" if hasattr(latest, "strftime") else str(latest),
        expectations=len(rows),
        failed=len(failures),
        failed_critical=sum(1 for f in failures if str(f[4]).lower() == "critical"),
        failures=failures,
    )
