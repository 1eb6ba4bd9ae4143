"""The one formatter: every figure the CLI, the explorer and the pack print goes through here.

Numbers arrive already rounded (half-up, once, in dbt: marts.fct_measure_board's *_rounded
columns); this module only writes them: thousands separators, the unit's suffix, a sign for
changes, "–" for a figure that cannot be computed and "<5" for one withheld by disclosure
control. It holds no arithmetic, thresholds or polarity rules.
"""

from __future__ import annotations

from decimal import Decimal

DASH = "–"
SUPPRESSED = "<5"  # the label of a withheld count (threshold: dbt var suppression_threshold)
PERCENTAGE_POINTS = " pp"

VERDICT_WORDS = {
    "better": "better",
    "worse": "worse",
    "no significant change": "no significant change",
    "context only": "context only",
    "not tested": "not tested",
    "provisional": "provisional",
}


def number(value: Decimal | int | float | None, decimals: int = 0, *, signed: bool = False) -> str:
    """A rounded figure with thousands separators; `signed` puts + before a rise."""
    if value is None:
        return DASH
    text = f"{Decimal(value):,.{decimals}f}"
    if signed and Decimal(value) > 0:
        text = "+" + text
    return text


# What follows a value in its unit (a percentage is special: % for a value, pp for a change).
UNIT_SUFFIXES = {
    "seconds": " s",
    "times": " times",
    "rate_per_1000": " per 1,000",
    "rate_per_100000": " per 100,000",
}
# A chart axis's short name for a unit (what is measured is said in the chart's title).
UNIT_TITLES = {
    "percent": "percent",
    "seconds": "seconds",
    "rate_per_1000": "per 1,000 residents",
    "rate_per_100000": "per 100,000 residents",
    "times": "times the White rate",
}


def measure_value(value, unit: str, decimals: int, *, signed: bool = False) -> str:
    """A value (or, `signed`, a change) of a measure in its unit: 12.3%, +1.2 pp, 3.1 s,
    85.27 per 1,000, 45.3 per 100,000."""
    if value is None:
        return DASH
    text = number(value, decimals, signed=signed)
    if unit == "percent":
        return text + (PERCENTAGE_POINTS if signed else "%")
    return text + UNIT_SUFFIXES.get(unit, "")


def unit_title(unit: str) -> str:
    """A chart axis title for a unit: per 100,000 residents."""
    return UNIT_TITLES.get(unit, unit)


def pct_change(value) -> str:
    """A percentage change: +5.0%."""
    return DASH if value is None else number(value, 1, signed=True) + "%"


def verdict(word: str | None) -> str:
    return "no comparison" if word is None else VERDICT_WORDS.get(word, word)


def withheld(text: str, suppressed: bool | None) -> str:
    """`text`, or "<5" when disclosure control withholds the figure."""
    return SUPPRESSED if suppressed else text


def month(value) -> str:
    """A month as Jan 2025."""
    return value.strftime("%b %Y")


def month_span(first, last) -> str:
    return f"{month(first)} – {month(last)}"


# NHS England "Making Data Count: strengthening your decisions" (2019), the variation and
# assurance icons: https://www.england.nhs.uk/wp-content/uploads/2019/12/making-data-count-strengthening-your-decisions.pdf
# The reading (which icon) is marts.fct_spc_summary(_as_at) in dbt; here only its words, the
# icon's letter (H/L: higher or lower values; P/F: passing or failing) and its colour, in the
# guide's scheme (grey: common cause or hit and miss; blue: improvement or passing; orange:
# concern or failing; purple: a change that is neither better nor worse).
SPC_COLOURS = {"grey": "#7f7f7f", "blue": "#005eb8", "orange": "#ed8b00", "purple": "#7c2855"}
_VARIATION = {
    "common_cause": ("Common cause variation: within the usual range", "grey"),
    "special_cause_improvement": ("Special cause variation: improvement", "blue"),
    "special_cause_concern": ("Special cause variation: concern", "orange"),
    "special_cause_neutral": ("Special cause variation: neither better nor worse", "purple"),
}
_ASSURANCE = {
    "consistently_passing": ("Consistently passing the standard", "P", "blue"),
    "consistently_failing": ("Consistently falling short of the standard", "F", "orange"),
    "hit_and_miss": (
        "Hit and miss: the standard is met or missed by chance variation",
        "?",
        "grey",
    ),
}
_HIGHER_LOWER = {"up": " (higher values)", "down": " (lower values)"}


def spc_variation(variation: str | None, direction: str | None = None) -> str:
    """The variation icon in words: "Special cause variation: concern (higher values)"."""
    if variation is None:
        return DASH
    words = _VARIATION.get(variation, (variation, "grey"))[0]
    return words + (_HIGHER_LOWER.get(direction or "", "") if variation != "common_cause" else "")


def spc_variation_icon(variation: str | None, direction: str | None = None) -> tuple[str, str]:
    """(letter, colour) of the variation icon: ("H", "#ed8b00"); "~" for common cause."""
    if variation is None:
        return "", SPC_COLOURS["grey"]
    colour = SPC_COLOURS[_VARIATION.get(variation, ("", "grey"))[1]]
    if variation == "common_cause":
        return "~", colour
    return {"up": "H", "down": "L"}.get(direction or "", "?"), colour


def spc_assurance(assurance: str | None) -> str:
    """The assurance icon in words; "no standard" when the measure has none."""
    return "no standard" if assurance is None else _ASSURANCE.get(assurance, (assurance,))[0]


def spc_assurance_icon(assurance: str | None) -> tuple[str, str]:
    """(letter, colour) of the assurance icon: ("P", "#005eb8"); ("", grey) without a standard."""
    if assurance is None or assurance not in _ASSURANCE:
        return "", SPC_COLOURS["grey"]
    _, letter, colour = _ASSURANCE[assurance]
    return letter, SPC_COLOURS[colour]


LOCAL_ZONE = "Europe/London"  # the board's clock: timestamps are stored in UTC, shown local


def local_time(moment) -> str:
    """A stored timestamp (UTC; naive means UTC) as the board reads it: 02 Dec 2026 05:54 GMT."""
    if moment is None:
        return DASH
    from datetime import UTC
    from zoneinfo import ZoneInfo

    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(ZoneInfo(LOCAL_ZONE)).strftime("%d %b %Y %H:%M %Z")


def local_date(moment) -> str:
    """The local (Europe/London) date of a stored timestamp: 2 December 2026."""
    if moment is None:
        return DASH
    from datetime import UTC
    from zoneinfo import ZoneInfo

    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    local = moment.astimezone(ZoneInfo(LOCAL_ZONE))
    return f"{local.day} {local:%B %Y}"
