"""Where the pack itself still applies disclosure control: the s.136 breakdown (interim).

Every board figure arrives with its disclosure flags (marts.fct_measure_board, primary and
secondary suppression in dbt). The s.136 breakdown by place of safety, age band and conveyance
is not on the board yet: until its publishable mart lands, this is the one place the pack
withholds a count (pcc.disclosure's rule: a person-level count of 1-4 is shown as "<5", with
the change next to it), and the one place it works out a change (the breakdown's change and %
change, rounded half-up as the board rounds). Primary suppression only: no secondary cell.
"""

from __future__ import annotations

from decimal import Decimal

from pcc.disclosure import is_suppressed
from pcc.numbers import round_half_up
from pcc.pack.cells import Cell, figure, pct


def publishable_pair(value: int, previous: int) -> tuple[Cell, ...]:
    """Cells of a count this year and last, their change and % change, as published."""
    withheld = is_suppressed(value) or is_suppressed(previous)
    change = Decimal(value - previous)
    change_pct = round_half_up((value - previous) * 100, previous, 1) if previous else None
    return (
        figure(Decimal(value), "", 0, withheld=is_suppressed(value)),
        figure(Decimal(previous), "", 0, withheld=is_suppressed(previous)),
        figure(change, "", 0, signed=True, withheld=withheld),
        pct(change_pct, withheld=withheld),
    )
