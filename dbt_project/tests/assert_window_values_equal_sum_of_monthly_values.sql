-- A window's numerator and denominator are the sums of its months' (the last month's run length
-- for streak measures), and the window exists exactly when all its months are covered.
with

measures as (

    select * from {{ ref('dim_measures') }}

),

monthly as (

    select * from {{ ref('fct_measure_monthly') }}

),

windows as (

    select * from {{ ref('fct_measure_windows') }}

),

recomputed as (

    select
        windows.measure_id,
        windows.area_code,
        windows.window_months,
        windows.period_end,
        count(monthly.month_start) as months_found,
        sum(monthly.numerator) as numerator_sum,
        sum(monthly.denominator) as denominator_sum,
        max(monthly.numerator) filter (where monthly.month_start = windows.period_end) as last_numerator
    from windows
    left join monthly
        on
            windows.measure_id = monthly.measure_id
            and windows.area_code = monthly.area_code
            and windows.period_start <= monthly.month_start
            and windows.period_end >= monthly.month_start
    group by all

)

select
    windows.measure_id,
    windows.area_code,
    windows.window_months,
    windows.period_end,
    windows.numerator,
    recomputed.numerator_sum,
    recomputed.last_numerator,
    recomputed.months_found
from windows
inner join recomputed
    on
        windows.measure_id = recomputed.measure_id
        and windows.area_code = recomputed.area_code
        and windows.window_months = recomputed.window_months
        and windows.period_end = recomputed.period_end
inner join measures on windows.measure_id = measures.measure_id
where
    recomputed.months_found <> windows.window_months
    or date_diff('month', windows.period_start, windows.period_end) + 1 <> windows.window_months
    or windows.denominator is distinct from recomputed.denominator_sum
    or (measures.window_aggregation = 'sum' and windows.numerator is distinct from recomputed.numerator_sum)
    or (measures.window_aggregation = 'last' and windows.numerator is distinct from recomputed.last_numerator)
