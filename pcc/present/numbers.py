"""Exact half-up rounding for the numbers users see.

Every percentage in the warehouse is an integer ratio (summed numerator / summed denominator),
so it can be rounded exactly: no float ever decides whether 12.85 becomes 12.8 or 12.9.
Rounding is half-up in the usual sense of "half away from zero" (-2.5 -> -3), as published
statistics do, not Python's round() (half to even) nor float formatting (binary artefacts).
The SQL macro round_half_up (dbt_project/macros/round_half_up.sql) is the twin of this module.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction


def round_half_up(numerator: int, denominator: int, places: int) -> Decimal:
    """numerator / denominator rounded half away from zero to `places` decimals, exactly."""
    if denominator == 0:
        raise ZeroDivisionError("round_half_up: denominator is 0")
    if places < 0:
        raise ValueError("round_half_up: places must be >= 0")
    negative = (numerator < 0) != (denominator < 0)
    n, d = abs(numerator), abs(denominator)
    # floor(x + 1/2) on the scaled magnitude, in integers: (2 * n * 10^p + d) // (2 * d).
    quotient = (2 * n * 10**places + d) // (2 * d)
    return Decimal(-quotient if negative and quotient else quotient).scaleb(-places)


def round_fraction_half_up(value: Fraction, places: int) -> Decimal:
    return round_half_up(value.numerator, value.denominator, places)


def round_float_half_up(value: float, places: int) -> Decimal:
    """Half-up rounding of a float as it prints (repr), so 0.145 rounds to 0.15, not 0.14."""
    return Decimal(repr(value)).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
