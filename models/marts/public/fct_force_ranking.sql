-- Every territorial force ranked on each comparable measure (rank 1 = best by the measure
-- seed's polarity), with Kent's most similar group (MSG) and the nation pooled: the MSG and
-- national figures are sums of numerators over sums of denominators, never a mean of rates.
-- Two kinds of value: the 999 share answered within 10 seconds (Home Office 999 data; windows
-- of var('force_ranking_window_lengths') months) and the recorded crime measures' % change
-- against the same window a year earlier (police recorded crime open data; 3 and 12 months).
-- The change in rank is against the same window a year earlier.
with

calls as (

    select * from {{ ref('int_public__calls_999_monthly') }}
    where is_territorial

),

crime as (

    select * from {{ ref('fct_force_measure_windows') }}
    where is_territorial

),

measures as (

    select * from {{ ref('dim_measures') }}

),

forces as (

    select * from {{ ref('dim_forces') }}

),

calls_windows as (

    {{ complete_windows(
        'calls', ['force_name'], 'month_start', 1, ['calls', 'answered_under_10s'],
        lengths=var('force_ranking_window_lengths')
    ) }}

),

valued as (

    select
        'calls_999_within_10s_pct' as measure_id,
        'share of 999 calls answered within 10 seconds' as compared_value,
        'percent' as value_unit,
        cast(window_months as integer) as window_months,
        period_start,
        period_end,
        force_name,
        cast(answered_under_10s as hugeint) * 100 as numerator,
        cast(calls as hugeint) as denominator
    from calls_windows
    union all
    select
        measure_id,
        '% change against the same window a year earlier' as compared_value,
        'pct_change' as value_unit,
        window_months,
        period_start,
        period_end,
        force_name,
        (cast(offences as hugeint) - previous_offences) * 100 as numerator,
        cast(previous_offences as hugeint) as denominator
    from crime
    where previous_offences is not null

),

flagged as (

    select
        valued.*,
        measures.measure_name,
        measures.unit,
        measures.polarity,
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
        count(*) over (partition by measure_id, window_months, period_end) as national_forces
    from flagged

)

select
    ranked.measure_id,
    ranked.measure_name,
    ranked.compared_value,
    ranked.value_unit,
    ranked.unit,
    ranked.polarity,
    ranked.window_months,
    ranked.period_start,
    ranked.period_end,
    ranked.force_name,
    ranked.is_kent,
    ranked.is_msg,
    cast(ranked.numerator as bigint) as numerator,
    cast(ranked.denominator as bigint) as denominator,
    ranked.exact_value,
    {{ shown('ranked.numerator', 'ranked.denominator', 1) }} as value_rounded,
    cast(ranked.force_rank as integer) as force_rank,
    cast(ranked.forces_ranked as integer) as forces_ranked,
    cast(year_earlier.force_rank as integer) as force_rank_year_earlier,
    cast(year_earlier.force_rank - ranked.force_rank as integer) as rank_change,
    cast(ranked.msg_rank as integer) as msg_rank,
    cast(ranked.msg_forces_ranked as integer) as msg_forces_ranked,
    cast(ranked.msg_forces as integer) as msg_forces,
    cast(ranked.msg_numerator as bigint) as msg_numerator,
    cast(ranked.msg_denominator as bigint) as msg_denominator,
    {{ shown('ranked.msg_numerator', 'ranked.msg_denominator', 1) }} as msg_value_rounded,
    cast(ranked.national_forces as integer) as national_forces,
    cast(ranked.national_numerator as bigint) as national_numerator,
    cast(ranked.national_denominator as bigint) as national_denominator,
    {{ shown('ranked.national_numerator', 'ranked.national_denominator', 1) }} as national_value_rounded
from ranked
left join ranked as year_earlier
    on
        ranked.measure_id = year_earlier.measure_id
        and ranked.window_months = year_earlier.window_months
        and ranked.force_name = year_earlier.force_name
        and year_earlier.period_end = {{ add_months('ranked.period_end', -12) }}
