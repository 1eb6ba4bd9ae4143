{{
    config(
        materialized='incremental',
        incremental_strategy='append',
        on_schema_change='fail',
        pre_hook="{{ delete_stale_rows(board_row_is_stale('source', 'period_end')) }}"
    )
}}
-- depends_on: {{ source('landing', 'changed_months') }}
-- noqa: disable=RF04
-- The board: every number and word an output shows for a measure, area, window and baseline
-- choice, computed once. `pcc measures`, the explorer and the pack select rows of this model
-- and format them (pcc.present); none of them computes a figure, a verdict or a suppression.
-- Everything about the window itself (its value, the year-earlier comparison, the solved rate)
-- is computed once per window (`by_window`) and only the baseline comparison once per window and
-- baseline choice (`by_baseline`): a window's own figures are the same whichever baseline is chosen.
-- Incremental (macros/incremental.sql): a refresh replaces only the period ends a changed month
-- reaches; the baseline windows are looked up among all windows.
{% set window_group = 'source, measure_id, window_months, period_end' %}

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

joined as (

    select
        windows.measure_id,
        windows.area_code,
        windows.window_months,
        windows.period_start,
        windows.period_end,
        windows.previous_period_start,
        windows.previous_period_end,
        windows.numerator as n1,
        windows.denominator as d1,
        windows.previous_numerator as n0,
        windows.previous_denominator as d0,
        windows.recorded_crimes,
        windows.solved_crimes,
        windows.previous_recorded_crimes,
        windows.previous_solved_crimes,
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
        windows.area_name,
        windows.area_type,
        windows.source,
        case when measures.kind = 'ratio' then 1 else 0 end as value_decimals
    from windows
    inner join ordered_measures as measures on windows.measure_id = measures.measure_id
    {% if is_incremental() %}
        where {{ board_row_is_stale('windows.source', 'windows.period_end') }}
    {% endif %}

),

tested as (

    select
        *,
        case significance_test
            when 'poisson' then {{ poisson_change_is_significant('n1', 'n0') }}
            when 'two proportions' then {{ proportion_change_is_significant('n1', 'd1', 'n0', 'd0') }}
        end as previous_is_significant,
        {{ proportion_change_is_significant(
            'solved_crimes', 'recorded_crimes', 'previous_solved_crimes', 'previous_recorded_crimes'
        ) }} as solved_is_significant,
        -- Disclosure, primary: a person-level count of 1-4 (macros/disclosure.sql).
        is_about_people and kind = 'count' and {{ is_small_count('n1') }} as value_primary,
        is_about_people and kind = 'count' and {{ is_small_count('n0') }} as previous_primary
    from joined

),

secondary as (

    -- Secondary: the districts of a measure and window add up to the force total, so a lone
    -- withheld district could be recovered by subtraction; the smallest other district count
    -- is withheld with it (macros/disclosure.sql). Only counts about people take part.
    select
        *,
        {{ withheld('value_primary', 'n1', window_group, "area_type = 'district'", 'area_code') }}
            as value_suppressed,
        {{ withheld('previous_primary', 'n0', window_group, "area_type = 'district'", 'area_code') }}
            as previous_value_suppressed
    from tested
    where is_about_people and kind = 'count'

    union all

    select
        *,
        false as value_suppressed,
        false as previous_value_suppressed
    from tested
    where not (is_about_people and kind = 'count')

),

figures as (

    select
        *,
        {{ exact_division(value_numerator('kind', 'm', 'n1'), value_denominator('kind', 'd1')) }} as value,
        {{ exact_division(value_numerator('kind', 'm', 'n0'), value_denominator('kind', 'd0')) }} as previous_value,
        {{ exact_division(
            change_numerator('kind', 'm', 'n1', 'd1', 'n0', 'd0'), change_denominator('kind', 'd1', 'd0')
        ) }} as change,
        {{ significance_word('significance_test', 'previous_is_significant') }} as significance_vs_previous,
        {{ exact_division(
            change_numerator("'ratio'", 100, 'solved_crimes', 'recorded_crimes', 'previous_solved_crimes', 'previous_recorded_crimes'),
            change_denominator("'ratio'", 'recorded_crimes', 'previous_recorded_crimes')
        ) }} as solved_rate_change,
        {{ significance_word("'two proportions'", 'solved_is_significant') }} as solved_rate_significance
    from secondary

),

-- One row per window: its own figures, rounded and judged.
by_window as (

    select
        measure_id,
        area_code,
        window_months,
        period_start,
        period_end,
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
        n1,
        d1,
        n0,
        d0,
        m,
        is_about_people,
        value,
        previous_value,
        change,
        {{ exact_division(
            pct_change_numerator('kind', 'n1', 'd1', 'n0', 'd0'), pct_change_denominator('kind', 'd1', 'n0')
        ) }} as pct_change,
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
        significance_vs_previous,
        {{ verdict('polarity', 'change', 'significance_vs_previous') }} as verdict_vs_previous,
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
            when has_solved_rate
                then {{ verdict("'higher_is_better'", 'solved_rate_change', 'solved_rate_significance') }}
        end as solved_rate_verdict,
        value_suppressed,
        previous_value_suppressed
    from figures

),

-- One row per window and baseline choice: the like-for-like baseline window and its comparison.
baselined as (

    select
        by_window.source,
        by_window.measure_id,
        by_window.area_code,
        by_window.area_type,
        by_window.window_months,
        by_window.period_end,
        by_window.kind,
        by_window.is_about_people,
        by_window.significance_test,
        by_window.n1,
        by_window.d1,
        by_window.m,
        by_window.value_decimals,
        baseline_choices.baseline_end,
        baseline_choices.is_default_baseline,
        {{ baseline_window_end('by_window.period_end', 'by_window.window_months', 'baseline_choices.baseline_end') }}
            as baseline_window_end
    from by_window
    cross join baseline_choices

),

baseline_tested as (

    select
        baselined.*,
        {{ add_months('baselined.baseline_window_end', '1 - baselined.window_months') }} as baseline_period_start,
        base.numerator as nb,
        base.denominator as db,
        case baselined.significance_test
            when 'poisson' then {{ poisson_change_is_significant('baselined.n1', 'base.numerator') }}
            when 'two proportions' then {{ proportion_change_is_significant(
                'baselined.n1', 'baselined.d1', 'base.numerator', 'base.denominator'
            ) }}
        end as baseline_is_significant,
        baselined.is_about_people and baselined.kind = 'count' and {{ is_small_count('base.numerator') }}
            as baseline_primary
    from baselined
    left join windows as base
        on
            baselined.measure_id = base.measure_id
            and baselined.source = base.source
            and baselined.area_code = base.area_code
            and baselined.window_months = base.window_months
            and baselined.baseline_window_end = base.period_end

),

baseline_secondary as (

    select
        *,
        {{ withheld(
            'baseline_primary', 'nb', window_group ~ ', baseline_end', "area_type = 'district'", 'area_code'
        ) }} as baseline_value_suppressed
    from baseline_tested
    where is_about_people and kind = 'count'

    union all

    select
        *,
        false as baseline_value_suppressed
    from baseline_tested
    where not (is_about_people and kind = 'count')

),

by_baseline as (

    select
        source,
        measure_id,
        area_code,
        window_months,
        period_end,
        baseline_end,
        is_default_baseline,
        baseline_period_start,
        baseline_window_end as baseline_period_end,
        nb,
        db,
        {{ exact_division(value_numerator('kind', 'm', 'nb'), value_denominator('kind', 'db')) }} as baseline_value,
        {{ exact_division(
            change_numerator('kind', 'm', 'n1', 'd1', 'nb', 'db'), change_denominator('kind', 'd1', 'db')
        ) }} as change_vs_baseline,
        {{ exact_division(
            pct_change_numerator('kind', 'n1', 'd1', 'nb', 'db'), pct_change_denominator('kind', 'd1', 'nb')
        ) }} as pct_change_vs_baseline,
        {{ shown(value_numerator('kind', 'm', 'nb'), value_denominator('kind', 'db'), 'value_decimals') }}
            as baseline_value_rounded,
        {{ shown(
            change_numerator('kind', 'm', 'n1', 'd1', 'nb', 'db'), change_denominator('kind', 'd1', 'db'),
            'value_decimals'
        ) }} as change_vs_baseline_rounded,
        {{ shown(pct_change_numerator('kind', 'n1', 'd1', 'nb', 'db'), pct_change_denominator('kind', 'd1', 'nb'), 1) }}
            as pct_change_vs_baseline_rounded,
        {{ significance_word('significance_test', 'baseline_is_significant') }} as significance_vs_baseline,
        baseline_value_suppressed
    from baseline_secondary

)

select
    by_window.measure_id,
    by_window.area_code,
    cast(by_window.window_months as integer) as window_months,
    by_window.period_start,
    by_window.period_end,
    by_baseline.baseline_end,
    by_baseline.is_default_baseline,
    by_window.measure_name,
    by_window.framework,
    by_window.priority,
    by_window.board_section,
    by_window.board_order,
    by_window.definition,
    by_window.kind,
    by_window.unit,
    by_window.polarity,
    by_window.significance_test,
    by_window.area_name,
    by_window.area_type,
    by_window.source,
    by_window.previous_period_start,
    by_window.previous_period_end,
    by_baseline.baseline_period_start,
    by_baseline.baseline_period_end,
    cast(by_window.n1 as bigint) as numerator,
    cast(by_window.d1 as bigint) as denominator,
    cast(by_window.n0 as bigint) as previous_numerator,
    cast(by_window.d0 as bigint) as previous_denominator,
    cast(by_baseline.nb as bigint) as baseline_numerator,
    cast(by_baseline.db as bigint) as baseline_denominator,
    by_window.value,
    by_window.previous_value,
    by_window.change,
    by_window.pct_change,
    by_baseline.baseline_value,
    by_baseline.change_vs_baseline,
    by_baseline.pct_change_vs_baseline,
    by_window.value_decimals,
    by_window.value_rounded,
    by_window.previous_value_rounded,
    by_window.change_rounded,
    by_window.pct_change_rounded,
    by_baseline.baseline_value_rounded,
    by_baseline.change_vs_baseline_rounded,
    by_baseline.pct_change_vs_baseline_rounded,
    by_window.significance_vs_previous,
    by_window.verdict_vs_previous,
    by_baseline.significance_vs_baseline,
    {{ verdict('by_window.polarity', 'by_baseline.change_vs_baseline', 'by_baseline.significance_vs_baseline') }}
        as verdict_vs_baseline,
    by_window.recorded_crimes,
    by_window.solved_crimes,
    by_window.solved_rate_rounded,
    by_window.previous_solved_rate_rounded,
    by_window.solved_rate_change_rounded,
    by_window.solved_rate_significance,
    by_window.solved_rate_verdict,
    by_window.is_about_people,
    by_window.value_suppressed,
    by_window.previous_value_suppressed,
    by_baseline.baseline_value_suppressed,
    by_window.value_suppressed or by_window.previous_value_suppressed as change_suppressed,
    by_window.value_suppressed or by_baseline.baseline_value_suppressed as change_vs_baseline_suppressed
from by_window
inner join by_baseline
    on
        by_window.source = by_baseline.source
        and by_window.measure_id = by_baseline.measure_id
        and by_window.area_code = by_baseline.area_code
        and by_window.window_months = by_baseline.window_months
        and by_window.period_end = by_baseline.period_end
