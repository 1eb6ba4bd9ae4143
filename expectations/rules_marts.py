"""Mart suites: what the newly built warehouse must show before it is published.

Where each rule lives (one rule, one place):
- dbt data tests keep the model's structure: primary keys, not-null and accepted values of
  categories, relationships, window = sum of months, force = sum of districts.
- These GX suites hold the rules on the published numbers: counts never negative,
  percentages within 0-100, composite measures equal to the sum of their components, the
  published-figures reconciliation without an unexpected mismatch, and each source's
  freshness. Every mart has a suite; each frame is read through a short-lived read-only
  connection (see gx_runner.read_frames).
"""

from __future__ import annotations

from datetime import date

from expectations import settings
from expectations.specs import Rule, Suite
from ingest.contracts import CONTRACTS


def _not_negative(column: str, what: str) -> Rule:
    return Rule(
        "ExpectColumnValuesToBeBetween",
        {"column": column, "min_value": 0},
        "critical",
        "non-negative",
        f"{what} is never negative",
    )


def _percentage(column: str, what: str) -> Rule:
    return Rule(
        "ExpectColumnValuesToBeBetween",
        {"column": column, "min_value": 0, "max_value": 100},
        "critical",
        "percentage range",
        f"{what} is between 0 and 100",
    )


def _not_above(smaller: str, larger: str, what: str) -> Rule:
    return Rule(
        "ExpectColumnPairValuesAToBeGreaterThanB",
        {
            "column_A": larger,
            "column_B": smaller,
            "or_equal": True,
            "ignore_row_if": "either_value_is_missing",
        },
        "critical",
        "consistency",
        what,
    )


def _equal(column_a: str, column_b: str, what: str) -> Rule:
    return Rule(
        "ExpectColumnPairValuesToBeEqual",
        {"column_A": column_a, "column_B": column_b, "ignore_row_if": "either_value_is_missing"},
        "critical",
        "components sum",
        what,
    )


# Percent-unit measures get their value in a column of its own, so the 0-100 rule applies to
# them only (other measures are counts, seconds or months).
_MEASURE_FRAME = """
    select
        facts.measure_id, facts.area_code, strftime(facts.month_start, '%Y-%m') as month,
        facts.numerator, facts.denominator, facts.solved_rate,
        case when measures.unit = 'percent' then facts.value end as percent_value
    from marts.fct_measure_monthly as facts
    inner join marts.dim_measures as measures using (measure_id)
"""

_WINDOW_FRAME = """
    select
        facts.measure_id, facts.area_code, facts.window_months,
        strftime(facts.period_end, '%Y-%m') as period_end,
        facts.numerator, facts.previous_numerator, facts.baseline_numerator, facts.solved_rate,
        case when measures.unit = 'percent' then facts.value end as percent_value,
        case when measures.unit = 'percent' then facts.previous_value end as percent_previous,
        case when measures.unit = 'percent' then facts.baseline_value end as percent_baseline
    from marts.fct_measure_windows as facts
    inner join marts.dim_measures as measures using (measure_id)
"""

# A composite measure (neighbourhood crime) against the sum of its components, per window.
_COMPOSITE_FRAME = """
    with
    components as (
        select measure_id, unnest(string_split(components, '|')) as component_id
        from marts.dim_measures
        where components is not null
    ),
    sums as (
        select
            components.measure_id, windows.area_code, windows.window_months, windows.period_end,
            count(*) as components_present,
            sum(windows.numerator) as components_numerator,
            sum(windows.previous_numerator) as components_previous,
            sum(windows.baseline_numerator) as components_baseline
        from components
        inner join marts.fct_measure_windows as windows
            on components.component_id = windows.measure_id
        group by all
    )
    select
        sums.measure_id, sums.area_code, sums.window_months,
        strftime(sums.period_end, '%Y-%m') as period_end,
        windows.numerator, sums.components_numerator,
        windows.previous_numerator, sums.components_previous,
        windows.baseline_numerator, sums.components_baseline
    from sums
    inner join marts.fct_measure_windows as windows using (measure_id, area_code, window_months, period_end)
"""


def freshness_sql(today: date) -> str:
    """Each source's latest month against its expected lag as at `today`: the frame the
    freshness check validates and, stored with the results (mart_gate.store_results), the table
    marts.dq_source_freshness the explorer's Data quality page reads, so the two cannot disagree."""
    rows = ", ".join(f"('{source}', {settings.expected_lag(source)})" for source in CONTRACTS)
    this_month = today.replace(day=1).isoformat()
    return f"""
        with
        lags (source, expected_lag_months) as (values {rows}),
        latest as (
            select source, max(month) as latest_month from landing.month_owner group by source
        ),
        aged as (
            select
                lags.source,
                latest.latest_month,
                lags.expected_lag_months,
                datediff('month', latest.latest_month, date '{this_month}') - 1 as months_since,
                datediff('month', latest.latest_month, date '{this_month}') - 1
                    - lags.expected_lag_months as months_overdue
            from lags
            left join latest using (source)
        )
        select
            source,
            strftime(latest_month, '%Y-%m') as latest_month,
            expected_lag_months,
            months_since,
            months_overdue,
            case
                when latest_month is null then 'no data loaded'
                when months_overdue > 0 then
                    'overdue by ' || months_overdue || ' month' || case when months_overdue > 1 then 's' else '' end
                else 'up to date'
            end as status,
            coalesce(months_overdue > 0, true) as is_overdue
        from aged
        order by source
    """


def mart_suites(today: date | None = None) -> list[Suite]:
    """Every mart's suite, plus the freshness of the sources behind them."""
    today = today or date.today()
    return [
        Suite(
            "mart_fct_measure_monthly",
            "marts.fct_measure_monthly",
            (
                _not_negative("numerator", "a measure's monthly count or numerator"),
                _not_negative("denominator", "a ratio's monthly denominator"),
                _percentage("percent_value", "a percentage measure's monthly value"),
                _percentage("solved_rate", "the monthly solved rate"),
            ),
            _MEASURE_FRAME,
            ("measure_id", "area_code", "month"),
        ),
        Suite(
            "mart_fct_measure_windows",
            "marts.fct_measure_windows",
            (
                _not_negative("numerator", "a measure's count or numerator over the window"),
                _not_negative("previous_numerator", "the previous year's count"),
                _not_negative("baseline_numerator", "the baseline's count"),
                _percentage("percent_value", "a percentage measure's value"),
                _percentage("percent_previous", "a percentage measure's previous-year value"),
                _percentage("percent_baseline", "a percentage measure's baseline value"),
                _percentage("solved_rate", "the solved rate over the window"),
            ),
            _WINDOW_FRAME,
            ("measure_id", "area_code", "window_months", "period_end"),
        ),
        Suite(
            "mart_composite_measures",
            "marts.fct_measure_windows (composite measures)",
            (
                _equal(
                    "numerator",
                    "components_numerator",
                    "a composite equals the sum of its components",
                ),
                _equal(
                    "previous_numerator", "components_previous", "the same for the previous year"
                ),
                _equal("baseline_numerator", "components_baseline", "the same for the baseline"),
            ),
            _COMPOSITE_FRAME,
            ("measure_id", "area_code", "window_months", "period_end"),
        ),
        Suite(
            "mart_fct_reconciliation",
            "marts.fct_reconciliation",
            (
                Rule(
                    "ExpectColumnValuesToBeInSet",
                    {
                        "column": "status",
                        "value_set": [
                            "match",
                            "known exception",
                            "bound met",
                            "not reconciled",
                            "not covered",
                            "revised since publication",
                        ],
                    },
                    "critical",
                    "reconciliation",
                    "every published Kent figure is reproduced (or a listed exception)",
                ),
                # Data revised since a figure was published move it: a normal revision, which a
                # person should see (Data quality page, pack notes) but which blocks nothing.
                Rule(
                    "ExpectColumnValuesToNotBeInSet",
                    {"column": "status", "value_set": ["revised since publication"]},
                    "warning",
                    "revision",
                    "no published Kent figure has moved because its data were revised since",
                ),
                # A partial history or months not loaded yet: worth knowing, no reason to block.
                Rule(
                    "ExpectColumnValuesToNotBeInSet",
                    {"column": "status", "value_set": ["not covered"]},
                    "warning",
                    "reconciliation",
                    "every published Kent figure falls inside the months the warehouse holds",
                ),
            ),
            "select figure_id, measure_id, period, status, published_value, computed_value, "
            "difference, revised_by_load_id from marts.fct_reconciliation",
            (
                "figure_id",
                "status",
                "published_value",
                "computed_value",
                "difference",
                "revised_by_load_id",
            ),
        ),
        Suite(
            "mart_fct_crime_monthly",
            "marts.fct_crime_monthly",
            (
                _not_negative("crimes", "crimes recorded"),
                _not_above("solved_crimes", "crimes", "solved crimes never exceed crimes recorded"),
                _not_above("open_crimes", "crimes", "open crimes never exceed crimes recorded"),
            ),
            "select strftime(month_start, '%Y-%m') as month, district_code, offence_code, "
            "crimes, solved_crimes, open_crimes from marts.fct_crime_monthly",
            ("month", "district_code", "offence_code"),
        ),
        Suite(
            "mart_fct_calls_monthly",
            "marts.fct_calls_monthly",
            (
                _not_negative("calls_offered", "contacts offered"),
                _percentage("pct_answered", "% answered"),
                _percentage("pct_answered_within_10s", "% answered within 10 seconds"),
                _percentage("pct_abandoned", "% abandoned"),
                Rule(
                    "ExpectColumnValuesToBeBetween",
                    {"column": "days_reported", "min_value": 1, "max_value": 31},
                    "critical",
                    "consistency",
                    "a month reports between 1 and 31 days",
                ),
            ),
            "select strftime(month_start, '%Y-%m') as month, * exclude (month_start) "
            "from marts.fct_calls_monthly",
            ("month", "channel"),
        ),
        Suite(
            "mart_fct_s136_monthly",
            "marts.fct_s136_monthly",
            (_not_negative("detentions", "detentions"),),
            "select strftime(month_start, '%Y-%m') as month, district_code, detentions "
            "from marts.fct_s136_monthly",
            ("month", "district_code"),
        ),
        Suite(
            "mart_fct_victim_services_monthly",
            "marts.fct_victim_services_monthly",
            (
                _not_negative("referrals_received", "referrals received"),
                _not_negative("contacted", "victims contacted"),
                _not_negative("supported", "victims supported"),
            ),
            "select strftime(month_start, '%Y-%m') as month, service, provider, crime_category, "
            "referrals_received, contacted, supported from marts.fct_victim_services_monthly",
            ("month", "service", "crime_category"),
        ),
        Suite(
            "mart_fct_satisfaction_monthly",
            "marts.fct_satisfaction_monthly",
            (
                _not_negative("respondents", "survey respondents"),
                _percentage("pct_satisfied", "% satisfied"),
            ),
            "select strftime(month_start, '%Y-%m') as month, survey, question, respondents, "
            "pct_satisfied from marts.fct_satisfaction_monthly",
            ("month", "survey", "question"),
        ),
        Suite(
            "mart_dim_measures",
            "marts.dim_measures",
            (
                Rule(
                    "ExpectColumnValuesToBeBetween",
                    {"column": "force_windows", "min_value": 1},
                    "warning",
                    "completeness",
                    "every defined measure has force-level figures (its source is loaded)",
                ),
            ),
            """
            select measures.measure_id, count(windows.measure_id) as force_windows
            from marts.dim_measures as measures
            left join marts.fct_measure_windows as windows
                on measures.measure_id = windows.measure_id and windows.area_code = 'E23000032'
            group by all
            """,
            ("measure_id",),
        ),
        Suite(
            "mart_dim_areas",
            "marts.dim_areas",
            (
                Rule(
                    "ExpectColumnValuesToBeBetween",
                    {"column": "population_2011_census", "min_value": 1},
                    "critical",
                    "completeness",
                    "every area has a population, so rates per 1,000 residents exist",
                ),
            ),
            "select area_code, area_name, population_2011_census from marts.dim_areas",
            ("area_code", "area_name"),
        ),
        *_public_suites(),
        *_trend_suites(),
        Suite(
            "sources_freshness",
            "landing.month_owner (latest month per source)",
            (
                Rule(
                    "ExpectColumnValuesToBeBetween",
                    {"column": "months_overdue", "max_value": 0},
                    "warning",
                    "freshness",
                    "each source's latest month is within its expected lag of today",
                ),
            ),
            freshness_sql(today),
            ("source", "latest_month", "expected_lag_months", "months_since"),
        ),
    ]


def _public_suites() -> list[Suite]:
    """The Home Office open data and police.uk marts (empty until public data is loaded)."""
    return [
        Suite(
            "mart_fct_force_measure_quarterly",
            "marts.fct_force_measure_quarterly",
            (_not_negative("offences", "a force's quarterly offences"),),
            "select measure_id, force_name, strftime(quarter_end, '%Y-%m') as quarter_end, "
            "offences from marts.fct_force_measure_quarterly",
            ("measure_id", "force_name", "quarter_end"),
        ),
        Suite(
            "mart_fct_force_measure_windows",
            "marts.fct_force_measure_windows",
            (
                _not_negative("offences", "a force's offences over the window"),
                _not_negative("previous_offences", "the previous year's offences"),
                _not_negative("baseline_offences", "the baseline's offences"),
            ),
            "select measure_id, force_name, window_months, strftime(period_end, '%Y-%m') "
            "as period_end, offences, previous_offences, baseline_offences "
            "from marts.fct_force_measure_windows",
            ("measure_id", "force_name", "window_months", "period_end"),
        ),
        Suite(
            "mart_fct_force_comparison",
            "marts.fct_force_comparison",
            (
                _not_above(
                    "rank_vs_previous_year",
                    "forces_ranked_vs_previous_year",
                    "a rank is within the number of forces ranked",
                ),
                _not_above(
                    "rank_vs_baseline",
                    "forces_ranked_vs_baseline",
                    "a rank against the baseline is within the number of forces ranked",
                ),
            ),
            "select measure_id, force_name, strftime(period_end, '%Y-%m') as period_end, "
            "rank_vs_previous_year, forces_ranked_vs_previous_year, rank_vs_baseline, "
            "forces_ranked_vs_baseline from marts.fct_force_comparison",
            ("measure_id", "force_name", "period_end"),
        ),
        Suite(
            "mart_dim_forces",
            "marts.dim_forces",
            (
                Rule(
                    "ExpectColumnValuesToBeBetween",
                    {"column": "population", "min_value": 1},
                    "critical",
                    "completeness",
                    "a force population, where given, is positive",
                ),
            ),
            "select force_name, population from marts.dim_forces",
            ("force_name",),
        ),
        Suite(
            "mart_fct_street_crime_monthly",
            "marts.fct_street_crime_monthly",
            (_not_negative("crimes", "street-level crimes"),),
            "select strftime(month, '%Y-%m') as month, force_name, lsoa_code, crime_type, crimes "
            "from marts.fct_street_crime_monthly",
            ("month", "force_name", "lsoa_code", "crime_type"),
        ),
        Suite(
            "mart_fct_street_outcomes_monthly",
            "marts.fct_street_outcomes_monthly",
            (_not_negative("outcomes", "street-level outcomes"),),
            "select strftime(month, '%Y-%m') as month, force_name, lsoa_code, outcome_type, "
            "outcomes from marts.fct_street_outcomes_monthly",
            ("month", "force_name", "lsoa_code", "outcome_type"),
        ),
    ]


def _ordered(low: str, high: str, what: str) -> Rule:
    rule = _not_above(low, high, what)
    return Rule(rule.expectation, rule.kwargs, rule.severity, "consistency", what)


def _trend_suites() -> list[Suite]:
    """Statistical process control, significance, targets and projections."""
    return [
        Suite(
            "mart_fct_spc_monthly",
            "marts.fct_spc_monthly",
            (
                _ordered(
                    "lower_limit", "centre", "the lower control limit is not above the centre"
                ),
                _ordered("centre", "upper_limit", "the centre is not above the upper limit"),
                _not_negative("lower_limit", "a control limit of a count"),
            ),
            "select measure_id, area_code, strftime(month_start, '%Y-%m') as month, "
            "lower_limit, centre, upper_limit from marts.fct_spc_monthly",
            ("measure_id", "area_code", "month"),
        ),
        Suite(
            "mart_fct_spc_signals",
            "marts.fct_spc_signals",
            (_not_negative("latest_value", "the latest value behind a signal"),),
            "select measure_id, area_code, signal_type, latest_value from marts.fct_spc_signals",
            ("measure_id", "area_code", "signal_type"),
        ),
        Suite(
            "mart_fct_measure_change_significance",
            "marts.fct_measure_change_significance",
            (
                _ordered(
                    "pct_change_lower",
                    "pct_change",
                    "the change lies within its confidence interval (lower end)",
                ),
                _ordered(
                    "pct_change",
                    "pct_change_upper",
                    "the change lies within its confidence interval (upper end)",
                ),
            ),
            "select measure_id, area_code, window_months, strftime(period_end, '%Y-%m') "
            "as period_end, pct_change_lower, pct_change, pct_change_upper "
            "from marts.fct_measure_change_significance",
            ("measure_id", "area_code", "window_months", "period_end"),
        ),
        Suite(
            "mart_fct_target_trajectory",
            "marts.fct_target_trajectory",
            (
                _not_negative("path_value", "a point of the glide path"),
                _not_negative("target_value", "a target"),
            ),
            "select target_id, strftime(period_end, '%Y-%m') as period_end, path_value, "
            "target_value from marts.fct_target_trajectory",
            ("target_id", "period_end"),
        ),
        Suite(
            "mart_fct_measure_projection",
            "marts.fct_measure_projection",
            (
                _ordered("lower_95", "projected_value", "the projection is inside its interval"),
                _ordered("projected_value", "upper_95", "the projection is inside its interval"),
            ),
            "select measure_id, area_code, strftime(month_start, '%Y-%m') as month, lower_95, "
            "projected_value, upper_95 from marts.fct_measure_projection",
            ("measure_id", "area_code", "month"),
        ),
    ]
