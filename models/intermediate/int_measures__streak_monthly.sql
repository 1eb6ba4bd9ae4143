-- Streak measures: for each month, the number of consecutive calendar months up to and including
-- it in which the measure named by streak_of was at least streak_threshold (0 if the month
-- missed). A run that reaches back to the start of the data (or a gap in coverage) has an
-- unknown length, so it is NULL rather than an undercount.
with

rules as (

    select * from {{ ref('int_measures__rules') }}

),

base as (

    select * from {{ ref('int_measures__monthly_base') }}

),

monthly as (

    select
        streaks.measure_id,
        base.area_code,
        base.month_start,
        -- Compare numerator * multiplier >= threshold * denominator: no division, no rounding.
        coalesce(
            base.denominator > 0
            and base.numerator * tested.value_multiplier >= streaks.streak_threshold * base.denominator,
            false
        ) as meets_threshold,
        date_diff('month', date '2000-01-01', base.month_start) as month_index,
        lag(base.month_start) over (
            partition by streaks.measure_id, base.area_code order by base.month_start
        ) as previous_covered_month
    from rules as streaks
    inner join rules as tested on streaks.streak_of = tested.measure_id
    inner join base on tested.measure_id = base.measure_id
    where streaks.streak_of is not null

),

islands as (

    select
        monthly.*,
        coalesce(
            monthly.previous_covered_month <> {{ add_months('monthly.month_start', -1) }}, true
        ) as follows_gap,
        monthly.month_index - row_number() over (
            partition by monthly.measure_id, monthly.area_code, monthly.meets_threshold
            order by monthly.month_start
        ) as island
    from monthly

),

runs as (

    select
        *,
        row_number() over (
            partition by measure_id, area_code, meets_threshold, island order by month_start
        ) as run_length,
        first_value(follows_gap) over (
            partition by measure_id, area_code, meets_threshold, island order by month_start
        ) as run_follows_gap
    from islands

)

select
    measure_id,
    area_code,
    month_start,
    cast(
        case
            when not meets_threshold then 0
            when run_follows_gap then null
            else run_length
        end
        as bigint
    ) as numerator,
    cast(null as bigint) as denominator,
    cast(null as bigint) as recorded_crimes,
    cast(null as bigint) as solved_crimes
from runs
