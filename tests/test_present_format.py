"""The one formatter: the same figure reads the same in the CLI, the explorer and the pack."""

from __future__ import annotations

from decimal import Decimal

import pytest

from pcc.present import format as fmt


@pytest.mark.parametrize(
    ("value", "unit", "decimals", "signed", "text"),
    [
        (Decimal("117956"), "offences", 0, False, "117,956"),
        (Decimal("-185"), "offences", 0, True, "-185"),
        (Decimal("35"), "offences", 0, True, "+35"),
        (Decimal("0"), "offences", 0, True, "0"),
        (Decimal("92.3"), "percent", 1, False, "92.3%"),
        (Decimal("-2.1"), "percent", 1, True, "-2.1 pp"),
        (Decimal("1.0"), "percent", 1, True, "+1.0 pp"),
        (Decimal("3.1"), "seconds", 1, False, "3.1 s"),
        (Decimal("5.0"), "offences", 0, False, "5"),
        (None, "percent", 1, True, "–"),
    ],
)
def test_measure_value(value, unit, decimals, signed, text):
    assert fmt.measure_value(value, unit, decimals, signed=signed) == text


def test_pct_change_verdict_and_withheld():
    assert fmt.pct_change(Decimal("66.7")) == "+66.7%"
    assert fmt.pct_change(Decimal("-4.1")) == "-4.1%"
    assert fmt.pct_change(None) == "–"
    assert fmt.verdict(None) == "no comparison"
    assert fmt.verdict("no significant change") == "no significant change"
    assert fmt.withheld("4", True) == "<5"
    assert fmt.withheld("4", False) == "4"
