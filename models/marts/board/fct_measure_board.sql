-- noqa: disable=RF04
-- The board: every number and word an output shows for a measure, area, window and baseline
-- choice, computed once. `pcc measures`, the explorer and the pack select rows of this model
-- and format them (pcc.present); none of them computes a figure, a verdict or a suppression.
{% set group = 'source, measure_id, window_months, period_end, baseline_end' %}

with

measures as (

    select * from {{ ref('dim_measures') }}

),

priorities as (

    select * from {{ ref('board_priorities') }}

),

-- Board order: National measures first, then the Plan by priority (board_priorities), each by
-- the seed's display_order.
ordered_measures as (

    select
        measures.*,
        case
            when measures.framework = 'National Crime and Policing Measures' then measures.framework
            else 'Police and Crime Plan: ' || measures.priority
        end as board_section,
        cast(row_number() over (
            order by
                measures.framework <> 'National Crime and Policing Measures',
                case
                    when measures.framework <> 'National Crime and Policing Measures'
                        then coalesce(priorities.priority_order, 99)
                end,
                measures.display_order,
                measures.measure_id
        ) as integer) as board_order
    from measures
    left join priorities on measures.priority = priorities.priority

),

windows as (

    select * from {{ ref('int_board__windows') }}

),

baseline_choices as (

    select
        {{ month_from_text('choice') }} as baseline_end,
        choice = '{{ var("baseline_end") }}' as is_default_baseline
    from unnest({{ var('baseline_choices') }}) as choices (choice)

),

framed as (

    select
        windows.*,
        baseline_choices.baseline_end as chosen_baseline_end,
        baseline_choices.is_default_baseline,
        {{ baseline_window_end('windows.period_end', 'windows.window_months', 'baseline_choices.baseline_end') }}
            as baseline_window_end
    from windows
    cross join baseline_choices

),

joined as (

    select
        framed.measure_id,
        framed.area_code,
        framed.window_months,
        framed.period_start,
        framed.period_end,
        framed.chosen_baseline_end as baseline_end,
        framed.is_default_baseline,
        framed.previous_period_start,
        framed.previous_period_end,
        {{ add_months('framed.baseline_window_end', '1 - framed.window_months') }} as baseline_period_start,
        framed.baseline_window_end as baseline_period_end,
        framed.numerator as n1,
        framed.denominator as d1,
        framed.previous_numerator as n0,
        framed.previous_denominator as d0,
        base.numerator as nb,
        base.denominator as db,
        framed.recorded_crimes,
        framed.solved_crimes,
        framed.previous_recorded_crimes,
        framed.previous_solved_crimes,
        measures.measure_name,
        measures.framework,
        measures.priority,
        measures.kind,
        measures.unit,
        measures.polarity,
        measures.definition,
        measures.value_multiplier as m,
        measures.significance_test,
        measures.has_solved_rate,
        measures.is_about_people,
        measures.board_section,
        measures.board_order,
        framed.area_name,
        framed.area_type,
        framed.source,
        case when measures.kind = 'ratio' then 1 else 0 end as value_decimals
    from framed
    inner join ordered_measures as measures on framed.measure_id = measures.measure_id
    left join windows as base
        on
            framed.measure_id = base.measure_id
            and framed.source = base.source
            and framed.area_code = base.area_code
            and framed.window_months = base.window_months
            and framed.baseline_window_end = base.period_end

),

tested as (

    select
        *,
        case significance_test
            when 'poisson' then {{ poisson_change_is_significant('n1', 'n0') }}
            when 'two proportions' then {{ proportion_change_is_significant('n1', 'd1', 'n0', 'd0') }}
        end as previous_is_significant,
        case significance_test
            when 'poisson' then {{ poisson_change_is_significant('n1', 'nb') }}
            when 'two proportions' then {{ proportion_change_is_significant('n1', 'd1', 'nb', 'db') }}
        end as baseline_is_significant,
        {{ proportion_change_is_significant(
            'solved_crimes', 'recorded_crimes', 'previous_solved_crimes', 'previous_recorded_crimes'
        ) }} as solved_is_significant,
        -- Disclosure, primary: a person-level count of 1-4 (macros/disclosure.sql).
        is_about_people and kind = 'count' and {{ is_small_count('n1') }} as value_primary,
        is_about_people and kind = 'count' and {{ is_small_count('n0') }} as previous_primary,
        is_about_people and kind = 'count' and {{ is_small_count('nb') }} as baseline_primary
    from joined

),

secondary as (

    -- Secondary: the districts of a measure and window add up to the force total, so a lone
    -- withheld district could be recovered by subtraction; the smallest other district count
    -- is withheld with it (macros/disclosure.sql). Only counts about people take part.
    select
        *,
        {{ withheld('value_primary', 'n1', group, "area_type = 'district'", 'area_code') }}
            as value_suppressed,
        {{ withheld('previous_primary', 'n0', group, "area_type = 'district'", 'area_code') }}
            as previous_value_suppressed,
        {{ withheld('baseline_primary', 'nb', group, "area_type = 'district'", 'area_code') }}
            as baseline_value_suppressed
    from tested
    where is_about_people and kind = 'count'

    union all

    select
        *,
        false as value_suppressed,
        false as previous_value_suppressed,
        false as baseline_value_suppressed
    from tested
    where not (is_about_people and kind = 'count')

),

figures as (

    select
        *,
        {{ exact_division(value_numerator('kind', 'm', 'n1'), value_denominator('kind', 'd1')) }} as value,
        {{ exact_division(value_numerator('kind', 'm', 'n0'), value_denominator('kind', 'd0')) }} as previous_value,
        {{ exact_division(value_numerator('kind', 'm', 'nb'), value_denominator('kind', 'db')) }} as baseline_value,
        {{ exact_division(
            change_numerator('kind', 'm', 'n1', 'd1', 'n0', 'd0'), change_denominator('kind', 'd1', 'd0')
        ) }} as change,
        {{ exact_division(
            change_numerator('kind', 'm', 'n1', 'd1', 'nb', 'db'), change_denominator('kind', 'd1', 'db')
        ) }} as change_vs_baseline,
        {{ significance_word('significance_test', 'previous_is_significant') }} as significance_vs_previous,
        {{ significance_word('significance_test', 'baseline_is_significant') }} as significance_vs_baseline,
        {{ exact_division(
            change_numerator("'ratio'", 100, 'solved_crimes', 'recorded_crimes', 'previous_solved_crimes', 'previous_recorded_crimes'),
            change_denominator("'ratio'", 'recorded_crimes', 'previous_recorded_crimes')
        ) }} as solved_rate_change,
        {{ significance_word("'two proportions'", 'solved_is_significant') }} as solved_rate_significance
    from secondary

)

select
    measure_id,
    area_code,
    cast(window_months as integer) as window_months,
    period_start,
    period_end,
    baseline_end,
    is_default_baseline,
    measure_name,
    framework,
    priority,
    board_section,
    board_order,
    definition,
    kind,
    unit,
    polarity,
    significance_test,
    area_name,
    area_type,
    source,
    previous_period_start,
    previous_period_end,
    baseline_period_start,
    baseline_period_end,
    cast(n1 as bigint) as numerator,
    cast(d1 as bigint) as denominator,
    cast(n0 as bigint) as previous_numerator,
    cast(d0 as bigint) as previous_denominator,
    cast(nb as bigint) as baseline_numerator,
    cast(db as bigint) as baseline_denominator,
    value,
    previous_value,
    change,
    {{ exact_division(
        pct_change_numerator('kind', 'n1', 'd1', 'n0', 'd0'), pct_change_denominator('kind', 'd1', 'n0')
    ) }} as pct_change,
    baseline_value,
    change_vs_baseline,
    {{ exact_division(
        pct_change_numerator('kind', 'n1', 'd1', 'nb', 'db'), pct_change_denominator('kind', 'd1', 'nb')
    ) }} as pct_change_vs_baseline,
    value_decimals,
    {{ shown(value_numerator('kind', 'm', 'n1'), value_denominator('kind', 'd1'), 'value_decimals') }}
        as value_rounded,
    {{ shown(value_numerator('kind', 'm', 'n0'), value_denominator('kind', 'd0'), 'value_decimals') }}
        as previous_value_rounded,
    {{ shown(
        change_numerator('kind', 'm', 'n1', 'd1', 'n0', 'd0'), change_denominator('kind', 'd1', 'd0'),
        'value_decimals'
    ) }} as change_rounded,
    {{ shown(pct_change_numerator('kind', 'n1', 'd1', 'n0', 'd0'), pct_change_denominator('kind', 'd1', 'n0'), 1) }}
        as pct_change_rounded,
    {{ shown(value_numerator('kind', 'm', 'nb'), value_denominator('kind', 'db'), 'value_decimals') }}
        as baseline_value_rounded,
    {{ shown(
        change_numerator('kind', 'm', 'n1', 'd1', 'nb', 'db'), change_denominator('kind', 'd1', 'db'),
        'value_decimals'
    ) }} as change_vs_baseline_rounded,
    {{ shown(pct_change_numerator('kind', 'n1', 'd1', 'nb', 'db'), pct_change_denominator('kind', 'd1', 'nb'), 1) }}
        as pct_change_vs_baseline_rounded,
    significance_vs_previous,
    {{ verdict('polarity', 'change', 'significance_vs_previous') }} as verdict_vs_previous,
    significance_vs_baseline,
    {{ verdict('polarity', 'change_vs_baseline', 'significance_vs_baseline') }} as verdict_vs_baseline,
    cast(case when has_solved_rate then recorded_crimes end as bigint) as recorded_crimes,
    cast(case when has_solved_rate then solved_crimes end as bigint) as solved_crimes,
    case when has_solved_rate then {{ shown('solved_crimes * 100', 'recorded_crimes', 1) }} end
        as solved_rate_rounded,
    case when has_solved_rate then {{ shown('previous_solved_crimes * 100', 'previous_recorded_crimes', 1) }} end
        as previous_solved_rate_rounded,
    case when has_solved_rate then {{ shown(
        change_numerator(
            "'ratio'", 100, 'solved_crimes', 'recorded_crimes', 'previous_solved_crimes', 'previous_recorded_crimes'
        ),
        change_denominator("'ratio'", 'recorded_crimes', 'previous_recorded_crimes'),
        1
    ) }} end as solved_rate_change_rounded,
    case when has_solved_rate then solved_rate_significance end as solved_rate_significance,
    case
        when has_solved_rate then {{ verdict("'higher_is_better'", 'solved_rate_change', 'solved_rate_significance') }}
    end as solved_rate_verdict,
    is_about_people,
    value_suppressed,
    previous_value_suppressed,
    baseline_value_suppressed,
    value_suppressed or previous_value_suppressed as change_suppressed,
    value_suppressed or baseline_value_suppressed as change_vs_baseline_suppressed
from figures
