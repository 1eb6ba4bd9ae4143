"""The published register against the warehouse: the rows of marts.fct_reconciliation, each
figure at its published number of decimal places."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from pcc.read.warehouse import connect_published


@dataclass(frozen=True)
class Figure:
    figure_id: str
    measure_id: str
    statistic: str
    period: str
    comparison_period: str | None
    reconcile: str
    published: str
    computed: str | None
    difference: str | None
    status: str
    explanation: str | None


def _at_places(value: Decimal | None, places: int) -> str | None:
    if value is None:
        return None
    return f"{value.quantize(Decimal(1).scaleb(-places))}"


def read_figures() -> list[Figure]:
    with connect_published() as con:
        rows = con.execute(
            """
            select
                figure_id, measure_id, statistic, period, comparison_period, reconcile,
                published_value, published_decimals, computed_value, difference, status,
                explanation
            from marts.fct_reconciliation
            order by figure_id
            """
        ).fetchall()
    return [
        Figure(
            figure_id=r[0],
            measure_id=r[1],
            statistic=r[2],
            period=r[3],
            comparison_period=r[4],
            reconcile=r[5],
            published=_at_places(r[6], r[7]),
            computed=_at_places(r[8], r[7]),
            difference=_at_places(r[9], r[7]),
            status=r[10],
            explanation=r[11],
        )
        for r in rows
    ]
