-- Each target's glide path month by month from its start to its target period, against the actual
-- rolling 12-month value where the data reach. Status (months with an actual): on_track at or
-- below the path; close_to_path above it but within the count's 95% Poisson interval
-- (actual - 1.96 * sqrt(actual) <= path); off_track otherwise.
with

targets as (

    select
        targets.*,
        measures.measure_name,
        {{ month_from_text('targets.start_period_end') }} as start_month,
        {{ month_from_text('targets.target_period_end') }} as target_month
    from {{ ref('targets') }} as targets
    inner join {{ ref('dim_measures') }} as measures on targets.measure_id = measures.measure_id

),

actuals as (

    select *
    from {{ ref('fct_measure_windows') }}
    where window_months = 12

),

anchored as (

    select
        targets.*,
        cast(actuals.numerator as double) as start_value,
        case
            when targets.target_kind = 'pct_reduction'
                then actuals.numerator * (1 - targets.target_amount / 100)
            else targets.target_amount
        end as target_value,
        date_diff('month', targets.start_month, targets.target_month) as total_months
    from targets
    left join actuals
        on
            targets.measure_id = actuals.measure_id
            and targets.area_code = actuals.area_code
            and targets.start_month = actuals.period_end

),

months as (

    select
        anchored.*,
        cast(unnest(generate_series(0, anchored.total_months)) as integer) as months_elapsed
    from anchored

),

path as (

    select
        months.*,
        {{ add_months('months.start_month', 'months.months_elapsed') }} as period_end,
        case
            when months.glide_path = 'linear'
                then
                    months.start_value
                    + (months.target_value - months.start_value) * months.months_elapsed / months.total_months
            when months.start_value > 0
                then
                    months.start_value
                    * pow(months.target_value / months.start_value, months.months_elapsed / months.total_months)
        end as path_value
    from months

),

compared as (

    select
        path.*,
        cast(actuals.numerator as double) as actual_value
    from path
    left join actuals
        on
            path.measure_id = actuals.measure_id
            and path.area_code = actuals.area_code
            and path.period_end = actuals.period_end

)

select
    target_id,
    measure_id,
    measure_name,
    area_code,
    period_end,
    months_elapsed,
    glide_path,
    start_value,
    target_value,
    path_value,
    actual_value,
    actual_value - path_value as gap,
    (actual_value - path_value) * 100 / path_value as gap_pct,
    case
        when actual_value is null or path_value is null then null
        when actual_value <= path_value then 'on_track'
        when actual_value - 1.959964 * sqrt(actual_value) <= path_value then 'close_to_path'
        else 'off_track'
    end as status,
    coalesce(
        actual_value is not null
        and period_end = max(case when actual_value is not null then period_end end) over (partition by target_id),
        false
    ) as is_latest_actual
from compared
