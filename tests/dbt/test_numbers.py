"""Half-up rounding: exact for integer ratios, and the SQL macro agrees with Python."""

from __future__ import annotations

import random
from decimal import Decimal
from fractions import Fraction

import duckdb
import jinja2
import pytest

from pcc.paths import PROJECT_ROOT
from pcc.present.numbers import round_float_half_up, round_fraction_half_up, round_half_up


@pytest.mark.parametrize(
    ("numerator", "denominator", "places", "expected"),
    [
        (-2541 * 100, 19768, 1, "-12.9"),  # F015: the source printed -12.8
        (2541 * 100, 19768, 1, "12.9"),
        (35 * 100, 10000, 2, "0.35"),  # F112's 999 abandonment rate
        (25, 100, 1, "0.3"),  # 0.25: half-up, not half-even (0.2)
        (145, 1000, 2, "0.15"),  # 0.145 is 0.14499... as a float
        (-25, 10, 0, "-3"),  # half away from zero
        (25, -10, 0, "-3"),
        (15, 10, 0, "2"),
        (1, 3, 1, "0.3"),
        (2, 3, 1, "0.7"),
        (0, 7, 1, "0.0"),
        (3, 1, 0, "3"),
    ],
)
def test_round_half_up_is_exact(numerator, denominator, places, expected):
    assert round_half_up(numerator, denominator, places) == Decimal(expected)
    assert str(round_half_up(numerator, denominator, places)) == expected


def test_float_rounding_uses_the_printed_value():
    assert round_float_half_up(0.145, 2) == Decimal("0.15")
    assert round_float_half_up(2.675, 2) == Decimal("2.68")  # round() gives 2.67
    assert round_float_half_up(-12.85, 1) == Decimal("-12.9")


def test_fraction_rounding():
    assert round_fraction_half_up(Fraction(-2541, 19768) * 100, 1) == Decimal("-12.9")


def test_zero_denominator_is_an_error():
    with pytest.raises(ZeroDivisionError):
        round_half_up(1, 0, 1)


def _sql_round_half_up(numerator: str, denominator: str, places: str) -> str:
    """Render the dbt macro with plain Jinja (it uses no dbt context)."""
    source = (PROJECT_ROOT / "dbt_project" / "macros" / "round_half_up.sql").read_text()
    template = jinja2.Environment().from_string(
        source + "{{ round_half_up(numerator, denominator, places) }}"
    )
    return template.render(numerator=numerator, denominator=denominator, places=places)


def test_sql_macro_agrees_with_python():
    rng = random.Random(20250930)
    cases = [(-254100, 19768, 1), (3500, 10000, 2), (25, 100, 1), (145, 1000, 2), (-25, 10, 0)]
    for _ in range(2000):
        places = rng.randint(0, 3)
        denominator = rng.choice([1, 2, 4, 8, 10, 40, 100, 1000, 19768]) * rng.randint(1, 50)
        # Bias towards exact halves, where rounding rules differ.
        if rng.random() < 0.5:
            numerator = (2 * rng.randint(-(10**6), 10**6) + 1) * denominator // (2 * 10**places)
        else:
            numerator = rng.randint(-(10**7), 10**7)
        cases.append((numerator, denominator, places))
    expression = _sql_round_half_up("n", "d", "p")
    con = duckdb.connect()
    con.execute("create table cases (n bigint, d bigint, p integer)")
    con.executemany("insert into cases values (?, ?, ?)", cases)
    rows = con.execute(f"select n, d, p, {expression} from cases").fetchall()
    mismatches = [(n, d, p, sql) for n, d, p, sql in rows if sql != round_half_up(n, d, p)]
    assert mismatches == []
