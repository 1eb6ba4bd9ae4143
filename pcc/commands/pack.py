"""`pcc pack --period-end YYYY-MM`: write pack-<YYYY-MM>.xlsx and pack-<YYYY-MM>.pdf."""

from __future__ import annotations

from pathlib import Path

from pcc.build.refresh_log import RefreshAttempt, latest_refresh_attempt
from pcc.errors import PccError
from pcc.pack.gate import gate
from pcc.pack.period import parse_quarter_end
from pcc.paths import DataPaths


def _attempt_text(attempt: RefreshAttempt | None) -> str:
    if attempt is None:
        return "no refresh log"
    text = f"{attempt.status} (started {attempt.started_at})"
    if attempt.failed_step:
        text += f", failed at step '{attempt.failed_step}': {attempt.message}"
    return text


def run_pack(period_end: str, out: Path, allow_failed_checks: bool) -> int:
    end = parse_quarter_end(period_end)
    paths = DataPaths.from_env()
    attempt = latest_refresh_attempt(paths.refresh_log)
    draft = gate(attempt, allow_failed_checks)

    # Heavy imports only once the arguments and the gate have passed.
    from pcc.pack.data import load_pack_data
    from pcc.pack.document import build_html, write_pdf
    from pcc.pack.figures import render_charts
    from pcc.pack.workbook import write_workbook

    data = load_pack_data(end)  # the one read of the warehouse
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise PccError(f"cannot create output folder {out}: {exc.strerror}") from None
    xlsx = out / f"pack-{data.period.tag}.xlsx"
    pdf = out / f"pack-{data.period.tag}.pdf"
    write_workbook(xlsx, data, draft)
    html = build_html(data, render_charts(data), draft, _attempt_text(attempt))
    write_pdf(pdf, html)
    stamp = " (DRAFT - data quality checks failed)" if draft else ""
    print(f"wrote {xlsx}")
    print(f"wrote {pdf}{stamp}")
    return 0
