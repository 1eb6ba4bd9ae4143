{{
    config(
        materialized='incremental',
        incremental_strategy='append',
        on_schema_change='fail',
        pre_hook="{{ delete_stale_rows(period_end_is_stale('period_end', baseline_compared=true)) }}"
    )
}}
-- depends_on: {{ source('landing', 'changed_months') }}
-- Every measure, area and window length (3 and 12 months) for every month-end whose whole window
-- is inside the source's coverage, with the same window a year earlier and the baseline window.
-- Incremental by period end (macros/incremental.sql): a refresh rebuilds the windows a changed
-- month reaches, from the months they and their comparison windows hold.
with

measures as (

    select * from {{ ref('dim_measures') }}

),

monthly as (

    select * from {{ ref('fct_measure_monthly') }}
    {% if is_incremental() %}
        where {{ window_input_is_needed('month_start') }}
    {% endif %}

),

window_sums as (

    {{ complete_windows(
        'monthly', ['measure_id', 'area_code'], 'month_start', 1,
        ['numerator', 'denominator', 'recorded_crimes', 'solved_crimes'],
        extra=['arg_max(periods.numerator, periods.month_start) as last_numerator']
    ) }}

),

windows as (

    select
        window_sums.measure_id,
        window_sums.area_code,
        window_sums.window_months,
        window_sums.period_start,
        window_sums.period_end,
        measures.kind,
        measures.value_multiplier,
        case
            when measures.window_aggregation = 'last' then window_sums.last_numerator
            else window_sums.numerator
        end as numerator,
        window_sums.denominator,
        window_sums.recorded_crimes,
        window_sums.solved_crimes
    from window_sums
    inner join measures on window_sums.measure_id = measures.measure_id

),

compared as (

    {{ compared_windows(
        'windows', ['measure_id', 'area_code'],
        ['numerator', 'denominator', 'recorded_crimes', 'solved_crimes']
    ) }}

)

select
    measure_id,
    area_code,
    cast(window_months as integer) as window_months,
    period_start,
    period_end,
    cast(numerator as bigint) as numerator,
    cast(denominator as bigint) as denominator,
    {{ exact_division(
        value_numerator('kind', 'value_multiplier', 'numerator'),
        value_denominator('kind', 'denominator')
    ) }} as value,  -- noqa: RF04
    previous_period_start,
    previous_period_end,
    cast(previous_numerator as bigint) as previous_numerator,
    cast(previous_denominator as bigint) as previous_denominator,
    {{ exact_division(
        value_numerator('kind', 'value_multiplier', 'previous_numerator'),
        value_denominator('kind', 'previous_denominator')
    ) }} as previous_value,
    {{ exact_division(
        change_numerator('kind', 'value_multiplier', 'numerator', 'denominator', 'previous_numerator', 'previous_denominator'),
        change_denominator('kind', 'denominator', 'previous_denominator')
    ) }} as change,  -- noqa: RF04
    {{ exact_division(
        pct_change_numerator('kind', 'numerator', 'denominator', 'previous_numerator', 'previous_denominator'),
        pct_change_denominator('kind', 'denominator', 'previous_numerator')
    ) }} as pct_change,
    baseline_start,
    baseline_end,
    cast(baseline_numerator as bigint) as baseline_numerator,
    cast(baseline_denominator as bigint) as baseline_denominator,
    {{ exact_division(
        value_numerator('kind', 'value_multiplier', 'baseline_numerator'),
        value_denominator('kind', 'baseline_denominator')
    ) }} as baseline_value,
    {{ exact_division(
        change_numerator('kind', 'value_multiplier', 'numerator', 'denominator', 'baseline_numerator', 'baseline_denominator'),
        change_denominator('kind', 'denominator', 'baseline_denominator')
    ) }} as change_vs_baseline,
    {{ exact_division(
        pct_change_numerator('kind', 'numerator', 'denominator', 'baseline_numerator', 'baseline_denominator'),
        pct_change_denominator('kind', 'denominator', 'baseline_numerator')
    ) }} as pct_change_vs_baseline,
    cast(recorded_crimes as bigint) as recorded_crimes,
    cast(solved_crimes as bigint) as solved_crimes,
    {{ exact_division('solved_crimes * 100', 'recorded_crimes') }} as solved_rate,
    cast(previous_recorded_crimes as bigint) as previous_recorded_crimes,
    cast(previous_solved_crimes as bigint) as previous_solved_crimes,
    {{ exact_division('previous_solved_crimes * 100', 'previous_recorded_crimes') }} as previous_solved_rate
from compared
{% if is_incremental() %}
    where {{ period_end_is_stale('period_end', baseline_compared=true) }}
{% endif %}
