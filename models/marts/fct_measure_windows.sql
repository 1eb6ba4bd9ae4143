-- Every measure, area and window length (3 and 12 months) for every month-end whose whole window
-- is inside the source's coverage, with the same window a year earlier and the baseline window.
with

measures as (

    select * from {{ ref('dim_measures') }}

),

monthly as (

    select * from {{ ref('fct_measure_monthly') }}

),

window_lengths as (

    select unnest({{ var('window_lengths') }}) as window_months

),

window_sums as (

    select
        ends.measure_id,
        ends.area_code,
        window_lengths.window_months,
        ends.month_start as period_end,
        count(*) as months_covered,
        sum(months.numerator) as numerator_sum,
        sum(months.denominator) as denominator_sum,
        arg_max(months.numerator, months.month_start) as last_numerator,
        sum(months.recorded_crimes) as recorded_crimes,
        sum(months.solved_crimes) as solved_crimes
    from monthly as ends
    cross join window_lengths
    inner join monthly as months
        on
            ends.measure_id = months.measure_id
            and ends.area_code = months.area_code
            and months.month_start between {{ add_months('ends.month_start', '1 - window_lengths.window_months') }}
            and ends.month_start
    group by ends.measure_id, ends.area_code, window_lengths.window_months, ends.month_start

),

windows as (

    select
        window_sums.measure_id,
        window_sums.area_code,
        window_sums.window_months,
        {{ add_months('window_sums.period_end', '1 - window_sums.window_months') }} as period_start,
        window_sums.period_end,
        measures.kind,
        measures.value_multiplier,
        case
            when measures.window_aggregation = 'last' then window_sums.last_numerator
            else window_sums.numerator_sum
        end as numerator,
        window_sums.denominator_sum as denominator,
        window_sums.recorded_crimes,
        window_sums.solved_crimes
    from window_sums
    inner join measures on window_sums.measure_id = measures.measure_id
    -- Complete windows only: every month of the window is covered by the source.
    where window_sums.months_covered = window_sums.window_months

),

compared as (

    select
        cur.*,
        {{ add_months('cur.period_start', -12) }} as previous_period_start,
        {{ add_months('cur.period_end', -12) }} as previous_period_end,
        prev.numerator as previous_numerator,
        prev.denominator as previous_denominator,
        prev.recorded_crimes as previous_recorded_crimes,
        prev.solved_crimes as previous_solved_crimes,
        {{ add_months(baseline_window_end(
            'cur.period_end', 'cur.window_months', month_from_text("'" ~ var('baseline_end') ~ "'")
        ), '1 - cur.window_months') }} as baseline_start,
        {{ baseline_window_end(
            'cur.period_end', 'cur.window_months', month_from_text("'" ~ var('baseline_end') ~ "'")
        ) }} as baseline_end,
        base.numerator as baseline_numerator,
        base.denominator as baseline_denominator
    from windows as cur
    left join windows as prev
        on
            cur.measure_id = prev.measure_id
            and cur.area_code = prev.area_code
            and cur.window_months = prev.window_months
            and prev.period_end = {{ add_months('cur.period_end', -12) }}
    left join windows as base
        on
            cur.measure_id = base.measure_id
            and cur.area_code = base.area_code
            and cur.window_months = base.window_months
            and base.period_end = {{ baseline_window_end(
                'cur.period_end', 'cur.window_months', month_from_text("'" ~ var('baseline_end') ~ "'")
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
