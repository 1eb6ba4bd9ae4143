-- Every territorial force ranked on each comparable measure (rank 1 = best by the measure
-- seed's polarity), with Kent's most similar group (MSG) and the nation pooled: the MSG and
-- national figures are sums of numerators over sums of denominators (a ratio of rates: of its
-- parts), never a mean of rates.
-- Three kinds of value: from the Home Office 999 data (windows of
-- var('force_ranking_window_lengths') months), the share of calls answered within 10 seconds
-- (pooled by calls) and the average time to answer (the published monthly averages weighted by
-- their calls, so the pooled figure is total seconds over total calls); from the police
-- recorded crime open data (3 and 12 months), offences per 1,000 residents of the 2011 Census
-- (force_population seed; pooled by population), and outcome rates, the share of offences
-- recorded in the window that the crime outcomes tables give a solving (or charge) outcome
-- by publication (pooled by offences); from the data.police.uk stop and search files
-- (windows as the 999 data), searches per 1,000 residents (context only: sorted, never ranked)
-- and the share of searches ending in arrest (pooled by searches), and the ratio of the search
-- rate of Black, Asian, Mixed and Other residents to that of White residents (context only;
-- pooled from its four parts); from the crime outcomes tables of offences involving knives or
-- sharp instruments and of those involving firearms (3 and 12 months), the subset's offences
-- per 100,000 residents (pooled by population) and its charge rate (pooled by offences). The % changes
-- against a year earlier and the baseline are ranked in fct_force_comparison. The change in
-- rank is against the same window a year earlier.
with

calls as (

    select * from {{ ref('int_public__calls_999_monthly') }}
    where is_territorial

),

crime as (

    select * from {{ ref('fct_force_measure_windows') }}
    where is_territorial

),

outcome_rates as (

    select * from {{ ref('int_public__prc_outcome_rates_quarterly') }}
    where is_territorial

),

subset_rates as (

    select
        subset.measure_id,
        subset.offence_subset,
        subset.force_name,
        subset.quarter_start,
        subset.offences,
        subset.outcomes,
        population.population
    from {{ ref('int_public__prc_subset_rates_quarterly') }} as subset
    left join {{ ref('force_population') }} as population
        on subset.force_name = population.force_name
    where subset.is_territorial

),

calls_monthly as (

    -- Hundredths of a second per call x calls: a published average to 0.01 s is kept exactly.
    select
        *,
        cast(round(published_average_answer_seconds * 100) as hugeint) * calls as answer_centiseconds
    from calls

),

ethnicity as (

    select
        force_name,
        ethnic_group,
        sum(residents) as residents
    from {{ ref('force_population_ethnicity') }}
    group by all

),

stop_searches as (

    select
        stop_search.*,
        population.population
    from {{ ref('fct_stop_search_monthly') }} as stop_search
    left join {{ ref('force_population') }} as population
        on stop_search.force_name = population.force_name
    where stop_search.is_territorial

),

-- Board measures, and the comparison-only measures that have no board figure.
measures as (

    select
        measure_id,
        measure_name,
        unit,
        polarity,
        display_order
    from {{ ref('dim_measures') }}
    union all
    select
        measure_id,
        measure_name,
        unit,
        polarity,
        display_order
    from {{ ref('comparison_measures') }}

),

forces as (

    select * from {{ ref('dim_forces') }}

),

calls_windows as (

    {{ complete_windows(
        'calls_monthly', ['force_name'], 'month_start', 1,
        ['calls', 'answered_under_10s', 'answer_centiseconds'],
        lengths=var('force_ranking_window_lengths')
    ) }}

),

stop_search_windows as (

    {{ complete_windows(
        'stop_searches', ['force_name'], 'month_start', 1,
        [
            'searches', 'arrests',
            'searches_white', 'searches_black', 'searches_asian', 'searches_mixed', 'searches_other',
        ],
        extra=['any_value(periods.population) as population'],
        lengths=var('force_ranking_window_lengths')
    ) }}

),

-- One row per window and ethnic group other than White, with the window's White searches.
group_search_windows as (

    unpivot stop_search_windows
    on searches_black, searches_asian, searches_mixed, searches_other
    into name searches_column value group_searches

),

-- Each group's searches and residents against White's, for every comparison measure that names
-- the group (comparison_measures.ethnic_group); a force needs residents of both groups.
group_ratio_windows as (

    select
        group_measures.measure_id,
        group_measures.ethnic_group,
        windows.window_months,
        windows.period_start,
        windows.period_end,
        windows.force_name,
        windows.group_searches,
        group_residents.residents as group_residents,
        windows.searches_white,
        white_residents.residents as white_residents
    from group_search_windows as windows
    inner join {{ ref('comparison_measures') }} as group_measures
        on windows.searches_column = 'searches_' || lower(group_measures.ethnic_group)
    inner join ethnicity as group_residents
        on
            windows.force_name = group_residents.force_name
            and group_measures.ethnic_group = group_residents.ethnic_group
    inner join ethnicity as white_residents
        on
            windows.force_name = white_residents.force_name
            and white_residents.ethnic_group = 'White'

),

outcome_rate_windows as (

    {{ complete_windows(
        'outcome_rates', ['measure_id', 'force_name'], 'quarter_start', 3, ['outcomes', 'offences']
    ) }}

),

subset_windows as (

    {{ complete_windows(
        'subset_rates', ['measure_id', 'offence_subset', 'force_name'], 'quarter_start', 3,
        ['offences', 'outcomes'], extra=['any_value(periods.population) as population']
    ) }}

),

valued as (

    -- By name: only the ratio branch carries the four parts of its rates (null elsewhere).
    select
        'calls_999_within_10s_pct' as measure_id,
        'share of 999 calls answered within 10 seconds' as compared_value,
        'percent' as value_unit,
        1 as value_decimals,
        cast(window_months as integer) as window_months,
        period_start,
        period_end,
        force_name,
        cast(answered_under_10s as hugeint) * 100 as numerator,
        cast(calls as hugeint) as denominator
    from calls_windows
    union all by name
    select
        'calls_999_avg_answer_seconds' as measure_id,
        'average time to answer a 999 call' as compared_value,
        'seconds' as value_unit,
        1 as value_decimals,
        cast(window_months as integer) as window_months,
        period_start,
        period_end,
        force_name,
        cast(answer_centiseconds as hugeint) as numerator,
        cast(calls as hugeint) * 100 as denominator
    from calls_windows
    union all by name
    select
        measure_id,
        'offences per 1,000 residents (2011 Census)' as compared_value,
        'rate_per_1000' as value_unit,
        2 as value_decimals,
        window_months,
        period_start,
        period_end,
        force_name,
        cast(offences as hugeint) * 1000 as numerator,
        cast(population as hugeint) as denominator
    from crime
    where population is not null
    union all by name
    select
        measure_id,
        'offences recorded in the window given the outcome by publication (crime outcomes tables)'
            as compared_value,
        'percent' as value_unit,
        1 as value_decimals,
        cast(window_months as integer) as window_months,
        period_start,
        period_end,
        force_name,
        cast(outcomes as hugeint) * 100 as numerator,
        cast(offences as hugeint) as denominator
    from outcome_rate_windows
    union all by name
    select
        measure_id,
        'offences involving ' || replace(offence_subset, '_', ' ')
        || ' recorded per 100,000 residents (2011 Census)' as compared_value,
        'rate_per_100000' as value_unit,
        1 as value_decimals,
        cast(window_months as integer) as window_months,
        period_start,
        period_end,
        force_name,
        cast(offences as hugeint) * 100000 as numerator,
        cast(population as hugeint) as denominator
    from subset_windows
    where outcomes is null and population is not null
    union all by name
    select
        measure_id,
        'offences involving ' || replace(offence_subset, '_', ' ')
        || ' recorded in the window given the outcome by publication (crime outcomes tables)' as compared_value,
        'percent' as value_unit,
        1 as value_decimals,
        cast(window_months as integer) as window_months,
        period_start,
        period_end,
        force_name,
        cast(outcomes as hugeint) * 100 as numerator,
        cast(offences as hugeint) as denominator
    from subset_windows
    where outcomes is not null and offences > 0
    union all by name
    select
        'stop_search_per_1000' as measure_id,
        'stop and searches per 1,000 residents (2011 Census)' as compared_value,
        'rate_per_1000' as value_unit,
        2 as value_decimals,
        cast(window_months as integer) as window_months,
        period_start,
        period_end,
        force_name,
        cast(searches as hugeint) * 1000 as numerator,
        cast(population as hugeint) as denominator
    from stop_search_windows
    where population is not null
    union all by name
    select
        'stop_search_arrest_pct' as measure_id,
        'share of stop and searches ending in arrest' as compared_value,
        'percent' as value_unit,
        1 as value_decimals,
        cast(window_months as integer) as window_months,
        period_start,
        period_end,
        force_name,
        cast(arrests as hugeint) * 100 as numerator,
        cast(searches as hugeint) as denominator
    from stop_search_windows
    union all by name
    -- A ratio of two rates, (group searches / group residents) / (White searches / White
    -- residents): pooled from its four parts (below), never as a sum of the forces' products.
    select
        measure_id,
        'search rate of the ' || ethnic_group || ' group over that of the White group (2011 Census residents)'
            as compared_value,
        'times' as value_unit,
        1 as value_decimals,
        cast(window_months as integer) as window_months,
        period_start,
        period_end,
        force_name,
        cast(group_searches as hugeint) * white_residents as numerator,
        cast(group_residents as hugeint) * searches_white as denominator,
        cast(group_searches as hugeint) as rate_numerator_a,
        cast(group_residents as hugeint) as rate_denominator_a,
        cast(searches_white as hugeint) as rate_numerator_b,
        cast(white_residents as hugeint) as rate_denominator_b
    from group_ratio_windows

),

flagged as (

    select
        valued.*,
        measures.measure_name,
        measures.unit,
        measures.polarity,
        measures.display_order,
        coalesce(forces.is_kent, false) as is_kent,
        coalesce(forces.is_msg, false) as is_msg,
        {{ exact_division('valued.numerator', 'valued.denominator') }} as exact_value,
        case measures.polarity
            when 'higher_is_better' then -1
            when 'lower_is_better' then 1
        end as rank_sign
    from valued
    inner join measures on valued.measure_id = measures.measure_id
    left join forces on valued.force_name = forces.force_name

),

ranked as (

    select
        *,
        case when rank_sign is not null and exact_value is not null then rank() over (
            partition by measure_id, window_months, period_end, rank_sign is null, exact_value is null
            order by rank_sign * exact_value
        ) end as force_rank,
        count(case when rank_sign is not null then exact_value end) over (
            partition by measure_id, window_months, period_end
        ) as forces_ranked,
        -- The order of the sorted chart: best first, or highest first for a context measure.
        case when exact_value is not null then row_number() over (
            partition by measure_id, window_months, period_end, exact_value is null
            order by coalesce(rank_sign, -1) * exact_value, force_name
        ) end as value_order,
        case when (is_kent or is_msg) and rank_sign is not null and exact_value is not null then rank() over (
            partition by
                measure_id, window_months, period_end, is_kent or is_msg, rank_sign is null, exact_value is null
            order by rank_sign * exact_value
        ) end as msg_rank,
        count(case when (is_kent or is_msg) and rank_sign is not null then exact_value end) over (
            partition by measure_id, window_months, period_end
        ) as msg_forces_ranked,
        sum(case when is_msg then numerator end) over (
            partition by measure_id, window_months, period_end
        ) as msg_numerator,
        sum(case when is_msg then denominator end) over (
            partition by measure_id, window_months, period_end
        ) as msg_denominator,
        count(case when is_msg then 1 end) over (
            partition by measure_id, window_months, period_end
        ) as msg_forces,
        sum(numerator) over (partition by measure_id, window_months, period_end) as national_numerator,
        sum(denominator) over (
            partition by measure_id, window_months, period_end
        ) as national_denominator,
        sum(case when is_msg then rate_numerator_a end) over (
            partition by measure_id, window_months, period_end
        ) as msg_rate_numerator_a,
        sum(case when is_msg then rate_denominator_a end) over (
            partition by measure_id, window_months, period_end
        ) as msg_rate_denominator_a,
        sum(case when is_msg then rate_numerator_b end) over (
            partition by measure_id, window_months, period_end
        ) as msg_rate_numerator_b,
        sum(case when is_msg then rate_denominator_b end) over (
            partition by measure_id, window_months, period_end
        ) as msg_rate_denominator_b,
        sum(rate_numerator_a) over (
            partition by measure_id, window_months, period_end
        ) as national_rate_numerator_a,
        sum(rate_denominator_a) over (
            partition by measure_id, window_months, period_end
        ) as national_rate_denominator_a,
        sum(rate_numerator_b) over (
            partition by measure_id, window_months, period_end
        ) as national_rate_numerator_b,
        sum(rate_denominator_b) over (
            partition by measure_id, window_months, period_end
        ) as national_rate_denominator_b,
        count(*) over (partition by measure_id, window_months, period_end) as national_forces
    from flagged

),

-- A ratio of two rates pools its four parts, (sum a / sum da) / (sum b / sum db), never the
-- sum of the forces' products; every other measure pools its numerators and denominators.
pooled as (

    select
        * replace (
            coalesce(msg_rate_numerator_a * msg_rate_denominator_b, msg_numerator) as msg_numerator,
            coalesce(msg_rate_denominator_a * msg_rate_numerator_b, msg_denominator) as msg_denominator,
            coalesce(
                national_rate_numerator_a * national_rate_denominator_b, national_numerator
            ) as national_numerator,
            coalesce(
                national_rate_denominator_a * national_rate_numerator_b, national_denominator
            ) as national_denominator
        )
    from ranked

)

select
    ranked.measure_id,
    ranked.measure_name,
    ranked.compared_value,
    ranked.value_unit,
    cast(ranked.value_decimals as integer) as value_decimals,
    ranked.unit,
    ranked.polarity,
    cast(ranked.display_order as integer) as display_order,
    ranked.window_months,
    ranked.period_start,
    ranked.period_end,
    ranked.force_name,
    ranked.is_kent,
    ranked.is_msg,
    cast(ranked.numerator as bigint) as numerator,
    cast(ranked.denominator as bigint) as denominator,
    ranked.exact_value,
    {{ figure('ranked.numerator', 'ranked.denominator', 'ranked.value_decimals') }} as value_rounded,
    cast(ranked.force_rank as integer) as force_rank,
    cast(ranked.forces_ranked as integer) as forces_ranked,
    cast(ranked.value_order as integer) as value_order,
    cast(year_earlier.force_rank as integer) as force_rank_year_earlier,
    cast(year_earlier.force_rank - ranked.force_rank as integer) as rank_change,
    cast(ranked.msg_rank as integer) as msg_rank,
    cast(ranked.msg_forces_ranked as integer) as msg_forces_ranked,
    cast(ranked.msg_forces as integer) as msg_forces,
    cast(ranked.msg_numerator as bigint) as msg_numerator,
    cast(ranked.msg_denominator as bigint) as msg_denominator,
    {{ figure('ranked.msg_numerator', 'ranked.msg_denominator', 'ranked.value_decimals') }}
        as msg_value_rounded,
    cast(ranked.national_forces as integer) as national_forces,
    cast(ranked.national_numerator as bigint) as national_numerator,
    cast(ranked.national_denominator as bigint) as national_denominator,
    {{ figure('ranked.national_numerator', 'ranked.national_denominator', 'ranked.value_decimals') }}
        as national_value_rounded
from pooled as ranked
left join pooled as year_earlier
    on
        ranked.measure_id = year_earlier.measure_id
        and ranked.window_months = year_earlier.window_months
        and ranked.force_name = year_earlier.force_name
        and year_earlier.period_end = {{ add_months('ranked.period_end', -12) }}
