"""`pcc reconcile`: the published register against the warehouse (marts.fct_reconciliation).

Prints every figure with its status and a summary; exits 1 if any figure is a mismatch or a
missed bound. A known exception (F015's rounding slip in the source) does not fail, nor does a
figure outside the months the warehouse holds (`not covered`).
"""

from __future__ import annotations

import csv
import io
import json
import sys
from collections import Counter
from dataclasses import asdict

from pcc.read.reconcile import Figure, read_figures

FAILING_STATUSES = ("mismatch", "bound missed")
STATUS_ORDER = (
    "match",
    "known exception",
    "bound met",
    "not reconciled",
    "not covered",
    "revised since publication",
    "mismatch",
    "bound missed",
)


def summary_line(figures: list[Figure]) -> str:
    counts = Counter(f.status for f in figures)
    parts = [f"{counts[s]} {s}" for s in STATUS_ORDER if counts[s]]
    parts += [f"{n} {s}" for s, n in counts.items() if s not in STATUS_ORDER]
    return f"{len(figures)} figures: " + ", ".join(parts)


def render_table(figures: list[Figure]) -> str:
    headers = ("Figure", "Measure", "Statistic", "Period", "Published", "Computed", "Status")
    cells = [
        (
            f.figure_id,
            f.measure_id,
            f.statistic,
            f.period + (f" vs {f.comparison_period}" if f.comparison_period else ""),
            f.published or "",
            f.computed or "–",
            f.status,
        )
        for f in figures
    ]
    widths = [max(len(str(row[i])) for row in [headers, *cells]) for i in range(len(headers))]
    right = {4, 5}

    def line(row) -> str:
        return "  ".join(
            f"{cell:>{w}}" if i in right else f"{cell:<{w}}"
            for i, (cell, w) in enumerate(zip(row, widths, strict=True))
        ).rstrip()

    lines = [line(headers)]
    for figure, row in zip(figures, cells, strict=True):
        lines.append(line(row))
        if figure.explanation and figure.status != "match":
            lines.append(f"{'':<{widths[0]}}  -> {figure.explanation}")
    return "\n".join(lines) + "\n"


def render_csv(figures: list[Figure]) -> str:
    out = io.StringIO()
    fields = list(asdict(figures[0]).keys()) if figures else list(Figure.__dataclass_fields__)
    writer = csv.DictWriter(out, fieldnames=fields, lineterminator="\n")
    writer.writeheader()
    for figure in figures:
        writer.writerow({k: "" if v is None else v for k, v in asdict(figure).items()})
    return out.getvalue()


def run_reconcile(fmt: str) -> int:
    figures = read_figures()
    summary = summary_line(figures)
    if fmt == "table":
        print(render_table(figures) + "\n" + summary)
    else:
        text = (
            render_csv(figures)
            if fmt == "csv"
            else json.dumps([asdict(f) for f in figures], indent=2)
        )
        print(text.rstrip("\n"))
        print(summary, file=sys.stderr)
    failing = sum(1 for f in figures if f.status in FAILING_STATUSES)
    return 1 if failing else 0
